// Memory for large arrays: anonymous mappings backed by transparent huge pages and populated
// by the kernel in one call. On a virtual machine the first touch of each 4 KiB page costs a
// fault of several microseconds; populating huge pages up front makes a 400 MB array ready
// in tens of milliseconds instead of seconds (measured: docs/benchmarks.md).
#ifndef ORGNET_SRC_BASE_LARGE_MEMORY_H_
#define ORGNET_SRC_BASE_LARGE_MEMORY_H_

#include <cstddef>
#include <new>

namespace orgnet::internal {

// Blocks of at least this many bytes are mapped (rounded up to 2 MiB huge pages: at most
// half of a block is slack); smaller ones come from malloc.
inline constexpr std::size_t kLargeBlock = std::size_t{512} << 10;

// Allocates `bytes` (zero-filled when mapped); throws std::bad_alloc.
void* AllocateBlock(std::size_t bytes);
// Frees a block of `bytes` from AllocateBlock or ResizeBlock.
void FreeBlock(void* data, std::size_t bytes) noexcept;
// Resizes a block, keeping min(old, new) bytes; throws std::bad_alloc.
void* ResizeBlock(void* data, std::size_t old_bytes, std::size_t new_bytes);

// A std::allocator that puts large arrays in populated huge-page mappings.
template <typename T>
struct LargeAllocator {
  using value_type = T;
  LargeAllocator() = default;
  template <typename U>
  LargeAllocator(const LargeAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) { return static_cast<T*>(AllocateBlock(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { FreeBlock(p, n * sizeof(T)); }
  friend bool operator==(const LargeAllocator&, const LargeAllocator&) { return true; }
};

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_BASE_LARGE_MEMORY_H_
