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
#include "model/pod_buffer.h"
#include "orgnet/schema.h"

namespace orgnet::internal {

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
  // Bytes held: owned blocks, and borrowed (mapped) cells at their size.
  std::size_t memory_bytes() const { return bytes_.memory_bytes() + ends_.memory_bytes(); }
  // The arena and each cell's end in it (what a snapshot stores).
  const PodBuffer<char>& bytes() const { return bytes_; }
  const PodBuffer<std::uint32_t>& ends() const { return ends_; }
  // A column over an arena and ends that something else keeps alive (a mapped snapshot); the
  // ends must ascend and the last must be bytes.size() (the snapshot reader checks).
  static StringColumn Borrowed(PodBuffer<char> bytes, PodBuffer<std::uint32_t> ends) {
    StringColumn column;
    column.bytes_ = std::move(bytes);
    column.ends_ = std::move(ends);
    return column;
  }

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
