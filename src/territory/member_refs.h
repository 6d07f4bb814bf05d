// An edited version's member references for the territory: the members' unit and org columns
// read cell by cell (appended and changed rows in their patches), so that a version that adds
// members shares the territory's core and copies no column.
#ifndef ORGNET_SRC_TERRITORY_MEMBER_REFS_H_
#define ORGNET_SRC_TERRITORY_MEMBER_REFS_H_

#include <memory>
#include <utility>

#include "model/column.h"
#include "orgnet/territory.h"

namespace orgnet::internal {

struct MemberRefs {
  ColumnData unit;  // members.unit
  ColumnData org;   // members.org
};

// Makes territories of edited versions (Territory's private parts are its own otherwise).
struct TerritoryAccess {
  // @p base with the members read from @p refs and the members' unknown counts @p unknown.
  static Territory WithMembers(const Territory& base, MemberRefs refs, UnknownPlaces unknown) {
    Territory t = base;
    t.members_ = std::make_shared<const MemberRefs>(std::move(refs));
    t.member_unit_ = {};
    t.member_org_ = {};
    t.unknown_ = unknown;
    return t;
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

#endif  // ORGNET_SRC_TERRITORY_MEMBER_REFS_H_
