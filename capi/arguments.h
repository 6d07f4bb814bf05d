// Text arguments of the C ABI: pointer and length, checked as text (valid UTF-8 without NUL)
// before anything uses them, so that no call stores, echoes or saves bytes a load would refuse.
#ifndef ORGNET_CAPI_ARGUMENTS_H_
#define ORGNET_CAPI_ARGUMENTS_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "capi/error.h"
#include "model/text.h"
#include "model/utf8.h"
#include "orgnet/orgnet.h"

namespace orgnet::capi {

// Views (data, length) as *out; ORGNET_INVALID_ARGUMENT naming @p name when data is NULL with
// a length, or when the bytes are not valid text (the message gives the byte and its offset).
inline int TextArgument(const char* data, std::size_t length, std::string_view name,
                        std::string_view* out) {
  if (data == nullptr && length > 0) {
    return SetError(ORGNET_INVALID_ARGUMENT, internal::Cat(name, " is NULL"));
  }
  const std::string_view text = data == nullptr ? std::string_view() : std::string_view(data, length);
  const std::size_t valid = internal::ValidTextPrefix(text);
  if (valid != text.size()) {
    return SetError(ORGNET_INVALID_ARGUMENT,
                    internal::Cat(name, ": ", internal::InvalidTextReason(text, valid),
                                  " at byte ", valid));
  }
  *out = text;
  return ORGNET_OK;
}

// ORGNET_OUT_OF_RANGE unless @p roll_up is one of the ORGNET_ROLLUP_* numbers (whether the
// call takes that roll-up is the caller's next check, INVALID_ARGUMENT).
inline int CheckRollUp(int roll_up) {
  if (roll_up < 0 || roll_up >= ORGNET_ROLLUP_COUNT) {
    return SetError(ORGNET_OUT_OF_RANGE, internal::Cat("roll-up ", roll_up, " out of range [0, ",
                                                       ORGNET_ROLLUP_COUNT, ")"));
  }
  return ORGNET_OK;
}

}  // namespace orgnet::capi

#endif  // ORGNET_CAPI_ARGUMENTS_H_
