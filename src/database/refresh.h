// The step RefreshFromDatabase and Follower::Refresh share: a version edited into another
// network's state by their difference (DiffNetworks) as one edit batch, so that unchanged
// storage stays shared.
#ifndef ORGNET_SRC_DATABASE_REFRESH_H_
#define ORGNET_SRC_DATABASE_REFRESH_H_

#include <cstddef>

#include "absl/status/statusor.h"
#include "orgnet/network.h"

namespace orgnet::internal {

// @p current edited into @p fresh's tables (the rows in the order the edits leave them), or
// @p current itself when they are equal; @p edits (if not null) receives the number of edits.
absl::StatusOr<Network> EditTowards(const Network& current, const Network& fresh,
                                    const LoadOptions& options, std::size_t* edits);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_DATABASE_REFRESH_H_
