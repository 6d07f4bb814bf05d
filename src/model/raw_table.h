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

#include "base/large_memory.h"
#include "base/pod_buffer.h"
#include "model/string_column.h"
#include "orgnet/schema.h"

namespace orgnet::internal {

// The line each record of a file starts on. A file whose records are one line each, with no
// blank line between them (every export we know), keeps only its first record's line: 400 MB
// saved on a hundred million members.
class RecordLines {
 public:
  // Appends the line of record `rows()`.
  void push_back(std::uint32_t line) {
    if (dense_) {
      if (count_ == 0) first_ = line;
      if (line == first_ + count_) {
        ++count_;
        return;
      }
      Materialize();
    }
    lines_.push_back(line);
    ++count_;
  }
  // Appends @p other's lines, each shifted by @p shift.
  void Append(const RecordLines& other, std::int64_t shift) {
    if (other.count_ == 0) return;
    if (dense_ && other.dense_) {
      const std::uint32_t first = static_cast<std::uint32_t>(other.first_ + shift);
      if (count_ == 0) first_ = first;
      if (first == first_ + count_) {
        count_ += other.count_;
        return;
      }
    }
    if (dense_) Materialize();
    lines_.reserve(count_ + other.count_);
    for (std::size_t i = 0; i < other.count_; ++i) {
      lines_.push_back(static_cast<std::uint32_t>(other[i] + shift));
    }
    count_ += other.count_;
  }
  std::size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  std::uint32_t operator[](std::size_t row) const {
    return dense_ ? first_ + static_cast<std::uint32_t>(row) : lines_[row];
  }

 private:
  void Materialize() {
    lines_.reserve(count_ + 1);
    for (std::size_t i = 0; i < count_; ++i) lines_.push_back(first_ + static_cast<std::uint32_t>(i));
    dense_ = false;
  }
  bool dense_ = true;
  std::uint32_t first_ = 0;
  std::size_t count_ = 0;
  std::vector<std::uint32_t, LargeAllocator<std::uint32_t>> lines_;  // when not dense
};

struct RawTable {
  bool present = false;              // a file or a builder supplied it
  std::vector<std::string> header;   // column names, file order
  std::uint32_t header_line = 1;     // the line the header starts on (after blank lines)
  // The reader checked every byte as text (model/utf8.h); builders and edits leave it false,
  // so that the build checks what they added.
  bool text_checked = false;
  std::vector<StringColumn> cells;   // one per header name
  RecordLines lines;                 // line of each record; empty if none (a builder's)
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
  // Rows come from a database: each diagnostic also names its row's key (Diagnostic::key).
  bool keyed = false;
};

// The path shown in diagnostics for a file of the dataset.
std::string DiagnosticPath(const std::string& folder, std::string_view file);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_MODEL_RAW_TABLE_H_
