// The C ABI of load, build and edit reports, and the hand-over of a made network.
#include <string>
#include <utility>
#include <vector>

#include "base/closest.h"
#include "base/text.h"
#include "capi/arguments.h"
#include "capi/error.h"
#include "capi/returns.h"
#include "capi/handles.h"
#include "orgnet/diagnostic.h"
#include "orgnet/orgnet.h"

namespace {

using orgnet::internal::Cat;
using orgnet::Network;
using orgnet::capi::Guard;
using orgnet::capi::ReturnScalar;
using orgnet::capi::RequirePointers;
using orgnet::capi::SetError;

int CheckSeverity(int severity) {
  if (severity != ORGNET_ERROR && severity != ORGNET_WARNING) {
    return SetError(ORGNET_OUT_OF_RANGE, Cat("severity ", severity, " out of range"));
  }
  return ORGNET_OK;
}
const std::vector<orgnet::Diagnostic>& Diagnostics(const orgnet_report* r, int severity) {
  return severity == ORGNET_ERROR ? r->report.errors : r->report.warnings;
}

void MakeReport(orgnet_report** out, orgnet::LoadReport report) {
  if (out == nullptr) return;
  auto* r = new orgnet_report{std::move(report), {}};
  for (const auto& d : r->report.errors) r->texts[0].push_back(d.ToString());
  for (const auto& d : r->report.warnings) r->texts[1].push_back(d.ToString());
  *out = r;
}

}  // namespace

namespace orgnet::capi {
int Deliver(orgnet_network** out, orgnet_report** report_out, absl::StatusOr<Network> result,
            LoadReport report) {
  MakeReport(report_out, std::move(report));
  if (!result.ok()) return SetError(result.status());
  *out = new orgnet_network{*std::move(result)};
  return ORGNET_OK;
}
}  // namespace orgnet::capi

extern "C" {

// ------------------------------------------------------------------ reports

int orgnet_report_count(size_t* out, const orgnet_report* report, int severity) {
  return ReturnScalar(
      out, {{report, "report"}}, [&] { return CheckSeverity(severity); },
      [&] { return Diagnostics(report, severity).size(); });
}

int orgnet_report_total(int64_t* out, const orgnet_report* report, int severity) {
  return ReturnScalar(
      out, {{report, "report"}}, [&] { return CheckSeverity(severity); },
      [&] {
        return severity == ORGNET_ERROR ? report->report.error_count : report->report.warning_count;
      });
}

int orgnet_report_truncated(int* out, const orgnet_report* report) {
  return ReturnScalar(out, {{report, "report"}}, [&] { return report->report.truncated ? 1 : 0; });
}

int orgnet_report_get(orgnet_diagnostic* out, const orgnet_report* report, int severity,
                      size_t index) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {report, "report"}})) return rc;
    if (int rc = CheckSeverity(severity)) return rc;
    const auto& list = Diagnostics(report, severity);
    if (index >= list.size()) {
      return SetError(ORGNET_OUT_OF_RANGE,
                      Cat("diagnostic ", index, " out of range: the report has ", list.size()));
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
    out->key = d.key.c_str();
    return ORGNET_OK;
  });
}

void orgnet_report_free(orgnet_report* report) { delete report; }

}  // extern "C"
