// Network::Save: writes each file to a temporary name, then renames it into place.
#include <array>
#include <cstdio>
#include <filesystem>

#include "absl/container/flat_hash_set.h"
#include "load/csv_writer.h"
#include "model/text.h"
#include "model/network_impl.h"
#include "model/raw_table.h"
#include "orgnet/network.h"

using orgnet::internal::Cat;
using orgnet::internal::CatTo;

namespace orgnet {
namespace {

using internal::AppendCsvCell;

class FileWriter {
 public:
  absl::Status Open(const std::string& path) {
    path_ = path;
    temp_ = path + ".tmp";
    file_ = std::fopen(temp_.c_str(), "wb");
    if (file_ == nullptr) return absl::PermissionDeniedError(Cat(temp_, ": cannot write"));
    return absl::OkStatus();
  }
  std::string& buffer() { return buffer_; }
  absl::Status Flush(bool force) {
    if (!force && buffer_.size() < (1u << 20)) return absl::OkStatus();
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      return absl::DataLossError(Cat(temp_, ": write failed"));
    }
    buffer_.clear();
    return absl::OkStatus();
  }
  absl::Status Close() {
    if (absl::Status s = Flush(true); !s.ok()) return s;
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!closed) return absl::DataLossError(Cat(temp_, ": close failed"));
    std::error_code ec;
    std::filesystem::rename(temp_, path_, ec);
    if (ec) return absl::DataLossError(Cat(path_, ": ", ec.message()));
    return absl::OkStatus();
  }
  ~FileWriter() {
    if (file_ != nullptr) {
      std::fclose(file_);
      std::remove(temp_.c_str());
    }
  }

 private:
  std::string path_, temp_, buffer_;
  std::FILE* file_ = nullptr;
};

}  // namespace

namespace {
// A view's references to rows outside its scope are saved as one placeholder organization
// and one placeholder grid (docs/permission.md, "Saving a view"): this id, with as many "~"
// added as make it new in @p table.
std::string PlaceholderId(const Network& view, Table table) {
  std::string id = "~outside";
  while (view.Find(table, id).has_value()) id += "~";
  return id;
}
// Whether the view's references name rows outside its scope, per target table (one pass).
std::array<bool, kTableCount> NamesOutside(const Network& view) {
  std::array<bool, kTableCount> names{};
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    for (int c = 0; c < view.column_count(table); ++c) {
      if (view.column_type(table, c) != ColumnType::kRef) continue;
      bool& outside = names[static_cast<int>(GetTableSpec(table).columns[c].target)];
      for (Index r = 0; r < view.rows(table) && !outside; ++r) {
        outside = view.ref(table, r, c) == kOutside;
      }
    }
  }
  return names;
}
}  // namespace

absl::Status Network::Save(std::string_view folder_view) const {
  const std::string folder(folder_view);
  std::error_code ec;
  // A view's references leaving its scope name the placeholders (grids' community is an org
  // reference, so a placeholder grid needs the placeholder org).
  const std::array<bool, kTableCount> outside =
      is_view() ? NamesOutside(*this) : std::array<bool, kTableCount>{};
  const bool grid_placeholder = outside[static_cast<int>(Table::kGrids)];
  const bool org_placeholder = grid_placeholder || outside[static_cast<int>(Table::kOrgs)];
  const std::string outside_org = org_placeholder ? PlaceholderId(*this, Table::kOrgs) : "";
  const std::string outside_grid = grid_placeholder ? PlaceholderId(*this, Table::kGrids) : "";
  std::filesystem::create_directories(folder, ec);
  if (ec) return absl::PermissionDeniedError(Cat(folder, ": ", ec.message()));
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    const std::string path = internal::DiagnosticPath(folder, GetTableSpec(table).file);
    if (!has_table(table)) {
      // A stale file would load as a table this network does not have.
      std::filesystem::remove(path, ec);
      continue;
    }
    FileWriter writer;
    if (absl::Status s = writer.Open(path); !s.ok()) return s;
    std::string& out = writer.buffer();
    std::vector<int> columns;
    for (int c = 0; c < column_count(table); ++c) {
      if (has_column(table, c)) columns.push_back(c);
    }
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i) out.push_back(',');
      AppendCsvCell(out, column_name(table, columns[i]));
    }
    out.push_back('\n');
    // Two links of a view from one organization to organizations outside, of one kind and
    // start, both name the placeholder: the second would be a duplicate, and is saved once.
    absl::flat_hash_set<std::string> saved_links;
    for (Index r = 0; r < rows(table); ++r) {
      if (table == Table::kLinks && is_view() &&
          (ref(table, r, col::kLinkA) == kOutside || ref(table, r, col::kLinkB) == kOutside)) {
        std::string a(ref(table, r, col::kLinkA) == kOutside ? outside_org : text(table, r, col::kLinkA));
        std::string b(ref(table, r, col::kLinkB) == kOutside ? outside_org : text(table, r, col::kLinkB));
        if (b < a) std::swap(a, b);
        const std::string key = Cat(a, "\n", b, "\n", text(table, r, col::kLinkKind), "\n",
                                    CellText(table, r, col::kLinkSince));
        if (!saved_links.insert(key).second) continue;
      }
      for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i) out.push_back(',');
        const ColumnType type = column_type(table, columns[i]);
        if (type == ColumnType::kRef && ref(table, r, columns[i]) == kOutside) {
          const Table target = GetTableSpec(table).columns[columns[i]].target;
          AppendCsvCell(out, target == Table::kOrgs    ? outside_org
                             : target == Table::kGrids ? outside_grid
                                                       : std::string());
        } else if (type == ColumnType::kText || type == ColumnType::kId ||
                   type == ColumnType::kRef) {
          AppendCsvCell(out, text(table, r, columns[i]));
        } else {
          AppendCsvCell(out, CellText(table, r, columns[i]));
        }
      }
      out.push_back('\n');
      if (absl::Status s = writer.Flush(false); !s.ok()) return s;
    }
    // The placeholder row: its id, a name and kind saying what it is, the rest empty.
    const bool placeholder = (table == Table::kOrgs && org_placeholder) ||
                             (table == Table::kGrids && grid_placeholder);
    for (std::size_t i = 0; placeholder && i < columns.size(); ++i) {
      if (i) out.push_back(',');
      const int c = columns[i];
      if (c == 0) {
        AppendCsvCell(out, table == Table::kOrgs ? outside_org : outside_grid);
      } else if (c == col::kOrgName) {
        AppendCsvCell(out, "(outside the scope)");
      } else if (table == Table::kOrgs && c == col::kOrgKind) {
        AppendCsvCell(out, "outside");
      } else if (table == Table::kGrids && c == col::kGridCommunity) {
        AppendCsvCell(out, outside_org);
      }
    }
    if (placeholder) out.push_back('\n');
    if (absl::Status s = writer.Close(); !s.ok()) return s;
  }
  const std::string manifest_path = internal::DiagnosticPath(folder, "manifest.csv");
  if (!impl_->manifest_present) {
    std::filesystem::remove(manifest_path, ec);
    return absl::OkStatus();
  }
  FileWriter writer;
  if (absl::Status s = writer.Open(manifest_path); !s.ok()) return s;
  writer.buffer() = "key,value\n";
  for (const auto& [key, value] : impl_->manifest) {
    AppendCsvCell(writer.buffer(), key);
    writer.buffer().push_back(',');
    AppendCsvCell(writer.buffer(), value);
    writer.buffer().push_back('\n');
  }
  return writer.Close();
}

}  // namespace orgnet
