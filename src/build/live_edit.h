// Live edits without a rebuild: a batch becomes a new version sharing every unchanged column
// and index with the old one (model/live_rows.h); docs/live.md says what each kind costs.
#ifndef ORGNET_SRC_BUILD_LIVE_EDIT_H_
#define ORGNET_SRC_BUILD_LIVE_EDIT_H_

#include <optional>

#include "absl/status/statusor.h"
#include "orgnet/builder.h"
#include "orgnet/diagnostic.h"
#include "orgnet/network.h"

namespace orgnet::internal {

// The edited version, or its error (named as the rebuild names it), when @p batch applies in
// place; nullopt when the batch needs the rebuild (a change of schema, or an error that only
// the rebuild words).
std::optional<absl::StatusOr<Network>> EditInPlace(const Network& network,
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
  kForgetListing,    // an inserted or moved unit left out of the territory's listings
  kForgetScopeIndex,  // a transferred member left in its old org's members_by_org group
  kForgetOrgPlaces,   // org and grid places not recomputed after an org moved
};
void SetLiveEditFaultForTesting(LiveEditFault fault);
// The fault set for testing (kNone outside tests).
LiveEditFault LiveEditFaultForTesting();

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_BUILD_LIVE_EDIT_H_
