#include "build/live_rows.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "base/text.h"
#include "build/build.h"
#include "build/cell_parse.h"
#include "build/live_edit.h"
#include "build/live_support.h"
#include "model/network_impl.h"
#include "base/utf8.h"
#include "scope/scope_indexes.h"
#include "territory/territory_edits.h"

namespace orgnet::internal {
namespace {

// The territorial level of an org kind (0 community, 1 street, 2 district), or -1.
int LevelOf(OrgKind kind) {
  switch (kind) {
    case OrgKind::kCommunity:
      return 0;
    case OrgKind::kStreet:
      return 1;
    case OrgKind::kDistrict:
      return 2;
    default:
      return -1;
  }
}
Index PlacePart(const Place& place, int level) {
  return level == 0 ? place.community : level == 1 ? place.street : place.district;
}
std::uint8_t UnknownBits(const Place& p) {
  return static_cast<std::uint8_t>((p.community == kNone) | (p.street == kNone) << 1 |
                                   (p.district == kNone) << 2);
}
void CountBits(std::array<std::int64_t, 3>& counts, std::uint8_t bits, int sign) {
  for (int l = 0; l < 3; ++l) counts[l] += sign * ((bits >> l) & 1);
}

// Rows of a table are named two ways while a batch is replayed. A row's *identity* never
// changes: base rows keep their row number, rows the batch inserts get numbers from the base's
// row count up. Its *slot* is where it stands now: a removal moves the last row into the
// removed row's slot (as the rebuild does). Cells the batch writes are kept by identity, so a
// move touches no cell; references resolve to identities, so renames need no rewriting of the
// rows that refer to the renamed one.
struct TableDraft {
  Index base_rows = 0, rows = 0, next_identity = 0;
  absl::flat_hash_map<Index, Index> identity_at;  // slot -> identity, where not the slot
  absl::flat_hash_map<Index, Index> slot_of;      // identity -> slot (kNone: removed), likewise
  absl::flat_hash_map<std::uint64_t, std::string> written;  // CellKey -> text
  absl::flat_hash_set<Index> written_rows;                  // identities with written cells
  absl::flat_hash_map<std::string, Index> ids;   // id -> identity (kNone: no row), over the base's
  absl::flat_hash_set<std::string> removed_ids;  // ids the batch removed
  std::vector<Index> removed;                    // base identities removed
  bool touched = false;

  Index IdentityAt(Index slot) const {
    auto it = identity_at.find(slot);
    return it == identity_at.end() ? slot : it->second;
  }
  Index SlotOf(Index identity) const {
    auto it = slot_of.find(identity);
    if (it != slot_of.end()) return it->second;
    return identity < base_rows ? identity : kNone;
  }
  static std::uint64_t CellKey(Index identity, int column) {
    return std::uint64_t{identity} << 16 | static_cast<std::uint64_t>(column);
  }
  const std::string* Written(Index identity, int column) const {
    auto it = written.find(CellKey(identity, column));
    return it == written.end() ? nullptr : &it->second;
  }
};

// The columns of a slot whose value may differ from the base's cell in the same slot.
struct SlotChange {
  bool all = false;  // a moved or new row: every column
  std::vector<int> columns;
};

class Replay {
 public:
  explicit Replay(const Network& network) : net_(network), base_(ImplOf(network)) {
    for (int t = 0; t < kTableCount; ++t) {
      TableDraft& d = drafts_[t];
      d.base_rows = d.rows = d.next_identity = base_.tables[t].rows;
    }
  }

  RowsRefusal Run(const EditBatch& batch) {
    for (std::size_t i = 0; i < batch.edits().size(); ++i) {
      if (RowsRefusal r = Apply(batch.edits()[i]); r != RowsRefusal::kNone) {
        if (r == RowsRefusal::kWorded) {
          worded_ = absl::Status(worded_.code(),
                                 Cat(batch.Describe(i), ": ", std::string(worded_.message())));
        }
        return r;
      }
    }
    return RowsRefusal::kNone;
  }

  // The error of a kWorded refusal.
  const absl::Status& worded() const { return worded_; }

  RowsRefusal Finish(LoadReport* report, Network* out);

 private:
  using Op = EditBatch::Edit::Op;
  TableDraft& draft(Table t) { return drafts_[static_cast<int>(t)]; }
  const TableDraft& draft(Table t) const { return drafts_[static_cast<int>(t)]; }

  // The identity the id names now, or kNone.
  Index Find(Table t, std::string_view id) const {
    const TableDraft& d = draft(t);
    if (auto it = d.ids.find(std::string(id)); it != d.ids.end()) return it->second;
    const std::optional<Index> row = net_.Find(t, id);
    return row ? *row : kNone;
  }

  RowsRefusal Apply(const EditBatch::Edit& edit) {
    if (edit.op == Op::kAddColumn || !net_.has_table(edit.table)) return RowsRefusal::kUnsupported;
    const Table t = edit.table;
    TableDraft& d = draft(t);
    const int id_column = GetTableSpec(t).id_column;
    d.touched = true;
    auto column_of = [&](std::string_view name) -> int {
      const std::optional<int> c = net_.FindColumn(t, name);
      return c && net_.has_column(t, *c) ? *c : -1;
    };
    switch (edit.op) {
      case Op::kInsert: {
        const int columns = net_.column_count(t);
        std::vector<std::string> text(columns);
        for (const auto& [name, value] : edit.cells) {
          const int c = column_of(name);
          if (c < 0) return RowsRefusal::kUnsupported;
          text[c] = value;  // the last value given wins, as in the rebuild
        }
        const Index identity = d.next_identity++, slot = d.rows++;
        if (identity != slot) d.identity_at[slot] = identity;
        d.slot_of[identity] = slot;
        if (id_column >= 0) {
          const std::string& id = text[id_column];
          if (id.empty() || Find(t, id) != kNone) return RowsRefusal::kError;
          if (d.removed_ids.contains(id)) return RowsRefusal::kUnsupported;  // see Rename
          d.ids[id] = identity;
        }
        for (int c = 0; c < columns; ++c) {
          d.written[TableDraft::CellKey(identity, c)] = std::move(text[c]);
        }
        d.written_rows.insert(identity);
        return RowsRefusal::kNone;
      }
      case Op::kRemove: {
        if (id_column < 0) return NoIdColumn(t);
        const Index identity = Find(t, edit.key);
        if (identity == kNone) return NoRow(t, edit.key);
        Remove(t, d.SlotOf(identity));
        d.ids[edit.key] = kNone;
        d.removed_ids.insert(edit.key);
        return RowsRefusal::kNone;
      }
      case Op::kSet:
      case Op::kSetRow: {
        // The rebuild's order of checks: the id column, the row, then the column.
        Index identity;
        if (edit.op == Op::kSet) {
          if (id_column >= 0 && edit.column == "id") {
            return Worded(absl::InvalidArgumentError(
                "the id column is changed by a rename, not a set"));
          }
          if (id_column < 0) return NoIdColumn(t);
          identity = Find(t, edit.key);
          if (identity == kNone) return NoRow(t, edit.key);
        } else {
          if (id_column >= 0) return NamedById(t);
          if (edit.row >= d.rows) return RowOutOfRange(t, edit.row);
          identity = d.IdentityAt(edit.row);
        }
        const int c = column_of(edit.column);
        if (c < 0) return RowsRefusal::kUnsupported;
        d.written[TableDraft::CellKey(identity, c)] = edit.value;
        d.written_rows.insert(identity);
        return RowsRefusal::kNone;
      }
      case Op::kRename: {
        if (id_column < 0) return NoIdColumn(t);
        const Index identity = Find(t, edit.key);
        if (identity == kNone) return NoRow(t, edit.key);
        if (edit.value.empty()) return RowsRefusal::kError;
        if (edit.value == edit.key) return RowsRefusal::kNone;
        if (Find(t, edit.value) != kNone) return RowsRefusal::kError;
        // A removed id given again: the rebuild's rows that named it by text would name the
        // new row; here they name the removed identity. Rare: the rebuild takes it.
        if (d.removed_ids.contains(edit.value)) return RowsRefusal::kUnsupported;
        d.ids[edit.key] = kNone;
        d.ids[edit.value] = identity;
        d.removed_ids.insert(edit.key);
        d.written[TableDraft::CellKey(identity, id_column)] = edit.value;
        d.written_rows.insert(identity);
        // References written earlier in the batch by text follow, as in the rebuild.
        for (int r = 0; r < kTableCount; ++r) {
          const auto& columns = GetTableSpec(static_cast<Table>(r)).columns;
          for (auto& [key, text] : drafts_[r].written) {
            const int c = static_cast<int>(key & 0xffff);
            if (c < static_cast<int>(columns.size()) && columns[c].type == ColumnType::kRef &&
                columns[c].target == t && text == edit.key) {
              text = edit.value;
            }
          }
        }
        return RowsRefusal::kNone;
      }
      case Op::kRemoveLink: {
        const Index slot = FindLink(edit);
        if (slot == kNone) {
          // A link written by text the batch's ids do not name, or naming an org the batch
          // removed or renamed, may still match the rebuild's text comparison: the rebuild
          // decides then.
          if (!d.written.empty() || !draft(Table::kOrgs).removed_ids.empty()) {
            return RowsRefusal::kError;
          }
          return Worded(absl::NotFoundError(Cat("no link {", Shown(edit.key), ", ",
                                                Shown(edit.column), "} of kind ",
                                                Shown(edit.value), " since ", Shown(edit.since))));
        }
        Remove(t, slot);
        return RowsRefusal::kNone;
      }
      case Op::kRemoveRow: {
        if (id_column >= 0) return NamedById(t);
        if (edit.row >= d.rows) return RowOutOfRange(t, edit.row);
        Remove(t, edit.row);
        return RowsRefusal::kNone;
      }
      default:
        return RowsRefusal::kUnsupported;
    }
  }

  // Errors of an edit that cannot apply, in the rebuild's words (builder.cc, ApplyOne).
  RowsRefusal Worded(absl::Status status) {
    worded_ = std::move(status);
    return RowsRefusal::kWorded;
  }
  RowsRefusal NoRow(Table t, std::string_view id) {
    return Worded(absl::NotFoundError(
        Cat("no row with id ", Shown(id), " in ", GetTableSpec(t).file)));
  }
  RowsRefusal NoIdColumn(Table t) {
    return Worded(absl::InvalidArgumentError(
        Cat(GetTableSpec(t).file, " has no id column: name its rows another way")));
  }
  RowsRefusal NamedById(Table t) {
    return Worded(absl::InvalidArgumentError(
        Cat(GetTableSpec(t).file, " rows are named by id: use Set or Remove")));
  }
  RowsRefusal RowOutOfRange(Table t, Index row) {
    return Worded(absl::OutOfRangeError(Cat("row index ", row, " out of range: ",
                                            GetTableSpec(t).file, " has ", draft(t).rows,
                                            " rows")));
  }

  // Removes the row in @p slot: the last row moves into it.
  void Remove(Table t, Index slot) {
    TableDraft& d = draft(t);
    const Index last = d.rows - 1;
    const Index removed = d.IdentityAt(slot), moved = d.IdentityAt(last);
    d.slot_of[removed] = kNone;
    if (slot != last) {
      d.identity_at[slot] = moved;
      d.slot_of[moved] = slot;
    }
    d.identity_at.erase(last);
    if (removed < d.base_rows) d.removed.push_back(removed);
    --d.rows;
  }

  // A link's org (identity) in column @p c, and its text in column @p c.
  Index LinkOrg(Index identity, int c) const {
    if (const std::string* text = draft(Table::kLinks).Written(identity, c)) {
      return Find(Table::kOrgs, *text);
    }
    return base_.column(Table::kLinks, c).ref_at(identity);
  }
  std::string LinkText(Index identity, int c) const {
    if (const std::string* text = draft(Table::kLinks).Written(identity, c)) return *text;
    return net_.CellText(Table::kLinks, identity, c);
  }

  // The slot of the first link {a, b} (either order) of the kind since the date, or kNone.
  Index FindLink(const EditBatch::Edit& edit) const {
    const Index a = Find(Table::kOrgs, edit.key), b = Find(Table::kOrgs, edit.column);
    if (a == kNone || b == kNone) return kNone;
    const TableDraft& d = draft(Table::kLinks);
    auto matches = [&](Index identity) {
      const Index x = LinkOrg(identity, col::kLinkA), y = LinkOrg(identity, col::kLinkB);
      if (!((x == a && y == b) || (x == b && y == a))) return false;
      return LinkText(identity, col::kLinkKind) == edit.value &&
             LinkText(identity, col::kLinkSince) == edit.since;
    };
    Index best = kNone;
    const std::shared_ptr<const ScopeIndexes> indexes = base_.scope_indexes.IfMade();
    if (indexes != nullptr && a < d.base_rows) {
      // Candidates: base links naming a, and links the batch wrote.
      for (const RowGroups* groups : {&indexes->links_by_a, &indexes->links_by_b}) {
        for (const Index identity : groups->of(a)) {
          const Index slot = d.SlotOf(identity);
          if (slot != kNone && slot < best && matches(identity)) best = slot;
        }
      }
      for (const Index identity : d.written_rows) {
        const Index slot = d.SlotOf(identity);
        if (slot != kNone && slot < best && matches(identity)) best = slot;
      }
      return best;
    }
    if (d.written.empty() && d.identity_at.empty() && d.rows == d.base_rows) {
      // The base's links as they are: the pair compared on whole columns first.
      const auto ra = base_.column(Table::kLinks, col::kLinkA).refs();
      const auto rb = base_.column(Table::kLinks, col::kLinkB).refs();
      for (Index slot = 0; slot < d.rows; ++slot) {
        if (((ra[slot] == a && rb[slot] == b) || (ra[slot] == b && rb[slot] == a)) &&
            matches(slot)) {
          return slot;
        }
      }
      return kNone;
    }
    for (Index slot = 0; slot < d.rows; ++slot) {
      if (matches(d.IdentityAt(slot))) return slot;
    }
    return kNone;
  }

  // The scope indexes of the base, made now when an edit needs them (once per network: the
  // versions made from it inherit them, updated).
  const ScopeIndexes& Indexes() {
    if (indexes_ == nullptr) {
      base_.scope_indexes.Get(base_);
      indexes_ = base_.scope_indexes.IfMade();
    }
    return *indexes_;
  }

  const Network& net_;
  const NetworkImpl& base_;
  std::array<TableDraft, kTableCount> drafts_;
  std::shared_ptr<const ScopeIndexes> indexes_;
  absl::Status worded_;
};

// Merges a sorted list with the rows that leave and join it (both any order).
std::vector<Index> Merged(absl::Span<const Index> old, std::vector<Index>& leave,
                          std::vector<Index>& join) {
  std::sort(leave.begin(), leave.end());
  std::sort(join.begin(), join.end());
  std::vector<Index> out;
  out.reserve(old.size() + join.size());
  std::size_t l = 0, j = 0;
  for (const Index row : old) {
    while (l < leave.size() && leave[l] < row) ++l;
    if (l < leave.size() && leave[l] == row) continue;
    while (j < join.size() && join[j] < row) out.push_back(join[j++]);
    if (j < join.size() && join[j] == row) ++j;
    out.push_back(row);
  }
  while (j < join.size()) {
    if (out.empty() || out.back() != join[j]) out.push_back(join[j]);
    ++j;
  }
  return out;
}

RowsRefusal Replay::Finish(LoadReport* report, Network* out) {
  const Index base_orgs = base_.table(Table::kOrgs).rows;

  // 1. The slots whose cells may differ, by table. A moved or new row: every column; a
  //    written row: its written columns; a row referring to a row that moved: that column.
  std::array<std::map<Index, SlotChange>, kTableCount> changes;
  for (int t = 0; t < kTableCount; ++t) {
    const TableDraft& d = drafts_[t];
    if (!d.touched) continue;
    for (const auto& [slot, identity] : d.identity_at) {
      if (slot < d.rows) changes[t][slot].all = true;
    }
    for (const Index identity : d.written_rows) {
      const Index slot = d.SlotOf(identity);
      if (slot == kNone) continue;
      if (identity >= d.base_rows || slot != identity) {
        changes[t][slot].all = true;
        continue;
      }
      SlotChange& change = changes[t][slot];
      for (int c = 0; c < net_.column_count(static_cast<Table>(t)); ++c) {
        if (d.Written(identity, c) != nullptr) change.columns.push_back(c);
      }
    }
  }
  // Rows of the referenced tables removed or moved: who referred to them?
  for (const Table target : {Table::kOrgs, Table::kGrids, Table::kUnits, Table::kStaff}) {
    const TableDraft& td = draft(target);
    std::vector<std::pair<Index, Index>> moved;  // base identity -> new slot
    for (const auto& [identity, slot] : td.slot_of) {
      if (identity < td.base_rows && slot != kNone && slot != identity)
        moved.emplace_back(identity, slot);
    }
    if (td.removed.empty() && moved.empty()) continue;
    const ScopeIndexes& x = Indexes();
    for (int t = 0; t < kTableCount; ++t) {
      const Table table = static_cast<Table>(t);
      if (!net_.has_table(table)) continue;
      const TableDraft& d = drafts_[t];
      const auto& columns = GetTableSpec(table).columns;
      for (int c = 0; c < static_cast<int>(columns.size()); ++c) {
        if (columns[c].type != ColumnType::kRef || columns[c].target != target) continue;
        const RowGroups* groups = x.For(table, c);
        for (const Index gone : td.removed) {
          for (const Index r : groups->of(gone)) {
            // A referring row still alive and not re-pointed: a dangling reference.
            if (d.SlotOf(r) != kNone && d.Written(r, c) == nullptr) return RowsRefusal::kError;
          }
        }
        for (const auto& [identity, slot] : moved) {
          for (const Index r : groups->of(identity)) {
            const Index at = d.SlotOf(r);
            if (at == kNone || d.Written(r, c) != nullptr) continue;
            SlotChange& change = changes[t][at];
            if (!change.all) change.columns.push_back(c);
          }
        }
      }
    }
  }

  // 2. The final value of every changed cell, checked as a load checks it.
  struct Final {
    Table table;
    Index slot;
    int column;
    CellValue value;
  };
  std::vector<Final> finals;
  std::vector<Diagnostic> warnings;
  // The final text of a cell (for warnings and rules that read text).
  auto final_text = [&](Table t, Index slot, int c) -> std::string {
    const TableDraft& d = draft(t);
    const Index identity = d.IdentityAt(slot);
    if (const std::string* text = d.Written(identity, c)) return *text;
    return net_.CellText(t, identity, c);
  };
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    const TableDraft& d = drafts_[t];
    const TableSpec& spec = GetTableSpec(table);
    const TableData& data = base_.tables[t];
    const int columns = net_.column_count(table);
    for (auto& [slot, change] : changes[t]) {
      const Index identity = d.IdentityAt(slot);
      if (change.all) {
        change.columns.clear();
        for (int c = 0; c < columns; ++c) change.columns.push_back(c);
      } else {
        std::sort(change.columns.begin(), change.columns.end());
        change.columns.erase(std::unique(change.columns.begin(), change.columns.end()),
                             change.columns.end());
      }
      for (const int c : change.columns) {
        const ColumnData& column = data.columns[c];
        const ColumnSpec* cs =
            c < static_cast<int>(spec.columns.size()) ? &spec.columns[c] : nullptr;
        Final f{table, slot, c, {}};
        const std::string* text = d.Written(identity, c);
        if (text == nullptr) {
          // A base cell, moved or referring to a moved row.
          f.value = ValueAt(column, identity);
          if (column.type == ColumnType::kRef && f.value.number != kNone) {
            const Index to = draft(column.target).SlotOf(static_cast<Index>(f.value.number));
            if (to == kNone) return RowsRefusal::kError;  // refers to a removed row
            f.value.number = to;
          }
          finals.push_back(std::move(f));
          continue;
        }
        const std::string_view v = *text;
        if (ValidTextPrefix(v) != v.size()) return RowsRefusal::kError;
        if (v.empty()) {
          if (cs != nullptr && cs->required && column.type != ColumnType::kFlag) {
            return RowsRefusal::kError;
          }
          f.value = EmptyCell(column.type);
        } else if (column.type == ColumnType::kId || column.type == ColumnType::kText) {
          f.value.text = std::string(v);
        } else if (column.type == ColumnType::kRef) {
          const Index target = Find(column.target, v);
          if (target == kNone) return RowsRefusal::kError;
          f.value.number = draft(column.target).SlotOf(target);
          if (f.value.number == kNone) return RowsRefusal::kError;
        } else {
          std::string error;
          if (!ParseTypedCell(column.type, *cs, v, &f.value.number, &f.value.real, &error)) {
            return RowsRefusal::kError;
          }
        }
        // The load's warnings for the cell.
        auto warn = [&](std::string message) {
          Diagnostic w;
          w.severity = Severity::kWarning;
          w.file = std::string(spec.file);
          w.row = f.slot;
          w.column = column.name;
          w.message = std::move(message);
          warnings.push_back(std::move(w));
        };
        if (column.type == ColumnType::kRef && !v.empty()) {
          const Index target = static_cast<Index>(f.value.number);
          auto expect_kind = [&](std::string_view kind, std::string_view what) {
            const std::string target_kind = final_text(Table::kOrgs, target, col::kOrgKind);
            if (target_kind != kind) {
              warn(KindWarning(final_text(Table::kOrgs, target, col::kOrgId), target_kind, what,
                               kind));
            }
          };
          if (table == Table::kGrids && c == col::kGridCommunity) {
            expect_kind("community", "a grid's community");
          } else if (table == Table::kMembers && c == col::kMemberCommunity) {
            expect_kind("community", "a member's community");
          } else if (table == Table::kMembers && c == col::kMemberStation) {
            expect_kind("station", "a member's station");
          } else if (table == Table::kUnits &&
                     (c == col::kUnitInstructor || c == col::kUnitLiaison)) {
            const std::string_view role = c == col::kUnitInstructor ? "instructor" : "liaison";
            const std::string has = final_text(Table::kStaff, target, col::kStaffRole);
            if (has != role) {
              warn(Cat("staff ", Shown(final_text(Table::kStaff, target, col::kStaffId)),
                       " has role ", Shown(has), "; expected ", role));
            }
          }
        } else if (auto warning = UnknownValueWarning(table, c, v)) {
          warn(*std::move(warning));
        }
        finals.push_back(std::move(f));
      }
    }
  }
  // The final value of a changed cell, else the base's.
  absl::flat_hash_map<std::uint64_t, const CellValue*> final_at;
  for (const Final& f : finals) {
    final_at[std::uint64_t{static_cast<std::uint32_t>(f.table)} << 56 |
             std::uint64_t{f.slot} << 16 | static_cast<std::uint64_t>(f.column)] = &f.value;
  }
  auto number_at = [&](Table t, Index slot, int c) -> std::int64_t {
    auto it = final_at.find(std::uint64_t{static_cast<std::uint32_t>(t)} << 56 |
                            std::uint64_t{slot} << 16 | static_cast<std::uint64_t>(c));
    if (it != final_at.end()) return it->second->number;
    return ValueAt(base_.column(t, c), slot).number;
  };
  auto ref_at = [&](Table t, Index slot, int c) {
    return static_cast<Index>(number_at(t, slot, c));
  };

  // 3. The rules across cells, on the changed rows: an event resolved not before reported;
  //    a link not to itself, until after since, no two of one identity.
  for (const auto& [slot, change] : changes[static_cast<int>(Table::kEvents)]) {
    const Date reported = static_cast<Date>(number_at(Table::kEvents, slot, col::kEventReported));
    const Date resolved = static_cast<Date>(number_at(Table::kEvents, slot, col::kEventResolved));
    if (reported != kNoDate && resolved != kNoDate && resolved < reported) {
      return RowsRefusal::kError;
    }
  }
  if (!changes[static_cast<int>(Table::kLinks)].empty()) {
    const TableDraft& d = draft(Table::kLinks);
    struct Identity {
      Index low, high;
      std::string kind;
      Date since;
      bool operator==(const Identity&) const = default;
    };
    auto identity_of = [&](Index slot) {
      const Index a = ref_at(Table::kLinks, slot, col::kLinkA);
      const Index b = ref_at(Table::kLinks, slot, col::kLinkB);
      return Identity{std::min(a, b), std::max(a, b),
                      final_text(Table::kLinks, slot, col::kLinkKind),
                      static_cast<Date>(number_at(Table::kLinks, slot, col::kLinkSince))};
    };
    std::vector<std::pair<Index, Identity>> changed;
    for (const auto& [slot, change] : changes[static_cast<int>(Table::kLinks)]) {
      // A link only moved (into a removed link's row) or re-pointed at a moved org is the
      // link it was: only written links are checked.
      if (!d.written_rows.contains(d.IdentityAt(slot))) continue;
      Identity id = identity_of(slot);
      const Date until = static_cast<Date>(number_at(Table::kLinks, slot, col::kLinkUntil));
      if (id.low == id.high) return RowsRefusal::kError;
      if (id.since != kNoDate && until != kNoDate && until <= id.since) return RowsRefusal::kError;
      for (const auto& [other, other_id] : changed) {
        if (other_id == id) return RowsRefusal::kError;
      }
      changed.emplace_back(slot, std::move(id));
    }
    // Against the links the batch left as they were.
    auto unchanged = [&](Index slot) {
      return slot < d.rows && !changes[static_cast<int>(Table::kLinks)].contains(slot);
    };
    const std::shared_ptr<const ScopeIndexes> made =
        indexes_ != nullptr ? indexes_ : base_.scope_indexes.IfMade();
    for (const auto& entry : changed) {
      const Identity& id = entry.second;
      auto same = [&](Index other) { return unchanged(other) && identity_of(other) == id; };
      if (made != nullptr && id.low < base_orgs) {
        for (const RowGroups* g : {&made->links_by_a, &made->links_by_b}) {
          for (const Index other : g->of(id.low)) {
            if (same(other)) return RowsRefusal::kError;
          }
        }
      } else {
        const auto a = base_.column(Table::kLinks, col::kLinkA).refs();
        const auto b = base_.column(Table::kLinks, col::kLinkB).refs();
        for (Index other = 0; other < std::min(d.rows, d.base_rows); ++other) {
          if (((a[other] == id.low && b[other] == id.high) ||
               (a[other] == id.high && b[other] == id.low)) &&
              same(other)) {
            return RowsRefusal::kError;
          }
        }
      }
    }
  }

  // 4. The new version's tables: changed cells in patches over the shared storage.
  auto impl = std::make_shared<NetworkImpl>(base_);
  impl->version = NextVersion();
  impl->parent_version = base_.version;
  if (LiveEditFaultForTesting() == LiveEditFault::kDropLastChange && !finals.empty()) {
    finals.pop_back();
  }
  std::map<std::pair<int, int>, std::vector<const Final*>> by_column;
  for (const Final& f : finals) by_column[{static_cast<int>(f.table), f.column}].push_back(&f);
  for (int t = 0; t < kTableCount; ++t) {
    const TableDraft& d = drafts_[t];
    if (!d.touched && changes[t].empty()) continue;
    TableData& table = impl->tables[t];
    table.rows = d.rows;
    for (int c = 0; c < static_cast<int>(table.columns.size()); ++c) {
      auto it = by_column.find({t, c});
      const bool shrunk = d.rows < d.base_rows;
      if (it == by_column.end() && !shrunk) continue;
      const ColumnData& old = base_.tables[t].columns[c];
      auto patch = std::make_shared<CellPatch>();
      if (old.patch() != nullptr) {
        if (!shrunk) {
          *patch = *old.patch();
        } else {
          for (const auto& [row, value] : *old.patch()) {
            if (row < d.rows) patch->emplace(row, value);
          }
        }
      }
      if (it != by_column.end()) {
        for (const Final* f : it->second) (*patch)[f->slot] = f->value;
      }
      ColumnData changed(old, std::move(patch), d.rows);
      if (changed.patch()->size() > CompactionThreshold(d.rows)) changed = changed.Compacted();
      table.columns[c] = std::move(changed);
    }
    // Ids that name another slot now, or none.
    const int id_column = GetTableSpec(static_cast<Table>(t)).id_column;
    if (id_column < 0 || LiveEditFaultForTesting() == LiveEditFault::kForgetAddedIds) continue;
    absl::flat_hash_map<std::string, Index> ids;
    for (const auto& [id, identity] : d.ids)
      ids[id] = identity == kNone ? kNone : d.SlotOf(identity);
    for (const auto& [identity, slot] : d.slot_of) {
      if (slot == kNone || slot == identity) continue;
      ids[std::string(table.columns[id_column].text_at(slot))] = slot;
    }
    if (!ids.empty()) AddIds(*impl, static_cast<Table>(t), {ids.begin(), ids.end()});
  }

  // 5. Org kinds and the leadership tree, when the orgs changed (O(orgs): docs/live.md).
  const TableDraft& orgs = draft(Table::kOrgs);
  const auto& org_changes = changes[static_cast<int>(Table::kOrgs)];
  auto column_changed = [&](Table t, int c) {
    for (const auto& [slot, change] : changes[static_cast<int>(t)]) {
      if (std::binary_search(change.columns.begin(), change.columns.end(), c)) return true;
    }
    return draft(t).rows != draft(t).base_rows;
  };
  const bool kinds_changed =
      column_changed(Table::kOrgs, col::kOrgKind) &&
      (LiveEditFaultForTesting() != LiveEditFault::kOrgKindAsPlain || orgs.rows != orgs.base_rows);
  const bool tree_changed = kinds_changed || column_changed(Table::kOrgs, col::kOrgParent);
  if (kinds_changed) {
    auto kinds = std::make_shared<std::vector<OrgKind>>(*base_.org_kinds);
    kinds->resize(orgs.rows);
    const ColumnData& kind_text = impl->column(Table::kOrgs, col::kOrgKind);
    for (const auto& [slot, change] : org_changes)
      (*kinds)[slot] = OrgKindFromText(kind_text.text_at(slot));
    impl->org_kinds = std::move(kinds);
  }
  if (tree_changed) {
    // A cycle runs through an org whose parent changed: walk up from each (O(depth)).
    const ColumnData& parent_of = impl->column(Table::kOrgs, col::kOrgParent);
    for (const auto& [slot, change] : org_changes) {
      if (!std::binary_search(change.columns.begin(), change.columns.end(),
                              static_cast<int>(col::kOrgParent))) {
        continue;
      }
      Index steps = 0;
      for (Index v = parent_of.ref_at(slot); v != kNone; v = parent_of.ref_at(v)) {
        if (v == slot || ++steps > orgs.rows) return RowsRefusal::kError;
      }
    }
    const auto parent = parent_of.refs();
    auto hierarchy = std::make_shared<Hierarchy>(
        Hierarchy::Build(std::vector<Index>(parent.begin(), parent.end()), *impl->org_kinds));
    if (LiveEditFaultForTesting() != LiveEditFault::kStaleHierarchy ||
        orgs.rows != orgs.base_rows) {
      impl->hierarchy = std::move(hierarchy);
    }
  }
  const std::vector<OrgKind>& new_kinds = *impl->org_kinds;
  const std::vector<OrgKind>& old_kinds = *base_.org_kinds;

  // 6. The scope indexes (when the base had them, or this edit needed them): each changed
  //    slot leaves the group of its old target and joins the new one's.
  std::shared_ptr<const ScopeIndexes> old_indexes =
      indexes_ != nullptr ? indexes_ : base_.scope_indexes.IfMade();
  const bool places_changed = tree_changed || column_changed(Table::kOrgs, col::kOrgGrid) ||
                              column_changed(Table::kGrids, col::kGridCommunity);
  const bool unit_places = column_changed(Table::kUnits, col::kUnitGrid);
  const bool staff_places = column_changed(Table::kStaff, col::kStaffGrid);
  // Rows attached to moved rows are found through the indexes: made now if the base lacks
  // them (once: the versions made from it inherit them).
  bool referenced_moved = false;
  for (const Table t : {Table::kOrgs, Table::kGrids, Table::kUnits, Table::kStaff}) {
    referenced_moved =
        referenced_moved || draft(t).rows != draft(t).base_rows || !draft(t).slot_of.empty();
  }
  if (old_indexes == nullptr &&
      (places_changed || unit_places || staff_places || referenced_moved)) {
    Indexes();
    old_indexes = indexes_;
  }
  std::shared_ptr<ScopeIndexes> new_indexes;
  if (old_indexes != nullptr) {
    new_indexes = std::make_shared<ScopeIndexes>(*old_indexes);
    for (int t = 0; t < kTableCount; ++t) {
      const Table table = static_cast<Table>(t);
      const TableDraft& d = drafts_[t];
      const auto& columns = GetTableSpec(table).columns;
      for (int c = 0; c < static_cast<int>(columns.size()); ++c) {
        if (columns[c].type != ColumnType::kRef || !net_.has_column(table, c)) continue;
        if (LiveEditFaultForTesting() == LiveEditFault::kForgetScopeIndex &&
            table == Table::kMembers && c == col::kMemberOrg) {
          continue;
        }
        std::vector<RowGroups::Move> moves;
        const ColumnData& before = base_.column(table, c);
        const ColumnData& after = impl->column(table, c);
        for (const auto& [slot, change] : changes[t]) {
          if (!std::binary_search(change.columns.begin(), change.columns.end(), c)) continue;
          moves.push_back(
              {slot, slot < d.base_rows ? before.ref_at(slot) : kNone, after.ref_at(slot)});
        }
        for (Index slot = d.rows; slot < d.base_rows; ++slot) {
          moves.push_back({slot, before.ref_at(slot), kNone});
        }
        RowGroups* groups = new_indexes->For(table, c);
        const Index targets = draft(columns[c].target).rows;
        if (moves.empty() && groups->targets() == targets) continue;
        *groups = groups->Moved(moves, targets);
      }
    }
  }

  // 7. The territory: places of orgs and grids recomputed when the tree or a grid's
  //    community changed (O(orgs + grids)); the listings and unknown counts of the rows whose
  //    places changed, updated; the rows attached to moved grids found by the scope indexes.
  const Territory& old_territory = base_.territory;
  const std::shared_ptr<const TerritoryEdits>& old_edits = TerritoryAccess::EditsOf(old_territory);
  auto edits = old_edits != nullptr ? std::make_shared<TerritoryEdits>(*old_edits)
                                    : std::make_shared<TerritoryEdits>();
  edits->member_unit = impl->column(Table::kMembers, col::kMemberUnit);
  edits->member_org = impl->column(Table::kMembers, col::kMemberOrg);
  edits->unit_grid = impl->column(Table::kUnits, col::kUnitGrid);
  edits->staff_grid = impl->column(Table::kStaff, col::kStaffGrid);
  edits->kinds = impl->org_kinds;
  const Index new_grids = draft(Table::kGrids).rows, old_grids = draft(Table::kGrids).base_rows;
  UnknownPlaces unknown = old_territory.unknown();
  struct Moved {
    Index row;
    Place before, after;
    bool had_before, has_after;
  };
  std::array<std::vector<Moved>, TerritoryAccess::kListings> moved;
  // Orgs whose listings are made anew: new, moved into another slot, of another level.
  absl::flat_hash_set<Index> rekeyed;
  for (const auto& [slot, change] : org_changes) {
    if (slot >= base_orgs || orgs.IdentityAt(slot) != slot ||
        LevelOf(new_kinds[slot]) != LevelOf(old_kinds[slot])) {
      rekeyed.insert(slot);
    }
  }
  if (places_changed && LiveEditFaultForTesting() != LiveEditFault::kForgetOrgPlaces) {
    // The places that can change: the subtrees (in the new tree) of the orgs whose parent,
    // kind or grid changed, the grids whose community is one of those orgs or changed, and
    // the subtrees of the orgs standing in such grids, until nothing more is reached
    // (O(those rows), with a copy of the place arrays: O(orgs + grids) bytes).
    const ColumnData& parent = impl->column(Table::kOrgs, col::kOrgParent);
    const ColumnData& org_grid = impl->column(Table::kOrgs, col::kOrgGrid);
    const ColumnData& community = impl->column(Table::kGrids, col::kGridCommunity);
    const Hierarchy& tree = *impl->hierarchy;
    absl::flat_hash_set<Index> org_set, grid_set;
    std::vector<Index> org_queue, grid_queue;
    auto add_subtree = [&](Index root) {
      for (const Index v : tree.subtree(root)) {
        if (org_set.insert(v).second) org_queue.push_back(v);
      }
    };
    auto add_grid = [&](Index g) {
      if (g < new_grids && grid_set.insert(g).second) grid_queue.push_back(g);
    };
    auto touches = [](const SlotChange& change, int c) {
      return std::binary_search(change.columns.begin(), change.columns.end(), c);
    };
    for (const auto& [slot, change] : org_changes) {
      if (slot < orgs.rows && (touches(change, col::kOrgParent) || touches(change, col::kOrgKind) ||
                               touches(change, col::kOrgGrid))) {
        add_subtree(slot);
      }
    }
    for (const auto& [slot, change] : changes[static_cast<int>(Table::kGrids)]) {
      if (touches(change, col::kGridCommunity)) add_grid(slot);
    }
    for (std::size_t o = 0, g = 0; o < org_queue.size() || g < grid_queue.size();) {
      for (; o < org_queue.size(); ++o) {
        for (const Index grid : new_indexes->grids_by_community.of(org_queue[o])) add_grid(grid);
      }
      for (; g < grid_queue.size(); ++g) {
        for (const Index org : new_indexes->orgs_by_grid.of(grid_queue[g])) add_subtree(org);
      }
    }
    auto above = [&](Index v, OrgKind kind) {
      for (Index p = parent.ref_at(v); p != kNone; p = parent.ref_at(p)) {
        if (new_kinds[p] == kind) return p;
      }
      return kNone;
    };
    auto community_place = [&](Index c) {
      Place place;
      place.community = c;
      place.street = new_kinds[c] == OrgKind::kStreet ? c : above(c, OrgKind::kStreet);
      place.district = place.street == kNone ? kNone : above(place.street, OrgKind::kDistrict);
      return place;
    };
    auto org_places = std::make_shared<std::vector<Place>>(orgs.rows);
    for (Index o = 0; o < std::min(orgs.rows, base_orgs); ++o)
      (*org_places)[o] = old_territory.org_place(o);
    auto grid_places = std::make_shared<std::vector<Place>>(new_grids);
    for (Index g = 0; g < std::min(new_grids, old_grids); ++g)
      (*grid_places)[g] = old_territory.grid_place(g);
    // Territory orgs first (their places follow the tree alone), then grids, then the other
    // orgs parents first (a place comes from the org's grid or its parent's place).
    std::sort(org_queue.begin(), org_queue.end(), [&](Index x, Index y) {
      return tree.preorder_position(x) < tree.preorder_position(y);
    });
    for (const Index v : org_queue) {
      Place place;
      switch (new_kinds[v]) {
        case OrgKind::kCommunity:
          place = community_place(v);
          break;
        case OrgKind::kStreet:
          place.street = v;
          place.district = above(v, OrgKind::kDistrict);
          break;
        case OrgKind::kDistrict:
          place.district = v;
          break;
        default:
          continue;
      }
      place.grid = org_grid.ref_at(v);
      (*org_places)[v] = place;
    }
    for (const Index g : grid_queue) {
      Place place = community_place(community.ref_at(g));
      place.grid = g;
      (*grid_places)[g] = place;
    }
    for (const Index v : org_queue) {
      if (LevelOf(new_kinds[v]) >= 0) continue;
      const Index grid = org_grid.ref_at(v), up = parent.ref_at(v);
      (*org_places)[v] = grid != kNone ? (*grid_places)[grid]
                         : up != kNone ? (*org_places)[up]
                                       : Place{};
    }
    // Grids and orgs whose place changed, and rows removed from the end.
    std::sort(grid_queue.begin(), grid_queue.end());
    for (const Index g : grid_queue) {
      const bool had = g < old_grids;
      const Place before = had ? old_territory.grid_place(g) : Place{};
      if (!had || !(before == (*grid_places)[g])) {
        moved[TerritoryAccess::kGridsIn].push_back({g, before, (*grid_places)[g], had, true});
      }
    }
    for (Index g = new_grids; g < old_grids; ++g) {
      moved[TerritoryAccess::kGridsIn].push_back({g, old_territory.grid_place(g), {}, true, false});
    }
    std::sort(org_queue.begin(), org_queue.end());
    for (const Index v : org_queue) {
      const bool had = v < base_orgs;
      const Place before = had ? old_territory.org_place(v) : Place{};
      if (!had || !(before == (*org_places)[v])) {
        moved[TerritoryAccess::kOrgsIn].push_back({v, before, (*org_places)[v], had, true});
      }
    }
    for (Index o = orgs.rows; o < base_orgs; ++o) {
      moved[TerritoryAccess::kOrgsIn].push_back({o, old_territory.org_place(o), {}, true, false});
    }
    edits->org_place = std::move(org_places);
    edits->grid_place = std::move(grid_places);
  }
  auto new_org_place = [&](Index o) {
    return edits->org_place != nullptr ? (*edits->org_place)[o] : old_territory.org_place(o);
  };
  auto new_grid_place = [&](Index g) {
    return edits->grid_place != nullptr ? (*edits->grid_place)[g] : old_territory.grid_place(g);
  };
  auto grid_or_none = [&](Index g) { return g == kNone ? Place{} : new_grid_place(g); };
  const bool orgs_changed = !org_changes.empty() || orgs.rows != orgs.base_rows;
  // Units and staff: the changed slots, and those in grids whose place changed.
  absl::flat_hash_set<Index> grids_moved;
  for (const Moved& m : moved[TerritoryAccess::kGridsIn]) grids_moved.insert(m.row);
  auto attached = [&](Table table, int grid_column, int listing, const RowGroups* by_grid) {
    const TableDraft& d = draft(table);
    const ColumnData& grid = impl->column(table, grid_column);
    absl::flat_hash_set<Index> rows;
    for (const auto& [slot, change] : changes[static_cast<int>(table)]) {
      if (std::binary_search(change.columns.begin(), change.columns.end(), grid_column)) {
        rows.insert(slot);
      }
    }
    for (Index slot = d.rows; slot < d.base_rows; ++slot) rows.insert(slot);
    if (by_grid != nullptr) {
      for (const Index g : grids_moved) {
        if (g >= new_grids) continue;
        for (const Index r : by_grid->of(g)) rows.insert(r);
      }
    }
    std::vector<Index> sorted(rows.begin(), rows.end());
    std::sort(sorted.begin(), sorted.end());
    for (const Index r : sorted) {
      const bool had = r < d.base_rows, has = r < d.rows;
      const Place b = had ? old_territory.place(table, r) : Place{};
      const Place a = has ? grid_or_none(grid.ref_at(r)) : Place{};
      if (had != has || !(a == b)) moved[listing].push_back({r, b, a, had, has});
    }
  };
  if (!grids_moved.empty() || unit_places) {
    attached(Table::kUnits, col::kUnitGrid, TerritoryAccess::kUnitsIn,
             new_indexes != nullptr ? &new_indexes->units_by_grid : nullptr);
  }
  if (!grids_moved.empty() || staff_places) {
    attached(Table::kStaff, col::kStaffGrid, TerritoryAccess::kStaffIn,
             new_indexes != nullptr ? &new_indexes->staff_by_grid : nullptr);
  }
  // Unknown counts of the tables with places.
  const Table listing_table[TerritoryAccess::kListings] = {Table::kGrids, Table::kUnits,
                                                           Table::kOrgs, Table::kStaff};
  for (int l = 0; l < TerritoryAccess::kListings; ++l) {
    auto& counts = unknown.counts[static_cast<int>(listing_table[l])];
    for (const Moved& m : moved[l]) {
      if (m.had_before) CountBits(counts, UnknownBits(m.before), -1);
      if (m.has_after) CountBits(counts, UnknownBits(m.after), +1);
    }
  }
  // Listings: each moved row leaves the lists of its old place and joins its new place's;
  // the lists of rekeyed orgs are made whole below. The changed listings are copied on first
  // write (versions that change none share them).
  std::shared_ptr<TerritoryListings> listings;
  auto changed_listings = [&]() -> TerritoryListings& {
    if (listings == nullptr) {
      listings = edits->listings != nullptr ? std::make_shared<TerritoryListings>(*edits->listings)
                                            : std::make_shared<TerritoryListings>();
    }
    return *listings;
  };
  if (orgs_changed) {
    // Orgs removed from the end: their listings go.
    for (Index o = orgs.rows; o < base_orgs; ++o) {
      TerritoryListings& changed = changed_listings();
      changed.rekeyed.erase(o);
      for (int l = 0; l < TerritoryAccess::kListings; ++l) {
        changed.lists.erase(TerritoryListings::ListingKey(l, o));
      }
    }
  }
  for (int l = 0; l < TerritoryAccess::kListings; ++l) {
    if (moved[l].empty()) continue;
    if (LiveEditFaultForTesting() == LiveEditFault::kForgetListing &&
        l == TerritoryAccess::kUnitsIn) {
      continue;
    }
    absl::flat_hash_map<Index, std::pair<std::vector<Index>, std::vector<Index>>> delta;
    for (const Moved& m : moved[l]) {
      for (int level = 0; level < 3; ++level) {
        if (m.had_before) {
          const Index k = PlacePart(m.before, level);
          if (IsRow(k) && k < base_orgs && k < orgs.rows && LevelOf(old_kinds[k]) == level &&
              !rekeyed.contains(k)) {
            delta[k].first.push_back(m.row);
          }
        }
        if (m.has_after) {
          const Index k = PlacePart(m.after, level);
          if (IsRow(k) && LevelOf(new_kinds[k]) == level && !rekeyed.contains(k)) {
            delta[k].second.push_back(m.row);
          }
        }
      }
    }
    for (auto& [k, lists] : delta) {
      changed_listings().lists[TerritoryListings::ListingKey(l, k)] =
          std::make_shared<const std::vector<Index>>(
              Merged(TerritoryAccess::In(old_territory, l, k), lists.first, lists.second));
    }
  }
  if (!rekeyed.empty()) {
    // Whole lists: grids and orgs by one pass each, units and staff through the grids.
    std::array<absl::flat_hash_map<Index, std::vector<Index>>, TerritoryAccess::kListings> whole;
    TerritoryListings& changed = changed_listings();
    for (const Index k : rekeyed) {
      changed.rekeyed.insert(k);
      for (int l = 0; l < TerritoryAccess::kListings; ++l) {
        changed.lists.erase(TerritoryListings::ListingKey(l, k));
      }
    }
    bool any_level = false;
    for (const Index k : rekeyed) any_level = any_level || LevelOf(new_kinds[k]) >= 0;
    auto gather = [&](int listing, Index rows, auto place_of) {
      if (!any_level) return;
      for (Index r = 0; r < rows; ++r) {
        const Place p = place_of(r);
        for (int level = 0; level < 3; ++level) {
          const Index k = PlacePart(p, level);
          if (IsRow(k) && rekeyed.contains(k) && LevelOf(new_kinds[k]) == level) {
            whole[listing][k].push_back(r);
          }
        }
      }
    };
    gather(TerritoryAccess::kGridsIn, new_grids, new_grid_place);
    gather(TerritoryAccess::kOrgsIn, orgs.rows, new_org_place);
    for (const auto& [k, grids] : whole[TerritoryAccess::kGridsIn]) {
      for (const auto& [listing, by_grid] :
           {std::pair{TerritoryAccess::kUnitsIn, &new_indexes->units_by_grid},
            std::pair{TerritoryAccess::kStaffIn, &new_indexes->staff_by_grid}}) {
        std::vector<Index>& rows = whole[listing][k];
        for (const Index g : grids) {
          const auto in = by_grid->of(g);
          rows.insert(rows.end(), in.begin(), in.end());
        }
        std::sort(rows.begin(), rows.end());
      }
    }
    for (int l = 0; l < TerritoryAccess::kListings; ++l) {
      for (auto& [k, rows] : whole[l]) {
        changed.lists[TerritoryListings::ListingKey(l, k)] =
            std::make_shared<const std::vector<Index>>(std::move(rows));
      }
    }
  }
  // Members: those whose unit or org changed, and those of units and orgs whose unknown
  // parts changed (found by members_by_unit and members_by_org).
  {
    const TableDraft& d = draft(Table::kMembers);
    auto& counts = unknown.counts[static_cast<int>(Table::kMembers)];
    const ColumnData& unit = impl->column(Table::kMembers, col::kMemberUnit);
    const ColumnData& org = impl->column(Table::kMembers, col::kMemberOrg);
    auto new_unit_place = [&](Index u) {
      return grid_or_none(impl->column(Table::kUnits, col::kUnitGrid).ref_at(u));
    };
    auto new_member_place = [&](Index m) {
      const Index u = unit.ref_at(m), o = org.ref_at(m);
      return u != kNone ? new_unit_place(u) : o != kNone ? new_org_place(o) : Place{};
    };
    absl::flat_hash_set<Index> changed_members;
    for (const auto& [slot, change] : changes[static_cast<int>(Table::kMembers)]) {
      const bool moves = std::binary_search(change.columns.begin(), change.columns.end(),
                                            static_cast<int>(col::kMemberUnit)) ||
                         std::binary_search(change.columns.begin(), change.columns.end(),
                                            static_cast<int>(col::kMemberOrg));
      if (!moves) continue;
      changed_members.insert(slot);
      if (slot < d.base_rows) CountBits(counts, UnknownBits(old_territory.member_place(slot)), -1);
      CountBits(counts, UnknownBits(new_member_place(slot)), +1);
    }
    for (Index slot = d.rows; slot < d.base_rows; ++slot) {
      if (changed_members.contains(slot)) continue;
      CountBits(counts, UnknownBits(old_territory.member_place(slot)), -1);
      changed_members.insert(slot);
    }
    // Members left as they were, of a unit or org whose place's unknown parts changed.
    auto follow = [&](const Moved& m, const RowGroups& members_of, bool without_unit) {
      if (!m.had_before || !m.has_after) return;  // a removed or new row: its members changed
      const std::uint8_t before = UnknownBits(m.before), after = UnknownBits(m.after);
      if (before == after) return;
      for (const Index member : members_of.of(m.row)) {
        if (changed_members.contains(member)) continue;
        if (without_unit && unit.ref_at(member) != kNone) continue;
        CountBits(counts, before, -1);
        CountBits(counts, after, +1);
      }
    };
    for (const Moved& m : moved[TerritoryAccess::kUnitsIn])
      follow(m, Indexes().members_by_unit, false);
    for (const Moved& m : moved[TerritoryAccess::kOrgsIn])
      follow(m, Indexes().members_by_org, true);
  }
  if (listings != nullptr) edits->listings = std::move(listings);
  const std::size_t changed_count =
      edits->listings == nullptr ? 0
                                 : edits->listings->lists.size() + edits->listings->rekeyed.size();
  if (changed_count > CompactionThreshold(orgs.rows)) {
    // Each version copies the changed listings it changes: past the threshold they are folded
    // into a new core, O(orgs + grids + units + staff) (the members are not read: their
    // unknown counts are known), amortized as the patches are.
    const auto refs = [&](Table t, int c) { return impl->column(t, c).refs(); };
    const std::array<std::int64_t, 3> member_unknown =
        unknown.counts[static_cast<int>(Table::kMembers)];
    const Territory core = Territory::Build(
        refs(Table::kOrgs, col::kOrgParent), new_kinds, impl->hierarchy->preorder(),
        refs(Table::kOrgs, col::kOrgGrid), refs(Table::kGrids, col::kGridCommunity),
        refs(Table::kUnits, col::kUnitGrid), refs(Table::kStaff, col::kStaffGrid), {}, {},
        &member_unknown);
    edits->listings = nullptr;
    edits->org_place = nullptr;
    edits->grid_place = nullptr;
    impl->territory = TerritoryAccess::Edited(core, std::move(edits), core.unknown());
  } else {
    impl->territory = TerritoryAccess::Edited(old_territory, std::move(edits), unknown);
  }
  if (new_indexes != nullptr) impl->scope_indexes.Put(std::move(new_indexes));
  if (report != nullptr) {
    *report = LoadReport{};
    report->warning_count = static_cast<std::int64_t>(warnings.size());
    report->warnings = std::move(warnings);
  }
  *out = NetworkAccess::Make(std::move(impl));
  return RowsRefusal::kNone;
}

}  // namespace

std::optional<Network> EditRows(const Network& network, const EditBatch& batch, LoadReport* report,
                                RowsRefusal* refusal, absl::Status* error) {
  Replay replay(network);
  *refusal = replay.Run(batch);
  if (*refusal == RowsRefusal::kWorded) *error = replay.worded();
  if (*refusal != RowsRefusal::kNone) return std::nullopt;
  Network out;
  *refusal = replay.Finish(report, &out);
  if (*refusal != RowsRefusal::kNone) return std::nullopt;
  return out;
}

}  // namespace orgnet::internal
