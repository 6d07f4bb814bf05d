// A valid 1,000,000-deep chain, written by the test, loads and answers every query without
// recursion (a recursive walk would overflow the stack here), and so does its snapshot.
#include <fstream>

#include "gtest/gtest.h"
#include "orgnet/network.h"
#include "test_util.h"

namespace orgnet {
namespace {

TEST(DeepChainTest, MillionDeepChainLoadsAndAnswers) {
  constexpr int kDepth = 1000000;
  testing::TempDir dir;
  {
    std::ofstream orgs(dir.sub("orgs.csv"));
    orgs << "id,name,kind,parent,grid\nd,区,district,,\ns,街道,street,d,\nc,社区,community,s,\n";
    orgs << "o0,n,branch,c,g\n";
    for (int i = 1; i < kDepth; ++i) orgs << 'o' << i << ",n,branch,o" << i - 1 << ",\n";
    std::ofstream grids(dir.sub("grids.csv"));
    grids << "id,community\ng,c\n";
  }
  auto loaded = Network::Load(dir.path());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const Network& net = *loaded;
  const Hierarchy& h = net.hierarchy();
  const Index last = *net.FindOrg("o999999");
  const Index first = *net.FindOrg("o0");
  const Index mid = *net.FindOrg("o500000");
  EXPECT_EQ(h.depth(last), static_cast<std::uint32_t>(kDepth + 2));
  EXPECT_EQ(h.max_depth(), static_cast<std::uint32_t>(kDepth + 2));
  EXPECT_EQ(h.root(last), *net.FindOrg("d"));
  EXPECT_EQ(h.ancestors(last).size(), static_cast<std::size_t>(kDepth + 2));
  EXPECT_EQ(h.descendants(first).size(), static_cast<std::size_t>(kDepth - 1));
  EXPECT_EQ(h.subtree_size(mid), static_cast<std::uint32_t>(kDepth - 500000));
  EXPECT_TRUE(h.is_ancestor(first, last));
  EXPECT_FALSE(h.is_ancestor(last, first));
  EXPECT_EQ(h.LowestCommonAncestor(last, mid), mid);
  EXPECT_EQ(h.LowestCommonAncestor(mid, last), mid);
  EXPECT_EQ(h.siblings(mid).size(), 0u);
  EXPECT_EQ(h.children(mid).size(), 1u);
  EXPECT_EQ(h.OfKindInSubtree(*net.FindOrg("d"), OrgKind::kStreet).size(), 1u);
  // Territory follows the chain down from o0's grid.
  EXPECT_EQ(net.territory().org_place(last).grid, 0u);
  EXPECT_EQ(net.territory().org_place(last).street, *net.FindOrg("s"));
  EXPECT_EQ(net.territory().orgs_in(*net.FindOrg("c")).size(), static_cast<std::size_t>(kDepth + 1));
  // Saving and loading it again works too.
  ASSERT_TRUE(net.Save(dir.sub("copy")).ok());
  auto again = Network::Load(dir.sub("copy"));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->hierarchy().depth(last), static_cast<std::uint32_t>(kDepth + 2));
  // So does a snapshot (issue 12): every org's hierarchy and place as on the loaded network.
  ASSERT_TRUE(net.SaveSnapshot(dir.sub("chain.orgnet")).ok());
  auto opened = Network::OpenSnapshot(dir.sub("chain.orgnet"));
  ASSERT_TRUE(opened.ok()) << opened.status();
  const Hierarchy& o = opened->hierarchy();
  EXPECT_EQ(o.max_depth(), h.max_depth());
  std::size_t differing = 0;
  for (Index v = 0; v < net.org_count(); ++v) {
    differing += o.parent(v) != h.parent(v) || o.depth(v) != h.depth(v) ||
                 o.subtree_size(v) != h.subtree_size(v) ||
                 o.preorder_position(v) != h.preorder_position(v) || o.root(v) != h.root(v) ||
                 !(opened->territory().org_place(v) == net.territory().org_place(v)) ||
                 opened->org_id(v) != net.org_id(v) || opened->FindOrg(net.org_id(v)) != v;
  }
  EXPECT_EQ(differing, 0u);
  EXPECT_EQ(o.ancestors(last), h.ancestors(last));
  EXPECT_EQ(o.LowestCommonAncestor(last, mid), mid);
  EXPECT_TRUE(o.is_ancestor(first, last));
  EXPECT_EQ(opened->territory().orgs_in(*opened->FindOrg("c")).size(),
            static_cast<std::size_t>(kDepth + 1));
}

}  // namespace
}  // namespace orgnet
