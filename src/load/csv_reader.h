// RFC 4180 reader for one dataset file held in memory: UTF-8 check, BOM, CRLF, quotes.
#ifndef ORGNET_SRC_LOAD_CSV_READER_H_
#define ORGNET_SRC_LOAD_CSV_READER_H_

#include <string>
#include <string_view>

#include "model/diagnostic_sink.h"
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

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_LOAD_CSV_READER_H_
