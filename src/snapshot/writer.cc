// Network::SaveSnapshot: every column's cells as stored, each table's id index, and a catalog,
// written through OutputFile (orgnet/output.h): a temporary file synced and renamed into place.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "model/id_index.h"
#include "base/progress_meter.h"
#include "model/network_impl.h"
#include "orgnet/network.h"
#include "orgnet/output.h"
#include "base/text.h"
#include "snapshot/format.h"

namespace orgnet {
namespace {

using internal::Cat;
using internal::ColumnData;
using internal::NetworkImpl;
using internal::TableData;
namespace fmt = internal::snapshot;

// A byte range to write as one section (borrowed from the network or from `owned`).
struct Piece {
  fmt::SectionEntry entry{};
  const void* data = nullptr;
  std::size_t bytes = 0;
};

void PutU8(std::string& out, std::uint8_t v) { out.push_back(static_cast<char>(v)); }
void PutU32(std::string& out, std::uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }
void PutI32(std::string& out, std::int32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }
void PutText(std::string& out, std::string_view text) {
  PutU32(out, static_cast<std::uint32_t>(text.size()));
  out.append(text);
}

std::string Catalog(const NetworkImpl& impl) {
  std::string out;
  PutU32(out, kTableCount);
  for (const TableData& table : impl.tables) {
    PutU8(out, table.present);
    PutU32(out, table.rows);
    PutU32(out, static_cast<std::uint32_t>(table.columns.size()));
    for (const ColumnData& column : table.columns) {
      PutU8(out, static_cast<std::uint8_t>(column.type));
      PutU8(out, static_cast<std::uint8_t>(column.target));
      PutU8(out, column.present);
      const bool text = column.type == ColumnType::kId || column.type == ColumnType::kText;
      PutU8(out, text ? static_cast<std::uint8_t>(column.texts().encoding()) : 0);
      PutU32(out, text && column.texts().encoding() == internal::StringColumn::Encoding::kFixed
                      ? column.texts().width()
                      : 0);
      PutText(out, column.name);
    }
  }
  // The members' unknown places (counted by a pass over every member otherwise).
  for (std::int64_t count : impl.territory.unknown().counts[static_cast<int>(Table::kMembers)]) {
    out.append(reinterpret_cast<const char*>(&count), 8);
  }
  PutU8(out, impl.manifest_present);
  PutI32(out, impl.as_of);
  PutU32(out, static_cast<std::uint32_t>(impl.manifest.size()));
  for (const auto& [key, value] : impl.manifest) {
    PutText(out, key);
    PutText(out, value);
  }
  return out;
}

class SnapshotWriter {
 public:
  SnapshotWriter(const NetworkImpl& impl, std::string path) : impl_(impl), path_(std::move(path)) {}

  // @p meter (may be NULL): a stop asked before the rename leaves no file (the temporary one
  // is removed); after it the snapshot is written and the stop comes too late.
  absl::Status Write(const internal::ProgressMeter* meter = nullptr) {
    struct stat st;
    if (::stat(path_.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      return absl::InvalidArgumentError(Cat(path_, ": a folder; a snapshot is one file"));
    }
    if (absl::Status s = Collect(); !s.ok()) return s;
    absl::StatusOr<OutputFile> file = OutputFile::Create(path_);
    if (!file.ok()) return file.status();
    file_ = &*file;
    absl::Status status = WriteSections();
    file_ = nullptr;
    if (!status.ok()) return status;
    // Dropping the file before its commit removes the temporary one.
    if (meter != nullptr && meter->cancelled()) return meter->Cancelled();
    return file->Commit();
  }

 private:
  void Add(fmt::SectionKind kind, int table, int column, const void* data, std::size_t bytes) {
    Piece piece;
    piece.entry.kind = static_cast<std::uint32_t>(kind);
    piece.entry.table = table < 0 ? fmt::kNoTable : static_cast<std::uint16_t>(table);
    piece.entry.column = column < 0 ? fmt::kNoTable : static_cast<std::uint16_t>(column);
    piece.data = data;
    piece.bytes = bytes;
    pieces_.push_back(piece);
  }

  absl::Status Collect() {
    catalog_ = Catalog(impl_);
    Add(fmt::SectionKind::kCatalog, -1, -1, catalog_.data(), catalog_.size());
    for (int t = 0; t < kTableCount; ++t) {
      const TableData& table = impl_.tables[t];
      const std::size_t rows = table.rows;
      for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const ColumnData& column = table.columns[c];
        const int ci = static_cast<int>(c);
        auto fixed = [&](fmt::SectionKind kind, const auto& cells) -> absl::Status {
          if (cells.size() < rows) return Short(t, ci);
          Add(kind, t, ci, cells.data(), rows * sizeof(cells[0]));
          return absl::OkStatus();
        };
        absl::Status status;
        switch (column.type) {
          case ColumnType::kId:
          case ColumnType::kText: {
            const internal::StringColumn& text = column.texts();
            if (text.size() < rows) return Short(t, ci);
            using Encoding = internal::StringColumn::Encoding;
            switch (text.encoding()) {
              case Encoding::kEnds: {
                const std::size_t bytes = rows == 0 ? 0 : text.ends()[rows - 1];
                Add(fmt::SectionKind::kTextBytes, t, ci, text.bytes().data(), bytes);
                Add(fmt::SectionKind::kTextEnds, t, ci, text.ends().data(), rows * 4);
                break;
              }
              case Encoding::kFixed:
                Add(fmt::SectionKind::kTextBytes, t, ci, text.bytes().data(),
                    rows * std::size_t{text.width()});
                break;
              case Encoding::kDictionary:
                Add(fmt::SectionKind::kTextBytes, t, ci, text.bytes().data(), text.bytes().size());
                Add(fmt::SectionKind::kTextEnds, t, ci, text.ends().data(), text.ends().size() * 4);
                Add(fmt::SectionKind::kTextCodes, t, ci, text.codes().data(), rows);
                break;
            }
            break;
          }
          case ColumnType::kRef: status = fixed(fmt::SectionKind::kRefs, column.refs()); break;
          case ColumnType::kInteger:
            status = fixed(fmt::SectionKind::kIntegers, column.ints());
            break;
          case ColumnType::kDate: status = fixed(fmt::SectionKind::kDates, column.dates()); break;
          case ColumnType::kReal: status = fixed(fmt::SectionKind::kReals, column.reals()); break;
          case ColumnType::kFlag:
          case ColumnType::kStatus: {
            const internal::TwoBitColumn& small = column.smalls();
            if (small.size() < rows) return Short(t, ci);
            Add(fmt::SectionKind::kTwoBit, t, ci, small.bytes().data(), (rows + 3) / 4);
            break;
          }
        }
        if (!status.ok()) return status;
      }
      if (const int id = GetTableSpec(static_cast<Table>(t)).id_column; id >= 0) {
        const internal::IdIndex* index = table.ids.get();
        const ColumnData& ids = table.columns[id];
        // An edited table's index may have an overlay or stand for other rows: index afresh.
        if (table.added_ids != nullptr || ids.patch() != nullptr ||
            ids.storage().text.size() != rows ||
            index->slots().size() != internal::IdIndex::SlotCount(rows)) {
          auto& fresh = fresh_indexes_.emplace_back(std::make_unique<internal::IdIndex>());
          std::vector<std::pair<Index, Index>> duplicates;
          fresh->Build(ids.texts(), &duplicates, 0);
          index = fresh.get();
          if (index->slots().size() != internal::IdIndex::SlotCount(rows)) return Short(t, id);
        }
        Add(fmt::SectionKind::kIdSlots, t, -1, index->slots().data(), index->slots().size() * 4);
      }
    }
    return absl::OkStatus();
  }

  absl::Status Short(int t, int c) {
    return absl::InternalError(Cat(path_, ": column ", GetTableSpec(static_cast<Table>(t)).name,
                                   ".", impl_.tables[t].columns[c].name,
                                   " holds fewer cells than its table has rows"));
  }

  // The header comes first but depends on the directory, which depends on every section's
  // checksum: the checksums are computed first, then everything is written in one pass.
  absl::Status WriteSections() {
    std::uint64_t offset = sizeof(fmt::Header);
    auto padding = [](std::uint64_t at) {
      return (fmt::kAlignment - at % fmt::kAlignment) % fmt::kAlignment;
    };
    for (Piece& piece : pieces_) {
      piece.entry.offset = offset;
      piece.entry.bytes = piece.bytes;
      piece.entry.checksum = fmt::Checksum(piece.data, piece.bytes);
      offset += piece.bytes;
      offset += padding(offset);
    }
    std::vector<fmt::SectionEntry> directory;
    directory.reserve(pieces_.size());
    for (const Piece& piece : pieces_) directory.push_back(piece.entry);
    const std::size_t directory_bytes = directory.size() * sizeof(fmt::SectionEntry);
    fmt::Header header{};
    std::memcpy(header.magic, fmt::kMagic, sizeof header.magic);
    header.format_version = kSnapshotFormatVersion;
    header.byte_order = fmt::kByteOrderMark;
    header.file_size = offset + directory_bytes;
    header.directory_offset = offset;
    header.section_count = static_cast<std::uint32_t>(directory.size());
    header.directory_checksum = fmt::Checksum(directory.data(), directory_bytes);
    header.catalog_section = 0;
    header.header_checksum = fmt::Checksum(&header, fmt::kHeaderChecked);
    static const char kZeros[fmt::kAlignment] = {};
    auto put = [&](const void* data, std::size_t bytes) {
      return file_->Write(std::string_view(static_cast<const char*>(data), bytes));
    };
    if (absl::Status s = put(&header, sizeof header); !s.ok()) return s;
    std::uint64_t at = sizeof header;
    for (const Piece& piece : pieces_) {
      if (absl::Status s = put(piece.data, piece.bytes); !s.ok()) return s;
      at += piece.bytes;
      const std::uint64_t pad = padding(at);
      if (absl::Status s = put(kZeros, pad); !s.ok()) return s;
      at += pad;
    }
    return put(directory.data(), directory_bytes);
  }

  const NetworkImpl& impl_;
  std::string path_;
  OutputFile* file_ = nullptr;  // while WriteSections runs
  std::string catalog_;
  std::vector<Piece> pieces_;
  std::vector<std::unique_ptr<internal::IdIndex>> fresh_indexes_;
};

}  // namespace

absl::Status Network::SaveSnapshot(std::string_view path) const {
  if (is_view()) {
    // A snapshot's references are rows, checked at open; a view's references leaving its
    // scope are not (docs/permission.md, "Saving a view").
    return absl::FailedPreconditionError(
        "a scoped view is saved as a dataset folder (Save), not as a snapshot: snapshot the "
        "network it was made from");
  }
  if (path.empty()) return absl::InvalidArgumentError("the snapshot path is empty");
  try {
    SnapshotWriter writer(*impl_, std::string(path));
    // The writing runs beside this thread when a progress handler is installed, so that it
    // reports while the sections are written and synced.
    internal::ProgressMeter meter("snapshot", 1);
    absl::Status status;
    meter.RunReporting([&] { status = writer.Write(&meter); });
    if (status.ok()) {
      meter.Add(1);
      (void)meter.Finish();  // the file is in place: a stop now is too late to undo it
    }
    return status;
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError(Cat(path, ": out of memory while writing the snapshot"));
  }
}

}  // namespace orgnet
