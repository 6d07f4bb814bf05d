// The logical replication messages (src/database/pgoutput.h): crafted messages of every kind,
// written here byte by byte from PostgreSQL's "Logical Replication Message Formats", decode to
// their fields; every shorter prefix of each is refused with the offset where it ends; and, with
// the test server (ORGNET_TEST_DATABASE), the messages PostgreSQL's own pgoutput sends for a
// transaction (read with pg_logical_slot_peek_binary_changes) decode to the rows written.
#include "database/pgoutput.h"

#include <cstdlib>
#include <string>
#include <vector>

#include "gtest/gtest.h"

#ifdef ORGNET_TEST_HAS_LIBPQ
#include "database/pg_connection.h"
#endif

namespace orgnet::internal {
namespace {

// Big-endian fields, as the protocol sends them.
struct Bytes {
  std::string data;
  Bytes& Byte(char c) { data.push_back(c); return *this; }
  Bytes& Int(std::uint64_t value, int size) {
    for (int i = size - 1; i >= 0; --i) data.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
    return *this;
  }
  Bytes& String(std::string_view s) { data.append(s); data.push_back('\0'); return *this; }
  Bytes& Text(std::string_view s) { Byte('t'); Int(s.size(), 4); data.append(s); return *this; }
};

std::string Relation() {
  Bytes b;
  b.Byte('R').Int(16384, 4).String("public").String("orgs").Byte('d').Int(3, 2);
  b.Byte(1).String("id").Int(25, 4).Int(0xffffffff, 4);
  b.Byte(0).String("name").Int(1043, 4).Int(68, 4);
  b.Byte(0).String("since").Int(1082, 4).Int(0xffffffff, 4);
  return b.data;
}

std::string Update() {
  Bytes b;
  b.Byte('U').Int(16384, 4).Byte('K').Int(3, 2).Text("O1").Byte('n').Byte('n');
  b.Byte('N').Int(3, 2).Text("O2").Byte('u').Byte('n');
  return b.data;
}

TEST(Pgoutput, EveryMessageKindDecodes) {
  {
    Bytes b;
    b.Byte('B').Int(0x16B374D848ull, 8).Int(123456789, 8).Int(742, 4);
    auto m = DecodePgoutput(b.data);
    ASSERT_TRUE(m.ok()) << m.status();
    EXPECT_EQ(m->kind, PgoutputMessage::Kind::kBegin);
    EXPECT_EQ(FormatLsn(m->lsn), "16/B374D848");
    EXPECT_EQ(m->time, 123456789);
    EXPECT_EQ(m->xid, 742u);
  }
  {
    Bytes b;
    b.Byte('C').Byte(0).Int(0x100, 8).Int(0x180, 8).Int(42, 8);
    auto m = DecodePgoutput(b.data);
    ASSERT_TRUE(m.ok()) << m.status();
    EXPECT_EQ(m->kind, PgoutputMessage::Kind::kCommit);
    EXPECT_EQ(m->lsn, 0x100u);
    EXPECT_EQ(m->end_lsn, 0x180u);
    EXPECT_EQ(m->time, 42);
  }
  {
    const std::string bytes = Relation();  // (the message's views point into it)
    auto m = DecodePgoutput(bytes);
    ASSERT_TRUE(m.ok()) << m.status();
    EXPECT_EQ(m->relation, 16384u);
    EXPECT_EQ(m->schema, "public");
    EXPECT_EQ(m->name, "orgs");
    EXPECT_EQ(m->replica_identity, 'd');
    ASSERT_EQ(m->columns.size(), 3u);
    EXPECT_TRUE(m->columns[0].key);
    EXPECT_EQ(m->columns[1].name, "name");
    EXPECT_EQ(m->columns[1].type, 1043u);
    EXPECT_EQ(m->columns[1].type_modifier, 68);
    EXPECT_FALSE(m->columns[2].key);
    EXPECT_EQ(m->columns[2].type_modifier, -1);
  }
  {
    Bytes b;
    b.Byte('I').Int(16384, 4).Byte('N').Int(3, 2).Text("O1").Text("街道党工委").Byte('n');
    auto m = DecodePgoutput(b.data);
    ASSERT_TRUE(m.ok()) << m.status();
    EXPECT_EQ(m->kind, PgoutputMessage::Kind::kInsert);
    ASSERT_EQ(m->new_values.size(), 3u);
    EXPECT_EQ(m->new_values[1].kind, PgoutputValue::Kind::kText);
    EXPECT_EQ(m->new_values[1].bytes, "街道党工委");
    EXPECT_EQ(m->new_values[2].kind, PgoutputValue::Kind::kNull);
    EXPECT_EQ(m->old_kind, 0);
  }
  {
    const std::string bytes = Update();
    auto m = DecodePgoutput(bytes);
    ASSERT_TRUE(m.ok()) << m.status();
    EXPECT_EQ(m->old_kind, 'K');
    ASSERT_EQ(m->old_values.size(), 3u);
    EXPECT_EQ(m->old_values[0].bytes, "O1");
    ASSERT_EQ(m->new_values.size(), 3u);
    EXPECT_EQ(m->new_values[0].bytes, "O2");
    EXPECT_EQ(m->new_values[1].kind, PgoutputValue::Kind::kUnchanged);
  }
  {
    Bytes b;  // an update that leaves the key: no old tuple
    b.Byte('U').Int(7, 4).Byte('N').Int(1, 2).Text("x");
    auto m = DecodePgoutput(b.data);
    ASSERT_TRUE(m.ok()) << m.status();
    EXPECT_EQ(m->old_kind, 0);
    EXPECT_EQ(m->new_values.size(), 1u);
  }
  {
    Bytes b;  // a delete under REPLICA IDENTITY FULL: the old row
    b.Byte('D').Int(7, 4).Byte('O').Int(2, 2).Text("O1").Text("O2");
    auto m = DecodePgoutput(b.data);
    ASSERT_TRUE(m.ok()) << m.status();
    EXPECT_EQ(m->old_kind, 'O');
    EXPECT_EQ(m->old_values[1].bytes, "O2");
    EXPECT_TRUE(m->new_values.empty());
  }
  {
    Bytes b;
    b.Byte('T').Int(2, 4).Byte(1).Int(7, 4).Int(9, 4);
    auto m = DecodePgoutput(b.data);
    ASSERT_TRUE(m.ok()) << m.status();
    EXPECT_EQ(m->truncated, (std::vector<std::uint32_t>{7, 9}));
    EXPECT_EQ(m->flags, 1);
  }
  {
    Bytes b;
    b.Byte('O').Int(5, 8).String("node_a");
    auto m = DecodePgoutput(b.data);
    ASSERT_TRUE(m.ok()) << m.status();
    EXPECT_EQ(m->name, "node_a");
    Bytes y;
    y.Byte('Y').Int(90001, 4).String("public").String("status");
    auto t = DecodePgoutput(y.data);
    ASSERT_TRUE(t.ok()) << t.status();
    EXPECT_EQ(t->name, "status");
    Bytes msg;
    msg.Byte('M').Byte(1).Int(9, 8).String("p").Int(3, 4);
    msg.data += "abc";
    auto mm = DecodePgoutput(msg.data);
    ASSERT_TRUE(mm.ok()) << mm.status();
    EXPECT_EQ(mm->content, "abc");
  }
}

// Every proper prefix of a valid message is refused, naming the message and an offset within
// it; a byte more is refused too.
TEST(Pgoutput, ShortAndLongMessagesAreRefused) {
  Bytes insert;
  insert.Byte('I').Int(1, 4).Byte('N').Int(2, 2).Text("O1").Byte('n');
  Bytes commit;
  commit.Byte('C').Byte(0).Int(1, 8).Int(2, 8).Int(3, 8);
  for (const std::string& whole : {Relation(), Update(), insert.data, commit.data}) {
    for (std::size_t n = 0; n < whole.size(); ++n) {
      auto m = DecodePgoutput(whole.substr(0, n));
      ASSERT_FALSE(m.ok()) << n;
      EXPECT_NE(m.status().message().find("logical replication: "), std::string_view::npos);
      EXPECT_NE(m.status().message().find(", byte "), std::string_view::npos) << m.status();
    }
    auto longer = DecodePgoutput(whole + "x");
    ASSERT_FALSE(longer.ok());
    EXPECT_NE(longer.status().message().find("1 bytes after the message"), std::string_view::npos)
        << longer.status();
  }
  auto unknown = DecodePgoutput("S");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("unknown message kind \"S\""), std::string_view::npos)
      << unknown.status();
  Bytes bad_value;
  bad_value.Byte('I').Int(1, 4).Byte('N').Int(1, 2).Byte('x');
  auto bad = DecodePgoutput(bad_value.data);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "logical replication: Insert message, byte 8: column 1: unknown value kind \"x\" "
            "(expected n, u, t or b)");
  Bytes negative;
  negative.Byte('I').Int(1, 4).Byte('N').Int(1, 2).Byte('t').Int(0xffffffff, 4);
  EXPECT_FALSE(DecodePgoutput(negative.data).ok());
  Bytes huge_truncate;  // a count the message cannot hold is refused before any allocation
  huge_truncate.Byte('T').Int(0xffffffff, 4).Byte(0);
  EXPECT_FALSE(DecodePgoutput(huge_truncate.data).ok());
}

TEST(Pgoutput, WalsenderMessagesAndTheStatusUpdate) {
  Bytes w;
  w.Byte('w').Int(0x10, 8).Int(0x20, 8).Int(99, 8).data += "Bpayload";
  auto data = DecodeReplicationMessage(w.data);
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_EQ(data->kind, ReplicationMessage::Kind::kXLogData);
  EXPECT_EQ(data->wal_start, 0x10u);
  EXPECT_EQ(data->wal_end, 0x20u);
  EXPECT_EQ(data->payload, "Bpayload");
  Bytes k;
  k.Byte('k').Int(0x30, 8).Int(7, 8).Byte(1);
  auto keepalive = DecodeReplicationMessage(k.data);
  ASSERT_TRUE(keepalive.ok()) << keepalive.status();
  EXPECT_EQ(keepalive->kind, ReplicationMessage::Kind::kKeepalive);
  EXPECT_EQ(keepalive->wal_end, 0x30u);
  EXPECT_TRUE(keepalive->reply_requested);
  for (std::size_t n = 0; n < k.data.size(); ++n) {
    EXPECT_FALSE(DecodeReplicationMessage(k.data.substr(0, n)).ok()) << n;
  }
  EXPECT_FALSE(DecodeReplicationMessage("q").ok());
  Bytes want;
  want.Byte('r').Int(1, 8).Int(2, 8).Int(3, 8).Int(4, 8).Byte(0);
  EXPECT_EQ(StandbyStatusUpdate(1, 2, 3, 4, false), want.data);
  // The protocol's clock counts from 2000-01-01: 2026 is about 26 years of microseconds on.
  EXPECT_GT(ReplicationNow(), std::int64_t{26} * 365 * 86400 * 1000000);
  EXPECT_EQ(FormatLsn(0), "0/0");
}

#ifdef ORGNET_TEST_HAS_LIBPQ
// PostgreSQL's own pgoutput, through the SQL interface to a slot: one transaction that inserts,
// updates (the key too) and deletes decodes, message by message, to what it did.
TEST(Pgoutput, DecodesWhatTheServerSends) {
  const char* uri = std::getenv("ORGNET_TEST_DATABASE");
  if (uri == nullptr) GTEST_SKIP() << "no test server (ORGNET_TEST_DATABASE)";
  auto connected = PgConnection::Connect(uri);
  ASSERT_TRUE(connected.ok()) << connected.status();
  PgConnection& c = **connected;
  const std::string setup =
      "DROP TABLE IF EXISTS pgoutput_test; "
      "CREATE TABLE pgoutput_test (id text PRIMARY KEY, name varchar(20), since date, n int); "
      "DROP PUBLICATION IF EXISTS pgoutput_test; "
      "CREATE PUBLICATION pgoutput_test FOR TABLE pgoutput_test; "
      "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
      "  WHERE slot_name = 'pgoutput_test';";
  const absl::Status set_up = c.Execute(setup, "setup");
  ASSERT_TRUE(set_up.ok()) << set_up;
  // (A slot is made in a transaction of its own.)
  const absl::Status slot = c.Execute(
      "SELECT pg_create_logical_replication_slot('pgoutput_test', 'pgoutput')", "the slot");
  ASSERT_TRUE(slot.ok()) << slot;
  ASSERT_TRUE(c.Execute("BEGIN; "
                        "INSERT INTO pgoutput_test VALUES ('O1', '社区', '2024-02-29', 7), "
                        "  ('O2', NULL, NULL, NULL); "
                        "UPDATE pgoutput_test SET id = 'O3', n = 8 WHERE id = 'O1'; "
                        "UPDATE pgoutput_test SET name = 'x' WHERE id = 'O2'; "
                        "DELETE FROM pgoutput_test WHERE id = 'O2'; COMMIT;",
                        "writing")
                  .ok());
  auto result = c.Query(
      "SELECT data FROM pg_logical_slot_peek_binary_changes('pgoutput_test', NULL, NULL, "
      "'proto_version', '1', 'publication_names', 'pgoutput_test')",
      "reading the slot");
  ASSERT_TRUE(result.ok()) << result.status();
  std::vector<std::string> messages;
  for (int r = 0; r < PQntuples(result->get()); ++r) {
    // bytea in the server's hex text: \x...
    const std::string hex = PQgetvalue(result->get(), r, 0);
    std::string bytes;
    for (std::size_t i = 2; i + 1 < hex.size(); i += 2) {
      bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    }
    messages.push_back(bytes);
  }
  std::string seen;
  std::vector<PgoutputMessage> decoded;
  for (const std::string& bytes : messages) {
    auto m = DecodePgoutput(bytes);
    ASSERT_TRUE(m.ok()) << m.status();
    seen.push_back(static_cast<char>(m->kind));
    decoded.push_back(*m);
  }
  // Begin, the relation before its first change, two inserts, two updates, a delete, commit.
  EXPECT_EQ(seen, "BRIIUUDC");
  EXPECT_EQ(decoded[1].name, "pgoutput_test");
  ASSERT_EQ(decoded[1].columns.size(), 4u);
  EXPECT_TRUE(decoded[1].columns[0].key);
  EXPECT_EQ(decoded[1].columns[2].type, 1082u);  // date
  const auto& first = decoded[2].new_values;
  ASSERT_EQ(first.size(), 4u);
  EXPECT_EQ(first[1].bytes, "社区");
  EXPECT_EQ(first[2].bytes, "2024-02-29");
  EXPECT_EQ(first[3].bytes, "7");
  EXPECT_EQ(decoded[3].new_values[1].kind, PgoutputValue::Kind::kNull);
  EXPECT_EQ(decoded[4].old_kind, 'K');  // the key changed: the old key is sent
  EXPECT_EQ(decoded[4].old_values[0].bytes, "O1");
  EXPECT_EQ(decoded[4].new_values[0].bytes, "O3");
  EXPECT_EQ(decoded[5].old_kind, 0);  // the key stayed: no old tuple
  EXPECT_EQ(decoded[6].old_kind, 'K');
  EXPECT_EQ(decoded[6].old_values[0].bytes, "O2");
  EXPECT_EQ(decoded[0].lsn, decoded[7].lsn);  // Begin's final LSN is the commit's
  EXPECT_EQ(decoded[0].xid != 0, true);
  ASSERT_TRUE(c.Execute("SELECT pg_drop_replication_slot('pgoutput_test'); "
                        "DROP PUBLICATION pgoutput_test; DROP TABLE pgoutput_test;",
                        "cleaning up")
                  .ok());
}
#endif

}  // namespace
}  // namespace orgnet::internal
