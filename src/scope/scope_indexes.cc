#include "scope/scope_indexes.h"

#include <functional>
#include <iterator>
#include <mutex>

#include "model/network_impl.h"
#include "model/parallel.h"

namespace orgnet::internal {

RowGroups::RowGroups(absl::Span<const Index> refs, Index targets) {
  begin_.assign(std::size_t{targets} + 1, 0);
  for (const Index target : refs) {
    if (IsRow(target)) ++begin_[target + 1];
  }
  for (Index t = 0; t < targets; ++t) begin_[t + 1] += begin_[t];
  rows_.resize(begin_[targets]);
  std::vector<Index> fill(begin_.begin(), begin_.end() - 1);
  for (Index row = 0; row < refs.size(); ++row) {
    if (IsRow(refs[row])) rows_[fill[refs[row]]++] = row;
  }
}

std::size_t ScopeIndexes::memory_bytes() const {
  std::size_t bytes = 0;
  for (const RowGroups* g :
       {&orgs_by_grid, &grids_by_community, &units_by_grid, &units_by_org, &members_by_org,
        &members_by_unit, &staff_by_grid, &links_by_a, &links_by_b, &needs_by_org,
        &resources_by_org, &funds_by_org, &centres_by_org, &centres_by_grid, &events_by_grid}) {
    bytes += g->memory_bytes();
  }
  return bytes;
}

struct ScopeIndexSlot::State {
  std::once_flag once;
  std::unique_ptr<ScopeIndexes> indexes;
  std::atomic<bool> made{false};
};

ScopeIndexSlot::ScopeIndexSlot() : state_(std::make_shared<State>()) {}
ScopeIndexSlot::ScopeIndexSlot(const ScopeIndexSlot&) : ScopeIndexSlot() {}
ScopeIndexSlot& ScopeIndexSlot::operator=(const ScopeIndexSlot&) {
  state_ = std::make_shared<State>();
  return *this;
}

const ScopeIndexes& ScopeIndexSlot::Get(const NetworkImpl& impl) const {
  State& state = *state_;
  std::call_once(state.once, [&] {
    auto indexes = std::make_unique<ScopeIndexes>();
    ScopeIndexes& x = *indexes;
    auto refs = [&](Table t, int c) { return impl.column(t, c).refs(); };
    auto rows = [&](Table t) { return impl.table(t).rows; };
    const Index orgs = rows(Table::kOrgs), grids = rows(Table::kGrids), units = rows(Table::kUnits);
    const std::function<void()> tasks[] = {
        [&] { x.members_by_org = RowGroups(refs(Table::kMembers, col::kMemberOrg), orgs); },
        [&] { x.members_by_unit = RowGroups(refs(Table::kMembers, col::kMemberUnit), units); },
        [&] { x.events_by_grid = RowGroups(refs(Table::kEvents, col::kEventGrid), grids); },
        [&] {
          x.orgs_by_grid = RowGroups(refs(Table::kOrgs, col::kOrgGrid), grids);
          x.grids_by_community = RowGroups(refs(Table::kGrids, col::kGridCommunity), orgs);
          x.units_by_grid = RowGroups(refs(Table::kUnits, col::kUnitGrid), grids);
          x.units_by_org = RowGroups(refs(Table::kUnits, col::kUnitOrg), orgs);
          x.staff_by_grid = RowGroups(refs(Table::kStaff, col::kStaffGrid), grids);
        },
        [&] {
          x.links_by_a = RowGroups(refs(Table::kLinks, col::kLinkA), orgs);
          x.links_by_b = RowGroups(refs(Table::kLinks, col::kLinkB), orgs);
          x.needs_by_org = RowGroups(refs(Table::kNeeds, col::kListingOrg), orgs);
          x.resources_by_org = RowGroups(refs(Table::kResources, col::kListingOrg), orgs);
          x.funds_by_org = RowGroups(refs(Table::kFunds, col::kFundOrg), orgs);
          x.centres_by_org = RowGroups(refs(Table::kCentres, col::kCentreOrg), orgs);
          x.centres_by_grid = RowGroups(refs(Table::kCentres, col::kCentreGrid), grids);
        },
    };
    RunParallel(std::size(tasks), 2, [&](std::size_t i) { tasks[i](); });
    state.indexes = std::move(indexes);
    state.made.store(true, std::memory_order_release);
  });
  return *state.indexes;
}

std::size_t ScopeIndexSlot::memory_bytes() const {
  return state_->made.load(std::memory_order_acquire) ? state_->indexes->memory_bytes() : 0;
}

}  // namespace orgnet::internal
