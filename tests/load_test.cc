// Loading valid datasets: typing, quoting, encodings, extra columns, manifest, round trips.
#include <cmath>

#include "gtest/gtest.h"
#include "orgnet/builder.h"
#include "orgnet/network.h"
#include "test_util.h"

namespace orgnet {
namespace {

using testing::DistrictFixture;
using testing::TempDir;
using testing::WriteFiles;

Network LoadFixture(const TempDir& dir, testing::Files files = DistrictFixture()) {
  WriteFiles(dir.path(), files);
  LoadReport report;
  auto network = Network::Load(dir.path(), {}, &report);
  EXPECT_TRUE(network.ok()) << network.status();
  return network.ok() ? *network : Network();
}

TEST(LoadTest, CountsAndTypedCells) {
  TempDir dir;
  Network net = LoadFixture(dir);
  EXPECT_EQ(net.rows(Table::kOrgs), 11u);
  EXPECT_EQ(net.rows(Table::kGrids), 4u);
  EXPECT_EQ(net.rows(Table::kUnits), 3u);
  EXPECT_EQ(net.rows(Table::kMembers), 4u);
  EXPECT_EQ(net.rows(Table::kStaff), 2u);
  EXPECT_EQ(net.rows(Table::kLinks), 2u);
  EXPECT_EQ(net.rows(Table::kEvents), 0u);
  EXPECT_FALSE(net.has_table(Table::kEvents));
  EXPECT_TRUE(net.has_table(Table::kLinks));

  const Index c2 = *net.FindOrg("C2");
  EXPECT_EQ(c2, 4u);
  EXPECT_EQ(net.org_name(c2), "社区, \"二\"");  // quoted comma and doubled quotes
  EXPECT_EQ(net.org_kind(c2), OrgKind::kCommunity);
  EXPECT_EQ(net.org_id(0), "D1");
  EXPECT_FALSE(net.FindOrg("nope").has_value());

  const Index b1 = *net.FindOrg("B1");
  EXPECT_EQ(net.ref(Table::kOrgs, b1, col::kOrgParent), *net.FindOrg("C1"));
  EXPECT_EQ(net.text(Table::kOrgs, b1, col::kOrgParent), "C1");
  EXPECT_EQ(net.ref(Table::kOrgs, b1, col::kOrgGrid), *net.Find(Table::kGrids, "G1"));
  EXPECT_EQ(net.ref(Table::kOrgs, 0, col::kOrgParent), kNone);

  EXPECT_EQ(net.integer(Table::kGrids, 0, col::kGridHouseholds), 420);
  EXPECT_EQ(net.integer(Table::kGrids, 2, col::kGridHouseholds), kNoInteger);
  EXPECT_TRUE(net.is_empty(Table::kGrids, 2, col::kGridHouseholds));
  EXPECT_DOUBLE_EQ(net.real(Table::kGrids, 0, col::kGridLon), 117.2);
  EXPECT_TRUE(std::isnan(net.real(Table::kGrids, 1, col::kGridLat)));

  const Index m1 = *net.Find(Table::kMembers, "M1");
  const Index m2 = *net.Find(Table::kMembers, "M2");
  const Index m3 = *net.Find(Table::kMembers, "M3");
  EXPECT_EQ(net.status(Table::kMembers, m1, col::kMemberStatus), MemberStatus::kFormal);
  EXPECT_EQ(net.status(Table::kMembers, m2, col::kMemberStatus), MemberStatus::kProbationary);
  EXPECT_FALSE(net.flag(Table::kMembers, m1, col::kMemberMobile));
  EXPECT_FALSE(net.is_empty(Table::kMembers, m1, col::kMemberMobile));  // "0" is not empty
  EXPECT_TRUE(net.is_empty(Table::kMembers, m2, col::kMemberMobile));
  EXPECT_TRUE(net.flag(Table::kMembers, m3, col::kMemberMobile));
  // 2026-01-05 is 20458 days after 1970-01-01 (56 years, 14 leap days, 4 days).
  EXPECT_EQ(net.date(Table::kMembers, m1, col::kMemberLastContact), 56 * 365 + 14 + 4);
  EXPECT_EQ(net.CellText(Table::kMembers, m1, col::kMemberLastContact), "2026-01-05");
  EXPECT_EQ(net.date(Table::kMembers, m2, col::kMemberLastContact), kNoDate);

  EXPECT_EQ(net.manifest("name"), "fixture");
  EXPECT_EQ(net.manifest("missing"), "");
  EXPECT_EQ(net.as_of(), *ParseDate("2026-06-30"));
  ASSERT_EQ(net.manifest_entries().size(), 3u);
}

TEST(LoadTest, ExtraColumnsAreKeptAndReadableByName) {
  TempDir dir;
  Network net = LoadFixture(dir);
  const auto phone = net.FindColumn(Table::kOrgs, "phone");
  ASSERT_TRUE(phone.has_value());
  EXPECT_EQ(*phone, 6);  // after the six format columns
  EXPECT_EQ(net.column_type(Table::kOrgs, *phone), ColumnType::kText);
  EXPECT_EQ(net.text(Table::kOrgs, *net.FindOrg("S1"), *phone), "022-1");
  EXPECT_EQ(net.text(Table::kOrgs, *net.FindOrg("S2"), *phone), "");
  // A format column absent from the file exists, empty, and is reported absent.
  EXPECT_TRUE(net.has_column(Table::kOrgs, col::kOrgLevel));
}

TEST(LoadTest, BomCrlfAndColumnOrderAreAccepted) {
  TempDir dir;
  testing::Files files = {
      {"orgs.csv", "\xEF\xBB\xBFkind,id,name,parent\r\nstreet,S,\"街道\r\n党工委\",\r\n"
                   "community,C,社区,S\r\n\r\n"},
  };
  WriteFiles(dir.path(), files);
  auto net = Network::Load(dir.path());
  ASSERT_TRUE(net.ok()) << net.status();
  EXPECT_EQ(net->org_count(), 2u);
  EXPECT_EQ(net->org_name(0), "街道\r\n党工委");  // a line break inside quotes is kept
  EXPECT_EQ(net->hierarchy().parent(1), 0u);
  EXPECT_FALSE(net->has_column(Table::kOrgs, col::kOrgGrid));
  EXPECT_EQ(net->ref(Table::kOrgs, 0, col::kOrgGrid), kNone);
}

TEST(LoadTest, ErrorLinesCountPhysicalLinesAcrossQuotedLineBreaks) {
  TempDir dir;
  WriteFiles(dir.path(), {{"orgs.csv", "id,name,kind,parent\nA,\"two\nlines\",street,\nB,b,x,Q\n"}});
  LoadReport report;
  auto net = Network::Load(dir.path(), {}, &report);
  ASSERT_FALSE(net.ok());
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].line, 4);  // header 1, A spans 2-3, B starts on 4
  EXPECT_EQ(report.errors[0].column, "parent");
  EXPECT_EQ(report.errors[0].message, "unknown org id \"Q\"");
}

TEST(LoadTest, WarningsDoNotFailTheLoad) {
  TempDir dir;
  testing::Files files = DistrictFixture();
  files["grids.csv"] += "G5,五网格,B1,,,\n";                     // community of kind branch
  files["staff.csv"] += "T3,某人,cook,\n";                        // unknown role
  files["units.csv"] += "UD,丁,enterprise,G1,,T2,,\n";            // instructor who is a manager
  WriteFiles(dir.path(), files);
  LoadReport report;
  auto net = Network::Load(dir.path(), {}, &report);
  ASSERT_TRUE(net.ok()) << net.status();
  EXPECT_EQ(report.error_count, 0);
  ASSERT_EQ(report.warning_count, 3);
  std::vector<std::string> texts;
  for (const auto& w : report.warnings) texts.push_back(w.ToString());
  const std::string d = dir.path() + "/";
  EXPECT_EQ(texts[0], d + "grids.csv:6: column community: warning: org \"B1\" is of kind "
                          "\"branch\"; a grid's community should be of kind community");
  EXPECT_EQ(texts[1], d + "units.csv:5: column instructor: warning: staff \"T2\" has role "
                          "\"grid_manager\"; expected instructor");
  EXPECT_EQ(texts[2], d + "staff.csv:4: column role: warning: unknown value \"cook\"; known: "
                          "grid_manager, grid_informant, instructor, liaison");
}

TEST(LoadTest, ErrorsAreBoundedAndOrdered) {
  TempDir dir;
  std::string orgs = "id,name,kind,parent\n";
  for (int i = 0; i < 50; ++i) orgs += "O" + std::to_string(i) + ",n,unit,missing\n";
  WriteFiles(dir.path(), {{"orgs.csv", orgs}});
  LoadReport report;
  LoadOptions options;
  options.max_errors = 5;
  auto net = Network::Load(dir.path(), options, &report);
  ASSERT_FALSE(net.ok());
  EXPECT_EQ(net.status().code(), absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(report.errors.size(), 5u);
  EXPECT_TRUE(report.truncated);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(report.errors[i].line, i + 2);
  // Default bound: 20.
  auto again = Network::Load(dir.path(), {}, &report);
  EXPECT_EQ(report.errors.size(), 20u);
}

TEST(LoadTest, SaveThenLoadGivesTheSameNetwork) {
  TempDir dir;
  Network net = LoadFixture(dir);
  const std::string copy = dir.sub("copy");
  ASSERT_TRUE(net.Save(copy).ok());
  auto again = Network::Load(copy);
  ASSERT_TRUE(again.ok()) << again.status();
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    ASSERT_EQ(net.has_table(table), again->has_table(table)) << t;
    ASSERT_EQ(net.rows(table), again->rows(table)) << t;
    ASSERT_EQ(net.column_count(table), again->column_count(table)) << t;
    for (int c = 0; c < net.column_count(table); ++c) {
      EXPECT_EQ(net.column_name(table, c), again->column_name(table, c));
      EXPECT_EQ(net.has_column(table, c), again->has_column(table, c));
      for (Index r = 0; r < net.rows(table); ++r) {
        EXPECT_EQ(net.CellText(table, r, c), again->CellText(table, r, c)) << t << "," << r;
        EXPECT_EQ(net.is_empty(table, r, c), again->is_empty(table, r, c));
      }
    }
  }
  EXPECT_EQ(net.manifest_entries(), again->manifest_entries());
  // Saving the reloaded network writes the same bytes.
  const std::string copy2 = dir.sub("copy2");
  ASSERT_TRUE(again->Save(copy2).ok());
  for (const char* file : {"orgs.csv", "grids.csv", "members.csv", "links.csv", "manifest.csv"}) {
    std::ifstream a(copy + "/" + file), b(copy2 + "/" + file);
    std::string sa((std::istreambuf_iterator<char>(a)), {}), sb((std::istreambuf_iterator<char>(b)), {});
    EXPECT_EQ(sa, sb) << file;
    EXPECT_FALSE(sa.empty());
  }
}

TEST(LoadTest, DatesAreRealCalendarDates) {
  EXPECT_EQ(*ParseDate("1970-01-01"), 0);
  EXPECT_EQ(*ParseDate("2000-03-01") - *ParseDate("2000-02-28"), 2);  // 2000 is leap
  EXPECT_EQ(*ParseDate("1900-03-01") - *ParseDate("1900-02-28"), 1);  // 1900 is not
  EXPECT_FALSE(ParseDate("2023-02-29"));
  EXPECT_FALSE(ParseDate("2024-13-01"));
  EXPECT_FALSE(ParseDate("2024-1-01"));
  EXPECT_FALSE(ParseDate("0000-01-01"));
  EXPECT_EQ(*ParseDate("0001-01-01"), -719162);
  EXPECT_EQ(*ParseDate("9999-12-31"), 2932896);
  EXPECT_EQ(FormatDate(-719162), "0001-01-01");
  EXPECT_EQ(FormatDate(2932896), "9999-12-31");
  EXPECT_EQ(FormatDate(20429), "2025-12-07");
  // Outside the dataset's years (dates computed by arithmetic) still print whole.
  EXPECT_EQ(FormatDate(-719163), "0000-12-31");
  EXPECT_EQ(FormatDate(2932897), "10000-01-01");
  for (Date d = -719162; d <= 2932896; d += 997) {
    const auto back = ParseDate(FormatDate(d));
    ASSERT_TRUE(back.has_value()) << FormatDate(d);
    ASSERT_EQ(*back, d);
  }
}

}  // namespace
}  // namespace orgnet
