// The result tables' columns and keys, and their rows in COPY's text format: the part of
// writing results that needs no server (docs/database.md, "The result tables").
#ifndef ORGNET_SRC_DATABASE_RESULT_TABLES_H_
#define ORGNET_SRC_DATABASE_RESULT_TABLES_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "base/progress_meter.h"
#include "database/result_data.h"

namespace orgnet::internal {

struct ResultColumn {
  std::string_view name;
  std::string_view sql_type;  // as CREATE TABLE spells it; NOT NULL for the key columns
};

struct ResultTableSpec {
  ResultTable table;
  std::string_view short_name;  // "coverage_rollup"
  absl::Span<const ResultColumn> columns;
  int key_columns;  // the first key_columns columns are the primary key
};

const ResultTableSpec& GetResultTableSpec(ResultTable table);

// The tables a writer holding @p data fills (kRuns is written by its own statement).
bool WritesTable(const ResultWriter::Data& data, ResultTable table);

// Rows of one table in COPY's text format (tab-separated, `\N` for null, backslash escapes),
// handed to a sink in pieces of about 64 KiB.
class CopyTextRows {
 public:
  using Sink = std::function<absl::Status(std::string_view)>;
  // @p meter (may be null) counts the rows; a stop it reports ends them with CANCELLED.
  CopyTextRows(Sink sink, ProgressMeter* meter) : sink_(std::move(sink)), meter_(meter) {}

  void Text(std::string_view text);
  void Null();
  void Integer(std::int64_t value);
  void Real(double value);  // NaN: null
  void Bool(bool value);
  // Ends a row; passes the buffer on when it is full. A sink's error or a stop asked of the
  // meter ends the rows.
  absl::Status EndRow();
  // Passes what is left on (once, after the last row).
  absl::Status Flush();
  std::int64_t rows() const { return rows_; }

 private:
  void Separate();
  absl::Status Send();
  Sink sink_;
  ProgressMeter* meter_;
  std::string buffer_;
  bool row_started_ = false;
  std::int64_t rows_ = 0;
};

// What a write sends, prepared once: the roll-ups of events, reach and haves computed (so
// that their errors come before anything is sent, and the count behind the progress and the
// rows come from one computation).
struct ResultRows {
  const ResultWriter::Data* data = nullptr;
  std::vector<std::pair<RollUp, std::vector<EventRow>>> events;  // totals, categories, months
  std::vector<std::pair<RollUp, std::vector<ReachRow>>> reach;
  std::vector<std::pair<RollUp, std::vector<HavesRow>>> haves;
};

// Prepares the rows of every table @p data fills. @p data must outlive the result.
absl::StatusOr<ResultRows> PrepareResultRows(const ResultWriter::Data& data);

// The rows of @p table (not kRuns), in the table's stated order.
absl::Status EmitResultRows(const ResultRows& prepared, ResultTable table, CopyTextRows& rows);

// The number of rows EmitResultRows gives, for progress (O(places), no formatting).
std::int64_t CountResultRows(const ResultRows& prepared, ResultTable table);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_DATABASE_RESULT_TABLES_H_
