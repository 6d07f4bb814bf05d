/// @file diagnostic.h
/// @brief Errors and warnings of a load or build, with their positions, and the options that bound them.
#ifndef ORGNET_DIAGNOSTIC_H_
#define ORGNET_DIAGNOSTIC_H_

#include <cstdint>
#include <string>
#include <vector>

#include "orgnet/orgnet_export.h"

namespace orgnet {

/// How bad a diagnostic is.
enum class Severity : std::uint8_t {
  kError,    ///< the load or build fails
  kWarning,  ///< reported, the load goes on (e.g. a reference to an org of an unexpected kind)
};

/// One problem found in a dataset, with its position as dataset-v1 defines it.
struct ORGNET_EXPORT Diagnostic {
  Severity severity = Severity::kError;  ///< error or warning
  std::string file;      ///< file name ("orgs.csv"), or "" for a folder-level problem
  std::int64_t line = 0; ///< physical line where the record starts (1 = header); 0 = unknown
  std::int64_t row = -1; ///< for rows given to a NetworkBuilder (no line): 0-based row; else -1
  std::string column;    ///< header name of the column, or "" for a whole-row problem
  std::int64_t byte = -1;///< for syntax errors: byte offset in the line (0-based); else -1
  std::string message;   ///< what is wrong, with the offending value
  /// For a database load (Network::LoadDatabase): the row's key, its `id` ("" for the tables
  /// without one, links and funds, whose rows `row` numbers in the query's result); `file`
  /// then names the application's table, view or query and `column` its column.
  std::string key;

  /// The one-line form: `FILE:LINE: column NAME: MESSAGE` (parts that are unknown left out);
  /// syntax errors read `FILE:LINE:BYTE: MESSAGE`; builder rows read `FILE row N: ...` (N from 1);
  /// database rows read `TABLE key "KEY": column NAME: MESSAGE`.
  std::string ToString() const;
};

/// Bounds and switches of a load or build.
struct LoadOptions {
  /// At most this many errors are recorded; past it the load stops looking (at least 1).
  int max_errors = 20;
  /// At most this many warnings are recorded; the rest are only counted.
  int max_warnings = 100;
  /// Read the files on up to this many threads (1 = the calling thread only).
  int threads = 2;
};

/// What a load or build found: errors (the load failed if any) and warnings.
struct LoadReport {
  std::vector<Diagnostic> errors;    ///< in file order, then line order; at most max_errors
  std::vector<Diagnostic> warnings;  ///< at most max_warnings
  std::int64_t error_count = 0;      ///< errors found (more than errors.size() when truncated)
  std::int64_t warning_count = 0;    ///< warnings found
  bool truncated = false;            ///< the load stopped looking after max_errors errors
};

}  // namespace orgnet

#endif  // ORGNET_DIAGNOSTIC_H_
