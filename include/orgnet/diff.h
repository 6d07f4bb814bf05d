/// @file
/// What changed between two networks (two datasets, or two versions of one): the rows added,
/// removed and changed in every table, matched by identity, and the deltas of the coverage
/// rates and finding counts per street and district.
#ifndef ORGNET_DIFF_H_
#define ORGNET_DIFF_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "orgnet/coverage.h"
#include "orgnet/network.h"
#include "orgnet/schema.h"

namespace orgnet {

/// A row present in both networks whose cells differ.
struct RowChange {
  Index before_row;          ///< its row in the earlier network
  Index after_row;           ///< its row in the later network
  std::vector<int> columns;  ///< the later network's columns that differ, ascending
};

/// How one table changed. A row's identity is its id; a link's is {a, b} (either order), kind
/// and since; a fund's is org, source and year. Rows sharing an identity (possible in links
/// and funds only) are paired in file order: the k-th of the earlier network with the k-th of
/// the later; the extra ones are counted as duplicates and added or removed.
struct TableDiff {
  Table table;                    ///< which table
  std::vector<Index> added;       ///< later network's rows with no counterpart, ascending
  std::vector<Index> removed;     ///< earlier network's rows with no counterpart, ascending
  std::vector<RowChange> changed; ///< matched rows whose cells differ, by later row
  Index unchanged = 0;            ///< matched rows equal in every shared column
  Index duplicates_before = 0;    ///< earlier rows whose identity an earlier row holds
  Index duplicates_after = 0;     ///< later rows whose identity an earlier row holds
  /// Columns (by name) only the later network has, in its column order; not compared (a cell
  /// differs only in a column both hold).
  std::vector<std::string> columns_added;
  /// Columns (by name) only the earlier network has, in its column order; not compared.
  std::vector<std::string> columns_removed;
};

/// How two networks differ, table by table.
struct ORGNET_EXPORT NetworkDiff {
  std::array<TableDiff, kTableCount> tables;  ///< indexed by Table
  /// True when no table has a row added, removed or changed, or a column added or removed.
  bool empty() const;
};

/// Compares @p before with @p after (either may be a scoped view; a reference outside a view
/// compares as "~outside"). Cells compare by value: references by the referred row's id,
/// dates, numbers and flags by value, empty only equal to empty. Reports progress to the
/// calling thread's handler ("diff", rows). Linear in the rows of both (one hash lookup per
/// row), the tables side by side on two threads.
/// Status: kCancelled when the handler asks to stop, kResourceExhausted.
ORGNET_EXPORT absl::StatusOr<NetworkDiff> DiffNetworks(const Network& before,
                                                       const Network& after);

/// A street's or district's coverage in two reports.
struct PlaceDelta {
  RollUp level;       ///< RollUp::kStreet or RollUp::kDistrict
  std::string id;     ///< the place's org id
  std::string name;   ///< its name (the later network's when it has it)
  Index before_row;   ///< orgs row in the earlier network, kNone when it is not there
  Index after_row;    ///< orgs row in the later network, kNone when it is not there
  /// Every rate in the earlier report (indexed by Rate); NaN where the place is absent or the
  /// denominator is 0.
  std::array<double, kRateCount> before_rates;
  /// Every rate in the later report, as before_rates.
  std::array<double, kRateCount> after_rates;
  /// Findings per rule (CoverageReport::rules() order) whose subject lies in the place, in
  /// the earlier report.
  std::vector<std::int64_t> before_findings;
  /// The same in the later report.
  std::vector<std::int64_t> after_findings;
};

/// A counted unit of both networks that moved between covered (its own or a joint
/// organization) and not covered (work coverage only, or none).
struct UnitMove {
  std::string id;       ///< the unit's id
  Index before_row;     ///< units row in the earlier network
  Index after_row;      ///< units row in the later network
  UnitCoverage before;  ///< coverage in the earlier report
  UnitCoverage after;   ///< coverage in the later report
};

/// How coverage changed between two reports.
struct CoverageDiff {
  /// Districts then streets, each ascending by id; a place of either network.
  std::vector<PlaceDelta> places;
  /// Units that became covered or uncovered, ascending by id.
  std::vector<UnitMove> moved;
  /// Findings per rule over the whole earlier network (unplaced subjects included).
  std::vector<std::int64_t> before_findings;
  /// Findings per rule over the whole later network.
  std::vector<std::int64_t> after_findings;
};

/// Compares two coverage reports (usually of DiffNetworks' two networks). O(orgs + units +
/// findings) of both.
/// Status: kResourceExhausted.
ORGNET_EXPORT absl::StatusOr<CoverageDiff> DiffCoverage(const CoverageReport& before,
                                                        const CoverageReport& after);

}  // namespace orgnet

#endif  // ORGNET_DIFF_H_
