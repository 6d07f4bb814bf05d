// A column of strings: one byte arena with each cell's end (as read and built), or, once
// compressed, cells of one width without ends (ids such as M000000001) or a dictionary of at
// most 256 distinct values with one byte a cell (kinds, categories, levels, roles). Every
// cell reads back as a string_view into the column, whatever the encoding.
#ifndef ORGNET_SRC_MODEL_STRING_COLUMN_H_
#define ORGNET_SRC_MODEL_STRING_COLUMN_H_

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "base/pod_buffer.h"

namespace orgnet::internal {

// A column holds at most 4 GiB of text (about 40 bytes a cell at 100 million rows); past that
// push_back throws std::length_error, which the loader reports as an error.
class StringColumn {
 public:
  enum class Encoding : std::uint8_t {
    kEnds = 0,        // bytes + one u32 end a cell
    kFixed = 1,       // bytes only: cell i is bytes[i * width, (i + 1) * width)
    kDictionary = 2,  // bytes + ends of the distinct values, one u8 code a cell
  };
  static constexpr std::size_t kMaxDictionary = 256;

  std::size_t size() const { return encoding_ == Encoding::kEnds ? ends_.size() : rows_; }
  std::string_view operator[](std::size_t i) const {
    switch (encoding_) {
      case Encoding::kEnds: return Entry(i);
      case Encoding::kFixed: return std::string_view(bytes_.data() + i * width_, width_);
      case Encoding::kDictionary: break;
    }
    return Entry(codes_[i]);
  }
  void push_back(std::string_view cell) {
    if (encoding_ != Encoding::kEnds) Expand();
    if (bytes_.size() + cell.size() > kMaxBytes) {
      throw std::length_error("a column holds more than 4 GiB of text");
    }
    bytes_.append(cell.data(), cell.size());
    ends_.push_back(static_cast<std::uint32_t>(bytes_.size()));
  }
  // Appends @p other's cells.
  void Append(const StringColumn& other) {
    if (other.encoding_ != Encoding::kEnds) {
      for (std::size_t i = 0; i < other.size(); ++i) push_back(other[i]);
      return;
    }
    if (encoding_ != Encoding::kEnds) Expand();
    const std::size_t base = bytes_.size();
    if (base + other.bytes_.size() > kMaxBytes) {
      throw std::length_error("a column holds more than 4 GiB of text");
    }
    bytes_.append(other.bytes_.data(), other.bytes_.size());
    for (const std::uint32_t end : other.ends_) {
      ends_.push_back(static_cast<std::uint32_t>(base + end));
    }
  }
  void reserve(std::size_t cells, std::size_t bytes) {
    if (encoding_ != Encoding::kEnds) Expand();
    ends_.reserve(cells);
    bytes_.reserve(bytes < kMaxBytes ? bytes : kMaxBytes);
  }
  // No cells, the blocks kept for new ones.
  void Truncate() {
    if (encoding_ != Encoding::kEnds) {
      clear();
      return;
    }
    bytes_.truncate();
    ends_.truncate();
  }
  void clear() {
    bytes_.clear();
    ends_.clear();
    codes_.clear();
    encoding_ = Encoding::kEnds;
    rows_ = width_ = 0;
  }
  void shrink_to_fit() {
    bytes_.shrink_to_fit();
    ends_.shrink_to_fit();
  }
  // Re-encodes the cells as fixed-width or (with @p allow_dictionary) a dictionary when that is
  // smaller; columns of fewer than 64 cells are left as they are. O(cells).
  // (Exported, as Expand, for the tests: the class is the library's own.)
  void Compress(bool allow_dictionary);

  // Bytes held: owned blocks, and borrowed (mapped) cells at their size.
  std::size_t memory_bytes() const {
    return bytes_.memory_bytes() + ends_.memory_bytes() + codes_.memory_bytes();
  }
  Encoding encoding() const { return encoding_; }
  // kFixed: every cell's width.
  std::uint32_t width() const { return width_; }
  // The arena (kDictionary: the distinct values'), the ends (kEnds: each cell's; kDictionary:
  // each distinct value's; kFixed: none) and the codes (kDictionary): what a snapshot stores.
  const PodBuffer<char>& bytes() const { return bytes_; }
  const PodBuffer<std::uint32_t>& ends() const { return ends_; }
  const PodBuffer<std::uint8_t>& codes() const { return codes_; }
  // A column over buffers that something else keeps alive (a mapped snapshot). The snapshot
  // reader checks first that the ends ascend inside the arena, that a fixed-width arena holds
  // rows × width bytes, and that every code names a value.
  static StringColumn Borrowed(PodBuffer<char> bytes, PodBuffer<std::uint32_t> ends) {
    StringColumn column;
    column.bytes_ = std::move(bytes);
    column.ends_ = std::move(ends);
    return column;
  }
  static StringColumn BorrowedFixed(PodBuffer<char> bytes, std::size_t rows, std::uint32_t width) {
    StringColumn column;
    column.bytes_ = std::move(bytes);
    column.encoding_ = Encoding::kFixed;
    column.rows_ = rows;
    column.width_ = width;
    return column;
  }
  static StringColumn BorrowedDictionary(PodBuffer<char> bytes, PodBuffer<std::uint32_t> ends,
                                         PodBuffer<std::uint8_t> codes) {
    StringColumn column;
    column.bytes_ = std::move(bytes);
    column.ends_ = std::move(ends);
    column.rows_ = codes.size();
    column.codes_ = std::move(codes);
    column.encoding_ = Encoding::kDictionary;
    return column;
  }

 private:
  static constexpr std::size_t kMaxBytes = 0xFFFFFFFFu;
  std::string_view Entry(std::size_t i) const {
    const std::uint32_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(bytes_.data() + begin, ends_[i] - begin);
  }
  // Back to one end a cell (before a change).
  void Expand();

  PodBuffer<char> bytes_;
  PodBuffer<std::uint32_t> ends_;
  PodBuffer<std::uint8_t> codes_;
  Encoding encoding_ = Encoding::kEnds;
  std::size_t rows_ = 0;      // kFixed, kDictionary
  std::uint32_t width_ = 0;   // kFixed
};

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_MODEL_STRING_COLUMN_H_
