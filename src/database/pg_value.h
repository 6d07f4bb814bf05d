// A database value as a dataset cell: the text the CSV file would hold, so that every check of
// the CSV loader applies to it unchanged (docs/database.md, "Types").
#ifndef ORGNET_SRC_DATABASE_PG_VALUE_H_
#define ORGNET_SRC_DATABASE_PG_VALUE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace orgnet::internal {

// The built-in type OIDs the loader reads as they are (the same numbers in PostgreSQL and the
// servers derived from it; no catalog is read for them). Any other type is cast to text by the
// query (col::text), and timestamps to dates (col::date) in the session's time zone.
namespace pg_type {
inline constexpr std::uint32_t kBool = 16;
inline constexpr std::uint32_t kName = 19;
inline constexpr std::uint32_t kInt8 = 20;
inline constexpr std::uint32_t kInt2 = 21;
inline constexpr std::uint32_t kInt4 = 23;
inline constexpr std::uint32_t kText = 25;
inline constexpr std::uint32_t kOid = 26;
inline constexpr std::uint32_t kFloat4 = 700;
inline constexpr std::uint32_t kFloat8 = 701;
inline constexpr std::uint32_t kBpchar = 1042;
inline constexpr std::uint32_t kVarchar = 1043;
inline constexpr std::uint32_t kDate = 1082;
inline constexpr std::uint32_t kTimestamp = 1114;
inline constexpr std::uint32_t kTimestampTz = 1184;
inline constexpr std::uint32_t kNumeric = 1700;
inline constexpr std::uint32_t kUuid = 2950;
}  // namespace pg_type

// How a type is read: as it comes (kDirect), cast to a date by the query (kAsDate: timestamps),
// or cast to text by the query (kAsText: every type not listed above).
enum class TypeReading { kDirect, kAsDate, kAsText };
TypeReading ReadingOf(std::uint32_t type_oid);

enum class WireFormat { kBinary, kText };

// Appends the cell text of a non-null value of type @p type_oid (one that ReadingOf reads
// kDirect, or kText / kDate after a cast) to @p out. @p flag_column: a bool becomes "1"/"0"
// (the dataset's flags), else "true"/"false". Values with no dataset form (an infinite date,
// NaN) become their PostgreSQL text, which the cell checks refuse where a date or number is
// wanted. Returns "" or, for a binary value of the wrong size, what is wrong.
std::string AppendCellText(std::string& out, std::uint32_t type_oid, WireFormat format,
                           std::string_view value, bool flag_column);

// A binary int2, int4 or int8 as its value, a binary date as days since 1970-01-01 when its
// year is 1 to 9999 (what a date cell takes), a binary bool as 1 or 0: the number a cell of
// that value holds, without its text. nullopt for any other type, a value of the wrong size
// or a date outside those years (AppendCellText then gives the text that says what is wrong).
std::optional<std::int64_t> BinaryNumber(std::uint32_t type_oid, std::string_view value);

// Whether AppendCellText may give text that is not valid UTF-8, which the caller must then
// check: the server's own text (a text-like type, or any type in the text format); a binary
// number, date, bool or uuid is written as ASCII here.
bool CellTextNeedsCheck(std::uint32_t type_oid, WireFormat format);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_DATABASE_PG_VALUE_H_
