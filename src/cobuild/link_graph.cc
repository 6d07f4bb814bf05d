// The co-building graph: building it under a filter, and the structural queries that run on
// Boost.Graph's algorithms.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <utility>

#include <boost/graph/biconnected_components.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/property_map/property_map.hpp>

#include "absl/container/flat_hash_set.h"
#include "cobuild/link_graph_data.h"
#include "hierarchy/bottom_up.h"
#include "base/closest.h"
#include "base/date.h"
#include "model/network_impl.h"
#include "base/text.h"
#include "territory/leading_street.h"
#include "territory/places.h"

namespace orgnet {

namespace {

using internal::PairGraph;

bool Passes(Date on, Date since, Date until) {
  if (on == kNoDate) return true;
  return (since == kNoDate || since <= on) && (until == kNoDate || on < until);
}

// Vertex-indexed storage as a Boost property map (the graph's vertex ids are org rows).
template <typename T>
auto VertexMap(std::vector<T>& values, const PairGraph& g) {
  return boost::make_iterator_property_map(values.begin(), get(boost::vertex_index, g));
}

}  // namespace

namespace {

// The link kinds dataset-v1 gives a meaning to; a filter may also name any kind the links hold.
constexpr std::string_view kDocumentedLinkKinds[] = {"pairing", "joint_meeting",
                                                     "part_time_member", "resource_sharing",
                                                     "project"};

// INVALID_ARGUMENT naming the first filter kind that is neither documented nor in the network
// (a misspelt kind would silently select no link), with the closest valid kind.
absl::Status CheckKinds(const Network& network, const std::vector<std::string>& kinds) {
  if (kinds.empty()) return absl::OkStatus();
  const auto& impl = internal::ImplOf(network);
  absl::flat_hash_set<std::string_view> present;
  const Index rows = network.rows(Table::kLinks);
  const auto& text = impl.column(Table::kLinks, col::kLinkKind).texts();
  for (Index r = 0; r < rows; ++r) present.insert(text[r]);
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    const std::string_view kind = kinds[i];
    if (present.contains(kind) || std::find(std::begin(kDocumentedLinkKinds),
                                            std::end(kDocumentedLinkKinds),
                                            kind) != std::end(kDocumentedLinkKinds)) {
      continue;
    }
    std::vector<std::string_view> valid(std::begin(kDocumentedLinkKinds),
                                        std::end(kDocumentedLinkKinds));
    valid.insert(valid.end(), present.begin(), present.end());
    return internal::UnknownChoice(internal::Cat("kinds[", i, "]"), "link kind", kind, valid);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<LinkGraph> LinkGraph::Build(const Network& network, const LinkFilter& filter) {
  if (filter.on != kDatasetDate) {
    if (absl::Status s = internal::CheckDateOption(filter.on, "on"); !s.ok()) return s;
  }
  auto data = std::make_shared<Data>();
  data->network = network;
  data->filter = filter;
  if (absl::Status s = CheckKinds(network, filter.kinds); !s.ok()) return s;
  if (data->filter.on == kDatasetDate) data->filter.on = network.as_of();  // kNoDate: every link
  const Index orgs = network.org_count();
  const Index rows = network.rows(Table::kLinks);
  const auto& impl = internal::ImplOf(network);
  const auto& a = impl.column(Table::kLinks, col::kLinkA).refs();
  const auto& b = impl.column(Table::kLinks, col::kLinkB).refs();
  const auto& kind = impl.column(Table::kLinks, col::kLinkKind).texts();
  const auto& since = impl.column(Table::kLinks, col::kLinkSince).dates();
  const auto& until = impl.column(Table::kLinks, col::kLinkUntil).dates();
  for (Index r = 0; r < rows; ++r) {  // (an absent column reads as empty dates)
    if (!Passes(data->filter.on, since[r], until[r])) continue;
    if (!filter.kinds.empty() &&
        std::find(filter.kinds.begin(), filter.kinds.end(), kind[r]) == filter.kinds.end()) {
      continue;
    }
    data->links.push_back(r);
  }
  // Partner lists sorted by (org, partner, link) with two stable counting sorts: links come
  // in row order, are bucketed by partner, then by org. In a view, a link's end outside the
  // scope has no list of its own, and is the partner kOutside (bucket `orgs`, sorting last)
  // in its other end's list: counted there, but no pair of the graph.
  auto bucket = [orgs](Index org) { return IsRow(org) ? org : orgs; };
  internal::LargeVector<Index> by_partner(orgs + 2, 0);
  data->partner_begin.assign(orgs + 1, 0);
  for (Index r : data->links) {
    if (IsRow(a[r])) {
      ++by_partner[bucket(b[r]) + 1];
      ++data->partner_begin[a[r] + 1];
    }
    if (IsRow(b[r])) {
      ++by_partner[bucket(a[r]) + 1];
      ++data->partner_begin[b[r] + 1];
    }
  }
  for (Index o = 0; o <= orgs; ++o) by_partner[o + 1] += by_partner[o];
  for (Index o = 0; o < orgs; ++o) data->partner_begin[o + 1] += data->partner_begin[o];
  struct Entry {
    Index org;
    Partner partner;
  };
  internal::LargeVector<Entry> bucketed(by_partner[orgs + 1]);
  for (Index r : data->links) {
    if (IsRow(a[r])) bucketed[by_partner[bucket(b[r])]++] = {a[r], {b[r], r}};
    if (IsRow(b[r])) bucketed[by_partner[bucket(a[r])]++] = {b[r], {a[r], r}};
  }
  data->partners.resize(bucketed.size());
  internal::LargeVector<Index> fill(data->partner_begin.begin(), data->partner_begin.end() - 1);
  for (const Entry& e : bucketed) data->partners[fill[e.org]++] = e.partner;
  internal::LargeVector<std::pair<Index, Index>> edges;
  edges.reserve(data->partners.size());
  for (Index o = 0; o < orgs; ++o) {
    const Index first = data->partner_begin[o], last = data->partner_begin[o + 1];
    for (Index i = first; i < last; ++i) {
      const Index p = data->partners[i].org;
      if (IsRow(p) && (i == first || p != data->partners[i - 1].org)) edges.emplace_back(o, p);
    }
  }
  data->pairs = static_cast<Index>(edges.size() / 2);
  data->graph = PairGraph(boost::edges_are_sorted, edges.begin(), edges.end(), orgs);
  return LinkGraph(std::move(data));
}

const Network& LinkGraph::network() const { return data_->network; }
const LinkFilter& LinkGraph::filter() const { return data_->filter; }
absl::Span<const Index> LinkGraph::links() const { return data_->links; }
Index LinkGraph::pair_count() const { return data_->pairs; }
absl::Span<const Partner> LinkGraph::partners(Index org) const {
  const Index begin = data_->partner_begin[org];
  return absl::MakeConstSpan(data_->partners).subspan(begin, data_->partner_begin[org + 1] - begin);
}
absl::Span<const Index> LinkGraph::neighbours(Index org) const { return data_->Neighbours(org); }
Index LinkGraph::degree(Index org) const {
  return static_cast<Index>(data_->Neighbours(org).size());
}

std::vector<Index> LinkGraph::Isolated() const {
  std::vector<Index> out;
  const Index orgs = data_->network.org_count();
  for (Index o = 0; o < orgs; ++o) {
    if (data_->partner_begin[o] == data_->partner_begin[o + 1]) out.push_back(o);
  }
  return out;
}

std::vector<IsolationRow> LinkGraph::Isolation(RollUp level) const {
  const Network& net = data_->network;
  const Index orgs = net.org_count();
  const Territory& t = net.territory();
  auto isolated = [&](Index o) { return data_->partner_begin[o] == data_->partner_begin[o + 1]; };
  std::vector<IsolationRow> rows;
  auto finish = [&] {
    for (IsolationRow& r : rows) {
      r.share = r.orgs == 0 ? std::numeric_limits<double>::quiet_NaN()
                            : static_cast<double>(r.isolated) / r.orgs;
    }
    return rows;
  };
  if (level == RollUp::kOrg) {
    rows.resize(orgs);
    for (Index o = 0; o < orgs; ++o) rows[o] = {o, 1, isolated(o) ? 1u : 0u, 0};
    internal::AddUpTheTree(net.hierarchy(), [&](Index p, Index v) {
      rows[p].orgs += rows[v].orgs;
      rows[p].isolated += rows[v].isolated;
    });
    return finish();
  }
  const internal::Places places = internal::TerritoryPlaces(net, level);
  const auto& position = places.position;
  for (Index place : places.rows) rows.push_back({place, 0, 0, 0});
  for (Index o = 0; o < orgs; ++o) {
    const Index k = internal::PlaceKey(t.org_place(o), level);
    if (k == kNone) continue;
    IsolationRow& r = rows[position[k]];
    ++r.orgs;
    r.isolated += isolated(o);
  }
  return finish();
}

Clusters LinkGraph::Components() const {
  const PairGraph& g = data_->graph;
  const Index orgs = data_->network.org_count();
  Clusters out;
  std::vector<Index> found(orgs, 0);
  // The symmetric directed form is what connected_components needs: every pair is reachable
  // both ways, so depth-first trees are the components.
  const Index count = orgs == 0 ? 0 : static_cast<Index>(boost::connected_components(
                                          g, VertexMap(found, g)));
  std::vector<Index> sizes(count, 0), first(count, kNone);
  for (Index o = 0; o < orgs; ++o) {
    if (sizes[found[o]]++ == 0) first[found[o]] = o;
  }
  std::vector<Index> order(count);
  for (Index c = 0; c < count; ++c) order[c] = c;
  std::sort(order.begin(), order.end(), [&](Index x, Index y) {
    return sizes[x] != sizes[y] ? sizes[x] > sizes[y] : first[x] < first[y];
  });
  std::vector<Index> number(count);
  out.sizes.resize(count);
  out.first_org.resize(count);
  for (Index i = 0; i < count; ++i) {
    number[order[i]] = i;
    out.sizes[i] = sizes[order[i]];
    out.first_org[i] = first[order[i]];
  }
  out.cluster_of.resize(orgs);
  for (Index o = 0; o < orgs; ++o) out.cluster_of[o] = number[found[o]];
  return out;
}

Index LinkGraph::ClusterCount(Index min_size) const {
  const Clusters clusters = Components();
  return static_cast<Index>(std::count_if(clusters.sizes.begin(), clusters.sizes.end(),
                                          [&](Index size) { return size >= min_size; }));
}

namespace {

// Biconnected components over the symmetric directed form. Boost's visitor skips the edge
// back to a vertex's DFS parent and meets every other pair once as a tree or back edge (the
// reverse direction arrives as a forward edge, which it ignores), so each pair is assigned
// exactly once; the reverse direction keeps kNone.
struct Biconnected {
  std::vector<Index> edge_component;  // by directed edge index
  std::vector<Index> articulation;    // ascending
  std::size_t components = 0;
};

Biconnected BiconnectedOf(const PairGraph& g) {
  Biconnected out;
  out.edge_component.assign(num_edges(g), kNone);
  auto component = boost::make_iterator_property_map(out.edge_component.begin(),
                                                     get(boost::edge_index, g));
  const auto result = boost::biconnected_components(g, component,
                                                    std::back_inserter(out.articulation));
  out.components = result.first;
  std::sort(out.articulation.begin(), out.articulation.end());
  return out;
}

}  // namespace

std::vector<Index> LinkGraph::ArticulationPoints() const {
  if (data_->network.org_count() == 0) return {};
  return BiconnectedOf(data_->graph).articulation;
}

std::vector<Bridge> LinkGraph::Bridges() const {
  const PairGraph& g = data_->graph;
  if (num_vertices(g) == 0) return {};
  const Biconnected bc = BiconnectedOf(g);
  // A bridge is a biconnected component of a single pair.
  std::vector<Index> pairs_in(bc.components, 0);
  const auto index = get(boost::edge_index, g);
  for (auto [it, end] = edges(g); it != end; ++it) {
    const Index c = bc.edge_component[get(index, *it)];
    if (c == kNone) continue;
    ++pairs_in[c];
  }
  std::vector<Bridge> out;
  for (auto [it, end] = edges(g); it != end; ++it) {
    const Index c = bc.edge_component[get(index, *it)];
    if (c == kNone || pairs_in[c] != 1) continue;
    const Index s = source(*it, g), t = target(*it, g);
    out.push_back({std::min(s, t), std::max(s, t)});
  }
  std::sort(out.begin(), out.end(),
            [](const Bridge& x, const Bridge& y) { return x.a != y.a ? x.a < y.a : x.b < y.b; });
  return out;
}

CrossBoundary LinkGraph::Crossings() const {
  const Network& net = data_->network;
  const Territory& t = net.territory();
  const auto& a = internal::ImplOf(net).column(Table::kLinks, col::kLinkA).refs();
  const auto& b = internal::ImplOf(net).column(Table::kLinks, col::kLinkB).refs();
  const std::vector<Index> leading = internal::LeadingStreets(net);
  CrossBoundary out;
  const internal::Places streets = internal::TerritoryPlaces(net, RollUp::kStreet);
  const auto& position = streets.position;
  for (Index street : streets.rows) out.by_street.push_back({street, 0, 0, 0, 0, 0, 0});
  out.total = {kNone, 0, 0, 0, 0, 0, 0};
  // The street whose own organizations an outside-led unit org meets: the street it sits in.
  const auto& kinds = (*internal::ImplOf(net).org_kinds);
  auto outside_led = [&](Index x) {
    if (!IsRow(x)) return kNone;
    const OrgKind k = kinds[x];
    if (k != OrgKind::kUnit && k != OrgKind::kJoint) return kNone;
    const Index street = t.org_place(x).street;
    return IsRow(street) && street != leading[x] ? street : kNone;  // a view's: may be outside
  };
  auto own_of = [&](Index y, Index street) {
    return IsRow(y) && (y == street || leading[y] == street);
  };
  auto add = [](CrossingCounts& c, std::uint8_t f) {
    ++c.links;
    c.across_communities += (f & kAcrossCommunities) != 0;
    c.across_streets += (f & kAcrossStreets) != 0;
    c.across_districts += (f & kAcrossDistricts) != 0;
    c.unplaced += (f & kUnplaced) != 0;
  };
  out.link_flags.resize(data_->links.size());
  for (std::size_t i = 0; i < data_->links.size(); ++i) {
    const Index r = data_->links[i];
    // An end outside a view's scope is somewhere outside every place the view holds.
    const Place outside{kOutside, kOutside, kOutside, kOutside};
    const Place p = IsRow(a[r]) ? t.org_place(a[r]) : outside;
    const Place q = IsRow(b[r]) ? t.org_place(b[r]) : outside;
    auto differ = [](Index x, Index y) { return x != kNone && y != kNone && x != y; };
    std::uint8_t f = 0;
    if (differ(p.community, q.community)) f |= kAcrossCommunities;
    if (differ(p.street, q.street)) f |= kAcrossStreets;
    if (differ(p.district, q.district)) f |= kAcrossDistricts;
    if ((p.community == kNone && p.street == kNone) || (q.community == kNone && q.street == kNone)) {
      f |= kUnplaced;
    }
    Index outside_street = kNone;
    if (const Index s = outside_led(a[r]); s != kNone && own_of(b[r], s)) outside_street = s;
    if (const Index s = outside_led(b[r]); s != kNone && own_of(a[r], s)) outside_street = s;
    if (outside_street != kNone) f |= kOutsideLed;
    out.link_flags[i] = f;
    add(out.total, f);
    out.total.outside_led += outside_street != kNone;
    if (IsRow(p.street)) add(out.by_street[position[p.street]], f);
    if (IsRow(q.street) && q.street != p.street) add(out.by_street[position[q.street]], f);
    if (outside_street != kNone) ++out.by_street[position[outside_street]].outside_led;
  }
  return out;
}

}  // namespace orgnet
