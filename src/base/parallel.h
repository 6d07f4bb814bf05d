// Runs tasks on a few threads so that a failure on any of them comes back to the caller: a
// worker's exception (std::bad_alloc above all) is caught, the other workers stop taking
// tasks, every thread is joined, and the first exception is rethrown on the calling thread.
// A thread that cannot be started only means fewer workers.
#ifndef ORGNET_SRC_BASE_PARALLEL_H_
#define ORGNET_SRC_BASE_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include "base/fault_injection.h"

namespace orgnet::internal {

// Calls task(i) for every i in [0, count) on up to `threads` threads (the caller's included).
template <typename Task>
void RunParallel(std::size_t count, int threads, Task&& task) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex error_mutex;
  auto work = [&](bool on_worker_thread) {
    try {
      if (on_worker_thread) MaybeFailWorkerAllocation();
      for (std::size_t i; !failed.load(std::memory_order_relaxed) &&
                          (i = next.fetch_add(1)) < count;) {
        task(i);
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!first_error) first_error = std::current_exception();
      failed.store(true, std::memory_order_relaxed);
    }
  };
  const int wanted = std::max(1, std::min<int>(threads, static_cast<int>(count)));
  std::vector<std::thread> pool;
  try {
    pool.reserve(static_cast<std::size_t>(wanted - 1));
    for (int i = 1; i < wanted; ++i) pool.emplace_back(work, true);
  } catch (const std::system_error&) {  // no more threads: the ones started do the work
  } catch (const std::bad_alloc&) {
  }
  work(false);
  for (std::thread& thread : pool) thread.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_BASE_PARALLEL_H_
