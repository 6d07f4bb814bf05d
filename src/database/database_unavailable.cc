// Network::LoadDatabase in a build without libpq: present, so that the ABI does not depend on
// the build's options, and saying why it cannot read.
#include "orgnet/network.h"

namespace orgnet {

bool Network::HasDatabaseSupport() { return false; }

absl::StatusOr<Network> Network::LoadDatabase(std::string_view, std::string_view,
                                              const LoadOptions&, LoadReport* report) {
  if (report != nullptr) *report = LoadReport{};
  return absl::UnimplementedError(
      "database: this build of orgnet has no database support (it was built without libpq; "
      "install libpq-dev and nlohmann-json3-dev and rebuild)");
}

}  // namespace orgnet
