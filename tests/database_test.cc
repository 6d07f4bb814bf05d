// Network::LoadDatabase from C++: refusals without a server (a bad mapping, an unreachable
// server, a NUL in the URI) change nothing and say what is wrong; with the district in the
// test server (ORGNET_TEST_DATABASE_DISTRICT, set by the README's test command) the network
// equals the CSV one cell by cell, and a broken row's diagnostic names table, key and column.
#include <cstdlib>
#include <string>

#include "gtest/gtest.h"
#include "orgnet/network.h"

namespace orgnet {
namespace {

const char kNowhere[] = "host=/nonexistent-orgnet-socket-dir port=5999 dbname=x user=u password=pw";

TEST(DatabaseLoad, RefusalsSayWhatIsWrong) {
  if (!Network::HasDatabaseSupport()) {
    auto loaded = Network::LoadDatabase(kNowhere, "");
    EXPECT_EQ(loaded.status().code(), absl::StatusCode::kUnimplemented);
    return;
  }
  LoadReport report;
  report.warning_count = 7;  // cleared by the call
  auto unreachable = Network::LoadDatabase(kNowhere, "", {}, &report);
  ASSERT_EQ(unreachable.status().code(), absl::StatusCode::kUnavailable);
  const std::string message(unreachable.status().message());
  EXPECT_EQ(message.rfind("database: cannot connect to host /nonexistent-orgnet-socket-dir port "
                          "5999 database x user u: ",
                          0),
            0u)
      << message;
  EXPECT_EQ(message.find("pw"), std::string::npos);
  EXPECT_EQ(report.warning_count, 0);
  auto mapping = Network::LoadDatabase(kNowhere, R"({"tables": {"orgs": {"table": 7}}})");
  EXPECT_EQ(mapping.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(mapping.status().message(),
            "mapping: tables.orgs.table: must be a string, not a number");
  auto json = Network::LoadDatabase(kNowhere, "{\"tables\": ");
  EXPECT_EQ(json.status().message().substr(0, 28), "mapping: not valid JSON: par");
  auto version = Network::LoadDatabase(kNowhere, R"({"orgnet_mapping": 2})");
  EXPECT_EQ(version.status().message(),
            "mapping: orgnet_mapping: this library reads mapping version 1");
  auto format = Network::LoadDatabase(kNowhere, R"({"copy_format": "csv"})");
  EXPECT_EQ(format.status().message(),
            "mapping: copy_format: \"csv\" is neither \"binary\" nor \"text\"");
  auto connections = Network::LoadDatabase(kNowhere, R"({"connections": 3})");
  EXPECT_EQ(connections.status().message(), "mapping: connections: must be 1 or 2, not 3");
  auto table = Network::LoadDatabase(kNowhere, R"({"tables": {"org": null}})");
  EXPECT_EQ(table.status().message().substr(0, 52),
            "mapping: tables: unknown key \"org\"; did you mean \"or");
  auto nul = Network::LoadDatabase(std::string_view("host=x\0y", 8), "");
  EXPECT_EQ(nul.status().message(), "uri: holds a NUL byte");
}

TEST(DatabaseLoad, TheDistrictFromTheServerEqualsTheCsvOne) {
  const char* uri = std::getenv("ORGNET_TEST_DATABASE_DISTRICT");
  if (uri == nullptr || !Network::HasDatabaseSupport()) {
    if (std::getenv("ORGNET_REQUIRE_DATABASE") != nullptr) FAIL() << "no test database";
    GTEST_SKIP() << "no test database (ORGNET_TEST_DATABASE_DISTRICT)";
  }
  auto db = Network::LoadDatabase(uri, "");
  ASSERT_TRUE(db.ok()) << db.status();
  auto csv = Network::Load(std::string(ORGNET_EXAMPLES_DIR) + "/district");
  ASSERT_TRUE(csv.ok()) << csv.status();
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    ASSERT_EQ(db->has_table(table), csv->has_table(table));
    ASSERT_EQ(db->rows(table), csv->rows(table));
    ASSERT_EQ(db->column_count(table), csv->column_count(table));
    for (int c = 0; c < csv->column_count(table); ++c) {
      ASSERT_EQ(db->column_name(table, c), csv->column_name(table, c));
      for (Index r = 0; r < csv->rows(table); ++r) {
        ASSERT_EQ(db->CellText(table, r, c), csv->CellText(table, r, c))
            << GetTableSpec(table).name << " row " << r << " column " << csv->column_name(table, c);
      }
    }
  }
  // A mapping that reads orgs through a query whose first row names an org that is not there.
  LoadReport report;
  auto broken = Network::LoadDatabase(
      uri,
      R"({"tables": {"orgs": {"query": "SELECT id, name, kind, CASE WHEN id = (SELECT min(id) FROM orgs) THEN 'NOPE' ELSE parent END AS parent, grid, level FROM orgs"}}})",
      {}, &report);
  ASSERT_EQ(broken.status().code(), absl::StatusCode::kInvalidArgument);
  ASSERT_FALSE(report.errors.empty());
  const Diagnostic& d = report.errors.front();
  EXPECT_EQ(d.file, "the query for orgs");
  EXPECT_EQ(d.key, csv->id(Table::kOrgs, 0));
  EXPECT_EQ(d.column, "parent");
  EXPECT_EQ(d.line, 0);
  EXPECT_EQ(broken.status().message().substr(0, d.ToString().size()), d.ToString());
}

}  // namespace
}  // namespace orgnet
