// What the benchmark programs share: the dataset they run on (ORGNET_BENCH_DATASET, default
// the city that tests/bench/run.sh generates), loaded once, and the process's peak memory.
#ifndef ORGNET_TESTS_BENCH_BENCH_SUPPORT_H_
#define ORGNET_TESTS_BENCH_BENCH_SUPPORT_H_

#include <sys/resource.h>

#include <cstdlib>
#include <iostream>

#include "orgnet/network.h"

namespace orgnet::bench {

inline const char* DatasetPath() {
  const char* path = std::getenv("ORGNET_BENCH_DATASET");
  return path != nullptr ? path : "build/bench-data/city";
}

// The dataset, loaded on first use and kept for the process.
inline const Network& Shared() {
  static const Network* network = [] {
    auto loaded = Network::Load(DatasetPath());
    if (!loaded.ok()) {
      std::cerr << "cannot load " << DatasetPath() << ": " << loaded.status() << "\n";
      std::exit(2);
    }
    return new Network(*std::move(loaded));
  }();
  return *network;
}

inline double PeakResidentMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

}  // namespace orgnet::bench

#endif  // ORGNET_TESTS_BENCH_BENCH_SUPPORT_H_
