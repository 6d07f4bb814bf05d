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
#include "model/date.h"
#include "model/large_memory.h"
#include "model/network_impl.h"
#include "model/text.h"
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
  if (as_of == kNoDate && options.to != kNoDate) as_of = options.to - 1;
  if (as_of == kNoDate) as_of = internal::Today();
  data->options.as_of = as_of;

  const auto& impl = network.impl();
  const Index rows = network.rows(Table::kEvents);
  const auto& grid = impl.column(Table::kEvents, col::kEventGrid).refs;
  const auto& category = impl.column(Table::kEvents, col::kEventCategory).text;
  const auto& reported = impl.column(Table::kEvents, col::kEventReported).dates;
  const auto& resolved = impl.column(Table::kEvents, col::kEventResolved).dates;
  const auto& level = impl.column(Table::kEvents, col::kEventLevel).text;
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
  std::vector<std::int32_t> month_of_day;
  if (n > 0) {
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
    data->month[i] = month_of_day[r - first_day];
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
  // Resolved events by days, by a counting sort.
  std::vector<Index> begin(static_cast<std::size_t>(max_days) + 2, 0);
  for (std::size_t e = 0; e < n; ++e) {
    if (days[e] >= 0) ++begin[days[e] + 1];
  }
  for (std::size_t k = 0; k + 1 < begin.size(); ++k) begin[k + 1] += begin[k];
  const std::size_t resolved_count = begin.back();
  data->resolved_grid.resize(resolved_count);
  data->resolved_category.resize(resolved_count);
  data->resolved_month.resize(resolved_count);
  data->days.resize(resolved_count);
  for (std::size_t e = 0; e < n; ++e) {
    if (days[e] < 0) continue;
    const Index at = begin[days[e]]++;
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
  const auto stats = Group(d, places.rows.size() * width,
                           [&](Index grid, std::int32_t category, std::int32_t month) -> std::size_t {
                             const Index s = slot[grid];
                             if (s == kNone) return kSkip;
                             return s * width +
                                    static_cast<std::size_t>(sub_key(category, month) - sub_first);
                           });
  std::vector<EventRow> out;
  for (std::size_t k = 0; k < stats.size(); ++k) {
    if (stats[k].reported == 0) continue;
    const auto sub = static_cast<std::int32_t>(k % width) + sub_first;
    out.push_back({places.rows[k / width], is_category ? sub : -1, is_category ? -1 : sub,
                   stats[k]});
  }
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
  const auto& households = net.impl().column(Table::kGrids, col::kGridHouseholds).ints;
  const std::size_t k = data_->categories.size();
  if (k == 0) return {};
  // Events per (grid, category); per street: households and events per category, over the
  // grids with a known positive household count.
  std::vector<std::uint32_t> events(static_cast<std::size_t>(grids) * k, 0);
  for (std::size_t e = 0; e < data_->grid.size(); ++e) {
    ++events[static_cast<std::size_t>(data_->grid[e]) * k + data_->category[e]];
  }
  auto known = [&](Index g) { return households[g] != kNoInteger && households[g] > 0; };
  absl::flat_hash_map<Index, std::int64_t> street_households;
  absl::flat_hash_map<Index, std::vector<std::uint64_t>> street_events;
  for (Index g = 0; g < grids; ++g) {
    const Index s = t.grid_place(g).street;
    if (s == kNone || !known(g)) continue;
    street_households[s] += households[g];
    auto& per = street_events[s];
    per.resize(k, 0);
    for (std::size_t c = 0; c < k; ++c) per[c] += events[static_cast<std::size_t>(g) * k + c];
  }
  std::vector<HotSpot> out;
  for (Index g = 0; g < grids; ++g) {
    const Index s = t.grid_place(g).street;
    if (s == kNone || !known(g)) continue;
    const double h = static_cast<double>(households[g]);
    const double street_h = static_cast<double>(street_households[s]);
    for (std::size_t c = 0; c < k; ++c) {
      const std::uint32_t count = events[static_cast<std::size_t>(g) * k + c];
      if (count < static_cast<std::uint32_t>(std::max(1, data_->options.hot_spot_min_events))) {
        continue;
      }
      const double rate = 100.0 * count / h;
      const double street_rate = 100.0 * static_cast<double>(street_events[s][c]) / street_h;
      out.push_back({g, static_cast<std::int32_t>(c), count, households[g], rate, street_rate,
                     rate / street_rate});
    }
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
