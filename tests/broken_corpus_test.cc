// The broken-dataset corpus: one dataset per integrity rule and per malformation, each with
// the exact first error it must produce (file, line, column or byte, reason).
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "orgnet/network.h"
#include "test_util.h"

namespace orgnet {
namespace {

using testing::Files;

struct BrokenCase {
  std::string name;
  bool on_fixture;       // start from the district fixture, else from nothing
  Files files;           // files written (replacing the fixture's) ...
  std::string append_to; // ... or, when set, the one file whose row(s) files[append_to] adds
  std::string expected;  // the first error, relative to the folder
};

// Shown by name when a case fails, instead of as raw bytes.
void PrintTo(const BrokenCase& c, std::ostream* out) { *out << c.name; }

std::string Repeat(char c, int n) { return std::string(n, c); }

std::string LongChainCycle() {
  std::string orgs = "id,name,kind,parent\n";
  for (int i = 0; i < 1000; ++i) {
    orgs += "O" + std::to_string(i) + ",n,branch,O" + std::to_string(i == 0 ? 999 : i - 1) + "\n";
  }
  return orgs;
}

const std::string kOrgs = "id,name,kind\n";

std::vector<BrokenCase> Corpus() {
  const std::string long_id = Repeat('x', 129);
  return {
      {"empty_file", false, {{"orgs.csv", ""}}, "", "orgs.csv:1:0: empty file: expected a header line"},
      {"blank_lines_only", false, {{"orgs.csv", "\n\r\n"}}, "",
       "orgs.csv:1:0: empty file: expected a header line"},
      {"truncated_quote", false, {{"orgs.csv", kOrgs + "A,\"abc,street\n"}}, "",
       "orgs.csv:2:2: unterminated quoted field: the file ends before its closing quote"},
      {"too_many_fields", false, {{"orgs.csv", kOrgs + "A,a,street,extra\n"}}, "",
       "orgs.csv:2: record has 4 fields; the header has 3"},
      {"too_few_fields", false, {{"orgs.csv", kOrgs + "A,a\n"}}, "",
       "orgs.csv:2: record has 2 fields; the header has 3"},
      {"invalid_utf8", false, {{"orgs.csv", kOrgs + "A,\xff,street\n"}}, "",
       "orgs.csv:2:2: invalid UTF-8 (byte 0xFF)"},
      {"truncated_utf8_sequence", false, {{"orgs.csv", kOrgs + "A,\xe5\x92,street\n"}}, "",
       "orgs.csv:2:2: invalid UTF-8 (byte 0xE5)"},
      {"utf16_surrogate", false, {{"orgs.csv", kOrgs + "A,\xed\xa0\x80,street\n"}}, "",
       "orgs.csv:2:2: invalid UTF-8 (byte 0xED)"},
      {"quote_inside_unquoted_field", false, {{"orgs.csv", kOrgs + "A,a\"b,street\n"}}, "",
       "orgs.csv:2:3: quote inside an unquoted field (quote the whole field and double the quote)"},
      {"text_after_closing_quote", false, {{"orgs.csv", kOrgs + "A,\"a\"b,street\n"}}, "",
       "orgs.csv:2:5: unexpected character after a closing quote (expected a comma or a line end)"},
      {"bare_carriage_return", false, {{"orgs.csv", kOrgs + "A,a,street\rB,b,street\n"}}, "",
       "orgs.csv:2:10: carriage return without a line feed"},
      {"id_over_128_bytes", false, {{"orgs.csv", kOrgs + long_id + ",a,street\n"}}, "",
       "orgs.csv:2: column id: id is 129 bytes long; at most 128 are allowed: \"" + Repeat('x', 60) +
           "...\" (129 bytes)"},
      {"duplicate_id", false, {{"orgs.csv", kOrgs + "A,a,street\nA,b,street\n"}}, "",
       "orgs.csv:3: column id: duplicate id \"A\" (first at line 2)"},
      {"missing_id", false, {{"orgs.csv", kOrgs + ",a,street\n"}}, "",
       "orgs.csv:2: column id: missing required value"},
      {"missing_required_value", false, {{"orgs.csv", kOrgs + "A,,street\n"}}, "",
       "orgs.csv:2: column name: missing required value"},
      {"missing_required_column", false, {{"orgs.csv", "id,name\nA,a\n"}}, "",
       "orgs.csv:1: column kind: missing required column"},
      {"duplicate_column_name", false, {{"orgs.csv", "id,name,kind,name\nA,a,street,b\n"}}, "",
       "orgs.csv:1: column name: duplicate column name"},
      {"unknown_parent", false, {{"orgs.csv", "id,name,kind,parent\nA,a,street,Z\n"}}, "",
       "orgs.csv:2: column parent: unknown org id \"Z\""},
      {"own_parent", false, {{"orgs.csv", "id,name,kind,parent\nA,a,street,A\n"}}, "",
       "orgs.csv:2: column parent: leadership cycle of 1 organization: \"A\" -> \"A\""},
      {"cycle_of_two", false,
       {{"orgs.csv", "id,name,kind,parent\nR,r,district,\nA,a,street,B\nB,b,street,A\n"}}, "",
       "orgs.csv:3: column parent: leadership cycle of 2 organizations: \"A\" -> \"B\" -> \"A\""},
      {"cycle_closing_a_long_chain", false, {{"orgs.csv", LongChainCycle()}}, "",
       "orgs.csv:2: column parent: leadership cycle of 1000 organizations: \"O0\" -> \"O999\" -> "
       "\"O998\" -> \"O997\" -> \"O996\" -> \"O995\" -> ... -> \"O0\""},
      {"manifest_version", false,
       {{"orgs.csv", kOrgs + "A,a,street\n"}, {"manifest.csv", "key,value\nversion,2\n"}}, "",
       "manifest.csv:2: column value: unsupported dataset version \"2\": this library reads version 1"},
      {"manifest_bad_as_of", false,
       {{"orgs.csv", kOrgs + "A,a,street\n"}, {"manifest.csv", "key,value\nas_of,2026-13-01\n"}},
       "", "manifest.csv:2: column value: bad date \"2026-13-01\": expected YYYY-MM-DD"},
      {"grid_unknown_community", true, {{"grids.csv", "G9,x,NOPE,,,\n"}}, "grids.csv",
       "grids.csv:6: column community: unknown org id \"NOPE\""},
      {"negative_households", true, {{"grids.csv", "G9,x,C1,-5,,\n"}}, "grids.csv",
       "grids.csv:6: column households: integer -5 out of range: must be >= 0 and <= 2147483647"},
      {"integer_overflow", true, {{"grids.csv", "G9,x,C1,99999999999999999999,,\n"}}, "grids.csv",
       "grids.csv:6: column households: integer \"99999999999999999999\" out of range: must be >= 0 "
       "and <= 2147483647"},
      {"bad_integer", true, {{"units.csv", "UD,丁,enterprise,G1,,,,12a\n"}}, "units.csv",
       "units.csv:5: column employees: bad integer \"12a\""},
      {"longitude_out_of_range", true, {{"grids.csv", "G9,x,C1,,200,39\n"}}, "grids.csv",
       "grids.csv:6: column lon: coordinate \"200\" out of range [-180, 180]"},
      {"latitude_not_a_number", true, {{"grids.csv", "G9,x,C1,,117,north\n"}}, "grids.csv",
       "grids.csv:6: column lat: bad number \"north\""},
      {"unit_unknown_grid", true, {{"units.csv", "UD,丁,enterprise,G9,,,,\n"}}, "units.csv",
       "units.csv:5: column grid: unknown grid id \"G9\""},
      {"unit_unknown_staff", true, {{"units.csv", "UD,丁,enterprise,G1,,T9,,\n"}}, "units.csv",
       "units.csv:5: column instructor: unknown staff id \"T9\""},
      {"bad_status", true, {{"members.csv", "M9,x,B1,member,,,,,,\n"}}, "members.csv",
       "members.csv:6: column status: bad status \"member\": expected formal or probationary"},
      {"bad_flag", true, {{"members.csv", "M9,x,B1,formal,,,yes,,,\n"}}, "members.csv",
       "members.csv:6: column mobile: bad flag \"yes\": expected 1, 0 or empty"},
      {"bad_date_format", true, {{"members.csv", "M9,x,B1,formal,,,1,,2025/01/01,\n"}}, "members.csv",
       "members.csv:6: column away_since: bad date \"2025/01/01\": expected a calendar date YYYY-MM-DD"},
      {"impossible_date", true, {{"links.csv", "C1,C2,pairing,2024-02-30,\n"}}, "links.csv",
       "links.csv:4: column since: bad date \"2024-02-30\": expected a calendar date YYYY-MM-DD"},
      {"link_to_itself", true, {{"links.csv", "C1,C1,pairing,,\n"}}, "links.csv",
       "links.csv:4: column b: link from an org to itself: \"C1\""},
      {"duplicate_link", true, {{"links.csv", "U1,C1,pairing,2024-01-01,\n"}}, "links.csv",
       "links.csv:4: duplicate link (same orgs, kind and since as line 2)"},
      {"link_ends_before_it_starts", true, {{"links.csv", "C1,C2,pairing,2024-05-01,2024-01-01\n"}},
       "links.csv", "links.csv:4: column until: until 2024-01-01 is not after since 2024-05-01"},
      {"resolved_before_reported", true,
       {{"events.csv", "id,grid,category,reported,resolved,level\nE1,G1,noise,2026-03-02,2026-03-01,grid\n"}},
       "", "events.csv:2: column resolved: resolved 2026-03-01 is before reported 2026-03-02"},
      {"event_without_reported_date", true,
       {{"events.csv", "id,grid,category,reported,resolved,level\nE1,G1,noise,,,\n"}}, "",
       "events.csv:2: column reported: missing required value"},
      {"need_amount_zero", true, {{"needs.csv", "id,org,category,amount\nN1,C1,venue,0\n"}}, "",
       "needs.csv:2: column amount: integer 0 out of range: must be >= 1 and <= 2147483647"},
      {"fund_year_not_integer", true, {{"funds.csv", "org,source,amount,year\nC1,dues,100,twenty\n"}},
       "", "funds.csv:2: column year: bad integer \"twenty\""},
      {"fund_year_out_of_range", true, {{"funds.csv", "org,source,amount,year\nC1,dues,100,0\n"}},
       "", "funds.csv:2: column year: integer 0 out of range: must be >= 1 and <= 9999"},
      {"centre_unknown_grid", true,
       {{"centres.csv", "id,name,org,grid,functions,lon,lat\nK1,中心,C1,G7,service,,\n"}}, "",
       "centres.csv:2: column grid: unknown grid id \"G7\""},
      {"resource_unknown_org", true, {{"resources.csv", "id,org,category,amount\nR1,ZZ,venue,3\n"}},
       "", "resources.csv:2: column org: unknown org id \"ZZ\""},
  };
}

class BrokenCorpusTest : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenCorpusTest, FailsWithItsExactMessageAndChangesNothing) {
  const BrokenCase& c = GetParam();
  testing::TempDir dir;
  Files files = c.on_fixture ? testing::DistrictFixture() : Files{};
  for (const auto& [name, content] : c.files) {
    if (name == c.append_to) {
      files[name] += content;
    } else {
      files[name] = content;
    }
  }
  testing::WriteFiles(dir.path(), files);
  LoadReport report;
  auto network = Network::Load(dir.path(), {}, &report);
  ASSERT_FALSE(network.ok()) << c.name;
  EXPECT_EQ(network.status().code(), absl::StatusCode::kInvalidArgument);
  ASSERT_GE(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].ToString(), dir.path() + "/" + c.expected);
  // The status message is the first error (plus a count when there are more).
  EXPECT_EQ(std::string(network.status().message()).rfind(dir.path() + "/" + c.expected, 0), 0u);
}

INSTANTIATE_TEST_SUITE_P(Corpus, BrokenCorpusTest, ::testing::ValuesIn(Corpus()),
                         [](const auto& info) { return info.param.name; });

TEST(BrokenCorpusSize, HasAtLeastThirtyDatasets) { EXPECT_GE(Corpus().size(), 30u); }

TEST(BrokenFolderTest, MissingFolderOrOrgsFileIsNotFound) {
  testing::TempDir dir;
  auto missing = Network::Load(dir.sub("nowhere"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), dir.sub("nowhere") + ": no such dataset folder");
  testing::WriteFiles(dir.path(), {{"grids.csv", "id,community\n"}});
  LoadReport report;
  auto no_orgs = Network::Load(dir.path(), {}, &report);
  ASSERT_FALSE(no_orgs.ok());
  EXPECT_EQ(no_orgs.status().code(), absl::StatusCode::kNotFound);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].ToString(), dir.sub("orgs.csv") + ": required file is missing");
}

}  // namespace
}  // namespace orgnet
