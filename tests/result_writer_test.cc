// ResultWriter: refusals without a server change nothing and say what is wrong; the rows of
// each result table, in COPY's text format, say what the analyses say; and with the district
// in the test server (ORGNET_TEST_DATABASE_DISTRICT) the tables read back equal the analyses
// value by value, a second write of one run key leaves one set, other run keys stay, and a
// failed or stopped write changes nothing.
#include <cmath>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "database/result_tables.h"
#include "gtest/gtest.h"
#include "orgnet/network.h"
#include "orgnet/progress.h"
#include "orgnet/result_writer.h"
#ifdef ORGNET_TEST_HAS_LIBPQ
#include "database/pg_connection.h"
#endif

namespace orgnet {
namespace {

const char kNowhere[] = "host=/nonexistent-orgnet-socket-dir port=5999 dbname=x user=u password=pw";

Network District() {
  auto network = Network::Load(std::string(ORGNET_EXAMPLES_DIR) + "/district");
  EXPECT_TRUE(network.ok()) << network.status();
  return *std::move(network);
}

// Rows that append what they send to @p text.
internal::CopyTextRows CollectingInto(std::string& text) {
  return internal::CopyTextRows(
      [&text](std::string_view piece) {
        text.append(piece);
        return absl::OkStatus();
      },
      nullptr);
}

TEST(ResultWriter, RefusalsSayWhatIsWrong) {
  EXPECT_EQ(ResultWriter::Create("").status().message(), "run_key: empty");
  EXPECT_EQ(ResultWriter::Create(std::string(201, 'k')).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ResultWriter::Create("a\tb").status().message(),
            "run_key: \"a\tb\" holds a control character");
  EXPECT_EQ(ResultWriter::Create("a\xff").status().code(), absl::StatusCode::kInvalidArgument);
  auto writer = ResultWriter::Create("2026-12");
  ASSERT_TRUE(writer.ok());
  EXPECT_EQ(writer->SetTable(ResultTable::kMatching, "a.b.c").message(),
            "table name for matching: \"a.b.c\" has more than two parts (schema.table)");
  EXPECT_EQ(writer->SetTable(ResultTable::kMatching, ".b").message(),
            "table name for matching: an empty name");
  EXPECT_EQ(writer->SetTable(ResultTable::kMatching, std::string(64, 'x')).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(writer->SetTable(ResultTable::kMatching, "orgnet_runs").message(),
            "result tables: runs and matching are both named \"orgnet_runs\"");
  // Refused names change nothing.
  EXPECT_EQ(writer->TableName(ResultTable::kMatching), "orgnet_matching");
  ASSERT_TRUE(writer->SetTable(ResultTable::kMatching, "Dash.Allocations").ok());
  ASSERT_TRUE(writer->SetSchema("results").ok());
  EXPECT_EQ(writer->TableName(ResultTable::kMatching), "Dash.Allocations");
  EXPECT_EQ(writer->TableName(ResultTable::kRuns), "results.orgnet_runs");
  EXPECT_EQ(writer->SetSchema("a.b").message(), "schema: \"a.b\" holds a '.'");
  EXPECT_EQ(writer->Write(kNowhere).status().message(),
            "result writer: no result added (nothing to write)");

  Network district = District();
  auto coverage = CoverageReport::Compute(district);
  ASSERT_TRUE(coverage.ok());
  ASSERT_TRUE(writer->Add(*coverage).ok());
  Network reloaded = District();  // another load: another version
  auto other = Matching::Compute(reloaded);
  ASSERT_TRUE(other.ok());
  const absl::Status mixed = writer->Add(*other);
  EXPECT_EQ(mixed.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(mixed.message().find("one network version"), std::string::npos) << mixed;

  auto written = writer->Write(kNowhere);
  if (Network::HasDatabaseSupport()) {
    ASSERT_EQ(written.status().code(), absl::StatusCode::kUnavailable) << written.status();
    EXPECT_EQ(std::string(written.status().message()).find("pw"), std::string::npos);
  } else {
    EXPECT_EQ(written.status().code(), absl::StatusCode::kUnimplemented);
  }
  EXPECT_EQ(ResultTableFromName("coverage_findings"), ResultTable::kCoverageFindings);
  EXPECT_EQ(ResultTableFromName("orgnet_haves_rollup"), ResultTable::kHavesRollup);
  EXPECT_EQ(ResultTableFromName("coverage"), std::nullopt);
}

TEST(ResultWriter, CoverageColumnsAreTheCountersAndRatesNames) {
  const auto& spec = internal::GetResultTableSpec(ResultTable::kCoverageRollup);
  ASSERT_EQ(spec.columns.size(), 4u + kCounterCount + kRateCount);
  for (int c = 0; c < kCounterCount; ++c) {
    EXPECT_EQ(spec.columns[4 + c].name, CounterName(Counter(c)));
  }
  for (int r = 0; r < kRateCount; ++r) {
    EXPECT_EQ(spec.columns[4 + kCounterCount + r].name, RateName(Rate(r)));
  }
  for (int t = 0; t < kResultTableCount; ++t) {
    const auto& s = internal::GetResultTableSpec(ResultTable(t));
    EXPECT_EQ(s.columns[0].name, "run_key");
    EXPECT_EQ(ResultTableName(ResultTable(t)), std::string("orgnet_") + std::string(s.short_name));
  }
}

// COPY's text format: tab between cells, newline after a row, \N for null, and a backslash
// before a backslash, tab, newline or carriage return inside a cell (PostgreSQL's COPY docs).
TEST(ResultWriter, CopyTextEscapesWhatTheFormatReserves) {
  std::string sent;
  internal::CopyTextRows rows = CollectingInto(sent);
  rows.Text("a\tb\\c\nd\re 睦南");
  rows.Null();
  rows.Integer(-9223372036854775807 - 1);
  rows.Real(0.1);
  rows.Real(std::nan(""));
  rows.Real(1e300);
  rows.Bool(true);
  rows.Bool(false);
  ASSERT_TRUE(rows.EndRow().ok());
  rows.Text("");
  ASSERT_TRUE(rows.EndRow().ok());
  EXPECT_EQ(sent, "");  // nothing before the piece is full or flushed
  ASSERT_TRUE(rows.Flush().ok());
  EXPECT_EQ(sent,
            "a\\tb\\\\c\\nd\\re 睦南\t\\N\t-9223372036854775808\t0.1\t\\N\t1e+300\tt\tf\n"
            "\n");
  EXPECT_EQ(rows.rows(), 2);
}

// The rows for the district, counted independently of the emitter: one per place of every
// level, one per finding, allocation, community.
TEST(ResultWriter, RowsFollowTheAnalyses) {
  Network district = District();
  auto coverage = CoverageReport::Compute(district);
  auto matching = Matching::Compute(district);
  ASSERT_TRUE(coverage.ok() && matching.ok());
  std::string text;
  internal::CopyTextRows rows = CollectingInto(text);
  // What a writer holds after Add(coverage) and Add(matching) (its data is internal).
  ResultWriter::Data same;
  same.run_key = "k";
  same.coverage = *coverage;
  same.matching = *matching;
  same.network = district;
  auto prepared = internal::PrepareResultRows(same);
  ASSERT_TRUE(prepared.ok());
  ASSERT_TRUE(internal::EmitResultRows(*prepared, ResultTable::kCoverageRollup, rows).ok());
  ASSERT_TRUE(rows.Flush().ok());
  std::size_t expected = 0;
  for (RollUp level : {RollUp::kGrid, RollUp::kCommunity, RollUp::kStreet, RollUp::kDistrict,
                       RollUp::kOrg}) {
    expected += coverage->rows(level).size();
  }
  EXPECT_EQ(static_cast<std::size_t>(rows.rows()), expected);
  EXPECT_EQ(internal::CountResultRows(*prepared, ResultTable::kCoverageRollup),
            static_cast<std::int64_t>(expected));
  // The first grid's row, with its counters in the enumeration's order.
  const Index grid = coverage->rows(RollUp::kGrid)[0];
  std::string want = std::string("k\tgrid\t") + std::string(district.id(Table::kGrids, grid)) +
                     "\t" + std::string(district.text(Table::kGrids, grid, col::kGridName));
  for (int c = 0; c < kCounterCount; ++c) {
    want += "\t" + std::to_string(coverage->counter(RollUp::kGrid, Counter(c))[0]);
  }
  EXPECT_NE(text.find("\n" + want + "\t"), std::string::npos) << want;
  EXPECT_EQ(internal::CountResultRows(*prepared, ResultTable::kCoverageFindings),
            static_cast<std::int64_t>(coverage->findings().size()));
  EXPECT_EQ(internal::CountResultRows(*prepared, ResultTable::kMatching),
            static_cast<std::int64_t>(matching->allocations().size()));
}

// Every table's rows go out in the order of its primary key, compared bytewise (the key's text
// columns are COLLATE "C"), each key once: checked on the text sent, field by field.
TEST(ResultWriter, RowsGoOutInPrimaryKeyOrderEachKeyOnce) {
  Network district = District();
  ResultWriter::Data data;
  data.run_key = "k";
  data.network = district;
  data.coverage = *CoverageReport::Compute(district);
  data.matching = *Matching::Compute(district);
  data.events = *EventReport::Compute(district);
  data.reach = *CentreReach::Compute(district);
  data.haves = *ThreeHaves::Compute(district);
  auto prepared = internal::PrepareResultRows(data);
  ASSERT_TRUE(prepared.ok());
  for (int t = 1; t < kResultTableCount; ++t) {
    const auto table = static_cast<ResultTable>(t);
    const auto& spec = internal::GetResultTableSpec(table);
    std::string text;
    internal::CopyTextRows rows = CollectingInto(text);
    ASSERT_TRUE(internal::EmitResultRows(*prepared, table, rows).ok());
    ASSERT_TRUE(rows.Flush().ok());
    ASSERT_GT(rows.rows(), 0) << spec.short_name;
    EXPECT_EQ(rows.rows(), internal::CountResultRows(*prepared, table)) << spec.short_name;
    std::vector<std::string> previous;
    std::size_t start = 0;
    while (start < text.size()) {
      const std::size_t end = text.find('\n', start);
      std::vector<std::string> key;
      std::size_t field = start;
      for (int c = 0; c < spec.key_columns; ++c) {
        const std::size_t tab = text.find('\t', field);
        key.emplace_back(text.substr(field, tab - field));
        field = tab + 1;
      }
      ASSERT_LT(previous, key) << spec.short_name << " at byte " << start;
      previous = std::move(key);
      start = end + 1;
    }
  }
}

#ifdef ORGNET_TEST_HAS_LIBPQ

std::string One(internal::PgConnection& db, const std::string& sql) {
  auto result = db.Query(sql, "test query");
  EXPECT_TRUE(result.ok()) << result.status();
  if (!result.ok() || PQntuples(result->get()) == 0) return "<none>";
  return PQgetvalue(result->get(), 0, 0);
}

TEST(ResultWriter, WritesReplaceOneRunKeyInOneTransaction) {
  const char* uri = std::getenv("ORGNET_TEST_DATABASE_DISTRICT");
  if (uri == nullptr || !Network::HasDatabaseSupport()) {
    if (std::getenv("ORGNET_REQUIRE_DATABASE") != nullptr) FAIL() << "no test database";
    GTEST_SKIP() << "no test database (ORGNET_TEST_DATABASE_DISTRICT)";
  }
  auto connected = internal::PgConnection::Connect(uri);
  ASSERT_TRUE(connected.ok()) << connected.status();
  internal::PgConnection& db = **connected;
  ASSERT_TRUE(db.Execute("DROP SCHEMA IF EXISTS cxx_results CASCADE; CREATE SCHEMA cxx_results",
                         "schema").ok());
  Network district = District();
  auto coverage = CoverageReport::Compute(district);
  auto matching = Matching::Compute(district);
  auto events = EventReport::Compute(district);
  auto reach = CentreReach::Compute(district);
  auto haves = ThreeHaves::Compute(district);
  ASSERT_TRUE(coverage.ok() && matching.ok() && events.ok() && reach.ok() && haves.ok());
  auto make = [&](const std::string& key) {
    auto writer = ResultWriter::Create(key);
    EXPECT_TRUE(writer.ok());
    EXPECT_TRUE(writer->SetSchema("cxx_results").ok());
    EXPECT_TRUE(writer->SetTable(ResultTable::kCoverageRollup, "Coverage By Place").ok());
    EXPECT_TRUE(writer->Add(*coverage).ok());
    EXPECT_TRUE(writer->Add(*matching).ok());
    EXPECT_TRUE(writer->Add(*events).ok());
    EXPECT_TRUE(writer->Add(*reach).ok());
    EXPECT_TRUE(writer->Add(*haves).ok());
    return *std::move(writer);
  };
  ResultWriter first = make("2026-11");
  auto written = first.Write(uri);
  ASSERT_TRUE(written.ok()) << written.status();
  auto again = first.Write(uri);  // the same run key again: one set
  ASSERT_TRUE(again.ok()) << again.status();
  ASSERT_TRUE(make("2026-12").Write(uri).ok());
  const std::string cov = "cxx_results.\"Coverage By Place\"";
  std::size_t places = 0;
  for (RollUp level : {RollUp::kGrid, RollUp::kCommunity, RollUp::kStreet, RollUp::kDistrict,
                       RollUp::kOrg}) {
    places += coverage->rows(level).size();
  }
  EXPECT_EQ(written->rows[static_cast<int>(ResultTable::kCoverageRollup)],
            static_cast<std::int64_t>(places));
  EXPECT_EQ(One(db, "SELECT count(*) FROM " + cov + " WHERE run_key = '2026-11'"),
            std::to_string(places));
  EXPECT_EQ(One(db, "SELECT count(*) FROM " + cov), std::to_string(2 * places));
  EXPECT_EQ(One(db, "SELECT count(*) FROM cxx_results.orgnet_coverage_findings WHERE run_key = "
                    "'2026-11'"),
            std::to_string(coverage->findings().size()));
  EXPECT_EQ(One(db, "SELECT sum(amount) FROM cxx_results.orgnet_matching WHERE run_key = "
                    "'2026-12'"),
            std::to_string(matching->total()));
  EXPECT_EQ(One(db, "SELECT results FROM cxx_results.orgnet_runs WHERE run_key = '2026-12'"),
            "coverage,matching,events,reach,haves");
  // Every street's counters and rates read back as computed.
  const absl::Span<const Index> streets = coverage->rows(RollUp::kStreet);
  for (std::size_t i = 0; i < streets.size(); ++i) {
    const std::string where = " FROM " + cov + " WHERE run_key = '2026-12' AND level = 'street' "
                              "AND place_id = '" + std::string(district.org_id(streets[i])) + "'";
    EXPECT_EQ(One(db, "SELECT place_name" + where), district.org_name(streets[i]));
    EXPECT_EQ(One(db, "SELECT members_registered" + where),
              std::to_string(coverage->counter(RollUp::kStreet, Counter::kMembersRegistered)[i]));
    const double rate = coverage->rate(RollUp::kStreet, Rate::kOrgCoverage)[i];
    const std::string stored = One(db, "SELECT org_coverage_rate::text" + where);
    if (std::isnan(rate)) {
      EXPECT_EQ(stored, "");  // NULL reads as ""
    } else {
      EXPECT_EQ(std::stod(stored), rate);
    }
  }
  // The district's event totals.
  auto totals = events->Totals(RollUp::kDistrict);
  ASSERT_TRUE(totals.ok() && !totals->empty());
  EXPECT_EQ(One(db, "SELECT reported FROM cxx_results.orgnet_events_rollup WHERE run_key = "
                    "'2026-12' AND level = 'district' AND category = '' AND month = ''"),
            std::to_string((*totals)[0].stats.reported));

  // A table whose column cannot take the rows: the write fails naming it, and nothing of that
  // write is left, in that table or in those written before it.
  ASSERT_TRUE(db.Execute("CREATE TABLE cxx_results.bad_reach (run_key text, level text, "
                         "place_id text, place_name text, grids date)",
                         "bad table").ok());
  ResultWriter third = make("2027-01");
  ASSERT_TRUE(third.SetTable(ResultTable::kReachRollup, "bad_reach").ok());
  auto failed = third.Write(uri);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("cxx_results.bad_reach"), std::string::npos)
      << failed.status();
  EXPECT_EQ(One(db, "SELECT count(*) FROM " + cov + " WHERE run_key = '2027-01'"), "0");
  EXPECT_EQ(One(db, "SELECT count(*) FROM cxx_results.orgnet_runs"), "2");

  // A stop asked by the progress handler: CANCELLED, nothing written.
  ResultWriter fourth = make("2027-02");
  {
    ProgressScope stop([](const ProgressReport& report) { return report.work != "write"; },
                       std::chrono::milliseconds(0));
    EXPECT_EQ(fourth.Write(uri).status().code(), absl::StatusCode::kCancelled);
  }
  EXPECT_EQ(One(db, "SELECT count(*) FROM " + cov + " WHERE run_key = '2027-02'"), "0");
  ASSERT_TRUE(db.Execute("DROP SCHEMA cxx_results CASCADE", "drop").ok());
}

#endif  // ORGNET_TEST_HAS_LIBPQ

}  // namespace
}  // namespace orgnet
