// Network::Save: writes each file to a temporary name, then renames it into place.
#include <cstdio>
#include <filesystem>

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

absl::Status Network::Save(std::string_view folder_view) const {
  const std::string folder(folder_view);
  std::error_code ec;
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
    for (Index r = 0; r < rows(table); ++r) {
      for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i) out.push_back(',');
        const ColumnType type = column_type(table, columns[i]);
        if (type == ColumnType::kText || type == ColumnType::kId || type == ColumnType::kRef) {
          AppendCsvCell(out, text(table, r, columns[i]));
        } else {
          AppendCsvCell(out, CellText(table, r, columns[i]));
        }
      }
      out.push_back('\n');
      if (absl::Status s = writer.Flush(false); !s.ok()) return s;
    }
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
