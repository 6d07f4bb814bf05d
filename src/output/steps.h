// Every system call by which a write changes the file system is a numbered step, so that
// tests can kill the process or fail the call at each one in turn and check that the target
// is then the old content or the new, never a mix (tests/output_test.cc,
// tests/python/test_crash_safety.py).
#ifndef ORGNET_SRC_OUTPUT_STEPS_H_
#define ORGNET_SRC_OUTPUT_STEPS_H_

#include <string_view>

#include "absl/status/status.h"

namespace orgnet::internal {

enum class FaultAction {
  kFail,  // the step's call fails as an I/O error (EIO)
  kKill,  // the process kills itself with SIGKILL before the call
};

// Arms the hook for the calling thread: the `countdown`-th step from now on (1: the next)
// fails or kills; 0 disarms it. The environment variable ORGNET_TEST_KILL_AT_STEP=N arms a
// kill at the process's N-th step (read once, at its first step), for tests that run the
// command line. For tests only.
void SetOutputFault(int countdown, FaultAction action);
// Whether the calling thread's hook is still armed (its step was not reached).
bool OutputFaultArmed();

// Called before each changing call; `what` names the call and `subject` its file. Returns
// the injected failure when the hook says so (an error naming the step), else OK. Disarmed,
// it costs a thread-local load and a relaxed atomic load.
absl::Status OutputStep(std::string_view what, std::string_view subject);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_OUTPUT_STEPS_H_
