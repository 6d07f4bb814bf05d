// Edit batches decoded from the input, applied to the district fixture: a rejected batch
// changes nothing (the builder still builds the same network) and says why; an accepted one
// gives a network that runs the analyses and survives save -> load unchanged.
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "orgnet/builder.h"

namespace {

// Strings for edits: either an id of the table (so that edits meet real rows), or raw bytes.
class Input : public orgnet::fuzz::FuzzInput {
 public:
  using FuzzInput::FuzzInput;
  std::string Text(const orgnet::Network& net, orgnet::Table table) {
    const std::uint8_t b = Byte();
    if (b < 160 && net.rows(table) > 0 && orgnet::GetTableSpec(table).id_column >= 0) {
      return std::string(net.id(table, b % net.rows(table)));
    }
    return RawText(23);
  }
  std::string Column(const orgnet::Network& net, orgnet::Table table) {
    const std::uint8_t b = Byte();
    const int count = net.column_count(table);
    if (b < 200 && count > 0) return std::string(net.column_name(table, b % count));
    return Text(net, table);
  }
};

const orgnet::Network& Base() {
  static const orgnet::Network base = [] {
    auto net = orgnet::Network::Load(ORGNET_FUZZ_BASE_DATASET);
    orgnet::fuzz::Check(net.ok(), "the base dataset loads: " + net.status().ToString());
    return *net;
  }();
  return base;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace orgnet;
  const Network& base = Base();
  Input in(data, size);
  EditBatch batch;
  while (!in.empty() && batch.size() < 16) {
    const Table table = static_cast<Table>(in.Byte() % kTableCount);
    switch (in.Byte() % 7) {
      case 0: {
        std::vector<Cell> cells;
        for (int c = 0, n = in.Byte() % 8; c < n; ++c) {
          std::string column = in.Column(base, table);
          cells.emplace_back(std::move(column), in.Text(base, table));
        }
        batch.Insert(table, std::move(cells));
        break;
      }
      case 1: batch.Remove(table, in.Text(base, table)); break;
      case 2: {
        std::string id = in.Text(base, table);
        std::string column = in.Column(base, table);
        batch.Set(table, std::move(id), std::move(column), in.Text(base, table));
        break;
      }
      case 3: {
        std::string old_id = in.Text(base, table);
        batch.Rename(table, std::move(old_id), in.Text(base, table));
        break;
      }
      case 4: {
        std::string a = in.Text(base, Table::kOrgs), b = in.Text(base, Table::kOrgs);
        std::string kind = in.Text(base, Table::kLinks);
        batch.RemoveLink(std::move(a), std::move(b), std::move(kind), in.Text(base, Table::kLinks));
        break;
      }
      case 5: {
        std::string org = in.Text(base, Table::kOrgs);
        batch.Reparent(std::move(org), in.Text(base, Table::kOrgs));
        break;
      }
      default: {
        std::string a = in.Text(base, Table::kOrgs), b = in.Text(base, Table::kOrgs);
        batch.AddLink(std::move(a), std::move(b), in.Text(base, Table::kLinks));
      }
    }
  }
  NetworkBuilder builder = NetworkBuilder::FromNetwork(base);
  auto edited = builder.Apply(batch);
  if (!edited.ok()) {
    fuzz::Check(!edited.status().message().empty(), "a rejected batch says why");
    auto unchanged = builder.Build();
    fuzz::Check(unchanged.ok(), "a rejected batch leaves a builder that still builds");
    fuzz::ExpectSameNetwork(base, *unchanged, "after a rejected batch");
    auto direct = base.Edit(batch);
    fuzz::Check(!direct.ok(), "Network::Edit rejects the batch the builder rejected");
    return 0;
  }
  auto direct = base.Edit(batch);
  fuzz::Check(direct.ok(), "Network::Edit accepts the batch the builder accepted");
  fuzz::ExpectSameNetwork(*edited, *direct, "builder and Network::Edit agree");
  fuzz::RunEveryAnalysis(*edited);
  fuzz::ExpectSaveRoundTrip(*edited, "edited network");
  return 0;
}
