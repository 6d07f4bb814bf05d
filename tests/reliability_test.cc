// Issue 9: the cases a fuzzer and hostile inputs found, each checked against an answer worked
// out by hand or by a slow obvious computation.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <climits>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "add_row.h"
#include "gtest/gtest.h"
#include "base/date.h"
#include "base/fault_injection.h"
#include "orgnet/builder.h"
#include "orgnet/centres.h"
#include "orgnet/coverage.h"
#include "orgnet/events.h"
#include "orgnet/haves.h"
#include "orgnet/matching.h"
#include "orgnet/network.h"
#include "orgnet/orgnet.h"
#include "test_util.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define ORGNET_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define ORGNET_SANITIZED 1
#endif
#endif

namespace orgnet {
namespace {

using testing::Files;
using testing::TempDir;

std::string Quoted(const std::string& cell) {
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

// ---------------------------------------------------------------- 1. quoted fields

TEST(QuotedFields, TheIssuesRecordLoadsWithItsIds) {
  TempDir dir;
  testing::WriteFiles(dir.path(), {{"orgs.csv", "\"id\",\"name\",\"kind\"\n"
                                                "\"A\",\"bb\",\"0123456789abcdefXYZ\"\n"
                                                "\"O1\",\"x, \"\"y\"\"\",\"street\"\n"}});
  auto net = Network::Load(dir.path());
  ASSERT_TRUE(net.ok()) << net.status();
  ASSERT_EQ(net->org_count(), 2u);
  EXPECT_EQ(net->org_id(0), "A");
  EXPECT_EQ(net->org_name(0), "bb");
  EXPECT_EQ(net->org_kind_text(0), "0123456789abcdefXYZ");
  EXPECT_EQ(net->org_id(1), "O1");
  EXPECT_EQ(net->org_name(1), "x, \"y\"");
  EXPECT_TRUE(net->FindOrg("O1").has_value());
}

// Every record has many quoted cells of every length (0 to 300 bytes, some with doubled
// quotes, commas and line breaks), in every position; each must read back as written.
TEST(QuotedFields, ManyQuotedCellsOfAnyLengthReadBackExactly) {
  std::mt19937 random(7);
  const int columns = 40, rows = 60;
  std::vector<std::vector<std::string>> cells(rows + 1, std::vector<std::string>(columns));
  std::string text;
  for (int r = 0; r <= rows; ++r) {
    for (int c = 0; c < columns; ++c) {
      std::string cell;
      if (r == 0) {
        cell = c == 0 ? "id" : c == 1 ? "name" : c == 2 ? "kind" : "c" + std::to_string(c);
      } else if (c == 0) {
        cell = "R" + std::to_string(r);
      } else if (c == 2) {
        cell = "street";
      } else {
        cell = c == 1 ? "n" : "";
        const int length = static_cast<int>(random() % 301);
        for (int i = 0; i < length; ++i) cell.push_back("ab\",\n xyz;"[random() % 10]);
      }
      cells[r][c] = cell;
      const bool plain = cell.find_first_of(",\"\n") == std::string::npos && random() % 4 == 0;
      text += (c ? "," : "") + (plain ? cell : Quoted(cell));
    }
    text += r % 2 ? "\r\n" : "\n";
  }
  TempDir dir;
  testing::WriteFiles(dir.path(), {{"orgs.csv", text}});
  auto net = Network::Load(dir.path());
  ASSERT_TRUE(net.ok()) << net.status();
  ASSERT_EQ(net->org_count(), static_cast<Index>(rows));
  ASSERT_EQ(net->column_count(Table::kOrgs), 6 + columns - 3);  // format columns + extras
  for (int c = 0; c < columns; ++c) {
    const auto column = net->FindColumn(Table::kOrgs, cells[0][c]);
    ASSERT_TRUE(column.has_value()) << cells[0][c];
    for (int r = 0; r < rows; ++r) {
      ASSERT_EQ(net->text(Table::kOrgs, r, *column), cells[r + 1][c]) << r << "," << c;
    }
  }
}

// ---------------------------------------------------------------- 2. UTF-8 everywhere

TEST(Utf8, BuilderAndEditValuesAndNamesAreChecked) {
  NetworkBuilder builder;
  AddRowOrFail(builder, Table::kOrgs, {{"id", "A"}, {"name", "ok"}, {"kind", "street"}});
  ASSERT_TRUE(builder.Build().ok());
  NetworkBuilder bad_value = builder;
  AddRowOrFail(bad_value, Table::kOrgs, {{"id", "B"}, {"name", "b\xff"}, {"kind", "street"}});
  auto built = bad_value.Build();
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.status().message(),
            "orgs.csv row 2: column name: invalid UTF-8 (byte 0xFF) at byte 1");
  NetworkBuilder bad_name = builder;
  // A column name that is not text: refused by AddRow as unknown, and once added with
  // AddColumn, by the build's check of the header.
  EXPECT_EQ(bad_name.AddRow(Table::kOrgs, {{"id", "C"}, {"n\xc3", "x"}}).code(),
            absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(bad_name.AddColumn(Table::kOrgs, "n\xc3").ok());
  AddRowOrFail(bad_name, Table::kOrgs, {{"id", "C"}, {"name", "c"}, {"kind", "street"}, {"n\xc3", "x"}});
  built = bad_name.Build();
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.status().message(),
            "orgs.csv: column 4 of the header: invalid UTF-8 (byte 0xC3) at byte 1");
  NetworkBuilder nul = builder;
  nul.SetManifest("note", std::string("a\0b", 3));
  EXPECT_EQ(nul.Build().status().code(), absl::StatusCode::kInvalidArgument);

  auto net = builder.Build();
  EditBatch batch;
  batch.Set(Table::kOrgs, "A", "name", "\xed\xa0\x80");  // a UTF-16 surrogate
  auto edited = net->Edit(batch);
  ASSERT_FALSE(edited.ok());
  EXPECT_NE(std::string(edited.status().message()).find("invalid UTF-8 (byte 0xED)"),
            std::string::npos)
      << edited.status();
  // The message about an unknown id never carries invalid bytes.
  EditBatch missing;
  missing.Remove(Table::kOrgs, "\xff\xfe");
  auto failed = net->Edit(missing);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().message(), "edit 1 (remove orgs.csv id \"\\xFF\\xFE\"): no row with id \"\\xFF\\xFE\" in "
            "orgs.csv");
}

TEST(Utf8, CAbiTextArgumentsAreChecked) {
  orgnet_network* net = nullptr;
  const std::string folder = ORGNET_TEST_DATA_DIR "/fixture";
  ASSERT_EQ(orgnet_network_load(&net, folder.data(), folder.size(), nullptr, nullptr), ORGNET_OK);
  std::uint32_t row = 0;
  EXPECT_EQ(orgnet_network_find(&row, net, ORGNET_TABLE_ORGS, "C1\xff", 3),
            ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "id: invalid UTF-8 (byte 0xFF) at byte 2");
  orgnet_edit_batch* batch = nullptr;
  ASSERT_EQ(orgnet_edit_batch_new(&batch), ORGNET_OK);
  EXPECT_EQ(orgnet_edit_set(batch, ORGNET_TABLE_ORGS, "C1", 2, "name", 4, "\x80", 1),
            ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "value: invalid UTF-8 (byte 0x80) at byte 0");
  EXPECT_EQ(orgnet_edit_add_column(batch, ORGNET_TABLE_ORGS, "p\xff", 2), ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "column: invalid UTF-8 (byte 0xFF) at byte 1");
  EXPECT_EQ(orgnet_edit_set_row(batch, ORGNET_TABLE_FUNDS, 0, "amount", 6, "1\xc0", 2),
            ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "value: invalid UTF-8 (byte 0xC0) at byte 1");
  std::size_t size = 99;
  ASSERT_EQ(orgnet_edit_batch_size(&size, batch), ORGNET_OK);
  EXPECT_EQ(size, 0u);  // nothing was added
  orgnet_edit_batch_free(batch);
  EXPECT_EQ(orgnet_network_load(&net, "a\0b", 3, nullptr, nullptr), ORGNET_INVALID_ARGUMENT);
  orgnet_network_free(net);
}

// Text of every kind, saved and loaded back, is the same network.
TEST(Utf8, LoadSaveLoadKeepsEveryCell) {
  TempDir dir;
  testing::WriteFiles(dir.path(),
                      {{"orgs.csv", "id,name,kind,note\nA,\"街道, \"\"一\"\"\",street,\"two\nlines\"\n"
                                    "B,\xf0\x9f\x98\x80,community,\r\nC,\" lead\",unit,x\n"}});
  auto first = Network::Load(dir.path());
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(first->Save(dir.sub("saved")).ok());
  auto second = Network::Load(dir.sub("saved"));
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_EQ(second->org_count(), 3u);
  for (Index r = 0; r < 3; ++r) {
    for (int c = 0; c < first->column_count(Table::kOrgs); ++c) {
      EXPECT_EQ(first->CellText(Table::kOrgs, r, c), second->CellText(Table::kOrgs, r, c));
    }
  }
  EXPECT_EQ(second->org_name(0), "街道, \"一\"");
}

// ---------------------------------------------------------------- 3. integers and sums

TEST(Integers, SumsOfCappedValuesAreExact) {
  NetworkBuilder b;
  AddRowOrFail(b, Table::kOrgs, {{"id", "S"}, {"name", "s"}, {"kind", "street"}});
  AddRowOrFail(b, Table::kOrgs, {{"id", "C"}, {"name", "c"}, {"kind", "community"}, {"parent", "S"}});
  const std::string max = "2147483647";
  for (int i = 0; i < 3; ++i) {
    const std::string n = std::to_string(i);
    AddRowOrFail(b, Table::kNeeds, {{"id", "N" + n}, {"org", "C"}, {"category", "venue"}, {"amount", max}});
    AddRowOrFail(b, Table::kResources,
             {{"id", "R" + n}, {"org", "S"}, {"category", "venue"}, {"amount", max}});
    AddRowOrFail(b, Table::kGrids, {{"id", "G" + n}, {"community", "C"}, {"households", max}});
    AddRowOrFail(b, Table::kFunds, {{"org", "C"}, {"source", "dues"}, {"amount", max}, {"year", "2026"}});
  }
  b.SetManifest("as_of", "2026-06-30");
  auto net = b.Build();
  ASSERT_TRUE(net.ok()) << net.status();
  const std::int64_t three = 3 * std::int64_t{2147483647};
  MatchRules rules;
  rules.scope = MatchScope::kSameStreet;
  auto matching = Matching::Compute(*net, rules);
  ASSERT_TRUE(matching.ok());
  EXPECT_EQ(matching->needed(), three);
  EXPECT_EQ(matching->offered(), three);
  EXPECT_EQ(matching->total(), three);
  auto haves = ThreeHaves::Compute(*net);
  ASSERT_TRUE(haves.ok());
  ASSERT_EQ(haves->communities().size(), 1u);
  EXPECT_EQ(haves->communities()[0].funds.total(), three);
  auto reach = CentreReach::Compute(*net);
  auto district = reach->RollUp(RollUp::kStreet);
  ASSERT_TRUE(district.ok());
  ASSERT_EQ(district->size(), 1u);
  EXPECT_EQ((*district)[0].households, three);
}

// ---------------------------------------------------------------- 4. dates and parameters

// MonthsBefore against its definition (the latest d with CalendarMonthsBetween(d, date) >=
// months), searched day by day, at the ends of the calendar.
TEST(Dates, MonthsBeforeMatchesItsDefinitionAtTheEdges) {
  for (const char* text : {"0001-01-01", "0001-03-31", "0002-02-28", "2024-02-29", "9999-12-31"}) {
    const Date date = *ParseDate(text);
    for (int months : {0, 1, 2, 11, 12, 13, 25}) {
      Date expected = kMinDate - 1;  // none
      for (Date d = date; d >= kMinDate && d >= date - 800; --d) {
        if (internal::CalendarMonthsBetween(d, date) >= months) {
          expected = d;
          break;
        }
      }
      EXPECT_EQ(internal::MonthsBefore(date, months), expected) << text << " - " << months;
    }
    EXPECT_EQ(internal::MonthsBefore(date, INT_MAX), kMinDate - 1);
  }
}

TEST(Dates, HugeMonthCountsWorkAndBadDatesAreRejected) {
  auto net = Network::Load(ORGNET_TEST_DATA_DIR "/coverage");
  ASSERT_TRUE(net.ok());
  const int lost = CoverageReport::FindRule("member_lost_contact");
  ASSERT_GE(lost, 0);
  for (int months : {24318, INT_MAX}) {
    CoverageRules rules;
    rules.lost_contact_months = months;
    rules.mobile_transfer_months = months;
    auto report = CoverageReport::Compute(*net, rules);
    ASSERT_TRUE(report.ok()) << report.status();
    for (const Finding& f : report->findings()) EXPECT_NE(f.rule, lost) << "no date is that old";
  }
  CoverageRules first_day;
  first_day.as_of = kMinDate;
  first_day.lost_contact_months = 13;
  EXPECT_TRUE(CoverageReport::Compute(*net, first_day).ok());
  CoverageRules too_late;
  too_late.as_of = std::numeric_limits<Date>::max();
  auto rejected = CoverageReport::Compute(*net, too_late);
  EXPECT_EQ(rejected.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(rejected.status().message(),
            "as_of is day 2147483647; a date option is empty or a day from -719162 (0001-01-01) "
            "to 2932896 (9999-12-31)");
  EventOptions events;
  events.as_of = kMaxDate + 1;
  EXPECT_EQ(EventReport::Compute(*net, events).status().code(), absl::StatusCode::kInvalidArgument);
  events.as_of = kNoDate;
  events.to = kMaxDate + 1;  // the day after 9999-12-31 is a valid exclusive end
  EXPECT_TRUE(EventReport::Compute(*net, events).ok());
  NetworkBuilder undated;  // no as_of: open events age to the day before `to`
  AddRowOrFail(undated, Table::kOrgs, {{"id", "A"}, {"name", "a"}, {"kind", "street"}});
  EventOptions before_the_first_day;
  before_the_first_day.to = kMinDate;  // the day before it is no date: as_of stays in range
  auto empty = EventReport::Compute(*undated.Build(), before_the_first_day);
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ(empty->options().as_of, kMinDate);
  LinkFilter filter;
  filter.on = kMinDate - 1;
  EXPECT_EQ(LinkGraph::Build(*net, filter).status().code(), absl::StatusCode::kInvalidArgument);
  for (int year : {-1, INT_MIN, INT_MAX, 10000}) {
    HavesOptions options;
    options.year = year;
    EXPECT_EQ(ThreeHaves::Compute(*net, options).status().code(),
              absl::StatusCode::kInvalidArgument)
        << year;
  }
  HavesOptions last_year;
  last_year.year = 9999;
  EXPECT_TRUE(ThreeHaves::Compute(*net, last_year).ok());
  SuggestionWeights nan_weights;
  nan_weights.same_grid = std::nan("");
  auto graph = LinkGraph::Build(*net);
  EXPECT_EQ(graph->Suggest(0, 5, nan_weights).status().code(), absl::StatusCode::kInvalidArgument);
}

// Every analysis runs on datasets whose as_of is at either end of the calendar or 29 February.
TEST(Dates, AnalysesRunOnEdgeAsOfDates) {
  for (const char* as_of : {"0001-01-01", "2024-02-29", "9999-12-31"}) {
    TempDir dir;
    Files files = testing::DistrictFixture();
    files["manifest.csv"] = std::string("key,value\nversion,1\nas_of,") + as_of + "\n";
    files["events.csv"] = "id,grid,category,reported,resolved,level\n"
                          "E1,G1,noise,0001-01-01,9999-12-31,grid\nE2,G2,noise,9999-12-31,,\n";
    testing::WriteFiles(dir.path(), files);
    auto net = Network::Load(dir.path());
    ASSERT_TRUE(net.ok()) << net.status();
    EXPECT_TRUE(CoverageReport::Compute(*net).ok()) << as_of;
    auto events = EventReport::Compute(*net);
    ASSERT_TRUE(events.ok()) << as_of;
    auto months = events->ByMonth(RollUp::kGrid);
    ASSERT_TRUE(months.ok());
    ASSERT_EQ(months->size(), 2u);  // only the two months with events
    EXPECT_EQ((*months)[0].month, 1 * 12 + 0);
    EXPECT_EQ((*months)[1].month, 9999 * 12 + 11);
    auto totals = events->Totals(RollUp::kDistrict);
    ASSERT_TRUE(totals.ok());
    EXPECT_TRUE(ThreeHaves::Compute(*net).ok()) << as_of;
  }
}

// ---------------------------------------------------------------- 5. memory follows the data

// Events across many categories take the sparse path; its rows equal a slow count.
TEST(Memory, SparseEventGroupingsMatchASlowCount) {
  NetworkBuilder b;
  AddRowOrFail(b, Table::kOrgs, {{"id", "S"}, {"name", "s"}, {"kind", "street"}});
  AddRowOrFail(b, Table::kOrgs, {{"id", "C"}, {"name", "c"}, {"kind", "community"}, {"parent", "S"}});
  const int grids = 200, categories = 500;
  for (int g = 0; g < grids; ++g) {
    AddRowOrFail(b, Table::kGrids, {{"id", "G" + std::to_string(g)}, {"community", "C"},
                             {"households", std::to_string(g % 7)}});
  }
  std::mt19937 random(3);
  std::map<std::pair<int, std::string>, int> expected;  // (grid row, category) -> events
  for (int e = 0; e < 400; ++e) {
    const int g = static_cast<int>(random() % grids);
    char category[8];
    std::snprintf(category, sizeof category, "k%03d", static_cast<int>(random() % categories));
    AddRowOrFail(b, Table::kEvents, {{"id", "E" + std::to_string(e)}, {"grid", "G" + std::to_string(g)},
                              {"category", category}, {"reported", "2026-01-01"}});
    ++expected[{g, category}];
  }
  auto net = b.Build();
  ASSERT_TRUE(net.ok()) << net.status();
  auto report = EventReport::Compute(*net);
  ASSERT_TRUE(report.ok());
  auto rows = report->ByCategory(RollUp::kGrid);
  ASSERT_TRUE(rows.ok());
  std::map<std::pair<int, std::string>, int> got;
  std::pair<int, std::string> previous{-1, ""};
  for (const EventRow& r : *rows) {
    const std::pair<int, std::string> key{static_cast<int>(r.place),
                                          report->categories()[r.category]};
    EXPECT_LT(previous, key) << "by place, then category";
    previous = key;
    got[key] = static_cast<int>(r.stats.reported);
  }
  EXPECT_EQ(got, expected);
}

// Runs `body` in a child process and returns its peak resident memory in KiB (or -1).
template <typename Body>
long ChildPeakKiB(Body body) {
  const pid_t child = fork();
  if (child == 0) {
    body();
    _exit(0);
  }
  int status = 0;
  rusage usage{};
  if (wait4(child, &status, 0, &usage) != child || !WIFEXITED(status)) return -1;
  return usage.ru_maxrss;
}

TEST(Memory, WideHeaderWithBlankLinesAndTwoFarApartEventsStaySmall) {
#ifdef ORGNET_SANITIZED
  GTEST_SKIP() << "sanitizers add their own shadow memory";
#else
  TempDir dir;
  {
    std::ofstream orgs(dir.sub("orgs.csv"));
    orgs << "id,name,kind";
    for (int c = 0; c < 400; ++c) orgs << ",x" << c;
    orgs << "\n" << std::string(2000000, '\n');
  }
  const long baseline = ChildPeakKiB([] {});
  const long wide = ChildPeakKiB([&] {
    auto net = Network::Load(dir.path());
    if (!net.ok()) _exit(2);
  });
  ASSERT_GT(wide, 0);
  EXPECT_LT(wide - baseline, 64 * 1024) << "KiB above an idle child";
  TempDir events_dir;
  Files files;
  files["orgs.csv"] = "id,name,kind,parent\nS,s,street,\nC,c,community,S\n";
  std::string grids = "id,community,households\n";
  for (int g = 0; g < 200; ++g) grids += "G" + std::to_string(g) + ",C,10\n";
  files["grids.csv"] = grids;
  files["events.csv"] = "id,grid,category,reported,resolved,level\n"
                        "E1,G0,a,0001-01-01,9999-12-31,grid\nE2,G199,b,9999-12-31,,\n";
  testing::WriteFiles(events_dir.path(), files);
  const long events = ChildPeakKiB([&] {
    auto net = Network::Load(events_dir.path());
    if (!net.ok()) _exit(2);
    auto report = EventReport::Compute(*net);
    for (RollUp level : {RollUp::kGrid, RollUp::kStreet}) {
      (void)report->ByMonth(level);
      (void)report->ByCategory(level);
    }
    (void)report->HotSpots(10);
  });
  ASSERT_GT(events, 0);
  EXPECT_LT(events - baseline, 64 * 1024) << "KiB above an idle child";
#endif
}

TEST(Memory, MessagesQuoteABoundedPrefix) {
  orgnet_network* net = nullptr;
  const std::string folder = ORGNET_TEST_DATA_DIR "/fixture";
  ASSERT_EQ(orgnet_network_load(&net, folder.data(), folder.size(), nullptr, nullptr), ORGNET_OK);
  const std::string id(1 << 20, 'x');
  std::uint32_t row = 0;
  EXPECT_EQ(orgnet_network_find(&row, net, ORGNET_TABLE_ORGS, id.data(), id.size()),
            ORGNET_NOT_FOUND);
  EXPECT_LT(std::strlen(orgnet_last_error()), 200u) << orgnet_last_error();
  int column = 0;
  EXPECT_EQ(orgnet_network_find_column(&column, net, ORGNET_TABLE_ORGS, id.data(), id.size()),
            ORGNET_NOT_FOUND);
  EXPECT_LT(std::strlen(orgnet_last_error()), 200u);
  orgnet_network_free(net);
}

// ---------------------------------------------------------------- 6. no abort

// A worker thread's allocation fails at each possible point of a load in turn: every load
// either succeeds (the fault came after its last worker task) or reports RESOURCE_EXHAUSTED.
TEST(NoAbort, AWorkersAllocationFailureIsResourceExhausted) {
  const std::string folder = ORGNET_TEST_DATA_DIR "/fixture";
  LoadOptions options;
  options.threads = 2;
  int exhausted = 0;
  for (int countdown = 1; countdown <= 24; ++countdown) {
    internal::SetWorkerAllocationFault(countdown);
    auto net = Network::Load(folder, options);
    internal::SetWorkerAllocationFault(0);
    if (!net.ok()) {
      EXPECT_EQ(net.status().code(), absl::StatusCode::kResourceExhausted) << net.status();
      ++exhausted;
    }
  }
  EXPECT_GT(exhausted, 0) << "the hook never fired";
  internal::SetWorkerAllocationFault(1);
  orgnet_network* c_net = nullptr;
  EXPECT_EQ(orgnet_network_load(&c_net, folder.data(), folder.size(), nullptr, nullptr),
            ORGNET_RESOURCE_EXHAUSTED);
  internal::SetWorkerAllocationFault(0);
  EXPECT_EQ(c_net, nullptr);
  EXPECT_TRUE(Network::Load(folder, options).ok());
}

// Under an address-space limit (a release build in a child process: sanitizers cannot run
// under one), every load ends in OK or RESOURCE_EXHAUSTED, never in an abort.
TEST(NoAbort, LoadsUnderAnAddressSpaceLimitNeverAbort) {
#ifdef ORGNET_SANITIZED
  GTEST_SKIP() << "sanitizer runtimes reserve terabytes of address space";
#else
  TempDir dir;
  {
    std::ofstream orgs(dir.sub("orgs.csv"));
    orgs << "id,name,kind,parent\nS,s,street,\n";
    for (int i = 0; i < 20000; ++i) orgs << "B" << i << ",branch " << i << ",branch,S\n";
    std::ofstream members(dir.sub("members.csv"));
    members << "id,name,org,status\n";
    for (int i = 0; i < 300000; ++i) members << "M" << i << ",m,B" << i % 20000 << ",formal\n";
  }
  int exhausted = 0, loaded = 0;
  for (long extra_mib : {8, 16, 32, 64, 128, 256, 1024}) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      std::ifstream status("/proc/self/statm");
      long pages = 0;
      status >> pages;
      const rlim_t limit = static_cast<rlim_t>(pages) * sysconf(_SC_PAGESIZE) +
                           static_cast<rlim_t>(extra_mib) * 1024 * 1024;
      rlimit r{limit, limit};
      if (setrlimit(RLIMIT_AS, &r) != 0) _exit(10);
      LoadOptions options;
      options.threads = 2;
      auto net = Network::Load(dir.path(), options);
      if (net.ok()) _exit(net->rows(Table::kMembers) == 300000 ? 0 : 11);
      _exit(net.status().code() == absl::StatusCode::kResourceExhausted ? 1 : 12);
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status)) << "the load under +" << extra_mib
                                   << " MiB died by signal " << WTERMSIG(status);
    ASSERT_LE(WEXITSTATUS(status), 1) << "+" << extra_mib << " MiB: exit " << WEXITSTATUS(status);
    (WEXITSTATUS(status) == 0 ? loaded : exhausted)++;
  }
  EXPECT_GT(exhausted, 0) << "no limit was tight enough to fail";
  EXPECT_GT(loaded, 0) << "no limit was loose enough to load";
#endif
}

// ---------------------------------------------------------------- 8. bounded work

// Grids sharing coordinates (a community's centroid given to all its grids) are one target:
// the siting equals a slow greedy over direct distances, and 20,000 grids at three points
// cost a few cover entries each, not 400 million in all.
TEST(BoundedWork, SitingWithGridsSharingCoordinatesMatchesASlowGreedy) {
  std::mt19937 random(5);
  const double points[4][2] = {{117.20, 39.12}, {117.205, 39.12}, {117.30, 39.20}, {117.2, 39.2}};
  for (int round = 0; round < 10; ++round) {
    NetworkBuilder b;
    AddRowOrFail(b, Table::kOrgs, {{"id", "C"}, {"name", "c"}, {"kind", "community"}});
    const int grids = 8 + static_cast<int>(random() % 10);
    std::vector<int> at(grids);
    std::vector<std::int64_t> households(grids);
    for (int g = 0; g < grids; ++g) {
      at[g] = static_cast<int>(random() % 4);
      households[g] = static_cast<std::int64_t>(random() % 300);  // some 0: never targets
      AddRowOrFail(b, Table::kGrids, {{"id", "g" + std::to_string(g)}, {"community", "C"},
                               {"households", std::to_string(households[g])},
                               {"lon", std::to_string(points[at[g]][0])},
                               {"lat", std::to_string(points[at[g]][1])}});
    }
    auto net = b.Build();
    ASSERT_TRUE(net.ok()) << net.status();
    auto reach = CentreReach::Compute(*net, {1000});
    ASSERT_TRUE(reach.ok());
    std::vector<bool> covered(grids, false);
    std::vector<SiteChoice> expected;
    for (int step = 0; step < 3; ++step) {
      int best = -1;
      std::int64_t best_gain = 0;
      for (int c = 0; c < grids; ++c) {
        std::int64_t gain = 0;
        for (int g = 0; g < grids; ++g) {
          const double d = GreatCircleMetres(points[at[c]][0], points[at[c]][1], points[at[g]][0],
                                             points[at[g]][1]);
          if (!covered[g] && households[g] > 0 && d <= 1000) gain += households[g];
        }
        if (gain > best_gain) best = c, best_gain = gain;
      }
      if (best < 0) break;
      SiteChoice choice{static_cast<Index>(best), 0, 0};
      for (int g = 0; g < grids; ++g) {
        const double d = GreatCircleMetres(points[at[best]][0], points[at[best]][1],
                                           points[at[g]][0], points[at[g]][1]);
        if (!covered[g] && households[g] > 0 && d <= 1000) {
          covered[g] = true;
          choice.households_added += households[g];
          ++choice.grids_added;
        }
      }
      expected.push_back(choice);
    }
    const auto got = reach->Site(3);
    ASSERT_EQ(got.size(), expected.size()) << "round " << round;
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].grid, expected[i].grid) << "round " << round << " choice " << i;
      EXPECT_EQ(got[i].households_added, expected[i].households_added);
      EXPECT_EQ(got[i].grids_added, expected[i].grids_added);
    }
  }
  NetworkBuilder many;
  AddRowOrFail(many, Table::kOrgs, {{"id", "C"}, {"name", "c"}, {"kind", "community"}});
  for (int g = 0; g < 20000; ++g) {
    AddRowOrFail(many, Table::kGrids, {{"id", "g" + std::to_string(g)}, {"community", "C"},
                                {"households", "10"},
                                {"lon", std::to_string(points[g % 3][0])},
                                {"lat", std::to_string(points[g % 3][1])}});
  }
  auto net = many.Build();
  ASSERT_TRUE(net.ok());
  const auto sites = CentreReach::Compute(*net)->Site(3);
  ASSERT_EQ(sites.size(), 2u);  // points 0 and 1 lie 430 m apart: one site reaches both
  EXPECT_EQ(sites[0].grid, 0u);
  EXPECT_EQ(sites[0].grids_added, 13334u);
  EXPECT_EQ(sites[0].households_added, 133340);
  EXPECT_EQ(sites[1].grid, 2u);
  EXPECT_EQ(sites[1].grids_added, 6666u);
}

// ---------------------------------------------------------------- 9. messages

TEST(Messages, GreatCircleOfNanIsNan) {
  EXPECT_TRUE(std::isnan(orgnet_great_circle_metres(std::nan(""), 0, 0, 0)));
  EXPECT_TRUE(std::isnan(orgnet_great_circle_metres(0, 0, 0, std::nan(""))));
  EXPECT_NEAR(orgnet_great_circle_metres(0, 0, 0, 1), 111195.08, 0.01);
}

// ---------------------------------------------------------------- 10. service defects

// The street rate counts every grid of the street with a known household count, 0 included:
// S has g1 (100 households, 3 events), g2 (0 households, 3 events) and g3 (unknown, 5).
// street_rate = 100 · (3 + 3) / (100 + 0) = 6; g1's rate 3, score 0.5; g2 and g3 are no
// candidates (no positive count of their own).
TEST(ServiceDefects, HotSpotStreetRateCountsGridsWithZeroHouseholds) {
  NetworkBuilder b;
  AddRowOrFail(b, Table::kOrgs, {{"id", "S"}, {"name", "s"}, {"kind", "street"}});
  AddRowOrFail(b, Table::kOrgs, {{"id", "C"}, {"name", "c"}, {"kind", "community"}, {"parent", "S"}});
  AddRowOrFail(b, Table::kGrids, {{"id", "g1"}, {"community", "C"}, {"households", "100"}});
  AddRowOrFail(b, Table::kGrids, {{"id", "g2"}, {"community", "C"}, {"households", "0"}});
  AddRowOrFail(b, Table::kGrids, {{"id", "g3"}, {"community", "C"}, {"households", ""}});
  int e = 0;
  for (auto [grid, count] : {std::pair{"g1", 3}, {"g2", 3}, {"g3", 5}}) {
    for (int i = 0; i < count; ++i) {
      AddRowOrFail(b, Table::kEvents, {{"id", "E" + std::to_string(e++)}, {"grid", grid},
                                {"category", "noise"}, {"reported", "2026-03-01"}});
    }
  }
  auto net = b.Build();
  ASSERT_TRUE(net.ok()) << net.status();
  auto hot = EventReport::Compute(*net)->HotSpots();
  ASSERT_EQ(hot.size(), 1u);
  EXPECT_EQ(hot[0].grid, 0u);
  EXPECT_DOUBLE_EQ(hot[0].rate, 3.0);
  EXPECT_DOUBLE_EQ(hot[0].street_rate, 6.0);
  EXPECT_DOUBLE_EQ(hot[0].score, 0.5);
}

// U is a unit org led from street S1, with its own grid in S2's community C2; grid gu names U
// as its community (accepted with a warning). Everywhere, U is a community of S1, the street
// its grid is in: the coverage roll-up, the reach functions (C++ and C) and the three haves.
TEST(ServiceDefects, AGridNamedCommunityOfAnotherKindStandsInItsGridsStreet) {
  NetworkBuilder b;
  AddRowOrFail(b, Table::kOrgs, {{"id", "D"}, {"name", "d"}, {"kind", "district"}});
  AddRowOrFail(b, Table::kOrgs, {{"id", "S1"}, {"name", "s1"}, {"kind", "street"}, {"parent", "D"}});
  AddRowOrFail(b, Table::kOrgs, {{"id", "S2"}, {"name", "s2"}, {"kind", "street"}, {"parent", "D"}});
  AddRowOrFail(b, Table::kOrgs, {{"id", "C2"}, {"name", "c2"}, {"kind", "community"}, {"parent", "S2"}});
  AddRowOrFail(b, Table::kOrgs,
           {{"id", "U"}, {"name", "u"}, {"kind", "unit"}, {"parent", "S1"}, {"grid", "gz"}});
  AddRowOrFail(b, Table::kGrids, {{"id", "gz"}, {"community", "C2"}, {"lon", "117.2"}, {"lat", "39.1"}});
  AddRowOrFail(b, Table::kGrids, {{"id", "gu"}, {"community", "U"}, {"lon", "117.2"}, {"lat", "39.1"}});
  AddRowOrFail(b, Table::kCentres, {{"id", "K"}, {"name", "k"}, {"org", "U"}, {"grid", "gu"},
                             {"functions", "service;deliberation"}});
  AddRowOrFail(b, Table::kStaff, {{"id", "T"}, {"role", "grid_manager"}, {"grid", "gu"}});
  auto net = b.Build();
  ASSERT_TRUE(net.ok()) << net.status();
  const Index u = *net->FindOrg("U"), s1 = *net->FindOrg("S1"), s2 = *net->FindOrg("S2");
  EXPECT_EQ(net->territory().grid_place(*net->Find(Table::kGrids, "gu")).street, s1);
  auto reach = CentreReach::Compute(*net);
  ASSERT_TRUE(reach.ok());
  EXPECT_EQ(reach->FunctionsOf(u), (std::vector<std::string>{"deliberation", "service"}));
  auto haves = ThreeHaves::Compute(*net);
  ASSERT_TRUE(haves.ok());
  auto streets = haves->RollUp(RollUp::kStreet);
  ASSERT_TRUE(streets.ok());
  std::map<Index, std::uint32_t> communities;
  for (const HavesRow& r : *streets) communities[r.place] = r.communities;
  EXPECT_EQ(communities[s1], 1u) << "U counts in S1, the street of its grid";
  EXPECT_EQ(communities[s2], 1u) << "C2 only";
}

}  // namespace
}  // namespace orgnet
