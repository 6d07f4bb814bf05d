// Snapshot figures that need a fresh process or interleaving (tests/bench/snapshot.sh runs it):
//   orgnet_snapshot_probe save DATASET OUT            load, then time SaveSnapshot (fsync included)
//   orgnet_snapshot_probe open FILE MODE A B          open (verified|trusted), then is_ancestor(A, B)
//                                                     by string id; prints times and VmRSS
//   orgnet_snapshot_probe load DATASET A B            the same for a CSV load
//   orgnet_snapshot_probe coverage DATASET FILE RUNS  the full coverage analysis on the loaded and
//                                                     the opened network, interleaved
//   orgnet_snapshot_probe cover FILE RUNS             the coverage analysis on the opened network
//                                                     alone (first run, then the median)
// Times are wall-clock milliseconds (steady_clock); memory from /proc/self/status.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "orgnet/coverage.h"
#include "orgnet/network.h"

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

// A /proc/self/status field in KiB (VmRSS, VmHWM, RssFile, RssAnon).
long StatusKiB(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::atol(line.c_str() + field.size() + 1);
  }
  return -1;
}

void PrintMemory() {
  std::printf(" rss_mib=%.1f anon_mib=%.1f file_mib=%.1f hwm_mib=%.1f", StatusKiB("VmRSS") / 1024.0,
              StatusKiB("RssAnon") / 1024.0, StatusKiB("RssFile") / 1024.0,
              StatusKiB("VmHWM") / 1024.0);
}

int Fail(const absl::Status& status) {
  std::cerr << status << "\n";
  return 1;
}

int Query(const orgnet::Network& net, const char* a, const char* b, Clock::time_point start) {
  const auto x = net.FindOrg(a), y = net.FindOrg(b);
  if (!x || !y) {
    std::cerr << "unknown org id\n";
    return 1;
  }
  const bool answer = net.hierarchy().is_ancestor(*x, *y);
  std::printf(" first_query_ms=%.3f answer=%d", Ms(start), answer);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string command = argc > 1 ? argv[1] : "";
  if (command == "save" && argc == 4) {
    auto net = orgnet::Network::Load(argv[2]);
    if (!net.ok()) return Fail(net.status());
    const auto start = Clock::now();
    if (absl::Status s = net->SaveSnapshot(argv[3]); !s.ok()) return Fail(s);
    std::printf("save_ms=%.1f memory_bytes=%zu\n", Ms(start), net->memory_bytes());
    return 0;
  }
  if (command == "open" && argc == 6) {
    orgnet::SnapshotOptions options;
    options.check = std::string(argv[3]) == "trusted" ? orgnet::SnapshotCheck::kTrusted
                                                      : orgnet::SnapshotCheck::kVerified;
    const auto start = Clock::now();
    auto net = orgnet::Network::OpenSnapshot(argv[2], options);
    if (!net.ok()) return Fail(net.status());
    std::printf("open_ms=%.3f", Ms(start));
    if (int rc = Query(*net, argv[4], argv[5], start); rc != 0) return rc;
    PrintMemory();
    std::printf("\n");
    return 0;
  }
  if (command == "load" && argc == 5) {
    const auto start = Clock::now();
    auto net = orgnet::Network::Load(argv[2]);
    if (!net.ok()) return Fail(net.status());
    std::printf("load_ms=%.1f", Ms(start));
    if (int rc = Query(*net, argv[3], argv[4], start); rc != 0) return rc;
    PrintMemory();
    std::printf(" memory_bytes=%zu\n", net->memory_bytes());
    return 0;
  }
  if (command == "coverage" && argc == 5) {
    auto loaded = orgnet::Network::Load(argv[2]);
    if (!loaded.ok()) return Fail(loaded.status());
    auto opened = orgnet::Network::OpenSnapshot(argv[3]);
    if (!opened.ok()) return Fail(opened.status());
    const int runs = std::max(1, std::atoi(argv[4]));
    auto time = [](const orgnet::Network& net) {
      const auto start = Clock::now();
      auto report = orgnet::CoverageReport::Compute(net);
      if (!report.ok()) std::exit(Fail(report.status()));
      return Ms(start);
    };
    // The first run on the opened network faults its pages in from the page cache.
    const double first_opened = time(*opened), first_loaded = time(*loaded);
    std::vector<double> a, b;
    for (int i = 0; i < runs; ++i) {
      a.push_back(time(*loaded));
      b.push_back(time(*opened));
    }
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    std::printf("coverage first: opened_ms=%.1f loaded_ms=%.1f; medians of %d interleaved: "
                "loaded_ms=%.1f opened_ms=%.1f ratio=%.3f\n",
                first_opened, first_loaded, runs, a[a.size() / 2], b[b.size() / 2],
                b[b.size() / 2] / a[a.size() / 2]);
    return 0;
  }
  if (command == "cover" && argc == 4) {
    auto opened = orgnet::Network::OpenSnapshot(argv[2]);
    if (!opened.ok()) return Fail(opened.status());
    std::vector<double> times;
    for (int i = 0; i < std::max(1, std::atoi(argv[3])); ++i) {
      const auto start = Clock::now();
      auto report = orgnet::CoverageReport::Compute(*opened);
      if (!report.ok()) return Fail(report.status());
      times.push_back(Ms(start));
    }
    const double first = times.front();
    std::sort(times.begin(), times.end());
    std::printf("coverage on the opened snapshot: first_ms=%.1f median_ms=%.1f\n", first,
                times[times.size() / 2]);
    return 0;
  }
  std::cerr << "usage: see the comment at the top of tests/bench/snapshot_probe.cc\n";
  return 2;
}
