// A transaction snapshot as the server states it (`pg_current_snapshot()`), asked whether a
// transaction that pgoutput sends by its 32-bit id is one the snapshot already sees. The
// follower's refresh reads the database in such a snapshot; the transactions the stream then
// brings are applied only if the snapshot does not see them, so that none is lost or applied
// twice. Needs no server and no library.
#ifndef ORGNET_SRC_DATABASE_TRANSACTION_SNAPSHOT_H_
#define ORGNET_SRC_DATABASE_TRANSACTION_SNAPSHOT_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace orgnet::internal {

class TransactionSnapshot {
 public:
  // Parses the text form `xmin:xmax:xip,xip,...` (64-bit transaction ids, as
  // pg_current_snapshot() and txid_current_snapshot() print them); kDataLoss when malformed.
  static absl::StatusOr<TransactionSnapshot> Parse(std::string_view text);

  // Whether the snapshot sees the committed transaction @p xid (a 32-bit id, as a pgoutput
  // BEGIN sends it): it had ended before the snapshot was taken, i.e. it is below xmax and not
  // in progress. The 32-bit id is widened next to xmax, so that wraparound is no matter.
  bool Sees(std::uint32_t xid) const;

  std::uint64_t xmin() const { return xmin_; }
  std::uint64_t xmax() const { return xmax_; }

 private:
  std::uint64_t xmin_ = 0, xmax_ = 0;
  std::vector<std::uint64_t> in_progress_;  // sorted
};

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_DATABASE_TRANSACTION_SNAPSHOT_H_
