// Network::Scope: a view holding only a scope's rows, renumbered (docs/permission.md).
#include <algorithm>
#include <cmath>
#include <functional>
#include <initializer_list>
#include <array>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "model/network_impl.h"
#include "base/parallel.h"
#include "base/text.h"
#include "orgnet/network.h"
#include "scope/scope_indexes.h"
#include "service/view_reach.h"
#include "territory/territory_edits.h"

namespace orgnet {
namespace {

using internal::Cat;
using internal::ColumnData;
using internal::NetworkImpl;
using internal::ScopeIndexes;
using internal::Shown;
using internal::TableData;
using internal::ViewInfo;

bool IsTerritoryKind(OrgKind kind) {
  return kind == OrgKind::kCommunity || kind == OrgKind::kStreet || kind == OrgKind::kDistrict;
}

// Rows of one table taken into the scope: a bitmap over the table and the list, in the
// order taken (sorted once all are in).
class RowSet {
 public:
  explicit RowSet(Index rows) : words_((std::size_t{rows} + 63) / 64, 0) {}
  bool has(Index row) const { return IsRow(row) && (words_[row >> 6] >> (row & 63) & 1); }
  void add(Index row) {
    std::uint64_t& word = words_[row >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (row & 63);
    if (word & bit) return;
    word |= bit;
    rows_.push_back(row);
  }
  void add_all(absl::Span<const Index> rows) {
    for (const Index row : rows) add(row);
  }
  const std::vector<Index>& rows() const { return rows_; }
  std::vector<Index> TakeSorted() {
    std::sort(rows_.begin(), rows_.end());
    return std::move(rows_);
  }

 private:
  std::vector<std::uint64_t> words_;
  std::vector<Index> rows_;
};

// Source row -> view row for one table (the view's rows ascending): kOutside for a row the
// view does not hold; kNone and kOutside stay as they are. A hash map, not a search of the
// rows: views are made often, and references are most of their cells.
class RowMap {
 public:
  RowMap() = default;
  explicit RowMap(const std::vector<Index>& rows) {
    view_row_.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) view_row_.emplace(rows[i], static_cast<Index>(i));
  }
  Index operator()(Index source) const {
    if (!IsRow(source)) return source;
    const auto it = view_row_.find(source);
    return it == view_row_.end() ? kOutside : it->second;
  }

 private:
  absl::flat_hash_map<Index, Index> view_row_;
};

// The `table.column` items of the manifest's `personal` value, blanks around them dropped.
std::vector<std::string_view> PersonalItems(std::string_view value) {
  std::vector<std::string_view> items;
  while (!value.empty()) {
    const std::size_t end = std::min(value.find(';'), value.size());
    std::string_view item = value.substr(0, end);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (!item.empty()) items.push_back(item);
    value.remove_prefix(std::min(end + 1, value.size()));
  }
  return items;
}

// The personal fields of @p impl: members' and staff's names, and the manifest's `personal`
// columns (`table.column` separated by `;`).
std::array<std::vector<std::uint8_t>, kTableCount> PersonalColumns(const NetworkImpl& impl) {
  std::array<std::vector<std::uint8_t>, kTableCount> personal;
  for (int t = 0; t < kTableCount; ++t) personal[t].assign(impl.tables[t].columns.size(), 0);
  personal[static_cast<int>(Table::kMembers)][col::kMemberName] = 1;
  personal[static_cast<int>(Table::kStaff)][col::kStaffName] = 1;
  for (const auto& [key, value] : impl.manifest) {
    if (key != "personal") continue;
    for (std::string_view item : PersonalItems(value)) {
      const std::size_t dot = item.find('.');
      if (dot == std::string_view::npos) continue;
      const std::optional<Table> table = TableFromName(item.substr(0, dot));
      if (!table) continue;
      const auto& columns = impl.table(*table).columns;
      for (std::size_t c = 0; c < columns.size(); ++c) {
        if (columns[c].name == item.substr(dot + 1)) personal[static_cast<int>(*table)][c] = 1;
      }
    }
  }
  return personal;
}

class ScopeMaker {
 public:
  ScopeMaker(const Network& net, const NetworkImpl& impl, const ScopeIndexes& x)
      : net_(net), impl_(impl), x_(x), h_(net.hierarchy()), t_(net.territory()),
        orgs_(impl.table(Table::kOrgs).rows), grids_(impl.table(Table::kGrids).rows),
        units_(impl.table(Table::kUnits).rows), staff_(impl.table(Table::kStaff).rows), centres_(impl.table(Table::kCentres).rows) {}

  absl::Status Resolve(const ScopeSpec& spec) {
    if (spec.orgs.empty() && spec.places.empty()) {
      return absl::InvalidArgumentError(
          "a scope needs at least one organization (orgs) or place (places)");
    }
    for (std::size_t i = 0; i < spec.orgs.size(); ++i) {
      const std::optional<Index> org = net_.FindOrg(spec.orgs[i]);
      if (!org) {
        return absl::NotFoundError(
            Cat("orgs[", i, "]: no organization has id ", Shown(spec.orgs[i])));
      }
      root_orgs_.push_back(*org);
    }
    for (std::size_t i = 0; i < spec.places.size(); ++i) {
      if (const auto grid = net_.Find(Table::kGrids, spec.places[i])) {
        place_grids_.push_back(*grid);
        continue;
      }
      const std::optional<Index> org = net_.FindOrg(spec.places[i]);
      if (!org) {
        return absl::NotFoundError(
            Cat("places[", i, "]: no grid or organization has id ", Shown(spec.places[i])));
      }
      if (!IsTerritoryKind(net_.org_kind(*org))) {
        return absl::InvalidArgumentError(
            Cat("places[", i, "]: ", Shown(spec.places[i]), " is an organization of kind ",
                Shown(net_.org_kind_text(*org)),
                "; a place is a grid or a district, street or community organization"));
      }
      // A district, street or community brings what it brings as an organization.
      root_orgs_.push_back(*org);
    }
    return absl::OkStatus();
  }

  void Select() {
    RowSet orgs(orgs_), grids(grids_), units(units_), staff(staff_), centres(centres_);
    // Members, the largest table, are only collected: sorted and made distinct at the end
    // (a bitmap over every member would cost more than the view's own members).
    std::vector<Index>& members = rows_[static_cast<int>(Table::kMembers)];
    for (const Index root : root_orgs_) {
      for (const Index v : h_.subtree(root)) {
        orgs.add(v);
        if (IsTerritoryKind(net_.org_kind(v))) place_orgs_.push_back(v);
      }
    }
    // Each place's located rows once: a place inside another place of the scope is skipped.
    RowSet places(orgs_);
    for (const Index p : place_orgs_) places.add(p);
    auto inside = [&](const Place& p, OrgKind kind) {
      switch (kind) {
        case OrgKind::kCommunity: return places.has(p.street) || places.has(p.district);
        case OrgKind::kStreet: return places.has(p.district);
        default: return false;
      }
    };
    for (const Index p : places.rows()) {
      if (inside(t_.org_place(p), net_.org_kind(p))) continue;
      orgs.add_all(t_.orgs_in(p));
      grids.add_all(t_.grids_in(p));
    }
    for (const Index g : place_grids_) {
      const Place p = t_.grid_place(g);
      if (places.has(p.community) || places.has(p.street) || places.has(p.district)) continue;
      grids.add(g);
      // Organizations located in the grid: those naming it, and their descendants without a
      // grid of their own (they stand where their leader does).
      std::vector<Index> stack(x_.orgs_by_grid.of(g).begin(), x_.orgs_by_grid.of(g).end());
      while (!stack.empty()) {
        const Index o = stack.back();
        stack.pop_back();
        if (t_.org_place(o).grid != g) continue;
        orgs.add(o);
        for (const Index child : h_.children(o)) {
          if (net_.ref(Table::kOrgs, child, col::kOrgGrid) == kNone) stack.push_back(child);
        }
      }
    }
    for (const Index o : orgs.rows()) grids.add_all(x_.grids_by_community.of(o));
    for (const Index g : grids.rows()) units.add_all(x_.units_by_grid.of(g));
    for (const Index o : orgs.rows()) units.add_all(x_.units_by_org.of(o));
    for (const Index o : orgs.rows()) {
      members.insert(members.end(), x_.members_by_org.of(o).begin(), x_.members_by_org.of(o).end());
    }
    for (const Index u : units.rows()) {
      members.insert(members.end(), x_.members_by_unit.of(u).begin(),
                     x_.members_by_unit.of(u).end());
    }
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
    for (const Index g : grids.rows()) staff.add_all(x_.staff_by_grid.of(g));
    for (const Index g : grids.rows()) centres.add_all(x_.centres_by_grid.of(g));
    for (const Index o : orgs.rows()) centres.add_all(x_.centres_by_org.of(o));
    auto& links = rows_[static_cast<int>(Table::kLinks)];
    const auto link_a = impl_.column(Table::kLinks, col::kLinkA).refs();
    for (const Index o : orgs.rows()) {
      links.insert(links.end(), x_.links_by_a.of(o).begin(), x_.links_by_a.of(o).end());
      for (const Index l : x_.links_by_b.of(o)) {
        if (!orgs.has(link_a[l])) links.push_back(l);
      }
    }
    auto by_org = [&](Table table, const internal::RowGroups& groups) {
      auto& rows = rows_[static_cast<int>(table)];
      for (const Index o : orgs.rows()) rows.insert(rows.end(), groups.of(o).begin(), groups.of(o).end());
    };
    by_org(Table::kNeeds, x_.needs_by_org);
    by_org(Table::kResources, x_.resources_by_org);
    by_org(Table::kFunds, x_.funds_by_org);
    auto& events = rows_[static_cast<int>(Table::kEvents)];
    for (const Index g : grids.rows()) {
      events.insert(events.end(), x_.events_by_grid.of(g).begin(), x_.events_by_grid.of(g).end());
    }
    for (Table table : {Table::kLinks, Table::kNeeds, Table::kResources, Table::kFunds,
                        Table::kEvents}) {
      auto& rows = rows_[static_cast<int>(table)];
      std::sort(rows.begin(), rows.end());
    }
    rows_[static_cast<int>(Table::kOrgs)] = orgs.TakeSorted();
    rows_[static_cast<int>(Table::kGrids)] = grids.TakeSorted();
    rows_[static_cast<int>(Table::kUnits)] = units.TakeSorted();
    rows_[static_cast<int>(Table::kStaff)] = staff.TakeSorted();
    rows_[static_cast<int>(Table::kCentres)] = centres.TakeSorted();
  }

  std::shared_ptr<const NetworkImpl> Make(bool personal) {
    auto view = std::make_shared<NetworkImpl>();
    auto info = std::make_shared<ViewInfo>();
    const ViewInfo* source_view = impl_.view.get();
    const auto personal_columns = PersonalColumns(impl_);
    std::array<RowMap, kTableCount> maps = MakeMaps();
    // Tables are gathered side by side (members and events, the largest, on two threads),
    // the territory's places with them.
    const std::vector<Index>& orgs = rows_[static_cast<int>(Table::kOrgs)];
    auto kinds = std::make_shared<std::vector<OrgKind>>(orgs.size());
    for (std::size_t i = 0; i < orgs.size(); ++i) (*kinds)[i] = net_.org_kind(orgs[i]);
    Territory territory;
    auto gather = [&](std::initializer_list<Table> tables) {
      for (const Table table : tables) {
        GatherTable(table, view->tables, *info, maps, personal, source_view, personal_columns);
      }
    };
    const std::function<void()> tasks[] = {
        [&] { gather({Table::kMembers, Table::kOrgs, Table::kGrids, Table::kNeeds,
                      Table::kResources, Table::kFunds}); },
        [&] { gather({Table::kEvents, Table::kUnits, Table::kStaff, Table::kLinks,
                      Table::kCentres}); },
        [&] { territory = MakeTerritory(*kinds, maps); },
    };
    const std::size_t big = rows_[static_cast<int>(Table::kMembers)].size() +
                            rows_[static_cast<int>(Table::kEvents)].size();
    internal::RunParallel(std::size(tasks), big < 4096 ? 1 : 2,
                          [&](std::size_t i) { tasks[i](); });
    view->manifest_present = impl_.manifest_present;
    view->manifest = impl_.manifest;
    view->as_of = impl_.as_of;
    view->version = internal::NextVersion();
    view->org_kinds = kinds;
    std::vector<Index> parent(orgs.size());
    const auto view_parent = view->column(Table::kOrgs, col::kOrgParent).refs();
    for (std::size_t i = 0; i < orgs.size(); ++i) {
      parent[i] = IsRow(view_parent[i]) ? view_parent[i] : kNone;  // cut at the view's roots
    }
    view->hierarchy = std::make_shared<Hierarchy>(Hierarchy::Build(std::move(parent), *kinds));
    view->territory = std::move(territory);
    const std::vector<Index>& units = rows_[static_cast<int>(Table::kUnits)];
    info->outside_org_own.assign(units.size(), 0);
    const auto unit_org = impl_.column(Table::kUnits, col::kUnitOrg).refs();
    const RowMap& org_map = maps[static_cast<int>(Table::kOrgs)];
    for (std::size_t i = 0; i < units.size(); ++i) {
      const Index o = unit_org[units[i]];
      if (o == kOutside) {
        info->outside_org_own[i] = source_view->outside_org_own[units[i]];
      } else if (IsRow(o) && org_map(o) == kOutside) {
        const OrgKind k = net_.org_kind(o);
        const bool regional = k == OrgKind::kJoint || IsTerritoryKind(k);
        info->outside_org_own[i] = !regional && x_.units_by_org.of(o).size() == 1;
      }
    }
    OutsideCentres(*info);
    view->view = std::move(info);
    return view;
  }

 private:
  // Gathers the view's rows of @p table into @p out: its columns (masked as the policy
  // says) and id index.
  void GatherTable(Table table, std::array<TableData, kTableCount>& out, ViewInfo& info,
                   const std::array<RowMap, kTableCount>& maps, bool personal,
                   const ViewInfo* source_view,
                   const std::array<std::vector<std::uint8_t>, kTableCount>& personal_columns) const {
    const int t = static_cast<int>(table);
    const TableData& from = impl_.tables[t];
    TableData& to = out[t];
    const std::vector<Index>& rows = rows_[t];
    to.present = from.present;
    to.rows = static_cast<Index>(rows.size());
    info.masked[t].assign(from.columns.size(), 0);
    for (std::size_t c = 0; c < from.columns.size(); ++c) {
      const bool masked = (source_view != nullptr && source_view->masked[t][c]) ||
                          (!personal && personal_columns[t][c]);
      info.masked[t][c] = masked;
      to.columns.push_back(Gathered(from.columns[c], rows, maps, masked));
      const ColumnType type = from.columns[c].type;
      if (masked && type != ColumnType::kId && type != ColumnType::kText) {
        info.shown[t].resize(from.columns.size());
        info.shown[t][c] = std::make_shared<const ColumnData>(EmptyLike(from.columns[c], rows.size()));
      }
    }
    const int id_column = GetTableSpec(table).id_column;
    if (id_column >= 0) {
      auto ids = std::make_shared<internal::IdIndex>();
      std::vector<std::pair<Index, Index>> duplicates;
      ids->Build(to.columns[id_column].texts(), &duplicates, 0);
      to.ids = std::move(ids);
    }
  }

  // What the view keeps of the centres outside it (ViewInfo::grid_reached_from_outside and
  // grid_nearest_outside), and where its own centres without coordinates stand when their
  // grid is outside (ViewInfo::centre_grid_point).
  void OutsideCentres(ViewInfo& info) const {
    const std::vector<Index>& in = rows_[static_cast<int>(Table::kCentres)];
    internal::ViewReachFacts facts =
        internal::ViewReach(net_, rows_[static_cast<int>(Table::kGrids)], in);
    info.grid_reached_from_outside = std::move(facts.reached_from_outside);
    info.grid_nearest_outside = std::move(facts.nearest_outside);
    const auto lon = impl_.column(Table::kCentres, col::kCentreLon).reals();
    const auto lat = impl_.column(Table::kCentres, col::kCentreLat).reals();
    const auto grid = impl_.column(Table::kCentres, col::kCentreGrid).refs();
    const auto grid_lon = impl_.column(Table::kGrids, col::kGridLon).reals();
    const auto grid_lat = impl_.column(Table::kGrids, col::kGridLat).reals();
    const RowMap grid_in_view(rows_[static_cast<int>(Table::kGrids)]);
    info.centre_grid_point.assign(in.size(), {NAN, NAN});
    for (std::size_t i = 0; i < in.size(); ++i) {
      const Index c = in[i], g = grid[c];
      if (!std::isnan(lon[c]) && !std::isnan(lat[c])) continue;
      if (IsRow(g) && grid_in_view(g) == kOutside) {
        info.centre_grid_point[i] = {grid_lon[g], grid_lat[g]};
      } else if (g == kOutside) {
        info.centre_grid_point[i] = impl_.view->centre_grid_point[c];
      }
    }
  }

  // Maps of the tables references name (orgs, grids, units, staff); the others stay empty.
  std::array<RowMap, kTableCount> MakeMaps() const {
    std::array<RowMap, kTableCount> maps;
    for (const Table t : {Table::kOrgs, Table::kGrids, Table::kUnits, Table::kStaff}) {
      maps[static_cast<int>(t)] = RowMap(rows_[static_cast<int>(t)]);
    }
    return maps;
  }

  // A column of @p from's name, type, target and presence, without cells.
  static ColumnData LikeWithoutCells(const ColumnData& from) {
    ColumnData to;
    to.name = from.name;
    to.type = from.type;
    to.target = from.target;
    to.present = from.present;
    return to;
  }

  static ColumnData Gathered(const ColumnData& from, const std::vector<Index>& rows,
                             const std::array<RowMap, kTableCount>& maps, bool masked) {
    ColumnData to = LikeWithoutCells(from);
    internal::ColumnStorage& s = to.mutable_storage();
    switch (from.type) {
      case ColumnType::kId:
      case ColumnType::kText: {
        std::size_t bytes = 0;
        if (!masked) {
          for (const Index r : rows) bytes += from.text_at(r).size();
        }
        s.text.reserve(rows.size(), bytes);
        for (const Index r : rows) s.text.push_back(masked ? std::string_view() : from.text_at(r));
        break;
      }
      case ColumnType::kRef: {
        const RowMap& map = maps[static_cast<int>(from.target)];
        s.refs.reserve(rows.size());
        for (const Index r : rows) s.refs.push_back(map(from.ref_at(r)));
        break;
      }
      case ColumnType::kDate:
        s.dates.reserve(rows.size());
        for (const Index r : rows) s.dates.push_back(from.date_at(r));
        break;
      case ColumnType::kInteger:
        s.ints.reserve(rows.size());
        for (const Index r : rows) s.ints.push_back(from.integer_at(r));
        break;
      case ColumnType::kReal:
        s.reals.reserve(rows.size());
        for (const Index r : rows) s.reals.push_back(from.real_at(r));
        break;
      case ColumnType::kFlag:
      case ColumnType::kStatus:
        s.small.reserve(rows.size());
        for (const Index r : rows) s.small.push_back(from.small_at(r));
        break;
    }
    return to;
  }

  // A column of @p rows empty cells of @p from's type: what a view shows of a masked column.
  static ColumnData EmptyLike(const ColumnData& from, std::size_t rows) {
    ColumnData to = LikeWithoutCells(from);
    internal::ColumnStorage& s = to.mutable_storage();
    switch (from.type) {
      case ColumnType::kId:
      case ColumnType::kText:
        s.text.reserve(rows, 0);
        for (std::size_t r = 0; r < rows; ++r) s.text.push_back(std::string_view());
        break;
      case ColumnType::kRef: s.refs.assign(rows, kNone); break;
      case ColumnType::kDate: s.dates.assign(rows, kNoDate); break;
      case ColumnType::kInteger: s.ints.assign(rows, kNoInteger); break;
      case ColumnType::kReal: s.reals.assign(rows, std::nan("")); break;
      case ColumnType::kFlag:
      case ColumnType::kStatus:
        s.small.reserve(rows);
        for (std::size_t r = 0; r < rows; ++r) {
          s.small.push_back(from.type == ColumnType::kFlag ? internal::kFlagEmpty : 0);
        }
        break;
    }
    return to;
  }

  Territory MakeTerritory(const std::vector<OrgKind>& kinds,
                          const std::array<RowMap, kTableCount>& maps) const {
    const RowMap& org = maps[static_cast<int>(Table::kOrgs)];
    const RowMap& grid = maps[static_cast<int>(Table::kGrids)];
    auto mapped = [&](const Place& p) {
      return Place{grid(p.grid), org(p.community), org(p.street), org(p.district)};
    };
    auto places = [&](Table table) {
      const std::vector<Index>& rows = rows_[static_cast<int>(table)];
      std::vector<Place> out(rows.size());
      for (std::size_t i = 0; i < rows.size(); ++i) out[i] = mapped(t_.place(table, rows[i]));
      return out;
    };
    std::vector<Place> org_places = places(Table::kOrgs), unit_places = places(Table::kUnits);
    // A member stands where the workplace unit is, else where the holding org is: mostly rows
    // of the view, whose places are mapped already (one lookup, not four).
    const std::vector<Index>& members = rows_[static_cast<int>(Table::kMembers)];
    const auto member_unit = impl_.column(Table::kMembers, col::kMemberUnit).refs();
    const auto member_org = impl_.column(Table::kMembers, col::kMemberOrg).refs();
    const RowMap& unit = maps[static_cast<int>(Table::kUnits)];
    std::vector<Place> member_places(members.size());
    for (std::size_t i = 0; i < members.size(); ++i) {
      const Index m = members[i], u = member_unit[m], o = member_org[m];
      const Index vu = unit(u), vo = u == kNone ? org(o) : kNone;
      member_places[i] = IsRow(vu)                       ? unit_places[vu]
                         : IsRow(vo)                     ? org_places[vo]
                         : u == kNone && o == kNone      ? Place{}
                                                         : mapped(t_.member_place(m));
    }
    return internal::TerritoryAccess::ForView(kinds, std::move(org_places), places(Table::kGrids),
                                              std::move(unit_places), places(Table::kStaff),
                                              std::move(member_places));
  }

  const Network& net_;
  const NetworkImpl& impl_;
  const ScopeIndexes& x_;
  const Hierarchy& h_;
  const Territory& t_;
  Index orgs_, grids_, units_, staff_, centres_;
  std::vector<Index> root_orgs_, place_orgs_, place_grids_;
  std::array<std::vector<Index>, kTableCount> rows_;
};

}  // namespace

absl::StatusOr<Network> Network::Scope(const ScopeSpec& spec) const {
  try {
    ScopeMaker maker(*this, *impl_, impl_->scope_indexes.Get(*impl_));
    if (absl::Status status = maker.Resolve(spec); !status.ok()) return status;
    maker.Select();
    return Network(maker.Make(spec.personal));
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("out of memory while making the scoped view");
  } catch (const std::length_error&) {
    return absl::ResourceExhaustedError("out of memory while making the scoped view");
  }
}

bool Network::is_view() const { return impl_->view != nullptr; }

bool Network::is_outside(Table table, Index row, int column) const {
  // A masked reference shows empty: whether it names a row outside is masked too.
  if (is_masked(table, column)) return false;
  const ColumnData& c = impl_->column(table, column);
  return c.type == ColumnType::kRef && c.ref_at(row) == kOutside;
}

bool Network::is_masked(Table table, int column) const {
  return impl_->view != nullptr && impl_->view->masked[static_cast<int>(table)][column];
}

}  // namespace orgnet
