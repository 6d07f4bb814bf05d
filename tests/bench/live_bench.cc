// Everyday live edits on the generated city (issue 25): each single edit made from the loaded
// network, timed with the new version's first hierarchy queries (is_ancestor, lowest common
// ancestor) and first territory lookups (what coverage reads), so that no index is left to a
// lazy rebuild by the first query; and a day of a city's changes as one stream of versions.
// The loaded network's scope indexes are made first (an application that scopes views has
// them), so every edit carries them, updated. Targets and medians: docs/benchmarks.md.
//   ORGNET_BENCH_DATASET=build/bench-data/city build/tests/bench/orgnet_live_bench
//     --benchmark_repetitions=5 --benchmark_report_aggregates_only=true   (one command line)
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "bench_support.h"
#include "benchmark/benchmark.h"
#include "build/live_edit.h"
#include "orgnet/builder.h"
#include "orgnet/network.h"
#include "orgnet/orgnet.h"
#include "orgnet/scope.h"

namespace {

using orgnet::EditBatch;
using orgnet::Index;
using orgnet::kNone;
using orgnet::Network;
using orgnet::OrgKind;
using orgnet::Table;
using orgnet::bench::PeakResidentMiB;
namespace col = orgnet::col;

// The shared city with its scope indexes made (by scoping one grid).
const Network& City() {
  static const Network* city = [] {
    const Network& net = orgnet::bench::Shared();
    orgnet::ScopeSpec spec;
    spec.places.emplace_back(net.id(Table::kGrids, 0));
    auto view = net.Scope(spec);
    if (!view.ok()) std::abort();
    return &net;
  }();
  return *city;
}

std::string Id(const Network& net, Table table, Index row) {
  return std::string(net.id(table, row));
}

// Orgs of a kind, in row order.
std::vector<Index> OfKind(const Network& net, OrgKind kind) {
  std::vector<Index> out;
  for (Index o = 0; o < net.org_count(); ++o) {
    if (net.org_kind(o) == kind) out.push_back(o);
  }
  return out;
}

// The new version's first queries: the leadership tree and the territory, as coverage and a
// permission check read them.
void FirstQueries(const Network& edited, Index a, Index b) {
  const orgnet::Hierarchy& h = edited.hierarchy();
  benchmark::DoNotOptimize(h.is_ancestor(a, b));
  benchmark::DoNotOptimize(h.LowestCommonAncestor(a, b));
  const orgnet::Territory& t = edited.territory();
  const Index community = t.org_place(b).community;
  if (orgnet::IsRow(community)) benchmark::DoNotOptimize(t.units_in(community).size());
  benchmark::DoNotOptimize(t.member_place(edited.rows(Table::kMembers) - 1));
}

// Times @p batch made from the city (the old version kept), with the first queries on orgs
// @p a and @p b of the new version. Fails when the batch would not apply in place.
void TimeEdit(benchmark::State& state, const EditBatch& batch, Index a, Index b) {
  const Network& net = City();
  if (!orgnet::internal::EditInPlace(net, batch, {}, nullptr).has_value()) {
    state.SkipWithError("not in place");
    return;
  }
  for (auto _ : state) {
    auto edited = net.Edit(batch);
    if (!edited.ok()) {
      state.SkipWithError(std::string(edited.status().message()).c_str());
      return;
    }
    FirstQueries(*edited, a, b);
  }
  state.counters["edits"] = static_cast<double>(batch.size());
}

// Fixtures of the city chosen once: a member, branches, a community and its grid, an open
// event, a unit-kind org.
struct Picks {
  Index member = 4242, branch = kNone, other_branch = kNone, community = kNone, grid = kNone,
        unit = 1234, open_event = kNone, link = 777;
};
const Picks& Pick() {
  static const Picks picks = [] {
    const Network& net = City();
    Picks p;
    const std::vector<Index> branches = OfKind(net, OrgKind::kBranch);
    p.branch = branches[100];
    p.other_branch = branches[2000];
    p.community = OfKind(net, OrgKind::kCommunity)[10];
    const auto grids = net.territory().grids_in(p.community);
    p.grid = grids.empty() ? 0 : grids.front();
    for (Index e = 0; e < net.rows(Table::kEvents) && p.open_event == kNone; ++e) {
      if (net.CellText(Table::kEvents, e, col::kEventResolved).empty()) p.open_event = e;
    }
    return p;
  }();
  return picks;
}

void BM_LiveMemberTransferred(benchmark::State& state) {
  const Network& net = City();
  const Picks& p = Pick();
  EditBatch batch;
  batch.Set(Table::kMembers, Id(net, Table::kMembers, p.member), "org",
            std::string(net.org_id(p.other_branch)));
  TimeEdit(state, batch, p.branch, p.other_branch);
}
BENCHMARK(BM_LiveMemberTransferred)->Unit(benchmark::kMicrosecond);

void BM_LiveMemberUnitAndCommunitySet(benchmark::State& state) {
  const Network& net = City();
  const Picks& p = Pick();
  EditBatch batch;
  const std::string member = Id(net, Table::kMembers, p.member);
  batch.Set(Table::kMembers, member, "unit", Id(net, Table::kUnits, p.unit));
  batch.Set(Table::kMembers, member, "community", std::string(net.org_id(p.community)));
  TimeEdit(state, batch, p.community, p.branch);
}
BENCHMARK(BM_LiveMemberUnitAndCommunitySet)->Unit(benchmark::kMicrosecond);

void BM_LiveEventReported(benchmark::State& state) {
  const Network& net = City();
  const Picks& p = Pick();
  EditBatch batch;
  batch.Insert(Table::kEvents, {{"id", "bench-event"},
                                {"grid", Id(net, Table::kGrids, p.grid)},
                                {"category", "repair"},
                                {"reported", "2026-06-01"}});
  TimeEdit(state, batch, p.community, p.branch);
}
BENCHMARK(BM_LiveEventReported)->Unit(benchmark::kMicrosecond);

void BM_LiveEventResolved(benchmark::State& state) {
  const Network& net = City();
  const Picks& p = Pick();
  EditBatch batch;
  const std::string event = Id(net, Table::kEvents, p.open_event);
  batch.Set(Table::kEvents, event, "resolved", "2026-12-31");
  batch.Set(Table::kEvents, event, "level", "street");
  TimeEdit(state, batch, p.community, p.branch);
}
BENCHMARK(BM_LiveEventResolved)->Unit(benchmark::kMicrosecond);

void BM_LiveUnitRegistered(benchmark::State& state) {
  const Network& net = City();
  const Picks& p = Pick();
  EditBatch batch;
  batch.Insert(Table::kUnits, {{"id", "bench-unit"},
                               {"name", "新企业"},
                               {"kind", "enterprise"},
                               {"grid", Id(net, Table::kGrids, p.grid)},
                               {"employees", "12"}});
  TimeEdit(state, batch, p.community, p.branch);
}
BENCHMARK(BM_LiveUnitRegistered)->Unit(benchmark::kMicrosecond);

void BM_LiveUnitOrgSet(benchmark::State& state) {
  const Network& net = City();
  const Picks& p = Pick();
  EditBatch batch;
  batch.Set(Table::kUnits, Id(net, Table::kUnits, p.unit), "org",
            std::string(net.org_id(p.branch)));
  TimeEdit(state, batch, p.community, p.branch);
}
BENCHMARK(BM_LiveUnitOrgSet)->Unit(benchmark::kMicrosecond);

void BM_LiveGridHouseholdsSet(benchmark::State& state) {
  const Network& net = City();
  const Picks& p = Pick();
  EditBatch batch;
  batch.Set(Table::kGrids, Id(net, Table::kGrids, p.grid), "households", "777");
  TimeEdit(state, batch, p.community, p.branch);
}
BENCHMARK(BM_LiveGridHouseholdsSet)->Unit(benchmark::kMicrosecond);

void BM_LiveLinkRemoved(benchmark::State& state) {
  const Network& net = City();
  const Picks& p = Pick();
  EditBatch batch;
  batch.RemoveLink(net.CellText(Table::kLinks, p.link, col::kLinkA),
                   net.CellText(Table::kLinks, p.link, col::kLinkB),
                   net.CellText(Table::kLinks, p.link, col::kLinkKind),
                   net.CellText(Table::kLinks, p.link, col::kLinkSince));
  TimeEdit(state, batch, p.community, p.branch);
}
BENCHMARK(BM_LiveLinkRemoved)->Unit(benchmark::kMicrosecond);

void BM_LiveNeedListed(benchmark::State& state) {
  const Network& net = City();
  const Picks& p = Pick();
  EditBatch batch;
  batch.Insert(Table::kNeeds, {{"id", "bench-need"},
                               {"org", std::string(net.org_id(p.branch))},
                               {"category", "venue"},
                               {"amount", "3"}});
  TimeEdit(state, batch, p.community, p.branch);
}
BENCHMARK(BM_LiveNeedListed)->Unit(benchmark::kMicrosecond);

void BM_LiveResourceListed(benchmark::State& state) {
  const Network& net = City();
  const Picks& p = Pick();
  EditBatch batch;
  batch.Insert(Table::kResources, {{"id", "bench-resource"},
                                   {"org", std::string(net.org_id(p.branch))},
                                   {"category", "venue"},
                                   {"amount", "2"}});
  TimeEdit(state, batch, p.community, p.branch);
}
BENCHMARK(BM_LiveResourceListed)->Unit(benchmark::kMicrosecond);

// What the C ABI adds: the same transfer and a unit registered through orgnet_network_edit,
// the batch made and freed each time as a C caller would (its own copy of the city).
void EditThroughC(benchmark::State& state, bool unit) {
  static orgnet_network* net = [] {
    orgnet_network* loaded = nullptr;
    const std::string path = orgnet::bench::DatasetPath();
    if (orgnet_network_load(&loaded, path.data(), path.size(), nullptr, nullptr) != ORGNET_OK) {
      std::abort();
    }
    return loaded;
  }();
  const Network& city = City();
  const Picks& p = Pick();
  const std::string member = Id(city, Table::kMembers, p.member);
  const std::string branch(city.org_id(p.other_branch)), grid = Id(city, Table::kGrids, p.grid);
  for (auto _ : state) {
    orgnet_edit_batch* batch = nullptr;
    orgnet_edit_batch_new(&batch);
    if (unit) {
      const char* names[] = {"id", "name", "grid"};
      const std::size_t name_lens[] = {2, 4, 4};
      const char* values[] = {"bench-unit", "n", grid.data()};
      const std::size_t value_lens[] = {10, 1, grid.size()};
      orgnet_edit_insert(batch, ORGNET_TABLE_UNITS, 3, names, name_lens, values, value_lens);
    } else {
      orgnet_edit_set(batch, ORGNET_TABLE_MEMBERS, member.data(), member.size(), "org", 3,
                      branch.data(), branch.size());
    }
    orgnet_network* edited = nullptr;
    if (orgnet_network_edit(&edited, net, batch, nullptr, nullptr) != ORGNET_OK) {
      state.SkipWithError("edit failed");
    }
    orgnet_network_free(edited);
    orgnet_edit_batch_free(batch);
  }
}
void BM_LiveMemberTransferredThroughC(benchmark::State& state) { EditThroughC(state, false); }
BENCHMARK(BM_LiveMemberTransferredThroughC)->Unit(benchmark::kMicrosecond);
void BM_LiveUnitRegisteredThroughC(benchmark::State& state) { EditThroughC(state, true); }
BENCHMARK(BM_LiveUnitRegisteredThroughC)->Unit(benchmark::kMicrosecond);

// Organization edits: O(orgs) for the leadership numbering, plus what is attached.
void BM_LiveBranchFounded(benchmark::State& state) {
  const Network& net = City();
  const Picks& p = Pick();
  EditBatch batch;
  batch.AddOrg("bench-branch", "新支部", "branch", std::string(net.org_id(p.community)));
  TimeEdit(state, batch, p.community, p.branch);
}
BENCHMARK(BM_LiveBranchFounded)->Unit(benchmark::kMillisecond);

// A branch with about 30 members and nothing else attached: its members moved to another
// branch and the branch removed, one batch.
void BM_LiveBranchDissolved(benchmark::State& state) {
  const Network& net = City();
  const Picks& p = Pick();
  absl::flat_hash_map<Index, std::vector<Index>> members_of;
  for (Index m = 0; m < net.rows(Table::kMembers); ++m) {
    members_of[net.ref(Table::kMembers, m, col::kMemberOrg)].push_back(m);
  }
  absl::flat_hash_map<Index, int> attached;  // other rows naming the org
  for (Index u = 0; u < net.rows(Table::kUnits); ++u)
    ++attached[net.ref(Table::kUnits, u, col::kUnitOrg)];
  for (Index l = 0; l < net.rows(Table::kLinks); ++l) {
    ++attached[net.ref(Table::kLinks, l, col::kLinkA)];
    ++attached[net.ref(Table::kLinks, l, col::kLinkB)];
  }
  for (const Table t : {Table::kNeeds, Table::kResources}) {
    for (Index r = 0; r < net.rows(t); ++r) ++attached[net.ref(t, r, col::kListingOrg)];
  }
  for (Index r = 0; r < net.rows(Table::kFunds); ++r)
    ++attached[net.ref(Table::kFunds, r, col::kFundOrg)];
  for (Index r = 0; r < net.rows(Table::kCentres); ++r)
    ++attached[net.ref(Table::kCentres, r, col::kCentreOrg)];
  Index branch = kNone;
  for (const Index b : OfKind(net, OrgKind::kBranch)) {
    const auto it = members_of.find(b);
    const std::size_t n = it == members_of.end() ? 0 : it->second.size();
    if (n >= 25 && n <= 35 && net.hierarchy().children(b).empty() && !attached.contains(b)) {
      branch = b;
      break;
    }
  }
  if (branch == kNone) {
    state.SkipWithError("no branch of about 30 members with nothing else attached");
    return;
  }
  EditBatch batch;
  for (const Index m : members_of[branch]) {
    batch.Set(Table::kMembers, Id(net, Table::kMembers, m), "org",
              std::string(net.org_id(p.other_branch)));
  }
  batch.Remove(Table::kOrgs, std::string(net.org_id(branch)));
  TimeEdit(state, batch, p.community, p.other_branch);
}
BENCHMARK(BM_LiveBranchDissolved)->Unit(benchmark::kMillisecond);

void BM_LiveOrgKindSet(benchmark::State& state) {
  const Network& net = City();
  const Picks& p = Pick();
  EditBatch batch;
  batch.Set(Table::kOrgs, std::string(net.org_id(p.branch)), "kind", "joint");
  TimeEdit(state, batch, p.community, p.branch);
}
BENCHMARK(BM_LiveOrgKindSet)->Unit(benchmark::kMillisecond);

// An org of @p kind (its subtree nearest state.range(0)) moved under another org of its
// parent's kind.
void MoveSubtree(benchmark::State& state, OrgKind kind) {
  const Network& net = City();
  const orgnet::Hierarchy& h = net.hierarchy();
  Index org = kNone;
  long best = 0;
  for (const Index v : OfKind(net, kind)) {
    const long distance = std::labs(static_cast<long>(h.subtree_size(v)) - state.range(0));
    if (h.parent(v) != kNone && (org == kNone || distance < best)) {
      org = v;
      best = distance;
    }
  }
  Index to = kNone;
  for (const Index u : OfKind(net, net.org_kind(h.parent(org)))) {
    if (u != h.parent(org)) {
      to = u;
      break;
    }
  }
  EditBatch batch;
  batch.Reparent(std::string(net.org_id(org)), std::string(net.org_id(to)));
  state.counters["subtree"] = h.subtree_size(org);
  TimeEdit(state, batch, to, org);
}
void BM_LiveCommunityMoved(benchmark::State& state) { MoveSubtree(state, OrgKind::kCommunity); }
BENCHMARK(BM_LiveCommunityMoved)->Arg(28)->Unit(benchmark::kMillisecond);
void BM_LiveStreetMoved(benchmark::State& state) { MoveSubtree(state, OrgKind::kStreet); }
BENCHMARK(BM_LiveStreetMoved)->Arg(999)->Unit(benchmark::kMillisecond);

// A day of a city's changes: 10,000 single-edit versions, each made from the last (the older
// ones released): about 9,000 events reported or resolved, 600 member changes, 200 unit
// changes, 100 organization changes, 100 link changes.
struct Stream {
  std::mt19937 rng{2026};
  std::vector<std::string> branches, communities, grids, units, open_events, added_links;
  int serial = 0;
  explicit Stream(const Network& net) {
    for (const Index o : OfKind(net, OrgKind::kBranch)) branches.emplace_back(net.org_id(o));
    for (const Index o : OfKind(net, OrgKind::kCommunity)) communities.emplace_back(net.org_id(o));
    for (Index g = 0; g < net.rows(Table::kGrids); g += 7)
      grids.push_back(Id(net, Table::kGrids, g));
    for (Index u = 0; u < net.rows(Table::kUnits); u += 11)
      units.push_back(Id(net, Table::kUnits, u));
  }
  template <typename T>
  const T& Any(const std::vector<T>& v) {
    return v[rng() % v.size()];
  }
  EditBatch Next(const Network& net) {
    EditBatch batch;
    const int kind = static_cast<int>(rng() % 100);
    const std::string n = std::to_string(serial++);
    if (kind < 90) {  // events: reported, or one of the open ones resolved
      if (open_events.size() < 50 || rng() % 2) {
        batch.Insert(Table::kEvents, {{"id", "day-e" + n},
                                      {"grid", Any(grids)},
                                      {"category", "repair"},
                                      {"reported", "2026-12-01"}});
        open_events.push_back("day-e" + n);
      } else {
        const std::size_t i = rng() % open_events.size();
        batch.Set(Table::kEvents, open_events[i], "resolved", "2026-12-02");
        open_events[i] = open_events.back();
        open_events.pop_back();
      }
    } else if (kind < 96) {  // a member transferred, or their unit and community set
      const std::string member =
          Id(net, Table::kMembers, static_cast<Index>(rng() % net.rows(Table::kMembers)));
      if (rng() % 2) {
        batch.Set(Table::kMembers, member, "org", Any(branches));
      } else {
        batch.Set(Table::kMembers, member, "unit", Any(units));
      }
    } else if (kind < 98) {  // a unit registered, or given to another branch
      if (rng() % 2) {
        batch.Insert(Table::kUnits,
                     {{"id", "day-u" + n}, {"name", "新企业"}, {"grid", Any(grids)}});
      } else {
        batch.Set(Table::kUnits, Any(units), "org", Any(branches));
      }
    } else if (kind < 99) {  // a branch founded under a community, or a branch made joint
      if (rng() % 2) {
        batch.AddOrg("day-o" + n, "新支部", "branch", Any(communities));
      } else {
        batch.Set(Table::kOrgs, Any(branches), "kind", rng() % 2 ? "joint" : "branch");
      }
    } else {  // a link made, or one made today removed
      if (added_links.empty() || rng() % 2) {
        const std::string a = Any(branches), b = Any(branches);
        if (a == b) return Next(net);
        batch.AddLink(a, b, "pairing", "2026-12-0" + std::to_string(1 + serial % 9));
        added_links.push_back(a + "|" + b + "|2026-12-0" + std::to_string(1 + serial % 9));
      } else {
        const std::string link = added_links.back();
        added_links.pop_back();
        const auto bar = link.find('|'), bar2 = link.rfind('|');
        batch.RemoveLink(link.substr(0, bar), link.substr(bar + 1, bar2 - bar - 1), "pairing",
                         link.substr(bar2 + 1));
      }
    }
    return batch;
  }
};

void BM_LiveDayOfChanges(benchmark::State& state) {
  constexpr int kVersions = 10000;
  Network last;
  for (auto _ : state) {
    state.PauseTiming();
    Stream stream(City());
    Network current = City();
    state.ResumeTiming();
    for (int i = 0; i < kVersions; ++i) {
      EditBatch batch = stream.Next(current);
      auto next = current.Edit(batch);
      if (!next.ok()) {
        state.SkipWithError(std::string(next.status().message()).c_str());
        return;
      }
      current = *std::move(next);
    }
    state.PauseTiming();
    last = current;
    state.ResumeTiming();
  }
  state.counters["versions_per_s"] = benchmark::Counter(
      static_cast<double>(kVersions), benchmark::Counter::kIsIterationInvariantRate);
  // Memory after the stream beside a fresh load of the final state (scope indexes in both).
  const double streamed = static_cast<double>(last.memory_bytes());
  const std::string folder = std::string(orgnet::bench::DatasetPath()) + "-after-day";
  if (!last.Save(folder).ok()) {
    state.SkipWithError("save failed");
    return;
  }
  auto fresh = Network::Load(folder);
  std::filesystem::remove_all(folder);
  if (!fresh.ok()) {
    state.SkipWithError("reload failed");
    return;
  }
  orgnet::ScopeSpec spec;
  spec.places.emplace_back(fresh->id(Table::kGrids, 0));
  (void)fresh->Scope(spec);
  state.counters["memory_MiB"] = streamed / (1 << 20);
  state.counters["fresh_load_MiB"] = static_cast<double>(fresh->memory_bytes()) / (1 << 20);
  state.counters["peak_rss_MiB"] = PeakResidentMiB();
}
BENCHMARK(BM_LiveDayOfChanges)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
