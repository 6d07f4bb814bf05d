// The follower on the generated city (issue 28, point 6): ORGNET_BENCH_DATABASE holds the city
// with primary keys and REPLICA IDENTITY FULL (tests/database/fill.py --keys; run through
// tests/bench/follow.sh). Another connection commits transactions of 100 changed member rows
// each while the follower applies them.
//   BM_FollowApply/T:  T transactions committed one after another; the clock runs from the
//     first commit to the last one applied: rows_per_second is the rate of the whole pipeline
//     (the server's commits, its decoding, the follower's edits).
//   BM_FollowBurst:    100,000 changes (1,000 transactions) committed as fast as one
//     connection can; lag_bytes and lag_seconds when the burst's last commit returns, then
//     catch_up_ms until the follower has applied it.
//   BM_FollowMillion:  1,000,000 changes (10,000 transactions); the resident memory before and
//     after (old versions are released as the follower moves on).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "benchmark/benchmark.h"
#include "database/pg_connection.h"
#include "orgnet/follower.h"
#include "orgnet/network.h"

namespace {

using Clock = std::chrono::steady_clock;

double ResidentMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

struct Bench {
  std::unique_ptr<orgnet::Follower> follower;
  std::unique_ptr<orgnet::internal::PgConnection> writer;
  std::vector<std::string> members;
  std::string slot;
  std::size_t next = 0;
  int day = 0;

  bool Start(benchmark::State& state) {
    const char* uri = std::getenv("ORGNET_BENCH_DATABASE");
    if (uri == nullptr) {
      state.SkipWithError("ORGNET_BENCH_DATABASE is not set");
      return false;
    }
    slot = "bench_" + std::to_string(getpid()) + "_" + std::to_string(Clock::now().time_since_epoch().count() % 1000000);
    orgnet::FollowerOptions options;
    options.slot = slot;
    options.publication = "orgnet_bench";
    auto started = orgnet::Follower::Start(uri, "", options);
    if (!started.ok()) {
      state.SkipWithError(started.status().ToString().c_str());
      return false;
    }
    follower = *std::move(started);
    auto connected = orgnet::internal::PgConnection::Connect(uri);
    if (!connected.ok()) {
      state.SkipWithError(connected.status().ToString().c_str());
      return false;
    }
    writer = *std::move(connected);
    const orgnet::Network net = follower->latest().network;
    for (orgnet::Index r = 0; r < net.rows(orgnet::Table::kMembers); ++r) {
      members.emplace_back(net.id(orgnet::Table::kMembers, r));
    }
    return true;
  }

  // One transaction: 100 members' last contact set (100 changed rows).
  bool Commit(benchmark::State& state) {
    std::string ids;
    for (int k = 0; k < 100; ++k) {
      ids += (k == 0 ? "'" : ",'") + members[next++ % members.size()] + "'";
    }
    char date[16];
    std::snprintf(date, sizeof date, "2026-%02d-%02d", 1 + day / 28 % 12, 1 + day % 28);
    ++day;
    const absl::Status s = writer->Execute(
        std::string("UPDATE members SET last_contact = '") + date + "' WHERE id IN (" + ids + ")",
        "committing");
    if (!s.ok()) state.SkipWithError(s.ToString().c_str());
    return s.ok();
  }

  ~Bench() {
    if (follower != nullptr) (void)follower->Stop();
    follower.reset();
    if (writer != nullptr) {
      (void)writer->Execute("SELECT pg_drop_replication_slot('" + slot + "')", "dropping");
    }
  }
};

void BM_FollowApply(benchmark::State& state) {
  Bench bench;
  if (!bench.Start(state)) return;
  const std::uint64_t transactions = static_cast<std::uint64_t>(state.range(0));
  double seconds = 0;
  for (auto _ : state) {
    const std::uint64_t base = bench.follower->latest().transactions;
    const auto begin = Clock::now();
    for (std::uint64_t t = 0; t < transactions; ++t) {
      if (!bench.Commit(state)) return;
    }
    if (!bench.follower->WaitForTransactions(base + transactions, std::chrono::minutes(10))) {
      state.SkipWithError("the follower did not apply the transactions");
      return;
    }
    seconds = std::chrono::duration<double>(Clock::now() - begin).count();
    state.SetIterationTime(seconds);
  }
  state.counters["rows"] = static_cast<double>(transactions * 100);
  state.counters["rows_per_second"] = static_cast<double>(transactions * 100) / seconds;
}
BENCHMARK(BM_FollowApply)->Arg(100)->Arg(1000)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_FollowBurst(benchmark::State& state) {
  Bench bench;
  if (!bench.Start(state)) return;
  for (auto _ : state) {
    const std::uint64_t base = bench.follower->latest().transactions;
    const auto begin = Clock::now();
    for (int t = 0; t < 1000; ++t) {
      if (!bench.Commit(state)) return;
    }
    const auto burst_end = Clock::now();
    // The server's position right after the burst (the follower asks each second when idle;
    // during a burst every message carries it).
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const orgnet::FollowerStatus at_end = bench.follower->status();
    if (!bench.follower->WaitForTransactions(base + 1000, std::chrono::minutes(10))) {
      state.SkipWithError("the follower did not catch up");
      return;
    }
    const auto caught_up = Clock::now();
    state.SetIterationTime(std::chrono::duration<double>(caught_up - begin).count());
    state.counters["burst_ms"] = std::chrono::duration<double, std::milli>(burst_end - begin).count();
    state.counters["lag_bytes"] = static_cast<double>(at_end.lag_bytes);
    state.counters["lag_transactions"] =
        static_cast<double>(base + 1000 - at_end.transactions);
    state.counters["catch_up_ms"] =
        std::chrono::duration<double, std::milli>(caught_up - burst_end).count();
  }
}
BENCHMARK(BM_FollowBurst)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_FollowMillion(benchmark::State& state) {
  Bench bench;
  if (!bench.Start(state)) return;
  const double before = ResidentMiB();
  double peak = before, seconds = 0;
  for (auto _ : state) {
    const std::uint64_t base = bench.follower->latest().transactions;
    const auto begin = Clock::now();
    for (int t = 0; t < 10000; ++t) {
      if (!bench.Commit(state)) return;
      if (t % 500 == 0) peak = std::max(peak, ResidentMiB());
    }
    if (!bench.follower->WaitForTransactions(base + 10000, std::chrono::minutes(20))) {
      state.SkipWithError("the follower did not catch up");
      return;
    }
    seconds = std::chrono::duration<double>(Clock::now() - begin).count();
    state.SetIterationTime(seconds);
  }
  state.counters["rss_before_MiB"] = before;
  state.counters["rss_peak_MiB"] = peak;
  state.counters["rss_after_MiB"] = ResidentMiB();
  state.counters["rows_per_second"] = 1e6 / seconds;
}
BENCHMARK(BM_FollowMillion)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
