// Two networks compared row by row: rows are matched by identity through hash lookups, then
// the matched pairs are compared cell by cell in chunks on two threads, so the whole diff is
// linear in the rows of both.
#include "orgnet/diff.h"

#include <algorithm>
#include <cmath>
#include <new>
#include <optional>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "model/parallel.h"
#include "model/progress_meter.h"
#include "orgnet/territory.h"

namespace orgnet {
namespace {

constexpr Index kChunkRows = 1 << 15;
constexpr std::string_view kOutsideText = "~outside";

// A shared column: its position in each network and whether it is compared at all.
struct ColumnPair {
  int before;
  int after;
};

std::string_view RefText(const Network& net, Table target, Index row) {
  if (row == kOutside) return kOutsideText;
  if (!IsRow(row)) return {};
  return net.id(target, row);
}

// True when the cell (row @p b of @p before, column @p cb) equals the cell of @p after.
bool SameCell(const Network& before, const Network& after, Table table, Index b, Index a,
              const ColumnPair& pair) {
  const bool empty_b = before.is_empty(table, b, pair.before);
  const bool empty_a = after.is_empty(table, a, pair.after);
  if (empty_b || empty_a) return empty_b == empty_a;
  const ColumnType type = after.column_type(table, pair.after);
  if (before.column_type(table, pair.before) != type) {
    return before.CellText(table, b, pair.before) == after.CellText(table, a, pair.after);
  }
  switch (type) {
    case ColumnType::kId:
    case ColumnType::kText:
      return before.text(table, b, pair.before) == after.text(table, a, pair.after);
    case ColumnType::kRef: {
      const Table target = GetTableSpec(table).columns[pair.after].target;
      return RefText(before, target, before.ref(table, b, pair.before)) ==
             RefText(after, target, after.ref(table, a, pair.after));
    }
    case ColumnType::kDate:
      return before.date(table, b, pair.before) == after.date(table, a, pair.after);
    case ColumnType::kInteger:
      return before.integer(table, b, pair.before) == after.integer(table, a, pair.after);
    case ColumnType::kReal:
      return before.real(table, b, pair.before) == after.real(table, a, pair.after);
    case ColumnType::kFlag:
      return before.flag(table, b, pair.before) == after.flag(table, a, pair.after);
    case ColumnType::kStatus:
      return before.status(table, b, pair.before) == after.status(table, a, pair.after);
  }
  return true;
}

// The identity of a link or fund row as one string (ids and codes are separated by a byte
// that no UTF-8 text holds).
std::string KeyOf(const Network& net, Table table, Index row) {
  constexpr char kSeparator = '\xff';
  std::string key;
  auto add = [&](std::string_view part) {
    key.append(part);
    key.push_back(kSeparator);
  };
  if (table == Table::kLinks) {
    std::string_view a = RefText(net, Table::kOrgs, net.ref(table, row, col::kLinkA));
    std::string_view b = RefText(net, Table::kOrgs, net.ref(table, row, col::kLinkB));
    if (b < a) std::swap(a, b);
    add(a);
    add(b);
    add(net.text(table, row, col::kLinkKind));
    add(net.is_empty(table, row, col::kLinkSince)
            ? std::string("-")
            : std::to_string(net.date(table, row, col::kLinkSince)));
    return key;
  }
  add(RefText(net, Table::kOrgs, net.ref(table, row, col::kFundOrg)));
  add(net.text(table, row, col::kFundSource));
  add(net.is_empty(table, row, col::kFundYear)
          ? std::string("-")
          : std::to_string(net.integer(table, row, col::kFundYear)));
  return key;
}

// For every later row: the earlier row it is matched with, or kNone.
class Matcher {
 public:
  Matcher(const Network& before, const Network& after, Table table, TableDiff& diff)
      : before_(before), after_(after), table_(table), diff_(diff) {}

  // Rows of tables with an id column, chunk by chunk (any thread).
  void MatchIds(Index first, Index last, std::vector<Index>& match) const {
    for (Index a = first; a < last; ++a) {
      const std::optional<Index> b = before_.Find(table_, after_.id(table_, a));
      match[a] = b.value_or(kNone);
    }
  }

  // Links and funds: the k-th earlier row of an identity with its k-th later row.
  void MatchKeys(std::vector<Index>& match) {
    absl::flat_hash_map<std::string, std::vector<Index>> rows_of;
    const Index before_rows = before_.rows(table_);
    rows_of.reserve(before_rows);
    for (Index b = 0; b < before_rows; ++b) {
      std::vector<Index>& rows = rows_of[KeyOf(before_, table_, b)];
      if (!rows.empty()) ++diff_.duplicates_before;
      rows.push_back(b);
      if ((b & 4095) == 0) internal::ProgressMeter::PollCurrent();
    }
    absl::flat_hash_map<std::string, std::size_t> seen_after;
    for (Index a = 0; a < after_.rows(table_); ++a) {
      std::string key = KeyOf(after_, table_, a);
      std::size_t& count = seen_after[key];
      if (count > 0) ++diff_.duplicates_after;
      const auto it = rows_of.find(key);
      match[a] = it != rows_of.end() && count < it->second.size() ? it->second[count] : kNone;
      ++count;
      if ((a & 4095) == 0) internal::ProgressMeter::PollCurrent();
    }
  }

 private:
  const Network& before_;
  const Network& after_;
  Table table_;
  TableDiff& diff_;
};

struct TableWork {
  Table table;
  std::vector<ColumnPair> columns;  // compared columns
  std::vector<Index> match;         // per later row
  // Per chunk of later rows: its changed rows and how many matched rows were equal.
  std::vector<std::vector<RowChange>> changed;
  std::vector<Index> unchanged;
};

std::vector<ColumnPair> PairColumns(const Network& before, const Network& after, Table table,
                                    TableDiff& diff) {
  std::vector<ColumnPair> pairs;
  if (!before.has_table(table) || !after.has_table(table)) return pairs;
  for (int a = 0; a < after.column_count(table); ++a) {
    const std::string_view name = after.column_name(table, a);
    const std::optional<int> b = before.FindColumn(table, name);
    if (!b.has_value()) {
      diff.columns_added.emplace_back(name);
    } else if (!before.is_masked(table, *b) && !after.is_masked(table, a)) {
      pairs.push_back({*b, a});
    }
  }
  for (int b = 0; b < before.column_count(table); ++b) {
    const std::string_view name = before.column_name(table, b);
    if (!after.FindColumn(table, name).has_value()) diff.columns_removed.emplace_back(name);
  }
  return pairs;
}

}  // namespace

bool NetworkDiff::empty() const {
  for (const TableDiff& t : tables) {
    if (!t.added.empty() || !t.removed.empty() || !t.changed.empty() ||
        !t.columns_added.empty() || !t.columns_removed.empty()) {
      return false;
    }
  }
  return true;
}

absl::StatusOr<NetworkDiff> DiffNetworks(const Network& before, const Network& after) {
  try {
    std::uint64_t total = 0;
    for (int t = 0; t < kTableCount; ++t) {
      total += before.rows(static_cast<Table>(t)) + 2ull * after.rows(static_cast<Table>(t));
    }
    internal::ProgressMeter meter("diff", total);
    NetworkDiff diff;
    std::vector<TableWork> work(kTableCount);
    // (table, first row) tasks of each phase, so that the members' millions of rows are
    // shared by both threads rather than making one table the whole run.
    struct Task {
      int table;
      Index first;
    };
    std::vector<Task> tasks;
    for (int t = 0; t < kTableCount; ++t) {
      const auto table = static_cast<Table>(t);
      diff.tables[t].table = table;
      work[t].table = table;
      work[t].columns = PairColumns(before, after, table, diff.tables[t]);
      work[t].match.assign(after.rows(table), kNone);
      const Index chunks = (after.rows(table) + kChunkRows - 1) / kChunkRows;
      work[t].changed.resize(chunks);
      work[t].unchanged.assign(chunks, 0);
      if (GetTableSpec(table).id_column < 0) {
        tasks.push_back({t, kNone});  // one task: the key match is one pass
      } else {
        for (Index c = 0; c < chunks; ++c) tasks.push_back({t, c * kChunkRows});
      }
    }
    auto chunk_end = [&](int t, Index first) {
      return std::min<Index>(first + kChunkRows, after.rows(static_cast<Table>(t)));
    };
    internal::RunParallel(tasks.size(), 2, [&](std::size_t i) {
      const Task task = tasks[i];
      if (meter.cancelled()) return;
      Matcher matcher(before, after, work[task.table].table, diff.tables[task.table]);
      if (task.first == kNone) {
        matcher.MatchKeys(work[task.table].match);
        meter.Add(before.rows(work[task.table].table) + after.rows(work[task.table].table));
      } else {
        const Index last = chunk_end(task.table, task.first);
        matcher.MatchIds(task.first, last, work[task.table].match);
        meter.Add(last - task.first);
      }
      meter.Poll();
    });
    if (meter.cancelled()) return meter.Cancelled();
    // Phase 2: the cells of matched pairs, chunk by chunk.
    tasks.clear();
    for (int t = 0; t < kTableCount; ++t) {
      for (Index c = 0; c < work[t].changed.size(); ++c) tasks.push_back({t, c * kChunkRows});
    }
    internal::RunParallel(tasks.size(), 2, [&](std::size_t i) {
      const Task task = tasks[i];
      if (meter.cancelled()) return;
      TableWork& w = work[task.table];
      const Index last = chunk_end(task.table, task.first);
      std::vector<RowChange>& changed = w.changed[task.first / kChunkRows];
      Index& unchanged = w.unchanged[task.first / kChunkRows];
      std::vector<int> differing;
      for (Index a = task.first; a < last; ++a) {
        const Index b = w.match[a];
        if (b == kNone) continue;
        differing.clear();
        for (const ColumnPair& pair : w.columns) {
          if (!SameCell(before, after, w.table, b, a, pair)) differing.push_back(pair.after);
        }
        if (differing.empty()) {
          ++unchanged;
        } else {
          std::sort(differing.begin(), differing.end());
          changed.push_back({b, a, differing});
        }
      }
      meter.Add(last - task.first);
      meter.Poll();
    });
    if (meter.cancelled()) return meter.Cancelled();
    for (int t = 0; t < kTableCount; ++t) {
      const auto table = static_cast<Table>(t);
      TableDiff& d = diff.tables[t];
      TableWork& w = work[t];
      std::vector<bool> matched(before.rows(table), false);
      for (Index a = 0; a < w.match.size(); ++a) {
        if (w.match[a] == kNone) {
          d.added.push_back(a);
        } else {
          matched[w.match[a]] = true;
        }
      }
      for (Index b = 0; b < matched.size(); ++b) {
        if (!matched[b]) d.removed.push_back(b);
      }
      for (std::vector<RowChange>& chunk : w.changed) {
        for (RowChange& change : chunk) d.changed.push_back(std::move(change));
      }
      for (const Index n : w.unchanged) d.unchanged += n;
    }
    if (absl::Status status = meter.Finish(); !status.ok()) return status;
    return diff;
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("diff: out of memory");
  }
}

namespace {

// One roll-up level's places of both reports, by id.
void AddPlaces(const CoverageReport& before, const CoverageReport& after, RollUp level,
               std::vector<PlaceDelta>& out) {
  const std::size_t rules = CoverageReport::rules().size();
  // Keys view the networks' ids, which outlive this function.
  absl::flat_hash_map<std::string_view, std::size_t> index;
  std::vector<PlaceDelta> places;
  auto slot = [&](std::string_view id) -> PlaceDelta& {
    auto [it, inserted] = index.try_emplace(id, places.size());
    if (inserted) {
      PlaceDelta p;
      p.level = level;
      p.id = std::string(id);
      p.before_row = kNone;
      p.after_row = kNone;
      p.before_rates.fill(std::nan(""));
      p.after_rates.fill(std::nan(""));
      p.before_findings.assign(rules, 0);
      p.after_findings.assign(rules, 0);
      places.push_back(std::move(p));
    }
    return places[it->second];
  };
  auto fill = [&](const CoverageReport& report, bool is_after) {
    const Network& net = report.network();
    const absl::Span<const Index> rows = report.rows(level);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (!IsRow(rows[i])) continue;
      PlaceDelta& p = slot(net.org_id(rows[i]));
      (is_after ? p.after_row : p.before_row) = rows[i];
      if (is_after || p.name.empty()) p.name = std::string(net.org_name(rows[i]));
      for (int r = 0; r < kRateCount; ++r) {
        (is_after ? p.after_rates : p.before_rates)[r] =
            report.rate(level, static_cast<Rate>(r))[i];
      }
    }
    const Territory& territory = net.territory();
    for (const Finding& f : report.findings()) {
      const Place place = territory.place(f.table, f.row);
      const Index org = level == RollUp::kStreet ? place.street : place.district;
      if (!IsRow(org)) continue;
      const auto it = index.find(net.org_id(org));
      if (it == index.end()) continue;
      PlaceDelta& p = places[it->second];
      ++(is_after ? p.after_findings : p.before_findings)[f.rule];
    }
  };
  fill(before, false);
  fill(after, true);
  std::sort(places.begin(), places.end(),
            [](const PlaceDelta& x, const PlaceDelta& y) { return x.id < y.id; });
  for (PlaceDelta& p : places) out.push_back(std::move(p));
}

bool Covered(UnitCoverage c) { return c == UnitCoverage::kOwn || c == UnitCoverage::kJoint; }

}  // namespace

absl::StatusOr<CoverageDiff> DiffCoverage(const CoverageReport& before,
                                          const CoverageReport& after) {
  try {
    CoverageDiff diff;
    AddPlaces(before, after, RollUp::kDistrict, diff.places);
    AddPlaces(before, after, RollUp::kStreet, diff.places);
    const std::size_t rules = CoverageReport::rules().size();
    diff.before_findings.assign(rules, 0);
    diff.after_findings.assign(rules, 0);
    for (const Finding& f : before.findings()) ++diff.before_findings[f.rule];
    for (const Finding& f : after.findings()) ++diff.after_findings[f.rule];
    const Network& nb = before.network();
    const Network& na = after.network();
    const absl::Span<const UnitCoverage> cov_b = before.unit_coverage();
    const absl::Span<const UnitCoverage> cov_a = after.unit_coverage();
    for (Index a = 0; a < na.rows(Table::kUnits); ++a) {
      if (!after.unit_counted(a)) continue;
      const std::optional<Index> b = nb.Find(Table::kUnits, na.id(Table::kUnits, a));
      if (!b.has_value() || !before.unit_counted(*b)) continue;
      if (Covered(cov_b[*b]) != Covered(cov_a[a])) {
        diff.moved.push_back({std::string(na.id(Table::kUnits, a)), *b, a, cov_b[*b], cov_a[a]});
      }
    }
    std::sort(diff.moved.begin(), diff.moved.end(),
              [](const UnitMove& x, const UnitMove& y) { return x.id < y.id; });
    return diff;
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("coverage diff: out of memory");
  }
}

}  // namespace orgnet
