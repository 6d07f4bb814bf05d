// Batch queries (orgnet/batch.h and the C ABI's capi_batch group): on random forests with
// random links, every batch answer against a slow obvious one (walking the parent array,
// scanning the link rows), and the C ABI's argument checks.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "capi/handles.h"
#include "add_row.h"
#include "gtest/gtest.h"
#include "orgnet/batch.h"
#include "orgnet/builder.h"
#include "orgnet/cobuild.h"
#include "orgnet/network.h"
#include "orgnet/orgnet.h"
#include "test_util.h"

namespace orgnet {
namespace {

struct RandomCase {
  Network network;
  std::vector<Index> parent;                  // by org, slow answers walk it
  std::vector<std::set<Index>> partners;      // by org, from the link rows
};

// A different date for every link number, so that no two links are duplicates.
std::string UniqueDate(int l) {
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", 2000 + l / 336, 1 + (l / 28) % 12,
                1 + l % 28);
  return text;
}

RandomCase MakeCase(std::mt19937& rng) {
  const int n = 1 + static_cast<int>(rng() % 400);
  std::vector<Index> parent(n, kNone);
  NetworkBuilder builder;
  std::vector<int> order(n);
  for (int i = 0; i < n; ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), rng);  // parents may come after children
  std::vector<int> rank(n);
  for (int i = 0; i < n; ++i) rank[order[i]] = i;
  for (int i = 0; i < n; ++i) {
    std::string parent_id;
    if (rank[i] > 0 && rng() % 8 != 0) {
      parent[i] = order[rng() % rank[i]];
      parent_id = "o" + std::to_string(parent[i]);
    }
    AddRowOrFail(builder, Table::kOrgs, {{"id", "o" + std::to_string(i)},
                                  {"name", "n"},
                                  {"kind", rng() % 3 ? "branch" : "unit"},
                                  {"parent", parent_id}});
  }
  std::vector<std::set<Index>> partners(n);
  const int links = n > 1 ? static_cast<int>(rng() % (2 * n)) : 0;
  for (int l = 0; l < links; ++l) {
    const Index a = rng() % n, b = rng() % n;
    if (a == b) continue;
    AddRowOrFail(builder, Table::kLinks, {{"a", "o" + std::to_string(a)},
                                   {"b", "o" + std::to_string(b)},
                                   {"kind", rng() % 2 ? "pairing" : "joint_meeting"},
                                   {"since", UniqueDate(l)}});
    partners[a].insert(b);
    partners[b].insert(a);
  }
  auto built = builder.Build();
  EXPECT_TRUE(built.ok()) << built.status();
  return RandomCase{*std::move(built), std::move(parent), std::move(partners)};
}

std::vector<Index> SlowPath(const RandomCase& c, Index org) {  // org first, root last
  std::vector<Index> path;
  for (Index v = org; v != kNone; v = c.parent[v]) path.push_back(v);
  return path;
}

TEST(BatchTest, RandomForestsMatchSlowAnswers) {
  std::mt19937 rng(20261202);
  for (int trial = 0; trial < 30; ++trial) {
    const RandomCase c = MakeCase(rng);
    const Network& net = c.network;
    const Hierarchy& h = net.hierarchy();
    const Index n = net.org_count();
    // Rows are file order, so org i's row is i (ids "o<i>").
    const int q = 500;
    std::vector<Index> a(q), b(q);
    for (int i = 0; i < q; ++i) {
      a[i] = rng() % n;
      b[i] = rng() % 3 ? rng() % n : a[i];
    }
    std::vector<std::uint8_t> is_ancestor(q);
    std::vector<Index> lca(q);
    std::vector<std::uint32_t> depth(q);
    IsAncestorMany(h, a, b, absl::MakeSpan(is_ancestor));
    LowestCommonAncestorMany(h, a, b, absl::MakeSpan(lca));
    DepthMany(h, a, absl::MakeSpan(depth));
    for (int i = 0; i < q; ++i) {
      const std::vector<Index> pa = SlowPath(c, a[i]), pb = SlowPath(c, b[i]);
      const bool slow_ancestor =
          a[i] != b[i] && std::find(pb.begin(), pb.end(), a[i]) != pb.end();
      EXPECT_EQ(is_ancestor[i], slow_ancestor ? 1 : 0) << trial << " " << i;
      Index slow_lca = kNone;
      for (Index v : pa) {
        if (std::find(pb.begin(), pb.end(), v) != pb.end()) {
          slow_lca = v;
          break;
        }
      }
      EXPECT_EQ(lca[i], slow_lca) << trial << " " << i;
      EXPECT_EQ(depth[i], pa.size() - 1);
    }
    // Subtree sizes: count the orgs whose path holds each org.
    std::vector<std::uint32_t> slow_size(n, 0);
    for (Index v = 0; v < n; ++v) {
      for (Index u : SlowPath(c, v)) ++slow_size[u];
    }
    EXPECT_EQ(std::vector<std::uint32_t>(h.subtree_sizes().begin(), h.subtree_sizes().end()),
              slow_size);
    for (Index v = 0; v < n; ++v) EXPECT_EQ(h.depths()[v], SlowPath(c, v).size() - 1);

    // Ids: every org's id, one that no row has, and an empty one.
    std::vector<std::string> id_text;
    for (Index v = 0; v < n; ++v) id_text.push_back("o" + std::to_string((v * 7) % n));
    id_text.push_back("nobody");
    id_text.push_back("");
    std::vector<std::string_view> ids(id_text.begin(), id_text.end());
    std::vector<Index> rows(ids.size());
    EXPECT_EQ(FindRows(net, Table::kOrgs, ids, absl::MakeSpan(rows)), 2u);
    for (Index v = 0; v < n; ++v) EXPECT_EQ(rows[v], (v * 7) % n);
    EXPECT_EQ(rows[n], kNone);
    EXPECT_EQ(rows[n + 1], kNone);

    // Partners of many orgs, against the link rows.
    auto graph = LinkGraph::Build(net);
    ASSERT_TRUE(graph.ok()) << graph.status();
    std::vector<Index> asked = {0, n - 1, 0};
    for (int i = 0; i < 20; ++i) asked.push_back(rng() % n);
    const NeighbourLists lists = NeighboursOfMany(*graph, asked);
    ASSERT_EQ(lists.offsets.size(), asked.size() + 1);
    for (size_t i = 0; i < asked.size(); ++i) {
      const std::vector<Index> got(lists.values.begin() + lists.offsets[i],
                                   lists.values.begin() + lists.offsets[i + 1]);
      EXPECT_EQ(got, std::vector<Index>(c.partners[asked[i]].begin(), c.partners[asked[i]].end()));
    }
  }
}

TEST(BatchTest, PlacesOfEveryRowAreTheSingleAnswers) {
  testing::TempDir dir;
  testing::WriteFiles(dir.path(), testing::DistrictFixture());
  auto loaded = Network::Load(dir.path());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  for (Table table : {Table::kOrgs, Table::kGrids, Table::kUnits, Table::kMembers, Table::kStaff,
                      Table::kLinks}) {
    std::vector<Place> places(loaded->rows(table));
    PlacesOf(*loaded, table, absl::MakeSpan(places));
    for (Index r = 0; r < places.size(); ++r) {
      EXPECT_EQ(places[r], loaded->territory().place(table, r));
    }
  }
  // By hand (tests/data: the district fixture): B2 is in C1, S1, D1.
  std::vector<Place> org_places(loaded->org_count());
  PlacesOf(*loaded, Table::kOrgs, absl::MakeSpan(org_places));
  const Place b2 = org_places[*loaded->FindOrg("B2")];
  EXPECT_EQ(b2.community, *loaded->FindOrg("C1"));
  EXPECT_EQ(b2.street, *loaded->FindOrg("S1"));
  EXPECT_EQ(b2.district, *loaded->FindOrg("D1"));
}

class BatchCApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::WriteFiles(dir_.path(), testing::DistrictFixture());
    ASSERT_EQ(orgnet_network_load(&net_, dir_.path().data(), dir_.path().size(), nullptr, nullptr),
              ORGNET_OK)
        << orgnet_last_error();
  }
  void TearDown() override { orgnet_network_free(net_); }
  uint32_t Org(const char* id) { return *net_->network.FindOrg(id); }
  testing::TempDir dir_;
  orgnet_network* net_ = nullptr;
};

TEST_F(BatchCApiTest, FindManyBothLayoutsAndMissing) {
  const char joined[] = "B2\0S1\0C3\0";  // NUL after each id
  uint32_t rows[3] = {0, 0, 0};
  size_t missing = 9;
  ASSERT_EQ(orgnet_network_find_many(rows, &missing, net_, ORGNET_TABLE_ORGS, joined,
                                     sizeof joined - 1, nullptr, 3, ORGNET_MISSING_FAIL),
            ORGNET_OK)
      << orgnet_last_error();
  EXPECT_EQ(rows[0], Org("B2"));
  EXPECT_EQ(rows[1], Org("S1"));
  EXPECT_EQ(rows[2], Org("C3"));
  EXPECT_EQ(missing, 0u);
  const char packed[] = "B2zzS1";
  const uint64_t offsets[] = {0, 2, 4, 6};
  ASSERT_EQ(orgnet_network_find_many(rows, &missing, net_, ORGNET_TABLE_ORGS, packed, 6, offsets,
                                     3, ORGNET_MISSING_NONE),
            ORGNET_OK);
  EXPECT_EQ(rows[0], Org("B2"));
  EXPECT_EQ(rows[1], ORGNET_NONE);
  EXPECT_EQ(rows[2], Org("S1"));
  EXPECT_EQ(missing, 1u);
  // Missing with FAIL: NOT_FOUND naming the position and the id; nothing written.
  uint32_t untouched[3] = {7, 7, 7};
  EXPECT_EQ(orgnet_network_find_many(untouched, nullptr, net_, ORGNET_TABLE_ORGS, packed, 6,
                                     offsets, 3, ORGNET_MISSING_FAIL),
            ORGNET_NOT_FOUND);
  EXPECT_STREQ(orgnet_last_error(), "ids[1]: orgs.csv has no id \"zz\"");
  EXPECT_EQ(untouched[0], 7u);
  // Layout errors.
  EXPECT_EQ(orgnet_network_find_many(rows, nullptr, net_, ORGNET_TABLE_ORGS, joined,
                                     sizeof joined - 1, nullptr, 2, ORGNET_MISSING_FAIL),
            ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "ids holds more than 2 NUL-terminated ids; count is 2");
  EXPECT_EQ(orgnet_network_find_many(rows, nullptr, net_, ORGNET_TABLE_ORGS, "B2", 2, nullptr, 1,
                                     ORGNET_MISSING_FAIL),
            ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "ids: the last 2 bytes end without a NUL byte");
  const uint64_t falling[] = {0, 4, 2, 6};
  EXPECT_EQ(orgnet_network_find_many(rows, nullptr, net_, ORGNET_TABLE_ORGS, packed, 6, falling, 3,
                                     ORGNET_MISSING_FAIL),
            ORGNET_INVALID_ARGUMENT);
  EXPECT_EQ(orgnet_network_find_many(rows, nullptr, net_, ORGNET_TABLE_LINKS, joined, 9, nullptr,
                                     3, ORGNET_MISSING_FAIL),
            ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "links.csv has no ids: its rows are numbered");
  EXPECT_EQ(orgnet_network_find_many(rows, nullptr, net_, ORGNET_TABLE_ORGS, joined, 9, nullptr,
                                     3, 2),
            ORGNET_INVALID_ARGUMENT);
  EXPECT_EQ(orgnet_network_find_many(rows, nullptr, net_, 99, joined, 9, nullptr, 3, 0),
            ORGNET_OUT_OF_RANGE);
}

TEST_F(BatchCApiTest, DefaultDateIsAsOfElseTheLatestDate) {
  int32_t day = 0;
  ASSERT_EQ(orgnet_network_default_date(&day, net_), ORGNET_OK);
  EXPECT_EQ(day, net_->network.as_of());
  EXPECT_NE(day, ORGNET_NO_DATE);
  EXPECT_EQ(orgnet_network_default_date(nullptr, net_), ORGNET_INVALID_ARGUMENT);
  // Without an as_of: the latest date any cell holds (here a link's until), never today.
  NetworkBuilder builder;
  AddRowOrFail(builder, Table::kOrgs, {{"id", "a"}, {"name", "a"}, {"kind", "branch"}});
  AddRowOrFail(builder, Table::kOrgs, {{"id", "b"}, {"name", "b"}, {"kind", "branch"}});
  AddRowOrFail(builder, Table::kLinks, {{"a", "a"}, {"b", "b"}, {"kind", "pairing"},
                                 {"since", "2020-01-01"}, {"until", "2021-03-04"}});
  const Network built = *builder.Build();
  EXPECT_EQ(built.latest_date(), 18690);  // 2021-03-04
  EXPECT_EQ(built.default_date(), 18690);
  NetworkBuilder empty;
  AddRowOrFail(empty, Table::kOrgs, {{"id", "a"}, {"name", "a"}, {"kind", "branch"}});
  EXPECT_EQ(empty.Build()->latest_date(), kNoDate);
  EXPECT_EQ(empty.Build()->default_date(), 0);
}

TEST_F(BatchCApiTest, HierarchyArraysAndTheirChecks) {
  const uint32_t a[] = {Org("S1"), Org("B2"), Org("B2"), Org("B2")};
  const uint32_t b[] = {Org("B2"), Org("S1"), Org("J1"), Org("X1")};
  uint8_t anc[4];
  uint32_t lca[4], depth[4];
  ASSERT_EQ(orgnet_hierarchy_is_ancestor_many(anc, net_, a, b, 4), ORGNET_OK);
  EXPECT_EQ(std::vector<int>(anc, anc + 4), (std::vector<int>{1, 0, 0, 0}));
  ASSERT_EQ(orgnet_hierarchy_lca_many(lca, net_, a, b, 4), ORGNET_OK);
  EXPECT_EQ(std::vector<uint32_t>(lca, lca + 4),
            (std::vector<uint32_t>{Org("S1"), Org("S1"), Org("S1"), ORGNET_NONE}));
  ASSERT_EQ(orgnet_hierarchy_depth_many(depth, net_, a, 4), ORGNET_OK);
  EXPECT_EQ(std::vector<uint32_t>(depth, depth + 4), (std::vector<uint32_t>{1, 4, 4, 4}));
  const uint32_t bad[] = {Org("S1"), 900};
  uint8_t keep[2] = {5, 5};
  EXPECT_EQ(orgnet_hierarchy_is_ancestor_many(keep, net_, bad, bad, 2), ORGNET_OUT_OF_RANGE);
  EXPECT_STREQ(orgnet_last_error(), "ancestors[1] 900 out of range: orgs.csv has 11 rows");
  EXPECT_EQ(keep[0], 5);
  EXPECT_EQ(orgnet_hierarchy_lca_many(lca, net_, a, bad, 2), ORGNET_OUT_OF_RANGE);
  EXPECT_STREQ(orgnet_last_error(), "b[1] 900 out of range: orgs.csv has 11 rows");
  EXPECT_EQ(orgnet_hierarchy_depth_many(depth, net_, nullptr, 2), ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "orgs is NULL");
  EXPECT_EQ(orgnet_hierarchy_depth_many(nullptr, net_, nullptr, 0), ORGNET_OK);
  const uint32_t* sizes = nullptr;
  const uint32_t* depths = nullptr;
  size_t count = 0;
  ASSERT_EQ(orgnet_hierarchy_subtree_sizes(&sizes, &count, net_), ORGNET_OK);
  ASSERT_EQ(count, 11u);
  EXPECT_EQ(sizes[Org("S1")], 7u);
  EXPECT_EQ(sizes[Org("D1")], 10u);
  ASSERT_EQ(orgnet_hierarchy_depths(&depths, &count, net_), ORGNET_OK);
  EXPECT_EQ(depths[Org("B2")], 4u);
  EXPECT_EQ(orgnet_hierarchy_subtree_sizes(nullptr, &count, net_), ORGNET_INVALID_ARGUMENT);
}

TEST_F(BatchCApiTest, PlacesNeighboursAndWholeColumns) {
  std::vector<orgnet_place> places(11);
  EXPECT_EQ(orgnet_territory_places(places.data(), 10, net_, ORGNET_TABLE_ORGS),
            ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "out holds 10 places; orgs.csv has 11 rows");
  ASSERT_EQ(orgnet_territory_places(places.data(), places.size(), net_, ORGNET_TABLE_ORGS),
            ORGNET_OK);
  EXPECT_EQ(places[Org("B2")].community, Org("C1"));
  EXPECT_EQ(places[Org("B2")].street, Org("S1"));

  orgnet_links* links = nullptr;
  ASSERT_EQ(orgnet_links_build(&links, net_, nullptr), ORGNET_OK) << orgnet_last_error();
  const uint32_t asked[] = {Org("C1"), Org("X1"), Org("C1")};
  uint32_t* values = nullptr;
  uint64_t* offsets = nullptr;
  size_t count = 0;
  ASSERT_EQ(orgnet_links_neighbours_many(&values, &offsets, &count, links, asked, 3), ORGNET_OK);
  for (int i = 0; i < 3; ++i) {
    const uint32_t* single = nullptr;
    size_t single_count = 0;
    ASSERT_EQ(orgnet_links_neighbours(&single, &single_count, links, asked[i]), ORGNET_OK);
    EXPECT_EQ(std::vector<uint32_t>(values + offsets[i], values + offsets[i + 1]),
              std::vector<uint32_t>(single, single + single_count));
  }
  EXPECT_EQ(count, offsets[3]);
  EXPECT_GT(count, 0u);  // C1 has partners in the fixture
  orgnet_free(values);
  orgnet_free(offsets);
  const uint32_t bad[] = {Org("C1"), 40};
  EXPECT_EQ(orgnet_links_neighbours_many(&values, &offsets, &count, links, bad, 2),
            ORGNET_OUT_OF_RANGE);
  EXPECT_STREQ(orgnet_last_error(), "orgs[1]: row 40 out of range: orgs.csv has 11 rows");
  orgnet_links_free(links);

  // Whole columns into library memory: the org ids as a blob, parents as rows, and joined text.
  void* data = nullptr;
  size_t bytes = 0;
  uint64_t* ends = nullptr;
  ASSERT_EQ(orgnet_network_copy_column(&data, &bytes, &ends, net_, ORGNET_TABLE_ORGS, 0),
            ORGNET_OK);
  ASSERT_NE(ends, nullptr);
  const char* blob = static_cast<const char*>(data);
  EXPECT_EQ(std::string(blob + ends[Org("B2")], blob + ends[Org("B2") + 1]), "B2");
  EXPECT_EQ(bytes, ends[11]);
  orgnet_free(data);
  orgnet_free(ends);
  ASSERT_EQ(orgnet_network_copy_column(&data, &bytes, &ends, net_, ORGNET_TABLE_ORGS, 3),
            ORGNET_OK);  // parent: references as rows
  EXPECT_EQ(ends, nullptr);
  EXPECT_EQ(bytes, 11 * sizeof(uint32_t));
  EXPECT_EQ(static_cast<const uint32_t*>(data)[Org("B2")], Org("B1"));
  EXPECT_EQ(static_cast<const uint32_t*>(data)[Org("D1")], ORGNET_NONE);
  orgnet_free(data);
  EXPECT_EQ(orgnet_network_copy_column(&data, &bytes, &ends, net_, ORGNET_TABLE_ORGS, 40),
            ORGNET_OUT_OF_RANGE);

  size_t needed = 0;
  ASSERT_EQ(orgnet_network_read_text_joined(nullptr, 0, &needed, net_, ORGNET_TABLE_ORGS, 0, 0,
                                            11),
            ORGNET_OK);
  std::string joined(needed, 'x');
  EXPECT_EQ(orgnet_network_read_text_joined(joined.data(), needed - 1, &needed, net_,
                                            ORGNET_TABLE_ORGS, 0, 0, 11),
            ORGNET_INVALID_ARGUMENT);
  ASSERT_EQ(orgnet_network_read_text_joined(joined.data(), needed, &needed, net_,
                                            ORGNET_TABLE_ORGS, 0, 0, 11),
            ORGNET_OK);
  std::string expected;
  for (Index r = 0; r < 11; ++r) {
    expected += net_->network.org_id(r);
    expected += '\0';
  }
  EXPECT_EQ(joined, expected);
  EXPECT_EQ(orgnet_network_read_text_joined(nullptr, 0, &needed, net_, ORGNET_TABLE_MEMBERS, 6, 0,
                                            1),
            ORGNET_INVALID_ARGUMENT);  // a flag column holds no text
}

}  // namespace
}  // namespace orgnet
