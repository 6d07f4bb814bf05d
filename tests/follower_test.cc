// Follower against the test server (ORGNET_TEST_DATABASE, wal_level=logical): a database of its
// own with keys and REPLICA IDENTITY FULL on links; another connection commits transactions of
// the everyday kinds (a member transferred, one registered and one removed, an id changed, an
// organization renamed and reparented, a link added, ended and removed), and after each the
// follower's version equals a fresh load of the database, table by table, rows compared as
// text in any order. A refused transaction stops the follower under kStop, naming its LSN, table,
// key and column, and is skipped under kSkip (diverged); Refresh then brings it back while
// another connection keeps committing, none of those transactions lost or applied twice, and
// snapshots, held back while diverged, resume. Start refuses what it cannot follow.
#include "orgnet/follower.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "orgnet/network.h"

#ifdef ORGNET_TEST_HAS_LIBPQ
#include "database/pg_connection.h"
#endif

namespace orgnet {
namespace {

#ifdef ORGNET_TEST_HAS_LIBPQ

// Every table's rows as text ("column=value" for each column, sorted), sorted: two networks
// with equal tables in any row order give equal lists.
std::vector<std::string> Rows(const Network& net) {
  std::vector<std::string> out;
  for (int t = 0; t < kTableCount; ++t) {
    const auto table = static_cast<Table>(t);
    if (!net.has_table(table)) continue;
    for (Index r = 0; r < net.rows(table); ++r) {
      std::vector<std::string> cells;
      for (int c = 0; c < net.column_count(table); ++c) {
        cells.push_back(std::string(net.column_name(table, c)) + "=" + net.CellText(table, r, c));
      }
      std::sort(cells.begin(), cells.end());
      std::string row = std::string(GetTableSpec(table).name) + ":";
      for (const std::string& cell : cells) row += " " + cell;
      out.push_back(row);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

class FollowerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* uri = std::getenv("ORGNET_TEST_DATABASE");
    if (uri == nullptr) GTEST_SKIP() << "no test server (ORGNET_TEST_DATABASE)";
    server_ = uri;
    // A database of each test's own (ctest runs tests side by side); a slot left by an earlier
    // run would keep it from being dropped.
    std::string name = "orgnet_follow_";
    for (char ch : std::string(::testing::UnitTest::GetInstance()->current_test_info()->name())) {
      name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    }
    name = name.substr(0, 60);
    auto admin = internal::PgConnection::Connect(server_);
    ASSERT_TRUE(admin.ok()) << admin.status();
    const absl::Status slots = (*admin)->Execute(
        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = '" +
            name + "'",
        "drop slots");
    ASSERT_TRUE(slots.ok()) << slots;
    const absl::Status dropped =
        (*admin)->Execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "drop");
    ASSERT_TRUE(dropped.ok()) << dropped;
    ASSERT_TRUE((*admin)->Execute("CREATE DATABASE " + name, "create").ok());
    const std::string from = "/orgnet_test?";
    uri_ = server_;
    uri_.replace(uri_.find(from), from.size(), "/" + name + "?");
    auto c = internal::PgConnection::Connect(uri_);
    ASSERT_TRUE(c.ok()) << c.status();
    db_ = *std::move(c);
    const absl::Status made = db_->Execute(
        "CREATE TABLE manifest (key text PRIMARY KEY, value text);"
        "INSERT INTO manifest VALUES ('version', '1');"
        "CREATE TABLE orgs (id text PRIMARY KEY, name text, kind text, parent text, grid text,"
        "  level text);"
        "INSERT INTO orgs VALUES ('D1', '区委', 'district', NULL, NULL, 'committee'),"
        "  ('S1', '街道党工委', 'street', 'D1', NULL, 'committee'),"
        "  ('C1', '社区党委', 'community', 'S1', NULL, 'committee'),"
        "  ('C2', '第二社区党委', 'community', 'S1', NULL, 'committee'),"
        "  ('B1', '第一支部', 'branch', 'C1', NULL, 'branch');"
        "CREATE TABLE members (id text PRIMARY KEY, name text, org text, status text, unit text,"
        "  community text, mobile boolean, station text, away_since timestamptz,"
        "  last_contact date);"
        "INSERT INTO members VALUES ('M1', '张三', 'B1', 'formal', NULL, 'C1', false, NULL, NULL,"
        "  '2026-01-05'), ('M2', '李四', 'B1', 'probationary', NULL, NULL, NULL, NULL, NULL, NULL);"
        "CREATE TABLE links (a text, b text, kind text, since date, until date);"
        "ALTER TABLE links REPLICA IDENTITY FULL;"
        "INSERT INTO links VALUES ('C1', 'C2', 'pairing', '2024-01-01', NULL);",
        "filling");
    ASSERT_TRUE(made.ok()) << made;
  }

  void TearDown() override {
    if (db_ == nullptr) return;
    (void)db_->Execute(
        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = "
        "current_database() AND NOT active",
        "dropping slots");
  }

  void Run(const std::string& sql) {
    const absl::Status s = db_->Execute(sql, "a change");
    ASSERT_TRUE(s.ok()) << s << "\n" << sql;
  }

  // The follower's latest version equals a fresh load of the database.
  void ExpectCurrent(const Follower& follower, const std::string& after) {
    auto fresh = Network::LoadDatabase(uri_, "");
    ASSERT_TRUE(fresh.ok()) << fresh.status();
    EXPECT_EQ(Rows(follower.latest().network), Rows(*fresh)) << "after " << after;
  }

  std::string server_, uri_;
  std::unique_ptr<internal::PgConnection> db_;
};

TEST_F(FollowerTest, EachCommittedTransactionIsOneVersionEqualToAFreshLoad) {
  FollowerOptions options;
  options.slot = "orgnet_test_follow";
  options.publication = "orgnet_test_follow";
  std::vector<std::uint64_t> seen;
  options.on_version = [&](const FollowedVersion& v) { seen.push_back(v.transactions); };
  auto follower = Follower::Start(uri_, "", options);
  ASSERT_TRUE(follower.ok()) << follower.status();
  ExpectCurrent(**follower, "the start");
  EXPECT_EQ((*follower)->latest().transactions, 0u);
  const std::uint64_t first_version = (*follower)->latest().network.version();
  const std::vector<std::string> steps = {
      "UPDATE members SET org = 'C2', community = 'C2' WHERE id = 'M1'",  // a transfer
      "BEGIN; INSERT INTO members VALUES ('M3', '王五', 'B1', 'formal', NULL, NULL, true, 'C1',"
      "  '2026-03-01 23:30:00+00', NULL); DELETE FROM members WHERE id = 'M2'; COMMIT",
      "UPDATE members SET id = 'M9' WHERE id = 'M3'",  // an id changed
      "BEGIN; UPDATE orgs SET name = '新支部', parent = 'C2' WHERE id = 'B1';"
      "  INSERT INTO orgs VALUES ('B2', '第二支部', 'branch', 'C1', NULL, 'branch'); COMMIT",
      "INSERT INTO links VALUES ('B1', 'B2', 'pairing', '2026-05-01', NULL)",
      "UPDATE links SET until = '2026-11-30' WHERE a = 'C1' AND b = 'C2'",  // a link ended
      // A row of a table without ids inserted, then an older one found and removed.
      "BEGIN; INSERT INTO links VALUES ('C2', 'C1', 'joint_meeting', '2026-06-01', NULL);"
      "  DELETE FROM links WHERE a = 'C1' AND b = 'C2' AND kind = 'pairing'; COMMIT",
      // One row of a table without ids changed twice in a transaction: found by its new cells.
      "BEGIN; UPDATE links SET until = '2026-12-31' WHERE kind = 'joint_meeting';"
      "  UPDATE links SET since = '2026-06-02' WHERE kind = 'joint_meeting'; COMMIT",
      "DELETE FROM links WHERE a = 'B1'",
      "BEGIN; UPDATE members SET org = NULL WHERE id = 'M9'; DELETE FROM orgs WHERE id = 'B2';"
      "  COMMIT",  // a branch dissolved, its member unattached first
  };
  for (std::size_t i = 0; i < steps.size(); ++i) {
    Run(steps[i]);
    ASSERT_TRUE((*follower)->WaitForTransactions(i + 1, std::chrono::seconds(20)))
        << steps[i] << ": " << (*follower)->status().error;
    ExpectCurrent(**follower, steps[i]);
  }
  const FollowerStatus status = (*follower)->status();
  EXPECT_TRUE(status.running);
  EXPECT_FALSE(status.diverged);
  EXPECT_EQ(status.transactions, steps.size());
  EXPECT_GT((*follower)->latest().lsn, 0u);
  EXPECT_GT((*follower)->latest().commit_time, std::int64_t{1700000000} * 1000000);
  EXPECT_NE((*follower)->latest().network.version(), first_version);
  std::vector<std::uint64_t> want;
  for (std::uint64_t n = 1; n <= steps.size(); ++n) want.push_back(n);
  EXPECT_EQ(seen, want);  // one callback per transaction, in commit order
  EXPECT_TRUE((*follower)->Stop().ok());
  EXPECT_TRUE((*follower)->Stop().ok());  // idempotent
}

TEST_F(FollowerTest, ARefusedTransactionStopsOrIsSkipped) {
  FollowerOptions stop;
  stop.slot = "orgnet_test_stop";
  stop.publication = "orgnet_test_refused";
  auto stopping = Follower::Start(uri_, "", stop);
  ASSERT_TRUE(stopping.ok()) << stopping.status();
  FollowerOptions skip = stop;
  skip.slot = "orgnet_test_skip";
  skip.on_bad_transaction = BadTransactionPolicy::kSkip;
  auto skipping = Follower::Start(uri_, "", skip);
  ASSERT_TRUE(skipping.ok()) << skipping.status();
  const Network before = (*stopping)->latest().network;
  // A member of an organization the database does not check (no foreign key).
  Run("INSERT INTO members VALUES ('M7', '赵六', 'O404', 'formal', NULL, NULL, NULL, NULL, NULL,"
      " NULL)");
  Run("UPDATE orgs SET name = '改名' WHERE id = 'C2'");
  // The stopping follower keeps its last good version and says why.
  ASSERT_FALSE((*stopping)->WaitForTransactions(1, std::chrono::seconds(5)));
  const FollowerStatus stopped = (*stopping)->status();
  EXPECT_FALSE(stopped.running);
  EXPECT_EQ(stopped.error.code(), absl::StatusCode::kInvalidArgument) << stopped.error;
  const std::string message(stopped.error.message());
  EXPECT_NE(message.find("the transaction committed at LSN "), std::string::npos) << message;
  EXPECT_NE(message.find("members"), std::string::npos) << message;
  EXPECT_NE(message.find("M7"), std::string::npos) << message;
  EXPECT_NE(message.find("O404"), std::string::npos) << message;
  EXPECT_EQ(Rows((*stopping)->latest().network), Rows(before));
  EXPECT_EQ((*stopping)->Stop().code(), absl::StatusCode::kInvalidArgument);
  // The skipping one goes on past it: the rename arrives, the member does not.
  ASSERT_TRUE((*skipping)->WaitForTransactions(1, std::chrono::seconds(20)))
      << (*skipping)->status().error;
  const FollowerStatus skipped = (*skipping)->status();
  EXPECT_TRUE(skipped.running);
  EXPECT_TRUE(skipped.diverged);
  EXPECT_EQ(skipped.skipped, 1u);
  EXPECT_NE(skipped.last_skipped.find("M7"), std::string::npos) << skipped.last_skipped;
  const Network& now = (*skipping)->latest().network;
  EXPECT_EQ(now.org_name(*now.Find(Table::kOrgs, "C2")), "改名");
  EXPECT_FALSE(now.Find(Table::kMembers, "M7").has_value());
}

// Refresh on a diverged follower: refused while the database still holds the bad row, then,
// mended, the version equals the database again although another connection kept committing
// during the refresh: members inserted and removed (applied twice, an insert or removal is
// refused and counted as skipped) and links added (applied twice, a duplicate link, refused).
TEST_F(FollowerTest, RefreshBringsADivergedFollowerBack) {
  const std::string folder =
      (std::filesystem::temp_directory_path() / ("orgnet-refresh-" + std::to_string(::getpid())))
          .string();
  std::filesystem::remove_all(folder);
  FollowerOptions options;
  options.slot = "orgnet_test_refresh";
  options.publication = "orgnet_test_refresh";
  options.on_bad_transaction = BadTransactionPolicy::kSkip;
  options.snapshot_folder = folder;
  options.snapshot_seconds = 0;
  options.snapshot_transactions = 1;
  std::vector<std::uint64_t> seen;
  options.on_version = [&](const FollowedVersion& v) { seen.push_back(v.transactions); };
  auto follower = Follower::Start(uri_, "", options);
  ASSERT_TRUE(follower.ok()) << follower.status();
  Follower& f = **follower;
  // Nothing differs: the latest version comes back and no new one is made.
  std::size_t edits = 99;
  const std::uint64_t loaded = f.latest().network.version();
  auto same = f.Refresh(&edits);
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_EQ(edits, 0u);
  EXPECT_EQ(same->network.version(), loaded);
  const std::uint64_t first_snapshot = f.status().snapshot_lsn;
  ASSERT_GT(first_snapshot, 0u);
  // Diverged: the bad member is skipped, the rename applied, and no snapshot written.
  Run("INSERT INTO members VALUES ('M7', '赵六', 'O404', 'formal', NULL, NULL, NULL, NULL, NULL,"
      " NULL)");
  Run("UPDATE orgs SET name = '改名' WHERE id = 'C2'");
  ASSERT_TRUE(f.WaitForTransactions(1, std::chrono::seconds(20))) << f.status().error;
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_TRUE(f.status().diverged);
  EXPECT_EQ(f.status().snapshot_lsn, first_snapshot);
  // Refused as the database stands: the follower goes on, still diverged.
  auto refused = f.Refresh(&edits);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument) << refused.status();
  EXPECT_NE(refused.status().message().find("M7"), std::string::npos) << refused.status();
  EXPECT_NE(refused.status().message().find("O404"), std::string::npos) << refused.status();
  EXPECT_EQ(edits, 0u);
  EXPECT_TRUE(f.status().diverged);
  EXPECT_TRUE(f.status().running);
  Run("UPDATE orgs SET name = '又改名' WHERE id = 'C2'");
  ASSERT_TRUE(f.WaitForTransactions(2, std::chrono::seconds(20))) << f.status().error;
  // Mended, and refreshed while another connection commits.
  // The mending transaction itself is refused too: the diverged version has no M7 to remove.
  Run("DELETE FROM members WHERE id = 'M7'");
  for (int i = 0; i < 200 && f.status().skipped < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(f.status().skipped, 2u);
  EXPECT_NE(f.status().last_skipped.find("no row with id \"M7\""), std::string::npos)
      << f.status().last_skipped;
  auto writer_connection = internal::PgConnection::Connect(uri_);
  ASSERT_TRUE(writer_connection.ok()) << writer_connection.status();
  std::atomic<bool> refreshed{false};
  std::atomic<int> written{0};
  std::string writer_error;
  std::thread writer([&] {
    for (int i = 0; !refreshed.load() || i < written.load() + 40; ++i) {
      const std::string id = "W" + std::to_string(i);
      std::string sql = "INSERT INTO members VALUES ('" + id +
                        "', '成员', 'B1', 'formal', NULL, NULL, NULL, NULL, NULL, NULL)";
      if (i % 3 == 2) sql = "DELETE FROM members WHERE id = 'W" + std::to_string(i - 1) + "'";
      if (i % 5 == 4) {
        sql = "INSERT INTO links VALUES ('C1', 'B1', 'pairing', date '2020-01-01' + " +
              std::to_string(i) + ", NULL)";
      }
      const absl::Status s = (*writer_connection)->Execute(sql, "a change");
      if (!s.ok()) {
        writer_error = s.ToString();
        return;
      }
      if (!refreshed.load()) written.store(i + 1);
      if (i > 5000) return;
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  auto back = f.Refresh(&edits);
  refreshed.store(true);
  writer.join();
  ASSERT_TRUE(back.ok()) << back.status();
  ASSERT_TRUE(writer_error.empty()) << writer_error;
  EXPECT_GT(edits, 0u);
  EXPECT_FALSE(f.status().diverged);
  EXPECT_GT(written.load(), 0);
  // Caught up: the server's position reached, then the version equals a fresh load.
  auto position = db_->Query("SELECT pg_current_wal_lsn()::text", "the position");
  ASSERT_TRUE(position.ok());
  unsigned long long high = 0, low = 0;
  ASSERT_EQ(std::sscanf(PQgetvalue(position->get(), 0, 0), "%llX/%llX", &high, &low), 2);
  const std::uint64_t end = (high << 32) | low;
  for (int i = 0; i < 200 && f.status().applied_lsn < end; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_GE(f.status().applied_lsn, end);
  ExpectCurrent(f, "the refresh and the commits around it");
  const FollowerStatus status = f.status();
  EXPECT_TRUE(status.running) << status.error;
  EXPECT_FALSE(status.diverged);
  EXPECT_EQ(status.skipped, 2u) << status.last_skipped;  // the bad member and its removal
  // Snapshots resume past the refresh; a restart from the newest equals the database.
  for (int i = 0; i < 100 && f.status().snapshot_lsn <= back->lsn; ++i) {
    Run("UPDATE orgs SET name = '再改名" + std::to_string(i) + "' WHERE id = 'C1'");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_GT(f.status().snapshot_lsn, back->lsn);
  ASSERT_TRUE(f.Stop().ok());
  auto refused_stopped = f.Refresh();
  EXPECT_EQ(refused_stopped.status().code(), absl::StatusCode::kFailedPrecondition);
  Run("INSERT INTO members VALUES ('M8', '钱七', 'B1', 'formal', NULL, NULL, NULL, NULL, NULL,"
      " NULL)");
  options.on_version = nullptr;
  auto again = Follower::Start(uri_, "", options);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE((*again)->status().resumed);
  ASSERT_TRUE((*again)->WaitForTransactions(1, std::chrono::seconds(20)))
      << (*again)->status().error;
  ExpectCurrent(**again, "the restart");
  EXPECT_EQ((*again)->status().skipped, 0u);
  (void)(*again)->Stop();
  std::filesystem::remove_all(folder);
}

TEST_F(FollowerTest, StartRefusesWhatItCannotFollow) {
  Run("CREATE TABLE bare_links (a text, b text, kind text, since date, until date)");
  FollowerOptions options;
  options.slot = "orgnet_test_refuse";
  options.publication = "orgnet_test_refuse";
  auto no_identity = Follower::Start(
      uri_, R"({"tables": {"links": {"table": "bare_links"}}})", options);
  ASSERT_FALSE(no_identity.ok());
  EXPECT_EQ(no_identity.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(no_identity.status().message().find("public.bare_links has no id column: ALTER "
                                                "TABLE public.bare_links REPLICA IDENTITY FULL"),
            std::string::npos)
      << no_identity.status();
  auto query = Follower::Start(
      uri_, R"({"tables": {"members": {"query": "SELECT * FROM members"}}})", options);
  ASSERT_FALSE(query.ok());
  EXPECT_NE(query.status().message().find("a query cannot be followed"), std::string::npos)
      << query.status();
  Run("CREATE VIEW orgs_view AS SELECT * FROM orgs");
  auto view = Follower::Start(uri_, R"({"tables": {"orgs": {"table": "orgs_view"}}})", options);
  ASSERT_FALSE(view.ok());
  EXPECT_NE(view.status().message().find("a view cannot be followed"), std::string::npos)
      << view.status();
  // Nothing was created by the refusals: no publication, no slot.
  auto published = db_->Query("SELECT count(*) FROM pg_publication WHERE pubname = "
                              "'orgnet_test_refuse'", "checking");
  ASSERT_TRUE(published.ok());
  EXPECT_EQ(std::string(PQgetvalue(published->get(), 0, 0)), "0");
  auto first = Follower::Start(uri_, "", options);
  ASSERT_TRUE(first.ok()) << first.status();
  auto second = Follower::Start(uri_, "", options);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(second.status().message().find("the replication slot \"orgnet_test_refuse\" exists"),
            std::string::npos)
      << second.status();
}

#endif

TEST(Follower, ABuildWithoutDatabaseSupportSaysSo) {
  if (Network::HasDatabaseSupport()) GTEST_SKIP() << "this build has database support";
  auto follower = Follower::Start("postgresql:///x", "");
  ASSERT_FALSE(follower.ok());
  EXPECT_EQ(follower.status().code(), absl::StatusCode::kUnimplemented);
}

}  // namespace
}  // namespace orgnet
