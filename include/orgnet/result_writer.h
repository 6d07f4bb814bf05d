/// @file result_writer.h
/// @brief Results written back to the application's database: coverage roll-ups and findings,
/// matching allocations, event, reach and three-haves roll-ups, in tables the caller names,
/// each write replacing the rows of its run key in one transaction (docs/database.md,
/// "Writing results").
#ifndef ORGNET_RESULT_WRITER_H_
#define ORGNET_RESULT_WRITER_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "orgnet/centres.h"
#include "orgnet/coverage.h"
#include "orgnet/events.h"
#include "orgnet/haves.h"
#include "orgnet/matching.h"
#include "orgnet/orgnet_export.h"

namespace orgnet {

/// The tables a ResultWriter writes; each has a default name (ResultTableName) that
/// ResultWriter::SetTable may change, and a fixed set of columns and primary key, the run key
/// first (docs/database.md, "The result tables").
enum class ResultTable : std::uint8_t {
  kRuns,              ///< `orgnet_runs`: one row per run key (when, which library, which results)
  kCoverageRollup,    ///< `orgnet_coverage_rollup`: counters and rates of every roll-up level
  kCoverageFindings,  ///< `orgnet_coverage_findings`: every finding of the coverage rules
  kMatching,          ///< `orgnet_matching`: the allocation of resources to needs
  kEventsRollup,      ///< `orgnet_events_rollup`: totals, per category and per month, every level
  kReachRollup,       ///< `orgnet_reach_rollup`: service-centre reach, every territorial level
  kHavesCommunities,  ///< `orgnet_haves_communities`: the three haves of every community
  kHavesRollup,       ///< `orgnet_haves_rollup`: the three haves per street and district
};
/// Number of result tables.
inline constexpr int kResultTableCount = 8;

/// The default name of a result table ("orgnet_coverage_rollup", ...): its short name
/// ("coverage_rollup", ...) with the prefix `orgnet_`.
ORGNET_EXPORT std::string_view ResultTableName(ResultTable table);
/// The table whose short name ("coverage_rollup") or default name ("orgnet_coverage_rollup")
/// is @p name.
ORGNET_EXPORT std::optional<ResultTable> ResultTableFromName(std::string_view name);

/// Rows written to each table by ResultWriter::Write (0 for a table it did not write).
struct ResultWriteSummary {
  std::array<std::int64_t, kResultTableCount> rows{};  ///< by ResultTable
};

/// Collects the results of one run and writes them to a database in one transaction. Copying
/// a result into the writer is O(1) (results share their data). Not thread-safe: one thread
/// at a time; Write() itself only reads the writer.
///
/// Every result added must come from the same network version (one state of the data). Each
/// result fills its tables: a CoverageReport fills kCoverageRollup and kCoverageFindings, a
/// Matching kMatching, an EventReport kEventsRollup, a CentreReach kReachRollup, a ThreeHaves
/// kHavesCommunities and kHavesRollup; kRuns gets one row on every write. A result of a scoped
/// view writes the view's rows only.
class ORGNET_EXPORT ResultWriter {
 public:
  /// A writer for the run @p run_key (the value of every row's `run_key` column). Errors:
  /// kInvalidArgument (an empty key, one longer than 200 bytes, not UTF-8, or holding a
  /// control character). Cost: O(1).
  static absl::StatusOr<ResultWriter> Create(std::string_view run_key);

  /// Names the table @p table is written to: `name` or `schema.name`, each part as the
  /// database spells it (no quoting: every part is quoted when the SQL is made, so a name is
  /// case-sensitive and may hold any character but `.`). Errors: kInvalidArgument (an empty
  /// part, more than two parts, a part over 63 bytes, not UTF-8, a control character, two
  /// tables given the same name). Cost: O(tables).
  absl::Status SetTable(ResultTable table, std::string_view name);
  /// The schema of every table whose name does not name one ("": the connection's
  /// search_path). Errors: as SetTable's for one part. Cost: O(1).
  absl::Status SetSchema(std::string_view schema);
  /// The table @p table is written to, as SetTable and SetSchema named it (no quotes).
  std::string TableName(ResultTable table) const;

  /// Adds a result (replacing one of the same kind added before). Errors: kFailedPrecondition
  /// (a result of another network version than those added before: the message names both).
  /// Cost: O(1).
  absl::Status Add(const CoverageReport& coverage);
  /// @copydoc Add(const CoverageReport&)
  absl::Status Add(const Matching& matching);
  /// @copydoc Add(const CoverageReport&)
  absl::Status Add(const EventReport& events);
  /// @copydoc Add(const CoverageReport&)
  absl::Status Add(const CentreReach& reach);
  /// @copydoc Add(const CoverageReport&)
  absl::Status Add(const ThreeHaves& haves);

  /// Writes the results added to the database @p uri (a libpq URI or conninfo, as
  /// Network::LoadDatabase), in one transaction: each table written is created if absent
  /// (`CREATE TABLE IF NOT EXISTS`, with the documented columns and primary key), locked
  /// against other writers (SHARE ROW EXCLUSIVE: readers go on), cleared of the rows of this
  /// run key and filled with `COPY ... FROM STDIN`; then the run's row of kRuns is replaced,
  /// and the transaction commits. Readers see the old rows of the run key or the new ones,
  /// never a part; rows of other run keys are untouched, and so are the tables this write
  /// does not fill. A failure or a stop asked by the thread's progress handler (work
  /// "write", units: rows) rolls everything back. Errors: kFailedPrecondition (no result
  /// added), kInvalidArgument (a bad URI; an existing table whose columns' types do not take
  /// the rows: the server's message names the table and column), kNotFound (a missing schema,
  /// or a column missing from an existing table),
  /// kPermissionDenied (no right to create, lock or write a table), kUnavailable (the server
  /// cannot be reached, refused the login or was lost; never the password), kCancelled,
  /// kUnimplemented (a build without database support: Network::HasDatabaseSupport()).
  /// Cost: O(rows written) formatting and sorting into key order, plus the server's COPY:
  /// about 6 s for the generated city's coverage roll-ups and findings (850,142 rows) on two
  /// cores, 1.06x psql's own COPY of the same rows; a run key written again costs about three
  /// times that (docs/benchmarks.md, "Databases").
  absl::StatusOr<ResultWriteSummary> Write(std::string_view uri) const;

  /// Move only (a moved-from writer's calls are kFailedPrecondition).
  ResultWriter(ResultWriter&& other) noexcept;
  /// Move.
  ResultWriter& operator=(ResultWriter&& other) noexcept;
  ~ResultWriter();

  /// Opaque data (for the library's own layers).
  struct Data;

 private:
  explicit ResultWriter(std::unique_ptr<Data> data);
  std::unique_ptr<Data> data_;
};

}  // namespace orgnet

#endif  // ORGNET_RESULT_WRITER_H_
