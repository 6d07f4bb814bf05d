// The data behind a Network: typed columns, id indexes, hierarchy and territory.
#ifndef ORGNET_SRC_MODEL_NETWORK_IMPL_H_
#define ORGNET_SRC_MODEL_NETWORK_IMPL_H_

#include <array>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "model/column.h"
#include "model/id_index.h"
#include "base/large_memory.h"
#include "model/raw_table.h"
#include "orgnet/hierarchy.h"
#include "orgnet/network.h"
#include "orgnet/schema.h"
#include "orgnet/territory.h"

namespace orgnet::internal {

// One table. Copying it is cheap (columns and the id index are shared): a version that changes
// a table copies this and replaces only the columns it changes.
struct TableData {
  bool present = false;
  Index rows = 0;
  std::vector<ColumnData> columns;  // the format's, then extras
  std::shared_ptr<IdIndex> ids = std::make_shared<IdIndex>();
  // Ids of rows an in-place edit appended since `ids` was built (nullptr: none).
  std::shared_ptr<const absl::flat_hash_map<std::string, Index>> added_ids;
};

struct ScopeIndexes;  // scope/scope_indexes.h

// What a scoped view (Network::Scope) knows beyond its rows.
struct ViewInfo {
  // Per unit of the view whose org is outside the scope: 1 when that org would make the
  // unit's coverage `own` in the network the view was made from (of a kind that can be a
  // unit's own and covering no other unit there), else 0; coverage reads it for such units.
  std::vector<std::uint8_t> outside_org_own;
  // Per grid of the view, fixed when the view is made (docs/permission.md, "Reach"): 1 when a
  // centre outside the scope lies within kViewReachMetres of it, and 1 when the nearest
  // centre of the network the view was made from is outside the scope. Nothing else of the
  // centres outside is held (not their positions, nor their text), so that no radius a
  // caller chooses can tell where they are.
  std::vector<std::uint8_t> grid_reached_from_outside;
  std::vector<std::uint8_t> grid_nearest_outside;
  // Per centre of the view without coordinates of its own whose grid is outside the scope:
  // that grid's point (lon, lat), where the centre stands; NaN otherwise.
  std::vector<std::pair<double, double>> centre_grid_point;
  // Per table, per column: 1 when the column is a masked personal field.
  std::array<std::vector<std::uint8_t>, kTableCount> masked;
  // Per table, per masked column that is not text: what the view shows instead of it (every
  // cell empty); the table's own column keeps the true cells for the analyses, which count
  // with them as the full network does (docs/permission.md, rule 6).
  std::array<std::vector<std::shared_ptr<const ColumnData>>, kTableCount> shown;
};

// The scope indexes of one network, made by the first Scope call on it (or by a live edit that
// needs them). A copy of the holder starts without them: an edited version gets them from
// the edit, updated for the rows it changed (Put), when its parent had them.
class ScopeIndexSlot {
 public:
  ScopeIndexSlot();
  ScopeIndexSlot(const ScopeIndexSlot&);
  ScopeIndexSlot& operator=(const ScopeIndexSlot&);
  // The indexes of @p impl (the holder), made on first use; safe from many threads.
  const ScopeIndexes& Get(const struct NetworkImpl& impl) const;
  // The indexes if made (nullptr otherwise).
  std::shared_ptr<const ScopeIndexes> IfMade() const;
  // Gives a new version (not yet shared) the indexes an edit updated.
  void Put(std::shared_ptr<const ScopeIndexes> indexes);
  // Bytes held by the indexes (0 until made).
  std::size_t memory_bytes() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

struct NetworkImpl {
  std::array<TableData, kTableCount> tables;
  bool manifest_present = false;
  std::vector<std::pair<std::string, std::string>> manifest;
  Date as_of = kNoDate;
  // Shared between versions that do not change the leadership tree or the territory.
  std::shared_ptr<const std::vector<OrgKind>> org_kinds;
  std::shared_ptr<const Hierarchy> hierarchy;
  Territory territory;  // cheap to copy: its core is shared
  std::uint64_t version = 0;         // from NextVersion(): unique in the process
  std::uint64_t parent_version = 0;  // the version it was edited from, or 0
  std::shared_ptr<const ViewInfo> view;  // set for a scoped view
  ScopeIndexSlot scope_indexes;

  const TableData& table(Table t) const { return tables[static_cast<int>(t)]; }
  const ColumnData& column(Table t, int c) const { return table(t).columns[c]; }
};

// A new version number, from one atomic counter for the whole process (the first is 1).
std::uint64_t NextVersion();

// The library's own layers reach a Network's data and make networks through this one door,
// so that the public header carries neither.
struct NetworkAccess {
  static const NetworkImpl& Impl(const Network& network) { return *network.impl_; }
  static Network Make(std::shared_ptr<const NetworkImpl> impl) { return Network(std::move(impl)); }
};

// The data behind @p network.
inline const NetworkImpl& ImplOf(const Network& network) { return NetworkAccess::Impl(network); }

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_MODEL_NETWORK_IMPL_H_
