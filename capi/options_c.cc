// The options structs' init functions: each fills a struct from the C++ struct's default
// member values, the one place where a default is written (libgit2's *_options_init).
#include "base/closest.h"
#include "base/text.h"
#include "capi/arguments.h"
#include "capi/error.h"
#include "capi/handles.h"
#include "orgnet/cobuild.h"
#include "orgnet/coverage.h"
#include "orgnet/diagnostic.h"
#include "orgnet/events.h"
#include "orgnet/orgnet.h"
#include "orgnet/snapshot.h"

namespace {

using orgnet::internal::Cat;
using orgnet::capi::SetError;

int CheckInit(const void* options, const char* name, unsigned version, unsigned known,
              const char* type) {
  if (int rc = orgnet::capi::RequirePointers({{options, name}})) return rc;
  if (version != known) {
    return SetError(
        ORGNET_INVALID_ARGUMENT,
        Cat(type, " version ", version, " is not known; this library knows version ", known));
  }
  return ORGNET_OK;
}

}  // namespace

namespace orgnet::capi {

LoadOptions LoadOptionsOf(const orgnet_load_options* options) {
  LoadOptions out;
  if (options != nullptr) {
    out.max_errors = options->max_errors;
    out.max_warnings = options->max_warnings;
    out.threads = options->threads;
  }
  return out;
}

int CheckLoadOptions(const orgnet_load_options* options) {
  return CheckVersion(options, ORGNET_LOAD_OPTIONS_VERSION, "orgnet_load_options");
}

}  // namespace orgnet::capi

extern "C" {

int orgnet_load_options_init(orgnet_load_options* options, unsigned version) {
  if (int rc = CheckInit(options, "options", version, ORGNET_LOAD_OPTIONS_VERSION,
                         "orgnet_load_options")) {
    return rc;
  }
  const orgnet::LoadOptions d;
  *options =
      orgnet_load_options{ORGNET_LOAD_OPTIONS_VERSION, d.max_errors, d.max_warnings, d.threads};
  return ORGNET_OK;
}

int orgnet_follower_options_init(orgnet_follower_options* options, unsigned version) {
  if (int rc = CheckInit(options, "options", version, ORGNET_FOLLOWER_OPTIONS_VERSION,
                         "orgnet_follower_options")) {
    return rc;
  }
  *options = orgnet_follower_options ORGNET_FOLLOWER_OPTIONS_INIT;
  return ORGNET_OK;
}

int orgnet_snapshot_options_init(orgnet_snapshot_options* options, unsigned version) {
  if (int rc = CheckInit(options, "options", version, ORGNET_SNAPSHOT_OPTIONS_VERSION,
                         "orgnet_snapshot_options")) {
    return rc;
  }
  const orgnet::SnapshotOptions d;
  *options = orgnet_snapshot_options{
      ORGNET_SNAPSHOT_OPTIONS_VERSION,
      d.check == orgnet::SnapshotCheck::kTrusted ? ORGNET_SNAPSHOT_TRUSTED : ORGNET_SNAPSHOT_VERIFIED,
      d.threads, d.load_into_memory ? 1 : 0};
  return ORGNET_OK;
}

int orgnet_coverage_rules_init(orgnet_coverage_rules* rules, unsigned version) {
  if (int rc = CheckInit(rules, "rules", version, ORGNET_COVERAGE_RULES_VERSION,
                         "orgnet_coverage_rules")) {
    return rc;
  }
  // The default counted kinds stay NULL ("the defaults"): the C struct cannot own strings.
  const orgnet::CoverageRules d;
  *rules = orgnet_coverage_rules{ORGNET_COVERAGE_RULES_VERSION,
                                 nullptr,
                                 nullptr,
                                 0,
                                 d.own_org_min_formal,
                                 d.joint_max_units,
                                 d.branch_max_members,
                                 d.general_branch_max_members,
                                 d.branch_min_formal,
                                 d.group_min_members,
                                 d.registration_min_rate,
                                 d.mobile_transfer_months,
                                 d.lost_contact_months,
                                 d.grid_min_households,
                                 d.grid_max_households,
                                 d.as_of};
  return ORGNET_OK;
}

int orgnet_link_filter_init(orgnet_link_filter* filter, unsigned version) {
  if (int rc =
          CheckInit(filter, "filter", version, ORGNET_LINK_FILTER_VERSION, "orgnet_link_filter")) {
    return rc;
  }
  const orgnet::LinkFilter d;
  *filter = orgnet_link_filter{ORGNET_LINK_FILTER_VERSION, d.on, nullptr, nullptr, 0};
  return ORGNET_OK;
}

int orgnet_suggestion_weights_init(orgnet_suggestion_weights* weights, unsigned version) {
  if (int rc = CheckInit(weights, "weights", version, ORGNET_SUGGESTION_WEIGHTS_VERSION,
                         "orgnet_suggestion_weights")) {
    return rc;
  }
  const orgnet::SuggestionWeights d;
  *weights = orgnet_suggestion_weights{ORGNET_SUGGESTION_WEIGHTS_VERSION, d.same_grid,
                                       d.same_community, d.common_partner, d.need_resource};
  return ORGNET_OK;
}

int orgnet_event_options_init(orgnet_event_options* options, unsigned version) {
  if (int rc = CheckInit(options, "options", version, ORGNET_EVENT_OPTIONS_VERSION,
                         "orgnet_event_options")) {
    return rc;
  }
  const orgnet::EventOptions d;
  *options = orgnet_event_options{ORGNET_EVENT_OPTIONS_VERSION,
                                  d.from,
                                  d.to,
                                  d.as_of,
                                  {d.backlog_days[0], d.backlog_days[1], d.backlog_days[2]},
                                  d.hot_spot_min_events};
  return ORGNET_OK;
}

}  // extern "C"
