#include "model/large_memory.h"

#include <sys/mman.h>

#include <cstdlib>
#include <cstring>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14; older kernels answer EINVAL and fault lazily
#endif

namespace orgnet::internal {
namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

std::size_t MappedSize(std::size_t bytes) { return (bytes + kHugePage - 1) & ~(kHugePage - 1); }

void Prepare(void* data, std::size_t from, std::size_t to) {
  if (to <= from) return;
  char* begin = static_cast<char*>(data) + from;
  madvise(begin, to - from, MADV_HUGEPAGE);
  madvise(begin, to - from, MADV_POPULATE_WRITE);
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
