// The whole loader on a fuzzed dataset: the input is split at NUL bytes into the dataset's
// files (orgs, grids, units, members, staff, links, needs, resources, centres, events, funds,
// manifest; an empty piece leaves its file out). A load that succeeds must run every analysis
// and survive save -> load as the same network; a load that fails must say why. Either way,
// the streamed files read again in chunks of a few bytes on two threads (the size taken from
// the input) must give the same report and the same network.
#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "load/loader.h"

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
  const std::size_t chunk_bytes = 1 + (size == 0 ? 0 : data[size / 2] % 61);
  const std::size_t previous = internal::SetStreamChunkBytesForTesting(chunk_bytes);
  LoadOptions two_threads;
  two_threads.threads = 2;
  LoadReport chunked_report;
  auto chunked = Network::Load(folder, two_threads, &chunked_report);
  internal::SetStreamChunkBytesForTesting(previous);
  auto said = [](const absl::StatusOr<Network>& n, const LoadReport& r) {
    std::string out(n.status().message());
    for (const Diagnostic& d : r.errors) out += "\n" + d.ToString();
    for (const Diagnostic& d : r.warnings) out += "\n" + d.ToString();
    return out + "\n" + std::to_string(r.error_count) + " " + std::to_string(r.warning_count);
  };
  fuzz::Check(said(network, report) == said(chunked, chunked_report),
              "the same report whatever the chunks:\n" + said(network, report) + "\nvs\n" +
                  said(chunked, chunked_report));
  if (!network.ok()) {
    fuzz::Check(!network.status().message().empty(), "a failed load says why");
    return 0;
  }
  fuzz::ExpectSameNetwork(*network, *chunked, "chunked load");
  fuzz::RunEveryAnalysis(*network);
  fuzz::ExpectSaveRoundTrip(*network, "loaded dataset");
  fuzz::ExpectScopedViewWorks(*network, size == 0 ? 0 : data[size - 1]);
  return 0;
}
