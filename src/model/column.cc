#include "model/column.h"

namespace orgnet::internal {

std::size_t ColumnStorage::memory_bytes() const {
  return text.memory_bytes() + refs.capacity() * sizeof(Index) +
         ints.capacity() * sizeof(std::int64_t) + dates.capacity() * sizeof(Date) +
         reals.capacity() * sizeof(double) + small.memory_bytes();
}

ColumnData::ColumnData(const ColumnData& base, std::shared_ptr<const CellPatch> changes)
    : name(base.name),
      type(base.type),
      target(base.target),
      present(base.present),
      storage_(base.storage_),
      patch_(std::move(changes)),
      view_(std::make_shared<View>()) {}

const ColumnStorage& ColumnData::Current() const {
  if (patch_ == nullptr) return *storage_;
  std::call_once(view_->once, [&] {
    // Only the array of the column's type is copied, then the changed cells written over it.
    auto view = std::make_unique<ColumnStorage>();
    const ColumnStorage& from = *storage_;
    switch (type) {
      case ColumnType::kId:
      case ColumnType::kText: {
        std::size_t bytes = 0;
        for (std::size_t r = 0; r < from.text.size(); ++r) bytes += from.text[r].size();
        view->text.reserve(from.text.size(), bytes);
        for (std::size_t r = 0; r < from.text.size(); ++r) {
          auto it = patch_->find(static_cast<Index>(r));
          view->text.push_back(it != patch_->end() ? std::string_view(it->second.text)
                                                   : from.text[r]);
        }
        break;
      }
      case ColumnType::kRef:
        view->refs = from.refs;
        for (const auto& [row, cell] : *patch_) view->refs[row] = static_cast<Index>(cell.number);
        break;
      case ColumnType::kDate:
        view->dates = from.dates;
        for (const auto& [row, cell] : *patch_) view->dates[row] = static_cast<Date>(cell.number);
        break;
      case ColumnType::kInteger:
        view->ints = from.ints;
        for (const auto& [row, cell] : *patch_) view->ints[row] = cell.number;
        break;
      case ColumnType::kReal:
        view->reals = from.reals;
        for (const auto& [row, cell] : *patch_) view->reals[row] = cell.real;
        break;
      case ColumnType::kFlag:
      case ColumnType::kStatus:
        view->small = from.small;
        for (const auto& [row, cell] : *patch_) {
          view->small.set(row, static_cast<std::uint8_t>(cell.number));
        }
        break;
    }
    view_->storage = std::move(view);
    view_->made.store(true, std::memory_order_release);
  });
  return *view_->storage;
}

ColumnData ColumnData::Compacted() const {
  ColumnData out(*this, nullptr);
  out.storage_ = std::make_shared<ColumnStorage>(Current());
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
