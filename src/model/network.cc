#include "orgnet/network.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <new>

#include "base/real_text.h"
#include "base/text.h"
#include "model/network_impl.h"

using orgnet::internal::Cat;
using orgnet::internal::CatTo;

namespace orgnet {

using internal::ColumnData;
using internal::NetworkImpl;


namespace internal {
std::uint64_t NextVersion() {
  static std::atomic<std::uint64_t> counter{0};
  return counter.fetch_add(1, std::memory_order_relaxed) + 1;
}
}  // namespace internal

std::uint64_t Network::version() const { return impl_->version; }
std::uint64_t Network::parent_version() const { return impl_->parent_version; }

Network::Network(std::shared_ptr<const NetworkImpl> impl) : impl_(std::move(impl)) {}

Index Network::rows(Table table) const { return impl_->table(table).rows; }
bool Network::has_table(Table table) const { return impl_->table(table).present; }
int Network::column_count(Table table) const {
  return static_cast<int>(impl_->table(table).columns.size());
}
std::string_view Network::column_name(Table table, int column) const {
  return impl_->column(table, column).name;
}
ColumnType Network::column_type(Table table, int column) const {
  return impl_->column(table, column).type;
}
std::optional<Table> Network::column_target(Table table, int column) const {
  const internal::ColumnData& data = impl_->column(table, column);
  if (data.type != ColumnType::kRef) return std::nullopt;
  return data.target;
}
bool Network::has_column(Table table, int column) const {
  return impl_->column(table, column).present;
}
std::optional<int> Network::FindColumn(Table table, std::string_view name) const {
  const auto& columns = impl_->table(table).columns;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].name == name) return static_cast<int>(c);
  }
  return std::nullopt;
}

std::optional<Index> Network::Find(Table table, std::string_view id) const {
  if (GetTableSpec(table).id_column < 0) return std::nullopt;
  const internal::TableData& data = impl_->table(table);
  // Ids an in-place edit appended, moved or removed (kNone) override the shared index.
  if (data.added_ids != nullptr) {
    if (auto it = data.added_ids->find(std::string(id)); it != data.added_ids->end()) {
      if (it->second == kNone) return std::nullopt;
      return it->second;
    }
  }
  const Index row = data.ids->Find(id);
  if (row == kNone) return std::nullopt;
  return row;
}
std::string_view Network::id(Table table, Index row) const {
  const int id_column = GetTableSpec(table).id_column;
  if (id_column < 0) return {};
  return impl_->column(table, id_column).text_at(row);
}
namespace {
// The column a caller sees: a view's masked column that is not text shows empty cells (the
// table keeps the true ones for the analyses: ViewInfo::shown).
const internal::ColumnData& Shown(const internal::NetworkImpl& impl, Table table, int column) {
  if (impl.view != nullptr) {
    const auto& shown = impl.view->shown[static_cast<int>(table)];
    if (static_cast<std::size_t>(column) < shown.size() && shown[column] != nullptr) {
      return *shown[column];
    }
  }
  return impl.column(table, column);
}
}  // namespace

std::string_view Network::text(Table table, Index row, int column) const {
  const ColumnData& c = Shown(*impl_, table, column);
  switch (c.type) {
    case ColumnType::kId:
    case ColumnType::kText:
      return c.text_at(row);
    case ColumnType::kRef: {
      const Index target = c.ref_at(row);
      return IsRow(target) ? id(c.target, target) : std::string_view();
    }
    default:
      return {};
  }
}
Index Network::ref(Table table, Index row, int column) const {
  const ColumnData& c = Shown(*impl_, table, column);
  return c.type == ColumnType::kRef ? c.ref_at(row) : kNone;
}
Date Network::date(Table table, Index row, int column) const {
  const ColumnData& c = Shown(*impl_, table, column);
  return c.type == ColumnType::kDate ? c.date_at(row) : kNoDate;
}
std::int64_t Network::integer(Table table, Index row, int column) const {
  const ColumnData& c = Shown(*impl_, table, column);
  return c.type == ColumnType::kInteger ? c.integer_at(row) : kNoInteger;
}
double Network::real(Table table, Index row, int column) const {
  const ColumnData& c = Shown(*impl_, table, column);
  return c.type == ColumnType::kReal ? c.real_at(row) : std::nan("");
}
bool Network::flag(Table table, Index row, int column) const {
  const ColumnData& c = Shown(*impl_, table, column);
  return c.type == ColumnType::kFlag && c.small_at(row) == internal::kFlagOne;
}
MemberStatus Network::status(Table table, Index row, int column) const {
  const ColumnData& c = Shown(*impl_, table, column);
  return c.type == ColumnType::kStatus && c.small_at(row) == 1 ? MemberStatus::kProbationary
                                                            : MemberStatus::kFormal;
}
std::size_t Network::CellBytes(ColumnType type) {
  switch (type) {
    case ColumnType::kRef: return sizeof(Index);
    case ColumnType::kDate: return sizeof(Date);
    case ColumnType::kInteger: return sizeof(std::int64_t);
    case ColumnType::kReal: return sizeof(double);
    case ColumnType::kFlag:
    case ColumnType::kStatus: return sizeof(std::uint8_t);
    default: return 0;
  }
}

namespace {
// The one array of a fixed-width unpacked column, or nullptr.
const void* ContiguousCells(const ColumnData& c) {
  switch (c.type) {
    case ColumnType::kRef: return c.refs().data();
    case ColumnType::kDate: return c.dates().data();
    case ColumnType::kInteger: return c.ints().data();
    case ColumnType::kReal: return c.reals().data();
    default: return nullptr;
  }
}
}  // namespace

void Network::CopyCells(Table table, int column, Index first, Index count, void* out) const {
  const ColumnData& c = Shown(*impl_, table, column);
  if (c.type == ColumnType::kFlag || c.type == ColumnType::kStatus) {
    auto* cells = static_cast<std::uint8_t*>(out);
    const internal::TwoBitColumn& small = c.smalls();
    for (Index i = 0; i < count; ++i) cells[i] = small[first + i];
    return;
  }
  const std::size_t width = CellBytes(c.type);
  if (count == 0 || width == 0) return;
  std::memcpy(out, static_cast<const char*>(ContiguousCells(c)) + std::size_t{first} * width,
              std::size_t{count} * width);
}

std::size_t Network::column_chunk_count(Table table, int column) const {
  const ColumnData& c = Shown(*impl_, table, column);
  return ContiguousCells(c) != nullptr && rows(table) > 0 ? 1 : 0;
}

Network::ColumnChunk Network::column_chunk(Table table, int column, std::size_t) const {
  return {ContiguousCells(Shown(*impl_, table, column)), 0, rows(table)};
}

bool Network::is_empty(Table table, Index row, int column) const {
  const ColumnData& c = Shown(*impl_, table, column);
  switch (c.type) {
    case ColumnType::kId:
    case ColumnType::kText: return c.text_at(row).empty();
    case ColumnType::kRef: return c.ref_at(row) == kNone;
    case ColumnType::kDate: return c.date_at(row) == kNoDate;
    case ColumnType::kInteger: return c.integer_at(row) == kNoInteger;
    case ColumnType::kReal: return std::isnan(c.real_at(row));
    case ColumnType::kFlag: return c.small_at(row) == internal::kFlagEmpty;
    case ColumnType::kStatus: return false;
  }
  return true;
}
std::string Network::CellText(Table table, Index row, int column) const {
  const ColumnData& c = Shown(*impl_, table, column);
  switch (c.type) {
    case ColumnType::kId:
    case ColumnType::kText:
    case ColumnType::kRef: return std::string(text(table, row, column));
    case ColumnType::kDate: return FormatDate(c.date_at(row));
    case ColumnType::kInteger: {
      const std::int64_t value = c.integer_at(row);
      return value == kNoInteger ? std::string() : Cat(value);
    }
    case ColumnType::kReal: return internal::FormatReal(c.real_at(row));
    case ColumnType::kFlag: {
      const std::uint8_t value = c.small_at(row);
      return value == internal::kFlagEmpty ? std::string() : std::string(value ? "1" : "0");
    }
    case ColumnType::kStatus: return c.small_at(row) ? "probationary" : "formal";
  }
  return {};
}

OrgKind Network::org_kind(Index org) const { return (*impl_->org_kinds)[org]; }

std::string_view Network::manifest(std::string_view key) const {
  for (const auto& [k, v] : impl_->manifest) {
    if (k == key) return v;
  }
  return {};
}
const std::vector<std::pair<std::string, std::string>>& Network::manifest_entries() const {
  return impl_->manifest;
}
Date Network::as_of() const { return impl_->as_of; }

Date Network::latest_date() const {
  Date latest = kNoDate;
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    for (int c = 0; c < column_count(table); ++c) {
      if (column_type(table, c) != ColumnType::kDate) continue;
      for (std::size_t k = 0; k < column_chunk_count(table, c); ++k) {
        const ColumnChunk chunk = column_chunk(table, c, k);
        const auto* days = static_cast<const Date*>(chunk.cells);
        for (Index i = 0; i < chunk.rows; ++i) latest = std::max(latest, days[i]);
      }
    }
  }
  return latest;  // kNoDate is the smallest Date, so empty cells never win
}

Date Network::default_date() const {
  if (as_of() != kNoDate) return as_of();
  const Date latest = latest_date();
  return latest != kNoDate ? latest : 0;
}
const Hierarchy& Network::hierarchy() const { return *impl_->hierarchy; }
const Territory& Network::territory() const { return impl_->territory; }

std::size_t Network::memory_bytes() const {
  // Shared parts count in every version that holds them; the version's own structure (its
  // table and column records, the manifest) counts too, so that the difference between two
  // versions is what the newer one added.
  std::size_t bytes = sizeof(internal::NetworkImpl) + impl_->hierarchy->memory_bytes() +
                      impl_->territory.memory_bytes() + impl_->org_kinds->capacity() +
                      impl_->scope_indexes.memory_bytes();
  if (impl_->view != nullptr) {
    bytes += sizeof(internal::ViewInfo) + impl_->view->outside_org_own.capacity();
    for (const auto& masked : impl_->view->masked) bytes += masked.capacity();
    for (const auto& shown : impl_->view->shown) {
      for (const auto& column : shown) bytes += column != nullptr ? column->memory_bytes() : 0;
    }
    bytes += impl_->view->grid_reached_from_outside.capacity() +
             impl_->view->grid_nearest_outside.capacity();
  }
  for (const auto& [key, value] : impl_->manifest) bytes += key.capacity() + value.capacity();
  for (const auto& table : impl_->tables) {
    bytes += table.ids->memory_bytes() + table.columns.size() * sizeof(ColumnData);
    for (const auto& column : table.columns) bytes += column.memory_bytes() + column.name.size();
  }
  return bytes;
}

}  // namespace orgnet
