#include "model/raw_table.h"

#include <sys/mman.h>

#include <cstdint>

namespace orgnet::internal {

void AdviseHugePages(void* data, std::size_t bytes) {
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  if (bytes < 2 * kHuge) return;
  const auto begin = (reinterpret_cast<std::uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(kHuge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

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
