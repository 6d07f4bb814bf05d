// The snapshot file's layout (docs/snapshot.md): a 64-byte header, sections aligned to 64
// bytes, and a directory of 32-byte entries, all integers little-endian.
#ifndef ORGNET_SRC_SNAPSHOT_FORMAT_H_
#define ORGNET_SRC_SNAPSHOT_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace orgnet::internal::snapshot {

// "ORGNET", then a byte no text file starts a line with and a line feed (as PNG's signature:
// a transfer that mangles line ends or the high bit shows).
inline constexpr char kMagic[8] = {'O', 'R', 'G', 'N', 'E', 'T', '\x1a', '\n'};
// Written as a native 32-bit integer: a reader of the other byte order sees 0x04030201.
inline constexpr std::uint32_t kByteOrderMark = 0x01020304;
inline constexpr std::size_t kAlignment = 64;
inline constexpr std::uint16_t kNoTable = 0xFFFF;

struct Header {
  char magic[8];
  std::uint32_t format_version;
  std::uint32_t byte_order;
  std::uint64_t file_size;
  std::uint64_t directory_offset;
  std::uint32_t section_count;
  std::uint32_t reserved;  // 0
  std::uint64_t directory_checksum;
  std::uint64_t catalog_section;  // the directory entry of the catalog
  std::uint64_t header_checksum;  // XXH3-64 of the 56 bytes before it
};
static_assert(sizeof(Header) == 64);
inline constexpr std::size_t kHeaderChecked = offsetof(Header, header_checksum);

enum class SectionKind : std::uint32_t {
  kCatalog = 1,    // tables, columns, manifest (serialized as below)
  kTextBytes = 2,  // a kId/kText column's arena (a dictionary's: its values')
  kTextEnds = 3,   // its cells' ends (uint32), one a row (a dictionary's: one a value; a
                   // fixed-width column has none)
  kRefs = 4,       // uint32 rows, kNone for empty
  kIntegers = 5,   // int64, kNoInteger for empty
  kDates = 6,      // int32 days since 1970-01-01, kNoDate for empty
  kReals = 7,      // IEEE-754 double, NaN for empty
  kTwoBit = 8,     // flags and statuses, four to a byte, cell i in bits 2(i%4)
  kIdSlots = 9,    // a table's id index: uint32 rows or kNone (hash: XXH3-64, seed 0)
  kTextCodes = 10,  // a dictionary-encoded text column's codes (u8 a row)
};
inline constexpr std::uint32_t kLastSectionKind = 10;

struct SectionEntry {
  std::uint32_t kind;
  std::uint16_t table;   // kNoTable for the catalog
  std::uint16_t column;  // kNoTable for the catalog and id slots
  std::uint64_t offset;
  std::uint64_t bytes;
  std::uint64_t checksum;  // XXH3-64 of the section's bytes
};
static_assert(sizeof(SectionEntry) == 32);

inline std::uint64_t Checksum(const void* data, std::size_t bytes) {
  return XXH3_64bits(data, bytes);
}

inline std::string_view SectionKindName(std::uint32_t kind) {
  switch (static_cast<SectionKind>(kind)) {
    case SectionKind::kCatalog: return "catalog";
    case SectionKind::kTextBytes: return "text";
    case SectionKind::kTextEnds: return "text ends";
    case SectionKind::kRefs: return "references";
    case SectionKind::kIntegers: return "integers";
    case SectionKind::kDates: return "dates";
    case SectionKind::kReals: return "reals";
    case SectionKind::kTwoBit: return "flags";
    case SectionKind::kIdSlots: return "id index";
    case SectionKind::kTextCodes: return "text codes";
  }
  return "unknown";
}

// The catalog: for each of the 11 tables, u8 present, u32 rows, u32 columns, then per column
// u8 type, u8 target, u8 present, u8 text encoding (StringColumn::Encoding; 0 for other
// types), u32 width (fixed-width text, else 0), u32 name length, name; then the members' unknown community,
// street and district counts (i64 each); then u8 manifest present, i32 as_of, u32 entries,
// per entry u32 key length, key, u32 value length, value.

}  // namespace orgnet::internal::snapshot

#endif  // ORGNET_SRC_SNAPSHOT_FORMAT_H_
