/// @file territory.h
/// @brief Where things are (the 塊): grid → community → street → district, by dataset-v1's rules.
#ifndef ORGNET_TERRITORY_H_
#define ORGNET_TERRITORY_H_

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "absl/types/span.h"
#include "orgnet/orgnet_export.h"
#include "orgnet/rollup.h"
#include "orgnet/schema.h"

namespace orgnet {
namespace internal {
struct TerritoryEdits;
struct TerritoryAccess;
}  // namespace internal

/// The place of a row: each part is an index (grid: grids row; others: orgs row) or kNone
/// when unknown. Unknown places are reported, never guessed. In a scoped view, a part that
/// is known but outside the scope is kOutside (docs/permission.md).
struct Place {
  Index grid = kNone;       ///< grids row
  Index community = kNone;  ///< orgs row of the community organization
  Index street = kNone;     ///< orgs row of the street party working committee
  Index district = kNone;   ///< orgs row of the district committee
  /// Equal when every part is equal.
  friend bool operator==(const Place&, const Place&) = default;
};

/// The territorial levels, smallest first: the territory's four roll-ups (RollUp::kGrid to
/// RollUp::kDistrict, the same numbers). One enum serves both; this is its older name.
using Level = RollUp;

/// How many rows of each table have an unknown community, street or district.
struct UnknownPlaces {
  /// Per table (indexed by Table): rows with an unknown community, street, district.
  std::array<std::array<std::int64_t, 3>, kTableCount> counts{};
  /// Rows of @p table whose @p level is unknown (kGrid and kOrg are not counted: 0).
  std::int64_t count(Table table, Level level) const {
    if (level == Level::kGrid || level == Level::kOrg) return 0;
    return counts[static_cast<int>(table)][static_cast<int>(level) - 1];
  }
};

/// Territory lookups, precomputed in linear time when the network is built.
///
/// Rules (dataset-v1): a grid is in its `community`; a community organization is the
/// community; a community is in the street of its nearest leadership ancestor of kind street,
/// a street in its nearest ancestor of kind district. An organization of kind community,
/// street or district is that territory (its `grid`, if any, only fills Place::grid); any
/// other organization is where its `grid` is; without one, where its nearest leadership
/// ancestor with a place is (a grid, or being a community, street or district); else unknown. A unit is in its grid; a member where the
/// workplace unit is, else where the holding org is; a staff member in their grid.
/// Every query is const and thread-safe; indexes must be valid (the C ABI checks them).
class ORGNET_EXPORT Territory {
 public:
  /// An empty territory (no organizations).
  Territory();
  /// The place of an organization. O(1).
  Place org_place(Index org) const { return org_places_[org]; }
  /// The place of a grid. O(1).
  Place grid_place(Index grid) const { return grid_places_[grid]; }
  /// The place of a unit (its grid's). O(1).
  Place unit_place(Index unit) const {
    if (unit_places_ != nullptr) return unit_places_[unit];
    return GridOrNone(edits_ == nullptr ? unit_grid_[unit] : EditedUnitGrid(unit));
  }
  /// The place of a member (workplace unit, else holding org). O(1).
  Place member_place(Index member) const;
  /// The place of a staff member (their grid's). O(1).
  Place staff_place(Index staff) const {
    if (staff_places_ != nullptr) return staff_places_[staff];
    return GridOrNone(edits_ == nullptr ? staff_grid_[staff] : EditedStaffGrid(staff));
  }
  /// The place of row @p row of @p table: orgs, grids, units, members and staff have places;
  /// for other tables every part is kNone.
  Place place(Table table, Index row) const;

  /// The grids located in a territory organization (kind community, street or district),
  /// ascending index; empty for any other organization. O(1); a view.
  absl::Span<const Index> grids_in(Index territory_org) const { return In(kGridsIn, territory_org); }
  /// The units located in a territory organization, ascending index. O(1); a view.
  absl::Span<const Index> units_in(Index territory_org) const { return In(kUnitsIn, territory_org); }
  /// The organizations located in a territory organization (itself included when it has that
  /// place), ascending index. O(1); a view.
  absl::Span<const Index> orgs_in(Index territory_org) const { return In(kOrgsIn, territory_org); }
  /// The staff located in a territory organization, ascending index. O(1); a view.
  absl::Span<const Index> staff_in(Index territory_org) const { return In(kStaffIn, territory_org); }
  /// Rows whose places are unknown, per table and level.
  const UnknownPlaces& unknown() const { return unknown_; }
  /// Bytes held by the territory's arrays.
  std::size_t memory_bytes() const;

  /// Builds the lookups (used by the network builder). The spans must outlive the territory.
  /// @param parent          each org's leader (kNone for a root)
  /// @param kinds           each org's kind
  /// @param preorder        the leadership pre-order
  /// @param org_grid        each org's grid (kNone if none)
  /// @param grid_community  each grid's community org
  /// @param unit_grid       each unit's grid
  /// @param staff_grid      each staff member's grid (kNone if none)
  /// @param member_unit     each member's workplace unit (kNone if none)
  /// @param member_org      each member's holding org (kNone if none)
  /// @param member_unknown  if not null, the members' unknown community, street and district
  ///                        counts, known already (a snapshot stores them), so that the
  ///                        members are not read; else they are counted, O(members)
  static Territory Build(absl::Span<const Index> parent, absl::Span<const OrgKind> kinds,
                         absl::Span<const Index> preorder, absl::Span<const Index> org_grid,
                         absl::Span<const Index> grid_community,
                         absl::Span<const Index> unit_grid, absl::Span<const Index> staff_grid,
                         absl::Span<const Index> member_unit,
                         absl::Span<const Index> member_org,
                         const std::array<std::int64_t, 3>* member_unknown = nullptr);

 private:
  enum Listing { kGridsIn, kUnitsIn, kOrgsIn, kStaffIn, kListingCount };
  absl::Span<const Index> In(Listing listing, Index org) const;
  Place GridOrNone(Index grid) const { return grid == kNone ? Place{} : grid_place(grid); }
  // An edited version's unit and staff grids (edits_ set).
  Index EditedUnitGrid(Index unit) const;
  Index EditedStaffGrid(Index staff) const;
  // A scoped view's territory (TerritoryAccess::ForView).
  static Territory FromPlaces(absl::Span<const OrgKind> kinds, std::vector<Place> org_place,
                              std::vector<Place> grid_place, std::vector<Place> unit_place,
                              std::vector<Place> staff_place, std::vector<Place> member_place);

  friend struct internal::TerritoryAccess;
  // What versions of a network that do not move organizations or grids share (its arrays
  // are defined in territory.cc).
  struct Core;
  std::shared_ptr<const Core> core_;
  // core_'s place arrays, kept at hand: the per-row queries are a load away, as before the
  // core was shared.
  const Place* org_places_ = nullptr;
  const Place* grid_places_ = nullptr;
  // A scoped view's places of units, staff and members, made from the places in the network
  // it was made from (nullptr otherwise: computed from the reference columns).
  const Place* unit_places_ = nullptr;
  const Place* staff_places_ = nullptr;
  const Place* member_places_ = nullptr;
  // Views into the network's own reference columns (immutable, owned by the same network).
  absl::Span<const Index> unit_grid_;
  absl::Span<const Index> staff_grid_;
  absl::Span<const Index> member_unit_;
  absl::Span<const Index> member_org_;
  // An edited version's reference columns, places and changed listings
  // (territory/territory_edits.h); when set, the spans of columns above are unused.
  std::shared_ptr<const internal::TerritoryEdits> edits_;
  UnknownPlaces unknown_;
};

}  // namespace orgnet

#endif  // ORGNET_TERRITORY_H_
