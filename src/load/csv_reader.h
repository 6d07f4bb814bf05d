// RFC 4180 reader for one dataset file held in memory: UTF-8 check, BOM, CRLF, quotes.
#ifndef ORGNET_SRC_LOAD_CSV_READER_H_
#define ORGNET_SRC_LOAD_CSV_READER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/functional/function_ref.h"
#include "absl/types/span.h"

#include "build/diagnostic_sink.h"
#include "model/raw_table.h"

namespace orgnet::internal {

// Reads `data` (a whole file) into `out`: the header, then one cell per header column for each
// record, and the line each record starts on. Empty lines are skipped. Syntax errors (bad UTF-8,
// quotes, field counts, an empty file) go to `sink` under `path` and file key `file_key`; after
// one, `out` is incomplete and must not be used. `release` is called with the number of bytes
// fully consumed, so that a memory-mapped caller can drop them early.
void ReadCsv(std::string_view data, const std::string& path, int file_key, RawTable& out,
             DiagnosticSink& sink,
             void (*release)(void* context, std::size_t consumed) = nullptr,
             void* release_context = nullptr);

// Where a file's records begin: the byte offset in the whole file, and the line.
struct RecordsStart {
  std::size_t offset;
  std::int64_t line;
};

// Reads the header of `data` (a whole file) into `out` (header, its line, one empty cell column
// per name), with ReadCsv's checks and messages; nullopt after an error (reported to `sink`).
std::optional<RecordsStart> ReadCsvHeader(std::string_view data, const std::string& path,
                                          int file_key, RawTable& out, DiagnosticSink& sink);

// What ReadRecordChunk read.
struct ChunkRead {
  std::size_t end = 0;           // offset in the records just past the last record read
  std::int64_t end_line = 1;     // the chunk's own number of the line at `end`
  bool text_error = false;       // the text is not valid: the sink holds that error only
};

// Reads the records of `records` (a file after its header) that start at or after `begin`
// (a record start) and before `stop`, the last running past `stop` to its end, checking
// them as ReadCsv does; lines are numbered from 1 at `begin`. Each well-formed record of
// `columns` fields goes to on_record(fields, line) until the first syntax error. Errors
// go to `sink`, numbered in the chunk's lines.
ChunkRead ReadRecordChunk(std::string_view records, std::size_t begin, std::size_t stop,
                          std::size_t columns, const std::string& path, int file_key,
                          DiagnosticSink& sink,
                          absl::FunctionRef<void(absl::Span<const std::string_view>,
                                                 std::uint32_t)> on_record);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_LOAD_CSV_READER_H_
