// The load from a database against the load of the same rows from CSV, and the write of the
// coverage's results (issue 27, point 5): ORGNET_BENCH_DATASET (a dataset folder) and
// ORGNET_BENCH_DATABASE (a URI holding the same tables, filled by tests/database/fill.py). Run
// through tests/bench/database.sh, which also times the same COPY statements through psql.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include "bench_support.h"
#include "benchmark/benchmark.h"
#include "orgnet/coverage.h"
#include "orgnet/network.h"
#include "orgnet/result_writer.h"

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

// The coverage's roll-ups (every level) and findings written under one run key: the whole
// transaction (create if absent, lock, delete the key's earlier rows, COPY, commit). The
// dataset is loaded and the coverage computed before the clock starts. Arg 0: a run key new to
// the tables (the everyday case); arg 1: the same key written again (a re-run replaces it;
// the clock times the second write).
void BM_WriteCoverageResults(benchmark::State& state) {
  const char* uri = std::getenv("ORGNET_BENCH_DATABASE");
  if (uri == nullptr) {
    state.SkipWithError("ORGNET_BENCH_DATABASE is not set");
    return;
  }
  auto network = orgnet::Network::Load(DatasetPath());
  if (!network.ok()) {
    state.SkipWithError(network.status().ToString().c_str());
    return;
  }
  auto coverage = orgnet::CoverageReport::Compute(*network);
  // A key no earlier process used: the clock and the process id.
  const std::string key = "bench-" + std::to_string(getpid()) + "-" +
                          std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
  auto writer = orgnet::ResultWriter::Create(key);
  if (!coverage.ok() || !writer.ok() || !writer->Add(*coverage).ok()) {
    state.SkipWithError("coverage");
    return;
  }
  if (state.range(0) == 1) {
    if (auto first = writer->Write(uri); !first.ok()) {
      state.SkipWithError(first.status().ToString().c_str());
      return;
    }
  }
  std::int64_t rows = 0;
  for (auto _ : state) {
    auto written = writer->Write(uri);
    if (!written.ok()) {
      state.SkipWithError(written.status().ToString().c_str());
      return;
    }
    rows = 0;
    for (std::int64_t n : written->rows) rows += n;
  }
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_WriteCoverageResults)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
