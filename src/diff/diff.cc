// Two networks compared row by row: rows are matched by identity through hash lookups, then
// the matched pairs are compared cell by cell in chunks on two threads, so the whole diff is
// linear in the rows of both.
#include "orgnet/diff.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <new>
#include <optional>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "base/parallel.h"
#include "base/progress_meter.h"
#include "orgnet/territory.h"

namespace orgnet {
namespace {

constexpr Index kChunkRows = 1 << 15;

// A column both networks hold and compare: its position in each, and how its cells compare.
struct ColumnPair {
  int before;
  int after;
  ColumnType type;  // its type in both
  bool as_text;     // the types differ (an extra column typed apart): compare the cell text
};

// True when the cell (row @p b of @p before, column pair.before) equals the cell (row @p a of
// @p after, column pair.after). Values are compared first: equal values are equal cells (an
// empty cell has one value per type), and only unequal ones ask whether both are empty (a
// real's empty value is NaN). @p target_match (references only): for every row of the referred
// table of the later network, its earlier row matched by id; two references are equal when
// they refer to rows of one id, an integer test.
bool SameCell(const Network& before, const Network& after, Table table, Index b, Index a,
              const ColumnPair& pair, const std::vector<Index>* target_match) {
  bool same = true;
  switch (pair.type) {
    case ColumnType::kId:
    case ColumnType::kText:
      same = before.text(table, b, pair.before) == after.text(table, a, pair.after);
      break;
    case ColumnType::kRef: {
      const Index rb = before.ref(table, b, pair.before);
      const Index ra = after.ref(table, a, pair.after);
      same = IsRow(ra) && IsRow(rb) ? (*target_match)[ra] == rb : ra == rb;
      break;
    }
    case ColumnType::kDate:
      same = before.date(table, b, pair.before) == after.date(table, a, pair.after);
      break;
    case ColumnType::kInteger:
      same = before.integer(table, b, pair.before) == after.integer(table, a, pair.after);
      break;
    case ColumnType::kReal:
      same = before.real(table, b, pair.before) == after.real(table, a, pair.after);
      break;
    case ColumnType::kFlag:
      same = before.flag(table, b, pair.before) == after.flag(table, a, pair.after);
      break;
    case ColumnType::kStatus:
      same = before.status(table, b, pair.before) == after.status(table, a, pair.after);
      break;
  }
  if (same) return true;
  return before.is_empty(table, b, pair.before) && after.is_empty(table, a, pair.after);
}

// The identity of a link ({a, b}, kind, since) or a fund (org, source, year) in terms of the
// earlier network: org rows of the earlier network (a later org through the orgs' match), the
// kind or source text, the date or year (empty: the lowest value).
struct Identity {
  Index a;
  Index b;
  std::string_view text;
  std::int64_t value;
  friend bool operator==(const Identity&, const Identity&) = default;
  template <typename H>
  friend H AbslHashValue(H h, const Identity& k) {
    return H::combine(std::move(h), k.a, k.b, k.text, k.value);
  }
};

// @p org_row maps the network's org rows to the rows the identity is stated in.
template <typename OrgRow>
Identity IdentityOf(const Network& net, Table table, Index row, OrgRow org_row) {
  auto org = [&](int column) {
    const Index r = net.ref(table, row, column);
    return IsRow(r) ? org_row(r) : r;
  };
  constexpr std::int64_t kEmpty = std::numeric_limits<std::int64_t>::min();
  if (table == Table::kLinks) {
    Index a = org(col::kLinkA);
    Index b = org(col::kLinkB);
    if (b < a) std::swap(a, b);
    return {a, b, net.text(table, row, col::kLinkKind),
            net.is_empty(table, row, col::kLinkSince) ? kEmpty
                                                      : net.date(table, row, col::kLinkSince)};
  }
  return {org(col::kFundOrg), kNone, net.text(table, row, col::kFundSource),
          net.is_empty(table, row, col::kFundYear) ? kEmpty
                                                   : net.integer(table, row, col::kFundYear)};
}

// For every later row: the earlier row it is matched with, or kNone.
class Matcher {
 public:
  Matcher(const Network& before, const Network& after, Table table, TableDiff& diff)
      : before_(before), after_(after), table_(table), diff_(diff) {}

  // Rows of tables with an id column, chunk by chunk (any thread).
  void MatchIds(Index first, Index last, std::vector<Index>& match) const {
    const Index before_rows = before_.rows(table_);
    // Two versions of a dataset mostly keep their rows in order: the row after the last one
    // matched is tried first (a string compare), the hash lookup only when it is not the one.
    Index next = first;
    for (Index a = first; a < last; ++a) {
      const std::string_view id = after_.id(table_, a);
      if (next < before_rows && before_.id(table_, next) == id) {
        match[a] = next++;
        continue;
      }
      const std::optional<Index> b = before_.Find(table_, id);
      match[a] = b.value_or(kNone);
      if (b.has_value()) next = *b + 1;
    }
  }

  // Links and funds: the k-th earlier row of an identity with its k-th later row. After the
  // orgs are matched (@p org_match), so that identities are integers and a text code.
  void MatchKeys(const std::vector<Index>& org_match, std::vector<Index>& match) {
    const Index before_rows = before_.rows(table_);
    auto same_row = [](Index r) { return r; };
    // Per identity its first and last earlier row, and per row the next of its identity.
    absl::flat_hash_map<Identity, std::pair<Index, Index>> rows_of;
    std::vector<Index> next(before_rows, kNone);
    rows_of.reserve(before_rows);
    for (Index b = 0; b < before_rows; ++b) {
      auto [it, inserted] = rows_of.try_emplace(IdentityOf(before_, table_, b, same_row), b, b);
      if (!inserted) {
        next[it->second.second] = b;
        it->second.second = b;
        ++diff_.duplicates_before;
      }
      if ((b & 4095) == 0) internal::ProgressMeter::PollCurrent();
    }
    // The first row becomes the identity's cursor: the earlier row the next later row takes.
    // A later org with no earlier counterpart maps to a value no earlier row or marker holds,
    // so that its links and funds match nothing.
    constexpr Index kUnmatched = kOutside - 1;
    auto to_before = [&](Index r) { return org_match[r] == kNone ? kUnmatched : org_match[r]; };
    absl::flat_hash_set<Identity> seen_after;
    seen_after.reserve(after_.rows(table_));
    for (Index a = 0; a < after_.rows(table_); ++a) {
      if (!seen_after.insert(IdentityOf(after_, table_, a, same_row)).second) {
        ++diff_.duplicates_after;
      }
      const auto it = rows_of.find(IdentityOf(after_, table_, a, to_before));
      if (it != rows_of.end() && it->second.first != kNone) {
        match[a] = it->second.first;
        it->second.first = next[it->second.first];
      }
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
  // A format column a file lacks reads as empty: it counts as added or removed, like an extra
  // column, rather than as a change of every row.
  for (int a = 0; a < after.column_count(table); ++a) {
    const std::string_view name = after.column_name(table, a);
    const std::optional<int> b = before.FindColumn(table, name);
    const bool in_before = b.has_value() && before.has_column(table, *b);
    if (!after.has_column(table, a)) continue;
    if (!in_before) {
      diff.columns_added.emplace_back(name);
    } else if (!before.is_masked(table, *b) && !after.is_masked(table, a)) {
      const ColumnType type = after.column_type(table, a);
      pairs.push_back({*b, a, type, before.column_type(table, *b) != type});
    }
  }
  for (int b = 0; b < before.column_count(table); ++b) {
    if (!before.has_column(table, b)) continue;
    const std::string_view name = before.column_name(table, b);
    const std::optional<int> a = after.FindColumn(table, name);
    if (!a.has_value() || !after.has_column(table, *a)) diff.columns_removed.emplace_back(name);
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
    // Units of work: matching a later row (links and funds also index every earlier row
    // first), then comparing it.
    std::uint64_t total = 0;
    for (int t = 0; t < kTableCount; ++t) {
      const auto table = static_cast<Table>(t);
      total += 2ull * after.rows(table) +
               (GetTableSpec(table).id_column < 0 ? before.rows(table) : 0);
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
    // Phase 1: rows with ids by chunks, then (needing the orgs' match) links and funds.
    for (const bool keyed : {false, true}) {
      internal::RunParallel(tasks.size(), 2, [&](std::size_t i) {
        const Task task = tasks[i];
        if (meter.cancelled() || (task.first == kNone) != keyed) return;
        Matcher matcher(before, after, work[task.table].table, diff.tables[task.table]);
        if (keyed) {
          matcher.MatchKeys(work[static_cast<int>(Table::kOrgs)].match, work[task.table].match);
          meter.Add(before.rows(work[task.table].table) + after.rows(work[task.table].table));
        } else {
          const Index last = chunk_end(task.table, task.first);
          matcher.MatchIds(task.first, last, work[task.table].match);
          meter.Add(last - task.first);
        }
        meter.Poll();
      });
    }
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
      // Per compared column, the referred table's match (references only), found once.
      std::vector<const std::vector<Index>*> target_match;
      for (const ColumnPair& pair : w.columns) {
        target_match.push_back(
            pair.type == ColumnType::kRef
                ? &work[static_cast<int>(GetTableSpec(w.table).columns[pair.after].target)].match
                : nullptr);
      }
      std::vector<int> differing;  // ascending: the pairs are in the later network's order
      for (Index a = task.first; a < last; ++a) {
        const Index b = w.match[a];
        if (b == kNone) continue;
        differing.clear();
        for (std::size_t k = 0; k < w.columns.size(); ++k) {
          const ColumnPair& pair = w.columns[k];
          const bool same = pair.as_text ? before.CellText(w.table, b, pair.before) ==
                                               after.CellText(w.table, a, pair.after)
                                         : SameCell(before, after, w.table, b, a, pair,
                                                    target_match[k]);
          if (!same) differing.push_back(pair.after);
        }
        if (differing.empty()) {
          ++unchanged;
        } else {
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
