// Arrays the C ABI hands out: lent (borrowed from a handle) or copied into malloc'd memory the
// caller frees with orgnet_free().
#ifndef ORGNET_CAPI_ARRAYS_H_
#define ORGNET_CAPI_ARRAYS_H_

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "absl/types/span.h"
#include "capi/error.h"
#include "orgnet/orgnet.h"

namespace orgnet::capi {

// Lends a library-owned array (valid as long as its handle) as (*out, *count).
template <typename T>
int Borrow(const T** out, size_t* count, absl::Span<const T> values) {
  *out = values.data();
  *count = values.size();
  return ORGNET_OK;
}

// Copies convert(v) for every v of @p values into a malloc'd array (@p count may be NULL).
template <typename Out, typename In, typename Convert>
int AllocateArray(Out** out, size_t* count, const In& values, Convert convert) {
  auto* data = static_cast<Out*>(std::malloc(std::max<size_t>(1, values.size()) * sizeof(Out)));
  if (data == nullptr) return SetError(ORGNET_RESOURCE_EXHAUSTED, "out of memory");
  for (size_t i = 0; i < values.size(); ++i) data[i] = convert(values[i]);
  *out = data;
  if (count != nullptr) *count = values.size();
  return ORGNET_OK;
}

// Copies C++ rows into a malloc'd array of their C twin, byte for byte: for row types whose
// layouts are one (checked where the pair is declared, by ORGNET_SAME_LAYOUT), so that no
// conversion code restates the row's shape.
template <typename COut, typename Rows>
int AllocateSameLayout(COut** out, size_t* count, const Rows& rows) {
  using CppIn = std::remove_cv_t<std::remove_reference_t<decltype(*rows.data())>>;
  static_assert(sizeof(COut) == sizeof(CppIn) && std::is_trivially_copyable_v<CppIn>);
  auto* data = static_cast<COut*>(std::malloc(std::max<size_t>(1, rows.size()) * sizeof(COut)));
  if (data == nullptr) return SetError(ORGNET_RESOURCE_EXHAUSTED, "out of memory");
  if (!rows.empty()) std::memcpy(data, rows.data(), rows.size() * sizeof(COut));
  *out = data;
  if (count != nullptr) *count = rows.size();
  return ORGNET_OK;
}

// Ties a C struct's layout to its C++ twin, whose rows are then handed over byte for byte
// (AllocateSameLayout, LendArray): the same size, a trivially copyable C++ type, and each named
// field (the same name in both; up to 20) at the same offset with the same size. A test
// (tests/python/test_capi_gen.py) checks that every field of the C struct is named.
#define ORGNET_SAME_LAYOUT(c_type, cpp_type, ...)                                        \
  static_assert(sizeof(c_type) == sizeof(cpp_type) &&                                   \
                    std::is_trivially_copyable_v<cpp_type>,                             \
                #c_type " and " #cpp_type " differ in size");                           \
  ORGNET_FOR_EACH_FIELD(ORGNET_SAME_FIELD_AT, c_type, cpp_type, __VA_ARGS__)

#define ORGNET_SAME_FIELD_AT(c_type, cpp_type, field)                                   \
  static_assert(offsetof(c_type, field) == offsetof(cpp_type, field) &&                 \
                    sizeof(c_type::field) == sizeof(cpp_type::field),                   \
                #c_type "." #field " is not where " #cpp_type "." #field " is")
// ORGNET_FOR_EACH_FIELD(m, a, b, x, y, ...) is m(a, b, x); m(a, b, y); ...
#define ORGNET_FE_1(m, a, b, x) m(a, b, x)
#define ORGNET_FE_2(m, a, b, x, ...) m(a, b, x); ORGNET_FE_1(m, a, b, __VA_ARGS__)
#define ORGNET_FE_3(m, a, b, x, ...) m(a, b, x); ORGNET_FE_2(m, a, b, __VA_ARGS__)
#define ORGNET_FE_4(m, a, b, x, ...) m(a, b, x); ORGNET_FE_3(m, a, b, __VA_ARGS__)
#define ORGNET_FE_5(m, a, b, x, ...) m(a, b, x); ORGNET_FE_4(m, a, b, __VA_ARGS__)
#define ORGNET_FE_6(m, a, b, x, ...) m(a, b, x); ORGNET_FE_5(m, a, b, __VA_ARGS__)
#define ORGNET_FE_7(m, a, b, x, ...) m(a, b, x); ORGNET_FE_6(m, a, b, __VA_ARGS__)
#define ORGNET_FE_8(m, a, b, x, ...) m(a, b, x); ORGNET_FE_7(m, a, b, __VA_ARGS__)
#define ORGNET_FE_9(m, a, b, x, ...) m(a, b, x); ORGNET_FE_8(m, a, b, __VA_ARGS__)
#define ORGNET_FE_10(m, a, b, x, ...) m(a, b, x); ORGNET_FE_9(m, a, b, __VA_ARGS__)
#define ORGNET_FE_11(m, a, b, x, ...) m(a, b, x); ORGNET_FE_10(m, a, b, __VA_ARGS__)
#define ORGNET_FE_12(m, a, b, x, ...) m(a, b, x); ORGNET_FE_11(m, a, b, __VA_ARGS__)
#define ORGNET_FE_13(m, a, b, x, ...) m(a, b, x); ORGNET_FE_12(m, a, b, __VA_ARGS__)
#define ORGNET_FE_14(m, a, b, x, ...) m(a, b, x); ORGNET_FE_13(m, a, b, __VA_ARGS__)
#define ORGNET_FE_15(m, a, b, x, ...) m(a, b, x); ORGNET_FE_14(m, a, b, __VA_ARGS__)
#define ORGNET_FE_16(m, a, b, x, ...) m(a, b, x); ORGNET_FE_15(m, a, b, __VA_ARGS__)
#define ORGNET_FE_17(m, a, b, x, ...) m(a, b, x); ORGNET_FE_16(m, a, b, __VA_ARGS__)
#define ORGNET_FE_18(m, a, b, x, ...) m(a, b, x); ORGNET_FE_17(m, a, b, __VA_ARGS__)
#define ORGNET_FE_19(m, a, b, x, ...) m(a, b, x); ORGNET_FE_18(m, a, b, __VA_ARGS__)
#define ORGNET_FE_20(m, a, b, x, ...) m(a, b, x); ORGNET_FE_19(m, a, b, __VA_ARGS__)
#define ORGNET_FE_PICK(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, _17, _18, _19, _20, N, ...) N
#define ORGNET_FOR_EACH_FIELD(m, a, b, ...) \
  ORGNET_FE_PICK(__VA_ARGS__, ORGNET_FE_20, ORGNET_FE_19, ORGNET_FE_18, ORGNET_FE_17, ORGNET_FE_16, ORGNET_FE_15, ORGNET_FE_14, ORGNET_FE_13, ORGNET_FE_12, ORGNET_FE_11, ORGNET_FE_10, ORGNET_FE_9, ORGNET_FE_8, ORGNET_FE_7, ORGNET_FE_6, ORGNET_FE_5, ORGNET_FE_4, ORGNET_FE_3, ORGNET_FE_2, ORGNET_FE_1)(m, a, b, __VA_ARGS__)

// The same, element for element.
template <typename T>
int AllocateCopy(T** out, size_t* count, const std::vector<T>& values) {
  return AllocateArray(out, count, values, [](const T& v) { return v; });
}

// A malloc'd NUL-terminated copy of @p text (release with orgnet_free()).
inline int AllocateString(char** out, size_t* length, std::string_view text) {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) return SetError(ORGNET_RESOURCE_EXHAUSTED, "out of memory");
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  *out = copy;
  if (length != nullptr) *length = text.size();
  return ORGNET_OK;
}

}  // namespace orgnet::capi

#endif  // ORGNET_CAPI_ARRAYS_H_
