// Many threads query one network at once (run under ThreadSanitizer in CI); every thread must
// get the answers a single thread gets.
#include <atomic>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "add_row.h"
#include "gtest/gtest.h"
#include "orgnet/builder.h"
#include "orgnet/centres.h"
#include "orgnet/cobuild.h"
#include "orgnet/coverage.h"
#include "orgnet/events.h"
#include "orgnet/haves.h"
#include "orgnet/matching.h"
#include "orgnet/network.h"

namespace orgnet {
namespace {

// Runs work(t) for t = 0..3 on one thread, then on four threads at once: every thread must get
// what the single thread got.
template <typename Work>
void ExpectSameAcrossThreads(Work work) {
  using Result = decltype(work(0));
  std::vector<Result> expected(4), got(4);
  for (int t = 0; t < 4; ++t) expected[t] = work(t);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back([&, t] { got[t] = work(t); });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(got, expected);
}

TEST(ConcurrencyTest, ConcurrentQueriesAgreeWithSequentialOnes) {
  NetworkBuilder builder;
  const int n = 5000;
  for (int i = 0; i < n; ++i) {
    AddRowOrFail(builder, Table::kOrgs, {{"id", "o" + std::to_string(i)},
                                  {"name", "n"},
                                  {"kind", i % 7 == 0 ? "community" : "branch"},
                                  {"parent", i == 0 ? "" : "o" + std::to_string((i * 7919) % i)}});
  }
  auto built = builder.Build();
  ASSERT_TRUE(built.ok()) << built.status();
  const Network net = *built;
  auto work = [&net](int seed) {
    std::uint64_t checksum = 0;
    const Hierarchy& h = net.hierarchy();
    for (int q = 0; q < 20000; ++q) {
      const Index a = (q * 31 + seed) % n, b = (q * 17 + 3) % n;
      checksum = checksum * 31 + h.LowestCommonAncestor(a, b);
      checksum = checksum * 31 + h.is_ancestor(a, b);
      checksum = checksum * 31 + *net.FindOrg("o" + std::to_string(b));
      checksum = checksum * 31 + h.ancestors(a).size();
      checksum = checksum * 31 + net.territory().org_place(a).community;
    }
    return checksum;
  };
  ExpectSameAcrossThreads(work);
}

// A snapshot opened with four verifying threads (the hierarchy and territory built on one
// while the others check sections), then queried from four threads at once: the same
// answers as the loaded network, and no data race (ThreadSanitizer runs this in CI).
TEST(ConcurrencyTest, OpenedSnapshotAnswersFromManyThreads) {
  auto loaded = Network::Load(ORGNET_TEST_DATA_DIR "/live2");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const std::string path = ::testing::TempDir() + "/concurrency.orgnet";
  ASSERT_TRUE(loaded->SaveSnapshot(path).ok());
  SnapshotOptions options;
  options.threads = 4;
  auto opened = Network::OpenSnapshot(path, options);
  ASSERT_TRUE(opened.ok()) << opened.status();
  auto work = [](const Network& net) {
    return [&net](int seed) {
      std::uint64_t checksum = 0;
      const Index n = net.org_count();
      for (Index q = 0; q < 2000; ++q) {
        const Index a = (q * 31 + seed) % n, b = (q * 17 + 3) % n;
        checksum = checksum * 31 + net.hierarchy().LowestCommonAncestor(a, b);
        checksum = checksum * 31 + *net.FindOrg(net.org_id(b));
        checksum = checksum * 31 + net.territory().org_place(a).street;
      }
      auto coverage = CoverageReport::Compute(net);
      checksum = checksum * 31 + (coverage.ok() ? coverage->findings().size() : 0);
      return checksum;
    };
  };
  ExpectSameAcrossThreads(work(*opened));
  EXPECT_EQ(work(*opened)(1), work(*loaded)(1));
  std::remove(path.c_str());
}

// One link graph queried from many threads, and matchings computed on one network at once.
TEST(ConcurrencyTest, CobuildQueriesAgreeWithSequentialOnes) {
  NetworkBuilder builder;
  const int n = 400;
  for (int i = 0; i < n; ++i) {
    AddRowOrFail(builder, Table::kOrgs, {{"id", "o" + std::to_string(i)},
                                  {"name", "n"},
                                  {"kind", i == 0 ? "street" : "unit"},
                                  {"parent", i == 0 ? "" : "o0"}});
  }
  for (int l = 0; l < 399; ++l) {  // 37·l mod 400 differs for every l below 400
    AddRowOrFail(builder, Table::kLinks, {{"a", "o" + std::to_string((l * 37) % n)},
                                   {"b", "o" + std::to_string((l * 101 + 1) % n)},
                                   {"kind", l % 2 ? "pairing" : "project"},
                                   {"since", "2020-01-01"}});
  }
  for (int i = 0; i < 40; ++i) {
    AddRowOrFail(builder, Table::kNeeds, {{"id", "n" + std::to_string(i)},
                                   {"org", "o" + std::to_string((i * 13) % n)},
                                   {"category", i % 3 ? "venue" : "funding"},
                                   {"amount", std::to_string(1 + i % 7)}});
    AddRowOrFail(builder, Table::kResources, {{"id", "r" + std::to_string(i)},
                                       {"org", "o" + std::to_string((i * 29 + 5) % n)},
                                       {"category", i % 2 ? "venue" : "funding"},
                                       {"amount", std::to_string(1 + i % 5)}});
  }
  auto built = builder.Build();
  ASSERT_TRUE(built.ok()) << built.status();
  const Network net = *built;
  const LinkGraph graph = *LinkGraph::Build(net);
  auto work = [&](int seed) {
    double checksum = 0;
    checksum += graph.Components().sizes[0];
    checksum += graph.ArticulationPoints().size() + graph.Bridges().size();
    for (double b : graph.Betweenness({.samples = 50, .seed = 1})) checksum += b;
    checksum += graph.Crossings().total.links;
    for (int q = 0; q < 50; ++q) {
      auto path = graph.ShortestPath((q + seed) % n, (q * 7) % n, q % 2 == 0);
      checksum += path.ok() ? static_cast<double>(path->size()) : -1.0;
      checksum += graph.Suggest((q * 11) % n)->size();
    }
    checksum += static_cast<double>(Matching::Compute(net)->total());
    return checksum;
  };
  ExpectSameAcrossThreads(work);
}

// Events, reach, the three haves and coverage computed and read from many threads on one
// network.
TEST(ConcurrencyTest, ServiceQueriesAgreeWithSequentialOnes) {
  auto loaded = Network::Load(ORGNET_TEST_DATA_DIR "/service");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const Network net = *loaded;
  const CentreReach shared = *CentreReach::Compute(net);
  auto work = [&](int) {
    double checksum = 0;
    for (int q = 0; q < 30; ++q) {
      auto events = EventReport::Compute(net);
      const auto streets = events->Totals(RollUp::kStreet);
      for (const EventRow& r : *streets) checksum += r.stats.reported;
      checksum += events->HotSpots().size();
      for (const SiteChoice& s : shared.Site(2)) checksum += static_cast<double>(s.households_added);
      const auto communities = shared.RollUp(RollUp::kCommunity);
      for (const ReachRow& r : *communities) checksum += static_cast<double>(r.households_reached);
      checksum += ThreeHaves::Compute(net, {2026, 1000})->findings().size();
      checksum += CoverageReport::Compute(net)->findings().size();
    }
    return checksum;
  };
  ExpectSameAcrossThreads(work);
}

// Live use: a writer makes a hundred versions, each from the last, while readers query
// versions made earlier; every version keeps answering as it did when it was made.
TEST(ConcurrencyTest, ReadersOnOldVersionsWhileAWriterMakesNewOnes) {
  NetworkBuilder builder;
  for (int i = 0; i < 300; ++i) {
    AddRowOrFail(builder, Table::kOrgs, {{"id", "o" + std::to_string(i)},
                                  {"name", "n"},
                                  {"kind", i % 10 == 0 ? "community" : "branch"},
                                  {"parent", i == 0 ? "" : "o" + std::to_string(i / 3)}});
  }
  for (int i = 0; i < 600; ++i) {
    AddRowOrFail(builder, Table::kMembers, {{"id", "m" + std::to_string(i)},
                                     {"name", "v0"},
                                     {"org", "o" + std::to_string(i % 300)},
                                     {"status", "formal"}});
  }
  auto first = builder.Build();
  ASSERT_TRUE(first.ok()) << first.status();
  constexpr int kVersions = 100;
  // Version v: member m0's name is "v<v>", and org o<v+1> is led by o0 (one reparent each).
  std::vector<Network> versions(kVersions + 1);
  versions[0] = *first;
  std::atomic<int> published{0};
  std::atomic<bool> failed{false};
  std::thread writer([&] {
    for (int v = 1; v <= kVersions; ++v) {
      EditBatch batch;
      batch.Set(Table::kMembers, "m0", "name", "v" + std::to_string(v))
          .Reparent("o" + std::to_string(v + 1), "o0");
      auto next = versions[v - 1].Edit(batch);
      if (!next.ok()) {
        failed = true;
        return;
      }
      versions[v] = *std::move(next);
      published.store(v, std::memory_order_release);  // versions[0..v] are complete
    }
  });
  auto check = [&](int v) {
    const Network& net = versions[v];
    const Index m0 = *net.Find(Table::kMembers, "m0");
    if (net.text(Table::kMembers, m0, col::kMemberName) != "v" + std::to_string(v)) return false;
    for (int k = 2; k <= kVersions + 1; ++k) {
      const Index org = *net.FindOrg("o" + std::to_string(k));
      const Index want = *net.FindOrg(k <= v + 1 ? "o0" : "o" + std::to_string(k / 3));
      if (net.hierarchy().parent(org) != want) return false;
    }
    auto coverage = CoverageReport::Compute(net);
    return coverage.ok() && net.hierarchy().subtree_size(*net.FindOrg("o0")) == 300;
  };
  std::vector<std::thread> readers;
  std::atomic<int> checks{0};
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&, r] {
      unsigned seed = 12345u + r;
      while (published.load(std::memory_order_acquire) < kVersions && !failed) {
        const int newest = published.load(std::memory_order_acquire);
        seed = seed * 1103515245u + 12345u;
        const int v = static_cast<int>(seed % static_cast<unsigned>(newest + 1));
        if (!check(v)) failed = true;
        ++checks;
      }
    });
  }
  writer.join();
  for (auto& reader : readers) reader.join();
  ASSERT_FALSE(failed);
  EXPECT_GT(checks.load(), 0);
  for (int v = 0; v <= kVersions; ++v) EXPECT_TRUE(check(v)) << "version " << v;
  // Numbers: one counter, each version's parent the one it was edited from.
  for (int v = 1; v <= kVersions; ++v) {
    EXPECT_GT(versions[v].version(), versions[v - 1].version());
    EXPECT_EQ(versions[v].parent_version(), versions[v - 1].version());
  }
  EXPECT_EQ(versions[0].parent_version(), 0u);
  // Branches: two edits of one version share the parent and get different numbers.
  EditBatch a, b;
  a.Set(Table::kMembers, "m1", "name", "a");
  b.Set(Table::kMembers, "m1", "name", "b");
  auto left = versions[50].Edit(a);
  auto right = versions[50].Edit(b);
  ASSERT_TRUE(left.ok() && right.ok());
  EXPECT_EQ(left->parent_version(), versions[50].version());
  EXPECT_EQ(right->parent_version(), versions[50].version());
  EXPECT_NE(left->version(), right->version());
  EXPECT_EQ(left->text(Table::kMembers, *left->Find(Table::kMembers, "m1"), col::kMemberName), "a");
  EXPECT_EQ(right->text(Table::kMembers, *right->Find(Table::kMembers, "m1"), col::kMemberName),
            "b");
  EXPECT_EQ(versions[50].text(Table::kMembers, *versions[50].Find(Table::kMembers, "m1"),
                              col::kMemberName),
            "v0");
}

}  // namespace
}  // namespace orgnet
