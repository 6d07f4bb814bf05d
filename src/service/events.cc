// Grid events: the window's events typed once, then any grouping (place, place × category,
// place × month) in linear time. Days to resolve are put in order once by a counting sort;
// each grouping is then a stable counting sort by its key, so every group's durations come
// out ascending and the nearest-rank percentiles are read off directly.
#include "orgnet/events.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "base/date.h"
#include "base/large_memory.h"
#include "model/network_impl.h"
#include "base/text.h"
#include "territory/places.h"

namespace orgnet {

struct EventReport::Data {
  Network network;
  EventOptions options;
  std::vector<std::string> categories;
  std::int64_t outside = 0;
  // Per counted event, in file order (huge-page arrays: see model/large_memory.h).
  internal::LargeVector<Index> grid;
  internal::LargeVector<std::int32_t> category, month;
  internal::LargeVector<std::uint8_t> outcome;  // 0 grid, 1 above, 2 unknown level, 3 open
  internal::LargeVector<std::uint8_t> age;      // backlog class of an open event
  // The resolved events again, ordered by days to resolve: their grid, category, month and
  // days, so that a grouping reads them in sequence.
  internal::LargeVector<Index> resolved_grid;
  internal::LargeVector<std::int32_t> resolved_category, resolved_month, days;
};

namespace {

enum Outcome : std::uint8_t { kGrid = 0, kAbove = 1, kUnknownLevel = 2, kOpen = 3 };

// The key of an event a grouping leaves out (its place is unknown at the level).
constexpr std::size_t kSkip = std::numeric_limits<std::size_t>::max();

std::int32_t MonthOf(Date day) {
  const internal::CivilDate c = internal::CivilFromDays(day);
  return static_cast<std::int32_t>(c.year * 12 + static_cast<int>(c.month) - 1);
}

// The largest dense table (of day slots, duration buckets, place × category or place × month
// cells) kept for n events: a few times n, so that memory follows what the data holds rather
// than the span of its dates or the product of its places and categories.
std::size_t DenseLimit(std::size_t n) { return 4 * n + 4096; }

// Nearest rank: the value at rank ceil(p · n) (1-based) of n ascending values.
std::int32_t NearestRank(const std::int32_t* sorted, std::size_t n, double p) {
  std::size_t rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(n)));
  rank = std::clamp<std::size_t>(rank, 1, n);
  return sorted[rank - 1];
}

// Statistics per key, for `keys` keys; key_of(grid, category, month) gives an event's key or
// kSkip.
template <typename KeyOf>
std::vector<EventStats> Group(const EventReport::Data& d, std::size_t keys, KeyOf key_of) {
  std::vector<EventStats> stats(keys);
  const std::size_t n = d.grid.size();
  for (std::size_t e = 0; e < n; ++e) {
    const std::size_t k = key_of(d.grid[e], d.category[e], d.month[e]);
    if (k == kSkip) continue;
    EventStats& s = stats[k];
    ++s.reported;
    switch (d.outcome[e]) {
      case kGrid: ++s.resolved_grid; break;
      case kAbove: ++s.resolved_above; break;
      case kUnknownLevel: ++s.resolved_unknown; break;
      default:
        ++s.open;
        ++s.backlog[d.age[e]];
    }
  }
  // The resolved events come by days; a stable counting sort by key keeps each key's days
  // ascending.
  const std::size_t resolved = d.days.size();
  internal::LargeVector<std::uint32_t> key(resolved);
  internal::LargeVector<Index> begin(keys + 1, 0);
  for (std::size_t i = 0; i < resolved; ++i) {
    const std::size_t k = key_of(d.resolved_grid[i], d.resolved_category[i], d.resolved_month[i]);
    key[i] = k == kSkip ? kNone : static_cast<std::uint32_t>(k);
    if (k != kSkip) ++begin[k + 1];
  }
  for (std::size_t k = 0; k < keys; ++k) begin[k + 1] += begin[k];
  internal::LargeVector<std::int32_t> sorted(begin[keys]);
  internal::LargeVector<Index> fill(begin.begin(), begin.end() - 1);
  for (std::size_t i = 0; i < resolved; ++i) {
    if (key[i] != kNone) sorted[fill[key[i]]++] = d.days[i];
  }
  for (std::size_t k = 0; k < keys; ++k) {
    const std::size_t count = begin[k + 1] - begin[k];
    if (count == 0) continue;
    stats[k].median_days = NearestRank(sorted.data() + begin[k], count, 0.5);
    stats[k].p90_days = NearestRank(sorted.data() + begin[k], count, 0.9);
  }
  return stats;
}

// The position in places.rows of each grid's place at a level, or kNone.
std::vector<Index> GridSlots(const Network& network, RollUp level,
                             const internal::Places& places) {
  const Territory& t = network.territory();
  std::vector<Index> slot(network.rows(Table::kGrids));
  for (Index g = 0; g < slot.size(); ++g) {
    const Index key = internal::PlaceKey(t.grid_place(g), level);
    slot[g] = key == kNone ? kNone : places.position[key];
  }
  return slot;
}

absl::Status CheckTerritorial(RollUp level) {
  if (level == RollUp::kOrg) {
    return absl::InvalidArgumentError(
        "events roll up along the territory (grid, community, street, district), not the "
        "leadership tree");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<EventReport> EventReport::Compute(const Network& network,
                                                 const EventOptions& options) {
  for (absl::Status s : {internal::CheckDateOption(options.from, "from"),
                         internal::CheckDateOption(options.to, "to", /*exclusive_end=*/true),
                         internal::CheckDateOption(options.as_of, "as_of")}) {
    if (!s.ok()) return s;
  }
  if (options.from != kNoDate && options.to != kNoDate && options.from >= options.to) {
    return absl::InvalidArgumentError(internal::Cat(
        "empty window: from ", FormatDate(options.from), " is not before to ",
        FormatDate(options.to)));
  }
  const auto& b = options.backlog_days;
  if (!(0 < b[0] && b[0] < b[1] && b[1] < b[2])) {
    return absl::InvalidArgumentError(internal::Cat("backlog_days must be increasing and "
                                                    "positive; got ", b[0], ", ", b[1], ", ",
                                                    b[2]));
  }
  auto data = std::make_shared<Data>();
  data->network = network;
  data->options = options;
  Date as_of = options.as_of;
  if (as_of == kNoDate) as_of = network.as_of();
  if (as_of == kNoDate && options.to != kNoDate) as_of = std::max(kMinDate, options.to - 1);
  if (as_of == kNoDate) as_of = network.default_date();
  data->options.as_of = as_of;

  const auto& impl = internal::ImplOf(network);
  const Index rows = network.rows(Table::kEvents);
  const auto& grid = impl.column(Table::kEvents, col::kEventGrid).refs();
  const auto& category = impl.column(Table::kEvents, col::kEventCategory).texts();
  const auto& reported = impl.column(Table::kEvents, col::kEventReported).dates();
  const auto& resolved = impl.column(Table::kEvents, col::kEventResolved).dates();
  const auto& level = impl.column(Table::kEvents, col::kEventLevel).texts();
  // One pass types the window's events; categories get provisional numbers in order of first
  // sight, renumbered by sorted text afterwards. Months come from a table over the days seen.
  absl::flat_hash_map<std::string_view, std::int32_t> seen;
  std::vector<std::string_view> seen_names;
  Date first_day = std::numeric_limits<Date>::max(), last_day = std::numeric_limits<Date>::min();
  for (Index e = 0; e < rows; ++e) {
    const Date r = reported[e];
    if ((options.from != kNoDate && r < options.from) || (options.to != kNoDate && r >= options.to)) {
      ++data->outside;
      continue;
    }
    first_day = std::min(first_day, r);
    last_day = std::max(last_day, r);
  }
  const std::size_t n = static_cast<std::size_t>(rows - data->outside);
  data->grid.resize(n);
  data->category.resize(n);
  data->month.resize(n);
  data->outcome.resize(n);
  data->age.assign(n, 0);
  internal::LargeVector<std::int32_t> days(n);
  // Months come from a table over the days seen when that span is small beside the events
  // (a long span with few events is converted day by day: memory follows the data).
  std::vector<std::int32_t> month_of_day;
  if (n > 0 && static_cast<std::size_t>(last_day - first_day) <= DenseLimit(n)) {
    month_of_day.resize(static_cast<std::size_t>(last_day - first_day) + 1);
    for (Date d = first_day; d <= last_day; ++d) month_of_day[d - first_day] = MonthOf(d);
  }
  std::int32_t max_days = 0;
  std::size_t i = 0;
  for (Index e = 0; e < rows; ++e) {
    const Date r = reported[e];
    if ((options.from != kNoDate && r < options.from) || (options.to != kNoDate && r >= options.to)) {
      continue;
    }
    data->grid[i] = grid[e];
    auto [it, fresh] = seen.try_emplace(category[e], static_cast<std::int32_t>(seen_names.size()));
    if (fresh) seen_names.push_back(category[e]);
    data->category[i] = it->second;
    data->month[i] = month_of_day.empty() ? MonthOf(r) : month_of_day[r - first_day];
    days[i] = -1;
    if (resolved[e] == kNoDate) {
      data->outcome[i] = kOpen;
      const std::int64_t age = static_cast<std::int64_t>(as_of) - r;
      data->age[i] = age < b[0] ? 0 : age < b[1] ? 1 : age < b[2] ? 2 : 3;
    } else {
      const std::string_view l = level[e];
      data->outcome[i] = l == "grid" ? kGrid
                         : (l == "community" || l == "street" || l == "district") ? kAbove
                                                                                   : kUnknownLevel;
      // A resolution dated before the report (the format allows it) counts as 0 days.
      days[i] = std::max<std::int32_t>(0, resolved[e] - r);
      max_days = std::max(max_days, days[i]);
    }
    ++i;
  }
  // Categories by sorted text.
  std::vector<std::int32_t> order(seen_names.size()), renumber(seen_names.size());
  for (std::size_t c = 0; c < order.size(); ++c) order[c] = static_cast<std::int32_t>(c);
  std::sort(order.begin(), order.end(),
            [&](std::int32_t x, std::int32_t y) { return seen_names[x] < seen_names[y]; });
  for (std::size_t c = 0; c < order.size(); ++c) {
    renumber[order[c]] = static_cast<std::int32_t>(c);
    data->categories.emplace_back(seen_names[order[c]]);
  }
  for (std::int32_t& c : data->category) c = renumber[c];
  // Resolved events by days (ties in file order): a counting sort when the longest duration
  // is small beside the events, else a stable comparison sort.
  std::vector<Index> by_days;
  if (static_cast<std::size_t>(max_days) <= DenseLimit(n)) {
    std::vector<Index> begin(static_cast<std::size_t>(max_days) + 2, 0);
    for (std::size_t e = 0; e < n; ++e) {
      if (days[e] >= 0) ++begin[days[e] + 1];
    }
    for (std::size_t k = 0; k + 1 < begin.size(); ++k) begin[k + 1] += begin[k];
    by_days.resize(begin.back());
    for (std::size_t e = 0; e < n; ++e) {
      if (days[e] >= 0) by_days[begin[days[e]]++] = static_cast<Index>(e);
    }
  } else {
    for (std::size_t e = 0; e < n; ++e) {
      if (days[e] >= 0) by_days.push_back(static_cast<Index>(e));
    }
    std::stable_sort(by_days.begin(), by_days.end(),
                     [&](Index x, Index y) { return days[x] < days[y]; });
  }
  const std::size_t resolved_count = by_days.size();
  data->resolved_grid.resize(resolved_count);
  data->resolved_category.resize(resolved_count);
  data->resolved_month.resize(resolved_count);
  data->days.resize(resolved_count);
  for (std::size_t at = 0; at < resolved_count; ++at) {
    const Index e = by_days[at];
    data->resolved_grid[at] = data->grid[e];
    data->resolved_category[at] = data->category[e];
    data->resolved_month[at] = data->month[e];
    data->days[at] = days[e];
  }
  return EventReport(std::move(data));
}

const EventOptions& EventReport::options() const { return data_->options; }
absl::Span<const std::string> EventReport::categories() const { return data_->categories; }
std::int64_t EventReport::counted() const { return static_cast<std::int64_t>(data_->grid.size()); }
std::int64_t EventReport::outside_window() const { return data_->outside; }
const Network& EventReport::network() const { return data_->network; }

absl::StatusOr<std::vector<EventRow>> EventReport::Totals(RollUp level) const {
  if (absl::Status s = CheckTerritorial(level); !s.ok()) return s;
  const internal::Places places = internal::TerritoryPlaces(data_->network, level);
  const std::vector<Index> slot = GridSlots(data_->network, level, places);
  const auto stats = Group(*data_, places.rows.size(),
                           [&](Index grid, std::int32_t, std::int32_t) -> std::size_t {
                             const Index s = slot[grid];
                             return s == kNone ? kSkip : s;
                           });
  std::vector<EventRow> out(places.rows.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = {places.rows[i], -1, -1, stats[i]};
  return out;
}

namespace {

// Rows of a (place, sub-key) grouping with events, by place then sub-key.
template <typename SubKey>
std::vector<EventRow> Crossed(const EventReport::Data& d, RollUp level, std::int32_t sub_first,
                              std::int32_t sub_count, SubKey sub_key, bool is_category) {
  const internal::Places places = internal::TerritoryPlaces(d.network, level);
  const std::vector<Index> slot = GridSlots(d.network, level, places);
  const std::size_t width = static_cast<std::size_t>(sub_count);
  // The cell of an event: place position × width + sub-key (kSkip when unplaced).
  auto cell_of = [&](Index grid, std::int32_t category, std::int32_t month) -> std::size_t {
    const Index s = slot[grid];
    if (s == kNone) return kSkip;
    return s * width + static_cast<std::size_t>(sub_key(category, month) - sub_first);
  };
  auto row_of = [&](std::size_t cell, const EventStats& stats) {
    const auto sub = static_cast<std::int32_t>(cell % width) + sub_first;
    return EventRow{places.rows[cell / width], is_category ? sub : -1, is_category ? -1 : sub,
                    stats};
  };
  std::vector<EventRow> out;
  const std::size_t cells = places.rows.size() * width;
  if (cells <= DenseLimit(d.grid.size())) {
    const auto stats = Group(d, cells, cell_of);
    for (std::size_t k = 0; k < stats.size(); ++k) {
      if (stats[k].reported > 0) out.push_back(row_of(k, stats[k]));
    }
    return out;
  }
  // Sparse: only the cells that hold events get a key (numbered in order of first sight).
  absl::flat_hash_map<std::size_t, std::uint32_t> key_of_cell;
  std::vector<std::size_t> cell_of_key;
  for (std::size_t e = 0; e < d.grid.size(); ++e) {
    const std::size_t cell = cell_of(d.grid[e], d.category[e], d.month[e]);
    if (cell == kSkip) continue;
    if (key_of_cell.try_emplace(cell, static_cast<std::uint32_t>(cell_of_key.size())).second) {
      cell_of_key.push_back(cell);
    }
  }
  const auto stats = Group(d, cell_of_key.size(),
                           [&](Index grid, std::int32_t category, std::int32_t month) -> std::size_t {
                             const std::size_t cell = cell_of(grid, category, month);
                             return cell == kSkip ? kSkip : key_of_cell.find(cell)->second;
                           });
  std::vector<std::uint32_t> keys(cell_of_key.size());
  for (std::uint32_t k = 0; k < keys.size(); ++k) keys[k] = k;
  std::sort(keys.begin(), keys.end(),
            [&](std::uint32_t x, std::uint32_t y) { return cell_of_key[x] < cell_of_key[y]; });
  for (std::uint32_t k : keys) out.push_back(row_of(cell_of_key[k], stats[k]));
  return out;
}

}  // namespace

absl::StatusOr<std::vector<EventRow>> EventReport::ByCategory(RollUp level) const {
  if (absl::Status s = CheckTerritorial(level); !s.ok()) return s;
  if (data_->categories.empty()) return std::vector<EventRow>{};
  return Crossed(*data_, level, 0, static_cast<std::int32_t>(data_->categories.size()),
                 [](std::int32_t category, std::int32_t) { return category; }, true);
}

absl::StatusOr<std::vector<EventRow>> EventReport::ByMonth(RollUp level) const {
  if (absl::Status s = CheckTerritorial(level); !s.ok()) return s;
  if (data_->month.empty()) return std::vector<EventRow>{};
  const auto [low, high] = std::minmax_element(data_->month.begin(), data_->month.end());
  return Crossed(*data_, level, *low, *high - *low + 1,
                 [](std::int32_t, std::int32_t month) { return month; }, false);
}

std::vector<HotSpot> EventReport::HotSpots(std::size_t limit) const {
  const Network& net = data_->network;
  const Territory& t = net.territory();
  const Index grids = net.rows(Table::kGrids);
  const auto& households = internal::ImplOf(net).column(Table::kGrids, col::kGridHouseholds).ints();
  const std::size_t k = data_->categories.size();
  if (k == 0) return {};
  // Events per (grid, category): a dense table when grids × categories is small beside the
  // events, else only the pairs that occur; visited by grid, then category.
  std::vector<std::pair<std::size_t, std::uint32_t>> pairs;  // (grid · k + category, events)
  const std::size_t cells = static_cast<std::size_t>(grids) * k;
  if (cells <= DenseLimit(data_->grid.size())) {
    std::vector<std::uint32_t> events(cells, 0);
    for (std::size_t e = 0; e < data_->grid.size(); ++e) {
      ++events[static_cast<std::size_t>(data_->grid[e]) * k + data_->category[e]];
    }
    for (std::size_t c = 0; c < cells; ++c) {
      if (events[c] > 0) pairs.emplace_back(c, events[c]);
    }
  } else {
    absl::flat_hash_map<std::size_t, std::uint32_t> events;
    for (std::size_t e = 0; e < data_->grid.size(); ++e) {
      ++events[static_cast<std::size_t>(data_->grid[e]) * k + data_->category[e]];
    }
    pairs.assign(events.begin(), events.end());
    std::sort(pairs.begin(), pairs.end());
  }
  // Per street, over every grid of the street whose household count is known (0 included):
  // the households, and the events per category reported in those grids.
  auto known = [&](Index g) { return households[g] != kNoInteger; };
  absl::flat_hash_map<Index, std::int64_t> street_households;
  for (Index g = 0; g < grids; ++g) {
    const Index s = t.grid_place(g).street;
    if (IsRow(s) && known(g)) street_households[s] += households[g];
  }
  absl::flat_hash_map<std::pair<Index, std::size_t>, std::uint64_t> street_events;
  for (const auto& [cell, count] : pairs) {
    const Index g = static_cast<Index>(cell / k);
    const Index s = t.grid_place(g).street;
    if (IsRow(s) && known(g)) street_events[{s, cell % k}] += count;
  }
  // Candidates need the minimum count and a positive household count of their own, so the
  // street's households and events (which include theirs) are positive too.
  const std::uint32_t min_events =
      static_cast<std::uint32_t>(std::max(1, data_->options.hot_spot_min_events));
  std::vector<HotSpot> out;
  for (const auto& [cell, count] : pairs) {
    const Index g = static_cast<Index>(cell / k);
    const std::size_t c = cell % k;
    const Index s = t.grid_place(g).street;
    // A grid whose street is unknown or outside a view's scope has no street rate to beat.
    if (count < min_events || !IsRow(s) || !known(g) || households[g] <= 0) continue;
    const double rate = 100.0 * count / static_cast<double>(households[g]);
    const double street_rate = 100.0 * static_cast<double>(street_events[{s, c}]) /
                               static_cast<double>(street_households[s]);
    out.push_back({g, static_cast<std::int32_t>(c), count, households[g], rate, street_rate,
                   rate / street_rate});
  }
  std::sort(out.begin(), out.end(), [](const HotSpot& x, const HotSpot& y) {
    if (x.score != y.score) return x.score > y.score;
    if (x.events != y.events) return x.events > y.events;
    if (x.grid != y.grid) return x.grid < y.grid;
    return x.category < y.category;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace orgnet
