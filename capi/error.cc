#include "capi/error.h"

#include "orgnet/orgnet.h"

namespace orgnet::capi {
namespace {
// Kept in a .cc file so that every thread owns exactly one message, in the library.
thread_local std::string last_error;
}  // namespace

int SetError(int code, std::string message) {
  last_error = std::move(message);
  return code;
}

int SetError(const absl::Status& status) {
  if (status.ok()) return ORGNET_OK;
  return SetError(static_cast<int>(status.code()), std::string(status.message()));
}

}  // namespace orgnet::capi

extern "C" {

const char* orgnet_last_error(void) { return orgnet::capi::last_error.c_str(); }

void orgnet_clear_error(void) { orgnet::capi::last_error.clear(); }

const char* orgnet_status_string(int status) {
  switch (status) {
    case ORGNET_OK:
      return "ok";
    case 1:
      return "cancelled";
    case ORGNET_UNKNOWN:
      return "unknown";
    case ORGNET_INVALID_ARGUMENT:
      return "invalid argument";
    case 4:
      return "deadline exceeded";
    case ORGNET_NOT_FOUND:
      return "not found";
    case ORGNET_ALREADY_EXISTS:
      return "already exists";
    case ORGNET_PERMISSION_DENIED:
      return "permission denied";
    case ORGNET_RESOURCE_EXHAUSTED:
      return "resource exhausted";
    case ORGNET_FAILED_PRECONDITION:
      return "failed precondition";
    case 10:
      return "aborted";
    case ORGNET_OUT_OF_RANGE:
      return "out of range";
    case ORGNET_UNIMPLEMENTED:
      return "unimplemented";
    case ORGNET_INTERNAL:
      return "internal";
    case 14:
      return "unavailable";
    case ORGNET_DATA_LOSS:
      return "data loss";
    case 16:
      return "unauthenticated";
    default:
      return "unrecognized status code";
  }
}

}  // extern "C"
