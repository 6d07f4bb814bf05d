// Benchmarks on a generated dataset (ORGNET_BENCH_DATASET, default: the city dataset that
// tests/bench/run.sh generates): load time and peak memory, hierarchy and territory queries.
// Run through tests/bench/run.sh, which prints medians of repeated runs.
#include <sys/resource.h>

#include <cstdlib>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "bench_support.h"
#include "benchmark/benchmark.h"
#include "orgnet/centres.h"
#include "orgnet/cobuild.h"
#include "orgnet/coverage.h"
#include "orgnet/events.h"
#include "orgnet/matching.h"
#include "orgnet/network.h"

namespace {

using orgnet::bench::DatasetPath;
using orgnet::bench::PeakResidentMiB;
using orgnet::bench::Shared;

void BM_Load(benchmark::State& state) {
  orgnet::LoadOptions options;
  options.threads = static_cast<int>(state.range(0));
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto network = orgnet::Network::Load(DatasetPath(), options);
    if (!network.ok()) state.SkipWithError("load failed");
    bytes = network->memory_bytes();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["network_MiB"] = bytes / 1048576.0;
  state.counters["peak_rss_MiB"] = PeakResidentMiB();
}
BENCHMARK(BM_Load)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(1);

// Query pairs drawn once, so that the loop measures the query alone.
std::vector<std::pair<orgnet::Index, orgnet::Index>> Pairs(std::size_t count) {
  const auto n = Shared().org_count();
  std::mt19937 rng(42);
  std::vector<std::pair<orgnet::Index, orgnet::Index>> pairs(count);
  for (auto& p : pairs) p = {static_cast<orgnet::Index>(rng() % n), static_cast<orgnet::Index>(rng() % n)};
  return pairs;
}

void BM_IsAncestorByIndex(benchmark::State& state) {
  const orgnet::Hierarchy& h = Shared().hierarchy();
  const auto pairs = Pairs(1 << 16);
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& [a, b] = pairs[i++ & 0xFFFF];
    benchmark::DoNotOptimize(h.is_ancestor(a, b));
  }
}
BENCHMARK(BM_IsAncestorByIndex);

void BM_LowestCommonAncestorByIndex(benchmark::State& state) {
  const orgnet::Hierarchy& h = Shared().hierarchy();
  const auto pairs = Pairs(1 << 16);
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& [a, b] = pairs[i++ & 0xFFFF];
    benchmark::DoNotOptimize(h.LowestCommonAncestor(a, b));
  }
}
BENCHMARK(BM_LowestCommonAncestorByIndex);

void BM_LowestCommonAncestorById(benchmark::State& state) {
  const orgnet::Network& net = Shared();
  const auto pairs = Pairs(1 << 16);
  std::vector<std::pair<std::string, std::string>> ids;
  for (const auto& [a, b] : pairs) ids.emplace_back(net.org_id(a), net.org_id(b));
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& [a, b] = ids[i++ & 0xFFFF];
    benchmark::DoNotOptimize(
        net.hierarchy().LowestCommonAncestor(*net.FindOrg(a), *net.FindOrg(b)));
  }
}
BENCHMARK(BM_LowestCommonAncestorById);

void BM_DescendantsEnumeration(benchmark::State& state) {
  const orgnet::Hierarchy& h = Shared().hierarchy();
  std::uint64_t visited = 0;
  for (auto _ : state) {
    for (orgnet::Index root : h.roots()) {
      for (orgnet::Index v : h.descendants(root)) visited += v;
    }
  }
  benchmark::DoNotOptimize(visited);
  state.SetItemsProcessed(state.iterations() * Shared().org_count());
}
BENCHMARK(BM_DescendantsEnumeration)->Unit(benchmark::kMillisecond);

void BM_MemberPlace(benchmark::State& state) {
  const orgnet::Network& net = Shared();
  const auto members = net.rows(orgnet::Table::kMembers);
  std::mt19937 rng(7);
  std::vector<orgnet::Index> rows(1 << 16);
  for (auto& r : rows) r = rng() % members;
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(net.territory().member_place(rows[i++ & 0xFFFF]));
  }
}
BENCHMARK(BM_MemberPlace);

void BM_UnitsInEveryStreet(benchmark::State& state) {
  const orgnet::Network& net = Shared();
  std::vector<orgnet::Index> streets;
  for (orgnet::Index o = 0; o < net.org_count(); ++o) {
    if (net.org_kind(o) == orgnet::OrgKind::kStreet) streets.push_back(o);
  }
  for (auto _ : state) {
    std::size_t units = 0;
    for (orgnet::Index s : streets) units += net.territory().units_in(s).size();
    benchmark::DoNotOptimize(units);
  }
  state.SetItemsProcessed(state.iterations() * streets.size());
}
BENCHMARK(BM_UnitsInEveryStreet);

// The whole coverage analysis: every rate of every grid, community, street, district and
// organization subtree, and every finding (one thread).
void BM_Coverage(benchmark::State& state) {
  const orgnet::Network& net = Shared();
  std::size_t findings = 0;
  for (auto _ : state) {
    auto report = orgnet::CoverageReport::Compute(net);
    if (!report.ok()) state.SkipWithError("coverage failed");
    findings = report->findings().size();
    benchmark::DoNotOptimize(findings);
  }
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["peak_rss_MiB"] = PeakResidentMiB();
}
BENCHMARK(BM_Coverage)->Unit(benchmark::kMillisecond);

}  // namespace

// Co-building: the link graph built from the links table, its clusters, the isolated
// organizations and the cross-boundary counts, as one request would need them.
void BM_LinksStructure(benchmark::State& state) {
  std::size_t clusters = 0;
  for (auto _ : state) {
    auto graph = orgnet::LinkGraph::Build(Shared());
    const auto components = graph->Components();
    const auto isolated = graph->Isolated();
    const auto crossings = graph->Crossings();
    clusters = components.sizes.size();
    benchmark::DoNotOptimize(isolated.data());
    benchmark::DoNotOptimize(crossings.total);
  }
  state.counters["links"] = static_cast<double>(Shared().rows(orgnet::Table::kLinks));
  state.counters["clusters"] = static_cast<double>(clusters);
  state.counters["peak_rss_MiB"] = PeakResidentMiB();
}
BENCHMARK(BM_LinksStructure)->Unit(benchmark::kMillisecond);

void BM_Matching(benchmark::State& state) {
  std::int64_t total = 0;
  for (auto _ : state) {
    auto matching = orgnet::Matching::Compute(Shared());
    total = matching->total();
    benchmark::DoNotOptimize(total);
  }
  state.counters["needs"] = static_cast<double>(Shared().rows(orgnet::Table::kNeeds));
  state.counters["resources"] = static_cast<double>(Shared().rows(orgnet::Table::kResources));
  state.counters["matched"] = static_cast<double>(total);
  state.counters["peak_rss_MiB"] = PeakResidentMiB();
}
BENCHMARK(BM_Matching)->Unit(benchmark::kMillisecond);

// Exact betweenness: meant for the district dataset (ORGNET_BENCH_DATASET=examples/district).
void BM_BetweennessExact(benchmark::State& state) {
  if (Shared().org_count() > 50'000) {
    state.SkipWithError("exact betweenness is benchmarked on the district dataset");
    return;
  }
  auto graph = orgnet::LinkGraph::Build(Shared());
  for (auto _ : state) {
    const auto centrality = graph->Betweenness();
    benchmark::DoNotOptimize(centrality.data());
  }
  state.counters["orgs"] = static_cast<double>(Shared().org_count());
  state.counters["pairs"] = static_cast<double>(graph->pair_count());
  state.counters["peak_rss_MiB"] = PeakResidentMiB();
}
BENCHMARK(BM_BetweennessExact)->Unit(benchmark::kMillisecond);

// Sampled betweenness on the larger datasets: 64 sources.
void BM_BetweennessSampled(benchmark::State& state) {
  auto graph = orgnet::LinkGraph::Build(Shared());
  for (auto _ : state) {
    const auto centrality = graph->Betweenness({.samples = 64, .seed = 1});
    benchmark::DoNotOptimize(centrality.data());
  }
}
BENCHMARK(BM_BetweennessSampled)->Unit(benchmark::kMillisecond);

// Grid events over the dataset's last year: the window typed once, then the totals at all
// four territorial levels and the monthly trend per street.
void BM_EventsRollUp(benchmark::State& state) {
  orgnet::EventOptions options;
  options.from = *orgnet::ParseDate("2025-07-01");
  options.to = *orgnet::ParseDate("2026-07-01");
  std::int64_t counted = 0;
  for (auto _ : state) {
    auto report = orgnet::EventReport::Compute(Shared(), options);
    counted = report->counted();
    for (auto level : {orgnet::RollUp::kGrid, orgnet::RollUp::kCommunity,
                       orgnet::RollUp::kStreet, orgnet::RollUp::kDistrict}) {
      auto rows = report->Totals(level);
      benchmark::DoNotOptimize(rows->data());
    }
    auto months = report->ByMonth(orgnet::RollUp::kStreet);
    benchmark::DoNotOptimize(months->data());
  }
  state.counters["events"] = static_cast<double>(counted);
  state.counters["peak_rss_MiB"] = PeakResidentMiB();
}
BENCHMARK(BM_EventsRollUp)->Unit(benchmark::kMillisecond);

// Nearest centre of every grid (R-tree built from the centres each time).
void BM_NearestCentre(benchmark::State& state) {
  for (auto _ : state) {
    auto reach = orgnet::CentreReach::Compute(Shared());
    benchmark::DoNotOptimize(reach->grids().data());
  }
  state.counters["grids"] = static_cast<double>(Shared().rows(orgnet::Table::kGrids));
  state.counters["centres"] = static_cast<double>(Shared().rows(orgnet::Table::kCentres));
}
BENCHMARK(BM_NearestCentre)->Unit(benchmark::kMillisecond);

// Greedy siting of 20 new centres (after the reach).
void BM_Siting20(benchmark::State& state) {
  auto reach = orgnet::CentreReach::Compute(Shared());
  std::int64_t added = 0;
  for (auto _ : state) {
    const auto sites = reach->Site(20);
    added = 0;
    for (const auto& s : sites) added += s.households_added;
  }
  state.counters["households_added"] = static_cast<double>(added);
}
BENCHMARK(BM_Siting20)->Unit(benchmark::kMillisecond);

// Scoped views (docs/permission.md). The street scopes of the network, each as a spec.
std::vector<orgnet::ScopeSpec> StreetSpecs(const orgnet::Network& net) {
  std::vector<orgnet::ScopeSpec> specs;
  for (orgnet::Index o = 0; o < net.org_count(); ++o) {
    if (net.org_kind(o) == orgnet::OrgKind::kStreet) {
      specs.push_back({{}, {std::string(net.org_id(o))}, false});
    }
  }
  return specs;
}

// The first Scope call of a network builds its scope indexes: timed on a fresh load.
void BM_ScopeIndexes(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    auto net = orgnet::Network::Load(DatasetPath());
    if (!net.ok()) state.SkipWithError("load failed");
    const std::size_t before = net->memory_bytes();
    const std::vector<orgnet::ScopeSpec> specs = StreetSpecs(*net);
    state.ResumeTiming();
    auto view = net->Scope(specs.front());
    benchmark::DoNotOptimize(view);
    state.PauseTiming();
    state.counters["index_MiB"] = static_cast<double>(net->memory_bytes() - before) / (1 << 20);
    state.ResumeTiming();
  }
}
BENCHMARK(BM_ScopeIndexes)->Unit(benchmark::kMillisecond)->Iterations(1);

// A street's view, made: each iteration the next street of the city.
void BM_ScopeStreet(benchmark::State& state) {
  const orgnet::Network& net = Shared();
  const std::vector<orgnet::ScopeSpec> specs = StreetSpecs(net);
  (void)net.Scope(specs.front());  // the indexes, once
  std::size_t i = 0, members = 0, views = 0, bytes = 0;
  for (auto _ : state) {
    auto view = net.Scope(specs[i++ % specs.size()]);
    if (!view.ok()) state.SkipWithError("scope failed");
    members += view->rows(orgnet::Table::kMembers);
    bytes += view->memory_bytes();
    ++views;
  }
  state.counters["members_per_view"] = static_cast<double>(members) / views;
  state.counters["view_MiB"] = static_cast<double>(bytes) / views / (1 << 20);
}
BENCHMARK(BM_ScopeStreet)->Unit(benchmark::kMillisecond);

// The full coverage report (every rate, roll-up and finding) of a street's view.
void BM_CoverageInStreetView(benchmark::State& state) {
  const orgnet::Network& net = Shared();
  std::vector<orgnet::Network> views;
  for (const orgnet::ScopeSpec& spec : StreetSpecs(net)) views.push_back(*net.Scope(spec));
  std::size_t i = 0;
  for (auto _ : state) {
    auto report = orgnet::CoverageReport::Compute(views[i++ % views.size()]);
    if (!report.ok()) state.SkipWithError("coverage failed");
    benchmark::DoNotOptimize(report->findings().size());
  }
}
BENCHMARK(BM_CoverageInStreetView)->Unit(benchmark::kMillisecond);

// Network::Save over the dataset it wrote the time before (issue 24): every table written to
// a new sibling folder, synced, exchanged with the old folder in one step, the old removed.
// In a folder of the bench data's file system (ORGNET_BENCH_SAVE_DIR, default /tmp).
void BM_SaveDataset(benchmark::State& state) {
  const orgnet::Network& net = Shared();
  const char* base = std::getenv("ORGNET_BENCH_SAVE_DIR");
  const std::string folder = std::string(base != nullptr ? base : "/tmp") + "/orgnet-bench-save";
  for (auto _ : state) {
    const absl::Status saved = net.Save(folder);
    if (!saved.ok()) state.SkipWithError(saved.ToString().c_str());
  }
}
BENCHMARK(BM_SaveDataset)->Unit(benchmark::kMillisecond)->Iterations(3);

BENCHMARK_MAIN();
