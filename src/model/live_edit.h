// Live edits without a rebuild: a batch that only sets cells that no index, tree or cross-row
// rule depends on becomes a new version sharing every unchanged column with the old one
// (docs/live.md says which edits qualify and what they cost).
#ifndef ORGNET_SRC_MODEL_LIVE_EDIT_H_
#define ORGNET_SRC_MODEL_LIVE_EDIT_H_

#include <optional>

#include "absl/status/statusor.h"
#include "orgnet/builder.h"
#include "orgnet/diagnostic.h"
#include "orgnet/network.h"
#include "orgnet/orgnet_export.h"

namespace orgnet::internal {

// The edited version, or its error (named as the rebuild names it), when every edit of
// @p batch can be applied to the columns directly; nullopt when the batch needs a rebuild.
ORGNET_EXPORT std::optional<absl::StatusOr<Network>> EditInPlace(const Network& network,
                                                                 const EditBatch& batch,
                                                                 const LoadOptions& options,
                                                                 LoadReport* report);

// For tests of the tests (tests/live_edit_test.cc): faults the randomized comparison with a
// fresh load must catch.
enum class LiveEditFault {
  kNone,
  kDropLastChange,  // an in-place edit forgets to write its last change
  kOrgKindAsPlain,  // org kind (which org kinds, hierarchy and territory index) set in place
  kForgetAddedIds,  // appended members left out of the id overlay
  kStaleHierarchy,  // a reparent in place keeps the old hierarchy
};
ORGNET_EXPORT void SetLiveEditFaultForTesting(LiveEditFault fault);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_MODEL_LIVE_EDIT_H_
