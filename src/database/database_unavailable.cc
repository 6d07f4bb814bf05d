// Network::LoadDatabase in a build without libpq: present, so that the ABI does not depend on
// the build's options, and saying why it cannot read.
#include "database/result_data.h"
#include "orgnet/network.h"

namespace orgnet {

bool Network::HasDatabaseSupport() { return false; }

namespace {

absl::Status NoSupport() {
  return absl::UnimplementedError(
      "database: this build of orgnet has no database support (it was built without libpq; "
      "install libpq-dev and nlohmann-json3-dev and rebuild)");
}

}  // namespace

absl::StatusOr<Network> Network::LoadDatabase(std::string_view, std::string_view,
                                              const LoadOptions&, LoadReport* report) {
  if (report != nullptr) *report = LoadReport{};
  return NoSupport();
}

namespace internal {

absl::StatusOr<ResultWriteSummary> WriteResults(std::string_view, const ResultWriter::Data&) {
  return NoSupport();
}

}  // namespace internal

}  // namespace orgnet
