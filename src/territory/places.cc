#include "territory/places.h"

namespace orgnet::internal {

Places TerritoryPlaces(const Network& network, RollUp level) {
  Places out;
  if (level == RollUp::kGrid) {
    const Index grids = network.rows(Table::kGrids);
    out.rows.resize(grids);
    out.position.resize(grids);
    for (Index g = 0; g < grids; ++g) out.rows[g] = out.position[g] = g;
    return out;
  }
  const Index orgs = network.org_count();
  const OrgKind kind = level == RollUp::kCommunity ? OrgKind::kCommunity
                       : level == RollUp::kStreet  ? OrgKind::kStreet
                                                   : OrgKind::kDistrict;
  const Territory& t = network.territory();
  LargeVector<std::uint8_t> is_place(orgs, 0);
  for (Index o = 0; o < orgs; ++o) {
    if (network.org_kind(o) == kind) is_place[o] = 1;
    const Index key = PlaceKey(t.org_place(o), level);
    if (key != kNone) is_place[key] = 1;
  }
  const Index grids = network.rows(Table::kGrids);
  for (Index g = 0; g < grids; ++g) {
    const Index key = PlaceKey(t.grid_place(g), level);
    if (key != kNone) is_place[key] = 1;
  }
  out.position.assign(orgs, kNone);
  for (Index o = 0; o < orgs; ++o) {
    if (!is_place[o]) continue;
    out.position[o] = static_cast<Index>(out.rows.size());
    out.rows.push_back(o);
  }
  return out;
}

}  // namespace orgnet::internal
