// Hierarchy queries: the hand-worked fixture, then random forests against slow obvious answers.
#include <algorithm>
#include <random>
#include <set>

#include "add_row.h"
#include "gtest/gtest.h"
#include "orgnet/builder.h"
#include "orgnet/network.h"
#include "test_util.h"

namespace orgnet {
namespace {

std::vector<std::string> Ids(const Network& net, absl::Span<const Index> orgs) {
  std::vector<std::string> out;
  for (Index o : orgs) out.emplace_back(net.org_id(o));
  return out;
}
using Names = std::vector<std::string>;

TEST(HierarchyTest, Fixture) {
  testing::TempDir dir;
  testing::WriteFiles(dir.path(), testing::DistrictFixture());
  auto loaded = Network::Load(dir.path());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const Network& net = *loaded;
  const Hierarchy& h = net.hierarchy();
  auto org = [&](const char* id) { return *net.FindOrg(id); };
  EXPECT_EQ(Ids(net, h.roots()), (Names{"D1", "X1"}));
  EXPECT_EQ(Ids(net, h.preorder()),
            (Names{"D1", "S1", "C1", "B1", "B2", "C2", "J1", "U1", "S2", "C3", "X1"}));
  EXPECT_EQ(Ids(net, h.children(org("S1"))), (Names{"C1", "C2", "U1"}));  // file order
  EXPECT_EQ(Ids(net, h.siblings(org("C1"))), (Names{"C2", "U1"}));
  EXPECT_TRUE(h.siblings(org("D1")).empty());
  EXPECT_EQ(Ids(net, h.ancestors(org("B2"))), (Names{"B1", "C1", "S1", "D1"}));
  EXPECT_EQ(Ids(net, h.descendants(org("S1"))), (Names{"C1", "B1", "B2", "C2", "J1", "U1"}));
  EXPECT_EQ(Ids(net, h.subtree(org("C2"))), (Names{"C2", "J1"}));
  EXPECT_EQ(h.depth(org("B2")), 4u);
  EXPECT_EQ(h.depth(org("X1")), 0u);
  EXPECT_EQ(h.max_depth(), 4u);
  EXPECT_EQ(h.preorder_position(org("C2")), 5u);
  EXPECT_EQ(h.root(org("J1")), org("D1"));
  EXPECT_EQ(h.subtree_size(org("S1")), 7u);
  EXPECT_EQ(h.parent(org("D1")), kNone);
  EXPECT_EQ(Ids(net, h.OfKindInSubtree(org("D1"), OrgKind::kCommunity)), (Names{"C1", "C2", "C3"}));
  EXPECT_EQ(Ids(net, h.OfKindInSubtree(org("S1"), OrgKind::kUnit)), (Names{"U1"}));
  EXPECT_TRUE(h.is_ancestor(org("S1"), org("B2")));
  EXPECT_FALSE(h.is_ancestor(org("B2"), org("S1")));
  EXPECT_FALSE(h.is_ancestor(org("S1"), org("S1")));
  EXPECT_FALSE(h.is_ancestor(org("S2"), org("B2")));
  EXPECT_EQ(h.LowestCommonAncestor(org("B2"), org("U1")), org("S1"));
  EXPECT_EQ(h.LowestCommonAncestor(org("B2"), org("J1")), org("S1"));
  EXPECT_EQ(h.LowestCommonAncestor(org("B2"), org("C3")), org("D1"));
  EXPECT_EQ(h.LowestCommonAncestor(org("C1"), org("B2")), org("C1"));
  EXPECT_EQ(h.LowestCommonAncestor(org("B2"), org("B2")), org("B2"));
  EXPECT_EQ(h.LowestCommonAncestor(org("B2"), org("X1")), kNone);
}

// A random forest in which parents may come after their children in the file.
Network RandomForest(int n, std::mt19937& rng, std::vector<Index>* parents) {
  std::vector<int> rank(n);
  for (int i = 0; i < n; ++i) rank[i] = i;
  std::shuffle(rank.begin(), rank.end(), rng);
  std::vector<int> by_rank(n);
  for (int i = 0; i < n; ++i) by_rank[rank[i]] = i;
  parents->assign(n, kNone);
  NetworkBuilder builder;
  for (int i = 0; i < n; ++i) {
    std::string parent;
    if (rank[i] > 0 && rng() % 10 != 0) {
      // A parent among the lower ranks, often a recent one, so that chains get deep.
      const int r = rank[i] - 1 - static_cast<int>(rng() % std::min(rank[i], rng() % 2 ? 3 : rank[i]));
      (*parents)[i] = by_rank[r];
      parent = "o" + std::to_string(by_rank[r]);
    }
    const char* kinds[] = {"street", "community", "branch", "unit"};
    AddRowOrFail(builder, Table::kOrgs, {{"id", "o" + std::to_string(i)},
                                  {"name", "n"},
                                  {"kind", kinds[rng() % 4]},
                                  {"parent", parent}});
  }
  auto net = builder.Build();
  EXPECT_TRUE(net.ok()) << net.status();
  return *net;
}

TEST(HierarchyTest, RandomForestsMatchSlowAnswers) {
  std::mt19937 rng(20261125);
  for (int trial = 0; trial < 12; ++trial) {
    const int n = 1 + static_cast<int>(rng() % 700);
    std::vector<Index> parent;
    Network net = RandomForest(n, rng, &parent);
    const Hierarchy& h = net.hierarchy();
    // Slow answers: walk the parent array.
    auto slow_path = [&](Index v) {
      std::vector<Index> path;
      for (Index p = parent[v]; p != kNone; p = parent[p]) path.push_back(p);
      return path;
    };
    auto slow_is_ancestor = [&](Index a, Index v) {
      for (Index p = parent[v]; p != kNone; p = parent[p]) {
        if (p == a) return true;
      }
      return false;
    };
    // Slow pre-order: children in file order, iterative.
    std::vector<Index> slow_pre;
    std::vector<std::vector<Index>> kids(n);
    for (int v = 0; v < n; ++v) {
      if (parent[v] != kNone) kids[parent[v]].push_back(v);
    }
    for (int r = 0; r < n; ++r) {
      if (parent[r] != kNone) continue;
      std::vector<Index> stack = {static_cast<Index>(r)};
      while (!stack.empty()) {
        Index v = stack.back();
        stack.pop_back();
        slow_pre.push_back(v);
        for (auto it = kids[v].rbegin(); it != kids[v].rend(); ++it) stack.push_back(*it);
      }
    }
    ASSERT_EQ(std::vector<Index>(h.preorder().begin(), h.preorder().end()), slow_pre);
    for (int v = 0; v < n; ++v) {
      const auto path = slow_path(v);
      ASSERT_EQ(h.ancestors(v), path);
      ASSERT_EQ(h.depth(v), path.size());
      ASSERT_EQ(h.root(v), path.empty() ? static_cast<Index>(v) : path.back());
      ASSERT_EQ(std::vector<Index>(h.children(v).begin(), h.children(v).end()), kids[v]);
      std::set<Index> slow_subtree = {static_cast<Index>(v)};
      for (int u = 0; u < n; ++u) {
        if (slow_is_ancestor(v, u)) slow_subtree.insert(u);
      }
      std::set<Index> fast_subtree(h.subtree(v).begin(), h.subtree(v).end());
      ASSERT_EQ(fast_subtree, slow_subtree);
      ASSERT_EQ(h.subtree_size(v), slow_subtree.size());
    }
    for (int q = 0; q < 3000; ++q) {
      const Index a = rng() % n, b = rng() % n;
      ASSERT_EQ(h.is_ancestor(a, b), slow_is_ancestor(a, b)) << a << " " << b;
      // Slow LCA: the first of a's path (a included) that is b or an ancestor of b.
      Index slow = kNone;
      for (Index p = a; p != kNone; p = parent[p]) {
        if (p == b || slow_is_ancestor(p, b)) {
          slow = p;
          break;
        }
      }
      ASSERT_EQ(h.LowestCommonAncestor(a, b), slow) << "n=" << n << " a=" << a << " b=" << b;
    }
  }
}

}  // namespace
}  // namespace orgnet
