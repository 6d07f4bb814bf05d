// The C ABI over the C++ core: argument checks, handle wrappers, no exception across.
#include "orgnet/orgnet.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "model/text.h"
#include "capi/arguments.h"
#include "capi/error.h"
#include "model/network_impl.h"
#include "orgnet/builder.h"
#include "orgnet/network.h"

using orgnet::internal::Cat;
using orgnet::internal::CatTo;

struct orgnet_network {
  orgnet::Network network;
};
struct orgnet_report {
  orgnet::LoadReport report;
  std::vector<std::string> texts[2];  // one-line forms, by severity
};
struct orgnet_builder {
  orgnet::NetworkBuilder builder;
};
struct orgnet_edit_batch {
  orgnet::EditBatch batch;
};

namespace {

using orgnet::Index;
using orgnet::Network;
using orgnet::Table;
using orgnet::capi::Guard;
using orgnet::capi::SetError;

int Invalid(std::string message) { return SetError(ORGNET_INVALID_ARGUMENT, std::move(message)); }

// Checks that each pointer argument is set; names the first that is not.
int RequirePointers(std::initializer_list<std::pair<const void*, const char*>> pointers) {
  for (const auto& [pointer, name] : pointers) {
    if (pointer == nullptr) return Invalid(Cat(name, " is NULL"));
  }
  return ORGNET_OK;
}

int Text(const char* data, size_t length, const char* name, std::string_view* out) {
  return orgnet::capi::TextArgument(data, length, name, out);
}

int CheckTable(int table) {
  if (table < 0 || table >= ORGNET_TABLE_COUNT) {
    return SetError(ORGNET_OUT_OF_RANGE, Cat("table ", table, " out of range [0, ",
                                                      ORGNET_TABLE_COUNT, ")"));
  }
  return ORGNET_OK;
}

int CheckRow(const Network& net, int table, uint32_t row) {
  if (int rc = CheckTable(table)) return rc;
  const Index rows = net.rows(static_cast<Table>(table));
  if (row >= rows) {
    return SetError(ORGNET_OUT_OF_RANGE,
                    Cat("row ", row, " out of range: ",
                                 orgnet::GetTableSpec(static_cast<Table>(table)).file, " has ",
                                 rows, " rows"));
  }
  return ORGNET_OK;
}

int CheckColumn(const Network& net, int table, int column) {
  if (int rc = CheckTable(table)) return rc;
  const int columns = net.column_count(static_cast<Table>(table));
  if (column < 0 || column >= columns) {
    return SetError(ORGNET_OUT_OF_RANGE,
                    Cat("column ", column, " out of range: ",
                                 orgnet::GetTableSpec(static_cast<Table>(table)).file, " has ",
                                 columns, " columns"));
  }
  return ORGNET_OK;
}

int CheckCell(const Network& net, int table, uint32_t row, int column) {
  if (int rc = CheckRow(net, table, row)) return rc;
  return CheckColumn(net, table, column);
}

int CheckType(const Network& net, int table, int column, orgnet::ColumnType want,
              const char* use) {
  const orgnet::ColumnType type = net.column_type(static_cast<Table>(table), column);
  if (type != want) {
    return Invalid(Cat("column \"", net.column_name(static_cast<Table>(table), column),
                                "\" is not of this type; use ", use));
  }
  return ORGNET_OK;
}

int CheckOrg(const Network& net, uint32_t org) { return CheckRow(net, ORGNET_TABLE_ORGS, org); }

orgnet::LoadOptions Options(const orgnet_load_options* options) {
  orgnet::LoadOptions out;
  if (options != nullptr) {
    out.max_errors = options->max_errors;
    out.max_warnings = options->max_warnings;
    out.threads = options->threads;
  }
  return out;
}

int CheckOptions(const orgnet_load_options* options) {
  if (options != nullptr && options->version != ORGNET_LOAD_OPTIONS_VERSION) {
    return Invalid(Cat("orgnet_load_options.version is ", options->version,
                                "; this library knows version ", ORGNET_LOAD_OPTIONS_VERSION));
  }
  return ORGNET_OK;
}

void MakeReport(orgnet_report** out, orgnet::LoadReport report) {
  if (out == nullptr) return;
  auto* r = new orgnet_report{std::move(report), {}};
  for (const auto& d : r->report.errors) r->texts[0].push_back(d.ToString());
  for (const auto& d : r->report.warnings) r->texts[1].push_back(d.ToString());
  *out = r;
}

// Finishes a call that produced a network (load, build, edit).
int Deliver(orgnet_network** out, orgnet_report** report_out, absl::StatusOr<Network> result,
            orgnet::LoadReport report) {
  MakeReport(report_out, std::move(report));
  if (!result.ok()) return SetError(result.status());
  *out = new orgnet_network{*std::move(result)};
  return ORGNET_OK;
}

int Borrow(const uint32_t** out, size_t* count, absl::Span<const Index> span) {
  *out = span.data();
  *count = span.size();
  return ORGNET_OK;
}

int Allocate(uint32_t** out, size_t* count, const std::vector<Index>& indexes) {
  auto* data = static_cast<uint32_t*>(std::malloc(std::max<size_t>(1, indexes.size()) * 4));
  if (data == nullptr) return SetError(ORGNET_RESOURCE_EXHAUSTED, "out of memory");
  if (!indexes.empty()) std::memcpy(data, indexes.data(), indexes.size() * 4);
  *out = data;
  *count = indexes.size();
  return ORGNET_OK;
}

int Cells(size_t count, const char* const* names, const size_t* name_lens,
          const char* const* values, const size_t* value_lens, std::vector<orgnet::Cell>* out) {
  if (count > 0) {
    if (int rc = RequirePointers(
            {{names, "names"}, {name_lens, "name_lens"}, {values, "values"},
             {value_lens, "value_lens"}})) {
      return rc;
    }
  }
  for (size_t i = 0; i < count; ++i) {
    std::string_view name, value;
    if (int rc = Text(names[i], name_lens[i], "names[i]", &name)) return rc;
    if (int rc = Text(values[i], value_lens[i], "values[i]", &value)) return rc;
    out->emplace_back(std::string(name), std::string(value));
  }
  return ORGNET_OK;
}

template <typename T>
int ColumnArray(const T** out, size_t* count, const orgnet_network* network, int table,
                int column, orgnet::ColumnType type, const char* use,
                const orgnet::internal::LargeVector<T>& (*pick)(const orgnet::internal::ColumnData&)) {
  if (int rc = RequirePointers({{out, "out"}, {count, "out_count"}, {network, "network"}}))
    return rc;
  if (int rc = CheckColumn(network->network, table, column)) return rc;
  if (int rc = CheckType(network->network, table, column, type, use)) return rc;
  const auto& values = pick(network->network.impl().column(static_cast<Table>(table), column));
  *out = values.data();
  *count = values.size();
  return ORGNET_OK;
}

}  // namespace

namespace orgnet::capi {
const Network& NetworkOf(const orgnet_network* network) { return network->network; }
}  // namespace orgnet::capi

extern "C" {

const char* orgnet_version(void) { return ORGNET_VERSION_STRING_BUILD; }
int orgnet_abi_version(void) { return ORGNET_ABI_VERSION; }

// ------------------------------------------------------------------ networks

int orgnet_network_load(orgnet_network** out, const char* folder, size_t folder_len,
                        const orgnet_load_options* options, orgnet_report** report) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}})) return rc;
    std::string_view path;
    if (int rc = Text(folder, folder_len, "folder", &path)) return rc;
    if (int rc = CheckOptions(options)) return rc;
    orgnet::LoadReport load_report;
    auto network = Network::Load(path, Options(options), &load_report);
    return Deliver(out, report, std::move(network), std::move(load_report));
  });
}

int orgnet_network_save(const orgnet_network* network, const char* folder, size_t folder_len) {
  return Guard([&] {
    if (int rc = RequirePointers({{network, "network"}})) return rc;
    std::string_view path;
    if (int rc = Text(folder, folder_len, "folder", &path)) return rc;
    return SetError(network->network.Save(path));
  });
}

void orgnet_network_free(orgnet_network* network) { delete network; }

int orgnet_network_edit(orgnet_network** out, const orgnet_network* network,
                        const orgnet_edit_batch* batch, const orgnet_load_options* options,
                        orgnet_report** report) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}, {batch, "batch"}}))
      return rc;
    if (int rc = CheckOptions(options)) return rc;
    orgnet::LoadReport edit_report;
    auto edited = network->network.Edit(batch->batch, Options(options), &edit_report);
    return Deliver(out, report, std::move(edited), std::move(edit_report));
  });
}

int orgnet_network_memory(size_t* out, const orgnet_network* network) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    *out = network->network.memory_bytes();
    return ORGNET_OK;
  });
}

int orgnet_network_rows(uint32_t* out, const orgnet_network* network, int table) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    if (int rc = CheckTable(table)) return rc;
    *out = network->network.rows(static_cast<Table>(table));
    return ORGNET_OK;
  });
}

int orgnet_network_has_table(int* out, const orgnet_network* network, int table) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    if (int rc = CheckTable(table)) return rc;
    *out = network->network.has_table(static_cast<Table>(table)) ? 1 : 0;
    return ORGNET_OK;
  });
}

int orgnet_network_column_count(int* out, const orgnet_network* network, int table) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    if (int rc = CheckTable(table)) return rc;
    *out = network->network.column_count(static_cast<Table>(table));
    return ORGNET_OK;
  });
}

int orgnet_network_column_name(const char** out, size_t* out_len, const orgnet_network* network,
                               int table, int column) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {out_len, "out_len"}, {network, "network"}}))
      return rc;
    if (int rc = CheckColumn(network->network, table, column)) return rc;
    const std::string_view name = network->network.column_name(static_cast<Table>(table), column);
    *out = name.data();
    *out_len = name.size();
    return ORGNET_OK;
  });
}

int orgnet_network_column_type(int* out, const orgnet_network* network, int table, int column) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    if (int rc = CheckColumn(network->network, table, column)) return rc;
    *out = static_cast<int>(network->network.column_type(static_cast<Table>(table), column));
    return ORGNET_OK;
  });
}

int orgnet_network_has_column(int* out, const orgnet_network* network, int table, int column) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    if (int rc = CheckColumn(network->network, table, column)) return rc;
    *out = network->network.has_column(static_cast<Table>(table), column) ? 1 : 0;
    return ORGNET_OK;
  });
}

int orgnet_network_find_column(int* out, const orgnet_network* network, int table,
                               const char* name, size_t name_len) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    if (int rc = CheckTable(table)) return rc;
    std::string_view text;
    if (int rc = Text(name, name_len, "name", &text)) return rc;
    auto column = network->network.FindColumn(static_cast<Table>(table), text);
    if (!column) {
      return SetError(ORGNET_NOT_FOUND,
                      Cat(orgnet::GetTableSpec(static_cast<Table>(table)).file,
                                   " has no column ", orgnet::internal::Shown(text)));
    }
    *out = *column;
    return ORGNET_OK;
  });
}

int orgnet_network_find(uint32_t* out, const orgnet_network* network, int table, const char* id,
                        size_t id_len) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    if (int rc = CheckTable(table)) return rc;
    const auto& spec = orgnet::GetTableSpec(static_cast<Table>(table));
    if (spec.id_column < 0) return Invalid(Cat(spec.file, " has no id column"));
    std::string_view text;
    if (int rc = Text(id, id_len, "id", &text)) return rc;
    auto row = network->network.Find(static_cast<Table>(table), text);
    if (!row) {
      return SetError(ORGNET_NOT_FOUND, Cat("no row with id ", orgnet::internal::Shown(text), " in ", spec.file));
    }
    *out = *row;
    return ORGNET_OK;
  });
}

int orgnet_network_id(const char** out, size_t* out_len, const orgnet_network* network, int table,
                      uint32_t row) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {out_len, "out_len"}, {network, "network"}}))
      return rc;
    if (int rc = CheckRow(network->network, table, row)) return rc;
    const std::string_view id = network->network.id(static_cast<Table>(table), row);
    *out = id.data();
    *out_len = id.size();
    return ORGNET_OK;
  });
}

int orgnet_network_text(const char** out, size_t* out_len, const orgnet_network* network,
                        int table, uint32_t row, int column) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {out_len, "out_len"}, {network, "network"}}))
      return rc;
    const Network& net = network->network;
    if (int rc = CheckCell(net, table, row, column)) return rc;
    const auto type = net.column_type(static_cast<Table>(table), column);
    if (type != orgnet::ColumnType::kText && type != orgnet::ColumnType::kId &&
        type != orgnet::ColumnType::kRef) {
      return Invalid(Cat("column \"", net.column_name(static_cast<Table>(table), column),
                                  "\" is not text; use orgnet_network_cell_text"));
    }
    const std::string_view text = net.text(static_cast<Table>(table), row, column);
    *out = text.data();
    *out_len = text.size();
    return ORGNET_OK;
  });
}

#define ORGNET_TYPED_CELL(fn, ctype, coltype, use, expr)                                     \
  int fn(ctype* out, const orgnet_network* network, int table, uint32_t row, int column) {   \
    return Guard([&] {                                                                       \
      if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;         \
      const Network& net = network->network;                                                 \
      if (int rc = CheckCell(net, table, row, column)) return rc;                            \
      if (int rc = CheckType(net, table, column, orgnet::ColumnType::coltype, use)) return rc; \
      const Table t = static_cast<Table>(table);                                             \
      *out = (expr);                                                                         \
      return ORGNET_OK;                                                                      \
    });                                                                                      \
  }

ORGNET_TYPED_CELL(orgnet_network_ref, uint32_t, kRef, "orgnet_network_ref",
                  net.ref(t, row, column))
ORGNET_TYPED_CELL(orgnet_network_date, int32_t, kDate, "orgnet_network_date",
                  net.date(t, row, column))
ORGNET_TYPED_CELL(orgnet_network_integer, int64_t, kInteger, "orgnet_network_integer",
                  net.integer(t, row, column))
ORGNET_TYPED_CELL(orgnet_network_real, double, kReal, "orgnet_network_real",
                  net.real(t, row, column))
ORGNET_TYPED_CELL(orgnet_network_flag, int, kFlag, "orgnet_network_flag",
                  net.flag(t, row, column) ? 1 : 0)
ORGNET_TYPED_CELL(orgnet_network_status, int, kStatus, "orgnet_network_status",
                  static_cast<int>(net.status(t, row, column)))
#undef ORGNET_TYPED_CELL

int orgnet_network_is_empty(int* out, const orgnet_network* network, int table, uint32_t row,
                            int column) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    if (int rc = CheckCell(network->network, table, row, column)) return rc;
    *out = network->network.is_empty(static_cast<Table>(table), row, column) ? 1 : 0;
    return ORGNET_OK;
  });
}

int orgnet_network_cell_text(char** out, size_t* out_len, const orgnet_network* network,
                             int table, uint32_t row, int column) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {out_len, "out_len"}, {network, "network"}}))
      return rc;
    if (int rc = CheckCell(network->network, table, row, column)) return rc;
    const std::string text = network->network.CellText(static_cast<Table>(table), row, column);
    char* copy = static_cast<char*>(std::malloc(text.size() + 1));
    if (copy == nullptr) return SetError(ORGNET_RESOURCE_EXHAUSTED, "out of memory");
    std::memcpy(copy, text.data(), text.size());
    copy[text.size()] = '\0';
    *out = copy;
    *out_len = text.size();
    return ORGNET_OK;
  });
}

void orgnet_string_free(char* text) { std::free(text); }

int orgnet_network_ref_column(const uint32_t** out, size_t* out_count,
                              const orgnet_network* network, int table, int column) {
  return Guard([&] {
    return ColumnArray<uint32_t>(out, out_count, network, table, column,
                                 orgnet::ColumnType::kRef, "a column of references",
                                 [](const orgnet::internal::ColumnData& c) -> const auto& {
                                   return c.refs;
                                 });
  });
}
int orgnet_network_date_column(const int32_t** out, size_t* out_count,
                               const orgnet_network* network, int table, int column) {
  return Guard([&] {
    return ColumnArray<int32_t>(out, out_count, network, table, column, orgnet::ColumnType::kDate,
                                "a column of dates",
                                [](const orgnet::internal::ColumnData& c) -> const auto& {
                                  return c.dates;
                                });
  });
}
int orgnet_network_integer_column(const int64_t** out, size_t* out_count,
                                  const orgnet_network* network, int table, int column) {
  return Guard([&] {
    return ColumnArray<int64_t>(out, out_count, network, table, column,
                                orgnet::ColumnType::kInteger, "a column of integers",
                                [](const orgnet::internal::ColumnData& c) -> const auto& {
                                  return c.ints;
                                });
  });
}
int orgnet_network_real_column(const double** out, size_t* out_count,
                               const orgnet_network* network, int table, int column) {
  return Guard([&] {
    return ColumnArray<double>(out, out_count, network, table, column, orgnet::ColumnType::kReal,
                               "a column of reals",
                               [](const orgnet::internal::ColumnData& c) -> const auto& {
                                 return c.reals;
                               });
  });
}

// ------------------------------------------------------------------ the column contract

namespace {

std::size_t CellBytes(orgnet::ColumnType type) {
  switch (type) {
    case orgnet::ColumnType::kRef: return sizeof(uint32_t);
    case orgnet::ColumnType::kDate: return sizeof(int32_t);
    case orgnet::ColumnType::kInteger: return sizeof(int64_t);
    case orgnet::ColumnType::kReal: return sizeof(double);
    case orgnet::ColumnType::kFlag:
    case orgnet::ColumnType::kStatus: return sizeof(uint8_t);
    default: return 0;
  }
}

int CheckRowRange(const Network& net, int table, uint32_t first, uint32_t count) {
  const Index rows = net.rows(static_cast<Table>(table));
  if (first > rows || count > rows - first) {
    return SetError(ORGNET_OUT_OF_RANGE,
                    Cat("rows [", first, ", ", std::uint64_t{first} + count, ") out of range: ",
                        orgnet::GetTableSpec(static_cast<Table>(table)).file, " has ", rows,
                        " rows"));
  }
  return ORGNET_OK;
}

// The borrowed cells of a chunkable column (ref, date, integer, real), or nullptr.
const void* ChunkData(const orgnet::internal::ColumnData& c) {
  switch (c.type) {
    case orgnet::ColumnType::kRef: return c.refs.data();
    case orgnet::ColumnType::kDate: return c.dates.data();
    case orgnet::ColumnType::kInteger: return c.ints.data();
    case orgnet::ColumnType::kReal: return c.reals.data();
    default: return nullptr;
  }
}

int CheckChunkable(const Network& net, int table, int column) {
  const orgnet::ColumnType type = net.column_type(static_cast<Table>(table), column);
  if (type == orgnet::ColumnType::kRef || type == orgnet::ColumnType::kDate ||
      type == orgnet::ColumnType::kInteger || type == orgnet::ColumnType::kReal) {
    return ORGNET_OK;
  }
  return Invalid(Cat("column ", orgnet::internal::Shown(net.column_name(static_cast<Table>(table), column)),
                     " has no chunks (text and packed flag or status cells): read it with "
                     "orgnet_network_read_column() or orgnet_network_read_text()"));
}

}  // namespace

int orgnet_column_cell_bytes(size_t* out, int type) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}})) return rc;
    if (type < ORGNET_COLUMN_ID || type > ORGNET_COLUMN_STATUS) {
      return SetError(ORGNET_OUT_OF_RANGE, Cat("column type ", type, " out of range [0, ",
                                               ORGNET_COLUMN_STATUS + 1, ")"));
    }
    *out = CellBytes(static_cast<orgnet::ColumnType>(type));
    return ORGNET_OK;
  });
}

int orgnet_network_read_column(void* out, size_t out_bytes, const orgnet_network* network,
                               int table, int column, uint32_t first, uint32_t count) {
  return Guard([&] {
    if (int rc = RequirePointers({{network, "network"}})) return rc;
    const Network& net = network->network;
    if (int rc = CheckColumn(net, table, column)) return rc;
    const orgnet::internal::ColumnData& c = net.impl().column(static_cast<Table>(table), column);
    const std::size_t width = CellBytes(c.type);
    if (width == 0) {
      return Invalid(Cat("column ", orgnet::internal::Shown(c.name),
                         " holds text: read it with orgnet_network_read_text()"));
    }
    if (int rc = CheckRowRange(net, table, first, count)) return rc;
    const std::size_t needed = std::size_t{count} * width;
    if (out == nullptr && count > 0) return Invalid("out is NULL");
    if (out_bytes < needed) {
      return Invalid(Cat("out holds ", out_bytes, " bytes; ", count, " cells need ", needed));
    }
    if (c.type == orgnet::ColumnType::kFlag || c.type == orgnet::ColumnType::kStatus) {
      auto* cells = static_cast<uint8_t*>(out);
      for (uint32_t i = 0; i < count; ++i) cells[i] = c.small[first + i];
    } else if (count > 0) {
      std::memcpy(out, static_cast<const char*>(ChunkData(c)) + std::size_t{first} * width, needed);
    }
    return ORGNET_OK;
  });
}

int orgnet_network_read_text(char* blob, size_t blob_bytes, uint64_t* offsets, size_t* blob_needed,
                             const orgnet_network* network, int table, int column, uint32_t first,
                             uint32_t count) {
  return Guard([&] {
    if (int rc = RequirePointers({{blob_needed, "blob_needed"}, {network, "network"}})) return rc;
    const Network& net = network->network;
    if (int rc = CheckColumn(net, table, column)) return rc;
    const orgnet::ColumnType type = net.column_type(static_cast<Table>(table), column);
    if (type != orgnet::ColumnType::kId && type != orgnet::ColumnType::kText &&
        type != orgnet::ColumnType::kRef) {
      return Invalid(Cat("column ", orgnet::internal::Shown(net.column_name(static_cast<Table>(table), column)),
                         " holds no text: read it with orgnet_network_read_column()"));
    }
    if (int rc = CheckRowRange(net, table, first, count)) return rc;
    const auto t = static_cast<Table>(table);
    std::size_t needed = 0;
    for (uint32_t i = 0; i < count; ++i) needed += net.text(t, first + i, column).size();
    *blob_needed = needed;
    if (blob == nullptr && offsets == nullptr) return ORGNET_OK;  // measuring only
    if (offsets == nullptr) return Invalid("offsets is NULL");
    if (blob == nullptr && needed > 0) return Invalid("blob is NULL");
    if (blob_bytes < needed) {
      return Invalid(Cat("blob holds ", blob_bytes, " bytes; the text needs ", needed));
    }
    uint64_t at = 0;
    offsets[0] = 0;
    for (uint32_t i = 0; i < count; ++i) {
      const std::string_view cell = net.text(t, first + i, column);
      if (!cell.empty()) std::memcpy(blob + at, cell.data(), cell.size());
      at += cell.size();
      offsets[i + 1] = at;
    }
    return ORGNET_OK;
  });
}

int orgnet_network_column_chunk_count(size_t* out, const orgnet_network* network, int table,
                                      int column) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    if (int rc = CheckColumn(network->network, table, column)) return rc;
    if (int rc = CheckChunkable(network->network, table, column)) return rc;
    *out = network->network.rows(static_cast<Table>(table)) > 0 ? 1 : 0;
    return ORGNET_OK;
  });
}

int orgnet_network_column_chunk(const void** data, uint32_t* first_row, uint32_t* rows,
                                const orgnet_network* network, int table, int column,
                                size_t chunk) {
  return Guard([&] {
    if (int rc = RequirePointers({{data, "data"}, {first_row, "first_row"}, {rows, "rows"},
                                  {network, "network"}})) {
      return rc;
    }
    const Network& net = network->network;
    if (int rc = CheckColumn(net, table, column)) return rc;
    if (int rc = CheckChunkable(net, table, column)) return rc;
    const Index count = net.rows(static_cast<Table>(table));
    if (chunk >= (count > 0 ? 1u : 0u)) {
      return SetError(ORGNET_OUT_OF_RANGE, Cat("chunk ", chunk, " out of range: the column has ",
                                               count > 0 ? 1 : 0, " chunk", count > 0 ? "" : "s"));
    }
    *data = ChunkData(net.impl().column(static_cast<Table>(table), column));
    *first_row = 0;
    *rows = count;
    return ORGNET_OK;
  });
}

int orgnet_network_manifest_count(size_t* out, const orgnet_network* network) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    *out = network->network.manifest_entries().size();
    return ORGNET_OK;
  });
}

int orgnet_network_manifest_entry(const char** key, size_t* key_len, const char** value,
                                  size_t* value_len, const orgnet_network* network,
                                  size_t index) {
  return Guard([&] {
    if (int rc = RequirePointers({{key, "key"}, {key_len, "key_len"}, {value, "value"},
                                  {value_len, "value_len"}, {network, "network"}}))
      return rc;
    const auto& entries = network->network.manifest_entries();
    if (index >= entries.size()) {
      return SetError(ORGNET_OUT_OF_RANGE, Cat("manifest entry ", index,
                                                        " out of range: the manifest has ",
                                                        entries.size()));
    }
    *key = entries[index].first.data();
    *key_len = entries[index].first.size();
    *value = entries[index].second.data();
    *value_len = entries[index].second.size();
    return ORGNET_OK;
  });
}

int orgnet_network_as_of(int32_t* out, const orgnet_network* network) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    *out = network->network.as_of();
    return ORGNET_OK;
  });
}

// ------------------------------------------------------------------ hierarchy

#define ORGNET_ORG_SCALAR(fn, ctype, expr)                                          \
  int fn(ctype* out, const orgnet_network* network, uint32_t org) {                 \
    return Guard([&] {                                                              \
      if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc; \
      if (int rc = CheckOrg(network->network, org)) return rc;                      \
      const orgnet::Hierarchy& h = network->network.hierarchy();                    \
      *out = (expr);                                                                \
      return ORGNET_OK;                                                             \
    });                                                                             \
  }
ORGNET_ORG_SCALAR(orgnet_hierarchy_parent, uint32_t, h.parent(org))
ORGNET_ORG_SCALAR(orgnet_hierarchy_depth, uint32_t, h.depth(org))
ORGNET_ORG_SCALAR(orgnet_hierarchy_root, uint32_t, h.root(org))
ORGNET_ORG_SCALAR(orgnet_hierarchy_subtree_size, uint32_t, h.subtree_size(org))
ORGNET_ORG_SCALAR(orgnet_hierarchy_preorder_position, uint32_t, h.preorder_position(org))
#undef ORGNET_ORG_SCALAR

#define ORGNET_ORG_LIST(fn, ptr, produce)                                                    \
  int fn(ptr out, size_t* out_count, const orgnet_network* network, uint32_t org) {          \
    return Guard([&] {                                                                       \
      if (int rc = RequirePointers({{out, "out"}, {out_count, "out_count"}, {network, "network"}})) \
        return rc;                                                                           \
      if (int rc = CheckOrg(network->network, org)) return rc;                               \
      const orgnet::Hierarchy& h = network->network.hierarchy();                             \
      return produce;                                                                        \
    });                                                                                      \
  }
ORGNET_ORG_LIST(orgnet_hierarchy_children, const uint32_t**, Borrow(out, out_count, h.children(org)))
ORGNET_ORG_LIST(orgnet_hierarchy_subtree, const uint32_t**, Borrow(out, out_count, h.subtree(org)))
ORGNET_ORG_LIST(orgnet_hierarchy_descendants, const uint32_t**,
                Borrow(out, out_count, h.descendants(org)))
ORGNET_ORG_LIST(orgnet_hierarchy_siblings, uint32_t**, Allocate(out, out_count, h.siblings(org)))
ORGNET_ORG_LIST(orgnet_hierarchy_ancestors, uint32_t**, Allocate(out, out_count, h.ancestors(org)))
#undef ORGNET_ORG_LIST

int orgnet_hierarchy_of_kind(uint32_t** out, size_t* out_count, const orgnet_network* network,
                             uint32_t org, const char* kind, size_t kind_len) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {out_count, "out_count"}, {network, "network"}}))
      return rc;
    const Network& net = network->network;
    if (int rc = CheckOrg(net, org)) return rc;
    std::string_view text;
    if (int rc = Text(kind, kind_len, "kind", &text)) return rc;
    std::vector<Index> found;
    for (Index v : net.hierarchy().subtree(org)) {
      if (net.org_kind_text(v) == text) found.push_back(v);
    }
    return Allocate(out, out_count, found);
  });
}

int orgnet_hierarchy_is_ancestor(int* out, const orgnet_network* network, uint32_t ancestor,
                                 uint32_t org) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    if (int rc = CheckOrg(network->network, ancestor)) return rc;
    if (int rc = CheckOrg(network->network, org)) return rc;
    *out = network->network.hierarchy().is_ancestor(ancestor, org) ? 1 : 0;
    return ORGNET_OK;
  });
}

int orgnet_hierarchy_lca(uint32_t* out, const orgnet_network* network, uint32_t a, uint32_t b) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    if (int rc = CheckOrg(network->network, a)) return rc;
    if (int rc = CheckOrg(network->network, b)) return rc;
    *out = network->network.hierarchy().LowestCommonAncestor(a, b);
    return ORGNET_OK;
  });
}

int orgnet_hierarchy_roots(const uint32_t** out, size_t* out_count,
                           const orgnet_network* network) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {out_count, "out_count"}, {network, "network"}}))
      return rc;
    return Borrow(out, out_count, network->network.hierarchy().roots());
  });
}

int orgnet_hierarchy_preorder(const uint32_t** out, size_t* out_count,
                              const orgnet_network* network) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {out_count, "out_count"}, {network, "network"}}))
      return rc;
    return Borrow(out, out_count, network->network.hierarchy().preorder());
  });
}

int orgnet_hierarchy_max_depth(uint32_t* out, const orgnet_network* network) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    *out = network->network.hierarchy().max_depth();
    return ORGNET_OK;
  });
}

void orgnet_indexes_free(uint32_t* indexes) { std::free(indexes); }

// ------------------------------------------------------------------ territory

int orgnet_territory_place(orgnet_place* out, const orgnet_network* network, int table,
                           uint32_t row) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    if (int rc = CheckRow(network->network, table, row)) return rc;
    if (table > ORGNET_TABLE_STAFF) {
      return Invalid(Cat(orgnet::GetTableSpec(static_cast<Table>(table)).file,
                                  " rows have no place: use orgs, grids, units, members or staff"));
    }
    const orgnet::Place p = network->network.territory().place(static_cast<Table>(table), row);
    *out = orgnet_place{p.grid, p.community, p.street, p.district};
    return ORGNET_OK;
  });
}

int orgnet_territory_in(const uint32_t** out, size_t* out_count, const orgnet_network* network,
                        int listing, uint32_t org) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {out_count, "out_count"}, {network, "network"}}))
      return rc;
    if (int rc = CheckOrg(network->network, org)) return rc;
    const orgnet::Territory& t = network->network.territory();
    switch (listing) {
      case ORGNET_IN_GRIDS: return Borrow(out, out_count, t.grids_in(org));
      case ORGNET_IN_UNITS: return Borrow(out, out_count, t.units_in(org));
      case ORGNET_IN_ORGS: return Borrow(out, out_count, t.orgs_in(org));
      case ORGNET_IN_STAFF: return Borrow(out, out_count, t.staff_in(org));
      default:
        return SetError(ORGNET_OUT_OF_RANGE, Cat("listing ", listing, " out of range"));
    }
  });
}

int orgnet_territory_unknown(int64_t* out, const orgnet_network* network, int table, int level) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    if (int rc = CheckTable(table)) return rc;
    if (level < ORGNET_LEVEL_COMMUNITY || level > ORGNET_LEVEL_DISTRICT) {
      return SetError(ORGNET_OUT_OF_RANGE, Cat("level ", level, " out of range [1, 3]"));
    }
    *out = network->network.territory().unknown().count(static_cast<Table>(table),
                                                        static_cast<orgnet::Level>(level));
    return ORGNET_OK;
  });
}

// ------------------------------------------------------------------ reports

extern "C++" {
namespace {
int CheckSeverity(int severity) {
  if (severity != ORGNET_ERROR && severity != ORGNET_WARNING) {
    return SetError(ORGNET_OUT_OF_RANGE, Cat("severity ", severity, " out of range"));
  }
  return ORGNET_OK;
}
const std::vector<orgnet::Diagnostic>& Diagnostics(const orgnet_report* r, int severity) {
  return severity == ORGNET_ERROR ? r->report.errors : r->report.warnings;
}
}  // namespace
}  // extern "C++"

int orgnet_report_count(size_t* out, const orgnet_report* report, int severity) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {report, "report"}})) return rc;
    if (int rc = CheckSeverity(severity)) return rc;
    *out = Diagnostics(report, severity).size();
    return ORGNET_OK;
  });
}

int orgnet_report_total(int64_t* out, const orgnet_report* report, int severity) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {report, "report"}})) return rc;
    if (int rc = CheckSeverity(severity)) return rc;
    *out = severity == ORGNET_ERROR ? report->report.error_count : report->report.warning_count;
    return ORGNET_OK;
  });
}

int orgnet_report_truncated(int* out, const orgnet_report* report) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {report, "report"}})) return rc;
    *out = report->report.truncated ? 1 : 0;
    return ORGNET_OK;
  });
}

int orgnet_report_get(orgnet_diagnostic* out, const orgnet_report* report, int severity,
                      size_t index) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {report, "report"}})) return rc;
    if (int rc = CheckSeverity(severity)) return rc;
    const auto& list = Diagnostics(report, severity);
    if (index >= list.size()) {
      return SetError(ORGNET_OUT_OF_RANGE, Cat("diagnostic ", index,
                                                        " out of range: the report has ",
                                                        list.size()));
    }
    const orgnet::Diagnostic& d = list[index];
    out->severity = severity;
    out->file = d.file.c_str();
    out->line = d.line;
    out->row = d.row;
    out->column = d.column.c_str();
    out->byte = d.byte;
    out->message = d.message.c_str();
    out->text = report->texts[severity][index].c_str();
    return ORGNET_OK;
  });
}

void orgnet_report_free(orgnet_report* report) { delete report; }

// ------------------------------------------------------------------ builders and edits

int orgnet_builder_new(orgnet_builder** out) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}})) return rc;
    *out = new orgnet_builder{};
    return ORGNET_OK;
  });
}

int orgnet_builder_from_network(orgnet_builder** out, const orgnet_network* network) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    *out = new orgnet_builder{orgnet::NetworkBuilder::FromNetwork(network->network)};
    return ORGNET_OK;
  });
}

int orgnet_builder_add_row(orgnet_builder* builder, int table, size_t count,
                           const char* const* names, const size_t* name_lens,
                           const char* const* values, const size_t* value_lens) {
  return Guard([&] {
    if (int rc = RequirePointers({{builder, "builder"}})) return rc;
    if (int rc = CheckTable(table)) return rc;
    std::vector<orgnet::Cell> cells;
    if (int rc = Cells(count, names, name_lens, values, value_lens, &cells)) return rc;
    builder->builder.AddRow(static_cast<Table>(table), cells);
    return ORGNET_OK;
  });
}

int orgnet_builder_set_manifest(orgnet_builder* builder, const char* key, size_t key_len,
                                const char* value, size_t value_len) {
  return Guard([&] {
    if (int rc = RequirePointers({{builder, "builder"}})) return rc;
    std::string_view k, v;
    if (int rc = Text(key, key_len, "key", &k)) return rc;
    if (int rc = Text(value, value_len, "value", &v)) return rc;
    builder->builder.SetManifest(std::string(k), std::string(v));
    return ORGNET_OK;
  });
}

int orgnet_builder_build(orgnet_network** out, const orgnet_builder* builder,
                         const orgnet_load_options* options, orgnet_report** report) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {builder, "builder"}})) return rc;
    if (int rc = CheckOptions(options)) return rc;
    orgnet::LoadReport build_report;
    auto network = builder->builder.Build(Options(options), &build_report);
    return Deliver(out, report, std::move(network), std::move(build_report));
  });
}

int orgnet_builder_apply(orgnet_network** out, orgnet_builder* builder,
                         const orgnet_edit_batch* batch, const orgnet_load_options* options,
                         orgnet_report** report) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {builder, "builder"}, {batch, "batch"}}))
      return rc;
    if (int rc = CheckOptions(options)) return rc;
    orgnet::LoadReport apply_report;
    auto network = builder->builder.Apply(batch->batch, Options(options), &apply_report);
    return Deliver(out, report, std::move(network), std::move(apply_report));
  });
}

void orgnet_builder_free(orgnet_builder* builder) { delete builder; }

int orgnet_edit_batch_new(orgnet_edit_batch** out) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}})) return rc;
    *out = new orgnet_edit_batch{};
    return ORGNET_OK;
  });
}

void orgnet_edit_batch_free(orgnet_edit_batch* batch) { delete batch; }

int orgnet_edit_batch_size(size_t* out, const orgnet_edit_batch* batch) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {batch, "batch"}})) return rc;
    *out = batch->batch.size();
    return ORGNET_OK;
  });
}

int orgnet_edit_insert(orgnet_edit_batch* batch, int table, size_t count, const char* const* names,
                       const size_t* name_lens, const char* const* values,
                       const size_t* value_lens) {
  return Guard([&] {
    if (int rc = RequirePointers({{batch, "batch"}})) return rc;
    if (int rc = CheckTable(table)) return rc;
    std::vector<orgnet::Cell> cells;
    if (int rc = Cells(count, names, name_lens, values, value_lens, &cells)) return rc;
    batch->batch.Insert(static_cast<Table>(table), std::move(cells));
    return ORGNET_OK;
  });
}

int orgnet_edit_remove(orgnet_edit_batch* batch, int table, const char* id, size_t id_len) {
  return Guard([&] {
    if (int rc = RequirePointers({{batch, "batch"}})) return rc;
    if (int rc = CheckTable(table)) return rc;
    std::string_view key;
    if (int rc = Text(id, id_len, "id", &key)) return rc;
    batch->batch.Remove(static_cast<Table>(table), std::string(key));
    return ORGNET_OK;
  });
}

int orgnet_edit_set(orgnet_edit_batch* batch, int table, const char* id, size_t id_len,
                    const char* column, size_t column_len, const char* value, size_t value_len) {
  return Guard([&] {
    if (int rc = RequirePointers({{batch, "batch"}})) return rc;
    if (int rc = CheckTable(table)) return rc;
    std::string_view key, name, text;
    if (int rc = Text(id, id_len, "id", &key)) return rc;
    if (int rc = Text(column, column_len, "column", &name)) return rc;
    if (int rc = Text(value, value_len, "value", &text)) return rc;
    batch->batch.Set(static_cast<Table>(table), std::string(key), std::string(name),
                     std::string(text));
    return ORGNET_OK;
  });
}

int orgnet_edit_rename(orgnet_edit_batch* batch, int table, const char* old_id, size_t old_len,
                       const char* new_id, size_t new_len) {
  return Guard([&] {
    if (int rc = RequirePointers({{batch, "batch"}})) return rc;
    if (int rc = CheckTable(table)) return rc;
    std::string_view from, to;
    if (int rc = Text(old_id, old_len, "old_id", &from)) return rc;
    if (int rc = Text(new_id, new_len, "new_id", &to)) return rc;
    batch->batch.Rename(static_cast<Table>(table), std::string(from), std::string(to));
    return ORGNET_OK;
  });
}

int orgnet_edit_remove_link(orgnet_edit_batch* batch, const char* a, size_t a_len, const char* b,
                            size_t b_len, const char* kind, size_t kind_len, const char* since,
                            size_t since_len) {
  return Guard([&] {
    if (int rc = RequirePointers({{batch, "batch"}})) return rc;
    std::string_view va, vb, vk, vs;
    if (int rc = Text(a, a_len, "a", &va)) return rc;
    if (int rc = Text(b, b_len, "b", &vb)) return rc;
    if (int rc = Text(kind, kind_len, "kind", &vk)) return rc;
    if (int rc = Text(since, since_len, "since", &vs)) return rc;
    batch->batch.RemoveLink(std::string(va), std::string(vb), std::string(vk), std::string(vs));
    return ORGNET_OK;
  });
}

}  // extern "C"
