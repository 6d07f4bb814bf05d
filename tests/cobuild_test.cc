// The co-building graph and the needs–resources matching: the hand-worked dataset of
// tests/data/cobuild (every figure below is worked out in the comments), and random graphs
// checked against slow, obvious recomputations.
#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>
#include <random>
#include <string>
#include <vector>

#include "add_row.h"
#include <gtest/gtest.h>

#include "orgnet/builder.h"
#include "orgnet/cobuild.h"
#include "orgnet/matching.h"
#include "orgnet/network.h"

namespace orgnet {
namespace {

// tests/data/cobuild, org rows:
//   0 D district; 1 S1, 2 S2 streets under D; 3 C1, 4 C2 communities under S1, 5 C3 under S2;
//   6 U1 (grid g1 in C1, led by S1), 7 U2 (grid g2 in C2 of S1, but led by S2),
//   8 U3 (g3 in C3, led by C3), 9 U4 (g1, led by S1), 10 U5 (g2, led by S1).
// Link rows: 0 C1–U1 pairing since 2024-01-01; 1 U1–C1 joint_meeting 2024-01-01..2025-01-01;
//   2 C1–C2 project; 3 C2–U2 resource_sharing since 2025-06-01; 4 C2–C3 pairing;
//   5 C3–U3 pairing until 2023-01-01; 6 U1–U4 project; 7 U4–C1 part_time_member; 8 S2–D.
enum : Index { D, S1, S2, C1, C2, C3, U1, U2, U3, U4, U5 };

class CobuildHandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = Network::Load(ORGNET_TEST_DATA_DIR "/cobuild");
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    net_ = *loaded;
  }
  // The hand-worked answers count every link, whatever its dates (the default would be the
  // links active on the fixture's as_of: LinksDefaultToTheDatasetDate).
  static LinkFilter EveryLink() {
    LinkFilter filter;
    filter.on = kNoDate;
    return filter;
  }
  LinkGraph Graph(LinkFilter filter = EveryLink()) {
    auto g = LinkGraph::Build(net_, filter);
    EXPECT_TRUE(g.ok()) << g.status();
    return *g;
  }
  Network net_;
};

std::vector<Index> Rows(absl::Span<const Index> span) { return {span.begin(), span.end()}; }

TEST_F(CobuildHandTest, LinksDefaultToTheDatasetDate) {
  // as_of 2026-06-30: row 1 ended 2025-01-01 and row 5 ended 2023-01-01.
  const LinkGraph by_default = *LinkGraph::Build(net_);
  EXPECT_EQ(Rows(by_default.links()), (std::vector<Index>{0, 2, 3, 4, 6, 7, 8}));
  EXPECT_EQ(by_default.filter().on, net_.as_of());
  LinkFilter on_as_of;
  on_as_of.on = net_.as_of();
  EXPECT_EQ(Rows(Graph(on_as_of).links()), Rows(by_default.links()));
  // Unknown kinds are an error naming the closest; a kind the links hold, or a documented
  // one none holds, selects what it selects.
  LinkFilter misspelt;
  misspelt.kinds = {"pairing", "pairng"};
  const auto failed = LinkGraph::Build(net_, misspelt);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().message(),
            "kinds[1]: unknown link kind \"pairng\"; did you mean \"pairing\"? (valid: "
            "joint_meeting, pairing, part_time_member, project, resource_sharing)");
  LinkFilter documented = EveryLink();
  documented.kinds = {"part_time_member"};
  EXPECT_EQ(Rows(Graph(documented).links()), (std::vector<Index>{7}));
}

TEST_F(CobuildHandTest, LinksAsOfADateAndKinds) {
  EXPECT_EQ(Rows(Graph().links()), (std::vector<Index>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
  // On 2024-06-01: row 3 starts later, row 5 ended; an empty bound is open.
  EXPECT_EQ(Rows(Graph({*ParseDate("2024-06-01"), {}}).links()),
            (std::vector<Index>{0, 1, 2, 4, 6, 7, 8}));
  EXPECT_EQ(Rows(Graph({kNoDate, {"pairing"}}).links()), (std::vector<Index>{0, 4, 5}));
  EXPECT_EQ(Rows(Graph({*ParseDate("2024-06-01"), {"pairing"}}).links()),
            (std::vector<Index>{0, 4}));
  // since is inclusive, until exclusive.
  EXPECT_EQ(Rows(Graph({*ParseDate("2025-01-01"), {"joint_meeting"}}).links()),
            (std::vector<Index>{8}));
  EXPECT_EQ(Rows(Graph({*ParseDate("2024-12-31"), {"joint_meeting"}}).links()),
            (std::vector<Index>{1, 8}));
  EXPECT_EQ(Rows(Graph({*ParseDate("2025-06-01"), {"resource_sharing"}}).links()),
            (std::vector<Index>{3}));
}

TEST_F(CobuildHandTest, PartnersDegreeAndIsolated) {
  const LinkGraph g = Graph();
  // C1's links: C2 by row 2; U1 by rows 0 and 1; U4 by row 7 (partner row, then link row).
  const auto partners = g.partners(C1);
  ASSERT_EQ(partners.size(), 4u);
  const Index expected[4][2] = {{C2, 2}, {U1, 0}, {U1, 1}, {U4, 7}};
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(partners[i].org, expected[i][0]);
    EXPECT_EQ(partners[i].link, expected[i][1]);
  }
  EXPECT_EQ(Rows(g.neighbours(C1)), (std::vector<Index>{C2, U1, U4}));
  EXPECT_EQ(g.degree(C1), 3u);  // two links to U1 make one pair
  EXPECT_EQ(g.pair_count(), 8u);
  EXPECT_EQ(g.Isolated(), (std::vector<Index>{S1, U5}));
  // With pairing links only: D, S1, S2, U2, U4, U5 have none; U3's pairing (row 5) counts
  // without a date.
  EXPECT_EQ(Graph({kNoDate, {"pairing"}}).Isolated(), (std::vector<Index>{D, S1, S2, U2, U4, U5}));
}

TEST_F(CobuildHandTest, IsolationByPlace) {
  const LinkGraph g = Graph();
  // Communities: C1 holds C1, U1, U4 (none isolated); C2 holds C2, U2, U5 (U5); C3 holds C3, U3.
  const auto communities = g.Isolation(RollUp::kCommunity);
  ASSERT_EQ(communities.size(), 3u);
  EXPECT_EQ(communities[0].place, C1);
  EXPECT_EQ(communities[0].orgs, 3u);
  EXPECT_EQ(communities[0].isolated, 0u);
  EXPECT_EQ(communities[0].share, 0.0);
  EXPECT_EQ(communities[1].place, C2);
  EXPECT_EQ(communities[1].orgs, 3u);
  EXPECT_EQ(communities[1].isolated, 1u);
  EXPECT_DOUBLE_EQ(communities[1].share, 1.0 / 3);
  EXPECT_EQ(communities[2].place, C3);
  EXPECT_EQ(communities[2].orgs, 2u);
  // Streets: S1 holds S1, C1, C2, U1, U2, U4, U5 (S1 and U5 isolated); S2 holds S2, C3, U3.
  const auto streets = g.Isolation(RollUp::kStreet);
  ASSERT_EQ(streets.size(), 2u);
  EXPECT_EQ(streets[0].place, S1);
  EXPECT_EQ(streets[0].orgs, 7u);
  EXPECT_EQ(streets[0].isolated, 2u);
  EXPECT_EQ(streets[1].place, S2);
  EXPECT_EQ(streets[1].orgs, 3u);
  EXPECT_EQ(streets[1].isolated, 0u);
  const auto districts = g.Isolation(RollUp::kDistrict);
  ASSERT_EQ(districts.size(), 1u);
  EXPECT_EQ(districts[0].orgs, 11u);
  EXPECT_EQ(districts[0].isolated, 2u);
  // Grids: g1 holds U1, U4; g2 holds U2, U5; g3 holds U3.
  const auto grids = g.Isolation(RollUp::kGrid);
  ASSERT_EQ(grids.size(), 3u);
  EXPECT_EQ(grids[1].orgs, 2u);
  EXPECT_EQ(grids[1].isolated, 1u);
  // Leadership subtrees: S1 leads C1, C2, U1, U4, U5 (and itself): 6 orgs, S1 and U5 isolated.
  const auto subtrees = g.Isolation(RollUp::kOrg);
  ASSERT_EQ(subtrees.size(), 11u);
  EXPECT_EQ(subtrees[S1].orgs, 6u);
  EXPECT_EQ(subtrees[S1].isolated, 2u);
  EXPECT_EQ(subtrees[D].orgs, 11u);
  EXPECT_EQ(subtrees[U5].isolated, 1u);
  EXPECT_EQ(subtrees[U5].share, 1.0);
}

TEST_F(CobuildHandTest, ClustersArticulationPointsAndBridges) {
  const LinkGraph g = Graph();
  // {C1, U1, U4, C2, U2, C3, U3} (7), {D, S2} (2), then the isolated S1 and U5.
  const Clusters c = g.Components();
  EXPECT_EQ(c.sizes, (std::vector<Index>{7, 2, 1, 1}));
  EXPECT_EQ(c.first_org, (std::vector<Index>{C1, D, S1, U5}));
  EXPECT_EQ(c.cluster_of, (std::vector<Index>{1, 2, 1, 0, 0, 0, 0, 0, 0, 0, 3}));
  // The triangle C1–U1–U4 hangs on C1; C2 and C3 hold the chain C1–C2–C3–U3 and U2.
  EXPECT_EQ(g.ArticulationPoints(), (std::vector<Index>{C1, C2, C3}));
  const auto bridges = g.Bridges();
  const Index expected[5][2] = {{D, S2}, {C1, C2}, {C2, C3}, {C2, U2}, {C3, U3}};
  ASSERT_EQ(bridges.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(bridges[i].a, expected[i][0]);
    EXPECT_EQ(bridges[i].b, expected[i][1]);
  }
  // On 2024-06-01 C2–U2 and C3–U3 are gone: U2 and U3 become isolated, fewer bridges.
  const LinkGraph dated = Graph({*ParseDate("2024-06-01"), {}});
  EXPECT_EQ(dated.ArticulationPoints(), (std::vector<Index>{C1, C2}));
  EXPECT_EQ(dated.Bridges().size(), 3u);
}

TEST_F(CobuildHandTest, Betweenness) {
  const LinkGraph g = Graph();
  // C1 separates {U1, U4} from {C2, U2, C3, U3}: 2 × 4 = 8 pairs. C2 separates {C1, U1, U4},
  // {U2} and {C3, U3}: 3·1 + 3·2 + 1·2 = 11. C3 separates U3 from the other five: 5.
  std::vector<double> expected(11, 0.0);
  expected[C1] = 8;
  expected[C2] = 11;
  expected[C3] = 5;
  EXPECT_EQ(g.Betweenness(), expected);
  EXPECT_EQ(g.Betweenness({.samples = 11, .seed = 7}), expected);  // every source: exact
  EXPECT_EQ(g.Betweenness({.samples = 1000, .seed = 7}), expected);
}

TEST_F(CobuildHandTest, ShortestPaths) {
  const LinkGraph g = Graph();
  auto path = g.ShortestPath(U1, U3);
  ASSERT_TRUE(path.ok()) << path.status();
  const Index links[4][3] = {{U1, C1, 0}, {C1, C2, 2}, {C2, C3, 4}, {C3, U3, 5}};
  ASSERT_EQ(path->size(), 4u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ((*path)[i].from, links[i][0]);
    EXPECT_EQ((*path)[i].to, links[i][1]);
    EXPECT_EQ((*path)[i].kind, StepKind::kLink);
    EXPECT_EQ((*path)[i].link, links[i][2]);
  }
  // U5 has no link: over links alone it reaches nothing.
  auto none = g.ShortestPath(U5, U3);
  EXPECT_EQ(none.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(none.status().message(), "no connection between U5 and U3 over links");
  // With the tree: U5 up to S1, down to C2, then the links C2–C3 and C3–U3 (C3 also leads U3;
  // the link is named). N(S1) ∩ N(C3) = {C2}, so no other path has four steps.
  auto mixed = g.ShortestPath(U5, U3, /*leadership=*/true);
  ASSERT_TRUE(mixed.ok()) << mixed.status();
  ASSERT_EQ(mixed->size(), 4u);
  EXPECT_EQ((*mixed)[0].kind, StepKind::kLedBy);
  EXPECT_EQ((*mixed)[0].to, S1);
  EXPECT_EQ((*mixed)[0].link, kNone);
  EXPECT_EQ((*mixed)[1].kind, StepKind::kLeads);
  EXPECT_EQ((*mixed)[1].to, C2);
  EXPECT_EQ((*mixed)[2].kind, StepKind::kLink);
  EXPECT_EQ((*mixed)[2].link, 4u);
  EXPECT_EQ((*mixed)[3].kind, StepKind::kLink);
  EXPECT_EQ((*mixed)[3].link, 5u);
  EXPECT_TRUE(g.ShortestPath(C1, C1)->empty());
  EXPECT_EQ(g.ShortestPath(C1, 11).status().code(), absl::StatusCode::kOutOfRange);
}

TEST_F(CobuildHandTest, CrossBoundaryLinks) {
  const CrossBoundary x = Graph().Crossings();
  // Row 2 C1–C2 crosses communities; row 3 C2–U2 joins U2 (in S1, led by S2) to C2, one of
  // S1's own; row 4 C2–C3 crosses communities and streets; row 8 S2–D has an end (D) with no
  // community and no street.
  EXPECT_EQ(x.link_flags, (std::vector<std::uint8_t>{0, 0, kAcrossCommunities, kOutsideLed,
                                                      kAcrossCommunities | kAcrossStreets, 0, 0,
                                                      0, kUnplaced}));
  EXPECT_EQ(x.total.street, kNone);
  EXPECT_EQ(x.total.links, 9u);
  EXPECT_EQ(x.total.across_communities, 2u);
  EXPECT_EQ(x.total.across_streets, 1u);
  EXPECT_EQ(x.total.across_districts, 0u);
  EXPECT_EQ(x.total.outside_led, 1u);
  EXPECT_EQ(x.total.unplaced, 1u);
  ASSERT_EQ(x.by_street.size(), 2u);
  // S1: rows 0, 1, 2, 3, 4, 6, 7 have an end in it.
  const CrossingCounts& s1 = x.by_street[0];
  EXPECT_EQ(s1.street, S1);
  EXPECT_EQ(s1.links, 7u);
  EXPECT_EQ(s1.across_communities, 2u);
  EXPECT_EQ(s1.across_streets, 1u);
  EXPECT_EQ(s1.outside_led, 1u);
  EXPECT_EQ(s1.unplaced, 0u);
  // S2: rows 4, 5 and 8 (S2 itself sits in S2).
  const CrossingCounts& s2 = x.by_street[1];
  EXPECT_EQ(s2.street, S2);
  EXPECT_EQ(s2.links, 3u);
  EXPECT_EQ(s2.across_communities, 1u);
  EXPECT_EQ(s2.across_streets, 1u);
  EXPECT_EQ(s2.outside_led, 0u);
  EXPECT_EQ(s2.unplaced, 1u);
}

TEST_F(CobuildHandTest, Suggestions) {
  const LinkGraph g = Graph();
  // U5 (grid g2, community C2, needs training): C2 is in its community and offers training
  // (1 + 3); U2 shares its grid and community (2 + 1).
  auto u5 = g.Suggest(U5);
  ASSERT_TRUE(u5.ok());
  ASSERT_EQ(u5->size(), 2u);
  EXPECT_EQ((*u5)[0].org, C2);
  EXPECT_EQ((*u5)[0].score, 4);
  EXPECT_TRUE((*u5)[0].meets_need);
  EXPECT_FALSE((*u5)[0].same_grid);
  EXPECT_EQ((*u5)[1].org, U2);
  EXPECT_EQ((*u5)[1].score, 3);
  EXPECT_TRUE((*u5)[1].same_grid);
  // C1's neighbours in its community are partners already; through C2 it reaches C3 and U2,
  // one common partner each; the tie goes to the lower row.
  auto c1 = g.Suggest(C1);
  ASSERT_TRUE(c1.ok());
  ASSERT_EQ(c1->size(), 2u);
  EXPECT_EQ((*c1)[0].org, C3);
  EXPECT_EQ((*c1)[0].common_partners, 1u);
  EXPECT_EQ((*c1)[0].score, 1);
  EXPECT_EQ((*c1)[1].org, U2);
  EXPECT_EQ(g.Suggest(U5, 1)->size(), 1u);
  // Weights are parameters: without the community weight U2 still leads on its grid.
  auto weighted = g.Suggest(U5, 10, {.same_grid = 5, .same_community = 0, .common_partner = 1,
                                     .need_resource = 3});
  EXPECT_EQ((*weighted)[0].org, U2);
  EXPECT_EQ(g.Suggest(99).status().code(), absl::StatusCode::kOutOfRange);
}

// Checks an allocation against the rows: amounts within bounds, pairs allowed, totals add up.
void ExpectValid(const Network& net, const Matching& m, MatchScope scope, const LinkGraph& links) {
  std::vector<std::int64_t> met(net.rows(Table::kNeeds), 0), used(net.rows(Table::kResources), 0);
  std::int64_t total = 0;
  for (std::size_t i = 0; i < m.allocations().size(); ++i) {
    const Allocation& a = m.allocations()[i];
    if (i > 0) {
      const Allocation& p = m.allocations()[i - 1];
      EXPECT_TRUE(p.need < a.need || (p.need == a.need && p.resource < a.resource));
    }
    EXPECT_GT(a.amount, 0);
    EXPECT_EQ(net.text(Table::kNeeds, a.need, col::kListingCategory),
              net.text(Table::kResources, a.resource, col::kListingCategory));
    const Index x = net.ref(Table::kNeeds, a.need, col::kListingOrg);
    const Index y = net.ref(Table::kResources, a.resource, col::kListingOrg);
    const auto nb = links.neighbours(x);
    const bool linked = std::binary_search(nb.begin(), nb.end(), y);
    const Index sx = net.territory().org_place(x).street, sy = net.territory().org_place(y).street;
    const bool street = sx != kNone && sx == sy;
    const bool allowed = x == y || (scope == MatchScope::kLinked       ? linked
                                    : scope == MatchScope::kSameStreet ? street
                                                                       : linked || street);
    EXPECT_TRUE(allowed) << "need " << a.need << " resource " << a.resource;
    met[a.need] += a.amount;
    used[a.resource] += a.amount;
    total += a.amount;
  }
  EXPECT_EQ(total, m.total());
  for (Index r = 0; r < met.size(); ++r) {
    EXPECT_LE(met[r], net.integer(Table::kNeeds, r, col::kListingAmount));
    EXPECT_EQ(met[r], m.need_met()[r]);
  }
  for (Index r = 0; r < used.size(); ++r) {
    EXPECT_LE(used[r], net.integer(Table::kResources, r, col::kListingAmount));
    EXPECT_EQ(used[r], m.resource_used()[r]);
  }
}

TEST_F(CobuildHandTest, MatchingByScope) {
  // venue: n1 (C2, 10) may use r1 (U2, 6: linked and same street) and r2 (U1, 8: same street);
  // n3 (C3, 4) reaches neither. volunteers: r3 (U3 in S2) is out of n2's reach (C2 in S1).
  // training: n4 (U5, 3) and n5 (C2, 1) share r4 (C2, 2): C2 serves its own need, and U5 by
  // street. Either: 10 + 2. Linked only: r1's 6 + C2's own 1.
  auto either = Matching::Compute(net_);
  ASSERT_TRUE(either.ok()) << either.status();
  EXPECT_EQ(either->total(), 12);
  EXPECT_EQ(either->needed(), 23);
  EXPECT_EQ(either->offered(), 30);
  EXPECT_EQ(either->need_met()[0], 10);
  EXPECT_EQ(either->need_met()[1], 0);
  EXPECT_EQ(either->need_met()[2], 0);
  EXPECT_EQ(either->need_met()[3] + either->need_met()[4], 2);
  EXPECT_EQ(either->resource_used()[0] + either->resource_used()[1], 10);
  // n1 is met; n2 and n3 get nothing; n4 (3) gets at most r4's 2.
  const std::vector<Index> unmet = either->UnmetNeeds();
  ASSERT_GE(unmet.size(), 3u);
  EXPECT_EQ(std::vector<Index>(unmet.begin(), unmet.begin() + 3), (std::vector<Index>{1, 2, 3}));
  EXPECT_EQ(either->UnusedResources().back(), 4u);  // medical: nobody needs it
  const LinkGraph all = Graph();
  ExpectValid(net_, *either, MatchScope::kEither, all);

  auto linked = Matching::Compute(net_, {MatchScope::kLinked, {}});
  EXPECT_EQ(linked->total(), 7);
  EXPECT_EQ(linked->need_met()[0], 6);
  EXPECT_EQ(linked->need_met()[4], 1);
  ExpectValid(net_, *linked, MatchScope::kLinked, all);
  // Linked only, as of 2024-06-01: C2–U2 has not started; only C2's own training remains.
  auto dated = Matching::Compute(net_, {MatchScope::kLinked, {*ParseDate("2024-06-01"), {}}});
  EXPECT_EQ(dated->total(), 1);
  ASSERT_EQ(dated->allocations().size(), 1u);
  EXPECT_EQ(dated->allocations()[0].need, 4u);
  EXPECT_EQ(dated->allocations()[0].resource, 3u);
  EXPECT_EQ(dated->allocations()[0].amount, 1);
  auto street = Matching::Compute(net_, {MatchScope::kSameStreet, {}});
  EXPECT_EQ(street->total(), 12);
  ExpectValid(net_, *street, MatchScope::kSameStreet, all);
  // Same input, same allocation.
  auto again = Matching::Compute(net_);
  ASSERT_EQ(again->allocations().size(), either->allocations().size());
  for (std::size_t i = 0; i < either->allocations().size(); ++i) {
    EXPECT_EQ(again->allocations()[i].need, either->allocations()[i].need);
    EXPECT_EQ(again->allocations()[i].resource, either->allocations()[i].resource);
    EXPECT_EQ(again->allocations()[i].amount, either->allocations()[i].amount);
  }
}

// ------------------------------------------------------------------ random graphs

struct RandomCase {
  Network net;
  int orgs;
  std::vector<std::vector<int>> adjacency;  // distinct pairs, both directions
};

RandomCase MakeRandom(std::mt19937& rng, int orgs, int links, int streets) {
  NetworkBuilder b;
  RandomCase out;
  out.orgs = orgs;
  out.adjacency.assign(orgs, {});
  for (int s = 0; s < streets; ++s) {
    AddRowOrFail(b, Table::kOrgs, {{"id", "s" + std::to_string(s)}, {"name", "s"}, {"kind", "street"}});
  }
  for (int o = streets; o < orgs; ++o) {
    const std::string parent = "s" + std::to_string(rng() % streets);
    AddRowOrFail(b, Table::kOrgs, {{"id", "o" + std::to_string(o)}, {"name", "o"}, {"kind", "unit"},
                            {"parent", parent}});
  }
  auto id = [&](int o) { return (o < streets ? "s" : "o") + std::to_string(o); };
  const char* kinds[] = {"pairing", "project"};
  for (int l = 0; l < links; ++l) {
    const int a = static_cast<int>(rng() % orgs), c = static_cast<int>(rng() % orgs);
    if (a == c) continue;
    AddRowOrFail(b, Table::kLinks, {{"a", id(a)}, {"b", id(c)}, {"kind", kinds[rng() % 2]},
                             {"since", "2020-01-" + std::to_string(10 + l % 20)}});
    auto& row = out.adjacency[a];
    if (std::find(row.begin(), row.end(), c) == row.end()) {
      row.push_back(c);
      out.adjacency[c].push_back(a);
    }
  }
  for (auto& row : out.adjacency) std::sort(row.begin(), row.end());
  auto built = b.Build();
  EXPECT_TRUE(built.ok()) << built.status();
  out.net = *built;
  return out;
}

// Components of the graph without vertex `removed` and without pair {x, y} (-1: none).
int SlowComponents(const RandomCase& c, int removed, int x = -1, int y = -1) {
  std::vector<int> seen(c.orgs, 0);
  int count = 0;
  for (int s = 0; s < c.orgs; ++s) {
    if (s == removed || seen[s]) continue;
    ++count;
    std::vector<int> stack{s};
    seen[s] = 1;
    while (!stack.empty()) {
      const int v = stack.back();
      stack.pop_back();
      for (int w : c.adjacency[v]) {
        if (w == removed || seen[w] || (v == x && w == y) || (v == y && w == x)) continue;
        seen[w] = 1;
        stack.push_back(w);
      }
    }
  }
  return count;
}

// Sizes of the components, by a depth-first walk from each unseen organization.
std::vector<int> SlowComponentSizes(const RandomCase& c) {
  std::vector<int> seen(c.orgs, 0), sizes;
  for (int s = 0; s < c.orgs; ++s) {
    if (seen[s]) continue;
    int size = 0;
    std::vector<int> stack{s};
    seen[s] = 1;
    while (!stack.empty()) {
      const int v = stack.back();
      stack.pop_back();
      ++size;
      for (int w : c.adjacency[v]) {
        if (!seen[w]) {
          seen[w] = 1;
          stack.push_back(w);
        }
      }
    }
    sizes.push_back(size);
  }
  return sizes;
}

// Distances and shortest-path counts from s by breadth-first search.
void SlowBfs(const RandomCase& c, int s, std::vector<int>& dist, std::vector<double>& paths) {
  dist.assign(c.orgs, -1);
  paths.assign(c.orgs, 0);
  dist[s] = 0;
  paths[s] = 1;
  std::queue<int> q;
  q.push(s);
  while (!q.empty()) {
    const int v = q.front();
    q.pop();
    for (int w : c.adjacency[v]) {
      if (dist[w] < 0) {
        dist[w] = dist[v] + 1;
        q.push(w);
      }
      if (dist[w] == dist[v] + 1) paths[w] += paths[v];
    }
  }
}

TEST(CobuildRandomTest, StructureMatchesSlowRecomputation) {
  std::mt19937 rng(20261125);
  for (int round = 0; round < 40; ++round) {
    const int orgs = 4 + static_cast<int>(rng() % 30);
    const RandomCase c = MakeRandom(rng, orgs, static_cast<int>(rng() % (2 * orgs)), 2);
    auto built = LinkGraph::Build(c.net);
    ASSERT_TRUE(built.ok());
    const LinkGraph& g = *built;
    const int base = SlowComponents(c, -1);
    // Components: same partition; sizes largest first.
    const Clusters clusters = g.Components();
    EXPECT_EQ(static_cast<int>(clusters.sizes.size()), base);
    for (int v = 0; v < orgs; ++v) {
      for (int w : c.adjacency[v]) EXPECT_EQ(clusters.cluster_of[v], clusters.cluster_of[w]);
    }
    EXPECT_TRUE(std::is_sorted(clusters.sizes.rbegin(), clusters.sizes.rend()));
    // Cluster counts by size, against the sizes of a slow walk.
    const std::vector<int> slow_sizes = SlowComponentSizes(c);
    for (Index min_size : {0u, 1u, 2u, 3u, 5u, 1000u}) {
      EXPECT_EQ(g.ClusterCount(min_size),
                static_cast<Index>(std::count_if(slow_sizes.begin(), slow_sizes.end(),
                                                 [&](int n) { return n >= int(min_size); })))
          << "round " << round << ", min_size " << min_size;
    }
    // Articulation points: removing a linked vertex leaves more components than before.
    std::vector<Index> slow_points;
    for (int v = 0; v < orgs; ++v) {
      if (!c.adjacency[v].empty() && SlowComponents(c, v) > base) slow_points.push_back(v);
    }
    EXPECT_EQ(g.ArticulationPoints(), slow_points) << "round " << round;
    std::vector<std::pair<Index, Index>> slow_bridges, bridges;
    for (int v = 0; v < orgs; ++v) {
      for (int w : c.adjacency[v]) {
        if (v < w && SlowComponents(c, -1, v, w) > base) slow_bridges.emplace_back(v, w);
      }
    }
    for (const Bridge& b : g.Bridges()) bridges.emplace_back(b.a, b.b);
    EXPECT_EQ(bridges, slow_bridges) << "round " << round;
    // Betweenness: over pairs s < t, sigma_st(v) / sigma_st where v lies on a shortest path.
    std::vector<std::vector<int>> dist(orgs);
    std::vector<std::vector<double>> paths(orgs);
    for (int s = 0; s < orgs; ++s) SlowBfs(c, s, dist[s], paths[s]);
    std::vector<double> slow(orgs, 0.0);
    for (int s = 0; s < orgs; ++s) {
      for (int t = s + 1; t < orgs; ++t) {
        if (dist[s][t] <= 0) continue;
        for (int v = 0; v < orgs; ++v) {
          if (v == s || v == t || dist[s][v] < 0 || dist[v][t] < 0) continue;
          if (dist[s][v] + dist[v][t] == dist[s][t]) {
            slow[v] += paths[s][v] * paths[v][t] / paths[s][t];
          }
        }
      }
    }
    const std::vector<double> exact = g.Betweenness();
    const std::vector<double> every = g.Betweenness({.samples = static_cast<Index>(orgs)});
    for (int v = 0; v < orgs; ++v) {
      EXPECT_NEAR(exact[v], slow[v], 1e-9) << "round " << round << " org " << v;
      EXPECT_NEAR(every[v], slow[v], 1e-9) << "round " << round << " org " << v;
    }
    // Paths: the length is the BFS distance, each step a linked pair.
    for (int s = 0; s < orgs; s += 3) {
      for (int t = 0; t < orgs; t += 2) {
        auto p = g.ShortestPath(s, t);
        if (dist[s][t] < 0) {
          EXPECT_EQ(p.status().code(), absl::StatusCode::kNotFound);
          continue;
        }
        ASSERT_TRUE(p.ok());
        ASSERT_EQ(static_cast<int>(p->size()), dist[s][t]);
        Index at = s;
        for (const PathStep& step : *p) {
          EXPECT_EQ(step.from, at);
          const auto& nb = c.adjacency[step.from];
          EXPECT_TRUE(std::binary_search(nb.begin(), nb.end(), static_cast<int>(step.to)));
          EXPECT_EQ(c.net.ref(Table::kLinks, step.link, col::kLinkA) == step.from
                        ? c.net.ref(Table::kLinks, step.link, col::kLinkB)
                        : c.net.ref(Table::kLinks, step.link, col::kLinkA),
                    step.to);
          at = step.to;
        }
        EXPECT_EQ(at, static_cast<Index>(t));
      }
    }
  }
}

TEST(CobuildRandomTest, SampledBetweennessIsDeterministicAndScaled) {
  std::mt19937 rng(7);
  const RandomCase c = MakeRandom(rng, 60, 120, 3);
  const LinkGraph g = *LinkGraph::Build(c.net);
  const auto a = g.Betweenness({.samples = 20, .seed = 3});
  const auto b = g.Betweenness({.samples = 20, .seed = 3});
  EXPECT_EQ(a, b);
  // The estimate sums to about the exact total (each source's dependencies are exact).
  const auto exact = g.Betweenness();
  double sa = 0, se = 0;
  for (int v = 0; v < 60; ++v) {
    sa += a[v];
    se += exact[v];
  }
  EXPECT_GT(sa, 0.5 * se);
  EXPECT_LT(sa, 1.5 * se);
}

// The maximum total by augmenting paths on the row-level network (source -> need -> allowed
// resource -> sink): a slow algorithm independent of the hub network and of Boost.
std::int64_t SlowMaxMatch(const Network& net, MatchScope scope, const LinkGraph& links) {
  const int needs = static_cast<int>(net.rows(Table::kNeeds));
  const int resources = static_cast<int>(net.rows(Table::kResources));
  const int n = needs + resources + 2, source = n - 2, sink = n - 1;
  std::vector<std::vector<std::int64_t>> cap(n, std::vector<std::int64_t>(n, 0));
  for (int i = 0; i < needs; ++i) cap[source][i] = net.integer(Table::kNeeds, i, col::kListingAmount);
  for (int j = 0; j < resources; ++j) {
    cap[needs + j][sink] = net.integer(Table::kResources, j, col::kListingAmount);
  }
  for (int i = 0; i < needs; ++i) {
    for (int j = 0; j < resources; ++j) {
      if (net.text(Table::kNeeds, i, col::kListingCategory) !=
          net.text(Table::kResources, j, col::kListingCategory)) {
        continue;
      }
      const Index x = net.ref(Table::kNeeds, i, col::kListingOrg);
      const Index y = net.ref(Table::kResources, j, col::kListingOrg);
      const auto nb = links.neighbours(x);
      const bool linked = std::binary_search(nb.begin(), nb.end(), y);
      const Index sx = net.territory().org_place(x).street;
      const bool street = sx != kNone && sx == net.territory().org_place(y).street;
      const bool ok = x == y || (scope == MatchScope::kLinked       ? linked
                                 : scope == MatchScope::kSameStreet ? street
                                                                    : linked || street);
      if (ok) cap[i][needs + j] = 1'000'000;
    }
  }
  std::int64_t total = 0;
  while (true) {
    std::vector<int> from(n, -1);
    from[source] = source;
    std::queue<int> q;
    q.push(source);
    while (!q.empty() && from[sink] < 0) {
      const int v = q.front();
      q.pop();
      for (int w = 0; w < n; ++w) {
        if (from[w] < 0 && cap[v][w] > 0) {
          from[w] = v;
          q.push(w);
        }
      }
    }
    if (from[sink] < 0) return total;
    std::int64_t push = 1'000'000'000;
    for (int v = sink; v != source; v = from[v]) push = std::min(push, cap[from[v]][v]);
    for (int v = sink; v != source; v = from[v]) {
      cap[from[v]][v] -= push;
      cap[v][from[v]] += push;
    }
    total += push;
  }
}

TEST(MatchingRandomTest, TotalEqualsSlowMaximumFlow) {
  std::mt19937 rng(99);
  const char* categories[] = {"venue", "funding", "training"};
  for (int round = 0; round < 60; ++round) {
    NetworkBuilder b;
    const int streets = 1 + static_cast<int>(rng() % 3), orgs = 6 + static_cast<int>(rng() % 8);
    for (int s = 0; s < streets; ++s) {
      AddRowOrFail(b, Table::kOrgs, {{"id", "s" + std::to_string(s)}, {"name", "s"}, {"kind", "street"}});
    }
    for (int o = 0; o < orgs; ++o) {
      // Some orgs have no street (roots without a place).
      const std::string parent = rng() % 5 == 0 ? "" : "s" + std::to_string(rng() % streets);
      AddRowOrFail(b, Table::kOrgs, {{"id", "o" + std::to_string(o)}, {"name", "o"}, {"kind", "unit"},
                              {"parent", parent}});
    }
    for (int l = 0; l < orgs; ++l) {
      const int x = static_cast<int>(rng() % orgs), y = static_cast<int>(rng() % orgs);
      if (x == y) continue;
      AddRowOrFail(b, Table::kLinks, {{"a", "o" + std::to_string(x)}, {"b", "o" + std::to_string(y)},
                               {"kind", "pairing"},
                               {"since", (rng() % 2 ? "2026-01-" : "2024-01-") + std::to_string(10 + l)}});
    }
    const int needs = 1 + static_cast<int>(rng() % 8), resources = 1 + static_cast<int>(rng() % 8);
    for (int i = 0; i < needs; ++i) {
      AddRowOrFail(b, Table::kNeeds, {{"id", "n" + std::to_string(i)},
                               {"org", "o" + std::to_string(rng() % orgs)},
                               {"category", categories[rng() % 3]},
                               {"amount", std::to_string(1 + rng() % 20)}});
    }
    for (int j = 0; j < resources; ++j) {
      AddRowOrFail(b, Table::kResources, {{"id", "r" + std::to_string(j)},
                                   {"org", "o" + std::to_string(rng() % orgs)},
                                   {"category", categories[rng() % 3]},
                                   {"amount", std::to_string(1 + rng() % 20)}});
    }
    auto net = b.Build();
    ASSERT_TRUE(net.ok()) << net.status();
    for (MatchScope scope : {MatchScope::kLinked, MatchScope::kSameStreet, MatchScope::kEither}) {
      for (Date on : {kNoDate, *ParseDate("2025-06-01")}) {
        const LinkFilter filter{on, {}};
        const LinkGraph links = *LinkGraph::Build(*net, filter);
        auto m = Matching::Compute(*net, {scope, filter});
        ASSERT_TRUE(m.ok()) << m.status();
        EXPECT_EQ(m->total(), SlowMaxMatch(*net, scope, links))
            << "round " << round << " scope " << static_cast<int>(scope);
        ExpectValid(*net, *m, scope, links);
      }
    }
  }
}

}  // namespace
}  // namespace orgnet
