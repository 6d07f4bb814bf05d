// One typed column of a network: storage shared by every version that has not changed it,
// and the cells a live edit changed, as a small patch over that storage (copy on write).
#ifndef ORGNET_SRC_MODEL_COLUMN_H_
#define ORGNET_SRC_MODEL_COLUMN_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/types/span.h"
#include "base/large_memory.h"
#include "model/raw_table.h"
#include "orgnet/schema.h"

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
    std::uint8_t* byte = bytes_.mutable_data() + (i >> 2);
    const int shift = static_cast<int>(i & 3) * 2;
    *byte = static_cast<std::uint8_t>((*byte & ~(3 << shift)) | (value & 3) << shift);
  }
  void reserve(std::size_t n) { bytes_.reserve((n + 3) / 4); }
  // No cells, the block kept for new ones.
  void Truncate() {
    bytes_.truncate();
    size_ = 0;
  }
  void push_back(std::uint8_t value) {
    if ((size_ & 3) == 0) bytes_.push_back(0);
    set(size_++, value);
  }
  // Appends @p other's cells (whole bytes at once when this column ends on a byte).
  void Append(const TwoBitColumn& other) {
    if ((size_ & 3) == 0) {
      bytes_.append(other.bytes_.data(), other.bytes_.size());
      size_ += other.size_;
      return;
    }
    for (std::size_t i = 0; i < other.size_; ++i) push_back(other[i]);
  }
  void shrink_to_fit() { bytes_.shrink_to_fit(); }
  std::size_t size() const { return size_; }
  std::size_t memory_bytes() const { return bytes_.memory_bytes(); }
  // The packed bytes (what a snapshot stores: cell i in bits 2(i%4) of byte i/4).
  const PodBuffer<std::uint8_t>& bytes() const { return bytes_; }
  // @p n cells over packed bytes that something else keeps alive ((n + 3) / 4 of them).
  static TwoBitColumn Borrowed(PodBuffer<std::uint8_t> bytes, std::size_t n) {
    TwoBitColumn column;
    column.bytes_ = std::move(bytes);
    column.size_ = n;
    return column;
  }

 private:
  PodBuffer<std::uint8_t> bytes_;
  std::size_t size_ = 0;
};

// The cells of one column; only the array that matches the column's type is filled.
struct ColumnStorage {
  StringColumn text;              // kId, kText
  PodBuffer<Index> refs;          // kRef
  PodBuffer<std::int64_t> ints;   // kInteger
  PodBuffer<Date> dates;          // kDate
  PodBuffer<double> reals;        // kReal
  TwoBitColumn small;             // kFlag, kStatus
  std::size_t memory_bytes() const;
};

// Cells changed by edits since the storage was made, by row: the typed value that the
// column's type reads (text for kId and kText; the others in their own field).
struct CellValue {
  std::string text;
  std::int64_t number = 0;  // ref, date, integer, flag/status code (by the column's type)
  double real = 0;
};
using CellPatch = absl::flat_hash_map<Index, CellValue>;

// One typed column. Immutable once its network is built: versions share the storage, and a
// version whose edit changed some cells holds them in `patch`. Whole-column views (refs(),
// ints(), texts(), ...) of a patched column are made once, on first use, and kept.
class ColumnData {
 public:
  std::string name;
  ColumnType type = ColumnType::kText;
  Table target = Table::kOrgs;
  bool present = false;

  ColumnData() : storage_(std::make_shared<ColumnStorage>()) {}
  // A column like @p base whose cells @p changes override (the new version's column), of
  // @p rows rows: rows past the storage's end are appended ones, each in @p changes.
  ColumnData(const ColumnData& base, std::shared_ptr<const CellPatch> changes, Index rows);

  // The storage a load or build fills (not to be touched once the network is built).
  ColumnStorage& mutable_storage() { return *storage_; }
  // The storage without the patch (what a load or build made).
  const ColumnStorage& storage() const { return *storage_; }

  // One cell, without making a whole-column view.
  std::string_view text_at(Index row) const {
    if (patch_ != nullptr) {
      if (auto it = patch_->find(row); it != patch_->end()) return it->second.text;
    }
    return storage_->text[row];
  }
  Index ref_at(Index row) const { return static_cast<Index>(Number(row, storage_->refs)); }
  Date date_at(Index row) const { return static_cast<Date>(Number(row, storage_->dates)); }
  std::int64_t integer_at(Index row) const { return Number(row, storage_->ints); }
  double real_at(Index row) const {
    if (patch_ != nullptr) {
      if (auto it = patch_->find(row); it != patch_->end()) return it->second.real;
    }
    return storage_->reals[row];
  }
  std::uint8_t small_at(Index row) const {
    if (patch_ != nullptr) {
      if (auto it = patch_->find(row); it != patch_->end()) {
        return static_cast<std::uint8_t>(it->second.number);
      }
    }
    return storage_->small[row];
  }

  // Whole columns, the patch applied.
  const StringColumn& texts() const { return Current().text; }
  absl::Span<const Index> refs() const { return Current().refs; }
  absl::Span<const std::int64_t> ints() const { return Current().ints; }
  absl::Span<const Date> dates() const { return Current().dates; }
  absl::Span<const double> reals() const { return Current().reals; }
  const TwoBitColumn& smalls() const { return Current().small; }

  // The same cells with the patch folded into new storage of their own (no patch): what a
  // version makes when its patch has grown, so that patches stay small.
  ColumnData Compacted() const;

  // The changed cells (nullptr when none).
  const std::shared_ptr<const CellPatch>& patch() const { return patch_; }
  // Bytes held: the storage, the patch and any whole-column view made of it.
  std::size_t memory_bytes() const;

 private:
  template <typename Vector>
  std::int64_t Number(Index row, const Vector& cells) const {
    if (patch_ != nullptr) {
      if (auto it = patch_->find(row); it != patch_->end()) return it->second.number;
    }
    return cells[row];
  }
  const ColumnStorage& Current() const;

  std::shared_ptr<ColumnStorage> storage_;
  std::shared_ptr<const CellPatch> patch_;
  Index rows_ = kNone;  // kNone: as many as the storage holds
  // The storage with the patch applied, made once (by the first reader that needs it).
  struct View {
    std::once_flag once;
    std::unique_ptr<ColumnStorage> storage;
    std::atomic<bool> made{false};  // storage is set (for memory_bytes, read from any thread)
  };
  std::shared_ptr<View> view_;
};

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_MODEL_COLUMN_H_
