// The progress of one long call: work adds the units it has done, the calling thread polls
// the thread's handler (orgnet/progress.h) at most every interval, and every thread can ask
// whether the handler asked to stop.
#ifndef ORGNET_SRC_BASE_PROGRESS_METER_H_
#define ORGNET_SRC_BASE_PROGRESS_METER_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string_view>
#include <thread>

#include "absl/status/status.h"
#include "orgnet/progress.h"

namespace orgnet::internal {

class ProgressMeter {
 public:
  // Takes the calling thread's handler (none: every call below is a few loads and adds), and
  // becomes the thread's current meter (PollCurrent) until it is destroyed.
  ProgressMeter(std::string_view work, std::uint64_t total);
  ~ProgressMeter();
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;

  // From a loop deep inside long work, on any thread, every few thousand iterations: reports
  // (when the interval has passed) if this thread made a meter that is still running, else
  // nothing. Stopping takes effect at the work's next Step or Poll: loops need not unwind.
  static void PollCurrent();

  // Runs @p work — one long step that cannot report itself (a Boost algorithm, a build's
  // passes) — on a helper thread while this, the calling thread, reports every interval, so
  // that reports keep coming; a stop asked meanwhile takes effect when the work returns. With
  // no handler, or when no thread can be started, the work runs here. An exception of the
  // work is rethrown here.
  void RunReporting(const std::function<void()>& work);

  // Adds units done (any thread). Cheap: an atomic add.
  void Add(std::uint64_t units) { done_.fetch_add(units, std::memory_order_relaxed); }
  // On the calling thread: adds units, then calls the handler when the interval has passed.
  // Returns false once the handler asked to stop.
  bool Step(std::uint64_t units = 1) {
    Add(units);
    return handler_ == nullptr ? true : Poll();
  }
  // Calls the handler if the interval has passed and this is the thread that made the meter
  // (elsewhere it only reads the flag); false once stopped. Cheap enough for a row loop's
  // every 4096th row.
  bool Poll();
  // Any thread: true once the handler asked to stop.
  bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }
  // On the calling thread, at the end: reports done = total; CANCELLED when the handler asks
  // to stop (now or before), else OK.
  absl::Status Finish();
  // The CANCELLED status of this work.
  absl::Status Cancelled() const;

 private:
  bool Call(std::uint64_t done);

  const ProgressHandler* handler_;
  std::thread::id owner_ = std::this_thread::get_id();
  std::chrono::steady_clock::duration interval_{};
  std::chrono::steady_clock::time_point last_{};
  std::string_view work_;
  std::uint64_t total_;
  std::atomic<std::uint64_t> done_{0};
  std::atomic<bool> cancelled_{false};
  ProgressMeter* outer_ = nullptr;  // the thread's current meter before this one
};

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_BASE_PROGRESS_METER_H_
