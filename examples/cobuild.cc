// Example: the co-building picture of a dataset on a given day, from C++.
//   build/examples/orgnet_cobuild_example examples/district [2026-06-30]
#include <algorithm>
#include <iostream>
#include <numeric>
#include <vector>

#include "orgnet/cobuild.h"
#include "orgnet/matching.h"
#include "orgnet/network.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " DATASET [YYYY-MM-DD]\n";
    return 2;
  }
  auto net = orgnet::Network::Load(argv[1]);
  if (!net.ok()) {
    std::cerr << net.status() << "\n";
    return 1;
  }
  orgnet::LinkFilter filter;
  if (argc > 2) {
    auto day = orgnet::ParseDate(argv[2]);
    if (!day) {
      std::cerr << "not a date: " << argv[2] << "\n";
      return 2;
    }
    filter.on = *day;
  }
  auto graph = orgnet::LinkGraph::Build(*net, filter);
  if (!graph.ok()) {
    std::cerr << graph.status() << "\n";
    return 1;
  }
  const orgnet::Clusters clusters = graph->Components();
  std::cout << graph->links().size() << " links, " << graph->pair_count() << " pairs, "
            << graph->Isolated().size() << " of " << net->org_count()
            << " organizations isolated\n";
  std::cout << "largest cluster: " << (clusters.sizes.empty() ? 0 : clusters.sizes[0])
            << " organizations\n";
  for (const orgnet::IsolationRow& row : graph->Isolation(orgnet::RollUp::kStreet)) {
    std::cout << "  " << net->org_name(row.place) << ": " << row.isolated << " of " << row.orgs
              << " isolated\n";
  }
  // The five top brokers: exact on a district, sampled on anything much larger.
  const bool large = net->org_count() > 20000;
  const std::vector<double> score =
      graph->Betweenness({.samples = large ? 256u : 0u, .seed = 1});
  std::vector<orgnet::Index> order(score.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](orgnet::Index a, orgnet::Index b) { return score[a] > score[b]; });
  std::cout << "top brokers" << (large ? " (sampled)" : "") << ":\n";
  for (std::size_t i = 0; i < std::min<std::size_t>(5, order.size()); ++i) {
    std::cout << "  " << net->org_id(order[i]) << " " << net->org_name(order[i]) << " "
              << score[order[i]] << "\n";
  }
  auto matching = orgnet::Matching::Compute(*net, {orgnet::MatchScope::kEither, filter});
  if (!matching.ok()) {
    std::cerr << matching.status() << "\n";
    return 1;
  }
  std::cout << "needs matched: " << matching->total() << " of " << matching->needed() << " ("
            << matching->allocations().size() << " allocation rows)\n";
  return 0;
}
