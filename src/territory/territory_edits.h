// What an edited version's territory holds beyond the core it shares with the version it was
// edited from: the reference columns it reads cell by cell (changed and appended rows in
// their patches), the places of organizations and grids when the edit moved any, and the
// listings (units in a street, ...) the edit changed. docs/live.md, "The territory".
#ifndef ORGNET_SRC_TERRITORY_TERRITORY_EDITS_H_
#define ORGNET_SRC_TERRITORY_TERRITORY_EDITS_H_

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "model/column.h"
#include "orgnet/territory.h"

namespace orgnet::internal {

// The listings an edit changed since the territory's core was built, shared by the versions
// that do not change them (copied on write).
struct TerritoryListings {
  // Listings that differ from the core's, by ListingKey(listing, org): ascending rows.
  absl::flat_hash_map<std::uint64_t, std::shared_ptr<const std::vector<Index>>> lists;
  // Orgs whose listings the core does not hold (new orgs, an org moved into another row, an
  // org of another level now): their listings are those above, else empty.
  absl::flat_hash_set<Index> rekeyed;
  static std::uint64_t ListingKey(int listing, Index org) {
    return std::uint64_t{org} << 2 | static_cast<std::uint64_t>(listing);
  }
};

struct TerritoryEdits {
  // members.unit, members.org, units.grid and staff.grid of the version.
  ColumnData member_unit, member_org, unit_grid, staff_grid;
  // The places of orgs and grids (a version that moved none shares the core's).
  std::shared_ptr<const std::vector<Place>> org_place, grid_place;
  // The org kinds of the version (which level an org's listings are at).
  std::shared_ptr<const std::vector<OrgKind>> kinds;
  // The changed listings (nullptr: none).
  std::shared_ptr<const TerritoryListings> listings;
};

// Makes territories of edited versions and views (Territory's private parts are its own
// otherwise).
struct TerritoryAccess {
  // The listings of a territory (Territory::Listing's values).
  static constexpr int kGridsIn = Territory::kGridsIn, kUnitsIn = Territory::kUnitsIn,
                       kOrgsIn = Territory::kOrgsIn, kStaffIn = Territory::kStaffIn,
                       kListings = Territory::kListingCount;
  // @p base with @p edits and the unknown counts @p unknown.
  static Territory Edited(const Territory& base, std::shared_ptr<const TerritoryEdits> edits,
                          UnknownPlaces unknown) {
    Territory t = base;
    t.edits_ = std::move(edits);
    t.member_unit_ = {};
    t.member_org_ = {};
    t.unit_grid_ = {};
    t.staff_grid_ = {};
    if (t.edits_->org_place != nullptr) t.org_places_ = t.edits_->org_place->data();
    if (t.edits_->grid_place != nullptr) t.grid_places_ = t.edits_->grid_place->data();
    t.unknown_ = unknown;
    return t;
  }
  // The edits of @p t (nullptr for a loaded network's territory).
  static const std::shared_ptr<const TerritoryEdits>& EditsOf(const Territory& t) {
    return t.edits_;
  }
  // The listing @p listing of territory org @p org.
  static absl::Span<const Index> In(const Territory& t, int listing, Index org) {
    return t.In(static_cast<Territory::Listing>(listing), org);
  }
  // A scoped view's territory, from the places of its rows.
  static Territory ForView(absl::Span<const OrgKind> kinds, std::vector<Place> org_place,
                           std::vector<Place> grid_place, std::vector<Place> unit_place,
                           std::vector<Place> staff_place, std::vector<Place> member_place) {
    return Territory::FromPlaces(kinds, std::move(org_place), std::move(grid_place),
                                 std::move(unit_place), std::move(staff_place),
                                 std::move(member_place));
  }
};

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_TERRITORY_TERRITORY_EDITS_H_
