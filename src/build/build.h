// Typing and validation of text tables into a Network: the one path shared by the loader,
// the builder and edits, so that every rule holds the same way whatever the source.
#ifndef ORGNET_SRC_BUILD_BUILD_H_
#define ORGNET_SRC_BUILD_BUILD_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "build/diagnostic_sink.h"
#include "model/raw_table.h"
#include "base/real_text.h"
#include "model/network_impl.h"
#include "orgnet/network.h"

namespace orgnet::internal {

// In TableChunk::AddRecord's numbers: the field is given as text.
inline constexpr std::int64_t kTextField = INT64_MIN;

// The records of one chunk of a streamed table's file, typed as they come (see TableStreams).
class TableChunk {
 public:
  virtual ~TableChunk() = default;
  // One record (one field per header name), starting on line @p line of the chunk's own
  // numbering (the chunk's first line is 1).
  virtual void AddRecord(absl::Span<const std::string_view> fields, std::uint32_t line) = 0;
  // The same, some fields given as numbers: a field whose @p numbers entry is not kTextField
  // holds that value instead of text (only a field that ChunkTarget::NumberField types as
  // kInteger, kDate or kFlag: an integer, a date as days since 1970-01-01, a flag as 1 or 0),
  // typed as its text would be. A database's binary values need no text this way.
  virtual void AddRecord(absl::Span<const std::string_view> fields,
                         absl::Span<const std::int64_t> numbers, std::uint32_t line) = 0;
};

// Where a streamed table's chunks go: made by the validator for each table it types.
class ChunkTarget {
 public:
  virtual ~ChunkTarget() = default;
  // A chunk of about @p expected_rows records; any thread may fill it.
  virtual std::unique_ptr<TableChunk> NewChunk(std::size_t expected_rows) = 0;
  // Appends a filled chunk's rows; chunks come one at a time, in file order. @p line_shift
  // turns the chunk's line numbers into the file's; @p expected_rows estimates the table's
  // rows (for the first chunk's reserve).
  virtual void Commit(std::unique_ptr<TableChunk> chunk, std::int64_t line_shift,
                      std::size_t expected_rows) = 0;
  // What record field @p field is typed as, when it is kInteger, kDate or kFlag (it may then
  // come as a number); kText for any other field, and for one that is not typed.
  virtual ColumnType NumberField(std::size_t field) const = 0;
};

// A load's tables that no other table references (members, links, events, ...): their cells
// are typed as the file is read, after the tables they reference are indexed, instead of
// being held as text first, so that a hundred million members never exist as text.
class TableStreams {
 public:
  virtual ~TableStreams() = default;
  // The table's file is streamed (its RawTable holds the header only).
  virtual bool streamed(int table) const = 0;
  // Reads every streamed file's records: a table's chunks go to targets[table] (nullptr:
  // the records are only read, for their syntax errors and count); syntax errors go to
  // @p syntax. Returns the records of each table.
  virtual std::array<std::size_t, kTableCount> Read(
      const std::array<ChunkTarget*, kTableCount>& targets, DiagnosticSink& syntax) = 0;
};

// Checks every rule of dataset-v1 on `raw` (consumed) and builds the network. Errors and
// warnings go to `sink`; on any error the result is the sink's first-error status. With
// @p streams, the streamed tables' records come from it (raw holds their headers).
absl::StatusOr<std::shared_ptr<const NetworkImpl>> BuildImpl(RawDataset raw,
                                                             const LoadOptions& options,
                                                             DiagnosticSink& sink,
                                                             LoadReport* report,
                                                             TableStreams* streams = nullptr);
// Makes the shared empty network (see network.cc) if it is not made yet; may throw
// std::bad_alloc.
void PrepareEmptyNetwork();

absl::StatusOr<Network> BuildNetwork(RawDataset raw, const LoadOptions& options,
                                     DiagnosticSink& sink, LoadReport* report,
                                     TableStreams* streams = nullptr);

// The warning a load gives for a reference to an org of another kind than the column expects
// (a member's community that is not a community, ...): @p what names the column's role.
std::string KindWarning(std::string_view org_id, std::string_view org_kind, std::string_view what,
                        std::string_view kind);

// The warning a load gives for @p value in a column whose values are a known list (staff
// roles, org levels, event levels), or nullopt.
std::optional<std::string> UnknownValueWarning(Table table, int column, std::string_view value);

// Builds the org kinds (unless `impl` has them for its orgs: a reparent keeps them), hierarchy
// and territory of `impl` from its columns (patches read). With @p member_unknown (a
// snapshot's stored counts) the members are not read.
void Finalize(NetworkImpl& impl, const std::array<std::int64_t, 3>* member_unknown = nullptr);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_BUILD_BUILD_H_
