#include "orgnet/progress.h"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>

#include "base/progress_meter.h"
#include "base/text.h"

namespace orgnet {

namespace {

struct ThreadHandler {
  const ProgressHandler* handler = nullptr;
  std::chrono::milliseconds interval{50};
};

thread_local ThreadHandler current;
thread_local internal::ProgressMeter* current_meter = nullptr;

}  // namespace

struct ProgressScope::Saved {
  ProgressHandler handler;
  ThreadHandler previous;
};

ProgressScope::ProgressScope(ProgressHandler handler, std::chrono::milliseconds interval)
    : saved_(new Saved{std::move(handler), current}) {
  current = ThreadHandler{saved_->handler ? &saved_->handler : nullptr,
                          std::max(interval, std::chrono::milliseconds(0))};
}

ProgressScope::~ProgressScope() {
  current = saved_->previous;
  delete saved_;
}

namespace internal {

ProgressMeter::ProgressMeter(std::string_view work, std::uint64_t total)
    : handler_(current.handler),
      interval_(current.interval),
      last_(std::chrono::steady_clock::now()),
      work_(work),
      total_(total) {
  if (handler_ != nullptr) {
    outer_ = current_meter;
    current_meter = this;
  }
}

ProgressMeter::~ProgressMeter() {
  if (handler_ != nullptr) current_meter = outer_;
}

void ProgressMeter::RunReporting(const std::function<void()>& work) {
  if (handler_ == nullptr) {
    work();
    return;
  }
  std::mutex mutex;
  std::condition_variable finished;
  bool done = false;
  std::exception_ptr error;
  std::thread helper;
  try {
    helper = std::thread([&] {
      try {
        work();
      } catch (...) {
        error = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(mutex);
      done = true;
      finished.notify_all();
    });
  } catch (const std::system_error&) {  // no thread: the work runs here, unreported
    work();
    return;
  }
  const auto step = std::max<std::chrono::steady_clock::duration>(
      interval_ / 2, std::chrono::milliseconds(1));
  std::unique_lock<std::mutex> lock(mutex);
  while (!finished.wait_for(lock, step, [&] { return done; })) {
    lock.unlock();
    Poll();
    lock.lock();
  }
  lock.unlock();
  helper.join();
  if (error) std::rethrow_exception(error);
}

void ProgressMeter::PollCurrent() {
  if (current_meter != nullptr) current_meter->Poll();
}

bool ProgressMeter::Call(std::uint64_t done) {
  if (!(*handler_)(ProgressReport{work_, done, total_})) {
    cancelled_.store(true, std::memory_order_relaxed);
  }
  return !cancelled();
}

bool ProgressMeter::Poll() {
  if (handler_ == nullptr) return true;
  if (cancelled()) return false;
  if (std::this_thread::get_id() != owner_) return true;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < interval_) return true;
  last_ = now;
  return Call(std::min(done_.load(std::memory_order_relaxed), total_));
}

absl::Status ProgressMeter::Finish() {
  if (handler_ != nullptr && !cancelled()) Call(total_);
  return cancelled() ? Cancelled() : absl::OkStatus();
}

absl::Status ProgressMeter::Cancelled() const {
  return absl::CancelledError(Cat(work_, " cancelled by the progress handler"));
}

}  // namespace internal

}  // namespace orgnet
