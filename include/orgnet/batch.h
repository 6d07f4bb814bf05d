/// @file batch.h
/// @brief Many answers per call: id lookups and hierarchy, territory and link queries over
/// arrays, for callers that pay for every call (the C ABI, Python, other languages).
#ifndef ORGNET_BATCH_H_
#define ORGNET_BATCH_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/types/span.h"
#include "orgnet/cobuild.h"
#include "orgnet/hierarchy.h"
#include "orgnet/network.h"
#include "orgnet/orgnet_export.h"
#include "orgnet/schema.h"
#include "orgnet/territory.h"

namespace orgnet {

/// Each answer of a batch query is the single query's answer for the same position of the
/// inputs: `out[i]` answers `(a[i], b[i])`. The inputs and @p out must have the same length
/// and every index must be valid (the C ABI and Python check; C++ does not). Nothing is
/// allocated but what a function returns, and every function is safe from many threads.

/// Writes the row of each id of @p ids into @p rows (kNone where @p table has no such id) and
/// returns how many were not found. O(ids) expected.
ORGNET_EXPORT std::size_t FindRows(const Network& network, Table table,
                                   absl::Span<const std::string_view> ids,
                                   absl::Span<Index> rows);

/// `out[i]` = 1 when `ancestors[i]` is a proper ancestor of `orgs[i]`
/// (Hierarchy::is_ancestor), else 0. O(n).
ORGNET_EXPORT void IsAncestorMany(const Hierarchy& hierarchy, absl::Span<const Index> ancestors,
                                  absl::Span<const Index> orgs, absl::Span<std::uint8_t> out);

/// `out[i]` = Hierarchy::LowestCommonAncestor(a[i], b[i]) (kNone across trees). O(n).
ORGNET_EXPORT void LowestCommonAncestorMany(const Hierarchy& hierarchy, absl::Span<const Index> a,
                                            absl::Span<const Index> b, absl::Span<Index> out);

/// `out[i]` = Hierarchy::depth(orgs[i]). O(n).
ORGNET_EXPORT void DepthMany(const Hierarchy& hierarchy, absl::Span<const Index> orgs,
                             absl::Span<std::uint32_t> out);

/// `out[row]` = Territory::place(table, row) for every row of @p table (@p out holds
/// Network::rows(table) places). O(rows).
ORGNET_EXPORT void PlacesOf(const Network& network, Table table, absl::Span<Place> out);

/// Lists for many organizations in one compressed-sparse-row pair: the list of the i-th
/// organization is `values[offsets[i] .. offsets[i + 1])`.
struct NeighbourLists {
  std::vector<std::uint64_t> offsets;  ///< one more than the organizations asked, first 0
  std::vector<Index> values;           ///< each list in LinkGraph::neighbours order (ascending)
};

/// The distinct partners (LinkGraph::neighbours) of each of @p orgs, in the order asked
/// (an org asked twice gets its list twice). O(orgs + partners).
ORGNET_EXPORT NeighbourLists NeighboursOfMany(const LinkGraph& links,
                                              absl::Span<const Index> orgs);

}  // namespace orgnet

#endif  // ORGNET_BATCH_H_
