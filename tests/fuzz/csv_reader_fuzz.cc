// The CSV reader on arbitrary bytes: no crash, no read outside the data, and whenever a file
// reads without errors, every cell is valid text and writing the cells back as CSV (quoting
// as the saver does: load/csv_writer.h) reads back to the same header and cells.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "load/csv_reader.h"
#include "load/csv_writer.h"
#include "build/diagnostic_sink.h"
#include "base/utf8.h"

namespace {

using orgnet::internal::AppendCsvCell;

std::string Written(const orgnet::internal::RawTable& table) {
  std::string out;
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    if (c) out.push_back(',');
    AppendCsvCell(out, table.header[c]);
  }
  out.push_back('\n');
  for (std::size_t r = 0; r < table.rows(); ++r) {
    for (std::size_t c = 0; c < table.cells.size(); ++c) {
      if (c) out.push_back(',');
      AppendCsvCell(out, table.cells[c][r]);
    }
    out.push_back('\n');
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace orgnet;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string path = "fuzz.csv";
  LoadOptions options;
  internal::DiagnosticSink sink(options);
  internal::RawTable table;
  internal::ReadCsv(input, path, 0, table, sink);
  if (sink.has_errors()) return 0;
  for (const std::string& name : table.header) {
    fuzz::Check(internal::IsValidText(name), "header name is valid text");
  }
  fuzz::Check(table.cells.size() == table.header.size(), "one column per header name");
  for (const auto& column : table.cells) {
    fuzz::Check(column.size() == table.rows(), "every column has every row");
    for (std::size_t r = 0; r < column.size(); ++r) {
      fuzz::Check(internal::IsValidText(column[r]), "cell is valid text");
    }
  }
  // A header whose only name is empty writes as a blank line, which the format skips.
  if (table.header.size() == 1 && table.header[0].empty()) return 0;
  if (table.header.size() == 1) {
    for (std::size_t r = 0; r < table.rows(); ++r) {
      if (table.cells[0][r].empty()) return 0;  // the same: a blank record line
    }
  }
  const std::string written = Written(table);
  internal::DiagnosticSink again_sink(options);
  internal::RawTable again;
  internal::ReadCsv(written, path, 0, again, again_sink);
  fuzz::Check(!again_sink.has_errors(), "written cells read back without errors");
  fuzz::Check(again.header == table.header, "header round trip");
  fuzz::Check(again.rows() == table.rows(), "row count round trip");
  for (std::size_t c = 0; c < table.cells.size(); ++c) {
    for (std::size_t r = 0; r < table.rows(); ++r) {
      fuzz::Check(again.cells[c][r] == table.cells[c][r], "cell round trip");
    }
  }
  return 0;
}
