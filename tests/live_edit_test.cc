// Live edits give the answers of a fresh load (issue 11, point 3): random batches of every
// edit kind, applied one after another, each result compared with (a) the same batch applied
// by the rebuild path and (b) a fresh load of the result saved to disk, on every cell, id,
// hierarchy and territory answer and every analysis. A mutation check proves the comparison
// catches a broken in-place edit.
#include <cmath>
#include <filesystem>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "build/live_edit.h"
#include "model/network_impl.h"
#include "scope/scope_indexes.h"
#include "orgnet/builder.h"
#include "orgnet/centres.h"
#include "orgnet/cobuild.h"
#include "orgnet/coverage.h"
#include "orgnet/events.h"
#include "orgnet/haves.h"
#include "orgnet/matching.h"
#include "orgnet/network.h"
#include "orgnet/scope.h"
#include "fingerprint.h"
#include "test_util.h"

namespace orgnet {
namespace {
using testing::Fingerprint;
using testing::FirstDifference;

class RandomBatches {
 public:
  explicit RandomBatches(unsigned seed) : rng_(seed) {}

  // A batch of 1..4 edits that a valid network can take (some batches are meant to fail).
  EditBatch Make(const Network& net) {
    EditBatch batch;
    const int edits = 1 + Pick(4);
    for (int i = 0; i < edits; ++i) AddOne(net, batch);
    return batch;
  }

 private:
  int Pick(int n) { return static_cast<int>(rng_() % static_cast<unsigned>(n)); }
  std::string Id(const Network& net, Table table) {
    return std::string(net.id(table, static_cast<Index>(Pick(static_cast<int>(net.rows(table))))));
  }

  // A value for a cell of this type: mostly valid, sometimes not.
  std::string Value(ColumnType type, const std::string& column) {
    const bool bad = Pick(12) == 0;
    switch (type) {
      case ColumnType::kDate:
        if (bad) return "2026-02-30";
        return Pick(5) == 0 ? "" : FormatDate(static_cast<Date>(18000 + Pick(2500)));
      case ColumnType::kInteger:
        if (bad) return "-7";
        return Pick(5) == 0 ? "" : std::to_string(Pick(900));
      case ColumnType::kReal:
        if (bad) return "north";
        return column == "lat" ? std::to_string(30 + Pick(10) / 7.0)
                               : std::to_string(110 + Pick(10) / 3.0);
      case ColumnType::kFlag: return bad ? "yes" : std::vector<std::string>{"0", "1", ""}[Pick(3)];
      case ColumnType::kStatus: return bad ? "retired" : (Pick(2) ? "formal" : "probationary");
      default:
        if (column == "role") return std::vector<std::string>{"grid_manager", "instructor", "other"}[Pick(3)];
        if (column == "level") return std::vector<std::string>{"branch", "committee", ""}[Pick(3)];
        return std::vector<std::string>{"甲", "name " + std::to_string(Pick(50)), "", "a,b \"c\""}[Pick(4)];
    }
  }

  // A row of @p table with a new id and a valid value for each required column.
  void InsertAny(const Network& net, EditBatch& batch, Table table) {
    std::vector<Cell> cells;
    for (const ColumnSpec& column : GetTableSpec(table).columns) {
      if (column.type == ColumnType::kId) {
        cells.emplace_back(std::string(column.name), "any-" + std::to_string(counter_++));
      } else if (!column.required) {
        continue;
      } else if (column.type == ColumnType::kRef) {
        if (net.rows(column.target) == 0) return;
        cells.emplace_back(std::string(column.name), Id(net, column.target));
      } else if (column.type == ColumnType::kDate) {
        cells.emplace_back(std::string(column.name), "2026-03-0" + std::to_string(1 + Pick(9)));
      } else if (column.type == ColumnType::kInteger) {
        cells.emplace_back(std::string(column.name), std::to_string(1 + Pick(50)));
      } else if (column.type == ColumnType::kStatus) {
        cells.emplace_back(std::string(column.name), "formal");
      } else {
        cells.emplace_back(std::string(column.name), column.name == "kind" ? "branch" : "新");
      }
    }
    batch.Insert(table, std::move(cells));
  }

  void AddOne(const Network& net, EditBatch& batch) {
    static constexpr Table kWithIds[] = {Table::kOrgs,  Table::kGrids, Table::kUnits,
                                         Table::kMembers, Table::kStaff, Table::kNeeds,
                                         Table::kResources, Table::kCentres, Table::kEvents};
    const Table table = kWithIds[Pick(9)];
    if (net.rows(table) == 0) return;
    switch (Pick(11)) {
      case 0: case 1: case 2: case 3: case 4: {  // set a cell (the in-place kind, mostly)
        const int column = 1 + Pick(net.column_count(table) - 1);
        if (!net.has_column(table, column)) return;
        const ColumnType type = net.column_type(table, column);
        std::string value;
        if (type == ColumnType::kRef) {
          const Table target = GetTableSpec(table).columns[column].target;
          value = net.rows(target) > 0 && Pick(4) ? Id(net, target) : "";
        } else {
          value = Value(type, std::string(net.column_name(table, column)));
        }
        batch.Set(table, Id(net, table), std::string(net.column_name(table, column)), value);
        return;
      }
      case 5: {  // reparent an org under one outside its subtree (or make it a root)
        const Index org = static_cast<Index>(Pick(static_cast<int>(net.org_count())));
        const Index to = static_cast<Index>(Pick(static_cast<int>(net.org_count())));
        const bool ok = !net.hierarchy().is_ancestor(org, to) && to != org;
        batch.Reparent(std::string(net.org_id(org)), ok ? std::string(net.org_id(to)) : "");
        return;
      }
      case 6:  // rename a row; every reference follows
        batch.Rename(table, Id(net, table), Id(net, table) + "-r" + std::to_string(Pick(1000)));
        return;
      case 7: {  // insert a member or a link, or a row of any other table (by its required cells)
        if (Pick(3) == 0) {
          InsertAny(net, batch, table);
          return;
        }
        if (Pick(2)) {
          batch.Insert(Table::kMembers, {{"id", "new-" + std::to_string(counter_++)},
                                         {"name", "新"}, {"status", "formal"},
                                         {"org", Id(net, Table::kOrgs)}});
        } else {
          batch.AddLink(Id(net, Table::kOrgs), Id(net, Table::kOrgs), "pairing",
                        FormatDate(static_cast<Date>(15000 + Pick(5000))));
        }
        return;
      }
      case 8: {  // remove a row of a table nobody refers to, or a link; edit a fund by row
        if (Pick(3) == 0 && net.rows(Table::kFunds) > 0) {
          const Index r = static_cast<Index>(Pick(static_cast<int>(net.rows(Table::kFunds))));
          if (Pick(2)) {
            batch.SetRow(Table::kFunds, r, "amount", std::to_string(Pick(5000)));
          } else {
            batch.RemoveRow(Table::kFunds, r);
          }
          return;
        }
        if (Pick(2) && net.rows(Table::kLinks) > 0) {
          const Index r = static_cast<Index>(Pick(static_cast<int>(net.rows(Table::kLinks))));
          batch.RemoveLink(net.CellText(Table::kLinks, r, col::kLinkA),
                           net.CellText(Table::kLinks, r, col::kLinkB),
                           net.CellText(Table::kLinks, r, col::kLinkKind),
                           net.CellText(Table::kLinks, r, col::kLinkSince));
        } else if (Pick(3) == 0) {
          // Any row by id: a grid, unit or staff member still referred to is refused whole.
          batch.Remove(table, Id(net, table));
        } else {
          const Table leaf = Pick(2) ? Table::kMembers : Table::kEvents;
          if (net.rows(leaf) > 0) batch.Remove(leaf, Id(net, leaf));
        }
        return;
      }
      case 9: {  // an org of another kind (a community made a street, a branch a community...)
        static constexpr const char* kKinds[] = {"community", "street", "district", "branch",
                                                 "station", "joint"};
        batch.Set(Table::kOrgs, Id(net, Table::kOrgs), "kind", kKinds[Pick(6)]);
        return;
      }
      default: {  // remove an org after moving what refers to it (children, units, members...)
        const Index org = static_cast<Index>(Pick(static_cast<int>(net.org_count())));
        const Index parent = net.hierarchy().parent(org);
        if (parent == kNone) return;
        const std::string id(net.org_id(org)), heir(net.org_id(parent));
        for (Index child : net.hierarchy().children(org)) {
          batch.Reparent(std::string(net.org_id(child)), heir);
        }
        for (int t = 0; t < kTableCount; ++t) {
          const Table referring = static_cast<Table>(t);
          if (GetTableSpec(referring).id_column < 0 && referring != Table::kLinks) continue;
          for (int c = 0; c < net.column_count(referring); ++c) {
            if (net.column_type(referring, c) != ColumnType::kRef ||
                GetTableSpec(referring).columns[c].target != Table::kOrgs ||
                (referring == Table::kOrgs && c == col::kOrgParent)) {
              continue;
            }
            for (Index r = 0; r < net.rows(referring); ++r) {
              if (net.ref(referring, r, c) != org) continue;
              if (referring == Table::kLinks) {
                batch.RemoveLink(net.CellText(Table::kLinks, r, col::kLinkA),
                                 net.CellText(Table::kLinks, r, col::kLinkB),
                                 net.CellText(Table::kLinks, r, col::kLinkKind),
                                 net.CellText(Table::kLinks, r, col::kLinkSince));
              } else {
                batch.Set(referring, std::string(net.id(referring, r)),
                          std::string(net.column_name(referring, c)), heir);
              }
            }
          }
        }
        batch.Remove(Table::kOrgs, id);
        return;
      }
    }
  }

  std::mt19937 rng_;
  int counter_ = 0;
};

// The first difference between the scope indexes @p live carries (if any) and those a fresh
// load @p fresh makes: every reference column's groups, target by target.
std::string ScopeIndexDifference(const Network& live, const Network& fresh) {
  const auto carried = internal::ImplOf(live).scope_indexes.IfMade();
  if (carried == nullptr) return "";
  const internal::ScopeIndexes& made =
      internal::ImplOf(fresh).scope_indexes.Get(internal::ImplOf(fresh));
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    const auto& columns = GetTableSpec(table).columns;
    for (int c = 0; c < static_cast<int>(columns.size()); ++c) {
      const internal::RowGroups* a = carried->For(table, c);
      if (a == nullptr) continue;
      const internal::RowGroups* b = made.For(table, c);
      for (Index target = 0; target < fresh.rows(columns[c].target); ++target) {
        const auto x = a->of(target), y = b->of(target);
        if (!std::equal(x.begin(), x.end(), y.begin(), y.end())) {
          return std::string(GetTableSpec(table).name) + "." + std::string(columns[c].name) +
                 " of " + std::to_string(target) + ": " + std::to_string(x.size()) +
                 " rows, a fresh load's " + std::to_string(y.size());
        }
      }
    }
  }
  return "";
}

// Whether @p batch adds a table or a column to @p net (a change of schema, which rebuilds).
bool ChangesSchema(const Network& net, const EditBatch& batch) {
  for (const EditBatch::Edit& edit : batch.edits()) {
    if (edit.op == EditBatch::Edit::Op::kAddColumn || !net.has_table(edit.table)) return true;
    auto absent = [&](std::string_view name) {
      const std::optional<int> c = net.FindColumn(edit.table, name);
      return !c || !net.has_column(edit.table, *c);
    };
    for (const auto& [name, value] : edit.cells) {
      if (absent(name)) return true;
    }
    if ((edit.op == EditBatch::Edit::Op::kSet || edit.op == EditBatch::Edit::Op::kSetRow) &&
        absent(edit.column)) {
      return true;
    }
  }
  return false;
}

struct Outcome {
  int applied = 0, rejected = 0, in_place = 0;
  std::string failure;  // the first disagreement, if any
};

// Applies @p batches random batches to @p dataset, checking each result as the file says.
// With @p indexes, the loaded network's scope indexes are made first, so that every version
// carries them (updated by each edit) and they are compared with a fresh load's; without,
// the edits that need them make them.
Outcome RunRandomBatches(const std::string& dataset, unsigned seed, int batches,
                         bool indexes = true) {
  Outcome outcome;
  auto loaded = Network::Load(dataset);
  if (!loaded.ok()) {
    outcome.failure = std::string(loaded.status().message());
    return outcome;
  }
  Network current = *std::move(loaded);
  if (indexes) internal::ImplOf(current).scope_indexes.Get(internal::ImplOf(current));
  RandomBatches random(seed);
  testing::TempDir dir;
  for (int b = 0; b < batches && outcome.failure.empty(); ++b) {
    const EditBatch batch = random.Make(current);
    auto live = current.Edit(batch);
    auto rebuilt = NetworkBuilder::FromNetwork(current).Apply(batch);
    if (live.ok() != rebuilt.ok() ||
        (!live.ok() && live.status().message() != rebuilt.status().message())) {
      outcome.failure = "batch " + std::to_string(b) + ": live says " + live.status().ToString() +
                        ", the rebuild " + rebuilt.status().ToString();
      break;
    }
    if (!live.ok()) {
      ++outcome.rejected;
      continue;
    }
    ++outcome.applied;
    if (internal::EditInPlace(current, batch, {}, nullptr).has_value()) {
      ++outcome.in_place;
    } else if (!ChangesSchema(current, batch)) {
      // Only a change of schema may rebuild (issue 25): anything else is a defect.
      outcome.failure = "batch " + std::to_string(b) + " rebuilt: " + batch.Describe(0);
      break;
    }
    const std::string folder = dir.path() + "/v" + std::to_string(b % 2);
    if (absl::Status s = live->Save(folder); !s.ok()) {
      outcome.failure = std::string(s.message());
      break;
    }
    auto fresh = Network::Load(folder);
    if (!fresh.ok()) {
      outcome.failure = "batch " + std::to_string(b) + ": reload: " + fresh.status().ToString();
      break;
    }
    const std::string want = Fingerprint(*fresh), got = Fingerprint(*live);
    if (got != want) {
      outcome.failure = "batch " + std::to_string(b) + " against a fresh load: " +
                        FirstDifference(got, want);
      break;
    }
    if (const std::string d = ScopeIndexDifference(*live, *fresh); !d.empty()) {
      outcome.failure = "batch " + std::to_string(b) + ": scope index " + d;
      break;
    }
    {  // a scoped view of a street and of an org's subtree, as a fresh load makes it
      ScopeSpec spec;
      for (Index o = 0; o < fresh->org_count() && spec.places.empty(); ++o) {
        if (fresh->org_kind(o) == OrgKind::kStreet) spec.places.emplace_back(fresh->org_id(o));
      }
      spec.orgs.emplace_back(fresh->org_id(static_cast<Index>(b % fresh->org_count())));
      auto live_view = live->Scope(spec);
      auto fresh_view = fresh->Scope(spec);
      const std::string d =
          live_view.ok() && fresh_view.ok()
              ? FirstDifference(Fingerprint(*live_view), Fingerprint(*fresh_view))
              : (live_view.ok() == fresh_view.ok() ? "" : "one view failed");
      if (!d.empty()) {
        outcome.failure = "batch " + std::to_string(b) + ": scoped view: " + d;
        break;
      }
    }
    const std::string other = Fingerprint(*rebuilt);
    if (got != other) {
      outcome.failure = "batch " + std::to_string(b) + " against the rebuild: " +
                        FirstDifference(got, other);
      break;
    }
    current = *std::move(live);
  }
  return outcome;
}

TEST(LiveEditTest, RandomBatchesGiveTheAnswersOfAFreshLoad) {
  int applied = 0, rejected = 0, in_place = 0;
  const std::string data = ORGNET_TEST_DATA_DIR;
  for (const auto& [dataset, seed] :
       std::vector<std::pair<std::string, unsigned>>{{data + "/live1", 1}, {data + "/live2", 2},
                                                     {data + "/fixture", 3}, {data + "/service", 4}}) {
    const Outcome o = RunRandomBatches(dataset, seed, 100, seed % 2 == 1);
    EXPECT_EQ(o.failure, "") << dataset;
    applied += o.applied;
    rejected += o.rejected;
    in_place += o.in_place;
  }
  // The batches exercise both paths and both outcomes.
  EXPECT_GT(applied, 160);
  EXPECT_GT(rejected, 10);
  EXPECT_GT(in_place, 20);
  std::cout << applied << " batches applied (" << in_place << " in place), " << rejected
            << " rejected\n";
}

// One batch on @p dataset: the first disagreement of the edited version with the rebuild or
// with a fresh load of its save.
std::string RunOneBatch(const std::string& dataset, const EditBatch& batch) {
  auto loaded = Network::Load(dataset);
  if (!loaded.ok()) return std::string(loaded.status().message());
  auto live = loaded->Edit(batch);
  auto rebuilt = NetworkBuilder::FromNetwork(*loaded).Apply(batch);
  if (!live.ok() || !rebuilt.ok()) return "the batch failed";
  testing::TempDir dir;
  if (!live->Save(dir.path()).ok()) return "save failed";
  auto fresh = Network::Load(dir.path());
  if (!fresh.ok()) return fresh.status().ToString();
  const std::string got = Fingerprint(*live);
  std::string d = FirstDifference(got, Fingerprint(*rebuilt));
  return d.empty() ? FirstDifference(got, Fingerprint(*fresh)) : d;
}

// A chain of @p length in-place batches (a member inserted, another's field set), each
// version made from the last; the first disagreement with a fresh load or a lost member.
std::string RunMemberChain(int length) {
  auto loaded = Network::Load(ORGNET_TEST_DATA_DIR "/live1");
  if (!loaded.ok()) return std::string(loaded.status().message());
  Network current = *loaded;
  const std::string org(current.org_id(3));
  std::vector<Network> kept;
  for (int i = 0; i < length; ++i) {
    EditBatch batch;
    batch.Insert(Table::kMembers, {{"id", "chain-" + std::to_string(i)}, {"name", "n"},
                                   {"status", i % 3 ? "formal" : "probationary"}, {"org", org}});
    batch.Set(Table::kMembers, std::string(current.id(Table::kMembers, i % 900)), "mobile",
              i % 2 ? "1" : "0");
    if (!internal::EditInPlace(current, batch, {}, nullptr).has_value()) {
      return "batch " + std::to_string(i) + " not in place";
    }
    auto next = current.Edit(batch);
    if (!next.ok()) return next.status().ToString();
    current = *std::move(next);
    if (i % 1000 == 0) kept.push_back(current);
    if (i % 7 == 3) {  // a batch of removals only (in place too), checked against the rebuild
      EditBatch removals;
      const Index rows = current.rows(Table::kMembers);
      removals.Remove(Table::kMembers, std::string(current.id(Table::kMembers, (i * 13) % rows)));
      removals.Remove(Table::kMembers, std::string(current.id(Table::kMembers, rows - 1)));
      if (!internal::EditInPlace(current, removals, {}, nullptr).has_value()) {
        return "removals " + std::to_string(i) + " not in place";
      }
      auto removed = current.Edit(removals);
      auto rebuilt = NetworkBuilder::FromNetwork(current).Apply(removals);
      if (!removed.ok() || !rebuilt.ok()) return "removals " + std::to_string(i) + " failed";
      if (i % 70 == 3) {
        const std::string d = FirstDifference(Fingerprint(*removed), Fingerprint(*rebuilt));
        if (!d.empty()) return "removals " + std::to_string(i) + " against the rebuild: " + d;
      }
      current = *std::move(removed);
    }
    for (Index r = 0; r < current.rows(Table::kMembers); r += 97) {  // every id finds its row
      const auto found = current.Find(Table::kMembers, current.id(Table::kMembers, r));
      if (!found || *found != r) return "member row " + std::to_string(r) + " not found";
    }
  }
  for (std::size_t k = 0; k < kept.size(); ++k) {  // older versions keep their own rows
    const int inserted = static_cast<int>(k) * 1000 + 1;
    if (kept[k].Find(Table::kMembers, "chain-" + std::to_string(inserted))) {
      return "version " + std::to_string(k) + " finds a later member";
    }
    for (Index r = 0; r < kept[k].rows(Table::kMembers); ++r) {
      const auto found = kept[k].Find(Table::kMembers, kept[k].id(Table::kMembers, r));
      if (!found || *found != r) return "version " + std::to_string(k) + " lost a member";
    }
  }
  testing::TempDir dir;
  if (!current.Save(dir.path()).ok()) return "save failed";
  auto fresh = Network::Load(dir.path());
  if (!fresh.ok()) return fresh.status().ToString();
  return FirstDifference(Fingerprint(current), Fingerprint(*fresh));
}

// A long chain: patches and the id overlay pass their thresholds and are folded into new
// storage and a new index; the end state still answers as a fresh load, and every version
// on the way finds its own members.
TEST(LiveEditTest, LongChainsFoldPatchesAndIdsAndStillAgree) {
  EXPECT_EQ(RunMemberChain(5000), "");
}

// A long chain of territory edits: communities founded (each an org of a level whose listings
// are made whole), a grid and a unit in each, a unit moved now and then: the changed listings
// pass their threshold and are folded into a new territory core; the versions on the way and
// the last answer as fresh loads do.
TEST(LiveEditTest, LongChainsFoldListingsIntoANewCore) {
  auto loaded = Network::Load(ORGNET_TEST_DATA_DIR "/live1");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  Network current = *loaded;
  Index street = 0;
  while (current.org_kind(street) != OrgKind::kStreet) ++street;
  const std::string street_id(current.org_id(street));
  testing::TempDir dir;
  for (int i = 0; i < 1100; ++i) {
    const std::string n = std::to_string(i);
    EditBatch batch;
    batch.AddOrg("C-" + n, "社区" + n, "community", street_id);
    batch.Insert(Table::kGrids, {{"id", "G-" + n}, {"community", "C-" + n}});
    batch.Insert(Table::kUnits, {{"id", "U-" + n}, {"name", "单位"}, {"grid", "G-" + n}});
    if (i % 10 == 9) batch.Set(Table::kUnits, "U-" + std::to_string(i - 5), "grid", "G-" + n);
    ASSERT_TRUE(internal::EditInPlace(current, batch, {}, nullptr).has_value()) << i;
    auto next = current.Edit(batch);
    ASSERT_TRUE(next.ok()) << next.status();
    current = *std::move(next);
    if (i % 250 == 0 || i == 1099) {
      ASSERT_TRUE(current.Save(dir.path()).ok());
      auto fresh = Network::Load(dir.path());
      ASSERT_TRUE(fresh.ok()) << fresh.status();
      ASSERT_EQ(FirstDifference(Fingerprint(current), Fingerprint(*fresh)), "") << i;
    }
  }
  EXPECT_EQ(current.territory().units_in(*current.FindOrg("C-1099")).size(), 2u);  // U-1094 moved in
  EXPECT_EQ(current.territory().units_in(*current.FindOrg("C-1094")).size(), 0u);
}

// Mutation check: an in-place edit that forgets a change, or that treats org kind (which the
// hierarchy and territory index) as a plain cell, must be caught by the same comparison.
TEST(LiveEditTest, TheComparisonCatchesABrokenLiveEdit) {
  const std::string data = ORGNET_TEST_DATA_DIR;
  for (auto fault : {internal::LiveEditFault::kDropLastChange,
                     internal::LiveEditFault::kOrgKindAsPlain,
                     internal::LiveEditFault::kForgetAddedIds,
                     internal::LiveEditFault::kStaleHierarchy,
                     internal::LiveEditFault::kForgetListing,
                     internal::LiveEditFault::kForgetScopeIndex,
                     internal::LiveEditFault::kForgetOrgPlaces}) {
    internal::SetLiveEditFaultForTesting(fault);
    Outcome broken = RunRandomBatches(data + "/live1", 1, 200);
    if (broken.failure.empty()) broken.failure = RunMemberChain(50);
    if (broken.failure.empty()) {  // a community made a branch: its territory must follow
      auto net = Network::Load(data + "/live1");
      ASSERT_TRUE(net.ok());
      Index community = 0;
      while (net->org_kind(community) != OrgKind::kCommunity) ++community;
      EditBatch kind;
      kind.Set(Table::kOrgs, std::string(net->org_id(community)), "kind", "branch");
      broken.failure = RunOneBatch(data + "/live1", kind);
    }
    internal::SetLiveEditFaultForTesting(internal::LiveEditFault::kNone);
    EXPECT_NE(broken.failure, "") << "fault " << static_cast<int>(fault) << " went unnoticed";
    std::cout << "fault " << static_cast<int>(fault) << " caught: " << broken.failure.substr(0, 200)
              << "\n";
  }
  // And the fault-free runs pass.
  EXPECT_EQ(RunRandomBatches(data + "/live1", 1, 50).failure, "");
  EXPECT_EQ(RunMemberChain(50), "");
}

// An in-place batch reports the warnings a load gives for the rows it wrote, worded as the
// rebuild words them (which reports every row's).
TEST(LiveEditTest, InPlaceWarningsAreTheRebuildsForTheRowsWritten) {
  auto net = Network::Load(ORGNET_TEST_DATA_DIR "/fixture");
  ASSERT_TRUE(net.ok()) << net.status();
  EditBatch batch;
  batch.Insert(Table::kMembers, {{"id", "M9"}, {"status", "formal"}, {"org", "B1"},
                                 {"community", "S1"}});  // S1 is a street
  batch.Set(Table::kStaff, std::string(net->id(Table::kStaff, 0)), "role", "gardener");
  ASSERT_TRUE(internal::EditInPlace(*net, batch, {}, nullptr).has_value());
  LoadReport live, rebuilt;
  ASSERT_TRUE(net->Edit(batch, {}, &live).ok());
  ASSERT_TRUE(NetworkBuilder::FromNetwork(*net).Apply(batch, {}, &rebuilt).ok());
  ASSERT_EQ(live.warnings.size(), 2u);
  for (const Diagnostic& w : live.warnings) {
    bool found = false;
    for (const Diagnostic& r : rebuilt.warnings) found = found || r.ToString() == w.ToString();
    EXPECT_TRUE(found) << w.ToString();
  }
}

// An event closed (resolved and level set) or re-dated is in place (issue 25: nine in ten of a
// city's daily changes are events), its rule kept on the final values: resolved before
// reported goes to the rebuild, which refuses it with the load's message.
TEST(LiveEditTest, EventDatesAreSetInPlaceAndKeepTheirRule) {
  auto net = Network::Load(ORGNET_EXAMPLES_DIR "/district");
  ASSERT_TRUE(net.ok()) << net.status();
  const Index e = *net->Find(Table::kEvents, "E000000001");  // reported 2025-08-21
  EditBatch close;
  close.Set(Table::kEvents, "E000000001", "resolved", "2025-09-01")
      .Set(Table::kEvents, "E000000001", "level", "street");
  ASSERT_TRUE(internal::EditInPlace(*net, close, {}, nullptr).has_value());
  auto closed = net->Edit(close);
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_EQ(closed->CellText(Table::kEvents, e, col::kEventResolved), "2025-09-01");
  EXPECT_EQ(closed->CellText(Table::kEvents, e, col::kEventResolved),
            NetworkBuilder::FromNetwork(*net).Apply(close)->CellText(Table::kEvents, e,
                                                                     col::kEventResolved));
  // Moving reported past resolved in the same batch that moves resolved later is fine.
  EditBatch both;
  both.Set(Table::kEvents, "E000000001", "reported", "2025-08-25")
      .Set(Table::kEvents, "E000000001", "resolved", "2025-08-26");
  EXPECT_TRUE(internal::EditInPlace(*net, both, {}, nullptr).has_value());
  // Resolved before reported: not in place, and refused as the rebuild refuses it.
  EditBatch early;
  early.Set(Table::kEvents, "E000000001", "resolved", "2025-08-20");
  EXPECT_FALSE(internal::EditInPlace(*net, early, {}, nullptr).has_value());
  auto refused = net->Edit(early);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(),
            NetworkBuilder::FromNetwork(*net).Apply(early).status().message());
  EXPECT_NE(refused.status().message().find("resolved 2025-08-20 is before reported 2025-08-21"),
            std::string::npos)
      << refused.status();
}

// An event reported (inserted) is in place: appended, found by id, counted by the events
// analysis as a load counts it; a duplicate id or dates out of order go to the rebuild, which
// refuses them with the load's message.
TEST(LiveEditTest, AnEventReportedIsInsertedInPlace) {
  auto net = Network::Load(ORGNET_EXAMPLES_DIR "/district");
  ASSERT_TRUE(net.ok()) << net.status();
  EditBatch report;
  report.Insert(Table::kEvents, {{"id", "E-new-1"}, {"grid", "G0000001"}, {"category", "repair"},
                                 {"reported", "2026-06-30"}});
  ASSERT_TRUE(internal::EditInPlace(*net, report, {}, nullptr).has_value());
  auto reported = net->Edit(report);
  ASSERT_TRUE(reported.ok()) << reported.status();
  auto rebuilt = NetworkBuilder::FromNetwork(*net).Apply(report);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status();
  ASSERT_EQ(reported->rows(Table::kEvents), net->rows(Table::kEvents) + 1);
  const Index row = *reported->Find(Table::kEvents, "E-new-1");
  EXPECT_EQ(row, net->rows(Table::kEvents));
  for (int c = 0; c < reported->column_count(Table::kEvents); ++c) {
    EXPECT_EQ(reported->CellText(Table::kEvents, row, c), rebuilt->CellText(Table::kEvents, row, c));
  }
  EXPECT_FALSE(net->Find(Table::kEvents, "E-new-1"));  // the old version is untouched
  // Closed in the next version, in place too.
  EditBatch close;
  close.Set(Table::kEvents, "E-new-1", "resolved", "2026-06-30");
  EXPECT_TRUE(internal::EditInPlace(*reported, close, {}, nullptr).has_value());
  for (auto bad : {std::vector<Cell>{{"id", "E000000001"}, {"grid", "G0000001"},
                                     {"category", "repair"}, {"reported", "2026-06-30"}},
                   std::vector<Cell>{{"id", "E-new-2"}, {"grid", "G0000001"}, {"category", "repair"},
                                     {"reported", "2026-06-30"}, {"resolved", "2026-06-01"}}}) {
    EditBatch batch;
    batch.Insert(Table::kEvents, bad);
    EXPECT_FALSE(internal::EditInPlace(*net, batch, {}, nullptr).has_value());
    auto refused = net->Edit(batch);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().message(),
              NetworkBuilder::FromNetwork(*net).Apply(batch).status().message());
  }
}

// Applies @p batch, which must go in place, and checks the new version against the rebuild of
// the same batch: every answer (the fingerprint) and every warning, worded alike. Returns the
// new version (@p current again when it could not be made, after a failure is recorded).
Network InPlaceLikeTheRebuild(const Network& current, const EditBatch& batch, int round,
                              std::size_t* warnings = nullptr) {
  EXPECT_TRUE(internal::EditInPlace(current, batch, {}, nullptr).has_value()) << round;
  LoadReport live_report, rebuilt_report;
  auto live = current.Edit(batch, {}, &live_report);
  auto rebuilt = NetworkBuilder::FromNetwork(current).Apply(batch, {}, &rebuilt_report);
  EXPECT_TRUE(live.ok()) << live.status();
  EXPECT_TRUE(rebuilt.ok()) << rebuilt.status();
  if (!live.ok() || !rebuilt.ok()) return current;
  EXPECT_EQ(FirstDifference(Fingerprint(*live), Fingerprint(*rebuilt)), "") << round;
  for (const Diagnostic& w : live_report.warnings) {
    bool found = false;
    for (const Diagnostic& r : rebuilt_report.warnings) found = found || r.ToString() == w.ToString();
    EXPECT_TRUE(found) << w.ToString();
  }
  if (warnings != nullptr) *warnings = live_report.warnings.size();
  return *std::move(live);
}

// Members transferred (组织关系转接): a member's organization, unit, community and station set,
// with the other references only the analyses read (a unit's org, an event's grid, ...), in place, a chain of versions each equal to the rebuild of the same batch (places, unknown
// counts, every analysis: the fingerprint), the members unattached now and then.
TEST(LiveEditTest, MemberTransfersAreInPlaceAndAgreeWithTheRebuild) {
  auto loaded = Network::Load(ORGNET_EXAMPLES_DIR "/district");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  Network current = *std::move(loaded);
  std::mt19937 rng(25);
  auto pick = [&](Table table) {
    return std::string(current.id(table, static_cast<Index>(rng() % current.rows(table))));
  };
  std::vector<std::string> communities, stations;
  for (Index o = 0; o < current.org_count(); ++o) {
    if (current.org_kind_text(o) == "community") communities.emplace_back(current.org_id(o));
  }
  for (int round = 0; round < 12; ++round) {
    EditBatch batch;
    for (int k = 0; k < 4; ++k) {
      const std::string member = pick(Table::kMembers);
      batch.Set(Table::kMembers, member, "org", rng() % 8 ? pick(Table::kOrgs) : "");
      batch.Set(Table::kMembers, member, "unit", rng() % 3 ? "" : pick(Table::kUnits));
      // A community that is sometimes not one (the load's warning).
      batch.Set(Table::kMembers, member, "community",
                rng() % 4 ? communities[rng() % communities.size()] : pick(Table::kOrgs));
    }
    // A unit given to another organization, an event moved to another grid, a need's and a
    // centre's organization and a centre's grid changed: read by the analyses only.
    batch.Set(Table::kUnits, pick(Table::kUnits), "org", rng() % 5 ? pick(Table::kOrgs) : "");
    batch.Set(Table::kEvents, pick(Table::kEvents), "grid", pick(Table::kGrids));
    batch.Set(Table::kNeeds, pick(Table::kNeeds), "org", pick(Table::kOrgs));
    batch.Set(Table::kCentres, pick(Table::kCentres), "org", pick(Table::kOrgs));
    batch.Set(Table::kCentres, pick(Table::kCentres), "grid", pick(Table::kGrids));
    current = InPlaceLikeTheRebuild(current, batch, round);
  }
  // An unknown organization: not in place; refused as the rebuild refuses it.
  EditBatch unknown;
  unknown.Set(Table::kMembers, pick(Table::kMembers), "org", "NO-SUCH-ORG");
  EXPECT_FALSE(internal::EditInPlace(current, unknown, {}, nullptr).has_value());
  auto refused = current.Edit(unknown);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(),
            NetworkBuilder::FromNetwork(current).Apply(unknown).status().message());
}

// A need or a resource listed, a centre opened, an event reported: rows of the tables that
// feed no index are appended in place, alone or together, and every answer (matching, reach,
// events: the fingerprint) is the rebuild's.
TEST(LiveEditTest, LeafRowsAreInsertedInPlaceAndAgreeWithTheRebuild) {
  auto loaded = Network::Load(ORGNET_EXAMPLES_DIR "/district");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  Network current = *std::move(loaded);
  const std::string org(current.org_id(100)), grid(current.id(Table::kGrids, 5));
  for (int round = 0; round < 4; ++round) {
    const std::string n = std::to_string(round);
    EditBatch batch;
    batch.Insert(Table::kNeeds, {{"id", "N-new-" + n}, {"org", org}, {"category", "venue"},
                                 {"amount", "3"}});
    if (round != 1) {
      batch.Insert(Table::kResources, {{"id", "R-new-" + n}, {"org", org}, {"category", "venue"},
                                       {"amount", "2"}});
    }
    if (round >= 2) {
      batch.Insert(Table::kCentres, {{"id", "C-new-" + n}, {"name", "新中心"}, {"org", org},
                                     {"grid", grid}, {"functions", "meeting;library"}});
      batch.Insert(Table::kEvents, {{"id", "E-new-" + n}, {"grid", grid}, {"category", "repair"},
                                    {"reported", "2026-06-01"}, {"level", "nowhere"}});
    }
    std::size_t warnings = 0;
    current = InPlaceLikeTheRebuild(current, batch, round, &warnings);
    EXPECT_EQ(warnings, round >= 2 ? 1u : 0u);  // the unknown event level
  }
  // A duplicate id in one batch, and a need of an unknown organization: the rebuild refuses.
  EditBatch twice;
  twice.Insert(Table::kNeeds, {{"id", "N-x"}, {"org", org}, {"category", "venue"}, {"amount", "1"}})
      .Insert(Table::kNeeds, {{"id", "N-x"}, {"org", org}, {"category", "venue"}, {"amount", "1"}});
  EditBatch stranger;
  stranger.Insert(Table::kNeeds, {{"id", "N-y"}, {"org", "NO-SUCH"}, {"category", "venue"},
                                  {"amount", "1"}});
  for (const EditBatch* batch : {&twice, &stranger}) {
    EXPECT_FALSE(internal::EditInPlace(current, *batch, {}, nullptr).has_value());
    auto refused = current.Edit(*batch);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().message(),
              NetworkBuilder::FromNetwork(current).Apply(*batch).status().message());
  }
}

// Removals of one table in place: events, needs and centres by id, links by identity (a link
// removed), each a chain of versions equal to the rebuild of the same batch (rows moved as
// the rebuild moves them, ids found, every answer: the fingerprint).
TEST(LiveEditTest, RemovalsOfOneTableAreInPlaceAndAgreeWithTheRebuild) {
  auto loaded = Network::Load(ORGNET_EXAMPLES_DIR "/district");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  Network current = *std::move(loaded);
  std::mt19937 rng(26);
  for (int round = 0; round < 8; ++round) {
    const Table table = round % 4 == 0   ? Table::kEvents
                        : round % 4 == 1 ? Table::kNeeds
                        : round % 4 == 2 ? Table::kCentres
                                         : Table::kLinks;
    EditBatch batch;
    std::set<Index> chosen;
    while (chosen.size() < 3) chosen.insert(static_cast<Index>(rng() % current.rows(table)));
    for (const Index r : chosen) {
      if (table == Table::kLinks) {
        batch.RemoveLink(std::string(current.text(table, r, col::kLinkA)),
                         std::string(current.text(table, r, col::kLinkB)),
                         std::string(current.text(table, r, col::kLinkKind)),
                         current.CellText(table, r, col::kLinkSince));
      } else {
        batch.Remove(table, std::string(current.id(table, r)));
      }
    }
    const Index before = current.rows(table);
    current = InPlaceLikeTheRebuild(current, batch, round);
    EXPECT_EQ(current.rows(table), before - 3);
  }
  // Edits that name no row (a link that is not there, an unknown id, a row past the end, a
  // row named the other way): refused in place, in the rebuild's words and status, without
  // the rebuild (which a country-sized network could not afford for a stale id).
  EditBatch missing_link, unknown_id, past_end, by_number, rename_unknown;
  missing_link.RemoveLink(std::string(current.org_id(0)), std::string(current.org_id(1)),
                          "pairing", "1999-01-01");
  unknown_id.Set(Table::kMembers, std::string(current.id(Table::kMembers, 0)), "name", "x")
      .Remove(Table::kEvents, "NO-SUCH-EVENT");
  past_end.RemoveRow(Table::kLinks, 0).SetRow(Table::kLinks, current.rows(Table::kLinks),
                                               "kind", "pairing");
  by_number.RemoveRow(Table::kMembers, 0);
  rename_unknown.Rename(Table::kOrgs, "NO-SUCH-ORG", "X");
  for (const EditBatch* batch : {&missing_link, &unknown_id, &past_end, &by_number,
                                 &rename_unknown}) {
    auto in_place = internal::EditInPlace(current, *batch, {}, nullptr);
    ASSERT_TRUE(in_place.has_value()) << batch->Describe(0);
    ASSERT_FALSE(in_place->ok());
    const absl::Status rebuilt = NetworkBuilder::FromNetwork(current).Apply(*batch).status();
    EXPECT_EQ(in_place->status(), rebuilt);
    auto refused = current.Edit(*batch);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status(), rebuilt);
  }
}

}  // namespace
}  // namespace orgnet
