// Collects the diagnostics of one load or build from several threads, and hands them out
// in a fixed order (file, line, column) so that the same input gives the same report.
#ifndef ORGNET_SRC_BUILD_DIAGNOSTIC_SINK_H_
#define ORGNET_SRC_BUILD_DIAGNOSTIC_SINK_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "orgnet/diagnostic.h"

namespace orgnet::internal {

// Where a diagnostic sorts: file order (-2 folder, -1 manifest, then tables), row, column.
struct DiagnosticKey {
  int file = -2;
  std::int64_t row = 0;
  int column = -1;
  std::int64_t byte = -1;
  auto tie() const { return std::tie(file, row, column, byte); }
};

class DiagnosticSink {
 public:
  explicit DiagnosticSink(const LoadOptions& options)
      : max_errors_(options.max_errors < 1 ? 1 : options.max_errors),
        max_warnings_(options.max_warnings < 0 ? 0 : options.max_warnings) {}

  // A sink that keeps up to @p max_errors errors and no warnings (a chunk's, a check's).
  explicit DiagnosticSink(int max_errors)
      : max_errors_(max_errors < 1 ? 1 : max_errors), max_warnings_(0) {}

  void Error(const DiagnosticKey& key, Diagnostic diagnostic);
  void Warning(const DiagnosticKey& key, Diagnostic diagnostic);
  // A task that has found this many errors may stop looking.
  int max_errors() const { return max_errors_; }
  bool has_errors() const;
  // Moves the errors (at most @p max_errors of them, in the order given) and warnings into
  // @p to, each line and line-based key shifted by @p line_shift: how a chunk read with its
  // own line numbers reports in its file's.
  void MoveTo(DiagnosticSink& to, std::int64_t line_shift, std::int64_t max_errors);
  // Forgets every diagnostic.
  void Clear();
  std::int64_t error_count() const;
  // Sorts, truncates and moves the diagnostics into *report (if not null); returns the
  // status for the whole load: OK, or kInvalidArgument with the first error.
  absl::Status Finish(LoadReport* report);

 private:
  struct Entry {
    DiagnosticKey key;
    Diagnostic diagnostic;
  };
  const int max_errors_;
  const int max_warnings_;
  mutable std::mutex mutex_;
  std::vector<Entry> errors_;
  std::vector<Entry> warnings_;
  std::int64_t error_count_ = 0;
  std::int64_t warning_count_ = 0;
};

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_BUILD_DIAGNOSTIC_SINK_H_
