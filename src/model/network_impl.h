// The data behind a Network: typed columns, id indexes, hierarchy and territory.
#ifndef ORGNET_SRC_MODEL_NETWORK_IMPL_H_
#define ORGNET_SRC_MODEL_NETWORK_IMPL_H_

#include <array>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "model/id_index.h"
#include "model/large_memory.h"
#include "model/raw_table.h"
#include "orgnet/hierarchy.h"
#include "orgnet/network.h"
#include "orgnet/schema.h"
#include "orgnet/territory.h"

namespace orgnet::internal {

// Flag cells keep "0" and "" apart so that a save writes back what was read.
inline constexpr std::uint8_t kFlagZero = 0, kFlagOne = 1, kFlagEmpty = 2;

// A vector whose large buffers live in populated huge pages (model/large_memory.h).
template <typename T>
using LargeVector = std::vector<T, LargeAllocator<T>>;

// Cells of two bits (flags: 0, 1 or empty; status: formal or probationary), four to a byte:
// a hundred million members' flags take 25 MB instead of 100.
class TwoBitColumn {
 public:
  void assign(std::size_t n, std::uint8_t value) {
    const std::uint8_t v = value & 3;
    bytes_.assign((n + 3) / 4, static_cast<std::uint8_t>(v | v << 2 | v << 4 | v << 6));
    size_ = n;
  }
  std::uint8_t operator[](std::size_t i) const { return (bytes_[i >> 2] >> ((i & 3) * 2)) & 3; }
  void set(std::size_t i, std::uint8_t value) {
    std::uint8_t& byte = bytes_[i >> 2];
    const int shift = static_cast<int>(i & 3) * 2;
    byte = static_cast<std::uint8_t>((byte & ~(3 << shift)) | (value & 3) << shift);
  }
  std::size_t size() const { return size_; }
  std::size_t memory_bytes() const { return bytes_.capacity(); }

 private:
  LargeVector<std::uint8_t> bytes_;
  std::size_t size_ = 0;
};

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
  TwoBitColumn small;              // kFlag, kStatus
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
  std::uint64_t version = 0;         // from NextVersion(): unique in the process
  std::uint64_t parent_version = 0;  // the version it was edited from, or 0

  const TableData& table(Table t) const { return tables[static_cast<int>(t)]; }
  const ColumnData& column(Table t, int c) const { return table(t).columns[c]; }
};

// A new version number, from one atomic counter for the whole process (the first is 1).
std::uint64_t NextVersion();

// The library's own layers reach a Network's data and make networks through this one door,
// so that the public header carries neither.
struct NetworkAccess {
  static const NetworkImpl& Impl(const Network& network) { return *network.impl_; }
  static Network Make(std::shared_ptr<const NetworkImpl> impl) { return Network(std::move(impl)); }
};

// The data behind @p network.
inline const NetworkImpl& ImplOf(const Network& network) { return NetworkAccess::Impl(network); }

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_MODEL_NETWORK_IMPL_H_
