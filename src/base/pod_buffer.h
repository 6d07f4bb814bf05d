// A growable array of trivially copyable values on large_memory's blocks, or a read-only view
// of values that something else keeps alive (a mapped snapshot): the arrays of every column.
#ifndef ORGNET_SRC_BASE_POD_BUFFER_H_
#define ORGNET_SRC_BASE_POD_BUFFER_H_

#include <cstddef>
#include <cstring>
#include <memory>
#include <type_traits>
#include <utility>

#include "base/large_memory.h"

namespace orgnet::internal {

// Large blocks grow and shrink by remapping pages instead of copying them (columns of
// hundreds of MB). A borrowed buffer (Borrowed) is never written: the first change copies its
// values into a block of its own, so edits of a mapped network work as on a loaded one.
template <typename T>
class PodBuffer {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  PodBuffer() = default;
  // A view of @p count values at @p data, which @p owner keeps alive (and unchanged).
  static PodBuffer Borrowed(const T* data, std::size_t count, std::shared_ptr<const void> owner) {
    PodBuffer b;
    b.data_ = const_cast<T*>(data);
    b.size_ = count;
    b.owner_ = std::move(owner);
    return b;
  }
  // A copy of a borrowed buffer borrows the same values; of an owned one, copies them.
  PodBuffer(const PodBuffer& other) { *this = other; }
  PodBuffer& operator=(const PodBuffer& other) {
    if (this == &other) return *this;
    if (other.borrowed()) {
      FreeOwn();
      data_ = other.data_;
      size_ = other.size_;
      capacity_ = 0;
      owner_ = other.owner_;
      return *this;
    }
    if (borrowed()) Release();
    Reallocate(other.size_);
    if (other.size_ > 0) std::memcpy(data_, other.data_, other.size_ * sizeof(T));
    size_ = other.size_;
    return *this;
  }
  PodBuffer(PodBuffer&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        capacity_(std::exchange(other.capacity_, 0)),
        owner_(std::move(other.owner_)) {}
  PodBuffer& operator=(PodBuffer&& other) noexcept {
    if (this != &other) {
      FreeOwn();
      data_ = std::exchange(other.data_, nullptr);
      size_ = std::exchange(other.size_, 0);
      capacity_ = std::exchange(other.capacity_, 0);
      owner_ = std::move(other.owner_);
    }
    return *this;
  }
  ~PodBuffer() { FreeOwn(); }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // Values held in a block of its own (0 for a borrowed buffer).
  std::size_t capacity() const { return capacity_; }
  bool borrowed() const { return owner_ != nullptr; }
  // Bytes held: the block's, or a borrowed view's values (mapped, counted at their size).
  std::size_t memory_bytes() const { return (borrowed() ? size_ : capacity_) * sizeof(T); }
  const T* data() const { return data_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  T operator[](std::size_t i) const { return data_[i]; }

  // Writable values (a borrowed buffer is copied first).
  T* mutable_data() {
    Own();
    return data_;
  }
  void set(std::size_t i, T value) { mutable_data()[i] = value; }
  void push_back(T value) {
    Own();
    if (size_ == capacity_) Reallocate(Grown(capacity_ + 1));
    data_[size_++] = value;
  }
  void append(const T* values, std::size_t count) {
    Own();
    if (size_ + count > capacity_) Reallocate(Grown(size_ + count));
    if (count > 0) std::memcpy(data_ + size_, values, count * sizeof(T));
    size_ += count;
  }
  // @p count copies of @p value.
  void assign(std::size_t count, T value) {
    clear();
    Reallocate(count);
    for (std::size_t i = 0; i < count; ++i) data_[i] = value;
    size_ = count;
  }
  // The values [first, last), which must not lie in this buffer (it is freed first).
  void assign(const T* first, const T* last) {
    clear();
    append(first, static_cast<std::size_t>(last - first));
  }
  // Keeps the first min(size, count) values; new ones are @p value.
  void resize(std::size_t count, T value = T{}) {
    Own();
    if (count > capacity_) Reallocate(count);
    for (std::size_t i = size_; i < count; ++i) data_[i] = value;
    size_ = count;
  }
  void reserve(std::size_t count) {
    Own();
    if (count > capacity_) Reallocate(count);
  }
  // Size 0, the block kept for new values.
  void truncate() {
    if (borrowed()) {
      Release();
    } else {
      size_ = 0;
    }
  }
  void clear() {
    FreeOwn();
    data_ = nullptr;
    size_ = capacity_ = 0;
    owner_ = nullptr;
  }
  void shrink_to_fit() {
    if (!borrowed() && capacity_ > size_) Reallocate(size_);
  }

 private:
  void FreeOwn() noexcept {
    if (!borrowed()) FreeBlock(data_, capacity_ * sizeof(T));
  }
  // Forgets a borrowed view (nothing to free).
  void Release() noexcept {
    data_ = nullptr;
    size_ = capacity_ = 0;
    owner_ = nullptr;
  }
  // Copies a borrowed buffer's values into a block of its own.
  void Own() {
    if (!borrowed()) return;
    const T* from = data_;
    const std::size_t n = size_;
    T* own = n == 0 ? nullptr : static_cast<T*>(AllocateBlock(n * sizeof(T)));
    if (n > 0) std::memcpy(own, from, n * sizeof(T));
    data_ = own;
    capacity_ = n;
    owner_ = nullptr;
  }
  // The capacity to grow to for @p needed values: doubling while a block is small (malloc
  // copies it), then an eighth more at a time (a mapped block grows by remapping its pages,
  // without a copy, so a large reserve's slack stays small).
  std::size_t Grown(std::size_t needed) const {
    std::size_t grown = capacity_ < 16 ? 16 : capacity_;
    while (grown < needed) {
      grown += grown * sizeof(T) < (std::size_t{64} << 20) ? grown : grown / 8;
    }
    return grown;
  }
  void Reallocate(std::size_t capacity) {
    if (capacity == 0) {
      FreeBlock(data_, capacity_ * sizeof(T));
      data_ = nullptr;
      capacity_ = 0;
      return;
    }
    data_ = static_cast<T*>(ResizeBlock(data_, capacity_ * sizeof(T), capacity * sizeof(T)));
    capacity_ = capacity;
  }
  T* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
  std::shared_ptr<const void> owner_;  // set while borrowed
};

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_BASE_POD_BUFFER_H_
