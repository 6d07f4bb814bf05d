// What a ResultWriter holds, shared by the part every build has (result_writer.cc) and the
// part that talks to the server (result_write_pg.cc).
#ifndef ORGNET_SRC_DATABASE_RESULT_DATA_H_
#define ORGNET_SRC_DATABASE_RESULT_DATA_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "orgnet/result_writer.h"

namespace orgnet {

struct ResultWriter::Data {
  std::string run_key;
  std::string schema;                                // "" : the search_path's
  std::array<std::string, kResultTableCount> names;  // "" : the default name
  std::optional<CoverageReport> coverage;
  std::optional<Matching> matching;
  std::optional<EventReport> events;
  std::optional<CentreReach> reach;
  std::optional<ThreeHaves> haves;
  // The network the results come from (the first result added), for ids, names and places.
  std::optional<Network> network;
};

namespace internal {

// The name @p table is written to: its own name (SetTable) or the default, under the
// writer's schema unless the name names one (ResultWriter::TableName).
std::string TableNameOf(const ResultWriter::Data& data, ResultTable table);

// Writes the results of @p data to the database @p uri (ResultWriter::Write's contract).
absl::StatusOr<ResultWriteSummary> WriteResults(std::string_view uri,
                                                const ResultWriter::Data& data);

}  // namespace internal
}  // namespace orgnet

#endif  // ORGNET_SRC_DATABASE_RESULT_DATA_H_
