// Tables as text, before typing: what the CSV reader and the builder produce and the
// validator consumes. One arena per column keeps a 100-million-row table to two allocations.
#ifndef ORGNET_SRC_MODEL_RAW_TABLE_H_
#define ORGNET_SRC_MODEL_RAW_TABLE_H_

#include <array>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/large_memory.h"
#include "orgnet/schema.h"

namespace orgnet::internal {

// A growable array of trivially copyable values on large_memory's blocks: large blocks grow
// and shrink by remapping pages instead of copying them (columns of hundreds of MB).
template <typename T>
class PodBuffer {
 public:
  PodBuffer() = default;
  PodBuffer(const PodBuffer& other) { *this = other; }
  PodBuffer& operator=(const PodBuffer& other) {
    if (this != &other) {
      Reallocate(other.size_);
      if (other.size_ > 0) std::memcpy(data_, other.data_, other.size_ * sizeof(T));
      size_ = other.size_;
    }
    return *this;
  }
  PodBuffer(PodBuffer&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        capacity_(std::exchange(other.capacity_, 0)) {}
  PodBuffer& operator=(PodBuffer&& other) noexcept {
    if (this != &other) {
      FreeBlock(data_, capacity_ * sizeof(T));
      data_ = std::exchange(other.data_, nullptr);
      size_ = std::exchange(other.size_, 0);
      capacity_ = std::exchange(other.capacity_, 0);
    }
    return *this;
  }
  ~PodBuffer() { FreeBlock(data_, capacity_ * sizeof(T)); }

  std::size_t size() const { return size_; }
  std::size_t capacity() const { return capacity_; }
  const T* data() const { return data_; }
  T operator[](std::size_t i) const { return data_[i]; }
  void push_back(T value) {
    if (size_ == capacity_) Reallocate(capacity_ < 16 ? 16 : capacity_ * 2);
    data_[size_++] = value;
  }
  void append(const T* values, std::size_t count) {
    if (size_ + count > capacity_) {
      std::size_t grown = capacity_ < 16 ? 16 : capacity_ * 2;
      while (grown < size_ + count) grown *= 2;
      Reallocate(grown);
    }
    if (count > 0) std::memcpy(data_ + size_, values, count * sizeof(T));
    size_ += count;
  }
  void reserve(std::size_t count) {
    if (count > capacity_) Reallocate(count);
  }
  void clear() {
    FreeBlock(data_, capacity_ * sizeof(T));
    data_ = nullptr;
    size_ = capacity_ = 0;
  }
  void shrink_to_fit() {
    if (capacity_ > size_) Reallocate(size_);
  }

 private:
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
};

// A column of strings packed into one byte arena, with 32-bit ends: a column holds at most
// 4 GiB of text (about 40 bytes a cell at 100 million rows); past that push_back throws
// std::length_error, which the loader reports as an error.
class StringColumn {
 public:
  std::size_t size() const { return ends_.size(); }
  std::string_view operator[](std::size_t i) const {
    const std::uint32_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(bytes_.data() + begin, ends_[i] - begin);
  }
  void push_back(std::string_view cell) {
    if (bytes_.size() + cell.size() > kMaxBytes) {
      throw std::length_error("a column holds more than 4 GiB of text");
    }
    bytes_.append(cell.data(), cell.size());
    ends_.push_back(static_cast<std::uint32_t>(bytes_.size()));
  }
  void reserve(std::size_t cells, std::size_t bytes) {
    ends_.reserve(cells);
    bytes_.reserve(bytes < kMaxBytes ? bytes : kMaxBytes);
  }
  void clear() {
    bytes_.clear();
    ends_.clear();
  }
  void shrink_to_fit() {
    bytes_.shrink_to_fit();
    ends_.shrink_to_fit();
  }
  std::size_t memory_bytes() const { return bytes_.capacity() + ends_.capacity() * 4; }

 private:
  static constexpr std::size_t kMaxBytes = 0xFFFFFFFFu;
  PodBuffer<char> bytes_;
  PodBuffer<std::uint32_t> ends_;
};

struct RawTable {
  bool present = false;              // a file or a builder supplied it
  std::vector<std::string> header;   // column names, file order
  std::uint32_t header_line = 1;     // the line the header starts on (after blank lines)
  // The reader checked every byte as text (model/utf8.h); builders and edits leave it false,
  // so that the build checks what they added.
  bool text_checked = false;
  std::vector<StringColumn> cells;   // one per header name
  std::vector<std::uint32_t, LargeAllocator<std::uint32_t>> lines;  // line of each record; empty if none
  std::size_t rows() const { return cells.empty() ? row_count_no_columns : cells[0].size(); }
  std::size_t row_count_no_columns = 0;
  int FindColumn(std::string_view name) const;
  std::uint32_t line(std::size_t row) const { return lines.empty() ? 0 : lines[row]; }
};

struct RawDataset {
  std::string folder;  // prefix for file names in diagnostics ("" for a builder)
  std::array<RawTable, kTableCount> tables;
  RawTable manifest;   // manifest.csv: key,value
  std::uint64_t parent_version = 0;  // the network these rows came from (FromNetwork), or 0
};

// The path shown in diagnostics for a file of the dataset.
std::string DiagnosticPath(const std::string& folder, std::string_view file);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_MODEL_RAW_TABLE_H_
