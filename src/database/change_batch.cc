#include "database/change_batch.h"

#include <utility>

#include "base/text.h"
#include "base/utf8.h"
#include "database/pg_value.h"

namespace orgnet::internal {
namespace {

// A timestamp's text in the session's DateStyle ISO (`2024-03-01 08:30:00+08`, in the
// session's TimeZone for timestamptz) gives the date the loader's `::date` cast gives.
bool TimestampDate(std::string_view text, std::string* out) {
  if (text.size() < 10 || text.find(" BC") != std::string_view::npos) return false;
  if (text.size() > 10 && text[10] != ' ') return false;
  out->append(text.substr(0, 10));
  return true;
}

}  // namespace

ChangeBatch::ChangeBatch(const DatabaseMapping& mapping, std::vector<FollowedTable> tables)
    : mapping_(mapping), tables_(std::move(tables)) {}

absl::Status ChangeBatch::Relation(const PgoutputMessage& message) {
  RelationPlan relation;
  for (const FollowedTable& table : tables_) {
    if (table.relation == message.relation) relation.table = &table;
  }
  if (relation.table != nullptr) {
    const Table t = relation.table->table;
    const TableSource& source = mapping_.tables[static_cast<int>(t)];
    const TableSpec& spec = GetTableSpec(t);
    for (const PgoutputColumn& column : message.columns) {
      std::string name;
      bool flag = false;
      for (std::size_t c = 0; c < spec.columns.size(); ++c) {
        if (source.SourceColumn(spec.columns[c].name) == column.name) {
          name = std::string(spec.columns[c].name);
          flag = spec.columns[c].type == ColumnType::kFlag;
          if (static_cast<int>(c) == spec.id_column) {
            relation.id = static_cast<int>(relation.columns.size());
          }
        }
      }
      // The source's other columns are extra columns when the load kept them.
      if (name.empty() && current_ != nullptr && current_->FindColumn(t, column.name)) {
        name = column.name;
      }
      relation.columns.push_back(std::move(name));
      relation.types.push_back(column.type);
      relation.flags.push_back(flag);
    }
  }
  relations_[message.relation] = std::move(relation);
  return absl::OkStatus();
}

void ChangeBatch::Begin(const Network& current) {
  current_ = &current;
  batch_ = EditBatch();
  changes_ = 0;
  rows_.clear();
}

absl::Status ChangeBatch::Cell(const RelationPlan& relation, std::size_t c,
                               const PgoutputValue& v, std::string_view key,
                               std::string* out) const {
  out->clear();
  if (v.kind == PgoutputValue::Kind::kNull) return absl::OkStatus();
  auto wrong = [&](std::string_view what) {
    return absl::InvalidArgumentError(Cat(relation.table->display, " key ", Shown(key),
                                          ": column ", relation.columns[c], ": ", what));
  };
  if (v.kind == PgoutputValue::Kind::kBinary) return wrong("a binary value (protocol 1 sends text)");
  const std::uint32_t type = relation.types[c];
  switch (ReadingOf(type)) {
    case TypeReading::kDirect: {
      const std::string error = AppendCellText(*out, type, WireFormat::kText, v.bytes,
                                               relation.flags[c]);
      if (!error.empty()) return wrong(error);
      break;
    }
    case TypeReading::kAsDate:
      if (!TimestampDate(v.bytes, out)) {
        return wrong(Cat(Shown(v.bytes), " has no date in the dataset's range"));
      }
      break;
    case TypeReading::kAsText:
      out->append(v.bytes);
      break;
  }
  if (const std::size_t at = ValidTextPrefix(*out); at != out->size()) {
    return wrong(Cat("not UTF-8 text at byte ", at));
  }
  return absl::OkStatus();
}

std::string ChangeBatch::KeyOf(const RelationPlan& relation,
                               const std::vector<PgoutputValue>& values) const {
  if (relation.id < 0 || static_cast<std::size_t>(relation.id) >= values.size()) return {};
  return std::string(values[relation.id].bytes);
}

std::vector<ChangeBatch::RowState>& ChangeBatch::RowsOf(Table t) {
  auto [it, made] = rows_.try_emplace(static_cast<int>(t));
  if (made) {
    it->second.resize(current_->rows(t));
    for (Index r = 0; r < it->second.size(); ++r) it->second[r].original = r;
  }
  return it->second;
}

absl::StatusOr<std::vector<std::pair<int, std::string>>> ChangeBatch::CellsOf(
    const RelationPlan& relation, const std::vector<PgoutputValue>& values,
    const std::vector<PgoutputValue>* old_values) const {
  const Table t = relation.table->table;
  std::vector<std::pair<int, std::string>> cells;
  std::string cell;
  for (std::size_t c = 0; c < relation.columns.size() && c < values.size(); ++c) {
    if (relation.columns[c].empty()) continue;
    const std::optional<int> column = current_->FindColumn(t, relation.columns[c]);
    if (!column) continue;
    const PgoutputValue* v = &values[c];
    if (v->kind == PgoutputValue::Kind::kUnchanged && old_values != nullptr &&
        c < old_values->size()) {
      v = &(*old_values)[c];
    }
    if (absl::Status s = Cell(relation, c, *v, "", &cell); !s.ok()) return s;
    cells.emplace_back(*column, cell);
  }
  return cells;
}

absl::StatusOr<Index> ChangeBatch::FindRow(const RelationPlan& relation,
                                           const std::vector<PgoutputValue>& values) {
  const Table t = relation.table->table;
  std::vector<RowState>& rows = RowsOf(t);
  absl::StatusOr<std::vector<std::pair<int, std::string>>> wanted =
      CellsOf(relation, values, nullptr);
  if (!wanted.ok()) return wanted.status();
  // A linear search: the tables without ids are the links and the funds, and a transaction
  // changes few of their rows.
  for (Index position = 0; position < rows.size(); ++position) {
    const RowState& row = rows[position];
    bool same = true;
    for (const auto& [column, text] : *wanted) {
      std::string_view now;
      std::string version_text;
      if (row.original == kNone) {
        for (const auto& [c, t_text] : row.cells) {
          if (c == column) now = t_text;
        }
      } else {
        version_text = current_->CellText(t, row.original, column);
        now = version_text;
      }
      if (now != text) {
        same = false;
        break;
      }
    }
    if (same) return position;
  }
  return absl::NotFoundError(Cat(relation.table->display,
                                 ": no row has the old values the server sent (the network has "
                                 "diverged from the database)"));
}

absl::Status ChangeBatch::Change(const PgoutputMessage& message) {
  if (message.kind == PgoutputMessage::Kind::kTruncate) {
    for (std::uint32_t id : message.truncated) {
      auto found = relations_.find(id);
      if (found != relations_.end() && found->second.table != nullptr) {
        return absl::UnimplementedError(
            Cat(found->second.table->display,
                ": TRUNCATE of a followed table is not followed (reload the network)"));
      }
    }
    return absl::OkStatus();
  }
  auto found = relations_.find(message.relation);
  if (found == relations_.end()) {
    return absl::DataLossError(
        Cat("logical replication: a change of relation ", message.relation,
            " before its Relation message"));
  }
  const RelationPlan& relation = found->second;
  if (relation.table == nullptr) return absl::OkStatus();
  const Table t = relation.table->table;
  const bool with_ids = GetTableSpec(t).id_column >= 0;
  ++changes_;
  std::string cell;
  if (message.kind == PgoutputMessage::Kind::kInsert) {
    const std::string key = KeyOf(relation, message.new_values);
    std::vector<orgnet::Cell> cells;
    for (std::size_t c = 0; c < relation.columns.size() && c < message.new_values.size(); ++c) {
      if (relation.columns[c].empty()) continue;
      if (absl::Status s = Cell(relation, c, message.new_values[c], key, &cell); !s.ok()) return s;
      cells.emplace_back(relation.columns[c], cell);
    }
    batch_.Insert(t, std::move(cells));
    if (!with_ids) {
      absl::StatusOr<std::vector<std::pair<int, std::string>>> own =
          CellsOf(relation, message.new_values, nullptr);
      if (!own.ok()) return own.status();
      RowsOf(t).push_back(RowState{kNone, *std::move(own)});
    }
    return absl::OkStatus();
  }
  if (with_ids) {
    if (relation.id < 0) {
      return absl::FailedPreconditionError(
          Cat(relation.table->display, ": the id column is not among the relation's columns"));
    }
    const std::string new_key = KeyOf(relation, message.new_values);
    const std::string old_key =
        message.old_kind != 0 ? KeyOf(relation, message.old_values) : new_key;
    if (message.kind == PgoutputMessage::Kind::kDelete) {
      batch_.Remove(t, old_key);
      return absl::OkStatus();
    }
    if (new_key != old_key) batch_.Rename(t, old_key, new_key);
    for (std::size_t c = 0; c < relation.columns.size() && c < message.new_values.size(); ++c) {
      if (relation.columns[c].empty() || static_cast<int>(c) == relation.id) continue;
      const PgoutputValue& v = message.new_values[c];
      if (v.kind == PgoutputValue::Kind::kUnchanged) continue;
      if (absl::Status s = Cell(relation, c, v, new_key, &cell); !s.ok()) return s;
      batch_.Set(t, new_key, relation.columns[c], cell);
    }
    return absl::OkStatus();
  }
  // A table without ids: the row is the one with the old values (REPLICA IDENTITY FULL).
  if (message.old_kind != 'O') {
    return absl::FailedPreconditionError(
        Cat(relation.table->display, ": an update or delete without the old row (the table "
                                     "needs REPLICA IDENTITY FULL)"));
  }
  absl::StatusOr<Index> position = FindRow(relation, message.old_values);
  if (!position.ok()) return position.status();
  std::vector<RowState>& rows = RowsOf(t);
  if (message.kind == PgoutputMessage::Kind::kDelete) {
    batch_.RemoveRow(t, *position);
    rows[*position] = rows.back();
    rows.pop_back();
    return absl::OkStatus();
  }
  for (std::size_t c = 0; c < relation.columns.size() && c < message.new_values.size(); ++c) {
    if (relation.columns[c].empty()) continue;
    const PgoutputValue& v = message.new_values[c];
    if (v.kind == PgoutputValue::Kind::kUnchanged) continue;
    if (absl::Status s = Cell(relation, c, v, "", &cell); !s.ok()) return s;
    batch_.SetRow(t, *position, relation.columns[c], cell);
  }
  // Later changes of the transaction find the row by its new cells.
  absl::StatusOr<std::vector<std::pair<int, std::string>>> now =
      CellsOf(relation, message.new_values, &message.old_values);
  if (!now.ok()) return now.status();
  rows[*position] = RowState{kNone, *std::move(now)};
  return absl::OkStatus();
}

}  // namespace orgnet::internal
