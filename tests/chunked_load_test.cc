// Streamed tables (members, links, events, ...) are read in chunks on several threads and
// typed as they are read: whatever the chunk size and the threads, a load gives the same
// network and the same report, byte for byte, as one chunk read on one thread.
#include <string>
#include <vector>

#include "fingerprint.h"
#include "gtest/gtest.h"
#include "load/loader.h"
#include "orgnet/network.h"
#include "test_util.h"

namespace orgnet {
namespace {

using testing::Files;

// Sets the chunk size for the scope of a test.
class ChunkBytes {
 public:
  explicit ChunkBytes(std::size_t bytes) : previous_(internal::SetStreamChunkBytesForTesting(bytes)) {}
  ~ChunkBytes() { internal::SetStreamChunkBytesForTesting(previous_); }

 private:
  std::size_t previous_;
};

// Everything a load says: the status, every diagnostic kept and the counts.
std::string Said(const absl::StatusOr<Network>& network, const LoadReport& report) {
  std::string out = network.ok() ? "ok\n" : std::string(network.status().message()) + "\n";
  for (const Diagnostic& d : report.errors) out += "E " + d.ToString() + "\n";
  for (const Diagnostic& d : report.warnings) out += "W " + d.ToString() + "\n";
  out += "errors " + std::to_string(report.error_count) + " warnings " +
         std::to_string(report.warning_count) + (report.truncated ? " truncated" : "") + "\n";
  return out;
}

struct Loaded {
  std::string said;
  std::string fingerprint;  // empty when the load failed
};

Loaded LoadWith(const std::string& folder, std::size_t chunk_bytes, int threads,
                int max_errors = 100) {
  ChunkBytes chunk(chunk_bytes);
  LoadOptions options;
  options.threads = threads;
  options.max_errors = max_errors;
  LoadReport report;
  auto network = Network::Load(folder, options, &report);
  Loaded loaded;
  // Paths differ between folders only by their prefix: show them relative.
  loaded.said = Said(network, report);
  for (std::size_t at; (at = loaded.said.find(folder)) != std::string::npos;) {
    loaded.said.replace(at, folder.size(), "DATA");
  }
  if (network.ok()) loaded.fingerprint = testing::Fingerprint(*network);
  return loaded;
}

// Loads @p folder with one chunk on one thread, then with every chunk size in a list (down to
// one byte) on one and two threads, and expects the same every time. Returns the first load.
Loaded ExpectSameWhateverTheChunks(const std::string& folder, int max_errors = 100,
                                   std::vector<std::size_t> sizes = {1, 2, 3, 5, 8, 13, 40, 97,
                                                                     256, 1000, 4096}) {
  const Loaded whole = LoadWith(folder, std::size_t{1} << 30, 1, max_errors);
  for (std::size_t bytes : sizes) {
    for (int threads : {1, 2, 3}) {
      const Loaded chunked = LoadWith(folder, bytes, threads, max_errors);
      EXPECT_EQ(chunked.said, whole.said) << bytes << "-byte chunks, " << threads << " threads";
      EXPECT_TRUE(chunked.fingerprint == whole.fingerprint)
          << bytes << "-byte chunks, " << threads << " threads: the networks differ";
    }
  }
  return whole;
}

TEST(ChunkedLoadTest, TheBundledDistrictLoadsTheSameWhateverTheChunks) {
  // (About 1 MB of streamed files: a few hundred to a few thousand chunks each.)
  const Loaded whole =
      ExpectSameWhateverTheChunks(ORGNET_EXAMPLES_DIR "/district", 100, {251, 4093, 65536});
  EXPECT_EQ(whole.said.substr(0, 3), "ok\n");
  EXPECT_FALSE(whole.fingerprint.empty());
}

TEST(ChunkedLoadTest, TheFixtureLoadsTheSameWhateverTheChunks) {
  testing::TempDir dir;
  testing::WriteFiles(dir.path(), testing::DistrictFixture());
  EXPECT_EQ(ExpectSameWhateverTheChunks(dir.path()).said.substr(0, 3), "ok\n");
}

// A dataset whose streamed files hold what makes chunk boundaries hard: quoted fields with
// line breaks and doubled quotes, blank lines, CRLF line ends, a byte-order mark.
Files HardButValid() {
  Files files = testing::DistrictFixture();
  files["members.csv"] =
      "\xEF\xBB\xBFid,name,org,status,unit,community,mobile,station,away_since,last_contact\r\n"
      "M1,\"line one\r\nline two\",B1,formal,,,1,,,2026-01-01\r\n"
      "\r\n"
      "M2,\"say \"\"hi\"\"\n\n,,\",B1,probationary,,,0,,2025-12-31,\n"
      "\n\n"
      "M3,\"\",B2,formal,,,,,,\n"
      "M4,plain,B2,formal,,,,,,";
  files["links.csv"] =
      "a,b,kind,since,until\n\nC1,C2,\"pair\ning\",2024-01-01,\n\"C1\",\"C3\",joint,,\n";
  return files;
}

TEST(ChunkedLoadTest, QuotedLineBreaksBlankLinesAndCrlfLoadTheSame) {
  testing::TempDir dir;
  testing::WriteFiles(dir.path(), HardButValid());
  const Loaded whole = ExpectSameWhateverTheChunks(dir.path());
  ASSERT_EQ(whole.said.substr(0, 3), "ok\n") << whole.said;
  // And the cells are what the file says (worked out by hand).
  auto network = Network::Load(dir.path());
  ASSERT_TRUE(network.ok());
  const Network& net = *network;
  ASSERT_EQ(net.rows(Table::kMembers), 4u);
  EXPECT_EQ(net.CellText(Table::kMembers, 0, 1), "line one\r\nline two");
  EXPECT_EQ(net.CellText(Table::kMembers, 1, 1), "say \"hi\"\n\n,,");
  EXPECT_EQ(net.CellText(Table::kMembers, 2, 1), "");
  EXPECT_EQ(net.CellText(Table::kMembers, 3, 0), "M4");
  EXPECT_EQ(net.CellText(Table::kMembers, 1, 8), "2025-12-31");
  EXPECT_EQ(net.CellText(Table::kLinks, 0, 2), "pair\ning");
  EXPECT_EQ(net.rows(Table::kLinks), 2u);
}

struct BrokenStream {
  std::string name;
  Files files;         // over the fixture
  std::string first;   // the first error, paths relative to the folder
};

std::vector<BrokenStream> BrokenStreams() {
  const std::string header =
      "id,name,org,status,unit,community,mobile,station,away_since,last_contact\n";
  std::string many_bad_dates = header;
  for (int i = 0; i < 300; ++i) {
    many_bad_dates += "M" + std::to_string(i) + ",x,B1,formal,,,,,2025-13-0" +
                      std::to_string(i % 10) + ",\n";
  }
  std::string many_bad_records = header;
  for (int i = 0; i < 300; ++i) many_bad_records += "M" + std::to_string(i) + ",x\n";
  std::string late_bad_text = many_bad_records + "M9,\xff,B1,formal,,,,,,\n";
  std::string quote_across = header + "M1,x,B1,formal,,,,,,\n";
  for (int i = 0; i < 40; ++i) quote_across += "M" + std::to_string(i + 2) + ",\"a\nb\",B1,formal,,,,,,\n";
  quote_across += "M99,x,B9,formal,,,,,,\n";
  std::string many_unknown = header;
  for (int i = 0; i < 250; ++i) {
    many_unknown += "M" + std::to_string(i) + ",x,B" + std::to_string(i % 3 + 1) +
                    ",formal,U" + std::to_string(i % 7) + ",,,,,\n";
  }
  return {
      {"many_bad_dates", {{"members.csv", many_bad_dates}},
       "members.csv:2: column away_since: bad date \"2025-13-00\": expected a calendar date "
       "YYYY-MM-DD"},
      {"many_bad_records", {{"members.csv", many_bad_records}},
       "members.csv:2: record has 2 fields; the header has 10"},
      {"late_bad_text_wins", {{"members.csv", late_bad_text}},
       "members.csv:302:3: invalid UTF-8 (byte 0xFF)"},
      {"quoted_line_breaks_then_an_unknown_org", {{"members.csv", quote_across}},
       "members.csv:83: column org: unknown org id \"B9\""},
      {"unknown_units_between_known_orgs", {{"members.csv", many_unknown}},
       "members.csv:2: column unit: unknown unit id \"U0\""},
      {"unterminated_quote_in_the_middle",
       {{"links.csv", "a,b,kind,since,until\nC1,C2,pairing,,\nC1,\"C3,joint,,\nC2,C3,joint,,\n"}},
       "links.csv:3:3: unterminated quoted field: the file ends before its closing quote"},
      {"syntax_error_in_orgs_hides_typing_errors_in_members",
       {{"orgs.csv", "id,name,kind\nA,\"a\"b,street\n"}, {"members.csv", many_bad_dates}},
       "orgs.csv:2:5: unexpected character after a closing quote (expected a comma or a line "
       "end)"},
      {"syntax_error_in_members_hides_typing_errors_in_orgs",
       {{"orgs.csv", "id,name,kind,parent\nA,a,street,NOPE\n"}, {"members.csv", many_bad_records}},
       "members.csv:2: record has 2 fields; the header has 10"},
      // FE FF is a UTF-16 byte-order mark only at a file's first byte: inside a streamed
      // file, whatever chunk it starts, it is bad text and nothing more (a fuzz finding).
      {"utf16_mark_inside_a_file",
       {{"links.csv", "a,b,kind,since,until\nC1,C2,pairing,,\n\xfe\xff,C3,joint,,\n"}},
       "links.csv:3:0: invalid UTF-8 (byte 0xFE)"},
      {"utf16_mark_at_a_file_start",
       {{"links.csv", "\xfe\xff" "a,b,kind,since,until\nC1,C2,pairing,,\n"}},
       "links.csv:1:0: invalid UTF-8 (byte 0xFE): the file starts with a UTF-16 byte-order mark "
       "(save it as UTF-8)"},
      {"events_missing_a_required_column",
       {{"events.csv", "id,grid,category\nE1,G1,noise\nE2,G1,noise\n"}},
       "events.csv:1: column reported: missing required column"},
  };
}

class BrokenStreamTest : public ::testing::TestWithParam<BrokenStream> {};

void PrintTo(const BrokenStream& c, std::ostream* out) { *out << c.name; }

TEST_P(BrokenStreamTest, SameReportWhateverTheChunksAndItsFirstErrorByHand) {
  const BrokenStream& c = GetParam();
  testing::TempDir dir;
  Files files = testing::DistrictFixture();
  for (const auto& [name, content] : c.files) files[name] = content;
  testing::WriteFiles(dir.path(), files);
  for (int max_errors : {1, 7, 100}) {
    const Loaded whole = ExpectSameWhateverTheChunks(dir.path(), max_errors);
    ASSERT_EQ(whole.said.substr(0, whole.said.find('\n')).rfind("DATA/" + c.first, 0), 0u)
        << whole.said;
    EXPECT_TRUE(whole.fingerprint.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Streams, BrokenStreamTest, ::testing::ValuesIn(BrokenStreams()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace orgnet
