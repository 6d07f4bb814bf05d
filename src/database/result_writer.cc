// ResultWriter's collecting and naming, the same in every build; the writing itself is
// internal::WriteResults (result_write_pg.cc with libpq, database_unavailable.cc without).
#include "orgnet/result_writer.h"

#include <utility>

#include "base/text.h"
#include "database/result_data.h"
#include "database/result_tables.h"
#include "orgnet/text.h"

namespace orgnet {
namespace {

using internal::Cat;
using internal::Shown;

constexpr std::size_t kMaxRunKeyBytes = 200;
constexpr std::size_t kMaxNameBytes = 63;  // PostgreSQL's NAMEDATALEN - 1

bool HasControl(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

absl::Status CheckPart(std::string_view part, std::string_view what) {
  if (part.empty()) return absl::InvalidArgumentError(Cat(what, ": an empty name"));
  if (part.size() > kMaxNameBytes) {
    return absl::InvalidArgumentError(Cat(what, ": ", Shown(part), " is longer than ",
                                          kMaxNameBytes, " bytes (the server would cut it)"));
  }
  if (!IsValidText(part)) {
    return absl::InvalidArgumentError(
        Cat(what, ": ", Shown(part), ": ", InvalidTextReason(part, ValidTextPrefix(part))));
  }
  if (HasControl(part)) {
    return absl::InvalidArgumentError(Cat(what, ": ", Shown(part), " holds a control character"));
  }
  return absl::OkStatus();
}

absl::Status NotAdded() {
  return absl::FailedPreconditionError("result writer: moved from (no data)");
}

}  // namespace

std::string_view ResultTableName(ResultTable table) {
  static constexpr std::string_view kNames[kResultTableCount] = {
      "orgnet_runs",          "orgnet_coverage_rollup", "orgnet_coverage_findings",
      "orgnet_matching",      "orgnet_events_rollup",   "orgnet_reach_rollup",
      "orgnet_haves_communities", "orgnet_haves_rollup"};
  const int i = static_cast<int>(table);
  return i >= 0 && i < kResultTableCount ? kNames[i] : std::string_view();
}

std::optional<ResultTable> ResultTableFromName(std::string_view name) {
  for (int i = 0; i < kResultTableCount; ++i) {
    const auto table = static_cast<ResultTable>(i);
    if (name == ResultTableName(table) ||
        name == internal::GetResultTableSpec(table).short_name) {
      return table;
    }
  }
  return std::nullopt;
}

ResultWriter::ResultWriter(std::unique_ptr<Data> data) : data_(std::move(data)) {}
ResultWriter::ResultWriter(ResultWriter&& other) noexcept = default;
ResultWriter& ResultWriter::operator=(ResultWriter&& other) noexcept = default;
ResultWriter::~ResultWriter() = default;

absl::StatusOr<ResultWriter> ResultWriter::Create(std::string_view run_key) {
  if (run_key.empty()) return absl::InvalidArgumentError("run_key: empty");
  if (run_key.size() > kMaxRunKeyBytes) {
    return absl::InvalidArgumentError(
        Cat("run_key: ", Shown(run_key), " is longer than ", kMaxRunKeyBytes, " bytes"));
  }
  if (!IsValidText(run_key)) {
    return absl::InvalidArgumentError(
        Cat("run_key: ", Shown(run_key), ": ", InvalidTextReason(run_key, ValidTextPrefix(run_key))));
  }
  if (HasControl(run_key)) {
    return absl::InvalidArgumentError(Cat("run_key: ", Shown(run_key), " holds a control character"));
  }
  auto data = std::make_unique<Data>();
  data->run_key = std::string(run_key);
  return ResultWriter(std::move(data));
}

namespace internal {

std::string TableNameOf(const ResultWriter::Data& data, ResultTable table) {
  const std::string& name = data.names[static_cast<int>(table)];
  std::string own = name.empty() ? std::string(ResultTableName(table)) : name;
  if (data.schema.empty() || own.find('.') != std::string::npos) return own;
  return Cat(data.schema, ".", own);
}

}  // namespace internal

std::string ResultWriter::TableName(ResultTable table) const {
  if (data_ == nullptr) return std::string(ResultTableName(table));
  return internal::TableNameOf(*data_, table);
}

namespace {

// Two tables written under one name would overwrite each other's rows.
absl::Status CheckDistinct(const ResultWriter& writer) {
  for (int i = 0; i < kResultTableCount; ++i) {
    for (int j = i + 1; j < kResultTableCount; ++j) {
      const std::string a = writer.TableName(ResultTable(i));
      if (a == writer.TableName(ResultTable(j))) {
        return absl::InvalidArgumentError(
            Cat("result tables: ", internal::GetResultTableSpec(ResultTable(i)).short_name,
                " and ", internal::GetResultTableSpec(ResultTable(j)).short_name,
                " are both named ", Shown(a)));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ResultWriter::SetTable(ResultTable table, std::string_view name) {
  if (data_ == nullptr) return NotAdded();
  const int i = static_cast<int>(table);
  if (i < 0 || i >= kResultTableCount) {
    return absl::InvalidArgumentError(Cat("table: ", i, " is no result table"));
  }
  const std::string what = Cat("table name for ", internal::GetResultTableSpec(table).short_name);
  const std::size_t dot = name.find('.');
  if (dot == std::string_view::npos) {
    if (absl::Status s = CheckPart(name, what); !s.ok()) return s;
  } else {
    if (name.find('.', dot + 1) != std::string_view::npos) {
      return absl::InvalidArgumentError(
          Cat(what, ": ", Shown(name), " has more than two parts (schema.table)"));
    }
    if (absl::Status s = CheckPart(name.substr(0, dot), what); !s.ok()) return s;
    if (absl::Status s = CheckPart(name.substr(dot + 1), what); !s.ok()) return s;
  }
  std::string before = std::exchange(data_->names[i], std::string(name));
  if (absl::Status s = CheckDistinct(*this); !s.ok()) {
    data_->names[i] = std::move(before);
    return s;
  }
  return absl::OkStatus();
}

absl::Status ResultWriter::SetSchema(std::string_view schema) {
  if (data_ == nullptr) return NotAdded();
  if (!schema.empty()) {
    if (schema.find('.') != std::string_view::npos) {
      return absl::InvalidArgumentError(Cat("schema: ", Shown(schema), " holds a '.'"));
    }
    if (absl::Status s = CheckPart(schema, "schema"); !s.ok()) return s;
  }
  std::string before = std::exchange(data_->schema, std::string(schema));
  if (absl::Status s = CheckDistinct(*this); !s.ok()) {
    data_->schema = std::move(before);
    return s;
  }
  return absl::OkStatus();
}

namespace {

template <typename Result>
absl::Status AddResult(ResultWriter::Data& data, const Result& result,
                       std::optional<Result>& slot) {
  const Network& network = result.network();
  if (data.network.has_value() && data.network->version() != network.version()) {
    return absl::FailedPreconditionError(
        Cat("result writer: the results of one run come from one network version; this "
            "result's is ", network.version(), ", the others' ", data.network->version()));
  }
  if (!data.network.has_value()) data.network = network;
  slot = result;
  return absl::OkStatus();
}

}  // namespace

absl::Status ResultWriter::Add(const CoverageReport& coverage) {
  return data_ == nullptr ? NotAdded() : AddResult(*data_, coverage, data_->coverage);
}
absl::Status ResultWriter::Add(const Matching& matching) {
  return data_ == nullptr ? NotAdded() : AddResult(*data_, matching, data_->matching);
}
absl::Status ResultWriter::Add(const EventReport& events) {
  return data_ == nullptr ? NotAdded() : AddResult(*data_, events, data_->events);
}
absl::Status ResultWriter::Add(const CentreReach& reach) {
  return data_ == nullptr ? NotAdded() : AddResult(*data_, reach, data_->reach);
}
absl::Status ResultWriter::Add(const ThreeHaves& haves) {
  return data_ == nullptr ? NotAdded() : AddResult(*data_, haves, data_->haves);
}

absl::StatusOr<ResultWriteSummary> ResultWriter::Write(std::string_view uri) const {
  if (data_ == nullptr) return NotAdded();
  if (!data_->network.has_value()) {
    return absl::FailedPreconditionError("result writer: no result added (nothing to write)");
  }
  if (absl::Status s = CheckDistinct(*this); !s.ok()) return s;
  return internal::WriteResults(uri, *data_);
}

}  // namespace orgnet
