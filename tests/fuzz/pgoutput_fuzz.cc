// The logical replication decoders on arbitrary bytes: no crash and no read outside the
// message; a refusal names the message and a byte offset inside it, in valid UTF-8; a decoded
// message's views lie inside the input; decoding is a function of the bytes (twice, the same).
#include <cstdint>
#include <string>
#include <string_view>

#include "base/utf8.h"
#include "database/pgoutput.h"
#include "fuzz_support.h"

namespace {

using orgnet::internal::DecodePgoutput;
using orgnet::internal::DecodeReplicationMessage;
using orgnet::internal::PgoutputMessage;

bool Inside(std::string_view part, std::string_view whole) {
  return part.empty() || (part.data() >= whole.data() &&
                          part.data() + part.size() <= whole.data() + whole.size());
}

void CheckRefusal(const absl::Status& status, std::size_t size) {
  const std::string message(status.message());
  orgnet::fuzz::Check(message.rfind("logical replication: ", 0) == 0, "a refusal says what: " + message);
  orgnet::fuzz::Check(orgnet::internal::IsValidText(message), "a refusal is UTF-8");
  const std::size_t at = message.find(", byte ");
  orgnet::fuzz::Check(at != std::string::npos, "a refusal names a byte: " + message);
  const unsigned long byte = std::stoul(message.substr(at + 7));
  orgnet::fuzz::Check(byte <= size, "the byte named is inside the message: " + message);
}

std::string Summary(const PgoutputMessage& m) {
  std::string out(1, static_cast<char>(m.kind));
  out += std::to_string(m.lsn) + "/" + std::to_string(m.end_lsn) + "/" + std::to_string(m.xid) +
         "/" + std::string(m.schema) + "/" + std::string(m.name) + "/" +
         std::to_string(m.columns.size()) + "/" + std::to_string(m.old_values.size()) + "/" +
         std::to_string(m.new_values.size()) + "/" + std::to_string(m.truncated.size());
  for (const auto& v : m.new_values) out += std::string(1, static_cast<char>(v.kind)) + std::string(v.bytes);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto message = DecodePgoutput(bytes);
  if (!message.ok()) {
    CheckRefusal(message.status(), size);
  } else {
    for (const auto* values : {&message->old_values, &message->new_values}) {
      for (const auto& v : *values) orgnet::fuzz::Check(Inside(v.bytes, bytes), "a value inside");
    }
    orgnet::fuzz::Check(Inside(message->name, bytes) && Inside(message->schema, bytes) &&
                            Inside(message->content, bytes),
                        "names inside the message");
    auto again = DecodePgoutput(bytes);
    orgnet::fuzz::Check(again.ok() && Summary(*again) == Summary(*message), "decoded twice alike");
  }
  auto wal = DecodeReplicationMessage(bytes);
  if (!wal.ok()) {
    CheckRefusal(wal.status(), size);
  } else {
    orgnet::fuzz::Check(Inside(wal->payload, bytes), "the payload inside");
  }
  return 0;
}
