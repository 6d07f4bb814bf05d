#include "database/mapping.h"

#include <nlohmann/json.hpp>

#include "base/closest.h"
#include "base/text.h"

namespace orgnet::internal {
namespace {

using Json = nlohmann::json;

absl::Status Bad(std::string_view path, std::string_view what) {
  return absl::InvalidArgumentError(Cat("mapping: ", path, path.empty() ? "" : ": ", what));
}

std::string_view KindOf(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    default:
      return "a number";
  }
}

absl::Status CheckKeys(const Json& object, std::string_view path,
                       std::vector<std::string_view> known) {
  for (const auto& [key, value] : object.items()) {
    bool found = false;
    for (std::string_view k : known) found = found || k == key;
    if (found) continue;
    absl::Status unknown = UnknownChoice(path.empty() ? "mapping" : path, "key", key, known);
    return absl::InvalidArgumentError(
        Cat(path.empty() ? "" : "mapping: ", std::string(unknown.message())));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> Text(const Json& value, std::string_view path) {
  if (!value.is_string()) return Bad(path, Cat("must be a string, not ", KindOf(value)));
  std::string text = value.get<std::string>();
  if (text.empty()) return Bad(path, "must not be empty");
  if (text.find('\0') != std::string::npos) return Bad(path, "holds a NUL byte");
  return text;
}

absl::Status ReadSource(const Json& entry, std::string_view path, TableSource& source,
                        const ColumnSpec* columns_begin, const ColumnSpec* columns_end) {
  source.named = true;
  if (entry.is_null()) {
    source.read = false;
    return absl::OkStatus();
  }
  if (entry.is_string()) {  // shorthand: the relation's name
    absl::StatusOr<std::string> name = Text(entry, path);
    if (!name.ok()) return name.status();
    source.relation = *name;
    return absl::OkStatus();
  }
  if (!entry.is_object()) {
    return Bad(path, Cat("must be an object, a relation's name or null, not ", KindOf(entry)));
  }
  if (absl::Status s =
          CheckKeys(entry, path, {"table", "view", "schema", "query", "columns", "extra_columns"});
      !s.ok()) {
    return s;
  }
  const int relations = static_cast<int>(entry.contains("table")) +
                        static_cast<int>(entry.contains("view")) +
                        static_cast<int>(entry.contains("query"));
  if (relations > 1) return Bad(path, "names more than one of table, view and query");
  for (const char* key : {"table", "view"}) {
    if (!entry.contains(key)) continue;
    absl::StatusOr<std::string> name = Text(entry[key], Cat(path, ".", key));
    if (!name.ok()) return name.status();
    source.relation = *name;
  }
  if (entry.contains("query")) {
    absl::StatusOr<std::string> query = Text(entry["query"], Cat(path, ".query"));
    if (!query.ok()) return query.status();
    source.query = *query;
    if (entry.contains("schema")) return Bad(Cat(path, ".schema"), "a query names its own schemas");
  }
  if (entry.contains("schema")) {
    absl::StatusOr<std::string> schema = Text(entry["schema"], Cat(path, ".schema"));
    if (!schema.ok()) return schema.status();
    source.schema = *schema;
  }
  if (entry.contains("columns")) {
    const Json& columns = entry["columns"];
    const std::string columns_path = Cat(path, ".columns");
    if (!columns.is_object()) {
      return Bad(columns_path, Cat("must be an object, not ", KindOf(columns)));
    }
    std::vector<std::string_view> known;
    for (const ColumnSpec* c = columns_begin; c != columns_end; ++c) known.push_back(c->name);
    if (absl::Status s = CheckKeys(columns, columns_path, known); !s.ok()) return s;
    for (const auto& [key, value] : columns.items()) {
      absl::StatusOr<std::string> name = Text(value, Cat(columns_path, ".", key));
      if (!name.ok()) return name.status();
      source.columns.emplace_back(key, *name);
    }
  }
  if (entry.contains("extra_columns")) {
    const Json& extra = entry["extra_columns"];
    const std::string extra_path = Cat(path, ".extra_columns");
    if (!extra.is_array()) {
      return Bad(extra_path, Cat("must be an array of column names, not ", KindOf(extra)));
    }
    std::vector<std::string> names;
    for (std::size_t i = 0; i < extra.size(); ++i) {
      absl::StatusOr<std::string> name = Text(extra[i], Cat(extra_path, "[", i, "]"));
      if (!name.ok()) return name.status();
      names.push_back(*name);
    }
    source.extra_columns = std::move(names);
  }
  return absl::OkStatus();
}

}  // namespace

std::string TableSource::Display(std::string_view dataset_table) const {
  if (!query.empty()) return Cat("the query for ", dataset_table);
  const std::string& name = relation.empty() ? std::string(dataset_table) : relation;
  return schema.empty() ? name : Cat(schema, ".", name);
}

std::string_view TableSource::SourceColumn(std::string_view dataset_column) const {
  for (const auto& [from, to] : columns) {
    if (from == dataset_column) return to;
  }
  return dataset_column;
}

absl::StatusOr<DatabaseMapping> ParseMapping(std::string_view text) {
  DatabaseMapping mapping;
  mapping.manifest.relation = "manifest";
  if (text.empty()) return mapping;
  Json document;
  try {
    document = Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    // e.what() reads "[json.exception.parse_error.101] parse error at line L, column C: ...".
    std::string_view what = e.what();
    if (const std::size_t at = what.find("] "); at != std::string_view::npos) {
      what.remove_prefix(at + 2);
    }
    return Bad("", Cat("not valid JSON: ", what));
  }
  if (!document.is_object()) return Bad("", Cat("must be a JSON object, not ", KindOf(document)));
  if (absl::Status s =
          CheckKeys(document, "",
                    {"orgnet_mapping", "schema", "copy_format", "time_zone", "connections",
                     "manifest", "tables"});
      !s.ok()) {
    return absl::InvalidArgumentError(Cat("mapping: ", std::string(s.message())));
  }
  if (document.contains("orgnet_mapping")) {
    const Json& version = document["orgnet_mapping"];
    if (!version.is_number_integer() || version.get<long long>() != 1) {
      return Bad("orgnet_mapping", "this library reads mapping version 1");
    }
  }
  std::string schema;
  if (document.contains("schema")) {
    absl::StatusOr<std::string> s = Text(document["schema"], "schema");
    if (!s.ok()) return s.status();
    schema = *s;
  }
  if (document.contains("copy_format")) {
    absl::StatusOr<std::string> format = Text(document["copy_format"], "copy_format");
    if (!format.ok()) return format.status();
    if (*format != "binary" && *format != "text") {
      return Bad("copy_format", Cat("\"", *format, "\" is neither \"binary\" nor \"text\""));
    }
    mapping.text_format = *format == "text";
  }
  if (document.contains("time_zone")) {
    absl::StatusOr<std::string> zone = Text(document["time_zone"], "time_zone");
    if (!zone.ok()) return zone.status();
    mapping.time_zone = *zone;
  }
  if (document.contains("connections")) {
    const Json& connections = document["connections"];
    if (!connections.is_number_integer() ||
        (connections.get<long long>() != 1 && connections.get<long long>() != 2)) {
      return Bad("connections", Cat("must be 1 or 2, not ", connections.dump()));
    }
    mapping.connections = static_cast<int>(connections.get<long long>());
  }
  if (document.contains("manifest")) {
    const Json& manifest = document["manifest"];
    if (manifest.is_object() &&
        (manifest.contains("table") || manifest.contains("view") || manifest.contains("query"))) {
      static const ColumnSpec kKeyValue[] = {
          {"key", ColumnType::kText, true, Table::kOrgs, 0, 0},
          {"value", ColumnType::kText, true, Table::kOrgs, 0, 0}};
      mapping.manifest = TableSource{};
      if (absl::Status s =
              ReadSource(manifest, "manifest", mapping.manifest, kKeyValue, kKeyValue + 2);
          !s.ok()) {
        return s;
      }
    } else if (manifest.is_object()) {  // the values themselves
      mapping.manifest.read = false;
      for (const auto& [key, value] : manifest.items()) {
        absl::StatusOr<std::string> v = Text(value, Cat("manifest.", key));
        if (!v.ok()) return v.status();
        mapping.manifest_values.emplace_back(key, *v);
      }
    } else if (manifest.is_null()) {
      mapping.manifest.read = false;
    } else {
      absl::Status s = ReadSource(manifest, "manifest", mapping.manifest, nullptr, nullptr);
      if (!s.ok()) return s;
    }
  }
  std::vector<std::string_view> tables;
  for (int t = 0; t < kTableCount; ++t) tables.push_back(GetTableSpec(static_cast<Table>(t)).name);
  if (document.contains("tables")) {
    const Json& entries = document["tables"];
    if (!entries.is_object()) return Bad("tables", Cat("must be an object, not ", KindOf(entries)));
    if (absl::Status s = CheckKeys(entries, "tables", tables); !s.ok()) return s;
    for (int t = 0; t < kTableCount; ++t) {
      const std::string name(tables[t]);
      if (!entries.contains(name)) continue;
      const TableSpec& spec = GetTableSpec(static_cast<Table>(t));
      if (absl::Status s =
              ReadSource(entries[name], Cat("tables.", name), mapping.tables[t],
                         spec.columns.data(), spec.columns.data() + spec.columns.size());
          !s.ok()) {
        return s;
      }
    }
  }
  for (TableSource& source : mapping.tables) {
    if (source.schema.empty() && source.query.empty()) source.schema = schema;
  }
  if (mapping.manifest.schema.empty() && mapping.manifest.query.empty()) {
    mapping.manifest.schema = schema;
  }
  return mapping;
}

}  // namespace orgnet::internal
