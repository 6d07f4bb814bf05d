#include "database/pgoutput.h"

#include <chrono>
#include <cstdio>
#include <cstring>

#include "base/text.h"

namespace orgnet::internal {
namespace {

// Seconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch.
constexpr std::int64_t kPostgresEpochSeconds = 946684800;

// Reads big-endian fields from a message; the first shortage or bad value is kept, with the
// offset where it was found, and every later read gives zero.
class Fields {
 public:
  explicit Fields(std::string_view bytes) : bytes_(bytes) {}

  bool ok() const { return error_.empty(); }
  std::size_t at() const { return at_; }
  std::size_t left() const { return bytes_.size() - at_; }

  std::uint64_t Unsigned(int size, std::string_view what) {
    if (!Need(static_cast<std::size_t>(size), what)) return 0;
    std::uint64_t value = 0;
    for (int i = 0; i < size; ++i) {
      value = (value << 8) | static_cast<unsigned char>(bytes_[at_ + i]);
    }
    at_ += static_cast<std::size_t>(size);
    return value;
  }
  std::uint8_t Byte(std::string_view what) { return static_cast<std::uint8_t>(Unsigned(1, what)); }
  std::int16_t Int16(std::string_view what) { return static_cast<std::int16_t>(Unsigned(2, what)); }
  std::int32_t Int32(std::string_view what) { return static_cast<std::int32_t>(Unsigned(4, what)); }
  std::uint32_t Word32(std::string_view what) { return static_cast<std::uint32_t>(Unsigned(4, what)); }
  std::int64_t Int64(std::string_view what) { return static_cast<std::int64_t>(Unsigned(8, what)); }

  // A NUL-terminated string.
  std::string_view String(std::string_view what) {
    if (!ok()) return {};
    const std::size_t end = bytes_.find('\0', at_);
    if (end == std::string_view::npos) {
      Fail(Cat(what, ": no terminating NUL"));
      return {};
    }
    const std::string_view out = bytes_.substr(at_, end - at_);
    at_ = end + 1;
    return out;
  }
  std::string_view Bytes(std::size_t n, std::string_view what) {
    if (!Need(n, what)) return {};
    const std::string_view out = bytes_.substr(at_, n);
    at_ += n;
    return out;
  }

  // The error at the current offset (where the data ended, or after the value refused).
  void Fail(std::string message) { FailAt(at_, std::move(message)); }
  // The error at @p at: where the value refused begins.
  void FailAt(std::size_t at, std::string message) {
    if (!ok()) return;
    error_ = std::move(message);
    error_at_ = at;
  }
  const std::string& error() const { return error_; }
  std::size_t error_at() const { return error_at_; }

 private:
  bool Need(std::size_t n, std::string_view what) {
    if (!ok()) return false;
    if (left() < n) {
      Fail(Cat(what, ": the message ends (", left(), " of ", n, " bytes)"));
      return false;
    }
    return true;
  }

  std::string_view bytes_;
  std::size_t at_ = 0;
  std::string error_;
  std::size_t error_at_ = 0;
};

absl::Status Malformed(std::string_view message_name, const Fields& fields) {
  return absl::DataLossError(
      Cat("logical replication: ", message_name, " message, byte ", fields.error_at(), ": ",
          fields.error()));
}

// TupleData: Int16 count, then per value a kind byte and, for text and binary, an Int32
// length and the bytes.
std::vector<PgoutputValue> ReadTuple(Fields& fields) {
  std::vector<PgoutputValue> values;
  const std::int16_t count = fields.Int16("the tuple's column count");
  if (count < 0) fields.Fail(Cat("a negative column count (", count, ")"));
  for (int i = 0; i < count && fields.ok(); ++i) {
    PgoutputValue value;
    const std::size_t kind_at = fields.at();
    const char kind = static_cast<char>(fields.Byte("a value's kind"));
    switch (kind) {
      case 'n':
      case 'u':
        value.kind = static_cast<PgoutputValue::Kind>(kind);
        break;
      case 't':
      case 'b': {
        value.kind = static_cast<PgoutputValue::Kind>(kind);
        const std::size_t length_at = fields.at();
        const std::int32_t length = fields.Int32("a value's length");
        if (length < 0) {
          fields.FailAt(length_at, Cat("column ", i + 1, ": a negative length (", length, ")"));
          break;
        }
        value.bytes = fields.Bytes(static_cast<std::size_t>(length), "a value");
        break;
      }
      default:
        if (fields.ok()) {
          fields.FailAt(kind_at, Cat("column ", i + 1, ": unknown value kind ",
                                     Shown(std::string(1, kind)),
                          " (expected n, u, t or b)"));
        }
    }
    values.push_back(value);
  }
  return values;
}

std::string_view MessageName(char kind) {
  switch (kind) {
    case 'B': return "Begin";
    case 'C': return "Commit";
    case 'O': return "Origin";
    case 'R': return "Relation";
    case 'Y': return "Type";
    case 'I': return "Insert";
    case 'U': return "Update";
    case 'D': return "Delete";
    case 'T': return "Truncate";
    case 'M': return "Message";
  }
  return "unknown";
}

}  // namespace

std::string FormatLsn(Lsn lsn) {
  char text[24];
  std::snprintf(text, sizeof text, "%X/%X", static_cast<unsigned>(lsn >> 32),
                static_cast<unsigned>(lsn & 0xffffffffu));
  return text;
}

std::int64_t ReplicationNow() {
  const auto since_1970 = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return since_1970.count() - kPostgresEpochSeconds * 1000000;
}

absl::StatusOr<ReplicationMessage> DecodeReplicationMessage(std::string_view bytes) {
  Fields fields(bytes);
  ReplicationMessage out;
  const char kind = static_cast<char>(fields.Byte("the message's kind"));
  std::string_view name = "replication";
  if (kind == 'w') {
    name = "XLogData";
    out.kind = ReplicationMessage::Kind::kXLogData;
    out.wal_start = fields.Unsigned(8, "the start of the data");
    out.wal_end = fields.Unsigned(8, "the end of WAL");
    out.send_time = fields.Int64("the time sent");
    if (fields.ok()) out.payload = bytes.substr(fields.at());
  } else if (kind == 'k') {
    name = "keepalive";
    out.kind = ReplicationMessage::Kind::kKeepalive;
    out.wal_end = fields.Unsigned(8, "the end of WAL");
    out.send_time = fields.Int64("the time sent");
    out.reply_requested = fields.Byte("the reply flag") != 0;
    if (fields.ok() && fields.left() != 0) {
      fields.Fail(Cat(fields.left(), " bytes after the message"));
    }
  } else if (fields.ok()) {
    fields.FailAt(0, Cat("unknown kind ", Shown(std::string(1, kind)), " (expected w or k)"));
  }
  if (!fields.ok()) return Malformed(name, fields);
  return out;
}

std::string StandbyStatusUpdate(Lsn written, Lsn flushed, Lsn applied, std::int64_t now,
                                bool reply_requested) {
  std::string out(1 + 4 * 8 + 1, '\0');
  out[0] = 'r';
  std::size_t at = 1;
  for (std::uint64_t value : {written, flushed, applied, static_cast<std::uint64_t>(now)}) {
    for (int i = 7; i >= 0; --i) out[at++] = static_cast<char>((value >> (8 * i)) & 0xff);
  }
  out[at] = reply_requested ? 1 : 0;
  return out;
}

absl::StatusOr<PgoutputMessage> DecodePgoutput(std::string_view bytes) {
  Fields fields(bytes);
  PgoutputMessage out;
  const char kind = static_cast<char>(fields.Byte("the message's kind"));
  out.kind = static_cast<PgoutputMessage::Kind>(kind);
  // (Refusals of a kind byte name offset 0, the byte itself.)
  switch (kind) {
    case 'B':
      out.lsn = fields.Unsigned(8, "the final LSN");
      out.time = fields.Int64("the commit time");
      out.xid = fields.Word32("the transaction id");
      break;
    case 'C':
      out.flags = fields.Byte("the flags");
      out.lsn = fields.Unsigned(8, "the commit LSN");
      out.end_lsn = fields.Unsigned(8, "the end LSN");
      out.time = fields.Int64("the commit time");
      break;
    case 'O':
      out.lsn = fields.Unsigned(8, "the origin's commit LSN");
      out.name = fields.String("the origin's name");
      break;
    case 'R': {
      out.relation = fields.Word32("the relation's OID");
      out.schema = fields.String("the namespace");
      out.name = fields.String("the relation's name");
      out.replica_identity = static_cast<char>(fields.Byte("the replica identity"));
      const std::int16_t count = fields.Int16("the column count");
      if (count < 0) fields.Fail(Cat("a negative column count (", count, ")"));
      for (int i = 0; i < count && fields.ok(); ++i) {
        PgoutputColumn column;
        column.key = (fields.Byte("a column's flags") & 1) != 0;
        column.name = std::string(fields.String("a column's name"));
        column.type = fields.Word32("a column's type");
        column.type_modifier = fields.Int32("a column's type modifier");
        out.columns.push_back(std::move(column));
      }
      break;
    }
    case 'Y':
      out.relation = fields.Word32("the type's OID");
      out.schema = fields.String("the namespace");
      out.name = fields.String("the type's name");
      break;
    case 'I': {
      out.relation = fields.Word32("the relation's OID");
      const char tag = static_cast<char>(fields.Byte("the new tuple's tag"));
      if (fields.ok() && tag != 'N') fields.Fail(Cat("expected N before the new tuple; got ", Shown(std::string(1, tag))));
      out.new_values = ReadTuple(fields);
      break;
    }
    case 'U':
    case 'D': {
      out.relation = fields.Word32("the relation's OID");
      char tag = static_cast<char>(fields.Byte("the tuple's tag"));
      if (tag == 'K' || tag == 'O') {
        out.old_kind = tag;
        out.old_values = ReadTuple(fields);
        if (kind == 'U') tag = static_cast<char>(fields.Byte("the new tuple's tag"));
      } else if (kind == 'D' && fields.ok()) {
        fields.Fail(Cat("expected K or O before the old tuple; got ", Shown(std::string(1, tag))));
      }
      if (kind == 'U' && fields.ok()) {
        if (tag != 'N') {
          fields.Fail(Cat("expected N before the new tuple; got ", Shown(std::string(1, tag))));
        } else {
          out.new_values = ReadTuple(fields);
        }
      }
      break;
    }
    case 'T': {
      const std::uint32_t count = fields.Word32("the relation count");
      out.flags = fields.Byte("the options");
      if (fields.ok() && count > fields.left() / 4) {
        fields.Fail(Cat(count, " relations do not fit in the ", fields.left(), " bytes left"));
      }
      for (std::uint32_t i = 0; i < count && fields.ok(); ++i) {
        out.truncated.push_back(fields.Word32("a relation's OID"));
      }
      break;
    }
    case 'M': {
      // (Sent only when the client asks for messages.)
      out.flags = fields.Byte("the flags");
      out.lsn = fields.Unsigned(8, "the message's LSN");
      out.name = fields.String("the prefix");
      const std::int32_t length = fields.Int32("the content's length");
      if (length < 0) fields.Fail(Cat("a negative length (", length, ")"));
      out.content = fields.Bytes(static_cast<std::size_t>(length < 0 ? 0 : length), "the content");
      break;
    }
    default:
      if (fields.ok()) {
        fields.FailAt(0, Cat("unknown message kind ", Shown(std::string(1, kind)),
                        " (protocol version 1: B, C, O, R, Y, I, U, D, T, M)"));
      }
  }
  if (fields.ok() && fields.left() != 0) fields.Fail(Cat(fields.left(), " bytes after the message"));
  if (!fields.ok()) return Malformed(MessageName(kind), fields);
  return out;
}

}  // namespace orgnet::internal
