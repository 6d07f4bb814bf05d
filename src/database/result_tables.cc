#include "database/result_tables.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <tuple>
#include <utility>
#include <vector>

#include "base/progress_meter.h"
#include "base/text.h"

namespace orgnet::internal {
namespace {

// Small pieces keep the client and the server busy at once: a piece waits in the socket's
// buffer while the next is formatted (1 MiB pieces made each side wait for the other: 30%
// slower on the city).
constexpr std::size_t kPieceBytes = std::size_t{1} << 16;

constexpr ResultColumn kRuns[] = {
    {"run_key", "text"},        {"written_at", "timestamp with time zone"},
    {"orgnet_version", "text"}, {"as_of", "date"},
    {"results", "text"},
};

// Column names of the counters and rates come from CounterName and RateName (the same names
// as every other output's); their order is the enumerations'.
constexpr ResultColumn kCoverageRollup[] = {
    {"run_key", "text"},
    {"level", "text"},
    {"place_id", "text"},
    {"place_name", "text"},
    {"units", "bigint"},
    {"units_counted", "bigint"},
    {"units_own", "bigint"},
    {"units_joint", "bigint"},
    {"units_work", "bigint"},
    {"units_none", "bigint"},
    {"grids", "bigint"},
    {"grids_managed", "bigint"},
    {"managers", "bigint"},
    {"informants", "bigint"},
    {"members", "bigint"},
    {"members_attached", "bigint"},
    {"members_employed", "bigint"},
    {"members_registered", "bigint"},
    {"org_coverage_rate", "double precision"},
    {"separate_org_rate", "double precision"},
    {"work_coverage_rate", "double precision"},
    {"managers_per_grid", "double precision"},
    {"informants_per_grid", "double precision"},
    {"member_attachment_rate", "double precision"},
    {"member_registration_rate", "double precision"},
};
constexpr int kCoverageFirstCounter = 4;

constexpr ResultColumn kCoverageFindings[] = {
    {"run_key", "text"},   {"rule", "text"},         {"subject_table", "text"},
    {"subject_id", "text"}, {"value", "bigint"},     {"threshold", "bigint"},
    {"street_id", "text"}, {"community_id", "text"}, {"message", "text"},
};

constexpr ResultColumn kMatching[] = {
    {"run_key", "text"},  {"need_id", "text"},     {"resource_id", "text"},
    {"category", "text"}, {"need_org_id", "text"}, {"resource_org_id", "text"},
    {"amount", "bigint"},
};

constexpr ResultColumn kEventsRollup[] = {
    {"run_key", "text"},          {"level", "text"},           {"place_id", "text"},
    {"category", "text"},         {"month", "text"},           {"place_name", "text"},
    {"reported", "bigint"},       {"resolved_grid", "bigint"}, {"resolved_above", "bigint"},
    {"resolved_unknown", "bigint"}, {"open", "bigint"},        {"median_days", "integer"},
    {"p90_days", "integer"},      {"backlog_1", "bigint"},     {"backlog_2", "bigint"},
    {"backlog_3", "bigint"},      {"backlog_4", "bigint"},
};

constexpr ResultColumn kReachRollup[] = {
    {"run_key", "text"},
    {"level", "text"},
    {"place_id", "text"},
    {"place_name", "text"},
    {"grids", "bigint"},
    {"grids_placed", "bigint"},
    {"grids_reached", "bigint"},
    {"households", "bigint"},
    {"households_reached", "bigint"},
    {"households_unplaced", "bigint"},
    {"units", "bigint"},
    {"units_reached", "bigint"},
};

constexpr ResultColumn kHavesCommunities[] = {
    {"run_key", "text"},        {"community_id", "text"},  {"community_name", "text"},
    {"year", "integer"},        {"grids", "bigint"},       {"grids_managed", "bigint"},
    {"managers", "bigint"},     {"other_staff", "bigint"}, {"people", "boolean"},
    {"dues", "bigint"},         {"fiscal", "bigint"},      {"sponsor", "bigint"},
    {"other", "bigint"},        {"money", "boolean"},      {"place_in_community", "boolean"},
    {"place_within_reach", "boolean"}, {"place", "boolean"},
};

constexpr ResultColumn kHavesRollup[] = {
    {"run_key", "text"},      {"level", "text"},          {"place_id", "text"},
    {"place_name", "text"},   {"year", "integer"},        {"communities", "bigint"},
    {"with_people", "bigint"}, {"with_money", "bigint"},  {"with_place", "bigint"},
    {"with_all", "bigint"},   {"dues", "bigint"},         {"fiscal", "bigint"},
    {"sponsor", "bigint"},    {"other", "bigint"},
};

const ResultTableSpec kSpecs[kResultTableCount] = {
    {ResultTable::kRuns, "runs", kRuns, 1},
    {ResultTable::kCoverageRollup, "coverage_rollup", kCoverageRollup, 3},
    {ResultTable::kCoverageFindings, "coverage_findings", kCoverageFindings, 4},
    {ResultTable::kMatching, "matching", kMatching, 3},
    {ResultTable::kEventsRollup, "events_rollup", kEventsRollup, 5},
    {ResultTable::kReachRollup, "reach_rollup", kReachRollup, 3},
    {ResultTable::kHavesCommunities, "haves_communities", kHavesCommunities, 2},
    {ResultTable::kHavesRollup, "haves_rollup", kHavesRollup, 3},
};

// The levels in the byte order of their names ("community" < "district" < "grid" < "org" <
// "street"), so that rows go out in primary-key order (see SortedBy).
constexpr RollUp kCoverageLevels[] = {RollUp::kCommunity, RollUp::kDistrict, RollUp::kGrid,
                                      RollUp::kOrg, RollUp::kStreet};
constexpr RollUp kTerritoryLevels[] = {RollUp::kCommunity, RollUp::kDistrict, RollUp::kGrid,
                                       RollUp::kStreet};
constexpr RollUp kHavesLevels[] = {RollUp::kDistrict, RollUp::kStreet};

// 0 .. n-1 ordered by key(i), a tuple of byte strings, ties by i. Rows go to the server in the
// order of the table's primary key (its text columns compare bytewise: COLLATE "C"), so that
// each insertion into the key's index lands at its right edge, the cheap case of a B-tree
// (about a third of the write's time on the city, against rows in analysis order).
template <typename Key>
std::vector<std::uint32_t> SortedBy(std::size_t n, const Key& key) {
  std::vector<std::uint32_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<std::uint32_t>(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
  return order;
}

// A place of a roll-up: a grid row at the grid level, an org row elsewhere.
Table PlaceTable(RollUp level) { return level == RollUp::kGrid ? Table::kGrids : Table::kOrgs; }

std::string_view PlaceName(const Network& network, RollUp level, Index row) {
  return level == RollUp::kGrid ? network.text(Table::kGrids, row, col::kGridName)
                                : network.org_name(row);
}

// The id of a referenced row, or null when empty or outside a view's scope.
void RowId(CopyTextRows& out, const Network& network, Table table, Index row) {
  if (IsRow(row)) {
    out.Text(network.id(table, row));
  } else {
    out.Null();
  }
}

absl::Status AddEventParts(const EventReport& events, ResultRows& out) {
  for (RollUp level : kTerritoryLevels) {
    std::vector<EventRow> all;
    for (int per = 0; per < 3; ++per) {
      absl::StatusOr<std::vector<EventRow>> rows = per == 0   ? events.Totals(level)
                                                   : per == 1 ? events.ByCategory(level)
                                                              : events.ByMonth(level);
      if (!rows.ok()) return rows.status();
      all.insert(all.end(), rows->begin(), rows->end());
    }
    out.events.emplace_back(level, std::move(all));
  }
  return absl::OkStatus();
}

absl::Status CoverageRollupRows(const ResultWriter::Data& data, CopyTextRows& out) {
  const CoverageReport& report = *data.coverage;
  const Network& network = report.network();
  for (RollUp level : kCoverageLevels) {
    const absl::Span<const Index> places = report.rows(level);
    std::array<absl::Span<const std::uint32_t>, kCounterCount> counters;
    for (int c = 0; c < kCounterCount; ++c) counters[c] = report.counter(level, Counter(c));
    std::array<absl::Span<const double>, kRateCount> rates;
    for (int r = 0; r < kRateCount; ++r) rates[r] = report.rate(level, Rate(r));
    const Table table = PlaceTable(level);
    for (std::uint32_t i : SortedBy(places.size(), [&](std::uint32_t k) {
           return network.id(table, places[k]);
         })) {
      out.Text(data.run_key);
      out.Text(RollUpName(level));
      out.Text(network.id(PlaceTable(level), places[i]));
      out.Text(PlaceName(network, level, places[i]));
      for (int c = 0; c < kCounterCount; ++c) out.Integer(counters[c][i]);
      for (int r = 0; r < kRateCount; ++r) out.Real(rates[r][i]);
      if (absl::Status s = out.EndRow(); !s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

absl::Status CoverageFindingRows(const ResultWriter::Data& data, CopyTextRows& out) {
  const CoverageReport& report = *data.coverage;
  const Network& network = report.network();
  const absl::Span<const RuleInfo> rules = CoverageReport::rules();
  const absl::Span<const Finding> findings = report.findings();
  for (std::uint32_t i : SortedBy(findings.size(), [&](std::uint32_t k) {
         const Finding& f = findings[k];
         return std::tuple(rules[f.rule].code, GetTableSpec(f.table).name,
                           network.id(f.table, f.row));
       })) {
    const Finding& finding = findings[i];
    const Place place = network.territory().place(finding.table, finding.row);
    out.Text(data.run_key);
    out.Text(rules[finding.rule].code);
    out.Text(GetTableSpec(finding.table).name);
    out.Text(network.id(finding.table, finding.row));
    out.Integer(finding.value);
    out.Integer(finding.limit);
    RowId(out, network, Table::kOrgs, place.street);
    RowId(out, network, Table::kOrgs, place.community);
    out.Text(report.Describe(finding));
    if (absl::Status s = out.EndRow(); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status MatchingRows(const ResultWriter::Data& data, CopyTextRows& out) {
  const Network& network = *data.network;
  const absl::Span<const Allocation> allocations = data.matching->allocations();
  for (std::uint32_t i : SortedBy(allocations.size(), [&](std::uint32_t k) {
         return std::pair(network.id(Table::kNeeds, allocations[k].need),
                          network.id(Table::kResources, allocations[k].resource));
       })) {
    const Allocation& a = allocations[i];
    out.Text(data.run_key);
    out.Text(network.id(Table::kNeeds, a.need));
    out.Text(network.id(Table::kResources, a.resource));
    out.Text(network.text(Table::kNeeds, a.need, col::kListingCategory));
    RowId(out, network, Table::kOrgs, network.ref(Table::kNeeds, a.need, col::kListingOrg));
    RowId(out, network, Table::kOrgs,
          network.ref(Table::kResources, a.resource, col::kListingOrg));
    out.Integer(a.amount);
    if (absl::Status s = out.EndRow(); !s.ok()) return s;
  }
  return absl::OkStatus();
}

std::string MonthText(std::int32_t month) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d", month / 12, month % 12 + 1);
  return text;
}

absl::Status EventRows(const ResultRows& prepared, CopyTextRows& out) {
  const ResultWriter::Data& data = *prepared.data;
  const EventReport& events = *data.events;
  const Network& network = *data.network;
  const absl::Span<const std::string> categories = events.categories();
  for (const auto& part : prepared.events) {
    // (Not a structured binding: Clang 14, the fuzz build's compiler, cannot capture one.)
    const RollUp level = part.first;
    const std::vector<EventRow>& rows = part.second;
    const Table table = PlaceTable(level);
    // Key (place, category, month): "" (every category, the whole window) sorts first, and
    // month numbers sort as their YYYY-MM text does.
    for (std::uint32_t i : SortedBy(rows.size(), [&](std::uint32_t k) {
           const EventRow& r = rows[k];
           return std::tuple(network.id(table, r.place),
                             r.category < 0 ? std::string_view()
                                            : std::string_view(categories[r.category]),
                             r.month);
         })) {
      const EventRow& row = rows[i];
      out.Text(data.run_key);
      out.Text(RollUpName(level));
      out.Text(network.id(PlaceTable(level), row.place));
      out.Text(row.category < 0 ? std::string_view() : events.categories()[row.category]);
      out.Text(row.month < 0 ? std::string() : MonthText(row.month));
      out.Text(PlaceName(network, level, row.place));
      const EventStats& s = row.stats;
      for (std::uint32_t n : {s.reported, s.resolved_grid, s.resolved_above, s.resolved_unknown,
                              s.open}) {
        out.Integer(n);
      }
      for (std::int32_t days : {s.median_days, s.p90_days}) {
        if (days < 0) {
          out.Null();
        } else {
          out.Integer(days);
        }
      }
      for (std::uint32_t n : s.backlog) out.Integer(n);
      if (absl::Status status = out.EndRow(); !status.ok()) return status;
    }
  }
  return absl::OkStatus();
}

absl::Status ReachRows(const ResultRows& prepared, CopyTextRows& out) {
  const ResultWriter::Data& data = *prepared.data;
  const Network& network = *data.network;
  for (const auto& part : prepared.reach) {
    const RollUp level = part.first;
    const std::vector<ReachRow>& rows = part.second;
    const Table table = PlaceTable(level);
    for (std::uint32_t i : SortedBy(rows.size(), [&](std::uint32_t k) {
           return network.id(table, rows[k].place);
         })) {
      const ReachRow& row = rows[i];
      out.Text(data.run_key);
      out.Text(RollUpName(level));
      out.Text(network.id(PlaceTable(level), row.place));
      out.Text(PlaceName(network, level, row.place));
      out.Integer(row.grids);
      out.Integer(row.grids_placed);
      out.Integer(row.grids_reached);
      out.Integer(row.households);
      out.Integer(row.households_reached);
      out.Integer(row.households_unplaced);
      out.Integer(row.units);
      out.Integer(row.units_reached);
      if (absl::Status s = out.EndRow(); !s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

void FundsCells(CopyTextRows& out, const Funds& funds) {
  out.Integer(funds.dues);
  out.Integer(funds.fiscal);
  out.Integer(funds.sponsor);
  out.Integer(funds.other);
}

absl::Status HavesCommunityRows(const ResultWriter::Data& data, CopyTextRows& out) {
  const Network& network = *data.network;
  const absl::Span<const CommunityHaves> communities = data.haves->communities();
  for (std::uint32_t i : SortedBy(communities.size(), [&](std::uint32_t k) {
         return network.org_id(communities[k].community);
       })) {
    const CommunityHaves& c = communities[i];
    out.Text(data.run_key);
    out.Text(network.org_id(c.community));
    out.Text(network.org_name(c.community));
    out.Integer(data.haves->options().year);
    out.Integer(c.grids);
    out.Integer(c.grids_managed);
    out.Integer(c.managers);
    out.Integer(c.other_staff);
    out.Bool(c.people);
    FundsCells(out, c.funds);
    out.Bool(c.money);
    out.Bool(c.place_in_community);
    out.Bool(c.place_within_reach);
    out.Bool(c.place);
    if (absl::Status s = out.EndRow(); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status HavesRollupRows(const ResultRows& prepared, CopyTextRows& out) {
  const ResultWriter::Data& data = *prepared.data;
  const Network& network = *data.network;
  for (const auto& part : prepared.haves) {
    const RollUp level = part.first;
    const std::vector<HavesRow>& rows = part.second;
    for (std::uint32_t i : SortedBy(rows.size(), [&](std::uint32_t k) {
           return network.org_id(rows[k].place);
         })) {
      const HavesRow& row = rows[i];
      out.Text(data.run_key);
      out.Text(RollUpName(level));
      out.Text(network.org_id(row.place));
      out.Text(network.org_name(row.place));
      out.Integer(data.haves->options().year);
      out.Integer(row.communities);
      out.Integer(row.with_people);
      out.Integer(row.with_money);
      out.Integer(row.with_place);
      out.Integer(row.with_all);
      FundsCells(out, row.funds);
      if (absl::Status s = out.EndRow(); !s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

}  // namespace

const ResultTableSpec& GetResultTableSpec(ResultTable table) {
  return kSpecs[static_cast<int>(table)];
}

bool WritesTable(const ResultWriter::Data& data, ResultTable table) {
  switch (table) {
    case ResultTable::kRuns:
      return true;
    case ResultTable::kCoverageRollup:
    case ResultTable::kCoverageFindings:
      return data.coverage.has_value();
    case ResultTable::kMatching:
      return data.matching.has_value();
    case ResultTable::kEventsRollup:
      return data.events.has_value();
    case ResultTable::kReachRollup:
      return data.reach.has_value();
    case ResultTable::kHavesCommunities:
    case ResultTable::kHavesRollup:
      return data.haves.has_value();
  }
  return false;
}

void CopyTextRows::Separate() {
  if (row_started_) buffer_.push_back('\t');
  row_started_ = true;
}

void CopyTextRows::Text(std::string_view text) {
  Separate();
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const char escaped = c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : 0;
    if (escaped == 0) continue;
    buffer_.append(text.substr(start, i - start));
    buffer_.push_back('\\');
    buffer_.push_back(escaped);
    start = i + 1;
  }
  buffer_.append(text.substr(start));
}

void CopyTextRows::Null() {
  Separate();
  buffer_.append("\\N");
}

void CopyTextRows::Integer(std::int64_t value) {
  Separate();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  buffer_.append(digits, end);
}

void CopyTextRows::Real(double value) {
  if (std::isnan(value)) {
    Null();
    return;
  }
  Separate();
  // The shortest text that reads back as the same double (std::to_chars' guarantee).
  char digits[32];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  buffer_.append(digits, end);
}

void CopyTextRows::Bool(bool value) {
  Separate();
  buffer_.push_back(value ? 't' : 'f');
}

absl::Status CopyTextRows::EndRow() {
  buffer_.push_back('\n');
  row_started_ = false;
  ++rows_;
  if (meter_ != nullptr && (rows_ & 4095) == 0) {
    meter_->Add(4096);
    if (!meter_->Poll()) return meter_->Cancelled();
  }
  if (buffer_.size() < kPieceBytes) return absl::OkStatus();
  return Send();
}

absl::Status CopyTextRows::Send() {
  if (buffer_.empty()) return absl::OkStatus();
  absl::Status status = sink_(buffer_);
  buffer_.clear();
  return status;
}

absl::Status CopyTextRows::Flush() {
  if (meter_ != nullptr) meter_->Add(rows_ & 4095);
  return Send();
}

absl::StatusOr<ResultRows> PrepareResultRows(const ResultWriter::Data& data) {
  ResultRows out;
  out.data = &data;
  if (data.events.has_value()) {
    if (absl::Status s = AddEventParts(*data.events, out); !s.ok()) return s;
  }
  if (data.reach.has_value()) {
    for (RollUp level : kTerritoryLevels) {
      absl::StatusOr<std::vector<ReachRow>> rows = data.reach->RollUp(level);
      if (!rows.ok()) return rows.status();
      out.reach.emplace_back(level, *std::move(rows));
    }
  }
  if (data.haves.has_value()) {
    for (RollUp level : kHavesLevels) {
      absl::StatusOr<std::vector<HavesRow>> rows = data.haves->RollUp(level);
      if (!rows.ok()) return rows.status();
      out.haves.emplace_back(level, *std::move(rows));
    }
  }
  return out;
}

absl::Status EmitResultRows(const ResultRows& prepared, ResultTable table, CopyTextRows& rows) {
  const ResultWriter::Data& data = *prepared.data;
  switch (table) {
    case ResultTable::kCoverageRollup:
      return CoverageRollupRows(data, rows);
    case ResultTable::kCoverageFindings:
      return CoverageFindingRows(data, rows);
    case ResultTable::kMatching:
      return MatchingRows(data, rows);
    case ResultTable::kEventsRollup:
      return EventRows(prepared, rows);
    case ResultTable::kReachRollup:
      return ReachRows(prepared, rows);
    case ResultTable::kHavesCommunities:
      return HavesCommunityRows(data, rows);
    case ResultTable::kHavesRollup:
      return HavesRollupRows(prepared, rows);
    case ResultTable::kRuns:
      break;
  }
  return absl::InternalError("result rows: no rows for the runs table");
}

namespace {

template <typename Row>
std::int64_t RowsIn(const std::vector<std::pair<RollUp, std::vector<Row>>>& parts) {
  std::int64_t rows = 0;
  for (const auto& part : parts) rows += static_cast<std::int64_t>(part.second.size());
  return rows;
}

}  // namespace

std::int64_t CountResultRows(const ResultRows& prepared, ResultTable table) {
  const ResultWriter::Data& data = *prepared.data;
  std::int64_t rows = 0;
  switch (table) {
    case ResultTable::kRuns:
      return 1;
    case ResultTable::kCoverageRollup:
      for (RollUp level : kCoverageLevels) rows += data.coverage->rows(level).size();
      return rows;
    case ResultTable::kCoverageFindings:
      return data.coverage->findings().size();
    case ResultTable::kMatching:
      return data.matching->allocations().size();
    case ResultTable::kEventsRollup:
      return RowsIn(prepared.events);
    case ResultTable::kReachRollup:
      return RowsIn(prepared.reach);
    case ResultTable::kHavesCommunities:
      return data.haves->communities().size();
    case ResultTable::kHavesRollup:
      return RowsIn(prepared.haves);
  }
  return 0;
}

}  // namespace orgnet::internal
