/// @file coverage.h
/// @brief Coverage analysis: which units, grids and members the organizations reach, the
/// findings of the coverage rules, and the rates rolled up along both trees.
#ifndef ORGNET_COVERAGE_H_
#define ORGNET_COVERAGE_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "orgnet/network.h"
#include "orgnet/orgnet_export.h"
#include "orgnet/rollup.h"
#include "orgnet/schema.h"

namespace orgnet {

/// How a unit is reached (domain.md, "the two coverages").
enum class UnitCoverage : std::uint8_t {
  kOwn = 0,    ///< its `org` covers it and no other unit, and is not joint/community/street/district
  kJoint = 1,  ///< covered through a joint or regional organization (any other `org`)
  kWork = 2,   ///< no organization, but an instructor or liaison (work coverage)
  kNone = 3,   ///< neither: a blind spot
};

/// The thresholds of the coverage rules. Every field is a default a caller may override; the
/// source of each default is named beside it (R: national regulation, L: local practice).
struct CoverageRules {
  /// Unit kinds that count toward the rates (R: "all enterprises and social organizations";
  /// places differ). Units of other kinds, or of an empty kind, are listed but not counted.
  std::vector<std::string> counted_unit_kinds = {"enterprise", "social_org"};
  /// A unit with this many formal members must have its own organization (R: Party
  /// Constitution art. 30).
  int own_org_min_formal = 3;
  /// A joint branch normally covers at most this many units (R).
  int joint_max_units = 5;
  /// A `branch` has fewer members than this, counting its whole leadership subtree (R).
  int branch_max_members = 50;
  /// A `general_branch` has fewer members than this, whole subtree (R).
  int general_branch_max_members = 100;
  /// A `branch` needs at least this many formal members, whole subtree (R).
  int branch_min_formal = 3;
  /// A party group (kind `group`) has at least this many members, one formal (R).
  int group_min_members = 3;
  /// A unit fails when fewer than this share of its employed members registered (L: one
  /// district's dual-registration rule).
  double registration_min_rate = 0.95;
  /// A mobile member away this many calendar months should transfer (R).
  int mobile_transfer_months = 6;
  /// A member out of contact this many calendar months is lost (R: suspension after 6).
  int lost_contact_months = 6;
  /// A typical urban grid has this many households at least (L).
  std::int64_t grid_min_households = 300;
  /// ... and at most (L).
  std::int64_t grid_max_households = 500;
  /// The date the date rules count from; kNoDate: Network::default_date() (the dataset's
  /// `as_of`, else its latest date).
  Date as_of = kNoDate;
};

/// The counters kept for every node of both roll-ups.
enum class Counter : std::uint8_t {
  kUnits,             ///< units of any kind
  kUnitsCounted,      ///< units of a counted kind
  kUnitsOwn,          ///< counted units with their own organization
  kUnitsJoint,        ///< counted units covered through a joint or regional organization
  kUnitsWork,         ///< counted units with work coverage only
  kUnitsNone,         ///< counted units reached by neither
  kGrids,             ///< grids
  kGridsManaged,      ///< grids with at least one grid manager
  kManagers,          ///< grid managers
  kInformants,        ///< grid informants
  kMembers,           ///< party members
  kMembersAttached,   ///< members attached to an organization
  kMembersEmployed,   ///< members with a workplace unit
  kMembersRegistered, ///< employed members registered with a community
};
/// Number of counters.
inline constexpr int kCounterCount = 14;

/// The rates derived from the counters; NaN when the denominator is 0 (null: never 0 or 100%).
enum class Rate : std::uint8_t {
  kOrgCoverage,        ///< (own + joint) / counted units
  kSeparateOrg,        ///< own / counted units (单独组建率)
  kWorkCoverage,       ///< (own + joint + work) / counted units (no national formula; ours)
  kManagersPerGrid,    ///< grid managers / grids
  kInformantsPerGrid,  ///< grid informants / grids
  kMemberAttachment,   ///< attached members / members
  kMemberRegistration, ///< registered / employed members
};
/// Number of rates.
inline constexpr int kRateCount = 7;

/// One finding of a coverage rule.
struct Finding {
  int rule;            ///< index into CoverageReport::rules()
  Table table;         ///< the subject's table (units, orgs, members or grids)
  Index row;           ///< the subject's row
  std::int64_t value;  ///< the figure the rule tested (members, units, months, households, ...)
  std::int64_t limit;  ///< the threshold it broke
};

/// A coverage rule's description.
struct RuleInfo {
  std::string_view code;     ///< stable code, e.g. "unit_without_own_org"
  Table table;               ///< the table of its subjects
  std::string_view summary;  ///< what it finds
  std::string_view source;   ///< where the rule comes from
  std::string_view needs;    ///< columns it needs (the rule is skipped when they are absent)
};

/// A unit organization that sits in one street but is led from outside it (条块不一致).
struct Disagreement {
  Index org;                ///< the organization (kind unit or joint)
  Index street;             ///< the street it sits in (territory)
  Index leading_street;     ///< the street above it in the leadership tree, or kNone
};

/// The coverage of one network under one set of rules: immutable, thread-safe to read.
///
/// Territorial roll-ups count every unit, member, grid and staff member located in the
/// territory (dataset-v1's rules). An organization's leadership roll-up counts the units in
/// grids whose community organization lies in its subtree together with the units whose `org`
/// lies in it (each unit once), the grids whose community lies in it, the staff of those
/// grids, and the members attached to organizations of the subtree. Computed in one linear
/// pass per table, not per node; the independent passes run side by side on two threads when
/// the machine has two cores (the report is the same on one).
class ORGNET_EXPORT CoverageReport {
 public:
  /// Analyses @p network under @p rules. kInvalidArgument for a bad rule value.
  static absl::StatusOr<CoverageReport> Compute(const Network& network,
                                                const CoverageRules& rules = {});

  /// The date the date rules counted from.
  Date as_of() const;
  /// How each unit is reached, by unit row.
  absl::Span<const UnitCoverage> unit_coverage() const;
  /// Formal members working in each unit, by unit row.
  absl::Span<const std::uint32_t> unit_formal_members() const;
  /// Probationary members working in each unit, by unit row.
  absl::Span<const std::uint32_t> unit_probationary_members() const;
  /// True when the unit's kind counts toward the rates.
  bool unit_counted(Index unit) const;

  /// The rows of a roll-up: grid rows for kGrid, org rows otherwise; ascending. kCommunity,
  /// kStreet and kDistrict list the orgs of that kind and any org a grid names as community.
  absl::Span<const Index> rows(RollUp roll_up) const;
  /// A counter for every row of a roll-up (aligned with rows()).
  absl::Span<const std::uint32_t> counter(RollUp roll_up, Counter counter) const;
  /// A rate for every row of a roll-up (aligned with rows()); NaN where undefined.
  absl::Span<const double> rate(RollUp roll_up, Rate rate) const;
  /// The position of @p row (grid or org index) in rows(@p roll_up), or kNone.
  Index position(RollUp roll_up, Index row) const;

  /// The rules, in the order findings are sorted by.
  static absl::Span<const RuleInfo> rules();
  /// The index of the rule whose code is @p code, or -1.
  static int FindRule(std::string_view code);
  /// Every finding, sorted by rule (rules() order), then subject row.
  absl::Span<const Finding> findings() const;
  /// A finding as a sentence naming the subject (id and name) and the figures.
  std::string Describe(const Finding& finding) const;
  /// Rows a date rule skipped because the date was unknown (0 for rules without dates).
  std::int64_t skipped(int rule) const;
  /// True when the rule ran (its columns were present).
  bool rule_ran(int rule) const;
  /// Unit and joint organizations led from outside the street they sit in, by org row.
  absl::Span<const Disagreement> disagreements() const;

  /// The network analysed.
  const Network& network() const;

  /// Opaque data (for the library's own layers).
  struct Data;

 private:
  explicit CoverageReport(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
};

/// The name of a counter ("units_counted", ...).
ORGNET_EXPORT std::string_view CounterName(Counter counter);
/// The name of a rate ("org_coverage_rate", ...).
ORGNET_EXPORT std::string_view RateName(Rate rate);

}  // namespace orgnet

#endif  // ORGNET_COVERAGE_H_
