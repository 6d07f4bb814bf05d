// The messages of a logical replication stream (PostgreSQL documentation, "Streaming
// Replication Protocol" and "Logical Replication Message Formats"): the walsender's XLogData
// and keepalive messages, the standby status update a client sends back, and the pgoutput
// plugin's messages (protocol version 1) inside XLogData. Needs no server and no library, so
// that its tests and fuzz target run in every build.
#ifndef ORGNET_SRC_DATABASE_PGOUTPUT_H_
#define ORGNET_SRC_DATABASE_PGOUTPUT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace orgnet::internal {

// A position in the server's write-ahead log; printed as PostgreSQL does (`16/B374D848`).
using Lsn = std::uint64_t;
std::string FormatLsn(Lsn lsn);

// A walsender message of the COPY BOTH stream that START_REPLICATION opens.
struct ReplicationMessage {
  enum class Kind : char { kXLogData = 'w', kKeepalive = 'k' };
  Kind kind = Kind::kKeepalive;
  Lsn wal_start = 0;           // kXLogData: where the data start
  Lsn wal_end = 0;             // the server's end of WAL
  std::int64_t send_time = 0;  // microseconds since 2000-01-01 00:00 UTC
  bool reply_requested = false;  // kKeepalive: answer at once (or be disconnected)
  std::string_view payload;      // kXLogData: the plugin's message (a view of the input)
};

// Decodes one walsender message; an error names the byte offset and what is wrong.
absl::StatusOr<ReplicationMessage> DecodeReplicationMessage(std::string_view bytes);

// The standby status update ('r') that reports @p written, @p flushed and @p applied
// positions; @p now: microseconds since 2000-01-01 00:00 UTC.
std::string StandbyStatusUpdate(Lsn written, Lsn flushed, Lsn applied, std::int64_t now,
                                bool reply_requested);

// The client's clock as the protocol counts it (microseconds since 2000-01-01 00:00 UTC).
std::int64_t ReplicationNow();

// One column of a relation, as the Relation message describes it.
struct PgoutputColumn {
  std::string name;
  std::uint32_t type = 0;  // the type's OID
  std::int32_t type_modifier = -1;
  bool key = false;  // part of the replica identity
};

// One value of a tuple.
struct PgoutputValue {
  enum class Kind : char { kNull = 'n', kUnchanged = 'u', kText = 't', kBinary = 'b' };
  Kind kind = Kind::kNull;
  std::string_view bytes;  // kText, kBinary (a view of the message)
};

// One pgoutput message, decoded; views point into the message's bytes.
struct PgoutputMessage {
  enum class Kind : char {
    kBegin = 'B',
    kCommit = 'C',
    kOrigin = 'O',
    kRelation = 'R',
    kType = 'Y',
    kInsert = 'I',
    kUpdate = 'U',
    kDelete = 'D',
    kTruncate = 'T',
    kMessage = 'M',
  };
  Kind kind = Kind::kBegin;
  // kBegin: the transaction's final LSN; kCommit: the commit's LSN; kOrigin, kMessage: the LSN.
  Lsn lsn = 0;
  Lsn end_lsn = 0;             // kCommit: the end of the transaction's commit record
  std::int64_t time = 0;       // kBegin, kCommit: the commit time (microseconds since 2000)
  std::uint32_t xid = 0;       // kBegin
  std::uint32_t relation = 0;  // kRelation, kType (the type's OID), kInsert/kUpdate/kDelete
  std::string_view schema;     // kRelation, kType: the namespace
  std::string_view name;       // kRelation, kType, kOrigin, kMessage (the prefix)
  char replica_identity = 0;   // kRelation: 'd' default, 'n' nothing, 'f' full, 'i' index
  std::vector<PgoutputColumn> columns;  // kRelation
  // kUpdate, kDelete: 'K' (the old key's columns), 'O' (the old row's), 0 (none sent: the key
  // did not change).
  char old_kind = 0;
  std::vector<PgoutputValue> old_values;
  std::vector<PgoutputValue> new_values;  // kInsert, kUpdate
  std::vector<std::uint32_t> truncated;   // kTruncate: the relations
  std::uint8_t flags = 0;                 // kCommit: flags; kTruncate: options; kMessage: flags
  std::string_view content;               // kMessage
};

// Decodes one pgoutput message (protocol version 1: no streamed or two-phase transactions).
// An error names the message's kind, the byte offset and what is wrong; bytes after the
// message are an error too.
absl::StatusOr<PgoutputMessage> DecodePgoutput(std::string_view bytes);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_DATABASE_PGOUTPUT_H_
