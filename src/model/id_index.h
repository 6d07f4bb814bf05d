// Id → row lookup over a table's own id column: open addressing on 32-bit row numbers at a
// load of 3/4, so the index costs 5.3 bytes a row instead of a copy of every id string. The
// slot count need not be a power of two: a hash maps to a slot by multiply-shift. The hash is
// XXH3-64 (seed 0), the same in every process, so that a snapshot can store the slots.
#ifndef ORGNET_SRC_MODEL_ID_INDEX_H_
#define ORGNET_SRC_MODEL_ID_INDEX_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "base/pod_buffer.h"
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
    slots_.assign(SlotCount(ids.size()), kNone);
    // While building, each slot also holds 8 bits of its id's hash (bits the home slot does
    // not depend on), so that a probe past another id compares them instead of reading that
    // id's text: a cache miss or two saved per probe, about 2.5 probes an insert at the end.
    PodBuffer<std::uint8_t> tags;
    tags.assign(slots_.size(), 0);
    std::uint8_t* tag_of = tags.mutable_data();
    Index* slot_of = slots_.mutable_data();
    // Home slots are computed a little ahead and their cache lines requested early: the table
    // is far larger than the cache, and a miss per id would dominate.
    constexpr Index kAhead = 16;
    std::uint64_t hashes[kAhead];
    const Index n = static_cast<Index>(ids.size());
    auto ask = [&](Index row) {
      const std::string_view id = ids[row];
      const std::uint64_t hash = XXH3_64bits(id.data(), id.size());
      const std::size_t home = HomeOf(hash);
      __builtin_prefetch(slot_of + home, 1);
      __builtin_prefetch(tag_of + home, 1);
      return hash;
    };
    for (Index row = 0; row < std::min(n, kAhead); ++row) hashes[row] = ask(row);
    for (Index row = 0; row < n; ++row) {
      const std::string_view id = ids[row];
      const std::uint64_t hash = hashes[row % kAhead];
      if (row + kAhead < n) hashes[row % kAhead] = ask(row + kAhead);
      if (id.empty()) continue;
      const std::uint8_t tag = static_cast<std::uint8_t>(hash);
      std::size_t slot = HomeOf(hash);
      bool repeated = false;
      while (slot_of[slot] != kNone) {
        if (tag_of[slot] == tag && SameId(ids[slot_of[slot]], id)) {
          if (duplicates->size() < max_duplicates) duplicates->emplace_back(row, slot_of[slot]);
          repeated = true;
          break;
        }
        slot = Next(slot);
      }
      if (!repeated) {
        slot_of[slot] = row;
        tag_of[slot] = tag;
      }
    }
  }

  // The home slot of an id, with its cache line requested (for FindMany and Build).
  std::size_t Prefetched(std::string_view id) const {
    const std::size_t slot = Home(id);
    __builtin_prefetch(slots_.data() + slot);
    return slot;
  }

  // Finds ids[i] for every i into rows[i] (kNone when absent), requesting slots ahead.
  template <typename IdAt>
  void FindMany(std::size_t count, IdAt id_at, Index* rows) const {
    constexpr std::size_t kAhead = 16;
    std::size_t homes[kAhead];
    if (slots_.empty()) {
      for (std::size_t i = 0; i < count; ++i) rows[i] = kNone;
      return;
    }
    for (std::size_t i = 0; i < std::min(count, kAhead); ++i) homes[i] = Prefetched(id_at(i));
    for (std::size_t i = 0; i < count; ++i) {
      std::size_t slot = homes[i % kAhead];
      if (i + kAhead < count) homes[i % kAhead] = Prefetched(id_at(i + kAhead));
      rows[i] = FindFrom(id_at(i), slot);
    }
  }

  Index Find(std::string_view id) const {
    if (slots_.empty()) return kNone;
    return FindFrom(id, Home(id));
  }

 private:
  Index FindFrom(std::string_view id, std::size_t slot) const {
    while (true) {
      const Index row = slots_[slot];
      if (row == kNone) return kNone;
      if (SameId((*ids_)[row], id)) return row;
      slot = Next(slot);
    }
  }

 public:
  std::size_t memory_bytes() const { return slots_.memory_bytes(); }
  // How many slots Build makes for @p rows ids (a snapshot's index must have as many).
  static std::size_t SlotCount(std::size_t rows) { return std::max<std::size_t>(16, rows + rows / 3); }
  // The slots: a row number or kNone each (what a snapshot stores).
  const PodBuffer<Index>& slots() const { return slots_; }
  // An index over @p ids whose slots were built before (a snapshot's). The caller has checked
  // that every slot is kNone or a row of @p ids and that at least one is kNone, so that every
  // lookup ends; a slot in the wrong place makes lookups miss, never read out of bounds.
  static IdIndex Borrowed(const StringColumn& ids, PodBuffer<Index> slots) {
    IdIndex index;
    index.ids_ = &ids;
    index.slots_ = std::move(slots);
    return index;
  }

 private:
  // Ids are short: comparing them inline in words beats a call to memcmp.
  static bool SameId(std::string_view a, std::string_view b) {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    if (n >= 8 && n <= 16) {
      std::uint64_t a0, a1, b0, b1;
      std::memcpy(&a0, a.data(), 8);
      std::memcpy(&b0, b.data(), 8);
      std::memcpy(&a1, a.data() + n - 8, 8);
      std::memcpy(&b1, b.data() + n - 8, 8);
      return a0 == b0 && a1 == b1;
    }
    return a == b;
  }

  std::size_t Home(std::string_view id) const { return HomeOf(XXH3_64bits(id.data(), id.size())); }
  std::size_t HomeOf(std::uint64_t hash) const {
    return static_cast<std::size_t>((static_cast<unsigned __int128>(hash) * slots_.size()) >> 64);
  }
  std::size_t Next(std::size_t slot) const { return slot + 1 == slots_.size() ? 0 : slot + 1; }
  const StringColumn* ids_ = nullptr;
  PodBuffer<Index> slots_;
};

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_MODEL_ID_INDEX_H_
