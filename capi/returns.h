// The ways a C ABI function hands its result out, each one call: a scalar or struct written
// to *out, an array or text lent from a handle (*out, *out_count or *out_len), an array or
// text copied into memory the caller releases with orgnet_free(), a new handle. Each runs
// inside Guard (no exception crosses), first checks that the outputs and the named inputs are
// not NULL (naming them as the header does: "out", "out_count"/"out_len", then the inputs),
// then runs the argument checks (an int status), then hands out what `get` returns — a value,
// or an absl::StatusOr of one, whose error becomes the call's status; on any failure the
// outputs are unchanged.
#ifndef ORGNET_CAPI_RETURNS_H_
#define ORGNET_CAPI_RETURNS_H_

#include <cstddef>
#include <initializer_list>
#include <string_view>
#include <type_traits>
#include <utility>

#include "absl/status/statusor.h"
#include "capi/arguments.h"
#include "capi/arrays.h"
#include "capi/error.h"
#include "orgnet/orgnet.h"

namespace orgnet::capi {

// A pointer argument and its name in the header.
struct Named {
  const void* pointer;
  const char* name;
};

// Argument checks that check nothing (for the overloads without them).
inline int NoChecks() { return ORGNET_OK; }

namespace returns_internal {

template <typename T>
struct IsStatusOr : std::false_type {};
template <typename T>
struct IsStatusOr<absl::StatusOr<T>> : std::true_type {};

// Calls get(); hands its value (or the StatusOr's value) to use(value), or returns the
// StatusOr's error.
template <typename Get, typename Use>
int WithValue(Get& get, Use use) {
  if constexpr (IsStatusOr<std::remove_cv_t<std::remove_reference_t<decltype(get())>>>::value) {
    auto result = get();
    if (!result.ok()) return SetError(result.status());
    return use(*result);
  } else {
    decltype(auto) value = get();
    return use(value);
  }
}

inline int RequireAll(std::initializer_list<Named> outputs, std::initializer_list<Named> inputs) {
  for (const Named& p : outputs) {
    if (p.pointer == nullptr) return Invalid(internal::Cat(p.name, " is NULL"));
  }
  for (const Named& p : inputs) {
    if (p.pointer == nullptr) return Invalid(internal::Cat(p.name, " is NULL"));
  }
  return ORGNET_OK;
}

}  // namespace returns_internal

// *out = get(), after the NULL checks and @p checks.
template <typename Out, typename Checks, typename Get>
int ReturnScalar(Out* out, std::initializer_list<Named> inputs, Checks checks, Get get) noexcept {
  return Guard([&] {
    if (int rc = returns_internal::RequireAll({{out, "out"}}, inputs)) return rc;
    if (int rc = checks()) return rc;
    return returns_internal::WithValue(get, [&](auto&& value) {
      *out = value;
      return ORGNET_OK;
    });
  });
}
template <typename Out, typename Get>
int ReturnScalar(Out* out, std::initializer_list<Named> inputs, Get get) noexcept {
  return ReturnScalar(out, inputs, NoChecks, std::move(get));
}

// Lends get()'s elements (a span or container that outlives the call: the handle's), as
// (*out, *out_count). A C++ element type other than T must have T's layout (ORGNET_SAME_LAYOUT
// where the pair is declared).
template <typename T, typename Checks, typename Get>
int LendArray(const T** out, std::size_t* out_count, std::initializer_list<Named> inputs,
              Checks checks, Get get) noexcept {
  return Guard([&] {
    if (int rc = returns_internal::RequireAll({{out, "out"}, {out_count, "out_count"}}, inputs))
      return rc;
    if (int rc = checks()) return rc;
    const auto& values = get();
    using Element = std::remove_cv_t<std::remove_reference_t<decltype(*values.data())>>;
    static_assert(sizeof(Element) == sizeof(T) && std::is_trivially_copyable_v<Element>);
    *out = reinterpret_cast<const T*>(values.data());
    *out_count = values.size();
    return ORGNET_OK;
  });
}
template <typename T, typename Get>
int LendArray(const T** out, std::size_t* out_count, std::initializer_list<Named> inputs,
              Get get) noexcept {
  return LendArray(out, out_count, inputs, NoChecks, std::move(get));
}

// Copies get()'s elements into a malloc'd array (*out, *out_count) the caller releases with
// orgnet_free(); C++ rows of a C twin's layout are copied byte for byte (AllocateSameLayout).
template <typename T, typename Checks, typename Get>
int CopyArray(T** out, std::size_t* out_count, std::initializer_list<Named> inputs,
              Checks checks, Get get) noexcept {
  return Guard([&] {
    if (int rc = returns_internal::RequireAll({{out, "out"}, {out_count, "out_count"}}, inputs))
      return rc;
    if (int rc = checks()) return rc;
    return returns_internal::WithValue(get, [&](const auto& values) {
      using Element = std::remove_cv_t<std::remove_reference_t<decltype(*values.data())>>;
      if constexpr (std::is_same_v<Element, T>) {
        return AllocateArray(out, out_count, values, [](const T& v) { return v; });
      } else {
        return AllocateSameLayout(out, out_count, values);
      }
    });
  });
}
template <typename T, typename Get>
int CopyArray(T** out, std::size_t* out_count, std::initializer_list<Named> inputs,
              Get get) noexcept {
  return CopyArray(out, out_count, inputs, NoChecks, std::move(get));
}

// Lends get()'s text (a string_view into the handle's storage: not NUL-terminated unless the
// header says so) as (*out, *out_len).
template <typename Checks, typename Get>
int LendText(const char** out, std::size_t* out_len, std::initializer_list<Named> inputs,
             Checks checks, Get get) noexcept {
  return Guard([&] {
    if (int rc = returns_internal::RequireAll({{out, "out"}, {out_len, "out_len"}}, inputs))
      return rc;
    if (int rc = checks()) return rc;
    const std::string_view text = get();
    *out = text.data();
    *out_len = text.size();
    return ORGNET_OK;
  });
}
template <typename Get>
int LendText(const char** out, std::size_t* out_len, std::initializer_list<Named> inputs,
             Get get) noexcept {
  return LendText(out, out_len, inputs, NoChecks, std::move(get));
}

// Copies get()'s text into a malloc'd NUL-terminated string (*out, *out_len) the caller
// releases with orgnet_free().
template <typename Checks, typename Get>
int CopyText(char** out, std::size_t* out_len, std::initializer_list<Named> inputs,
             Checks checks, Get get) noexcept {
  return Guard([&] {
    if (int rc = returns_internal::RequireAll({{out, "out"}, {out_len, "out_len"}}, inputs))
      return rc;
    if (int rc = checks()) return rc;
    return returns_internal::WithValue(
        get, [&](const auto& text) { return AllocateString(out, out_len, text); });
  });
}
template <typename Get>
int CopyText(char** out, std::size_t* out_len, std::initializer_list<Named> inputs,
             Get get) noexcept {
  return CopyText(out, out_len, inputs, NoChecks, std::move(get));
}

// A new handle of what get() makes (a value, or an absl::StatusOr of one), moved into
// *out for the caller to release with the handle's own orgnet_*_free().
template <typename Handle, typename Checks, typename Get>
int NewHandle(Handle** out, std::initializer_list<Named> inputs, Checks checks, Get get) noexcept {
  return Guard([&] {
    if (int rc = returns_internal::RequireAll({{out, "out"}}, inputs)) return rc;
    if (int rc = checks()) return rc;
    auto made = get();
    if constexpr (returns_internal::IsStatusOr<decltype(made)>::value) {
      if (!made.ok()) return SetError(made.status());
      *out = new Handle{*std::move(made)};
    } else {
      *out = new Handle{std::move(made)};
    }
    return ORGNET_OK;
  });
}
template <typename Handle, typename Get>
int NewHandle(Handle** out, std::initializer_list<Named> inputs, Get get) noexcept {
  return NewHandle(out, inputs, NoChecks, std::move(get));
}

// Runs get(), an action returning an absl::Status, as the call's status.
template <typename Checks, typename Get>
int RunStatus(std::initializer_list<Named> inputs, Checks checks, Get get) noexcept {
  return Guard([&] {
    if (int rc = returns_internal::RequireAll({}, inputs)) return rc;
    if (int rc = checks()) return rc;
    return SetError(get());
  });
}
template <typename Get>
int RunStatus(std::initializer_list<Named> inputs, Get get) noexcept {
  return RunStatus(inputs, NoChecks, std::move(get));
}

}  // namespace orgnet::capi

#endif  // ORGNET_CAPI_RETURNS_H_
