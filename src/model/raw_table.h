// Tables as text, before typing: what the CSV reader and the builder produce and the
// validator consumes. One arena per column keeps a 100-million-row table to two allocations.
#ifndef ORGNET_SRC_MODEL_RAW_TABLE_H_
#define ORGNET_SRC_MODEL_RAW_TABLE_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "orgnet/schema.h"

namespace orgnet::internal {

// A column of strings packed into one byte arena.
class StringColumn {
 public:
  std::size_t size() const { return ends_.size(); }
  std::string_view operator[](std::size_t i) const {
    const std::uint64_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(bytes_.data() + begin, ends_[i] - begin);
  }
  void push_back(std::string_view cell) {
    bytes_.append(cell.data(), cell.size());
    ends_.push_back(bytes_.size());
  }
  // Appends bytes to an open cell; Close() ends it (used by the CSV reader while unquoting).
  void Append(std::string_view part) { bytes_.append(part.data(), part.size()); }
  void Close() { ends_.push_back(bytes_.size()); }
  void reserve(std::size_t cells, std::size_t bytes) {
    ends_.reserve(cells);
    bytes_.reserve(bytes);
  }
  void clear() {
    bytes_.clear();
    ends_.clear();
  }
  void shrink_to_fit() {
    bytes_.shrink_to_fit();
    ends_.shrink_to_fit();
  }
  std::size_t memory_bytes() const { return bytes_.capacity() + ends_.capacity() * 8; }

 private:
  std::string bytes_;
  std::vector<std::uint64_t> ends_;
};

struct RawTable {
  bool present = false;              // a file or a builder supplied it
  std::vector<std::string> header;   // column names, file order
  std::vector<StringColumn> cells;   // one per header name
  std::vector<std::uint32_t> lines;  // physical line where each record starts; empty if none
  std::size_t rows() const { return cells.empty() ? row_count_no_columns : cells[0].size(); }
  std::size_t row_count_no_columns = 0;
  int FindColumn(std::string_view name) const;
  std::uint32_t line(std::size_t row) const { return lines.empty() ? 0 : lines[row]; }
};

struct RawDataset {
  std::string folder;  // prefix for file names in diagnostics ("" for a builder)
  std::array<RawTable, kTableCount> tables;
  RawTable manifest;   // manifest.csv: key,value
};

// The path shown in diagnostics for a file of the dataset.
std::string DiagnosticPath(const std::string& folder, std::string_view file);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_MODEL_RAW_TABLE_H_
