// A network's life outside storage: the shared empty network (built like any other) behind
// default-constructed and moved-from networks, and Network::Edit (in place, else the rebuild).
#include <new>

#include "build/build.h"
#include "build/live_edit.h"
#include "model/network_impl.h"
#include "orgnet/builder.h"
#include "orgnet/network.h"

namespace orgnet {

using internal::NetworkImpl;

namespace {
// The empty network that default-constructed and moved-from networks share. Built once, on
// one thread; the noexcept moves rely on it existing, so Load, Build and Apply make it first
// (internal::PrepareEmptyNetwork), where an allocation failure is still a status.
const std::shared_ptr<const NetworkImpl>& EmptyImpl() {
  static const auto* empty = [] {
    LoadOptions one_thread;
    one_thread.threads = 1;
    internal::DiagnosticSink sink(one_thread);
    auto built = internal::BuildImpl(internal::RawDataset{}, one_thread, sink, nullptr);
    if (!built.ok()) throw std::bad_alloc();  // an empty dataset only fails for memory
    return new std::shared_ptr<const NetworkImpl>(*std::move(built));
  }();
  return *empty;
}
}  // namespace

namespace internal {
void PrepareEmptyNetwork() { (void)EmptyImpl(); }
}  // namespace internal

Network::Network() : impl_(EmptyImpl()) {}
Network::~Network() = default;
Network::Network(const Network&) = default;
Network& Network::operator=(const Network&) = default;
Network::Network(Network&& other) noexcept : impl_(std::move(other.impl_)) {
  other.impl_ = EmptyImpl();
}
Network& Network::operator=(Network&& other) noexcept {
  if (this != &other) {
    impl_ = std::move(other.impl_);
    other.impl_ = EmptyImpl();
  }
  return *this;
}

absl::StatusOr<Network> Network::Edit(const EditBatch& batch, const LoadOptions& options,
                                      LoadReport* report) const {
  if (is_view()) {
    // An edit through a view could name rows outside it (an id already taken says that the
    // row exists): views are read-only.
    if (report != nullptr) *report = LoadReport{};
    return absl::FailedPreconditionError(
        "a scoped view is read-only: edit the network it was made from, then scope the new "
        "version");
  }
  try {
    // A batch that only sets plain cells becomes a version sharing all else (docs/live.md).
    if (auto edited = internal::EditInPlace(*this, batch, options, report)) return *std::move(edited);
  } catch (const std::bad_alloc&) {
    if (report != nullptr) *report = LoadReport{};
    return absl::ResourceExhaustedError("out of memory while applying the edits");
  }
  NetworkBuilder builder = NetworkBuilder::FromNetwork(*this);
  return builder.Apply(batch, options, report);
}

}  // namespace orgnet
