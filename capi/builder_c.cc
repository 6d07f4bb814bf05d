// The C ABI of builders and edit batches.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "capi/arguments.h"
#include "capi/error.h"
#include "capi/returns.h"
#include "capi/handles.h"
#include "orgnet/builder.h"
#include "orgnet/orgnet.h"

namespace {

using orgnet::Table;
using orgnet::capi::CheckTable;
using orgnet::capi::Guard;
using orgnet::capi::RunStatus;
using orgnet::capi::ReturnScalar;
using orgnet::capi::RequirePointers;
using orgnet::capi::TextArgument;

int Cells(size_t count, const char* const* names, const size_t* name_lens,
          const char* const* values, const size_t* value_lens, std::vector<orgnet::Cell>* out) {
  if (count > 0) {
    if (int rc = RequirePointers({{names, "names"},
                                  {name_lens, "name_lens"},
                                  {values, "values"},
                                  {value_lens, "value_lens"}})) {
      return rc;
    }
  }
  for (size_t i = 0; i < count; ++i) {
    std::string_view name, value;
    if (int rc = TextArgument(names[i], name_lens[i], "names[i]", &name)) return rc;
    if (int rc = TextArgument(values[i], value_lens[i], "values[i]", &value)) return rc;
    out->emplace_back(std::string(name), std::string(value));
  }
  return ORGNET_OK;
}

}  // namespace

extern "C" {

// ------------------------------------------------------------------ builders and edits

int orgnet_builder_new(orgnet_builder** out) {
  return ReturnScalar(out, {}, [&] { return new orgnet_builder{}; });
}

int orgnet_builder_from_network(orgnet_builder** out, const orgnet_network* network) {
  return ReturnScalar(out, {{network, "network"}}, [&] {
    return new orgnet_builder{orgnet::NetworkBuilder::FromNetwork(network->network)};
  });
}

int orgnet_builder_add_row(orgnet_builder* builder, int table, size_t count,
                           const char* const* names, const size_t* name_lens,
                           const char* const* values, const size_t* value_lens) {
  std::vector<orgnet::Cell> cells;
  return RunStatus(
      {{builder, "builder"}},
      [&] {
        if (int rc = CheckTable(table)) return rc;
        return Cells(count, names, name_lens, values, value_lens, &cells);
      },
      [&] { return builder->builder.AddRow(static_cast<Table>(table), cells); });
}

int orgnet_builder_add_column(orgnet_builder* builder, int table, const char* column,
                              size_t column_len) {
  std::string_view name;
  return RunStatus(
      {{builder, "builder"}},
      [&] {
        if (int rc = CheckTable(table)) return rc;
        return TextArgument(column, column_len, "column", &name);
      },
      [&] { return builder->builder.AddColumn(static_cast<Table>(table), name); });
}

int orgnet_builder_set_manifest(orgnet_builder* builder, const char* key, size_t key_len,
                                const char* value, size_t value_len) {
  return Guard([&] {
    if (int rc = RequirePointers({{builder, "builder"}})) return rc;
    std::string_view k, v;
    if (int rc = TextArgument(key, key_len, "key", &k)) return rc;
    if (int rc = TextArgument(value, value_len, "value", &v)) return rc;
    builder->builder.SetManifest(std::string(k), std::string(v));
    return ORGNET_OK;
  });
}

int orgnet_builder_build(orgnet_network** out, const orgnet_builder* builder,
                         const orgnet_load_options* options, orgnet_report** report) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {builder, "builder"}})) return rc;
    if (int rc = orgnet::capi::CheckLoadOptions(options)) return rc;
    orgnet::LoadReport build_report;
    auto network = builder->builder.Build(orgnet::capi::LoadOptionsOf(options), &build_report);
    return orgnet::capi::Deliver(out, report, std::move(network), std::move(build_report));
  });
}

int orgnet_builder_apply(orgnet_network** out, orgnet_builder* builder,
                         const orgnet_edit_batch* batch, const orgnet_load_options* options,
                         orgnet_report** report) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {builder, "builder"}, {batch, "batch"}})) return rc;
    if (int rc = orgnet::capi::CheckLoadOptions(options)) return rc;
    orgnet::LoadReport apply_report;
    auto network =
        builder->builder.Apply(batch->batch, orgnet::capi::LoadOptionsOf(options), &apply_report);
    return orgnet::capi::Deliver(out, report, std::move(network), std::move(apply_report));
  });
}

void orgnet_builder_free(orgnet_builder* builder) { delete builder; }

int orgnet_edit_batch_new(orgnet_edit_batch** out) {
  return ReturnScalar(out, {}, [&] { return new orgnet_edit_batch{}; });
}

void orgnet_edit_batch_free(orgnet_edit_batch* batch) { delete batch; }

int orgnet_edit_batch_size(size_t* out, const orgnet_edit_batch* batch) {
  return ReturnScalar(out, {{batch, "batch"}}, [&] { return batch->batch.size(); });
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
    if (int rc = TextArgument(id, id_len, "id", &key)) return rc;
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
    if (int rc = TextArgument(id, id_len, "id", &key)) return rc;
    if (int rc = TextArgument(column, column_len, "column", &name)) return rc;
    if (int rc = TextArgument(value, value_len, "value", &text)) return rc;
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
    if (int rc = TextArgument(old_id, old_len, "old_id", &from)) return rc;
    if (int rc = TextArgument(new_id, new_len, "new_id", &to)) return rc;
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
    if (int rc = TextArgument(a, a_len, "a", &va)) return rc;
    if (int rc = TextArgument(b, b_len, "b", &vb)) return rc;
    if (int rc = TextArgument(kind, kind_len, "kind", &vk)) return rc;
    if (int rc = TextArgument(since, since_len, "since", &vs)) return rc;
    batch->batch.RemoveLink(std::string(va), std::string(vb), std::string(vk), std::string(vs));
    return ORGNET_OK;
  });
}

int orgnet_edit_set_row(orgnet_edit_batch* batch, int table, uint32_t row, const char* column,
                        size_t column_len, const char* value, size_t value_len) {
  return Guard([&] {
    if (int rc = RequirePointers({{batch, "batch"}})) return rc;
    if (int rc = CheckTable(table)) return rc;
    std::string_view name, text;
    if (int rc = TextArgument(column, column_len, "column", &name)) return rc;
    if (int rc = TextArgument(value, value_len, "value", &text)) return rc;
    batch->batch.SetRow(static_cast<Table>(table), row, std::string(name), std::string(text));
    return ORGNET_OK;
  });
}

int orgnet_edit_remove_row(orgnet_edit_batch* batch, int table, uint32_t row) {
  return Guard([&] {
    if (int rc = RequirePointers({{batch, "batch"}})) return rc;
    if (int rc = CheckTable(table)) return rc;
    batch->batch.RemoveRow(static_cast<Table>(table), row);
    return ORGNET_OK;
  });
}

int orgnet_edit_add_column(orgnet_edit_batch* batch, int table, const char* column,
                           size_t column_len) {
  return Guard([&] {
    if (int rc = RequirePointers({{batch, "batch"}})) return rc;
    if (int rc = CheckTable(table)) return rc;
    std::string_view name;
    if (int rc = TextArgument(column, column_len, "column", &name)) return rc;
    batch->batch.AddColumn(static_cast<Table>(table), std::string(name));
    return ORGNET_OK;
  });
}

}  // extern "C"
