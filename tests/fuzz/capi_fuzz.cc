// Sequences of C ABI calls with extreme arguments on loaded networks: every call returns a
// known status, a failure leaves a message that is valid UTF-8, nothing crashes or leaks
// (ASan), and everything the library allocates is freed through its own functions.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "base/utf8.h"
#include "orgnet/orgnet.h"

namespace {

// Arguments at and beyond the edges of their ranges.
class Input : public orgnet::fuzz::FuzzInput {
 public:
  using FuzzInput::FuzzInput;
  // A row: mostly in range, else the edges (n - 1, n, ORGNET_NONE, huge).
  std::uint32_t Row(std::uint32_t n) {
    const std::uint8_t b = Byte();
    switch (b % 8) {
      case 0: return n;
      case 1: return n == 0 ? 0 : n - 1;
      case 2: return ORGNET_NONE;
      case 3: return Raw32();
      default: return n == 0 ? 0 : Byte() % n;
    }
  }
  int Int() {
    const std::uint8_t b = Byte();
    switch (b % 8) {
      case 0: return std::numeric_limits<int>::min();
      case 1: return std::numeric_limits<int>::max();
      case 2: return -1;
      case 3: return static_cast<int>(Raw32());
      default: return b % 14;
    }
  }
  std::size_t Size() {
    const std::uint8_t b = Byte();
    switch (b % 6) {
      case 0: return std::numeric_limits<std::size_t>::max();
      case 1: return 0;
      case 2: return Raw32();
      default: return b % 16;
    }
  }
  double Real() {
    switch (Byte() % 8) {
      case 0: return std::nan("");
      case 1: return std::numeric_limits<double>::infinity();
      case 2: return -std::numeric_limits<double>::infinity();
      case 3: return -1;
      case 4: return 0;
      case 5: return 1e300;
      default: return Byte() * 50.0;
    }
  }
  std::int32_t Date() {
    switch (Byte() % 6) {
      case 0: return ORGNET_NO_DATE;
      case 1: return std::numeric_limits<std::int32_t>::max();
      case 2: return -719162;   // 0001-01-01
      case 3: return 2932896;   // 9999-12-31
      case 4: return static_cast<std::int32_t>(Raw32());
      default: return 20000 + Byte() * 10;
    }
  }
  std::string Text() { return RawText(19); }
};

void CheckStatus(int status) {
  switch (status) {
    case ORGNET_OK:
      return;
    case ORGNET_INVALID_ARGUMENT:
    case ORGNET_NOT_FOUND:
    case ORGNET_RESOURCE_EXHAUSTED:
    case ORGNET_FAILED_PRECONDITION:
    case ORGNET_PERMISSION_DENIED:  // a snapshot path it may not read
    case ORGNET_OUT_OF_RANGE: {
      const char* message = orgnet_last_error();
      orgnet::fuzz::Check(message != nullptr && *message != '\0', "a failure has a message");
      orgnet::fuzz::Check(orgnet::internal::IsValidText(message), "the message is UTF-8");
      return;
    }
    default:
      orgnet::fuzz::Fail("unexpected status " + std::to_string(status) + ": " +
                         orgnet_last_error());
  }
}

const orgnet_network* Base(int which) {
  static orgnet_network* nets[3] = {nullptr, nullptr, nullptr};
  static const char* const kFolders[3] = {ORGNET_FUZZ_DATA_DIR "/fixture",
                                          ORGNET_FUZZ_DATA_DIR "/cobuild",
                                          ORGNET_FUZZ_DATA_DIR "/service"};
  if (nets[which] == nullptr) {
    const int status = orgnet_network_load(&nets[which], kFolders[which],
                                           std::strlen(kFolders[which]), nullptr, nullptr);
    orgnet::fuzz::Check(status == ORGNET_OK, std::string("base dataset: ") + orgnet_last_error());
  }
  return nets[which];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Input in(data, size);
  const orgnet_network* net = Base(in.Byte() % 3);
  // Half the inputs drive a scoped view of the base network instead: a union of up to three
  // organizations or places, taken from its rows or made up.
  orgnet_network* view = nullptr;
  if (in.Byte() % 2 == 0) {
    std::vector<std::string> ids[2];
    const int parts = 1 + in.Byte() % 3;
    for (int p = 0; p < parts; ++p) {
      const int list = in.Byte() % 2;
      const int table = list == 0 || in.Byte() % 2 ? ORGNET_TABLE_ORGS : ORGNET_TABLE_GRIDS;
      std::uint32_t n = 0;
      CheckStatus(orgnet_network_rows(&n, net, table));
      const char* id = nullptr;
      std::size_t id_len = 0;
      if (in.Byte() % 4 != 0 && n > 0 &&
          orgnet_network_id(&id, &id_len, net, table, in.Byte() % n) == ORGNET_OK) {
        ids[list].emplace_back(id, id_len);
      } else {
        ids[list].push_back(in.Text());
      }
    }
    std::vector<const char*> pointers[2];
    std::vector<std::size_t> lengths[2];
    for (int list = 0; list < 2; ++list) {
      for (const std::string& id : ids[list]) {
        pointers[list].push_back(id.data());
        lengths[list].push_back(id.size());
      }
    }
    orgnet_scope_spec spec = ORGNET_SCOPE_SPEC_INIT;
    spec.orgs = pointers[0].data();
    spec.org_lens = lengths[0].data();
    spec.org_count = pointers[0].size();
    spec.places = pointers[1].data();
    spec.place_lens = lengths[1].data();
    spec.place_count = pointers[1].size();
    spec.personal = in.Byte() % 2;
    const int status = orgnet_network_scope(&view, net, &spec);
    CheckStatus(status);
    if (status == ORGNET_OK) net = view;
  }
  std::uint32_t orgs = 0;
  CheckStatus(orgnet_network_rows(&orgs, net, ORGNET_TABLE_ORGS));
  orgnet_coverage* coverage = nullptr;
  orgnet_links* links = nullptr;
  orgnet_matching* matching = nullptr;
  orgnet_events* events = nullptr;
  orgnet_reach* reach = nullptr;
  orgnet_haves* haves = nullptr;
  for (int call = 0; call < 32 && !in.empty(); ++call) {
    const std::uint8_t op = in.Byte() % 41;
    std::uint32_t u = 0;
    std::size_t count = 0, length = 0;
    int i = 0;
    const char* text = nullptr;
    const std::uint32_t* rows = nullptr;
    std::uint32_t* owned = nullptr;
    switch (op) {
      case 0: {
        const int table = in.Int();
        CheckStatus(orgnet_network_rows(&u, net, table));
        break;
      }
      case 1: {
        const int table = in.Int(), column = in.Int();
        CheckStatus(orgnet_network_column_name(&text, &length, net, table, column));
        int target = -2;
        const int status = orgnet_network_column_target(&target, net, table, column);
        CheckStatus(status);
        if (status == ORGNET_OK) {
          orgnet::fuzz::Check(target >= -1 && target < ORGNET_TABLE_COUNT,
                      "a column's target is a table or -1");
        }
        break;
      }
      case 2: {
        const int table = in.Int();
        const std::string id = in.Text();
        CheckStatus(orgnet_network_find(&u, net, table, id.data(), id.size()));
        break;
      }
      case 3: {
        const int table = in.Int();
        const std::uint32_t row = in.Row(orgs);
        const int column = in.Int();
        char* cell = nullptr;
        const int status = orgnet_network_cell_text(&cell, &length, net, table, row, column);
        CheckStatus(status);
        orgnet_free(cell);
        break;
      }
      case 4: {
        const int table = in.Int();
        const std::uint32_t row = in.Row(orgs);
        const int column = in.Int();
        std::int64_t value;
        CheckStatus(orgnet_network_integer(&value, net, table, row, column));
        std::int32_t day;
        CheckStatus(orgnet_network_date(&day, net, table, row, column));
        double real;
        CheckStatus(orgnet_network_real(&real, net, table, row, column));
        CheckStatus(orgnet_network_text(&text, &length, net, table, row, column));
        CheckStatus(orgnet_network_ref(&u, net, table, row, column));
        CheckStatus(orgnet_network_flag(&i, net, table, row, column));
        CheckStatus(orgnet_network_status(&i, net, table, row, column));
        break;
      }
      case 5: {
        const std::uint32_t org = in.Row(orgs);
        CheckStatus(orgnet_hierarchy_parent(&u, net, org));
        CheckStatus(orgnet_hierarchy_children(&rows, &count, net, org));
        CheckStatus(orgnet_hierarchy_subtree(&rows, &count, net, org));
        CheckStatus(orgnet_hierarchy_depth(&u, net, org));
        CheckStatus(orgnet_hierarchy_subtree_size(&u, net, org));
        CheckStatus(orgnet_hierarchy_preorder_position(&u, net, org));
        break;
      }
      case 6: {
        const std::uint32_t org = in.Row(orgs);
        CheckStatus(orgnet_hierarchy_ancestors(&owned, &count, net, org));
        orgnet_free(owned);
        owned = nullptr;
        CheckStatus(orgnet_hierarchy_siblings(&owned, &count, net, org));
        orgnet_free(owned);
        break;
      }
      case 7: {
        const std::uint32_t a = in.Row(orgs), b = in.Row(orgs);
        CheckStatus(orgnet_hierarchy_is_ancestor(&i, net, a, b));
        CheckStatus(orgnet_hierarchy_lca(&u, net, a, b));
        break;
      }
      case 8: {
        const std::uint32_t org = in.Row(orgs);
        const std::string kind = in.Text();
        CheckStatus(orgnet_hierarchy_of_kind(&owned, &count, net, org, kind.data(), kind.size()));
        orgnet_free(owned);
        break;
      }
      case 9: {
        const int table = in.Int();
        const std::uint32_t row = in.Row(orgs);
        orgnet_place place;
        CheckStatus(orgnet_territory_place(&place, net, table, row));
        break;
      }
      case 10: {
        const std::uint32_t org = in.Row(orgs);
        const int listing = in.Int();
        CheckStatus(orgnet_territory_in(&rows, &count, net, listing, org));
        std::int64_t unknown;
        CheckStatus(orgnet_territory_unknown(&unknown, net, in.Int(), in.Int()));
        break;
      }
      case 11: {
        orgnet_coverage_free(coverage);
        coverage = nullptr;
        orgnet_coverage_rules rules = ORGNET_COVERAGE_RULES_INIT;
        rules.lost_contact_months = in.Int();
        rules.mobile_transfer_months = in.Int();
        rules.own_org_min_formal = in.Int();
        rules.registration_min_rate = in.Real();
        rules.as_of = in.Date();
        if (in.Byte() % 4 == 0) rules.version = in.Raw32();
        CheckStatus(orgnet_coverage_compute(&coverage, net, &rules));
        break;
      }
      case 12: {
        if (coverage == nullptr) break;
        const int roll_up = in.Int(), index = in.Int();
        const double* rates = nullptr;
        CheckStatus(orgnet_coverage_rollup_rate(&rates, &count, coverage, roll_up, index));
        CheckStatus(orgnet_coverage_rollup_counter(&rows, &count, coverage, roll_up, index));
        CheckStatus(orgnet_coverage_rollup_rows(&rows, &count, coverage, roll_up));
        char* described = nullptr;
        CheckStatus(orgnet_coverage_describe(&described, &length, coverage, in.Size()));
        orgnet_free(described);
        std::int64_t skipped;
        CheckStatus(orgnet_coverage_skipped(&skipped, coverage, in.Int()));
        break;
      }
      case 13: {
        orgnet_links_free(links);
        links = nullptr;
        orgnet_link_filter filter = ORGNET_LINK_FILTER_INIT;
        filter.on = in.Date();
        const std::string kind = in.Text();
        const char* kinds[1] = {kind.data()};
        const std::size_t lens[1] = {kind.size()};
        if (in.Byte() % 2) {
          filter.kinds = kinds;
          filter.kind_lens = lens;
          filter.kind_count = 1;
        }
        CheckStatus(orgnet_links_build(&links, net, &filter));
        break;
      }
      case 14: {
        if (links == nullptr) break;
        const std::uint32_t org = in.Row(orgs);
        const orgnet_partner* partners = nullptr;
        CheckStatus(orgnet_links_partners(&partners, &count, links, org));
        CheckStatus(orgnet_links_neighbours(&rows, &count, links, org));
        CheckStatus(orgnet_links_degree(&u, links, org));
        break;
      }
      case 15: {
        if (links == nullptr) break;
        orgnet_isolation* isolation = nullptr;
        CheckStatus(orgnet_links_rollup_isolation(&isolation, &count, links, in.Int()));
        orgnet_free(isolation);
        CheckStatus(orgnet_links_isolated(&owned, &count, links));
        orgnet_free(owned);
        break;
      }
      case 16: {
        if (links == nullptr) break;
        std::uint32_t *cluster_of = nullptr, *sizes = nullptr, *first = nullptr;
        std::size_t clusters = 0;
        CheckStatus(orgnet_links_components(&cluster_of, &count, &sizes, &first, &clusters, links));
        orgnet_free(cluster_of);
        orgnet_free(sizes);
        orgnet_free(first);
        CheckStatus(orgnet_links_articulation_points(&owned, &count, links));
        orgnet_free(owned);
        orgnet_bridge* bridges = nullptr;
        CheckStatus(orgnet_links_bridges(&bridges, &count, links));
        orgnet_free(bridges);
        break;
      }
      case 17: {
        if (links == nullptr) break;
        double* scores = nullptr;
        const std::uint32_t samples = in.Row(orgs);
        CheckStatus(orgnet_links_betweenness(&scores, &count, links, samples, in.Raw32()));
        orgnet_free(scores);
        break;
      }
      case 18: {
        if (links == nullptr) break;
        orgnet_path_step* steps = nullptr;
        const std::uint32_t from = in.Row(orgs), to = in.Row(orgs);
        CheckStatus(orgnet_links_path(&steps, &count, links, from, to, in.Int()));
        orgnet_free(steps);
        break;
      }
      case 19: {
        if (links == nullptr) break;
        std::uint8_t* flags = nullptr;
        orgnet_crossing_counts* by_street = nullptr;
        orgnet_crossing_counts total;
        std::size_t streets = 0;
        CheckStatus(orgnet_links_crossings(&flags, &count, &by_street, &streets, &total, links));
        orgnet_free(flags);
        orgnet_free(by_street);
        break;
      }
      case 20: {
        if (links == nullptr) break;
        orgnet_suggestion* suggestions = nullptr;
        orgnet_suggestion_weights weights = ORGNET_SUGGESTION_WEIGHTS_INIT;
        weights.same_grid = in.Real();
        weights.common_partner = in.Real();
        const std::uint32_t org = in.Row(orgs);
        CheckStatus(orgnet_links_suggest(&suggestions, &count, links, org, in.Size(), &weights));
        orgnet_free(suggestions);
        break;
      }
      case 21: {
        orgnet_matching_free(matching);
        matching = nullptr;
        orgnet_link_filter filter = ORGNET_LINK_FILTER_INIT;
        filter.on = in.Date();
        CheckStatus(orgnet_matching_compute(&matching, net, in.Int(), &filter));
        break;
      }
      case 22: {
        if (matching == nullptr) break;
        std::int64_t total, needed, offered;
        CheckStatus(orgnet_matching_totals(&total, &needed, &offered, matching));
        orgnet::fuzz::Check(total <= needed && total <= offered, "matched within bounds");
        CheckStatus(orgnet_matching_unmet(&owned, &count, matching));
        orgnet_free(owned);
        owned = nullptr;
        CheckStatus(orgnet_matching_unused(&owned, &count, matching));
        orgnet_free(owned);
        break;
      }
      case 23: {
        orgnet_events_free(events);
        events = nullptr;
        orgnet_event_options options = ORGNET_EVENT_OPTIONS_INIT;
        options.from = in.Date();
        options.to = in.Date();
        options.as_of = in.Date();
        options.backlog_days[0] = in.Int();
        options.hot_spot_min_events = in.Int();
        CheckStatus(orgnet_events_compute(&events, net, &options));
        break;
      }
      case 24: {
        if (events == nullptr) break;
        orgnet_event_row* table = nullptr;
        CheckStatus(orgnet_events_rollup(&table, &count, events, in.Int(), in.Int()));
        orgnet_free(table);
        orgnet_hot_spot* spots = nullptr;
        CheckStatus(orgnet_events_hot_spots(&spots, &count, events, in.Size()));
        orgnet_free(spots);
        CheckStatus(orgnet_events_category(&text, &length, events, in.Size()));
        break;
      }
      case 25: {
        orgnet_reach_free(reach);
        reach = nullptr;
        CheckStatus(orgnet_reach_compute(&reach, net, in.Real()));
        break;
      }
      case 26: {
        if (reach == nullptr) break;
        orgnet_reach_row* table = nullptr;
        CheckStatus(orgnet_reach_rollup(&table, &count, reach, in.Int()));
        orgnet_free(table);
        char* functions = nullptr;
        CheckStatus(orgnet_reach_functions(&functions, &length, reach, in.Row(orgs)));
        orgnet_free(functions);
        CheckStatus(orgnet_reach_unplaced(&owned, &count, reach, in.Int()));
        orgnet_free(owned);
        break;
      }
      case 27: {
        if (reach == nullptr) break;
        orgnet_site_choice* sites = nullptr;
        CheckStatus(orgnet_reach_site(&sites, &count, reach, in.Size() % 64));
        orgnet_free(sites);
        break;
      }
      case 28: {
        orgnet_haves_free(haves);
        haves = nullptr;
        const int year = in.Int();
        CheckStatus(orgnet_haves_compute(&haves, net, year, in.Real()));
        break;
      }
      case 29: {
        if (haves == nullptr) break;
        orgnet_haves_row* table = nullptr;
        CheckStatus(orgnet_haves_rollup(&table, &count, haves, in.Int()));
        orgnet_free(table);
        char* described = nullptr;
        CheckStatus(orgnet_haves_describe(&described, &length, haves, in.Size()));
        orgnet_free(described);
        break;
      }
      case 30: {
        const double d = orgnet_great_circle_metres(in.Real(), in.Real(), in.Real(), in.Real());
        (void)d;
        break;
      }
      case 31: {
        const std::string code = in.Text();
        CheckStatus(orgnet_coverage_find_rule(&i, code.data(), code.size()));
        orgnet_rule_info info;
        CheckStatus(orgnet_coverage_rule(&info, in.Size()));
        break;
      }
      case 32: {
        orgnet_diagnostic diagnostic;
        CheckStatus(orgnet_report_get(&diagnostic, nullptr, in.Int(), in.Size()));
        (void)orgnet_status_string(in.Int());
        break;
      }
      case 34: {  // the column contract: copy-out with any range and buffer size
        const int table = in.Int(), column = in.Int();
        const std::uint32_t first = in.Row(orgs), rows = in.Row(orgs);
        const std::size_t bytes = in.Size() % 4096;
        std::vector<unsigned char> buffer(bytes);
        CheckStatus(orgnet_network_read_column(bytes ? buffer.data() : nullptr, bytes, net, table,
                                               column, first, rows));
        std::size_t cell = 0;
        CheckStatus(orgnet_column_cell_bytes(&cell, in.Int()));
        break;
      }
      case 35: {
        const int table = in.Int(), column = in.Int();
        const std::uint32_t first = in.Row(orgs), rows = in.Row(orgs) % 64;
        std::size_t needed = 0;
        const std::size_t bytes = in.Size() % 4096;
        std::vector<char> blob(bytes);
        std::vector<std::uint64_t> offsets(rows + 1);
        const bool measure = in.Byte() % 2;
        const int status = orgnet_network_read_text(
            measure ? nullptr : blob.data(), bytes, measure ? nullptr : offsets.data(), &needed,
            net, table, column, first, rows);
        CheckStatus(status);
        if (status == ORGNET_OK && !measure) {
          orgnet::fuzz::Check(offsets[0] == 0 && offsets[rows] == needed && needed <= bytes,
                              "text offsets span the blob");
        }
        break;
      }
      case 36: {
        const int table = in.Int(), column = in.Int();
        std::size_t chunks = 0;
        if (orgnet_network_column_chunk_count(&chunks, net, table, column) == ORGNET_OK) {
          const void* data = nullptr;
          std::uint32_t first = 0, rows = 0;
          CheckStatus(orgnet_network_column_chunk(&data, &first, &rows, net, table, column,
                                                  in.Size()));
        }
        orgnet_event_options options;
        CheckStatus(orgnet_event_options_init(&options, in.Raw32()));
        orgnet_coverage_rules rules;
        CheckStatus(orgnet_coverage_rules_init(&rules, in.Byte() % 3));
        break;
      }
      case 37: {  // snapshots: saved once per base, opened with any options, or any path
        static std::string saved[3];
        const int which = in.Byte() % 3;
        if (saved[which].empty()) {
          saved[which] = orgnet::fuzz::ScratchFolder() + "/capi" + std::to_string(which) + ".orgnet";
          CheckStatus(orgnet_network_save_snapshot(Base(which), saved[which].data(),
                                                   saved[which].size()));
        }
        orgnet_snapshot_options options = ORGNET_SNAPSHOT_OPTIONS_INIT;
        CheckStatus(orgnet_snapshot_options_init(&options, in.Byte() % 3));
        options.version = in.Byte() % 4 ? ORGNET_SNAPSHOT_OPTIONS_VERSION : in.Raw32();
        if (in.Byte() % 2) options.check = in.Int();
        if (in.Byte() % 2) options.threads = in.Int();
        if (in.Byte() % 2) options.load_into_memory = in.Int();
        const std::string path = in.Byte() % 4 ? saved[which] : in.Text();
        orgnet_network* opened = nullptr;
        CheckStatus(orgnet_network_open_snapshot(&opened, path.data(), path.size(),
                                                 in.Byte() % 5 ? &options : nullptr));
        if (opened != nullptr) {
          CheckStatus(orgnet_network_rows(&u, opened, ORGNET_TABLE_ORGS));
          CheckStatus(orgnet_network_find(&u, opened, ORGNET_TABLE_ORGS, "B1", 2));
          orgnet_network_free(opened);
        }
        CheckStatus(orgnet_is_snapshot_file(path.data(), path.size(), &i));
        break;
      }
      case 39: {  // builders with any column names (strict: unknown ones refused, nothing added)
        orgnet_builder* builder = nullptr;
        CheckStatus(orgnet_builder_new(&builder));
        const int table = in.Byte() % 2 ? ORGNET_TABLE_ORGS : in.Int();
        const std::string extra = in.Text();
        CheckStatus(orgnet_builder_add_column(builder, table, extra.data(), extra.size()));
        const std::size_t cells = in.Byte() % 4;
        std::vector<std::string> names, values;
        for (std::size_t c = 0; c < cells; ++c) {
          names.push_back(in.Byte() % 2 ? std::string(c == 0 ? "id" : c == 1 ? "name" : "kind")
                                        : in.Text());
          values.push_back(in.Byte() % 2 ? std::string(c == 2 ? "street" : "X") : in.Text());
        }
        std::vector<const char*> name_ptrs, value_ptrs;
        std::vector<std::size_t> name_lens, value_lens;
        for (std::size_t c = 0; c < cells; ++c) {
          name_ptrs.push_back(names[c].data());
          name_lens.push_back(names[c].size());
          value_ptrs.push_back(values[c].data());
          value_lens.push_back(values[c].size());
        }
        CheckStatus(orgnet_builder_add_row(builder, table, cells, name_ptrs.data(),
                                           name_lens.data(), value_ptrs.data(),
                                           value_lens.data()));
        orgnet_network* built = nullptr;
        CheckStatus(orgnet_builder_build(&built, builder, nullptr, nullptr));
        orgnet_network_free(built);
        orgnet_builder_free(builder);
        break;
      }
      case 38: {  // the diff of the network (or view) with a base, read with any arguments
        orgnet_diff* diff = nullptr;
        const orgnet_network* other = Base(in.Byte() % 3);
        const bool reversed = in.Byte() % 2;
        CheckStatus(orgnet_diff_networks(&diff, reversed ? other : net, reversed ? net : other));
        if (diff != nullptr) {
          const int table = in.Int();
          orgnet_table_diff counts;
          CheckStatus(orgnet_diff_table(&counts, diff, table));
          CheckStatus(orgnet_diff_added(&rows, &count, diff, table));
          CheckStatus(orgnet_diff_removed(&rows, &count, diff, table));
          std::uint32_t before = 0, after = 0;
          const std::int32_t* columns = nullptr;
          CheckStatus(orgnet_diff_changed(&before, &after, &columns, &count, diff, table,
                                          in.Size()));
          CheckStatus(orgnet_diff_column(&text, &length, diff, table, in.Int(), in.Size()));
          orgnet_diff_free(diff);
        }
        if (coverage != nullptr) {
          orgnet_coverage_diff* cdiff = nullptr;
          CheckStatus(orgnet_coverage_diff_compute(&cdiff, coverage, coverage));
          std::size_t places = 0, moves = 0;
          CheckStatus(orgnet_coverage_diff_counts(&places, &moves, cdiff));
          orgnet_place_delta place;
          CheckStatus(orgnet_coverage_diff_place(&place, cdiff, in.Size()));
          orgnet_unit_move move;
          CheckStatus(orgnet_coverage_diff_move(&move, cdiff, in.Size()));
          const std::int64_t* found_before = nullptr;
          const std::int64_t* found_after = nullptr;
          CheckStatus(orgnet_coverage_diff_findings(&found_before, &found_after, &count, cdiff));
          orgnet_coverage_diff_free(cdiff);
        }
        break;
      }
      case 40: {  // a result writer: any key and names, the results at hand, a write that
                  // cannot reach a server (no socket in that folder) or has nothing to write
        const std::string key = in.Text();
        orgnet_result_writer* writer = nullptr;
        const int made = orgnet_result_writer_new(&writer, key.data(), key.size());
        CheckStatus(made);
        if (made != ORGNET_OK) break;
        for (int k = in.Byte() % 3; k > 0; --k) {
          const std::string name = in.Text();
          CheckStatus(orgnet_result_writer_set_table(writer, in.Int(), name.data(), name.size()));
        }
        if (in.Byte() % 2 == 0) {
          const std::string schema = in.Text();
          CheckStatus(orgnet_result_writer_set_schema(writer, schema.data(), schema.size()));
        }
        char* name = nullptr;
        const int named = orgnet_result_writer_table(&name, &length, writer, in.Int());
        CheckStatus(named);
        if (named == ORGNET_OK) {
          orgnet::fuzz::Check(std::strlen(name) == length, "a table name's length");
        }
        orgnet_free(name);
        CheckStatus(orgnet_result_writer_add_coverage(writer, coverage));
        CheckStatus(orgnet_result_writer_add_matching(writer, matching));
        CheckStatus(orgnet_result_writer_add_events(writer, events));
        CheckStatus(orgnet_result_writer_add_reach(writer, reach));
        CheckStatus(orgnet_result_writer_add_haves(writer, haves));
        static constexpr char kNowhere[] = "postgresql:///x?host=/nonexistent/orgnet-fuzz";
        const int wrote = orgnet_result_writer_write(writer, kNowhere, sizeof kNowhere - 1);
        if (wrote != ORGNET_UNAVAILABLE && wrote != ORGNET_UNIMPLEMENTED) CheckStatus(wrote);
        orgnet::fuzz::Check(wrote != ORGNET_OK, "a write without a server");
        std::int64_t written = -1;
        CheckStatus(orgnet_result_writer_rows(&written, writer, in.Int()));
        orgnet_result_writer_free(writer);
        // A follower with any slot, publication, policy and snapshot policy, and a refresh,
        // neither reaching a server; a network shared.
        const std::string slot = in.Text(), publication = in.Text(), folder = in.Text();
        orgnet_follower_options follow = ORGNET_FOLLOWER_OPTIONS_INIT;
        follow.slot = slot.data();
        follow.slot_len = slot.size();
        follow.publication = publication.data();
        follow.publication_len = publication.size();
        follow.on_bad_transaction = in.Int();
        follow.snapshot_folder = folder.data();
        follow.snapshot_folder_len = folder.size();
        follow.snapshot_seconds = in.Real();
        orgnet_follower* follower = nullptr;
        const int started = orgnet_follower_start(&follower, kNowhere, sizeof kNowhere - 1,
                                                  nullptr, 0, &follow, nullptr, nullptr);
        if (started != ORGNET_UNAVAILABLE && started != ORGNET_UNIMPLEMENTED) CheckStatus(started);
        orgnet::fuzz::Check(started != ORGNET_OK && follower == nullptr, "no follower without a server");
        orgnet_network* refreshed = nullptr;
        const int refreshed_status = orgnet_network_refresh_database(
            &refreshed, nullptr, view != nullptr ? view : net, kNowhere, sizeof kNowhere - 1,
            nullptr, 0, nullptr);
        if (refreshed_status != ORGNET_UNAVAILABLE && refreshed_status != ORGNET_UNIMPLEMENTED) {
          CheckStatus(refreshed_status);
        }
        orgnet::fuzz::Check(refreshed == nullptr, "no refresh without a server");
        orgnet_network* shared = nullptr;
        CheckStatus(orgnet_network_share(&shared, net));
        orgnet_network_free(shared);
        break;
      }
      default: {
        const std::string column = in.Text();
        CheckStatus(orgnet_network_find_column(&i, net, in.Int(), column.data(), column.size()));
      }
    }
  }
  orgnet_coverage_free(coverage);
  orgnet_links_free(links);
  orgnet_matching_free(matching);
  orgnet_events_free(events);
  orgnet_reach_free(reach);
  orgnet_haves_free(haves);
  orgnet_network_free(view);
  return 0;
}
