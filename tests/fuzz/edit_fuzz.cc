// Edit batches decoded from the input (every edit kind), applied to the district fixture: a
// rejected batch changes nothing (the builder still builds the same network) and says why, in
// the same words through Network::Edit (which may apply it in place); an accepted one gives
// the same network both ways, runs the analyses, survives save -> load unchanged, and takes
// the batch once more as the rebuild would.
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
    switch (in.Byte() % 10) {
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
      case 6: {
        std::string a = in.Text(base, Table::kOrgs), b = in.Text(base, Table::kOrgs);
        batch.AddLink(std::move(a), std::move(b), in.Text(base, Table::kLinks));
        break;
      }
      case 7: batch.AddColumn(table, in.Column(base, table)); break;
      case 8: {
        const Index row = in.Byte();
        std::string column = in.Column(base, table);
        batch.SetRow(table, row, std::move(column), in.Text(base, table));
        break;
      }
      default: batch.RemoveRow(table, in.Byte());
    }
  }
  NetworkBuilder builder = NetworkBuilder::FromNetwork(base);
  auto edited = builder.Apply(batch);
  if (!edited.ok()) {
    fuzz::Check(!edited.status().message().empty(), "a rejected batch says why");
    auto unchanged = builder.Build();
    fuzz::Check(unchanged.ok(), "a rejected batch leaves a builder that still builds");
    fuzz::ExpectSameNetwork(base, *unchanged, "after a rejected batch");
    auto direct = base.Edit(batch);  // in place or rebuilt: the same verdict, the same words
    fuzz::Check(!direct.ok() && direct.status().message() == edited.status().message(),
                "Network::Edit rejects the batch the builder rejected, with its message");
    return 0;
  }
  auto direct = base.Edit(batch);
  fuzz::Check(direct.ok(), "Network::Edit accepts the batch the builder accepted");
  fuzz::ExpectSameNetwork(*edited, *direct, "builder and Network::Edit agree");
  fuzz::ExpectSameIndexes(*edited, *direct, "builder and Network::Edit agree");
  // The same batch again on the new version (a chain: patches over patches, or a rejection
  // such as a duplicate insert): both paths agree again.
  auto again = direct->Edit(batch);
  auto again_rebuilt = NetworkBuilder::FromNetwork(*direct).Apply(batch);
  fuzz::Check(again.ok() == again_rebuilt.ok(), "a chained edit: both paths agree");
  if (again.ok()) {
    fuzz::ExpectSameNetwork(*again_rebuilt, *again, "a chained edit");
    fuzz::ExpectSameIndexes(*again_rebuilt, *again, "a chained edit");
  }
  fuzz::RunEveryAnalysis(*edited);
  fuzz::ExpectSaveRoundTrip(*edited, "edited network");
  return 0;
}
