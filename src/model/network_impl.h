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
#include "model/large_memory.h"
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
