// The C ABI of the coverage analysis.
#include <cstdlib>
#include <cstring>
#include <optional>
#include <vector>

#include "base/closest.h"
#include "base/text.h"
#include "capi/arguments.h"
#include "capi/error.h"
#include "capi/returns.h"
#include "capi/coverage_handle.h"
#include "capi/handles.h"
#include "orgnet/coverage.h"
#include "orgnet/orgnet.h"


namespace {

using orgnet::internal::Cat;
using orgnet::capi::Guard;
using orgnet::capi::LendArray;
using orgnet::capi::ReturnScalar;
using orgnet::capi::Invalid;
using orgnet::capi::RequirePointers;
using orgnet::capi::SetError;

ORGNET_SAME_LAYOUT(orgnet_disagreement, orgnet::Disagreement, org, street, leading_street);
static_assert(sizeof(orgnet::UnitCoverage) == 1);

using orgnet::capi::CheckRollUp;

int CheckRule(int rule) {
  const auto count = static_cast<int>(orgnet::CoverageReport::rules().size());
  if (rule < 0 || rule >= count) {
    return SetError(ORGNET_OUT_OF_RANGE, Cat("rule ", rule, " out of range [0, ", count, ")"));
  }
  return ORGNET_OK;
}

}  // namespace

extern "C" {

int orgnet_coverage_compute(orgnet_coverage** out, const orgnet_network* network,
                            const orgnet_coverage_rules* rules) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    orgnet::CoverageRules r;
    if (rules != nullptr) {
      if (int rc = orgnet::capi::CheckVersion(rules, ORGNET_COVERAGE_RULES_VERSION,
                                              "orgnet_coverage_rules")) {
        return rc;
      }
      if (rules->counted_unit_kinds != nullptr) {
        if (rules->counted_unit_kind_lens == nullptr && rules->counted_unit_kind_count > 0) {
          return Invalid("counted_unit_kind_lens is NULL");
        }
        r.counted_unit_kinds.clear();
        for (size_t i = 0; i < rules->counted_unit_kind_count; ++i) {
          if (rules->counted_unit_kinds[i] == nullptr) {
            return Invalid(Cat("counted_unit_kinds[", i, "] is NULL"));
          }
          std::string_view kind;
          if (int rc = orgnet::capi::TextArgument(rules->counted_unit_kinds[i],
                                                  rules->counted_unit_kind_lens[i],
                                                  Cat("counted_unit_kinds[", i, "]"), &kind)) {
            return rc;
          }
          r.counted_unit_kinds.emplace_back(kind);
        }
      }
      r.own_org_min_formal = rules->own_org_min_formal;
      r.joint_max_units = rules->joint_max_units;
      r.branch_max_members = rules->branch_max_members;
      r.general_branch_max_members = rules->general_branch_max_members;
      r.branch_min_formal = rules->branch_min_formal;
      r.group_min_members = rules->group_min_members;
      r.registration_min_rate = rules->registration_min_rate;
      r.mobile_transfer_months = rules->mobile_transfer_months;
      r.lost_contact_months = rules->lost_contact_months;
      r.grid_min_households = rules->grid_min_households;
      r.grid_max_households = rules->grid_max_households;
      r.as_of = rules->as_of;
    }
    auto report = orgnet::CoverageReport::Compute(network->network, r);
    if (!report.ok()) return SetError(report.status());
    auto* result = new orgnet_coverage{*std::move(report), {}, {}};
    result->findings.reserve(result->report.findings().size());
    for (const orgnet::Finding& f : result->report.findings()) {
      result->findings.push_back(
          {f.rule, static_cast<int32_t>(f.table), f.row, 0, f.value, f.limit});
    }
    const auto units = result->report.unit_coverage().size();
    result->counted.resize(units);
    for (size_t u = 0; u < units; ++u) {
      result->counted[u] = result->report.unit_counted(static_cast<orgnet::Index>(u)) ? 1 : 0;
    }
    *out = result;
    return ORGNET_OK;
  });
}

void orgnet_coverage_free(orgnet_coverage* coverage) { delete coverage; }

int orgnet_coverage_as_of(int32_t* out, const orgnet_coverage* coverage) {
  return ReturnScalar(out, {{coverage, "coverage"}}, [&] { return coverage->report.as_of(); });
}

int orgnet_coverage_units(const uint8_t** coverage, const uint8_t** counted,
                          const uint32_t** formal, const uint32_t** probationary, size_t* out_count,
                          const orgnet_coverage* result) {
  return Guard([&] {
    if (int rc = RequirePointers({{coverage, "coverage"},
                                  {counted, "counted"},
                                  {formal, "formal"},
                                  {probationary, "probationary"},
                                  {out_count, "out_count"},
                                  {result, "coverage_result"}})) {
      return rc;
    }
    *coverage = reinterpret_cast<const uint8_t*>(result->report.unit_coverage().data());
    *counted = result->counted.data();
    *formal = result->report.unit_formal_members().data();
    *probationary = result->report.unit_probationary_members().data();
    *out_count = result->report.unit_coverage().size();
    return ORGNET_OK;
  });
}

int orgnet_coverage_rollup_rows(const uint32_t** out, size_t* out_count,
                                const orgnet_coverage* coverage, int roll_up) {
  return LendArray(
      out, out_count, {{coverage, "coverage"}}, [&] { return CheckRollUp(roll_up); },
      [&]() -> decltype(auto) {
        return (coverage->report.rows(static_cast<orgnet::RollUp>(roll_up)));
      });
}

int orgnet_coverage_rollup_counter(const uint32_t** out, size_t* out_count,
                                   const orgnet_coverage* coverage, int roll_up, int counter) {
  return LendArray(
      out, out_count, {{coverage, "coverage"}},
      [&] {
        if (int rc = CheckRollUp(roll_up)) return rc;
        if (counter < 0 || counter >= orgnet::kCounterCount) {
          return SetError(ORGNET_OUT_OF_RANGE, Cat("counter ", counter, " out of range"));
        }
        return ORGNET_OK;
      },
      [&]() -> decltype(auto) {
        return (coverage->report.counter(static_cast<orgnet::RollUp>(roll_up),
                                         static_cast<orgnet::Counter>(counter)));
      });
}

int orgnet_coverage_rollup_rate(const double** out, size_t* out_count,
                                const orgnet_coverage* coverage, int roll_up, int rate) {
  return LendArray(
      out, out_count, {{coverage, "coverage"}},
      [&] {
        if (int rc = CheckRollUp(roll_up)) return rc;
        if (rate < 0 || rate >= orgnet::kRateCount) {
          return SetError(ORGNET_OUT_OF_RANGE, Cat("rate ", rate, " out of range"));
        }
        return ORGNET_OK;
      },
      [&]() -> decltype(auto) {
        return (coverage->report.rate(static_cast<orgnet::RollUp>(roll_up),
                                      static_cast<orgnet::Rate>(rate)));
      });
}

const char* orgnet_coverage_counter_name(int counter) {
  if (counter < 0 || counter >= orgnet::kCounterCount) return nullptr;
  return orgnet::CounterName(static_cast<orgnet::Counter>(counter)).data();
}
const char* orgnet_coverage_rate_name(int rate) {
  if (rate < 0 || rate >= orgnet::kRateCount) return nullptr;
  return orgnet::RateName(static_cast<orgnet::Rate>(rate)).data();
}
const char* orgnet_coverage_rollup_name(int roll_up) {
  if (roll_up < 0 || roll_up >= orgnet::kRollUpCount) return nullptr;
  return orgnet::RollUpName(static_cast<orgnet::RollUp>(roll_up)).data();
}

int orgnet_coverage_rule_count(size_t* out) {
  return ReturnScalar(out, {}, [&] { return orgnet::CoverageReport::rules().size(); });
}

int orgnet_coverage_rule(orgnet_rule_info* out, size_t index) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}})) return rc;
    if (int rc = CheckRule(static_cast<int>(std::min<size_t>(index, 1u << 30)))) return rc;
    const orgnet::RuleInfo& r = orgnet::CoverageReport::rules()[index];
    // The rule table's strings are literals: NUL-terminated.
    *out = {r.code.data(), static_cast<int>(r.table), r.summary.data(), r.source.data(),
            r.needs.data()};
    return ORGNET_OK;
  });
}

int orgnet_coverage_find_rule(int* out, const char* code, size_t code_len) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}})) return rc;
    std::string_view text;
    if (int rc = orgnet::capi::TextArgument(code, code_len, "code", &text)) return rc;
    const int rule = orgnet::CoverageReport::FindRule(text);
    if (rule < 0) {
      return SetError(ORGNET_NOT_FOUND, Cat("no coverage rule ", orgnet::internal::Shown(text)));
    }
    *out = rule;
    return ORGNET_OK;
  });
}

int orgnet_coverage_findings(const orgnet_finding** out, size_t* out_count,
                             const orgnet_coverage* coverage) {
  return LendArray(out, out_count, {{coverage, "coverage"}},
                   [&]() -> decltype(auto) { return (coverage->findings); });
}

int orgnet_coverage_describe(char** out, size_t* out_len, const orgnet_coverage* coverage,
                             size_t finding) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {out_len, "out_len"}, {coverage, "coverage"}}))
      return rc;
    const auto findings = coverage->report.findings();
    if (finding >= findings.size()) {
      return SetError(ORGNET_OUT_OF_RANGE,
                      Cat("finding ", finding, " out of range: there are ", findings.size()));
    }
    const std::string text = coverage->report.Describe(findings[finding]);
    char* copy = static_cast<char*>(std::malloc(text.size() + 1));
    if (copy == nullptr) return SetError(ORGNET_RESOURCE_EXHAUSTED, "out of memory");
    std::memcpy(copy, text.c_str(), text.size() + 1);
    *out = copy;
    *out_len = text.size();
    return ORGNET_OK;
  });
}

int orgnet_coverage_skipped(int64_t* out, const orgnet_coverage* coverage, int rule) {
  return ReturnScalar(
      out, {{coverage, "coverage"}}, [&] { return CheckRule(rule); },
      [&] { return coverage->report.skipped(rule); });
}

int orgnet_coverage_rule_ran(int* out, const orgnet_coverage* coverage, int rule) {
  return ReturnScalar(
      out, {{coverage, "coverage"}}, [&] { return CheckRule(rule); },
      [&] { return coverage->report.rule_ran(rule) ? 1 : 0; });
}

int orgnet_coverage_disagreements(const orgnet_disagreement** out, size_t* out_count,
                                  const orgnet_coverage* coverage) {
  return LendArray(out, out_count, {{coverage, "coverage"}},
                   [&]() -> decltype(auto) { return (coverage->report.disagreements()); });
}


}  // extern "C"

// The C constants name the C++ enumerators by number: they must stay equal.
static_assert(ORGNET_COUNTER_UNITS == static_cast<int>(orgnet::Counter::kUnits));
static_assert(ORGNET_COUNTER_UNITS_COUNTED == static_cast<int>(orgnet::Counter::kUnitsCounted));
static_assert(ORGNET_COUNTER_UNITS_OWN == static_cast<int>(orgnet::Counter::kUnitsOwn));
static_assert(ORGNET_COUNTER_UNITS_JOINT == static_cast<int>(orgnet::Counter::kUnitsJoint));
static_assert(ORGNET_COUNTER_UNITS_WORK == static_cast<int>(orgnet::Counter::kUnitsWork));
static_assert(ORGNET_COUNTER_UNITS_NONE == static_cast<int>(orgnet::Counter::kUnitsNone));
static_assert(ORGNET_COUNTER_GRIDS == static_cast<int>(orgnet::Counter::kGrids));
static_assert(ORGNET_COUNTER_GRIDS_MANAGED == static_cast<int>(orgnet::Counter::kGridsManaged));
static_assert(ORGNET_COUNTER_MANAGERS == static_cast<int>(orgnet::Counter::kManagers));
static_assert(ORGNET_COUNTER_INFORMANTS == static_cast<int>(orgnet::Counter::kInformants));
static_assert(ORGNET_COUNTER_MEMBERS == static_cast<int>(orgnet::Counter::kMembers));
static_assert(ORGNET_COUNTER_MEMBERS_ATTACHED ==
              static_cast<int>(orgnet::Counter::kMembersAttached));
static_assert(ORGNET_COUNTER_MEMBERS_EMPLOYED ==
              static_cast<int>(orgnet::Counter::kMembersEmployed));
static_assert(ORGNET_COUNTER_MEMBERS_REGISTERED ==
              static_cast<int>(orgnet::Counter::kMembersRegistered));
static_assert(ORGNET_COUNTER_COUNT == orgnet::kCounterCount);
static_assert(ORGNET_RATE_ORG_COVERAGE == static_cast<int>(orgnet::Rate::kOrgCoverage));
static_assert(ORGNET_RATE_SEPARATE_ORG == static_cast<int>(orgnet::Rate::kSeparateOrg));
static_assert(ORGNET_RATE_WORK_COVERAGE == static_cast<int>(orgnet::Rate::kWorkCoverage));
static_assert(ORGNET_RATE_MANAGERS_PER_GRID == static_cast<int>(orgnet::Rate::kManagersPerGrid));
static_assert(ORGNET_RATE_INFORMANTS_PER_GRID ==
              static_cast<int>(orgnet::Rate::kInformantsPerGrid));
static_assert(ORGNET_RATE_MEMBER_ATTACHMENT == static_cast<int>(orgnet::Rate::kMemberAttachment));
static_assert(ORGNET_RATE_MEMBER_REGISTRATION ==
              static_cast<int>(orgnet::Rate::kMemberRegistration));
static_assert(ORGNET_RATE_COUNT == orgnet::kRateCount);
static_assert(ORGNET_ROLLUP_COUNT == orgnet::kRollUpCount);
