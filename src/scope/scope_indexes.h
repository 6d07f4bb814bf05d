// Rows grouped by what they refer to (members by org, events by grid, ...): what lets a
// scoped view be made in time proportional to its rows, not to the network's, and what lets a
// live edit find the rows attached to the rows it changes (docs/live.md).
#ifndef ORGNET_SRC_SCOPE_SCOPE_INDEXES_H_
#define ORGNET_SRC_SCOPE_SCOPE_INDEXES_H_

#include <cstddef>
#include <memory>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/types/span.h"
#include "orgnet/schema.h"

namespace orgnet::internal {

// The rows of one table grouped by the row one of its reference columns names (rows that
// name none, or a row outside a view, are in no group); rows ascending within a group.
// Immutable; an edited version's groups share the grouping they were edited from and hold
// the groups the edit changed (copy on write), folded into a new grouping when they grow.
class RowGroups {
 public:
  RowGroups() = default;
  // Groups the rows of @p refs by target, for @p targets target rows.
  RowGroups(absl::Span<const Index> refs, Index targets);
  // The rows naming @p target (a row of the target table).
  absl::Span<const Index> of(Index target) const {
    if (changed_ != nullptr) {
      if (auto it = changed_->find(target); it != changed_->end()) return *it->second;
    }
    if (base_ == nullptr || target + 1 >= base_->begin.size()) return {};
    const auto& begin = base_->begin;
    return absl::MakeConstSpan(base_->rows)
        .subspan(begin[target], begin[target + 1] - begin[target]);
  }
  // Target rows the grouping is for.
  Index targets() const { return targets_; }

  // One referring row that changed: it left the group of @p from (kNone: none; a target row
  // as numbered before the edit) and joins the group of @p to (kNone: none; as numbered after).
  struct Move {
    Index row;
    Index from;
    Index to;
  };
  // The grouping after @p moves, for @p targets target rows. O(moves + rows of the groups
  // they touch), or O(rows) when the changed groups are folded into a new grouping.
  RowGroups Moved(absl::Span<const Move> moves, Index targets) const;
  // Bytes held: the grouping and the changed groups.
  std::size_t memory_bytes() const;

 private:
  struct Grouping {
    std::vector<Index> begin;  // targets + 1 offsets
    std::vector<Index> rows;
  };
  using Changed = absl::flat_hash_map<Index, std::shared_ptr<const std::vector<Index>>>;
  std::shared_ptr<const Grouping> base_;
  std::shared_ptr<const Changed> changed_;
  Index targets_ = 0;
};

// One grouping per reference column of the format (extra columns are text).
struct ScopeIndexes {
  RowGroups orgs_by_parent;      // orgs.parent
  RowGroups orgs_by_grid;        // orgs.grid
  RowGroups grids_by_community;  // grids.community
  RowGroups units_by_grid, units_by_org, units_by_instructor, units_by_liaison;
  RowGroups members_by_org, members_by_unit, members_by_community, members_by_station;
  RowGroups staff_by_grid;
  RowGroups links_by_a, links_by_b;
  RowGroups needs_by_org, resources_by_org, funds_by_org;
  RowGroups centres_by_org, centres_by_grid;
  RowGroups events_by_grid;
  // The grouping of reference column @p column of @p table (nullptr for another column).
  RowGroups* For(Table table, int column);
  const RowGroups* For(Table table, int column) const {
    return const_cast<ScopeIndexes*>(this)->For(table, column);
  }
  std::size_t memory_bytes() const;
};

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_SCOPE_SCOPE_INDEXES_H_
