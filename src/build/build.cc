#include "build/build.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <limits>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "build/cell_typer.h"
#include "base/text.h"
#include "model/network_impl.h"
#include "base/parallel.h"
#include "base/progress_meter.h"
#include "base/utf8.h"

namespace orgnet::internal {
namespace {

constexpr std::size_t kMaxIdBytes = 128;

std::string_view Singular(Table table) {
  switch (table) {
    case Table::kOrgs: return "org";
    case Table::kGrids: return "grid";
    case Table::kUnits: return "unit";
    case Table::kMembers: return "member";
    case Table::kStaff: return "staff";
    default: return GetTableSpec(table).name;
  }
}

class Validator {
 public:
  // With @p streams, the streamed tables' records come from it, their syntax errors going to
  // @p syntax (the other diagnostics go to @p sink).
  Validator(RawDataset& raw, const LoadOptions& options, DiagnosticSink& sink, NetworkImpl& out,
            TableStreams* streams = nullptr, DiagnosticSink* syntax = nullptr)
      : raw_(raw), options_(options), sink_(sink), out_(out), streams_(streams), syntax_(syntax) {
    for (int t = 0; t < kTableCount; ++t) streamed_[t] = streams_ != nullptr && streams_->streamed(t);
  }

  void Run() {
    CheckText();
    if (sink_.has_errors()) return;
    CheckManifest();
    for (int t = 0; t < kTableCount; ++t) CheckHeader(t);
    IndexAllIds();
    TypeColumns();
    if (streams_ != nullptr) StreamTables();
    if (sink_.has_errors() || (syntax_ != nullptr && syntax_->has_errors())) return;
    CheckLinks();
    CheckEvents();
    CheckCycles();
    if (sink_.has_errors()) return;
    Warn();
  }

 private:
  const RawTable& Raw(int t) const { return raw_.tables[t]; }
  const TableSpec& Spec(int t) const { return GetTableSpec(static_cast<Table>(t)); }
  TableData& Out(int t) { return out_.tables[t]; }

  Diagnostic At(int t, std::int64_t row, std::string_view column) const {
    Diagnostic d;
    d.file = DiagnosticPath(raw_.folder, Spec(t).file);
    if (row < 0) {
      d.line = Raw(t).header_line;
    } else if (const std::uint32_t line = Raw(t).line(row); line > 0) {
      d.line = line;
    } else {
      d.row = row;
    }
    d.column = std::string(column);
    if (raw_.keyed && row >= 0) d.key = RowKey(t, row);
    return d;
  }
  // The id of row @p row of a table with one: its text as read, or as typed once the text is
  // gone (a streamed table's chunk, a typed column); "" when neither is there yet.
  std::string RowKey(int t, std::int64_t row) const {
    const int id = Spec(t).id_column;
    if (id < 0) return {};
    const auto r = static_cast<std::size_t>(row);
    if (const int src = SourceOf(t, id); src >= 0 && static_cast<std::size_t>(src) < Raw(t).cells.size() &&
                                         r < Raw(t).cells[src].size()) {
      return std::string(Raw(t).cells[src][r]);
    }
    const auto& columns = out_.tables[t].columns;
    if (static_cast<std::size_t>(id) < columns.size() && r < columns[id].storage().text.size()) {
      return std::string(columns[id].storage().text[r]);
    }
    return {};
  }
  DiagnosticKey Key(int t, std::int64_t row, int column) const {
    return {t, row, column, -1};  // rows are in line order
  }
  void Error(int t, std::int64_t row, int column, std::string message) {
    Diagnostic d = At(t, row, column >= 0 ? Out(t).columns[column].name : "");
    d.message = std::move(message);
    sink_.Error(Key(t, row, column), std::move(d));
  }
  void Warning(int t, std::int64_t row, int column, std::string message) {
    if (warnings_kept_ >= options_.max_warnings) {
      sink_.Warning({}, {});  // counted only
      return;
    }
    ++warnings_kept_;
    Diagnostic d = At(t, row, Out(t).columns[column].name);
    d.message = std::move(message);
    sink_.Warning(Key(t, row, column), std::move(d));
  }

  // Text that did not come through the CSV reader (builders, edits) is checked here, so that
  // every accepted byte saves and loads back: valid UTF-8 without NUL (model/utf8.h).
  void CheckText() {
    auto check = [&](const RawTable& table, int key, std::string_view file) {
      if (!table.present || table.text_checked) return;
      const std::string path = DiagnosticPath(raw_.folder, file);
      auto fail = [&](std::int64_t row, std::size_t column, std::string_view text,
                      std::size_t at) {
        Diagnostic d;  // (only builders' tables get here: no lines, rows from 0)
        d.file = path;
        if (row >= 0) d.row = row;
        const bool name_ok = IsValidText(table.header[column]);
        if (name_ok) d.column = table.header[column];
        d.message = Cat(name_ok ? "" : Cat("column ", column + 1, " of the header: "),
                        InvalidTextReason(text, at), " at byte ", at);
        sink_.Error({key, row, static_cast<int>(column), -1}, std::move(d));
      };
      for (std::size_t c = 0; c < table.header.size(); ++c) {
        const std::size_t at = ValidTextPrefix(table.header[c]);
        if (at != table.header[c].size()) fail(-1, c, table.header[c], at);
      }
      int errors = 0;
      for (std::size_t c = 0; c < table.cells.size(); ++c) {
        const StringColumn& column = table.cells[c];
        for (std::size_t r = 0; r < column.size() && errors < sink_.max_errors(); ++r) {
          const std::string_view cell = column[r];
          const std::size_t at = ValidTextPrefix(cell);
          if (at != cell.size()) {
            fail(static_cast<std::int64_t>(r), c, cell, at);
            ++errors;
          }
        }
      }
    };
    check(raw_.manifest, -1, "manifest.csv");
    for (int t = 0; t < kTableCount; ++t) check(Raw(t), t, Spec(t).file);
  }

  void CheckManifest() {
    const RawTable& m = raw_.manifest;
    if (!m.present) return;
    const std::string file = DiagnosticPath(raw_.folder, "manifest.csv");
    const int key_col = m.FindColumn("key"), value_col = m.FindColumn("value");
    if (key_col < 0 || value_col < 0) {
      Diagnostic d;
      d.file = file;
      d.line = m.header_line;
      d.column = key_col < 0 ? "key" : "value";
      d.message = "missing required column";
      sink_.Error({-1, -1, key_col < 0 ? 0 : 1, -1}, std::move(d));
      return;
    }
    absl::flat_hash_set<std::string_view> seen;
    for (std::size_t row = 0; row < m.rows(); ++row) {
      const std::string_view key = m.cells[key_col][row], value = m.cells[value_col][row];
      auto fail = [&](std::string column, std::string message) {
        Diagnostic d;
        d.file = file;
        d.line = m.line(row);
        if (d.line == 0) d.row = static_cast<std::int64_t>(row);
        d.column = std::move(column);
        d.message = std::move(message);
        sink_.Error({-1, static_cast<std::int64_t>(row), 0, -1}, std::move(d));
      };
      if (key.empty()) {
        fail("key", "missing required value");
        continue;
      }
      if (!seen.insert(key).second) {
        fail("key", Cat("duplicate key ", Shown(key)));
        continue;
      }
      if (key == "version" && value != "1") {
        fail("value", Cat("unsupported dataset version ", Shown(value),
                                   ": this library reads version 1"));
      } else if (key == "as_of" && !value.empty()) {
        if (auto date = ParseDate(value)) {
          out_.as_of = *date;
        } else {
          fail("value", Cat("bad date ", Shown(value), ": expected YYYY-MM-DD"));
        }
      }
      out_.manifest.emplace_back(std::string(key), std::string(value));
    }
    out_.manifest_present = true;
  }

  // Maps the format's columns to the file's and sets up the output columns.
  void CheckHeader(int t) {
    const RawTable& raw = Raw(t);
    const TableSpec& spec = Spec(t);
    TableData& out = Out(t);
    out.present = raw.present;
    out.rows = static_cast<Index>(raw.rows());
    source_[t].assign(spec.columns.size(), -1);
    for (const ColumnSpec& c : spec.columns) {
      ColumnData data;
      data.name = std::string(c.name);
      data.type = c.type;
      data.target = c.target;
      out.columns.push_back(std::move(data));
    }
    absl::flat_hash_set<std::string_view> seen;
    for (std::size_t i = 0; i < raw.header.size(); ++i) {
      const std::string& name = raw.header[i];
      auto header_error = [&](std::string message) {
        Diagnostic d = At(t, -1, name);
        d.message = std::move(message);
        sink_.Error({t, -1, static_cast<int>(i), -1}, std::move(d));
        header_ok_[t] = false;
      };
      if (name.empty()) {
        header_error(Cat("empty column name (column ", i + 1, " of the header)"));
        continue;
      }
      if (!seen.insert(name).second) {
        header_error("duplicate column name");
        continue;
      }
      int format_index = -1;
      for (std::size_t c = 0; c < spec.columns.size(); ++c) {
        if (spec.columns[c].name == name) format_index = static_cast<int>(c);
      }
      if (format_index >= 0) {
        source_[t][format_index] = static_cast<int>(i);
        out.columns[format_index].present = true;
      } else {
        ColumnData extra;
        extra.name = name;
        extra.type = ColumnType::kText;
        extra.present = true;
        extras_[t].push_back(static_cast<int>(i));
        out.columns.push_back(std::move(extra));
      }
    }
    if (!raw.present) return;
    for (std::size_t c = 0; c < spec.columns.size(); ++c) {
      if (spec.columns[c].required && source_[t][c] < 0) {
        Diagnostic d = At(t, -1, spec.columns[c].name);
        d.message = "missing required column";
        sink_.Error({t, -1, static_cast<int>(raw.header.size() + c), -1}, std::move(d));
        header_ok_[t] = false;
      }
    }
  }

  void IndexIds(int t) {
    const TableSpec& spec = Spec(t);
    TableData& out = Out(t);
    if (spec.id_column < 0) return;
    ColumnData& ids = out.columns[spec.id_column];
    const int src = source_[t][spec.id_column];
    if (src >= 0 && header_ok_[t] && !streamed_[t]) {
      ids.mutable_storage().text = std::move(raw_.tables[t].cells[src]);
    }
    if (ids.storage().text.size() != out.rows) {  // absent or unusable: keep the column shape
      ids.mutable_storage().text.clear();
      for (Index r = 0; r < out.rows; ++r) ids.mutable_storage().text.push_back({});
    }
    int errors = 0;
    for (Index row = 0; row < out.rows && errors < sink_.max_errors(); ++row) {
      const std::string_view id = ids.storage().text[row];
      if (id.empty()) {
        Error(t, row, spec.id_column, "missing required value");
        ++errors;
      } else if (id.size() > kMaxIdBytes) {
        Error(t, row, spec.id_column,
              Cat("id is ", id.size(), " bytes long; at most ", kMaxIdBytes,
                           " are allowed: ", Shown(id)));
        ++errors;
      }
    }
    std::vector<std::pair<Index, Index>> duplicates;
    out.ids->Build(ids.storage().text, &duplicates, static_cast<std::size_t>(sink_.max_errors()));
    for (const auto& [row, first] : duplicates) {
      const std::uint32_t first_line = Raw(t).line(first);
      Error(t, row, spec.id_column,
            Cat("duplicate id ", Shown(ids.storage().text[row]), " (first at ",
                         first_line > 0 ? Cat("line ", first_line)
                                        : Cat("row ", first + 1),
                         ")"));
    }
  }

  // Ids of different tables are indexed on different threads, largest tables first.
  void IndexAllIds() {
    std::vector<int> order;
    for (int t = 0; t < kTableCount; ++t) {
      if (!streamed_[t]) order.push_back(t);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](int x, int y) { return Out(x).rows > Out(y).rows; });
    RunTasks(order.size(), [&](std::size_t i) { IndexIds(order[i]); });
  }

  // Runs task(0..count) on up to options_.threads threads (at most 8).
  template <typename Task>
  void RunTasks(std::size_t count, Task task) {
    RunParallel(count, std::min(options_.threads, 8), task);
  }

  void TypeColumns() {
    std::vector<std::pair<int, int>> tasks;  // (table, column)
    for (int t = 0; t < kTableCount; ++t) {
      for (int c = 0; c < static_cast<int>(Out(t).columns.size()); ++c) {
        if (c != Spec(t).id_column && !streamed_[t]) tasks.emplace_back(t, c);
      }
    }
    // Large columns first, so that two threads finish together.
    std::stable_sort(tasks.begin(), tasks.end(), [&](auto x, auto y) {
      return Out(x.first).rows > Out(y.first).rows;
    });
    RunTasks(tasks.size(), [&](std::size_t i) { TypeColumn(tasks[i].first, tasks[i].second); });
  }

  // The file column that holds output column @p c of table @p t, or -1.
  int SourceOf(int t, int c) const {
    if (!header_ok_[t]) return -1;
    const int spec_count = static_cast<int>(Spec(t).columns.size());
    return c < spec_count ? source_[t][c] : extras_[t][c - spec_count];
  }

  CellRules Rules(int t, int c) const {
    const ColumnData& column = out_.tables[t].columns[c];
    const int spec_count = static_cast<int>(Spec(t).columns.size());
    CellRules rules;
    rules.type = column.type;
    if (c < spec_count) rules.spec = &Spec(t).columns[c];
    // An id's emptiness and length are IndexIds' to report.
    rules.required = c < spec_count && Spec(t).columns[c].required && header_ok_[t] &&
                     Raw(t).present && column.type != ColumnType::kId;
    if (column.type == ColumnType::kRef) {
      const int target = static_cast<int>(column.target);
      rules.target = out_.tables[target].ids.get();
      rules.report_unknown = header_ok_[target];
      rules.target_singular = Singular(column.target);
    }
    return rules;
  }

  void TypeColumn(int t, int c) {
    TableData& out = Out(t);
    ColumnData& column = out.columns[c];
    const Index n = out.rows;
    const int src = SourceOf(t, c);
    StringColumn empty;
    StringColumn& in = src >= 0 && !streamed_[t] ? raw_.tables[t].cells[src] : empty;
    const bool have = src >= 0 && in.size() == n;
    if (column.type == ColumnType::kId) return;
    if (column.type == ColumnType::kText && have) {
      // Text is kept as read: only its emptiness is looked at.
      column.mutable_storage().text = std::move(in);
      const CellRules rules = Rules(t, c);
      int errors = 0;
      for (Index r = 0; r < n && rules.required && errors < sink_.max_errors(); ++r) {
        if (column.storage().text[r].empty()) {
          Error(t, r, c, "missing required value");
          ++errors;
        }
      }
      return;
    }
    CellTyper typer(Rules(t, c), column.mutable_storage(), n, sink_.max_errors());
    for (Index r = 0; r < n; ++r) {
      typer.Add(have ? in[r] : std::string_view());
      if ((r & 4095) == 4095) ProgressMeter::PollCurrent();
    }
    typer.Finish();
    for (const CellTyper::Failure& f : typer.failures()) Error(t, f.row, c, f.message);
    if (have) in.clear();
  }

  // A streamed table's chunks, typed by the same rules as TypeColumn's.
  class StreamedTable final : public ChunkTarget {
   public:
    StreamedTable(Validator& v, int t) : v_(v), t_(t) {
      const int columns = static_cast<int>(v.Out(t).columns.size());
      for (int c = 0; c < columns; ++c) {
        const int src = v.SourceOf(t, c);
        if (src < 0) continue;
        typed_.push_back(c);
        field_.push_back(src);
        rules_.push_back(v.Rules(t, c));
      }
      failures_.assign(typed_.size(), 0);
    }

    // Chunks are reused once committed, so that their arrays are allocated (and their pages
    // zeroed by the kernel) once per thread, not once per chunk.
    std::unique_ptr<TableChunk> NewChunk(std::size_t expected_rows) override {
      std::unique_ptr<Chunk> chunk;
      {
        std::lock_guard<std::mutex> lock(free_mutex_);
        if (!free_.empty()) {
          chunk = std::move(free_.back());
          free_.pop_back();
        }
      }
      if (chunk == nullptr) chunk = std::make_unique<Chunk>(*this);
      chunk->Start(expected_rows);
      return chunk;
    }

    void Commit(std::unique_ptr<TableChunk> base_chunk, std::int64_t line_shift,
                std::size_t expected_rows) override {
      auto& chunk = static_cast<Chunk&>(*base_chunk);
      for (CellTyper& typer : chunk.typers) typer.Finish();
      TableData& out = v_.Out(t_);
      const std::size_t first = rows_;
      if (first == 0) Reserve(chunk, expected_rows);
      v_.raw_.tables[t_].lines.Append(chunk.lines, line_shift);
      rows_ += chunk.rows;
      for (std::size_t i = 0; i < typed_.size(); ++i) {
        ColumnStorage& to = out.columns[typed_[i]].mutable_storage();
        ColumnStorage& from = chunk.storage[i];
        if (!overflow_) {
          try {
            Append(to, from, rules_[i].type);
          } catch (const std::length_error&) {
            // The table is rejected; its columns are no longer filled.
            v_.Error(t_, static_cast<std::int64_t>(first), typed_[i],
                     "a column holds more than 4 GiB of text");
            overflow_ = true;
          }
        }
        for (const CellTyper::Failure& f : chunk.typers[i].failures()) {
          if (failures_[i] >= v_.sink_.max_errors()) break;
          ++failures_[i];
          v_.Error(t_, static_cast<std::int64_t>(first + f.row), typed_[i], f.message);
        }
      }
      std::lock_guard<std::mutex> lock(free_mutex_);
      free_.emplace_back(static_cast<Chunk*>(base_chunk.release()));
    }

    ColumnType NumberField(std::size_t field) const override {
      for (std::size_t i = 0; i < typed_.size(); ++i) {
        if (static_cast<std::size_t>(field_[i]) != field) continue;
        const ColumnType type = rules_[i].type;
        const bool number = type == ColumnType::kDate || type == ColumnType::kFlag ||
                            (type == ColumnType::kInteger && rules_[i].spec != nullptr);
        return number ? type : ColumnType::kText;
      }
      return ColumnType::kText;
    }

    // Makes the table's other columns (absent from the file) and trims the typed ones.
    void Finish(std::size_t rows) {
      TableData& out = v_.Out(t_);
      out.rows = static_cast<Index>(rows);
      v_.raw_.tables[t_].row_count_no_columns = rows;
      for (int c = 0; c < static_cast<int>(out.columns.size()); ++c) {
        if (std::find(typed_.begin(), typed_.end(), c) == typed_.end()) v_.TypeColumn(t_, c);
      }
      for (int c : typed_) {
        ColumnStorage& s = out.columns[c].mutable_storage();
        s.text.shrink_to_fit();
        s.refs.shrink_to_fit();
        s.ints.shrink_to_fit();
        s.dates.shrink_to_fit();
        s.reals.shrink_to_fit();
        s.small.shrink_to_fit();
      }
    }

   private:
    struct Chunk final : TableChunk {
      explicit Chunk(StreamedTable& table) : table(table), storage(table.typed_.size()) {}
      // Empties the chunk for records to come (its arrays' blocks kept).
      void Start(std::size_t expected_rows) {
        typers.clear();
        typers.reserve(table.typed_.size());
        for (std::size_t i = 0; i < table.typed_.size(); ++i) {
          typers.emplace_back(table.rules_[i], storage[i], expected_rows,
                              table.v_.sink_.max_errors());
        }
        lines = RecordLines();
        rows = 0;
      }
      void AddRecord(absl::Span<const std::string_view> fields, std::uint32_t line) override {
        for (std::size_t i = 0; i < typers.size(); ++i) typers[i].Add(fields[table.field_[i]]);
        lines.push_back(line);
        ++rows;
      }
      void AddRecord(absl::Span<const std::string_view> fields,
                     absl::Span<const std::int64_t> numbers, std::uint32_t line) override {
        for (std::size_t i = 0; i < typers.size(); ++i) {
          const std::size_t f = static_cast<std::size_t>(table.field_[i]);
          if (numbers[f] != kTextField) {
            typers[i].AddNumber(numbers[f]);
          } else {
            typers[i].Add(fields[f]);
          }
        }
        lines.push_back(line);
        ++rows;
      }
      StreamedTable& table;
      std::vector<ColumnStorage> storage;  // one per typed column (never moved: typers hold it)
      std::vector<CellTyper> typers;
      RecordLines lines;
      std::size_t rows = 0;
    };

    // Room for the whole table, estimated from its first chunk (what is left over is trimmed).
    void Reserve(const Chunk& chunk, std::size_t expected_rows) {
      TableData& out = v_.Out(t_);
      for (std::size_t i = 0; i < typed_.size(); ++i) {
        ColumnStorage& to = out.columns[typed_[i]].mutable_storage();
        const ColumnStorage& from = chunk.storage[i];
        switch (rules_[i].type) {
          case ColumnType::kId:
          case ColumnType::kText: {
            const double per_row =
                chunk.rows == 0 ? 0.0 : static_cast<double>(from.text.bytes().size()) / chunk.rows;
            to.text.reserve(expected_rows, static_cast<std::size_t>(per_row * expected_rows) + 64);
            break;
          }
          case ColumnType::kRef: to.refs.reserve(expected_rows); break;
          case ColumnType::kDate: to.dates.reserve(expected_rows); break;
          case ColumnType::kInteger: to.ints.reserve(expected_rows); break;
          case ColumnType::kReal: to.reals.reserve(expected_rows); break;
          case ColumnType::kFlag:
          case ColumnType::kStatus: to.small.reserve(expected_rows); break;
        }
      }
    }

    static void Append(ColumnStorage& to, ColumnStorage& from, ColumnType type) {
      switch (type) {
        case ColumnType::kId:
        case ColumnType::kText: to.text.Append(from.text); break;
        case ColumnType::kRef: to.refs.append(from.refs.data(), from.refs.size()); break;
        case ColumnType::kDate: to.dates.append(from.dates.data(), from.dates.size()); break;
        case ColumnType::kInteger: to.ints.append(from.ints.data(), from.ints.size()); break;
        case ColumnType::kReal: to.reals.append(from.reals.data(), from.reals.size()); break;
        case ColumnType::kFlag:
        case ColumnType::kStatus: to.small.Append(from.small); break;
      }
    }

    Validator& v_;
    const int t_;
    std::vector<int> typed_;      // output columns the file holds
    std::vector<int> field_;      // the record field of each
    std::vector<CellRules> rules_;
    std::vector<int> failures_;   // failures reported per typed column (at most max_errors)
    std::size_t rows_ = 0;
    bool overflow_ = false;
    std::mutex free_mutex_;
    std::vector<std::unique_ptr<Chunk>> free_;
  };

  // Types the streamed tables as their files are read, then indexes their ids.
  void StreamTables() {
    std::array<ChunkTarget*, kTableCount> targets{};
    std::array<std::unique_ptr<StreamedTable>, kTableCount> tables;
    for (int t = 0; t < kTableCount; ++t) {
      if (!streamed_[t]) continue;
      tables[t] = std::make_unique<StreamedTable>(*this, t);
      if (Raw(t).present) targets[t] = tables[t].get();
    }
    const std::array<std::size_t, kTableCount> rows = streams_->Read(targets, *syntax_);
    std::vector<int> order;
    for (int t = 0; t < kTableCount; ++t) {
      if (tables[t] == nullptr) continue;
      tables[t]->Finish(rows[t]);
      order.push_back(t);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](int x, int y) { return Out(x).rows > Out(y).rows; });
    RunTasks(order.size(), [&](std::size_t i) { IndexIds(order[i]); });
  }

  void CheckLinks() {
    const int t = static_cast<int>(Table::kLinks);
    const TableData& links = Out(t);
    const auto& a = links.columns[col::kLinkA].storage().refs;
    const auto& b = links.columns[col::kLinkB].storage().refs;
    const auto& kind = links.columns[col::kLinkKind].storage().text;
    const auto& since = links.columns[col::kLinkSince].storage().dates;
    const auto& until = links.columns[col::kLinkUntil].storage().dates;
    // Kinds are few: number them, so that a link's identity is four integers.
    absl::flat_hash_map<std::string, std::uint32_t> kind_numbers;
    std::vector<std::uint32_t> kind_number(links.rows);
    std::string_view previous_kind;
    std::uint32_t previous_number = 0;
    for (Index r = 0; r < links.rows; ++r) {
      if ((r & 4095) == 4095) ProgressMeter::PollCurrent();
      if (r == 0 || kind[r] != previous_kind) {
        previous_kind = kind[r];
        previous_number = kind_numbers.emplace(std::string(kind[r]), kind_numbers.size())
                              .first->second;
      }
      kind_number[r] = previous_number;
    }
    using Identity = std::tuple<Index, Index, std::uint32_t, Date>;
    absl::flat_hash_map<Identity, Index> seen;
    seen.reserve(links.rows);
    int errors = 0;
    for (Index r = 0; r < links.rows && errors < sink_.max_errors(); ++r) {
      if ((r & 4095) == 4095) ProgressMeter::PollCurrent();
      if (a[r] == b[r]) {
        Error(t, r, col::kLinkB,
              Cat("link from an org to itself: ",
                           Shown(Out(0).columns[col::kOrgId].storage().text[a[r]])));
        ++errors;
        continue;
      }
      if (since[r] != kNoDate && until[r] != kNoDate && until[r] <= since[r]) {
        Error(t, r, col::kLinkUntil,
              Cat("until ", FormatDate(until[r]), " is not after since ",
                           FormatDate(since[r])));
        ++errors;
      }
      const Identity id{std::min(a[r], b[r]), std::max(a[r], b[r]), kind_number[r], since[r]};
      auto [it, inserted] = seen.emplace(id, r);
      if (!inserted) {
        const std::uint32_t first_line = Raw(t).line(it->second);
        Error(t, r, -1,
              Cat("duplicate link (same orgs, kind and since as ",
                           first_line > 0 ? Cat("line ", first_line)
                                          : Cat("row ", it->second + 1),
                           ")"));
        ++errors;
      }
    }
  }

  void CheckEvents() {
    const int t = static_cast<int>(Table::kEvents);
    const TableData& events = Out(t);
    const auto& reported = events.columns[col::kEventReported].storage().dates;
    const auto& resolved = events.columns[col::kEventResolved].storage().dates;
    int errors = 0;
    for (Index r = 0; r < events.rows && errors < sink_.max_errors(); ++r) {
      if ((r & 4095) == 4095) ProgressMeter::PollCurrent();
      if (resolved[r] != kNoDate && reported[r] != kNoDate && resolved[r] < reported[r]) {
        Error(t, r, col::kEventResolved,
              Cat("resolved ", FormatDate(resolved[r]), " is before reported ",
                           FormatDate(reported[r])));
        ++errors;
      }
    }
  }

  // The parent relation must be a forest; walks upward without recursion.
  void CheckCycles() {
    const TableData& orgs = Out(0);
    const auto& parent = orgs.columns[col::kOrgParent].storage().refs;
    const auto& ids = orgs.columns[col::kOrgId].storage().text;
    std::vector<std::uint8_t> state(orgs.rows, 0);  // 0 new, 1 on the current walk, 2 done
    std::vector<Index> path;
    int errors = 0;
    for (Index start = 0; start < orgs.rows && errors < sink_.max_errors(); ++start) {
      if (state[start] != 0) continue;
      path.clear();
      Index v = start;
      while (v != kNone && state[v] == 0) {
        state[v] = 1;
        path.push_back(v);
        v = parent[v];
      }
      if (v != kNone && state[v] == 1) {
        auto first = std::find(path.begin(), path.end(), v);
        std::vector<Index> cycle(first, path.end());
        const Index lowest = *std::min_element(cycle.begin(), cycle.end());
        // Show the cycle from its lowest row, following parents.
        std::string text;
        Index u = lowest;
        const std::size_t shown = std::min<std::size_t>(cycle.size(), 6);
        for (std::size_t i = 0; i < shown; ++i, u = parent[u]) {
          CatTo(&text, i ? " -> " : "", Shown(ids[u]));
        }
        CatTo(&text, cycle.size() > shown ? " -> ..." : "", " -> ", Shown(ids[lowest]));
        Error(0, lowest, col::kOrgParent,
              Cat("leadership cycle of ", cycle.size(), " organization",
                           cycle.size() == 1 ? "" : "s", ": ", text));
        ++errors;
      }
      for (Index p : path) state[p] = 2;
    }
  }

  void Warn() {
    const TableData& orgs = Out(0);
    auto kind_of = [&](Index org) { return orgs.columns[col::kOrgKind].storage().text[org]; };
    auto expect_kind = [&](Table table, int column, std::string_view kind,
                           std::string_view what) {
      const int t = static_cast<int>(table);
      const auto& refs = Out(t).columns[column].storage().refs;
      for (Index r = 0; r < Out(t).rows; ++r) {
        if ((r & 4095) == 4095) ProgressMeter::PollCurrent();
        if (refs[r] != kNone && kind_of(refs[r]) != kind) {
          Warning(t, r, column, KindWarning(orgs.columns[col::kOrgId].storage().text[refs[r]],
                                            kind_of(refs[r]), what, kind));
        }
      }
    };
    expect_kind(Table::kGrids, col::kGridCommunity, "community", "a grid's community");
    expect_kind(Table::kMembers, col::kMemberCommunity, "community", "a member's community");
    expect_kind(Table::kMembers, col::kMemberStation, "station", "a member's station");

    const TableData& staff = Out(static_cast<int>(Table::kStaff));
    auto role_of = [&](Index s) { return staff.columns[col::kStaffRole].storage().text[s]; };
    auto expect_role = [&](int column, std::string_view role) {
      const int t = static_cast<int>(Table::kUnits);
      const auto& refs = Out(t).columns[column].storage().refs;
      for (Index r = 0; r < Out(t).rows; ++r) {
        if ((r & 4095) == 4095) ProgressMeter::PollCurrent();
        if (refs[r] != kNone && role_of(refs[r]) != role) {
          Warning(t, r, column,
                  Cat("staff ", Shown(staff.columns[col::kStaffId].storage().text[refs[r]]),
                               " has role ", Shown(role_of(refs[r])), "; expected ", role));
        }
      }
    };
    expect_role(col::kUnitInstructor, "instructor");
    expect_role(col::kUnitLiaison, "liaison");

    auto expect_one_of = [&](Table table, int column) {
      const int t = static_cast<int>(table);
      const auto& text = Out(t).columns[column].storage().text;
      for (Index r = 0; r < Out(t).rows; ++r) {
        if ((r & 4095) == 4095) ProgressMeter::PollCurrent();
        if (auto warning = UnknownValueWarning(table, column, text[r])) {
          Warning(t, r, column, *std::move(warning));
        }
      }
    };
    expect_one_of(Table::kStaff, col::kStaffRole);
    expect_one_of(Table::kOrgs, col::kOrgLevel);
    expect_one_of(Table::kEvents, col::kEventLevel);
  }

  RawDataset& raw_;
  const LoadOptions& options_;
  DiagnosticSink& sink_;
  NetworkImpl& out_;
  TableStreams* const streams_;
  DiagnosticSink* const syntax_;
  std::array<bool, kTableCount> streamed_{};
  std::array<std::vector<int>, kTableCount> source_;  // format column -> file column
  std::array<std::vector<int>, kTableCount> extras_;  // extra column -> file column
  std::array<bool, kTableCount> header_ok_ = [] {
    std::array<bool, kTableCount> ok;
    ok.fill(true);
    return ok;
  }();
  int warnings_kept_ = 0;
};


}  // namespace

std::string KindWarning(std::string_view org_id, std::string_view org_kind, std::string_view what,
                        std::string_view kind) {
  return Cat("org ", Shown(org_id), " is of kind ", Shown(org_kind), "; ", what,
             " should be of kind ", kind);
}

std::optional<std::string> UnknownValueWarning(Table table, int column, std::string_view value) {
  static constexpr std::string_view kRoles[] = {"grid_manager", "grid_informant", "instructor",
                                                "liaison"};
  static constexpr std::string_view kLevels[] = {"committee", "general_branch", "branch"};
  static constexpr std::string_view kEventLevels[] = {"grid", "community", "street", "district"};
  absl::Span<const std::string_view> known;
  if (table == Table::kStaff && column == col::kStaffRole) known = kRoles;
  if (table == Table::kOrgs && column == col::kOrgLevel) known = kLevels;
  if (table == Table::kEvents && column == col::kEventLevel) known = kEventLevels;
  if (known.empty() || value.empty()) return std::nullopt;
  if (std::find(known.begin(), known.end(), value) != known.end()) return std::nullopt;
  std::string list;
  for (std::string_view v : known) CatTo(&list, list.empty() ? "" : ", ", v);
  return Cat("unknown value ", Shown(value), "; known: ", list);
}

// Text columns of one width lose their ends, categorical ones (at most 256 values) become a
// dictionary: 4 bytes a cell saved, or 3 and the repeated text (model/string_column.h). Only
// a fresh network's columns (no other version shares them).
static void CompressText(NetworkImpl& impl, int threads) {
  std::vector<std::pair<StringColumn*, bool>> columns;  // (column, may be a dictionary)
  for (TableData& table : impl.tables) {
    for (ColumnData& column : table.columns) {
      if (column.type == ColumnType::kId || column.type == ColumnType::kText) {
        columns.emplace_back(&column.mutable_storage().text, column.type == ColumnType::kText);
      }
    }
  }
  RunParallel(columns.size(), threads,
              [&](std::size_t i) { columns[i].first->Compress(columns[i].second); });
}

// Indexes, hierarchy and territory of a validated network (or of an edited version: the
// columns are read with their patches).
void Finalize(NetworkImpl& impl, const std::array<std::int64_t, 3>* member_unknown) {
  const TableData& orgs = impl.table(Table::kOrgs);
  if (impl.org_kinds == nullptr || impl.org_kinds->size() != orgs.rows) {  // kept by a reparent
    auto kinds = std::make_shared<std::vector<OrgKind>>(orgs.rows);
    const StringColumn& kind_text = orgs.columns[col::kOrgKind].texts();
    for (Index i = 0; i < orgs.rows; ++i) (*kinds)[i] = OrgKindFromText(kind_text[i]);
    impl.org_kinds = kinds;
  }
  const std::vector<OrgKind>* kinds = impl.org_kinds.get();
  const auto parent = orgs.columns[col::kOrgParent].refs();
  auto hierarchy = std::make_shared<Hierarchy>(
      Hierarchy::Build(std::vector<Index>(parent.begin(), parent.end()), *kinds));
  auto refs = [&](Table t, int c) { return impl.table(t).columns[c].refs(); };
  impl.territory = Territory::Build(
      refs(Table::kOrgs, col::kOrgParent), *kinds, hierarchy->preorder(),
      refs(Table::kOrgs, col::kOrgGrid), refs(Table::kGrids, col::kGridCommunity),
      refs(Table::kUnits, col::kUnitGrid), refs(Table::kStaff, col::kStaffGrid),
      refs(Table::kMembers, col::kMemberUnit), refs(Table::kMembers, col::kMemberOrg),
      member_unknown);
  impl.hierarchy = std::move(hierarchy);
}

absl::StatusOr<std::shared_ptr<const NetworkImpl>> BuildImpl(RawDataset raw,
                                                             const LoadOptions& options,
                                                             DiagnosticSink& sink,
                                                             LoadReport* report,
                                                             TableStreams* streams) {
  auto impl = std::make_shared<NetworkImpl>();
  try {
    if (streams != nullptr && sink.has_errors()) {
      // The other files' syntax errors are known: the streamed files are only read for theirs.
      streams->Read({}, sink);
    } else if (streams != nullptr) {
      // A syntax error anywhere hides every other kind, as when every file is read first.
      DiagnosticSink checks(options);
      Validator validator(raw, options, checks, *impl, streams, &sink);
      validator.Run();
      if (!sink.has_errors()) checks.MoveTo(sink, 0, std::numeric_limits<std::int64_t>::max());
    } else if (!sink.has_errors()) {
      Validator validator(raw, options, sink, *impl);
      validator.Run();
    }
  } catch (const std::length_error& e) {
    if (report != nullptr) *report = LoadReport{};
    return absl::ResourceExhaustedError(e.what());
  } catch (const std::bad_alloc&) {
    if (report != nullptr) *report = LoadReport{};
    return absl::ResourceExhaustedError("out of memory while checking the dataset");
  }
  if (absl::Status status = sink.Finish(report); !status.ok()) return status;
  try {
    CompressText(*impl, options.threads);
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("out of memory while compressing the text columns");
  }
  impl->version = NextVersion();
  impl->parent_version = raw.parent_version;
  try {
    Finalize(*impl);
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("out of memory while indexing the network");
  }
  return std::shared_ptr<const NetworkImpl>(std::move(impl));
}

absl::StatusOr<Network> BuildNetwork(RawDataset raw, const LoadOptions& options,
                                     DiagnosticSink& sink, LoadReport* report,
                                     TableStreams* streams) {
  auto impl = BuildImpl(std::move(raw), options, sink, report, streams);
  if (!impl.ok()) return impl.status();
  return NetworkAccess::Make(*std::move(impl));
}

}  // namespace orgnet::internal
