// The shortest connection between two organizations, over links and optionally the tree.
#include <algorithm>
#include <utility>
#include <vector>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/visitors.hpp>

#include "cobuild/link_graph_data.h"
#include "base/text.h"

namespace orgnet {

namespace {

// The link pairs plus, with the tree, every parent–child pair; sorted and distinct.
internal::PairGraph WithLeadership(const LinkGraph::Data& d) {
  const Index orgs = d.network.org_count();
  const Hierarchy& h = d.network.hierarchy();
  std::vector<std::pair<Index, Index>> edges;
  edges.reserve(d.partners.size() + 2 * static_cast<std::size_t>(orgs));
  for (Index o = 0; o < orgs; ++o) {
    for (Index p : d.Neighbours(o)) edges.emplace_back(o, p);
    if (h.parent(o) != kNone) {
      edges.emplace_back(o, h.parent(o));
      edges.emplace_back(h.parent(o), o);
    }
  }
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  return internal::PairGraph(boost::edges_are_sorted, edges.begin(), edges.end(), orgs);
}

}  // namespace

absl::StatusOr<std::vector<PathStep>> LinkGraph::ShortestPath(Index from, Index to,
                                                              bool leadership) const {
  const Index orgs = data_->network.org_count();
  for (Index o : {from, to}) {
    if (o >= orgs) {
      return absl::OutOfRangeError(
          internal::Cat("org row ", o, " out of range: orgs.csv has ", orgs, " rows"));
    }
  }
  if (from == to) return std::vector<PathStep>{};
  internal::PairGraph combined;
  const internal::PairGraph& g = leadership ? (combined = WithLeadership(*data_)) : data_->graph;
  std::vector<Index> predecessor(orgs, kNone);
  auto pred = boost::make_iterator_property_map(predecessor.begin(), get(boost::vertex_index, g));
  boost::breadth_first_search(
      g, from,
      boost::visitor(boost::make_bfs_visitor(boost::record_predecessors(pred, boost::on_tree_edge()))));
  if (predecessor[to] == kNone) {
    const Network& net = data_->network;
    return absl::NotFoundError(internal::Cat(
        "no connection between ", net.id(Table::kOrgs, from), " and ", net.id(Table::kOrgs, to),
        leadership ? " over links and the leadership tree" : " over links"));
  }
  std::vector<Index> nodes{to};
  while (nodes.back() != from) nodes.push_back(predecessor[nodes.back()]);
  std::reverse(nodes.begin(), nodes.end());
  const Hierarchy& h = data_->network.hierarchy();
  std::vector<PathStep> steps;
  for (std::size_t i = 0; i + 1 < nodes.size(); ++i) {
    const Index u = nodes[i], v = nodes[i + 1];
    PathStep step{u, v, StepKind::kLink, kNone};
    Index lowest = kNone;
    for (const Partner& p : partners(u)) {
      if (p.org == v) lowest = std::min(lowest, p.link);
    }
    if (lowest != kNone) {
      step.link = lowest;
    } else {
      step.kind = h.parent(v) == u ? StepKind::kLeads : StepKind::kLedBy;
    }
    steps.push_back(step);
  }
  return steps;
}

}  // namespace orgnet
