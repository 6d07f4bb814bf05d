// The C ABI of the diff: two networks and two coverage results compared.
#include <cstring>
#include <vector>

#include "capi/arguments.h"
#include "capi/coverage_handle.h"
#include "capi/error.h"
#include "capi/returns.h"
#include "capi/handles.h"
#include "orgnet/diff.h"
#include "orgnet/orgnet.h"

struct orgnet_diff {
  orgnet::NetworkDiff diff;
  // The changed rows' columns in the C type, per table, one array per change.
  std::vector<std::vector<std::vector<int32_t>>> columns;
};
struct orgnet_coverage_diff {
  orgnet::CoverageDiff diff;
};

namespace {

using orgnet::capi::CheckIndex;
using orgnet::capi::CheckTable;
using orgnet::capi::Guard;
using orgnet::capi::NewHandle;
using orgnet::capi::RequirePointers;
using orgnet::capi::SetError;

static_assert(sizeof(orgnet::Index) == sizeof(uint32_t));

// The added or removed rows of a table (@p rows names which), borrowed from the diff.
int RowList(const uint32_t** out, size_t* out_count, const orgnet_diff* diff, int table,
            std::vector<orgnet::Index> orgnet::TableDiff::*rows) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {out_count, "out_count"}, {diff, "diff"}}))
      return rc;
    if (int rc = CheckTable(table)) return rc;
    const std::vector<orgnet::Index>& list = diff->diff.tables[table].*rows;
    *out = list.data();
    *out_count = list.size();
    return ORGNET_OK;
  });
}

}  // namespace

extern "C" {

int orgnet_diff_networks(orgnet_diff** out, const orgnet_network* before,
                         const orgnet_network* after) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {before, "before"}, {after, "after"}})) return rc;
    auto diff = orgnet::DiffNetworks(before->network, after->network);
    if (!diff.ok()) return SetError(diff.status());
    auto result = std::make_unique<orgnet_diff>();
    result->diff = *std::move(diff);
    result->columns.resize(orgnet::kTableCount);
    for (int t = 0; t < orgnet::kTableCount; ++t) {
      for (const orgnet::RowChange& change : result->diff.tables[t].changed) {
        result->columns[t].emplace_back(change.columns.begin(), change.columns.end());
      }
    }
    *out = result.release();
    return ORGNET_OK;
  });
}

void orgnet_diff_free(orgnet_diff* diff) { delete diff; }

int orgnet_diff_table(orgnet_table_diff* out, const orgnet_diff* diff, int table) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {diff, "diff"}})) return rc;
    if (int rc = CheckTable(table)) return rc;
    const orgnet::TableDiff& t = diff->diff.tables[table];
    *out = {t.added.size(),       t.removed.size(),         t.changed.size(),
            t.unchanged,          t.duplicates_before,      t.duplicates_after,
            t.columns_added.size(), t.columns_removed.size()};
    return ORGNET_OK;
  });
}

int orgnet_diff_added(const uint32_t** out, size_t* out_count, const orgnet_diff* diff,
                      int table) {
  return RowList(out, out_count, diff, table, &orgnet::TableDiff::added);
}

int orgnet_diff_removed(const uint32_t** out, size_t* out_count, const orgnet_diff* diff,
                        int table) {
  return RowList(out, out_count, diff, table, &orgnet::TableDiff::removed);
}

int orgnet_diff_changed(uint32_t* before_row, uint32_t* after_row, const int32_t** columns,
                        size_t* column_count, const orgnet_diff* diff, int table, size_t index) {
  return Guard([&] {
    if (int rc = RequirePointers({{before_row, "before_row"},
                                  {after_row, "after_row"},
                                  {columns, "columns"},
                                  {column_count, "column_count"},
                                  {diff, "diff"}})) {
      return rc;
    }
    if (int rc = CheckTable(table)) return rc;
    const auto& changed = diff->diff.tables[table].changed;
    if (int rc = CheckIndex(index, changed.size(), "index", "the table's changed rows")) return rc;
    *before_row = changed[index].before_row;
    *after_row = changed[index].after_row;
    *columns = diff->columns[table][index].data();
    *column_count = diff->columns[table][index].size();
    return ORGNET_OK;
  });
}

int orgnet_diff_column(const char** out, size_t* out_len, const orgnet_diff* diff, int table,
                       int added, size_t index) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {out_len, "out_len"}, {diff, "diff"}})) return rc;
    if (int rc = CheckTable(table)) return rc;
    const orgnet::TableDiff& t = diff->diff.tables[table];
    const auto& names = added ? t.columns_added : t.columns_removed;
    if (int rc = CheckIndex(index, names.size(), "index",
                            added ? "the columns added" : "the columns removed")) {
      return rc;
    }
    *out = names[index].data();
    *out_len = names[index].size();
    return ORGNET_OK;
  });
}

int orgnet_coverage_diff_compute(orgnet_coverage_diff** out, const orgnet_coverage* before,
                                 const orgnet_coverage* after) {
  return NewHandle(out, {{before, "before"}, {after, "after"}},
                   [&] { return orgnet::DiffCoverage(before->report, after->report); });
}

void orgnet_coverage_diff_free(orgnet_coverage_diff* diff) { delete diff; }

int orgnet_coverage_diff_counts(size_t* places, size_t* moves, const orgnet_coverage_diff* diff) {
  return Guard([&] {
    if (int rc = RequirePointers({{places, "places"}, {moves, "moves"}, {diff, "diff"}})) return rc;
    *places = diff->diff.places.size();
    *moves = diff->diff.moved.size();
    return ORGNET_OK;
  });
}

int orgnet_coverage_diff_place(orgnet_place_delta* out, const orgnet_coverage_diff* diff,
                               size_t index) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {diff, "diff"}})) return rc;
    if (int rc = CheckIndex(index, diff->diff.places.size(), "index", "the diff's places")) {
      return rc;
    }
    const orgnet::PlaceDelta& p = diff->diff.places[index];
    std::memset(out, 0, sizeof(*out));
    out->level = static_cast<int32_t>(p.level);
    out->before_row = p.before_row;
    out->after_row = p.after_row;
    out->id = p.id.data();
    out->id_len = p.id.size();
    out->name = p.name.data();
    out->name_len = p.name.size();
    for (int r = 0; r < orgnet::kRateCount; ++r) {
      out->before_rates[r] = p.before_rates[r];
      out->after_rates[r] = p.after_rates[r];
    }
    out->before_findings = p.before_findings.data();
    out->after_findings = p.after_findings.data();
    return ORGNET_OK;
  });
}

int orgnet_coverage_diff_move(orgnet_unit_move* out, const orgnet_coverage_diff* diff,
                              size_t index) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {diff, "diff"}})) return rc;
    if (int rc = CheckIndex(index, diff->diff.moved.size(), "index", "the diff's unit moves")) {
      return rc;
    }
    const orgnet::UnitMove& m = diff->diff.moved[index];
    *out = {m.id.data(), m.id.size(), m.before_row, m.after_row,
            static_cast<int32_t>(m.before), static_cast<int32_t>(m.after)};
    return ORGNET_OK;
  });
}

int orgnet_coverage_diff_findings(const int64_t** before, const int64_t** after,
                                  size_t* rule_count, const orgnet_coverage_diff* diff) {
  return Guard([&] {
    if (int rc = RequirePointers({{before, "before"},
                                  {after, "after"},
                                  {rule_count, "rule_count"},
                                  {diff, "diff"}})) {
      return rc;
    }
    *before = diff->diff.before_findings.data();
    *after = diff->diff.after_findings.data();
    *rule_count = diff->diff.before_findings.size();
    return ORGNET_OK;
  });
}

}  // extern "C"
