// The database load (Network::LoadDatabase) on a connection the caller holds, for the follower:
// it reads inside the transaction the caller began in its replication slot's snapshot, so that
// the network is the state from which the slot's changes follow.
#ifndef ORGNET_SRC_DATABASE_DATABASE_LOAD_H_
#define ORGNET_SRC_DATABASE_DATABASE_LOAD_H_

#include "absl/status/statusor.h"
#include "database/mapping.h"
#include "database/pg_connection.h"
#include "orgnet/network.h"

namespace orgnet::internal {

// Network::LoadDatabase's contract, inside the REPEATABLE READ transaction open on
// @p connection (it sets its session values with SET LOCAL and ends it with COMMIT).
absl::StatusOr<Network> LoadInTransaction(PgConnection& connection,
                                          const DatabaseMapping& mapping,
                                          const LoadOptions& options, LoadReport* report);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_DATABASE_DATABASE_LOAD_H_
