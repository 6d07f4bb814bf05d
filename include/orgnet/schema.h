/// @file schema.h
/// @brief The tables and columns of a dataset (format version 1), as the library types them.
#ifndef ORGNET_SCHEMA_H_
#define ORGNET_SCHEMA_H_

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "absl/types/span.h"
#include "orgnet/orgnet_export.h"

/// The orgnet C++ API.
namespace orgnet {

/// Dense row index inside one table: 0 .. rows-1.
using Index = std::uint32_t;
/// The "no row" index: an empty reference, a root's parent, an unknown place.
inline constexpr Index kNone = std::numeric_limits<Index>::max();
/// In a scoped view (Network::Scope), a reference to a row the scope does not hold: the row
/// exists but is outside the scope. Never a row index; a full network never holds it.
inline constexpr Index kOutside = kNone - 1;
/// True when @p index is a row (neither kNone nor kOutside).
inline constexpr bool IsRow(Index index) { return index < kOutside; }

/// The files of a dataset, in the order the library loads, saves and reports them.
enum class Table : std::uint8_t {
  kOrgs,       ///< orgs.csv: party organizations (the only required file)
  kGrids,      ///< grids.csv: cells of grid management
  kUnits,      ///< units.csv: social units that party organization must reach
  kMembers,    ///< members.csv: party members
  kStaff,      ///< staff.csv: people serving grid management
  kLinks,      ///< links.csv: co-building links between organizations
  kNeeds,      ///< needs.csv: listed needs
  kResources,  ///< resources.csv: listed resources
  kCentres,    ///< centres.csv: party-mass service centres
  kEvents,     ///< events.csv: grid events
  kFunds,      ///< funds.csv: money received by organizations
};
/// Number of tables in format version 1.
inline constexpr int kTableCount = 11;

/// How the library types a column's cells.
enum class ColumnType : std::uint8_t {
  kId,       ///< unique non-empty text of at most 128 bytes
  kText,     ///< free text (also every column beyond the format's)
  kRef,      ///< the id of a row of another table, stored as that row's Index
  kDate,     ///< YYYY-MM-DD, stored as days since 1970-01-01
  kInteger,  ///< signed 64-bit decimal integer with a lower bound
  kReal,     ///< decimal number with a closed range (coordinates)
  kFlag,     ///< `1`, or `0`/empty
  kStatus,   ///< `formal` or `probationary`
};

/// One column of the format.
struct ColumnSpec {
  std::string_view name;    ///< header name
  ColumnType type;          ///< how cells are typed
  bool required;            ///< the header must have it and no cell may be empty
  Table target;             ///< for kRef: the table referred to
  double min;               ///< for kInteger and kReal: the smallest allowed value
  double max;               ///< for kInteger and kReal: the largest allowed value
};

/// One file of the format.
struct TableSpec {
  Table table;                          ///< which table
  std::string_view name;                ///< short name, e.g. "orgs"
  std::string_view file;                ///< file name, e.g. "orgs.csv"
  absl::Span<const ColumnSpec> columns; ///< the format's columns, in canonical order
  int id_column;                        ///< the kId column, or -1 (links, funds)
};

/// The format's description of @p table. Thread-safe (static data).
ORGNET_EXPORT const TableSpec& GetTableSpec(Table table);
/// The table whose short name ("orgs") or file name ("orgs.csv") is @p name.
ORGNET_EXPORT std::optional<Table> TableFromName(std::string_view name);

/// Column positions of the format's columns (the order of TableSpec::columns).
/// Columns beyond the format's follow them, in file order.
namespace col {
/// orgs.csv
enum Orgs : int { kOrgId, kOrgName, kOrgKind, kOrgParent, kOrgGrid, kOrgLevel };
/// grids.csv
enum Grids : int { kGridId, kGridName, kGridCommunity, kGridHouseholds, kGridLon, kGridLat };
/// units.csv
enum Units : int {
  kUnitId, kUnitName, kUnitKind, kUnitGrid, kUnitOrg, kUnitInstructor, kUnitLiaison,
  kUnitEmployees
};
/// members.csv
enum Members : int {
  kMemberId, kMemberName, kMemberOrg, kMemberStatus, kMemberUnit, kMemberCommunity,
  kMemberMobile, kMemberStation, kMemberAwaySince, kMemberLastContact
};
/// staff.csv
enum Staff : int { kStaffId, kStaffName, kStaffRole, kStaffGrid };
/// links.csv
enum Links : int { kLinkA, kLinkB, kLinkKind, kLinkSince, kLinkUntil };
/// needs.csv and resources.csv
enum Listings : int { kListingId, kListingOrg, kListingCategory, kListingAmount };
/// centres.csv
enum Centres : int {
  kCentreId, kCentreName, kCentreOrg, kCentreGrid, kCentreFunctions, kCentreLon, kCentreLat
};
/// events.csv
enum Events : int {
  kEventId, kEventGrid, kEventCategory, kEventReported, kEventResolved, kEventLevel
};
/// funds.csv
enum Funds : int { kFundOrg, kFundSource, kFundAmount, kFundYear };
}  // namespace col

/// The organization kinds that carry meaning (orgs.csv `kind`); any other text is kOther.
enum class OrgKind : std::uint8_t {
  kOther, kDistrict, kStreet, kCommunity, kUnit, kJoint, kBranch, kGroup, kStation
};
/// The OrgKind of the text @p kind (exact match, case-sensitive).
ORGNET_EXPORT OrgKind OrgKindFromText(std::string_view kind);

/// A date as days since 1970-01-01; kNoDate for an empty (unknown) date.
using Date = std::int32_t;
/// The unknown date.
inline constexpr Date kNoDate = std::numeric_limits<Date>::min();
/// As a date option (LinkFilter::on): the dataset's `as_of` (Network::as_of), and where the
/// dataset has none, the option's documented fallback.
inline constexpr Date kDatasetDate = kNoDate + 1;
/// The first date the format accepts, 0001-01-01. Every date option of every analysis takes
/// kNoDate or a day in [kMinDate, kMaxDate] (an exclusive upper bound: up to kMaxDate + 1).
inline constexpr Date kMinDate = -719162;
/// The last date the format accepts, 9999-12-31.
inline constexpr Date kMaxDate = 2932896;
/// The "empty" integer cell value.
inline constexpr std::int64_t kNoInteger = std::numeric_limits<std::int64_t>::min();
/// Parses `YYYY-MM-DD` (a real calendar date, years 0001-9999).
ORGNET_EXPORT std::optional<Date> ParseDate(std::string_view text);
/// Formats a date as `YYYY-MM-DD`; the empty string for kNoDate.
ORGNET_EXPORT std::string FormatDate(Date date);

}  // namespace orgnet

#endif  // ORGNET_SCHEMA_H_
