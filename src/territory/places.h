// The places of a territorial level: every grid, or every org of the level's kind together
// with any org named as such a place; and the place of a row at that level.
#ifndef ORGNET_SRC_TERRITORY_PLACES_H_
#define ORGNET_SRC_TERRITORY_PLACES_H_

#include <vector>

#include "model/network_impl.h"
#include "orgnet/network.h"
#include "orgnet/rollup.h"

namespace orgnet::internal {

struct Places {
  LargeVector<Index> rows;      // grid or org rows, ascending
  LargeVector<Index> position;  // grid or org row -> position in rows, or kNone
};

// The key of @p place at a territorial level (kGrid, kCommunity, kStreet, kDistrict): a row,
// or kNone when the place is unknown or (in a view) outside the scope: no node of the view's
// roll-ups.
inline Index PlaceKey(const Place& place, RollUp level) {
  Index key;
  switch (level) {
    case RollUp::kGrid: key = place.grid; break;
    case RollUp::kCommunity: key = place.community; break;
    case RollUp::kStreet: key = place.street; break;
    default: key = place.district; break;
  }
  return IsRow(key) ? key : kNone;
}
// The places of a territorial level (not kOrg).
Places TerritoryPlaces(const Network& network, RollUp level);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_TERRITORY_PLACES_H_
