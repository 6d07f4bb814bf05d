// Live edits of any table in place: a batch replayed over the rows of a version (inserts,
// removals, sets of any column, references and ids included, renames), checked as a load
// checks the rows it touches, then a new version that shares every unchanged column and
// updates the indexes that depend on what changed (ids, org kinds, leadership tree,
// territory, scope indexes) for the rows concerned. docs/live.md, "Design".
#ifndef ORGNET_SRC_BUILD_LIVE_ROWS_H_
#define ORGNET_SRC_BUILD_LIVE_ROWS_H_

#include <optional>

#include "absl/status/statusor.h"
#include "orgnet/builder.h"
#include "orgnet/diagnostic.h"
#include "orgnet/network.h"

namespace orgnet::internal {

// Why EditRows left a batch to the rebuild.
enum class RowsRefusal {
  kNone,
  kUnsupported,  // a change of schema (an added column, a table the network lacks)
  kError,        // the batch breaks a rule: the rebuild words the error
  kWorded,       // an edit names no row (or a row another way than its table's): the error
                 // is worded as the rebuild words it (EditRows' @p error)
};

// The edited version, when every edit of @p batch applies in place and the result passes
// the load's checks for the rows it touches; nullopt otherwise, with @p refusal saying why.
// @p report gets the warnings a load gives for the touched rows.
std::optional<Network> EditRows(const Network& network, const EditBatch& batch, LoadReport* report,
                                RowsRefusal* refusal, absl::Status* error);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_BUILD_LIVE_ROWS_H_
