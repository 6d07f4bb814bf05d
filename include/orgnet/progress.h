/// @file progress.h
/// @brief Progress of long calls and a way to stop them: one handler per calling thread.
#ifndef ORGNET_PROGRESS_H_
#define ORGNET_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <string_view>

#include "orgnet/orgnet_export.h"

namespace orgnet {

/// What a long call reports to a progress handler.
struct ProgressReport {
  /// The work: "load", "snapshot", "coverage", "betweenness", "matching", "suggest",
  /// "siting" or "diff".
  std::string_view work;
  std::uint64_t done = 0;   ///< units done (bytes for loads, sources for betweenness, ...)
  std::uint64_t total = 0;  ///< units in all; done reaches it at the end
};

/// Called while a long call runs, on the thread that made the call; returns false to stop the
/// call, which then returns absl::StatusCode::kCancelled (the C ABI's ORGNET_CANCELLED) and
/// produces nothing (a load builds no network, an analysis no result).
using ProgressHandler = std::function<bool(const ProgressReport&)>;

/// Installs a progress handler for the calling thread while the scope lives (a scope inside
/// another replaces it until it ends). Long calls on this thread — loads (CSV and snapshot),
/// Network::SaveSnapshot (a stop before the file is renamed into place leaves no file),
/// CoverageReport::Compute, LinkGraph::ComputeBetweenness, Matching::Compute,
/// LinkGraph::Suggest and CentreReach::Site — call it at least every @p interval (and once
/// at the end) and stop when it returns false. Calls on other threads are not affected.
class ORGNET_EXPORT ProgressScope {
 public:
  /// Installs @p handler; @p interval: the longest time between two calls (at most 100 ms is
  /// what the C ABI promises; default 50 ms).
  explicit ProgressScope(ProgressHandler handler,
                         std::chrono::milliseconds interval = std::chrono::milliseconds(50));
  /// Restores the handler that was installed before (none, or an outer scope's).
  ~ProgressScope();
  ProgressScope(const ProgressScope&) = delete;
  ProgressScope& operator=(const ProgressScope&) = delete;

 private:
  struct Saved;
  Saved* saved_;
};

}  // namespace orgnet

#endif  // ORGNET_PROGRESS_H_
