// The street above each organization in the leadership tree (the 条 side of 条块).
#ifndef ORGNET_SRC_TERRITORY_LEADING_STREET_H_
#define ORGNET_SRC_TERRITORY_LEADING_STREET_H_

#include <vector>

#include "orgnet/network.h"

namespace orgnet::internal {

// By org row: the nearest proper ancestor of kind street, or kNone. One pass in pre-order.
std::vector<Index> LeadingStreets(const Network& network);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_TERRITORY_LEADING_STREET_H_
