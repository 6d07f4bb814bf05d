// Service reach: grid events, centres and the three haves on the hand-worked dataset of
// tests/data/service (every figure is worked out in the comments), the siting checked against
// exhaustive search, and the event roll-ups against a slow recomputation.
#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "add_row.h"
#include <gtest/gtest.h>

#include "orgnet/builder.h"
#include "orgnet/centres.h"
#include "orgnet/events.h"
#include "orgnet/haves.h"
#include "orgnet/network.h"

namespace orgnet {
namespace {

// Org rows: 0 D, 1 S1, 2 S2, 3 C1, 4 C2 (under S1), 5 C3 (under S2), 6 B1 (branch under C1).
// Grids: 0 g1 (C1, 400 households), 1 g2 (C1, 300), 2 g3 (C2, 500), 3 g4 (C3, 200, no
// coordinates), 4 g5 (C3, 350). g1–g2 862.7 m apart, g1–g3 2,588 m, g2–g3 1,725 m.
// Centres: K1 at g1 (no coordinates of its own), K2 1,000.76 m north of g5, K3 in g4 (unplaced).
enum : Index { D, S1, S2, C1, C2, C3, B1 };
enum : Index { g1, g2, g3, g4, g5 };

class ServiceHandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = Network::Load(ORGNET_TEST_DATA_DIR "/service");
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    net_ = *loaded;
  }
  Network net_;
};

EventOptions HalfYear() {
  EventOptions o;
  o.from = *ParseDate("2026-01-01");
  o.to = *ParseDate("2026-07-01");
  return o;
}

void ExpectStats(const EventStats& s, std::uint32_t reported, std::uint32_t grid,
                 std::uint32_t above, std::uint32_t unknown, std::uint32_t open, int median,
                 int p90, std::array<std::uint32_t, 4> backlog) {
  EXPECT_EQ(s.reported, reported);
  EXPECT_EQ(s.resolved_grid, grid);
  EXPECT_EQ(s.resolved_above, above);
  EXPECT_EQ(s.resolved_unknown, unknown);
  EXPECT_EQ(s.open, open);
  EXPECT_EQ(s.median_days, median);
  EXPECT_EQ(s.p90_days, p90);
  EXPECT_EQ(s.backlog, backlog);
}

TEST_F(ServiceHandTest, EventTotalsAlongTheTerritory) {
  auto report = EventReport::Compute(net_, HalfYear());
  ASSERT_TRUE(report.ok()) << report.status();
  // e8 (2025-12-31) is outside; as_of is the dataset's 2026-06-30.
  EXPECT_EQ(report->counted(), 9);
  EXPECT_EQ(report->outside_window(), 1);
  EXPECT_EQ(report->options().as_of, *ParseDate("2026-06-30"));
  EXPECT_EQ(std::vector<std::string>(report->categories().begin(), report->categories().end()),
            (std::vector<std::string>{"noise", "repair"}));
  auto grids = report->Totals(RollUp::kGrid);
  ASSERT_TRUE(grids.ok());
  ASSERT_EQ(grids->size(), 5u);
  // g1: e1 (3 days, grid), e2 (10, community), e3 (1, grid), e9 open 20 days: durations
  // 1, 3, 10: median rank ⌈1.5⌉ = 2 → 3, p90 rank ⌈2.7⌉ = 3 → 10.
  ExpectStats((*grids)[g1].stats, 4, 2, 1, 0, 1, 3, 10, {0, 1, 0, 0});
  ExpectStats((*grids)[g2].stats, 1, 0, 0, 0, 1, -1, -1, {0, 0, 0, 1});  // e4 open 107 days
  ExpectStats((*grids)[g3].stats, 2, 0, 1, 0, 1, 30, 30, {1, 0, 0, 0});  // e5 open 5 days
  ExpectStats((*grids)[g4].stats, 1, 0, 1, 0, 0, 60, 60, {0, 0, 0, 0});
  ExpectStats((*grids)[g5].stats, 1, 0, 0, 1, 0, 4, 4, {0, 0, 0, 0});   // empty level
  auto communities = report->Totals(RollUp::kCommunity);
  ASSERT_EQ(communities->size(), 3u);
  EXPECT_EQ((*communities)[0].place, C1);
  ExpectStats((*communities)[0].stats, 5, 2, 1, 0, 2, 3, 10, {0, 1, 0, 1});
  // C3: durations 4, 60: median rank 1 → 4, p90 rank ⌈1.8⌉ = 2 → 60.
  ExpectStats((*communities)[2].stats, 2, 0, 1, 1, 0, 4, 60, {0, 0, 0, 0});
  auto streets = report->Totals(RollUp::kStreet);
  ASSERT_EQ(streets->size(), 2u);
  // S1: durations 1, 3, 10, 30: median rank 2 → 3, p90 rank ⌈3.6⌉ = 4 → 30.
  ExpectStats((*streets)[0].stats, 7, 2, 2, 0, 3, 3, 30, {1, 1, 0, 1});
  auto districts = report->Totals(RollUp::kDistrict);
  ASSERT_EQ(districts->size(), 1u);
  // Durations 1, 3, 4, 10, 30, 60: median rank 3 → 4, p90 rank ⌈5.4⌉ = 6 → 60.
  ExpectStats((*districts)[0].stats, 9, 2, 3, 1, 3, 4, 60, {1, 1, 0, 1});
  EXPECT_EQ(report->Totals(RollUp::kOrg).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(ServiceHandTest, EventsByCategoryAndMonth) {
  auto report = EventReport::Compute(net_, HalfYear());
  auto by_category = report->ByCategory(RollUp::kCommunity);
  ASSERT_TRUE(by_category.ok());
  // C1 noise e1 e2 e4 e9; C1 repair e3; C2 repair e5 e6; C3 noise e7; C3 repair e10.
  const std::vector<std::array<int, 3>> expected = {
      {int(C1), 0, 4}, {int(C1), 1, 1}, {int(C2), 1, 2}, {int(C3), 0, 1}, {int(C3), 1, 1}};
  ASSERT_EQ(by_category->size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ((*by_category)[i].place, static_cast<Index>(expected[i][0]));
    EXPECT_EQ((*by_category)[i].category, expected[i][1]);
    EXPECT_EQ((*by_category)[i].month, -1);
    EXPECT_EQ((*by_category)[i].stats.reported, static_cast<std::uint32_t>(expected[i][2]));
  }
  // S1 by month: January e1, February e2, March e3 e4, May e6, June e5 e9.
  auto by_month = report->ByMonth(RollUp::kStreet);
  std::vector<std::pair<int, int>> s1;
  for (const EventRow& r : *by_month) {
    if (r.place == S1) s1.emplace_back(r.month - 2026 * 12 + 1, r.stats.reported);
  }
  EXPECT_EQ(s1, (std::vector<std::pair<int, int>>{{1, 1}, {2, 1}, {3, 2}, {5, 1}, {6, 2}}));
}

TEST_F(ServiceHandTest, HotSpots) {
  auto report = EventReport::Compute(net_, HalfYear());
  // Only g1 noise has 3 events: 0.75 per 100 households against S1's 4 / 1,200 = 0.333.
  auto hot = report->HotSpots();
  ASSERT_EQ(hot.size(), 1u);
  EXPECT_EQ(hot[0].grid, g1);
  EXPECT_EQ(hot[0].category, 0);
  EXPECT_EQ(hot[0].events, 3u);
  EXPECT_DOUBLE_EQ(hot[0].rate, 0.75);
  EXPECT_DOUBLE_EQ(hot[0].street_rate, 100.0 * 4 / 1200);
  EXPECT_DOUBLE_EQ(hot[0].score, 2.25);
  // With one event enough: g4 repair 0.5 vs S2 1/550 (2.75), g1 noise (2.25), g3 repair 0.4 vs
  // 3/1200 (1.6), g5 noise 1/350 vs 1/550 (1.571), then g1 repair and g2 noise at 1.0 (row).
  EventOptions o = HalfYear();
  o.hot_spot_min_events = 1;
  auto all = EventReport::Compute(net_, o)->HotSpots();
  std::vector<std::pair<Index, int>> got;
  for (const HotSpot& h : all) got.emplace_back(h.grid, h.category);
  EXPECT_EQ(got, (std::vector<std::pair<Index, int>>{
                     {g4, 1}, {g1, 0}, {g3, 1}, {g5, 0}, {g1, 1}, {g2, 0}}));
  EXPECT_NEAR(all[0].score, 2.75, 1e-12);
  EXPECT_EQ(EventReport::Compute(net_, {*ParseDate("2026-02-01"), *ParseDate("2026-01-01")})
                .status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(ServiceHandTest, CentreReach) {
  auto reach = CentreReach::Compute(net_);
  ASSERT_TRUE(reach.ok()) << reach.status();
  const auto grids = reach->grids();
  EXPECT_EQ(grids[g1].nearest, 0u);
  EXPECT_NEAR(grids[g1].metres, 0.0, 1e-6);
  EXPECT_TRUE(grids[g1].reached);
  EXPECT_EQ(grids[g2].nearest, 0u);
  EXPECT_NEAR(grids[g2].metres, 862.68, 0.01);
  EXPECT_TRUE(grids[g2].reached);
  EXPECT_NEAR(grids[g3].metres, 2588.04, 0.01);
  EXPECT_FALSE(grids[g3].reached);
  EXPECT_FALSE(grids[g4].placed);
  EXPECT_EQ(grids[g4].nearest, kNone);
  EXPECT_EQ(grids[g5].nearest, 1u);
  EXPECT_NEAR(grids[g5].metres, 1000.76, 0.01);  // just beyond the 1,000 m circle
  EXPECT_FALSE(grids[g5].reached);
  EXPECT_EQ(reach->UnplacedGrids(), (std::vector<Index>{g4}));
  EXPECT_EQ(reach->UnplacedCentres(), (std::vector<Index>{2}));
  auto communities = reach->RollUp(RollUp::kCommunity);
  ASSERT_TRUE(communities.ok());
  const auto& c1 = (*communities)[0];
  EXPECT_EQ(c1.place, C1);
  EXPECT_EQ((std::array<std::int64_t, 8>{c1.grids, c1.grids_placed, c1.grids_reached,
                                         c1.households, c1.households_reached,
                                         c1.households_unplaced, c1.units, c1.units_reached}),
            (std::array<std::int64_t, 8>{2, 2, 2, 700, 700, 0, 1, 1}));
  const auto& c3 = (*communities)[2];
  EXPECT_EQ((std::array<std::int64_t, 8>{c3.grids, c3.grids_placed, c3.grids_reached,
                                         c3.households, c3.households_reached,
                                         c3.households_unplaced, c3.units, c3.units_reached}),
            (std::array<std::int64_t, 8>{2, 1, 0, 550, 0, 200, 1, 0}));
  auto district = reach->RollUp(RollUp::kDistrict);
  EXPECT_EQ((*district)[0].households, 1750);
  EXPECT_EQ((*district)[0].households_reached, 700);
  // A wider circle takes in g5.
  EXPECT_TRUE(CentreReach::Compute(net_, {1001})->grids()[g5].reached);
  EXPECT_EQ(CentreReach::Compute(net_, {0}).status().code(), absl::StatusCode::kInvalidArgument);
  // Functions: C1's grids reach K1; C2 and C3 reach nothing.
  const auto functions = reach->Functions();
  ASSERT_EQ(functions.size(), 3u);
  EXPECT_EQ(functions[0].functions, (std::vector<std::string>{"deliberation", "service"}));
  EXPECT_TRUE(functions[1].functions.empty());
  EXPECT_TRUE(functions[2].functions.empty());
  EXPECT_EQ(reach->FunctionsOf(C1), functions[0].functions);
  EXPECT_TRUE(reach->FunctionsOf(B1).empty());  // not a community
  // Siting: unreached placed grids g3 (500) and g5 (350) lie over 1 km from every other grid.
  const auto sites = reach->Site(5);
  ASSERT_EQ(sites.size(), 2u);
  EXPECT_EQ(sites[0].grid, g3);
  EXPECT_EQ(sites[0].households_added, 500);
  EXPECT_EQ(sites[1].grid, g5);
  EXPECT_EQ(sites[1].households_added, 350);
  EXPECT_EQ(reach->Site(1).size(), 1u);
}

TEST_F(ServiceHandTest, ThreeHaves) {
  auto haves = ThreeHaves::Compute(net_, {2026, 1000});
  ASSERT_TRUE(haves.ok()) << haves.status();
  const auto rows = haves->communities();
  ASSERT_EQ(rows.size(), 3u);
  // C1: both grids managed; funds of C1 and B1 in 2026 (the 2025 sponsorship does not count).
  EXPECT_TRUE(rows[0].people);
  EXPECT_EQ(rows[0].managers, 2u);
  EXPECT_EQ(rows[0].funds.dues, 1000);
  EXPECT_EQ(rows[0].funds.fiscal, 5000);
  EXPECT_EQ(rows[0].funds.sponsor, 0);
  EXPECT_TRUE(rows[0].money);
  EXPECT_TRUE(rows[0].place_in_community);
  EXPECT_TRUE(rows[0].place_within_reach);
  // C2: g3 has only an informant; no funds; no centre in it or within reach.
  EXPECT_FALSE(rows[1].people);
  EXPECT_EQ(rows[1].other_staff, 1u);
  EXPECT_FALSE(rows[1].money);
  EXPECT_FALSE(rows[1].place);
  // C3: g4 has no manager; 2,000 fiscal; K2 and K3 stand in it (neither within reach).
  EXPECT_FALSE(rows[2].people);
  EXPECT_EQ(rows[2].grids_managed, 1u);
  EXPECT_EQ(rows[2].funds.fiscal, 2000);
  EXPECT_TRUE(rows[2].place_in_community);
  EXPECT_FALSE(rows[2].place_within_reach);
  std::vector<std::pair<std::string, Index>> findings;
  for (const HavesFinding& f : haves->findings()) {
    findings.emplace_back(ThreeHaves::RuleCode(f.rule), f.community);
  }
  EXPECT_EQ(findings, (std::vector<std::pair<std::string, Index>>{
                          {"community_without_people", C2}, {"community_without_people", C3},
                          {"community_without_money", C2}, {"community_without_place", C2}}));
  EXPECT_EQ(haves->Describe(haves->findings()[1]),
            "community C3 泰达社区党委: 1 of 2 grids have no grid manager (有人管事)");
  auto streets = haves->RollUp(RollUp::kStreet);
  ASSERT_TRUE(streets.ok());
  ASSERT_EQ(streets->size(), 2u);
  const HavesRow& s1 = (*streets)[0];
  EXPECT_EQ((std::array<std::uint32_t, 5>{s1.communities, s1.with_people, s1.with_money,
                                          s1.with_place, s1.with_all}),
            (std::array<std::uint32_t, 5>{2, 1, 1, 1, 1}));
  EXPECT_EQ(s1.funds.total(), 6000);  // the street's own 700 is not a community's
  const auto districts = haves->RollUp(RollUp::kDistrict);
  ASSERT_TRUE(districts.ok());
  const HavesRow& d = (*districts)[0];
  EXPECT_EQ((std::array<std::uint32_t, 5>{d.communities, d.with_people, d.with_money,
                                          d.with_place, d.with_all}),
            (std::array<std::uint32_t, 5>{3, 1, 2, 2, 1}));
  // Another year: only the 2025 sponsorship.
  EXPECT_EQ(ThreeHaves::Compute(net_, {2025, 1000})->communities()[0].funds.total(), 300);
  EXPECT_EQ(haves->RollUp(RollUp::kGrid).status().code(), absl::StatusCode::kInvalidArgument);
}

// ------------------------------------------------------------------ random cases

TEST(SitingRandomTest, GreedyIsWithinItsGuaranteeOfExhaustiveSearch) {
  std::mt19937 rng(31);
  for (int round = 0; round < 30; ++round) {
    NetworkBuilder b;
    AddRowOrFail(b, Table::kOrgs, {{"id", "C"}, {"name", "c"}, {"kind", "community"}});
    const int grids = 6 + static_cast<int>(rng() % 7);
    std::vector<double> lon(grids), lat(grids);
    std::vector<std::int64_t> households(grids);
    for (int g = 0; g < grids; ++g) {
      // Within a few km of Heping: about 860 m per 0.01 degree of longitude.
      lon[g] = 117.2 + 0.001 * static_cast<double>(rng() % 40);
      lat[g] = 39.12 + 0.001 * static_cast<double>(rng() % 30);
      households[g] = 1 + static_cast<std::int64_t>(rng() % 500);
      AddRowOrFail(b, Table::kGrids, {{"id", "g" + std::to_string(g)}, {"community", "C"},
                               {"households", std::to_string(households[g])},
                               {"lon", std::to_string(lon[g])}, {"lat", std::to_string(lat[g])}});
    }
    if (rng() % 2) {  // sometimes an existing centre
      AddRowOrFail(b, Table::kCentres, {{"id", "k"}, {"name", "k"}, {"org", "C"}, {"grid", "g0"}});
    }
    auto net = b.Build();
    ASSERT_TRUE(net.ok()) << net.status();
    const double radius = 800;
    auto reach = CentreReach::Compute(*net, {radius});
    ASSERT_TRUE(reach.ok());
    // Cover sets by direct distances (no index).
    std::vector<std::vector<int>> covers(grids);
    std::vector<bool> target(grids);
    for (int g = 0; g < grids; ++g) target[g] = !reach->grids()[g].reached;
    for (int c = 0; c < grids; ++c) {
      for (int g = 0; g < grids; ++g) {
        if (target[g] && GreatCircleMetres(lon[c], lat[c], lon[g], lat[g]) <= radius) {
          covers[c].push_back(g);
        }
      }
    }
    for (std::size_t k : {1u, 2u, 3u}) {
      const auto sites = reach->Site(k);
      std::vector<bool> covered(grids, false);
      std::int64_t greedy = 0;
      for (const SiteChoice& s : sites) {
        std::int64_t added = 0;
        for (int g : covers[s.grid]) {
          if (!covered[g]) {
            covered[g] = true;
            added += households[g];
          }
        }
        EXPECT_EQ(added, s.households_added);
        greedy += added;
      }
      // Exhaustive: every set of k candidate grids.
      std::int64_t best = 0;
      std::vector<int> pick(k);
      std::function<void(std::size_t, int)> search = [&](std::size_t depth, int from) {
        if (depth == k) {
          std::vector<bool> seen(grids, false);
          std::int64_t total = 0;
          for (int c : pick) {
            for (int g : covers[c]) {
              if (!seen[g]) {
                seen[g] = true;
                total += households[g];
              }
            }
          }
          best = std::max(best, total);
          return;
        }
        for (int c = from; c < grids; ++c) {
          pick[depth] = c;
          search(depth + 1, c + 1);
        }
      };
      search(0, 0);
      EXPECT_GE(static_cast<double>(greedy), (1 - 1 / std::exp(1.0)) * best) << "round " << round;
      EXPECT_LE(greedy, best);
      if (k == 1) {
        EXPECT_EQ(greedy, best);  // one pick: greedy is exact
      }
    }
  }
}

TEST(EventsRandomTest, RollUpsMatchSlowRecomputation) {
  std::mt19937 rng(5);
  for (int round = 0; round < 20; ++round) {
    NetworkBuilder b;
    AddRowOrFail(b, Table::kOrgs, {{"id", "S"}, {"name", "s"}, {"kind", "street"}});
    const int communities = 1 + static_cast<int>(rng() % 3);
    for (int c = 0; c < communities; ++c) {
      AddRowOrFail(b, Table::kOrgs, {{"id", "C" + std::to_string(c)}, {"name", "c"},
                              {"kind", "community"}, {"parent", "S"}});
    }
    const int grids = 2 + static_cast<int>(rng() % 5);
    std::vector<int> community_of(grids);
    for (int g = 0; g < grids; ++g) {
      community_of[g] = static_cast<int>(rng() % communities);
      AddRowOrFail(b, Table::kGrids, {{"id", "g" + std::to_string(g)},
                               {"community", "C" + std::to_string(community_of[g])}});
    }
    const int events = static_cast<int>(rng() % 40);
    std::vector<int> grid(events), reported(events), resolved(events);
    const char* levels[] = {"grid", "community", "street", ""};
    std::vector<int> level(events);
    const Date base = *ParseDate("2026-01-01");
    for (int e = 0; e < events; ++e) {
      grid[e] = static_cast<int>(rng() % grids);
      reported[e] = static_cast<int>(rng() % 200);
      resolved[e] = rng() % 3 == 0 ? -1 : reported[e] + static_cast<int>(rng() % 50);
      level[e] = static_cast<int>(rng() % 4);
      AddRowOrFail(b, Table::kEvents,
               {{"id", "e" + std::to_string(e)}, {"grid", "g" + std::to_string(grid[e])},
                {"category", rng() % 2 ? "a" : "b"},
                {"reported", FormatDate(base + reported[e])},
                {"resolved", resolved[e] < 0 ? "" : FormatDate(base + resolved[e])},
                {"level", resolved[e] < 0 ? "" : levels[level[e]]}});
    }
    auto net = b.Build();
    ASSERT_TRUE(net.ok()) << net.status();
    EventOptions o;
    o.from = base + 20;
    o.to = base + 180;
    o.as_of = base + 200;
    auto report = EventReport::Compute(*net, o);
    ASSERT_TRUE(report.ok());
    auto rows = report->Totals(RollUp::kCommunity);
    for (const EventRow& row : *rows) {
      const int c = static_cast<int>(row.place) - 1;  // C0 is org row 1
      std::vector<int> days;
      std::uint32_t reported_n = 0, open = 0, grid_level = 0;
      std::array<std::uint32_t, 4> backlog{};
      for (int e = 0; e < events; ++e) {
        if (community_of[grid[e]] != c || reported[e] < 20 || reported[e] >= 180) continue;
        ++reported_n;
        if (resolved[e] < 0) {
          ++open;
          const int age = 200 - reported[e];
          ++backlog[age < 7 ? 0 : age < 30 ? 1 : age < 90 ? 2 : 3];
        } else {
          days.push_back(resolved[e] - reported[e]);
          grid_level += level[e] == 0;
        }
      }
      std::sort(days.begin(), days.end());
      const int n = static_cast<int>(days.size());
      const int median = n == 0 ? -1 : days[(n + 1) / 2 - 1];
      const int p90 = n == 0 ? -1 : days[static_cast<int>(std::ceil(0.9 * n)) - 1];
      EXPECT_EQ(row.stats.reported, reported_n);
      EXPECT_EQ(row.stats.open, open);
      EXPECT_EQ(row.stats.resolved_grid, grid_level);
      EXPECT_EQ(row.stats.median_days, median) << "round " << round;
      EXPECT_EQ(row.stats.p90_days, p90) << "round " << round;
      EXPECT_EQ(row.stats.backlog, backlog);
    }
  }
}

}  // namespace
}  // namespace orgnet
