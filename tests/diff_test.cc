// DiffNetworks and DiffCoverage against a slow obvious diff (std::map by identity, cells as
// text by column name) and against edits whose effect is known by hand; the C ABI against
// the C++ results.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "capi/handles.h"
#include "orgnet/builder.h"
#include "orgnet/coverage.h"
#include "orgnet/diff.h"
#include "orgnet/network.h"
#include "orgnet/orgnet.h"
#include "orgnet/progress.h"
#include "orgnet/scope.h"
#include "test_util.h"

namespace orgnet {
namespace {

Network District() {
  auto net = Network::Load(ORGNET_EXAMPLES_DIR "/district");
  EXPECT_TRUE(net.ok()) << net.status();
  return *std::move(net);
}

// A row's identity as the documentation states it, from cell text.
std::string Identity(const Network& net, Table table, Index row) {
  const TableSpec& spec = GetTableSpec(table);
  if (spec.id_column >= 0) return std::string(net.id(table, row));
  if (table == Table::kLinks) {
    std::string a = net.CellText(table, row, col::kLinkA);
    std::string b = net.CellText(table, row, col::kLinkB);
    if (b < a) std::swap(a, b);
    return a + "|" + b + "|" + net.CellText(table, row, col::kLinkKind) + "|" +
           net.CellText(table, row, col::kLinkSince);
  }
  return net.CellText(table, row, col::kFundOrg) + "|" + net.CellText(table, row, col::kFundSource) +
         "|" + net.CellText(table, row, col::kFundYear);
}

struct SlowTableDiff {
  std::set<Index> added, removed;
  std::map<Index, std::pair<Index, std::vector<int>>> changed;  // after row -> before, columns
  Index duplicates_before = 0, duplicates_after = 0;
};

SlowTableDiff SlowDiff(const Network& before, const Network& after, Table table) {
  SlowTableDiff out;
  std::map<std::string, std::vector<Index>> rows_before;
  for (Index b = 0; b < before.rows(table); ++b) rows_before[Identity(before, table, b)].push_back(b);
  for (const auto& [key, rows] : rows_before) out.duplicates_before += rows.size() - 1;
  std::map<std::string, std::size_t> seen;
  std::set<Index> matched;
  for (Index a = 0; a < after.rows(table); ++a) {
    const std::string key = Identity(after, table, a);
    const std::size_t k = seen[key]++;
    if (k > 0) ++out.duplicates_after;
    const auto it = rows_before.find(key);
    if (it == rows_before.end() || k >= it->second.size()) {
      out.added.insert(a);
      continue;
    }
    const Index b = it->second[k];
    matched.insert(b);
    std::vector<int> columns;
    for (int c = 0; c < after.column_count(table); ++c) {
      const auto cb = before.FindColumn(table, after.column_name(table, c));
      if (!cb || !before.has_column(table, *cb) || !after.has_column(table, c)) continue;
      if (before.CellText(table, b, *cb) != after.CellText(table, a, c)) columns.push_back(c);
    }
    if (!columns.empty()) out.changed[a] = {b, columns};
  }
  for (Index b = 0; b < before.rows(table); ++b) {
    if (!matched.count(b)) out.removed.insert(b);
  }
  return out;
}

void ExpectEqualToSlow(const Network& before, const Network& after, const NetworkDiff& diff) {
  for (int t = 0; t < kTableCount; ++t) {
    const auto table = static_cast<Table>(t);
    SCOPED_TRACE(std::string(GetTableSpec(table).name));
    const SlowTableDiff slow = SlowDiff(before, after, table);
    const TableDiff& d = diff.tables[t];
    EXPECT_EQ(std::set<Index>(d.added.begin(), d.added.end()), slow.added);
    EXPECT_TRUE(std::is_sorted(d.added.begin(), d.added.end()));
    EXPECT_EQ(std::set<Index>(d.removed.begin(), d.removed.end()), slow.removed);
    EXPECT_TRUE(std::is_sorted(d.removed.begin(), d.removed.end()));
    ASSERT_EQ(d.changed.size(), slow.changed.size());
    auto it = slow.changed.begin();
    for (const RowChange& change : d.changed) {
      EXPECT_EQ(change.after_row, it->first);
      EXPECT_EQ(change.before_row, it->second.first);
      EXPECT_EQ(change.columns, it->second.second);
      ++it;
    }
    EXPECT_EQ(d.duplicates_before, slow.duplicates_before);
    EXPECT_EQ(d.duplicates_after, slow.duplicates_after);
    const Index matched = after.rows(table) - static_cast<Index>(slow.added.size());
    EXPECT_EQ(d.unchanged + d.changed.size(), matched);
  }
}

TEST(DiffTest, IdenticalNetworksDifferInNothing) {
  const Network net = District();
  auto diff = DiffNetworks(net, net);
  ASSERT_TRUE(diff.ok()) << diff.status();
  EXPECT_TRUE(diff->empty());
  EXPECT_EQ(diff->tables[static_cast<int>(Table::kMembers)].unchanged, net.rows(Table::kMembers));
}

// Edits whose effect is known: each kind of change in one batch.
Network Edited(const Network& net) {
  EditBatch batch;
  batch.Set(Table::kMembers, "M000000001", "name", "张伟");
  batch.Set(Table::kMembers, "M000000002", "status", "probationary");
  batch.Remove(Table::kMembers, "M000000003");
  batch.Set(Table::kUnits, "U00000002", "org", "");      // a reference emptied
  batch.Set(Table::kUnits, "U00000001", "employees", "21");
  batch.AddOrg("O9999999", "新党支部", "branch", "O0000009");
  batch.Insert(Table::kFunds, {{"org", "O0000009"}, {"source", "dues"}, {"amount", "7"},
                               {"year", "2025"}});  // a second row of one identity
  batch.AddLink("O0001444", "O0000031", "pairing", "2025-01-01");
  batch.RemoveLink("O0000031", "O0001885", "joint_meeting", "2021-12-05");
  batch.SetRow(Table::kFunds, 0, "amount", "14315");
  batch.AddColumn(Table::kGrids, "remark");
  auto edited = net.Edit(batch);
  EXPECT_TRUE(edited.ok()) << edited.status();
  return *std::move(edited);
}

TEST(DiffTest, EditsAreFoundAsTheSlowDiffFindsThem) {
  const Network before = District();
  const Network after = Edited(before);
  auto diff = DiffNetworks(before, after);
  ASSERT_TRUE(diff.ok()) << diff.status();
  ExpectEqualToSlow(before, after, *diff);
  const TableDiff& members = diff->tables[static_cast<int>(Table::kMembers)];
  ASSERT_EQ(members.removed.size(), 1u);
  EXPECT_EQ(before.id(Table::kMembers, members.removed[0]), "M000000003");
  ASSERT_EQ(members.changed.size(), 2u);
  EXPECT_EQ(members.changed[0].columns, std::vector<int>{col::kMemberName});
  EXPECT_EQ(members.changed[1].columns, std::vector<int>{col::kMemberStatus});
  const TableDiff& units = diff->tables[static_cast<int>(Table::kUnits)];
  ASSERT_EQ(units.changed.size(), 2u);
  EXPECT_EQ(units.changed[0].columns, std::vector<int>{col::kUnitEmployees});
  EXPECT_EQ(units.changed[1].columns, std::vector<int>{col::kUnitOrg});
  const TableDiff& orgs = diff->tables[static_cast<int>(Table::kOrgs)];
  ASSERT_EQ(orgs.added.size(), 1u);
  EXPECT_EQ(after.org_id(orgs.added[0]), "O9999999");
  const TableDiff& links = diff->tables[static_cast<int>(Table::kLinks)];
  EXPECT_EQ(links.added.size(), 1u);
  EXPECT_EQ(links.removed.size(), 1u);
  const TableDiff& funds = diff->tables[static_cast<int>(Table::kFunds)];
  EXPECT_EQ(funds.duplicates_after, funds.duplicates_before + 1);
  ASSERT_EQ(funds.added.size(), 1u);
  EXPECT_EQ(funds.added[0], before.rows(Table::kFunds));  // the later of the two is the extra
  ASSERT_EQ(funds.changed.size(), 1u);
  EXPECT_EQ(funds.changed[0].columns, std::vector<int>{col::kFundAmount});
  const TableDiff& grids = diff->tables[static_cast<int>(Table::kGrids)];
  EXPECT_EQ(grids.columns_added, std::vector<std::string>{"remark"});
  EXPECT_TRUE(grids.changed.empty());  // a column only one side has is not compared
  // Reversed, the same differences the other way round.
  auto back = DiffNetworks(after, before);
  ASSERT_TRUE(back.ok());
  ExpectEqualToSlow(after, before, *back);
  EXPECT_EQ(back->tables[static_cast<int>(Table::kGrids)].columns_removed,
            std::vector<std::string>{"remark"});
}

TEST(DiffTest, ViewsCompareOutsideReferencesAsOnePlaceholder) {
  const Network net = District();
  ScopeSpec spec;
  spec.places = {"O0000003"};
  auto view = net.Scope(spec);
  ASSERT_TRUE(view.ok()) << view.status();
  auto diff = DiffNetworks(*view, *view);
  ASSERT_TRUE(diff.ok());
  EXPECT_TRUE(diff->empty());
  auto full_vs_view = DiffNetworks(net, *view);
  ASSERT_TRUE(full_vs_view.ok());
  EXPECT_EQ(full_vs_view->tables[0].removed.size() + view->rows(Table::kOrgs), net.org_count());
}

TEST(DiffTest, AHandlerThatStopsCancels) {
  const Network net = District();
  int calls = 0;
  {
    ProgressScope scope([&](const ProgressReport& report) {
      EXPECT_EQ(report.work, "diff");
      ++calls;
      return false;
    }, std::chrono::milliseconds(0));
    auto diff = DiffNetworks(net, net);
    ASSERT_FALSE(diff.ok());
    EXPECT_EQ(diff.status().code(), absl::StatusCode::kCancelled);
  }
  EXPECT_GE(calls, 1);
  std::uint64_t last_done = 0, last_total = 0, reports = 0;
  bool past_total = false;
  {
    ProgressScope scope([&](const ProgressReport& report) {
      past_total = past_total || report.done > report.total;
      last_done = report.done;
      last_total = report.total;
      ++reports;
      return true;
    }, std::chrono::milliseconds(0));
    ASSERT_TRUE(DiffNetworks(net, net).ok());
  }
  EXPECT_FALSE(past_total);
  EXPECT_GT(reports, 1u);
  // The units are the work: twice every row (match, compare), once more each link and fund
  // row of the earlier network (indexed before the match).
  std::uint64_t expected = 0;
  for (int t = 0; t < kTableCount; ++t) {
    const auto table = static_cast<Table>(t);
    expected += 2ull * net.rows(table) + (GetTableSpec(table).id_column < 0 ? net.rows(table) : 0);
  }
  EXPECT_EQ(last_total, expected);
  EXPECT_EQ(last_done, last_total);
}

TEST(DiffTest, CoverageDeltasAndUnitsThatMoved) {
  const Network before = District();
  const Network after = Edited(before);
  auto cov_before = CoverageReport::Compute(before);
  auto cov_after = CoverageReport::Compute(after);
  ASSERT_TRUE(cov_before.ok() && cov_after.ok());
  auto diff = DiffCoverage(*cov_before, *cov_after);
  ASSERT_TRUE(diff.ok()) << diff.status();
  // Units that moved, by the slow way: every unit id of both, counted in both.
  std::vector<std::string> moved;
  for (Index a = 0; a < after.rows(Table::kUnits); ++a) {
    const auto b = before.Find(Table::kUnits, after.id(Table::kUnits, a));
    if (!b || !cov_after->unit_counted(a) || !cov_before->unit_counted(*b)) continue;
    auto covered = [](UnitCoverage c) { return c == UnitCoverage::kOwn || c == UnitCoverage::kJoint; };
    if (covered(cov_before->unit_coverage()[*b]) != covered(cov_after->unit_coverage()[a])) {
      moved.emplace_back(after.id(Table::kUnits, a));
    }
  }
  std::sort(moved.begin(), moved.end());
  std::vector<std::string> got;
  for (const UnitMove& m : diff->moved) got.push_back(m.id);
  EXPECT_EQ(got, moved);
  ASSERT_EQ(got, std::vector<std::string>{"U00000002"});  // its org was emptied
  EXPECT_EQ(diff->moved[0].after, UnitCoverage::kNone);
  // Places: every street and district of both, rates as each report has them.
  std::size_t streets = 0;
  std::int64_t street_findings_after = 0;
  for (const PlaceDelta& p : diff->places) {
    ASSERT_TRUE(IsRow(p.before_row) && IsRow(p.after_row)) << p.id;
    streets += p.level == RollUp::kStreet;
    for (int r = 0; r < kRateCount; ++r) {
      const double b = cov_before->rate(p.level, static_cast<Rate>(r))[
          cov_before->position(p.level, p.before_row)];
      const double a = cov_after->rate(p.level, static_cast<Rate>(r))[
          cov_after->position(p.level, p.after_row)];
      EXPECT_TRUE(b == p.before_rates[r] || (std::isnan(b) && std::isnan(p.before_rates[r])));
      EXPECT_TRUE(a == p.after_rates[r] || (std::isnan(a) && std::isnan(p.after_rates[r])));
    }
    if (p.level == RollUp::kStreet) {
      for (std::int64_t n : p.after_findings) street_findings_after += n;
    }
  }
  EXPECT_EQ(streets, cov_after->rows(RollUp::kStreet).size());
  EXPECT_TRUE(std::is_sorted(diff->places.begin(), diff->places.end(),
                             [](const PlaceDelta& x, const PlaceDelta& y) {
                               return std::make_pair(x.level == RollUp::kStreet, x.id) <
                                      std::make_pair(y.level == RollUp::kStreet, y.id);
                             }));
  // Findings per street, counted the slow way from each finding's subject.
  const auto rule = CoverageReport::FindRule("unit_without_own_org");
  ASSERT_GE(rule, 0);
  std::map<std::string, std::int64_t> per_street;
  std::int64_t placed = 0;
  for (const Finding& f : cov_after->findings()) {
    const Place place = after.territory().place(f.table, f.row);
    if (IsRow(place.street)) ++placed;
    if (f.rule == rule && IsRow(place.street)) ++per_street[std::string(after.org_id(place.street))];
  }
  EXPECT_EQ(street_findings_after, placed);
  for (const PlaceDelta& p : diff->places) {
    if (p.level == RollUp::kStreet) {
      EXPECT_EQ(p.after_findings[rule], per_street[p.id]) << p.id;
    }
  }
  std::int64_t total_after = 0;
  for (std::int64_t n : diff->after_findings) total_after += n;
  EXPECT_EQ(total_after, static_cast<std::int64_t>(cov_after->findings().size()));
}

TEST(DiffCApiTest, AgreesWithTheCppDiff) {
  const Network before = District();
  const Network after = Edited(before);
  auto cpp = DiffNetworks(before, after);
  ASSERT_TRUE(cpp.ok());
  orgnet_network* nb = nullptr;
  orgnet_network* na = nullptr;
  ASSERT_EQ(orgnet_network_load(&nb, ORGNET_EXAMPLES_DIR "/district",
                                sizeof(ORGNET_EXAMPLES_DIR "/district") - 1, nullptr, nullptr),
            ORGNET_OK);
  na = new orgnet_network{after};
  orgnet_diff* diff = nullptr;
  EXPECT_EQ(orgnet_diff_networks(nullptr, nb, na), ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "out is NULL");
  ASSERT_EQ(orgnet_diff_networks(&diff, nb, na), ORGNET_OK);
  for (int t = 0; t < ORGNET_TABLE_COUNT; ++t) {
    const TableDiff& d = cpp->tables[t];
    orgnet_table_diff counts;
    ASSERT_EQ(orgnet_diff_table(&counts, diff, t), ORGNET_OK);
    EXPECT_EQ(counts.added, d.added.size());
    EXPECT_EQ(counts.removed, d.removed.size());
    EXPECT_EQ(counts.changed, d.changed.size());
    EXPECT_EQ(counts.unchanged, d.unchanged);
    EXPECT_EQ(counts.duplicates_before, d.duplicates_before);
    EXPECT_EQ(counts.duplicates_after, d.duplicates_after);
    const uint32_t* rows = nullptr;
    size_t count = 0;
    ASSERT_EQ(orgnet_diff_added(&rows, &count, diff, t), ORGNET_OK);
    EXPECT_EQ(std::vector<Index>(rows, rows + count), d.added);
    ASSERT_EQ(orgnet_diff_removed(&rows, &count, diff, t), ORGNET_OK);
    EXPECT_EQ(std::vector<Index>(rows, rows + count), d.removed);
    for (size_t i = 0; i < counts.changed; ++i) {
      uint32_t b = 0, a = 0;
      const int32_t* columns = nullptr;
      size_t n = 0;
      ASSERT_EQ(orgnet_diff_changed(&b, &a, &columns, &n, diff, t, i), ORGNET_OK);
      EXPECT_EQ(b, d.changed[i].before_row);
      EXPECT_EQ(a, d.changed[i].after_row);
      EXPECT_EQ(std::vector<int>(columns, columns + n), d.changed[i].columns);
    }
    uint32_t b = 0, a = 0;
    const int32_t* columns = nullptr;
    size_t n = 0;
    EXPECT_EQ(orgnet_diff_changed(&b, &a, &columns, &n, diff, t, counts.changed),
              ORGNET_OUT_OF_RANGE);
    for (size_t i = 0; i < counts.columns_added; ++i) {
      const char* name = nullptr;
      size_t len = 0;
      ASSERT_EQ(orgnet_diff_column(&name, &len, diff, t, 1, i), ORGNET_OK);
      EXPECT_EQ(std::string(name, len), d.columns_added[i]);
    }
  }
  orgnet_table_diff counts;
  EXPECT_EQ(orgnet_diff_table(&counts, diff, ORGNET_TABLE_COUNT), ORGNET_OUT_OF_RANGE);
  EXPECT_STREQ(orgnet_last_error(), "table 11 out of range [0, 11)");
  const char* name = nullptr;
  size_t len = 0;
  EXPECT_EQ(orgnet_diff_column(&name, &len, diff, ORGNET_TABLE_GRIDS, 0, 0), ORGNET_OUT_OF_RANGE);

  orgnet_coverage* cb = nullptr;
  orgnet_coverage* ca = nullptr;
  ASSERT_EQ(orgnet_coverage_compute(&cb, nb, nullptr), ORGNET_OK);
  ASSERT_EQ(orgnet_coverage_compute(&ca, na, nullptr), ORGNET_OK);
  orgnet_coverage_diff* cdiff = nullptr;
  EXPECT_EQ(orgnet_coverage_diff_compute(&cdiff, cb, nullptr), ORGNET_INVALID_ARGUMENT);
  ASSERT_EQ(orgnet_coverage_diff_compute(&cdiff, cb, ca), ORGNET_OK);
  auto cpp_cov = DiffCoverage(*CoverageReport::Compute(before), *CoverageReport::Compute(after));
  ASSERT_TRUE(cpp_cov.ok());
  size_t places = 0, moves = 0;
  ASSERT_EQ(orgnet_coverage_diff_counts(&places, &moves, cdiff), ORGNET_OK);
  ASSERT_EQ(places, cpp_cov->places.size());
  ASSERT_EQ(moves, cpp_cov->moved.size());
  size_t rules = 0;
  const int64_t* fb = nullptr;
  const int64_t* fa = nullptr;
  ASSERT_EQ(orgnet_coverage_diff_findings(&fb, &fa, &rules, cdiff), ORGNET_OK);
  EXPECT_EQ(std::vector<std::int64_t>(fa, fa + rules), cpp_cov->after_findings);
  EXPECT_EQ(std::vector<std::int64_t>(fb, fb + rules), cpp_cov->before_findings);
  for (size_t i = 0; i < places; ++i) {
    orgnet_place_delta p;
    ASSERT_EQ(orgnet_coverage_diff_place(&p, cdiff, i), ORGNET_OK);
    const PlaceDelta& q = cpp_cov->places[i];
    EXPECT_EQ(std::string(p.id, p.id_len), q.id);
    EXPECT_EQ(std::string(p.name, p.name_len), q.name);
    EXPECT_EQ(p.level, static_cast<int32_t>(q.level));
    EXPECT_EQ(p.after_row, q.after_row);
    EXPECT_EQ(std::vector<std::int64_t>(p.after_findings, p.after_findings + rules),
              q.after_findings);
    for (int r = 0; r < ORGNET_RATE_COUNT; ++r) {
      EXPECT_TRUE(p.after_rates[r] == q.after_rates[r] ||
                  (std::isnan(p.after_rates[r]) && std::isnan(q.after_rates[r])));
    }
  }
  orgnet_place_delta p;
  EXPECT_EQ(orgnet_coverage_diff_place(&p, cdiff, places), ORGNET_OUT_OF_RANGE);
  orgnet_unit_move m;
  ASSERT_EQ(orgnet_coverage_diff_move(&m, cdiff, 0), ORGNET_OK);
  EXPECT_EQ(std::string(m.id, m.id_len), "U00000002");
  EXPECT_EQ(m.after, ORGNET_COVERAGE_NONE);
  EXPECT_EQ(orgnet_coverage_diff_move(&m, cdiff, moves), ORGNET_OUT_OF_RANGE);
  orgnet_coverage_diff_free(cdiff);
  orgnet_coverage_free(cb);
  orgnet_coverage_free(ca);
  orgnet_diff_free(diff);
  orgnet_diff_free(nullptr);
  orgnet_coverage_diff_free(nullptr);
  orgnet_network_free(nb);
  orgnet_network_free(na);
}

}  // namespace
}  // namespace orgnet
