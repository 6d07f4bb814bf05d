#include "orgnet/builder.h"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "base/text.h"
#include "build/build.h"
#include "base/closest.h"
#include "model/network_impl.h"
#include "model/raw_table.h"

using orgnet::internal::Cat;
using orgnet::internal::CatTo;

namespace orgnet {

namespace {
// The error for a column name that neither @p header nor the format of @p table has, naming
// the closest one (edits and builders say it alike).
absl::Status UnknownColumn(Table table, const std::vector<std::string>& header,
                           std::string_view name) {
  const TableSpec& spec = GetTableSpec(table);
  std::vector<std::string_view> names(header.begin(), header.end());
  for (const ColumnSpec& column : spec.columns) names.push_back(column.name);
  const std::string_view best = internal::Closest(name, names);
  std::string message = Cat(spec.file, " has no column ", internal::Shown(name));
  if (!best.empty() && internal::EditDistance(name, best) <= std::max<std::size_t>(2, name.size() / 3)) {
    CatTo(&message, " (did you mean ", internal::Shown(best), "?)");
  }
  CatTo(&message, "; to add a column, use AddColumn first");
  return absl::InvalidArgumentError(message);
}
}  // namespace

using internal::RawDataset;
using internal::RawTable;
using internal::StringColumn;
using internal::EditDistance;

// ---------------------------------------------------------------- EditBatch

EditBatch& EditBatch::Insert(Table table, std::vector<Cell> cells) {
  edits_.push_back({Edit::Op::kInsert, table, std::move(cells), {}, {}, {}, {}});
  return *this;
}
EditBatch& EditBatch::Remove(Table table, std::string id) {
  edits_.push_back({Edit::Op::kRemove, table, {}, std::move(id), {}, {}, {}});
  return *this;
}
EditBatch& EditBatch::Set(Table table, std::string id, std::string column, std::string value) {
  edits_.push_back(
      {Edit::Op::kSet, table, {}, std::move(id), std::move(column), std::move(value), {}});
  return *this;
}
EditBatch& EditBatch::Rename(Table table, std::string old_id, std::string new_id) {
  edits_.push_back({Edit::Op::kRename, table, {}, std::move(old_id), {}, std::move(new_id), {}});
  return *this;
}
EditBatch& EditBatch::RemoveLink(std::string a, std::string b, std::string kind,
                                 std::string since) {
  edits_.push_back({Edit::Op::kRemoveLink, Table::kLinks, {}, std::move(a), std::move(b),
                    std::move(kind), std::move(since)});
  return *this;
}
EditBatch& EditBatch::SetRow(Table table, Index row, std::string column, std::string value) {
  edits_.push_back({Edit::Op::kSetRow, table, {}, {}, std::move(column), std::move(value), {}, row});
  return *this;
}
EditBatch& EditBatch::RemoveRow(Table table, Index row) {
  edits_.push_back({Edit::Op::kRemoveRow, table, {}, {}, {}, {}, {}, row});
  return *this;
}

EditBatch& EditBatch::AddColumn(Table table, std::string column) {
  edits_.push_back({Edit::Op::kAddColumn, table, {}, {}, std::move(column), {}, {}});
  return *this;
}

std::string EditBatch::Describe(std::size_t index) const {
  const Edit& e = edits_[index];
  const std::string_view file = GetTableSpec(e.table).file;
  std::string out = Cat("edit ", index + 1, " (");
  using Op = Edit::Op;
  switch (e.op) {
    case Op::kInsert: {
      CatTo(&out, "insert into ", file);
      for (const auto& [name, value] : e.cells) {
        if (name == "id" && GetTableSpec(e.table).id_column >= 0) CatTo(&out, " id ", internal::Shown(value));
      }
      break;
    }
    case Op::kRemove: CatTo(&out, "remove ", file, " id ", internal::Shown(e.key)); break;
    case Op::kSet:
      CatTo(&out, "set ", file, " id ", internal::Shown(e.key), " column ", internal::Shown(e.column));
      break;
    case Op::kRename:
      CatTo(&out, "rename ", file, " id ", internal::Shown(e.key), " to ", internal::Shown(e.value));
      break;
    case Op::kRemoveLink:
      CatTo(&out, "remove link {", internal::Shown(e.key), ", ", internal::Shown(e.column), "} of kind ",
            internal::Shown(e.value), " since ", internal::Shown(e.since));
      break;
    case Op::kAddColumn: CatTo(&out, "add column ", internal::Shown(e.column), " to ", file); break;
    case Op::kSetRow:
      CatTo(&out, "set ", file, " row index ", e.row, " column ", internal::Shown(e.column));
      break;
    case Op::kRemoveRow: CatTo(&out, "remove ", file, " row index ", e.row); break;
  }
  out.push_back(')');
  return out;
}

EditBatch& EditBatch::AddOrg(std::string id, std::string name, std::string kind,
                             std::string parent, std::string grid, std::string level) {
  return Insert(Table::kOrgs, {{"id", std::move(id)},
                               {"name", std::move(name)},
                               {"kind", std::move(kind)},
                               {"parent", std::move(parent)},
                               {"grid", std::move(grid)},
                               {"level", std::move(level)}});
}
EditBatch& EditBatch::Reparent(std::string org, std::string new_parent) {
  return Set(Table::kOrgs, std::move(org), "parent", std::move(new_parent));
}
EditBatch& EditBatch::AddLink(std::string a, std::string b, std::string kind, std::string since,
                              std::string until) {
  return Insert(Table::kLinks, {{"a", std::move(a)},
                                {"b", std::move(b)},
                                {"kind", std::move(kind)},
                                {"since", std::move(since)},
                                {"until", std::move(until)}});
}

// ---------------------------------------------------------------- editing text tables

namespace {

// A table unpacked into one std::string per cell while a batch edits it.
struct EditableTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> columns;
  std::vector<int> touched_by;  // per row: the last edit that inserted or set it, or -1
  absl::flat_hash_map<std::uint64_t, int> set_by;  // (row << 32 | column): the last set of it
  std::optional<absl::flat_hash_map<std::string, std::size_t>> ids;

  std::size_t rows() const { return touched_by.size(); }
  int Column(std::string_view name) const {
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (header[c] == name) return static_cast<int>(c);
    }
    return -1;
  }
  int AddColumn(std::string name) {
    header.push_back(std::move(name));
    columns.emplace_back(rows());
    return static_cast<int>(header.size() - 1);
  }
};

// Makes sure a table has the format's required columns, so that a row added to a table that
// had none is complete in shape (its values are still checked by the build).
void EnsureRequiredHeader(RawTable& table, Table which) {
  table.present = true;
  for (const ColumnSpec& spec : GetTableSpec(which).columns) {
    if (spec.required && table.FindColumn(spec.name) < 0) {
      table.header.emplace_back(spec.name);
      table.cells.emplace_back();
      for (std::size_t r = 0; r < table.row_count_no_columns; ++r) table.cells.back().push_back({});
    }
  }
}

class BatchApplier {
 public:
  explicit BatchApplier(RawDataset& raw) : raw_(raw) {}

  absl::Status Apply(const EditBatch& batch) {
    for (std::size_t i = 0; i < batch.edits().size(); ++i) {
      absl::Status status = ApplyOne(batch.edits()[i], static_cast<int>(i));
      if (!status.ok()) {
        return absl::Status(status.code(),
                            Cat(batch.Describe(i), ": ", std::string(status.message())));
      }
    }
    Pack();
    return absl::OkStatus();
  }

  // The edit that most likely caused a build error: the last one that set the cell, else the
  // one that inserted or last set the row, else the removal of the id the cell refers to; -1
  // when the row was not edited.
  int EditBehind(const Diagnostic& error) const {
    for (int t = 0; t < kTableCount; ++t) {
      const TableSpec& spec = GetTableSpec(static_cast<Table>(t));
      if (error.file != spec.file || error.row < 0) continue;
      const auto row = static_cast<std::size_t>(error.row);
      if (const int c = raw_.tables[t].FindColumn(error.column); c >= 0) {
        auto it = packed_set_by_[t].find(std::uint64_t{row} << 32 | static_cast<std::uint32_t>(c));
        if (it != packed_set_by_[t].end()) return it->second;
      }
      if (row < packed_touched_[t].size() && packed_touched_[t][row] >= 0) {
        return packed_touched_[t][row];
      }
      const RawTable& table = raw_.tables[t];
      const int c = table.FindColumn(error.column);
      if (c < 0 || row >= table.cells[c].size()) return -1;
      for (const ColumnSpec& column : spec.columns) {
        if (column.name != error.column || column.type != ColumnType::kRef) continue;
        const auto& removed = removed_ids_[static_cast<int>(column.target)];
        auto it = removed.find(std::string(table.cells[c][row]));
        if (it != removed.end()) return it->second;
      }
      return -1;
    }
    return -1;
  }

 private:
  EditableTable& Open(Table which) {
    const int t = static_cast<int>(which);
    if (!open_[t]) {
      RawTable& raw = raw_.tables[t];
      EnsureRequiredHeader(raw, which);
      EditableTable table;
      table.header = raw.header;
      table.touched_by.assign(raw.rows(), -1);
      for (const StringColumn& column : raw.cells) {
        std::vector<std::string> cells(column.size());
        for (std::size_t r = 0; r < column.size(); ++r) cells[r] = std::string(column[r]);
        table.columns.push_back(std::move(cells));
      }
      open_[t] = std::move(table);
    }
    return *open_[t];
  }

  absl::StatusOr<std::size_t> FindRow(Table which, std::string_view id) {
    const TableSpec& spec = GetTableSpec(which);
    if (spec.id_column < 0) {
      return absl::InvalidArgumentError(
          Cat(spec.file, " has no id column: name its rows another way"));
    }
    EditableTable& table = Open(which);
    if (!table.ids) {
      table.ids.emplace();
      const int c = table.Column("id");
      for (std::size_t r = 0; r < table.rows(); ++r) {
        table.ids->emplace(table.columns[c][r], r);
      }
    }
    auto it = table.ids->find(std::string(id));
    if (it == table.ids->end()) {
      return absl::NotFoundError(Cat("no row with id ", internal::Shown(id), " in ", spec.file));
    }
    return it->second;
  }

  // Removes row @p r the way live versions do (docs/live.md): the table's last row moves into
  // its place, so rows stay dense and a removal changes two rows, not every row after it.
  static void SwapRemove(EditableTable& table, std::size_t r) {
    const std::size_t last = table.rows() - 1;
    if (r != last) {
      for (auto& column : table.columns) column[r] = std::move(column[last]);
      table.touched_by[r] = table.touched_by[last];
      for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const std::uint64_t from = std::uint64_t{last} << 32 | c, to = std::uint64_t{r} << 32 | c;
        table.set_by.erase(to);
        if (auto it = table.set_by.find(from); it != table.set_by.end()) {
          table.set_by[to] = it->second;
          table.set_by.erase(from);
        }
      }
      const int id = table.Column("id");
      if (table.ids && id >= 0) (*table.ids)[table.columns[id][r]] = r;
    } else {
      for (std::size_t c = 0; c < table.columns.size(); ++c) {
        table.set_by.erase(std::uint64_t{r} << 32 | c);
      }
    }
    for (auto& column : table.columns) column.pop_back();
    table.touched_by.pop_back();
  }

  // The column @p name of an open table: in its header, or a format column the file left out
  // (added now, empty); any other name is an error naming the closest column.
  absl::StatusOr<int> KnownColumn(EditableTable& table, Table which, std::string_view name) {
    if (int c = table.Column(name); c >= 0) return c;
    const TableSpec& spec = GetTableSpec(which);
    for (const ColumnSpec& column : spec.columns) {
      if (column.name == name) return table.AddColumn(std::string(name));
    }
    return UnknownColumn(which, table.header, name);
  }

  absl::Status ApplyOne(const EditBatch::Edit& edit, int index) {
    using Op = EditBatch::Edit::Op;
    switch (edit.op) {
      case Op::kInsert: {
        EditableTable& table = Open(edit.table);
        std::vector<int> columns;
        for (const auto& cell : edit.cells) {
          auto c = KnownColumn(table, edit.table, cell.first);
          if (!c.ok()) return c.status();
          columns.push_back(*c);
        }
        const std::size_t row = table.rows();
        table.touched_by.push_back(index);
        for (auto& column : table.columns) column.emplace_back();
        for (std::size_t i = 0; i < edit.cells.size(); ++i) {
          table.columns[columns[i]][row] = edit.cells[i].second;
        }
        const int id_column = table.Column("id");
        if (table.ids && id_column >= 0 && GetTableSpec(edit.table).id_column >= 0) {
          table.ids->emplace(table.columns[id_column][row], row);
        }
        return absl::OkStatus();
      }
      case Op::kRemove: {
        auto row = FindRow(edit.table, edit.key);
        if (!row.ok()) return row.status();
        EditableTable& table = Open(edit.table);
        table.ids->erase(edit.key);
        SwapRemove(table, *row);
        removed_ids_[static_cast<int>(edit.table)][edit.key] = index;
        return absl::OkStatus();
      }
      case Op::kSet: {
        if (edit.column == "id" && GetTableSpec(edit.table).id_column >= 0) {
          return absl::InvalidArgumentError("the id column is changed by a rename, not a set");
        }
        auto row = FindRow(edit.table, edit.key);
        if (!row.ok()) return row.status();
        EditableTable& table = Open(edit.table);
        auto c = KnownColumn(table, edit.table, edit.column);
        if (!c.ok()) return c.status();
        table.columns[*c][*row] = edit.value;
        table.touched_by[*row] = index;
        table.set_by[std::uint64_t{*row} << 32 | static_cast<std::uint32_t>(*c)] = index;
        return absl::OkStatus();
      }
      case Op::kRename: {
        auto row = FindRow(edit.table, edit.key);
        if (!row.ok()) return row.status();
        EditableTable& table = Open(edit.table);
        table.columns[table.Column("id")][*row] = edit.value;
        table.ids->erase(edit.key);
        table.ids->emplace(edit.value, *row);
        // Every reference to the old id follows it.
        for (int t = 0; t < kTableCount; ++t) {
          for (const ColumnSpec& spec : GetTableSpec(static_cast<Table>(t)).columns) {
            if (spec.type != ColumnType::kRef || spec.target != edit.table) continue;
            if (raw_.tables[t].FindColumn(spec.name) < 0 && !open_[t]) continue;
            EditableTable& referring = Open(static_cast<Table>(t));
            const int c = referring.Column(spec.name);
            if (c < 0) continue;
            for (std::size_t r = 0; r < referring.rows(); ++r) {
              if (referring.columns[c][r] == edit.key) referring.columns[c][r] = edit.value;
            }
          }
        }
        return absl::OkStatus();
      }
      case Op::kRemoveLink: {
        EditableTable& links = Open(Table::kLinks);
        const int a = links.Column("a"), b = links.Column("b"), kind = links.Column("kind");
        const int since = links.Column("since");
        for (std::size_t r = 0; r < links.rows(); ++r) {
          const std::string& ra = links.columns[a][r];
          const std::string& rb = links.columns[b][r];
          const bool same_pair = (ra == edit.key && rb == edit.column) ||
                                 (ra == edit.column && rb == edit.key);
          const std::string_view row_since =
              since >= 0 ? std::string_view(links.columns[since][r]) : std::string_view();
          if (same_pair && links.columns[kind][r] == edit.value && row_since == edit.since) {
            SwapRemove(links, r);
            return absl::OkStatus();
          }
        }
        return absl::NotFoundError(Cat("no link {", internal::Shown(edit.key), ", ",
                                       internal::Shown(edit.column), "} of kind ",
                                       internal::Shown(edit.value), " since ",
                                       internal::Shown(edit.since)));
      }
      case Op::kSetRow:
      case Op::kRemoveRow: {
        const TableSpec& spec = GetTableSpec(edit.table);
        if (spec.id_column >= 0) {
          return absl::InvalidArgumentError(
              Cat(spec.file, " rows are named by id: use Set or Remove"));
        }
        EditableTable& table = Open(edit.table);
        if (edit.row >= table.rows()) {
          return absl::OutOfRangeError(
              Cat("row index ", edit.row, " out of range: ", spec.file, " has ", table.rows(), " rows"));
        }
        if (edit.op == Op::kRemoveRow) {
          SwapRemove(table, edit.row);
          return absl::OkStatus();
        }
        auto c = KnownColumn(table, edit.table, edit.column);
        if (!c.ok()) return c.status();
        table.columns[*c][edit.row] = edit.value;
        table.touched_by[edit.row] = index;
        table.set_by[std::uint64_t{edit.row} << 32 | static_cast<std::uint32_t>(*c)] = index;
        return absl::OkStatus();
      }
      case Op::kAddColumn: {
        EditableTable& table = Open(edit.table);
        const TableSpec& spec = GetTableSpec(edit.table);
        bool known = table.Column(edit.column) >= 0;
        for (const ColumnSpec& column : spec.columns) known = known || column.name == edit.column;
        if (known) {
          return absl::AlreadyExistsError(
              Cat(spec.file, " already has a column ", internal::Shown(edit.column)));
        }
        if (edit.column.empty()) return absl::InvalidArgumentError("a column name is not empty");
        table.AddColumn(edit.column);
        return absl::OkStatus();
      }
    }
    return absl::InternalError("unknown edit");
  }

  void Pack() {
    for (int t = 0; t < kTableCount; ++t) {
      if (!open_[t]) continue;
      EditableTable& table = *open_[t];
      RawTable packed;
      packed.present = true;
      packed.header = table.header;
      // Rows are dense after every edit (a removal moves the last row into its place).
      packed_touched_[t] = std::move(table.touched_by);
      packed_set_by_[t] = std::move(table.set_by);
      for (auto& column : table.columns) {
        StringColumn out;
        for (const std::string& cell : column) out.push_back(cell);
        packed.cells.push_back(std::move(out));
      }
      raw_.tables[t] = std::move(packed);
    }
  }

  RawDataset& raw_;
  std::array<std::optional<EditableTable>, kTableCount> open_;
  std::array<std::vector<int>, kTableCount> packed_touched_;  // per row, as touched_by
  std::array<absl::flat_hash_map<std::uint64_t, int>, kTableCount> packed_set_by_;
  std::array<absl::flat_hash_map<std::string, int>, kTableCount> removed_ids_;  // id -> edit
};

}  // namespace

// ---------------------------------------------------------------- NetworkBuilder

NetworkBuilder::NetworkBuilder() : raw_(std::make_unique<RawDataset>()) {}
NetworkBuilder::~NetworkBuilder() = default;
NetworkBuilder::NetworkBuilder(const NetworkBuilder& other)
    : raw_(std::make_unique<RawDataset>(*other.raw_)) {}
NetworkBuilder& NetworkBuilder::operator=(const NetworkBuilder& other) {
  if (this != &other) raw_ = std::make_unique<RawDataset>(*other.raw_);
  return *this;
}
NetworkBuilder::NetworkBuilder(NetworkBuilder&&) noexcept = default;
NetworkBuilder& NetworkBuilder::operator=(NetworkBuilder&&) noexcept = default;

NetworkBuilder NetworkBuilder::FromNetwork(const Network& network) {
  NetworkBuilder builder;
  RawDataset& raw = *builder.raw_;
  raw.parent_version = network.version();
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    if (!network.has_table(table)) continue;
    RawTable& out = raw.tables[t];
    out.present = true;
    for (int c = 0; c < network.column_count(table); ++c) {
      if (!network.has_column(table, c)) continue;
      out.header.emplace_back(network.column_name(table, c));
      StringColumn column;
      for (Index r = 0; r < network.rows(table); ++r) column.push_back(network.CellText(table, r, c));
      out.cells.push_back(std::move(column));
    }
    out.row_count_no_columns = network.rows(table);
  }
  if (internal::ImplOf(network).manifest_present) {
    for (const auto& [key, value] : network.manifest_entries()) builder.SetManifest(key, value);
  }
  return builder;
}

void NetworkBuilder::AddTable(Table table) {
  EnsureRequiredHeader(raw_->tables[static_cast<int>(table)], table);
}

absl::Status NetworkBuilder::AddRow(Table table, const std::vector<Cell>& cells) {
  RawTable& raw = raw_->tables[static_cast<int>(table)];
  // Every name first: an unknown one adds nothing (a misspelt column would otherwise become
  // an extra column and its value be lost to the format's).
  const TableSpec& spec = GetTableSpec(table);
  for (const auto& [name, value] : cells) {
    if (raw.FindColumn(name) >= 0) continue;
    bool format = false;
    for (const ColumnSpec& column : spec.columns) format = format || column.name == name;
    if (!format) return UnknownColumn(table, raw.header, name);
  }
  EnsureRequiredHeader(raw, table);
  const std::size_t rows = raw.rows();
  std::vector<bool> filled(raw.header.size(), false);
  for (const auto& [name, value] : cells) {
    int c = raw.FindColumn(name);
    if (c < 0) {  // a format column the table did not have yet
      raw.header.push_back(name);
      raw.cells.emplace_back();
      for (std::size_t r = 0; r < rows; ++r) raw.cells.back().push_back({});
      filled.push_back(false);
      c = static_cast<int>(raw.header.size() - 1);
    }
    if (filled[c]) continue;  // the first value given for a column wins
    raw.cells[c].push_back(value);
    filled[c] = true;
  }
  for (std::size_t c = 0; c < raw.header.size(); ++c) {
    if (!filled[c]) raw.cells[c].push_back({});
  }
  raw.row_count_no_columns = rows + 1;
  return absl::OkStatus();
}

absl::Status NetworkBuilder::AddColumn(Table table, std::string_view name) {
  RawTable& raw = raw_->tables[static_cast<int>(table)];
  const TableSpec& spec = GetTableSpec(table);
  if (name.empty()) {
    return absl::InvalidArgumentError(Cat(spec.file, ": a column needs a name"));
  }
  for (const ColumnSpec& column : spec.columns) {
    if (column.name == name) {
      return absl::InvalidArgumentError(Cat(spec.file, ": ", internal::Shown(name),
                                            " is a column of the format; give its values to "
                                            "AddRow"));
    }
  }
  if (raw.FindColumn(name) >= 0) {
    return absl::AlreadyExistsError(Cat(spec.file, " already has a column ",
                                        internal::Shown(name)));
  }
  EnsureRequiredHeader(raw, table);
  const std::size_t rows = raw.rows();
  raw.header.emplace_back(name);
  raw.cells.emplace_back();
  for (std::size_t r = 0; r < rows; ++r) raw.cells.back().push_back({});
  return absl::OkStatus();
}

void NetworkBuilder::SetManifest(std::string key, std::string value) {
  RawTable& m = raw_->manifest;
  if (!m.present) {
    m.present = true;
    m.header = {"key", "value"};
    m.cells.resize(2);
  }
  m.cells[0].push_back(key);
  m.cells[1].push_back(value);
}

std::size_t NetworkBuilder::rows(Table table) const {
  return raw_->tables[static_cast<int>(table)].rows();
}

absl::StatusOr<Network> NetworkBuilder::Build(const LoadOptions& options,
                                              LoadReport* report) const {
  try {
    internal::PrepareEmptyNetwork();
    internal::DiagnosticSink sink(options);
    return internal::BuildNetwork(*raw_, options, sink, report);
  } catch (const std::bad_alloc&) {
    if (report != nullptr) *report = LoadReport{};
    return absl::ResourceExhaustedError("out of memory while building the network");
  }
}

absl::StatusOr<Network> NetworkBuilder::Apply(const EditBatch& batch, const LoadOptions& options,
                                              LoadReport* report) {
  try {
    internal::PrepareEmptyNetwork();
    auto edited = std::make_unique<RawDataset>(*raw_);
    BatchApplier applier(*edited);
    if (absl::Status status = applier.Apply(batch); !status.ok()) {
      if (report != nullptr) *report = LoadReport{};
      return status;
    }
    internal::DiagnosticSink sink(options);
    LoadReport local_report;
    LoadReport* build_report = report != nullptr ? report : &local_report;
    absl::StatusOr<Network> network = internal::BuildNetwork(*edited, options, sink, build_report);
    if (network.ok()) {
      raw_ = std::move(edited);
      raw_->parent_version = network->version();  // the next batch edits this version
      return network;
    }
    // Name the edit behind the first error, not only the row the rebuilt table gives it.
    if (!build_report->errors.empty()) {
      const int edit = applier.EditBehind(build_report->errors.front());
      if (edit >= 0) {
        return absl::Status(network.status().code(),
                            Cat(batch.Describe(static_cast<std::size_t>(edit)), ": ",
                                std::string(network.status().message())));
      }
    }
    return network;
  } catch (const std::bad_alloc&) {
    if (report != nullptr) *report = LoadReport{};
    return absl::ResourceExhaustedError("out of memory while applying the edits");
  } catch (const std::length_error& e) {
    if (report != nullptr) *report = LoadReport{};
    return absl::ResourceExhaustedError(Cat("too large: ", e.what()));
  }
}

}  // namespace orgnet
