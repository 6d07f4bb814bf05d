#include "output/steps.h"

#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <mutex>

#include "base/text.h"

namespace orgnet::internal {
namespace {

thread_local int fault_countdown = 0;
thread_local FaultAction fault_action = FaultAction::kFail;

// ORGNET_TEST_KILL_AT_STEP: -1 until read, then the step number (0: none).
std::atomic<long> kill_at_step{-1};
std::atomic<long> steps_taken{0};

long KillAtStep() {
  long step = kill_at_step.load(std::memory_order_relaxed);
  if (step >= 0) return step;
  static std::once_flag once;
  std::call_once(once, [] {
    const char* text = std::getenv("ORGNET_TEST_KILL_AT_STEP");
    long value = 0;
    if (text != nullptr) {
      char* end = nullptr;
      value = std::strtol(text, &end, 10);
      if (end == text || *end != '\0' || value < 0) value = 0;
    }
    kill_at_step.store(value);
  });
  return kill_at_step.load();
}

}  // namespace

void SetOutputFault(int countdown, FaultAction action) {
  fault_countdown = countdown > 0 ? countdown : 0;
  fault_action = action;
}

bool OutputFaultArmed() { return fault_countdown > 0; }

absl::Status OutputStep(std::string_view what, std::string_view subject) {
  if (const long kill = KillAtStep(); kill > 0) {
    if (steps_taken.fetch_add(1) + 1 == kill) ::raise(SIGKILL);
  }
  if (fault_countdown > 0 && --fault_countdown == 0) {
    if (fault_action == FaultAction::kKill) ::raise(SIGKILL);
    return absl::DataLossError(Cat(subject, ": ", what, " failed (injected fault)"));
  }
  return absl::OkStatus();
}

}  // namespace orgnet::internal
