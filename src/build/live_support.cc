#include "build/live_support.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace orgnet::internal {

std::size_t CompactionThreshold(std::size_t rows) {
  return std::max<std::size_t>(1024,
                               2 * static_cast<std::size_t>(std::sqrt(static_cast<double>(rows))));
}

CellValue EmptyCell(ColumnType type) {
  CellValue cell;
  switch (type) {
    case ColumnType::kRef:
      cell.number = kNone;
      break;
    case ColumnType::kDate:
      cell.number = kNoDate;
      break;
    case ColumnType::kInteger:
      cell.number = kNoInteger;
      break;
    case ColumnType::kReal:
      cell.real = std::nan("");
      break;
    case ColumnType::kFlag:
      cell.number = kFlagEmpty;
      break;
    default:
      break;
  }
  return cell;
}

CellValue ValueAt(const ColumnData& column, Index row) {
  CellValue value;
  switch (column.type) {
    case ColumnType::kId:
    case ColumnType::kText:
      value.text = std::string(column.text_at(row));
      break;
    case ColumnType::kRef:
      value.number = column.ref_at(row);
      break;
    case ColumnType::kDate:
      value.number = column.date_at(row);
      break;
    case ColumnType::kInteger:
      value.number = column.integer_at(row);
      break;
    case ColumnType::kReal:
      value.real = column.real_at(row);
      break;
    case ColumnType::kFlag:
    case ColumnType::kStatus:
      value.number = column.small_at(row);
      break;
  }
  return value;
}

void AddIds(NetworkImpl& impl, Table table, std::vector<std::pair<std::string, Index>> ids) {
  TableData& data = impl.tables[static_cast<int>(table)];
  auto overlay = data.added_ids != nullptr
                     ? std::make_shared<absl::flat_hash_map<std::string, Index>>(*data.added_ids)
                     : std::make_shared<absl::flat_hash_map<std::string, Index>>();
  for (auto& [id, row] : ids) (*overlay)[std::move(id)] = row;
  data.added_ids = std::move(overlay);
  if (data.added_ids->size() > CompactionThreshold(data.rows)) {
    ColumnData& id_column = data.columns[GetTableSpec(table).id_column];
    id_column = id_column.Compacted();
    auto index = std::make_shared<IdIndex>();
    std::vector<std::pair<Index, Index>> duplicates;  // none: every id was checked new
    index->Build(id_column.storage().text, &duplicates, 0);
    data.ids = std::move(index);
    data.added_ids = nullptr;
  }
}

}  // namespace orgnet::internal
