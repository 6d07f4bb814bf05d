// Builders and edit batches: every edit kind, all-or-nothing batches, network -> builder.
#include "add_row.h"
#include "gtest/gtest.h"
#include "orgnet/builder.h"
#include "orgnet/network.h"
#include "test_util.h"

namespace orgnet {
namespace {

Network Fixture(testing::TempDir& dir) {
  testing::WriteFiles(dir.path(), testing::DistrictFixture());
  auto net = Network::Load(dir.path());
  EXPECT_TRUE(net.ok()) << net.status();
  return *net;
}

TEST(BuilderTest, BuildsWhatItWasGiven) {
  NetworkBuilder builder;
  ASSERT_TRUE(builder.AddColumn(Table::kOrgs, "note").ok());
  AddRowOrFail(builder, Table::kOrgs, {{"id", "S"}, {"name", "街道"}, {"kind", "street"}});
  AddRowOrFail(builder, Table::kOrgs, {{"id", "C"}, {"name", "社区"}, {"kind", "community"},
                                {"parent", "S"}, {"note", "extra"}});
  AddRowOrFail(builder, Table::kGrids, {{"id", "G"}, {"community", "C"}, {"households", "400"}});
  builder.SetManifest("as_of", "2026-01-01");
  auto net = builder.Build();
  ASSERT_TRUE(net.ok()) << net.status();
  EXPECT_EQ(net->org_count(), 2u);
  EXPECT_EQ(net->hierarchy().parent(1), 0u);
  const auto note = net->FindColumn(Table::kOrgs, "note");
  ASSERT_TRUE(note);
  EXPECT_EQ(net->text(Table::kOrgs, 0, *note), "");
  EXPECT_EQ(net->text(Table::kOrgs, 1, *note), "extra");
  EXPECT_EQ(net->integer(Table::kGrids, 0, col::kGridHouseholds), 400);
  EXPECT_EQ(net->as_of(), *ParseDate("2026-01-01"));
  EXPECT_EQ(net->territory().grid_place(0).street, 0u);
}

TEST(BuilderTest, BuilderErrorsNameTheRow) {
  NetworkBuilder builder;
  AddRowOrFail(builder, Table::kOrgs, {{"id", "A"}, {"name", "a"}, {"kind", "street"}});
  AddRowOrFail(builder, Table::kOrgs, {{"id", "B"}, {"name", "b"}, {"kind", "x"}, {"parent", "Q"}});
  LoadReport report;
  auto net = builder.Build({}, &report);
  ASSERT_FALSE(net.ok());
  EXPECT_EQ(net.status().message(), "orgs.csv row 2: column parent: unknown org id \"Q\"");
  EXPECT_EQ(report.errors.size(), 1u);
}

TEST(EditTest, EveryEditKind) {
  testing::TempDir dir;
  Network net = Fixture(dir);
  EditBatch batch;
  batch.AddOrg("B3", "新支部", "branch", "C3", "G4", "branch")
      .Reparent("U1", "C1")                    // reparent
      .Rename(Table::kOrgs, "J1", "J1-new")    // rename: references follow
      .AddLink("B3", "C3", "pairing", "2026-01-01")
      .RemoveLink("C1", "U1", "joint_meeting", "2024-01-01")
      .Insert(Table::kUnits, {{"id", "UE"}, {"name", "戊"}, {"grid", "G4"}, {"org", "B3"}})
      .Remove(Table::kUnits, "UC")
      .Insert(Table::kGrids, {{"id", "G5"}, {"community", "C3"}})
      .Remove(Table::kMembers, "M4")
      .Insert(Table::kMembers, {{"id", "M5"}, {"status", "formal"}, {"org", "B3"}})
      .Insert(Table::kStaff, {{"id", "T3"}, {"role", "grid_manager"}, {"grid", "G5"}})
      .Remove(Table::kStaff, "T1")
      .Remove(Table::kOrgs, "X1")
      .Set(Table::kOrgs, "C3", "name", "泰达社区党委");
  auto edited = net.Edit(batch);
  ASSERT_TRUE(edited.ok()) << edited.status();
  const Network& e = *edited;
  EXPECT_EQ(e.org_count(), 11u);  // +B3, -X1
  EXPECT_FALSE(e.FindOrg("X1"));
  EXPECT_FALSE(e.FindOrg("J1"));
  const Index j = *e.FindOrg("J1-new");
  EXPECT_EQ(e.text(Table::kUnits, *e.Find(Table::kUnits, "UB"), col::kUnitOrg), "J1-new");
  EXPECT_EQ(e.ref(Table::kUnits, *e.Find(Table::kUnits, "UB"), col::kUnitOrg), j);
  EXPECT_EQ(e.hierarchy().parent(*e.FindOrg("U1")), *e.FindOrg("C1"));
  EXPECT_EQ(e.hierarchy().parent(*e.FindOrg("B3")), *e.FindOrg("C3"));
  EXPECT_EQ(e.org_name(*e.FindOrg("C3")), "泰达社区党委");
  EXPECT_EQ(e.rows(Table::kLinks), 2u);  // +1 -1
  EXPECT_EQ(e.rows(Table::kUnits), 3u);
  EXPECT_FALSE(e.Find(Table::kUnits, "UC"));
  EXPECT_EQ(e.rows(Table::kGrids), 5u);
  EXPECT_EQ(e.rows(Table::kMembers), 4u);
  EXPECT_EQ(e.rows(Table::kStaff), 2u);
  EXPECT_EQ(e.territory().org_place(*e.FindOrg("B3")).street, *e.FindOrg("S2"));
  // The original network is untouched.
  EXPECT_TRUE(net.FindOrg("J1"));
  EXPECT_EQ(net.rows(Table::kLinks), 2u);
}

TEST(EditTest, RejectedBatchesChangeNothing) {
  testing::TempDir dir;
  Network net = Fixture(dir);
  NetworkBuilder builder = NetworkBuilder::FromNetwork(net);
  struct Rejected {
    EditBatch batch;
    std::string message;
  };
  std::vector<Rejected> cases;
  cases.push_back({EditBatch().Reparent("S1", "B2"), ""});  // cycle S1 -> B2 -> ... -> S1
  cases.back().message =
      "edit 1 (set orgs.csv id \"S1\" column \"parent\"): orgs.csv row 2: column parent: "
      "leadership cycle of 4 organizations: \"S1\" -> \"B2\" -> \"B1\" -> \"C1\" -> \"S1\"";
  // Removing U1 leaves UA, M2 and both links dangling; U1 leads nobody, so the first dangling
  // reference is in units.csv, and the error names the removal behind it.
  cases.push_back({EditBatch().Set(Table::kOrgs, "C1", "name", "c").Remove(Table::kOrgs, "U1"),
                   "edit 2 (remove orgs.csv id \"U1\"): units.csv row 1: column org: unknown org "
                   "id \"U1\""});
  cases.push_back({EditBatch().AddOrg("N", "n", "branch").Remove(Table::kOrgs, "nope"),
                   "edit 2 (remove orgs.csv id \"nope\"): no row with id \"nope\" in orgs.csv"});
  cases.push_back({EditBatch().AddLink("C1", "C1", "pairing"),
                   "edit 1 (insert into links.csv): links.csv row 3: column b: link from an org "
                   "to itself: \"C1\""});
  cases.push_back({EditBatch().Set(Table::kOrgs, "B1", "id", "Z"),
                   "edit 1 (set orgs.csv id \"B1\" column \"id\"): the id column is changed "
                   "by a rename, not a set"});
  cases.push_back({EditBatch().RemoveLink("C1", "U1", "pairing", "2023-01-01"),
                   "edit 1 (remove link {\"C1\", \"U1\"} of kind \"pairing\" since "
                   "\"2023-01-01\"): no link {\"C1\", \"U1\"} of kind \"pairing\" since "
                   "\"2023-01-01\""});
  cases.push_back({EditBatch().AddOrg("D1", "dup", "district"),
                   "edit 1 (insert into orgs.csv id \"D1\"): orgs.csv row 12: column id: "
                   "duplicate id \"D1\" (first at row 1)"});
  // Strict columns: a misspelt column names the closest one and changes nothing.
  cases.push_back({EditBatch().Set(Table::kOrgs, "B1", "nam", "x"),
                   "edit 1 (set orgs.csv id \"B1\" column \"nam\"): orgs.csv has no column "
                   "\"nam\" (did you mean \"name\"?); to add a column, use AddColumn first"});
  cases.push_back({EditBatch().Insert(Table::kMembers, {{"id", "M9"}, {"statu", "formal"}}),
                   "edit 1 (insert into members.csv id \"M9\"): members.csv has no column "
                   "\"statu\" (did you mean \"status\"?); to add a column, use AddColumn "
                   "first"});
  cases.push_back({EditBatch().Set(Table::kOrgs, "B1", "zzzzzzzzzz", "x"),
                   "edit 1 (set orgs.csv id \"B1\" column \"zzzzzzzzzz\"): orgs.csv has no "
                   "column \"zzzzzzzzzz\"; to add a column, use AddColumn first"});
  cases.push_back({EditBatch().AddColumn(Table::kOrgs, "name"),
                   "edit 1 (add column \"name\" to orgs.csv): orgs.csv already has a column "
                   "\"name\""});
  // An error at a row the batch set names that edit, wherever the row now stands.
  cases.push_back({EditBatch().Set(Table::kOrgs, "B1", "name", "b").Set(Table::kMembers, "M2", "status", "retired"),
                   "edit 2 (set members.csv id \"M2\" column \"status\"): members.csv row"});
  for (auto& c : cases) {
    auto result = builder.Apply(c.batch);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(std::string(result.status().message()).substr(0, c.message.size()), c.message);
  }
  // The builder still holds the original rows: it builds to the same network.
  auto rebuilt = builder.Build();
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status();
  EXPECT_EQ(rebuilt->org_count(), net.org_count());
  EXPECT_EQ(rebuilt->hierarchy().parent(*rebuilt->FindOrg("S1")), *rebuilt->FindOrg("D1"));
  EXPECT_EQ(rebuilt->rows(Table::kLinks), 2u);
  // A good batch after rejected ones applies, and the builder keeps it.
  auto good = builder.Apply(EditBatch().Reparent("X1", "D1"));
  ASSERT_TRUE(good.ok()) << good.status();
  EXPECT_EQ(good->hierarchy().roots().size(), 1u);
  EXPECT_EQ(builder.Build()->hierarchy().roots().size(), 1u);
}

TEST(EditTest, EditsSeeEarlierEditsOfTheSameBatch) {
  testing::TempDir dir;
  Network net = Fixture(dir);
  auto edited = net.Edit(EditBatch()
                             .AddOrg("N1", "n1", "branch", "C1")
                             .AddOrg("N2", "n2", "group", "N1")
                             .Rename(Table::kOrgs, "N1", "N1b")
                             .Reparent("N2", "N1b"));
  ASSERT_TRUE(edited.ok()) << edited.status();
  EXPECT_EQ(edited->hierarchy().parent(*edited->FindOrg("N2")), *edited->FindOrg("N1b"));
}

}  // namespace
TEST(EditTest, AddColumnThenFillIt) {
  testing::TempDir dir;
  Network net = Fixture(dir);
  EditBatch batch;
  batch.AddColumn(Table::kMembers, "phone").Set(Table::kMembers, "M2", "phone", "12345");
  auto edited = net.Edit(batch);
  ASSERT_TRUE(edited.ok()) << edited.status();
  const auto column = edited->FindColumn(Table::kMembers, "phone");
  ASSERT_TRUE(column);
  EXPECT_EQ(edited->text(Table::kMembers, *edited->Find(Table::kMembers, "M2"), *column), "12345");
  EXPECT_EQ(edited->text(Table::kMembers, *edited->Find(Table::kMembers, "M1"), *column), "");
  EXPECT_FALSE(net.FindColumn(Table::kMembers, "phone"));  // the old version is untouched
  // A format column the input left out is known without AddColumn.
  NetworkBuilder builder;
  AddRowOrFail(builder, Table::kOrgs, {{"id", "A"}, {"name", "a"}, {"kind", "district"}});
  auto small = builder.Build();
  ASSERT_TRUE(small.ok()) << small.status();
  ASSERT_FALSE(small->has_column(Table::kOrgs, col::kOrgLevel));
  EditBatch optional;
  optional.Set(Table::kOrgs, "A", "level", "district");
  auto with_level = small->Edit(optional);
  ASSERT_TRUE(with_level.ok()) << with_level.status();
  EXPECT_EQ(with_level->text(Table::kOrgs, 0, col::kOrgLevel), "district");
}

}  // namespace orgnet

namespace orgnet {
namespace {

// Builders are as strict as edits (issue 24): a misspelt column is an error naming the
// closest, and adds nothing; an extra column is added by an explicit call.
TEST(BuilderTest, UnknownColumnsAreErrorsAndExtraColumnsAreExplicit) {
  NetworkBuilder builder;
  AddRowOrFail(builder, Table::kOrgs, {{"id", "A"}, {"name", "区"}, {"kind", "district"}});
  const absl::Status misspelt =
      builder.AddRow(Table::kOrgs, {{"id", "B"}, {"name", "街"}, {"kind", "street"}, {"parnt", "A"}});
  EXPECT_EQ(misspelt.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(misspelt.message(), "orgs.csv has no column \"parnt\" (did you mean \"parent\"?); "
                                "to add a column, use AddColumn first");
  EXPECT_EQ(builder.rows(Table::kOrgs), 1u);  // nothing added
  // A format column the table has not had yet is fine (it becomes present).
  AddRowOrFail(builder, Table::kOrgs, {{"id", "B"}, {"name", "街"}, {"kind", "street"},
                                       {"parent", "A"}});
  EXPECT_EQ(builder.AddColumn(Table::kOrgs, "parent").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(builder.AddColumn(Table::kOrgs, "").code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(builder.AddColumn(Table::kOrgs, "phone").ok());
  const absl::Status twice = builder.AddColumn(Table::kOrgs, "phone");
  EXPECT_EQ(twice.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(twice.message(), "orgs.csv already has a column \"phone\"");
  AddRowOrFail(builder, Table::kOrgs, {{"id", "C"}, {"name", "社区"}, {"kind", "community"},
                                       {"parent", "B"}, {"phone", "022-1"}});
  auto net = builder.Build();
  ASSERT_TRUE(net.ok()) << net.status();
  EXPECT_EQ(net->hierarchy().roots().size(), 1u);  // B's parent is A: one tree
  const auto phone = net->FindColumn(Table::kOrgs, "phone");
  ASSERT_TRUE(phone);
  EXPECT_EQ(net->text(Table::kOrgs, 0, *phone), "");  // rows before the column: empty
  EXPECT_EQ(net->text(Table::kOrgs, 2, *phone), "022-1");
  // A builder from a network knows its extra columns.
  NetworkBuilder again = NetworkBuilder::FromNetwork(*net);
  AddRowOrFail(again, Table::kOrgs, {{"id", "D"}, {"name", "支部"}, {"kind", "branch"},
                                     {"parent", "C"}, {"phone", "022-2"}});
  EXPECT_TRUE(again.Build().ok());
}

}  // namespace
}  // namespace orgnet
