// The COPY readers: crafted streams (PostgreSQL's binary and text formats, and openGauss's
// binary stream without its trailer) read whole and split at every byte give the same tuples;
// every malformation the specification names is refused. Values are turned into cells as the
// specification's binary forms say (numeric, date, uuid, float4, ...).
#include <cstdint>
#include <string>
#include <vector>

#include "database/copy_binary.h"
#include "database/copy_text.h"
#include "database/pg_value.h"
#include "gtest/gtest.h"

namespace orgnet::internal {
namespace {

std::string Be(std::uint64_t value, int bytes) {
  std::string out;
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
  return out;
}
std::string Header(std::uint32_t flags = 0, const std::string& extension = "") {
  return std::string("PGCOPY\n\377\r\n\0", 11) + Be(flags, 4) + Be(extension.size(), 4) + extension;
}
std::string Field(const std::string& bytes) { return Be(bytes.size(), 4) + bytes; }
std::string Null() { return Be(0xFFFFFFFFu, 4); }
const std::string kTrailer = Be(0xFFFF, 2);

// Rows read, each field as "NULL" or its bytes.
using Rows = std::vector<std::vector<std::string>>;

struct Outcome {
  Rows rows;
  std::string error;  // "" when the stream read
};

template <typename Reader>
Outcome ReadWith(const std::vector<std::string>& pieces, int fields) {
  Outcome out;
  Reader reader(fields, [&](absl::Span<const CopyField> tuple) {
    std::vector<std::string> row;
    for (const CopyField& f : tuple) row.push_back(f.null ? "NULL" : std::string(f.bytes));
    out.rows.push_back(row);
    return true;
  });
  for (const std::string& piece : pieces) {
    if (absl::Status s = reader.Feed(piece); !s.ok()) {
      out.error = std::string(s.message());
      return out;
    }
  }
  if (absl::Status s = reader.Finish(); !s.ok()) out.error = std::string(s.message());
  return out;
}
Outcome ReadBinary(const std::vector<std::string>& pieces, int fields) {
  return ReadWith<CopyBinaryReader>(pieces, fields);
}
Outcome ReadText(const std::vector<std::string>& pieces, int fields) {
  return ReadWith<CopyTextReader>(pieces, fields);
}

// The stream read whole, in two pieces split at every byte, and one byte at a time.
template <typename Read>
void ExpectSameWhateverThePieces(const std::string& stream, int fields, const Outcome& expected,
                                 Read read) {
  const Outcome whole = read({stream}, fields);
  EXPECT_EQ(whole.error, expected.error);
  EXPECT_EQ(whole.rows, expected.rows);
  for (std::size_t at = 0; at <= stream.size(); ++at) {
    const Outcome split = read({stream.substr(0, at), stream.substr(at)}, fields);
    ASSERT_EQ(split.error, expected.error) << "split at byte " << at;
    ASSERT_EQ(split.rows, expected.rows) << "split at byte " << at;
  }
  std::vector<std::string> bytes;
  for (const char c : stream) bytes.emplace_back(1, c);
  const Outcome single = read(bytes, fields);
  EXPECT_EQ(single.error, expected.error);
  EXPECT_EQ(single.rows, expected.rows);
}

std::string TwoTuples() {
  return Be(3, 2) + Field("O1") + Null() + Field(Be(42, 4)) + Be(3, 2) + Field("区委") + Field("") +
         Field(Be(7, 4));
}
const Rows kTwoRows = {{"O1", "NULL", Be(42, 4)}, {"区委", "", Be(7, 4)}};

TEST(CopyBinaryReader, ReadsTheSameTuplesWhateverThePieces) {
  ExpectSameWhateverThePieces(Header() + TwoTuples() + kTrailer, 3, {kTwoRows, ""}, ReadBinary);
}

TEST(CopyBinaryReader, AcceptsAStreamWithoutItsTrailer) {  // openGauss ends so
  ExpectSameWhateverThePieces(Header() + TwoTuples(), 3, {kTwoRows, ""}, ReadBinary);
}

TEST(CopyBinaryReader, SkipsTheHeaderExtensionByItsLength) {
  ExpectSameWhateverThePieces(Header(0, std::string("\0\1\2PGCOPY\n", 10)) + TwoTuples() + kTrailer,
                              3, {kTwoRows, ""}, ReadBinary);
}

TEST(CopyBinaryReader, IgnoresFlagBits17To31AndSkipsOidsUnderBit16) {
  ExpectSameWhateverThePieces(Header(0xFFFE0000u) + TwoTuples() + kTrailer, 3, {kTwoRows, ""},
                              ReadBinary);
  // Bit 16: each tuple's OID field follows its count, outside the count.
  const std::string with_oids = Be(3, 2) + Field(Be(16384, 4)) + Field("O1") + Null() +
                                Field(Be(42, 4)) + Be(3, 2) + Field(Be(16385, 4)) + Field("区委") +
                                Field("") + Field(Be(7, 4));
  ExpectSameWhateverThePieces(Header(1u << 16) + with_oids + kTrailer, 3, {kTwoRows, ""},
                              ReadBinary);
}

TEST(CopyBinaryReader, RefusesWhatTheSpecificationSaysToRefuse) {
  EXPECT_EQ(ReadBinary({Header(1u) + TwoTuples()}, 3).error,
            "binary COPY stream, byte 11: unknown format-critical flag bits 0x1 (bits 0-15 must "
            "be zero; this reader knows none)");
  EXPECT_EQ(ReadBinary({Header(0x8000u)}, 3).error.substr(0, 57),
            "binary COPY stream, byte 11: unknown format-critical flag");
  EXPECT_EQ(ReadBinary({"PGCOPY\nX"}, 3).error,
            "binary COPY stream, byte 0: not a binary COPY stream (the signature "
            "PGCOPY\\n\\377\\r\\n\\0 is missing)");
  EXPECT_EQ(ReadBinary({"1\t2\n"}, 3).error.substr(0, 55),
            "binary COPY stream, byte 0: not a binary COPY stream (t");
  EXPECT_EQ(ReadBinary({Header() + TwoTuples().substr(0, 25)}, 3).error,
            "binary COPY stream, byte 44: the stream ended inside a tuple");
  EXPECT_EQ(ReadBinary({Header().substr(0, 15)}, 3).error,
            "binary COPY stream, byte 15: the stream ended inside its header");
  EXPECT_EQ(ReadBinary({}, 3).error,
            "binary COPY stream, byte 0: the stream ended inside its header");
  EXPECT_EQ(ReadBinary({Header() + TwoTuples()}, 2).error,
            "binary COPY stream, byte 19: a tuple with 3 fields; the query has 2");
  EXPECT_EQ(ReadBinary({Header() + Be(1, 2) + Be(0xFFFFFFFEu, 4)}, 1).error,
            "binary COPY stream, byte 21: a field length of -2");
  EXPECT_EQ(ReadBinary({Header() + TwoTuples() + kTrailer + "x"}, 3).error,
            "binary COPY stream, byte 65: data after the end-of-data trailer");
  // Split anywhere, a refusal is the same refusal.
  ExpectSameWhateverThePieces(Header() + TwoTuples() + kTrailer + "x", 3,
                              ReadBinary({Header() + TwoTuples() + kTrailer + "x"}, 3), ReadBinary);
}

TEST(CopyTextReader, ReadsEscapesNullsAndLineEndsWhateverThePieces) {
  const std::string stream =
      "O1\t\\N\t42\n"
      "a\\tb\\\\c\\nd\\101\\x41\\q\t\t7\r\n"
      "区委\t\\\\N\t\n";
  const Rows rows = {{"O1", "NULL", "42"}, {"a\tb\\c\ndAAq", "", "7"}, {"区委", "\\N", ""}};
  ExpectSameWhateverThePieces(stream, 3, {rows, ""}, ReadText);
  // The end marker of older servers ends the rows; a last row without its line end is a row.
  ExpectSameWhateverThePieces("x\t1\n\\.\n", 2, {{{"x", "1"}}, ""}, ReadText);
  ExpectSameWhateverThePieces("x\t1", 2, {{{"x", "1"}}, ""}, ReadText);
  EXPECT_EQ(ReadText({"x\t1\ny\n"}, 2).error,
            "text COPY stream, row 2: a row with 1 fields; the query has 2");
  EXPECT_EQ(ReadText({"x\\\n"}, 1).error,
            "text COPY stream, row 1: field 1 ends in a lone backslash");
}

std::string Cell(std::uint32_t type, const std::string& bytes, bool flag = false,
                 WireFormat format = WireFormat::kBinary) {
  std::string out;
  const std::string wrong = AppendCellText(out, type, format, bytes, flag);
  return wrong.empty() ? out : "error: " + wrong;
}

// numeric's binary form from its parts (PostgreSQL's numeric_send).
std::string Numeric(int weight, unsigned sign, int dscale, std::vector<int> digits) {
  std::string out = Be(digits.size(), 2) + Be(static_cast<std::uint16_t>(weight), 2) + Be(sign, 2) +
                    Be(static_cast<std::uint16_t>(dscale), 2);
  for (int d : digits) out += Be(static_cast<std::uint16_t>(d), 2);
  return out;
}

TEST(PgValue, BinaryValuesBecomeTheCellsACsvFileWouldHold) {
  EXPECT_EQ(Cell(pg_type::kInt2, Be(0xFFFF, 2)), "-1");
  EXPECT_EQ(Cell(pg_type::kInt4, Be(2147483647u, 4)), "2147483647");
  EXPECT_EQ(Cell(pg_type::kInt8, Be(0xFFFFFFFFFFFFFFFFull, 8)), "-1");
  EXPECT_EQ(Cell(pg_type::kBool, std::string(1, '\1'), true), "1");
  EXPECT_EQ(Cell(pg_type::kBool, std::string(1, '\0'), true), "0");
  EXPECT_EQ(Cell(pg_type::kBool, std::string(1, '\1'), false), "true");
  // 2000-01-01 is day 0 of PostgreSQL's dates; 2024-02-29 is day 8825.
  EXPECT_EQ(Cell(pg_type::kDate, Be(0, 4)), "2000-01-01");
  EXPECT_EQ(Cell(pg_type::kDate, Be(8825, 4)), "2024-02-29");
  EXPECT_EQ(Cell(pg_type::kDate, Be(0xFFFFFFFFu, 4)), "1999-12-31");
  EXPECT_EQ(Cell(pg_type::kDate, Be(0x7FFFFFFF, 4)), "infinity");
  EXPECT_EQ(Cell(pg_type::kNumeric, Numeric(1, 0, 3, {1, 2345, 6780})), "12345.678");
  EXPECT_EQ(Cell(pg_type::kNumeric, Numeric(-1, 0x4000, 1, {5000})), "-0.5");
  EXPECT_EQ(Cell(pg_type::kNumeric, Numeric(0, 0, 2, {})), "0.00");
  EXPECT_EQ(Cell(pg_type::kNumeric, Numeric(2, 0, 0, {1})), "100000000");
  EXPECT_EQ(Cell(pg_type::kNumeric, Numeric(-2, 0, 6, {1200})), "0.000012");
  EXPECT_EQ(Cell(pg_type::kNumeric, Numeric(0, 0xC000, 0, {})), "NaN");
  EXPECT_EQ(
      Cell(pg_type::kUuid,
           std::string("\x12\x34\x56\x78\x9a\xbc\xde\xf0\x01\x23\x45\x67\x89\xab\xcd\xef", 16)),
      "12345678-9abc-def0-0123-456789abcdef");
  EXPECT_EQ(Cell(pg_type::kFloat4, Be(0x3DCCCCCD, 4)), "0.1");  // the float's own shortest form
  EXPECT_EQ(Cell(pg_type::kFloat8, Be(0x405EC7AE147AE148ull, 8)), "123.12");
  EXPECT_EQ(Cell(pg_type::kBpchar, "O1   "), "O1");
  EXPECT_EQ(Cell(pg_type::kText, "O1   "), "O1   ");
  EXPECT_EQ(Cell(pg_type::kInt4, Be(1, 2)), "error: integer value of 2 bytes");
  EXPECT_EQ(Cell(pg_type::kNumeric, Numeric(0, 0, 0, {10000})), "error: a malformed numeric value");
  // The text format: the server's output text, booleans and char(n) made the dataset's.
  EXPECT_EQ(Cell(pg_type::kBool, "t", true, WireFormat::kText), "1");
  EXPECT_EQ(Cell(pg_type::kBool, "f", false, WireFormat::kText), "false");
  EXPECT_EQ(Cell(pg_type::kBpchar, "ab  ", false, WireFormat::kText), "ab");
  EXPECT_EQ(Cell(pg_type::kDate, "2024-02-29", false, WireFormat::kText), "2024-02-29");
}

}  // namespace
}  // namespace orgnet::internal
