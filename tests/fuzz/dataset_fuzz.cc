// The whole loader on a fuzzed dataset: the input is split at NUL bytes into the dataset's
// files (orgs, grids, units, members, staff, links, needs, resources, centres, events, funds,
// manifest; an empty piece leaves its file out). A load that succeeds must run every analysis
// and survive save -> load as the same network; a load that fails must say why.
#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace orgnet;
  static const std::string folder = fuzz::ScratchFolder() + "/dataset";
  fuzz::ResetFolder(folder);
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t start = 0;
  for (int piece = 0; piece <= kTableCount && start <= input.size(); ++piece) {
    std::size_t end = input.find('\0', start);
    if (end == std::string_view::npos) end = input.size();
    const std::string_view content = input.substr(start, end - start);
    if (!content.empty()) {
      const std::string file = piece < kTableCount
                                   ? std::string(GetTableSpec(static_cast<Table>(piece)).file)
                                   : std::string("manifest.csv");
      std::ofstream(folder + "/" + file, std::ios::binary)
          .write(content.data(), static_cast<std::streamsize>(content.size()));
    }
    start = end + 1;
  }
  LoadReport report;
  auto network = Network::Load(folder, {}, &report);
  if (!network.ok()) {
    fuzz::Check(!network.status().message().empty(), "a failed load says why");
    return 0;
  }
  fuzz::RunEveryAnalysis(*network);
  fuzz::ExpectSaveRoundTrip(*network, "loaded dataset");
  return 0;
}
