#include "capi/error.h"

#include <chrono>
#include <memory>
#include <string>

#include "base/closest.h"
#include "base/text.h"
#include "orgnet/orgnet.h"
#include "orgnet/progress.h"
#include "orgnet/text.h"

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

namespace {

// The calling thread's C progress handler, installed as a C++ ProgressScope for as long as it
// stays set (a scope per thread, replaced when the handler changes).
struct CProgress {
  orgnet_progress_fn handler = nullptr;
  void* context = nullptr;
  std::unique_ptr<orgnet::ProgressScope> scope;
};
thread_local CProgress c_progress;

}  // namespace

extern "C" {

int orgnet_set_progress_handler(orgnet_progress_fn handler, void* context,
                                uint32_t interval_ms) {
  return orgnet::capi::Guard([&] {
    if (interval_ms > 100) {
      return orgnet::capi::SetError(
          ORGNET_INVALID_ARGUMENT,
          orgnet::internal::Cat("interval_ms is ", interval_ms, "; it is 1 to 100 (0: 50)"));
    }
    c_progress.scope.reset();
    c_progress.handler = handler;
    c_progress.context = context;
    if (handler != nullptr) {
      c_progress.scope = std::make_unique<orgnet::ProgressScope>(
          [](const orgnet::ProgressReport& report) {
            const std::string work(report.work);
            return c_progress.handler(c_progress.context, work.c_str(), report.done,
                                      report.total) == 0;
          },
          std::chrono::milliseconds(interval_ms == 0 ? 50 : interval_ms));
    }
    return ORGNET_OK;
  });
}

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
    case ORGNET_UNAVAILABLE:
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
