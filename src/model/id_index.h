// Id → row lookup over a table's own id column: open addressing on 32-bit row numbers,
// so the index costs about 8 bytes a row instead of a copy of every id string.
#ifndef ORGNET_SRC_MODEL_ID_INDEX_H_
#define ORGNET_SRC_MODEL_ID_INDEX_H_

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
    std::size_t capacity = 16;
    while (capacity < ids.size() * 2) capacity <<= 1;
    mask_ = capacity - 1;
    slots_.assign(capacity, kNone);
    for (Index row = 0; row < ids.size(); ++row) {
      std::string_view id = ids[row];
      if (id.empty()) continue;
      std::size_t slot = Hash(id) & mask_;
      bool repeated = false;
      while (slots_[slot] != kNone) {
        if ((*ids_)[slots_[slot]] == id) {
          if (duplicates->size() < max_duplicates) duplicates->emplace_back(row, slots_[slot]);
          repeated = true;
          break;
        }
        slot = (slot + 1) & mask_;
      }
      if (!repeated) slots_[slot] = row;
    }
  }
  // Re-points the index at a moved column holding the same ids.
  void Rebind(const StringColumn& ids) { ids_ = &ids; }

  Index Find(std::string_view id) const {
    if (slots_.empty()) return kNone;
    std::size_t slot = Hash(id) & mask_;
    while (true) {
      const Index row = slots_[slot];
      if (row == kNone) return kNone;
      if ((*ids_)[row] == id) return row;
      slot = (slot + 1) & mask_;
    }
  }
  std::size_t memory_bytes() const { return slots_.capacity() * sizeof(Index); }

 private:
  static std::size_t Hash(std::string_view id) { return absl::HashOf(id); }
  const StringColumn* ids_ = nullptr;
  std::vector<Index> slots_;
  std::size_t mask_ = 0;
};

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_MODEL_ID_INDEX_H_
