// Territory of the hand-worked fixture: every place and listing worked out by hand.
#include <string>

#include "gtest/gtest.h"
#include "orgnet/network.h"
#include "test_util.h"

namespace orgnet {
namespace {

class TerritoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::WriteFiles(dir_.path(), testing::DistrictFixture());
    auto loaded = Network::Load(dir_.path());
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    net_ = *loaded;
  }
  Index Org(const char* id) const { return *net_.FindOrg(id); }
  Index Grid(const char* id) const { return *net_.Find(Table::kGrids, id); }
  Place P(const char* grid, const char* community, const char* street, const char* district) {
    return Place{grid ? Grid(grid) : kNone, community ? Org(community) : kNone,
                 street ? Org(street) : kNone, district ? Org(district) : kNone};
  }
  testing::TempDir dir_;
  Network net_;
};

TEST_F(TerritoryTest, PlacesOfOrganizations) {
  const Territory& t = net_.territory();
  EXPECT_EQ(t.org_place(Org("B1")), P("G1", "C1", "S1", "D1"));   // its grid
  EXPECT_EQ(t.org_place(Org("B2")), P("G1", "C1", "S1", "D1"));   // no grid: its leader's
  EXPECT_EQ(t.org_place(Org("U1")), P("G2", "C1", "S1", "D1"));
  EXPECT_EQ(t.org_place(Org("J1")), P("G3", "C2", "S1", "D1"));
  EXPECT_EQ(t.org_place(Org("C3")), P(nullptr, "C3", "S2", "D1"));  // is the community
  EXPECT_EQ(t.org_place(Org("S1")), P(nullptr, nullptr, "S1", "D1"));
  EXPECT_EQ(t.org_place(Org("D1")), P(nullptr, nullptr, nullptr, "D1"));
  EXPECT_EQ(t.org_place(Org("X1")), P(nullptr, nullptr, nullptr, nullptr));
}

TEST_F(TerritoryTest, PlacesOfOtherRows) {
  const Territory& t = net_.territory();
  EXPECT_EQ(t.grid_place(Grid("G4")), P("G4", "C3", "S2", "D1"));
  EXPECT_EQ(t.unit_place(*net_.Find(Table::kUnits, "UB")), P("G3", "C2", "S1", "D1"));
  // M1 works at UA (G1); M2 has no unit: where U1 is; M3 nothing; M4 held by the placeless X1.
  EXPECT_EQ(t.member_place(*net_.Find(Table::kMembers, "M1")), P("G1", "C1", "S1", "D1"));
  EXPECT_EQ(t.member_place(*net_.Find(Table::kMembers, "M2")), P("G2", "C1", "S1", "D1"));
  EXPECT_EQ(t.member_place(*net_.Find(Table::kMembers, "M3")), P(nullptr, nullptr, nullptr, nullptr));
  EXPECT_EQ(t.member_place(*net_.Find(Table::kMembers, "M4")), P(nullptr, nullptr, nullptr, nullptr));
  EXPECT_EQ(t.staff_place(*net_.Find(Table::kStaff, "T1")), P("G4", "C3", "S2", "D1"));
  EXPECT_EQ(t.place(Table::kLinks, 0), P(nullptr, nullptr, nullptr, nullptr));
}

TEST_F(TerritoryTest, RowsLocatedInCommunitiesStreetsAndDistricts) {
  const Territory& t = net_.territory();
  auto ids = [&](Table table, absl::Span<const Index> rows) {
    std::vector<std::string> out;
    for (Index r : rows) out.emplace_back(net_.id(table, r));
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(ids(Table::kUnits, t.units_in(Org("S1"))), (V{"UA", "UB"}));
  EXPECT_EQ(ids(Table::kUnits, t.units_in(Org("S2"))), (V{"UC"}));
  EXPECT_EQ(ids(Table::kUnits, t.units_in(Org("C1"))), (V{"UA"}));
  EXPECT_EQ(ids(Table::kUnits, t.units_in(Org("D1"))), (V{"UA", "UB", "UC"}));
  EXPECT_EQ(ids(Table::kGrids, t.grids_in(Org("C1"))), (V{"G1", "G2"}));
  EXPECT_EQ(ids(Table::kGrids, t.grids_in(Org("S1"))), (V{"G1", "G2", "G3"}));
  EXPECT_EQ(ids(Table::kOrgs, t.orgs_in(Org("C1"))), (V{"C1", "B1", "B2", "U1"}));
  EXPECT_EQ(ids(Table::kOrgs, t.orgs_in(Org("S1"))), (V{"S1", "C1", "C2", "B1", "B2", "U1", "J1"}));
  EXPECT_EQ(ids(Table::kOrgs, t.orgs_in(Org("D1"))).size(), 10u);  // all but X1
  EXPECT_EQ(ids(Table::kStaff, t.staff_in(Org("S2"))), (V{"T1"}));
  EXPECT_TRUE(t.units_in(Org("B1")).empty());  // not a territory org
}

TEST_F(TerritoryTest, UnknownPlacesAreCounted) {
  const UnknownPlaces& u = net_.territory().unknown();
  // orgs: community unknown for D1, S1, S2, X1; street for D1, X1; district for X1.
  EXPECT_EQ(u.count(Table::kOrgs, Level::kCommunity), 4);
  EXPECT_EQ(u.count(Table::kOrgs, Level::kStreet), 2);
  EXPECT_EQ(u.count(Table::kOrgs, Level::kDistrict), 1);
  EXPECT_EQ(u.count(Table::kMembers, Level::kCommunity), 2);  // M3, M4
  EXPECT_EQ(u.count(Table::kUnits, Level::kCommunity), 0);
  EXPECT_EQ(u.count(Table::kGrids, Level::kDistrict), 0);
}

// Unknown-place counts, every table, against a count over each row's place (the territory
// counts members through per-unit and per-org bits).
TEST(TerritoryCountsTest, UnknownCountsMatchEveryRowsPlace) {
  for (const char* name : {"fixture", "service", "cobuild", "live1", "live2"}) {
    auto net = Network::Load(std::string(ORGNET_TEST_DATA_DIR "/") + name);
    ASSERT_TRUE(net.ok()) << name << ": " << net.status();
    for (int t = 0; t <= static_cast<int>(Table::kStaff); ++t) {
      const Table table = static_cast<Table>(t);
      std::int64_t want[3] = {0, 0, 0};
      for (Index r = 0; r < net->rows(table); ++r) {
        const Place p = net->territory().place(table, r);
        want[0] += p.community == kNone;
        want[1] += p.street == kNone;
        want[2] += p.district == kNone;
      }
      EXPECT_EQ(net->territory().unknown().count(table, Level::kCommunity), want[0]) << name << t;
      EXPECT_EQ(net->territory().unknown().count(table, Level::kStreet), want[1]) << name << t;
      EXPECT_EQ(net->territory().unknown().count(table, Level::kDistrict), want[2]) << name << t;
    }
  }
}

}  // namespace
}  // namespace orgnet
