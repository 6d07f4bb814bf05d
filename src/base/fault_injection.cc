#include "base/fault_injection.h"

#include <atomic>
#include <new>

namespace orgnet::internal {
namespace {
std::atomic<int> worker_fault_countdown{0};
}  // namespace

void SetWorkerAllocationFault(int countdown) { worker_fault_countdown.store(countdown); }

void MaybeFailWorkerAllocation() {
  int left = worker_fault_countdown.load(std::memory_order_relaxed);
  while (left > 0 && !worker_fault_countdown.compare_exchange_weak(left, left - 1)) {
  }
  if (left == 1) throw std::bad_alloc();
}

}  // namespace orgnet::internal
