// Opening a snapshot from bytes already in memory: what the fuzz target and the damaged-file
// tests use (Network::OpenSnapshot maps a file and calls the same reader).
#ifndef ORGNET_SRC_SNAPSHOT_READER_H_
#define ORGNET_SRC_SNAPSHOT_READER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "orgnet/network.h"
#include "orgnet/snapshot.h"

namespace orgnet::internal {

// Opens the snapshot held in @p bytes (kept alive by the network); @p name stands for the
// file in messages. Exported for the tests.
absl::StatusOr<Network> OpenSnapshotBytes(std::shared_ptr<const std::string> bytes,
                                                        std::string name,
                                                        const SnapshotOptions& options);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_SNAPSHOT_READER_H_
