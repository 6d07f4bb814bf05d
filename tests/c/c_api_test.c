/* The C header used from a plain C99 program: load a dataset it writes, query it, misuse it.
 * Prints "N passed, N failed" and exits non-zero on any failure. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "orgnet/orgnet.h"

static int passed = 0, failed = 0;

#define CHECK(cond)                                                      \
  do {                                                                   \
    if (cond) {                                                          \
      ++passed;                                                          \
    } else {                                                             \
      ++failed;                                                          \
      fprintf(stderr, "%s:%d: CHECK failed: %s (last error: %s)\n",      \
              __FILE__, __LINE__, #cond, orgnet_last_error());           \
    }                                                                    \
  } while (0)

static void write_file(const char* dir, const char* name, const char* text) {
  char path[512];
  FILE* f;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  f = fopen(path, "wb");
  if (f == NULL) {
    perror(path);
    exit(2);
  }
  fputs(text, f);
  fclose(f);
}

static void remove_file(const char* dir, const char* name) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  unlink(path);
}

static uint32_t find_org(const orgnet_network* net, const char* id) {
  uint32_t row = ORGNET_NONE;
  CHECK(orgnet_network_find(&row, net, ORGNET_TABLE_ORGS, id, strlen(id)) == ORGNET_OK);
  return row;
}

/* What the follower's callback saw: calls, the last count, the last network kept. */
struct seen_versions {
  int calls;
  uint64_t last_transactions;
  orgnet_network* kept;
};

static void remember_version(void* context, const orgnet_network* network, uint64_t lsn,
                             int64_t commit_time, uint64_t transactions) {
  struct seen_versions* seen = (struct seen_versions*)context;
  (void)lsn;
  (void)commit_time;
  seen->calls += 1;
  seen->last_transactions = transactions;
  orgnet_network_free(seen->kept);
  seen->kept = NULL;
  if (orgnet_network_share(&seen->kept, network) != ORGNET_OK) seen->kept = NULL;
}

int main(void) {
  char dir[] = "/tmp/orgnet-c-test-XXXXXX";
  orgnet_network* net = NULL;
  orgnet_report* report = NULL;
  orgnet_load_options options = ORGNET_LOAD_OPTIONS_INIT;
  const uint32_t* children = NULL;
  uint32_t* ancestors = NULL;
  size_t count = 0;
  uint32_t value = 0;
  int flag = 0;
  const char* text = NULL;
  size_t length = 0;
  orgnet_place place;
  orgnet_edit_batch* batch = NULL;
  orgnet_network* edited = NULL;
  orgnet_diagnostic diagnostic;

  if (mkdtemp(dir) == NULL) return 2;
  write_file(dir, "orgs.csv",
             "id,name,kind,parent,grid\n"
             "S,\xe8\xa1\x97\xe9\x81\x93,street,,\n"
             "C,\"Community, One\",community,S,\n"
             "B,Branch,branch,C,G\n"
             "U,Unit,unit,S,\n");
  write_file(dir, "grids.csv", "id,community\nG,C\n");

  CHECK(strcmp(orgnet_version(), ORGNET_VERSION_STRING) == 0);
  CHECK(orgnet_network_load(&net, dir, strlen(dir), &options, &report) == ORGNET_OK);
  CHECK(net != NULL);
  if (net == NULL) return 1;
  CHECK(orgnet_report_count(&count, report, ORGNET_ERROR) == ORGNET_OK && count == 0);
  orgnet_report_free(report);
  report = NULL;

  CHECK(orgnet_network_rows(&value, net, ORGNET_TABLE_ORGS) == ORGNET_OK && value == 4);
  CHECK(orgnet_network_text(&text, &length, net, ORGNET_TABLE_ORGS, 1, 1) == ORGNET_OK);
  CHECK(length == 14 && memcmp(text, "Community, One", 14) == 0);
  CHECK(orgnet_hierarchy_children(&children, &count, net, find_org(net, "S")) == ORGNET_OK);
  CHECK(count == 2 && children[0] == find_org(net, "C") && children[1] == find_org(net, "U"));
  CHECK(orgnet_hierarchy_ancestors(&ancestors, &count, net, find_org(net, "B")) == ORGNET_OK);
  CHECK(count == 2 && ancestors[0] == find_org(net, "C") && ancestors[1] == find_org(net, "S"));
  orgnet_free(ancestors);
  CHECK(orgnet_hierarchy_lca(&value, net, find_org(net, "B"), find_org(net, "U")) == ORGNET_OK);
  CHECK(value == find_org(net, "S"));
  CHECK(orgnet_hierarchy_is_ancestor(&flag, net, find_org(net, "C"), find_org(net, "B")) ==
        ORGNET_OK);
  CHECK(flag == 1);
  CHECK(orgnet_territory_place(&place, net, ORGNET_TABLE_ORGS, find_org(net, "B")) == ORGNET_OK);
  CHECK(place.grid == 0 && place.community == find_org(net, "C") &&
        place.street == find_org(net, "S") && place.district == ORGNET_NONE);

  /* Misuse. */
  CHECK(orgnet_network_rows(&value, NULL, 0) == ORGNET_INVALID_ARGUMENT);
  CHECK(strcmp(orgnet_last_error(), "network is NULL") == 0);
  CHECK(orgnet_hierarchy_parent(&value, net, 99) == ORGNET_OUT_OF_RANGE);
  CHECK(orgnet_network_find(&value, net, ORGNET_TABLE_ORGS, "nope", 4) == ORGNET_NOT_FOUND);

  /* A rejected edit (a cycle) changes nothing; a good one gives a new network. */
  CHECK(orgnet_edit_batch_new(&batch) == ORGNET_OK);
  CHECK(orgnet_edit_set(batch, ORGNET_TABLE_ORGS, "S", 1, "parent", 6, "B", 1) == ORGNET_OK);
  CHECK(orgnet_network_edit(&edited, net, batch, NULL, &report) == ORGNET_INVALID_ARGUMENT);
  CHECK(edited == NULL);
  CHECK(orgnet_report_get(&diagnostic, report, ORGNET_ERROR, 0) == ORGNET_OK);
  CHECK(strstr(diagnostic.message, "leadership cycle of 3 organizations") != NULL);
  orgnet_report_free(report);
  orgnet_edit_batch_free(batch);
  CHECK(orgnet_hierarchy_parent(&value, net, find_org(net, "S")) == ORGNET_OK && value == ORGNET_NONE);

  /* Versions: an edit makes a new numbered version whose parent is the network edited; the
     old version keeps its cells; a misspelt column names the closest one. */
  {
    uint64_t version = 0, parent = 1, edited_version = 0, edited_parent = 0;
    orgnet_network* renamed = NULL;
    const char* text = NULL;
    size_t text_len = 0;
    CHECK(orgnet_network_version(&version, &parent, net) == ORGNET_OK && parent == 0);
    CHECK(orgnet_edit_batch_new(&batch) == ORGNET_OK);
    CHECK(orgnet_edit_set(batch, ORGNET_TABLE_ORGS, "S", 1, "name", 4, "new", 3) == ORGNET_OK);
    CHECK(orgnet_network_edit(&renamed, net, batch, NULL, NULL) == ORGNET_OK);
    CHECK(orgnet_network_version(&edited_version, &edited_parent, renamed) == ORGNET_OK);
    CHECK(edited_parent == version && edited_version > version);
    CHECK(orgnet_network_text(&text, &text_len, renamed, ORGNET_TABLE_ORGS, find_org(renamed, "S"),
                              1) == ORGNET_OK && text_len == 3 && memcmp(text, "new", 3) == 0);
    CHECK(orgnet_network_text(&text, &text_len, net, ORGNET_TABLE_ORGS, find_org(net, "S"), 1) ==
              ORGNET_OK && !(text_len == 3 && memcmp(text, "new", 3) == 0));
    orgnet_network_free(renamed);
    orgnet_edit_batch_free(batch);
    CHECK(orgnet_edit_batch_new(&batch) == ORGNET_OK);
    CHECK(orgnet_edit_set(batch, ORGNET_TABLE_ORGS, "S", 1, "nmae", 4, "x", 1) == ORGNET_OK);
    CHECK(orgnet_network_edit(&renamed, net, batch, NULL, NULL) == ORGNET_INVALID_ARGUMENT);
    CHECK(strstr(orgnet_last_error(), "(did you mean \"name\"?)") != NULL);
    orgnet_edit_batch_free(batch);
  }

  /* Everyday edits of organizations and grids (issue 25), each version answering at once: a
     community founded under the street with a grid of its own and a branch under it; then the
     branch moved under C and the community removed with its grid; a removal of an org still
     referred to is refused whole. Expected answers worked out by hand. */
  {
    orgnet_network* founded = NULL;
    orgnet_network* moved = NULL;
    const uint32_t* rows = NULL;
    const char* org_names[] = {"id", "name", "kind", "parent"};
    const size_t org_name_lens[] = {2, 4, 4, 6};
    const char* community[] = {"C2", "Two", "community", "S"};
    const size_t community_lens[] = {2, 3, 9, 1};
    const char* branch[] = {"B2", "Branch two", "branch", "C2"};
    const size_t branch_lens[] = {2, 10, 6, 2};
    const char* grid_names[] = {"id", "community"};
    const size_t grid_name_lens[] = {2, 9};
    const char* grid[] = {"G2", "C2"};
    const size_t grid_lens[] = {2, 2};
    CHECK(orgnet_edit_batch_new(&batch) == ORGNET_OK);
    CHECK(orgnet_edit_insert(batch, ORGNET_TABLE_ORGS, 4, org_names, org_name_lens, community,
                             community_lens) == ORGNET_OK);
    CHECK(orgnet_edit_insert(batch, ORGNET_TABLE_GRIDS, 2, grid_names, grid_name_lens, grid,
                             grid_lens) == ORGNET_OK);
    CHECK(orgnet_edit_insert(batch, ORGNET_TABLE_ORGS, 4, org_names, org_name_lens, branch,
                             branch_lens) == ORGNET_OK);
    CHECK(orgnet_edit_set(batch, ORGNET_TABLE_ORGS, "B2", 2, "grid", 4, "G2", 2) == ORGNET_OK);
    CHECK(orgnet_network_edit(&founded, net, batch, NULL, NULL) == ORGNET_OK);
    orgnet_edit_batch_free(batch);
    CHECK(orgnet_hierarchy_parent(&value, founded, find_org(founded, "B2")) == ORGNET_OK &&
          value == find_org(founded, "C2"));
    CHECK(orgnet_hierarchy_lca(&value, founded, find_org(founded, "B2"), find_org(founded, "B")) ==
              ORGNET_OK && value == find_org(founded, "S"));
    CHECK(orgnet_territory_in(&rows, &count, founded, ORGNET_IN_GRIDS, find_org(founded, "C2")) ==
              ORGNET_OK && count == 1 && rows[0] == 1);
    CHECK(orgnet_territory_in(&rows, &count, founded, ORGNET_IN_ORGS, find_org(founded, "C2")) ==
              ORGNET_OK && count == 2 && rows[0] == find_org(founded, "C2") &&
          rows[1] == find_org(founded, "B2"));
    CHECK(orgnet_territory_in(&rows, &count, founded, ORGNET_IN_GRIDS, find_org(founded, "S")) ==
              ORGNET_OK && count == 2);
    CHECK(orgnet_territory_place(&place, founded, ORGNET_TABLE_ORGS, find_org(founded, "B2")) ==
              ORGNET_OK && place.grid == 1 && place.community == find_org(founded, "C2") &&
          place.street == find_org(founded, "S"));
    CHECK(orgnet_edit_batch_new(&batch) == ORGNET_OK);
    CHECK(orgnet_edit_set(batch, ORGNET_TABLE_ORGS, "B2", 2, "parent", 6, "C", 1) == ORGNET_OK);
    CHECK(orgnet_edit_set(batch, ORGNET_TABLE_ORGS, "B2", 2, "grid", 4, "G", 1) == ORGNET_OK);
    CHECK(orgnet_edit_remove(batch, ORGNET_TABLE_GRIDS, "G2", 2) == ORGNET_OK);
    CHECK(orgnet_edit_remove(batch, ORGNET_TABLE_ORGS, "C2", 2) == ORGNET_OK);
    CHECK(orgnet_network_edit(&moved, founded, batch, NULL, NULL) == ORGNET_OK);
    orgnet_edit_batch_free(batch);
    CHECK(orgnet_network_rows(&value, moved, ORGNET_TABLE_ORGS) == ORGNET_OK && value == 5);
    CHECK(orgnet_network_find(&value, moved, ORGNET_TABLE_ORGS, "C2", 2) == ORGNET_NOT_FOUND);
    CHECK(orgnet_hierarchy_parent(&value, moved, find_org(moved, "B2")) == ORGNET_OK &&
          value == find_org(moved, "C"));
    CHECK(orgnet_territory_in(&rows, &count, moved, ORGNET_IN_ORGS, find_org(moved, "C")) ==
              ORGNET_OK && count == 3);
    CHECK(orgnet_territory_in(&rows, &count, moved, ORGNET_IN_GRIDS, find_org(moved, "S")) ==
              ORGNET_OK && count == 1 && rows[0] == 0);
    CHECK(orgnet_edit_batch_new(&batch) == ORGNET_OK);
    CHECK(orgnet_edit_remove(batch, ORGNET_TABLE_ORGS, "C", 1) == ORGNET_OK);
    CHECK(orgnet_network_edit(&edited, moved, batch, NULL, NULL) == ORGNET_INVALID_ARGUMENT);
    CHECK(edited == NULL && strstr(orgnet_last_error(), "edit 1 (remove orgs.csv id \"C\")") != NULL);
    orgnet_edit_batch_free(batch);
    CHECK(orgnet_network_rows(&value, moved, ORGNET_TABLE_ORGS) == ORGNET_OK && value == 5);
    orgnet_network_free(moved);
    orgnet_network_free(founded);
  }

  /* Coverage: one street, one grid, nothing to find without units, members or staff. */
  {
    orgnet_coverage* coverage = NULL;
    orgnet_coverage_rules rules = ORGNET_COVERAGE_RULES_INIT;
    const uint32_t* rows = NULL;
    const uint32_t* grids = NULL;
    const orgnet_finding* findings = NULL;
    CHECK(orgnet_coverage_compute(&coverage, net, &rules) == ORGNET_OK);
    CHECK(orgnet_coverage_rollup_rows(&rows, &count, coverage, ORGNET_ROLLUP_STREET) == ORGNET_OK);
    CHECK(count == 1 && rows[0] == find_org(net, "S"));
    CHECK(orgnet_coverage_rollup_counter(&grids, &count, coverage, ORGNET_ROLLUP_STREET, ORGNET_COUNTER_GRIDS) == ORGNET_OK);
    CHECK(strcmp(orgnet_coverage_counter_name(6), "grids") == 0 && grids[0] == 1);
    CHECK(orgnet_coverage_findings(&findings, &count, coverage) == ORGNET_OK && count == 0);
    orgnet_coverage_free(coverage);
  }

  /* Co-building and matching on tests/data/cobuild (worked out in tests/cobuild_test.cc). */
  {
    const char folder[] = ORGNET_TEST_DATA_DIR "/cobuild";
    orgnet_network* co = NULL;
    orgnet_links* links = NULL;
    orgnet_link_filter filter = ORGNET_LINK_FILTER_INIT;
    const char* kinds[] = {"pairing"};
    size_t kind_lens[] = {7};
    const uint32_t* rows = NULL;
    const orgnet_partner* partners = NULL;
    uint32_t *isolated = NULL, *cluster_of = NULL, *sizes = NULL, *first = NULL, *points = NULL;
    orgnet_bridge* bridges = NULL;
    int32_t day = 0;
    double* centrality = NULL;
    orgnet_path_step* steps = NULL;
    uint8_t* flags = NULL;
    orgnet_crossing_counts* streets = NULL;
    orgnet_crossing_counts total;
    orgnet_suggestion* suggestions = NULL;
    orgnet_isolation* places = NULL;
    orgnet_matching* matching = NULL;
    const orgnet_allocation* allocations = NULL;
    int64_t matched = 0, needed = 0, offered = 0;
    size_t clusters = 0, streets_count = 0;
    CHECK(orgnet_network_load(&co, folder, strlen(folder), NULL, NULL) == ORGNET_OK);
    /* The default: links active on the dataset's as_of (2026-06-30): rows 1 and 5 ended. */
    CHECK(orgnet_links_build(&links, co, NULL) == ORGNET_OK);
    CHECK(orgnet_links_rows(&rows, &count, links) == ORGNET_OK && count == 7);
    CHECK(orgnet_links_on(&day, links) == ORGNET_OK && day == 20634);
    orgnet_links_free(links);
    /* Every link, whatever its dates: the hand-worked answers below. */
    filter.on = ORGNET_NO_DATE;
    CHECK(orgnet_links_build(&links, co, &filter) == ORGNET_OK);
    CHECK(orgnet_links_rows(&rows, &count, links) == ORGNET_OK && count == 9);
    CHECK(orgnet_links_on(&day, links) == ORGNET_OK && day == ORGNET_NO_DATE);
    CHECK(orgnet_links_partners(&partners, &count, links, find_org(co, "C1")) == ORGNET_OK);
    CHECK(count == 4 && partners[0].org == find_org(co, "C2") && partners[0].link == 2);
    CHECK(orgnet_links_degree(&value, links, find_org(co, "C1")) == ORGNET_OK && value == 3);
    CHECK(orgnet_links_isolated(&isolated, &count, links) == ORGNET_OK && count == 2);
    CHECK(isolated[0] == find_org(co, "S1") && isolated[1] == find_org(co, "U5"));
    orgnet_free(isolated);
    CHECK(orgnet_links_rollup_isolation(&places, &count, links, ORGNET_ROLLUP_STREET) == ORGNET_OK);
    CHECK(count == 2 && places[0].orgs == 7 && places[0].isolated == 2);
    orgnet_free(places);
    CHECK(orgnet_links_components(&cluster_of, &count, &sizes, &first, &clusters, links) ==
          ORGNET_OK);
    CHECK(count == 11 && clusters == 4 && sizes[0] == 7 && sizes[1] == 2 && first[1] == 0);
    orgnet_free(cluster_of);
    orgnet_free(sizes);
    orgnet_free(first);
    CHECK(orgnet_links_articulation_points(&points, &count, links) == ORGNET_OK && count == 3);
    orgnet_free(points);
    CHECK(orgnet_links_bridges(&bridges, &count, links) == ORGNET_OK && count == 5);
    CHECK(bridges[0].a == 0 && bridges[0].b == find_org(co, "S2"));
    orgnet_free(bridges);
    CHECK(orgnet_links_betweenness(&centrality, &count, links, 0, 1) == ORGNET_OK);
    CHECK(count == 11 && centrality[find_org(co, "C2")] == 11.0);
    orgnet_free(centrality);
    CHECK(orgnet_links_path(&steps, &count, links, find_org(co, "U5"), find_org(co, "U3"), 1) ==
          ORGNET_OK);
    CHECK(count == 4 && steps[0].kind == ORGNET_STEP_LED_BY && steps[3].link == 5);
    orgnet_free(steps);
    CHECK(orgnet_links_path(&steps, &count, links, find_org(co, "U5"), find_org(co, "U3"), 0) ==
          ORGNET_NOT_FOUND);
    CHECK(strcmp(orgnet_last_error(), "no connection between U5 and U3 over links") == 0);
    CHECK(orgnet_links_crossings(&flags, &count, &streets, &streets_count, &total, links) ==
          ORGNET_OK);
    CHECK(count == 9 && flags[4] == (ORGNET_ACROSS_COMMUNITIES | ORGNET_ACROSS_STREETS));
    CHECK(flags[3] == ORGNET_OUTSIDE_LED && total.across_communities == 2 && streets_count == 2);
    CHECK(streets[0].links == 7 && streets[1].unplaced == 1 && total.street == ORGNET_NONE);
    orgnet_free(flags);
    orgnet_free(streets);
    CHECK(orgnet_links_suggest(&suggestions, &count, links, find_org(co, "U5"), 10, NULL) ==
          ORGNET_OK);
    CHECK(count == 2 && suggestions[0].org == find_org(co, "C2") && suggestions[0].score == 4.0);
    CHECK(suggestions[0].meets_need == 1 && suggestions[1].same_grid == 1);
    orgnet_free(suggestions);
    CHECK(orgnet_links_degree(&value, links, 11) == ORGNET_OUT_OF_RANGE);
    orgnet_links_free(links);
    filter.kinds = kinds;
    filter.kind_lens = kind_lens;
    filter.kind_count = 1;
    CHECK(orgnet_links_build(&links, co, &filter) == ORGNET_OK);
    CHECK(orgnet_links_rows(&rows, &count, links) == ORGNET_OK && count == 3 && rows[2] == 5);
    orgnet_links_free(links);
    filter.version = 99;
    CHECK(orgnet_links_build(&links, co, &filter) == ORGNET_INVALID_ARGUMENT);
    CHECK(orgnet_matching_compute(&matching, co, ORGNET_MATCH_EITHER, NULL) == ORGNET_OK);
    CHECK(orgnet_matching_totals(&matched, &needed, &offered, matching) == ORGNET_OK);
    CHECK(matched == 12 && needed == 23 && offered == 30);
    CHECK(orgnet_matching_allocations(&allocations, &count, matching) == ORGNET_OK && count > 0);
    CHECK(allocations[0].need == 0 && allocations[0].amount > 0);
    CHECK(orgnet_matching_unmet(&isolated, &count, matching) == ORGNET_OK && count >= 3);
    CHECK(isolated[0] == 1 && isolated[1] == 2 && isolated[2] == 3); /* n2, n3, n4 */
    orgnet_free(isolated);
    CHECK(orgnet_matching_unused(&isolated, &count, matching) == ORGNET_OK);
    CHECK(count >= 3 && isolated[count - 1] == 4); /* r5: medical, needed by nobody */
    orgnet_free(isolated);
    orgnet_matching_free(matching);
    CHECK(orgnet_matching_compute(&matching, co, ORGNET_MATCH_LINKED, NULL) == ORGNET_OK);
    CHECK(orgnet_matching_totals(&matched, NULL, NULL, matching) == ORGNET_OK && matched == 7);
    orgnet_matching_free(matching);
    CHECK(orgnet_matching_compute(&matching, co, 7, NULL) == ORGNET_INVALID_ARGUMENT);
    orgnet_network_free(co);
  }

  /* Service reach on tests/data/service (worked out in tests/service_test.cc). */
  {
    const char folder[] = ORGNET_TEST_DATA_DIR "/service";
    orgnet_network* sv = NULL;
    orgnet_events* events = NULL;
    orgnet_event_options event_options = ORGNET_EVENT_OPTIONS_INIT;
    orgnet_event_row* rows = NULL;
    orgnet_hot_spot* hot = NULL;
    orgnet_reach* reach = NULL;
    orgnet_grid_reach* grids = NULL;
    orgnet_reach_row* places = NULL;
    orgnet_site_choice* sites = NULL;
    orgnet_haves* haves = NULL;
    orgnet_community_haves* communities = NULL;
    orgnet_haves_finding* findings = NULL;
    orgnet_haves_row* streets = NULL;
    uint32_t* unplaced = NULL;
    char* sentence = NULL;
    const char* name = NULL;
    size_t length = 0;
    int64_t counted = 0, outside = 0;
    int year = 0;
    CHECK(orgnet_network_load(&sv, folder, strlen(folder), NULL, NULL) == ORGNET_OK);
    event_options.from = 20454; /* 2026-01-01 */
    event_options.to = 20635;   /* 2026-07-01 */
    CHECK(orgnet_events_compute(&events, sv, &event_options) == ORGNET_OK);
    CHECK(orgnet_events_counts(&counted, &outside, NULL, events) == ORGNET_OK);
    CHECK(counted == 9 && outside == 1);
    CHECK(orgnet_events_category(&name, &length, events, 1) == ORGNET_OK);
    CHECK(length == 6 && memcmp(name, "repair", 6) == 0);
    CHECK(orgnet_events_rollup(&rows, &count, events, ORGNET_ROLLUP_DISTRICT, ORGNET_EVENTS_TOTAL) ==
          ORGNET_OK);
    CHECK(count == 1 && rows[0].reported == 9 && rows[0].median_days == 4 && rows[0].p90_days == 60);
    CHECK(rows[0].backlog[3] == 1 && rows[0].resolved_above == 3);
    orgnet_free(rows);
    CHECK(orgnet_events_rollup(&rows, &count, events, ORGNET_ROLLUP_COMMUNITY,
                              ORGNET_EVENTS_BY_CATEGORY) == ORGNET_OK);
    CHECK(count == 5 && rows[0].category == 0 && rows[0].reported == 4);
    orgnet_free(rows);
    CHECK(orgnet_events_rollup(&rows, &count, events, ORGNET_ROLLUP_ORG, ORGNET_EVENTS_TOTAL) ==
          ORGNET_INVALID_ARGUMENT);
    CHECK(orgnet_events_hot_spots(&hot, &count, events, 10) == ORGNET_OK);
    CHECK(count == 1 && hot[0].grid == 0 && hot[0].score == 2.25);
    orgnet_free(hot);
    orgnet_events_free(events);
    CHECK(orgnet_reach_compute(&reach, sv, 1000) == ORGNET_OK);
    CHECK(orgnet_reach_grids(&grids, &count, reach) == ORGNET_OK && count == 5);
    CHECK(grids[1].reached == 1 && grids[3].placed == 0 && grids[3].nearest == ORGNET_NONE);
    CHECK(grids[4].reached == 0 && grids[4].metres > 1000.7 && grids[4].metres < 1000.8);
    orgnet_free(grids);
    CHECK(orgnet_reach_unplaced(&unplaced, &count, reach, ORGNET_TABLE_CENTRES) == ORGNET_OK);
    CHECK(count == 1 && unplaced[0] == 2);
    orgnet_free(unplaced);
    CHECK(orgnet_reach_rollup(&places, &count, reach, ORGNET_ROLLUP_DISTRICT) == ORGNET_OK);
    CHECK(count == 1 && places[0].households == 1750 && places[0].households_reached == 700);
    orgnet_free(places);
    CHECK(orgnet_reach_functions(&sentence, &length, reach, find_org(sv, "C1")) == ORGNET_OK);
    CHECK(strcmp(sentence, "deliberation;service") == 0);
    orgnet_free(sentence);
    /* B1 is no community: it reaches no functions (as FunctionsOf in C++). */
    CHECK(orgnet_reach_functions(&sentence, &length, reach, find_org(sv, "B1")) == ORGNET_OK);
    CHECK(length == 0 && strcmp(sentence, "") == 0);
    orgnet_free(sentence);
    CHECK(orgnet_reach_functions(&sentence, &length, reach, 1000000) == ORGNET_OUT_OF_RANGE);
    CHECK(orgnet_reach_site(&sites, &count, reach, 3) == ORGNET_OK);
    CHECK(count == 2 && sites[0].grid == 2 && sites[0].households_added == 500);
    orgnet_free(sites);
    orgnet_reach_free(reach);
    CHECK(orgnet_reach_compute(&reach, sv, 0) == ORGNET_INVALID_ARGUMENT);
    CHECK(orgnet_great_circle_metres(117.2, 39.12, 117.21, 39.12) > 862.6);
    CHECK(orgnet_haves_compute(&haves, sv, 0, 1000) == ORGNET_OK);
    CHECK(orgnet_haves_year(&year, haves) == ORGNET_OK && year == 2026);
    CHECK(orgnet_haves_communities(&communities, &count, haves) == ORGNET_OK && count == 3);
    CHECK(communities[0].people == 1 && communities[0].funds.fiscal == 5000);
    CHECK(communities[1].place == 0 && communities[2].place_in_community == 1);
    orgnet_free(communities);
    CHECK(orgnet_haves_findings(&findings, &count, haves) == ORGNET_OK && count == 4);
    CHECK(findings[3].rule == ORGNET_HAVES_WITHOUT_PLACE &&
          findings[3].community == find_org(sv, "C2"));
    orgnet_free(findings);
    CHECK(strcmp(orgnet_haves_rule_code(ORGNET_HAVES_WITHOUT_MONEY), "community_without_money") == 0);
    CHECK(orgnet_haves_rule_code(7) == NULL);
    CHECK(orgnet_haves_describe(&sentence, &length, haves, 2) == ORGNET_OK);
    CHECK(strstr(sentence, "received no funds in 2026") != NULL);
    orgnet_free(sentence);
    CHECK(orgnet_haves_rollup(&streets, &count, haves, ORGNET_ROLLUP_STREET) == ORGNET_OK);
    CHECK(count == 2 && streets[0].with_all == 1 && streets[0].funds.dues == 1000);
    orgnet_free(streets);
    orgnet_haves_free(haves);
    orgnet_network_free(sv);
  }

  /* Init functions give what the macros give; one orgnet_free for every allocation. */
  {
    orgnet_load_options load_macro = ORGNET_LOAD_OPTIONS_INIT, load;
    orgnet_coverage_rules rules_macro = ORGNET_COVERAGE_RULES_INIT, rules;
    orgnet_link_filter filter_macro = ORGNET_LINK_FILTER_INIT, filter;
    orgnet_suggestion_weights weights_macro = ORGNET_SUGGESTION_WEIGHTS_INIT, weights;
    orgnet_event_options events_macro = ORGNET_EVENT_OPTIONS_INIT, events;
    char* text = NULL;
    size_t length = 0;
    uint32_t* rows = NULL;
    size_t count = 0;
    CHECK(orgnet_load_options_init(&load, ORGNET_LOAD_OPTIONS_VERSION) == ORGNET_OK);
    CHECK(load.max_errors == load_macro.max_errors && load.max_warnings == load_macro.max_warnings &&
          load.threads == load_macro.threads && load.version == load_macro.version);
    CHECK(orgnet_coverage_rules_init(&rules, ORGNET_COVERAGE_RULES_VERSION) == ORGNET_OK);
    CHECK(rules.own_org_min_formal == rules_macro.own_org_min_formal &&
          rules.lost_contact_months == rules_macro.lost_contact_months &&
          rules.registration_min_rate == rules_macro.registration_min_rate &&
          rules.grid_max_households == rules_macro.grid_max_households &&
          rules.as_of == rules_macro.as_of && rules.counted_unit_kinds == NULL);
    CHECK(orgnet_link_filter_init(&filter, ORGNET_LINK_FILTER_VERSION) == ORGNET_OK);
    CHECK(filter.on == filter_macro.on && filter.kinds == NULL && filter.kind_count == 0);
    CHECK(orgnet_suggestion_weights_init(&weights, ORGNET_SUGGESTION_WEIGHTS_VERSION) == ORGNET_OK);
    CHECK(weights.same_grid == weights_macro.same_grid &&
          weights.need_resource == weights_macro.need_resource);
    CHECK(orgnet_event_options_init(&events, ORGNET_EVENT_OPTIONS_VERSION) == ORGNET_OK);
    CHECK(events.backlog_days[2] == events_macro.backlog_days[2] &&
          events.hot_spot_min_events == events_macro.hot_spot_min_events);
    CHECK(orgnet_event_options_init(&events, 2) == ORGNET_INVALID_ARGUMENT);
    CHECK(orgnet_network_cell_text(&text, &length, net, ORGNET_TABLE_ORGS, 0, 0) == ORGNET_OK);
    orgnet_free(text);
    CHECK(orgnet_hierarchy_ancestors(&rows, &count, net, 0) == ORGNET_OK);
    orgnet_free(rows);
  }

  /* Snapshots: saved, opened in both modes, answering as the loaded network; damage named. */
  {
    orgnet_snapshot_options snapshot_options = ORGNET_SNAPSHOT_OPTIONS_INIT;
    orgnet_snapshot_options snapshot_defaults;
    orgnet_network* opened = NULL;
    char path[64];
    int is_snapshot = -1;
    FILE* file;
    snprintf(path, sizeof path, "%s/net.orgnet", dir);
    CHECK(orgnet_snapshot_format_version() == ORGNET_SNAPSHOT_FORMAT_VERSION);
    CHECK(orgnet_snapshot_options_init(&snapshot_defaults, ORGNET_SNAPSHOT_OPTIONS_VERSION) ==
          ORGNET_OK);
    CHECK(snapshot_defaults.check == snapshot_options.check &&
          snapshot_defaults.threads == snapshot_options.threads &&
          snapshot_defaults.load_into_memory == snapshot_options.load_into_memory);
    CHECK(orgnet_network_save_snapshot(net, path, strlen(path)) == ORGNET_OK);
    CHECK(orgnet_is_snapshot_file(path, strlen(path), &is_snapshot) == ORGNET_OK && is_snapshot == 1);
    CHECK(orgnet_is_snapshot_file(dir, strlen(dir), &is_snapshot) == ORGNET_OK && is_snapshot == 0);
    CHECK(orgnet_network_open_snapshot(&opened, path, strlen(path), NULL) == ORGNET_OK);
    CHECK(orgnet_hierarchy_lca(&value, opened, find_org(opened, "B"), find_org(opened, "U")) ==
          ORGNET_OK && value == find_org(opened, "S"));
    CHECK(orgnet_network_text(&text, &length, opened, ORGNET_TABLE_ORGS, 1, 1) == ORGNET_OK);
    CHECK(length == 14 && memcmp(text, "Community, One", 14) == 0);
    orgnet_network_free(opened);
    opened = NULL;
    snapshot_options.check = ORGNET_SNAPSHOT_TRUSTED;
    snapshot_options.load_into_memory = 1;
    CHECK(orgnet_network_open_snapshot(&opened, path, strlen(path), &snapshot_options) == ORGNET_OK);
    CHECK(orgnet_network_rows(&value, opened, ORGNET_TABLE_ORGS) == ORGNET_OK && value == 4);
    orgnet_network_free(opened);
    opened = NULL;
    snapshot_options.check = 5;
    CHECK(orgnet_network_open_snapshot(&opened, path, strlen(path), &snapshot_options) ==
          ORGNET_INVALID_ARGUMENT);
    CHECK(strcmp(orgnet_last_error(), "options->check is 5; it must be ORGNET_SNAPSHOT_VERIFIED "
                                      "(0) or ORGNET_SNAPSHOT_TRUSTED (1)") == 0);
    /* Cut to its header: DATA_LOSS, naming the file and the header's size field. */
    file = fopen(path, "r+b");
    CHECK(file != NULL);
    if (file != NULL) {
      CHECK(ftruncate(fileno(file), 100) == 0);
      fclose(file);
    }
    CHECK(orgnet_network_open_snapshot(&opened, path, strlen(path), NULL) == ORGNET_DATA_LOSS);
    CHECK(opened == NULL);
    CHECK(strstr(orgnet_last_error(), "net.orgnet: header at offset 16: truncated: the header "
                                      "gives ") != NULL);
    remove_file(dir, "net.orgnet");
  }

  /* Output: a file written whole; a folder written whole, exchanged with the old one. */
  {
    char path[600], read_back[32];
    orgnet_output* output = NULL;
    orgnet_output* member = NULL;
    orgnet_output_folder* folder = NULL;
    FILE* file;
    size_t got;
    snprintf(path, sizeof path, "%s/out/result.txt", dir);
    CHECK(orgnet_output_open(&output, path, strlen(path)) == ORGNET_OK);
    CHECK(orgnet_output_write(output, "abc", 3) == ORGNET_OK);
    CHECK(orgnet_output_write(output, NULL, 0) == ORGNET_OK);
    CHECK(orgnet_output_write(output, NULL, 2) == ORGNET_INVALID_ARGUMENT);
    CHECK(access(path, F_OK) != 0); /* nothing in place before the commit */
    CHECK(orgnet_output_commit(output) == ORGNET_OK);
    CHECK(orgnet_output_commit(output) == ORGNET_FAILED_PRECONDITION);
    orgnet_output_free(output);
    output = NULL;
    file = fopen(path, "rb");
    CHECK(file != NULL);
    if (file != NULL) {
      got = fread(read_back, 1, sizeof read_back, file);
      CHECK(got == 3 && memcmp(read_back, "abc", 3) == 0);
      fclose(file);
    }
    CHECK(orgnet_output_open(&output, "", 0) == ORGNET_INVALID_ARGUMENT);
    CHECK(strcmp(orgnet_last_error(), "the output path is empty") == 0);
    CHECK(output == NULL);
    /* A file where a folder is wanted is named; a bad kind is out of range. */
    CHECK(orgnet_output_folder_open(&folder, path, strlen(path), ORGNET_FOLDER_EXPORT) ==
          ORGNET_INVALID_ARGUMENT);
    CHECK(orgnet_output_folder_open(&folder, path, strlen(path), 7) == ORGNET_OUT_OF_RANGE);
    snprintf(path, sizeof path, "%s/out/tables", dir);
    CHECK(orgnet_output_folder_open(&folder, path, strlen(path), ORGNET_FOLDER_EXPORT) == ORGNET_OK);
    CHECK(orgnet_output_folder_add(&member, folder, "a.csv", 5) == ORGNET_OK);
    CHECK(orgnet_output_write(member, "x,y\n", 4) == ORGNET_OK);
    CHECK(orgnet_output_folder_commit(folder) == ORGNET_FAILED_PRECONDITION); /* a.csv open */
    CHECK(orgnet_output_commit(member) == ORGNET_OK);
    orgnet_output_free(member);
    member = NULL;
    CHECK(orgnet_output_folder_add(&member, folder, "../x", 4) == ORGNET_INVALID_ARGUMENT);
    CHECK(orgnet_output_folder_commit(folder) == ORGNET_OK);
    orgnet_output_folder_free(folder);
    snprintf(path, sizeof path, "%s/out/tables/a.csv", dir);
    CHECK(access(path, F_OK) == 0);
    remove(path);
    snprintf(path, sizeof path, "%s/out/tables/.orgnet-export", dir);
    CHECK(access(path, F_OK) == 0);
    remove(path);
    snprintf(path, sizeof path, "%s/out/tables", dir);
    rmdir(path);
    snprintf(path, sizeof path, "%s/out/result.txt", dir);
    remove(path);
    snprintf(path, sizeof path, "%s/out", dir);
    rmdir(path);
    orgnet_output_free(NULL);
    orgnet_output_folder_free(NULL);
  }

  { /* Databases: a bad mapping and an unreachable server are refused with their codes and
       nothing made; with ORGNET_TEST_DATABASE (the README's test command starts a server and
       fills it with the district) the network read equals the CSV one in its counts. */
    orgnet_network* db = NULL;
    orgnet_report* db_report = NULL;
    const char* nowhere = "host=/nonexistent-orgnet-socket-dir port=5999 dbname=x";
    const char* bad_mapping = "{\"tables\": {\"orgz\": null}}";
    const int supported = orgnet_has_database_support();
    CHECK(supported == 0 || supported == 1);
    CHECK(orgnet_network_load_database(&db, nowhere, strlen(nowhere), NULL, 0, NULL, NULL) ==
          (supported ? ORGNET_UNAVAILABLE : ORGNET_UNIMPLEMENTED));
    CHECK(db == NULL);
    CHECK(strstr(orgnet_last_error(), supported ? "cannot connect to host /nonexistent-orgnet-socket-dir"
                                                : "no database support") != NULL);
    CHECK(orgnet_network_load_database(&db, nowhere, strlen(nowhere), bad_mapping,
                                       strlen(bad_mapping), NULL, &db_report) ==
          (supported ? ORGNET_INVALID_ARGUMENT : ORGNET_UNIMPLEMENTED));
    CHECK(db == NULL && db_report != NULL);
    orgnet_report_free(db_report);
    CHECK(orgnet_network_load_database(NULL, nowhere, strlen(nowhere), NULL, 0, NULL, NULL) ==
          ORGNET_INVALID_ARGUMENT);
    const char* uri = getenv("ORGNET_TEST_DATABASE_DISTRICT");
    if (supported && uri != NULL) {
      orgnet_network* csv = NULL;
      const char* district = ORGNET_EXAMPLES_DIR "/district";
      uint32_t db_rows = 0, csv_rows = 0;
      CHECK(orgnet_network_load_database(&db, uri, strlen(uri), NULL, 0, NULL, NULL) == ORGNET_OK);
      CHECK(orgnet_network_load(&csv, district, strlen(district), NULL, NULL) == ORGNET_OK);
      for (int t = 0; db != NULL && csv != NULL && t < ORGNET_TABLE_COUNT; ++t) {
        CHECK(orgnet_network_rows(&db_rows, db, t) == ORGNET_OK);
        CHECK(orgnet_network_rows(&csv_rows, csv, t) == ORGNET_OK);
        CHECK(db_rows == csv_rows);
      }
      /* The CSV network refreshed from the same data in the database: nothing to edit, the
         same version back; a NULL network or an unreachable server refused. */
      orgnet_network* refreshed = NULL;
      size_t edits = 99;
      uint64_t before_version = 0, after_version = 0;
      CHECK(orgnet_network_refresh_database(&refreshed, &edits, csv, uri, strlen(uri), NULL, 0,
                                            NULL) == ORGNET_OK);
      CHECK(edits == 0);
      CHECK(orgnet_network_version(&before_version, NULL, csv) == ORGNET_OK);
      CHECK(refreshed != NULL && orgnet_network_version(&after_version, NULL, refreshed) == ORGNET_OK);
      CHECK(before_version == after_version);
      orgnet_network_free(refreshed);
      refreshed = NULL;
      CHECK(orgnet_network_refresh_database(&refreshed, NULL, NULL, uri, strlen(uri), NULL, 0,
                                            NULL) == ORGNET_INVALID_ARGUMENT);
      CHECK(orgnet_network_refresh_database(&refreshed, NULL, csv, nowhere, strlen(nowhere), NULL,
                                            0, NULL) == ORGNET_UNAVAILABLE);
      CHECK(refreshed == NULL);
      orgnet_network_free(csv);
      orgnet_network_free(db);
    }
  }

  { /* Results written to a database: names are checked, a result of another network version
       is refused, an unreachable server changes nothing; with the test server the rows written
       are the analyses' (one per finding, one per allocation). */
    const char* district = ORGNET_EXAMPLES_DIR "/district";
    const char* nowhere = "host=/nonexistent-orgnet-socket-dir port=5999 dbname=x";
    orgnet_network* d = NULL;
    orgnet_network* other = NULL;
    orgnet_coverage* coverage = NULL;
    orgnet_matching* matching = NULL;
    orgnet_matching* other_matching = NULL;
    orgnet_events* events = NULL;
    orgnet_reach* reach = NULL;
    orgnet_haves* haves = NULL;
    orgnet_result_writer* writer = NULL;
    const orgnet_finding* findings = NULL;
    size_t finding_count = 0;
    char* name = NULL;
    size_t name_len = 0;
    int64_t rows = -1;
    CHECK(orgnet_network_load(&d, district, strlen(district), NULL, NULL) == ORGNET_OK);
    CHECK(orgnet_network_load(&other, district, strlen(district), NULL, NULL) == ORGNET_OK);
    CHECK(orgnet_coverage_compute(&coverage, d, NULL) == ORGNET_OK);
    CHECK(orgnet_matching_compute(&matching, d, ORGNET_MATCH_EITHER, NULL) == ORGNET_OK);
    CHECK(orgnet_matching_compute(&other_matching, other, ORGNET_MATCH_EITHER, NULL) == ORGNET_OK);
    CHECK(orgnet_events_compute(&events, d, NULL) == ORGNET_OK);
    CHECK(orgnet_reach_compute(&reach, d, 1000) == ORGNET_OK);
    CHECK(orgnet_haves_compute(&haves, d, 0, 1000) == ORGNET_OK);
    CHECK(strcmp(orgnet_result_table_name(ORGNET_RESULT_COVERAGE_FINDINGS),
                 "orgnet_coverage_findings") == 0);
    CHECK(orgnet_result_table_name(ORGNET_RESULT_TABLE_COUNT) == NULL);
    CHECK(orgnet_result_writer_new(&writer, "", 0) == ORGNET_INVALID_ARGUMENT);
    CHECK(writer == NULL && strcmp(orgnet_last_error(), "run_key: empty") == 0);
    CHECK(orgnet_result_writer_new(&writer, "c-run", 5) == ORGNET_OK);
    CHECK(orgnet_result_writer_set_table(writer, ORGNET_RESULT_TABLE_COUNT, "x", 1) ==
          ORGNET_OUT_OF_RANGE);
    CHECK(orgnet_result_writer_set_table(writer, ORGNET_RESULT_MATCHING, "a.b.c", 5) ==
          ORGNET_INVALID_ARGUMENT);
    CHECK(orgnet_result_writer_set_table(writer, ORGNET_RESULT_MATCHING, "c_allocations", 13) ==
          ORGNET_OK);
    CHECK(orgnet_result_writer_set_schema(writer, "c_results", 9) == ORGNET_OK);
    CHECK(orgnet_result_writer_table(&name, &name_len, writer, ORGNET_RESULT_MATCHING) == ORGNET_OK);
    CHECK(name != NULL && strcmp(name, "c_results.c_allocations") == 0 && name_len == 23);
    orgnet_free(name);
    CHECK(orgnet_result_writer_write(writer, nowhere, strlen(nowhere)) == ORGNET_FAILED_PRECONDITION);
    CHECK(orgnet_result_writer_add_coverage(writer, coverage) == ORGNET_OK);
    CHECK(orgnet_result_writer_add_matching(writer, other_matching) == ORGNET_FAILED_PRECONDITION);
    CHECK(orgnet_result_writer_add_matching(writer, matching) == ORGNET_OK);
    CHECK(orgnet_result_writer_add_events(writer, events) == ORGNET_OK);
    CHECK(orgnet_result_writer_add_reach(writer, reach) == ORGNET_OK);
    CHECK(orgnet_result_writer_add_haves(writer, haves) == ORGNET_OK);
    CHECK(orgnet_result_writer_add_haves(writer, NULL) == ORGNET_INVALID_ARGUMENT);
    CHECK(orgnet_result_writer_write(writer, nowhere, strlen(nowhere)) ==
          (orgnet_has_database_support() ? ORGNET_UNAVAILABLE : ORGNET_UNIMPLEMENTED));
    CHECK(orgnet_result_writer_rows(&rows, writer, ORGNET_RESULT_COVERAGE_FINDINGS) == ORGNET_OK &&
          rows == 0);
    const char* uri = getenv("ORGNET_TEST_DATABASE_DISTRICT");
    if (orgnet_has_database_support() && uri != NULL) {
      CHECK(orgnet_result_writer_set_schema(writer, "", 0) == ORGNET_OK);
      CHECK(orgnet_result_writer_write(writer, uri, strlen(uri)) == ORGNET_OK);
      CHECK(orgnet_coverage_findings(&findings, &finding_count, coverage) == ORGNET_OK);
      CHECK(orgnet_result_writer_rows(&rows, writer, ORGNET_RESULT_COVERAGE_FINDINGS) == ORGNET_OK &&
            rows == (int64_t)finding_count);
      CHECK(orgnet_result_writer_rows(&rows, writer, ORGNET_RESULT_RUNS) == ORGNET_OK && rows == 1);
    }
    orgnet_result_writer_free(writer);
    orgnet_result_writer_free(NULL);
    orgnet_haves_free(haves);
    orgnet_reach_free(reach);
    orgnet_events_free(events);
    orgnet_matching_free(other_matching);
    orgnet_matching_free(matching);
    orgnet_coverage_free(coverage);
    orgnet_network_free(other);
    orgnet_network_free(d);
  }

  { /* Following a database: options and arguments checked, an unreachable server and a table
       without the key a follower needs refused; with ORGNET_TEST_DATABASE_FOLLOW (the district
       with primary keys, filled by the README's test command) a committed UPDATE arrives as
       one version, through the callback (its network kept with orgnet_network_share()) and
       orgnet_follower_latest(). */
    orgnet_follower_options options;
    orgnet_follower* follower = NULL;
    const char* nowhere = "host=/nonexistent-orgnet-socket-dir port=5999 dbname=x";
    const int supported = orgnet_has_database_support();
    CHECK(orgnet_follower_options_init(&options, ORGNET_FOLLOWER_OPTIONS_VERSION) == ORGNET_OK);
    CHECK(options.on_bad_transaction == ORGNET_BAD_TRANSACTION_STOP && options.slot == NULL);
    CHECK(orgnet_follower_options_init(&options, 99) == ORGNET_INVALID_ARGUMENT);
    CHECK(orgnet_follower_start(NULL, nowhere, strlen(nowhere), NULL, 0, NULL, NULL, NULL) ==
          ORGNET_INVALID_ARGUMENT);
    options.on_bad_transaction = 7;
    CHECK(orgnet_follower_start(&follower, nowhere, strlen(nowhere), NULL, 0, &options, NULL,
                                NULL) == ORGNET_INVALID_ARGUMENT);
    CHECK(strstr(orgnet_last_error(), "on_bad_transaction is 7") != NULL);
    options.on_bad_transaction = ORGNET_BAD_TRANSACTION_SKIP;
    CHECK(orgnet_follower_start(&follower, nowhere, strlen(nowhere), NULL, 0, &options, NULL,
                                NULL) == (supported ? ORGNET_UNAVAILABLE : ORGNET_UNIMPLEMENTED));
    CHECK(follower == NULL);
    orgnet_follower_free(NULL);
    const char* plain = getenv("ORGNET_TEST_DATABASE_DISTRICT");
    if (supported && plain != NULL) {  /* its tables have no primary keys */
      CHECK(orgnet_follower_start(&follower, plain, strlen(plain), NULL, 0, NULL, NULL, NULL) ==
            ORGNET_FAILED_PRECONDITION);
      CHECK(strstr(orgnet_last_error(), "its primary key, or ALTER TABLE") != NULL);
      CHECK(follower == NULL);
    }
    const char* keyed = getenv("ORGNET_TEST_DATABASE_FOLLOW");
    const char* psql = getenv("ORGNET_TEST_PSQL");
    if (supported && keyed != NULL && psql != NULL) {
      struct seen_versions seen = {0, 0, NULL};
      orgnet_follower_options named = ORGNET_FOLLOWER_OPTIONS_INIT;
      named.slot = "orgnet_c";
      named.slot_len = 8;
      named.publication = "orgnet_c";
      named.publication_len = 8;
      CHECK(orgnet_follower_start(&follower, keyed, strlen(keyed), NULL, 0, &named,
                                  remember_version, &seen) == ORGNET_OK);
      char command[2048];
      snprintf(command, sizeof command,
               "'%s' -X -q '%s' -c \"UPDATE orgs SET name = 'C改名' WHERE id = 'O0000003'\"",
               psql, keyed);
      CHECK(system(command) == 0);
      int reached = 0;
      CHECK(orgnet_follower_wait(&reached, follower, 1, 20000) == ORGNET_OK && reached == 1);
      orgnet_follower_state state;
      CHECK(orgnet_follower_status(&state, follower) == ORGNET_OK);
      CHECK(state.running == 1 && state.transactions == 1 && state.error == ORGNET_OK);
      orgnet_network* latest = NULL;
      uint64_t lsn = 0, transactions = 0;
      int64_t commit_time = 0;
      CHECK(orgnet_follower_latest(&latest, &lsn, &commit_time, &transactions, follower) ==
            ORGNET_OK);
      CHECK(transactions == 1 && lsn > 0 && commit_time > 0);
      /* Refreshed with nothing differing: the latest version again, no new one. */
      orgnet_network* refreshed = NULL;
      uint64_t edits = 99, refreshed_transactions = 0;
      CHECK(orgnet_follower_refresh(NULL, NULL, NULL, NULL, NULL, follower) ==
            ORGNET_INVALID_ARGUMENT);
      CHECK(orgnet_follower_refresh(&refreshed, NULL, NULL, &refreshed_transactions, &edits,
                                    follower) == ORGNET_OK);
      CHECK(edits == 0 && refreshed_transactions == 1 && refreshed != NULL);
      orgnet_network_free(refreshed);
      CHECK(seen.calls == 1 && seen.last_transactions == 1 && seen.kept != NULL);
      for (int k = 0; k < 2; ++k) {
        const orgnet_network* n = k == 0 ? latest : seen.kept;
        uint32_t row = 0;
        const char* name = NULL;
        size_t name_len = 0;
        CHECK(n != NULL && orgnet_network_find(&row, n, ORGNET_TABLE_ORGS, "O0000003", 8) ==
                               ORGNET_OK);
        CHECK(orgnet_network_text(&name, &name_len, n, ORGNET_TABLE_ORGS, row, 1) == ORGNET_OK);
        CHECK(name_len == strlen("C改名") && memcmp(name, "C改名", name_len) == 0);
      }
      char* message = NULL;
      size_t message_len = 0;
      CHECK(orgnet_follower_message(&message, &message_len, follower) == ORGNET_OK &&
            message_len == 0);
      orgnet_free(message);
      CHECK(orgnet_follower_stop(follower) == ORGNET_OK);
      CHECK(orgnet_follower_stop(follower) == ORGNET_OK);
      refreshed = NULL;
      CHECK(orgnet_follower_refresh(&refreshed, NULL, NULL, NULL, &edits, follower) ==
            ORGNET_FAILED_PRECONDITION);
      CHECK(refreshed == NULL && edits == 0);
      CHECK(strstr(orgnet_last_error(), "follower: stopped") != NULL);
      orgnet_follower_free(follower);
      orgnet_network_free(latest);
      orgnet_network_free(seen.kept);
      snprintf(command, sizeof command,
               "'%s' -X -q '%s' -c \"SELECT pg_drop_replication_slot('orgnet_c')\" >/dev/null",
               psql, keyed);
      CHECK(system(command) == 0);
    }
  }

  orgnet_network_free(net);
  remove_file(dir, "orgs.csv");
  remove_file(dir, "grids.csv");
  rmdir(dir);
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
