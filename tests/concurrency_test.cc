// Many threads query one network at once (run under ThreadSanitizer in CI); every thread must
// get the answers a single thread gets.
#include <thread>

#include "gtest/gtest.h"
#include "orgnet/builder.h"
#include "orgnet/network.h"

namespace orgnet {
namespace {

TEST(ConcurrencyTest, ConcurrentQueriesAgreeWithSequentialOnes) {
  NetworkBuilder builder;
  const int n = 5000;
  for (int i = 0; i < n; ++i) {
    builder.AddRow(Table::kOrgs, {{"id", "o" + std::to_string(i)},
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
  std::vector<std::uint64_t> expected(4), got(4);
  for (int t = 0; t < 4; ++t) expected[t] = work(t);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back([&, t] { got[t] = work(t); });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(got, expected);
}

}  // namespace
}  // namespace orgnet
