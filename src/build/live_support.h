// What the in-place edit paths share: empty cells as a load stores them, one cell's value as
// a patch holds it, the compaction threshold of patches and overlays, and the id overlay.
#ifndef ORGNET_SRC_BUILD_LIVE_SUPPORT_H_
#define ORGNET_SRC_BUILD_LIVE_SUPPORT_H_

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "model/column.h"
#include "model/network_impl.h"

namespace orgnet::internal {

// A patch grows with each version made from the last, and each version copies it; folding it
// into new storage costs O(rows). Folding at P cells costs O(P + rows / P) per edit amortized,
// least at P = sqrt(rows): past max(1,024, 2 sqrt(rows)) cells (2,828 for two million rows) a
// patch (and the id overlay) is folded.
std::size_t CompactionThreshold(std::size_t rows);

// An empty cell of @p type as a load stores it (text empty, status formal).
CellValue EmptyCell(ColumnType type);

// One cell's value as a patch holds it.
CellValue ValueAt(const ColumnData& column, Index row);

// Puts @p ids (kNone: removed) on the id overlay of @p table in @p impl (a new version),
// folded into a new index over the id column past the compaction threshold.
void AddIds(NetworkImpl& impl, Table table, std::vector<std::pair<std::string, Index>> ids);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_BUILD_LIVE_SUPPORT_H_
