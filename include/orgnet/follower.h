/// @file follower.h
/// @brief Follower: a network that follows a PostgreSQL database's committed changes through
/// logical replication, one new version per committed transaction (docs/database.md,
/// "Following a database").
#ifndef ORGNET_FOLLOWER_H_
#define ORGNET_FOLLOWER_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "orgnet/network.h"
#include "orgnet/orgnet_export.h"

namespace orgnet {

/// What a follower does with a committed transaction that the dataset's rules refuse (a
/// dangling reference the database allowed, a duplicate id, a bad date).
enum class BadTransactionPolicy : std::uint8_t {
  kStop = 0,  ///< keep the last good version and stop following (status() says why)
  kSkip = 1,  ///< keep the last good version, skip the transaction and go on: the network has
              ///< then diverged from the database (FollowerStatus::diverged)
};

/// One version of a followed network: the database's state after one committed transaction.
struct FollowedVersion {
  Network network;              ///< the version (shares unchanged storage with the one before)
  std::uint64_t lsn = 0;        ///< the commit's WAL position (the initial load: the slot's
                                ///< consistent point)
  std::int64_t commit_time = 0; ///< the commit's time, microseconds since 1970-01-01 UTC (0 for
                                ///< the initial load)
  std::uint64_t transactions = 0;  ///< committed transactions applied since the load
};

/// Options of Follower::Start.
struct FollowerOptions {
  /// The logical replication slot (created by Start; it must not exist yet).
  std::string slot = "orgnet";
  /// The publication over the followed tables: created by Start if absent; an existing one
  /// must publish every followed table.
  std::string publication = "orgnet";
  /// What to do with a transaction the dataset's rules refuse.
  BadTransactionPolicy on_bad_transaction = BadTransactionPolicy::kStop;
  /// Called with each new version, in commit order, on the follower's own thread (not the
  /// initial load's). It must not call Stop(); what it throws is caught and stops following.
  std::function<void(const FollowedVersion&)> on_version;
  /// The initial load's error bounds.
  LoadOptions load;
  /// A folder for the follower's snapshots ("" : none; created if absent). Each is a snapshot
  /// file (Network::SaveSnapshot, atomic) named by the WAL position it holds
  /// (`orgnet-follow-<16 hex digits>.snapshot`), so that its content and its position are
  /// one; the older ones are removed once a newer one is on disk. With a folder, the slot's
  /// confirmed position advances only to the newest snapshot on disk, and Start resumes from
  /// it (no load) when the slot exists.
  std::string snapshot_folder;
  /// Write a snapshot when a newer version is this many seconds older than the last snapshot
  /// (0: not by time), ...
  double snapshot_seconds = 60;
  /// ... or when this many transactions were applied since it (0: not by count); and always
  /// on Stop (and after the initial load).
  std::uint64_t snapshot_transactions = 0;
};

/// Where a follower stands.
struct FollowerStatus {
  bool running = false;      ///< following (false after Stop or an error)
  bool diverged = false;     ///< a transaction was skipped (BadTransactionPolicy::kSkip) and
                             ///< no Refresh has come since
  absl::Status error;        ///< what stopped it (OK while running and after Stop)
  std::uint64_t applied_lsn = 0;   ///< the end of the last transaction applied
  std::uint64_t server_lsn = 0;    ///< the server's end of WAL, as last heard
  std::uint64_t lag_bytes = 0;     ///< server_lsn - applied_lsn (0 when caught up)
  double lag_seconds = 0;          ///< now - the oldest commit not yet applied (0 when none)
  std::uint64_t transactions = 0;  ///< transactions applied
  std::uint64_t skipped = 0;       ///< transactions skipped
  std::string last_skipped;        ///< why the last one was skipped, with its LSN
  std::uint64_t snapshot_lsn = 0;  ///< the position of the newest snapshot on disk (0: none)
  absl::Status snapshot_error;     ///< the last snapshot write's failure (following goes on)
  bool resumed = false;            ///< Start resumed from a snapshot instead of loading
  bool reconnecting = false;       ///< the connection was lost: connecting again (backoff)
  std::uint64_t reconnects = 0;    ///< connections made again after a loss
  absl::Status last_disconnect;    ///< why the connection was last lost (OK: never)
};

/// Reads the database again (Network::LoadDatabase: one REPEATABLE READ transaction, every
/// check) and returns @p current edited by the difference (DiffNetworks) as one edit batch: a
/// new version whose parent is @p current, sharing its unchanged storage, equal to a fresh
/// load table by table (the rows in the order the edits leave them), or @p current itself when
/// nothing changed. For servers without logical decoding or the replication privilege, for
/// views and queries a follower cannot follow (a diverged follower has Follower::Refresh). A changed
/// id reads as a row removed and one added.
/// @param current  the version to refresh (not a scoped view)
/// @param uri      as Network::LoadDatabase's
/// @param mapping  as Network::LoadDatabase's
/// @param options  error bounds of the load and the edit
/// @param edits    if not null, receives the number of edits applied (0 when nothing changed)
/// @return Network::LoadDatabase's errors; kInvalidArgument for a view, or an edit the rules
///   refuse. Cost: a database load, a diff (linear in both) and edits linear in the change.
ORGNET_EXPORT absl::StatusOr<Network> RefreshFromDatabase(const Network& current,
                                                          std::string_view uri,
                                                          std::string_view mapping,
                                                          const LoadOptions& options = {},
                                                          std::size_t* edits = nullptr);

/// Follows a PostgreSQL database (wal_level=logical; the user needs the REPLICATION attribute
/// and the right to read the mapped tables): Start loads the network in the snapshot of a new
/// logical replication slot (pgoutput), so that no change is lost or applied twice, then a
/// thread the follower owns turns each committed transaction on the followed tables into one
/// edit batch and one new version, in commit order.
///
/// Only tables mapped directly are followed (a mapping to a view or a query is refused). A
/// followed table with ids needs its id column as its primary key or REPLICA IDENTITY FULL;
/// links and funds (no id) need REPLICA IDENTITY FULL; Start refuses otherwise, naming the
/// table. TRUNCATE of a followed table stops the follower (kUnimplemented).
///
/// Every member function is safe from many threads. Destroying a follower stops it; the slot
/// stays on the server (it keeps WAL until dropped: `SELECT pg_drop_replication_slot(...)`).
class ORGNET_EXPORT Follower {
 public:
  /// Connects (a `replication=database` connection to @p uri), checks the followed tables'
  /// replica identity, creates the publication if absent and the slot, loads the network in
  /// the slot's snapshot (Network::LoadDatabase's checks and errors) and starts following.
  /// When the slot exists and the snapshot folder holds a snapshot, it opens the newest one
  /// and resumes the slot instead (an existing slot without one is refused).
  /// @return kInvalidArgument (bad mapping or data), kNotFound (a missing table),
  ///   kFailedPrecondition (a view or query mapped, a table's replica identity, the slot exists
  ///   and no snapshot to resume from, a publication without a followed table, wal_level not
  ///   logical), kDataLoss (a damaged snapshot), kPermissionDenied,
  ///   kUnavailable, kUnimplemented (a build without database support). Cost: a load.
  static absl::StatusOr<std::unique_ptr<Follower>> Start(std::string_view uri,
                                                         std::string_view mapping,
                                                         const FollowerOptions& options = {});
  ~Follower();
  Follower(const Follower&) = delete;
  Follower& operator=(const Follower&) = delete;

  /// The newest version. O(1); the version stays valid however far the follower goes on.
  FollowedVersion latest() const;
  /// Where the follower stands. O(1).
  FollowerStatus status() const;
  /// Waits until at least @p transactions transactions are applied (and their versions handed
  /// to FollowerOptions::on_version) or the follower stops; true when they are, false on
  /// timeout or stop.
  bool WaitForTransactions(std::uint64_t transactions, std::chrono::milliseconds timeout) const;
  /// Brings the follower back to the database, for a diverged one (a transaction skipped)
  /// once the application has mended its data, or whenever in doubt: pauses the follower
  /// between two transactions, reads the database again on an ordinary connection in one
  /// REPEATABLE READ transaction (Network::LoadDatabase's checks), and makes the difference
  /// from the latest version one edit batch and one new version (RefreshFromDatabase), handed to
  /// FollowerOptions::on_version like any other. The stream then goes on from where it was:
  /// the transactions the refresh's snapshot already saw are skipped when they arrive, the
  /// others applied, so that none is lost or applied twice; FollowerStatus::diverged is false
  /// again. Until the stream has passed the WAL position of the refresh, and while diverged,
  /// no snapshot is written (the slot keeps what a restart needs).
  /// The refreshed version's lsn is the server's WAL insert position just after the refresh's
  /// snapshot, its commit_time the time it was read, its transactions those applied before it;
  /// when nothing differs, the latest version is returned and no new one made.
  /// Safe from any thread but on_version's; one refresh runs at a time.
  /// @param edits  if not null, receives the number of edits applied (0 when nothing differed)
  /// @return the version; kFailedPrecondition when the follower has stopped (Start it again);
  ///   Network::LoadDatabase's errors when the database is refused as it stands (the follower
  ///   then goes on as before, still diverged if it was). Cost: a database load and a diff
  ///   (RefreshFromDatabase's); the follower applies nothing meanwhile.
  absl::StatusOr<FollowedVersion> Refresh(std::size_t* edits = nullptr);
  /// Stops following: writes a last snapshot (with a snapshot folder), tells the server the
  /// position it may forget up to, and returns what had stopped it before, if anything.
  /// Idempotent.
  absl::Status Stop();

 private:
  struct Impl;
  explicit Follower(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace orgnet

#endif  // ORGNET_FOLLOWER_H_
