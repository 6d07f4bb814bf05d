// The C ABI's per-thread last error and the wrapper that keeps exceptions on the C++ side.
#ifndef ORGNET_CAPI_ERROR_H_
#define ORGNET_CAPI_ERROR_H_

#include <new>
#include <string>

#include "absl/status/status.h"

namespace orgnet::capi {

// Records the message for the calling thread and returns the code.
int SetError(int code, std::string message);
// Records a status's message (if not OK) and returns its code.
int SetError(const absl::Status& status);

// Runs `body` (returning an int status); turns any exception into a status.
template <typename Body>
int Guard(Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return SetError(8, "out of memory");
  } catch (const std::exception& e) {
    return SetError(13, std::string("internal error: ") + e.what());
  } catch (...) {
    return SetError(13, "internal error: unknown exception");
  }
}

}  // namespace orgnet::capi

#endif  // ORGNET_CAPI_ERROR_H_
