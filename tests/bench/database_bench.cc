// The load from a database against the load of the same rows from CSV (issue 27, point 5):
// ORGNET_BENCH_DATASET (a dataset folder) and ORGNET_BENCH_DATABASE (a URI holding the same
// tables, filled by tests/database/fill.py). Run through tests/bench/database.sh, which also
// times the same COPY statements through psql.
#include <cstdlib>
#include <string>

#include "bench_support.h"
#include "benchmark/benchmark.h"
#include "orgnet/network.h"

namespace {

using orgnet::bench::DatasetPath;
using orgnet::bench::PeakResidentMiB;

void BM_LoadCsv(benchmark::State& state) {
  orgnet::LoadOptions options;
  options.threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    auto network = orgnet::Network::Load(DatasetPath(), options);
    if (!network.ok()) state.SkipWithError(network.status().ToString().c_str());
  }
  state.counters["peak_rss_MiB"] = PeakResidentMiB();
}
BENCHMARK(BM_LoadCsv)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_LoadDatabase(benchmark::State& state) {
  const char* uri = std::getenv("ORGNET_BENCH_DATABASE");
  if (uri == nullptr) {
    state.SkipWithError("ORGNET_BENCH_DATABASE is not set");
    return;
  }
  std::size_t members = 0;
  for (auto _ : state) {
    auto network = orgnet::Network::LoadDatabase(uri, "");
    if (!network.ok()) {
      state.SkipWithError(network.status().ToString().c_str());
      return;
    }
    members = network->rows(orgnet::Table::kMembers);
  }
  state.counters["members"] = static_cast<double>(members);
  state.counters["peak_rss_MiB"] = PeakResidentMiB();
}
BENCHMARK(BM_LoadDatabase)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
