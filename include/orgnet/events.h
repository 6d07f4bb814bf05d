/// @file events.h
/// @brief Grid events (网格事件: "needs found in the grid, problems solved in the grid"):
/// counts, where they were resolved, how fast, the open backlog, hot spots and monthly trends,
/// rolled up along the territory.
#ifndef ORGNET_EVENTS_H_
#define ORGNET_EVENTS_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "orgnet/network.h"
#include "orgnet/orgnet_export.h"
#include "orgnet/rollup.h"
#include "orgnet/schema.h"

namespace orgnet {

/// Which events count, and the day open ones are aged to.
struct EventOptions {
  Date from = kNoDate;   ///< events reported on or after this day; kNoDate: no lower bound
  Date to = kNoDate;     ///< events reported before this day; kNoDate: no upper bound
  /// The day open events' ages are measured to. kNoDate: the dataset's as_of, else the day
  /// before `to`, else Network::default_date() (the dataset's latest date).
  Date as_of = kNoDate;
  /// Upper bounds (exclusive, in days) of the first three backlog age classes; the fourth
  /// class holds the older ones. Default: under a week, under 30 days, under 90 days, older.
  std::array<int, 3> backlog_days = {7, 30, 90};
  /// A grid and category is a hot spot candidate only with at least this many events.
  int hot_spot_min_events = 3;
};

/// Event figures of one place (and category or month).
struct EventStats {
  std::uint32_t reported = 0;          ///< events reported in the window
  std::uint32_t resolved_grid = 0;     ///< of those, resolved at grid level
  std::uint32_t resolved_above = 0;    ///< resolved at community, street or district level
  std::uint32_t resolved_unknown = 0;  ///< resolved, with an empty or other level
  std::uint32_t open = 0;              ///< not resolved (no `resolved` date)
  /// Days from report to resolution, nearest-rank median (the value at rank ⌈n/2⌉ of the n
  /// resolved events in ascending order); -1 when none is resolved.
  std::int32_t median_days = -1;
  std::int32_t p90_days = -1;  ///< nearest-rank 90th percentile (rank ⌈0.9·n⌉); -1 when none
  /// Open events by age on as_of: the classes of EventOptions::backlog_days.
  std::array<std::uint32_t, 4> backlog{};
};

/// One row of an event table.
struct EventRow {
  Index place;            ///< grid row for RollUp::kGrid, else the territory org's row
  std::int32_t category;  ///< index into EventReport::categories(), or -1 for all categories
  std::int32_t month;     ///< year · 12 + (month − 1), or -1 for the whole window
  EventStats stats;       ///< the figures
};

/// A grid and category where events concentrate, relative to the grid's street.
struct HotSpot {
  Index grid;              ///< grid row
  std::int32_t category;   ///< index into EventReport::categories()
  std::uint32_t events;    ///< events of the category reported in the grid
  std::int64_t households; ///< the grid's households
  double rate;             ///< events per 100 households in the grid
  double street_rate;      ///< the same rate over the street's grids with known households
  double score;            ///< rate / street_rate
};

/// The grid events of a network over a window. Immutable; safe to read from many threads.
/// Tables are computed per call in time linear in the events counted.
class ORGNET_EXPORT EventReport {
 public:
  /// Analyses @p network's events under @p options; kInvalidArgument when from >= to or the
  /// backlog bounds are not increasing and positive.
  static absl::StatusOr<EventReport> Compute(const Network& network,
                                             const EventOptions& options = {});

  /// The options, with as_of resolved.
  const EventOptions& options() const;
  /// The event categories seen in the window, sorted (byte order).
  absl::Span<const std::string> categories() const;
  /// Events counted (reported in the window).
  std::int64_t counted() const;
  /// Events outside the window.
  std::int64_t outside_window() const;

  /// Per place of a territorial level (kOrg: kInvalidArgument): every grid, or every org of the
  /// level's kind or named as such a place; ascending.
  absl::StatusOr<std::vector<EventRow>> Totals(RollUp level) const;
  /// Per place and category, only pairs with events; by place, then category.
  absl::StatusOr<std::vector<EventRow>> ByCategory(RollUp level) const;
  /// Per place and month of report, only pairs with events; by place, then month.
  absl::StatusOr<std::vector<EventRow>> ByMonth(RollUp level) const;
  /// Hot spots: (grid, category) pairs with at least hot_spot_min_events events, a known
  /// positive household count and a known street whose rate is positive, by score
  /// (descending), then events (descending), grid row, category; at most @p limit.
  std::vector<HotSpot> HotSpots(std::size_t limit = 20) const;

  /// The network.
  const Network& network() const;

  /// Opaque data (for the library's own layers).
  struct Data;

 private:
  explicit EventReport(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
};

}  // namespace orgnet

#endif  // ORGNET_EVENTS_H_
