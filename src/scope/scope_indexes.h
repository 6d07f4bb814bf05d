// Rows grouped by what they refer to (members by org, events by grid, ...): what lets a
// scoped view be made in time proportional to its rows, not to the network's.
#ifndef ORGNET_SRC_SCOPE_SCOPE_INDEXES_H_
#define ORGNET_SRC_SCOPE_SCOPE_INDEXES_H_

#include <cstddef>
#include <vector>

#include "absl/types/span.h"
#include "orgnet/schema.h"

namespace orgnet::internal {

// The rows of one table grouped by the row one of its reference columns names (rows that
// name none, or a row outside a view, are in no group); rows ascending within a group.
class RowGroups {
 public:
  RowGroups() = default;
  // Groups the rows of @p refs by target, for @p targets target rows.
  RowGroups(absl::Span<const Index> refs, Index targets);
  // The rows naming @p target (a row of the target table).
  absl::Span<const Index> of(Index target) const {
    return absl::MakeConstSpan(rows_).subspan(begin_[target], begin_[target + 1] - begin_[target]);
  }
  std::size_t memory_bytes() const { return (begin_.capacity() + rows_.capacity()) * sizeof(Index); }

 private:
  std::vector<Index> begin_;  // targets + 1 offsets
  std::vector<Index> rows_;
};

struct ScopeIndexes {
  RowGroups orgs_by_grid;         // orgs.grid
  RowGroups grids_by_community;   // grids.community
  RowGroups units_by_grid, units_by_org;
  RowGroups members_by_org, members_by_unit;
  RowGroups staff_by_grid;
  RowGroups links_by_a, links_by_b;
  RowGroups needs_by_org, resources_by_org, funds_by_org;
  RowGroups centres_by_org, centres_by_grid;
  RowGroups events_by_grid;
  std::size_t memory_bytes() const;
};

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_SCOPE_SCOPE_INDEXES_H_
