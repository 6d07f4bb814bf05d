// Network::Save: the tables and manifest as CSV, written as a new folder that replaces the
// target whole (orgnet/output.h).
#include <array>
#include <cstdio>
#include <filesystem>

#include "absl/container/flat_hash_set.h"
#include "load/csv_writer.h"
#include "base/text.h"
#include "model/network_impl.h"
#include "model/raw_table.h"
#include "orgnet/network.h"
#include "orgnet/output.h"

using orgnet::internal::Cat;
using orgnet::internal::CatTo;

namespace orgnet {
namespace {

using internal::AppendCsvCell;

// Buffers a table's text and writes it to its file of the new folder in 1 MiB pieces.
class TableWriter {
 public:
  explicit TableWriter(OutputFile file) : file_(std::move(file)) {}
  std::string& buffer() { return buffer_; }
  absl::Status Flush(bool force) {
    if (!force && buffer_.size() < (1u << 20)) return absl::OkStatus();
    absl::Status status = file_.Write(buffer_);
    buffer_.clear();
    return status;
  }
  absl::Status Close() {
    if (absl::Status s = Flush(true); !s.ok()) return s;
    return file_.Commit();
  }

 private:
  OutputFile file_;
  std::string buffer_;
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
  // A view's references leaving its scope name the placeholders (grids' community is an org
  // reference, so a placeholder grid needs the placeholder org).
  const std::array<bool, kTableCount> outside =
      is_view() ? NamesOutside(*this) : std::array<bool, kTableCount>{};
  const bool grid_placeholder = outside[static_cast<int>(Table::kGrids)];
  const bool org_placeholder = grid_placeholder || outside[static_cast<int>(Table::kOrgs)];
  const std::string outside_org = org_placeholder ? PlaceholderId(*this, Table::kOrgs) : "";
  const std::string outside_grid = grid_placeholder ? PlaceholderId(*this, Table::kGrids) : "";
  // The folder is replaced as a whole (orgnet/output.h): a kill at any moment leaves the old
  // dataset or the new one, and a stale table file cannot load beside the new ones.
  absl::StatusOr<OutputFolder> output = OutputFolder::Create(folder, FolderKind::kDataset);
  if (!output.ok()) return output.status();
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    if (!has_table(table)) continue;
    absl::StatusOr<OutputFile> file = output->AddFile(GetTableSpec(table).file);
    if (!file.ok()) return file.status();
    TableWriter writer(*std::move(file));
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
  if (!impl_->manifest_present) return output->Commit();
  absl::StatusOr<OutputFile> file = output->AddFile("manifest.csv");
  if (!file.ok()) return file.status();
  TableWriter writer(*std::move(file));
  writer.buffer() = "key,value\n";
  for (const auto& [key, value] : impl_->manifest) {
    AppendCsvCell(writer.buffer(), key);
    writer.buffer().push_back(',');
    AppendCsvCell(writer.buffer(), value);
    writer.buffer().push_back('\n');
  }
  if (absl::Status s = writer.Close(); !s.ok()) return s;
  return output->Commit();
}

}  // namespace orgnet
