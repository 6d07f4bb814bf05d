// The three haves: staff per community's grids, the year's funds summed up the leadership
// tree (one reverse pre-order pass), and centres in or within reach of the community.
#include "orgnet/haves.h"

#include <algorithm>

#include "hierarchy/bottom_up.h"
#include "base/date.h"
#include "model/network_impl.h"
#include "base/text.h"
#include "orgnet/centres.h"
#include "territory/places.h"

namespace orgnet {

struct ThreeHaves::Data {
  Network network;
  HavesOptions options;
  std::vector<CommunityHaves> communities;
  std::vector<HavesFinding> findings;
};

absl::StatusOr<ThreeHaves> ThreeHaves::Compute(const Network& network,
                                               const HavesOptions& options) {
  if (options.year != 0 && (options.year < 1 || options.year > 9999)) {
    return absl::InvalidArgumentError(internal::Cat(
        "year is ", options.year, "; it is 0 (the year of the dataset's as_of) or in [1, 9999]"));
  }
  auto reach = CentreReach::Compute(network, {options.radius_metres});
  if (!reach.ok()) return reach.status();
  auto data = std::make_shared<Data>();
  data->network = network;
  data->options = options;
  if (data->options.year == 0) {
    data->options.year = internal::CivilFromDays(network.default_date()).year;
  }
  const auto& impl = internal::ImplOf(network);
  const Territory& t = network.territory();
  const internal::Places places = internal::TerritoryPlaces(network, RollUp::kCommunity);
  auto& rows = data->communities;
  rows.resize(places.rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i] = CommunityHaves{places.rows[i], 0, 0, 0, 0, false, {}, false, false, false, false};
  }
  auto row_of_grid = [&](Index g) -> CommunityHaves* {
    if (!IsRow(g)) return nullptr;  // a view's centre located outside its scope
    const Index c = internal::PlaceKey(t.grid_place(g), RollUp::kCommunity);
    return c == kNone ? nullptr : &rows[places.position[c]];
  };
  // People: staff by grid.
  const Index grids = network.rows(Table::kGrids);
  std::vector<std::uint32_t> managers(grids, 0);
  const auto& role = impl.column(Table::kStaff, col::kStaffRole).texts();
  const auto& staff_grid = impl.column(Table::kStaff, col::kStaffGrid).refs();
  for (Index s = 0; s < network.rows(Table::kStaff); ++s) {
    if (!IsRow(staff_grid[s])) continue;
    CommunityHaves* r = row_of_grid(staff_grid[s]);
    const bool manager = role[s] == "grid_manager";
    managers[staff_grid[s]] += manager;
    if (r == nullptr) continue;
    ++(manager ? r->managers : r->other_staff);
  }
  for (Index g = 0; g < grids; ++g) {
    CommunityHaves* r = row_of_grid(g);
    if (r == nullptr) continue;
    ++r->grids;
    r->grids_managed += managers[g] > 0;
    // Place: a centre within reach of a grid (its own grid's centre included).
    r->place_within_reach = r->place_within_reach || reach->grids()[g].reached;
  }
  const auto& centre_grid = impl.column(Table::kCentres, col::kCentreGrid).refs();
  for (Index c = 0; c < network.rows(Table::kCentres); ++c) {
    if (CommunityHaves* r = row_of_grid(centre_grid[c])) r->place_in_community = true;
  }
  // Money: the year's funds per org, summed over leadership subtrees.
  const Index orgs = network.org_count();
  std::vector<Funds> funds(orgs);
  const auto& fund_org = impl.column(Table::kFunds, col::kFundOrg).refs();
  const auto& source = impl.column(Table::kFunds, col::kFundSource).texts();
  const auto& amount = impl.column(Table::kFunds, col::kFundAmount).ints();
  const auto& year = impl.column(Table::kFunds, col::kFundYear).ints();
  for (Index f = 0; f < network.rows(Table::kFunds); ++f) {
    if (year[f] != data->options.year) continue;
    Funds& into = funds[fund_org[f]];
    const std::string_view s = source[f];
    (s == "dues" ? into.dues : s == "fiscal" ? into.fiscal : s == "sponsor" ? into.sponsor
                                                                             : into.other) +=
        amount[f];
  }
  internal::AddUpTheTree(network.hierarchy(), [&](Index p, Index v) { funds[p] += funds[v]; });
  for (CommunityHaves& r : rows) {
    r.people = r.grids > 0 && r.grids_managed == r.grids;
    r.funds = funds[r.community];
    r.money = r.funds.total() > 0;
    r.place = r.place_in_community || r.place_within_reach;
  }
  for (HavesRule rule : {HavesRule::kWithoutPeople, HavesRule::kWithoutMoney,
                         HavesRule::kWithoutPlace}) {
    for (const CommunityHaves& r : rows) {
      const bool has = rule == HavesRule::kWithoutPeople  ? r.people
                       : rule == HavesRule::kWithoutMoney ? r.money
                                                          : r.place;
      if (!has) data->findings.push_back({rule, r.community});
    }
  }
  return ThreeHaves(std::move(data));
}

const HavesOptions& ThreeHaves::options() const { return data_->options; }
absl::Span<const CommunityHaves> ThreeHaves::communities() const { return data_->communities; }
absl::Span<const HavesFinding> ThreeHaves::findings() const { return data_->findings; }

absl::StatusOr<std::vector<HavesRow>> ThreeHaves::RollUp(orgnet::RollUp level) const {
  if (level != orgnet::RollUp::kStreet && level != orgnet::RollUp::kDistrict) {
    return absl::InvalidArgumentError("the three haves roll up per street or district");
  }
  const Network& net = data_->network;
  const Territory& t = net.territory();
  const internal::Places places = internal::TerritoryPlaces(net, level);
  std::vector<HavesRow> out(places.rows.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = HavesRow{places.rows[i], 0, 0, 0, 0, 0, {}};
  // A community stands in the street and district of its grids, as coverage, events and reach
  // place it (this matters for an org named as a grid's community without being of kind
  // community); one without grids stands where the org itself does.
  std::vector<Index> key_by_grids(net.org_count(), kNone);
  std::vector<std::uint8_t> has_grids(net.org_count(), 0);
  for (Index g = 0; g < net.rows(Table::kGrids); ++g) {
    const Place& place = t.grid_place(g);
    if (!IsRow(place.community)) continue;
    has_grids[place.community] = 1;
    key_by_grids[place.community] = internal::PlaceKey(place, level);
  }
  for (const CommunityHaves& c : data_->communities) {
    const Index key = has_grids[c.community] ? key_by_grids[c.community]
                                             : internal::PlaceKey(t.org_place(c.community), level);
    if (key == kNone) continue;
    HavesRow& r = out[places.position[key]];
    ++r.communities;
    r.with_people += c.people;
    r.with_money += c.money;
    r.with_place += c.place;
    r.with_all += c.people && c.money && c.place;
    r.funds += c.funds;
  }
  return out;
}

std::string_view ThreeHaves::RuleCode(HavesRule rule) {
  switch (rule) {
    case HavesRule::kWithoutPeople: return "community_without_people";
    case HavesRule::kWithoutMoney: return "community_without_money";
    case HavesRule::kWithoutPlace: return "community_without_place";
  }
  return "";
}

const Network& ThreeHaves::network() const { return data_->network; }

std::string ThreeHaves::Describe(const HavesFinding& finding) const {
  const Network& net = data_->network;
  const auto& rows = data_->communities;
  const auto it = std::lower_bound(rows.begin(), rows.end(), finding.community,
                                   [](const CommunityHaves& r, Index c) { return r.community < c; });
  const CommunityHaves* c = it != rows.end() && it->community == finding.community ? &*it : nullptr;
  const std::string who = internal::Cat("community ", net.org_id(finding.community), " ",
                                        net.org_name(finding.community));
  if (c == nullptr) return who;
  switch (finding.rule) {
    case HavesRule::kWithoutPeople:
      return c->grids == 0 ? internal::Cat(who, " has no grid (有人管事: no one to serve)")
                           : internal::Cat(who, ": ", c->grids - c->grids_managed, " of ",
                                           c->grids, " grids have no grid manager (有人管事)");
    case HavesRule::kWithoutMoney:
      return internal::Cat(who, " received no funds in ", data_->options.year, " (有钱办事)");
    case HavesRule::kWithoutPlace:
      return internal::Cat(who, " has no service centre in it or within ",
                           data_->options.radius_metres, " m of its grids (有场所议事)");
  }
  return who;
}

}  // namespace orgnet
