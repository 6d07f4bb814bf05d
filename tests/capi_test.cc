// The C ABI from C++ with GoogleTest: results, ownership and misuse.
#include <cmath>
#include <cstring>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "orgnet/cobuild.h"
#include "orgnet/coverage.h"
#include "orgnet/diagnostic.h"
#include "orgnet/events.h"
#include "orgnet/orgnet.h"
#include "orgnet/schema.h"
#include "test_util.h"

namespace {

std::string Str(const char* data, size_t length) { return std::string(data, length); }

class CApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    orgnet::testing::WriteFiles(dir_.path(), orgnet::testing::DistrictFixture());
    ASSERT_EQ(orgnet_network_load(&net_, dir_.path().data(), dir_.path().size(), nullptr, nullptr),
              ORGNET_OK)
        << orgnet_last_error();
  }
  void TearDown() override { orgnet_network_free(net_); }
  uint32_t Org(const char* id) {
    uint32_t row = ORGNET_NONE;
    EXPECT_EQ(orgnet_network_find(&row, net_, ORGNET_TABLE_ORGS, id, std::strlen(id)), ORGNET_OK);
    return row;
  }
  orgnet::testing::TempDir dir_;
  orgnet_network* net_ = nullptr;
};

TEST_F(CApiTest, VersionAndStatusStrings) {
  EXPECT_STREQ(orgnet_version(), ORGNET_VERSION_STRING);
  EXPECT_EQ(orgnet_abi_version(), ORGNET_ABI_VERSION);
  EXPECT_STREQ(orgnet_status_string(ORGNET_NOT_FOUND), "not found");
  EXPECT_STREQ(orgnet_status_string(999), "unrecognized status code");
}

TEST_F(CApiTest, TablesAndCells) {
  uint32_t rows = 0;
  ASSERT_EQ(orgnet_network_rows(&rows, net_, ORGNET_TABLE_MEMBERS), ORGNET_OK);
  EXPECT_EQ(rows, 4u);
  int column = -1;
  ASSERT_EQ(orgnet_network_find_column(&column, net_, ORGNET_TABLE_ORGS, "phone", 5), ORGNET_OK);
  const char* text = nullptr;
  size_t length = 0;
  ASSERT_EQ(orgnet_network_text(&text, &length, net_, ORGNET_TABLE_ORGS, Org("S1"), column),
            ORGNET_OK);
  EXPECT_EQ(Str(text, length), "022-1");
  ASSERT_EQ(orgnet_network_text(&text, &length, net_, ORGNET_TABLE_ORGS, Org("B1"), 3), ORGNET_OK);
  EXPECT_EQ(Str(text, length), "C1");  // a reference reads as the id
  uint32_t parent = 0;
  ASSERT_EQ(orgnet_network_ref(&parent, net_, ORGNET_TABLE_ORGS, Org("B1"), 3), ORGNET_OK);
  EXPECT_EQ(parent, Org("C1"));
  int64_t households = 0;
  ASSERT_EQ(orgnet_network_integer(&households, net_, ORGNET_TABLE_GRIDS, 2, 3), ORGNET_OK);
  EXPECT_EQ(households, ORGNET_NO_INTEGER);
  char* cell = nullptr;
  ASSERT_EQ(orgnet_network_cell_text(&cell, &length, net_, ORGNET_TABLE_MEMBERS, 0, 9), ORGNET_OK);
  EXPECT_STREQ(cell, "2026-01-05");
  orgnet_free(cell);
  const int32_t* dates = nullptr;
  size_t count = 0;
  ASSERT_EQ(orgnet_network_date_column(&dates, &count, net_, ORGNET_TABLE_MEMBERS, 9), ORGNET_OK);
  ASSERT_EQ(count, 4u);
  EXPECT_EQ(dates[1], ORGNET_NO_DATE);
  int32_t as_of = 0;
  ASSERT_EQ(orgnet_network_as_of(&as_of, net_), ORGNET_OK);
  EXPECT_EQ(as_of, *orgnet::ParseDate("2026-06-30"));
}

TEST_F(CApiTest, HierarchyAndTerritory) {
  const uint32_t* children = nullptr;
  size_t count = 0;
  ASSERT_EQ(orgnet_hierarchy_children(&children, &count, net_, Org("S1")), ORGNET_OK);
  ASSERT_EQ(count, 3u);
  EXPECT_EQ(children[0], Org("C1"));
  uint32_t* ancestors = nullptr;
  ASSERT_EQ(orgnet_hierarchy_ancestors(&ancestors, &count, net_, Org("B2")), ORGNET_OK);
  ASSERT_EQ(count, 4u);
  EXPECT_EQ(ancestors[3], Org("D1"));
  orgnet_free(ancestors);
  uint32_t* communities = nullptr;
  ASSERT_EQ(orgnet_hierarchy_of_kind(&communities, &count, net_, Org("D1"), "community", 9),
            ORGNET_OK);
  EXPECT_EQ(count, 3u);
  orgnet_free(communities);
  uint32_t position = 0;
  ASSERT_EQ(orgnet_hierarchy_preorder_position(&position, net_, Org("C2")), ORGNET_OK);
  EXPECT_EQ(position, 5u);  // D1 S1 C1 B1 B2 C2 ...
  uint32_t max_depth = 0;
  ASSERT_EQ(orgnet_hierarchy_max_depth(&max_depth, net_), ORGNET_OK);
  EXPECT_EQ(max_depth, 4u);  // D1 > S1 > C1 > B1 > B2
  uint32_t lca = 0;
  ASSERT_EQ(orgnet_hierarchy_lca(&lca, net_, Org("B2"), Org("J1")), ORGNET_OK);
  EXPECT_EQ(lca, Org("S1"));
  ASSERT_EQ(orgnet_hierarchy_lca(&lca, net_, Org("B2"), Org("X1")), ORGNET_OK);
  EXPECT_EQ(lca, ORGNET_NONE);
  int yes = 0;
  ASSERT_EQ(orgnet_hierarchy_is_ancestor(&yes, net_, Org("S1"), Org("B2")), ORGNET_OK);
  EXPECT_EQ(yes, 1);
  orgnet_place place;
  ASSERT_EQ(orgnet_territory_place(&place, net_, ORGNET_TABLE_MEMBERS, 1), ORGNET_OK);
  EXPECT_EQ(place.street, Org("S1"));
  EXPECT_EQ(place.grid, 1u);  // G2
  const uint32_t* units = nullptr;
  ASSERT_EQ(orgnet_territory_in(&units, &count, net_, ORGNET_IN_UNITS, Org("S1")), ORGNET_OK);
  EXPECT_EQ(count, 2u);
  int64_t unknown = 0;
  ASSERT_EQ(orgnet_territory_unknown(&unknown, net_, ORGNET_TABLE_MEMBERS, ORGNET_LEVEL_COMMUNITY),
            ORGNET_OK);
  EXPECT_EQ(unknown, 2);
}

// Versions and strict edits through the C ABI.
TEST_F(CApiTest, EditsMakeNumberedVersionsAndNameTheirColumns) {
  uint64_t version = 0, parent = 99;
  ASSERT_EQ(orgnet_network_version(&version, &parent, net_), ORGNET_OK);
  EXPECT_GT(version, 0u);
  EXPECT_EQ(parent, 0u);
  EXPECT_EQ(orgnet_network_version(nullptr, nullptr, net_), ORGNET_OK);
  EXPECT_EQ(orgnet_network_version(&version, &parent, nullptr), ORGNET_INVALID_ARGUMENT);
  orgnet_edit_batch* batch = nullptr;
  ASSERT_EQ(orgnet_edit_batch_new(&batch), ORGNET_OK);
  ASSERT_EQ(orgnet_edit_add_column(batch, ORGNET_TABLE_MEMBERS, "phone", 5), ORGNET_OK);
  ASSERT_EQ(orgnet_edit_set(batch, ORGNET_TABLE_MEMBERS, "M1", 2, "phone", 5, "123", 3), ORGNET_OK);
  orgnet_network* edited = nullptr;
  ASSERT_EQ(orgnet_network_edit(&edited, net_, batch, nullptr, nullptr), ORGNET_OK);
  uint64_t edited_version = 0, edited_parent = 0;
  ASSERT_EQ(orgnet_network_version(&edited_version, &edited_parent, edited), ORGNET_OK);
  EXPECT_EQ(edited_parent, version);
  EXPECT_GT(edited_version, version);
  int column = -1;
  EXPECT_EQ(orgnet_network_find_column(&column, edited, ORGNET_TABLE_MEMBERS, "phone", 5), ORGNET_OK);
  EXPECT_EQ(orgnet_network_find_column(&column, net_, ORGNET_TABLE_MEMBERS, "phone", 5),
            ORGNET_NOT_FOUND);
  orgnet_network_free(edited);
  orgnet_edit_batch_free(batch);
  ASSERT_EQ(orgnet_edit_batch_new(&batch), ORGNET_OK);
  ASSERT_EQ(orgnet_edit_set(batch, ORGNET_TABLE_MEMBERS, "M1", 2, "nmae", 4, "x", 1), ORGNET_OK);
  EXPECT_EQ(orgnet_network_edit(&edited, net_, batch, nullptr, nullptr), ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(),
               "edit 1 (set members.csv id \"M1\" column \"nmae\"): members.csv has no column "
               "\"nmae\" (did you mean \"name\"?); to add a column, use AddColumn first");
  orgnet_edit_batch_free(batch);
  EXPECT_EQ(orgnet_edit_add_column(nullptr, ORGNET_TABLE_MEMBERS, "x", 1), ORGNET_INVALID_ARGUMENT);
}

// Rows of tables without ids are edited by number.
TEST_F(CApiTest, RowsWithoutIdsAreEditedByNumber) {
  orgnet_edit_batch* batch = nullptr;
  ASSERT_EQ(orgnet_edit_batch_new(&batch), ORGNET_OK);
  ASSERT_EQ(orgnet_edit_set_row(batch, ORGNET_TABLE_LINKS, 0, "until", 5, "2030-01-01", 10),
            ORGNET_OK);
  ASSERT_EQ(orgnet_edit_remove_row(batch, ORGNET_TABLE_LINKS, 1), ORGNET_OK);
  orgnet_network* edited = nullptr;
  ASSERT_EQ(orgnet_network_edit(&edited, net_, batch, nullptr, nullptr), ORGNET_OK);
  uint32_t rows = 0;
  ASSERT_EQ(orgnet_network_rows(&rows, edited, ORGNET_TABLE_LINKS), ORGNET_OK);
  EXPECT_EQ(rows, 1u);
  int32_t until = 0;
  ASSERT_EQ(orgnet_network_date(&until, edited, ORGNET_TABLE_LINKS, 0, 4), ORGNET_OK);
  EXPECT_EQ(until, 21915);  // 2030-01-01
  orgnet_network_free(edited);
  orgnet_edit_batch_free(batch);
  ASSERT_EQ(orgnet_edit_batch_new(&batch), ORGNET_OK);
  ASSERT_EQ(orgnet_edit_remove_row(batch, ORGNET_TABLE_LINKS, 2), ORGNET_OK);
  EXPECT_EQ(orgnet_network_edit(&edited, net_, batch, nullptr, nullptr), ORGNET_OUT_OF_RANGE);
  EXPECT_STREQ(orgnet_last_error(),
               "edit 1 (remove links.csv row index 2): row index 2 out of range: links.csv has 2 "
               "rows");
  orgnet_edit_batch_free(batch);
  ASSERT_EQ(orgnet_edit_batch_new(&batch), ORGNET_OK);
  ASSERT_EQ(orgnet_edit_set_row(batch, ORGNET_TABLE_ORGS, 0, "name", 4, "x", 1), ORGNET_OK);
  EXPECT_EQ(orgnet_network_edit(&edited, net_, batch, nullptr, nullptr), ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(),
               "edit 1 (set orgs.csv row index 0 column \"name\"): orgs.csv rows are named by id: "
               "use Set or Remove");
  orgnet_edit_batch_free(batch);
  EXPECT_EQ(orgnet_edit_remove_row(nullptr, 0, 0), ORGNET_INVALID_ARGUMENT);
  EXPECT_EQ(orgnet_edit_set_row(batch = nullptr, 99, 0, "a", 1, "b", 1), ORGNET_INVALID_ARGUMENT);
}

// Each NULL output is named as the header names it (not "out" for every one of them).
TEST_F(CApiTest, ANullPointerIsNamedByItsParameter) {
  orgnet_links* links = nullptr;
  ASSERT_EQ(orgnet_links_build(&links, net_, nullptr), ORGNET_OK);
  uint32_t* rows = nullptr;
  EXPECT_EQ(orgnet_links_isolated(&rows, nullptr, links), ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "out_count is NULL");
  EXPECT_EQ(orgnet_links_isolated(nullptr, nullptr, links), ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "out is NULL");
  uint32_t *cluster_of = nullptr, *sizes = nullptr, *first = nullptr;
  size_t orgs = 0, clusters = 0;
  EXPECT_EQ(orgnet_links_components(&cluster_of, &orgs, &sizes, nullptr, &clusters, links),
            ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "first_org is NULL");
  EXPECT_EQ(orgnet_links_components(&cluster_of, &orgs, &sizes, &first, &clusters, nullptr),
            ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "links is NULL");
  orgnet_links_free(links);
  orgnet_coverage* coverage = nullptr;
  ASSERT_EQ(orgnet_coverage_compute(&coverage, net_, nullptr), ORGNET_OK);
  const uint8_t *unit_coverage = nullptr, *counted = nullptr;
  const uint32_t* formal = nullptr;
  size_t units = 0;
  EXPECT_EQ(orgnet_coverage_units(&unit_coverage, &counted, &formal, nullptr, &units, coverage),
            ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "probationary is NULL");
  orgnet_coverage_free(coverage);
  orgnet_link_filter filter;
  EXPECT_EQ(orgnet_link_filter_init(nullptr, ORGNET_LINK_FILTER_VERSION), ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "filter is NULL");
  EXPECT_EQ(orgnet_link_filter_init(&filter, ORGNET_LINK_FILTER_VERSION), ORGNET_OK);
  filter.version = 99;
  EXPECT_EQ(orgnet_links_build(&links, net_, &filter), ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "orgnet_link_filter.version is 99; this library knows version 1");
}

TEST_F(CApiTest, MisuseIsAnErrorNeverACrash) {
  uint32_t rows = 0;
  EXPECT_EQ(orgnet_network_rows(&rows, nullptr, 0), ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "network is NULL");
  EXPECT_EQ(orgnet_network_rows(nullptr, net_, 0), ORGNET_INVALID_ARGUMENT);
  EXPECT_EQ(orgnet_network_rows(&rows, net_, 11), ORGNET_OUT_OF_RANGE);
  EXPECT_STREQ(orgnet_last_error(), "table 11 out of range [0, 11)");
  uint32_t row = 7;
  EXPECT_EQ(orgnet_network_find(&row, net_, ORGNET_TABLE_ORGS, "ZZ", 2), ORGNET_NOT_FOUND);
  EXPECT_STREQ(orgnet_last_error(), "no row with id \"ZZ\" in orgs.csv");
  EXPECT_EQ(row, 7u);  // outputs unchanged on failure
  EXPECT_EQ(orgnet_network_find(&row, net_, ORGNET_TABLE_LINKS, "a", 1), ORGNET_INVALID_ARGUMENT);
  EXPECT_EQ(orgnet_network_find(&row, net_, ORGNET_TABLE_ORGS, nullptr, 3), ORGNET_INVALID_ARGUMENT);
  uint32_t parent = 0;
  EXPECT_EQ(orgnet_hierarchy_parent(&parent, net_, 11), ORGNET_OUT_OF_RANGE);
  EXPECT_STREQ(orgnet_last_error(), "row 11 out of range: orgs.csv has 11 rows");
  int64_t value = 0;
  EXPECT_EQ(orgnet_network_integer(&value, net_, ORGNET_TABLE_ORGS, 0, 1), ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "column \"name\" is not of this type; use orgnet_network_integer");
  orgnet_place place;
  EXPECT_EQ(orgnet_territory_place(&place, net_, ORGNET_TABLE_LINKS, 0), ORGNET_INVALID_ARGUMENT);
  orgnet_load_options options = ORGNET_LOAD_OPTIONS_INIT;
  options.version = 99;
  orgnet_network* other = nullptr;
  EXPECT_EQ(orgnet_network_load(&other, "x", 1, &options, nullptr), ORGNET_INVALID_ARGUMENT);
  EXPECT_EQ(other, nullptr);
  // Freeing NULL is fine.
  orgnet_network_free(nullptr);
  orgnet_report_free(nullptr);
  orgnet_builder_free(nullptr);
  orgnet_edit_batch_free(nullptr);
  orgnet_free(nullptr);
  orgnet_free(nullptr);
}

TEST_F(CApiTest, FreeingAnEditedNetworkLeavesTheOriginalValid) {
  orgnet_edit_batch* batch = nullptr;
  ASSERT_EQ(orgnet_edit_batch_new(&batch), ORGNET_OK);
  ASSERT_EQ(orgnet_edit_set(batch, ORGNET_TABLE_ORGS, "X1", 2, "parent", 6, "D1", 2), ORGNET_OK);
  orgnet_network* edited = nullptr;
  ASSERT_EQ(orgnet_network_edit(&edited, net_, batch, nullptr, nullptr), ORGNET_OK)
      << orgnet_last_error();
  const uint32_t* roots = nullptr;
  size_t count = 0;
  ASSERT_EQ(orgnet_hierarchy_roots(&roots, &count, edited), ORGNET_OK);
  EXPECT_EQ(count, 1u);
  orgnet_network_free(edited);
  orgnet_edit_batch_free(batch);
  ASSERT_EQ(orgnet_hierarchy_roots(&roots, &count, net_), ORGNET_OK);
  EXPECT_EQ(count, 2u);
}

TEST_F(CApiTest, FailedLoadGivesAReport) {
  orgnet::testing::TempDir bad;
  orgnet::testing::WriteFiles(bad.path(), {{"orgs.csv", "id,name,kind,parent\nA,a,x,Q\nB,b,x,R\n"}});
  orgnet_network* out = nullptr;
  orgnet_report* report = nullptr;
  EXPECT_EQ(orgnet_network_load(&out, bad.path().data(), bad.path().size(), nullptr, &report),
            ORGNET_INVALID_ARGUMENT);
  EXPECT_EQ(out, nullptr);
  EXPECT_EQ(std::string(orgnet_last_error()),
            bad.path() + "/orgs.csv:2: column parent: unknown org id \"Q\" (and 1 more errors)");
  size_t count = 0;
  ASSERT_EQ(orgnet_report_count(&count, report, ORGNET_ERROR), ORGNET_OK);
  ASSERT_EQ(count, 2u);
  orgnet_diagnostic d;
  ASSERT_EQ(orgnet_report_get(&d, report, ORGNET_ERROR, 1), ORGNET_OK);
  EXPECT_EQ(d.line, 3);
  EXPECT_STREQ(d.column, "parent");
  EXPECT_STREQ(d.message, "unknown org id \"R\"");
  EXPECT_EQ(orgnet_report_get(&d, report, ORGNET_ERROR, 2), ORGNET_OUT_OF_RANGE);
  orgnet_report_free(report);
}

TEST_F(CApiTest, BuilderFromC) {
  orgnet_builder* builder = nullptr;
  ASSERT_EQ(orgnet_builder_new(&builder), ORGNET_OK);
  const char* names[] = {"id", "name", "kind"};
  const size_t name_lens[] = {2, 4, 4};
  const char* values[] = {"S", "街道", "street"};
  const size_t value_lens[] = {1, std::strlen("街道"), 6};
  ASSERT_EQ(orgnet_builder_add_row(builder, ORGNET_TABLE_ORGS, 3, names, name_lens, values,
                                   value_lens),
            ORGNET_OK);
  // A misspelt column: an error naming the closest, nothing added; an extra one explicitly.
  const char* misspelt[] = {"id", "nmae"};
  const size_t misspelt_lens[] = {2, 4};
  const char* values2[] = {"T", "x"};
  const size_t value2_lens[] = {1, 1};
  EXPECT_EQ(orgnet_builder_add_row(builder, ORGNET_TABLE_ORGS, 2, misspelt, misspelt_lens,
                                   values2, value2_lens),
            ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "orgs.csv has no column \"nmae\" (did you mean \"name\"?); "
                                    "to add a column, use AddColumn first");
  EXPECT_EQ(orgnet_builder_add_column(builder, ORGNET_TABLE_ORGS, "phone", 5), ORGNET_OK);
  EXPECT_EQ(orgnet_builder_add_column(builder, ORGNET_TABLE_ORGS, "phone", 5),
            ORGNET_ALREADY_EXISTS);
  EXPECT_EQ(orgnet_builder_add_column(builder, ORGNET_TABLE_ORGS, "kind", 4),
            ORGNET_INVALID_ARGUMENT);
  EXPECT_EQ(orgnet_builder_add_column(builder, 99, "x", 1), ORGNET_OUT_OF_RANGE);
  orgnet_network* built = nullptr;
  ASSERT_EQ(orgnet_builder_build(&built, builder, nullptr, nullptr), ORGNET_OK);
  uint32_t rows = 0;
  ASSERT_EQ(orgnet_network_rows(&rows, built, ORGNET_TABLE_ORGS), ORGNET_OK);
  EXPECT_EQ(rows, 1u);
  orgnet_network_free(built);
  orgnet_builder_free(builder);
}

}  // namespace

namespace {

TEST(CApiCoverageTest, TablesWalkableFromC) {
  const std::string path = ORGNET_TEST_DATA_DIR "/coverage";
  orgnet_network* net = nullptr;
  ASSERT_EQ(orgnet_network_load(&net, path.data(), path.size(), nullptr, nullptr), ORGNET_OK);
  orgnet_coverage_rules rules = ORGNET_COVERAGE_RULES_INIT;
  const char* kinds[] = {"enterprise", "social_org", "agency"};
  const size_t lens[] = {10, 10, 6};
  rules.counted_unit_kinds = kinds;
  rules.counted_unit_kind_lens = lens;
  rules.counted_unit_kind_count = 3;
  orgnet_coverage* coverage = nullptr;
  ASSERT_EQ(orgnet_coverage_compute(&coverage, net, &rules), ORGNET_OK) << orgnet_last_error();
  orgnet_network_free(net);  // the coverage keeps what it needs alive
  const uint32_t* rows = nullptr;
  size_t count = 0;
  ASSERT_EQ(orgnet_coverage_rollup_rows(&rows, &count, coverage, ORGNET_ROLLUP_STREET), ORGNET_OK);
  ASSERT_EQ(count, 1u);
  const uint32_t* counted = nullptr;
  ASSERT_EQ(orgnet_coverage_rollup_counter(&counted, &count, coverage, ORGNET_ROLLUP_STREET, ORGNET_COUNTER_UNITS_COUNTED),
            ORGNET_OK);
  EXPECT_STREQ(orgnet_coverage_counter_name(1), "units_counted");
  EXPECT_EQ(counted[0], 11u);  // 10 enterprises and social organizations + the agency I
  const double* rate = nullptr;
  ASSERT_EQ(orgnet_coverage_rollup_rate(&rate, &count, coverage, ORGNET_ROLLUP_GRID, ORGNET_RATE_MEMBER_ATTACHMENT), ORGNET_OK);
  EXPECT_STREQ(orgnet_coverage_rate_name(5), "member_attachment_rate");
  EXPECT_TRUE(std::isnan(rate[1]));  // G2: no members
  const uint8_t* unit_coverage = nullptr;
  const uint8_t* unit_counted = nullptr;
  const uint32_t* formal = nullptr;
  const uint32_t* probationary = nullptr;
  ASSERT_EQ(orgnet_coverage_units(&unit_coverage, &unit_counted, &formal, &probationary, &count,
                                  coverage),
            ORGNET_OK);
  ASSERT_EQ(count, 12u);
  EXPECT_EQ(unit_coverage[7], ORGNET_COVERAGE_NONE);  // H
  EXPECT_EQ(formal[0], 3u);
  const orgnet_finding* findings = nullptr;
  ASSERT_EQ(orgnet_coverage_findings(&findings, &count, coverage), ORGNET_OK);
  ASSERT_EQ(count, 19u);
  orgnet_rule_info info;
  ASSERT_EQ(orgnet_coverage_rule(&info, findings[0].rule), ORGNET_OK);
  EXPECT_STREQ(info.code, "unit_without_own_org");
  EXPECT_EQ(findings[0].table, ORGNET_TABLE_UNITS);
  EXPECT_EQ(findings[0].value, 3);
  char* text = nullptr;
  ASSERT_EQ(orgnet_coverage_describe(&text, &count, coverage, 4), ORGNET_OK);
  EXPECT_STREQ(text, "member m10 (党员十) is attached to no organization");
  orgnet_free(text);
  int rule = -1;
  ASSERT_EQ(orgnet_coverage_find_rule(&rule, "member_lost_contact", 19), ORGNET_OK);
  int64_t skipped = 0;
  ASSERT_EQ(orgnet_coverage_skipped(&skipped, coverage, rule), ORGNET_OK);
  EXPECT_EQ(skipped, 9);
  EXPECT_EQ(orgnet_coverage_find_rule(&rule, "nope", 4), ORGNET_NOT_FOUND);
  EXPECT_EQ(orgnet_coverage_rollup_rows(&rows, &count, coverage, 9), ORGNET_OUT_OF_RANGE);
  EXPECT_EQ(orgnet_coverage_rollup_rows(&rows, &count, nullptr, 0), ORGNET_INVALID_ARGUMENT);
  const orgnet_disagreement* disagreements = nullptr;
  ASSERT_EQ(orgnet_coverage_disagreements(&disagreements, &count, coverage), ORGNET_OK);
  ASSERT_EQ(count, 1u);
  EXPECT_EQ(disagreements[0].leading_street, ORGNET_NONE);
  orgnet_coverage_free(coverage);
  orgnet_coverage_free(nullptr);
}

}  // namespace

// The options' defaults live once, in the C++ structs: the init functions copy them, and the
// `_INIT` macros (which C needs at compile time) must say the same.
namespace init_test {

TEST(OptionsInit, MacrosInitFunctionsAndCppDefaultsAgree) {
  orgnet_load_options load_macro = ORGNET_LOAD_OPTIONS_INIT, load{};
  ASSERT_EQ(orgnet_load_options_init(&load, ORGNET_LOAD_OPTIONS_VERSION), ORGNET_OK);
  const orgnet::LoadOptions load_cpp;
  EXPECT_EQ(load.version, load_macro.version);
  EXPECT_EQ(load.max_errors, load_macro.max_errors);
  EXPECT_EQ(load.max_warnings, load_macro.max_warnings);
  EXPECT_EQ(load.threads, load_macro.threads);
  EXPECT_EQ(load.max_errors, load_cpp.max_errors);
  EXPECT_EQ(load.max_warnings, load_cpp.max_warnings);
  EXPECT_EQ(load.threads, load_cpp.threads);

  orgnet_coverage_rules rules_macro = ORGNET_COVERAGE_RULES_INIT, rules{};
  ASSERT_EQ(orgnet_coverage_rules_init(&rules, ORGNET_COVERAGE_RULES_VERSION), ORGNET_OK);
  const orgnet::CoverageRules rules_cpp;
  auto fields = [](const orgnet_coverage_rules& r) {
    return std::make_tuple(r.version, r.counted_unit_kinds == nullptr, r.counted_unit_kind_count,
                           r.own_org_min_formal, r.joint_max_units, r.branch_max_members,
                           r.general_branch_max_members, r.branch_min_formal,
                           r.group_min_members, r.registration_min_rate,
                           r.mobile_transfer_months, r.lost_contact_months,
                           r.grid_min_households, r.grid_max_households, r.as_of);
  };
  EXPECT_EQ(fields(rules), fields(rules_macro));
  EXPECT_EQ(std::make_tuple(rules.own_org_min_formal, rules.joint_max_units,
                            rules.branch_max_members, rules.general_branch_max_members,
                            rules.branch_min_formal, rules.group_min_members,
                            rules.registration_min_rate, rules.mobile_transfer_months,
                            rules.lost_contact_months, rules.grid_min_households,
                            rules.grid_max_households, rules.as_of),
            std::make_tuple(rules_cpp.own_org_min_formal, rules_cpp.joint_max_units,
                            rules_cpp.branch_max_members, rules_cpp.general_branch_max_members,
                            rules_cpp.branch_min_formal, rules_cpp.group_min_members,
                            rules_cpp.registration_min_rate, rules_cpp.mobile_transfer_months,
                            rules_cpp.lost_contact_months, rules_cpp.grid_min_households,
                            rules_cpp.grid_max_households, rules_cpp.as_of));

  orgnet_link_filter filter_macro = ORGNET_LINK_FILTER_INIT, filter{};
  ASSERT_EQ(orgnet_link_filter_init(&filter, ORGNET_LINK_FILTER_VERSION), ORGNET_OK);
  EXPECT_EQ(filter.version, filter_macro.version);
  EXPECT_EQ(filter.on, filter_macro.on);
  EXPECT_EQ(filter.on, orgnet::LinkFilter{}.on);
  EXPECT_EQ(filter.kinds, nullptr);
  EXPECT_EQ(filter.kind_count, 0u);

  orgnet_suggestion_weights weights_macro = ORGNET_SUGGESTION_WEIGHTS_INIT, weights{};
  ASSERT_EQ(orgnet_suggestion_weights_init(&weights, ORGNET_SUGGESTION_WEIGHTS_VERSION),
            ORGNET_OK);
  const orgnet::SuggestionWeights weights_cpp;
  EXPECT_EQ(std::make_tuple(weights.version, weights.same_grid, weights.same_community,
                            weights.common_partner, weights.need_resource),
            std::make_tuple(weights_macro.version, weights_macro.same_grid,
                            weights_macro.same_community, weights_macro.common_partner,
                            weights_macro.need_resource));
  EXPECT_EQ(std::make_tuple(weights.same_grid, weights.same_community, weights.common_partner,
                            weights.need_resource),
            std::make_tuple(weights_cpp.same_grid, weights_cpp.same_community,
                            weights_cpp.common_partner, weights_cpp.need_resource));

  orgnet_event_options events_macro = ORGNET_EVENT_OPTIONS_INIT, events{};
  ASSERT_EQ(orgnet_event_options_init(&events, ORGNET_EVENT_OPTIONS_VERSION), ORGNET_OK);
  const orgnet::EventOptions events_cpp;
  auto event_fields = [](const orgnet_event_options& e) {
    return std::make_tuple(e.version, e.from, e.to, e.as_of, e.backlog_days[0], e.backlog_days[1],
                           e.backlog_days[2], e.hot_spot_min_events);
  };
  EXPECT_EQ(event_fields(events), event_fields(events_macro));
  EXPECT_EQ(std::make_tuple(events.from, events.to, events.as_of, events.backlog_days[0],
                            events.backlog_days[1], events.backlog_days[2],
                            events.hot_spot_min_events),
            std::make_tuple(events_cpp.from, events_cpp.to, events_cpp.as_of,
                            events_cpp.backlog_days[0], events_cpp.backlog_days[1],
                            events_cpp.backlog_days[2], events_cpp.hot_spot_min_events));
}

TEST(OptionsInit, NullOrUnknownVersionIsInvalid) {
  EXPECT_EQ(orgnet_load_options_init(nullptr, ORGNET_LOAD_OPTIONS_VERSION),
            ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "options is NULL");
  orgnet_event_options options = ORGNET_EVENT_OPTIONS_INIT;
  options.hot_spot_min_events = 99;
  EXPECT_EQ(orgnet_event_options_init(&options, 7), ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(),
               "orgnet_event_options version 7 is not known; this library knows version 1");
  EXPECT_EQ(options.hot_spot_min_events, 99);  // unchanged
}

TEST(OneFree, EveryAllocatedStringAndArrayGoesThroughOrgnetFree) {
  orgnet_network* net = nullptr;
  const std::string folder = ORGNET_TEST_DATA_DIR "/fixture";
  ASSERT_EQ(orgnet_network_load(&net, folder.data(), folder.size(), nullptr, nullptr), ORGNET_OK);
  char* text = nullptr;
  size_t length = 0;
  ASSERT_EQ(orgnet_network_cell_text(&text, &length, net, ORGNET_TABLE_ORGS, 0, 0), ORGNET_OK);
  orgnet_free(text);  // a string
  uint32_t* rows = nullptr;
  size_t count = 0;
  ASSERT_EQ(orgnet_hierarchy_ancestors(&rows, &count, net, 1), ORGNET_OK);
  orgnet_free(rows);  // an index array
  orgnet_free(nullptr);
  orgnet_network_free(net);
}

}  // namespace init_test

// Issue 9: a row or index past the end is OUT_OF_RANGE in every call that takes one.
namespace past_the_end {

TEST(PastTheEnd, EveryRowOrIndexArgumentIsOutOfRange) {
  orgnet_network* net = nullptr;
  const std::string folder = ORGNET_TEST_DATA_DIR "/service";
  ASSERT_EQ(orgnet_network_load(&net, folder.data(), folder.size(), nullptr, nullptr), ORGNET_OK);
  uint32_t n = 0;
  ASSERT_EQ(orgnet_network_rows(&n, net, ORGNET_TABLE_ORGS), ORGNET_OK);
  const uint32_t* borrowed = nullptr;
  uint32_t* owned = nullptr;
  size_t count = 0, length = 0;
  uint32_t u = 0;
  int i = 0;
  const char* text = nullptr;
  char* allocated = nullptr;
  std::int64_t i64 = 0;
  std::int32_t day = 0;
  double real = 0;
  orgnet_place place;
  std::vector<std::pair<std::string, int>> calls = {
      {"network_id", orgnet_network_id(&text, &length, net, ORGNET_TABLE_ORGS, n)},
      {"network_text", orgnet_network_text(&text, &length, net, ORGNET_TABLE_ORGS, n, 1)},
      {"network_ref", orgnet_network_ref(&u, net, ORGNET_TABLE_ORGS, n, 3)},
      {"network_date", orgnet_network_date(&day, net, ORGNET_TABLE_EVENTS, 1000, 3)},
      {"network_integer", orgnet_network_integer(&i64, net, ORGNET_TABLE_GRIDS, 1000, 3)},
      {"network_real", orgnet_network_real(&real, net, ORGNET_TABLE_GRIDS, 1000, 4)},
      {"network_is_empty", orgnet_network_is_empty(&i, net, ORGNET_TABLE_ORGS, n, 1)},
      {"network_cell_text", orgnet_network_cell_text(&allocated, &length, net, ORGNET_TABLE_ORGS, n, 0)},
      {"network_column_name", orgnet_network_column_name(&text, &length, net, ORGNET_TABLE_ORGS, 99)},
      {"network_manifest_entry",
       orgnet_network_manifest_entry(&text, &length, &text, &length, net, 99)},
      {"hierarchy_parent", orgnet_hierarchy_parent(&u, net, n)},
      {"hierarchy_children", orgnet_hierarchy_children(&borrowed, &count, net, n)},
      {"hierarchy_siblings", orgnet_hierarchy_siblings(&owned, &count, net, n)},
      {"hierarchy_ancestors", orgnet_hierarchy_ancestors(&owned, &count, net, n)},
      {"hierarchy_subtree", orgnet_hierarchy_subtree(&borrowed, &count, net, n)},
      {"hierarchy_descendants", orgnet_hierarchy_descendants(&borrowed, &count, net, n)},
      {"hierarchy_of_kind", orgnet_hierarchy_of_kind(&owned, &count, net, n, "x", 1)},
      {"hierarchy_depth", orgnet_hierarchy_depth(&u, net, n)},
      {"hierarchy_root", orgnet_hierarchy_root(&u, net, n)},
      {"hierarchy_subtree_size", orgnet_hierarchy_subtree_size(&u, net, n)},
      {"hierarchy_is_ancestor", orgnet_hierarchy_is_ancestor(&i, net, 0, n)},
      {"hierarchy_lca", orgnet_hierarchy_lca(&u, net, n, 0)},
      {"hierarchy_preorder_position", orgnet_hierarchy_preorder_position(&u, net, n)},
      {"territory_place", orgnet_territory_place(&place, net, ORGNET_TABLE_ORGS, n)},
      {"territory_in", orgnet_territory_in(&borrowed, &count, net, ORGNET_IN_GRIDS, n)},
      {"coverage_rule", [] {
         orgnet_rule_info info;
         return orgnet_coverage_rule(&info, 1000);
       }()},
  };
  orgnet_links* links = nullptr;
  ASSERT_EQ(orgnet_links_build(&links, net, nullptr), ORGNET_OK);
  const orgnet_partner* partners = nullptr;
  orgnet_path_step* steps = nullptr;
  orgnet_suggestion* suggestions = nullptr;
  calls.push_back({"links_partners", orgnet_links_partners(&partners, &count, links, n)});
  calls.push_back({"links_neighbours", orgnet_links_neighbours(&borrowed, &count, links, n)});
  calls.push_back({"links_degree", orgnet_links_degree(&u, links, n)});
  calls.push_back({"links_path", orgnet_links_path(&steps, &count, links, 0, n, 0)});
  calls.push_back({"links_suggest", orgnet_links_suggest(&suggestions, &count, links, n, 5, nullptr)});
  orgnet_coverage* coverage = nullptr;
  ASSERT_EQ(orgnet_coverage_compute(&coverage, net, nullptr), ORGNET_OK);
  calls.push_back({"coverage_describe", orgnet_coverage_describe(&allocated, &length, coverage, 100000)});
  orgnet_events* events = nullptr;
  ASSERT_EQ(orgnet_events_compute(&events, net, nullptr), ORGNET_OK);
  calls.push_back({"events_category", orgnet_events_category(&text, &length, events, 1000)});
  orgnet_reach* reach = nullptr;
  ASSERT_EQ(orgnet_reach_compute(&reach, net, 1000), ORGNET_OK);
  calls.push_back({"reach_functions", orgnet_reach_functions(&allocated, &length, reach, n)});
  orgnet_haves* haves = nullptr;
  ASSERT_EQ(orgnet_haves_compute(&haves, net, 0, 1000), ORGNET_OK);
  calls.push_back({"haves_describe", orgnet_haves_describe(&allocated, &length, haves, 100000)});
  for (const auto& [name, status] : calls) {
    EXPECT_EQ(status, ORGNET_OUT_OF_RANGE) << name;
  }
  orgnet_haves_free(haves);
  orgnet_reach_free(reach);
  orgnet_events_free(events);
  orgnet_coverage_free(coverage);
  orgnet_links_free(links);
  orgnet_network_free(net);
}

}  // namespace past_the_end
