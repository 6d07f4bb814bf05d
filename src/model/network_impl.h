// The data behind a Network: typed columns, id indexes, hierarchy and territory.
#ifndef ORGNET_SRC_MODEL_NETWORK_IMPL_H_
#define ORGNET_SRC_MODEL_NETWORK_IMPL_H_

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "model/id_index.h"
#include "model/large_memory.h"
#include "model/raw_table.h"
#include "orgnet/hierarchy.h"
#include "orgnet/schema.h"
#include "orgnet/territory.h"

namespace orgnet::internal {

// Flag cells keep "0" and "" apart so that a save writes back what was read.
inline constexpr std::uint8_t kFlagZero = 0, kFlagOne = 1, kFlagEmpty = 2;

// A vector whose large buffers live in populated huge pages (model/large_memory.h).
template <typename T>
using LargeVector = std::vector<T, LargeAllocator<T>>;

// One typed column; only the vector that matches `type` is filled.
struct ColumnData {
  std::string name;
  ColumnType type = ColumnType::kText;
  Table target = Table::kOrgs;
  bool present = false;
  StringColumn text;               // kId, kText
  LargeVector<Index> refs;         // kRef
  LargeVector<std::int64_t> ints;  // kInteger
  LargeVector<Date> dates;         // kDate
  LargeVector<double> reals;       // kReal
  LargeVector<std::uint8_t> small; // kFlag, kStatus
  std::size_t memory_bytes() const;
};

struct TableData {
  bool present = false;
  Index rows = 0;
  std::vector<ColumnData> columns;  // the format's, then extras
  IdIndex ids;
};

struct NetworkImpl {
  std::array<TableData, kTableCount> tables;
  bool manifest_present = false;
  std::vector<std::pair<std::string, std::string>> manifest;
  Date as_of = kNoDate;
  std::vector<OrgKind> org_kinds;
  Hierarchy hierarchy;
  Territory territory;

  const TableData& table(Table t) const { return tables[static_cast<int>(t)]; }
  const ColumnData& column(Table t, int c) const { return table(t).columns[c]; }
};

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_MODEL_NETWORK_IMPL_H_
