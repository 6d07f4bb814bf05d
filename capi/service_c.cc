// The C ABI of the service-reach analyses: grid events, centre reach, the three haves.
#include <cmath>
#include <string>

#include "base/closest.h"
#include "base/text.h"
#include "capi/analysis_handles.h"
#include "capi/arguments.h"
#include "capi/arrays.h"
#include "capi/error.h"
#include "capi/returns.h"
#include "capi/handles.h"
#include "orgnet/centres.h"
#include "orgnet/events.h"
#include "orgnet/haves.h"
#include "orgnet/orgnet.h"

// One default radius: the C constant is the C++ one.
static_assert(ORGNET_DEFAULT_REACH_METRES == orgnet::kDefaultReachMetres);


namespace {

using orgnet::internal::Cat;
using orgnet::capi::AllocateArray;
using orgnet::capi::AllocateCopy;
using orgnet::capi::AllocateSameLayout;
using orgnet::capi::AllocateString;
using orgnet::capi::Guard;
using orgnet::capi::NewHandle;
using orgnet::capi::CopyArray;
using orgnet::capi::ReturnScalar;
using orgnet::capi::RequirePointers;
using orgnet::capi::SetError;

// Rows handed over byte for byte (AllocateSameLayout): one layout, checked field by field.
ORGNET_SAME_LAYOUT(orgnet_hot_spot, orgnet::HotSpot, grid, category, events, households, rate,
                   street_rate, score);
ORGNET_SAME_LAYOUT(orgnet_reach_row, orgnet::ReachRow, place, grids, grids_placed, grids_reached,
                   households, households_reached, households_unplaced, units, units_reached);

ORGNET_SAME_LAYOUT(orgnet_site_choice, orgnet::SiteChoice, grid, grids_added, households_added);
ORGNET_SAME_LAYOUT(orgnet_haves_finding, orgnet::HavesFinding, rule, community);
ORGNET_SAME_LAYOUT(orgnet_funds, orgnet::Funds, dues, fiscal, sponsor, other);
ORGNET_SAME_LAYOUT(orgnet_haves_row, orgnet::HavesRow, place, communities, with_people, with_money,
                   with_place, with_all, funds);
// An event row: the C struct spells out the C++ row's EventStats member.
ORGNET_SAME_LAYOUT(orgnet_event_row, orgnet::EventRow, place, category, month);
#define ORGNET_SAME_STAT(field)                                                                \
  static_assert(offsetof(orgnet_event_row, field) ==                                           \
                    offsetof(orgnet::EventRow, stats) + offsetof(orgnet::EventStats, field) && \
                sizeof(orgnet_event_row::field) == sizeof(orgnet::EventStats::field))
ORGNET_SAME_STAT(reported);
ORGNET_SAME_STAT(resolved_grid);
ORGNET_SAME_STAT(resolved_above);
ORGNET_SAME_STAT(resolved_unknown);
ORGNET_SAME_STAT(open);
ORGNET_SAME_STAT(median_days);
ORGNET_SAME_STAT(p90_days);
ORGNET_SAME_STAT(backlog);
#undef ORGNET_SAME_STAT

// Rows with bool fields (grid reach, community haves, suggestions) keep a conversion: the C
// structs, published with int fields, cannot change without an ABI break.

// A number outside the roll-ups is OUT_OF_RANGE; a roll-up the call does not take (the
// leadership tree, for a territorial analysis) is INVALID_ARGUMENT, as in the C++ API.
int CheckTerritorialRollUp(int roll_up) {
  if (int rc = orgnet::capi::CheckRollUp(roll_up)) return rc;
  if (roll_up == ORGNET_ROLLUP_ORG) {
    return SetError(ORGNET_INVALID_ARGUMENT,
                    "ORGNET_ROLLUP_ORG: this analysis rolls up along the territory (grid, "
                    "community, street, district), not the leadership tree");
  }
  return ORGNET_OK;
}

orgnet_funds FundsOf(const orgnet::Funds& f) { return {f.dues, f.fiscal, f.sponsor, f.other}; }

}  // namespace

extern "C" {

// ------------------------------------------------------------------ events

int orgnet_events_compute(orgnet_events** out, const orgnet_network* network,
                          const orgnet_event_options* options) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    orgnet::EventOptions o;
    if (options != nullptr) {
      if (int rc = orgnet::capi::CheckVersion(options, ORGNET_EVENT_OPTIONS_VERSION,
                                              "orgnet_event_options")) {
        return rc;
      }
      o.from = options->from;
      o.to = options->to;
      o.as_of = options->as_of;
      o.backlog_days = {options->backlog_days[0], options->backlog_days[1],
                        options->backlog_days[2]};
      o.hot_spot_min_events = options->hot_spot_min_events;
    }
    auto report = orgnet::EventReport::Compute(network->network, o);
    if (!report.ok()) return SetError(report.status());
    *out = new orgnet_events{*std::move(report)};
    return ORGNET_OK;
  });
}

void orgnet_events_free(orgnet_events* events) { delete events; }

int orgnet_events_counts(int64_t* counted, int64_t* outside, int32_t* as_of,
                         const orgnet_events* events) {
  return Guard([&] {
    if (int rc = RequirePointers({{events, "events"}})) return rc;
    if (counted != nullptr) *counted = events->report.counted();
    if (outside != nullptr) *outside = events->report.outside_window();
    if (as_of != nullptr) *as_of = events->report.options().as_of;
    return ORGNET_OK;
  });
}

int orgnet_events_category_count(size_t* out, const orgnet_events* events) {
  return ReturnScalar(out, {{events, "events"}},
                      [&] { return events->report.categories().size(); });
}

int orgnet_events_category(const char** out, size_t* out_len, const orgnet_events* events,
                           size_t index) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {out_len, "out_len"}, {events, "events"}}))
      return rc;
    const auto names = events->report.categories();
    if (index >= names.size()) {
      return SetError(ORGNET_OUT_OF_RANGE,
                      Cat("category ", index, " out of range: ", names.size(), " categories"));
    }
    *out = names[index].c_str();
    *out_len = names[index].size();
    return ORGNET_OK;
  });
}

int orgnet_events_rollup(orgnet_event_row** out, size_t* out_count, const orgnet_events* events,
                         int roll_up, int table) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {out_count, "out_count"}, {events, "events"}}))
      return rc;
    if (int rc = CheckTerritorialRollUp(roll_up)) return rc;
    const auto level = static_cast<orgnet::RollUp>(roll_up);
    absl::StatusOr<std::vector<orgnet::EventRow>> rows;
    switch (table) {
      case ORGNET_EVENTS_TOTAL:
        rows = events->report.Totals(level);
        break;
      case ORGNET_EVENTS_BY_CATEGORY:
        rows = events->report.ByCategory(level);
        break;
      case ORGNET_EVENTS_BY_MONTH:
        rows = events->report.ByMonth(level);
        break;
      default:
        return SetError(ORGNET_OUT_OF_RANGE, Cat("table ", table,
                                                 " is not ORGNET_EVENTS_TOTAL, _BY_CATEGORY or "
                                                 "_BY_MONTH"));
    }
    if (!rows.ok()) return SetError(rows.status());
    return AllocateSameLayout(out, out_count, *rows);
  });
}

int orgnet_events_hot_spots(orgnet_hot_spot** out, size_t* out_count, const orgnet_events* events,
                            size_t limit) {
  return CopyArray(out, out_count, {{events, "events"}},
                   [&]() -> decltype(auto) { return (events->report.HotSpots(limit)); });
}

// ------------------------------------------------------------------ centres

double orgnet_great_circle_metres(double lon1, double lat1, double lon2, double lat2) {
  return orgnet::GreatCircleMetres(lon1, lat1, lon2, lat2);
}

int orgnet_reach_compute(orgnet_reach** out, const orgnet_network* network, double radius_metres) {
  return NewHandle(out, {{network, "network"}},
                   [&] { return orgnet::CentreReach::Compute(network->network, {radius_metres}); });
}

void orgnet_reach_free(orgnet_reach* reach) { delete reach; }

int orgnet_reach_grids(orgnet_grid_reach** out, size_t* out_count, const orgnet_reach* reach) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {out_count, "out_count"}, {reach, "reach"}}))
      return rc;
    return AllocateArray(out, out_count, reach->reach.grids(), [](const orgnet::GridReach& g) {
      return orgnet_grid_reach{g.nearest, g.placed ? 1 : 0, g.reached ? 1 : 0, g.metres};
    });
  });
}

int orgnet_reach_unplaced(uint32_t** out, size_t* out_count, const orgnet_reach* reach, int table) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {out_count, "out_count"}, {reach, "reach"}}))
      return rc;
    if (table == ORGNET_TABLE_GRIDS)
      return AllocateCopy(out, out_count, reach->reach.UnplacedGrids());
    if (table == ORGNET_TABLE_CENTRES) {
      return AllocateCopy(out, out_count, reach->reach.UnplacedCentres());
    }
    return SetError(ORGNET_INVALID_ARGUMENT,
                    Cat("table ", table, " is not ORGNET_TABLE_GRIDS or ORGNET_TABLE_CENTRES"));
  });
}

int orgnet_reach_rollup(orgnet_reach_row** out, size_t* out_count, const orgnet_reach* reach,
                        int roll_up) {
  return CopyArray(
      out, out_count, {{reach, "reach"}}, [&] { return CheckTerritorialRollUp(roll_up); },
      [&]() -> decltype(auto) {
        return (reach->reach.RollUp(static_cast<orgnet::RollUp>(roll_up)));
      });
}

int orgnet_reach_functions(char** out, size_t* out_len, const orgnet_reach* reach,
                           uint32_t community) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {reach, "reach"}})) return rc;
    const orgnet::Network& net = reach->reach.network();
    if (int rc = orgnet::capi::CheckOrg(net, community)) return rc;
    // Any org named as a grid's community is one here, as in every community roll-up; an org
    // that is no community reaches no functions (an empty string).
    std::string joined;
    for (const std::string& f : reach->reach.FunctionsOf(community)) {
      joined += (joined.empty() ? "" : ";") + f;
    }
    return AllocateString(out, out_len, joined);
  });
}

int orgnet_reach_site(orgnet_site_choice** out, size_t* out_count, const orgnet_reach* reach,
                      size_t k) {
  return CopyArray(out, out_count, {{reach, "reach"}},
                   [&]() -> decltype(auto) { return (reach->reach.ComputeSite(k)); });
}

// ------------------------------------------------------------------ three haves

int orgnet_haves_compute(orgnet_haves** out, const orgnet_network* network, int year,
                         double radius_metres) {
  return NewHandle(out, {{network, "network"}}, [&] {
    return orgnet::ThreeHaves::Compute(network->network, {year, radius_metres});
  });
}

void orgnet_haves_free(orgnet_haves* haves) { delete haves; }

int orgnet_haves_year(int* out, const orgnet_haves* haves) {
  return ReturnScalar(out, {{haves, "haves"}}, [&] { return haves->haves.options().year; });
}

int orgnet_haves_communities(orgnet_community_haves** out, size_t* out_count,
                             const orgnet_haves* haves) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {out_count, "out_count"}, {haves, "haves"}}))
      return rc;
    return AllocateArray(
        out, out_count, haves->haves.communities(), [](const orgnet::CommunityHaves& c) {
          return orgnet_community_haves{
              c.community,          c.grids,  c.grids_managed, c.managers,
              c.other_staff,        c.people, c.money,         c.place_in_community,
              c.place_within_reach, c.place,  FundsOf(c.funds)};
        });
  });
}

int orgnet_haves_findings(orgnet_haves_finding** out, size_t* out_count,
                          const orgnet_haves* haves) {
  return CopyArray(out, out_count, {{haves, "haves"}},
                   [&]() -> decltype(auto) { return (haves->haves.findings()); });
}

int orgnet_haves_describe(char** out, size_t* out_len, const orgnet_haves* haves, size_t index) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {haves, "haves"}})) return rc;
    const auto findings = haves->haves.findings();
    if (index >= findings.size()) {
      return SetError(ORGNET_OUT_OF_RANGE,
                      Cat("finding ", index, " out of range: ", findings.size(), " findings"));
    }
    return AllocateString(out, out_len, haves->haves.Describe(findings[index]));
  });
}

const char* orgnet_haves_rule_code(int rule) {
  if (rule < ORGNET_HAVES_WITHOUT_PEOPLE || rule > ORGNET_HAVES_WITHOUT_PLACE) return nullptr;
  return orgnet::ThreeHaves::RuleCode(static_cast<orgnet::HavesRule>(rule)).data();
}

int orgnet_haves_rollup(orgnet_haves_row** out, size_t* out_count, const orgnet_haves* haves,
                        int roll_up) {
  return CopyArray(
      out, out_count, {{haves, "haves"}},
      [&] {
        if (int rc = orgnet::capi::CheckRollUp(roll_up)) return rc;
        if (roll_up != ORGNET_ROLLUP_STREET && roll_up != ORGNET_ROLLUP_DISTRICT) {
          return SetError(ORGNET_INVALID_ARGUMENT, Cat("roll-up ", roll_up,
                                                       ": the three haves roll up per street "
                                                       "(ORGNET_ROLLUP_STREET) or district "
                                                       "(ORGNET_ROLLUP_DISTRICT)"));
        }
        return ORGNET_OK;
      },
      [&]() -> decltype(auto) {
        return (haves->haves.RollUp(static_cast<orgnet::RollUp>(roll_up)));
      });
}


}  // extern "C"
