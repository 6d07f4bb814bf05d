// Live edits on a generated dataset (issue 11): the cost of a new version, in time and in the
// memory it adds. Every allocation of the process is counted (operator new below), so that
// "memory added by a version" is measured, not estimated.
#include <malloc.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

#include "bench_support.h"
#include "benchmark/benchmark.h"
#include "orgnet/builder.h"
#include "orgnet/network.h"
#include "orgnet/orgnet.h"

namespace {
std::atomic<long long> live_bytes{0};
}  // namespace

void* operator new(std::size_t size) {
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) throw std::bad_alloc();
  live_bytes += static_cast<long long>(malloc_usable_size(p));
  return p;
}
void operator delete(void* p) noexcept {
  if (p == nullptr) return;
  live_bytes -= static_cast<long long>(malloc_usable_size(p));
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }

namespace {

using orgnet::bench::PeakResidentMiB;
using orgnet::bench::Shared;

double HeldBytes() { return static_cast<double>(live_bytes.load()); }

// A new version that changes one member's name, made from the loaded network each time (the
// old version stays). added_KiB: memory_bytes() of the new version minus the old one's;
// allocated_KiB: what the allocator holds more while the new version lives (its records, the
// copied table and column records, the patch).
void BM_EditSetMemberField(benchmark::State& state) {
  const orgnet::Network& net = Shared();
  const orgnet::Index members = net.rows(orgnet::Table::kMembers);
  {
    const double before = HeldBytes();
    orgnet::EditBatch batch;
    batch.Set(orgnet::Table::kMembers, std::string(net.id(orgnet::Table::kMembers, 0)), "name",
              "x");
    auto edited = net.Edit(batch);
    const double after = HeldBytes();
    if (!edited.ok()) state.SkipWithError("edit failed");
    state.counters["allocated_KiB"] = (after - before) / 1024.0;
  }
  std::size_t i = 0;
  double added = 0;
  for (auto _ : state) {
    const orgnet::Index row = static_cast<orgnet::Index>((i * 7919) % members);
    orgnet::EditBatch batch;
    batch.Set(orgnet::Table::kMembers, std::string(net.id(orgnet::Table::kMembers, row)), "name",
              "name " + std::to_string(i++));
    auto edited = net.Edit(batch);
    if (!edited.ok()) state.SkipWithError("edit failed");
    added = static_cast<double>(edited->memory_bytes()) - static_cast<double>(net.memory_bytes());
    benchmark::DoNotOptimize(edited->version());
  }
  state.counters["added_KiB"] = added / 1024.0;
}
BENCHMARK(BM_EditSetMemberField)->Unit(benchmark::kMicrosecond);

// The same through a chain: each version made from the one before (patches accumulate and
// are folded into new storage past a sixteenth of the rows).
void BM_EditSetMemberFieldChained(benchmark::State& state) {
  orgnet::Network current = Shared();
  const orgnet::Index members = current.rows(orgnet::Table::kMembers);
  std::size_t i = 0;
  for (auto _ : state) {
    const orgnet::Index row = static_cast<orgnet::Index>((i * 7919) % members);
    orgnet::EditBatch batch;
    batch.Set(orgnet::Table::kMembers, std::string(current.id(orgnet::Table::kMembers, row)),
              "mobile", i % 2 ? "1" : "0");
    ++i;
    auto edited = current.Edit(batch);
    if (!edited.ok()) state.SkipWithError("edit failed");
    current = *std::move(edited);
  }
}
BENCHMARK(BM_EditSetMemberFieldChained)->Unit(benchmark::kMicrosecond)->Iterations(20000);

// The same edit through the C ABI (batch made and freed each time, as a C caller would).
void BM_EditSetMemberFieldThroughC(benchmark::State& state) {
  orgnet_network* net = nullptr;
  const std::string path = orgnet::bench::DatasetPath();
  if (orgnet_network_load(&net, path.data(), path.size(), nullptr, nullptr) != ORGNET_OK) {
    state.SkipWithError("load failed");
    return;
  }
  uint32_t members = 0;
  orgnet_network_rows(&members, net, ORGNET_TABLE_MEMBERS);
  std::size_t i = 0;
  for (auto _ : state) {
    const char* id = nullptr;
    size_t id_len = 0;
    orgnet_network_id(&id, &id_len, net, ORGNET_TABLE_MEMBERS,
                      static_cast<uint32_t>((i * 7919) % members));
    const std::string value = "name " + std::to_string(i++);
    orgnet_edit_batch* batch = nullptr;
    orgnet_edit_batch_new(&batch);
    orgnet_edit_set(batch, ORGNET_TABLE_MEMBERS, id, id_len, "name", 4, value.data(), value.size());
    orgnet_network* edited = nullptr;
    if (orgnet_network_edit(&edited, net, batch, nullptr, nullptr) != ORGNET_OK) {
      state.SkipWithError("edit failed");
    }
    orgnet_network_free(edited);
    orgnet_edit_batch_free(batch);
  }
  orgnet_network_free(net);
}
BENCHMARK(BM_EditSetMemberFieldThroughC)->Unit(benchmark::kMicrosecond);

// An in-place batch from the loaded network: time and the bytes it allocates.
void RunInPlaceEdit(benchmark::State& state, const orgnet::EditBatch& batch) {
  const orgnet::Network& net = Shared();
  double allocated = 0;
  for (auto _ : state) {
    const double before = HeldBytes();
    auto edited = net.Edit(batch);
    allocated = HeldBytes() - before;
    if (!edited.ok()) {
      state.SkipWithError(std::string(edited.status().message()).c_str());
      break;
    }
    benchmark::DoNotOptimize(edited->version());
  }
  state.counters["allocated_KiB"] = allocated / 1024.0;
}

// Edits that still rebuild the network (single runs: each takes seconds on the city).
void RunRebuildingEdit(benchmark::State& state, const orgnet::EditBatch& batch) {
  for (auto _ : state) {
    auto edited = Shared().Edit(batch);
    if (!edited.ok()) {
      state.SkipWithError(std::string(edited.status().message()).c_str());
      break;
    }
    benchmark::DoNotOptimize(edited->version());
  }
  state.counters["peak_rss_MiB"] = PeakResidentMiB();
}

// One new member (in place: appended to the members columns, its id to the overlay on the id
// index, its place to the territory's member counts).
void BM_EditInsertMember(benchmark::State& state) {
  orgnet::EditBatch batch;
  batch.Insert(orgnet::Table::kMembers, {{"id", "bench-new-member"}, {"name", "n"},
                                         {"status", "formal"},
                                         {"org", std::string(Shared().org_id(0))}});
  RunInPlaceEdit(state, batch);
}
BENCHMARK(BM_EditInsertMember)->Unit(benchmark::kMicrosecond);

// One new link (in place: appended to the links columns after the checks of a load, a
// duplicate identity searched among the 300,000 links).
void BM_EditAddLink(benchmark::State& state) {
  const orgnet::Network& net = Shared();
  orgnet::EditBatch batch;
  batch.AddLink(std::string(net.org_id(1)), std::string(net.org_id(2)), "pairing", "2001-02-03");
  double allocated = 0;
  for (auto _ : state) {
    const double before = HeldBytes();
    auto edited = net.Edit(batch);
    allocated = HeldBytes() - before;
    if (!edited.ok()) state.SkipWithError(std::string(edited.status().message()).c_str());
    benchmark::DoNotOptimize(edited->version());
  }
  state.counters["allocated_KiB"] = allocated / 1024.0;
}
BENCHMARK(BM_EditAddLink)->Unit(benchmark::kMicrosecond);

// One member removed (in place: the last member moves into its row, two rows patched in
// each members column, the two ids in the overlay).
void BM_EditRemoveMember(benchmark::State& state) {
  orgnet::EditBatch batch;
  batch.Remove(orgnet::Table::kMembers, std::string(Shared().id(orgnet::Table::kMembers, 12345)));
  RunInPlaceEdit(state, batch);
}
BENCHMARK(BM_EditRemoveMember)->Unit(benchmark::kMicrosecond);

void BM_EditBatch1000Members(benchmark::State& state) {
  orgnet::EditBatch batch;
  const orgnet::Network& net = Shared();
  for (int i = 0; i < 500; ++i) {
    batch.Insert(orgnet::Table::kMembers, {{"id", "bench-m" + std::to_string(i)}, {"name", "n"},
                                           {"status", "formal"},
                                           {"org", std::string(net.org_id(i))}});
    batch.Set(orgnet::Table::kMembers, std::string(net.id(orgnet::Table::kMembers, i * 31)),
              "name", "changed");
  }
  RunInPlaceEdit(state, batch);
}
BENCHMARK(BM_EditBatch1000Members)->Unit(benchmark::kMillisecond);

void BM_EditReparentSubtree(benchmark::State& state) {
  const orgnet::Network& net = Shared();
  const orgnet::Hierarchy& h = net.hierarchy();
  // The organization whose subtree is nearest state.range(0), moved under another organization
  // at its parent's depth (another committee of the same level).
  orgnet::Index org = orgnet::kNone;
  long best = 0;
  for (orgnet::Index v = 0; v < net.org_count(); ++v) {
    if (h.parent(v) == orgnet::kNone) continue;
    const long distance = std::labs(static_cast<long>(h.subtree_size(v)) - state.range(0));
    if (org == orgnet::kNone || distance < best) {
      org = v;
      best = distance;
    }
  }
  if (org == orgnet::kNone) {
    state.SkipWithError("no subtree of about 100");
    return;
  }
  orgnet::Index to = orgnet::kNone;
  for (orgnet::Index u = 0; u < net.org_count() && to == orgnet::kNone; ++u) {
    if (u != h.parent(org) && h.depth(u) == h.depth(h.parent(org)) && !h.is_ancestor(org, u) &&
        u != org) {
      to = u;
    }
  }
  orgnet::EditBatch batch;
  batch.Reparent(std::string(net.org_id(org)), std::string(net.org_id(to)));
  state.counters["subtree"] = h.subtree_size(org);
  RunInPlaceEdit(state, batch);
}
BENCHMARK(BM_EditReparentSubtree)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

// The one kind of edit that still rebuilds: a change of schema (an added column).
void BM_EditRebuildAddColumn(benchmark::State& state) {
  orgnet::EditBatch batch;
  batch.AddColumn(orgnet::Table::kMembers, "bench_note");
  RunRebuildingEdit(state, batch);
}
BENCHMARK(BM_EditRebuildAddColumn)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
