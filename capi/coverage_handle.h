// What the C ABI's coverage handle holds (shared by the coverage and diff functions).
#ifndef ORGNET_CAPI_COVERAGE_HANDLE_H_
#define ORGNET_CAPI_COVERAGE_HANDLE_H_

#include <cstdint>
#include <vector>

#include "orgnet/coverage.h"
#include "orgnet/orgnet.h"

struct orgnet_coverage {
  orgnet::CoverageReport report;
  std::vector<orgnet_finding> findings;  // the C layout of report.findings()
  std::vector<std::uint8_t> counted;
};

#endif  // ORGNET_CAPI_COVERAGE_HANDLE_H_
