// Id → row lookup over a table's own id column: open addressing on 32-bit row numbers at a
// load of 2/3, so the index costs 6 bytes a row instead of a copy of every id string. The
// slot count need not be a power of two: a hash maps to a slot by multiply-shift.
#ifndef ORGNET_SRC_MODEL_ID_INDEX_H_
#define ORGNET_SRC_MODEL_ID_INDEX_H_

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/hash/hash.h"
#include "model/raw_table.h"
#include "orgnet/schema.h"

namespace orgnet::internal {

class IdIndex {
 public:
  // Indexes ids[0..n), skipping empty ids. A repeated id is not indexed; its row and the
  // row first holding the id go to *duplicates (at most max_duplicates pairs are kept).
  void Build(const StringColumn& ids, std::vector<std::pair<Index, Index>>* duplicates,
             std::size_t max_duplicates) {
    ids_ = &ids;
    slots_.assign(std::max<std::size_t>(16, ids.size() + ids.size() / 2), kNone);
    for (Index row = 0; row < ids.size(); ++row) {
      std::string_view id = ids[row];
      if (id.empty()) continue;
      std::size_t slot = Home(id);
      bool repeated = false;
      while (slots_[slot] != kNone) {
        if ((*ids_)[slots_[slot]] == id) {
          if (duplicates->size() < max_duplicates) duplicates->emplace_back(row, slots_[slot]);
          repeated = true;
          break;
        }
        slot = Next(slot);
      }
      if (!repeated) slots_[slot] = row;
    }
  }
  // Re-points the index at a moved column holding the same ids.
  void Rebind(const StringColumn& ids) { ids_ = &ids; }

  Index Find(std::string_view id) const {
    if (slots_.empty()) return kNone;
    std::size_t slot = Home(id);
    while (true) {
      const Index row = slots_[slot];
      if (row == kNone) return kNone;
      if ((*ids_)[row] == id) return row;
      slot = Next(slot);
    }
  }
  std::size_t memory_bytes() const { return slots_.capacity() * sizeof(Index); }

 private:
  std::size_t Home(std::string_view id) const {
    const std::uint64_t hash = absl::HashOf(id);
    return static_cast<std::size_t>((static_cast<unsigned __int128>(hash) * slots_.size()) >> 64);
  }
  std::size_t Next(std::size_t slot) const { return slot + 1 == slots_.size() ? 0 : slot + 1; }
  const StringColumn* ids_ = nullptr;
  std::vector<Index> slots_;
};

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_MODEL_ID_INDEX_H_
