// Progress handlers (orgnet/progress.h, orgnet_set_progress_handler): every long call reports
// on the calling thread, ends with done == total, gives the same answer as without a handler,
// and stops with CANCELLED (producing nothing) when the handler says so, at any report.
#include <atomic>
#include <cmath>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "capi/handles.h"
#include "gtest/gtest.h"
#include "orgnet/centres.h"
#include "orgnet/cobuild.h"
#include "orgnet/coverage.h"
#include "orgnet/matching.h"
#include "orgnet/network.h"
#include "orgnet/orgnet.h"
#include "orgnet/progress.h"
#include "test_util.h"

namespace orgnet {
namespace {

const std::string kDistrict = ORGNET_TEST_DATA_DIR "/../../examples/district";

// What a load gave, without running an analysis (which would report under its own name).
std::string Shape(const Network& net) {
  std::string out;
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    out += std::to_string(net.rows(table)) + ",";
    if (net.rows(table) > 0) out += net.CellText(table, net.rows(table) - 1, 0) + ";";
  }
  return out + std::to_string(net.hierarchy().max_depth());
}

// Records the reports; stops at report number `stop_at` (0: never; -1: the final report,
// done == total, whatever its number: a load's count of reports depends on which thread read
// which chunk).
struct Recorder {
  std::vector<ProgressReport> reports;
  std::vector<std::string> works;
  std::vector<std::thread::id> threads;
  int stop_at = 0;
  ProgressHandler Handler() {
    return [this](const ProgressReport& r) {
      reports.push_back(r);
      works.emplace_back(r.work);
      threads.push_back(std::this_thread::get_id());
      if (stop_at == -1) return r.done != r.total;
      return stop_at == 0 || static_cast<int>(reports.size()) < stop_at;
    };
  }
  void ExpectFinishedOnThisThread(std::string_view work) const {
    ASSERT_FALSE(reports.empty()) << work;
    EXPECT_EQ(works.back(), work);
    EXPECT_EQ(reports.back().done, reports.back().total) << work;
    for (std::size_t i = 0; i < reports.size(); ++i) {
      EXPECT_EQ(threads[i], std::this_thread::get_id()) << work;
      if (i > 0) {
        EXPECT_GE(reports[i].done, reports[i - 1].done) << work;
      }
    }
  }
};

// Every long call, under a handler that never stops it (interval 0: a report at every step)
// and under none: the same answers; then stopped at the first, second and last report.
TEST(ProgressTest, EveryLongCallReportsAndStops) {
  auto plain = Network::Load(kDistrict);
  ASSERT_TRUE(plain.ok()) << plain.status();
  const Network& net = *plain;
  auto graph = LinkGraph::Build(net);
  ASSERT_TRUE(graph.ok());
  auto reach = CentreReach::Compute(net);
  ASSERT_TRUE(reach.ok());
  const Index some_org = *net.FindOrg(net.org_id(net.org_count() / 2));

  struct Call {
    std::string work;
    std::function<absl::Status(std::string* answer)> run;  // fills a fingerprint of the answer
  };
  testing::TempDir dir;
  const std::string snapshot = dir.path() + "/district.orgnet";
  ASSERT_TRUE(net.SaveSnapshot(snapshot).ok());
  const std::vector<Call> calls = {
      {"load",
       [&](std::string* out) {
         auto loaded = Network::Load(kDistrict);
         if (loaded.ok()) *out = Shape(*loaded);
         return loaded.status();
       }},
      {"snapshot",
       [&](std::string* out) {
         auto opened = Network::OpenSnapshot(snapshot);
         if (opened.ok()) *out = Shape(*opened);
         return opened.status();
       }},
      {"coverage",
       [&](std::string* out) {
         auto report = CoverageReport::Compute(net);
         if (report.ok()) {
           *out = std::to_string(report->findings().size());
           for (const auto& u : report->unit_coverage()) *out += std::to_string(static_cast<int>(u));
         }
         return report.status();
       }},
      {"betweenness",
       [&](std::string* out) {
         auto scores = graph->ComputeBetweenness({.samples = 300, .seed = 5});
         if (scores.ok()) {
           for (double s : *scores) *out += std::to_string(s) + ",";
         }
         return scores.status();
       }},
      {"matching",
       [&](std::string* out) {
         auto m = Matching::Compute(net);
         if (m.ok()) *out = std::to_string(m->total()) + "/" + std::to_string(m->allocations().size());
         return m.status();
       }},
      {"suggest",
       [&](std::string* out) {
         auto s = graph->Suggest(some_org, 10);
         if (s.ok()) {
           for (const auto& x : *s) *out += std::to_string(x.org) + ":" + std::to_string(x.score) + ",";
         }
         return s.status();
       }},
      {"siting",
       [&](std::string* out) {
         auto s = reach->ComputeSite(5);
         if (s.ok()) {
           for (const auto& x : *s) *out += std::to_string(x.grid) + ",";
         }
         return s.status();
       }},
  };
  for (const Call& call : calls) {
    SCOPED_TRACE(call.work);
    std::string without, with;
    ASSERT_TRUE(call.run(&without).ok());
    ASSERT_FALSE(without.empty());
    Recorder all;
    std::size_t reports = 0;
    {
      ProgressScope scope(all.Handler(), std::chrono::milliseconds(0));
      ASSERT_TRUE(call.run(&with).ok());
      all.ExpectFinishedOnThisThread(call.work);
      reports = all.reports.size();
    }
    EXPECT_EQ(with, without);
    ASSERT_GE(reports, 2u);  // at least one report before the final one
    for (int stop : {1, 2, -1}) {
      Recorder stopping;
      stopping.stop_at = stop;
      ProgressScope scope(stopping.Handler(), std::chrono::milliseconds(0));
      std::string partial;
      const absl::Status status = call.run(&partial);
      EXPECT_EQ(status.code(), absl::StatusCode::kCancelled) << stop << " " << status;
      EXPECT_EQ(status.message(), call.work + " cancelled by the progress handler");
      EXPECT_TRUE(partial.empty()) << stop;
      // Nothing is reported after the stop.
      if (stop > 0) {
        EXPECT_EQ(stopping.reports.size(), static_cast<std::size_t>(stop));
      } else {
        ASSERT_FALSE(stopping.reports.empty());
        EXPECT_EQ(stopping.reports.back().done, stopping.reports.back().total);
      }
    }
  }
  // Outside a scope nothing is called; Betweenness (without Compute) never reports.
  Recorder none;
  {
    ProgressScope scope(none.Handler(), std::chrono::milliseconds(0));
    (void)graph->Betweenness({.samples = 50, .seed = 1});
  }
  EXPECT_TRUE(none.reports.empty());
}

// A save reports while it writes; a stop before the rename leaves no file (whether the stop
// comes before the rename depends on the disk's speed, so both outcomes are checked whole).
TEST(ProgressTest, SnapshotSaveReportsAndAStopLeavesNoFile) {
  auto net = Network::Load(kDistrict);
  ASSERT_TRUE(net.ok());
  testing::TempDir dir;
  const std::string plain = dir.path() + "/plain.orgnet", watched = dir.path() + "/w.orgnet";
  ASSERT_TRUE(net->SaveSnapshot(plain).ok());
  Recorder all;
  {
    ProgressScope scope(all.Handler(), std::chrono::milliseconds(0));
    ASSERT_TRUE(net->SaveSnapshot(watched).ok());
  }
  all.ExpectFinishedOnThisThread("snapshot");
  EXPECT_EQ(Shape(*Network::OpenSnapshot(watched)), Shape(*Network::OpenSnapshot(plain)));
  for (int attempt = 0; attempt < 5; ++attempt) {
    const std::string path = dir.path() + "/stopped" + std::to_string(attempt) + ".orgnet";
    Recorder stopping;
    stopping.stop_at = 1;
    absl::Status status;
    {
      ProgressScope scope(stopping.Handler(), std::chrono::milliseconds(0));
      status = net->SaveSnapshot(path);
    }
    if (status.ok()) {  // written before the first report came: the file is whole
      EXPECT_EQ(Shape(*Network::OpenSnapshot(path)), Shape(*net));
    } else {
      EXPECT_EQ(status.code(), absl::StatusCode::kCancelled) << status;
      EXPECT_FALSE(std::filesystem::exists(path));
    }
  }
  // No temporary file is left behind in any case.
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    EXPECT_NE(entry.path().filename().string().front(), '.') << entry.path();
    ++files;
  }
  EXPECT_GE(files, 2u);
}

TEST(ProgressTest, ExactBetweennessOneSourceAtATimeEqualsBoost) {
  auto net = Network::Load(kDistrict);
  ASSERT_TRUE(net.ok());
  auto graph = LinkGraph::Build(*net);
  ASSERT_TRUE(graph.ok());
  const std::vector<double> boost = graph->Betweenness();
  auto mine = graph->ComputeBetweenness();
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), boost.size());
  double largest = 0;
  for (std::size_t i = 0; i < boost.size(); ++i) {
    EXPECT_NEAR((*mine)[i], boost[i], 1e-9 * std::max(1.0, boost[i])) << i;
    largest = std::max(largest, boost[i]);
  }
  EXPECT_GT(largest, 1000);  // the district's brokers: the comparison is not of zeros
}

struct CState {
  int calls = 0;
  int stop_at = 0;
  std::string last_work;
};

int CHandler(void* context, const char* work, uint64_t, uint64_t) {
  auto* state = static_cast<CState*>(context);
  ++state->calls;
  state->last_work = work;
  return state->stop_at != 0 && state->calls >= state->stop_at;
}

TEST(ProgressTest, CApiHandlerAndCancelled) {
  orgnet_network* net = nullptr;
  ASSERT_EQ(orgnet_network_load(&net, kDistrict.data(), kDistrict.size(), nullptr, nullptr),
            ORGNET_OK);
  orgnet_links* links = nullptr;
  ASSERT_EQ(orgnet_links_build(&links, net, nullptr), ORGNET_OK);
  EXPECT_EQ(orgnet_set_progress_handler(CHandler, nullptr, 101), ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "interval_ms is 101; it is 1 to 100 (0: 50)");
  CState state;
  ASSERT_EQ(orgnet_set_progress_handler(CHandler, &state, 1), ORGNET_OK);
  double* scores = nullptr;
  size_t count = 0;
  ASSERT_EQ(orgnet_links_betweenness(&scores, &count, links, 200, 1), ORGNET_OK);
  EXPECT_GE(state.calls, 1);
  EXPECT_EQ(state.last_work, "betweenness");
  orgnet_free(scores);
  state = CState{0, 1, ""};
  scores = nullptr;
  EXPECT_EQ(orgnet_links_betweenness(&scores, &count, links, 200, 1), ORGNET_CANCELLED);
  EXPECT_STREQ(orgnet_last_error(), "betweenness cancelled by the progress handler");
  EXPECT_EQ(scores, nullptr);  // nothing handed out
  orgnet_network* loaded = nullptr;
  state = CState{0, 1, ""};
  EXPECT_EQ(orgnet_network_load(&loaded, kDistrict.data(), kDistrict.size(), nullptr, nullptr),
            ORGNET_CANCELLED);
  EXPECT_EQ(loaded, nullptr);
  EXPECT_EQ(state.last_work, "load");
  // Removed: calls run to the end and the handler is not called.
  ASSERT_EQ(orgnet_set_progress_handler(nullptr, nullptr, 0), ORGNET_OK);
  state = CState{0, 1, ""};
  ASSERT_EQ(orgnet_links_betweenness(&scores, &count, links, 200, 1), ORGNET_OK);
  EXPECT_EQ(state.calls, 0);
  orgnet_free(scores);
  // Another thread's handler does not reach this thread's calls.
  std::thread other([] {
    static CState elsewhere{0, 1, ""};
    orgnet_set_progress_handler(CHandler, &elsewhere, 0);
  });
  other.join();
  ASSERT_EQ(orgnet_links_betweenness(&scores, &count, links, 200, 1), ORGNET_OK);
  orgnet_free(scores);
  orgnet_links_free(links);
  orgnet_network_free(net);
}

}  // namespace
}  // namespace orgnet
