// Issue 10, point 7: the C functions no other test called, each checked against what the
// fixture datasets hold (worked out by hand from tests/data).
#include <cstring>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "orgnet/orgnet.h"
#include "orgnet/schema.h"
#include "test_util.h"

namespace {

orgnet_network* Load(const std::string& folder) {
  orgnet_network* net = nullptr;
  EXPECT_EQ(orgnet_network_load(&net, folder.data(), folder.size(), nullptr, nullptr), ORGNET_OK)
      << orgnet_last_error();
  return net;
}

uint32_t Find(const orgnet_network* net, int table, const char* id) {
  uint32_t row = ORGNET_NONE;
  EXPECT_EQ(orgnet_network_find(&row, net, table, id, std::strlen(id)), ORGNET_OK) << id;
  return row;
}

TEST(CApiEveryFunction, ErrorsAndNetworkShape) {
  orgnet_network* net = Load(ORGNET_TEST_DATA_DIR "/fixture");
  EXPECT_EQ(orgnet_network_rows(nullptr, net, 0), ORGNET_INVALID_ARGUMENT);
  EXPECT_STRNE(orgnet_last_error(), "");
  orgnet_clear_error();
  EXPECT_STREQ(orgnet_last_error(), "");

  size_t memory = 0;
  ASSERT_EQ(orgnet_network_memory(&memory, net), ORGNET_OK);
  EXPECT_GT(memory, 1000u);
  int has = -1, count = 0, type = -1;
  ASSERT_EQ(orgnet_network_has_table(&has, net, ORGNET_TABLE_LINKS), ORGNET_OK);
  EXPECT_EQ(has, 1);
  ASSERT_EQ(orgnet_network_has_table(&has, net, ORGNET_TABLE_FUNDS), ORGNET_OK);
  EXPECT_EQ(has, 0);  // the fixture has no funds.csv
  ASSERT_EQ(orgnet_network_column_count(&count, net, ORGNET_TABLE_ORGS), ORGNET_OK);
  EXPECT_EQ(count, 7);  // six format columns and the extra "phone"
  ASSERT_EQ(orgnet_network_column_type(&type, net, ORGNET_TABLE_ORGS, 0), ORGNET_OK);
  EXPECT_EQ(type, ORGNET_COLUMN_ID);
  ASSERT_EQ(orgnet_network_column_type(&type, net, ORGNET_TABLE_ORGS, 3), ORGNET_OK);
  EXPECT_EQ(type, ORGNET_COLUMN_REF);
  // Reference targets, as dataset-v1 states them: orgs.parent -> orgs, units.instructor ->
  // staff, members.unit -> units; a text column and the extra column name none.
  int target = 0;
  ASSERT_EQ(orgnet_network_column_target(&target, net, ORGNET_TABLE_ORGS, 3), ORGNET_OK);
  EXPECT_EQ(target, ORGNET_TABLE_ORGS);
  ASSERT_EQ(orgnet_network_column_target(&target, net, ORGNET_TABLE_UNITS, 5), ORGNET_OK);
  EXPECT_EQ(target, ORGNET_TABLE_STAFF);
  ASSERT_EQ(orgnet_network_column_target(&target, net, ORGNET_TABLE_MEMBERS, 4), ORGNET_OK);
  EXPECT_EQ(target, ORGNET_TABLE_UNITS);
  ASSERT_EQ(orgnet_network_column_target(&target, net, ORGNET_TABLE_ORGS, 1), ORGNET_OK);
  EXPECT_EQ(target, -1);
  ASSERT_EQ(orgnet_network_column_target(&target, net, ORGNET_TABLE_ORGS, 6), ORGNET_OK);
  EXPECT_EQ(target, -1);  // the extra column
  EXPECT_EQ(orgnet_network_column_target(&target, net, ORGNET_TABLE_ORGS, 7), ORGNET_OUT_OF_RANGE);
  EXPECT_EQ(orgnet_network_column_target(nullptr, net, ORGNET_TABLE_ORGS, 0),
            ORGNET_INVALID_ARGUMENT);
  ASSERT_EQ(orgnet_network_has_column(&has, net, ORGNET_TABLE_ORGS, 5), ORGNET_OK);
  EXPECT_EQ(has, 1);  // level
  ASSERT_EQ(orgnet_network_has_column(&has, net, ORGNET_TABLE_GRIDS, 5), ORGNET_OK);
  EXPECT_EQ(has, 1);  // lat
  size_t entries = 0;
  ASSERT_EQ(orgnet_network_manifest_count(&entries, net), ORGNET_OK);
  EXPECT_EQ(entries, 3u);  // version, name, as_of

  // M1 is formal and not mobile (0); M2 probationary with an empty mobile cell.
  const uint32_t m1 = Find(net, ORGNET_TABLE_MEMBERS, "M1"), m2 = Find(net, ORGNET_TABLE_MEMBERS, "M2");
  int flag = -1, status = -1;
  ASSERT_EQ(orgnet_network_flag(&flag, net, ORGNET_TABLE_MEMBERS, m1, 6), ORGNET_OK);
  EXPECT_EQ(flag, 0);
  ASSERT_EQ(orgnet_network_status(&status, net, ORGNET_TABLE_MEMBERS, m1, 3), ORGNET_OK);
  EXPECT_EQ(status, 0);
  ASSERT_EQ(orgnet_network_status(&status, net, ORGNET_TABLE_MEMBERS, m2, 3), ORGNET_OK);
  EXPECT_EQ(status, 1);
  orgnet_network_free(net);
}

TEST(CApiEveryFunction, WholeColumnsEqualTheirCells) {
  orgnet_network* net = Load(ORGNET_TEST_DATA_DIR "/fixture");
  const uint32_t* parents = nullptr;
  size_t count = 0;
  ASSERT_EQ(orgnet_network_ref_column(&parents, &count, net, ORGNET_TABLE_ORGS, 3), ORGNET_OK);
  ASSERT_EQ(count, 11u);
  for (uint32_t r = 0; r < count; ++r) {
    uint32_t one = 0;
    ASSERT_EQ(orgnet_network_ref(&one, net, ORGNET_TABLE_ORGS, r, 3), ORGNET_OK);
    EXPECT_EQ(parents[r], one);
  }
  EXPECT_EQ(parents[0], ORGNET_NONE);  // D1 is a root
  const int64_t* households = nullptr;
  ASSERT_EQ(orgnet_network_integer_column(&households, &count, net, ORGNET_TABLE_GRIDS, 3),
            ORGNET_OK);
  ASSERT_EQ(count, 4u);
  EXPECT_EQ(households[0], 420);
  EXPECT_EQ(households[1], 380);
  const double* lon = nullptr;
  ASSERT_EQ(orgnet_network_real_column(&lon, &count, net, ORGNET_TABLE_GRIDS, 4), ORGNET_OK);
  EXPECT_DOUBLE_EQ(lon[0], 117.2);
  EXPECT_TRUE(lon[1] != lon[1]);  // G2 has no coordinates: NaN
  const uint32_t* preorder = nullptr;
  ASSERT_EQ(orgnet_hierarchy_preorder(&preorder, &count, net), ORGNET_OK);
  ASSERT_EQ(count, 11u);
  std::vector<bool> seen(count, false);
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t position = 0;
    ASSERT_EQ(orgnet_hierarchy_preorder_position(&position, net, preorder[i]), ORGNET_OK);
    EXPECT_EQ(position, i);
    seen[preorder[i]] = true;
  }
  EXPECT_EQ(std::vector<bool>(count, true), seen);
  orgnet_network_free(net);
}

TEST(CApiEveryFunction, ReportsCountAndTruncate) {
  orgnet::testing::TempDir dir;
  orgnet::testing::WriteFiles(dir.path(), {{"orgs.csv", "id,name,kind\nA,,street\nB,,street\nC,,x\n"}});
  orgnet_load_options options = ORGNET_LOAD_OPTIONS_INIT;
  options.max_errors = 1;
  orgnet_network* net = nullptr;
  orgnet_report* report = nullptr;
  ASSERT_EQ(orgnet_network_load(&net, dir.path().data(), dir.path().size(), &options, &report),
            ORGNET_INVALID_ARGUMENT);
  int64_t total = 0;
  int truncated = 0;
  ASSERT_EQ(orgnet_report_total(&total, report, ORGNET_ERROR), ORGNET_OK);
  EXPECT_EQ(total, 1);  // the checker stops looking at max_errors ...
  ASSERT_EQ(orgnet_report_truncated(&truncated, report), ORGNET_OK);
  EXPECT_EQ(truncated, 1);  // ... and says the list is cut
  orgnet_report_free(report);
  report = nullptr;
  ASSERT_EQ(orgnet_network_load(&net, dir.path().data(), dir.path().size(), nullptr, &report),
            ORGNET_INVALID_ARGUMENT);
  ASSERT_EQ(orgnet_report_total(&total, report, ORGNET_ERROR), ORGNET_OK);
  EXPECT_EQ(total, 3);  // with the default 20: the three missing names
  ASSERT_EQ(orgnet_report_truncated(&truncated, report), ORGNET_OK);
  EXPECT_EQ(truncated, 0);
  orgnet_report_free(report);
}

TEST(CApiEveryFunction, SaveBuilderAndEveryEdit) {
  orgnet_network* net = Load(ORGNET_TEST_DATA_DIR "/fixture");
  orgnet::testing::TempDir dir;
  ASSERT_EQ(orgnet_network_save(net, dir.path().data(), dir.path().size()), ORGNET_OK);
  orgnet_network* saved = Load(dir.path());
  uint32_t rows = 0;
  ASSERT_EQ(orgnet_network_rows(&rows, saved, ORGNET_TABLE_ORGS), ORGNET_OK);
  EXPECT_EQ(rows, 11u);
  orgnet_network_free(saved);

  orgnet_builder* builder = nullptr;
  ASSERT_EQ(orgnet_builder_from_network(&builder, net), ORGNET_OK);
  ASSERT_EQ(orgnet_builder_set_manifest(builder, "note", 4, "edited", 6), ORGNET_OK);
  orgnet_edit_batch* batch = nullptr;
  ASSERT_EQ(orgnet_edit_batch_new(&batch), ORGNET_OK);
  const char* names[] = {"id", "name", "kind", "parent"};
  const size_t name_lens[] = {2, 4, 4, 6};
  const char* values[] = {"B9", "new branch", "branch", "C3"};
  const size_t value_lens[] = {2, 10, 6, 2};
  ASSERT_EQ(orgnet_edit_insert(batch, ORGNET_TABLE_ORGS, 4, names, name_lens, values, value_lens),
            ORGNET_OK);
  ASSERT_EQ(orgnet_edit_rename(batch, ORGNET_TABLE_ORGS, "X1", 2, "X2", 2), ORGNET_OK);
  ASSERT_EQ(orgnet_edit_remove_link(batch, "U1", 2, "C1", 2, "joint_meeting", 13, "2024-01-01", 10),
            ORGNET_OK);
  ASSERT_EQ(orgnet_edit_remove(batch, ORGNET_TABLE_ORGS, "B2", 2), ORGNET_OK);  // unreferenced
  orgnet_network* edited = nullptr;
  orgnet_report* report = nullptr;
  ASSERT_EQ(orgnet_builder_apply(&edited, builder, batch, nullptr, &report), ORGNET_OK)
      << orgnet_last_error();
  orgnet_report_free(report);
  ASSERT_EQ(orgnet_network_rows(&rows, edited, ORGNET_TABLE_ORGS), ORGNET_OK);
  EXPECT_EQ(rows, 11u);  // B9 added, B2 removed
  uint32_t row = 0;
  EXPECT_EQ(orgnet_network_find(&row, edited, ORGNET_TABLE_ORGS, "X1", 2), ORGNET_NOT_FOUND);
  EXPECT_EQ(orgnet_network_find(&row, edited, ORGNET_TABLE_ORGS, "B2", 2), ORGNET_NOT_FOUND);
  EXPECT_EQ(orgnet_network_find(&row, edited, ORGNET_TABLE_ORGS, "X2", 2), ORGNET_OK);
  EXPECT_EQ(orgnet_network_find(&row, edited, ORGNET_TABLE_ORGS, "B9", 2), ORGNET_OK);
  // The member that X1 held follows the rename.
  const uint32_t m = Find(edited, ORGNET_TABLE_MEMBERS, "M4");
  uint32_t holder = 0;
  ASSERT_EQ(orgnet_network_ref(&holder, edited, ORGNET_TABLE_MEMBERS, m, 2), ORGNET_OK);
  EXPECT_EQ(holder, Find(edited, ORGNET_TABLE_ORGS, "X2"));
  ASSERT_EQ(orgnet_network_rows(&rows, edited, ORGNET_TABLE_LINKS), ORGNET_OK);
  EXPECT_EQ(rows, 1u);
  size_t entries = 0;
  ASSERT_EQ(orgnet_network_manifest_count(&entries, edited), ORGNET_OK);
  EXPECT_EQ(entries, 4u);
  orgnet_network_free(edited);
  orgnet_edit_batch_free(batch);
  orgnet_builder_free(builder);
  orgnet_network_free(net);
}

TEST(CApiEveryFunction, AnalysesFigures) {
  orgnet_network* net = Load(ORGNET_TEST_DATA_DIR "/fixture");
  orgnet_coverage* coverage = nullptr;
  ASSERT_EQ(orgnet_coverage_compute(&coverage, net, nullptr), ORGNET_OK);
  int32_t as_of = 0;
  ASSERT_EQ(orgnet_coverage_as_of(&as_of, coverage), ORGNET_OK);
  EXPECT_EQ(as_of, *orgnet::ParseDate("2026-06-30"));
  EXPECT_STREQ(orgnet_coverage_rollup_name(ORGNET_ROLLUP_STREET), "street");
  size_t rules = 0;
  ASSERT_EQ(orgnet_coverage_rule_count(&rules), ORGNET_OK);
  EXPECT_EQ(rules, 16u);
  int ran = -1, found = -1;
  ASSERT_EQ(orgnet_coverage_find_rule(&found, "grid_without_manager", 20), ORGNET_OK);
  ASSERT_EQ(orgnet_coverage_rule_ran(&ran, coverage, found), ORGNET_OK);
  EXPECT_EQ(ran, 1);  // grids and staff are present
  orgnet_coverage_free(coverage);
  orgnet_links* links = nullptr;
  ASSERT_EQ(orgnet_links_build(&links, net, nullptr), ORGNET_OK);
  size_t pairs = 0;
  ASSERT_EQ(orgnet_links_pair_count(&pairs, links), ORGNET_OK);
  EXPECT_EQ(pairs, 1u);  // two links, one pair {C1, U1}
  size_t clusters = 0, linked = 0;
  ASSERT_EQ(orgnet_links_cluster_count(&clusters, links, 1), ORGNET_OK);
  ASSERT_EQ(orgnet_links_cluster_count(&linked, links, 2), ORGNET_OK);
  uint32_t orgs = 0;
  ASSERT_EQ(orgnet_network_rows(&orgs, net, ORGNET_TABLE_ORGS), ORGNET_OK);
  EXPECT_EQ(linked, 1u);  // {C1, U1}
  EXPECT_EQ(clusters, orgs - 1u);  // that pair, and every other organization alone
  EXPECT_EQ(orgnet_links_cluster_count(nullptr, links, 1), ORGNET_INVALID_ARGUMENT);
  EXPECT_EQ(orgnet_links_cluster_count(&clusters, nullptr, 1), ORGNET_INVALID_ARGUMENT);
  orgnet_links_free(links);
  orgnet_network_free(net);

  orgnet_network* cobuild = Load(ORGNET_TEST_DATA_DIR "/cobuild");
  orgnet_matching* matching = nullptr;
  ASSERT_EQ(orgnet_matching_compute(&matching, cobuild, ORGNET_MATCH_EITHER, nullptr), ORGNET_OK);
  int64_t total = 0, needed = 0, offered = 0;
  ASSERT_EQ(orgnet_matching_totals(&total, &needed, &offered, matching), ORGNET_OK);
  const int64_t* met = nullptr;
  const int64_t* used = nullptr;
  size_t needs = 0, resources = 0;
  ASSERT_EQ(orgnet_matching_need_met(&met, &needs, matching), ORGNET_OK);
  ASSERT_EQ(orgnet_matching_resource_used(&used, &resources, matching), ORGNET_OK);
  EXPECT_EQ(needs, 5u);
  EXPECT_EQ(resources, 5u);
  int64_t met_sum = 0, used_sum = 0;
  for (size_t i = 0; i < needs; ++i) met_sum += met[i];
  for (size_t i = 0; i < resources; ++i) used_sum += used[i];
  EXPECT_EQ(met_sum, total);
  EXPECT_EQ(used_sum, total);
  EXPECT_EQ(needed, 10 + 5 + 4 + 3 + 1);
  EXPECT_EQ(offered, 6 + 8 + 5 + 2 + 9);
  orgnet_matching_free(matching);
  orgnet_network_free(cobuild);

  orgnet_network* service = Load(ORGNET_TEST_DATA_DIR "/service");
  orgnet_events* events = nullptr;
  ASSERT_EQ(orgnet_events_compute(&events, service, nullptr), ORGNET_OK);
  size_t categories = 0;
  ASSERT_EQ(orgnet_events_category_count(&categories, events), ORGNET_OK);
  EXPECT_EQ(categories, 2u);  // noise, repair
  orgnet_events_free(events);
  orgnet_network_free(service);
}

}  // namespace
