// Coverage: the hand-worked case of tests/data/coverage (every figure below was worked out
// by hand from its files; the reasoning is in the comments), then random networks against a
// slow per-node recomputation.
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "add_row.h"
#include "gtest/gtest.h"
#include "orgnet/builder.h"
#include "orgnet/coverage.h"
#include "orgnet/network.h"

namespace orgnet {
namespace {

class CoverageHandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = Network::Load(ORGNET_TEST_DATA_DIR "/coverage");
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    net_ = *loaded;
    auto report = CoverageReport::Compute(net_);
    ASSERT_TRUE(report.ok()) << report.status();
    report_ = std::make_unique<CoverageReport>(*std::move(report));
  }
  Index Org(const char* id) const { return *net_.FindOrg(id); }
  Index Grid(const char* id) const { return *net_.Find(Table::kGrids, id); }
  // The counters of one node, in Counter order.
  std::vector<std::uint32_t> Counters(RollUp roll, Index row) const {
    const Index pos = report_->position(roll, row);
    EXPECT_NE(pos, kNone);
    std::vector<std::uint32_t> out;
    for (int c = 0; c < kCounterCount; ++c) out.push_back(report_->counter(roll, static_cast<Counter>(c))[pos]);
    return out;
  }
  double RateOf(RollUp roll, Index row, Rate rate) const {
    return report_->rate(roll, rate)[report_->position(roll, row)];
  }
  Network net_;
  std::unique_ptr<CoverageReport> report_;
};

using V = std::vector<std::uint32_t>;
// Counter order: units, counted, own, joint, work, none, grids, managed, managers, informants,
//                members, attached, employed, registered.

TEST_F(CoverageHandTest, UnknownCountedKindsNameTheClosest) {
  CoverageRules rules;
  rules.counted_unit_kinds = {"enterprise", "enterprize"};
  const auto report = CoverageReport::Compute(net_, rules);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(report.status().message(),
            "counted_unit_kinds[1]: unknown unit kind \"enterprize\"; did you mean "
            "\"enterprise\"? (valid: agency, building, compound, enterprise, institution, "
            "market, social_org)");
  rules.counted_unit_kinds = {"market"};  // documented, though no unit of the case has it
  EXPECT_TRUE(CoverageReport::Compute(net_, rules).ok());
}

TEST_F(CoverageHandTest, UnitCoverageAndMembers) {
  // A, B: own (U1, U2 cover one unit each); C, D, E: joint (J1); L: joint (its org is a
  // community); F: work (instructor); G: work (liaison); H, I, K, M: none.
  const std::string expected = "OOJJJWWNNNJN";
  std::string got;
  for (UnitCoverage c : report_->unit_coverage()) got += "OJWN"[static_cast<int>(c)];
  EXPECT_EQ(got, expected);
  EXPECT_EQ(report_->unit_formal_members()[0], 3u);        // A: m1, m2, m3
  EXPECT_EQ(report_->unit_probationary_members()[0], 1u);  // A: m4
  EXPECT_EQ(report_->unit_formal_members()[2], 3u);        // C: m5, m6, m7
  EXPECT_EQ(report_->unit_formal_members()[7], 1u);        // H: m11
  EXPECT_FALSE(report_->unit_counted(8));   // I: agency
  EXPECT_FALSE(report_->unit_counted(9));   // K: empty kind
  EXPECT_TRUE(report_->unit_counted(3));    // D: social_org
  EXPECT_EQ(report_->as_of(), *ParseDate("2026-06-30"));
}

TEST_F(CoverageHandTest, TerritoryRollUps) {
  // G1: A (own), I (not counted), M (none); W1, W2, I1; m1-m4 (A), 3 registered.
  EXPECT_EQ(Counters(RollUp::kGrid, Grid("G1")), (V{3, 2, 1, 0, 0, 1, 1, 1, 2, 1, 4, 4, 4, 3}));
  // G2: B (own), K (not counted), L (joint); no staff, no member.
  EXPECT_EQ(Counters(RollUp::kGrid, Grid("G2")), (V{3, 2, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(Counters(RollUp::kGrid, Grid("G3")), (V{2, 2, 0, 2, 0, 0, 1, 1, 1, 0, 3, 3, 3, 2}));
  EXPECT_EQ(Counters(RollUp::kGrid, Grid("G4")), (V{4, 4, 0, 1, 2, 1, 1, 0, 0, 1, 1, 1, 1, 1}));
  // C1 = G1 + G2, plus m8, m9 held by P1 (no grid: where C1 is).
  EXPECT_EQ(Counters(RollUp::kCommunity, Org("C1")), (V{6, 4, 2, 1, 0, 1, 2, 1, 2, 1, 6, 6, 4, 3}));
  EXPECT_EQ(Counters(RollUp::kCommunity, Org("C2")), (V{2, 2, 0, 2, 0, 0, 1, 1, 1, 0, 3, 3, 3, 2}));
  // C3 = G4, plus m12 held by C3 itself.
  EXPECT_EQ(Counters(RollUp::kCommunity, Org("C3")), (V{4, 4, 0, 1, 2, 1, 1, 0, 0, 1, 2, 2, 1, 1}));
  // S: everything but m10 (no org, no unit: no place).
  EXPECT_EQ(Counters(RollUp::kStreet, Org("S")), (V{12, 10, 2, 4, 2, 2, 4, 2, 3, 2, 11, 11, 8, 6}));
  EXPECT_TRUE(report_->rows(RollUp::kDistrict).empty());  // S has no district above it
  EXPECT_EQ(report_->rows(RollUp::kCommunity).size(), 3u);
  EXPECT_DOUBLE_EQ(RateOf(RollUp::kStreet, Org("S"), Rate::kOrgCoverage), 0.6);   // (2+4)/10
  EXPECT_DOUBLE_EQ(RateOf(RollUp::kStreet, Org("S"), Rate::kSeparateOrg), 0.2);   // 2/10
  EXPECT_DOUBLE_EQ(RateOf(RollUp::kStreet, Org("S"), Rate::kWorkCoverage), 0.8);  // 8/10
  EXPECT_DOUBLE_EQ(RateOf(RollUp::kStreet, Org("S"), Rate::kManagersPerGrid), 0.75);
  EXPECT_DOUBLE_EQ(RateOf(RollUp::kStreet, Org("S"), Rate::kInformantsPerGrid), 0.5);
  EXPECT_DOUBLE_EQ(RateOf(RollUp::kStreet, Org("S"), Rate::kMemberAttachment), 1.0);
  EXPECT_DOUBLE_EQ(RateOf(RollUp::kStreet, Org("S"), Rate::kMemberRegistration), 0.75);
  // G2 has no member: its member rates are null, not 0 or 100%.
  EXPECT_TRUE(std::isnan(RateOf(RollUp::kGrid, Grid("G2"), Rate::kMemberAttachment)));
  EXPECT_TRUE(std::isnan(RateOf(RollUp::kGrid, Grid("G2"), Rate::kMemberRegistration)));
}

TEST_F(CoverageHandTest, LeadershipRollUp) {
  // U1's subtree: unit A (its org), members m1-m4.
  EXPECT_EQ(Counters(RollUp::kOrg, Org("U1")), (V{1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 4, 4, 4, 3}));
  // J1: C, D, E (its org), m5-m7.
  EXPECT_EQ(Counters(RollUp::kOrg, Org("J1")), (V{3, 3, 0, 3, 0, 0, 0, 0, 0, 0, 3, 3, 3, 2}));
  // C1: grids G1, G2 with A, B, I, K, L, M (each once; L's org is C1 too); P1's m8, m9.
  EXPECT_EQ(Counters(RollUp::kOrg, Org("C1")), (V{6, 4, 2, 1, 0, 1, 2, 1, 2, 1, 2, 2, 0, 0}));
  // C2: grid G3 (C, D) and J1's units (C, D, E): three units once each.
  EXPECT_EQ(Counters(RollUp::kOrg, Org("C2")), (V{3, 3, 0, 3, 0, 0, 1, 1, 1, 0, 3, 3, 3, 2}));
  EXPECT_EQ(Counters(RollUp::kOrg, Org("C3")), (V{4, 4, 0, 1, 2, 1, 1, 0, 0, 1, 2, 2, 1, 1}));
  // S: all twelve units; members of U1, J1, P1, C3.
  EXPECT_EQ(Counters(RollUp::kOrg, Org("S")), (V{12, 10, 2, 4, 2, 2, 4, 2, 3, 2, 11, 11, 8, 6}));
  // SYS leads U2 from outside: B counts there too.
  EXPECT_EQ(Counters(RollUp::kOrg, Org("SYS")), (V{1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_TRUE(std::isnan(RateOf(RollUp::kOrg, Org("P1"), Rate::kOrgCoverage)));
}

TEST_F(CoverageHandTest, FindingsInRuleThenRowOrder) {
  std::vector<std::string> got;
  for (const Finding& f : report_->findings()) {
    got.push_back(std::string(CoverageReport::rules()[f.rule].code) + " " +
                  std::string(net_.id(f.table, f.row)) + " " + std::to_string(f.value) + "/" +
                  std::to_string(f.limit));
  }
  const std::vector<std::string> expected = {
      "unit_without_own_org C 3/3",       // m5-m7 formal, covered by a joint branch
      "branch_too_few_formal C3 2/3",     // m11, m12
      "branch_too_few_formal U2 0/3",
      "group_too_small P1 2/3",           // m8, m9
      "member_unattached m10 0/0",
      "member_not_registered m3 0/0",
      "member_not_registered m7 0/0",
      "unit_registration_low A 3/4",      // 75% < 95%
      "unit_registration_low C 2/3",
      "mobile_should_transfer m10 17/6",  // 2025-01-15 .. 2026-06-30
      "mobile_without_station m10 0/0",
      "mobile_without_station m12 0/0",
      "member_lost_contact m3 6/6",       // 2025-12-30 .. 2026-06-30: exactly 6 months
      "grid_without_manager G2 0/1",
      "grid_without_manager G4 0/1",
      "grid_with_uncovered_units G1 1/0",  // M
      "grid_with_uncovered_units G4 1/0",  // H
      "grid_households_out_of_range G2 250/300",
      "grid_households_out_of_range G3 520/500",
  };
  EXPECT_EQ(got, expected);
  EXPECT_EQ(report_->skipped(CoverageReport::FindRule("member_lost_contact")), 9);  // no date
  EXPECT_EQ(report_->skipped(CoverageReport::FindRule("mobile_should_transfer")), 1);  // m12
  EXPECT_TRUE(report_->rule_ran(CoverageReport::FindRule("branch_too_large")));
  EXPECT_EQ(report_->Describe(report_->findings()[0]),
            "unit C (丙公司) has 3 formal members (3 or more need an organization of its own) but "
            "is covered: joint");
  EXPECT_EQ(report_->Describe(report_->findings()[7]),
            "unit A (甲公司): 3 of 4 employed members registered (75%; at least 95% required)");
  ASSERT_EQ(report_->disagreements().size(), 1u);  // U2 sits in S, led by SYS
  EXPECT_EQ(report_->disagreements()[0].org, Org("U2"));
  EXPECT_EQ(report_->disagreements()[0].street, Org("S"));
  EXPECT_EQ(report_->disagreements()[0].leading_street, kNone);
}

TEST_F(CoverageHandTest, RulesAreParameters) {
  CoverageRules rules;
  rules.counted_unit_kinds = {"enterprise", "social_org", "agency"};
  rules.as_of = *ParseDate("2026-07-01");  // m9 now 6 months away, m2 still 6? no: 2026-01-01
  rules.registration_min_rate = 0.5;
  auto report = CoverageReport::Compute(net_, rules);
  ASSERT_TRUE(report.ok());
  const Index s = report->position(RollUp::kStreet, Org("S"));
  EXPECT_EQ(report->counter(RollUp::kStreet, Counter::kUnitsCounted)[s], 11u);  // + I
  int transfers = 0, lost = 0, low = 0;
  for (const Finding& f : report->findings()) {
    const std::string_view code = CoverageReport::rules()[f.rule].code;
    transfers += code == "mobile_should_transfer";
    lost += code == "member_lost_contact";
    low += code == "unit_registration_low";
  }
  EXPECT_EQ(transfers, 2);  // m10 and now m9 (2025-12-31 .. 2026-07-01: 6 months)
  EXPECT_EQ(lost, 2);       // m3 and now m2 (2026-01-01 .. 2026-07-01: 6 months)
  EXPECT_EQ(low, 0);        // 75% and 66.7% pass 50%
  rules.registration_min_rate = 2;
  EXPECT_EQ(CoverageReport::Compute(net_, rules).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// ---------------------------------------------------------------- random vs slow

std::vector<Index> RefColumn(const Network& net, Table table, int column) {
  std::vector<Index> out;
  for (Index r = 0; r < net.rows(table); ++r) out.push_back(net.ref(table, r, column));
  return out;
}

TEST(CoverageRandomTest, OnePassRollUpsMatchSlowRecomputation) {
  std::mt19937 rng(99);
  for (int trial = 0; trial < 8; ++trial) {
    NetworkBuilder b;
    const int orgs = 20 + rng() % 60, grids = 5 + rng() % 15, units = 10 + rng() % 60,
              members = 20 + rng() % 150, staff = rng() % 30;
    const char* kinds[] = {"district", "street", "community", "unit", "joint", "branch", "group"};
    std::vector<int> parent(orgs, -1);
    std::vector<std::string> kind(orgs);
    for (int o = 0; o < orgs; ++o) {
      kind[o] = kinds[o < 2 ? o : 2 + rng() % 5];
      if (o > 0 && rng() % 8) parent[o] = rng() % o;
      AddRowOrFail(b, Table::kOrgs, {{"id", "o" + std::to_string(o)}, {"name", "n"}, {"kind", kind[o]},
                              {"parent", parent[o] < 0 ? "" : "o" + std::to_string(parent[o])}});
    }
    for (int g = 0; g < grids; ++g) {
      AddRowOrFail(b, Table::kGrids, {{"id", "g" + std::to_string(g)},
                               {"community", "o" + std::to_string(rng() % orgs)}});
    }
    for (int s = 0; s < staff; ++s) {
      const char* roles[] = {"grid_manager", "grid_informant", "instructor"};
      AddRowOrFail(b, Table::kStaff, {{"id", "s" + std::to_string(s)}, {"role", roles[rng() % 3]},
                               {"grid", rng() % 4 ? "g" + std::to_string(rng() % grids) : ""}});
    }
    const char* unit_kinds[] = {"enterprise", "social_org", "agency", ""};
    for (int u = 0; u < units; ++u) {
      AddRowOrFail(b, Table::kUnits,
               {{"id", "u" + std::to_string(u)}, {"name", "n"}, {"kind", unit_kinds[rng() % 4]},
                {"grid", "g" + std::to_string(rng() % grids)},
                {"org", rng() % 3 ? "o" + std::to_string(rng() % orgs) : ""},
                {"instructor", staff > 0 && rng() % 4 == 0 ? "s" + std::to_string(rng() % staff) : ""}});
    }
    for (int m = 0; m < members; ++m) {
      AddRowOrFail(b, Table::kMembers,
               {{"id", "m" + std::to_string(m)}, {"status", rng() % 5 ? "formal" : "probationary"},
                {"org", rng() % 6 ? "o" + std::to_string(rng() % orgs) : ""},
                {"unit", rng() % 2 ? "u" + std::to_string(rng() % units) : ""},
                {"community", rng() % 2 ? "o" + std::to_string(rng() % orgs) : ""}});
    }
    auto built = b.Build();
    ASSERT_TRUE(built.ok()) << built.status();
    const Network& net = *built;
    auto report = CoverageReport::Compute(net);
    ASSERT_TRUE(report.ok());
    const Territory& t = net.territory();
    auto in_subtree = [&](Index x, Index v) {  // slow: walk v's parents
      for (; v != kNone; v = net.hierarchy().parent(v)) {
        if (v == x) return true;
      }
      return false;
    };
    auto coverage_counter = [&](Index u) {
      return static_cast<int>(Counter::kUnitsOwn) + static_cast<int>(report->unit_coverage()[u]);
    };
    const auto unit_grid = RefColumn(net, Table::kUnits, col::kUnitGrid);
    const auto unit_org = RefColumn(net, Table::kUnits, col::kUnitOrg);
    const auto grid_community = RefColumn(net, Table::kGrids, col::kGridCommunity);
    const auto member_org = RefColumn(net, Table::kMembers, col::kMemberOrg);
    const auto member_unit = RefColumn(net, Table::kMembers, col::kMemberUnit);
    const auto member_community = RefColumn(net, Table::kMembers, col::kMemberCommunity);
    const auto staff_grid = RefColumn(net, Table::kStaff, col::kStaffGrid);
    // Slow leadership counters for each org X.
    for (Index x = 0; x < static_cast<Index>(orgs); ++x) {
      std::vector<std::int64_t> k(kCounterCount, 0);
      for (Index u = 0; u < static_cast<Index>(units); ++u) {
        const bool in = in_subtree(x, grid_community[unit_grid[u]]) ||
                        (unit_org[u] != kNone && in_subtree(x, unit_org[u]));
        if (!in) continue;
        ++k[0];
        if (report->unit_counted(u)) {
          ++k[1];
          ++k[coverage_counter(u)];
        }
      }
      std::vector<int> managers(grids, 0);
      for (Index s = 0; s < static_cast<Index>(staff); ++s) {
        if (staff_grid[s] == kNone || !in_subtree(x, grid_community[staff_grid[s]])) continue;
        const std::string_view role = net.text(Table::kStaff, s, col::kStaffRole);
        if (role == "grid_manager") { ++k[8]; ++managers[staff_grid[s]]; }
        if (role == "grid_informant") ++k[9];
      }
      for (Index g = 0; g < static_cast<Index>(grids); ++g) {
        if (!in_subtree(x, grid_community[g])) continue;
        ++k[6];
        if (managers[g] > 0) ++k[7];
      }
      for (Index m = 0; m < static_cast<Index>(members); ++m) {
        if (member_org[m] == kNone || !in_subtree(x, member_org[m])) continue;
        ++k[10];
        ++k[11];
        if (member_unit[m] != kNone) {
          ++k[12];
          if (member_community[m] != kNone) ++k[13];
        }
      }
      for (int c = 0; c < kCounterCount; ++c) {
        ASSERT_EQ(report->counter(RollUp::kOrg, static_cast<Counter>(c))[x], k[c])
            << "trial " << trial << " org " << x << " counter " << CounterName(static_cast<Counter>(c));
      }
    }
    // Slow territorial counters for each listed node of each level.
    for (int level = 0; level < 4; ++level) {
      const RollUp roll = static_cast<RollUp>(level);
      auto key = [&](const Place& p) {
        return level == 0 ? p.grid : level == 1 ? p.community : level == 2 ? p.street : p.district;
      };
      const auto rows = report->rows(roll);
      for (std::size_t i = 0; i < rows.size(); ++i) {
        std::vector<std::int64_t> k(kCounterCount, 0);
        for (Index u = 0; u < static_cast<Index>(units); ++u) {
          if (key(t.unit_place(u)) != rows[i]) continue;
          ++k[0];
          if (report->unit_counted(u)) { ++k[1]; ++k[coverage_counter(u)]; }
        }
        std::vector<int> managers(grids, 0);
        for (Index s = 0; s < static_cast<Index>(staff); ++s) {
          if (staff_grid[s] == kNone) continue;
          const std::string_view role = net.text(Table::kStaff, s, col::kStaffRole);
          if (role == "grid_manager") ++managers[staff_grid[s]];
          if (key(t.staff_place(s)) != rows[i]) continue;
          if (role == "grid_manager") ++k[8];
          if (role == "grid_informant") ++k[9];
        }
        for (Index g = 0; g < static_cast<Index>(grids); ++g) {
          if (key(t.grid_place(g)) != rows[i]) continue;
          ++k[6];
          if (managers[g] > 0) ++k[7];
        }
        for (Index m = 0; m < static_cast<Index>(members); ++m) {
          if (key(t.member_place(m)) != rows[i]) continue;
          ++k[10];
          if (member_org[m] != kNone) ++k[11];
          if (member_unit[m] != kNone) {
            ++k[12];
            if (member_community[m] != kNone) ++k[13];
          }
        }
        for (int c = 0; c < kCounterCount; ++c) {
          ASSERT_EQ(report->counter(roll, static_cast<Counter>(c))[i], k[c])
              << "trial " << trial << " level " << level << " row " << rows[i] << " counter "
              << CounterName(static_cast<Counter>(c));
        }
      }
    }
  }
}

}  // namespace
}  // namespace orgnet

namespace orgnet {
namespace {

// Calendar months from a to b (dates as text), the slow way.
int SlowMonths(const std::string& a, const std::string& b) {
  const int ay = std::stoi(a.substr(0, 4)), am = std::stoi(a.substr(5, 2)), ad = std::stoi(a.substr(8, 2));
  const int by = std::stoi(b.substr(0, 4)), bm = std::stoi(b.substr(5, 2)), bd = std::stoi(b.substr(8, 2));
  int months = (by - ay) * 12 + (bm - am);
  if (months > 0 && bd < ad) --months;
  if (months < 0 && bd > ad) ++months;
  return months;
}

TEST(CoverageDatesTest, LostContactMatchesCalendarMonthsAtMonthEnds) {
  std::mt19937 rng(5);
  for (const char* as_of : {"2026-06-30", "2026-03-31", "2024-02-29", "2026-05-31", "2026-01-01"}) {
    NetworkBuilder b;
    AddRowOrFail(b, Table::kOrgs, {{"id", "o"}, {"name", "n"}, {"kind", "branch"}});
    std::vector<std::string> dates;
    const Date end = *ParseDate(as_of);
    for (int m = 0; m < 600; ++m) {
      dates.push_back(FormatDate(end - static_cast<Date>(rng() % 500)));
      AddRowOrFail(b, Table::kMembers, {{"id", "m" + std::to_string(m)}, {"status", "formal"},
                                 {"org", "o"}, {"last_contact", dates.back()}});
    }
    auto net = b.Build();
    ASSERT_TRUE(net.ok());
    for (int months : {0, 1, 6, 12}) {
      CoverageRules rules;
      rules.as_of = end;
      rules.lost_contact_months = months;
      auto report = CoverageReport::Compute(*net, rules);
      ASSERT_TRUE(report.ok());
      std::set<Index> found;
      for (const Finding& f : report->findings()) {
        if (CoverageReport::rules()[f.rule].code != "member_lost_contact") continue;
        found.insert(f.row);
        EXPECT_EQ(f.value, SlowMonths(dates[f.row], as_of));
      }
      for (Index m = 0; m < dates.size(); ++m) {
        EXPECT_EQ(found.count(m) == 1, SlowMonths(dates[m], as_of) >= months)
            << dates[m] << " as of " << as_of << ", " << months << " months";
      }
    }
  }
}

}  // namespace
}  // namespace orgnet

namespace orgnet {
namespace {

TEST(CoverageJointTest, JointBranchesAcrossStreetsAndOverFiveUnits) {
  NetworkBuilder b;
  auto org = [&](const char* id, const char* kind, const char* parent) {
    AddRowOrFail(b, Table::kOrgs, {{"id", id}, {"name", id}, {"kind", kind}, {"parent", parent}});
  };
  org("S1", "street", "");
  org("S2", "street", "");
  org("C1", "community", "S1");
  org("C2", "community", "S2");
  org("C3", "community", "");  // no street
  org("J", "joint", "C1");
  org("K", "joint", "C1");
  AddRowOrFail(b, Table::kGrids, {{"id", "g1"}, {"community", "C1"}});
  AddRowOrFail(b, Table::kGrids, {{"id", "g2"}, {"community", "C2"}});
  AddRowOrFail(b, Table::kGrids, {{"id", "g3"}, {"community", "C3"}});
  // J: units in S1, S2, S1 again and an unknown street: 2 streets. K: six units in S1.
  const char* j_grids[] = {"g1", "g2", "g1", "g3"};
  for (int u = 0; u < 4; ++u) {
    AddRowOrFail(b, Table::kUnits, {{"id", "j" + std::to_string(u)}, {"name", "u"}, {"grid", j_grids[u]},
                             {"org", "J"}});
  }
  for (int u = 0; u < 6; ++u) {
    AddRowOrFail(b, Table::kUnits, {{"id", "k" + std::to_string(u)}, {"name", "u"}, {"grid", "g1"},
                             {"org", "K"}});
  }
  auto net = b.Build();
  ASSERT_TRUE(net.ok()) << net.status();
  auto report = CoverageReport::Compute(*net);
  ASSERT_TRUE(report.ok());
  std::vector<std::string> got;
  for (const Finding& f : report->findings()) {
    const std::string_view code = CoverageReport::rules()[f.rule].code;
    if (code.substr(0, 5) != "joint") continue;
    got.push_back(std::string(code) + " " + std::string(net->org_id(f.row)) + " " +
                  std::to_string(f.value));
  }
  EXPECT_EQ(got, (std::vector<std::string>{"joint_over_units K 6", "joint_across_streets J 2"}));
}

}  // namespace
}  // namespace orgnet
