#include "build/live_edit.h"

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
#include "build/build.h"
#include "build/cell_parse.h"
#include "build/live_rows.h"
#include "build/live_support.h"
#include "model/network_impl.h"
#include "base/text.h"
#include "base/utf8.h"

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

}  // namespace

void SetLiveEditFaultForTesting(LiveEditFault f) { fault = f; }
LiveEditFault LiveEditFaultForTesting() { return fault; }

namespace {

// The error of a batch of sets that EditRows refused, worded as the rebuild words it (the
// first edit naming an unknown row; cells that do not read, in the load's order), without the
// rebuild; nullopt when the batch has other edits or its error is of another kind.
std::optional<absl::Status> SetErrorInPlace(const Network& network, const EditBatch& batch,
                                            const LoadOptions& options, LoadReport* report) {
  const NetworkImpl& base = ImplOf(network);
  // Edits apply in order; an unknown id stops the batch there, as in the rebuild. The last set
  // of a cell wins: only final values are checked.
  struct Cell {
    Table table;
    int column;
    Index row;
    bool operator<(const Cell& o) const {
      return std::tie(table, row, column) < std::tie(o.table, o.row, o.column);
    }
  };
  std::map<Cell, std::size_t> last_set;  // cell -> edit; ordered as a load orders its errors
  for (std::size_t i = 0; i < batch.edits().size(); ++i) {
    const EditBatch::Edit& edit = batch.edits()[i];
    if (edit.op != EditBatch::Edit::Op::kSet) return std::nullopt;
    const TableSpec& spec = GetTableSpec(edit.table);
    if (spec.id_column < 0 || !network.has_table(edit.table)) return std::nullopt;
    const std::optional<int> column = network.FindColumn(edit.table, edit.column);
    // An unknown, absent or id column: the rebuild says what is wrong or adds the column.
    if (!column || *column == spec.id_column || !network.has_column(edit.table, *column)) {
      return std::nullopt;
    }
    const ColumnData& data = base.column(edit.table, *column);
    // Cells whose errors come with rules across rows: the rebuild words them.
    if (data.type == ColumnType::kId ||
        (data.type == ColumnType::kRef && !InPlaceReference(edit.table, *column)) ||
        FeedsAnIndexOrARule(edit.table, *column)) {
      return std::nullopt;
    }
    const std::optional<Index> row = network.Find(edit.table, edit.key);
    if (!row) {
      if (report != nullptr) *report = LoadReport{};
      return absl::NotFoundError(
          Cat(batch.Describe(i), ": no row with id ", Shown(edit.key), " in ", spec.file));
    }
    last_set[Cell{edit.table, *column, *row}] = i;
  }
  // The checks of a load, on each final value: text first (a load checks every byte before it
  // types a cell), then types and required values.
  std::vector<Diagnostic> text_errors, type_errors;
  std::vector<std::size_t> text_error_edits, type_error_edits;
  for (const auto& [cell, i] : last_set) {
    const TableSpec& spec = GetTableSpec(cell.table);
    const ColumnData& data = base.column(cell.table, cell.column);
    const std::string_view value = batch.edits()[i].value;
    Diagnostic error;
    error.file = std::string(spec.file);
    error.row = cell.row;
    error.column = data.name;
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
    } else if (data.type == ColumnType::kRef) {
      if (!network.Find(data.target, value)) return std::nullopt;  // the rebuild words it
    } else if (data.type != ColumnType::kText) {
      std::int64_t number = 0;
      double real = 0;
      ParseTypedCell(data.type, spec.columns[cell.column], value, &number, &real, &error.message);
    }
    if (!error.message.empty()) {
      type_errors.push_back(std::move(error));
      type_error_edits.push_back(i);
    }
  }
  const bool text_failed = !text_errors.empty();
  std::vector<Diagnostic>& errors = text_failed ? text_errors : type_errors;
  const std::vector<std::size_t>& error_edits = text_failed ? text_error_edits : type_error_edits;
  // No error of these kinds (a rule across rows, then), or more than a load reports: the
  // rebuild words them.
  if (errors.empty() || errors.size() >= static_cast<std::size_t>(std::max(1, options.max_errors))) {
    return std::nullopt;
  }
  std::string message = Cat(batch.Describe(error_edits.front()), ": ", errors.front().ToString());
  if (errors.size() > 1) CatTo(&message, " (and ", errors.size() - 1, " more errors)");
  if (report != nullptr) {
    *report = LoadReport{};
    report->error_count = static_cast<std::int64_t>(errors.size());
    report->errors = std::move(errors);
  }
  return absl::InvalidArgumentError(message);
}

}  // namespace

std::optional<absl::StatusOr<Network>> EditInPlace(const Network& network, const EditBatch& batch,
                                                   const LoadOptions& options, LoadReport* report) {
  RowsRefusal refusal = RowsRefusal::kNone;
  absl::Status error;
  if (std::optional<Network> edited = EditRows(network, batch, report, &refusal, &error)) {
    return absl::StatusOr<Network>(*std::move(edited));
  }
  if (refusal == RowsRefusal::kWorded) {
    if (report != nullptr) *report = LoadReport{};
    return absl::StatusOr<Network>(std::move(error));
  }
  if (refusal == RowsRefusal::kError) {
    if (std::optional<absl::Status> error = SetErrorInPlace(network, batch, options, report)) {
      return absl::StatusOr<Network>(*std::move(error));
    }
  }
  return std::nullopt;
}

}  // namespace orgnet::internal
