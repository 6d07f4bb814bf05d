#include "scope/scope_indexes.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>
#include <mutex>

#include "model/network_impl.h"
#include "base/parallel.h"

namespace orgnet::internal {

RowGroups::RowGroups(absl::Span<const Index> refs, Index targets) : targets_(targets) {
  auto grouping = std::make_shared<Grouping>();
  auto& begin = grouping->begin;
  auto& rows = grouping->rows;
  begin.assign(std::size_t{targets} + 1, 0);
  for (const Index target : refs) {
    if (IsRow(target)) ++begin[target + 1];
  }
  for (Index t = 0; t < targets; ++t) begin[t + 1] += begin[t];
  rows.resize(begin[targets]);
  std::vector<Index> fill(begin.begin(), begin.end() - 1);
  for (Index row = 0; row < refs.size(); ++row) {
    if (IsRow(refs[row])) rows[fill[refs[row]]++] = row;
  }
  base_ = std::move(grouping);
}

RowGroups RowGroups::Moved(absl::Span<const Move> moves, Index targets) const {
  // Each touched group: its rows, less those that left, with those that joined, ascending.
  absl::flat_hash_map<Index, std::vector<Index>> groups;
  auto group = [&](Index target) -> std::vector<Index>& {
    auto [it, fresh] = groups.try_emplace(target);
    if (fresh) {
      const absl::Span<const Index> rows = of(target);
      it->second.assign(rows.begin(), rows.end());
    }
    return it->second;
  };
  for (const Move& move : moves) {
    if (move.from == move.to) continue;
    if (IsRow(move.from)) {
      std::vector<Index>& rows = group(move.from);
      auto at = std::lower_bound(rows.begin(), rows.end(), move.row);
      if (at != rows.end() && *at == move.row) rows.erase(at);
    }
    if (IsRow(move.to)) {
      std::vector<Index>& rows = group(move.to);
      auto at = std::lower_bound(rows.begin(), rows.end(), move.row);
      if (at == rows.end() || *at != move.row) rows.insert(at, move.row);
    }
  }
  RowGroups out = *this;
  out.targets_ = targets;
  if (groups.empty()) return out;
  auto changed =
      changed_ != nullptr ? std::make_shared<Changed>(*changed_) : std::make_shared<Changed>();
  for (auto& [target, rows] : groups) {
    (*changed)[target] = std::make_shared<const std::vector<Index>>(std::move(rows));
  }
  // Past max(1,024, 2 sqrt(targets)) changed groups (each version copies the map), fold them
  // into a new grouping: O(rows), amortized as the patches of columns are (model/live_edit.cc).
  const std::size_t threshold =
      std::max<std::size_t>(1024, 2 * static_cast<std::size_t>(std::sqrt(double(targets))));
  if (changed->size() <= threshold) {
    out.changed_ = std::move(changed);
    return out;
  }
  out.changed_ = std::move(changed);
  auto grouping = std::make_shared<Grouping>();
  grouping->begin.reserve(std::size_t{targets} + 1);
  grouping->begin.push_back(0);
  for (Index t = 0; t < targets; ++t) {
    const absl::Span<const Index> rows = out.of(t);
    grouping->rows.insert(grouping->rows.end(), rows.begin(), rows.end());
    grouping->begin.push_back(static_cast<Index>(grouping->rows.size()));
  }
  out.base_ = std::move(grouping);
  out.changed_ = nullptr;
  return out;
}

std::size_t RowGroups::memory_bytes() const {
  std::size_t bytes = 0;
  if (base_ != nullptr) bytes += (base_->begin.capacity() + base_->rows.capacity()) * sizeof(Index);
  if (changed_ != nullptr) {
    bytes += changed_->capacity() * (sizeof(Changed::value_type) + 1);
    for (const auto& [target, rows] : *changed_) bytes += rows->capacity() * sizeof(Index);
  }
  return bytes;
}

RowGroups* ScopeIndexes::For(Table table, int column) {
  switch (table) {
    case Table::kOrgs:
      return column == col::kOrgParent ? &orgs_by_parent
             : column == col::kOrgGrid ? &orgs_by_grid
                                       : nullptr;
    case Table::kGrids:
      return column == col::kGridCommunity ? &grids_by_community : nullptr;
    case Table::kUnits:
      switch (column) {
        case col::kUnitGrid:
          return &units_by_grid;
        case col::kUnitOrg:
          return &units_by_org;
        case col::kUnitInstructor:
          return &units_by_instructor;
        case col::kUnitLiaison:
          return &units_by_liaison;
        default:
          return nullptr;
      }
    case Table::kMembers:
      switch (column) {
        case col::kMemberOrg:
          return &members_by_org;
        case col::kMemberUnit:
          return &members_by_unit;
        case col::kMemberCommunity:
          return &members_by_community;
        case col::kMemberStation:
          return &members_by_station;
        default:
          return nullptr;
      }
    case Table::kStaff:
      return column == col::kStaffGrid ? &staff_by_grid : nullptr;
    case Table::kLinks:
      return column == col::kLinkA ? &links_by_a : column == col::kLinkB ? &links_by_b : nullptr;
    case Table::kNeeds:
      return column == col::kListingOrg ? &needs_by_org : nullptr;
    case Table::kResources:
      return column == col::kListingOrg ? &resources_by_org : nullptr;
    case Table::kFunds:
      return column == col::kFundOrg ? &funds_by_org : nullptr;
    case Table::kCentres:
      return column == col::kCentreOrg    ? &centres_by_org
             : column == col::kCentreGrid ? &centres_by_grid
                                          : nullptr;
    case Table::kEvents:
      return column == col::kEventGrid ? &events_by_grid : nullptr;
  }
  return nullptr;
}

std::size_t ScopeIndexes::memory_bytes() const {
  std::size_t bytes = 0;
  for (int t = 0; t < kTableCount; ++t) {
    for (int c = 0; c < static_cast<int>(GetTableSpec(static_cast<Table>(t)).columns.size()); ++c) {
      if (const RowGroups* g = For(static_cast<Table>(t), c)) bytes += g->memory_bytes();
    }
  }
  return bytes;
}

struct ScopeIndexSlot::State {
  std::once_flag once;
  std::shared_ptr<const ScopeIndexes> indexes;
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
    auto indexes = std::make_shared<ScopeIndexes>();
    ScopeIndexes& x = *indexes;
    auto group = [&](Table t, int c) {
      const Table target = GetTableSpec(t).columns[c].target;
      *x.For(t, c) = RowGroups(impl.column(t, c).refs(), impl.table(target).rows);
    };
    // Members and events, the largest tables, on their own tasks.
    const std::function<void()> tasks[] = {
        [&] {
          group(Table::kMembers, col::kMemberOrg);
          group(Table::kMembers, col::kMemberCommunity);
        },
        [&] {
          group(Table::kMembers, col::kMemberUnit);
          group(Table::kMembers, col::kMemberStation);
        },
        [&] { group(Table::kEvents, col::kEventGrid); },
        [&] {
          for (int t = 0; t < kTableCount; ++t) {
            const Table table = static_cast<Table>(t);
            if (table == Table::kMembers || table == Table::kEvents) continue;
            const auto& columns = GetTableSpec(table).columns;
            for (int c = 0; c < static_cast<int>(columns.size()); ++c) {
              if (columns[c].type == ColumnType::kRef) group(table, c);
            }
          }
        },
    };
    RunParallel(std::size(tasks), 2, [&](std::size_t i) { tasks[i](); });
    state.indexes = std::move(indexes);
    state.made.store(true, std::memory_order_release);
  });
  return *state.indexes;
}

std::shared_ptr<const ScopeIndexes> ScopeIndexSlot::IfMade() const {
  return state_->made.load(std::memory_order_acquire) ? state_->indexes : nullptr;
}

void ScopeIndexSlot::Put(std::shared_ptr<const ScopeIndexes> indexes) {
  state_ = std::make_shared<State>();
  State& state = *state_;
  std::call_once(state.once, [&] {
    state.indexes = std::move(indexes);
    state.made.store(true, std::memory_order_release);
  });
}

std::size_t ScopeIndexSlot::memory_bytes() const {
  return state_->made.load(std::memory_order_acquire) ? state_->indexes->memory_bytes() : 0;
}

}  // namespace orgnet::internal
