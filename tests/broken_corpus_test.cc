// The broken-dataset corpus: one dataset per integrity rule and per malformation, each with
// the exact first error it must produce (file, line, column or byte, reason).
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "load/loader.h"
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
      // Issue 9: headers not on line 1, quoted headers, UTF-8 everywhere, BOMs and UTF-16.
      {"header_after_blank_lines", false, {{"orgs.csv", "\n\r\nid,name\nA,a\n"}}, "",
       "orgs.csv:3: column kind: missing required column"},
      {"quoted_header_missing_column", false, {{"orgs.csv", "\"id\",\"name\"\n\"A\",\"a\"\n"}}, "",
       "orgs.csv:1: column kind: missing required column"},
      {"duplicate_column_after_blank_line", false, {{"orgs.csv", "\nid,name,kind,name\n"}}, "",
       "orgs.csv:2: column name: duplicate column name"},
      {"invalid_utf8_in_header_after_blank_lines", false,
       {{"orgs.csv", "\n\nid,na\xffme,kind\nA,a,street\n"}}, "",
       "orgs.csv:3:5: invalid UTF-8 (byte 0xFF)"},
      {"invalid_utf8_on_the_second_line_of_a_quoted_header_cell", false,
       {{"orgs.csv", "id,\"na\nm\xc3" "e\",kind\nA,a,street\n"}}, "",
       "orgs.csv:2:1: invalid UTF-8 (byte 0xC3)"},
      {"invalid_utf8_in_a_quoted_cell", false,
       {{"orgs.csv", kOrgs + "\"A\",\"b\xe4\xb8\",\"street\"\n"}}, "",
       "orgs.csv:2:6: invalid UTF-8 (byte 0xE4)"},
      {"overlong_utf8", false, {{"orgs.csv", kOrgs + "A,\xc0\xaf,street\n"}}, "",
       "orgs.csv:2:2: invalid UTF-8 (byte 0xC0)"},
      {"utf8_above_u10ffff", false, {{"orgs.csv", kOrgs + "A,\xf4\x90\x80\x80,street\n"}}, "",
       "orgs.csv:2:2: invalid UTF-8 (byte 0xF4)"},
      {"nul_byte_in_a_cell", false, {{"orgs.csv", kOrgs + std::string("A,a\0b,street\n", 13)}}, "",
       "orgs.csv:2:3: NUL byte (0x00): text holds none; a file saved as UTF-16 has one beside "
       "every ASCII character (save it as UTF-8)"},
      {"utf16le_without_bom", false, {{"orgs.csv", std::string("i\0d\0,\0n\0\n\0", 10)}}, "",
       "orgs.csv:1:1: NUL byte (0x00): text holds none; a file saved as UTF-16 has one beside "
       "every ASCII character (save it as UTF-8)"},
      {"utf16le_with_bom", false, {{"orgs.csv", std::string("\xff\xfei\0d\0\n\0", 8)}}, "",
       "orgs.csv:1:0: invalid UTF-8 (byte 0xFF): the file starts with a UTF-16 byte-order mark "
       "(save it as UTF-8)"},
      {"bom_after_blank_lines", false, {{"orgs.csv", "\n\xef\xbb\xbfid,name,kind\nA,a,street\n"}},
       "", "orgs.csv:2:0: byte-order mark (U+FEFF) after blank lines: a BOM belongs at the very "
           "start of the file, before the header"},
      {"doubled_bom", false, {{"orgs.csv", "\xef\xbb\xbf\xef\xbb\xbfid,name,kind\nA,a,street\n"}},
       "", "orgs.csv:1:0: doubled byte-order mark (U+FEFF): the file starts with two; keep one"},
      {"manifest_header_after_blank_line", false,
       {{"orgs.csv", kOrgs + "A,a,street\n"}, {"manifest.csv", "\nkey,val\n"}}, "",
       "manifest.csv:2: column value: missing required column"},
      // Issue 9: integers are capped so that every sum fits; both bounds are named.
      {"households_above_the_cap", true, {{"grids.csv", "G9,x,C1,2147483648,,\n"}}, "grids.csv",
       "grids.csv:6: column households: integer 2147483648 out of range: must be >= 0 and <= "
       "2147483647"},
      {"int64_max_households", true, {{"grids.csv", "G9,x,C1,9223372036854775807,,\n"}},
       "grids.csv",
       "grids.csv:6: column households: integer 9223372036854775807 out of range: must be >= 0 "
       "and <= 2147483647"},
      {"fund_amount_past_64_bits", true,
       {{"funds.csv", "org,source,amount,year\nC1,dues,18446744073709551616,2026\n"}}, "",
       "funds.csv:2: column amount: integer \"18446744073709551616\" out of range: must be >= 0 "
       "and <= 2147483647"},
      {"need_amount_above_the_cap", true,
       {{"needs.csv", "id,org,category,amount\nN1,C1,venue,4294967296\n"}}, "",
       "needs.csv:2: column amount: integer 4294967296 out of range: must be >= 1 and <= "
       "2147483647"},
      {"employees_negative", true, {{"units.csv", "UD,丁,enterprise,G1,,,,-1\n"}}, "units.csv",
       "units.csv:5: column employees: integer -1 out of range: must be >= 0 and <= 2147483647"},
      // Issue 9: messages quote a bounded prefix of a cell.
      {"huge_coordinate", true, {{"grids.csv", "G9,x,C1,," + Repeat('9', 100000) + ",39\n"}},
       "grids.csv",
       "grids.csv:6: column lon: bad number \"" + Repeat('9', 60) + "...\" (100000 bytes)"},
      {"huge_unknown_reference", true, {{"units.csv", "UD,丁,enterprise," + Repeat('g', 100000) +
                                                         ",,,,\n"}},
       "units.csv",
       "units.csv:5: column grid: unknown grid id \"" + Repeat('g', 60) + "...\" (100000 bytes)"},
      {"dates_at_the_edges_are_fine_but_not_beyond", true,
       {{"links.csv", "C1,C2,pairing,0001-01-01,9999-12-31\nC1,C2,pairing,0000-12-31,\n"}},
       "links.csv",
       "links.csv:5: column since: bad date \"0000-12-31\": expected a calendar date YYYY-MM-DD"},
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
  // Streamed files read in chunks of a few bytes on two threads say the same.
  auto said = [](const absl::StatusOr<Network>& n, const LoadReport& r) {
    std::string out(n.status().message());
    for (const Diagnostic& d : r.errors) out += "\n" + d.ToString();
    for (const Diagnostic& d : r.warnings) out += "\n" + d.ToString();
    return out + "\n" + std::to_string(r.error_count) + " " + std::to_string(r.warning_count);
  };
  const std::string whole = said(network, report);
  for (std::size_t bytes : {1, 7}) {
    const std::size_t previous = internal::SetStreamChunkBytesForTesting(bytes);
    LoadOptions two_threads;
    two_threads.threads = 2;
    LoadReport chunked_report;
    auto chunked = Network::Load(dir.path(), two_threads, &chunked_report);
    internal::SetStreamChunkBytesForTesting(previous);
    EXPECT_EQ(said(chunked, chunked_report), whole) << bytes << "-byte chunks";
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, BrokenCorpusTest, ::testing::ValuesIn(Corpus()),
                         [](const auto& info) { return info.param.name; });

TEST(BrokenCorpusSize, HasAtLeastThirtyDatasets) { EXPECT_GE(Corpus().size(), 30u); }

// Issue 9: what stands in a file's place is looked at before anything opens it.
class BrokenFileTest : public ::testing::Test {
 protected:
  void SetUp() override { testing::WriteFiles(dir_.path(), testing::DistrictFixture()); }
  std::string FirstError() {
    LoadReport report;
    auto network = Network::Load(dir_.path(), {}, &report);
    EXPECT_FALSE(network.ok());
    if (network.ok() || report.errors.empty()) return "(loaded)";
    EXPECT_EQ(network.status().code(), absl::StatusCode::kInvalidArgument);
    return report.errors[0].ToString();
  }
  testing::TempDir dir_;
};

TEST_F(BrokenFileTest, FifoInPlaceOfAFileIsAnErrorNotAHang) {
  ASSERT_EQ(mkfifo(dir_.sub("events.csv").c_str(), 0644), 0);
  EXPECT_EQ(FirstError(), dir_.sub("events.csv") + ": cannot read: not a regular file (a FIFO)");
}

TEST_F(BrokenFileTest, SymlinkLoopIsAnErrorNotAMissingFile) {
  ASSERT_EQ(symlink("centres.csv", dir_.sub("centres.csv").c_str()), 0);
  EXPECT_EQ(FirstError(),
            dir_.sub("centres.csv") + ": cannot read: Too many levels of symbolic links");
}

TEST_F(BrokenFileTest, BrokenSymlinkIsAnError) {
  ASSERT_EQ(symlink("nowhere.csv", dir_.sub("funds.csv").c_str()), 0);
  EXPECT_EQ(FirstError(), dir_.sub("funds.csv") +
                              ": cannot read: broken symbolic link (its target does not exist)");
}

TEST_F(BrokenFileTest, FolderInPlaceOfAFile) {
  ASSERT_EQ(mkdir(dir_.sub("needs.csv").c_str(), 0755), 0);
  EXPECT_EQ(FirstError(), dir_.sub("needs.csv") + ": cannot read: a folder, not a file");
}

TEST_F(BrokenFileTest, FolderPathWithANulByteIsInvalid) {
  const std::string path = dir_.path() + std::string("\0/elsewhere", 11);
  auto network = Network::Load(path);
  ASSERT_FALSE(network.ok());
  EXPECT_EQ(network.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(network.status().message(),
            "folder: the path holds a NUL byte at byte " + std::to_string(dir_.path().size()) +
                " (a path cannot)");
}

// An unreadable file, read by an unprivileged process: as root (CI) a child drops to nobody
// first, since root reads any file.
TEST_F(BrokenFileTest, UnreadableFileNamesTheReason) {
  ASSERT_EQ(chmod(dir_.sub("staff.csv").c_str(), 0), 0);
  ASSERT_EQ(chmod(dir_.path().c_str(), 0755), 0);
  const std::string expected = dir_.sub("staff.csv") + ": cannot read: Permission denied";
  if (geteuid() != 0) {
    EXPECT_EQ(FirstError(), expected);
    return;
  }
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(pipe_fds[0]);
    if (setgid(65534) != 0 || setuid(65534) != 0) _exit(3);
    LoadReport report;
    auto network = Network::Load(dir_.path(), {}, &report);
    const std::string got = network.ok() || report.errors.empty() ? std::string("(loaded)")
                                                                   : report.errors[0].ToString();
    if (write(pipe_fds[1], got.data(), got.size()) < 0) _exit(4);
    _exit(0);
  }
  close(pipe_fds[1]);
  std::string got;
  char buffer[512];
  for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) got.append(buffer, n);
  close(pipe_fds[0]);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
  EXPECT_EQ(got, expected);
}

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
