// Arrays the C ABI hands out: copied into malloc'd memory the caller frees with orgnet_free().
#ifndef ORGNET_CAPI_ARRAYS_H_
#define ORGNET_CAPI_ARRAYS_H_

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "capi/error.h"
#include "orgnet/orgnet.h"

namespace orgnet::capi {

// ORGNET_INVALID_ARGUMENT naming the argument that is NULL.
inline int NullArgument(const char* what) {
  return SetError(ORGNET_INVALID_ARGUMENT, std::string(what) + " is NULL");
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

// The same, element for element.
template <typename T>
int AllocateCopy(T** out, size_t* count, const std::vector<T>& values) {
  return AllocateArray(out, count, values, [](const T& v) { return v; });
}

// A malloc'd NUL-terminated copy of @p text (release with orgnet_string_free()).
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
