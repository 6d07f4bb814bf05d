// Network::OpenSnapshot: maps the file, checks the header, the directory and the catalog, then
// (verified mode) every section's checksum and values, read with pread(2) so that checking
// makes nothing resident; the columns borrow the mapping, the hierarchy and territory are
// rebuilt from them as a load builds them.
#include "snapshot/reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <numeric>
#include <string>
#include <vector>

#include "build/build.h"
#include "base/progress_meter.h"
#include "model/id_index.h"
#include "base/large_memory.h"
#include "model/network_impl.h"
#include "base/parallel.h"
#include "base/text.h"
#include "base/utf8.h"
#include "snapshot/format.h"

namespace orgnet {
namespace internal {
namespace {

namespace fmt = snapshot;

// The bytes of a snapshot: a read-only mapping of a file, or a buffer in memory.
struct Source {
  const char* data = nullptr;
  std::size_t size = 0;
  int fd = -1;  // a mapped file's descriptor (sections are checked by pread), or -1
  std::string name;
  std::shared_ptr<const void> owner;  // keeps `data` alive; the columns hold it too
};

// A file read into memory (SnapshotOptions::load_into_memory).
struct MemoryBlock {
  explicit MemoryBlock(std::size_t bytes)
      : data(static_cast<char*>(AllocateBlock(bytes))), size(bytes) {}
  MemoryBlock(const MemoryBlock&) = delete;
  MemoryBlock& operator=(const MemoryBlock&) = delete;
  ~MemoryBlock() { FreeBlock(data, size); }
  char* data;
  std::size_t size;
};

class MappedFile {
 public:
  MappedFile(void* data, std::size_t size) : data_(data), size_(size) {}
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile() {
    if (data_ != nullptr) ::munmap(data_, size_);
  }

 private:
  void* data_;
  std::size_t size_;
};

// Reads [offset, offset + bytes) in chunks (multiples of 64 bytes, so that no value straddles
// two), calling fn(chunk, chunk_bytes, bytes_before) until it returns false. A mapped file is
// read with pread(2) into a buffer that stays in the core's cache: measured faster than
// faulting the mapping's pages in (docs/snapshot.md), and checking a section leaves nothing of
// it resident. False when a read fails.
constexpr std::size_t kChunk = std::size_t{1} << 20;

template <typename Fn>
bool Scan(const Source& source, std::uint64_t offset, std::uint64_t bytes, Fn&& fn) {
  if (source.fd < 0) {
    for (std::uint64_t done = 0; done < bytes; done += kChunk) {
      const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, bytes - done));
      if (!fn(source.data + offset + done, n, done)) return true;
    }
    return true;
  }
  auto buffer = std::make_unique<std::uint64_t[]>(
      static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, bytes) + 7) / 8);
  char* chunk = reinterpret_cast<char*>(buffer.get());
  for (std::uint64_t done = 0; done < bytes;) {
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, bytes - done));
    std::size_t got = 0;
    while (got < want) {
      const ssize_t n = ::pread(source.fd, chunk + got, want - got,
                                static_cast<off_t>(offset + done + got));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      got += static_cast<std::size_t>(n);
    }
    if (!fn(chunk, want, done)) return true;
    done += want;
  }
  return true;
}

// Checks a section of text bytes, met in chunks, for valid text (UTF-8 without NUL, as the
// loader accepts: model/utf8.h): a character cut by a chunk's end is finished with the next.
class TextStream {
 public:
  // False at the first byte that is not text: *at is its offset in the section, *why says why.
  bool Feed(const char* p, std::size_t n, std::uint64_t before, bool last, std::uint64_t* at,
            std::string* why) {
    std::size_t start = 0;
    if (carried_ > 0) {
      const std::size_t length = Length(static_cast<unsigned char>(carry_[0]));
      const std::size_t take = std::min(length - carried_, n);
      std::memcpy(carry_ + carried_, p, take);
      carried_ += take;
      if (carried_ < length && !last) return true;  // a chunk shorter than a character
      const std::string_view joined(carry_, carried_);
      if (carried_ < length || internal::ValidTextPrefix(joined) != length) {
        *at = carry_at_;
        *why = internal::InvalidTextReason(joined, 0);
        return false;
      }
      carried_ = 0;
      start = take;
    }
    const std::string_view rest(p + start, n - start);
    const std::size_t valid = internal::ValidTextPrefix(rest);
    if (valid == rest.size()) return true;
    const std::size_t tail = rest.size() - valid;
    const std::size_t length = Length(static_cast<unsigned char>(rest[valid]));
    bool cut = !last && length > tail;
    for (std::size_t k = valid + 1; cut && k < rest.size(); ++k) {
      cut = (static_cast<unsigned char>(rest[k]) & 0xC0) == 0x80;
    }
    if (cut) {  // finished by the next chunk
      std::memcpy(carry_, rest.data() + valid, tail);
      carried_ = tail;
      carry_at_ = before + start + valid;
      return true;
    }
    *at = before + start + valid;
    // (The loader's reason for a NUL byte speaks of files saved as UTF-16: not this one's.)
    *why = rest[valid] == '\0' ? std::string("NUL byte (0x00): text holds none")
                                : internal::InvalidTextReason(rest, valid);
    return false;
  }

 private:
  // The length a lead byte announces (0 for a byte that cannot lead).
  static std::size_t Length(unsigned char lead) {
    return lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
           : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
  }
  char carry_[4] = {};
  std::size_t carried_ = 0;
  std::uint64_t carry_at_ = 0;
};

// Whether a byte continues a character (a cell cannot start there).
inline bool Continues(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

std::string Hex(std::uint64_t v) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "0x%016llx", static_cast<unsigned long long>(v));
  return buffer;
}

// What a section holds, as the catalog says it must.
struct Expected {
  fmt::SectionKind kind;
  int table;
  int column;  // -1: the table's id index
  std::uint64_t bytes;
};

class Reader {
 public:
  Reader(Source source, const SnapshotOptions& options)
      : source_(std::move(source)), options_(options) {}

  absl::StatusOr<Network> Open() {
    if (absl::Status s = ReadHeader(); !s.ok()) return s;
    if (absl::Status s = ReadDirectory(); !s.ok()) return s;
    if (absl::Status s = ReadCatalog(); !s.ok()) return s;
    if (absl::Status s = MatchSections(); !s.ok()) return s;
    impl_->version = NextVersion();
    impl_->parent_version = 0;
    if (options_.check == SnapshotCheck::kTrusted) {
      Assemble();
      Finalize(*impl_, &member_unknown_);
    } else if (absl::Status s = VerifyAndFinalize(); !s.ok()) {
      return s;
    }
    return NetworkAccess::Make(std::move(impl_));
  }

 private:
  // --- messages ---------------------------------------------------------------------------
  absl::Status Damaged(std::string_view where, std::string message) const {
    return absl::DataLossError(Cat(source_.name, ": ", where, ": ", message));
  }
  std::string AtOffset(std::uint64_t offset) const { return Cat("offset ", offset); }
  std::string SectionName(std::size_t s) const {
    const fmt::SectionEntry& e = directory_[s];
    std::string label;
    if (e.table < kTableCount) {
      const TableData* table = impl_ != nullptr ? &impl_->tables[e.table] : nullptr;
      label = std::string(GetTableSpec(static_cast<Table>(e.table)).name);
      if (e.column == fmt::kNoTable) {
        CatTo(&label, " ", fmt::SectionKindName(e.kind));
      } else if (table != nullptr && e.column < table->columns.size()) {
        CatTo(&label, ".", table->columns[e.column].name, " ", fmt::SectionKindName(e.kind));
      } else {
        CatTo(&label, " column ", e.column, " ", fmt::SectionKindName(e.kind));
      }
    } else {
      label = std::string(fmt::SectionKindName(e.kind));
    }
    return Cat("section ", s, " (", label, ")");
  }
  // "section 7 (members.org references) at offset 1234"
  std::string Where(std::size_t s, std::uint64_t byte = 0) const {
    return Cat(SectionName(s), " at offset ", directory_[s].offset + byte);
  }

  // --- header, directory -----------------------------------------------------------------
  absl::Status ReadHeader() {
    const std::size_t size = source_.size;
    if (size < sizeof(fmt::Header)) {
      if (size < sizeof fmt::kMagic ||
          std::memcmp(source_.data, fmt::kMagic, sizeof fmt::kMagic) != 0) {
        return NotASnapshot();
      }
      return Damaged("header at offset 0",
                     Cat("truncated: the header takes 64 bytes, the file has ", size));
    }
    std::memcpy(&header_, source_.data, sizeof header_);
    if (std::memcmp(header_.magic, fmt::kMagic, sizeof fmt::kMagic) != 0) return NotASnapshot();
    if (header_.byte_order != fmt::kByteOrderMark) {
      return absl::FailedPreconditionError(Cat(
          source_.name, ": header at offset 12: byte-order mark ", Hex(header_.byte_order),
          " (expected ", Hex(fmt::kByteOrderMark),
          "): the file was written on a machine of the other byte order, or is damaged"));
    }
    if (header_.format_version == 0 || header_.format_version > kSnapshotFormatVersion) {
      return absl::FailedPreconditionError(
          Cat(source_.name, ": header at offset 8: snapshot format version ",
              header_.format_version, " is not one this library reads (orgnet ",
              ORGNET_VERSION_STRING_BUILD, " reads versions 1 to ", kSnapshotFormatVersion,
              "): open it with the orgnet that wrote it, or save the data again with this one"));
    }
    const std::uint64_t computed = fmt::Checksum(&header_, fmt::kHeaderChecked);
    if (computed != header_.header_checksum) {
      return Damaged("header at offset 56", Cat("checksum ", Hex(header_.header_checksum),
                                                " does not match the header's bytes (",
                                                Hex(computed), ")"));
    }
    if (header_.file_size != size) {
      return Damaged("header at offset 16",
                     Cat(header_.file_size > size ? "truncated: " : "", "the header gives ",
                         header_.file_size, " bytes, the file has ", size));
    }
    return absl::OkStatus();
  }

  absl::Status NotASnapshot() const {
    const std::size_t n = std::min<std::size_t>(source_.size, 8);
    std::string shown;
    for (std::size_t i = 0; i < n; ++i) {
      const unsigned char c = static_cast<unsigned char>(source_.data[i]);
      if (c >= 0x20 && c < 0x7f && c != '\\') {
        shown.push_back(static_cast<char>(c));
      } else {
        char esc[8];
        std::snprintf(esc, sizeof esc, "\\x%02x", c);
        shown += esc;
      }
    }
    return absl::InvalidArgumentError(
        Cat(source_.name, ": not an orgnet snapshot: it starts with \"", shown,
            "\" at offset 0, a snapshot with \"ORGNET\\x1a\\n\"", source_.size < 8 ? " (the file has " : "",
            source_.size < 8 ? Cat(source_.size, " bytes)") : ""));
  }

  absl::Status ReadDirectory() {
    const std::uint64_t size = source_.size;
    const std::uint64_t count = header_.section_count;
    const std::uint64_t at = header_.directory_offset;
    if (at < sizeof(fmt::Header) || at > size || count > (size - at) / sizeof(fmt::SectionEntry)) {
      return Damaged("header at offset 24",
                     Cat("the directory of ", count, " sections at offset ", at,
                         " does not fit in the file's ", size, " bytes"));
    }
    const std::uint64_t bytes = count * sizeof(fmt::SectionEntry);
    const std::uint64_t computed = fmt::Checksum(source_.data + at, bytes);
    if (computed != header_.directory_checksum) {
      return Damaged(Cat("directory at offset ", at),
                     Cat("checksum ", Hex(computed), " does not match the header's ",
                         Hex(header_.directory_checksum)));
    }
    directory_.resize(count);
    if (count > 0) std::memcpy(directory_.data(), source_.data + at, bytes);
    for (std::size_t s = 0; s < directory_.size(); ++s) {
      const fmt::SectionEntry& e = directory_[s];
      const std::string entry = Cat("directory entry ", s, " at offset ", at + s * sizeof e);
      if (e.kind == 0 || e.kind > fmt::kLastSectionKind) {
        return Damaged(entry, Cat("unknown section kind ", e.kind));
      }
      if (e.offset < sizeof(fmt::Header) || e.offset % fmt::kAlignment != 0 ||
          e.offset > at || e.bytes > at - e.offset) {
        return Damaged(entry, Cat("section ", s, " (", fmt::SectionKindName(e.kind), ") of ",
                                  e.bytes, " bytes at offset ", e.offset,
                                  " lies outside the data (offsets 64 to ", at,
                                  ", multiples of 64)"));
      }
      if ((e.kind == static_cast<std::uint32_t>(fmt::SectionKind::kCatalog)) != (s == 0)) {
        return Damaged(entry, s == 0 ? "the first section must be the catalog"
                                     : "a second catalog");
      }
    }
    if (directory_.empty()) return Damaged(Cat("directory at offset ", at), "no sections");
    if (header_.catalog_section != 0) {
      return Damaged("header at offset 48", Cat("the catalog must be section 0, not ",
                                                header_.catalog_section));
    }
    return absl::OkStatus();
  }

  // --- catalog ---------------------------------------------------------------------------
  class Cursor {
   public:
    Cursor(const char* data, std::size_t size) : data_(data), size_(size) {}
    bool U8(std::uint8_t* v) { return Take(v, 1); }
    bool U32(std::uint32_t* v) { return Take(v, 4); }
    bool I32(std::int32_t* v) { return Take(v, 4); }
    bool I64(std::int64_t* v) { return Take(v, 8); }
    bool Text(std::string* out) {
      std::uint32_t n;
      if (!U32(&n) || n > size_ - at_) return false;
      out->assign(data_ + at_, n);
      at_ += n;
      return true;
    }
    std::size_t at() const { return at_; }
    bool done() const { return at_ == size_; }

   private:
    bool Take(void* v, std::size_t n) {
      if (n > size_ - at_) return false;
      std::memcpy(v, data_ + at_, n);
      at_ += n;
      return true;
    }
    const char* data_;
    std::size_t size_;
    std::size_t at_ = 0;
  };

  absl::Status ReadCatalog() {
    const fmt::SectionEntry& e = directory_[0];
    const char* data = source_.data + e.offset;
    const std::uint64_t computed = fmt::Checksum(data, e.bytes);
    const std::string where = Cat("section 0 (catalog) at offset ", e.offset);
    if (computed != e.checksum) {
      return Damaged(where, Cat("checksum ", Hex(computed), " does not match the directory's ",
                                Hex(e.checksum)));
    }
    impl_ = std::make_shared<NetworkImpl>();
    Cursor in(data, e.bytes);
    auto bad = [&](std::string what) {
      return Damaged(Cat("section 0 (catalog) at offset ", e.offset + in.at()), std::move(what));
    };
    std::uint32_t tables;
    if (!in.U32(&tables)) return bad("ends early");
    if (tables != kTableCount) return bad(Cat(tables, " tables; the format has ", kTableCount));
    for (int t = 0; t < kTableCount; ++t) {
      const TableSpec& spec = GetTableSpec(static_cast<Table>(t));
      TableData& table = impl_->tables[t];
      std::uint8_t present;
      std::uint32_t rows, columns;
      if (!in.U8(&present) || !in.U32(&rows) || !in.U32(&columns)) return bad("ends early");
      if (present > 1) return bad(Cat("table ", spec.name, ": presence ", int{present}));
      if (rows == kNone) return bad(Cat("table ", spec.name, ": ", rows, " rows"));
      const std::size_t format_columns = spec.columns.size();
      // Each column takes at least 12 catalog bytes: a count beyond that is damage.
      if (columns < format_columns) {
        return bad(Cat("table ", spec.name, ": ", columns, " columns (the format has ",
                       format_columns, ")"));
      }
      if (columns > (e.bytes - in.at()) / 12) {
        return bad(Cat("table ", spec.name, ": ", columns, " columns do not fit in the ",
                       e.bytes - in.at(), " bytes left"));
      }
      table.present = present == 1;
      table.rows = rows;
      table.columns.resize(columns);
      encodings_[t].resize(columns);
      for (std::uint32_t c = 0; c < columns; ++c) {
        ColumnData& column = table.columns[c];
        const std::size_t column_at = in.at();
        std::uint8_t type, target, column_present, encoding;
        std::uint32_t width;
        if (!in.U8(&type) || !in.U8(&target) || !in.U8(&column_present) || !in.U8(&encoding) ||
            !in.U32(&width) || !in.Text(&column.name)) {
          return bad("ends early");
        }
        const bool format = c < format_columns;
        const ColumnType want_type = format ? spec.columns[c].type : ColumnType::kText;
        const Table want_target = format ? spec.columns[c].target : Table::kOrgs;
        const std::string at = Cat("section 0 (catalog) at offset ", e.offset + column_at);
        const std::string which = Cat("table ", spec.name, ": column ", c, " (", Shown(column.name), ")");
        if (format ? column.name != spec.columns[c].name
                   : column.name.empty() || !IsValidText(column.name)) {
          return Damaged(at, Cat(which, " is not named as the format's ",
                                 format ? Shown(spec.columns[c].name) : "extra columns may be"));
        }
        if (type != static_cast<std::uint8_t>(want_type) ||
            (want_type == ColumnType::kRef && target != static_cast<std::uint8_t>(want_target))) {
          return Damaged(at, Cat(which, " has type ", int{type}, " and target ", int{target},
                                 "; the format's has type ", static_cast<int>(want_type),
                                 " and target ", static_cast<int>(want_target)));
        }
        if (column_present > 1) return Damaged(at, Cat(which, ": presence ", int{column_present}));
        // Text encodings: any for text, no dictionary for ids (they are unique), none else;
        // a width only for fixed-width text, and one whose cells fit in a column.
        using Encoding = StringColumn::Encoding;
        const bool text = want_type == ColumnType::kText || want_type == ColumnType::kId;
        const bool encoding_ok =
            encoding == static_cast<std::uint8_t>(Encoding::kEnds) ||
            (text && encoding == static_cast<std::uint8_t>(Encoding::kFixed)) ||
            (want_type == ColumnType::kText &&
             encoding == static_cast<std::uint8_t>(Encoding::kDictionary));
        const bool fixed = encoding == static_cast<std::uint8_t>(Encoding::kFixed);
        if (!encoding_ok || (!fixed && width != 0) ||
            (fixed && std::uint64_t{width} * rows > 0xFFFFFFFFu) ||
            (fixed && width == 0 && want_type == ColumnType::kId && rows > 0)) {
          return Damaged(at, Cat(which, ": text encoding ", int{encoding}, " of width ", width,
                                 " is not one ",
                                 want_type == ColumnType::kId ? "an id" : text ? "a text" : "a non-text",
                                 " column of ", rows, " rows can have"));
        }
        encodings_[t][c] = {static_cast<Encoding>(encoding), width};
        column.type = want_type;
        column.target = want_target;
        column.present = column_present == 1;
      }
    }
    for (std::size_t l = 0; l < member_unknown_.size(); ++l) {
      std::int64_t count;
      if (!in.I64(&count)) return bad("ends early");
      member_unknown_[l] = count;
      if (count < 0 || count > impl_->table(Table::kMembers).rows) {
        return bad(Cat("members: ", count, " rows of unknown place; the table has ",
                       impl_->table(Table::kMembers).rows));
      }
    }
    std::uint8_t manifest_present;
    std::int32_t as_of;
    std::uint32_t entries;
    if (!in.U8(&manifest_present) || !in.I32(&as_of) || !in.U32(&entries)) {
      return bad("ends early");
    }
    if (manifest_present > 1 ||
        (as_of != kNoDate && (as_of < kMinDate || as_of > kMaxDate))) {
      return bad(Cat("manifest: presence ", int{manifest_present}, ", as_of ", as_of));
    }
    impl_->manifest_present = manifest_present == 1;
    impl_->as_of = as_of;
    if (entries > (e.bytes - in.at()) / 8) return bad(Cat("manifest: ", entries, " entries"));
    for (std::uint32_t i = 0; i < entries; ++i) {
      std::string key, value;
      if (!in.Text(&key) || !in.Text(&value)) return bad("ends early");
      if (!IsValidText(key) || !IsValidText(value)) {
        return bad(Cat("manifest entry ", i, " is not valid text"));
      }
      impl_->manifest.emplace_back(std::move(key), std::move(value));
    }
    if (!in.done()) return bad(Cat(e.bytes - in.at(), " bytes past the catalog's end"));
    return absl::OkStatus();
  }

  // --- sections --------------------------------------------------------------------------
  // Every column's sections and every id index, each exactly once and of the size the
  // catalog's rows give.
  absl::Status MatchSections() {
    auto key = [](std::uint32_t kind, int table, int column) {
      return (std::uint64_t{kind} << 32) | (std::uint64_t(table & 0xFFFF) << 16) |
             std::uint64_t(column & 0xFFFF);
    };
    absl::flat_hash_map<std::uint64_t, std::size_t> found;
    for (std::size_t s = 1; s < directory_.size(); ++s) {
      const fmt::SectionEntry& e = directory_[s];
      const bool id_slots = e.kind == static_cast<std::uint32_t>(fmt::SectionKind::kIdSlots);
      if (e.table >= kTableCount ||
          (id_slots ? e.column != fmt::kNoTable
                    : e.column >= impl_->tables[e.table].columns.size())) {
        return Damaged(Where(s), "names no column of the catalog");
      }
      if (!found.emplace(key(e.kind, e.table, id_slots ? -1 : e.column), s).second) {
        return Damaged(Where(s), "a second copy of a section");
      }
    }
    for (int t = 0; t < kTableCount; ++t) {
      const TableData& table = impl_->tables[t];
      const std::uint64_t rows = table.rows;
      auto need = [&](fmt::SectionKind kind, int column, std::uint64_t bytes) -> absl::Status {
        auto it = found.find(key(static_cast<std::uint32_t>(kind), t, column));
        const std::string what =
            Cat(GetTableSpec(static_cast<Table>(t)).name,
                column < 0 ? std::string(" id index")
                           : Cat(".", table.columns[column].name, " ", fmt::SectionKindName(
                                                                          static_cast<std::uint32_t>(kind))));
        if (it == found.end()) {
          return Damaged(Cat("directory at offset ", header_.directory_offset),
                         Cat("no section for ", what));
        }
        const std::size_t s = it->second;
        if (bytes != kAnySize && directory_[s].bytes != bytes) {
          return Damaged(Where(s), Cat(directory_[s].bytes, " bytes; ", rows, " rows take ",
                                       bytes));
        }
        if (kind == fmt::SectionKind::kTextBytes && directory_[s].bytes > 0xFFFFFFFFu) {
          return Damaged(Where(s), Cat(directory_[s].bytes, " bytes of text; a column holds at most 4 GiB"));
        }
        expected_.push_back({kind, t, column, bytes});
        section_of_.push_back(s);
        return absl::OkStatus();
      };
      for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const int ci = static_cast<int>(c);
        absl::Status s;
        switch (table.columns[c].type) {
          case ColumnType::kId:
          case ColumnType::kText:
            s = TextSections(t, ci, need);
            break;
          case ColumnType::kRef: s = need(fmt::SectionKind::kRefs, ci, rows * 4); break;
          case ColumnType::kInteger: s = need(fmt::SectionKind::kIntegers, ci, rows * 8); break;
          case ColumnType::kDate: s = need(fmt::SectionKind::kDates, ci, rows * 4); break;
          case ColumnType::kReal: s = need(fmt::SectionKind::kReals, ci, rows * 8); break;
          case ColumnType::kFlag:
          case ColumnType::kStatus: s = need(fmt::SectionKind::kTwoBit, ci, (rows + 3) / 4); break;
        }
        if (!s.ok()) return s;
      }
      if (GetTableSpec(static_cast<Table>(t)).id_column >= 0) {
        if (absl::Status s = need(fmt::SectionKind::kIdSlots, -1, IdIndex::SlotCount(rows) * 4);
            !s.ok()) {
          return s;
        }
      }
    }
    if (section_of_.size() + 1 != directory_.size()) {
      return Damaged(Cat("directory at offset ", header_.directory_offset),
                     Cat(directory_.size() - 1 - section_of_.size(), " sections the catalog does not name"));
    }
    return absl::OkStatus();
  }

  // The sections of a text column, by its encoding: bytes (of any size but a fixed width's)
  // and ends (one a row), bytes only (rows × width), or a dictionary's values, their ends (at
  // most 256, so at most 1,024 bytes: checked when verified) and one code a row.
  template <typename Need>
  absl::Status TextSections(int t, int c, Need& need) const {
    const std::uint64_t rows = impl_->tables[t].rows;
    const auto [encoding, width] = encodings_[t][c];
    switch (encoding) {
      case StringColumn::Encoding::kEnds:
        if (absl::Status s = need(fmt::SectionKind::kTextBytes, c, kAnySize); !s.ok()) return s;
        return need(fmt::SectionKind::kTextEnds, c, rows * 4);
      case StringColumn::Encoding::kFixed:
        return need(fmt::SectionKind::kTextBytes, c, rows * width);
      case StringColumn::Encoding::kDictionary: {
        if (absl::Status s = need(fmt::SectionKind::kTextBytes, c, kAnySize); !s.ok()) return s;
        if (absl::Status s = need(fmt::SectionKind::kTextEnds, c, kAnySize); !s.ok()) return s;
        const std::size_t ends = section_of_.back();
        if (directory_[ends].bytes % 4 != 0 ||
            directory_[ends].bytes > 4 * StringColumn::kMaxDictionary) {
          return Damaged(Where(ends), Cat(directory_[ends].bytes,
                                          " bytes; a dictionary holds 1 to 256 values of 4 bytes"));
        }
        return need(fmt::SectionKind::kTextCodes, c, rows);
      }
    }
    return absl::OkStatus();
  }

  // The section index of column @p c of table @p t of @p kind.
  std::size_t SectionOf(fmt::SectionKind kind, int t, int c) const {
    for (std::size_t i = 0; i < expected_.size(); ++i) {
      if (expected_[i].kind == kind && expected_[i].table == t && expected_[i].column == c) {
        return section_of_[i];
      }
    }
    return 0;
  }

  // The sections the hierarchy and territory are built from are checked first (with the
  // leadership tree's loops); then one thread builds them while the others check the rest, so
  // that a verified open costs about max(build, checking) rather than their sum.
  absl::Status VerifyAndFinalize() {
    std::vector<std::size_t> first, rest;
    for (std::size_t i = 0; i < expected_.size(); ++i) {
      (FinalizeReads(expected_[i]) ? first : rest).push_back(i);
    }
    auto by_size = [&](std::size_t a, std::size_t b) {
      return directory_[section_of_[a]].bytes > directory_[section_of_[b]].bytes;
    };
    std::sort(first.begin(), first.end(), by_size);
    std::sort(rest.begin(), rest.end(), by_size);
    std::vector<absl::Status> results(expected_.size());
    const int threads = std::max(1, options_.threads);
    // Progress in sections checked (and one for building the indexes).
    internal::ProgressMeter meter("snapshot", expected_.size() + 1);
    auto verify = [&](std::size_t i) {
      if (meter.cancelled()) return;
      results[i] = VerifySection(i);
      meter.Step();  // calls the handler only on the opening thread
    };
    RunParallel(first.size(), threads, [&](std::size_t k) { verify(first[k]); });
    if (meter.cancelled()) return meter.Cancelled();
    if (absl::Status s = FirstDamage(results); !s.ok()) return s;
    if (absl::Status s = VerifyForest(); !s.ok()) return s;
    Assemble();
    // Task 0, taken first, builds; the others check.
    RunParallel(rest.size() + 1, threads, [&](std::size_t k) {
      if (k == 0) {
        Finalize(*impl_, &member_unknown_);
        meter.Add(1);
      } else {
        verify(rest[k - 1]);
      }
    });
    if (meter.cancelled()) return meter.Cancelled();
    if (absl::Status s = FirstDamage(results); !s.ok()) return s;
    return meter.Finish();
  }

  // True for the columns Finalize reads: org kinds, parents and grids, and the grid, unit
  // and staff references that place rows (the members' counts are stored: members are not
  // read; their references are checked with the rest, before any query can read them).
  static bool FinalizeReads(const Expected& x) {
    switch (static_cast<Table>(x.table)) {
      case Table::kOrgs:
        return x.column == col::kOrgKind || x.column == col::kOrgParent ||
               x.column == col::kOrgGrid;
      case Table::kGrids: return x.column == col::kGridCommunity;
      case Table::kUnits: return x.column == col::kUnitGrid;
      case Table::kStaff: return x.column == col::kStaffGrid;
      default: return false;
    }
  }

  // The first damage in file order, whatever thread found it.
  absl::Status FirstDamage(const std::vector<absl::Status>& results) const {
    std::size_t first = results.size();
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (!results[i].ok() && (first == results.size() || section_of_[i] < section_of_[first])) {
        first = i;
      }
    }
    return first == results.size() ? absl::OkStatus() : results[first];
  }

  absl::Status VerifySection(std::size_t i) const {
    const Expected& x = expected_[i];
    const std::size_t s = section_of_[i];
    const fmt::SectionEntry& e = directory_[s];
    const TableData& table = impl_->tables[x.table];
    const ColumnSpec* spec = x.column >= 0 && static_cast<std::size_t>(x.column) <
                                                  GetTableSpec(static_cast<Table>(x.table)).columns.size()
                                 ? &GetTableSpec(static_cast<Table>(x.table)).columns[x.column]
                                 : nullptr;
    // A required column must be full whenever its table has rows, present or not (a load
    // never makes rows of an absent table; a crafted catalog could).
    const bool required = spec != nullptr && spec->required;
    const bool allow_none = !required;
    XXH3_state_t state;
    XXH3_64bits_reset(&state);
    std::string problem;
    std::uint64_t problem_at = 0;
    auto fail = [&](std::uint64_t byte, std::string what) {
      problem_at = byte;
      problem = std::move(what);
      return false;
    };
    // Checks every value of type T with ok(value, index); the message names row and value.
    auto values_of = [&](auto sample, auto ok, auto describe) {
      using T = decltype(sample);
      return [&, ok, describe](const char* chunk, std::size_t n, std::uint64_t before) {
        XXH3_64bits_update(&state, chunk, n);
        // A branch-free pass first (it vectorizes); the slow one only finds the bad row.
        const std::uint64_t first_row = before / sizeof(T);
        unsigned bad = 0;
        for (std::size_t k = 0; k + sizeof(T) <= n; k += sizeof(T)) {
          T v;
          std::memcpy(&v, chunk + k, sizeof v);
          bad |= static_cast<unsigned>(!ok(v, first_row + k / sizeof(T)));
        }
        if (bad == 0) return true;
        for (std::size_t k = 0; k + sizeof(T) <= n; k += sizeof(T)) {
          T v;
          std::memcpy(&v, chunk + k, sizeof v);
          const std::uint64_t row = first_row + k / sizeof(T);
          if (!ok(v, row)) return fail(before + k, describe(v, row));
        }
        return true;
      };
    };
    std::uint32_t last_end = 0;
    const std::uint64_t text_bytes =
        x.kind == fmt::SectionKind::kTextEnds
            ? directory_[SectionOf(fmt::SectionKind::kTextBytes, x.table, x.column)].bytes
            : 0;
    const std::uint64_t text_offset =
        x.kind == fmt::SectionKind::kTextEnds
            ? directory_[SectionOf(fmt::SectionKind::kTextBytes, x.table, x.column)].offset
            : 0;
    switch (x.kind) {
      case fmt::SectionKind::kCatalog:
        Scan(source_, e.offset, e.bytes, [&](const char* chunk, std::size_t n, std::uint64_t) {
          XXH3_64bits_update(&state, chunk, n);
          return true;
        });
        break;
      case fmt::SectionKind::kTextBytes: {
        // Every cell is text as a load accepts it: the bytes are valid UTF-8 without NUL, and
        // no cell starts inside a character (fixed-width cells here; the others with their
        // ends).
        const auto [encoding, width] = encodings_[x.table][x.column];
        const std::uint64_t fixed = encoding == StringColumn::Encoding::kFixed ? width : 0;
        TextStream text;
        Scan(source_, e.offset, e.bytes, [&](const char* chunk, std::size_t n, std::uint64_t before) {
          XXH3_64bits_update(&state, chunk, n);
          std::uint64_t at = 0;
          std::string why;
          if (!text.Feed(chunk, n, before, before + n == e.bytes, &at, &why)) {
            return fail(at, Cat("the text is not valid: ", why));
          }
          for (std::uint64_t k = fixed == 0 ? 0 : (before + fixed - 1) / fixed;
               fixed != 0 && k * fixed < before + n; ++k) {
            if (k > 0 && Continues(chunk[k * fixed - before])) {
              return fail(k * fixed, Cat("row ", k, " starts inside a character"));
            }
          }
          return true;
        });
        break;
      }
      case fmt::SectionKind::kTextEnds: {
        // A dictionary's ends are its values' (any may be empty); a column's, its rows'.
        const bool dictionary =
            encodings_[x.table][x.column].first == StringColumn::Encoding::kDictionary;
        const std::uint64_t ends_count = dictionary ? e.bytes / 4 : table.rows;
        const bool id = !dictionary && spec != nullptr && spec->type == ColumnType::kId && required;
        // Each end depends on the one before: one pass, in order.
        Scan(source_, e.offset, e.bytes,
                    [&](const char* chunk, std::size_t n, std::uint64_t before) {
          XXH3_64bits_update(&state, chunk, n);
          // A branch-free pass over neighbours first (it vectorizes); the slow one below only
          // finds and words the bad row.
          using Ends = std::uint32_t __attribute__((may_alias));
          const Ends* ends = reinterpret_cast<const Ends*>(chunk);
          const std::size_t count = n / 4;
          const std::uint64_t first_row = before / 4;
          bool bad = count > 0 && (ends[0] < last_end || (id && ends[0] == last_end));
          for (std::size_t k = 1; k < count; ++k) {
            bad |= (ends[k] < ends[k - 1]) | (id & (ends[k] == ends[k - 1]));
          }
          if (count > 0) bad |= ends[count - 1] > text_bytes;
          if (first_row + count == ends_count && count > 0) bad |= ends[count - 1] != text_bytes;
          // No cell starts inside a character (one byte of the text for each end).
          const char* bytes = source_.data + text_offset;
          for (std::size_t k = 0; !bad && k < count; ++k) {
            bad |= ends[k] < text_bytes && Continues(bytes[ends[k]]);
          }
          if (!bad) {
            if (count > 0) last_end = ends[count - 1];
            return true;
          }
          for (std::size_t k = 0; k + 4 <= n; k += 4) {
            std::uint32_t end;
            std::memcpy(&end, chunk + k, 4);
            const std::uint64_t row = (before + k) / 4;
            if (end < text_bytes && end >= last_end && Continues(bytes[end])) {
              return fail(before + k, Cat(dictionary ? "value " : "row ", row,
                                          " ends its text inside a character (at byte ", end,
                                          ")"));
            }
            if (end < last_end || end > text_bytes || (id && end == last_end) ||
                (row + 1 == ends_count && end != text_bytes)) {
              return fail(before + k,
                          Cat("row ", row, " ends its text at byte ", end, " (the row before at ",
                              last_end, ", the text has ", text_bytes, " bytes",
                              id ? "; ids are not empty" : "", ")"));
            }
            last_end = end;
          }
          return true;
        });
        break;
      }
      case fmt::SectionKind::kRefs: {
        const Index target_rows = impl_->tables[static_cast<int>(spec->target)].rows;
        // Predicates are bitwise (no short circuit) so that the first pass vectorizes.
        Scan(source_, e.offset, e.bytes,
                    values_of(Index{}, [target_rows, allow_none](Index v, std::uint64_t) {
                      return (v < target_rows) | ((v == kNone) & allow_none);
                    }, [&](Index v, std::uint64_t row) {
                      const std::string_view target = GetTableSpec(spec->target).name;
                      return v == kNone ? Cat("row ", row, " is empty; the column is required")
                                        : Cat("row ", row, " refers to ", target, " row ", v,
                                              ", past the ", target_rows, " rows of ", target);
                    }));
        break;
      }
      case fmt::SectionKind::kIntegers:
        Scan(source_, e.offset, e.bytes,
                    values_of(std::int64_t{}, [lo = static_cast<std::int64_t>(std::ceil(spec->min)),
                                            hi = static_cast<std::int64_t>(std::floor(spec->max)),
                                            allow_none](std::int64_t v, std::uint64_t) {
                      return ((v >= lo) & (v <= hi)) | ((v == kNoInteger) & allow_none);
                    }, [&](std::int64_t v, std::uint64_t row) {
                      return Cat("row ", row, " holds ", v == kNoInteger ? "no value" : Cat(v),
                                 ", outside the column's range ", spec->min, " to ", spec->max);
                    }));
        break;
      case fmt::SectionKind::kDates:
        Scan(source_, e.offset, e.bytes,
                    values_of(Date{}, [allow_none](Date v, std::uint64_t) {
                      return ((v >= kMinDate) & (v <= kMaxDate)) | ((v == kNoDate) & allow_none);
                    }, [&](Date v, std::uint64_t row) {
                      return Cat("row ", row, " holds day ", v,
                                 ", not a date from 0001-01-01 to 9999-12-31");
                    }));
        break;
      case fmt::SectionKind::kReals:
        Scan(source_, e.offset, e.bytes,
                    values_of(double{}, [lo = spec->min, hi = spec->max, allow_none](double v,
                                                                                   std::uint64_t) {
                      return ((v >= lo) & (v <= hi)) | ((v != v) & allow_none);
                    }, [&](double v, std::uint64_t row) {
                      return Cat("row ", row, " holds ", std::isnan(v) ? "no value" : Cat(v),
                                 ", outside the column's range ", spec->min, " to ", spec->max);
                    }));
        break;
      case fmt::SectionKind::kTwoBit: {
        const std::uint8_t top = spec->type == ColumnType::kFlag ? 2 : 1;
        Scan(source_, e.offset, e.bytes,
                    [&](const char* chunk, std::size_t n, std::uint64_t before) {
                      XXH3_64bits_update(&state, chunk, n);
                      // Bytes whose four cells are all rows: a code 3 has both bits set; a
                      // status code above 1 its high bit.
                      const std::size_t full =
                          std::min<std::uint64_t>(n, table.rows / 4 > before ? table.rows / 4 - before : 0);
                      unsigned bad = 0;
                      for (std::size_t k = 0; k < full; ++k) {
                        const unsigned b = static_cast<std::uint8_t>(chunk[k]);
                        bad |= top == 2 ? (b & (b >> 1) & 0x55u) : (b & 0xAAu);
                      }
                      if (bad == 0 && full == n) return true;
                      for (std::size_t k = 0; k < n; ++k) {
                        const auto byte = static_cast<std::uint8_t>(chunk[k]);
                        for (int j = 0; j < 4; ++j) {
                          const std::uint64_t row = (before + k) * 4 + j;
                          const std::uint8_t v = (byte >> (2 * j)) & 3;
                          if (row < table.rows && v > top) {
                            return fail(before + k, Cat("row ", row, " holds code ", int{v},
                                                        "; the column's codes are 0 to ", int{top}));
                          }
                        }
                      }
                      return true;
                    });
        break;
      }
      case fmt::SectionKind::kTextCodes: {
        const std::uint64_t values =
            directory_[SectionOf(fmt::SectionKind::kTextEnds, x.table, x.column)].bytes / 4;
        Scan(source_, e.offset, e.bytes,
             values_of(std::uint8_t{}, [values](std::uint8_t v, std::uint64_t) {
               return v < values;
             }, [values](std::uint8_t v, std::uint64_t row) {
               return Cat("row ", row, " holds code ", int{v}, "; the dictionary has ", values,
                          " values");
             }));
        break;
      }
      case fmt::SectionKind::kIdSlots: {
        std::uint64_t empty = 0;
        Scan(source_, e.offset, e.bytes,
                    values_of(Index{}, [&empty, rows = table.rows](Index v, std::uint64_t) {
                      empty += v == kNone;
                      return (v < rows) | (v == kNone);
                    }, [&](Index v, std::uint64_t slot) {
                      return Cat("slot ", slot, " holds row ", v, ", past the table's ",
                                 table.rows, " rows");
                    }));
        if (problem.empty() && empty == 0) {
          return Damaged(Where(s), "no empty slot: a lookup of an absent id would not end");
        }
        break;
      }
    }
    if (!problem.empty()) return Damaged(Where(s, problem_at), problem);
    const std::uint64_t computed = XXH3_64bits_digest(&state);
    if (computed != e.checksum) {
      return Damaged(Where(s), Cat("checksum ", Hex(computed), " does not match the directory's ",
                                   Hex(e.checksum)));
    }
    return absl::OkStatus();
  }

  // Every organization reaches a root by its parents (a load rejects cycles; a crafted file's
  // cycle would make the hierarchy's walks endless). Reads a copy of the parent column.
  absl::Status VerifyForest() {
    const TableData& orgs = impl_->table(Table::kOrgs);
    const std::size_t s = SectionOf(fmt::SectionKind::kRefs, 0, col::kOrgParent);
    const fmt::SectionEntry& e = directory_[s];
    std::vector<Index> parent(orgs.rows);
    Scan(source_, e.offset, e.bytes, [&](const char* chunk, std::size_t n, std::uint64_t before) {
      std::memcpy(reinterpret_cast<char*>(parent.data()) + before, chunk, n);
      return true;
    });
    // 0: not yet seen, 1: on the walk in progress, 2: reaches a root.
    std::vector<std::uint8_t> state(orgs.rows, 0);
    std::vector<Index> walk;
    for (Index start = 0; start < orgs.rows; ++start) {
      Index v = start;
      walk.clear();
      while (v != kNone && state[v] == 0) {
        state[v] = 1;
        walk.push_back(v);
        v = parent[v];
      }
      if (v != kNone && state[v] == 1) {
        return Damaged(Where(s, std::uint64_t{v} * 4),
                       Cat("the leadership chain of orgs row ", v, " comes back to it"));
      }
      for (Index w : walk) state[w] = 2;
    }
    return absl::OkStatus();
  }

  // --- the network -----------------------------------------------------------------------
  template <typename T>
  PodBuffer<T> Borrow(std::size_t s, std::size_t count) const {
    return PodBuffer<T>::Borrowed(reinterpret_cast<const T*>(source_.data + directory_[s].offset),
                                  count, source_.owner);
  }

  void Assemble() {
    for (std::size_t i = 0; i < expected_.size(); ++i) {
      const Expected& x = expected_[i];
      if (x.column < 0) continue;
      const std::size_t s = section_of_[i];
      TableData& table = impl_->tables[x.table];
      ColumnStorage& cells = table.columns[x.column].mutable_storage();
      const std::size_t rows = table.rows;
      const auto [encoding, width] = encodings_[x.table][x.column];
      switch (x.kind) {
        case fmt::SectionKind::kTextBytes:
          if (encoding == StringColumn::Encoding::kFixed) {
            cells.text = StringColumn::BorrowedFixed(Borrow<char>(s, directory_[s].bytes), rows,
                                                     width);
          }
          break;
        case fmt::SectionKind::kTextEnds: {
          if (encoding != StringColumn::Encoding::kEnds) break;
          const std::size_t text = SectionOf(fmt::SectionKind::kTextBytes, x.table, x.column);
          cells.text = StringColumn::Borrowed(Borrow<char>(text, directory_[text].bytes),
                                              Borrow<std::uint32_t>(s, rows));
          break;
        }
        case fmt::SectionKind::kTextCodes: {
          const std::size_t text = SectionOf(fmt::SectionKind::kTextBytes, x.table, x.column);
          const std::size_t ends = SectionOf(fmt::SectionKind::kTextEnds, x.table, x.column);
          cells.text = StringColumn::BorrowedDictionary(
              Borrow<char>(text, directory_[text].bytes),
              Borrow<std::uint32_t>(ends, directory_[ends].bytes / 4),
              Borrow<std::uint8_t>(s, rows));
          break;
        }
        case fmt::SectionKind::kRefs: cells.refs = Borrow<Index>(s, rows); break;
        case fmt::SectionKind::kIntegers: cells.ints = Borrow<std::int64_t>(s, rows); break;
        case fmt::SectionKind::kDates: cells.dates = Borrow<Date>(s, rows); break;
        case fmt::SectionKind::kReals: cells.reals = Borrow<double>(s, rows); break;
        case fmt::SectionKind::kTwoBit:
          cells.small = TwoBitColumn::Borrowed(Borrow<std::uint8_t>(s, (rows + 3) / 4), rows);
          break;
        default: break;
      }
    }
    for (std::size_t i = 0; i < expected_.size(); ++i) {
      const Expected& x = expected_[i];
      if (x.column >= 0) continue;
      TableData& table = impl_->tables[x.table];
      const int id = GetTableSpec(static_cast<Table>(x.table)).id_column;
      table.ids = std::make_shared<IdIndex>(IdIndex::Borrowed(
          table.columns[id].storage().text, Borrow<Index>(section_of_[i], x.bytes / 4)));
    }
  }

  Source source_;
  SnapshotOptions options_;
  fmt::Header header_{};
  std::vector<fmt::SectionEntry> directory_;
  std::array<std::int64_t, 3> member_unknown_{};
  // Each column's text encoding and width, from the catalog.
  std::array<std::vector<std::pair<StringColumn::Encoding, std::uint32_t>>, kTableCount> encodings_;
  static constexpr std::uint64_t kAnySize = ~std::uint64_t{0};
  std::shared_ptr<NetworkImpl> impl_;
  std::vector<Expected> expected_;
  std::vector<std::size_t> section_of_;  // expected_[i]'s directory entry
};

absl::StatusOr<Network> OpenSource(Source source, const SnapshotOptions& options) {
  PrepareEmptyNetwork();
  Reader reader(std::move(source), options);
  return reader.Open();
}

}  // namespace

absl::StatusOr<Network> OpenSnapshotBytes(std::shared_ptr<const std::string> bytes,
                                          std::string name, const SnapshotOptions& options) {
  try {
    Source source;
    source.data = bytes->data();
    source.size = bytes->size();
    source.name = std::move(name);
    source.owner = std::move(bytes);
    return OpenSource(std::move(source), options);
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("out of memory while opening the snapshot");
  }
}

}  // namespace internal

bool IsSnapshotFile(std::string_view path) {
  const int fd = ::open(std::string(path).c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return false;
  char magic[sizeof internal::snapshot::kMagic];
  struct stat st;
  const bool file = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  const bool match = file && ::pread(fd, magic, sizeof magic, 0) == sizeof magic &&
                     std::memcmp(magic, internal::snapshot::kMagic, sizeof magic) == 0;
  ::close(fd);
  return match;
}

absl::StatusOr<Network> Network::OpenSnapshot(std::string_view path_view,
                                              const SnapshotOptions& options) {
  using internal::Cat;
  const std::string path(path_view);
  if (path.empty()) return absl::InvalidArgumentError("the snapshot path is empty");
  if (options.check != SnapshotCheck::kVerified && options.check != SnapshotCheck::kTrusted) {
    return absl::InvalidArgumentError(Cat("check is ", static_cast<int>(options.check),
                                          "; it must be kVerified (0) or kTrusted (1)"));
  }
  // Non-blocking, so that a FIFO in the file's place cannot block the open.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    const int error = errno;
    if (error == ENOENT || error == ENOTDIR) {
      return absl::NotFoundError(Cat(path, ": no such file"));
    }
    return absl::PermissionDeniedError(Cat(path, ": cannot read (", std::strerror(error), ")"));
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    return absl::PermissionDeniedError(Cat(path, ": cannot read (", std::strerror(errno), ")"));
  }
  if (S_ISDIR(st.st_mode)) {
    return absl::InvalidArgumentError(Cat(path, ": a folder, not a snapshot file"));
  }
  if (!S_ISREG(st.st_mode)) {
    return absl::InvalidArgumentError(Cat(path, ": not a regular file"));
  }
  try {
    internal::Source source;
    source.fd = fd;
    source.name = path;
    source.size = static_cast<std::size_t>(st.st_size);
    static const char kNothing[1] = {};
    source.data = kNothing;
    if (source.size > 0 && options.load_into_memory) {
      auto block = std::make_shared<internal::MemoryBlock>(source.size);
      for (std::size_t got = 0; got < source.size;) {
        const ssize_t n = ::pread(fd, block->data + got, source.size - got, static_cast<off_t>(got));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
          return absl::DataLossError(Cat(path, ": cannot read byte ", got, " of ", source.size,
                                         n == 0 ? " (the file shrank while it was read)"
                                                : Cat(" (", std::strerror(errno), ")")));
        }
        got += static_cast<std::size_t>(n);
      }
      source.fd = -1;
      source.data = block->data;
      source.owner = std::move(block);
    } else if (source.size > 0) {
      void* data = ::mmap(nullptr, source.size, PROT_READ, MAP_SHARED, fd, 0);
      if (data == MAP_FAILED) {
        return absl::ResourceExhaustedError(
            Cat(path, ": cannot map ", source.size, " bytes (", std::strerror(errno), ")"));
      }
      auto mapped = std::make_shared<internal::MappedFile>(data, source.size);
      source.data = static_cast<const char*>(data);
      source.owner = std::move(mapped);
    }
    return internal::OpenSource(std::move(source), options);
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError(Cat(path, ": out of memory while opening the snapshot"));
  }
}

}  // namespace orgnet
