// A test hook that makes an allocation on a worker thread fail, so that tests can prove a
// worker's std::bad_alloc comes back as RESOURCE_EXHAUSTED (sanitizer builds cannot run under
// an address-space limit). Disarmed, it costs one relaxed atomic load per worker thread.
#ifndef ORGNET_SRC_BASE_FAULT_INJECTION_H_
#define ORGNET_SRC_BASE_FAULT_INJECTION_H_


namespace orgnet::internal {

// Arms the hook: the `countdown`-th worker thread started from now on (1: the next) throws
// std::bad_alloc before its first task, as if its first allocation failed; 0 disarms it. For
// tests only.
void SetWorkerAllocationFault(int countdown);

// Called by RunParallel on each worker thread as it starts.
void MaybeFailWorkerAllocation();

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_BASE_FAULT_INJECTION_H_
