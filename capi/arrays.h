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

// Asserts that a C struct and a C++ struct lay a field out at the same place with the same
// size.
#define ORGNET_SAME_FIELD(c_type, cpp_type, c_field, cpp_field)               \
  static_assert(offsetof(c_type, c_field) == offsetof(cpp_type, cpp_field) && \
                sizeof(c_type::c_field) == sizeof(cpp_type::cpp_field))

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
