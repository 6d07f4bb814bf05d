// The C ABI of networks: load, save, edit, tables, cells, whole columns and the manifest.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "base/closest.h"
#include "base/text.h"
#include "capi/arguments.h"
#include "capi/arrays.h"
#include "capi/error.h"
#include "capi/returns.h"
#include "capi/handles.h"
#include "orgnet/network.h"
#include "orgnet/orgnet.h"

namespace {

using orgnet::internal::Cat;
using orgnet::Index;
using orgnet::Network;
using orgnet::Table;
using orgnet::capi::CheckCell;
using orgnet::capi::CheckColumn;
using orgnet::capi::CheckRow;
using orgnet::capi::CheckTable;
using orgnet::capi::CheckType;
using orgnet::capi::Guard;
using orgnet::capi::RunStatus;
using orgnet::capi::LendText;
using orgnet::capi::ReturnScalar;
using orgnet::capi::Invalid;
using orgnet::capi::RequirePointers;
using orgnet::capi::SetError;
using orgnet::capi::TextArgument;

int CheckRowRange(const Network& net, int table, uint32_t first, uint32_t count) {
  const Index rows = net.rows(static_cast<Table>(table));
  if (first > rows || count > rows - first) {
    return SetError(ORGNET_OUT_OF_RANGE,
                    Cat("rows [", first, ", ", std::uint64_t{first} + count,
                        ") out of range: ", orgnet::GetTableSpec(static_cast<Table>(table)).file,
                        " has ", rows, " rows"));
  }
  return ORGNET_OK;
}

bool Chunkable(orgnet::ColumnType type) {
  return type == orgnet::ColumnType::kRef || type == orgnet::ColumnType::kDate ||
         type == orgnet::ColumnType::kInteger || type == orgnet::ColumnType::kReal;
}

int CheckChunkable(const Network& net, int table, int column) {
  const Table t = static_cast<Table>(table);
  if (Chunkable(net.column_type(t, column))) return ORGNET_OK;
  return Invalid(Cat("column ", orgnet::internal::Shown(net.column_name(t, column)),
                     " has no chunks (text and packed flag or status cells): read it with "
                     "orgnet_network_read_column() or orgnet_network_read_text()"));
}

// ORGNET_INVALID_ARGUMENT unless the column reads as text (ids, text, references as ids).
int CheckTextColumn(const Network& net, int table, int column) {
  const Table t = static_cast<Table>(table);
  const orgnet::ColumnType type = net.column_type(t, column);
  if (type == orgnet::ColumnType::kId || type == orgnet::ColumnType::kText ||
      type == orgnet::ColumnType::kRef) {
    return ORGNET_OK;
  }
  return Invalid(Cat("column ", orgnet::internal::Shown(net.column_name(t, column)),
                     " holds no text: read it with orgnet_network_read_column()"));
}

// A whole fixed-width column as one borrowed array: its one chunk (an empty table: no cells).
int BorrowWholeColumn(const void** out, size_t* count, const orgnet_network* network, int table,
                      int column, orgnet::ColumnType type, const char* use) {
  if (int rc = RequirePointers({{out, "out"}, {count, "out_count"}, {network, "network"}}))
    return rc;
  const Network& net = network->network;
  if (int rc = CheckColumn(net, table, column)) return rc;
  if (int rc = CheckType(net, table, column, type, use)) return rc;
  const Table t = static_cast<Table>(table);
  if (net.column_chunk_count(t, column) == 0) {
    *out = nullptr;
    *count = 0;
    return ORGNET_OK;
  }
  const Network::ColumnChunk c = net.column_chunk(t, column, 0);
  *out = c.cells;
  *count = c.rows;
  return ORGNET_OK;
}

}  // namespace

extern "C" {

const char* orgnet_version(void) { return ORGNET_VERSION_STRING_BUILD; }
int orgnet_abi_version(void) { return ORGNET_ABI_VERSION; }

// ------------------------------------------------------------------ networks

int orgnet_network_load(orgnet_network** out, const char* folder, size_t folder_len,
                        const orgnet_load_options* options, orgnet_report** report) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}})) return rc;
    std::string_view path;
    if (int rc = TextArgument(folder, folder_len, "folder", &path)) return rc;
    if (int rc = orgnet::capi::CheckLoadOptions(options)) return rc;
    orgnet::LoadReport load_report;
    auto network = Network::Load(path, orgnet::capi::LoadOptionsOf(options), &load_report);
    return orgnet::capi::Deliver(out, report, std::move(network), std::move(load_report));
  });
}

int orgnet_network_save(const orgnet_network* network, const char* folder, size_t folder_len) {
  std::string_view path;
  return RunStatus(
      {{network, "network"}}, [&] { return TextArgument(folder, folder_len, "folder", &path); },
      [&] { return network->network.Save(path); });
}

int orgnet_network_save_snapshot(const orgnet_network* network, const char* path,
                                 size_t path_len) {
  std::string_view file;
  return RunStatus(
      {{network, "network"}}, [&] { return TextArgument(path, path_len, "path", &file); },
      [&] { return network->network.SaveSnapshot(file); });
}

int orgnet_network_open_snapshot(orgnet_network** out, const char* path, size_t path_len,
                                 const orgnet_snapshot_options* options) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}})) return rc;
    std::string_view file;
    if (int rc = TextArgument(path, path_len, "path", &file)) return rc;
    if (int rc = orgnet::capi::CheckVersion(options, ORGNET_SNAPSHOT_OPTIONS_VERSION,
                                            "orgnet_snapshot_options")) {
      return rc;
    }
    orgnet::SnapshotOptions snapshot;
    if (options != nullptr) {
      if (options->check != ORGNET_SNAPSHOT_VERIFIED && options->check != ORGNET_SNAPSHOT_TRUSTED) {
        return SetError(ORGNET_INVALID_ARGUMENT,
                        orgnet::internal::Cat("options->check is ", options->check,
                                    "; it must be ORGNET_SNAPSHOT_VERIFIED (0) or "
                                    "ORGNET_SNAPSHOT_TRUSTED (1)"));
      }
      if (options->threads < 1) {
        return SetError(ORGNET_INVALID_ARGUMENT,
                        orgnet::internal::Cat("options->threads is ", options->threads,
                                    "; it must be at least 1"));
      }
      snapshot.check = options->check == ORGNET_SNAPSHOT_TRUSTED ? orgnet::SnapshotCheck::kTrusted
                                                                 : orgnet::SnapshotCheck::kVerified;
      if (options->load_into_memory != 0 && options->load_into_memory != 1) {
        return SetError(ORGNET_INVALID_ARGUMENT,
                        orgnet::internal::Cat("options->load_into_memory is ", options->load_into_memory,
                                    "; it must be 0 or 1"));
      }
      snapshot.threads = options->threads;
      snapshot.load_into_memory = options->load_into_memory == 1;
    }
    return orgnet::capi::Deliver(out, nullptr, Network::OpenSnapshot(file, snapshot), {});
  });
}

int orgnet_is_snapshot_file(const char* path, size_t path_len, int* out) {
  std::string_view file;
  return ReturnScalar(
      out, {}, [&] { return TextArgument(path, path_len, "path", &file); },
      [&] { return orgnet::IsSnapshotFile(file) ? 1 : 0; });
}

uint32_t orgnet_snapshot_format_version(void) { return orgnet::kSnapshotFormatVersion; }

void orgnet_network_free(orgnet_network* network) { delete network; }

int orgnet_network_share(orgnet_network** out, const orgnet_network* network) {
  return orgnet::capi::Guard([&] {
    if (int rc = orgnet::capi::RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    *out = new orgnet_network{network->network};
    return ORGNET_OK;
  });
}

int orgnet_network_edit(orgnet_network** out, const orgnet_network* network,
                        const orgnet_edit_batch* batch, const orgnet_load_options* options,
                        orgnet_report** report) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}, {batch, "batch"}})) return rc;
    if (int rc = orgnet::capi::CheckLoadOptions(options)) return rc;
    orgnet::LoadReport edit_report;
    auto edited =
        network->network.Edit(batch->batch, orgnet::capi::LoadOptionsOf(options), &edit_report);
    return orgnet::capi::Deliver(out, report, std::move(edited), std::move(edit_report));
  });
}

int orgnet_network_version(uint64_t* version, uint64_t* parent, const orgnet_network* network) {
  return Guard([&] {
    if (int rc = RequirePointers({{network, "network"}})) return rc;
    if (version != nullptr) *version = network->network.version();
    if (parent != nullptr) *parent = network->network.parent_version();
    return ORGNET_OK;
  });
}

int orgnet_network_memory(size_t* out, const orgnet_network* network) {
  return ReturnScalar(out, {{network, "network"}}, [&] { return network->network.memory_bytes(); });
}

namespace {
// The ids of one list of a scope spec (name: "orgs" or "places").
int ScopeIds(const char* const* ids, const size_t* lens, size_t count, const char* name,
             std::vector<std::string>* out) {
  if (count == 0) return ORGNET_OK;
  if (ids == nullptr) return orgnet::capi::Invalid(Cat(name, " is NULL"));
  if (lens == nullptr) {
    return orgnet::capi::Invalid(Cat(name == std::string_view("orgs") ? "org_lens" : "place_lens",
                                     " is NULL"));
  }
  for (size_t i = 0; i < count; ++i) {
    std::string_view id;
    if (int rc = orgnet::capi::TextArgument(ids[i], lens[i], Cat(name, "[", i, "]"), &id)) {
      return rc;
    }
    out->emplace_back(id);
  }
  return ORGNET_OK;
}
}  // namespace

int orgnet_network_scope(orgnet_network** out, const orgnet_network* network,
                         const orgnet_scope_spec* spec) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}, {spec, "spec"}})) return rc;
    if (int rc = orgnet::capi::CheckVersion(spec, ORGNET_SCOPE_SPEC_VERSION, "orgnet_scope_spec")) {
      return rc;
    }
    orgnet::ScopeSpec scope;
    if (int rc = ScopeIds(spec->orgs, spec->org_lens, spec->org_count, "orgs", &scope.orgs)) {
      return rc;
    }
    if (int rc = ScopeIds(spec->places, spec->place_lens, spec->place_count, "places",
                          &scope.places)) {
      return rc;
    }
    scope.personal = spec->personal != 0;
    auto view = network->network.Scope(scope);
    if (!view.ok()) return SetError(view.status());
    *out = new orgnet_network{*std::move(view)};
    return ORGNET_OK;
  });
}

int orgnet_network_is_view(int* out, const orgnet_network* network) {
  return ReturnScalar(out, {{network, "network"}},
                      [&] { return network->network.is_view() ? 1 : 0; });
}

int orgnet_network_is_outside(int* out, const orgnet_network* network, int table, uint32_t row,
                              int column) {
  return ReturnScalar(
      out, {{network, "network"}}, [&] { return CheckCell(network->network, table, row, column); },
      [&] { return network->network.is_outside(static_cast<Table>(table), row, column) ? 1 : 0; });
}

int orgnet_network_is_masked(int* out, const orgnet_network* network, int table, int column) {
  return ReturnScalar(
      out, {{network, "network"}},
      [&] { return orgnet::capi::CheckColumn(network->network, table, column); },
      [&] { return network->network.is_masked(static_cast<Table>(table), column) ? 1 : 0; });
}

int orgnet_network_rows(uint32_t* out, const orgnet_network* network, int table) {
  return ReturnScalar(
      out, {{network, "network"}}, [&] { return CheckTable(table); },
      [&] { return network->network.rows(static_cast<Table>(table)); });
}

int orgnet_network_has_table(int* out, const orgnet_network* network, int table) {
  return ReturnScalar(
      out, {{network, "network"}}, [&] { return CheckTable(table); },
      [&] { return network->network.has_table(static_cast<Table>(table)) ? 1 : 0; });
}

int orgnet_network_column_count(int* out, const orgnet_network* network, int table) {
  return ReturnScalar(
      out, {{network, "network"}}, [&] { return CheckTable(table); },
      [&] { return network->network.column_count(static_cast<Table>(table)); });
}

int orgnet_network_column_name(const char** out, size_t* out_len, const orgnet_network* network,
                               int table, int column) {
  return LendText(
      out, out_len, {{network, "network"}},
      [&] { return CheckColumn(network->network, table, column); },
      [&] { return network->network.column_name(static_cast<Table>(table), column); });
}

int orgnet_network_column_type(int* out, const orgnet_network* network, int table, int column) {
  return ReturnScalar(
      out, {{network, "network"}}, [&] { return CheckColumn(network->network, table, column); },
      [&] {
        return static_cast<int>(network->network.column_type(static_cast<Table>(table), column));
      });
}

int orgnet_network_column_target(int* out, const orgnet_network* network, int table,
                                 int column) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    if (int rc = CheckColumn(network->network, table, column)) return rc;
    const std::optional<Table> target =
        network->network.column_target(static_cast<Table>(table), column);
    *out = target ? static_cast<int>(*target) : -1;
    return ORGNET_OK;
  });
}

int orgnet_network_has_column(int* out, const orgnet_network* network, int table, int column) {
  return ReturnScalar(
      out, {{network, "network"}}, [&] { return CheckColumn(network->network, table, column); },
      [&] { return network->network.has_column(static_cast<Table>(table), column) ? 1 : 0; });
}

int orgnet_network_find_column(int* out, const orgnet_network* network, int table, const char* name,
                               size_t name_len) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    if (int rc = CheckTable(table)) return rc;
    std::string_view text;
    if (int rc = TextArgument(name, name_len, "name", &text)) return rc;
    auto column = network->network.FindColumn(static_cast<Table>(table), text);
    if (!column) {
      return SetError(ORGNET_NOT_FOUND, Cat(orgnet::GetTableSpec(static_cast<Table>(table)).file,
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
    if (int rc = TextArgument(id, id_len, "id", &text)) return rc;
    auto row = network->network.Find(static_cast<Table>(table), text);
    if (!row) {
      return SetError(ORGNET_NOT_FOUND,
                      Cat("no row with id ", orgnet::internal::Shown(text), " in ", spec.file));
    }
    *out = *row;
    return ORGNET_OK;
  });
}

int orgnet_network_id(const char** out, size_t* out_len, const orgnet_network* network, int table,
                      uint32_t row) {
  return LendText(
      out, out_len, {{network, "network"}}, [&] { return CheckRow(network->network, table, row); },
      [&] { return network->network.id(static_cast<Table>(table), row); });
}

int orgnet_network_text(const char** out, size_t* out_len, const orgnet_network* network, int table,
                        uint32_t row, int column) {
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

#define ORGNET_TYPED_CELL(fn, ctype, coltype, use, expr)                                       \
  int fn(ctype* out, const orgnet_network* network, int table, uint32_t row, int column) {     \
    return Guard([&] {                                                                         \
      if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;           \
      const Network& net = network->network;                                                   \
      if (int rc = CheckCell(net, table, row, column)) return rc;                              \
      if (int rc = CheckType(net, table, column, orgnet::ColumnType::coltype, use)) return rc; \
      const Table t = static_cast<Table>(table);                                               \
      *out = (expr);                                                                           \
      return ORGNET_OK;                                                                        \
    });                                                                                        \
  }

ORGNET_TYPED_CELL(orgnet_network_ref, uint32_t, kRef, "orgnet_network_ref", net.ref(t, row, column))
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
  return ReturnScalar(
      out, {{network, "network"}}, [&] { return CheckCell(network->network, table, row, column); },
      [&] { return network->network.is_empty(static_cast<Table>(table), row, column) ? 1 : 0; });
}

int orgnet_network_cell_text(char** out, size_t* out_len, const orgnet_network* network, int table,
                             uint32_t row, int column) {
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

#define ORGNET_WHOLE_COLUMN(fn, ctype, coltype, use)                                           \
  int fn(const ctype** out, size_t* out_count, const orgnet_network* network, int table,       \
         int column) {                                                                         \
    return Guard([&] {                                                                         \
      return BorrowWholeColumn(reinterpret_cast<const void**>(out), out_count, network, table, \
                               column, orgnet::ColumnType::coltype, use);                      \
    });                                                                                        \
  }
ORGNET_WHOLE_COLUMN(orgnet_network_ref_column, uint32_t, kRef, "a column of references")
ORGNET_WHOLE_COLUMN(orgnet_network_date_column, int32_t, kDate, "a column of dates")
ORGNET_WHOLE_COLUMN(orgnet_network_integer_column, int64_t, kInteger, "a column of integers")
ORGNET_WHOLE_COLUMN(orgnet_network_real_column, double, kReal, "a column of reals")
#undef ORGNET_WHOLE_COLUMN

// ------------------------------------------------------------------ the column contract

int orgnet_column_cell_bytes(size_t* out, int type) {
  return ReturnScalar(
      out, {},
      [&] { return orgnet::capi::CheckBelow(type, ORGNET_COLUMN_STATUS + 1, "column type"); },
      [&] { return Network::CellBytes(static_cast<orgnet::ColumnType>(type)); });
}

int orgnet_network_read_column(void* out, size_t out_bytes, const orgnet_network* network,
                               int table, int column, uint32_t first, uint32_t count) {
  return Guard([&] {
    if (int rc = RequirePointers({{network, "network"}})) return rc;
    const Network& net = network->network;
    if (int rc = CheckColumn(net, table, column)) return rc;
    const Table t = static_cast<Table>(table);
    const std::size_t width = Network::CellBytes(net.column_type(t, column));
    if (width == 0) {
      return Invalid(Cat("column ", orgnet::internal::Shown(net.column_name(t, column)),
                         " holds text: read it with orgnet_network_read_text()"));
    }
    if (int rc = CheckRowRange(net, table, first, count)) return rc;
    const std::size_t needed = std::size_t{count} * width;
    if (out == nullptr && count > 0) return Invalid("out is NULL");
    if (out_bytes < needed) {
      return Invalid(Cat("out holds ", out_bytes, " bytes; ", count, " cells need ", needed));
    }
    net.CopyCells(t, column, first, count, out);
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
    const Table t = static_cast<Table>(table);
    if (int rc = CheckTextColumn(net, table, column)) return rc;
    if (int rc = CheckRowRange(net, table, first, count)) return rc;
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

int orgnet_network_read_text_joined(char* blob, size_t blob_bytes, size_t* blob_needed,
                                    const orgnet_network* network, int table, int column,
                                    uint32_t first, uint32_t count) {
  return Guard([&] {
    if (int rc = RequirePointers({{blob_needed, "blob_needed"}, {network, "network"}})) return rc;
    const Network& net = network->network;
    if (int rc = CheckColumn(net, table, column)) return rc;
    if (int rc = CheckTextColumn(net, table, column)) return rc;
    if (int rc = CheckRowRange(net, table, first, count)) return rc;
    const Table t = static_cast<Table>(table);
    std::size_t needed = count;
    for (uint32_t i = 0; i < count; ++i) needed += net.text(t, first + i, column).size();
    *blob_needed = needed;
    if (blob == nullptr) return ORGNET_OK;  // measuring only
    if (blob_bytes < needed) {
      return Invalid(Cat("blob holds ", blob_bytes, " bytes; the text needs ", needed));
    }
    char* at = blob;
    for (uint32_t i = 0; i < count; ++i) {
      const std::string_view cell = net.text(t, first + i, column);
      if (!cell.empty()) std::memcpy(at, cell.data(), cell.size());
      at += cell.size();
      *at++ = '\0';
    }
    return ORGNET_OK;
  });
}

int orgnet_network_copy_column(void** data, size_t* data_bytes, uint64_t** offsets,
                               const orgnet_network* network, int table, int column) {
  return Guard([&] {
    if (int rc = RequirePointers({{data, "data"},
                                  {data_bytes, "data_bytes"},
                                  {offsets, "offsets"},
                                  {network, "network"}}))
      return rc;
    const Network& net = network->network;
    if (int rc = CheckColumn(net, table, column)) return rc;
    const Table t = static_cast<Table>(table);
    const Index rows = net.rows(t);
    const std::size_t width = Network::CellBytes(net.column_type(t, column));
    if (width != 0) {
      void* cells = std::malloc(std::max<std::size_t>(1, rows * width));
      if (cells == nullptr) return SetError(ORGNET_RESOURCE_EXHAUSTED, "out of memory");
      if (rows > 0) net.CopyCells(t, column, 0, rows, cells);
      *data = cells;
      *data_bytes = rows * width;
      *offsets = nullptr;
      return ORGNET_OK;
    }
    std::size_t needed = 0;
    for (Index row = 0; row < rows; ++row) needed += net.text(t, row, column).size();
    char* blob = static_cast<char*>(std::malloc(std::max<std::size_t>(1, needed)));
    auto* ends = static_cast<uint64_t*>(std::malloc((std::size_t{rows} + 1) * sizeof(uint64_t)));
    if (blob == nullptr || ends == nullptr) {
      std::free(blob);
      std::free(ends);
      return SetError(ORGNET_RESOURCE_EXHAUSTED, "out of memory");
    }
    uint64_t at = 0;
    ends[0] = 0;
    for (Index row = 0; row < rows; ++row) {
      const std::string_view cell = net.text(t, row, column);
      if (!cell.empty()) std::memcpy(blob + at, cell.data(), cell.size());
      at += cell.size();
      ends[row + 1] = at;
    }
    *data = blob;
    *data_bytes = needed;
    *offsets = ends;
    return ORGNET_OK;
  });
}

int orgnet_network_column_chunk_count(size_t* out, const orgnet_network* network, int table,
                                      int column) {
  return ReturnScalar(
      out, {{network, "network"}},
      [&] {
        if (int rc = CheckColumn(network->network, table, column)) return rc;
        return CheckChunkable(network->network, table, column);
      },
      [&] { return network->network.column_chunk_count(static_cast<Table>(table), column); });
}

int orgnet_network_column_chunk(const void** data, uint32_t* first_row, uint32_t* rows,
                                const orgnet_network* network, int table, int column,
                                size_t chunk) {
  return Guard([&] {
    if (int rc = RequirePointers(
            {{data, "data"}, {first_row, "first_row"}, {rows, "rows"}, {network, "network"}})) {
      return rc;
    }
    const Network& net = network->network;
    if (int rc = CheckColumn(net, table, column)) return rc;
    if (int rc = CheckChunkable(net, table, column)) return rc;
    const Table t = static_cast<Table>(table);
    const std::size_t chunks = net.column_chunk_count(t, column);
    if (chunk >= chunks) {
      return SetError(ORGNET_OUT_OF_RANGE, Cat("chunk ", chunk, " out of range: the column has ",
                                               chunks, " chunk", chunks == 1 ? "" : "s"));
    }
    const Network::ColumnChunk c = net.column_chunk(t, column, chunk);
    *data = c.cells;
    *first_row = c.first_row;
    *rows = c.rows;
    return ORGNET_OK;
  });
}

int orgnet_network_manifest_count(size_t* out, const orgnet_network* network) {
  return ReturnScalar(out, {{network, "network"}},
                      [&] { return network->network.manifest_entries().size(); });
}

int orgnet_network_manifest_entry(const char** key, size_t* key_len, const char** value,
                                  size_t* value_len, const orgnet_network* network, size_t index) {
  return Guard([&] {
    if (int rc = RequirePointers({{key, "key"},
                                  {key_len, "key_len"},
                                  {value, "value"},
                                  {value_len, "value_len"},
                                  {network, "network"}}))
      return rc;
    const auto& entries = network->network.manifest_entries();
    if (index >= entries.size()) {
      return SetError(ORGNET_OUT_OF_RANGE, Cat("manifest entry ", index,
                                               " out of range: the manifest has ", entries.size()));
    }
    *key = entries[index].first.data();
    *key_len = entries[index].first.size();
    *value = entries[index].second.data();
    *value_len = entries[index].second.size();
    return ORGNET_OK;
  });
}

int orgnet_network_as_of(int32_t* out, const orgnet_network* network) {
  return ReturnScalar(out, {{network, "network"}}, [&] { return network->network.as_of(); });
}

int orgnet_network_default_date(int32_t* out, const orgnet_network* network) {
  return ReturnScalar(out, {{network, "network"}}, [&] { return network->network.default_date(); });
}

}  // extern "C"
