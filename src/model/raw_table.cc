#include "model/raw_table.h"


namespace orgnet::internal {

int RawTable::FindColumn(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

std::string DiagnosticPath(const std::string& folder, std::string_view file) {
  if (folder.empty()) return std::string(file);
  std::string path = folder;
  if (path.back() != '/') path.push_back('/');
  path.append(file);
  return path;
}

}  // namespace orgnet::internal
