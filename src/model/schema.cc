#include "orgnet/schema.h"

#include <array>

namespace orgnet {
namespace {

constexpr double kNoMin = 0, kNoMax = 0;
// Counts and amounts (households, employees, listed amounts, funds) stay below 2^31, so that
// every sum the library forms over at most 2^32 rows fits its int64 results.
constexpr double kMaxCount = 2147483647;

constexpr ColumnSpec Id(std::string_view name) {
  return {name, ColumnType::kId, true, Table::kOrgs, kNoMin, kNoMax};
}
constexpr ColumnSpec Text(std::string_view name, bool required) {
  return {name, ColumnType::kText, required, Table::kOrgs, kNoMin, kNoMax};
}
constexpr ColumnSpec Ref(std::string_view name, bool required, Table target) {
  return {name, ColumnType::kRef, required, target, kNoMin, kNoMax};
}
constexpr ColumnSpec DateCol(std::string_view name, bool required) {
  return {name, ColumnType::kDate, required, Table::kOrgs, kNoMin, kNoMax};
}
constexpr ColumnSpec Integer(std::string_view name, bool required, double min, double max) {
  return {name, ColumnType::kInteger, required, Table::kOrgs, min, max};
}
constexpr ColumnSpec Real(std::string_view name, double min, double max) {
  return {name, ColumnType::kReal, false, Table::kOrgs, min, max};
}

constexpr std::array kOrgColumns = {
    Id("id"), Text("name", true), Text("kind", true), Ref("parent", false, Table::kOrgs),
    Ref("grid", false, Table::kGrids), Text("level", false)};
constexpr std::array kGridColumns = {
    Id("id"), Text("name", false), Ref("community", true, Table::kOrgs),
    Integer("households", false, 0, kMaxCount), Real("lon", -180, 180), Real("lat", -90, 90)};
constexpr std::array kUnitColumns = {
    Id("id"), Text("name", true), Text("kind", false), Ref("grid", true, Table::kGrids),
    Ref("org", false, Table::kOrgs), Ref("instructor", false, Table::kStaff),
    Ref("liaison", false, Table::kStaff), Integer("employees", false, 0, kMaxCount)};
constexpr std::array kMemberColumns = {
    Id("id"),
    Text("name", false),
    Ref("org", false, Table::kOrgs),
    ColumnSpec{"status", ColumnType::kStatus, true, Table::kOrgs, kNoMin, kNoMax},
    Ref("unit", false, Table::kUnits),
    Ref("community", false, Table::kOrgs),
    ColumnSpec{"mobile", ColumnType::kFlag, false, Table::kOrgs, kNoMin, kNoMax},
    Ref("station", false, Table::kOrgs),
    DateCol("away_since", false),
    DateCol("last_contact", false)};
constexpr std::array kStaffColumns = {Id("id"), Text("name", false), Text("role", true),
                                      Ref("grid", false, Table::kGrids)};
constexpr std::array kLinkColumns = {Ref("a", true, Table::kOrgs), Ref("b", true, Table::kOrgs),
                                     Text("kind", true), DateCol("since", false),
                                     DateCol("until", false)};
constexpr std::array kListingColumns = {Id("id"), Ref("org", true, Table::kOrgs),
                                        Text("category", true),
                                        Integer("amount", true, 1, kMaxCount)};
constexpr std::array kCentreColumns = {Id("id"),
                                       Text("name", true),
                                       Ref("org", true, Table::kOrgs),
                                       Ref("grid", true, Table::kGrids),
                                       Text("functions", false),
                                       Real("lon", -180, 180),
                                       Real("lat", -90, 90)};
constexpr std::array kEventColumns = {Id("id"),
                                      Ref("grid", true, Table::kGrids),
                                      Text("category", true),
                                      DateCol("reported", true),
                                      DateCol("resolved", false),
                                      Text("level", false)};
constexpr std::array kFundColumns = {Ref("org", true, Table::kOrgs), Text("source", true),
                                     Integer("amount", true, 0, kMaxCount),
                                     Integer("year", true, 1, 9999)};

const std::array<TableSpec, kTableCount> kTables = {{
    {Table::kOrgs, "orgs", "orgs.csv", kOrgColumns, 0},
    {Table::kGrids, "grids", "grids.csv", kGridColumns, 0},
    {Table::kUnits, "units", "units.csv", kUnitColumns, 0},
    {Table::kMembers, "members", "members.csv", kMemberColumns, 0},
    {Table::kStaff, "staff", "staff.csv", kStaffColumns, 0},
    {Table::kLinks, "links", "links.csv", kLinkColumns, -1},
    {Table::kNeeds, "needs", "needs.csv", kListingColumns, 0},
    {Table::kResources, "resources", "resources.csv", kListingColumns, 0},
    {Table::kCentres, "centres", "centres.csv", kCentreColumns, 0},
    {Table::kEvents, "events", "events.csv", kEventColumns, 0},
    {Table::kFunds, "funds", "funds.csv", kFundColumns, -1},
}};

}  // namespace

const TableSpec& GetTableSpec(Table table) { return kTables[static_cast<int>(table)]; }

std::optional<Table> TableFromName(std::string_view name) {
  for (const TableSpec& spec : kTables) {
    if (spec.name == name || spec.file == name) return spec.table;
  }
  return std::nullopt;
}

OrgKind OrgKindFromText(std::string_view kind) {
  static constexpr std::array<std::pair<std::string_view, OrgKind>, 8> kKinds = {{
      {"district", OrgKind::kDistrict},
      {"street", OrgKind::kStreet},
      {"community", OrgKind::kCommunity},
      {"unit", OrgKind::kUnit},
      {"joint", OrgKind::kJoint},
      {"branch", OrgKind::kBranch},
      {"group", OrgKind::kGroup},
      {"station", OrgKind::kStation},
  }};
  for (const auto& [text, code] : kKinds) {
    if (text == kind) return code;
  }
  return OrgKind::kOther;
}

}  // namespace orgnet
