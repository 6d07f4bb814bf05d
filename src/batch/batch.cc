// Batch forms of the single queries: each loop is the single query, so the answers agree by
// construction and the tests compare them with the single calls.
#include "orgnet/batch.h"

namespace orgnet {

std::size_t FindRows(const Network& network, Table table, absl::Span<const std::string_view> ids,
                     absl::Span<Index> rows) {
  std::size_t missing = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::optional<Index> row = network.Find(table, ids[i]);
    rows[i] = row.value_or(kNone);
    missing += !row.has_value();
  }
  return missing;
}

void IsAncestorMany(const Hierarchy& hierarchy, absl::Span<const Index> ancestors,
                    absl::Span<const Index> orgs, absl::Span<std::uint8_t> out) {
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    out[i] = hierarchy.is_ancestor(ancestors[i], orgs[i]) ? 1 : 0;
  }
}

void LowestCommonAncestorMany(const Hierarchy& hierarchy, absl::Span<const Index> a,
                              absl::Span<const Index> b, absl::Span<Index> out) {
  for (std::size_t i = 0; i < a.size(); ++i) out[i] = hierarchy.LowestCommonAncestor(a[i], b[i]);
}

void DepthMany(const Hierarchy& hierarchy, absl::Span<const Index> orgs,
               absl::Span<std::uint32_t> out) {
  for (std::size_t i = 0; i < orgs.size(); ++i) out[i] = hierarchy.depth(orgs[i]);
}

void PlacesOf(const Network& network, Table table, absl::Span<Place> out) {
  const Territory& territory = network.territory();
  const Index rows = network.rows(table);
  for (Index row = 0; row < rows; ++row) out[row] = territory.place(table, row);
}

NeighbourLists NeighboursOfMany(const LinkGraph& links, absl::Span<const Index> orgs) {
  NeighbourLists lists;
  lists.offsets.reserve(orgs.size() + 1);
  lists.offsets.push_back(0);
  std::size_t total = 0;
  for (const Index org : orgs) total += links.neighbours(org).size();
  lists.values.reserve(total);
  for (const Index org : orgs) {
    const absl::Span<const Index> partners = links.neighbours(org);
    lists.values.insert(lists.values.end(), partners.begin(), partners.end());
    lists.offsets.push_back(lists.values.size());
  }
  return lists;
}

}  // namespace orgnet
