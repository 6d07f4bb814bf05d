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
#include "model/string_column.h"
#include "orgnet/schema.h"

namespace orgnet::internal {

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
