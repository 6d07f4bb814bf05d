// Service-centre reach: nearest centres by an R-tree over unit-sphere points, roll-ups along
// the territory, reachable functions, and greedy siting (lazy evaluation of the gains).
#include "orgnet/centres.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <queue>
#include <string_view>
#include <utility>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "absl/container/flat_hash_map.h"
#include "model/network_impl.h"
#include "base/progress_meter.h"
#include "base/text.h"
#include "service/view_reach.h"
#include "territory/places.h"

namespace orgnet {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

using Point = bg::model::point<double, 3, bg::cs::cartesian>;
using Box = bg::model::box<Point>;
using Entry = std::pair<Point, Index>;
using Tree = bgi::rtree<Entry, bgi::rstar<16>>;

constexpr double kDegree = 3.14159265358979323846 / 180.0;

Point OnSphere(double lon, double lat) {
  const double cl = std::cos(lat * kDegree);
  return Point(cl * std::cos(lon * kDegree), cl * std::sin(lon * kDegree), std::sin(lat * kDegree));
}

double Chord(const Point& a, const Point& b) { return bg::distance(a, b); }

// The chord of an arc of @p metres (an arc past half the circumference reaches everything:
// the diameter), and back; NaN stays NaN (std::min would turn it into the diameter).
double ChordOf(double metres) {
  return 2 * std::sin(std::min(metres / (2 * kEarthRadiusMetres), kDegree * 90));
}
double MetresOf(double chord) {
  if (std::isnan(chord)) return chord;
  return 2 * kEarthRadiusMetres * std::asin(std::min(1.0, chord / 2));
}

Box Around(const Point& p, double half) {
  return Box(Point(bg::get<0>(p) - half, bg::get<1>(p) - half, bg::get<2>(p) - half),
             Point(bg::get<0>(p) + half, bg::get<1>(p) + half, bg::get<2>(p) + half));
}

// Every entry of @p tree within chord @p chord of @p p (a box query, then the exact test).
template <typename Visit>
void WithinChord(const Tree& tree, const Point& p, double chord, Visit visit) {
  for (auto it = tree.qbegin(bgi::intersects(Around(p, chord))); it != tree.qend(); ++it) {
    if (Chord(it->first, p) <= chord) visit(*it);
  }
}

// The nearest entry of a non-empty tree to @p p: (chord, row), ties by the lowest row.
std::pair<double, Index> Nearest(const Tree& tree, const Point& p) {
  std::vector<Entry> near;
  tree.query(bgi::nearest(p, 2), std::back_inserter(near));
  std::sort(near.begin(), near.end(), [&](const Entry& x, const Entry& y) {
    const double dx = Chord(x.first, p), dy = Chord(y.first, p);
    return dx != dy ? dx < dy : x.second < y.second;
  });
  const double best = Chord(near[0].first, p);
  Index nearest = near[0].second;
  if (near.size() > 1 && Chord(near[1].first, p) == best) {
    // A tie: the lowest row among every centre at exactly that distance.
    WithinChord(tree, p, best, [&](const Entry& e) {
      if (Chord(e.first, p) == best) nearest = std::min(nearest, e.second);
    });
  }
  return {best, nearest};
}

// The placed grids' points, then every placed centre of @p network as a tree entry: its own
// coordinates, else its grid's point (a view's centre whose grid is outside: that grid's
// point, which the view keeps for it).
std::vector<Entry> PlacedCentres(const Network& network, std::vector<std::uint8_t>& grid_placed,
                                 std::vector<Point>& grid_point,
                                 std::vector<std::uint8_t>* centre_placed,
                                 std::vector<Point>* centre_point) {
  const auto& impl = internal::ImplOf(network);
  const Index grids = network.rows(Table::kGrids), centres = network.rows(Table::kCentres);
  const auto& grid_lon = impl.column(Table::kGrids, col::kGridLon).reals();
  const auto& grid_lat = impl.column(Table::kGrids, col::kGridLat).reals();
  grid_placed.assign(grids, 0);
  grid_point.resize(grids);
  for (Index g = 0; g < grids; ++g) {
    if (std::isnan(grid_lon[g]) || std::isnan(grid_lat[g])) continue;
    grid_placed[g] = 1;
    grid_point[g] = OnSphere(grid_lon[g], grid_lat[g]);
  }
  const auto& centre_lon = impl.column(Table::kCentres, col::kCentreLon).reals();
  const auto& centre_lat = impl.column(Table::kCentres, col::kCentreLat).reals();
  const auto& centre_grid = impl.column(Table::kCentres, col::kCentreGrid).refs();
  if (centre_placed != nullptr) centre_placed->assign(centres, 0);
  if (centre_point != nullptr) centre_point->resize(centres);
  std::vector<Entry> entries;
  for (Index c = 0; c < centres; ++c) {
    Point point;
    if (!std::isnan(centre_lon[c]) && !std::isnan(centre_lat[c])) {
      point = OnSphere(centre_lon[c], centre_lat[c]);
    } else if (IsRow(centre_grid[c]) && grid_placed[centre_grid[c]]) {
      point = grid_point[centre_grid[c]];
    } else if (centre_grid[c] == kOutside && !std::isnan(impl.view->centre_grid_point[c].first)) {
      const auto [lon, lat] = impl.view->centre_grid_point[c];
      point = OnSphere(lon, lat);  // its grid is outside the view's scope
    } else {
      continue;
    }
    if (centre_placed != nullptr) (*centre_placed)[c] = 1;
    if (centre_point != nullptr) (*centre_point)[c] = point;
    entries.emplace_back(point, c);
  }
  return entries;
}

}  // namespace

namespace internal {

ViewReachFacts ViewReach(const Network& network, const std::vector<Index>& grids,
                         const std::vector<Index>& view_centres) {
  std::vector<std::uint8_t> grid_placed;
  std::vector<Point> grid_point;
  std::vector<Entry> entries = PlacedCentres(network, grid_placed, grid_point, nullptr, nullptr);
  std::vector<Entry> in, out;
  for (const Entry& e : entries) {
    (std::binary_search(view_centres.begin(), view_centres.end(), e.second) ? in : out).push_back(e);
  }
  const Tree in_tree(in), out_tree(out);
  const ViewInfo* above = ImplOf(network).view.get();
  const double reach = ChordOf(kDefaultReachMetres);
  ViewReachFacts facts;
  facts.reached_from_outside.assign(grids.size(), 0);
  facts.nearest_outside.assign(grids.size(), 0);
  for (std::size_t i = 0; i < grids.size(); ++i) {
    const Index g = grids[i];
    if (above != nullptr) {  // what the view above knows of the centres outside it
      facts.reached_from_outside[i] = above->grid_reached_from_outside[g];
      facts.nearest_outside[i] = above->grid_nearest_outside[g];
    }
    if (!grid_placed[g] || out.empty()) continue;
    const auto [out_best, out_row] = Nearest(out_tree, grid_point[g]);
    facts.reached_from_outside[i] |= out_best <= reach;
    if (!facts.nearest_outside[i]) {
      bool outside_nearer = in.empty();
      if (!outside_nearer) {
        const auto [in_best, in_row] = Nearest(in_tree, grid_point[g]);
        outside_nearer = out_best < in_best || (out_best == in_best && out_row < in_row);
      }
      facts.nearest_outside[i] = outside_nearer;
    }
  }
  return facts;
}

}  // namespace internal

double GreatCircleMetres(double lon1, double lat1, double lon2, double lat2) {
  return MetresOf(Chord(OnSphere(lon1, lat1), OnSphere(lon2, lat2)));
}

struct CentreReach::Data {
  Network network;
  ReachOptions options;
  std::vector<GridReach> grids;
  std::vector<std::uint8_t> grid_placed;
  std::vector<Point> grid_point;
  std::vector<std::uint8_t> centre_placed;
  std::vector<Point> centre_point;
  Tree centres;  // placed centres
};

absl::StatusOr<CentreReach> CentreReach::Compute(const Network& network,
                                                 const ReachOptions& options) {
  if (!(options.radius_metres > 0) || !std::isfinite(options.radius_metres)) {
    return absl::InvalidArgumentError(
        internal::Cat("radius_metres must be above 0; got ", options.radius_metres));
  }
  auto data = std::make_shared<Data>();
  data->network = network;
  data->options = options;
  const auto& impl = internal::ImplOf(network);
  const Index grids = network.rows(Table::kGrids);
  std::vector<Entry> entries = PlacedCentres(network, data->grid_placed, data->grid_point,
                                             &data->centre_placed, &data->centre_point);
  // A view's tree holds only its own centres: what it knows of those outside is two facts per
  // grid, fixed at the default radius when it was made (docs/permission.md, "Reach").
  const internal::ViewInfo* view = impl.view.get();
  const bool outside_counts = view != nullptr && options.radius_metres == kDefaultReachMetres;
  data->centres = Tree(entries);  // packed (bulk-loaded) tree
  const double reach = ChordOf(options.radius_metres);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  data->grids.assign(grids, GridReach{kNone, nan, false, false});
  for (Index g = 0; g < grids; ++g) {
    GridReach& r = data->grids[g];
    r.placed = data->grid_placed[g] != 0;
    if (!r.placed) continue;
    if (!entries.empty()) {
      const auto [best, nearest] = Nearest(data->centres, data->grid_point[g]);
      r.nearest = nearest;
      r.metres = MetresOf(best);
      r.reached = best <= reach;
    }
    if (view != nullptr) {
      if (view->grid_nearest_outside[g]) {
        r.nearest = kOutside;
        r.metres = nan;
      }
      r.reached = r.reached || (outside_counts && view->grid_reached_from_outside[g]);
    }
  }
  return CentreReach(std::move(data));
}

const ReachOptions& CentreReach::options() const { return data_->options; }
absl::Span<const GridReach> CentreReach::grids() const { return data_->grids; }
const Network& CentreReach::network() const { return data_->network; }

std::vector<Index> CentreReach::UnplacedGrids() const {
  std::vector<Index> out;
  for (Index g = 0; g < data_->grid_placed.size(); ++g) {
    if (!data_->grid_placed[g]) out.push_back(g);
  }
  return out;
}

std::vector<Index> CentreReach::UnplacedCentres() const {
  std::vector<Index> out;
  for (Index c = 0; c < data_->centre_placed.size(); ++c) {
    if (!data_->centre_placed[c]) out.push_back(c);
  }
  return out;
}

absl::StatusOr<std::vector<ReachRow>> CentreReach::RollUp(orgnet::RollUp level) const {
  if (level == orgnet::RollUp::kOrg) {
    return absl::InvalidArgumentError(
        "reach rolls up along the territory (grid, community, street, district)");
  }
  const Network& net = data_->network;
  const Territory& t = net.territory();
  const internal::Places places = internal::TerritoryPlaces(net, level);
  std::vector<ReachRow> rows(places.rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = {places.rows[i], 0, 0, 0, 0, 0, 0, 0, 0};
  auto row_of = [&](Index grid) -> ReachRow* {
    if (!IsRow(grid)) return nullptr;  // a view's unit located outside its scope
    const Index key = internal::PlaceKey(t.grid_place(grid), level);
    return key == kNone ? nullptr : &rows[places.position[key]];
  };
  const auto& households = internal::ImplOf(net).column(Table::kGrids, col::kGridHouseholds).ints();
  const Index grids = net.rows(Table::kGrids);
  for (Index g = 0; g < grids; ++g) {
    ReachRow* r = row_of(g);
    if (r == nullptr) continue;
    const GridReach& reach = data_->grids[g];
    ++r->grids;
    r->grids_placed += reach.placed;
    r->grids_reached += reach.reached;
    if (households[g] != kNoInteger) {
      r->households += households[g];
      if (reach.reached) r->households_reached += households[g];
      if (!reach.placed) r->households_unplaced += households[g];
    }
  }
  const auto& unit_grid = internal::ImplOf(net).column(Table::kUnits, col::kUnitGrid).refs();
  const Index units = net.rows(Table::kUnits);
  for (Index u = 0; u < units; ++u) {
    ReachRow* r = row_of(unit_grid[u]);
    if (r == nullptr) continue;
    ++r->units;
    r->units_reached += data_->grids[unit_grid[u]].reached;
  }
  return rows;
}

namespace {

// Adds the functions of the centres within @p chord of grid @p g to @p into.
void AddFunctions(const CentreReach::Data& d, Index g, double chord,
                  std::vector<std::string_view>& into);

std::vector<std::string> SortedDistinct(std::vector<std::string_view>& names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return std::vector<std::string>(names.begin(), names.end());
}

}  // namespace

std::vector<CommunityFunctions> CentreReach::Functions() const {
  const Network& net = data_->network;
  const Territory& t = net.territory();
  const internal::Places places = internal::TerritoryPlaces(net, orgnet::RollUp::kCommunity);
  std::vector<std::vector<std::string_view>> found(places.rows.size());
  const double reach = ChordOf(data_->options.radius_metres);
  const Index grids = net.rows(Table::kGrids);
  for (Index g = 0; g < grids; ++g) {
    const Index community = internal::PlaceKey(t.grid_place(g), orgnet::RollUp::kCommunity);
    if (community != kNone) AddFunctions(*data_, g, reach, found[places.position[community]]);
  }
  std::vector<CommunityFunctions> out;
  for (std::size_t i = 0; i < places.rows.size(); ++i) {
    out.push_back({places.rows[i], SortedDistinct(found[i])});
  }
  return out;
}

std::vector<std::string> CentreReach::FunctionsOf(Index community) const {
  const Network& net = data_->network;
  const Territory& t = net.territory();
  const double reach = ChordOf(data_->options.radius_metres);
  std::vector<std::string_view> found;
  if (community < net.org_count() && net.org_kind(community) == OrgKind::kCommunity) {
    for (Index g : t.grids_in(community)) AddFunctions(*data_, g, reach, found);
  } else {  // a place named by grids without being of kind community
    for (Index g = 0; g < net.rows(Table::kGrids); ++g) {
      if (t.grid_place(g).community == community) AddFunctions(*data_, g, reach, found);
    }
  }
  return SortedDistinct(found);
}

namespace {

void AddFunctions(const CentreReach::Data& d, Index g, double chord,
                  std::vector<std::string_view>& into) {
  if (!d.grid_placed[g]) return;
  // A view's tree holds only its own centres: the text of those outside is never shown.
  const auto& functions = internal::ImplOf(d.network).column(Table::kCentres, col::kCentreFunctions).texts();
  WithinChord(d.centres, d.grid_point[g], chord, [&](const Entry& e) {
    std::string_view rest = functions[e.second];
    while (!rest.empty()) {
      const std::size_t cut = rest.find(';');
      const std::string_view name = rest.substr(0, cut);
      if (!name.empty()) into.push_back(name);
      rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
    }
  });
}

}  // namespace

namespace {
std::vector<SiteChoice> SiteWith(const CentreReach::Data& data, std::size_t k,
                                 internal::ProgressMeter* meter);
}  // namespace

std::vector<SiteChoice> CentreReach::Site(std::size_t k) const {
  return SiteWith(*data_, k, nullptr);
}

absl::StatusOr<std::vector<SiteChoice>> CentreReach::ComputeSite(std::size_t k) const {
  internal::ProgressMeter meter("siting", data_->network.rows(Table::kGrids) + k);
  std::vector<SiteChoice> out = SiteWith(*data_, k, &meter);
  if (absl::Status s = meter.Finish(); !s.ok()) return s;
  return out;
}

namespace {

std::vector<SiteChoice> SiteWith(const CentreReach::Data& data, std::size_t k,
                                 internal::ProgressMeter* meter) {
  const auto* data_ = &data;
  const Network& net = data_->network;
  const Index grids = net.rows(Table::kGrids);
  const auto& households = internal::ImplOf(net).column(Table::kGrids, col::kGridHouseholds).ints();
  // Targets (placed grids not reached, with a known positive household count) at one point
  // are one target, their households and grids summed: a candidate's cover lists the distinct
  // points it reaches, so grids given the same coordinates (a community's centroid, say) cost
  // one entry per candidate, not one per pair of grids.
  auto key_of = [&](Index g) {
    const Point& p = data_->grid_point[g];
    return std::array<double, 3>{bg::get<0>(p), bg::get<1>(p), bg::get<2>(p)};
  };
  absl::flat_hash_map<std::array<double, 3>, Index> target_at;
  std::vector<Entry> targets;  // (point, target)
  std::vector<std::int64_t> target_households;
  std::vector<std::uint32_t> target_grids;
  for (Index g = 0; g < grids; ++g) {
    if (data_->grid_placed[g] && !data_->grids[g].reached && households[g] != kNoInteger &&
        households[g] > 0) {
      const auto [it, fresh] = target_at.try_emplace(key_of(g), static_cast<Index>(targets.size()));
      if (fresh) {
        targets.emplace_back(data_->grid_point[g], it->second);
        target_households.push_back(0);
        target_grids.push_back(0);
      }
      target_households[it->second] += households[g];
      ++target_grids[it->second];
    }
  }
  if (targets.empty() || k == 0) return {};
  const Tree tree(targets);
  const double reach = ChordOf(data_->options.radius_metres);
  // Each candidate's cover (targets within reach), as lists.
  std::vector<Index> begin{0}, cover, candidates;
  for (Index g = 0; g < grids; ++g) {
    if (meter != nullptr && !meter->Step()) return {};
    if (!data_->grid_placed[g]) continue;
    const std::size_t start = cover.size();
    WithinChord(tree, data_->grid_point[g], reach, [&](const Entry& e) { cover.push_back(e.second); });
    if (cover.size() == start) continue;
    std::sort(cover.begin() + static_cast<std::ptrdiff_t>(start), cover.end());
    candidates.push_back(g);
    begin.push_back(static_cast<Index>(cover.size()));
  }
  std::vector<std::uint8_t> covered(targets.size(), 0);
  auto gain = [&](std::size_t i) {
    std::int64_t sum = 0;
    for (Index j = begin[i]; j < begin[i + 1]; ++j) {
      if (!covered[cover[j]]) sum += target_households[cover[j]];
    }
    return sum;
  };
  // Lazy greedy: gains only fall as targets get covered, so a stale gain is an upper bound;
  // a candidate whose fresh gain still tops the queue is the best (ties: lower row first).
  using Item = std::pair<std::int64_t, std::size_t>;  // (gain, candidate position)
  auto worse = [&](const Item& x, const Item& y) {
    return x.first != y.first ? x.first < y.first : candidates[x.second] > candidates[y.second];
  };
  std::priority_queue<Item, std::vector<Item>, decltype(worse)> queue(worse);
  for (std::size_t i = 0; i < candidates.size(); ++i) queue.push({gain(i), i});
  std::vector<SiteChoice> out;
  while (out.size() < k && !queue.empty()) {
    const auto [stale, i] = queue.top();
    queue.pop();
    const std::int64_t fresh = gain(i);
    if (fresh == 0) continue;
    if (fresh < stale) {
      queue.push({fresh, i});
      continue;
    }
    SiteChoice choice{candidates[i], 0, 0};
    for (Index j = begin[i]; j < begin[i + 1]; ++j) {
      if (covered[cover[j]]) continue;
      covered[cover[j]] = 1;
      choice.households_added += target_households[cover[j]];
      choice.grids_added += target_grids[cover[j]];
    }
    out.push_back(choice);
    if (meter != nullptr && !meter->Step()) return {};
  }
  return out;
}

}  // namespace

}  // namespace orgnet
