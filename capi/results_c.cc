// The C ABI of result writing (include/orgnet/orgnet.h, "Results written to a database").
#include <string_view>
#include <utility>

#include "capi/analysis_handles.h"
#include "capi/arguments.h"
#include "capi/coverage_handle.h"
#include "capi/error.h"
#include "capi/returns.h"
#include "orgnet/orgnet.h"
#include "orgnet/result_writer.h"

struct orgnet_result_writer {
  orgnet::ResultWriter writer;
  orgnet::ResultWriteSummary written;
};

using orgnet::ResultTable;
using orgnet::ResultWriter;
using orgnet::capi::CheckBelow;
using orgnet::capi::Guard;
using orgnet::capi::RequirePointers;
using orgnet::capi::RunStatus;
using orgnet::capi::TextArgument;

namespace {

int CheckResultTable(int table) { return CheckBelow(table, ORGNET_RESULT_TABLE_COUNT, "table"); }

// Adds one result handle's result to the writer.
template <typename Handle, typename Get>
int AddResult(orgnet_result_writer* writer, const Handle* handle, const char* name, Get get) {
  return RunStatus({{writer, "writer"}, {handle, name}},
                   [&] { return writer->writer.Add(get(*handle)); });
}

}  // namespace

extern "C" {

const char* orgnet_result_table_name(int table) {
  if (table < 0 || table >= ORGNET_RESULT_TABLE_COUNT) return nullptr;
  // The names are string literals (NUL-terminated) viewed by ResultTableName.
  return orgnet::ResultTableName(static_cast<ResultTable>(table)).data();
}

int orgnet_result_writer_new(orgnet_result_writer** out, const char* run_key,
                             size_t run_key_len) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}})) return rc;
    std::string_view key;
    if (int rc = TextArgument(run_key, run_key_len, "run_key", &key)) return rc;
    absl::StatusOr<ResultWriter> writer = ResultWriter::Create(key);
    if (!writer.ok()) return orgnet::capi::SetError(writer.status());
    *out = new orgnet_result_writer{*std::move(writer), {}};
    return ORGNET_OK;
  });
}

void orgnet_result_writer_free(orgnet_result_writer* writer) { delete writer; }

int orgnet_result_writer_set_table(orgnet_result_writer* writer, int table, const char* name,
                                   size_t name_len) {
  return Guard([&] {
    if (int rc = RequirePointers({{writer, "writer"}})) return rc;
    if (int rc = CheckResultTable(table)) return rc;
    std::string_view text;
    if (int rc = TextArgument(name, name_len, "name", &text)) return rc;
    return orgnet::capi::SetError(writer->writer.SetTable(static_cast<ResultTable>(table), text));
  });
}

int orgnet_result_writer_set_schema(orgnet_result_writer* writer, const char* schema,
                                    size_t schema_len) {
  return Guard([&] {
    if (int rc = RequirePointers({{writer, "writer"}})) return rc;
    std::string_view text;
    if (int rc = TextArgument(schema, schema_len, "schema", &text)) return rc;
    return orgnet::capi::SetError(writer->writer.SetSchema(text));
  });
}

int orgnet_result_writer_table(char** out, size_t* out_len, const orgnet_result_writer* writer,
                               int table) {
  return orgnet::capi::CopyText(
      out, out_len, {{writer, "writer"}}, [&] { return CheckResultTable(table); },
      [&] { return writer->writer.TableName(static_cast<ResultTable>(table)); });
}

int orgnet_result_writer_add_coverage(orgnet_result_writer* writer,
                                      const orgnet_coverage* coverage) {
  return AddResult(writer, coverage, "coverage", [](const orgnet_coverage& h) -> const auto& {
    return h.report;
  });
}

int orgnet_result_writer_add_matching(orgnet_result_writer* writer,
                                      const orgnet_matching* matching) {
  return AddResult(writer, matching, "matching", [](const orgnet_matching& h) -> const auto& {
    return h.matching;
  });
}

int orgnet_result_writer_add_events(orgnet_result_writer* writer, const orgnet_events* events) {
  return AddResult(writer, events, "events", [](const orgnet_events& h) -> const auto& {
    return h.report;
  });
}

int orgnet_result_writer_add_reach(orgnet_result_writer* writer, const orgnet_reach* reach) {
  return AddResult(writer, reach, "reach", [](const orgnet_reach& h) -> const auto& {
    return h.reach;
  });
}

int orgnet_result_writer_add_haves(orgnet_result_writer* writer, const orgnet_haves* haves) {
  return AddResult(writer, haves, "haves", [](const orgnet_haves& h) -> const auto& {
    return h.haves;
  });
}

int orgnet_result_writer_write(orgnet_result_writer* writer, const char* uri, size_t uri_len) {
  return Guard([&] {
    if (int rc = RequirePointers({{writer, "writer"}})) return rc;
    std::string_view text;
    if (int rc = TextArgument(uri, uri_len, "uri", &text)) return rc;
    absl::StatusOr<orgnet::ResultWriteSummary> written = writer->writer.Write(text);
    if (!written.ok()) return orgnet::capi::SetError(written.status());
    writer->written = *written;
    return ORGNET_OK;
  });
}

int orgnet_result_writer_rows(int64_t* out, const orgnet_result_writer* writer, int table) {
  return orgnet::capi::ReturnScalar(out, {{writer, "writer"}},
                                    [&] { return CheckResultTable(table); },
                                    [&] { return writer->written.rows[table]; });
}

}  // extern "C"
