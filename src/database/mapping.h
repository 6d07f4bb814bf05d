// The mapping from dataset-v1's tables and columns to an application's tables, views or
// queries (docs/database.md, "The mapping"): a JSON document, read with nlohmann-json.
#ifndef ORGNET_SRC_DATABASE_MAPPING_H_
#define ORGNET_SRC_DATABASE_MAPPING_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "orgnet/schema.h"

namespace orgnet::internal {

// Where one dataset table's rows come from.
struct TableSource {
  bool read = true;      // false: the mapping says null (the table is absent)
  bool named = false;    // the mapping names it: a missing relation is an error, not absence
  std::string schema;    // "" : unqualified (the connection's search_path finds it)
  std::string relation;  // a table or view; or
  std::string query;     // a query whose rows are the table's
  // Dataset column -> source column, for the names that differ (the others are looked for
  // under their own names).
  std::vector<std::pair<std::string, std::string>> columns;
  // The source's other columns kept as extra columns: every one (nullopt) or those named.
  std::optional<std::vector<std::string>> extra_columns;
  // How messages name it: "app.party_org", "party_org", or "the query for members".
  std::string Display(std::string_view dataset_table) const;
  // The source column a dataset column is read from.
  std::string_view SourceColumn(std::string_view dataset_column) const;
};

struct DatabaseMapping {
  std::array<TableSource, kTableCount> tables;
  TableSource manifest;  // a key,value relation; by default "manifest", read if it exists
  std::vector<std::pair<std::string, std::string>> manifest_values;  // given in the mapping
  bool text_format = false;                                          // "copy_format": "text"
  std::string time_zone;  // for timestamps with time zone; "" : the session's TimeZone
  int connections = 2;    // "connections": 1 or 2 (the streamed tables over a second one)
};

// Reads a mapping document; "" gives the default mapping (every table under its dataset name,
// unqualified). Errors (INVALID_ARGUMENT) name the mapping's key path: `mapping: tables.orgs:
// unknown key "colums"; did you mean "columns"?`.
absl::StatusOr<DatabaseMapping> ParseMapping(std::string_view json);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_DATABASE_MAPPING_H_
