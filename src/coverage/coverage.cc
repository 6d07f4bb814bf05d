#include "orgnet/coverage.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

#include "absl/container/flat_hash_set.h"
#include "base/date.h"
#include "base/progress_meter.h"
#include "model/raw_table.h"
#include "model/network_impl.h"
#include "base/parallel.h"
#include "base/text.h"
#include "base/closest.h"
#include "hierarchy/bottom_up.h"
#include "territory/leading_street.h"
#include "territory/places.h"

namespace orgnet {

using internal::Cat;

namespace {

// Rule indexes, in the order of kRules (and of findings).
enum RuleIndex : int {
  kUnitWithoutOwnOrg,
  kJointOverUnits,
  kJointAcrossStreets,
  kBranchTooLarge,
  kGeneralBranchTooLarge,
  kBranchTooFewFormal,
  kGroupTooSmall,
  kMemberUnattached,
  kMemberNotRegistered,
  kUnitRegistrationLow,
  kMobileShouldTransfer,
  kMobileWithoutStation,
  kMemberLostContact,
  kGridWithoutManager,
  kGridWithUncoveredUnits,
  kGridHouseholdsOutOfRange,
  kRuleCount
};

constexpr RuleInfo kRules[kRuleCount] = {
    {"unit_without_own_org", Table::kUnits,
     "a unit with enough formal members but no organization of its own",
     "Party Constitution art. 30 (R)", "members.unit, members.status"},
    {"joint_over_units", Table::kOrgs, "a joint branch covering more units than allowed",
     "joint branches cover at most 5 units (R)", "units.org"},
    {"joint_across_streets", Table::kOrgs, "a joint branch covering units in different streets",
     "joint branches group neighbouring units (R)", "units.org"},
    {"branch_too_large", Table::kOrgs,
     "a branch whose subtree has too many members (should be a general branch)",
     "branch < 50 members, counting the subtree (R)", "orgs.level"},
    {"general_branch_too_large", Table::kOrgs,
     "a general branch whose subtree has too many members (should be a committee)",
     "general branch < 100 members, counting the subtree (R)", "orgs.level"},
    {"branch_too_few_formal", Table::kOrgs, "a branch with too few formal members in its subtree",
     "a branch needs 3 formal members (R)", "orgs.level"},
    {"group_too_small", Table::kOrgs,
     "a party group with too few members, or none formal", "party group >= 3 members, 1 formal (R)",
     "members.org"},
    {"member_unattached", Table::kMembers, "a member attached to no organization",
     "member management regulations 2019 art. 24 (R)", "members.org"},
    {"member_not_registered", Table::kMembers,
     "an employed member not registered with a home community",
     "dual registration (L)", "members.unit, members.community"},
    {"unit_registration_low", Table::kUnits,
     "a unit whose employed members registered below the required rate",
     "dual registration: 95% (L, one district's rule)", "members.unit, members.community"},
    {"mobile_should_transfer", Table::kMembers,
     "a mobile member away long enough to transfer the relationship",
     "away 6 months or more at a fixed place (R)", "members.mobile, members.away_since"},
    {"mobile_without_station", Table::kMembers, "a mobile member managed by no liaison station",
     "mobile members are managed by a liaison station (R)", "members.mobile, members.station"},
    {"member_lost_contact", Table::kMembers, "a member out of contact for too long",
     "lost contact 6 months: suspension (R)", "members.last_contact"},
    {"grid_without_manager", Table::kGrids, "a grid with no grid manager",
     "every grid has its people (L: grid management)", "staff.csv"},
    {"grid_with_uncovered_units", Table::kGrids,
     "a grid with counted units that neither coverage reaches",
     "no blind spot (R: the two coverages)", "units.csv"},
    {"grid_households_out_of_range", Table::kGrids,
     "a grid whose households fall outside the typical range", "300-500 households (L)",
     "grids.households"},
};

constexpr std::string_view kCounterNames[kCounterCount] = {
    "units",         "units_counted", "units_own",        "units_joint",
    "units_work",    "units_none",    "grids",            "grids_managed",
    "managers",      "informants",    "members",          "members_attached",
    "members_employed", "members_registered"};
constexpr std::string_view kRateNames[kRateCount] = {
    "org_coverage_rate",  "separate_org_rate", "work_coverage_rate", "managers_per_grid",
    "informants_per_grid", "member_attachment_rate", "member_registration_rate"};
constexpr std::string_view kRollUpNames[kRollUpCount] = {"grid", "community", "street",
                                                         "district", "org"};
constexpr std::string_view kCoverageNames[4] = {"own", "joint", "work", "none"};

double Ratio(std::uint32_t numerator, std::uint32_t denominator) {
  return denominator == 0 ? std::nan("") : static_cast<double>(numerator) / denominator;
}

int C(Counter c) { return static_cast<int>(c); }

}  // namespace

// Large arrays live in populated huge pages (model/large_memory.h): on a virtual machine,
// faulting in fresh 4 KiB pages would cost more than the analysis itself.
template <typename T>
using Array = internal::LargeVector<T>;

struct CoverageReport::Data {
  Network network;
  CoverageRules rules;
  Date as_of = kNoDate;
  Array<UnitCoverage> unit_coverage;
  Array<std::uint32_t> unit_formal, unit_probationary, unit_employed, unit_registered;
  Array<std::uint8_t> unit_counted;
  // One node list and its figures; the counters (and the rates) share one block, counter
  // after counter, so that they come as one large allocation.
  struct Roll {
    Array<Index> rows;
    Array<Index> position;        // grid or org index -> position in rows, or kNone
    Array<std::uint32_t> counts;  // kCounterCount runs of rows.size()
    Array<double> rate_values;    // kRateCount runs of rows.size()
    std::uint32_t* counter(int c) { return counts.data() + c * rows.size(); }
    const std::uint32_t* counter(int c) const { return counts.data() + c * rows.size(); }
    double* rate(int r) { return rate_values.data() + r * rows.size(); }
    const double* rate(int r) const { return rate_values.data() + r * rows.size(); }
  };
  std::array<Roll, kRollUpCount> rolls;
  // Grown by realloc, which moves pages instead of copying a list of millions.
  internal::PodBuffer<Finding> findings;
  std::array<std::int64_t, kRuleCount> skipped{};
  std::array<bool, kRuleCount> ran{};
  std::vector<Disagreement> disagreements;
  Array<std::uint32_t> subtree_formal;  // formal members in each org's subtree
};

namespace {

class Analysis {
  using Counts = std::array<std::uint32_t, kCounterCount>;
  struct OwnMembers {
    std::uint32_t members = 0, formal = 0, employed = 0, registered = 0;
  };
  struct UnitMembers {
    std::uint32_t formal = 0, probationary = 0, employed = 0, registered = 0;
  };
  struct MemberNote {
    Index member;
    Date since;  // the date a date rule tested, else kNoDate
  };
  // What a pass over some of the members counts (CountMembers), by unit, grid and org, and
  // the subjects of each member rule in member order.
  struct MemberTally {
    Array<UnitMembers> per_unit;   // members working in each unit
    Array<Counts> at_grid;         // territory counts at each grid
    Array<OwnMembers> own;         // members an org holds itself
    std::array<internal::PodBuffer<MemberNote>, kRuleCount> notes;
    std::int64_t transfer_skipped = 0, lost_skipped = 0;
  };

 public:
  Analysis(const Network& net, CoverageReport::Data& d) : net_(net), d_(d) {}

  // Runs the passes; false when the progress handler stopped it (the data is then partial and
  // the caller discards it).
  bool Run(internal::ProgressMeter& meter) {
    meter_ = &meter;
    Units();
    if (!meter.Step()) return false;
    CountStaff();
    // The territorial and leadership roll-ups read the same counts and write apart.
    internal::RunParallel(2, Threads(), [&](std::size_t task) {
      if (task == 0) {
        Territory();
      } else {
        Leadership();
      }
    });
    if (!meter.Step()) return false;
    Rates();
    if (!meter.Step()) return false;
    Findings();
    if (!meter.Step()) return false;
    Disagreements();
    return meter.Step();
  }
  // The number of Step calls of Run (the meter's total).
  static constexpr std::uint64_t kPasses = 5;

 private:
  // The analysis runs its independent passes side by side on two threads when there are two
  // cores (one otherwise): its figures are the same either way.
  internal::ProgressMeter* meter_ = nullptr;

  static int Threads() { return std::thread::hardware_concurrency() >= 2 ? 2 : 1; }

  const internal::ColumnData& Col(Table t, int c) const { return internal::ImplOf(net_).column(t, c); }
  absl::Span<const Index> Refs(Table t, int c) const { return Col(t, c).refs(); }
  bool Present(Table t, int c) const { return net_.has_table(t) && net_.has_column(t, c); }

  void Units() {
    const Index units = net_.rows(Table::kUnits), orgs = net_.org_count();
    const auto& unit_org = Refs(Table::kUnits, col::kUnitOrg);
    const auto& instructor = Refs(Table::kUnits, col::kUnitInstructor);
    const auto& liaison = Refs(Table::kUnits, col::kUnitLiaison);
    org_units_.assign(orgs, 0);
    for (Index u = 0; u < units; ++u) {
      if (IsRow(unit_org[u])) ++org_units_[unit_org[u]];
    }
    d_.unit_coverage.resize(units);
    d_.unit_counted.resize(units);
    const auto& kind = Col(Table::kUnits, col::kUnitKind).texts();
    for (Index u = 0; u < units; ++u) {
      const Index o = unit_org[u];
      UnitCoverage coverage;
      if (o == kOutside) {
        // An org outside a view's scope: its coverage as the full network gives it.
        coverage = internal::ImplOf(net_).view->outside_org_own[u] ? UnitCoverage::kOwn
                                                                    : UnitCoverage::kJoint;
      } else if (o != kNone) {
        const OrgKind k = net_.org_kind(o);
        const bool regional = k == OrgKind::kJoint || k == OrgKind::kCommunity ||
                              k == OrgKind::kStreet || k == OrgKind::kDistrict;
        coverage = org_units_[o] == 1 && !regional ? UnitCoverage::kOwn : UnitCoverage::kJoint;
      } else {
        coverage = instructor[u] != kNone || liaison[u] != kNone ? UnitCoverage::kWork
                                                                 : UnitCoverage::kNone;
      }
      d_.unit_coverage[u] = coverage;
      const std::string_view k = kind[u];
      d_.unit_counted[u] =
          !k.empty() && std::find(d_.rules.counted_unit_kinds.begin(),
                                  d_.rules.counted_unit_kinds.end(), k) !=
                            d_.rules.counted_unit_kinds.end();
    }
    // The members and the units' leadership contributions touch disjoint arrays: they run
    // side by side, the members in two parts (the second counted apart, then added), sized
    // so that the thread that did the units takes the smaller one.
    const Index members = net_.rows(Table::kMembers);
    DecideMemberRules();
    const Index split = static_cast<Index>(std::uint64_t{members} * 11 / 20);
    const int threads = Threads();
    MemberTally second;
    internal::RunParallel(3, threads, [&](std::size_t task) {
      if (task == 0) {
        LeadershipUnits();
      } else if (task == 1) {
        CountMembers(0, split, tally_);
      } else if (split < members) {
        CountMembers(split, members, second);
      }
    });
    if (split < members) AddTally(second);
    d_.skipped[kMobileShouldTransfer] = tally_.transfer_skipped;
    d_.skipped[kMemberLostContact] = tally_.lost_skipped;
    const auto& per_unit = tally_.per_unit;
    d_.unit_formal.resize(units);
    d_.unit_probationary.resize(units);
    d_.unit_employed.resize(units);
    d_.unit_registered.resize(units);
    for (Index u = 0; u < units; ++u) {
      d_.unit_formal[u] = per_unit[u].formal;
      d_.unit_probationary[u] = per_unit[u].probationary;
      d_.unit_employed[u] = per_unit[u].employed;
      d_.unit_registered[u] = per_unit[u].registered;
    }
  }

  // Which member rules run: those whose columns are present.
  void DecideMemberRules() {
    d_.ran[kMemberUnattached] = Present(Table::kMembers, col::kMemberOrg);
    d_.ran[kMemberNotRegistered] = Present(Table::kMembers, col::kMemberUnit) &&
                                   Present(Table::kMembers, col::kMemberCommunity);
    const bool have_mobile = Present(Table::kMembers, col::kMemberMobile);
    d_.ran[kMobileShouldTransfer] = have_mobile && Present(Table::kMembers, col::kMemberAwaySince);
    d_.ran[kMobileWithoutStation] = have_mobile && Present(Table::kMembers, col::kMemberStation);
    d_.ran[kMemberLostContact] = Present(Table::kMembers, col::kMemberLastContact);
  }

  // Adds the tally of later members to tally_.
  void AddTally(const MemberTally& later) {
    for (std::size_t u = 0; u < later.per_unit.size(); ++u) {
      UnitMembers& k = tally_.per_unit[u];
      const UnitMembers& l = later.per_unit[u];
      k.formal += l.formal;
      k.probationary += l.probationary;
      k.employed += l.employed;
      k.registered += l.registered;
    }
    for (std::size_t g = 0; g < later.at_grid.size(); ++g) {
      for (int c = 0; c < kCounterCount; ++c) tally_.at_grid[g][c] += later.at_grid[g][c];
    }
    for (std::size_t o = 0; o < later.own.size(); ++o) {
      OwnMembers& k = tally_.own[o];
      const OwnMembers& l = later.own[o];
      k.members += l.members;
      k.formal += l.formal;
      k.employed += l.employed;
      k.registered += l.registered;
    }
    for (int rule = 0; rule < kRuleCount; ++rule) {
      tally_.notes[rule].append(later.notes[rule].data(), later.notes[rule].size());
    }
    tally_.transfer_skipped += later.transfer_skipped;
    tally_.lost_skipped += later.lost_skipped;
  }

  // One pass over members [first, last) for everything counted per member: their unit's
  // record, their anchor for the territory (the workplace's grid, else the holding org), their
  // holding org's own record for the leadership tree, and the member rules. Each member rule
  // notes its subjects in a list of its own (findings come rule by rule); the lists are turned
  // into findings when the other rules have run.
  void CountMembers(Index first, Index last, MemberTally& tally) {
    const Index units = net_.rows(Table::kUnits), orgs = net_.org_count();
    const Index grids = net_.rows(Table::kGrids);
    auto& per_unit = tally.per_unit;
    auto& at_grid = tally.at_grid;
    auto& own_members = tally.own;
    per_unit.assign(units, UnitMembers{});
    at_grid.assign(grids, Counts{});
    own_members.assign(orgs, OwnMembers{});
    const auto& unit_grid = Refs(Table::kUnits, col::kUnitGrid);
    const auto& member_org = Refs(Table::kMembers, col::kMemberOrg);
    const auto& member_unit = Refs(Table::kMembers, col::kMemberUnit);
    const auto& community = Refs(Table::kMembers, col::kMemberCommunity);
    const auto& status = Col(Table::kMembers, col::kMemberStatus).smalls();
    const auto& station = Refs(Table::kMembers, col::kMemberStation);
    const auto& mobile = Col(Table::kMembers, col::kMemberMobile).smalls();
    const auto& away = Col(Table::kMembers, col::kMemberAwaySince).dates();
    const auto& contact = Col(Table::kMembers, col::kMemberLastContact).dates();
    const CoverageRules& r = d_.rules;
    const bool have_mobile = Present(Table::kMembers, col::kMemberMobile);
    const bool unattached = d_.ran[kMemberUnattached], registration = d_.ran[kMemberNotRegistered];
    const bool transfer = d_.ran[kMobileShouldTransfer], no_station = d_.ran[kMobileWithoutStation];
    const bool lost = d_.ran[kMemberLostContact];
    // A date is that many calendar months back exactly when it is on or before the cutoff.
    const Date transfer_cutoff = internal::MonthsBefore(d_.as_of, r.mobile_transfer_months);
    const Date lost_cutoff = internal::MonthsBefore(d_.as_of, r.lost_contact_months);
    std::int64_t transfer_skipped = 0, lost_skipped = 0;
    auto note = [&](int rule, Index m, Date since) { tally.notes[rule].push_back({m, since}); };
    // Members come in any order, so their units, grids and orgs are random accesses into
    // arrays of a few MB each: they are fetched ahead (the grid two steps deep).
    constexpr Index kAhead = 16;
    for (Index m = first; m < last; ++m) {
      if ((m & 4095) == 0 && !meter_->Poll()) return;  // stopped: the result is discarded
      if (m + kAhead < last) {
        const Index ua = member_unit[m + kAhead], oa = member_org[m + kAhead];
        if (IsRow(ua)) {
          __builtin_prefetch(&per_unit[ua], 1);
          __builtin_prefetch(&unit_grid[ua]);
        }
        if (IsRow(oa)) __builtin_prefetch(&own_members[oa], 1);
        const Index ub = member_unit[m + kAhead / 2];
        if (IsRow(ub) && IsRow(unit_grid[ub])) __builtin_prefetch(&at_grid[unit_grid[ub]], 1);
      }
      const Index u = member_unit[m], o = member_org[m];
      const bool formal = status[m] == 0, registered = community[m] != kNone;
      // In a view, a workplace outside the scope is a workplace (the member is located
      // outside), and an org outside holds the member (attached).
      if (u != kNone) {
        if (registration && !registered) note(kMemberNotRegistered, m, kNoDate);
      }
      if (IsRow(u)) {
        UnitMembers& k = per_unit[u];
        ++(formal ? k.formal : k.probationary);
        ++k.employed;
        k.registered += registered;
        if (IsRow(unit_grid[u])) {
          Counts& place = at_grid[unit_grid[u]];
          ++place[C(Counter::kMembers)];
          place[C(Counter::kMembersAttached)] += o != kNone;
          ++place[C(Counter::kMembersEmployed)];
          place[C(Counter::kMembersRegistered)] += registered;
        }
      }
      if (o == kOutside) {
      } else if (o != kNone) {
        OwnMembers& own = own_members[o];
        ++own.members;
        own.formal += formal;
        own.employed += u != kNone;
        own.registered += u != kNone && registered;
      } else if (unattached) {
        note(kMemberUnattached, m, kNoDate);
      }
      if (have_mobile && mobile[m] == internal::kFlagOne) {
        if (transfer) {
          if (away[m] == kNoDate) {
            ++transfer_skipped;
          } else if (away[m] <= transfer_cutoff) {
            note(kMobileShouldTransfer, m, away[m]);
          }
        }
        if (no_station && station[m] == kNone) note(kMobileWithoutStation, m, kNoDate);
      }
      if (lost) {
        if (contact[m] == kNoDate) {
          ++lost_skipped;
        } else if (contact[m] <= lost_cutoff) {
          note(kMemberLostContact, m, contact[m]);
        }
      }
    }
    tally.transfer_skipped = transfer_skipped;
    tally.lost_skipped = lost_skipped;
  }

  // The findings of a member rule noted by CountMembers (tens of millions at national scale:
  // written in blocks on two threads).
  void EmitMemberRule(int rule, std::int64_t limit) {
    const auto& notes = tally_.notes[rule];
    const std::size_t base = d_.findings.size(), n = notes.size();
    d_.findings.resize(base + n);
    Finding* out = d_.findings.mutable_data() + base;
    constexpr std::size_t kBlock = std::size_t{1} << 20;
    const std::size_t blocks = (n + kBlock - 1) / kBlock;
    const int threads = blocks > 1 ? Threads() : 1;
    internal::RunParallel(blocks, threads, [&](std::size_t b) {
      const std::size_t end = std::min(n, (b + 1) * kBlock);
      for (std::size_t i = b * kBlock; i < end; ++i) {
        const MemberNote note = notes[i];
        const std::int64_t value =
            note.since == kNoDate ? 0 : internal::CalendarMonthsBetween(note.since, d_.as_of);
        out[i] = {rule, Table::kMembers, note.member, value, limit};
      }
    });
  }

  // Grid managers and informants per grid.
  void CountStaff() {
    const Index grids = net_.rows(Table::kGrids);
    managers_.assign(grids, 0);
    informants_.assign(grids, 0);
    const Index staff = net_.rows(Table::kStaff);
    const auto& role = Col(Table::kStaff, col::kStaffRole).texts();
    const auto& staff_grid = Refs(Table::kStaff, col::kStaffGrid);
    for (Index s = 0; s < staff; ++s) {
      if (!IsRow(staff_grid[s])) continue;
      if (role[s] == "grid_manager") {
        ++managers_[staff_grid[s]];
      } else if (role[s] == "grid_informant") {
        ++informants_[staff_grid[s]];
      }
    }
  }

  // Territorial roll-ups: every row adds to the grid, community, street and district it is in.
  void Territory() {
    const Index orgs = net_.org_count(), grids = net_.rows(Table::kGrids);
    const orgnet::Territory& t = net_.territory();
    auto& grid_roll = d_.rolls[static_cast<int>(RollUp::kGrid)];
    grid_roll.rows.resize(grids);
    grid_roll.position.resize(grids);
    for (Index g = 0; g < grids; ++g) grid_roll.rows[g] = grid_roll.position[g] = g;
    // Territorial org levels: orgs of the level's kind, plus any org named as such a place.
    for (int level = 1; level < 4; ++level) {
      internal::Places places = internal::TerritoryPlaces(net_, static_cast<RollUp>(level));
      d_.rolls[level].rows = std::move(places.rows);
      d_.rolls[level].position = std::move(places.position);
    }
    // Rows are first counted at their anchor (a grid, or for a member without a workplace
    // the holding organization), then each anchor adds its counts to the up to four nodes it
    // lies in: one small random update per row instead of one per row and level.
    const Index units = net_.rows(Table::kUnits);
    const auto& unit_grid = Refs(Table::kUnits, col::kUnitGrid);
    for (Index u = 0; u < units; ++u) {
      if (!IsRow(unit_grid[u])) continue;  // a view's unit located outside its scope
      Counts& k = tally_.at_grid[unit_grid[u]];
      ++k[C(Counter::kUnits)];
      if (!d_.unit_counted[u]) continue;
      ++k[C(Counter::kUnitsCounted)];
      ++k[C(CoverageCounter(d_.unit_coverage[u]))];
    }
    for (Index g = 0; g < grids; ++g) {
      Counts& k = tally_.at_grid[g];
      k[C(Counter::kGrids)] = 1;
      k[C(Counter::kGridsManaged)] = managers_[g] > 0;
      k[C(Counter::kManagers)] = managers_[g];
      k[C(Counter::kInformants)] = informants_[g];
    }
    // Members were counted at their anchor by CountMembers: a member is where the workplace
    // unit is, else where the holding org is.
    std::array<Array<Counts>, 4> counts;
    for (int level = 0; level < 4; ++level) counts[level].assign(d_.rolls[level].rows.size(), Counts{});
    auto spread = [&](const Place& p, const Counts& k) {
      const Index keys[4] = {p.grid, p.community, p.street, p.district};
      for (int level = 0; level < 4; ++level) {
        if (!IsRow(keys[level])) continue;
        const Index slot = d_.rolls[level].position[keys[level]];
        if (slot == kNone) continue;
        Counts& node = counts[level][slot];
        for (int c = 0; c < kCounterCount; ++c) node[c] += k[c];
      }
    };
    for (Index g = 0; g < grids; ++g) spread(t.grid_place(g), tally_.at_grid[g]);
    for (Index o = 0; o < orgs; ++o) {
      const std::uint32_t without_workplace = tally_.own[o].members - tally_.own[o].employed;
      if (without_workplace == 0) continue;
      Counts k{};
      k[C(Counter::kMembers)] = k[C(Counter::kMembersAttached)] = without_workplace;
      spread(t.org_place(o), k);
    }
    for (int level = 0; level < 4; ++level) Transpose(counts[level], d_.rolls[level]);
  }

  // Lays node records out counter after counter in the roll's block.
  template <typename Counts>
  static void Transpose(const Array<Counts>& counts, CoverageReport::Data::Roll& roll) {
    const std::size_t n = counts.size();
    roll.counts.resize(n * kCounterCount);
    for (int c = 0; c < kCounterCount; ++c) {
      std::uint32_t* out = roll.counter(c);
      for (std::size_t i = 0; i < n; ++i) out[i] = counts[i][c];
    }
  }

  static Counter CoverageCounter(UnitCoverage c) {
    switch (c) {
      case UnitCoverage::kOwn: return Counter::kUnitsOwn;
      case UnitCoverage::kJoint: return Counter::kUnitsJoint;
      case UnitCoverage::kWork: return Counter::kUnitsWork;
      case UnitCoverage::kNone: break;
    }
    return Counter::kUnitsNone;
  }

  // Leadership roll-up: contributions at anchor orgs, then one sweep up the pre-order. A unit
  // counts in the subtrees holding its grid's community (A) or its org (B), once: +1 at A,
  // +1 at B, -1 at their lowest common ancestor.
  // The units' part of the leadership roll-up (Leadership adds the rest).
  void LeadershipUnits() {
    const Index orgs = net_.org_count();
    const Hierarchy& h = net_.hierarchy();
    // Accumulated as unsigned 32-bit: the -1 at a common ancestor may leave a node below zero
    // until its children are added, and modular arithmetic keeps the sums exact.
    leadership_.assign(orgs, Counts{});
    Array<Counts>& acc = leadership_;
    const auto& unit_grid = Refs(Table::kUnits, col::kUnitGrid);
    const auto& unit_org = Refs(Table::kUnits, col::kUnitOrg);
    const auto& grid_community = Refs(Table::kGrids, col::kGridCommunity);
    const Index units = net_.rows(Table::kUnits);
    constexpr Index kAhead = 8;  // records fetched ahead, as in CountMembers
    for (Index u = 0; u < units; ++u) {
      if (u + kAhead < units && IsRow(unit_grid[u + kAhead])) {
        const Index ahead = grid_community[unit_grid[u + kAhead]];
        if (IsRow(ahead)) __builtin_prefetch(&acc[ahead], 1);
        if (IsRow(unit_org[u + kAhead])) __builtin_prefetch(&acc[unit_org[u + kAhead]], 1);
      }
      // In a view, the grid, its community or the unit's org may be outside the scope: the
      // unit then counts only under the anchors the view holds.
      const Index grid = unit_grid[u];
      const Index a = IsRow(grid) ? grid_community[grid] : kOutside;
      const Index b = unit_org[u];
      // The common case first: a unit's organization led by its community's street, whose
      // parent is then the answer without a range query.
      Index both = kNone;
      if (!IsRow(a) || !IsRow(b)) {
      } else if (b != kNone) {
        const Index p = h.parent(b);
        // p is the answer when a lies under p but not under b (b itself included).
        if (p != kNone && b != a && (p == a || h.is_ancestor(p, a)) && !h.is_ancestor(b, a)) {
          both = p;
        } else {
          both = h.LowestCommonAncestor(a, b);
        }
      }
      auto put = [&](Counter c) {
        if (IsRow(a)) ++acc[a][C(c)];
        if (IsRow(b)) ++acc[b][C(c)];
        if (both != kNone) --acc[both][C(c)];
      };
      put(Counter::kUnits);
      if (!d_.unit_counted[u]) continue;
      put(Counter::kUnitsCounted);
      put(CoverageCounter(d_.unit_coverage[u]));
    }
  }

  // Leadership roll-up: contributions at anchor orgs, then one sweep up the pre-order. A unit
  // counts in the subtrees holding its grid's community (A) or its org (B), once: +1 at A,
  // +1 at B, -1 at their lowest common ancestor (LeadershipUnits).
  void Leadership() {
    const Index orgs = net_.org_count();
    const Hierarchy& h = net_.hierarchy();
    auto& roll = d_.rolls[static_cast<int>(RollUp::kOrg)];
    roll.rows.resize(orgs);
    roll.position.resize(orgs);
    for (Index o = 0; o < orgs; ++o) roll.rows[o] = roll.position[o] = o;
    Array<Counts>& acc = leadership_;
    Array<std::uint32_t> formal(orgs, 0);
    const auto& grid_community = Refs(Table::kGrids, col::kGridCommunity);
    const Index grids = net_.rows(Table::kGrids);
    for (Index g = 0; g < grids; ++g) {
      const Index c = grid_community[g];
      if (!IsRow(c)) continue;  // a grid scope's community is outside it
      ++acc[c][C(Counter::kGrids)];
      if (managers_[g] > 0) ++acc[c][C(Counter::kGridsManaged)];
      acc[c][C(Counter::kManagers)] += managers_[g];
      acc[c][C(Counter::kInformants)] += informants_[g];
    }
    // Members, counted per holding org by CountMembers.
    for (Index o = 0; o < orgs; ++o) {
      const OwnMembers& k = tally_.own[o];
      acc[o][C(Counter::kMembers)] = k.members;
      acc[o][C(Counter::kMembersAttached)] = k.members;
      acc[o][C(Counter::kMembersEmployed)] = k.employed;
      acc[o][C(Counter::kMembersRegistered)] = k.registered;
      formal[o] = k.formal;
    }
    internal::AddUpTheTree(h, [&](Index p, Index v) {
      for (int c = 0; c < kCounterCount; ++c) acc[p][c] += acc[v][c];
      formal[p] += formal[v];
    });
    Transpose(acc, roll);
    acc = Array<Counts>();
    d_.subtree_formal = std::move(formal);
  }

  void Rates() {
    for (auto& roll : d_.rolls) {
      const std::size_t n = roll.rows.size();
      roll.rate_values.resize(n * kRateCount);
      const std::uint32_t* counted = roll.counter(C(Counter::kUnitsCounted));
      const std::uint32_t* own = roll.counter(C(Counter::kUnitsOwn));
      const std::uint32_t* joint = roll.counter(C(Counter::kUnitsJoint));
      const std::uint32_t* work = roll.counter(C(Counter::kUnitsWork));
      const std::uint32_t* grids = roll.counter(C(Counter::kGrids));
      const std::uint32_t* managers = roll.counter(C(Counter::kManagers));
      const std::uint32_t* informants = roll.counter(C(Counter::kInformants));
      const std::uint32_t* members = roll.counter(C(Counter::kMembers));
      const std::uint32_t* attached = roll.counter(C(Counter::kMembersAttached));
      const std::uint32_t* employed = roll.counter(C(Counter::kMembersEmployed));
      const std::uint32_t* registered = roll.counter(C(Counter::kMembersRegistered));
      for (std::size_t i = 0; i < n; ++i) {
        roll.rate(0)[i] = Ratio(own[i] + joint[i], counted[i]);
        roll.rate(1)[i] = Ratio(own[i], counted[i]);
        roll.rate(2)[i] = Ratio(own[i] + joint[i] + work[i], counted[i]);
        roll.rate(3)[i] = Ratio(managers[i], grids[i]);
        roll.rate(4)[i] = Ratio(informants[i], grids[i]);
        roll.rate(5)[i] = Ratio(attached[i], members[i]);
        roll.rate(6)[i] = Ratio(registered[i], employed[i]);
      }
    }
  }

  void Add(int rule, Table table, Index row, std::int64_t value, std::int64_t limit) {
    d_.findings.push_back({rule, table, row, value, limit});
  }

  void Findings() {
    const CoverageRules& r = d_.rules;
    const Index units = net_.rows(Table::kUnits), orgs = net_.org_count();
    const Index grids = net_.rows(Table::kGrids);
    const bool have_units = net_.has_table(Table::kUnits);
    const bool member_units = Present(Table::kMembers, col::kMemberUnit);
    // unit_without_own_org
    d_.ran[kUnitWithoutOwnOrg] = have_units && member_units;
    if (d_.ran[kUnitWithoutOwnOrg]) {
      for (Index u = 0; u < units; ++u) {
        if (d_.unit_formal[u] >= static_cast<std::uint32_t>(r.own_org_min_formal) &&
            d_.unit_coverage[u] != UnitCoverage::kOwn) {
          Add(kUnitWithoutOwnOrg, Table::kUnits, u, d_.unit_formal[u], r.own_org_min_formal);
        }
      }
    }
    // joint branches: units covered and the streets they lie in
    d_.ran[kJointOverUnits] = d_.ran[kJointAcrossStreets] =
        have_units && Present(Table::kUnits, col::kUnitOrg);
    if (d_.ran[kJointOverUnits]) {
      const auto& kinds = (*internal::ImplOf(net_).org_kinds);
      for (Index o = 0; o < orgs; ++o) {
        if (kinds[o] == OrgKind::kJoint &&
            org_units_[o] > static_cast<std::uint32_t>(r.joint_max_units)) {
          Add(kJointOverUnits, Table::kOrgs, o, org_units_[o], r.joint_max_units);
        }
      }
      // Distinct known streets per joint org: the first street seen is kept per org, and the
      // rare others (the anomaly this rule finds) go to a set of (org, street) pairs.
      const auto& unit_org = Refs(Table::kUnits, col::kUnitOrg);
      Array<Index> first_street(orgs, kNone);
      Array<std::uint32_t> streets(orgs, 0);
      absl::flat_hash_set<std::uint64_t> other_streets;
      for (Index u = 0; u < units; ++u) {
        const Index o = unit_org[u];
        if (!IsRow(o) || kinds[o] != OrgKind::kJoint) continue;
        const Index street = net_.territory().unit_place(u).street;
        if (street == kNone || street == first_street[o]) continue;
        if (first_street[o] == kNone) {
          first_street[o] = street;
          streets[o] = 1;
        } else if (other_streets.insert(std::uint64_t{o} << 32 | street).second) {
          ++streets[o];
        }
      }
      for (Index o = 0; o < orgs; ++o) {
        if (streets[o] > 1) Add(kJointAcrossStreets, Table::kOrgs, o, streets[o], 1);
      }
    }
    // size of organizations, by their stated level
    const std::uint32_t* subtree_members =
        d_.rolls[static_cast<int>(RollUp::kOrg)].counter(C(Counter::kMembers));
    const bool have_level = Present(Table::kOrgs, col::kOrgLevel);
    d_.ran[kBranchTooLarge] = d_.ran[kGeneralBranchTooLarge] = d_.ran[kBranchTooFewFormal] =
        have_level;
    if (have_level) {
      const auto& level = Col(Table::kOrgs, col::kOrgLevel).texts();
      // Branches are checked twice (too large, then too few formal members): their rows are
      // kept so that the second rule does not compare the level text again.
      std::vector<Index> branches;
      for (Index o = 0; o < orgs; ++o) {
        const std::string_view l = level[o];
        if (l == "branch") {
          branches.push_back(o);
          if (subtree_members[o] >= static_cast<std::uint32_t>(r.branch_max_members)) {
            Add(kBranchTooLarge, Table::kOrgs, o, subtree_members[o], r.branch_max_members);
          }
        } else if (l == "general_branch" &&
                   subtree_members[o] >= static_cast<std::uint32_t>(r.general_branch_max_members)) {
          Add(kGeneralBranchTooLarge, Table::kOrgs, o, subtree_members[o],
              r.general_branch_max_members);
        }
      }
      for (Index o : branches) {
        if (d_.subtree_formal[o] < static_cast<std::uint32_t>(r.branch_min_formal)) {
          Add(kBranchTooFewFormal, Table::kOrgs, o, d_.subtree_formal[o], r.branch_min_formal);
        }
      }
    }
    // party groups: their own members (a group leads no one)
    d_.ran[kGroupTooSmall] = d_.ran[kMemberUnattached];
    if (d_.ran[kGroupTooSmall]) {
      for (Index o = 0; o < orgs; ++o) {
        const OwnMembers& own = tally_.own[o];
        if (net_.org_kind(o) == OrgKind::kGroup &&
            (own.members < static_cast<std::uint32_t>(r.group_min_members) || own.formal == 0)) {
          Add(kGroupTooSmall, Table::kOrgs, o, own.members, r.group_min_members);
        }
      }
    }

    d_.ran[kUnitRegistrationLow] = d_.ran[kMemberNotRegistered];
    std::size_t noted = 0;
    for (const auto& notes : tally_.notes) noted += notes.size();
    d_.findings.reserve(d_.findings.size() + noted);

    EmitMemberRule(kMemberUnattached, 0);
    EmitMemberRule(kMemberNotRegistered, 0);
    if (d_.ran[kUnitRegistrationLow]) {
      for (Index u = 0; u < units; ++u) {
        if (d_.unit_employed[u] > 0 &&
            d_.unit_registered[u] < r.registration_min_rate * d_.unit_employed[u]) {
          Add(kUnitRegistrationLow, Table::kUnits, u, d_.unit_registered[u], d_.unit_employed[u]);
        }
      }
    }
    EmitMemberRule(kMobileShouldTransfer, r.mobile_transfer_months);
    EmitMemberRule(kMobileWithoutStation, 0);
    EmitMemberRule(kMemberLostContact, r.lost_contact_months);

    // grids
    d_.ran[kGridWithoutManager] = net_.has_table(Table::kStaff);
    if (d_.ran[kGridWithoutManager]) {
      for (Index g = 0; g < grids; ++g) {
        if (managers_[g] == 0) Add(kGridWithoutManager, Table::kGrids, g, 0, 1);
      }
    }
    d_.ran[kGridWithUncoveredUnits] = have_units;
    if (have_units) {
      Array<std::uint32_t> uncovered(grids, 0);
      const auto& unit_grid = Refs(Table::kUnits, col::kUnitGrid);
      for (Index u = 0; u < units; ++u) {
        if (d_.unit_counted[u] && d_.unit_coverage[u] == UnitCoverage::kNone &&
            IsRow(unit_grid[u])) {
          ++uncovered[unit_grid[u]];
        }
      }
      for (Index g = 0; g < grids; ++g) {
        if (uncovered[g] > 0) Add(kGridWithUncoveredUnits, Table::kGrids, g, uncovered[g], 0);
      }
    }
    d_.ran[kGridHouseholdsOutOfRange] = Present(Table::kGrids, col::kGridHouseholds);
    if (d_.ran[kGridHouseholdsOutOfRange]) {
      const auto& households = Col(Table::kGrids, col::kGridHouseholds).ints();
      for (Index g = 0; g < grids; ++g) {
        const std::int64_t h = households[g];
        if (h == kNoInteger) continue;
        if (h < r.grid_min_households) {
          Add(kGridHouseholdsOutOfRange, Table::kGrids, g, h, r.grid_min_households);
        } else if (h > r.grid_max_households) {
          Add(kGridHouseholdsOutOfRange, Table::kGrids, g, h, r.grid_max_households);
        }
      }
    }
  }

  // Unit organizations whose territorial street differs from the street leading them.
  void Disagreements() {
    const Index orgs = net_.org_count();
    const std::vector<Index> leading_street = internal::LeadingStreets(net_);
    for (Index o = 0; o < orgs; ++o) {
      const OrgKind k = net_.org_kind(o);
      if (k != OrgKind::kUnit && k != OrgKind::kJoint) continue;
      const Index street = net_.territory().org_place(o).street;
      if (street != kNone && street != leading_street[o]) {
        d_.disagreements.push_back({o, street, leading_street[o]});
      }
    }
  }

  const Network& net_;
  CoverageReport::Data& d_;
  Array<std::uint32_t> org_units_, managers_, informants_;
  Array<Counts> leadership_;  // the leadership roll-up's counts at each org
  MemberTally tally_;  // every member's, once Units has run
};

}  // namespace

namespace {

// The unit kinds dataset-v1 names; a rule may also count any kind the units hold.
constexpr std::string_view kDocumentedUnitKinds[] = {
    "enterprise", "social_org", "agency", "institution", "building", "compound", "market"};

// INVALID_ARGUMENT for a counted kind neither documented nor held by a unit (a misspelt kind
// would silently count no unit), naming the closest valid kind.
absl::Status CheckCountedKinds(const Network& network, const std::vector<std::string>& kinds) {
  absl::flat_hash_set<std::string_view> present;
  const Index units = network.rows(Table::kUnits);
  for (Index u = 0; u < units && !kinds.empty(); ++u) {
    present.insert(network.text(Table::kUnits, u, col::kUnitKind));
  }
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    const std::string_view kind = kinds[i];
    if (present.contains(kind) ||
        std::find(std::begin(kDocumentedUnitKinds), std::end(kDocumentedUnitKinds), kind) !=
            std::end(kDocumentedUnitKinds)) {
      continue;
    }
    std::vector<std::string_view> valid(std::begin(kDocumentedUnitKinds),
                                        std::end(kDocumentedUnitKinds));
    for (std::string_view k : present) {
      if (!k.empty()) valid.push_back(k);
    }
    return internal::UnknownChoice(internal::Cat("counted_unit_kinds[", i, "]"), "unit kind", kind, valid);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<CoverageReport> CoverageReport::Compute(const Network& network,
                                                       const CoverageRules& rules) {
  auto check = [](bool ok, const char* what) {
    return ok ? absl::OkStatus() : absl::InvalidArgumentError(what);
  };
  for (absl::Status s :
       {check(rules.own_org_min_formal >= 0, "own_org_min_formal must be >= 0"),
        check(rules.joint_max_units >= 0, "joint_max_units must be >= 0"),
        check(rules.branch_max_members >= 0, "branch_max_members must be >= 0"),
        check(rules.general_branch_max_members >= 0, "general_branch_max_members must be >= 0"),
        check(rules.branch_min_formal >= 0, "branch_min_formal must be >= 0"),
        check(rules.group_min_members >= 0, "group_min_members must be >= 0"),
        check(rules.registration_min_rate >= 0 && rules.registration_min_rate <= 1,
              "registration_min_rate must be in [0, 1]"),
        check(rules.mobile_transfer_months >= 0, "mobile_transfer_months must be >= 0"),
        check(rules.lost_contact_months >= 0, "lost_contact_months must be >= 0"),
        check(rules.grid_min_households <= rules.grid_max_households,
              "grid_min_households must be <= grid_max_households"),
        internal::CheckDateOption(rules.as_of, "as_of")}) {
    if (!s.ok()) return s;
  }
  if (absl::Status s = CheckCountedKinds(network, rules.counted_unit_kinds); !s.ok()) return s;
  auto data = std::make_shared<Data>();
  data->network = network;
  data->rules = rules;
  data->as_of = rules.as_of != kNoDate ? rules.as_of : network.default_date();
  internal::ProgressMeter meter("coverage", Analysis::kPasses);
  Analysis(data->network, *data).Run(meter);
  if (absl::Status s = meter.Finish(); !s.ok()) return s;
  return CoverageReport(std::move(data));
}

Date CoverageReport::as_of() const { return data_->as_of; }
absl::Span<const UnitCoverage> CoverageReport::unit_coverage() const {
  return data_->unit_coverage;
}
absl::Span<const std::uint32_t> CoverageReport::unit_formal_members() const {
  return data_->unit_formal;
}
absl::Span<const std::uint32_t> CoverageReport::unit_probationary_members() const {
  return data_->unit_probationary;
}
bool CoverageReport::unit_counted(Index unit) const { return data_->unit_counted[unit] != 0; }
absl::Span<const Index> CoverageReport::rows(RollUp roll_up) const {
  return data_->rolls[static_cast<int>(roll_up)].rows;
}
absl::Span<const std::uint32_t> CoverageReport::counter(RollUp roll_up, Counter c) const {
  const auto& roll = data_->rolls[static_cast<int>(roll_up)];
  return absl::MakeConstSpan(roll.counter(static_cast<int>(c)), roll.rows.size());
}
absl::Span<const double> CoverageReport::rate(RollUp roll_up, Rate r) const {
  const auto& roll = data_->rolls[static_cast<int>(roll_up)];
  return absl::MakeConstSpan(roll.rate(static_cast<int>(r)), roll.rows.size());
}
Index CoverageReport::position(RollUp roll_up, Index row) const {
  const auto& position = data_->rolls[static_cast<int>(roll_up)].position;
  return row < position.size() ? position[row] : kNone;
}
absl::Span<const RuleInfo> CoverageReport::rules() { return kRules; }
int CoverageReport::FindRule(std::string_view code) {
  for (int i = 0; i < kRuleCount; ++i) {
    if (kRules[i].code == code) return i;
  }
  return -1;
}
absl::Span<const Finding> CoverageReport::findings() const {
  return absl::MakeConstSpan(data_->findings.data(), data_->findings.size());
}
std::int64_t CoverageReport::skipped(int rule) const {
  return rule >= 0 && rule < kRuleCount ? data_->skipped[rule] : 0;
}
bool CoverageReport::rule_ran(int rule) const {
  return rule >= 0 && rule < kRuleCount && data_->ran[rule];
}
absl::Span<const Disagreement> CoverageReport::disagreements() const {
  return data_->disagreements;
}
const Network& CoverageReport::network() const { return data_->network; }

std::string CoverageReport::Describe(const Finding& f) const {
  const Network& net = data_->network;
  auto subject = [&](Table table, Index row) {
    std::string_view name;
    if (table == Table::kUnits) name = net.text(table, row, col::kUnitName);
    if (table == Table::kOrgs) name = net.org_name(row);
    if (table == Table::kMembers) name = net.text(table, row, col::kMemberName);
    if (table == Table::kGrids) name = net.text(table, row, col::kGridName);
    std::string out = Cat(GetTableSpec(table).name.substr(0, GetTableSpec(table).name.size() - 1),
                          " ", net.id(table, row));
    if (!name.empty()) internal::CatTo(&out, " (", name, ")");
    return out;
  };
  const std::string who = subject(f.table, f.row);
  switch (f.rule) {
    case kUnitWithoutOwnOrg:
      return Cat(who, " has ", f.value, " formal members (", f.limit,
                 " or more need an organization of its own) but is covered: ",
                 kCoverageNames[static_cast<int>(data_->unit_coverage[f.row])]);
    case kJointOverUnits:
      return Cat(who, " covers ", f.value, " units; a joint branch covers at most ", f.limit);
    case kJointAcrossStreets:
      return Cat(who, " covers units in ", f.value, " different streets");
    case kBranchTooLarge:
      return Cat(who, " is a branch with ", f.value, " members in its subtree (", f.limit,
                 " or more: a general branch)");
    case kGeneralBranchTooLarge:
      return Cat(who, " is a general branch with ", f.value, " members in its subtree (", f.limit,
                 " or more: a committee)");
    case kBranchTooFewFormal:
      return Cat(who, " is a branch with ", f.value, " formal members in its subtree (needs ",
                 f.limit, ")");
    case kGroupTooSmall:
      return Cat(who, " is a party group with ", f.value, " members (needs ", f.limit,
                 ", one formal)");
    case kMemberUnattached:
      return Cat(who, " is attached to no organization");
    case kMemberNotRegistered:
      return Cat(who, " works at unit ", net.text(Table::kMembers, f.row, col::kMemberUnit),
                 " but has not registered with a home community");
    case kUnitRegistrationLow:
      return Cat(who, ": ", f.value, " of ", f.limit, " employed members registered (",
                 static_cast<int>(std::floor(1000.0 * f.value / f.limit)) / 10.0,
                 "%; at least ", data_->rules.registration_min_rate * 100, "% required)");
    case kMobileShouldTransfer:
      return Cat(who, " has been away ", f.value, " months (since ",
                 net.CellText(Table::kMembers, f.row, col::kMemberAwaySince),
                 "): the relationship should transfer");
    case kMobileWithoutStation:
      return Cat(who, " is a mobile member with no liaison station");
    case kMemberLostContact:
      return Cat(who, " has been out of contact ", f.value, " months (last contact ",
                 net.CellText(Table::kMembers, f.row, col::kMemberLastContact), ")");
    case kGridWithoutManager:
      return Cat(who, " has no grid manager");
    case kGridWithUncoveredUnits:
      return Cat(who, " has ", f.value, " counted unit", f.value == 1 ? "" : "s",
                 " that neither coverage reaches");
    case kGridHouseholdsOutOfRange:
      return Cat(who, " has ", f.value, " households (typical: ", data_->rules.grid_min_households,
                 "-", data_->rules.grid_max_households, ")");
    default:
      return who;
  }
}

std::string_view CounterName(Counter counter) { return kCounterNames[static_cast<int>(counter)]; }
std::string_view RateName(Rate rate) { return kRateNames[static_cast<int>(rate)]; }
std::string_view RollUpName(RollUp roll_up) { return kRollUpNames[static_cast<int>(roll_up)]; }

}  // namespace orgnet
