#include "model/column.h"

#include <algorithm>

namespace orgnet::internal {

std::size_t ColumnStorage::memory_bytes() const {
  return text.memory_bytes() + refs.memory_bytes() + ints.memory_bytes() + dates.memory_bytes() +
         reals.memory_bytes() + small.memory_bytes();
}

ColumnData::ColumnData(const ColumnData& base, std::shared_ptr<const CellPatch> changes, Index rows)
    : name(base.name),
      type(base.type),
      target(base.target),
      present(base.present),
      storage_(base.storage_),
      patch_(std::move(changes)),
      rows_(rows),
      view_(std::make_shared<View>()) {}

const ColumnStorage& ColumnData::Current() const {
  if (patch_ == nullptr) return *storage_;
  std::call_once(view_->once, [&] {
    // Only the array of the column's type is copied (up to the version's rows), appended rows
    // taken from the patch, then the changed cells written over it.
    auto view = std::make_unique<ColumnStorage>();
    const ColumnStorage& from = *storage_;
    auto stored_rows = [&](std::size_t size) {
      return rows_ == kNone ? size : std::min<std::size_t>(rows_, size);
    };
    auto total_rows = [&](std::size_t size) { return rows_ == kNone ? size : std::size_t{rows_}; };
    auto fixed = [&](auto& out, const auto& in, auto value_of) {
      const std::size_t kept = stored_rows(in.size());
      out.assign(in.begin(), in.begin() + kept);
      out.resize(total_rows(in.size()));
      for (const auto& [row, cell] : *patch_) {
        if (row < out.size()) out.set(row, value_of(cell));
      }
    };
    switch (type) {
      case ColumnType::kId:
      case ColumnType::kText: {
        const std::size_t kept = stored_rows(from.text.size()), n = total_rows(from.text.size());
        std::size_t bytes = 0;
        for (std::size_t r = 0; r < kept; ++r) bytes += from.text[r].size();
        view->text.reserve(n, bytes);
        for (std::size_t r = 0; r < n; ++r) {
          auto it = patch_->find(static_cast<Index>(r));
          view->text.push_back(it != patch_->end() ? std::string_view(it->second.text)
                                                   : from.text[r]);
        }
        break;
      }
      case ColumnType::kRef:
        fixed(view->refs, from.refs,
              [](const CellValue& c) { return static_cast<Index>(c.number); });
        break;
      case ColumnType::kDate:
        fixed(view->dates, from.dates,
              [](const CellValue& c) { return static_cast<Date>(c.number); });
        break;
      case ColumnType::kInteger:
        fixed(view->ints, from.ints, [](const CellValue& c) { return c.number; });
        break;
      case ColumnType::kReal:
        fixed(view->reals, from.reals, [](const CellValue& c) { return c.real; });
        break;
      case ColumnType::kFlag:
      case ColumnType::kStatus: {
        const std::size_t kept = stored_rows(from.small.size()), n = total_rows(from.small.size());
        view->small.assign(n, 0);
        for (std::size_t r = 0; r < kept; ++r) view->small.set(r, from.small[r]);
        for (const auto& [row, cell] : *patch_) {
          if (row < n) view->small.set(row, static_cast<std::uint8_t>(cell.number));
        }
        break;
      }
    }
    view_->storage = std::move(view);
    view_->made.store(true, std::memory_order_release);
  });
  return *view_->storage;
}

ColumnData ColumnData::Compacted() const {
  ColumnData out(*this, nullptr, kNone);
  out.storage_ = std::make_shared<ColumnStorage>(Current());
  // Encoded as a load encodes text (fixed width or a dictionary), so that a folded column
  // takes the memory a fresh load's does.
  if (type == ColumnType::kId || type == ColumnType::kText) {
    out.storage_->text.Compress(type == ColumnType::kText);
  }
  return out;
}

std::size_t ColumnData::memory_bytes() const {
  std::size_t bytes = storage_->memory_bytes();
  if (patch_ != nullptr) {
    bytes += patch_->capacity() * (sizeof(Index) + sizeof(CellValue) + 1);
    for (const auto& [row, cell] : *patch_) bytes += cell.text.capacity();
  }
  if (view_ != nullptr && view_->made.load(std::memory_order_acquire)) {
    bytes += view_->storage->memory_bytes();
  }
  return bytes;
}

}  // namespace orgnet::internal
