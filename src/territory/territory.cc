#include "orgnet/territory.h"

#include <functional>
#include <iterator>

#include "base/large_memory.h"
#include "base/parallel.h"
#include "territory/territory_edits.h"

namespace orgnet {

namespace {
// Arrays of the territory: populated huge pages for the large ones (model/large_memory.h), so
// that building them costs no page fault per 4 KiB.
template <typename T>
using Array = std::vector<T, internal::LargeAllocator<T>>;
// Threads that build a large territory (below a million rows, the calling thread alone).
constexpr int kTerritoryThreads = 2;
}  // namespace

// Rows grouped by territory org: begin offsets (one per org of the level, +1) and rows.
struct Territory::Core {
  struct Grouping {
    Array<Index> begin;
    Array<Index> rows;
  };
  Array<Place> org_place;
  Array<Place> grid_place;
  Array<OrgKind> kind;
  std::array<std::array<Grouping, 3>, kListingCount> groups;  // [listing][level-1]
  Array<Index> slot;  // org -> its position among the orgs of its level, or kNone
  // A scoped view's row places (empty otherwise).
  std::vector<Place> unit_place, staff_place, member_place;
};

Territory::Territory() : core_(std::make_shared<const Core>()) {}

Place Territory::member_place(Index member) const {
  if (member_places_ != nullptr) return member_places_[member];
  // An edited version's territory has no member spans (size 0): its members are read from
  // the version's columns, cell by cell.
  const bool loaded = edits_ == nullptr;
  const Index unit = loaded ? member_unit_[member] : edits_->member_unit.ref_at(member);
  if (unit != kNone) return unit_place(unit);
  const Index org = loaded ? member_org_[member] : edits_->member_org.ref_at(member);
  if (org != kNone) return org_places_[org];
  return Place{};
}

Index Territory::EditedUnitGrid(Index unit) const { return edits_->unit_grid.ref_at(unit); }
Index Territory::EditedStaffGrid(Index staff) const { return edits_->staff_grid.ref_at(staff); }

Place Territory::place(Table table, Index row) const {
  switch (table) {
    case Table::kOrgs: return org_place(row);
    case Table::kGrids: return grid_place(row);
    case Table::kUnits: return unit_place(row);
    case Table::kMembers: return member_place(row);
    case Table::kStaff: return staff_place(row);
    default: return Place{};
  }
}

absl::Span<const Index> Territory::In(Listing listing, Index org) const {
  int level;
  const Core& core = *core_;
  if (edits_ != nullptr && edits_->listings != nullptr) {
    const internal::TerritoryListings& changed = *edits_->listings;
    if (auto it = changed.lists.find(internal::TerritoryListings::ListingKey(listing, org));
        it != changed.lists.end()) {
      return *it->second;
    }
    if (changed.rekeyed.contains(org)) return {};
  }
  switch (core.kind[org]) {
    case OrgKind::kCommunity: level = 0; break;
    case OrgKind::kStreet: level = 1; break;
    case OrgKind::kDistrict: level = 2; break;
    default: return {};
  }
  const Core::Grouping& g = core.groups[listing][level];
  const Index slot = core.slot[org];
  return absl::MakeConstSpan(g.rows).subspan(g.begin[slot], g.begin[slot + 1] - g.begin[slot]);
}

std::size_t Territory::memory_bytes() const {
  std::size_t bytes = core_->org_place.capacity() * sizeof(Place) +
                      core_->grid_place.capacity() * sizeof(Place) + core_->kind.capacity() +
                      core_->slot.capacity() * sizeof(Index) +
                      (core_->unit_place.capacity() + core_->staff_place.capacity() +
                       core_->member_place.capacity()) * sizeof(Place);
  if (edits_ != nullptr) {
    if (edits_->org_place != nullptr) bytes += edits_->org_place->capacity() * sizeof(Place);
    if (edits_->grid_place != nullptr) bytes += edits_->grid_place->capacity() * sizeof(Place);
    if (edits_->listings != nullptr) {
      for (const auto& [key, rows] : edits_->listings->lists) {
        bytes += rows->capacity() * sizeof(Index) + 16;
      }
      bytes += edits_->listings->rekeyed.size() * sizeof(Index);
    }
  }
  for (const auto& listing : core_->groups) {
    for (const Core::Grouping& g : listing) {
      bytes += (g.begin.capacity() + g.rows.capacity()) * sizeof(Index);
    }
  }
  return bytes;
}

namespace {

// Rows grouped by their territory org at each of the three levels, in one pass per step (a
// row's place is looked up twice, not six times): `slot` numbers the orgs of each level
// (an org has one kind, so one array serves all three), rows ascending within a group.
template <typename PlaceOf, typename Grouping>
void GroupByLevel(const std::array<Index, 3>& slots, absl::Span<const Index> slot,
                  absl::Span<const OrgKind> kinds, Index rows, PlaceOf place_of,
                  std::array<Grouping, 3>& out) {
  static constexpr Index Place::*kLevels[3] = {&Place::community, &Place::street,
                                               &Place::district};
  static constexpr OrgKind kLevelKinds[3] = {OrgKind::kCommunity, OrgKind::kStreet,
                                             OrgKind::kDistrict};
  auto slot_at = [&](const Place& p, int l) {
    const Index key = p.*kLevels[l];
    return !IsRow(key) || kinds[key] != kLevelKinds[l] ? kNone : slot[key];
  };
  for (int l = 0; l < 3; ++l) out[l].begin.assign(slots[l] + 1, 0);
  for (Index r = 0; r < rows; ++r) {
    const Place p = place_of(r);
    for (int l = 0; l < 3; ++l) {
      if (const Index s = slot_at(p, l); s != kNone) ++out[l].begin[s + 1];
    }
  }
  std::array<Array<Index>, 3> fill;
  for (int l = 0; l < 3; ++l) {
    auto& begin = out[l].begin;
    for (Index s = 0; s < slots[l]; ++s) begin[s + 1] += begin[s];
    out[l].rows.resize(begin[slots[l]]);
    fill[l].assign(begin.begin(), begin.end() - 1);
  }
  for (Index r = 0; r < rows; ++r) {
    const Place p = place_of(r);
    for (int l = 0; l < 3; ++l) {
      if (const Index s = slot_at(p, l); s != kNone) out[l].rows[fill[l][s]++] = r;
    }
  }
}

// Numbers the orgs of each territorial level (community, street, district) in row order:
// @p slot gets each org's number among its level's (kNone for other kinds); returns how many
// each level has.
std::array<Index, 3> NumberLevelOrgs(absl::Span<const OrgKind> kinds, Array<Index>& slot) {
  const OrgKind level_kinds[3] = {OrgKind::kCommunity, OrgKind::kStreet, OrgKind::kDistrict};
  slot.assign(kinds.size(), kNone);
  std::array<Index, 3> slots{};
  for (Index o = 0; o < kinds.size(); ++o) {
    for (int l = 0; l < 3; ++l) {
      if (kinds[o] == level_kinds[l]) slot[o] = slots[l]++;
    }
  }
  return slots;
}

// The places of orgs and grids by the rules of dataset-v1 (the class comment).
template <typename PlaceVector>
void ComputePlaces(absl::Span<const Index> parent, absl::Span<const OrgKind> kinds,
                   absl::Span<const Index> preorder, absl::Span<const Index> org_grid,
                   absl::Span<const Index> grid_community, PlaceVector& org_place,
                   PlaceVector& grid_place) {
  const Index n = static_cast<Index>(parent.size());
  // Nearest street / district ancestor (self excluded), in pre-order so parents come first.
  Array<Index> street_above(n, kNone), district_above(n, kNone);
  for (Index v : preorder) {
    const Index p = parent[v];
    if (p == kNone) continue;
    street_above[v] = kinds[p] == OrgKind::kStreet ? p : street_above[p];
    district_above[v] = kinds[p] == OrgKind::kDistrict ? p : district_above[p];
  }
  // The place each territory org stands for: a community's street and district follow the
  // chain community -> street -> district.
  auto territory_place = [&](Index v) {
    Place place;
    switch (kinds[v]) {
      case OrgKind::kCommunity:
        place.community = v;
        place.street = street_above[v];
        place.district = place.street == kNone ? kNone : district_above[place.street];
        break;
      case OrgKind::kStreet:
        place.street = v;
        place.district = district_above[v];
        break;
      case OrgKind::kDistrict:
        place.district = v;
        break;
      default:
        break;
    }
    return place;
  };
  // A grid's community is whatever org its `community` names (of another kind: a warning).
  auto community_place = [&](Index c) {
    Place place;
    place.community = c;
    place.street = kinds[c] == OrgKind::kStreet ? c : street_above[c];
    place.district = place.street == kNone ? kNone : district_above[place.street];
    return place;
  };
  const Index grids = static_cast<Index>(grid_community.size());
  grid_place.resize(grids);
  for (Index g = 0; g < grids; ++g) {
    grid_place[g] = community_place(grid_community[g]);
    grid_place[g].grid = g;
  }
  org_place.assign(n, Place{});
  for (Index v : preorder) {
    if (kinds[v] == OrgKind::kCommunity || kinds[v] == OrgKind::kStreet ||
        kinds[v] == OrgKind::kDistrict) {
      org_place[v] = territory_place(v);  // the territory org is the territory
      org_place[v].grid = org_grid[v];
    } else if (org_grid[v] != kNone) {
      org_place[v] = grid_place[org_grid[v]];
    } else if (parent[v] != kNone) {
      org_place[v] = org_place[parent[v]];
    }
  }

}

}  // namespace

Territory Territory::Build(absl::Span<const Index> parent, absl::Span<const OrgKind> kinds,
                           absl::Span<const Index> preorder, absl::Span<const Index> org_grid,
                           absl::Span<const Index> grid_community,
                           absl::Span<const Index> unit_grid, absl::Span<const Index> staff_grid,
                           absl::Span<const Index> member_unit,
                           absl::Span<const Index> member_org,
                           const std::array<std::int64_t, 3>* member_unknown) {
  Territory t;
  auto core = std::make_shared<Core>();
  Core& c = *core;
  t.core_ = core;
  const Index n = static_cast<Index>(parent.size());
  c.kind.assign(kinds.begin(), kinds.end());
  t.unit_grid_ = unit_grid;
  t.staff_grid_ = staff_grid;
  t.member_unit_ = member_unit;
  t.member_org_ = member_org;

  ComputePlaces(parent, kinds, preorder, org_grid, grid_community, c.org_place, c.grid_place);
  const Index grids = static_cast<Index>(grid_community.size());

  t.org_places_ = c.org_place.data();
  t.grid_places_ = c.grid_place.data();

  const std::array<Index, 3> slots = NumberLevelOrgs(kinds, c.slot);
  // The groupings and the unknown counts read the places made above and write apart: on a
  // large network they run on a few threads (the country: 20 million rows grouped).
  auto count_unknown = [&](Table table, Index rows) {
    auto& counts = t.unknown_.counts[static_cast<int>(table)];
    for (Index r = 0; r < rows; ++r) {
      const Place p = t.place(table, r);
      counts[0] += p.community == kNone;
      counts[1] += p.street == kNone;
      counts[2] += p.district == kNone;
    }
  };
  const Index units = static_cast<Index>(unit_grid.size());
  const Index staff = static_cast<Index>(staff_grid.size());
  const std::function<void()> tasks[] = {
      [&] { GroupByLevel(slots, c.slot, kinds, units, [&](Index u) { return t.unit_place(u); },
                         c.groups[kUnitsIn]); },
      [&] { GroupByLevel(slots, c.slot, kinds, n, [&](Index o) { return c.org_place[o]; },
                         c.groups[kOrgsIn]); },
      [&] { GroupByLevel(slots, c.slot, kinds, staff, [&](Index s) { return t.staff_place(s); },
                         c.groups[kStaffIn]); },
      [&] { GroupByLevel(slots, c.slot, kinds, grids, [&](Index g) { return c.grid_place[g]; },
                         c.groups[kGridsIn]); },
      [&] { count_unknown(Table::kUnits, units); },
      [&] { count_unknown(Table::kOrgs, n); },
      [&] {
        count_unknown(Table::kStaff, staff);
        count_unknown(Table::kGrids, grids);
      },
  };
  const std::size_t rows = std::size_t{n} + units + staff + grids;
  internal::RunParallel(std::size(tasks), rows < (1u << 20) ? 1 : kTerritoryThreads,
                        [&](std::size_t i) { tasks[i](); });
  auto& counts = t.unknown_.counts[static_cast<int>(Table::kMembers)];
  if (member_unknown != nullptr) {
    counts = *member_unknown;
    return t;
  }
  // Members, the largest table, stand where their unit or org does: three "unknown" bits per
  // unit and org, then two array reads a member instead of a place lookup.
  auto unknown_bits = [](const Place& p) {
    return static_cast<std::uint8_t>((p.community == kNone) | (p.street == kNone) << 1 |
                                     (p.district == kNone) << 2);
  };
  Array<std::uint8_t> unit_bits(unit_grid.size()), org_bits(n);
  for (Index u = 0; u < unit_grid.size(); ++u) unit_bits[u] = unknown_bits(t.unit_place(u));
  for (Index o = 0; o < n; ++o) org_bits[o] = unknown_bits(c.org_place[o]);
  std::int64_t member_counts[3] = {0, 0, 0};
  for (Index m = 0; m < member_unit.size(); ++m) {
    const Index unit = member_unit[m], org = member_org[m];
    const std::uint8_t bits = unit != kNone ? unit_bits[unit] : org != kNone ? org_bits[org] : 7;
    member_counts[0] += bits & 1;
    member_counts[1] += (bits >> 1) & 1;
    member_counts[2] += bits >> 2;
  }
  for (int l = 0; l < 3; ++l) counts[l] += member_counts[l];
  return t;
}

Territory Territory::FromPlaces(absl::Span<const OrgKind> kinds, std::vector<Place> org_place,
                                std::vector<Place> grid_place, std::vector<Place> unit_place,
                                std::vector<Place> staff_place,
                                std::vector<Place> member_place) {
  Territory t;
  auto core = std::make_shared<Core>();
  Core& c = *core;
  t.core_ = core;
  const Index n = static_cast<Index>(kinds.size());
  c.kind.assign(kinds.begin(), kinds.end());
  c.org_place.assign(org_place.begin(), org_place.end());
  c.grid_place.assign(grid_place.begin(), grid_place.end());
  c.unit_place = std::move(unit_place);
  c.staff_place = std::move(staff_place);
  c.member_place = std::move(member_place);
  t.org_places_ = c.org_place.data();
  t.grid_places_ = c.grid_place.data();
  t.unit_places_ = c.unit_place.data();
  t.staff_places_ = c.staff_place.data();
  t.member_places_ = c.member_place.data();
  const std::array<Index, 3> slots = NumberLevelOrgs(kinds, c.slot);
  auto group = [&](Listing listing, const std::vector<Place>& places) {
    GroupByLevel(slots, c.slot, kinds, static_cast<Index>(places.size()),
                 [&](Index r) { return places[r]; }, c.groups[listing]);
  };
  group(kUnitsIn, c.unit_place);
  group(kStaffIn, c.staff_place);
  GroupByLevel(slots, c.slot, kinds, n, [&](Index o) { return c.org_place[o]; },
               c.groups[kOrgsIn]);
  GroupByLevel(slots, c.slot, kinds, static_cast<Index>(c.grid_place.size()),
               [&](Index g) { return c.grid_place[g]; }, c.groups[kGridsIn]);
  // Only unknown parts count: a part outside the scope is known.
  auto count_unknown = [&](Table table, const auto& places) {
    auto& counts = t.unknown_.counts[static_cast<int>(table)];
    for (const Place& p : places) {
      counts[0] += p.community == kNone;
      counts[1] += p.street == kNone;
      counts[2] += p.district == kNone;
    }
  };
  count_unknown(Table::kOrgs, c.org_place);
  count_unknown(Table::kGrids, c.grid_place);
  count_unknown(Table::kUnits, c.unit_place);
  count_unknown(Table::kStaff, c.staff_place);
  count_unknown(Table::kMembers, c.member_place);
  return t;
}

}  // namespace orgnet
