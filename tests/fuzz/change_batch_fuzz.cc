// A follower's turning of pgoutput messages into one transaction's edit batch (ChangeBatch)
// on arbitrary messages: the input is a run of messages, each a two-byte length and its bytes,
// decoded as pgoutput messages (those that do not decode are passed over) and given to a
// ChangeBatch over the fixture network whose followed tables are orgs (relation 16001),
// members (16002), links (16003) and units (16004), as the follower gives them: Relation
// messages to Relation, changes to Change. No crash and no leak; a refusal is valid UTF-8 and
// names what it refuses; the batch then edits the network or is refused, also in valid
// UTF-8; and the same messages give the same batch and the same network twice.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.h"
#include "database/change_batch.h"
#include "database/mapping.h"
#include "database/pgoutput.h"
#include "fuzz_support.h"

namespace {

using orgnet::Network;
using orgnet::Table;
using orgnet::internal::ChangeBatch;
using orgnet::internal::PgoutputMessage;

const Network& Base() {
  static const Network* net = [] {
    auto loaded = Network::Load(ORGNET_FUZZ_BASE_DATASET);
    if (!loaded.ok()) __builtin_trap();
    return new Network(*std::move(loaded));
  }();
  return *net;
}

const orgnet::internal::DatabaseMapping& DefaultMapping() {
  static const auto* mapping = [] {
    auto parsed = orgnet::internal::ParseMapping("");
    if (!parsed.ok()) __builtin_trap();
    return new orgnet::internal::DatabaseMapping(*std::move(parsed));
  }();
  return *mapping;
}

struct Outcome {
  std::string refusals;  // every refusal's message, in order
  std::size_t edits = 0;
  bool edited = false;
  Network network;
  std::string edit_error;
};

Outcome Run(const std::vector<std::string_view>& messages) {
  std::vector<orgnet::internal::FollowedTable> tables = {
      {Table::kOrgs, 16001, "public.orgs"},
      {Table::kMembers, 16002, "public.members"},
      {Table::kLinks, 16003, "public.links"},
      {Table::kUnits, 16004, "public.units"}};
  ChangeBatch batch(DefaultMapping(), tables);
  batch.Begin(Base());
  Outcome out;
  auto refused = [&](const absl::Status& status) {
    const std::string message(status.message());
    orgnet::fuzz::Check(!message.empty(), "a refusal says what");
    orgnet::fuzz::Check(orgnet::internal::IsValidText(message), "a refusal is UTF-8");
    out.refusals += message + "\n";
  };
  for (std::string_view bytes : messages) {
    auto message = orgnet::internal::DecodePgoutput(bytes);
    if (!message.ok()) continue;
    absl::Status status = absl::OkStatus();
    switch (message->kind) {
      case PgoutputMessage::Kind::kRelation: status = batch.Relation(*message); break;
      case PgoutputMessage::Kind::kInsert:
      case PgoutputMessage::Kind::kUpdate:
      case PgoutputMessage::Kind::kDelete:
      case PgoutputMessage::Kind::kTruncate: status = batch.Change(*message); break;
      default: break;
    }
    if (!status.ok()) refused(status);
  }
  out.edits = batch.batch().size();
  auto edited = Base().Edit(batch.batch());
  out.edited = edited.ok();
  if (edited.ok()) {
    out.network = *std::move(edited);
  } else {
    out.edit_error = std::string(edited.status().message());
    orgnet::fuzz::Check(orgnet::internal::IsValidText(out.edit_error), "an edit's refusal is UTF-8");
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string_view> messages;
  std::size_t at = 0;
  while (at + 2 <= size && messages.size() < 64) {
    const std::size_t length = (std::size_t{data[at]} << 8) | data[at + 1];
    at += 2;
    const std::size_t take = std::min(length, size - at);
    messages.emplace_back(reinterpret_cast<const char*>(data + at), take);
    at += take;
  }
  const Outcome first = Run(messages);
  const Outcome second = Run(messages);
  orgnet::fuzz::Check(first.refusals == second.refusals, "the same refusals twice");
  orgnet::fuzz::Check(first.edits == second.edits && first.edited == second.edited &&
                          first.edit_error == second.edit_error,
                      "the same batch twice");
  if (first.edited) {
    orgnet::fuzz::ExpectSameNetwork(first.network, second.network, "the same network twice");
  }
  return 0;
}
