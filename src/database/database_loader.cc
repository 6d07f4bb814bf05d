// Network::LoadDatabase with libpq: every table read with COPY TO STDOUT inside one read-only
// REPEATABLE READ transaction, each value turned into the cell text a CSV file would hold, then
// the same build as Network::Load (docs/database.md).
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <functional>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "base/progress_meter.h"
#include "base/text.h"
#include "base/utf8.h"
#include "build/build.h"
#include "database/copy_binary.h"
#include "database/copy_text.h"
#include "database/database_load.h"
#include "database/mapping.h"
#include "database/pg_connection.h"
#include "database/pg_value.h"
#include "load/loader.h"
#include "model/raw_table.h"
#include "orgnet/network.h"

namespace orgnet {
namespace {

using internal::Cat;
using internal::DiagnosticSink;
using internal::PgConnection;
using internal::RawDataset;
using internal::RawTable;

constexpr int kManifest = -1;
constexpr std::size_t kChunkRows = 1 << 16;

struct PlannedColumn {
  std::string header;      // the dataset's name (or the extra column's own)
  std::string source;      // the source's column
  std::uint32_t type = 0;  // the type COPY sends (after the query's cast)
  bool flag = false;       // a dataset flag column: bools read as 1/0
};

struct PlannedTable {
  int table = kManifest;
  std::string display;  // how messages name the source
  std::string copy_sql;
  std::vector<PlannedColumn> columns;
  int key_column = -1;  // the planned column holding the row's id, or -1
};

std::string FilePath(int table) {
  return internal::DiagnosticPath("", table == kManifest
                                          ? std::string_view("manifest.csv")
                                          : GetTableSpec(static_cast<Table>(table)).file);
}

// Turns the COPY stream of one table into rows of cell text; a value that is not text the
// dataset can hold (bad UTF-8 from a SQL_ASCII database, a NUL) is a diagnostic naming the
// row's key and the column, reported in the build's terms (file, line) and renamed after.
//
// A binary integer, date or bool whose column @p numbers_for types as a number
// (ChunkTarget::NumberField) is given to the row as that number, without its text: formatting
// and parsing dates back was about a tenth of a city load's own time.
class RowReader {
 public:
  // The row's cells, and the numbers given instead of text (internal::kTextField: none).
  using RowFn = std::function<void(absl::Span<const std::string_view>,
                                   absl::Span<const std::int64_t> numbers, std::size_t row)>;
  // @p server_checks_text: the server vouches for the text it sends (PgConnection).
  // @p numbers_for: where the rows go, asked which fields it takes as numbers (nullptr: none).
  RowReader(const PlannedTable& plan, bool text_format, bool server_checks_text,
            const internal::ChunkTarget* numbers_for, DiagnosticSink& sink, RowFn on_row)
      : plan_(plan),
        format_(text_format ? internal::WireFormat::kText : internal::WireFormat::kBinary),
        sink_(sink),
        on_row_(std::move(on_row)),
        cells_(plan.columns.size()),
        views_(plan.columns.size()),
        numbers_(plan.columns.size(), internal::kTextField),
        as_number_(plan.columns.size(), false) {
    if (numbers_for != nullptr && format_ == internal::WireFormat::kBinary) {
      for (std::size_t c = 0; c < plan.columns.size(); ++c) {
        const std::uint32_t type = plan.columns[c].type;
        switch (numbers_for->NumberField(c)) {
          case ColumnType::kInteger:
            as_number_[c] = type == internal::pg_type::kInt2 ||
                            type == internal::pg_type::kInt4 || type == internal::pg_type::kInt8;
            break;
          case ColumnType::kDate: as_number_[c] = type == internal::pg_type::kDate; break;
          case ColumnType::kFlag: as_number_[c] = type == internal::pg_type::kBool; break;
          default: break;
        }
      }
    }
    // Only text the server sent as it stands can be invalid UTF-8, and only from a server that
    // does not check it (checking every cell was about 5% of a city load's time).
    for (const PlannedColumn& column : plan.columns) {
      check_text_.push_back(!server_checks_text &&
                            internal::CellTextNeedsCheck(column.type, format_));
      // A binary text value is its cell's text as it stands: no copy.
      as_sent_.push_back(format_ == internal::WireFormat::kBinary &&
                         (column.type == internal::pg_type::kText ||
                          column.type == internal::pg_type::kVarchar ||
                          column.type == internal::pg_type::kName));
    }
    auto tuple = [this](absl::Span<const internal::CopyField> fields) { return Tuple(fields); };
    const int count = static_cast<int>(plan.columns.size());
    if (text_format) {
      text_ = std::make_unique<internal::CopyTextReader>(count, tuple);
    } else {
      binary_ = std::make_unique<internal::CopyBinaryReader>(count, tuple);
    }
  }
  absl::Status Feed(std::string_view piece) {
    absl::Status status = binary_ ? binary_->Feed(piece) : text_->Feed(piece);
    if (status.ok()) status = error_;
    return status;
  }
  absl::Status Finish() {
    absl::Status status = binary_ ? binary_->Finish() : text_->Finish();
    if (status.ok()) status = error_;
    return status;
  }
  std::size_t rows() const { return rows_; }

 private:
  bool Tuple(absl::Span<const internal::CopyField> fields) {
    for (std::size_t c = 0; c < fields.size(); ++c) {
      numbers_[c] = internal::kTextField;
      if (fields[c].null) {
        views_[c] = {};
      } else if (const std::optional<std::int64_t> number =
                     as_number_[c] ? internal::BinaryNumber(plan_.columns[c].type,
                                                            fields[c].bytes)
                                   : std::nullopt;
                 number.has_value() && *number != internal::kTextField) {
        numbers_[c] = *number;  // (the one int8 equal to kTextField goes as text)
        views_[c] = {};
      } else if (as_sent_[c]) {
        views_[c] = fields[c].bytes;  // valid until this call returns, as the row's use is
      } else {
        std::string& cell = cells_[c];
        cell.clear();
        const std::string wrong = internal::AppendCellText(cell, plan_.columns[c].type, format_,
                                                           fields[c].bytes, plan_.columns[c].flag);
        if (!wrong.empty()) {
          error_ = absl::DataLossError(Cat("database: reading ", plan_.display, ", column ",
                                           plan_.columns[c].source, ": ", wrong));
          return false;
        }
        views_[c] = cell;
      }
    }
    for (std::size_t c = 0; c < fields.size(); ++c) {
      const std::size_t at =
          check_text_[c] ? internal::ValidTextPrefix(views_[c]) : views_[c].size();
      if (at != views_[c].size()) {
        Diagnostic d;
        d.file = FilePath(plan_.table);
        d.line = static_cast<std::int64_t>(rows_) + 2;
        d.column = plan_.columns[c].header;
        if (plan_.key_column >= 0) d.key = std::string(views_[plan_.key_column]);
        d.message = Cat(internal::InvalidTextReason(views_[c], at), " at byte ", at);
        sink_.Error({plan_.table, static_cast<std::int64_t>(rows_), static_cast<int>(c), -1},
                    std::move(d));
        views_[c] = {};
      }
    }
    on_row_(views_, numbers_, rows_);
    ++rows_;
    if ((rows_ & 4095) == 0) internal::ProgressMeter::PollCurrent();
    return true;
  }

  const PlannedTable& plan_;
  const internal::WireFormat format_;
  DiagnosticSink& sink_;
  RowFn on_row_;
  std::unique_ptr<internal::CopyBinaryReader> binary_;
  std::unique_ptr<internal::CopyTextReader> text_;
  std::vector<std::string> cells_;
  std::vector<std::string_view> views_;
  std::vector<std::int64_t> numbers_;
  std::vector<bool> as_number_;  // a binary value the target takes as a number
  std::vector<bool> check_text_;
  std::vector<bool> as_sent_;
  std::size_t rows_ = 0;
  absl::Status error_;
};

// The streamed tables (build.h: TableStreams), read from the database as the build asks: over
// the load's connection, or, when the load has a second connection in the same snapshot, in
// two lanes of about equal rows, each on its own connection and thread, so that the server
// copies on two cores while the client types on two. Each table is read whole by one lane in
// its own order, and diagnostics are sorted, so the result does not depend on the lanes.
class DatabaseStreams final : public internal::TableStreams {
 public:
  DatabaseStreams(PgConnection& connection, bool text_format, internal::ProgressMeter& meter)
      : connection_(connection), text_format_(text_format), meter_(meter) {}
  // @p estimate: the table's rows as the server estimates them (0: unknown).
  void Add(const PlannedTable* plan, double estimate) {
    plans_.push_back(plan);
    estimates_.push_back(estimate);
  }
  // The second connection, in a transaction with the first one's snapshot.
  void SetSecond(std::unique_ptr<PgConnection> second) { second_ = std::move(second); }
  PgConnection* second() const { return second_.get(); }
  std::size_t size() const { return plans_.size(); }
  const PlannedTable& plan(std::size_t i) const { return *plans_[i]; }
  bool streamed(int table) const override { return internal::IsStreamedTable(table); }
  const absl::Status& status() const { return status_; }

  std::array<std::size_t, kTableCount> Read(
      const std::array<internal::ChunkTarget*, kTableCount>& targets,
      DiagnosticSink& syntax) override {
    std::array<std::size_t, kTableCount> rows{};
    // Lanes: the largest tables first, each to the lane with fewer rows so far (ties: fewer
    // tables); each lane then reads its tables in the plan's order.
    std::vector<std::size_t> order(plans_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return estimates_[a] > estimates_[b]; });
    std::array<std::vector<std::size_t>, 2> lanes;
    std::array<double, 2> load{0, 0};
    for (std::size_t i : order) {
      const int lane = second_ == nullptr ? 0
                       : load[0] != load[1] ? (load[0] < load[1] ? 0 : 1)
                                            : (lanes[0].size() <= lanes[1].size() ? 0 : 1);
      lanes[lane].push_back(i);
      load[lane] += estimates_[i];
    }
    for (auto& lane : lanes) std::sort(lane.begin(), lane.end());
    std::array<Outcome, 2> outcomes;
    std::thread other;
    if (!lanes[1].empty()) {
      try {
        other = std::thread([&] {
          // What the load's own thread would catch (Guarded) must not end the process here.
          try {
            outcomes[1] = ReadLane(*second_, lanes[1], targets, syntax, rows);
          } catch (const std::bad_alloc&) {
            outcomes[1] = {absl::ResourceExhaustedError("database: out of memory while loading"),
                           lanes[1].front()};
            failed_.store(true);
          } catch (const std::length_error& e) {
            outcomes[1] = {absl::ResourceExhaustedError(
                               Cat("database: too large to load (", e.what(), ")")),
                           lanes[1].front()};
            failed_.store(true);
          }
        });
      } catch (const std::system_error&) {  // no thread: one lane
        lanes[0].insert(lanes[0].end(), lanes[1].begin(), lanes[1].end());
        std::sort(lanes[0].begin(), lanes[0].end());
        lanes[1].clear();
      }
    }
    try {
      outcomes[0] = ReadLane(connection_, lanes[0], targets, syntax, rows);
    } catch (...) {  // (out of memory: Guarded reports it, once the other lane has stopped)
      failed_.store(true);
      if (other.joinable()) other.join();
      throw;
    }
    if (other.joinable()) other.join();
    // The error of the table that comes first, whichever lane read it.
    const Outcome& first = outcomes[0].failed_at <= outcomes[1].failed_at ? outcomes[0]
                                                                          : outcomes[1];
    status_ = first.status;
    return rows;
  }

 private:
  struct Outcome {
    absl::Status status;
    std::size_t failed_at = SIZE_MAX;  // the plan index of the failed table
  };

  Outcome ReadLane(PgConnection& connection, const std::vector<std::size_t>& lane,
                   const std::array<internal::ChunkTarget*, kTableCount>& targets,
                   DiagnosticSink& syntax, std::array<std::size_t, kTableCount>& rows) {
    Outcome out;
    for (std::size_t index : lane) {
      if (failed_.load() || meter_.cancelled()) break;
      const PlannedTable* plan = plans_[index];
      internal::ChunkTarget* target = targets[plan->table];
      std::unique_ptr<internal::TableChunk> chunk;
      std::size_t chunk_first = 0, chunk_rows = 0;
      auto commit = [&] {
        if (chunk == nullptr) return;
        // Lines as a CSV file's: the header is line 1, row r is on line r + 2.
        target->Commit(std::move(chunk), static_cast<std::int64_t>(chunk_first) + 1,
                       chunk_first + chunk_rows + kChunkRows);
        chunk.reset();
      };
      RowReader reader(*plan, text_format_, connection.server_checks_text(), target, syntax,
                       [&](absl::Span<const std::string_view> cells,
                           absl::Span<const std::int64_t> numbers, std::size_t row) {
                         if (target == nullptr) return;
                         if (chunk == nullptr) {
                           chunk = target->NewChunk(kChunkRows);
                           chunk_first = row;
                           chunk_rows = 0;
                         }
                         chunk->AddRecord(cells, numbers,
                                          static_cast<std::uint32_t>(++chunk_rows));
                         if (chunk_rows == kChunkRows) commit();
                       });
      // The other lane's failure or a stop ends this lane's copy too (its status then is not
      // the load's).
      bool stopped = false;
      absl::Status status = connection.CopyOut(
          plan->copy_sql, Cat("reading ", plan->display), [&](std::string_view piece) {
            if (failed_.load() || meter_.cancelled()) {
              stopped = true;
              return absl::CancelledError("database: the load stopped");
            }
            return reader.Feed(piece);
          });
      if (status.ok()) status = reader.Finish();
      commit();
      rows[plan->table] = reader.rows();
      meter_.Add(1);
      if (!status.ok()) {
        if (!stopped) {
          out.status = std::move(status);
          out.failed_at = index;
          failed_.store(true);
        }
        break;
      }
    }
    return out;
  }

  PgConnection& connection_;
  const bool text_format_;
  internal::ProgressMeter& meter_;
  std::vector<const PlannedTable*> plans_;
  std::vector<double> estimates_;
  std::unique_ptr<PgConnection> second_;
  std::atomic<bool> failed_{false};
  absl::Status status_;
};

class DatabaseLoad {
 public:
  // @p in_transaction: the caller has begun the REPEATABLE READ transaction (a follower's, in
  // the snapshot of its replication slot); the load sets its session values inside it.
  // @p uri: for a second connection ("" : none).
  DatabaseLoad(PgConnection& connection, const internal::DatabaseMapping& mapping,
               const LoadOptions& options, bool in_transaction = false,
               std::string_view uri = {})
      : connection_(connection),
        mapping_(mapping),
        options_(options),
        sink_(options),
        in_transaction_(in_transaction),
        uri_(uri) {
    raw_.keyed = true;
  }

  absl::StatusOr<Network> Run(LoadReport* report) {
    if (absl::Status s = Begin(); !s.ok()) return s;
    for (int t = kManifest; t < kTableCount; ++t) {
      absl::StatusOr<bool> planned = Plan(t);
      if (!planned.ok()) return planned.status();
    }
    const internal::TableSource& orgs = mapping_.tables[static_cast<int>(Table::kOrgs)];
    if (!raw_.tables[static_cast<int>(Table::kOrgs)].present) {
      return absl::NotFoundError(Cat("database: ", orgs.Display("orgs"),
                                     ": the required table orgs is missing",
                                     orgs.read ? "" : " (the mapping leaves it out)"));
    }
    internal::ProgressMeter meter("load", plans_.size() + 1);
    DatabaseStreams streams(connection_, mapping_.text_format, meter);
    std::vector<const PlannedTable*> streamed;
    for (const PlannedTable& plan : plans_) {
      if (plan.table != kManifest && internal::IsStreamedTable(plan.table)) {
        streamed.push_back(&plan);
      }
    }
    std::vector<double> estimates = OpenSecond(streams, streamed);
    for (std::size_t i = 0; i < streamed.size(); ++i) streams.Add(streamed[i], estimates[i]);
    absl::Status read;
    absl::StatusOr<Network> built = absl::CancelledError("not built");
    LoadReport own;
    meter.RunReporting([&] {
      for (const PlannedTable& plan : plans_) {
        if (plan.table != kManifest && internal::IsStreamedTable(plan.table)) continue;
        if (meter.cancelled()) return;
        read = ReadWhole(plan);
        if (!read.ok()) return;
        meter.Add(1);
      }
      if (meter.cancelled()) return;
      built = internal::BuildNetwork(std::move(raw_), options_, sink_, &own, &streams);
    });
    if (meter.cancelled() || (built.ok() && !meter.Finish().ok())) {
      if (report != nullptr) *report = LoadReport{};
      return meter.Cancelled();
    }
    if (!read.ok()) return read;
    if (!streams.status().ok()) return streams.status();
    // The transactions only read: ending them cannot change anything the network holds.
    if (streams.second() != nullptr) (void)streams.second()->Execute("COMMIT", "ending the read");
    (void)connection_.Execute("COMMIT", "ending the read");
    Rename(own);
    if (!built.ok() && built.status().code() == absl::StatusCode::kInvalidArgument &&
        !own.errors.empty()) {
      built = absl::InvalidArgumentError(Restated(std::string(built.status().message()), own));
    }
    if (report != nullptr) *report = std::move(own);
    return built;
  }

 private:
  absl::Status Begin() {
    if (!in_transaction_) {
      if (absl::Status s = connection_.Execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                                               "starting a read-only transaction");
          !s.ok()) {
        return s;
      }
      // The snapshot exported for a second connection (OpenSecond): first, as nothing is
      // read yet, so that a server that refuses it costs a new transaction, not the load (a
      // failed statement ends a transaction, and a savepoint's cannot export).
      if (!uri_.empty() && mapping_.connections >= 2) {
        absl::StatusOr<internal::PgResult> exported = connection_.Query(
            "SELECT pg_export_snapshot()", "sharing the read's snapshot with a second connection");
        if (exported.ok() && PQntuples(exported->get()) == 1) {
          exported_snapshot_ = PQgetvalue(exported->get(), 0, 0);
        } else if (absl::Status s = connection_.Execute(
                       "ROLLBACK; BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                       "starting a read-only transaction");
                   !s.ok()) {
          return s;
        }
      }
    }
    return SetSessionValues(connection_);
  }

  // ISO dates and round-trip floats for the text format and the values cast to text; the
  // mapping's time zone for timestamps.
  absl::Status SetSessionValues(PgConnection& connection) const {
    if (absl::Status s =
            connection.Execute("SET LOCAL DateStyle TO 'ISO, YMD'", "setting DateStyle");
        !s.ok()) {
      return s;
    }
    if (absl::Status s =
            connection.Execute("SET LOCAL extra_float_digits TO 3", "setting extra_float_digits");
        !s.ok()) {
      return s;
    }
    if (!mapping_.time_zone.empty()) {
      return connection.Execute(
          Cat("SET LOCAL TimeZone TO ", connection.Literal(mapping_.time_zone)),
          Cat("setting the mapping's time_zone ", internal::Shown(mapping_.time_zone)));
    }
    return absl::OkStatus();
  }

  // A second connection for the streamed tables, in this transaction's snapshot (exported
  // by Begin with pg_export_snapshot and imported with SET TRANSACTION SNAPSHOT), when the
  // mapping allows two connections, there are two tables to share, and the server allows it;
  // else
  // none, and one connection reads everything (as a follower's load does). Returns each
  // streamed table's rows as the server estimates them (pg_class.reltuples; 0 when unknown),
  // to balance the two.
  std::vector<double> OpenSecond(DatabaseStreams& streams,
                                 const std::vector<const PlannedTable*>& streamed) {
    std::vector<double> estimates(streamed.size(), 0.0);
    if (exported_snapshot_.empty() || streamed.size() < 2) return estimates;
    const std::string what = "sharing the read's snapshot with a second connection";
    absl::StatusOr<std::unique_ptr<PgConnection>> second = PgConnection::Connect(uri_);
    if (!second.ok()) return estimates;
    PgConnection& c = **second;
    for (std::size_t i = 0; i < streamed.size(); ++i) {
      const internal::TableSource& source = mapping_.tables[streamed[i]->table];
      if (!source.query.empty()) continue;
      const std::string relation =
          SourceSql(source, GetTableSpec(static_cast<Table>(streamed[i]->table)).name);
      absl::StatusOr<internal::PgResult> estimate = c.Query(
          Cat("SELECT reltuples::float8 FROM pg_class WHERE oid = to_regclass(",
              c.Literal(relation), ")"),
          what);
      if (estimate.ok() && PQntuples(estimate->get()) == 1) {
        estimates[i] = std::max(0.0, std::atof(PQgetvalue(estimate->get(), 0, 0)));
      }
    }
    if (!c.Execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", what).ok() ||
        !c.Execute(Cat("SET TRANSACTION SNAPSHOT ", c.Literal(exported_snapshot_)), what).ok() ||
        !SetSessionValues(c).ok()) {
      return estimates;
    }
    streams.SetSecond(*std::move(second));
    return estimates;
  }

  std::string SourceSql(const internal::TableSource& source, std::string_view name) const {
    if (!source.query.empty()) return Cat("(", source.query, ") AS orgnet_source");
    const std::string relation = source.relation.empty() ? std::string(name) : source.relation;
    return source.schema.empty()
               ? connection_.Identifier(relation)
               : Cat(connection_.Identifier(source.schema), ".", connection_.Identifier(relation));
  }

  // Describes table @p t's source and plans its COPY; false when the source is absent.
  absl::StatusOr<bool> Plan(int t) {
    const bool manifest = t == kManifest;
    const internal::TableSource& source = manifest ? mapping_.manifest : mapping_.tables[t];
    const std::string name(manifest ? std::string_view("manifest")
                                    : GetTableSpec(static_cast<Table>(t)).name);
    RawTable& raw = manifest ? raw_.manifest : raw_.tables[t];
    if (manifest && !mapping_.manifest_values.empty()) {
      raw.present = true;
      raw.header = {"key", "value"};
      raw.cells.resize(2);
      for (const auto& [key, value] : mapping_.manifest_values) {
        raw.cells[0].push_back(key);
        raw.cells[1].push_back(value);
        raw.lines.push_back(static_cast<std::uint32_t>(raw.lines.size() + 2));
      }
      raw.text_checked = false;
      return false;
    }
    if (!source.read) return false;
    PlannedTable plan;
    plan.table = t;
    plan.display = source.Display(name);
    const std::string from = SourceSql(source, name);
    const std::string what = Cat("reading ", plan.display);
    // A source the mapping does not name may be absent (as a missing file is): looked for
    // under a savepoint, so that its absence does not end the transaction.
    const bool optional = !source.named;
    if (optional) {
      if (absl::Status s = connection_.Execute("SAVEPOINT orgnet_probe", what); !s.ok()) return s;
    }
    absl::StatusOr<internal::PgResult> described =
        connection_.Query(Cat("SELECT * FROM ", from, " LIMIT 0"), what);
    if (!described.ok()) {
      if (optional && connection_.last_sqlstate() == "42P01") {
        if (absl::Status s = connection_.Execute("ROLLBACK TO SAVEPOINT orgnet_probe", what);
            !s.ok()) {
          return s;
        }
        return false;
      }
      return described.status();
    }
    if (optional) {
      if (absl::Status s = connection_.Execute("RELEASE SAVEPOINT orgnet_probe", what); !s.ok()) {
        return s;
      }
    }
    const PGresult* result = described->get();
    const int fields = PQnfields(result);
    std::vector<std::string> names;
    for (int i = 0; i < fields; ++i) names.emplace_back(PQfname(result, i));
    auto find = [&](std::string_view column) -> int {
      for (int i = 0; i < fields; ++i) {
        if (names[i] == column) return i;
      }
      return -1;
    };
    std::vector<bool> used(static_cast<std::size_t>(fields), false);
    auto add = [&](std::string header, int field, bool flag) {
      PlannedColumn column;
      column.header = std::move(header);
      column.source = names[field];
      column.type = PQftype(result, field);
      column.flag = flag;
      used[field] = true;
      plan.columns.push_back(std::move(column));
    };
    if (manifest) {
      for (const char* column : {"key", "value"}) {
        const int field = find(source.SourceColumn(column));
        if (field < 0) {
          return absl::NotFoundError(Cat("database: ", plan.display,
                                         ": the manifest has no column ",
                                         internal::Shown(source.SourceColumn(column))));
        }
        add(column, field, false);
      }
    } else {
      const TableSpec& spec = GetTableSpec(static_cast<Table>(t));
      for (const ColumnSpec& c : spec.columns) {
        const int field = find(source.SourceColumn(c.name));
        if (field < 0) {
          if (source.SourceColumn(c.name) != c.name) {  // named by the mapping: must exist
            return absl::NotFoundError(Cat("database: ", plan.display, ": no column ",
                                           internal::Shown(source.SourceColumn(c.name)),
                                           " (the mapping's ", c.name, ")"));
          }
          continue;  // an absent column, as in a file; the build says if it was required
        }
        if (&c - spec.columns.data() == spec.id_column) {
          plan.key_column = static_cast<int>(plan.columns.size());
        }
        add(std::string(c.name), field, c.type == ColumnType::kFlag);
      }
      // The source's other columns are kept as extra columns (all, or those the mapping lists),
      // except those whose name a dataset column of the table already has.
      auto dataset_name = [&](std::string_view n) {
        for (const ColumnSpec& c : spec.columns) {
          if (c.name == n) return true;
        }
        return false;
      };
      if (source.extra_columns) {
        for (const std::string& extra : *source.extra_columns) {
          const int field = find(extra);
          if (field < 0) {
            return absl::NotFoundError(Cat("database: ", plan.display, ": no column ",
                                           internal::Shown(extra),
                                           " (in the mapping's extra_columns)"));
          }
          if (!used[field] && !dataset_name(extra)) add(extra, field, false);
        }
      } else {
        for (int field = 0; field < fields; ++field) {
          if (!used[field] && !dataset_name(names[field])) add(names[field], field, false);
        }
      }
    }
    // Timestamps become dates in the session's time zone, types without a reading become their
    // text, both cast by the server (no catalog is read).
    std::string select;
    for (PlannedColumn& column : plan.columns) {
      if (!select.empty()) select += ", ";
      const std::string id = connection_.Identifier(column.source);
      switch (internal::ReadingOf(column.type)) {
        case internal::TypeReading::kDirect:
          select += id;
          break;
        case internal::TypeReading::kAsDate:
          select += Cat(id, "::date");
          column.type = internal::pg_type::kDate;
          break;
        case internal::TypeReading::kAsText:
          select += Cat(id, "::text");
          column.type = internal::pg_type::kText;
          break;
      }
    }
    if (select.empty()) select = "NULL";  // a source with no column the dataset reads
    plan.copy_sql = Cat("COPY (SELECT ", select, " FROM ", from, ") TO STDOUT WITH (FORMAT ",
                        mapping_.text_format ? "text" : "binary", ")");
    if (select == "NULL") plan.columns.clear();
    raw.present = true;
    raw.header.clear();
    for (const PlannedColumn& column : plan.columns) raw.header.push_back(column.header);
    raw.text_checked = true;  // RowReader checks every cell
    plans_.push_back(std::move(plan));
    return true;
  }

  // Reads a table the others reference (or the manifest) whole, as text, before the build.
  absl::Status ReadWhole(const PlannedTable& plan) {
    RawTable& raw = plan.table == kManifest ? raw_.manifest : raw_.tables[plan.table];
    raw.cells.assign(plan.columns.size(), internal::StringColumn());
    RowReader reader(plan, mapping_.text_format, connection_.server_checks_text(), nullptr,
                     sink_,
                     [&](absl::Span<const std::string_view> cells,
                         absl::Span<const std::int64_t>, std::size_t row) {
                       for (std::size_t c = 0; c < cells.size(); ++c)
                         raw.cells[c].push_back(cells[c]);
                       if (cells.empty()) ++raw.row_count_no_columns;
                       raw.lines.push_back(static_cast<std::uint32_t>(row + 2));
                     });
    absl::Status status =
        connection_.CopyOut(plan.copy_sql, Cat("reading ", plan.display),
                            [&](std::string_view piece) { return reader.Feed(piece); });
    if (status.ok()) status = reader.Finish();
    return status;
  }

  // The build's diagnostics name dataset files and lines; a database load's name the source,
  // the row's key (or its row in the query's result) and the source's column.
  void Rename(LoadReport& report) const {
    auto rename = [&](Diagnostic& d) {
      for (const PlannedTable& plan : plans_) {
        if (d.file != FilePath(plan.table)) continue;
        d.file = plan.display;
        for (const PlannedColumn& column : plan.columns) {
          if (column.header == d.column) {
            d.column = column.source;
            break;
          }
        }
        if (d.line >= 2) d.row = d.line - 2;
        d.line = 0;
        return;
      }
    };
    for (Diagnostic& d : report.errors) rename(d);
    for (Diagnostic& d : report.warnings) rename(d);
  }

  // The load's status message, its first error named as Rename names it.
  static std::string Restated(const std::string& message, const LoadReport& report) {
    const std::string_view suffix_marker = " (and ";
    const std::size_t at = message.rfind(suffix_marker);
    const std::string suffix =
        at != std::string::npos && message.back() == ')' ? message.substr(at) : "";
    return report.errors.front().ToString() + suffix;
  }

  PgConnection& connection_;
  const internal::DatabaseMapping& mapping_;
  const LoadOptions& options_;
  DiagnosticSink sink_;
  RawDataset raw_;
  std::vector<PlannedTable> plans_;
  const bool in_transaction_;
  const std::string uri_;
  std::string exported_snapshot_;  // "" : none
};

absl::StatusOr<Network> Guarded(const std::function<absl::StatusOr<Network>()>& load,
                                LoadReport* report) {
  try {
    return load();
  } catch (const std::bad_alloc&) {
    if (report != nullptr) *report = LoadReport{};
    return absl::ResourceExhaustedError("database: out of memory while loading");
  } catch (const std::length_error& e) {
    if (report != nullptr) *report = LoadReport{};
    return absl::ResourceExhaustedError(Cat("database: too large to load (", e.what(), ")"));
  }
}

}  // namespace

namespace internal {

absl::StatusOr<Network> LoadInTransaction(PgConnection& connection,
                                          const DatabaseMapping& mapping,
                                          const LoadOptions& options, LoadReport* report) {
  if (report != nullptr) *report = LoadReport{};
  return Guarded(
      [&]() -> absl::StatusOr<Network> {
        internal::PrepareEmptyNetwork();
        DatabaseLoad load(connection, mapping, options, /*in_transaction=*/true);
        return load.Run(report);
      },
      report);
}

}  // namespace internal

bool Network::HasDatabaseSupport() { return true; }

absl::StatusOr<Network> Network::LoadDatabase(std::string_view uri, std::string_view mapping,
                                              const LoadOptions& options, LoadReport* report) {
  if (report != nullptr) *report = LoadReport{};
  return Guarded(
      [&]() -> absl::StatusOr<Network> {
        internal::PrepareEmptyNetwork();
        if (uri.find('\0') != std::string_view::npos) {
          return absl::InvalidArgumentError("uri: holds a NUL byte");
        }
        absl::StatusOr<internal::DatabaseMapping> parsed = internal::ParseMapping(mapping);
        if (!parsed.ok()) return parsed.status();
        absl::StatusOr<std::unique_ptr<PgConnection>> connection = PgConnection::Connect(uri);
        if (!connection.ok()) return connection.status();
        DatabaseLoad load(**connection, *parsed, options, /*in_transaction=*/false, uri);
        return load.Run(report);
      },
      report);
}

}  // namespace orgnet
