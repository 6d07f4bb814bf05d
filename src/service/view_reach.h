// What a scoped view keeps of the centres outside its scope: per grid, two facts fixed at the
// default radius when the view is made (ViewInfo::grid_reached_from_outside and
// grid_nearest_outside), never their positions or their text.
#ifndef ORGNET_SRC_SERVICE_VIEW_REACH_H_
#define ORGNET_SRC_SERVICE_VIEW_REACH_H_

#include <cstdint>
#include <vector>

#include "orgnet/network.h"

namespace orgnet::internal {

struct ViewReachFacts {
  std::vector<std::uint8_t> reached_from_outside;  // per listed grid
  std::vector<std::uint8_t> nearest_outside;       // per listed grid
};

// For the grids `grids` (rows of `network`, the network a view is made from) of a view that
// holds the centres `view_centres` (rows of `network`, sorted): whether a centre of `network`
// the view does not hold lies within kDefaultReachMetres, and whether `network`'s nearest
// centre is one the view does not hold (ties: the lowest row, as CentreReach). A `network`
// that is itself a view passes on what it knows of the centres outside it.
// O((centres + grids) log centres).
ViewReachFacts ViewReach(const Network& network, const std::vector<Index>& grids,
                         const std::vector<Index>& view_centres);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_SERVICE_VIEW_REACH_H_
