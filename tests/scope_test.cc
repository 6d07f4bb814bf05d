// Scoped views (Network::Scope): which rows they hold, checked against a slow restatement of
// the rules of docs/permission.md; that nothing outside can be found; and that the figures a
// view gives for its own places equal the full network's.
#include <algorithm>
#include <cstring>
#include <cmath>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "add_row.h"
#include <gtest/gtest.h>

#include "orgnet/builder.h"
#include "orgnet/centres.h"
#include "orgnet/coverage.h"
#include "orgnet/events.h"
#include "orgnet/haves.h"
#include "orgnet/network.h"
#include "orgnet/scope.h"
#include "test_util.h"
#include "tests/fuzz/fuzz_support.h"

namespace orgnet {
namespace {

std::string Id(const char* prefix, int i) { return prefix + std::to_string(i); }

// A random dataset with every table: a district, streets, communities, and other orgs led
// from anywhere and located anywhere, so that scopes have every kind of boundary.
Network RandomNetwork(std::mt19937& rng) {
  NetworkBuilder b;
  b.SetManifest("version", "1");
  b.SetManifest("as_of", "2026-06-30");
  b.SetManifest("personal", "members.phone; staff.phone");
  const int streets = 2 + rng() % 3, communities = 3 + rng() % 5, others = 10 + rng() % 40;
  // The extra columns the manifest calls personal.
  EXPECT_TRUE(b.AddColumn(Table::kStaff, "phone").ok());
  EXPECT_TRUE(b.AddColumn(Table::kMembers, "phone").ok());
  std::vector<std::string> kind;
  auto add_org = [&](const std::string& k, int parent, int grid) {
    const int o = static_cast<int>(kind.size());
    kind.push_back(k);
    AddRowOrFail(b, Table::kOrgs, {{"id", Id("o", o)}, {"name", Id("name-o", o)}, {"kind", k},
                            {"parent", parent < 0 ? "" : Id("o", parent)},
                            {"grid", grid < 0 ? "" : Id("g", grid)},
                            {"level", rng() % 3 ? "branch" : ""}});
  };
  const int grids = communities * (1 + rng() % 3);
  add_org("district", -1, -1);
  for (int s = 0; s < streets; ++s) add_org("street", 0, -1);
  for (int c = 0; c < communities; ++c) add_org("community", 1 + rng() % streets, -1);
  const char* other_kinds[] = {"unit", "joint", "branch", "group", "station"};
  for (int i = 0; i < others; ++i) {
    const int n = static_cast<int>(kind.size());
    add_org(other_kinds[rng() % 5], rng() % 7 ? static_cast<int>(rng() % n) : -1,
            rng() % 2 ? static_cast<int>(rng() % grids) : -1);
  }
  const int orgs = static_cast<int>(kind.size());
  auto any_org = [&] { return Id("o", rng() % orgs); };
  for (int g = 0; g < grids; ++g) {
    // Grids belong to communities (one in ten to another org: a warning, still a place).
    const int community = rng() % 10 ? 1 + streets + g % communities : static_cast<int>(rng() % orgs);
    AddRowOrFail(b, Table::kGrids, {{"id", Id("g", g)}, {"name", Id("name-g", g)},
                             {"community", Id("o", community)},
                             {"households", std::to_string(rng() % 700)},
                             {"lon", std::to_string(116.0 + (rng() % 100) / 1000.0)},
                             {"lat", std::to_string(39.0 + (rng() % 100) / 1000.0)}});
  }
  const int staff = 5 + rng() % 30;
  const char* roles[] = {"grid_manager", "grid_informant", "instructor", "liaison"};
  for (int s = 0; s < staff; ++s) {
    AddRowOrFail(b, Table::kStaff, {{"id", Id("s", s)}, {"name", Id("name-s", s)},
                             {"role", roles[rng() % 4]},
                             {"grid", rng() % 5 ? Id("g", rng() % grids) : ""},
                             {"phone", Id("phone-s", s)}});
  }
  const int units = 10 + rng() % 50;
  const char* unit_kinds[] = {"enterprise", "social_org", "agency", ""};
  for (int u = 0; u < units; ++u) {
    AddRowOrFail(b, Table::kUnits,
             {{"id", Id("u", u)}, {"name", Id("name-u", u)}, {"kind", unit_kinds[rng() % 4]},
              {"grid", Id("g", rng() % grids)}, {"org", rng() % 3 ? any_org() : ""},
              {"instructor", rng() % 4 == 0 ? Id("s", rng() % staff) : ""},
              {"liaison", rng() % 5 == 0 ? Id("s", rng() % staff) : ""},
              {"employees", std::to_string(rng() % 300)}});
  }
  const int members = 30 + rng() % 200;
  for (int m = 0; m < members; ++m) {
    const bool mobile = rng() % 4 == 0;
    AddRowOrFail(b, Table::kMembers,
             {{"id", Id("m", m)}, {"name", Id("name-m", m)},
              {"org", rng() % 8 ? any_org() : ""},
              {"status", rng() % 5 ? "formal" : "probationary"},
              {"unit", rng() % 2 ? Id("u", rng() % units) : ""},
              {"community", rng() % 2 ? Id("o", 1 + streets + rng() % communities) : ""},
              {"mobile", mobile ? "1" : "0"},
              {"station", mobile && rng() % 2 ? any_org() : ""},
              {"away_since", mobile ? "2025-0" + std::to_string(1 + rng() % 9) + "-15" : ""},
              {"last_contact", rng() % 3 ? "2025-1" + std::to_string(rng() % 3) + "-01" : ""},
              {"phone", Id("phone-m", m)}});
  }
  const char* link_kinds[] = {"pairing", "joint_meeting", "part_time", "resource_sharing"};
  std::set<std::tuple<int, int, int>> seen;
  for (int l = 0; l < 20 + static_cast<int>(rng() % 60); ++l) {
    const int a = rng() % orgs, c = rng() % orgs, k = rng() % 4;
    if (a == c || !seen.insert({std::min(a, c), std::max(a, c), k}).second) continue;
    AddRowOrFail(b, Table::kLinks, {{"a", Id("o", a)}, {"b", Id("o", c)}, {"kind", link_kinds[k]},
                             {"since", "2024-01-01"}});
  }
  const char* categories[] = {"elderly", "youth", "venue"};
  for (int i = 0; i < 10 + static_cast<int>(rng() % 20); ++i) {
    AddRowOrFail(b, Table::kNeeds, {{"id", Id("n", i)}, {"org", any_org()},
                             {"category", categories[rng() % 3]},
                             {"amount", std::to_string(1 + rng() % 9)}});
    AddRowOrFail(b, Table::kResources, {{"id", Id("r", i)}, {"org", any_org()},
                                 {"category", categories[rng() % 3]},
                                 {"amount", std::to_string(1 + rng() % 9)}});
  }
  for (int c = 0; c < 3 + static_cast<int>(rng() % 8); ++c) {
    const bool placed = rng() % 2;
    AddRowOrFail(b, Table::kCentres,
             {{"id", Id("c", c)}, {"name", Id("name-c", c)}, {"org", any_org()},
              {"grid", Id("g", rng() % grids)}, {"functions", rng() % 2 ? "service;study" : "care"},
              {"lon", placed ? std::to_string(116.0 + (rng() % 100) / 1000.0) : ""},
              {"lat", placed ? std::to_string(39.0 + (rng() % 100) / 1000.0) : ""}});
  }
  const char* levels[] = {"grid", "community", "street", ""};
  for (int e = 0; e < 40 + static_cast<int>(rng() % 100); ++e) {
    const bool resolved = rng() % 3;
    AddRowOrFail(b, Table::kEvents,
             {{"id", Id("e", e)}, {"grid", Id("g", rng() % grids)},
              {"category", categories[rng() % 3]},
              {"reported", "2026-0" + std::to_string(1 + rng() % 5) + "-10"},
              {"resolved", resolved ? "2026-06-0" + std::to_string(1 + rng() % 9) : ""},
              {"level", levels[rng() % 4]}});
  }
  const char* sources[] = {"dues", "fiscal", "sponsor", "other"};
  for (int f = 0; f < 5 + static_cast<int>(rng() % 20); ++f) {
    AddRowOrFail(b, Table::kFunds, {{"org", any_org()}, {"source", sources[rng() % 4]},
                             {"amount", std::to_string(rng() % 10000)},
                             {"year", rng() % 4 ? "2026" : "2025"}});
  }
  auto built = b.Build();
  EXPECT_TRUE(built.ok()) << built.status();
  return built.ok() ? *std::move(built) : Network();
}

// Which rows of each table a spec holds, by the rules' own words, one row at a time.
struct SlowScope {
  std::vector<std::vector<bool>> in;  // [table][row]

  SlowScope(const Network& net, const std::vector<Index>& orgs, const std::vector<Index>& grids) {
    const Hierarchy& h = net.hierarchy();
    const Territory& t = net.territory();
    auto is_territory = [&](Index o) {
      const OrgKind k = net.org_kind(o);
      return k == OrgKind::kDistrict || k == OrgKind::kStreet || k == OrgKind::kCommunity;
    };
    in.resize(kTableCount);
    for (int table = 0; table < kTableCount; ++table) {
      in[table].assign(net.rows(static_cast<Table>(table)), false);
    }
    auto under = [&](Index o) {
      for (const Index r : orgs) {
        if (o == r || h.is_ancestor(r, o)) return true;
      }
      return false;
    };
    std::vector<Index> places;  // territory orgs of the subtrees
    for (Index o = 0; o < net.org_count(); ++o) {
      if (under(o) && is_territory(o)) places.push_back(o);
    }
    auto located = [&](const Place& p) {
      for (const Index g : grids) {
        if (p.grid == g) return true;
      }
      for (const Index x : places) {
        if (p.community == x || p.street == x || p.district == x) return true;
      }
      return false;
    };
    auto& org = in[static_cast<int>(Table::kOrgs)];
    for (Index o = 0; o < net.org_count(); ++o) org[o] = under(o) || located(t.org_place(o));
    auto org_in = [&](Index o) { return o != kNone && org[o]; };
    auto ref = [&](Table table, Index row, int column) { return net.ref(table, row, column); };
    auto& grid = in[static_cast<int>(Table::kGrids)];
    for (Index g = 0; g < grid.size(); ++g) {
      grid[g] = located(t.grid_place(g)) || org_in(ref(Table::kGrids, g, col::kGridCommunity));
    }
    auto grid_in = [&](Index g) { return g != kNone && grid[g]; };
    auto& unit = in[static_cast<int>(Table::kUnits)];
    for (Index u = 0; u < unit.size(); ++u) {
      unit[u] = grid_in(ref(Table::kUnits, u, col::kUnitGrid)) ||
                org_in(ref(Table::kUnits, u, col::kUnitOrg));
    }
    auto& member = in[static_cast<int>(Table::kMembers)];
    for (Index m = 0; m < member.size(); ++m) {
      const Index u = ref(Table::kMembers, m, col::kMemberUnit);
      member[m] = org_in(ref(Table::kMembers, m, col::kMemberOrg)) || (u != kNone && unit[u]);
    }
    for (Index s = 0; s < net.rows(Table::kStaff); ++s) {
      in[static_cast<int>(Table::kStaff)][s] = grid_in(ref(Table::kStaff, s, col::kStaffGrid));
    }
    for (Index l = 0; l < net.rows(Table::kLinks); ++l) {
      in[static_cast<int>(Table::kLinks)][l] = org_in(ref(Table::kLinks, l, col::kLinkA)) ||
                                               org_in(ref(Table::kLinks, l, col::kLinkB));
    }
    for (Table table : {Table::kNeeds, Table::kResources}) {
      for (Index r = 0; r < net.rows(table); ++r) {
        in[static_cast<int>(table)][r] = org_in(ref(table, r, col::kListingOrg));
      }
    }
    for (Index f = 0; f < net.rows(Table::kFunds); ++f) {
      in[static_cast<int>(Table::kFunds)][f] = org_in(ref(Table::kFunds, f, col::kFundOrg));
    }
    for (Index c = 0; c < net.rows(Table::kCentres); ++c) {
      in[static_cast<int>(Table::kCentres)][c] =
          org_in(ref(Table::kCentres, c, col::kCentreOrg)) ||
          grid_in(ref(Table::kCentres, c, col::kCentreGrid));
    }
    for (Index e = 0; e < net.rows(Table::kEvents); ++e) {
      in[static_cast<int>(Table::kEvents)][e] = grid_in(ref(Table::kEvents, e, col::kEventGrid));
    }
  }
};

// Checks that @p view holds exactly the rows @p slow says, in file order, each cell as in
// @p net (a reference to a row outside reads as outside, personal fields masked).
void ExpectRows(const Network& net, const Network& view, const SlowScope& slow) {
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    std::vector<Index> expected;
    for (Index r = 0; r < net.rows(table); ++r) {
      if (slow.in[t][r]) expected.push_back(r);
    }
    ASSERT_EQ(view.rows(table), expected.size()) << GetTableSpec(table).name;
    for (Index v = 0; v < view.rows(table); ++v) {
      const Index r = expected[v];
      for (int c = 0; c < net.column_count(table); ++c) {
        const std::string full = net.CellText(table, r, c);
        if (view.is_masked(table, c)) {
          EXPECT_EQ(view.CellText(table, v, c), "");
        } else if (net.column_type(table, c) == ColumnType::kRef && net.ref(table, r, c) != kNone) {
          const Index target = net.ref(table, r, c);
          const bool target_in = slow.in[static_cast<int>(GetTableSpec(table).columns[c].target)][target];
          EXPECT_EQ(view.is_outside(table, v, c), !target_in)
              << GetTableSpec(table).name << " row " << r << " column " << c;
          EXPECT_EQ(view.CellText(table, v, c), target_in ? full : "");
          EXPECT_EQ(view.ref(table, v, c) == kOutside, !target_in);
        } else {
          EXPECT_EQ(view.CellText(table, v, c), full)
              << GetTableSpec(table).name << " row " << r << " column " << c;
        }
      }
      if (GetTableSpec(table).id_column >= 0) {
        EXPECT_EQ(view.Find(table, net.id(table, r)), std::optional<Index>(v));
      }
    }
    // No row outside is found by id.
    if (GetTableSpec(table).id_column >= 0) {
      for (Index r = 0; r < net.rows(table); ++r) {
        if (!slow.in[t][r]) {
          EXPECT_FALSE(view.Find(table, net.id(table, r)).has_value());
        }
      }
    }
  }
}

// The figures of @p view for its territory org @p place (a view row) equal @p net's for the
// same org (@p full_place).
void ExpectSamePlaceFigures(const Network& net, const Network& view, Index full_place,
                            Index view_place) {
  const auto full_cov = CoverageReport::Compute(net);
  const auto view_cov = CoverageReport::Compute(view);
  ASSERT_TRUE(full_cov.ok() && view_cov.ok());
  const RollUp level = net.org_kind(full_place) == OrgKind::kStreet ? RollUp::kStreet
                       : net.org_kind(full_place) == OrgKind::kCommunity ? RollUp::kCommunity
                                                                         : RollUp::kDistrict;
  const Index fp = full_cov->position(level, full_place), vp = view_cov->position(level, view_place);
  ASSERT_NE(fp, kNone);
  ASSERT_NE(vp, kNone);
  for (int c = 0; c < kCounterCount; ++c) {
    EXPECT_EQ(full_cov->counter(level, static_cast<Counter>(c))[fp],
              view_cov->counter(level, static_cast<Counter>(c))[vp])
        << "counter " << c << " of " << net.org_id(full_place);
  }
  for (int r = 0; r < kRateCount; ++r) {
    const double a = full_cov->rate(level, static_cast<Rate>(r))[fp];
    const double b = view_cov->rate(level, static_cast<Rate>(r))[vp];
    EXPECT_TRUE((std::isnan(a) && std::isnan(b)) || a == b) << "rate " << r;
  }
  const auto full_events = EventReport::Compute(net), view_events = EventReport::Compute(view);
  ASSERT_TRUE(full_events.ok() && view_events.ok());
  auto event_row = [&](const EventReport& report, Index place) {
    const auto rows = report.Totals(level);
    EXPECT_TRUE(rows.ok());
    const std::vector<EventRow> empty;
    for (const EventRow& row : rows.ok() ? *rows : empty) {
      if (row.place == place) return row.stats;
    }
    return EventStats{};
  };
  const EventStats a = event_row(*full_events, full_place), b = event_row(*view_events, view_place);
  EXPECT_EQ(std::tie(a.reported, a.resolved_grid, a.resolved_above, a.resolved_unknown, a.open,
                     a.median_days, a.p90_days, a.backlog),
            std::tie(b.reported, b.resolved_grid, b.resolved_above, b.resolved_unknown, b.open,
                     b.median_days, b.p90_days, b.backlog));
  const auto full_reach = CentreReach::Compute(net), view_reach = CentreReach::Compute(view);
  ASSERT_TRUE(full_reach.ok() && view_reach.ok());
  auto reach_row = [&](const CentreReach& reach, Index place) {
    const auto rows = reach.RollUp(level);
    EXPECT_TRUE(rows.ok());
    const std::vector<ReachRow> empty;
    for (const ReachRow& row : rows.ok() ? *rows : empty) {
      if (row.place == place) return row;
    }
    return ReachRow{};
  };
  const ReachRow x = reach_row(*full_reach, full_place), y = reach_row(*view_reach, view_place);
  EXPECT_EQ(std::tie(x.grids, x.grids_placed, x.grids_reached, x.households,
                     x.households_reached, x.households_unplaced, x.units, x.units_reached),
            std::tie(y.grids, y.grids_placed, y.grids_reached, y.households,
                     y.households_reached, y.households_unplaced, y.units, y.units_reached));
  const auto full_haves = ThreeHaves::Compute(net), view_haves = ThreeHaves::Compute(view);
  ASSERT_TRUE(full_haves.ok() && view_haves.ok());
  // Every community of the place: the same haves.
  for (const CommunityHaves& v : view_haves->communities()) {
    const Index full_row = *net.FindOrg(view.org_id(v.community));
    const Place p = net.territory().org_place(full_row);
    // An org that a grid names as its community without being one (a load warning) keeps
    // only its in-scope subtree's funds: docs/permission.md.
    if (net.org_kind(full_row) != OrgKind::kCommunity) continue;
    if (p.community != full_place && p.street != full_place && p.district != full_place) continue;
    const auto it = std::find_if(full_haves->communities().begin(), full_haves->communities().end(),
                                 [&](const CommunityHaves& f) { return f.community == full_row; });
    ASSERT_NE(it, full_haves->communities().end());
    EXPECT_EQ(std::tie(it->grids, it->grids_managed, it->managers, it->other_staff, it->people,
                       it->money, it->place_in_community, it->place_within_reach),
              std::tie(v.grids, v.grids_managed, v.managers, v.other_staff, v.people, v.money,
                       v.place_in_community, v.place_within_reach))
        << view.org_id(v.community);
    EXPECT_EQ(it->funds.total(), v.funds.total());
  }
}

TEST(ScopeTest, RandomScopesHoldTheRowsTheRulesSayAndTheSameFigures) {
  std::mt19937 rng(2026);
  for (int trial = 0; trial < 400; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    const Network net = RandomNetwork(rng);
    ASSERT_GT(net.org_count(), 0u);
    // A random union of organizations, streets or communities as places, and grids.
    ScopeSpec spec;
    std::vector<Index> roots, grids;
    const int parts = 1 + rng() % 3;
    for (int i = 0; i < parts; ++i) {
      switch (rng() % 3) {
        case 0: {
          const Index o = rng() % net.org_count();
          spec.orgs.emplace_back(net.org_id(o));
          roots.push_back(o);
          break;
        }
        case 1: {
          const Index o = 1 + rng() % 6;  // a street or a community
          const OrgKind k = net.org_kind(o);
          if (k != OrgKind::kStreet && k != OrgKind::kCommunity) break;
          spec.places.emplace_back(net.org_id(o));
          roots.push_back(o);
          break;
        }
        default: {
          const Index g = rng() % net.rows(Table::kGrids);
          spec.places.emplace_back(net.id(Table::kGrids, g));
          grids.push_back(g);
        }
      }
    }
    if (spec.orgs.empty() && spec.places.empty()) continue;
    spec.personal = rng() % 2;
    const auto view = net.Scope(spec);
    ASSERT_TRUE(view.ok()) << view.status();
    EXPECT_TRUE(view->is_view());
    EXPECT_FALSE(net.is_view());
    const SlowScope slow(net, roots, grids);
    ExpectRows(net, *view, slow);
    // Every analysis runs on the view (under the sanitizers: no row outside is ever indexed).
    fuzz::RunEveryAnalysis(*view);
    EXPECT_EQ(view->is_masked(Table::kMembers, col::kMemberName), !spec.personal);
    const auto phone = net.FindColumn(Table::kMembers, "phone");
    ASSERT_TRUE(phone.has_value());
    EXPECT_EQ(view->is_masked(Table::kMembers, *phone), !spec.personal);
    // The leadership chain is cut at the view's roots.
    for (Index o = 0; o < view->org_count(); ++o) {
      const Index parent = view->hierarchy().parent(o);
      if (parent == kNone) continue;
      EXPECT_EQ(view->org_id(parent), net.org_id(net.hierarchy().parent(*net.FindOrg(view->org_id(o)))));
    }
    // Figures of each street and community the view holds whole.
    for (const Index root : roots) {
      const OrgKind k = net.org_kind(root);
      if (k != OrgKind::kStreet && k != OrgKind::kCommunity) continue;
      ExpectSamePlaceFigures(net, *view, root, *view->FindOrg(net.org_id(root)));
    }
    // An organization scope's root: the same leadership roll-up.
    if (spec.orgs.size() == 1 && spec.places.empty()) {
      const auto full_cov = CoverageReport::Compute(net);
      const auto view_cov = CoverageReport::Compute(*view);
      const Index v = *view->FindOrg(spec.orgs[0]);
      for (int c = 0; c < kCounterCount; ++c) {
        EXPECT_EQ(full_cov->counter(RollUp::kOrg, static_cast<Counter>(c))[roots[0]],
                  view_cov->counter(RollUp::kOrg, static_cast<Counter>(c))[v])
            << "leadership counter " << c << " of " << spec.orgs[0];
      }
    }
    // Saved, a view is a dataset of its rows that loads: references leaving the scope name
    // one placeholder organization and grid, which no other row is.
    if (trial % 10 == 0) {
      testing::TempDir dir;
      ASSERT_TRUE(view->Save(dir.path()).ok());
      const auto saved = Network::Load(dir.path());
      ASSERT_TRUE(saved.ok()) << saved.status();
      for (const Table table : {Table::kOrgs, Table::kGrids}) {
        const bool placeholder = saved->Find(table, "~outside").has_value();
        EXPECT_EQ(saved->rows(table), view->rows(table) + (placeholder ? 1 : 0));
      }
      for (const Table table : {Table::kUnits, Table::kMembers, Table::kEvents}) {
        EXPECT_EQ(saved->rows(table), view->rows(table));
      }
      // Links to outside that become identical (one org, kind and start) are saved once.
      std::set<std::string> identities;
      for (Index l = 0; l < view->rows(Table::kLinks); ++l) {
        auto end = [&](int c) {
          return view->is_outside(Table::kLinks, l, c) ? std::string("~outside")
                                                       : view->CellText(Table::kLinks, l, c);
        };
        const std::string a = end(col::kLinkA), b = end(col::kLinkB);
        identities.insert(std::min(a, b) + "|" + std::max(a, b) + "|" +
                          view->CellText(Table::kLinks, l, col::kLinkKind) + "|" +
                          view->CellText(Table::kLinks, l, col::kLinkSince));
      }
      EXPECT_EQ(saved->rows(Table::kLinks), identities.size());
      EXPECT_EQ(view->SaveSnapshot(dir.sub("view.orgnet")).code(),
                absl::StatusCode::kFailedPrecondition);
    }
    // A view of the view narrows it, by the same rules.
    if (view->org_count() > 0) {
      ScopeSpec inner;
      const Index o = rng() % view->org_count();
      inner.orgs.emplace_back(view->org_id(o));
      inner.personal = true;
      const auto narrow = view->Scope(inner);
      ASSERT_TRUE(narrow.ok()) << narrow.status();
      const auto direct = net.Scope(ScopeSpec{inner.orgs, {}, spec.personal});
      ASSERT_TRUE(direct.ok());
      // Every row of the narrower view is a row of the view, and of the direct scope
      // of the same organization.
      for (int t = 0; t < kTableCount; ++t) {
        const Table table = static_cast<Table>(t);
        EXPECT_LE(narrow->rows(table), view->rows(table));
        EXPECT_LE(narrow->rows(table), direct->rows(table));
      }
    }
  }
}

TEST(ScopeTest, ViewsMadeFromManyThreadsAtOnceAreTheSame) {
  // The first calls race to build the scope indexes: each thread must get the same views.
  std::mt19937 rng(11);
  const Network net = RandomNetwork(rng);
  std::vector<ScopeSpec> specs;
  for (Index o = 0; o < net.org_count(); o += 3) specs.push_back({{std::string(net.org_id(o))}, {}, false});
  auto fingerprint = [](const Network& view) {
    std::string text;
    for (int t = 0; t < kTableCount; ++t) {
      for (Index r = 0; r < view.rows(static_cast<Table>(t)); ++r) {
        for (int c = 0; c < view.column_count(static_cast<Table>(t)); ++c) {
          text += view.CellText(static_cast<Table>(t), r, c) + ",";
        }
      }
    }
    const auto report = CoverageReport::Compute(view);
    text += std::to_string(report->findings().size());
    return text;
  };
  std::vector<std::vector<std::string>> seen(4, std::vector<std::string>(specs.size()));
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      for (std::size_t i = 0; i < specs.size(); ++i) {
        const std::size_t j = (i + k * 7) % specs.size();
        seen[k][j] = fingerprint(*net.Scope(specs[j]));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (std::size_t j = 0; j < specs.size(); ++j) {
    const std::string alone = fingerprint(*net.Scope(specs[j]));
    for (int k = 0; k < 4; ++k) EXPECT_EQ(seen[k][j], alone) << specs[j].orgs[0];
  }
}

TEST(ScopeTest, BadSpecsAreRefusedNamingTheArgument) {
  std::mt19937 rng(7);
  const Network net = RandomNetwork(rng);
  auto status = [&](ScopeSpec spec) { return net.Scope(spec).status(); };
  EXPECT_EQ(status({}).code(), absl::StatusCode::kInvalidArgument);
  const absl::Status missing = status({{"o0", "nobody"}, {}, false});
  EXPECT_EQ(missing.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(missing.message(), "orgs[1]: no organization has id \"nobody\"");
  const absl::Status place = status({{}, {"nowhere"}, false});
  EXPECT_EQ(place.message(), "places[0]: no grid or organization has id \"nowhere\"");
  // An org of another kind is not a place.
  Index unit = kNone;
  for (Index o = 0; o < net.org_count(); ++o) {
    if (net.org_kind(o) == OrgKind::kUnit) unit = o;
  }
  ASSERT_NE(unit, kNone);
  const absl::Status kind = status({{}, {std::string(net.org_id(unit))}, false});
  EXPECT_EQ(kind.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(kind.message().find("is an organization of kind \"unit\""), std::string::npos)
      << kind.message();
  // A view is read-only.
  const auto view = net.Scope({{"o1"}, {}, false});
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->Edit(EditBatch()).status().code(), absl::StatusCode::kFailedPrecondition);
  // An id outside the view is not found when narrowing it, as one that no dataset has.
  Index outside = kNone;
  for (Index o = 0; o < net.org_count(); ++o) {
    if (!view->FindOrg(net.org_id(o))) outside = o;
  }
  ASSERT_NE(outside, kNone);
  const absl::Status narrow = view->Scope({{std::string(net.org_id(outside))}, {}, false}).status();
  EXPECT_EQ(narrow.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(narrow.message(),
            "orgs[0]: no organization has id \"" + std::string(net.org_id(outside)) + "\"");
}

}  // namespace
}  // namespace orgnet

// The C ABI's scoped handle: made, read and refused as the header says.
#include "orgnet/orgnet.h"

namespace orgnet {
namespace {

TEST(ScopeCApiTest, AViewHandleHoldsTheScopeAndTellsOutsideAndMasked) {
  orgnet_network* net = nullptr;
  const std::string folder = ORGNET_EXAMPLES_DIR "/district";
  ASSERT_EQ(orgnet_network_load(&net, folder.data(), folder.size(), nullptr, nullptr), ORGNET_OK);
  const char* street = "O0000003";
  const std::size_t street_len = std::strlen(street);
  orgnet_scope_spec spec = ORGNET_SCOPE_SPEC_INIT;
  spec.places = &street;
  spec.place_lens = &street_len;
  spec.place_count = 1;
  orgnet_network* view = nullptr;
  ASSERT_EQ(orgnet_network_scope(&view, net, &spec), ORGNET_OK) << orgnet_last_error();
  int is_view = -1;
  ASSERT_EQ(orgnet_network_is_view(&is_view, view), ORGNET_OK);
  EXPECT_EQ(is_view, 1);
  ASSERT_EQ(orgnet_network_is_view(&is_view, net), ORGNET_OK);
  EXPECT_EQ(is_view, 0);
  // Every link whose far end reads ORGNET_OUTSIDE is outside, and no other.
  uint32_t links = 0, outside = 0;
  ASSERT_EQ(orgnet_network_rows(&links, view, ORGNET_TABLE_LINKS), ORGNET_OK);
  ASSERT_GT(links, 0u);
  for (uint32_t l = 0; l < links; ++l) {
    for (int end : {0, 1}) {
      uint32_t org = 0;
      int is_outside = -1;
      ASSERT_EQ(orgnet_network_ref(&org, view, ORGNET_TABLE_LINKS, l, end), ORGNET_OK);
      ASSERT_EQ(orgnet_network_is_outside(&is_outside, view, ORGNET_TABLE_LINKS, l, end), ORGNET_OK);
      EXPECT_EQ(is_outside == 1, org == ORGNET_OUTSIDE);
      outside += is_outside;
    }
  }
  EXPECT_GT(outside, 0u);  // the street has partners in other streets
  int masked = -1;
  ASSERT_EQ(orgnet_network_is_masked(&masked, view, ORGNET_TABLE_MEMBERS, 1), ORGNET_OK);
  EXPECT_EQ(masked, 1);
  ASSERT_EQ(orgnet_network_is_masked(&masked, net, ORGNET_TABLE_MEMBERS, 1), ORGNET_OK);
  EXPECT_EQ(masked, 0);
  EXPECT_EQ(orgnet_network_is_masked(&masked, view, ORGNET_TABLE_MEMBERS, 99), ORGNET_OUT_OF_RANGE);
  // Bad specs: the argument named.
  const char* nobody = "nobody";
  const std::size_t nobody_len = 6;
  orgnet_scope_spec bad = ORGNET_SCOPE_SPEC_INIT;
  bad.orgs = &nobody;
  bad.org_lens = &nobody_len;
  bad.org_count = 1;
  orgnet_network* none = nullptr;
  EXPECT_EQ(orgnet_network_scope(&none, net, &bad), ORGNET_NOT_FOUND);
  EXPECT_STREQ(orgnet_last_error(), "orgs[0]: no organization has id \"nobody\"");
  bad.org_lens = nullptr;
  EXPECT_EQ(orgnet_network_scope(&none, net, &bad), ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "org_lens is NULL");
  orgnet_scope_spec empty = ORGNET_SCOPE_SPEC_INIT;
  EXPECT_EQ(orgnet_network_scope(&none, net, &empty), ORGNET_INVALID_ARGUMENT);
  empty.version = 99;
  EXPECT_EQ(orgnet_network_scope(&none, net, &empty), ORGNET_INVALID_ARGUMENT);
  EXPECT_EQ(none, nullptr);
  orgnet_network_free(view);
  orgnet_network_free(net);
}

}  // namespace
}  // namespace orgnet
