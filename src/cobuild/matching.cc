// Needs–resources matching as a maximum flow (Boost.Graph's push-relabel).
//
// The flow network works on hubs rather than rows, which keeps it linear in size: a need hub
// gathers one organization's needs of one category, a resource hub one organization's
// resources of one category, and a street hub stands for a street's platform in one
// category (every need hub of the street may reach every resource hub of the street through
// it). Edges: source -> need hub (its total), need hub -> resource hub when the two
// organizations are the same or linked, need hub -> street hub -> resource hub within a
// street, resource hub -> sink (its total). The hub flows are then split into rows, needs and
// resources taken in row order.
#include "orgnet/matching.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>

#include "absl/container/flat_hash_map.h"
#include "cobuild/link_graph_data.h"
#include "base/date.h"
#include "base/text.h"
#include "model/network_impl.h"
#include "base/progress_meter.h"

namespace orgnet {

struct Matching::Data {
  Network network;
  std::int64_t total = 0, needed = 0, offered = 0;
  std::vector<Allocation> allocations;
  std::vector<std::int64_t> need_met, resource_used;
};

namespace {

using FlowGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                                     boost::no_property, boost::no_property,
                                                     Index, Index>;
using FlowEdge = boost::graph_traits<FlowGraph>::edge_descriptor;

// Rows of one list (needs or resources) grouped into hubs by (org, category), hubs numbered
// in the order of their first row.
struct Hubs {
  std::vector<Index> org, category;       // by hub
  std::vector<std::int64_t> total;        // by hub
  std::vector<Index> row_begin, rows;     // rows of each hub, ascending
  std::vector<Index> by_org_begin, by_org;  // hubs of each org, by category

  void Build(const Network& net, Table table,
             absl::flat_hash_map<std::string_view, Index>& categories) {
    const auto& impl = internal::ImplOf(net);
    const Index n = net.rows(table), orgs = net.org_count();
    const auto& owner = impl.column(table, col::kListingOrg).refs();
    const auto& text = impl.column(table, col::kListingCategory).texts();
    const auto& amount = impl.column(table, col::kListingAmount).ints();
    absl::flat_hash_map<std::pair<Index, Index>, Index> hub_of;
    std::vector<Index> hub_of_row(n);
    for (Index r = 0; r < n; ++r) {
      if ((r & 4095) == 4095) internal::ProgressMeter::PollCurrent();
      const Index c = categories.try_emplace(text[r], static_cast<Index>(categories.size()))
                          .first->second;
      auto [it, fresh] = hub_of.try_emplace({owner[r], c}, static_cast<Index>(org.size()));
      if (fresh) {
        org.push_back(owner[r]);
        category.push_back(c);
        total.push_back(0);
      }
      hub_of_row[r] = it->second;
      total[it->second] += amount[r];
    }
    const Index hubs = static_cast<Index>(org.size());
    row_begin.assign(hubs + 1, 0);
    for (Index r = 0; r < n; ++r) ++row_begin[hub_of_row[r] + 1];
    for (Index h = 0; h < hubs; ++h) row_begin[h + 1] += row_begin[h];
    rows.resize(n);
    std::vector<Index> fill(row_begin.begin(), row_begin.end() - 1);
    for (Index r = 0; r < n; ++r) rows[fill[hub_of_row[r]]++] = r;
    by_org_begin.assign(orgs + 1, 0);
    for (Index h = 0; h < hubs; ++h) ++by_org_begin[org[h] + 1];
    for (Index o = 0; o < orgs; ++o) by_org_begin[o + 1] += by_org_begin[o];
    by_org.resize(hubs);
    fill.assign(by_org_begin.begin(), by_org_begin.end() - 1);
    for (Index h = 0; h < hubs; ++h) by_org[fill[org[h]]++] = h;
    for (Index o = 0; o < orgs; ++o) {
      std::sort(by_org.begin() + by_org_begin[o], by_org.begin() + by_org_begin[o + 1],
                [&](Index x, Index y) { return category[x] < category[y]; });
    }
  }
  absl::Span<const Index> OfOrg(Index o) const {
    return absl::MakeConstSpan(by_org).subspan(by_org_begin[o], by_org_begin[o + 1] - by_org_begin[o]);
  }
};

// Splits demands 0..n-1 over supplies 0, 1, ... in order, each part as emit(demand, supply,
// amount) (the supplies must cover the demands): how a flow between groups becomes rows.
template <typename Demand, typename Supply, typename Emit>
void Pour(std::size_t n, Demand demand, Supply supply, Emit emit) {
  std::size_t s = 0;
  std::int64_t left = 0;
  for (std::size_t d = 0; d < n; ++d) {
    for (std::int64_t want = demand(d); want > 0;) {
      while (left == 0) left = supply(s++);
      const std::int64_t part = std::min(want, left);
      emit(d, s - 1, part);
      want -= part;
      left -= part;
    }
  }
}

// The flow network, edges added in pairs (forward, reverse).
struct FlowArcs {
  struct Arc {
    Index from, to;
    std::int64_t capacity;
  };
  std::vector<Arc> arcs;  // even: forward, odd: its reverse
  Index Add(Index from, Index to, std::int64_t capacity) {
    arcs.push_back({from, to, capacity});
    arcs.push_back({to, from, 0});
    return static_cast<Index>(arcs.size() - 2);
  }
};

}  // namespace

absl::StatusOr<Matching> Matching::Compute(const Network& network, const MatchRules& rules) {
  if (rules.links.on != kDatasetDate) {
    if (absl::Status s = internal::CheckDateOption(rules.links.on, "links.on"); !s.ok()) return s;
  }
  if (rules.scope != MatchScope::kLinked && rules.scope != MatchScope::kSameStreet &&
      rules.scope != MatchScope::kEither) {
    return absl::InvalidArgumentError(internal::Cat(
        "scope is ", static_cast<int>(rules.scope), "; it is 0 (linked), 1 (same_street) or 2 "
        "(either)"));
  }
  // Units: the flow network built, the maximum flow found, the allocation read off it. The
  // build's loops poll; the maximum flow (one Boost call) runs beside a reporting thread.
  internal::ProgressMeter meter("matching", 3);
  auto data = std::make_shared<Data>();
  data->network = network;
  const Index orgs = network.org_count();
  absl::flat_hash_map<std::string_view, Index> categories;
  Hubs need_hubs, resource_hubs;
  need_hubs.Build(network, Table::kNeeds, categories);
  resource_hubs.Build(network, Table::kResources, categories);
  const Index needs = network.rows(Table::kNeeds), resources = network.rows(Table::kResources);
  data->need_met.assign(needs, 0);
  data->resource_used.assign(resources, 0);
  for (std::int64_t t : need_hubs.total) data->needed += t;
  for (std::int64_t t : resource_hubs.total) data->offered += t;

  const Index need_count = static_cast<Index>(need_hubs.org.size());
  const Index resource_count = static_cast<Index>(resource_hubs.org.size());
  // Vertices: 0 source, 1 sink, need hubs, resource hubs, street hubs.
  const Index source = 0, sink = 1, need_base = 2, resource_base = need_base + need_count;
  const Index street_base = resource_base + resource_count;
  FlowArcs flow;
  for (Index h = 0; h < need_count; ++h) flow.Add(source, need_base + h, need_hubs.total[h]);
  for (Index h = 0; h < resource_count; ++h) {
    flow.Add(resource_base + h, sink, resource_hubs.total[h]);
  }
  // Direct arcs: own organization, and linked partners when the scope allows.
  struct Direct {
    Index need_hub, resource_hub, arc;
  };
  std::vector<Direct> direct;
  auto connect = [&](Index a, Index b) {  // a's needs to b's resources, category by category
    const auto n = need_hubs.OfOrg(a), r = resource_hubs.OfOrg(b);
    for (std::size_t i = 0, j = 0; i < n.size() && j < r.size();) {
      const Index cn = need_hubs.category[n[i]], cr = resource_hubs.category[r[j]];
      if (cn < cr) {
        ++i;
      } else if (cr < cn) {
        ++j;
      } else {
        const std::int64_t cap = std::min(need_hubs.total[n[i]], resource_hubs.total[r[j]]);
        direct.push_back({n[i], r[j], flow.Add(need_base + n[i], resource_base + r[j], cap)});
        ++i;
        ++j;
      }
    }
  };
  std::optional<LinkGraph> links;
  if (rules.scope != MatchScope::kSameStreet) {
    auto built = LinkGraph::Build(network, rules.links);
    if (!built.ok()) return built.status();
    links = *std::move(built);
  }
  for (Index a = 0; a < orgs; ++a) {
    if ((a & 4095) == 4095) meter.Poll();
    if (need_hubs.OfOrg(a).empty()) continue;
    connect(a, a);
    if (links) {
      for (Index b : links->neighbours(a)) connect(a, b);
    }
  }
  // Street hubs: one per (street, category) with hubs on both sides.
  struct Via {
    Index hub, arc;  // need or resource hub, and its arc to or from the street hub
  };
  std::vector<std::vector<Via>> street_in, street_out;  // by street hub
  if (rules.scope != MatchScope::kLinked) {
    const Territory& t = network.territory();
    absl::flat_hash_map<std::pair<Index, Index>, Index> street_hub;
    std::vector<std::pair<Index, Index>> keys;
    for (Index h = 0; h < resource_count; ++h) {
      const Index s = t.org_place(resource_hubs.org[h]).street;
      if (!IsRow(s)) continue;  // unknown, or outside a view's scope
      auto [it, fresh] = street_hub.try_emplace({s, resource_hubs.category[h]},
                                                static_cast<Index>(keys.size()));
      if (fresh) keys.push_back(it->first);
    }
    street_in.resize(keys.size());
    street_out.resize(keys.size());
    std::vector<std::uint8_t> has_need(keys.size(), 0);
    for (Index h = 0; h < need_count; ++h) {
      const Index s = t.org_place(need_hubs.org[h]).street;
      if (!IsRow(s)) continue;  // unknown, or outside a view's scope
      auto it = street_hub.find(std::make_pair(s, need_hubs.category[h]));
      if (it == street_hub.end()) continue;
      has_need[it->second] = 1;
      street_in[it->second].push_back(
          {h, flow.Add(need_base + h, street_base + it->second, need_hubs.total[h])});
    }
    for (Index h = 0; h < resource_count; ++h) {
      const Index s = t.org_place(resource_hubs.org[h]).street;
      if (!IsRow(s)) continue;  // unknown, or outside a view's scope
      const Index k = street_hub.at(std::make_pair(s, resource_hubs.category[h]));
      if (!has_need[k]) continue;
      street_out[k].push_back(
          {h, flow.Add(street_base + k, resource_base + h, resource_hubs.total[h])});
    }
  }
  const Index vertices = street_base + static_cast<Index>(street_in.size());

  // The CSR graph wants arcs sorted by source: a counting sort, remembering where each went.
  std::vector<Index> begin(vertices + 1, 0);
  for (const auto& arc : flow.arcs) ++begin[arc.from + 1];
  for (Index v = 0; v < vertices; ++v) begin[v + 1] += begin[v];
  std::vector<Index> placed(flow.arcs.size());
  std::vector<std::pair<Index, Index>> sorted(flow.arcs.size());
  {
    std::vector<Index> fill(begin.begin(), begin.end() - 1);
    for (std::size_t i = 0; i < flow.arcs.size(); ++i) {
      if ((i & 4095) == 4095) meter.Poll();
      placed[i] = fill[flow.arcs[i].from]++;
      sorted[placed[i]] = {flow.arcs[i].from, flow.arcs[i].to};
    }
  }
  FlowGraph g(boost::edges_are_sorted, sorted.begin(), sorted.end(), vertices);
  std::vector<std::int64_t> capacity(flow.arcs.size()), residual(flow.arcs.size());
  std::vector<FlowEdge> by_index(flow.arcs.size()), reverse(flow.arcs.size());
  const auto edge_index = get(boost::edge_index, g);
  for (auto [it, end] = edges(g); it != end; ++it) by_index[get(edge_index, *it)] = *it;
  for (std::size_t i = 0; i < flow.arcs.size(); ++i) {
    capacity[placed[i]] = flow.arcs[i].capacity;
    reverse[placed[i]] = by_index[placed[i ^ 1]];
  }
  if (!meter.Step()) return meter.Cancelled();
  if (vertices > 2) {
    meter.RunReporting([&] {
      data->total = boost::push_relabel_max_flow(
          g, source, sink, boost::make_iterator_property_map(capacity.begin(), edge_index),
          boost::make_iterator_property_map(residual.begin(), edge_index),
          boost::make_iterator_property_map(reverse.begin(), edge_index),
          get(boost::vertex_index, g));
    });
  }
  if (!meter.Step()) return meter.Cancelled();
  auto flow_on = [&](Index arc) { return capacity[placed[arc]] - residual[placed[arc]]; };

  // Hub pairs: direct flows, plus each street hub's inflows paired with its outflows in
  // hub order (any pairing within a street is allowed).
  struct HubFlow {
    Index need_hub, resource_hub;
    std::int64_t amount;
  };
  std::vector<HubFlow> hub_flows;
  for (const Direct& d : direct) {
    if (const std::int64_t f = flow_on(d.arc); f > 0) hub_flows.push_back({d.need_hub, d.resource_hub, f});
  }
  for (std::size_t k = 0; k < street_in.size(); ++k) {
    const auto& in = street_in[k];
    const auto& out = street_out[k];
    Pour(
        in.size(), [&](std::size_t i) { return flow_on(in[i].arc); },
        [&](std::size_t j) { return flow_on(out[j].arc); },
        [&](std::size_t i, std::size_t j, std::int64_t f) {
          hub_flows.push_back({in[i].hub, out[j].hub, f});
        });
  }
  // Rows: each resource hub's rows in row order go to its inflows by need hub; each need
  // hub's rows in row order take those pieces by resource row.
  std::sort(hub_flows.begin(), hub_flows.end(), [](const HubFlow& x, const HubFlow& y) {
    return x.resource_hub != y.resource_hub ? x.resource_hub < y.resource_hub
                                            : x.need_hub < y.need_hub;
  });
  const auto& need_amount = internal::ImplOf(network).column(Table::kNeeds, col::kListingAmount).ints();
  const auto& resource_amount = internal::ImplOf(network).column(Table::kResources, col::kListingAmount).ints();
  struct Piece {
    Index need_hub, resource;
    std::int64_t amount;
  };
  std::vector<Piece> pieces;
  for (std::size_t first = 0, last; first < hub_flows.size(); first = last) {
    const Index h = hub_flows[first].resource_hub;
    last = first;
    while (last < hub_flows.size() && hub_flows[last].resource_hub == h) ++last;
    const Index* rows = resource_hubs.rows.data() + resource_hubs.row_begin[h];
    Pour(
        last - first, [&](std::size_t i) { return hub_flows[first + i].amount; },
        [&](std::size_t j) { return resource_amount[rows[j]]; },
        [&](std::size_t i, std::size_t j, std::int64_t f) {
          pieces.push_back({hub_flows[first + i].need_hub, rows[j], f});
        });
  }
  std::sort(pieces.begin(), pieces.end(), [](const Piece& x, const Piece& y) {
    return x.need_hub != y.need_hub ? x.need_hub < y.need_hub : x.resource < y.resource;
  });
  for (std::size_t first = 0, last; first < pieces.size(); first = last) {
    const Index h = pieces[first].need_hub;
    last = first;
    while (last < pieces.size() && pieces[last].need_hub == h) ++last;
    const Index* rows = need_hubs.rows.data() + need_hubs.row_begin[h];
    Pour(
        last - first, [&](std::size_t i) { return pieces[first + i].amount; },
        [&](std::size_t j) { return need_amount[rows[j]]; },
        [&](std::size_t i, std::size_t j, std::int64_t f) {
          data->allocations.push_back({rows[j], pieces[first + i].resource, f});
        });
  }
  std::sort(data->allocations.begin(), data->allocations.end(),
            [](const Allocation& x, const Allocation& y) {
              return x.need != y.need ? x.need < y.need : x.resource < y.resource;
            });
  std::vector<Allocation> merged;
  for (const Allocation& a : data->allocations) {
    if (!merged.empty() && merged.back().need == a.need && merged.back().resource == a.resource) {
      merged.back().amount += a.amount;
    } else {
      merged.push_back(a);
    }
    data->need_met[a.need] += a.amount;
    data->resource_used[a.resource] += a.amount;
  }
  data->allocations = std::move(merged);
  meter.Add(1);
  if (absl::Status s = meter.Finish(); !s.ok()) return s;
  return Matching(std::move(data));
}

std::int64_t Matching::total() const { return data_->total; }
std::int64_t Matching::needed() const { return data_->needed; }
std::int64_t Matching::offered() const { return data_->offered; }
absl::Span<const Allocation> Matching::allocations() const { return data_->allocations; }
absl::Span<const std::int64_t> Matching::need_met() const { return data_->need_met; }
absl::Span<const std::int64_t> Matching::resource_used() const { return data_->resource_used; }

namespace {

// Rows of a list whose amount is not all used.
std::vector<Index> Short(const Network& network, Table table, absl::Span<const std::int64_t> used) {
  const auto& amount = internal::ImplOf(network).column(table, col::kListingAmount).ints();
  std::vector<Index> out;
  for (std::size_t r = 0; r < used.size(); ++r) {
    if (used[r] < amount[r]) out.push_back(static_cast<Index>(r));
  }
  return out;
}

}  // namespace

std::vector<Index> Matching::UnmetNeeds() const {
  return Short(data_->network, Table::kNeeds, data_->need_met);
}
std::vector<Index> Matching::UnusedResources() const {
  return Short(data_->network, Table::kResources, data_->resource_used);
}
const Network& Matching::network() const { return data_->network; }

}  // namespace orgnet
