// Network::LoadDatabase, the result writer's write and Follower in a build without libpq:
// present, so that the ABI does not depend on the build's options, and saying why they cannot.
#include "database/result_data.h"
#include "orgnet/follower.h"
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

// A follower cannot be made without libpq: Start says so, and the members exist for the ABI.
struct Follower::Impl {};
Follower::Follower(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Follower::~Follower() = default;
absl::StatusOr<std::unique_ptr<Follower>> Follower::Start(std::string_view, std::string_view,
                                                          const FollowerOptions&) {
  return NoSupport();
}
FollowedVersion Follower::latest() const { return {}; }
FollowerStatus Follower::status() const { return {}; }
bool Follower::WaitForTransactions(std::uint64_t, std::chrono::milliseconds) const {
  return false;
}
absl::StatusOr<FollowedVersion> Follower::Refresh(std::size_t* edits) {
  if (edits != nullptr) *edits = 0;
  return NoSupport();
}
absl::Status Follower::Stop() { return absl::OkStatus(); }

namespace internal {

absl::StatusOr<ResultWriteSummary> WriteResults(std::string_view, const ResultWriter::Data&) {
  return NoSupport();
}

}  // namespace internal

}  // namespace orgnet
