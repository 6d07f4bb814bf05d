#include "base/large_memory.h"

#include <sys/mman.h>

#include <cstdlib>
#include <cstring>
#include <system_error>
#include <thread>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14; older kernels answer EINVAL and fault lazily
#endif

namespace orgnet::internal {
namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

std::size_t MappedSize(std::size_t bytes) { return (bytes + kHugePage - 1) & ~(kHugePage - 1); }

// Blocks at least this large are populated on two threads: the kernel zeroes each page as it
// populates it, and on a virtual machine that runs at about 1 GB/s a core.
constexpr std::size_t kPopulateInParallel = std::size_t{64} << 20;

void Prepare(void* data, std::size_t from, std::size_t to) {
  if (to <= from) return;
  char* begin = static_cast<char*>(data) + from;
  const std::size_t bytes = to - from;
  madvise(begin, bytes, MADV_HUGEPAGE);
  if (bytes >= kPopulateInParallel && std::thread::hardware_concurrency() >= 2) {
    const std::size_t half = bytes / 2 / kHugePage * kHugePage;
    try {
      std::thread second([=] { madvise(begin + half, bytes - half, MADV_POPULATE_WRITE); });
      madvise(begin, half, MADV_POPULATE_WRITE);
      second.join();
      return;
    } catch (const std::system_error&) {  // no thread: populate on this one
    }
  }
  madvise(begin, bytes, MADV_POPULATE_WRITE);
}

void* Map(std::size_t bytes) {
  const std::size_t size = MappedSize(bytes);
  void* data = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (data == MAP_FAILED) throw std::bad_alloc();
  Prepare(data, 0, size);
  return data;
}

}  // namespace

void* AllocateBlock(std::size_t bytes) {
  if (bytes >= kLargeBlock) return Map(bytes);
  void* data = std::malloc(bytes == 0 ? 1 : bytes);
  if (data == nullptr) throw std::bad_alloc();
  return data;
}

void FreeBlock(void* data, std::size_t bytes) noexcept {
  if (data == nullptr) return;
  if (bytes >= kLargeBlock) {
    munmap(data, MappedSize(bytes));
  } else {
    std::free(data);
  }
}

void* ResizeBlock(void* data, std::size_t old_bytes, std::size_t new_bytes) {
  if (data == nullptr) return AllocateBlock(new_bytes);
  const bool was_large = old_bytes >= kLargeBlock, is_large = new_bytes >= kLargeBlock;
  if (was_large && is_large) {
    const std::size_t old_size = MappedSize(old_bytes), new_size = MappedSize(new_bytes);
    if (old_size == new_size) return data;
    void* moved = mremap(data, old_size, new_size, MREMAP_MAYMOVE);
    if (moved == MAP_FAILED) throw std::bad_alloc();
    Prepare(moved, old_size, new_size);
    return moved;
  }
  if (!was_large && !is_large) {
    void* grown = std::realloc(data, new_bytes == 0 ? 1 : new_bytes);
    if (grown == nullptr) throw std::bad_alloc();
    return grown;
  }
  void* fresh = AllocateBlock(new_bytes);
  std::memcpy(fresh, data, old_bytes < new_bytes ? old_bytes : new_bytes);
  FreeBlock(data, old_bytes);
  return fresh;
}

}  // namespace orgnet::internal
