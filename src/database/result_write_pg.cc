// ResultWriter::Write with libpq: one READ COMMITTED transaction that creates, locks, clears
// and fills each result table (docs/database.md, "Writing results").
#include <memory>
#include <string>
#include <utility>

#include "base/progress_meter.h"
#include "base/text.h"
#include "database/pg_connection.h"
#include "database/result_data.h"
#include "database/result_tables.h"
#include "orgnet/version.h"
#include "output/steps.h"

namespace orgnet::internal {
namespace {

// `name` or `schema.name`, each part quoted.
std::string Qualified(const PgConnection& connection, std::string_view name) {
  const std::size_t dot = name.find('.');
  if (dot == std::string_view::npos) return connection.Identifier(name);
  return Cat(connection.Identifier(name.substr(0, dot)), ".",
             connection.Identifier(name.substr(dot + 1)));
}

std::string CreateStatement(const PgConnection& connection, const ResultTableSpec& spec,
                            const std::string& table) {
  std::string sql = Cat("CREATE TABLE IF NOT EXISTS ", table, " (");
  for (std::size_t c = 0; c < spec.columns.size(); ++c) {
    // Key columns compare bytewise (COLLATE "C"): ids are codes, not words, and rows are
    // sent in that order (result_tables.cc, SortedBy).
    const bool key = static_cast<int>(c) < spec.key_columns;
    const bool text = spec.columns[c].sql_type == "text";
    CatTo(&sql, c == 0 ? "" : ", ", connection.Identifier(spec.columns[c].name), " ",
          spec.columns[c].sql_type, key && text ? " COLLATE \"C\"" : "",
          key ? " NOT NULL" : "");
  }
  sql += ", PRIMARY KEY (";
  for (int c = 0; c < spec.key_columns; ++c) {
    CatTo(&sql, c == 0 ? "" : ", ", connection.Identifier(spec.columns[c].name));
  }
  sql += "))";
  return sql;
}

std::string ColumnList(const PgConnection& connection, const ResultTableSpec& spec) {
  std::string out = "(";
  for (std::size_t c = 0; c < spec.columns.size(); ++c) {
    CatTo(&out, c == 0 ? "" : ", ", connection.Identifier(spec.columns[c].name));
  }
  return out + ")";
}

// The short names of the results written, for the runs table.
std::string ResultsText(const ResultWriter::Data& data) {
  std::string out;
  for (const auto& [present, name] :
       {std::pair<bool, const char*>{data.coverage.has_value(), "coverage"},
        {data.matching.has_value(), "matching"},
        {data.events.has_value(), "events"},
        {data.reach.has_value(), "reach"},
        {data.haves.has_value(), "haves"}}) {
    if (present) CatTo(&out, out.empty() ? "" : ",", name);
  }
  return out;
}

// Every message that changes the database is a step of the crash-safety hook
// (output/steps.h), so that tests kill the writer before each one in turn and find the old
// results or the new, never a mix.
absl::Status ExecuteStep(PgConnection& connection, const std::string& sql, std::string_view what,
                         std::string_view subject) {
  if (absl::Status s = OutputStep(what, subject); !s.ok()) return s;
  return connection.Execute(sql, what);
}

// Creates (if absent), locks and clears one table of the run key's rows.
absl::Status Prepare(PgConnection& connection, const ResultTableSpec& spec,
                     const std::string& table, const std::string& shown,
                     const std::string& run_key) {
  const std::string what = Cat("result table ", shown);
  if (absl::Status s = ExecuteStep(connection, CreateStatement(connection, spec, table),
                                   Cat("creating ", what), shown);
      !s.ok()) {
    return s;
  }
  // Writers of the same table wait for each other (two writes of one run key would otherwise
  // both delete, then collide on the key); readers are not blocked.
  if (absl::Status s = ExecuteStep(connection, Cat("LOCK TABLE ", table, " IN SHARE ROW EXCLUSIVE MODE"),
                                   Cat("locking ", what), shown);
      !s.ok()) {
    return s;
  }
  return ExecuteStep(connection,
                     Cat("DELETE FROM ", table, " WHERE ", connection.Identifier("run_key"), " = ",
                         connection.Literal(run_key)),
                     Cat("clearing run ", Shown(run_key), " from ", what), shown);
}

}  // namespace

absl::StatusOr<ResultWriteSummary> WriteResults(std::string_view uri,
                                                const ResultWriter::Data& data) {
  absl::StatusOr<ResultRows> prepared = PrepareResultRows(data);
  if (!prepared.ok()) return prepared.status();
  std::int64_t total = 0;
  for (int t = 0; t < kResultTableCount; ++t) {
    if (WritesTable(data, ResultTable(t))) total += CountResultRows(*prepared, ResultTable(t));
  }
  ProgressMeter meter("write", static_cast<std::uint64_t>(total));
  absl::StatusOr<std::unique_ptr<PgConnection>> connected = PgConnection::Connect(uri);
  if (!connected.ok()) return connected.status();
  PgConnection& connection = **connected;
  if (absl::Status s = ExecuteStep(connection, "BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE",
                                   "starting the transaction", "the results' transaction");
      !s.ok()) {
    return s;
  }
  ResultWriteSummary summary;
  for (int t = 1; t < kResultTableCount; ++t) {
    const auto table = static_cast<ResultTable>(t);
    if (!WritesTable(data, table)) continue;
    const ResultTableSpec& spec = GetResultTableSpec(table);
    const std::string shown = TableNameOf(data, table);
    const std::string quoted = Qualified(connection, shown);
    if (absl::Status s = Prepare(connection, spec, quoted, shown, data.run_key); !s.ok()) return s;
    absl::Status copied = connection.CopyIn(
        Cat("COPY ", quoted, " ", ColumnList(connection, spec), " FROM STDIN"),
        Cat("writing result table ", shown), [&](const PgConnection::Send& send) {
          const std::string what = Cat("sending rows of ", shown);
          CopyTextRows rows(
              [&](std::string_view piece) {
                if (absl::Status s = OutputStep(what, shown); !s.ok()) return s;
                return send(piece);
              },
              &meter);
          if (absl::Status s = EmitResultRows(*prepared, table, rows); !s.ok()) return s;
          summary.rows[t] = rows.rows();
          return rows.Flush();
        });
    if (!copied.ok()) return copied;
  }
  const ResultTableSpec& runs = GetResultTableSpec(ResultTable::kRuns);
  const std::string runs_name = TableNameOf(data, ResultTable::kRuns);
  const std::string runs_quoted = Qualified(connection, runs_name);
  if (absl::Status s = Prepare(connection, runs, runs_quoted, runs_name, data.run_key); !s.ok()) {
    return s;
  }
  const Date as_of = data.network->default_date();
  if (absl::Status s = ExecuteStep(
          connection,
          Cat("INSERT INTO ", runs_quoted, " ", ColumnList(connection, runs), " VALUES (",
              connection.Literal(data.run_key), ", now(), ",
              connection.Literal(ORGNET_VERSION_STRING), ", ",
              as_of == kNoDate ? std::string("NULL")
                               : Cat(connection.Literal(FormatDate(as_of)), "::date"),
              ", ", connection.Literal(ResultsText(data)), ")"),
          Cat("writing result table ", runs_name), runs_name);
      !s.ok()) {
    return s;
  }
  summary.rows[0] = 1;
  // The last chance to stop (the transaction rolls back as the connection closes): after
  // COMMIT the results are in place, and the call reports them written.
  if (absl::Status s = meter.Finish(); !s.ok()) return s;
  if (absl::Status s = ExecuteStep(connection, "COMMIT", "committing the results", "the results' transaction"); !s.ok()) {
    return s;
  }
  return summary;
}

}  // namespace orgnet::internal
