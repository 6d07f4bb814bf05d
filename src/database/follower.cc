// Follower with libpq: the replication connection, the slot and its snapshot, the initial
// load in that snapshot, and the thread that turns each committed transaction into a version.
#include "orgnet/follower.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "base/text.h"
#include "database/change_batch.h"
#include "database/database_load.h"
#include "database/mapping.h"
#include "database/pg_connection.h"
#include "database/pgoutput.h"
#include "database/refresh.h"
#include "database/transaction_snapshot.h"

namespace orgnet {
namespace {

using internal::Cat;
using internal::CatTo;
using internal::Lsn;
using internal::PgConnection;

// Microseconds from 1970-01-01 to 2000-01-01 (the protocol's clock starts at the latter).
constexpr std::int64_t kPostgresEpochMicros = std::int64_t{946684800} * 1000000;
// How often the follower tells the server where it stands without being asked (the server's
// wal_sender_timeout is 60 s by default).
constexpr std::int64_t kFeedbackMicros = 10 * 1000000;
// How often an idle follower asks the server for its position.
constexpr std::int64_t kIdleAskMicros = 1000000;

// A session setting for the `options` connection parameter: spaces and backslashes escaped.
std::string Setting(std::string_view name, std::string_view value) {
  std::string out = Cat("-c ", name, "=");
  for (char c : value) {
    if (c == ' ' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

absl::StatusOr<Lsn> ParseLsn(std::string_view text) {
  const std::size_t slash = text.find('/');
  unsigned long long high = 0, low = 0;
  if (slash == std::string_view::npos ||
      std::sscanf(std::string(text).c_str(), "%llX/%llX", &high, &low) != 2) {
    return absl::DataLossError(Cat("database: an LSN the server sent: ", internal::Shown(text)));
  }
  return (static_cast<Lsn>(high) << 32) | static_cast<Lsn>(low);
}

std::string Value(const internal::PgResult& result, int row, int column) {
  return PQgetisnull(result.get(), row, column) ? std::string()
                                                : std::string(PQgetvalue(result.get(), row, column));
}

// A snapshot's file name: its WAL position, so that the two are written in one rename.
std::string SnapshotName(Lsn lsn) {
  char name[64];
  std::snprintf(name, sizeof name, "orgnet-follow-%016llX.snapshot",
                static_cast<unsigned long long>(lsn));
  return name;
}

// The snapshots in @p folder, by position (the others' names are left alone).
std::vector<std::pair<Lsn, std::string>> Snapshots(const std::string& folder) {
  std::vector<std::pair<Lsn, std::string>> out;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    unsigned long long lsn = 0;
    char tail[16] = {0};
    if (name.size() == SnapshotName(0).size() &&
        std::sscanf(name.c_str(), "orgnet-follow-%16llX.%15s", &lsn, tail) == 2 &&
        std::string_view(tail) == "snapshot" && SnapshotName(lsn) == name) {
      out.emplace_back(lsn, entry.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

struct Follower::Impl {
  std::unique_ptr<PgConnection> connection;
  std::string uri, settings, start_sql;  // to connect again
  internal::DatabaseMapping mapping;
  FollowerOptions options;
  std::unique_ptr<internal::ChangeBatch> changes;

  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  FollowedVersion latest;
  FollowerStatus status;
  std::uint64_t delivered = 0;  // transactions whose version the callback has had
  std::atomic<bool> stop{false};
  std::thread thread;

  // Snapshots: the writer thread saves what is asked of it; durable is the newest on disk.
  std::thread writer;
  std::condition_variable wake_writer;
  std::optional<std::pair<Network, Lsn>> to_write;  // guarded by mutex
  bool writer_done = false;                         // guarded by mutex
  Lsn durable = 0;                                  // guarded by mutex
  Lsn requested = 0;           // the follower thread's: the newest position asked for
  std::int64_t requested_at = 0;
  std::uint64_t applied_since_request = 0;
  Lsn latest_end = 0;          // the end of the transaction the latest version holds
  Lsn resume_after = 0;        // transactions committed before it are in the snapshot

  // Refresh: the caller's thread asks this one to pause between transactions, reads the
  // database while it waits, and hands it the refreshed version to install.
  struct Refreshed {
    Network network;
    bool changed = false;
    internal::TransactionSnapshot seen;  // the snapshot it was read in
    Lsn horizon = 0;                     // the server's WAL insert position just after it
    std::int64_t time = 0;               // when it was read (microseconds since 1970)
  };
  std::mutex one_refresh;                     // one refresh at a time
  std::atomic<bool> pause_asked{false};
  bool paused = false;                        // guarded by mutex
  bool finished = false;                      // guarded by mutex: the thread has returned
  std::optional<Refreshed> to_install;        // guarded by mutex
  std::optional<FollowedVersion> installed;   // guarded by mutex

  // The thread's own state.
  bool in_transaction = false;
  bool diverged = false;  // a transaction was skipped and no refresh has come since
  // After a refresh, until the stream passes the refresh's horizon: the transactions its
  // snapshot sees are in the version already, and are skipped; the others are applied. Until
  // then the version is no state the database had at one position, so no snapshot is written.
  std::optional<internal::TransactionSnapshot> realign;
  Lsn realign_until = 0;
  // The ids of the last transactions the stream brought (a ring): a refresh's snapshot must
  // see each of them. The server sends a commit once it is on disk, which can be before its
  // transaction is visible (with synchronous replication, long before): a snapshot taken in
  // between would not hold what the version already holds.
  static constexpr std::size_t kRecentXids = 4096;
  std::vector<std::uint32_t> recent_xids;
  std::size_t next_recent = 0;
  std::uint32_t open_xid = 0;  // the open transaction's
  bool skipping = false;
  absl::Status transaction_error;
  Lsn applied = 0;
  std::int64_t last_feedback = 0;
  std::int64_t pending_since = 0;  // when the first message not yet applied was sent (0: none)

  // The position the server may forget up to: what is applied, or with snapshots what the
  // newest snapshot on disk holds (a restart resumes from it).
  Lsn Confirmed() {
    if (options.snapshot_folder.empty()) return applied;
    std::lock_guard<std::mutex> lock(mutex);
    return durable;
  }

  absl::Status Feedback(bool reply_requested = false) {
    last_feedback = internal::ReplicationNow();
    return connection->SendCopyData(
        internal::StandbyStatusUpdate(applied, Confirmed(), applied, last_feedback,
                                      reply_requested),
        "sending the follower's position");
  }

  // Saves @p version as the snapshot of position @p lsn, then removes the older ones.
  absl::Status Save(const Network& version, Lsn lsn) {
    const std::string path =
        (std::filesystem::path(options.snapshot_folder) / SnapshotName(lsn)).string();
    if (absl::Status s = version.SaveSnapshot(path); !s.ok()) return s;
    for (const auto& [older, file] : Snapshots(options.snapshot_folder)) {
      if (older < lsn) std::filesystem::remove(file);
    }
    std::lock_guard<std::mutex> lock(mutex);
    durable = std::max(durable, lsn);
    status.snapshot_lsn = durable;
    return absl::OkStatus();
  }

  void WriterLoop() {
    while (true) {
      std::pair<Network, Lsn> job;
      {
        std::unique_lock<std::mutex> lock(mutex);
        wake_writer.wait(lock, [&] { return to_write.has_value() || writer_done; });
        if (!to_write.has_value()) return;
        job = *std::move(to_write);
        to_write.reset();
      }
      absl::Status saved = Save(job.first, job.second);
      std::lock_guard<std::mutex> lock(mutex);
      if (!saved.ok()) status.snapshot_error = saved;
      changed.notify_all();
    }
  }

  // Asks the writer for a snapshot of the latest version when the policy says so.
  void MaybeSnapshot() {
    // A diverged version is no state of the database: the slot keeps what a restart needs to
    // meet the skipped transaction again, until a refresh.
    if (options.snapshot_folder.empty() || diverged || realign.has_value() ||
        latest_end <= requested) {
      return;
    }
    const std::int64_t now = internal::ReplicationNow();
    const bool by_time = options.snapshot_seconds > 0 &&
                         now - requested_at >= static_cast<std::int64_t>(options.snapshot_seconds * 1e6);
    const bool by_count = options.snapshot_transactions > 0 &&
                          applied_since_request >= options.snapshot_transactions;
    if (!by_time && !by_count) return;
    std::lock_guard<std::mutex> lock(mutex);
    to_write = std::make_pair(latest.network, latest_end);
    requested = latest_end;
    requested_at = now;
    applied_since_request = 0;
    wake_writer.notify_all();
  }

  // On stop: the writer's last job done, then the latest version saved if newer.
  void FinishSnapshots() {
    if (options.snapshot_folder.empty()) return;
    {
      std::unique_lock<std::mutex> lock(mutex);
      writer_done = true;
      wake_writer.notify_all();
    }
    if (writer.joinable()) writer.join();
    Network version;
    Lsn lsn = 0;
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (to_write.has_value()) {  // asked but not begun
        version = to_write->first;
        lsn = to_write->second;
        to_write.reset();
      }
      if (!diverged && !realign.has_value() && latest_end > std::max(durable, lsn)) {
        version = latest.network;
        lsn = latest_end;
      }
      if (lsn <= durable) return;
    }
    if (absl::Status s = Save(version, lsn); !s.ok()) {
      std::lock_guard<std::mutex> lock(mutex);
      status.snapshot_error = s;
    }
  }

  void Fail(absl::Status error) {
    std::lock_guard<std::mutex> lock(mutex);
    status.running = false;
    status.error = std::move(error);
    changed.notify_all();
  }

  void UpdatePosition(Lsn server) {
    std::lock_guard<std::mutex> lock(mutex);
    status.server_lsn = std::max(status.server_lsn, server);
    status.applied_lsn = applied;
    status.lag_bytes = status.server_lsn > applied ? status.server_lsn - applied : 0;
    status.lag_seconds =
        pending_since == 0 ? 0.0 : (internal::ReplicationNow() - pending_since) / 1e6;
  }

  // One pgoutput message; false when following must stop (the status says why).
  bool Handle(const internal::PgoutputMessage& m) {
    using Kind = internal::PgoutputMessage::Kind;
    switch (m.kind) {
      case Kind::kBegin: {
        in_transaction = true;
        if (realign.has_value() && m.lsn >= realign_until) EndRealign();
        // A resumed slot may send again what the snapshot holds: committed before its position;
        // after a refresh, what its snapshot saw is in the version already.
        skipping = m.lsn < resume_after || (realign.has_value() && realign->Sees(m.xid));
        open_xid = m.xid;
        transaction_error = absl::OkStatus();
        Network current;
        {
          std::lock_guard<std::mutex> lock(mutex);
          current = latest.network;
        }
        begun_from = std::move(current);
        changes->Begin(begun_from);
        return true;
      }
      case Kind::kRelation:
        if (absl::Status s = changes->Relation(m); !s.ok()) {
          Fail(s);
          return false;
        }
        return true;
      case Kind::kInsert:
      case Kind::kUpdate:
      case Kind::kDelete:
      case Kind::kTruncate:
        if (!skipping && transaction_error.ok()) transaction_error = changes->Change(m);
        return true;
      case Kind::kCommit:
        return Commit(m);
      case Kind::kOrigin:
      case Kind::kType:
      case Kind::kMessage:
        return true;
    }
    return true;
  }

  bool Commit(const internal::PgoutputMessage& m) {
    in_transaction = false;
    if (recent_xids.size() < kRecentXids) {
      recent_xids.push_back(open_xid);
    } else {
      recent_xids[next_recent] = open_xid;
      next_recent = (next_recent + 1) % kRecentXids;
    }
    absl::StatusOr<Network> edited = absl::CancelledError("no change");
    const bool any = !skipping && changes->batch().size() > 0;
    if (transaction_error.ok() && any) {
      edited = begun_from.Edit(changes->batch());
      if (!edited.ok()) transaction_error = edited.status();
    }
    if (!transaction_error.ok()) {
      const std::string message = Cat("the transaction committed at LSN ",
                                      internal::FormatLsn(m.lsn), ": ",
                                      std::string(transaction_error.message()));
      if (options.on_bad_transaction == BadTransactionPolicy::kStop) {
        Fail(absl::Status(transaction_error.code(), message));
        return false;
      }
      diverged = true;
      std::lock_guard<std::mutex> lock(mutex);
      status.skipped += 1;
      status.diverged = true;
      status.last_skipped = message;
    } else if (any) {
      FollowedVersion version;
      version.network = *std::move(edited);
      version.lsn = m.lsn;
      version.commit_time = m.time + kPostgresEpochMicros;
      {
        std::lock_guard<std::mutex> lock(mutex);
        version.transactions = latest.transactions + 1;
        latest = version;
        status.transactions = version.transactions;
      }
      latest_end = m.end_lsn;
      ++applied_since_request;
      if (options.on_version) {
        try {
          options.on_version(version);
        } catch (...) {
          Fail(absl::InternalError("follower: the on_version callback threw"));
          return false;
        }
      }
      std::lock_guard<std::mutex> lock(mutex);
      delivered = version.transactions;
    }
    begun_from = Network();
    applied = std::max(applied, m.end_lsn);
    pending_since = 0;
    {
      std::lock_guard<std::mutex> lock(mutex);
      status.applied_lsn = applied;
    }
    changed.notify_all();
    MaybeSnapshot();
    return true;
  }

  void Run() {
    Follow();
    FinishSnapshots();
    // (Best effort: the connection may be gone.)
    (void)Feedback();
    connection->EndCopyBoth();
    std::lock_guard<std::mutex> lock(mutex);
    status.reconnecting = false;
    finished = true;
    changed.notify_all();
  }

  // The stream has passed the refresh's horizon: every transaction committed before it is in
  // the version, from the refresh's snapshot or applied since, and none after it.
  void EndRealign() {
    realign.reset();
    latest_end = std::max(latest_end, realign_until);
  }

  // Between transactions, while a refresh reads the database: waits (telling the server it is
  // alive), then installs what the refresh read. False when following must end.
  bool Pause() {
    std::optional<Refreshed> refreshed;
    {
      std::unique_lock<std::mutex> lock(mutex);
      paused = true;
      changed.notify_all();
      while (!stop.load() && pause_asked.load() && !to_install.has_value()) {
        changed.wait_for(lock, std::chrono::milliseconds(100));
        if (internal::ReplicationNow() - last_feedback > kFeedbackMicros) {
          lock.unlock();
          (void)Feedback();  // a lost connection shows at the next read
          lock.lock();
        }
      }
      paused = false;
      pause_asked.store(false);
      refreshed = std::move(to_install);
      to_install.reset();
    }
    return !refreshed.has_value() || Install(*std::move(refreshed));
  }

  bool Install(Refreshed r) {
    realign = std::move(r.seen);
    realign_until = r.horizon;
    diverged = false;
    FollowedVersion version;
    {
      std::lock_guard<std::mutex> lock(mutex);
      status.diverged = false;
      if (r.changed) {
        version.network = std::move(r.network);
        version.lsn = r.horizon;
        version.commit_time = r.time;
        version.transactions = latest.transactions;
        latest = version;
      } else {
        version = latest;
      }
    }
    bool ok = true;
    if (r.changed && options.on_version) {
      try {
        options.on_version(version);
      } catch (...) {
        Fail(absl::InternalError("follower: the on_version callback threw"));
        ok = false;
      }
    }
    std::lock_guard<std::mutex> lock(mutex);
    installed = std::move(version);
    changed.notify_all();
    return ok;
  }

  absl::Status Stopped() const {
    return absl::FailedPreconditionError(
        status.error.ok() ? std::string("follower: stopped")
                          : Cat("follower: stopped (", std::string(status.error.message()), ")"));
  }

  // The database read again in a snapshot of its own, and the latest version edited into it.
  absl::StatusOr<Refreshed> ReadAgain(std::size_t* edits) {
    absl::StatusOr<std::unique_ptr<PgConnection>> connected = PgConnection::Connect(uri);
    if (!connected.ok()) return connected.status();
    PgConnection& c = **connected;
    if (absl::Status s = c.Execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                                   "starting the refresh");
        !s.ok()) {
      return s;
    }
    // The first statement takes the transaction's snapshot; the insert position read after
    // it is past the commit record of every transaction the snapshot sees. A snapshot that
    // does not yet see every transaction the stream brought is taken again (in a new
    // transaction) until it does.
    Refreshed out;
    std::optional<internal::TransactionSnapshot> seen;
    Lsn horizon = 0;
    for (int attempt = 0;; ++attempt) {
      absl::StatusOr<internal::PgResult> taken =
          c.Query("SELECT txid_current_snapshot()::text, pg_current_wal_insert_lsn()::text",
                  "reading the refresh's snapshot");
      if (!taken.ok()) return taken.status();
      out.time = internal::ReplicationNow() + kPostgresEpochMicros;
      absl::StatusOr<internal::TransactionSnapshot> parsed =
          internal::TransactionSnapshot::Parse(Value(*taken, 0, 0));
      if (!parsed.ok()) return parsed.status();
      absl::StatusOr<Lsn> position = ParseLsn(Value(*taken, 0, 1));
      if (!position.ok()) return position.status();
      const bool sees_all = std::all_of(recent_xids.begin(), recent_xids.end(),
                                        [&](std::uint32_t xid) { return parsed->Sees(xid); });
      if (sees_all) {
        seen = *std::move(parsed);
        horizon = *position;
        break;
      }
      if (attempt == 1000 || stop.load()) {
        return absl::UnavailableError(
            "follower: refresh: the server has not yet made visible a transaction the "
            "follower applied (a synchronous standby that does not answer?); try again");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      if (absl::Status s = c.Execute("ROLLBACK; BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                                     "starting the refresh again");
          !s.ok()) {
        return s;
      }
    }
    absl::StatusOr<Network> fresh = internal::LoadInTransaction(c, mapping, options.load, nullptr);
    if (!fresh.ok()) return fresh.status();
    Network current;
    {
      std::lock_guard<std::mutex> lock(mutex);
      current = latest.network;
    }
    std::size_t count = 0;
    absl::StatusOr<Network> edited = internal::EditTowards(current, *fresh, options.load, &count);
    if (!edited.ok()) return edited.status();
    if (edits != nullptr) *edits = count;
    out.network = *std::move(edited);
    out.changed = count > 0;
    out.seen = *std::move(seen);
    out.horizon = horizon;
    return out;
  }

  absl::StatusOr<FollowedVersion> Refresh(std::size_t* edits) {
    {
      std::unique_lock<std::mutex> lock(mutex);
      if (finished || !status.running) return Stopped();
      pause_asked.store(true);
      changed.wait(lock, [&] { return paused || finished; });
      if (!paused) {
        pause_asked.store(false);
        return Stopped();
      }
    }
    // Paused between transactions: the latest version holds all the stream has brought, and
    // the snapshot read now sees all of it.
    absl::StatusOr<Refreshed> read = [&]() -> absl::StatusOr<Refreshed> {
      try {
        return ReadAgain(edits);
      } catch (const std::bad_alloc&) {  // the follower must not stay paused
        return absl::ResourceExhaustedError("follower: out of memory while refreshing");
      }
    }();
    std::unique_lock<std::mutex> lock(mutex);
    if (!read.ok()) {
      if (edits != nullptr) *edits = 0;
      pause_asked.store(false);
      changed.notify_all();
      return read.status();
    }
    installed.reset();
    to_install = *std::move(read);
    changed.notify_all();
    changed.wait(lock, [&] { return installed.has_value() || finished; });
    if (!installed.has_value()) return Stopped();
    FollowedVersion out = *std::move(installed);
    installed.reset();
    return out;
  }

  // A lost connection: reconnect with backoff (0.1 s doubling to 10 s) until it works, a
  // permanent error, or Stop; the stream resumes from the slot, and the transactions committed
  // before the applied position are skipped. False when following must end.
  bool Reconnect(absl::Status lost) {
    if (lost.code() != absl::StatusCode::kUnavailable) {
      Fail(std::move(lost));
      return false;
    }
    in_transaction = false;
    pending_since = 0;
    int wait_ms = 100;
    while (!stop.load()) {
      {
        std::lock_guard<std::mutex> lock(mutex);
        status.reconnecting = true;
        status.last_disconnect = lost;
      }
      for (int waited = 0; waited < wait_ms && !stop.load(); waited += 20) {
        if (pause_asked.load() && !Pause()) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      if (stop.load()) break;
      absl::Status again = Restart();
      if (again.ok()) {
        std::lock_guard<std::mutex> lock(mutex);
        status.reconnecting = false;
        status.reconnects += 1;
        return true;
      }
      if (again.code() != absl::StatusCode::kUnavailable) {
        Fail(std::move(again));
        return false;
      }
      lost = std::move(again);
      wait_ms = std::min(wait_ms * 2, 10000);
    }
    return false;
  }

  // A new replication connection, streaming from the slot's confirmed position.
  absl::Status Restart() {
    absl::StatusOr<std::unique_ptr<PgConnection>> connected =
        PgConnection::ConnectReplication(uri, settings);
    if (!connected.ok()) return connected.status();
    connection = *std::move(connected);
    resume_after = std::max(resume_after, applied);
    return connection->StartCopyBoth(start_sql, "resuming to follow");
  }

  void Follow() {
    std::string data;
    while (!stop.load()) {
      if (!in_transaction && pause_asked.load()) {
        if (!Pause()) return;
        continue;
      }
      const PgConnection::CopyRead read = connection->ReadCopyData(&data);
      if (read == PgConnection::CopyRead::kWait) {
        if (!connection->WaitReadable(100)) {
          // Idle: ask the server where it stands (a keepalive answers at once), so that the
          // position and the lag are current without a transaction.
          const std::int64_t since = internal::ReplicationNow() - last_feedback;
          if (since > kFeedbackMicros || (!in_transaction && since > kIdleAskMicros)) {
            if (absl::Status s = Feedback(true); !s.ok()) {
              if (!Reconnect(s)) return;
              continue;
            }
          }
        }
        MaybeSnapshot();
        UpdatePosition(0);
        continue;
      }
      if (read != PgConnection::CopyRead::kData) {
        if (!Reconnect(connection->CopyBothError("following the replication slot"))) return;
        continue;
      }
      absl::StatusOr<internal::ReplicationMessage> message =
          internal::DecodeReplicationMessage(data);
      if (!message.ok()) return Fail(message.status());
      if (message->kind == internal::ReplicationMessage::Kind::kKeepalive) {
        // Everything before the keepalive's position has been sent: when no transaction is
        // open, the follower is there.
        if (!in_transaction) {
          applied = std::max(applied, message->wal_end);
          if (realign.has_value() && message->wal_end >= realign_until) EndRealign();
        }
        UpdatePosition(message->wal_end);
        if (message->reply_requested) {
          if (absl::Status s = Feedback(); !s.ok()) {
            if (!Reconnect(s)) return;
          }
        }
        continue;
      }
      if (pending_since == 0) pending_since = message->send_time;
      absl::StatusOr<internal::PgoutputMessage> decoded = internal::DecodePgoutput(message->payload);
      if (!decoded.ok()) return Fail(decoded.status());
      if (!Handle(*decoded)) return;
      UpdatePosition(message->wal_end);
    }
  }

  Network begun_from;  // the version the open transaction's edits apply to
};

Follower::Follower(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Follower::~Follower() { (void)Stop(); }

FollowedVersion Follower::latest() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->latest;
}

FollowerStatus Follower::status() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->status;
}

bool Follower::WaitForTransactions(std::uint64_t transactions,
                                   std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(impl_->mutex);
  // Counted once the callback has had the version, so that a waiter sees what it did.
  return impl_->changed.wait_for(lock, timeout, [&] {
    return impl_->delivered >= transactions || !impl_->status.running;
  }) && impl_->delivered >= transactions;
}

absl::StatusOr<FollowedVersion> Follower::Refresh(std::size_t* edits) {
  if (edits != nullptr) *edits = 0;
  try {
    std::lock_guard<std::mutex> one(impl_->one_refresh);
    return impl_->Refresh(edits);
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("follower: out of memory while refreshing");
  }
}

absl::Status Follower::Stop() {
  impl_->stop.store(true);
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);  // a pause waiting wakes at once
  }
  impl_->changed.notify_all();
  if (impl_->thread.joinable()) impl_->thread.join();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->status.running = false;
  return impl_->status.error;
}

namespace {

// Each mapped table's relation, checked for what following needs.
absl::StatusOr<std::vector<internal::FollowedTable>> FollowedTables(
    PgConnection& connection, const internal::DatabaseMapping& mapping) {
  std::vector<internal::FollowedTable> out;
  for (int t = 0; t < kTableCount; ++t) {
    const internal::TableSource& source = mapping.tables[t];
    const TableSpec& spec = GetTableSpec(static_cast<Table>(t));
    if (!source.read) continue;
    const std::string display = source.Display(spec.name);
    if (!source.query.empty()) {
      return absl::FailedPreconditionError(
          Cat("follower: ", display, ": a query cannot be followed, only a table"));
    }
    const std::string relation = source.relation.empty() ? std::string(spec.name) : source.relation;
    const std::string name =
        source.schema.empty()
            ? connection.Identifier(relation)
            : Cat(connection.Identifier(source.schema), ".", connection.Identifier(relation));
    const std::string id_source =
        spec.id_column >= 0 ? std::string(source.SourceColumn(spec.columns[spec.id_column].name))
                            : std::string();
    absl::StatusOr<internal::PgResult> found = connection.Query(
        Cat("SELECT c.oid, n.nspname, c.relname, c.relkind, c.relreplident, "
            "coalesce((SELECT string_agg(a.attname, ',' ORDER BY a.attnum) FROM pg_index i "
            "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
            "WHERE i.indrelid = c.oid AND i.indisprimary), '') "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.oid = to_regclass(",
            connection.Literal(name), ")"),
        Cat("looking up ", display));
    if (!found.ok()) return found.status();
    if (PQntuples(found->get()) == 0) {
      if (source.named || t == static_cast<int>(Table::kOrgs)) {
        return absl::NotFoundError(Cat("follower: ", display, ": no such table"));
      }
      continue;  // absent, as in a load
    }
    internal::FollowedTable table;
    table.table = static_cast<Table>(t);
    table.relation = static_cast<std::uint32_t>(std::stoul(Value(*found, 0, 0)));
    table.display = Cat(Value(*found, 0, 1), ".", Value(*found, 0, 2));
    const std::string kind = Value(*found, 0, 3);
    const std::string identity = Value(*found, 0, 4);
    const std::string key = Value(*found, 0, 5);
    if (kind != "r" && kind != "p") {
      return absl::FailedPreconditionError(
          Cat("follower: ", table.display, " is not a table (relkind ", kind,
              "): a view cannot be followed"));
    }
    const bool full = identity == "f";
    if (spec.id_column >= 0 && !full && !(identity == "d" && key == id_source)) {
      return absl::FailedPreconditionError(
          Cat("follower: ", table.display, ": its updates and deletes would not name the row's ",
              spec.name, " id: make ", internal::Shown(id_source),
              " its primary key, or ALTER TABLE ", table.display, " REPLICA IDENTITY FULL"));
    }
    if (spec.id_column < 0 && !full) {
      return absl::FailedPreconditionError(
          Cat("follower: ", table.display, " has no id column: ALTER TABLE ", table.display,
              " REPLICA IDENTITY FULL first (else a publication would refuse the "
              "application's own UPDATE and DELETE on it)"));
    }
    out.push_back(std::move(table));
  }
  return out;
}

absl::Status EnsurePublication(PgConnection& connection, const std::string& publication,
                               const std::vector<internal::FollowedTable>& tables) {
  const std::string literal = connection.Literal(publication);
  absl::StatusOr<internal::PgResult> exists = connection.Query(
      Cat("SELECT 1 FROM pg_publication WHERE pubname = ", literal), "looking up the publication");
  if (!exists.ok()) return exists.status();
  if (PQntuples(exists->get()) == 0) {
    std::string names;
    for (const internal::FollowedTable& t : tables) {
      absl::StatusOr<internal::PgResult> named = connection.Query(
          Cat("SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c "
              "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ",
              t.relation),
          "naming a followed table");
      if (!named.ok()) return named.status();
      CatTo(&names, names.empty() ? "" : ", ", Value(*named, 0, 0));
    }
    return connection.Execute(
        Cat("CREATE PUBLICATION ", connection.Identifier(publication), " FOR TABLE ", names),
        Cat("creating the publication ", internal::Shown(publication)));
  }
  for (const internal::FollowedTable& t : tables) {
    absl::StatusOr<internal::PgResult> published = connection.Query(
        Cat("SELECT 1 FROM pg_publication_rel r JOIN pg_publication p ON p.oid = r.prpubid "
            "WHERE p.pubname = ", literal, " AND r.prrelid = ", t.relation,
            " UNION ALL SELECT 1 FROM pg_publication WHERE pubname = ", literal,
            " AND puballtables"),
        "checking the publication");
    if (!published.ok()) return published.status();
    if (PQntuples(published->get()) == 0) {
      return absl::FailedPreconditionError(
          Cat("follower: the publication ", internal::Shown(publication), " does not publish ",
              t.display, " (ALTER PUBLICATION ", connection.Identifier(publication),
              " ADD TABLE ", t.display, ")"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<Follower>> Follower::Start(std::string_view uri,
                                                          std::string_view mapping,
                                                          const FollowerOptions& options) {
  try {
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    if (options.slot.empty()) return absl::InvalidArgumentError("slot: empty");
    if (options.publication.empty()) return absl::InvalidArgumentError("publication: empty");
    absl::StatusOr<internal::DatabaseMapping> parsed = internal::ParseMapping(mapping);
    if (!parsed.ok()) return parsed.status();
    impl->mapping = *std::move(parsed);
    // The text of values as the loader's text format reads them: ISO dates, round-trip floats,
    // timestamps in the mapping's time zone.
    std::string settings = Cat(Setting("DateStyle", "ISO, YMD"), " ",
                               Setting("extra_float_digits", "3"));
    if (!impl->mapping.time_zone.empty()) {
      CatTo(&settings, " ", Setting("TimeZone", impl->mapping.time_zone));
    }
    absl::StatusOr<std::unique_ptr<PgConnection>> connected =
        PgConnection::ConnectReplication(uri, settings);
    if (!connected.ok()) return connected.status();
    impl->connection = *std::move(connected);
    PgConnection& c = *impl->connection;
    absl::StatusOr<internal::PgResult> level = c.Query("SHOW wal_level", "reading wal_level");
    if (!level.ok()) return level.status();
    if (Value(*level, 0, 0) != "logical") {
      return absl::FailedPreconditionError(
          Cat("follower: the server's wal_level is ", Value(*level, 0, 0),
              "; following needs wal_level = logical (postgresql.conf, then a restart)"));
    }
    absl::StatusOr<std::vector<internal::FollowedTable>> tables = FollowedTables(c, impl->mapping);
    if (!tables.ok()) return tables.status();
    if (absl::Status s = EnsurePublication(c, options.publication, *tables); !s.ok()) return s;
    absl::StatusOr<internal::PgResult> slot = c.Query(
        Cat("SELECT 1 FROM pg_replication_slots WHERE slot_name = ", c.Literal(options.slot)),
        "looking up the replication slot");
    if (!slot.ok()) return slot.status();
    const std::string slot_name = c.Identifier(options.slot);
    const std::string& folder = options.snapshot_folder;
    Lsn start = 0;
    if (PQntuples(slot->get()) != 0) {
      // The slot exists: resume from the newest snapshot, whose position it has kept.
      const auto snapshots =
          folder.empty() ? std::vector<std::pair<Lsn, std::string>>() : Snapshots(folder);
      if (snapshots.empty()) {
        return absl::FailedPreconditionError(
            Cat("follower: the replication slot ", internal::Shown(options.slot),
                " exists and there is no snapshot to resume from",
                folder.empty() ? "" : Cat(" in ", internal::Shown(folder)),
                "; drop it (SELECT pg_drop_replication_slot(", c.Literal(options.slot),
                ")) or name another"));
      }
      absl::StatusOr<Network> opened = Network::OpenSnapshot(snapshots.back().second);
      if (!opened.ok()) return opened.status();
      start = snapshots.back().first;
      impl->latest.network = *std::move(opened);
      impl->resume_after = start;
      impl->durable = start;
      impl->status.snapshot_lsn = start;
      impl->status.resumed = true;
    } else {
      // The slot's snapshot is the load's: its changes are exactly those after the network.
      if (absl::Status s = c.Execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                                     "starting the initial load");
          !s.ok()) {
        return s;
      }
      absl::StatusOr<internal::PgResult> created = c.Query(
          c.server_version() >= 150000
              ? Cat("CREATE_REPLICATION_SLOT ", slot_name, " LOGICAL pgoutput (SNAPSHOT 'use')")
              : Cat("CREATE_REPLICATION_SLOT ", slot_name, " LOGICAL pgoutput USE_SNAPSHOT"),
          Cat("creating the replication slot ", internal::Shown(options.slot)));
      if (!created.ok()) return created.status();
      absl::StatusOr<Lsn> consistent = ParseLsn(Value(*created, 0, 1));
      absl::StatusOr<Network> loaded =
          consistent.ok() ? internal::LoadInTransaction(c, impl->mapping, options.load, nullptr)
                          : absl::StatusOr<Network>(consistent.status());
      // The first snapshot before any change is followed: a follower killed from here on
      // resumes. Snapshots of an earlier slot of this name are of no use to this one.
      absl::Status saved = absl::OkStatus();
      if (loaded.ok() && !folder.empty()) {
        std::error_code error;
        std::filesystem::create_directories(folder, error);
        if (error) {
          saved = absl::PermissionDeniedError(
              Cat("follower: snapshot_folder ", internal::Shown(folder), ": ", error.message()));
        }
        for (const auto& [lsn, file] : Snapshots(folder)) std::filesystem::remove(file, error);
        if (saved.ok()) {
          impl->options.snapshot_folder = folder;
          saved = impl->Save(*loaded, *consistent);
        }
      }
      if (!loaded.ok() || !saved.ok()) {
        (void)c.Execute("ROLLBACK", "ending the initial load");
        (void)c.Execute(Cat("DROP_REPLICATION_SLOT ", slot_name), "dropping the slot");
        return loaded.ok() ? saved : loaded.status();
      }
      start = *consistent;
      impl->latest.network = *std::move(loaded);
    }
    impl->latest.lsn = start;
    impl->applied = start;
    impl->latest_end = start;
    impl->requested = start;
    impl->requested_at = internal::ReplicationNow();
    impl->changes = std::make_unique<internal::ChangeBatch>(impl->mapping, *std::move(tables));
    // From the slot's confirmed position (0/0) on every later connection: what the server
    // resends before the applied position is skipped (resume_after).
    impl->uri = std::string(uri);
    impl->settings = settings;
    impl->start_sql = Cat("START_REPLICATION SLOT ", slot_name, " LOGICAL 0/0",
                          " (proto_version '1', publication_names ",
                          c.Literal(c.Identifier(options.publication)), ")");
    if (absl::Status s = c.StartCopyBoth(
            Cat("START_REPLICATION SLOT ", slot_name, " LOGICAL ", internal::FormatLsn(start),
                " (proto_version '1', publication_names ",
                c.Literal(c.Identifier(options.publication)), ")"),
            "starting to follow");
        !s.ok()) {
      return s;
    }
    impl->status.running = true;
    impl->status.applied_lsn = start;
    impl->last_feedback = internal::ReplicationNow();
    Impl* raw = impl.get();
    if (!folder.empty()) impl->writer = std::thread([raw] { raw->WriterLoop(); });
    impl->thread = std::thread([raw] { raw->Run(); });
    return std::unique_ptr<Follower>(new Follower(std::move(impl)));
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("follower: out of memory");
  }
}

}  // namespace orgnet
