// RefreshFromDatabase: the database read again, and the difference from the current version
// (DiffNetworks) applied as one edit batch, so that unchanged storage stays shared. Needs no
// client library of its own (Network::LoadDatabase says when the build has none).
#include <algorithm>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "database/refresh.h"
#include "orgnet/builder.h"
#include "orgnet/diff.h"
#include "orgnet/follower.h"

namespace orgnet {
namespace {

std::vector<Cell> RowCells(const Network& net, Table t, Index row) {
  std::vector<Cell> cells;
  for (int c = 0; c < net.column_count(t); ++c) {
    if (!net.has_column(t, c)) continue;
    cells.emplace_back(std::string(net.column_name(t, c)), net.CellText(t, row, c));
  }
  return cells;
}

// The edits that make @p before's tables equal @p after's, per the diff: columns added, then
// for a table with ids its changed cells set, rows removed and rows inserted; for links and
// funds (rows named by number) the changed cells set first, the rows removed from the last
// (each removal moves the last row into its place, which is then already done), then inserted.
EditBatch BatchOf(const Network& before, const Network& after, const NetworkDiff& diff) {
  EditBatch batch;
  for (int i = 0; i < kTableCount; ++i) {
    const TableDiff& d = diff.tables[i];
    const Table t = d.table;
    for (const std::string& column : d.columns_added) batch.AddColumn(t, column);
    const bool with_ids = GetTableSpec(t).id_column >= 0;
    for (const RowChange& change : d.changed) {
      for (int c : change.columns) {
        const std::string column(after.column_name(t, c));
        std::string value = after.CellText(t, change.after_row, c);
        if (with_ids) {
          batch.Set(t, std::string(before.id(t, change.before_row)), column, std::move(value));
        } else {
          batch.SetRow(t, change.before_row, column, std::move(value));
        }
      }
    }
    std::vector<Index> removed = d.removed;
    std::sort(removed.rbegin(), removed.rend());
    for (Index row : removed) {
      if (with_ids) {
        batch.Remove(t, std::string(before.id(t, row)));
      } else {
        batch.RemoveRow(t, row);
      }
    }
    for (Index row : d.added) batch.Insert(t, RowCells(after, t, row));
  }
  return batch;
}

}  // namespace

namespace internal {

absl::StatusOr<Network> EditTowards(const Network& current, const Network& fresh,
                                    const LoadOptions& options, std::size_t* edits) {
  if (edits != nullptr) *edits = 0;
  absl::StatusOr<NetworkDiff> diff = DiffNetworks(current, fresh);
  if (!diff.ok()) return diff.status();
  if (diff->empty()) return current;
  const EditBatch batch = BatchOf(current, fresh, *diff);
  if (edits != nullptr) *edits = batch.size();
  return current.Edit(batch, options);
}

}  // namespace internal

absl::StatusOr<Network> RefreshFromDatabase(const Network& current, std::string_view uri,
                                            std::string_view mapping, const LoadOptions& options,
                                            std::size_t* edits) {
  if (edits != nullptr) *edits = 0;
  if (current.is_view()) {
    return absl::InvalidArgumentError(
        "refresh: current is a scoped view; refresh the network it views, then scope again");
  }
  absl::StatusOr<Network> fresh = Network::LoadDatabase(uri, mapping, options);
  if (!fresh.ok()) return fresh.status();
  return internal::EditTowards(current, *fresh, options, edits);
}

}  // namespace orgnet
