// "Did you mean": the public helpers of orgnet/text.h under the internal spelling the sources
// use (one distance for every unknown-name message).
#ifndef ORGNET_SRC_BASE_CLOSEST_H_
#define ORGNET_SRC_BASE_CLOSEST_H_

#include "orgnet/text.h"

namespace orgnet::internal {
using orgnet::Closest;
using orgnet::EditDistance;
using orgnet::UnknownChoice;
}  // namespace orgnet::internal

#endif  // ORGNET_SRC_BASE_CLOSEST_H_
