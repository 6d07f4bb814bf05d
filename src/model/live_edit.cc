#include "model/live_edit.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <map>
#include <memory>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "model/build.h"
#include "model/cell_parse.h"
#include "model/network_impl.h"
#include "model/text.h"
#include "model/utf8.h"
#include "territory/member_refs.h"

namespace orgnet::internal {
namespace {

std::atomic<LiveEditFault> fault{LiveEditFault::kNone};

// Cells that feed an index, the leadership tree, the territory or a rule across rows: a set of
// one of them goes through the rebuild. (References and ids are excluded by type.)
bool FeedsAnIndexOrARule(Table table, int column) {
  switch (table) {
    case Table::kOrgs:  // org kinds, hierarchy, territory
      return column == col::kOrgKind && fault != LiveEditFault::kOrgKindAsPlain;
    case Table::kLinks:
      return true;  // link identity and dates
    case Table::kEvents:
      return false;  // resolved >= reported: checked below on the final values of each row
    default:
      return false;
  }
}

// References a set may change in place (issue 25): a member's organization (a transfer), unit,
// community and station, read by the territory cell by cell (MemberRefs) and by the analyses
// when they run; a unit's organization, an event's grid, a need's, resource's or centre's
// organization and a centre's grid, which only the analyses read. Other references feed the
// tree, the territory's places or listings, or a load's warnings about staff roles.
bool InPlaceReference(Table table, int column) {
  switch (table) {
    case Table::kMembers:
      return column == col::kMemberOrg || column == col::kMemberUnit ||
             column == col::kMemberCommunity || column == col::kMemberStation;
    case Table::kUnits: return column == col::kUnitOrg;
    case Table::kEvents: return column == col::kEventGrid;
    case Table::kNeeds:
    case Table::kResources: return column == col::kListingOrg;
    case Table::kCentres: return column == col::kCentreOrg || column == col::kCentreGrid;
    default: return false;
  }
}

// A patch grows with each version made from the last, and each version copies it; folding it
// into new storage costs O(rows). Folding at P cells costs O(P + rows / P) per edit amortized,
// least at P = sqrt(rows): past max(1,024, 2 sqrt(rows)) cells (2,828 for two million rows) a
// patch (and the id overlay) is folded.
std::size_t CompactionThreshold(std::size_t rows) {
  return std::max<std::size_t>(1024,
                               2 * static_cast<std::size_t>(std::sqrt(static_cast<double>(rows))));
}

struct Change {
  Table table;
  int column;
  Index row;
  CellValue value;
};

// An empty cell of @p type as a load stores it (text empty, status formal).
CellValue EmptyCell(ColumnType type) {
  CellValue cell;
  switch (type) {
    case ColumnType::kRef:
      cell.number = kNone;
      break;
    case ColumnType::kDate:
      cell.number = kNoDate;
      break;
    case ColumnType::kInteger:
      cell.number = kNoInteger;
      break;
    case ColumnType::kReal:
      cell.real = std::nan("");
      break;
    case ColumnType::kFlag:
      cell.number = kFlagEmpty;
      break;
    default:
      break;
  }
  return cell;
}

// The cells of a new row of @p table as a load types them (every column of the table, empty
// where @p cells leave it out), or nullopt when a column is unknown or absent, a value is not
// text, a required value is missing, a reference names no row, a value does not read, or an
// id is taken (in the network or, with @p new_ids, earlier in the batch).
std::optional<std::vector<CellValue>> ParseNewRow(const Network& network, Table table,
                                                  const std::vector<Cell>& cells,
                                                  absl::flat_hash_set<std::string>* new_ids) {
  const TableSpec& spec = GetTableSpec(table);
  const TableData& data = ImplOf(network).table(table);
  const int columns = network.column_count(table);
  std::vector<std::string_view> text(columns);
  for (const auto& [name, value] : cells) {
    const std::optional<int> c = network.FindColumn(table, name);
    if (!c || !network.has_column(table, *c)) return std::nullopt;
    text[*c] = value;
  }
  std::vector<CellValue> row(columns);
  for (int c = 0; c < columns; ++c) {
    const std::string_view v = text[c];
    if (ValidTextPrefix(v) != v.size()) return std::nullopt;
    const ColumnType type = data.columns[c].type;
    if (v.empty()) {
      const bool required = c < static_cast<int>(spec.columns.size()) && spec.columns[c].required;
      if (required && type != ColumnType::kFlag) return std::nullopt;
      row[c] = EmptyCell(type);
      continue;
    }
    switch (type) {
      case ColumnType::kId:
        if (network.Find(table, v) || new_ids == nullptr ||
            !new_ids->insert(std::string(v)).second) {
          return std::nullopt;  // a duplicate id
        }
        row[c].text = std::string(v);
        break;
      case ColumnType::kText:
        row[c].text = std::string(v);
        break;
      case ColumnType::kRef: {
        const std::optional<Index> target = network.Find(data.columns[c].target, v);
        if (!target) return std::nullopt;
        row[c].number = *target;
        break;
      }
      default: {
        std::string error;
        if (!ParseTypedCell(type, spec.columns[c], v, &row[c].number, &row[c].real, &error)) {
          return std::nullopt;
        }
      }
    }
  }
  return row;
}

// Appends the links that @p inserts (edits of @p batch) add, one change per column of each new
// row, after the checks of a load (references, required values, dates, no link to itself,
// until after since, no duplicate identity); false when one fails or does not qualify, so
// that the rebuild reports it.
bool AppendLinks(const Network& network, const EditBatch& batch,
                 const std::vector<std::size_t>& inserts, std::vector<Change>* changes) {
  if (inserts.empty()) return true;
  if (!network.has_table(Table::kLinks)) return false;
  const NetworkImpl& base = ImplOf(network);
  const TableData& links = base.table(Table::kLinks);
  const int columns = network.column_count(Table::kLinks);
  const auto a = links.columns[col::kLinkA].refs(), b = links.columns[col::kLinkB].refs();
  const auto since = links.columns[col::kLinkSince].dates();
  const StringColumn& kind = links.columns[col::kLinkKind].texts();
  struct Identity {
    Index low, high;
    std::string kind;
    Date since;
  };
  std::vector<Identity> added;
  for (std::size_t k = 0; k < inserts.size(); ++k) {
    std::optional<std::vector<CellValue>> parsed =
        ParseNewRow(network, Table::kLinks, batch.edits()[inserts[k]].cells, nullptr);
    if (!parsed) return false;
    std::vector<CellValue>& row = *parsed;
    const Index ra = static_cast<Index>(row[col::kLinkA].number);
    const Index rb = static_cast<Index>(row[col::kLinkB].number);
    const Date rs = static_cast<Date>(row[col::kLinkSince].number);
    const Date ru = static_cast<Date>(row[col::kLinkUntil].number);
    if (ra == rb || (rs != kNoDate && ru != kNoDate && ru <= rs)) return false;
    Identity id{std::min(ra, rb), std::max(ra, rb), row[col::kLinkKind].text, rs};
    for (Index r = 0; r < links.rows; ++r) {  // O(links): a duplicate is the rebuild's to word
      if (std::min(a[r], b[r]) == id.low && std::max(a[r], b[r]) == id.high &&
          since[r] == id.since && kind[r] == id.kind) {
        return false;
      }
    }
    for (const Identity& other : added) {
      if (other.low == id.low && other.high == id.high && other.since == id.since &&
          other.kind == id.kind) {
        return false;
      }
    }
    added.push_back(std::move(id));
    for (int c = 0; c < columns; ++c) {
      changes->push_back({Table::kLinks, c, static_cast<Index>(links.rows + k), std::move(row[c])});
    }
  }
  return true;
}

// Members an in-place batch appends: their ids (to the overlay on the id index) and the
// members' unknown-place counts with them.
struct AddedMembers {
  std::vector<std::pair<std::string, Index>> ids;
  UnknownPlaces unknown;
};

// Appends the members that @p inserts add, one change per column of each new row, after the
// checks of a load (a new id, references that exist, required values, types); false when one
// fails or does not qualify, so that the rebuild reports it. Warnings as a load gives them (a
// member's community or station of another kind).
bool AppendMembers(const Network& network, const EditBatch& batch,
                   const std::vector<std::size_t>& inserts, std::vector<Change>* changes,
                   AddedMembers* added, std::vector<Diagnostic>* warnings) {
  added->unknown = network.territory().unknown();
  if (inserts.empty()) return true;
  if (!network.has_table(Table::kMembers)) return false;
  const NetworkImpl& base = ImplOf(network);
  const TableData& members = base.table(Table::kMembers);
  const TableSpec& spec = GetTableSpec(Table::kMembers);
  const int columns = network.column_count(Table::kMembers);
  absl::flat_hash_set<std::string> new_ids;
  for (std::size_t k = 0; k < inserts.size(); ++k) {
    const Index row_number = static_cast<Index>(members.rows + k);
    std::optional<std::vector<CellValue>> parsed =
        ParseNewRow(network, Table::kMembers, batch.edits()[inserts[k]].cells, &new_ids);
    if (!parsed) return false;
    std::vector<CellValue>& row = *parsed;
    if (row[col::kMemberId].text.empty()) return false;
    // The warnings of a load for this row, and where the member stands.
    auto expect_kind = [&](int column, std::string_view kind, std::string_view what) {
      const Index org = static_cast<Index>(row[column].number);
      if (org == kNone || network.org_kind_text(org) == kind) return;
      Diagnostic d;
      d.severity = Severity::kWarning;
      d.file = std::string(spec.file);
      d.row = row_number;
      d.column = members.columns[column].name;
      d.message = KindWarning(network.org_id(org), network.org_kind_text(org), what, kind);
      warnings->push_back(std::move(d));
    };
    expect_kind(col::kMemberCommunity, "community", "a member's community");
    expect_kind(col::kMemberStation, "station", "a member's station");
    const Index unit = static_cast<Index>(row[col::kMemberUnit].number);
    const Index org = static_cast<Index>(row[col::kMemberOrg].number);
    const Place place = unit != kNone  ? network.territory().unit_place(unit)
                        : org != kNone ? network.territory().org_place(org)
                                       : Place{};
    auto& counts = added->unknown.counts[static_cast<int>(Table::kMembers)];
    counts[0] += place.community == kNone;
    counts[1] += place.street == kNone;
    counts[2] += place.district == kNone;
    added->ids.emplace_back(row[col::kMemberId].text, row_number);
    for (int c = 0; c < columns; ++c) {
      changes->push_back({Table::kMembers, c, row_number, std::move(row[c])});
    }
  }
  return true;
}

// Tables whose rows feed no index but their ids, nor the tree or the territory: the analyses
// read them when they run (events, the needs and resources of the matching, the centres of the
// reach), so that a new row is appended in place.
bool IsLeafTable(Table table) {
  return table == Table::kEvents || table == Table::kNeeds || table == Table::kResources ||
         table == Table::kCentres;
}

// Appends the rows of the leaf table @p table that @p inserts add (an event reported, the most
// common edit of a city; a need or a resource listed; a centre opened), one change per column
// of each new row, after the checks of a load (a new id, references that exist, required
// values, types; an event resolved not before reported); false when one fails or does not
// qualify, so that the rebuild reports it. A load's warning for an unknown event level.
// @p ids gets the new ids.
bool AppendLeafRows(const Network& network, const EditBatch& batch, Table table,
                    const std::vector<std::size_t>& inserts, std::vector<Change>* changes,
                    std::vector<std::pair<std::string, Index>>* ids,
                    std::vector<Diagnostic>* warnings) {
  if (inserts.empty()) return true;
  if (!network.has_table(table)) return false;
  const TableData& data = ImplOf(network).table(table);
  const int columns = network.column_count(table);
  const int id_column = GetTableSpec(table).id_column;
  absl::flat_hash_set<std::string> new_ids;
  for (std::size_t k = 0; k < inserts.size(); ++k) {
    const Index row_number = static_cast<Index>(data.rows + k);
    std::optional<std::vector<CellValue>> parsed =
        ParseNewRow(network, table, batch.edits()[inserts[k]].cells, &new_ids);
    if (!parsed) return false;
    std::vector<CellValue>& row = *parsed;
    if (row[id_column].text.empty()) return false;
    if (table == Table::kEvents) {
      const Date reported = static_cast<Date>(row[col::kEventReported].number);
      const Date resolved = static_cast<Date>(row[col::kEventResolved].number);
      if (reported != kNoDate && resolved != kNoDate && resolved < reported) return false;
      if (auto warning = UnknownValueWarning(Table::kEvents, col::kEventLevel,
                                             row[col::kEventLevel].text)) {
        Diagnostic d;
        d.severity = Severity::kWarning;
        d.file = std::string(GetTableSpec(Table::kEvents).file);
        d.row = row_number;
        d.column = data.columns[col::kEventLevel].name;
        d.message = *std::move(warning);
        warnings->push_back(std::move(d));
      }
    }
    ids->emplace_back(row[id_column].text, row_number);
    for (int c = 0; c < columns; ++c) {
      changes->push_back({table, c, row_number, std::move(row[c])});
    }
  }
  return true;
}

// Puts @p ids (kNone: removed) on the id overlay of @p table in a new version, folded into a
// new index over the id column past the compaction threshold.
void AddIds(NetworkImpl& impl, Table table, std::vector<std::pair<std::string, Index>> ids) {
  TableData& data = impl.tables[static_cast<int>(table)];
  auto overlay = data.added_ids != nullptr
                     ? std::make_shared<absl::flat_hash_map<std::string, Index>>(*data.added_ids)
                     : std::make_shared<absl::flat_hash_map<std::string, Index>>();
  for (auto& [id, row] : ids) (*overlay)[std::move(id)] = row;
  data.added_ids = std::move(overlay);
  if (data.added_ids->size() > CompactionThreshold(data.rows)) {
    ColumnData& id_column = data.columns[GetTableSpec(table).id_column];
    id_column = id_column.Compacted();
    auto index = std::make_shared<IdIndex>();
    std::vector<std::pair<Index, Index>> duplicates;  // none: every id was checked new
    index->Build(id_column.storage().text, &duplicates, 0);
    data.ids = std::move(index);
    data.added_ids = nullptr;
  }
}

// The members table of a new version after rows were appended, moved or removed: the id
// overlay gets @p ids (kNone: removed), folded into a new index past the threshold; the
// territory reads the new unit and org columns and takes @p unknown as the members' counts.
void FinishMembers(const NetworkImpl& base, NetworkImpl& impl,
                   std::vector<std::pair<std::string, Index>> ids, const UnknownPlaces& unknown) {
  AddIds(impl, Table::kMembers, std::move(ids));
  TableData& table = impl.tables[static_cast<int>(Table::kMembers)];
  impl.territory = TerritoryAccess::WithMembers(
      base.territory, MemberRefs{table.columns[col::kMemberUnit], table.columns[col::kMemberOrg]},
      unknown);
}

// One cell's value as a patch holds it.
CellValue ValueAt(const ColumnData& column, Index row) {
  CellValue value;
  switch (column.type) {
    case ColumnType::kId:
    case ColumnType::kText:
      value.text = std::string(column.text_at(row));
      break;
    case ColumnType::kRef:
      value.number = column.ref_at(row);
      break;
    case ColumnType::kDate:
      value.number = column.date_at(row);
      break;
    case ColumnType::kInteger:
      value.number = column.integer_at(row);
      break;
    case ColumnType::kReal:
      value.real = column.real_at(row);
      break;
    case ColumnType::kFlag:
    case ColumnType::kStatus:
      value.number = column.small_at(row);
      break;
  }
  return value;
}

// A batch of removals of one table only, in place: members, the leaf tables (events, needs,
// resources, centres: nothing refers to their rows) by id, or links by identity. Each removal
// moves the table's last row into the removed row's place, as the rebuild does; a row not found
// leaves the batch to the rebuild, which words it.
std::optional<absl::StatusOr<Network>> RemoveRows(const Network& network, const EditBatch& batch,
                                                  Table table_kind) {
  if (!network.has_table(table_kind)) return std::nullopt;
  const NetworkImpl& base = ImplOf(network);
  const TableData& data = base.table(table_kind);
  const bool members = table_kind == Table::kMembers, links = table_kind == Table::kLinks;
  Index rows = data.rows;
  absl::flat_hash_map<Index, Index> source;     // a row now holding another original row
  absl::flat_hash_map<std::string, Index> ids;  // ids the batch moved or removed (kNone)
  auto original = [&](Index row) {
    auto it = source.find(row);
    return it == source.end() ? row : it->second;
  };
  UnknownPlaces unknown = network.territory().unknown();
  auto& counts = unknown.counts[static_cast<int>(Table::kMembers)];
  const int id_column = GetTableSpec(table_kind).id_column;
  for (const EditBatch::Edit& edit : batch.edits()) {
    std::optional<Index> row;
    if (links) {
      // The link {a, b} of the kind since the date (either order), among the rows left.
      const std::optional<Index> a = network.Find(Table::kOrgs, edit.key);
      const std::optional<Index> b = network.Find(Table::kOrgs, edit.column);
      if (!a || !b) return std::nullopt;
      const ColumnData& ra = data.columns[col::kLinkA];
      const ColumnData& rb = data.columns[col::kLinkB];
      for (Index r = 0; r < rows && !row; ++r) {
        const Index o = original(r);
        const Index x = ra.ref_at(o), y = rb.ref_at(o);
        if (!((x == *a && y == *b) || (x == *b && y == *a))) continue;
        if (data.columns[col::kLinkKind].text_at(o) != edit.value) continue;
        if (network.CellText(Table::kLinks, o, col::kLinkSince) != edit.since) continue;
        row = r;
      }
    } else if (auto it = ids.find(edit.key); it != ids.end()) {
      if (it->second != kNone) row = it->second;
    } else {
      row = network.Find(table_kind, edit.key);
    }
    if (!row) return std::nullopt;
    if (members) {
      const Place place = network.territory().member_place(original(*row));
      counts[0] -= place.community == kNone;
      counts[1] -= place.street == kNone;
      counts[2] -= place.district == kNone;
    }
    if (!links) ids[edit.key] = kNone;
    const Index last = rows - 1;
    if (*row != last) {
      const Index moved = original(last);
      source[*row] = moved;
      if (!links) ids[std::string(data.columns[id_column].text_at(moved))] = *row;
    }
    source.erase(last);
    --rows;
  }
  auto impl = std::make_shared<NetworkImpl>(base);
  impl->version = NextVersion();
  impl->parent_version = base.version;
  TableData& table = impl->tables[static_cast<int>(table_kind)];
  table.rows = rows;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const ColumnData& old = data.columns[c];
    auto patch = std::make_shared<CellPatch>();
    if (old.patch() != nullptr) {
      for (const auto& [row, value] : *old.patch()) {
        if (row < rows) patch->emplace(row, value);
      }
    }
    for (const auto& [row, from] : source) {
      if (row < rows) (*patch)[row] = ValueAt(old, from);
    }
    ColumnData changed(old, std::move(patch), rows);
    if (changed.patch()->size() > CompactionThreshold(rows)) changed = changed.Compacted();
    table.columns[c] = std::move(changed);
  }
  std::vector<std::pair<std::string, Index>> overlay(ids.begin(), ids.end());
  if (fault == LiveEditFault::kForgetAddedIds) overlay.clear();
  if (members) {
    FinishMembers(base, *impl, std::move(overlay), unknown);
  } else if (!links) {
    AddIds(*impl, table_kind, std::move(overlay));
  }
  return absl::StatusOr<Network>(NetworkAccess::Make(std::move(impl)));
}

// A batch of reparents only, in place: the parent column patched, a cycle looked for from each
// moved org, then the org kinds, hierarchy and territory rebuilt from the version's columns
// (O(orgs + grids + units + staff + members)); the tables themselves are shared. nullopt when
// an id is unknown or the moves make a cycle (the rebuild words those).
std::optional<absl::StatusOr<Network>> Reparent(const Network& network, const EditBatch& batch) {
  const NetworkImpl& base = ImplOf(network);
  const TableData& orgs = base.table(Table::kOrgs);
  const ColumnData& parent_column = orgs.columns[col::kOrgParent];
  if (!network.has_column(Table::kOrgs, col::kOrgParent)) return std::nullopt;
  absl::flat_hash_map<Index, Index> parent;  // the moved orgs' new parents
  for (const EditBatch::Edit& edit : batch.edits()) {
    const std::optional<Index> org = network.FindOrg(edit.key);
    if (!org) return std::nullopt;
    Index to = kNone;
    if (!edit.value.empty()) {
      if (ValidTextPrefix(edit.value) != edit.value.size()) return std::nullopt;
      const std::optional<Index> found = network.FindOrg(edit.value);
      if (!found) return std::nullopt;
      to = *found;
    }
    parent[*org] = to;
  }
  auto parent_of = [&](Index v) {
    auto it = parent.find(v);
    return it != parent.end() ? it->second : parent_column.ref_at(v);
  };
  for (const auto& [org, to] : parent) {
    Index v = to;
    for (Index steps = 0; v != kNone; v = parent_of(v)) {
      if (v == org || ++steps > orgs.rows) return std::nullopt;  // a cycle
    }
  }
  auto impl = std::make_shared<NetworkImpl>(base);
  impl->version = NextVersion();
  impl->parent_version = base.version;
  auto patch = parent_column.patch() != nullptr
                   ? std::make_shared<CellPatch>(*parent_column.patch())
                   : std::make_shared<CellPatch>();
  for (const auto& [org, to] : parent) (*patch)[org].number = to;
  ColumnData changed(parent_column, std::move(patch), orgs.rows);
  if (changed.patch()->size() > CompactionThreshold(orgs.rows)) changed = changed.Compacted();
  impl->tables[static_cast<int>(Table::kOrgs)].columns[col::kOrgParent] = std::move(changed);
  Finalize(*impl);
  if (fault == LiveEditFault::kStaleHierarchy) impl->hierarchy = base.hierarchy;
  return absl::StatusOr<Network>(NetworkAccess::Make(std::move(impl)));
}

}  // namespace

void SetLiveEditFaultForTesting(LiveEditFault f) { fault = f; }

std::optional<absl::StatusOr<Network>> EditInPlace(const Network& network, const EditBatch& batch,
                                                   const LoadOptions& options, LoadReport* report) {
  const NetworkImpl& base = ImplOf(network);
  // 1. Does every edit qualify? (Edits apply in order; an unknown id stops the batch there, as
  //    in the rebuild.) The last set of a cell wins: only final values are checked.
  struct Cell {
    Table table;
    int column;
    Index row;
    bool operator<(const Cell& o) const {
      return std::tie(table, row, column) < std::tie(o.table, o.row, o.column);
    }
  };
  std::map<Cell, std::size_t> last_set;  // cell -> edit; ordered as a load orders its errors
  // Removals of one table only (members, a leaf table by id, links by identity).
  const Table first_table = batch.edits().empty() ? Table::kOrgs : batch.edits().front().table;
  const bool removable = first_table == Table::kMembers || first_table == Table::kLinks ||
                         IsLeafTable(first_table);
  bool only_removals = !batch.edits().empty() && removable,
       only_reparents = !batch.edits().empty();
  for (const EditBatch::Edit& edit : batch.edits()) {
    const auto remove_op = first_table == Table::kLinks ? EditBatch::Edit::Op::kRemoveLink
                                                        : EditBatch::Edit::Op::kRemove;
    only_removals = only_removals && edit.op == remove_op && edit.table == first_table;
    only_reparents = only_reparents && edit.op == EditBatch::Edit::Op::kSet &&
                     edit.table == Table::kOrgs && edit.column == "parent";
  }
  if (only_reparents) {
    auto moved = Reparent(network, batch);
    if (moved && report != nullptr) *report = LoadReport{};
    return moved;
  }
  if (only_removals) {
    auto removed = RemoveRows(network, batch, first_table);
    if (removed && report != nullptr) *report = LoadReport{};
    return removed;
  }
  std::vector<std::size_t> link_inserts, member_inserts;
  std::array<std::vector<std::size_t>, kTableCount> leaf_inserts;
  absl::flat_hash_set<std::string> inserted_ids;  // members the batch adds (a set may name one)
  // Rows of leaf tables the batch adds, by table and id (a set of one goes to the rebuild).
  absl::flat_hash_set<std::pair<int, std::string>> inserted_leaves;
  for (std::size_t i = 0; i < batch.edits().size(); ++i) {
    const EditBatch::Edit& edit = batch.edits()[i];
    if (edit.op == EditBatch::Edit::Op::kInsert && edit.table == Table::kLinks) {
      link_inserts.push_back(i);
      continue;
    }
    if (edit.op == EditBatch::Edit::Op::kInsert && edit.table == Table::kMembers) {
      member_inserts.push_back(i);
      for (const auto& [name, value] : edit.cells) {
        if (name == "id") inserted_ids.insert(value);
      }
      continue;
    }
    if (edit.op == EditBatch::Edit::Op::kInsert && IsLeafTable(edit.table)) {
      leaf_inserts[static_cast<int>(edit.table)].push_back(i);
      for (const auto& [name, value] : edit.cells) {
        if (name == "id") inserted_leaves.insert({static_cast<int>(edit.table), value});
      }
      continue;
    }
    if (edit.op != EditBatch::Edit::Op::kSet) return std::nullopt;
    const TableSpec& spec = GetTableSpec(edit.table);
    if (spec.id_column < 0 || !network.has_table(edit.table)) return std::nullopt;
    const std::optional<int> column = network.FindColumn(edit.table, edit.column);
    // An unknown, absent or id column: the rebuild says what is wrong or adds the column.
    if (!column || *column == spec.id_column || !network.has_column(edit.table, *column)) {
      return std::nullopt;
    }
    const ColumnData& data = base.column(edit.table, *column);
    if (data.type == ColumnType::kId ||
        (data.type == ColumnType::kRef && !InPlaceReference(edit.table, *column)) ||
        FeedsAnIndexOrARule(edit.table, *column)) {
      return std::nullopt;
    }
    const std::optional<Index> row = network.Find(edit.table, edit.key);
    if (!row && edit.table == Table::kMembers && inserted_ids.contains(edit.key)) {
      return std::nullopt;  // a set of a member the batch adds: the rebuild orders them
    }
    if (!row && inserted_leaves.contains({static_cast<int>(edit.table), edit.key})) {
      return std::nullopt;  // a set of a row the batch adds: the rebuild orders them
    }
    if (!row) {
      if (report != nullptr) *report = LoadReport{};
      return absl::StatusOr<Network>(absl::NotFoundError(
          Cat(batch.Describe(i), ": no row with id ", Shown(edit.key), " in ", spec.file)));
    }
    last_set[Cell{edit.table, *column, *row}] = i;
  }

  // 2. The checks of a load, on each final value: text first (a load checks every byte before
  //    it types a cell), then types and required values; errors read as the rebuild's.
  std::vector<Change> changes;
  std::vector<Diagnostic> text_errors, type_errors, warnings;
  std::vector<std::size_t> text_error_edits, type_error_edits;
  for (const auto& [cell, i] : last_set) {
    const TableSpec& spec = GetTableSpec(cell.table);
    const ColumnData& data = base.column(cell.table, cell.column);
    const std::string_view value = batch.edits()[i].value;
    Diagnostic error;
    error.file = std::string(spec.file);
    error.row = cell.row;
    error.column = data.name;
    Change change{cell.table, cell.column, cell.row, {}};
    if (const std::size_t at = ValidTextPrefix(value); at != value.size()) {
      error.message = Cat(InvalidTextReason(value, at), " at byte ", at);
      text_errors.push_back(std::move(error));
      text_error_edits.push_back(i);
      continue;
    }
    if (value.empty()) {
      const bool required =
          cell.column < static_cast<int>(spec.columns.size()) && spec.columns[cell.column].required;
      if (required && data.type != ColumnType::kFlag) error.message = "missing required value";
      change.value = EmptyCell(data.type);
    } else if (data.type == ColumnType::kText) {
      change.value.text = std::string(value);
    } else if (data.type == ColumnType::kRef) {
      // An unknown id: the rebuild words the error (with the rest of the batch's).
      const std::optional<Index> target = network.Find(data.target, value);
      if (!target) return std::nullopt;
      change.value.number = *target;
      // A load's warnings for a member's community or station of another kind.
      const bool community = cell.column == col::kMemberCommunity;
      if (community || cell.column == col::kMemberStation) {
        const std::string_view kind = community ? "community" : "station";
        if (network.org_kind_text(*target) != kind) {
          Diagnostic d = error;
          d.severity = Severity::kWarning;
          d.message = KindWarning(network.org_id(*target), network.org_kind_text(*target),
                                  community ? "a member's community" : "a member's station",
                                  kind);
          warnings.push_back(std::move(d));
        }
      }
    } else {
      ParseTypedCell(data.type, spec.columns[cell.column], value, &change.value.number,
                     &change.value.real, &error.message);
    }
    if (!error.message.empty()) {
      type_errors.push_back(std::move(error));
      type_error_edits.push_back(i);
      continue;
    }
    if (auto warning = UnknownValueWarning(cell.table, cell.column, value)) {
      Diagnostic d = error;
      d.severity = Severity::kWarning;
      d.message = *std::move(warning);
      warnings.push_back(std::move(d));
    }
    changes.push_back(std::move(change));
  }
  // An event's dates keep their rule, resolved not before reported, on the final values of
  // every event row the batch sets: a batch that breaks it leaves the wording of its error
  // to the rebuild (a refused batch is rare; an event closed is the most common edit).
  if (text_errors.empty() && type_errors.empty()) {
    const ColumnData& reported = base.column(Table::kEvents, col::kEventReported);
    const ColumnData& resolved = base.column(Table::kEvents, col::kEventResolved);
    absl::flat_hash_map<Index, std::pair<Date, Date>> dates;  // row -> (reported, resolved)
    for (const Change& change : changes) {
      if (change.table != Table::kEvents || (change.column != col::kEventReported &&
                                             change.column != col::kEventResolved)) {
        continue;
      }
      auto [it, fresh] = dates.try_emplace(change.row, std::pair<Date, Date>{});
      if (fresh) it->second = {reported.date_at(change.row), resolved.date_at(change.row)};
      (change.column == col::kEventReported ? it->second.first : it->second.second) =
          static_cast<Date>(change.value.number);
    }
    for (const auto& [row, pair] : dates) {
      if (pair.first != kNoDate && pair.second != kNoDate && pair.second < pair.first) {
        return std::nullopt;
      }
    }
  }
  // A batch with other edits than sets leaves the wording of its errors to the rebuild.
  bool inserts = !link_inserts.empty() || !member_inserts.empty();
  for (const auto& rows : leaf_inserts) inserts = inserts || !rows.empty();
  if (inserts && (!text_errors.empty() || !type_errors.empty())) return std::nullopt;
  if (!AppendLinks(network, batch, link_inserts, &changes)) return std::nullopt;
  AddedMembers members;
  if (!AppendMembers(network, batch, member_inserts, &changes, &members, &warnings)) {
    return std::nullopt;
  }
  std::array<std::vector<std::pair<std::string, Index>>, kTableCount> leaf_ids;
  for (int t = 0; t < kTableCount; ++t) {
    if (!AppendLeafRows(network, batch, static_cast<Table>(t), leaf_inserts[t], &changes,
                        &leaf_ids[t], &warnings)) {
      return std::nullopt;
    }
  }
  // Members whose unit or organization a set changed stand elsewhere: the members' unknown
  // counts move with them (the territory reads the new columns cell by cell).
  bool members_moved = false;
  {
    const ColumnData& unit = base.column(Table::kMembers, col::kMemberUnit);
    const ColumnData& org = base.column(Table::kMembers, col::kMemberOrg);
    absl::flat_hash_map<Index, std::pair<Index, Index>> moved;  // row -> (unit, org)
    const Index base_rows = base.table(Table::kMembers).rows;
    for (const Change& change : changes) {
      if (change.table != Table::kMembers || change.row >= base_rows ||
          (change.column != col::kMemberUnit && change.column != col::kMemberOrg)) {
        continue;
      }
      auto [it, fresh] = moved.try_emplace(change.row, std::pair<Index, Index>{});
      if (fresh) it->second = {unit.ref_at(change.row), org.ref_at(change.row)};
      (change.column == col::kMemberUnit ? it->second.first : it->second.second) =
          static_cast<Index>(change.value.number);
    }
    const Territory& t = network.territory();
    auto& counts = members.unknown.counts[static_cast<int>(Table::kMembers)];
    for (const auto& [row, refs] : moved) {
      const Place before = t.member_place(row);
      const Place after = refs.first != kNone    ? t.unit_place(refs.first)
                          : refs.second != kNone ? t.org_place(refs.second)
                                                 : Place{};
      counts[0] += static_cast<int>(after.community == kNone) - (before.community == kNone);
      counts[1] += static_cast<int>(after.street == kNone) - (before.street == kNone);
      counts[2] += static_cast<int>(after.district == kNone) - (before.district == kNone);
    }
    members_moved = !moved.empty();
  }
  const bool text_failed = !text_errors.empty();
  std::vector<Diagnostic>& errors = text_failed ? text_errors : type_errors;
  const std::vector<std::size_t>& error_edits = text_failed ? text_error_edits : type_error_edits;
  if (!errors.empty()) {
    // A load stops looking at max_errors: past it, let the rebuild report what it finds.
    if (errors.size() >= static_cast<std::size_t>(std::max(1, options.max_errors))) {
      return std::nullopt;
    }
    std::string message = Cat(batch.Describe(error_edits.front()), ": ", errors.front().ToString());
    if (errors.size() > 1) CatTo(&message, " (and ", errors.size() - 1, " more errors)");
    if (report != nullptr) {
      *report = LoadReport{};
      report->error_count = static_cast<std::int64_t>(errors.size());
      report->errors = std::move(errors);
    }
    return absl::StatusOr<Network>(absl::InvalidArgumentError(message));
  }
  if (fault == LiveEditFault::kDropLastChange && !changes.empty()) changes.pop_back();

  // The new version: every table, index, tree and column shared, but the changed columns.
  auto impl = std::make_shared<NetworkImpl>(base);
  impl->version = NextVersion();
  impl->parent_version = base.version;
  for (const Change& change : changes) {
    Index& rows = impl->tables[static_cast<int>(change.table)].rows;
    rows = std::max(rows, change.row + 1);  // appended rows
  }
  std::map<std::pair<int, int>, std::vector<const Change*>> by_column;
  for (const Change& change : changes) {
    by_column[{static_cast<int>(change.table), change.column}].push_back(&change);
  }
  for (const auto& [key, column_changes] : by_column) {
    const ColumnData& old = base.tables[key.first].columns[key.second];
    auto patch = old.patch() != nullptr ? std::make_shared<CellPatch>(*old.patch())
                                        : std::make_shared<CellPatch>();
    for (const Change* change : column_changes) (*patch)[change->row] = change->value;
    const Index rows = impl->tables[key.first].rows;
    ColumnData changed(old, std::move(patch), rows);
    if (changed.patch()->size() > CompactionThreshold(rows)) {
      changed = changed.Compacted();
    }
    impl->tables[key.first].columns[key.second] = std::move(changed);
  }
  for (int t = 0; t < kTableCount; ++t) {
    if (leaf_ids[t].empty()) continue;
    AddIds(*impl, static_cast<Table>(t), fault == LiveEditFault::kForgetAddedIds
                                             ? std::vector<std::pair<std::string, Index>>()
                                             : std::move(leaf_ids[t]));
  }
  if (!members.ids.empty() || members_moved) {
    std::vector<std::pair<std::string, Index>> ids;
    if (fault != LiveEditFault::kForgetAddedIds) ids = std::move(members.ids);
    FinishMembers(base, *impl, std::move(ids), members.unknown);
  }
  if (report != nullptr) {
    *report = LoadReport{};
    report->warning_count = static_cast<std::int64_t>(warnings.size());
    report->warnings = std::move(warnings);
  }
  return absl::StatusOr<Network>(NetworkAccess::Make(std::move(impl)));
}

}  // namespace orgnet::internal
