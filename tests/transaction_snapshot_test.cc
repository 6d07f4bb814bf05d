// TransactionSnapshot (src/database/transaction_snapshot.h): the text form parsed and refused
// when malformed; which 32-bit ids a snapshot sees, worked by hand, across the 2^32 wraparound;
// and, with the test server (ORGNET_TEST_DATABASE), a snapshot the server takes sees the
// transactions committed before it and neither the one in progress then nor those begun after.
#include "database/transaction_snapshot.h"

#include <cstdlib>
#include <string>

#include "gtest/gtest.h"

#ifdef ORGNET_TEST_HAS_LIBPQ
#include "database/pg_connection.h"
#endif

namespace orgnet::internal {
namespace {

TEST(TransactionSnapshot, ParsesTheServersTextAndRefusesAnythingElse) {
  auto s = TransactionSnapshot::Parse("740:760:744,751");
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->xmin(), 740u);
  EXPECT_EQ(s->xmax(), 760u);
  ASSERT_TRUE(TransactionSnapshot::Parse("9:9:").ok());
  for (const char* bad : {"", "9", "9:9", "x:9:", "9:x:", "10:9:", "9:12:13", "9:12:8",
                          "9:12:10,", "9:12:,10", "9:12:10,,11", "-1:3:", "9:12:10 "}) {
    const auto refused = TransactionSnapshot::Parse(bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kDataLoss) << bad;
    EXPECT_NE(refused.status().message().find("a transaction snapshot the server sent"),
              std::string::npos);
  }
}

TEST(TransactionSnapshot, SeesWhatEndedBeforeItByHand) {
  auto s = TransactionSnapshot::Parse("740:760:744,751");
  ASSERT_TRUE(s.ok());
  // Below xmin: ended. Between xmin and xmax: ended unless listed in progress. From xmax on:
  // begun after the snapshot.
  EXPECT_TRUE(s->Sees(3));
  EXPECT_TRUE(s->Sees(739));
  EXPECT_TRUE(s->Sees(740));
  EXPECT_FALSE(s->Sees(744));
  EXPECT_TRUE(s->Sees(745));
  EXPECT_FALSE(s->Sees(751));
  EXPECT_TRUE(s->Sees(759));
  EXPECT_FALSE(s->Sees(760));
  EXPECT_FALSE(s->Sees(761));
  EXPECT_FALSE(s->Sees(0xFFFFFFF0u));  // would be 2^32 - 16 below 760: nothing is that old
}

TEST(TransactionSnapshot, WidensIdsAcrossTheWraparound) {
  // Epoch 1: xmax = 2^32 + 5, so 32-bit id 5 is xmax itself and 0xFFFFFFF0 is 2^32 - 16.
  const std::uint64_t epoch = std::uint64_t{1} << 32;
  const std::string text = std::to_string(epoch - 20) + ":" + std::to_string(epoch + 5) + ":" +
                           std::to_string(epoch - 16) + "," + std::to_string(epoch + 2);
  auto s = TransactionSnapshot::Parse(text);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_FALSE(s->Sees(0xFFFFFFF0u));  // in progress
  EXPECT_TRUE(s->Sees(0xFFFFFFF1u));
  EXPECT_TRUE(s->Sees(0xFFFFFFFFu));
  EXPECT_TRUE(s->Sees(1));
  EXPECT_FALSE(s->Sees(2));  // in progress
  EXPECT_TRUE(s->Sees(4));
  EXPECT_FALSE(s->Sees(5));
  EXPECT_FALSE(s->Sees(6));
  EXPECT_TRUE(s->Sees(0xFFFFFF00u));  // 2^32 - 256: before xmin, ended
}

#ifdef ORGNET_TEST_HAS_LIBPQ
std::uint32_t CommitOne(PgConnection& c) {
  auto r = c.Query("BEGIN; INSERT INTO transaction_snapshot_test VALUES (1); "
                   "SELECT txid_current() % 4294967296; ",
                   "a transaction");
  EXPECT_TRUE(r.ok()) << r.status();
  const std::uint32_t xid =
      r.ok() ? static_cast<std::uint32_t>(std::stoul(PQgetvalue(r->get(), 0, 0))) : 0;
  EXPECT_TRUE(c.Execute("COMMIT", "commit").ok());
  return xid;
}

TEST(TransactionSnapshot, AgreesWithTheServer) {
  const char* uri = std::getenv("ORGNET_TEST_DATABASE");
  if (uri == nullptr) GTEST_SKIP() << "no test server (ORGNET_TEST_DATABASE)";
  auto a = PgConnection::Connect(uri);
  auto b = PgConnection::Connect(uri);
  auto reader = PgConnection::Connect(uri);
  ASSERT_TRUE(a.ok() && b.ok() && reader.ok());
  ASSERT_TRUE((*a)->Execute("DROP TABLE IF EXISTS transaction_snapshot_test; "
                            "CREATE TABLE transaction_snapshot_test (n int)",
                            "table").ok());
  const std::uint32_t before = CommitOne(**a);
  // A transaction in progress while the snapshot is taken, committed after it.
  auto open = (*b)->Query("BEGIN; INSERT INTO transaction_snapshot_test VALUES (2); "
                          "SELECT txid_current() % 4294967296",
                          "an open transaction");
  ASSERT_TRUE(open.ok()) << open.status();
  const auto in_progress = static_cast<std::uint32_t>(std::stoul(PQgetvalue(open->get(), 0, 0)));
  auto taken = (*reader)->Query("BEGIN ISOLATION LEVEL REPEATABLE READ; "
                                "SELECT txid_current_snapshot()::text",
                                "the snapshot");
  ASSERT_TRUE(taken.ok()) << taken.status();
  auto snapshot = TransactionSnapshot::Parse(PQgetvalue(taken->get(), 0, 0));
  ASSERT_TRUE(snapshot.ok()) << snapshot.status();
  ASSERT_TRUE((*b)->Execute("COMMIT", "commit").ok());
  const std::uint32_t after = CommitOne(**a);
  EXPECT_TRUE(snapshot->Sees(before));
  EXPECT_FALSE(snapshot->Sees(in_progress));
  EXPECT_FALSE(snapshot->Sees(after));
  // The server agrees: in its snapshot, the rows of `before` only.
  auto counted = (*reader)->Query("SELECT count(*) FROM transaction_snapshot_test WHERE n = 2",
                                  "counting");
  ASSERT_TRUE(counted.ok());
  EXPECT_STREQ(PQgetvalue(counted->get(), 0, 0), "0");
  ASSERT_TRUE((*reader)->Execute("COMMIT", "end").ok());
}
#endif

}  // namespace
}  // namespace orgnet::internal
