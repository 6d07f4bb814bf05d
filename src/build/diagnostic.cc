#include "orgnet/diagnostic.h"

#include <algorithm>

#include "build/diagnostic_sink.h"
#include "base/text.h"

using orgnet::internal::Cat;
using orgnet::internal::CatTo;

namespace orgnet {

std::string Diagnostic::ToString() const {
  std::string out = file;
  if (!key.empty()) {
    CatTo(&out, " key ", internal::Shown(key));
  } else if (line > 0) {
    CatTo(&out, ":", line);
  } else if (row >= 0) {
    CatTo(&out, " row ", row + 1);
  }
  if (byte >= 0) CatTo(&out, ":", byte);
  if (!out.empty()) out += ": ";
  if (!column.empty()) CatTo(&out, "column ", column, ": ");
  if (severity == Severity::kWarning) out += "warning: ";
  out += message;
  return out;
}

}  // namespace orgnet

namespace orgnet::internal {

void DiagnosticSink::Error(const DiagnosticKey& key, Diagnostic diagnostic) {
  diagnostic.severity = Severity::kError;
  std::lock_guard<std::mutex> lock(mutex_);
  ++error_count_;
  errors_.push_back({key, std::move(diagnostic)});
}

void DiagnosticSink::Warning(const DiagnosticKey& key, Diagnostic diagnostic) {
  diagnostic.severity = Severity::kWarning;
  std::lock_guard<std::mutex> lock(mutex_);
  ++warning_count_;
  // Warnings are kept per task without a bound; Finish keeps the first max_warnings in order.
  warnings_.push_back({key, std::move(diagnostic)});
}

bool DiagnosticSink::has_errors() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return error_count_ > 0;
}

void DiagnosticSink::MoveTo(DiagnosticSink& to, std::int64_t line_shift,
                            std::int64_t max_errors) {
  std::vector<Entry> errors, warnings;
  std::int64_t warning_count = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    errors.swap(errors_);
    warnings.swap(warnings_);
    warning_count = warning_count_;
    error_count_ = warning_count_ = 0;
  }
  auto shift = [&](Entry& e) {
    if (line_shift == 0) return;
    e.key.row += line_shift;
    if (e.diagnostic.line > 0) e.diagnostic.line += line_shift;
  };
  std::lock_guard<std::mutex> lock(to.mutex_);
  for (Entry& e : errors) {
    if (max_errors-- <= 0) break;
    shift(e);
    to.errors_.push_back(std::move(e));
    ++to.error_count_;
  }
  for (Entry& e : warnings) {
    shift(e);
    to.warnings_.push_back(std::move(e));
  }
  to.warning_count_ += warning_count;
}

void DiagnosticSink::Clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  errors_.clear();
  warnings_.clear();
  error_count_ = warning_count_ = 0;
}

std::int64_t DiagnosticSink::error_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return error_count_;
}

absl::Status DiagnosticSink::Finish(LoadReport* report) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto by_key = [](const Entry& x, const Entry& y) {
    return std::tie(x.key.file, x.key.row, x.key.column, x.key.byte, x.diagnostic.message) <
           std::tie(y.key.file, y.key.row, y.key.column, y.key.byte, y.diagnostic.message);
  };
  std::stable_sort(errors_.begin(), errors_.end(), by_key);
  std::stable_sort(warnings_.begin(), warnings_.end(), by_key);
  // Each task stops looking at max_errors, so reaching it means some errors may be unseen.
  const bool truncated = error_count_ >= max_errors_;
  if (errors_.size() > static_cast<std::size_t>(max_errors_)) errors_.resize(max_errors_);
  if (warnings_.size() > static_cast<std::size_t>(max_warnings_)) warnings_.resize(max_warnings_);
  absl::Status status;
  if (!errors_.empty()) {
    std::string message = errors_.front().diagnostic.ToString();
    if (error_count_ > 1) {
      CatTo(&message, " (and ", error_count_ - 1,
                      truncated ? " more errors; stopped looking)" : " more errors)");
    }
    status = absl::InvalidArgumentError(message);
  }
  if (report != nullptr) {
    report->errors.clear();
    report->warnings.clear();
    for (Entry& e : errors_) report->errors.push_back(std::move(e.diagnostic));
    for (Entry& e : warnings_) report->warnings.push_back(std::move(e.diagnostic));
    report->error_count = error_count_;
    report->warning_count = warning_count_;
    report->truncated = truncated;
  }
  errors_.clear();
  warnings_.clear();
  return status;
}

}  // namespace orgnet::internal
