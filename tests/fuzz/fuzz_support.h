// Shared by the fuzz targets: every analysis run over a network, a cell-by-cell comparison of
// two networks, and a scratch folder per process. A failed check prints what differs and
// traps, which libFuzzer reports as a crash with the input that caused it.
#ifndef ORGNET_TESTS_FUZZ_FUZZ_SUPPORT_H_
#define ORGNET_TESTS_FUZZ_FUZZ_SUPPORT_H_

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "orgnet/centres.h"
#include "orgnet/cobuild.h"
#include "orgnet/coverage.h"
#include "orgnet/events.h"
#include "orgnet/haves.h"
#include "orgnet/matching.h"
#include "orgnet/network.h"

namespace orgnet::fuzz {

// Reads a fuzz input as a stream of bytes, numbers and short strings (zeros past its end).
class FuzzInput {
 public:
  FuzzInput(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  bool empty() const { return pos_ >= size_; }
  std::uint8_t Byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  std::uint32_t Raw32() {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = v << 8 | Byte();
    return v;
  }
  // Up to `max` raw bytes (the length is the next byte, modulo max + 1).
  std::string RawText(std::size_t max) {
    const std::size_t n = std::min<std::size_t>(Byte() % (max + 1), size_ - std::min(pos_, size_));
    std::string out(reinterpret_cast<const char*>(data_ + pos_), n);
    pos_ += n;
    return out;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

[[noreturn]] inline void Fail(const std::string& what) {
  std::fprintf(stderr, "fuzz check failed: %s\n", what.c_str());
  __builtin_trap();
}

inline void Check(bool ok, const std::string& what) {
  if (!ok) Fail(what);
}

// A folder of this process's own (removed at exit), under TMPDIR or /tmp.
inline const std::string& ScratchFolder() {
  static const std::string folder = [] {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr && *base ? base : "/tmp") +
                          "/orgnet-fuzz-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) Fail("cannot make a scratch folder");
    static std::string to_remove = pattern;
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(to_remove, ec);
    });
    return pattern;
  }();
  return folder;
}

// Empties (or makes) `folder`.
inline void ResetFolder(const std::string& folder) {
  std::error_code ec;
  std::filesystem::remove_all(folder, ec);
  std::filesystem::create_directories(folder, ec);
}

// The same tables, columns, cells (as canonical text) and manifest.
inline void ExpectSameNetwork(const Network& a, const Network& b, const std::string& what) {
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    const std::string name(GetTableSpec(table).name);
    Check(a.has_table(table) == b.has_table(table), what + ": presence of " + name);
    Check(a.rows(table) == b.rows(table), what + ": rows of " + name);
    Check(a.column_count(table) == b.column_count(table), what + ": columns of " + name);
    for (int c = 0; c < a.column_count(table); ++c) {
      Check(a.column_name(table, c) == b.column_name(table, c), what + ": column name");
      Check(a.has_column(table, c) == b.has_column(table, c), what + ": column presence");
      for (Index r = 0; r < a.rows(table); ++r) {
        if (a.CellText(table, r, c) != b.CellText(table, r, c)) {
          Fail(what + ": " + name + " row " + std::to_string(r) + " column " +
               std::string(a.column_name(table, c)) + ": \"" + a.CellText(table, r, c) +
               "\" vs \"" + b.CellText(table, r, c) + "\"");
        }
      }
    }
  }
  Check(a.manifest_entries() == b.manifest_entries(), what + ": manifest");
  Check(a.as_of() == b.as_of(), what + ": as_of");
}

// The indexes of two networks with the same rows agree: id lookups, the leadership tree, org
// kinds, every row's place, the territory's listings and unknown counts (an edit applied in
// place against the same edit rebuilt).
inline void ExpectSameIndexes(const Network& a, const Network& b, const std::string& what) {
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    if (GetTableSpec(table).id_column >= 0) {
      for (Index r = 0; r < a.rows(table); ++r) {
        Check(a.Find(table, a.id(table, r)) == b.Find(table, b.id(table, r)), what + ": find");
      }
    }
    for (Index r = 0; r < a.rows(table) && t <= static_cast<int>(Table::kStaff); ++r) {
      Check(a.territory().place(table, r) == b.territory().place(table, r), what + ": place");
    }
    for (int level = 1; level <= 3; ++level) {
      Check(a.territory().unknown().count(table, static_cast<RollUp>(level)) ==
                b.territory().unknown().count(table, static_cast<RollUp>(level)),
            what + ": unknown places");
    }
  }
  auto same = [](absl::Span<const Index> x, absl::Span<const Index> y) {
    return std::equal(x.begin(), x.end(), y.begin(), y.end());
  };
  const Hierarchy &ha = a.hierarchy(), &hb = b.hierarchy();
  for (Index v = 0; v < a.org_count(); ++v) {
    Check(a.org_kind(v) == b.org_kind(v) && ha.parent(v) == hb.parent(v) &&
              ha.depth(v) == hb.depth(v) && ha.subtree_size(v) == hb.subtree_size(v) &&
              ha.preorder_position(v) == hb.preorder_position(v),
          what + ": leadership tree");
    const Territory &ta = a.territory(), &tb = b.territory();
    Check(same(ta.grids_in(v), tb.grids_in(v)) && same(ta.units_in(v), tb.units_in(v)) &&
              same(ta.orgs_in(v), tb.orgs_in(v)) && same(ta.staff_in(v), tb.staff_in(v)),
          what + ": listings");
  }
}

// Runs every analysis with its defaults (and a few edge options), touching every result.
// Betweenness is sampled above a few hundred organizations so that an input stays fast.
inline void RunEveryAnalysis(const Network& net) {
  const RollUp territorial[] = {RollUp::kGrid, RollUp::kCommunity, RollUp::kStreet,
                                RollUp::kDistrict};
  const RollUp all[] = {RollUp::kGrid, RollUp::kCommunity, RollUp::kStreet, RollUp::kDistrict,
                        RollUp::kOrg};
  auto coverage = CoverageReport::Compute(net);
  Check(coverage.ok(), "coverage with default rules: " + coverage.status().ToString());
  std::size_t described = 0;
  for (const Finding& f : coverage->findings()) {
    if (++described > 50) break;
    Check(!coverage->Describe(f).empty(), "finding description");
  }
  for (RollUp r : all) (void)coverage->rows(r);

  auto links = LinkGraph::Build(net);
  Check(links.ok(), "links: " + links.status().ToString());
  (void)links->Isolated();
  for (RollUp r : all) (void)links->Isolation(r);
  (void)links->Components();
  (void)links->ArticulationPoints();
  (void)links->Bridges();
  BetweennessOptions sampled;
  sampled.samples = net.org_count() > 300 ? 16 : 0;
  (void)links->Betweenness(sampled);
  (void)links->Crossings();
  if (net.org_count() > 0) {
    (void)links->ShortestPath(0, net.org_count() - 1, true);
    (void)links->Suggest(0, 5);
  }
  for (MatchScope scope : {MatchScope::kLinked, MatchScope::kSameStreet, MatchScope::kEither}) {
    MatchRules rules;
    rules.scope = scope;
    auto matching = Matching::Compute(net, rules);
    Check(matching.ok(), "matching: " + matching.status().ToString());
    Check(matching->total() <= matching->needed() && matching->total() <= matching->offered(),
          "matching total within needed and offered");
  }
  auto events = EventReport::Compute(net);
  Check(events.ok(), "events: " + events.status().ToString());
  for (RollUp r : territorial) {
    Check(events->Totals(r).ok() && events->ByCategory(r).ok() && events->ByMonth(r).ok(),
          "event tables");
  }
  (void)events->HotSpots(10);
  auto reach = CentreReach::Compute(net);
  Check(reach.ok(), "reach: " + reach.status().ToString());
  for (RollUp r : territorial) Check(reach->RollUp(r).ok(), "reach roll-up");
  (void)reach->Functions();
  for (Index org = 0; org < net.org_count() && org < 64; ++org) (void)reach->FunctionsOf(org);
  (void)reach->Site(3);
  auto haves = ThreeHaves::Compute(net);
  Check(haves.ok(), "haves: " + haves.status().ToString());
  Check(haves->RollUp(RollUp::kStreet).ok() && haves->RollUp(RollUp::kDistrict).ok(),
        "haves roll-ups");
  for (const HavesFinding& f : haves->findings()) (void)haves->Describe(f);
}

// Saves `net`, loads the copy back, and checks that it is the same network.
inline void ExpectSaveRoundTrip(const Network& net, const std::string& what) {
  const std::string folder = ScratchFolder() + "/saved";
  ResetFolder(folder);
  absl::Status saved = net.Save(folder);
  Check(saved.ok(), what + ": save: " + saved.ToString());
  auto reloaded = Network::Load(folder);
  Check(reloaded.ok(), what + ": reload of a saved network: " + reloaded.status().ToString());
  ExpectSameNetwork(net, *reloaded, what + ": save -> load");
}

// A view of @p net (the subtree and territory of the org at row data-chosen @p pick, personal
// fields masked): every analysis runs on it, and saved it loads. Reaches the scope rules and
// the manifest's `personal` key with whatever a fuzzed dataset holds.
inline void ExpectScopedViewWorks(const Network& net, std::size_t pick) {
  if (net.org_count() == 0) return;
  const Index org = static_cast<Index>(pick % net.org_count());
  auto view = net.Scope({{std::string(net.org_id(org))}, {}, false});
  Check(view.ok(), "scope of an org the network holds: " + view.status().ToString());
  Check(view->FindOrg(net.org_id(org)).has_value(), "the scope holds its org");
  RunEveryAnalysis(*view);
  const std::string folder = ScratchFolder() + "/view";
  ResetFolder(folder);
  absl::Status saved = view->Save(folder);
  Check(saved.ok(), "save of a view: " + saved.ToString());
  auto reloaded = Network::Load(folder);
  Check(reloaded.ok(), "reload of a saved view: " + reloaded.status().ToString());
}

}  // namespace orgnet::fuzz

#endif  // ORGNET_TESTS_FUZZ_FUZZ_SUPPORT_H_
