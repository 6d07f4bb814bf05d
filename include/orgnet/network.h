/// @file network.h
/// @brief orgnet::Network: an immutable, loaded "1+N" organization network and its tables.
#ifndef ORGNET_NETWORK_H_
#define ORGNET_NETWORK_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "orgnet/diagnostic.h"
#include "orgnet/hierarchy.h"
#include "orgnet/orgnet_export.h"
#include "orgnet/schema.h"
#include "orgnet/scope.h"
#include "orgnet/snapshot.h"
#include "orgnet/territory.h"

namespace orgnet {

class EditBatch;
namespace internal {
struct NetworkImpl;
struct NetworkAccess;  // the library's own layers reach the data through it (model/network_impl.h)
}

/// Status of a member (members.csv `status`).
enum class MemberStatus : std::uint8_t {
  kFormal = 0,        ///< 正式黨員
  kProbationary = 1,  ///< 預備黨員
};

/// A loaded network: eleven typed tables, the leadership hierarchy and the territory.
///
/// Immutable once built: every member function is const and safe to call from many threads at
/// once. Copying is cheap (the data are shared). Rows are addressed by a dense Index per table
/// (file order); string ids appear only at the boundary (Find and id), both O(1).
/// Cell accessors take valid rows and columns (the C ABI and Python check them; C++ does not).
class ORGNET_EXPORT Network {
 public:
  /// An empty network (no tables).
  Network();
  ~Network();
  /// Copies share the immutable data.
  Network(const Network&);
  /// Copies share the immutable data.
  Network& operator=(const Network&);
  /// Moves leave @p other empty.
  Network(Network&&) noexcept;
  /// Moves leave @p other empty.
  Network& operator=(Network&&) noexcept;

  /// Loads a version-1 dataset folder, checking every integrity rule of the format.
  ///
  /// All-or-nothing: on any error nothing is returned but the status (kInvalidArgument for bad
  /// data, kNotFound for a missing folder or orgs.csv, kFailedPrecondition for an unsupported
  /// version) whose message is the first error in `FILE:LINE: column NAME: ...` form.
  /// @param folder   the dataset folder
  /// @param options  error bounds and threads
  /// @param report   if not null, receives every error (up to options.max_errors) and warning
  static absl::StatusOr<Network> Load(std::string_view folder, const LoadOptions& options = {},
                                      LoadReport* report = nullptr);
  /// Loads the dataset from a PostgreSQL-protocol database (PostgreSQL, openGauss, KingbaseES,
  /// Highgo, PolarDB; docs/database.md), checking every rule Load checks; all-or-nothing.
  ///
  /// Every table is read with `COPY ... TO STDOUT` (binary format unless the mapping says
  /// "copy_format": "text") inside one read-only REPEATABLE READ transaction, so the network
  /// is one consistent state of the database; where the server allows it, the large tables
  /// are read over a second connection in the same snapshot (pg_export_snapshot), on a second
  /// thread (the mapping's "connections": 1 asks for one). Diagnostics name the
  /// application's table, the row's key and its column (`party_org key "O9": column
  /// parent_code: ...`).
  /// @param uri      a libpq connection URI (`postgresql://user@host/db?options=...`) or
  ///                 conninfo string (`host=... dbname=...`); the connection uses UTF-8
  /// @param mapping  the mapping document (JSON, docs/database.md "The mapping"); "" reads
  ///                 each table under its dataset name (`orgs`, `members`, ...) through the
  ///                 connection's search_path, a missing one (other than orgs) being absent
  /// @param options  error bounds (options.threads is not used: the connections decide)
  /// @param report   if not null, receives every error and warning
  /// @return kInvalidArgument (bad mapping, bad data), kNotFound (a missing table or schema),
  ///   kPermissionDenied (no right to read a table), kUnavailable (the server cannot be
  ///   reached or refused the login; the server's message), kUnimplemented (a build without
  ///   database support), kCancelled, kResourceExhausted. Messages never show a password.
  /// Cost: the server's COPY of every row, plus what Load costs to type and check them.
  static absl::StatusOr<Network> LoadDatabase(std::string_view uri, std::string_view mapping,
                                              const LoadOptions& options = {},
                                              LoadReport* report = nullptr);
  /// Whether this build of the library reads databases (it was built with libpq).
  static bool HasDatabaseSupport();
  /// Writes the network as a version-1 dataset folder (created if needed): the tables that
  /// were present, their present columns and extra columns, and manifest.csv. Loading the
  /// result gives an equal network. Files are replaced; on an I/O error the status names the file.
  absl::Status Save(std::string_view folder) const;
  /// Writes the whole network (every table, extra columns, the manifest and the id indexes) to
  /// one snapshot file that OpenSnapshot maps (format: docs/snapshot.md). Atomic: written to a
  /// temporary file in the same folder, synced, renamed over @p path, then the folder synced;
  /// a failed save leaves @p path as it was. An edited version saves like any other.
  /// kNotFound (no such folder), kPermissionDenied, kDataLoss (a write or sync failed).
  /// O(bytes of the network).
  absl::Status SaveSnapshot(std::string_view path) const;
  /// Opens a snapshot file written by SaveSnapshot: the file is mapped read-only and the
  /// columns are read from the mapping (pages become resident as queries touch them); the
  /// hierarchy and territory are rebuilt at open, O(orgs + grids + units + staff) (no member
  /// is read: the snapshot stores their counts).
  /// Every query and analysis answers as on the network that was saved. The network gets a
  /// new version() (parent_version() 0, as a load). In the default verified mode every
  /// section is checked first (SnapshotCheck). The file must not be truncated or rewritten
  /// in place while the network (or any version edited from it) lives: replace it by
  /// rename, as SaveSnapshot does (docs/snapshot.md, "Mapped files").
  /// kNotFound (no such file), kInvalidArgument (not a snapshot), kFailedPrecondition (a format
  /// version this library does not read, the other byte order), kDataLoss (damaged: the
  /// message names the file, the section and the offset), kResourceExhausted.
  static absl::StatusOr<Network> OpenSnapshot(std::string_view path,
                                              const SnapshotOptions& options = {});
  /// Applies a batch of edits and returns the new version; this network is unchanged and stays
  /// valid. The batch is validated as a whole (all-or-nothing), as NetworkBuilder::Apply does.
  /// Every edit kind applies in place: the version shares all unchanged storage and updates
  /// the indexes its edits reach (ids, org kinds, hierarchy, territory, scope indexes) for the
  /// rows concerned. Cost: O(cells + rows attached to the edited rows), microseconds for
  /// cell sets, inserts and removals on a city; an edit of organizations (insert, remove,
  /// kind, parent, grid) adds O(orgs + grids), milliseconds on a city. A change of schema (an
  /// added column) rebuilds, O(cells of the network) (docs/live.md). Rows: inserts append; a
  /// removal moves the table's last row into the removed row's place.
  absl::StatusOr<Network> Edit(const EditBatch& batch, const LoadOptions& options = {},
                               LoadReport* report = nullptr) const;

  /// @name Scoped views (data permission: docs/permission.md)
  /// @{

  /// A view of the rows @p spec holds: a Network of its own whose tables hold only those rows,
  /// renumbered densely in file order, so that a row outside the scope cannot be found by id
  /// or row and no table size of this network shows. References to rows outside the scope
  /// read kOutside (ref) and "" (text, CellText), and is_outside is true; the leadership
  /// chain is cut at the view's roots (their parent reads kOutside, hierarchy().parent
  /// kNone); places above the scope are kOutside in Place, never kNone (unknown). Every
  /// query and analysis takes the view as it takes a network and keeps to these rules.
  /// A view of a view narrows it. Thread-safe; O(rows of the view) after the first call on a
  /// network, which builds the scope indexes once (O(rows), counted by memory_bytes).
  /// kNotFound: an id in @p spec that this network does not hold (the message names the
  /// argument: `orgs[1]`, `places[0]`); kInvalidArgument: no org and no place, or a place
  /// that is an organization of another kind than district, street or community.
  absl::StatusOr<Network> Scope(const ScopeSpec& spec) const;
  /// True for a scoped view (made by Scope, or by Scope on a view).
  bool is_view() const;
  /// True when a kRef cell refers to a row outside the view's scope (always false on a
  /// network that is not a view).
  bool is_outside(Table table, Index row, int column) const;
  /// True when the column is a personal field that the view masks: its cells read as empty.
  bool is_masked(Table table, int column) const;
  /// @}

  /// Rows of @p table (0 if absent).
  Index rows(Table table) const;
  /// True when the table came from a file (or the builder was given rows or a header for it).
  bool has_table(Table table) const;
  /// Columns of @p table: the format's (always, present or not), then extra columns.
  int column_count(Table table) const;
  /// The header name of a column.
  std::string_view column_name(Table table, int column) const;
  /// How a column is typed (extra columns are kText).
  ColumnType column_type(Table table, int column) const;
  /// The table a reference column names (dataset-v1's schema), or nullopt for a column of
  /// another type. O(1).
  std::optional<Table> column_target(Table table, int column) const;
  /// True when the column was in the input (a format column may be absent: all empty).
  bool has_column(Table table, int column) const;
  /// The position of the column named @p name, if the table has one.
  std::optional<int> FindColumn(Table table, std::string_view name) const;

  /// The row whose id is @p id (tables with an id column). O(1) expected.
  std::optional<Index> Find(Table table, std::string_view id) const;
  /// The id of a row (tables with an id column; "" for links and funds).
  std::string_view id(Table table, Index row) const;
  /// A kId or kText cell (extra columns included), borrowed from the network; for a kRef cell
  /// the referenced row's id ("" when empty). Other types: "" (use CellText).
  std::string_view text(Table table, Index row, int column) const;
  /// A kRef cell: the referenced row, or kNone when empty.
  Index ref(Table table, Index row, int column) const;
  /// A kDate cell, or kNoDate when empty.
  Date date(Table table, Index row, int column) const;
  /// A kInteger cell, or kNoInteger when empty.
  std::int64_t integer(Table table, Index row, int column) const;
  /// A kReal cell, or NaN when empty.
  double real(Table table, Index row, int column) const;
  /// A kFlag cell (empty reads false).
  bool flag(Table table, Index row, int column) const;
  /// A kStatus cell.
  MemberStatus status(Table table, Index row, int column) const;
  /// True when the cell was empty in the input.
  bool is_empty(Table table, Index row, int column) const;
  /// Any cell in its canonical text form (what Save writes): dates `YYYY-MM-DD`, integers in
  /// decimal, reals in the shortest form that reads back exactly, references as ids.
  std::string CellText(Table table, Index row, int column) const;

  /// Organizations (rows of orgs.csv).
  Index org_count() const { return rows(Table::kOrgs); }
  /// The org whose id is @p id.
  std::optional<Index> FindOrg(std::string_view id) const { return Find(Table::kOrgs, id); }
  /// An org's id.
  std::string_view org_id(Index org) const { return id(Table::kOrgs, org); }
  /// An org's name.
  std::string_view org_name(Index org) const { return text(Table::kOrgs, org, col::kOrgName); }
  /// An org's kind as written.
  std::string_view org_kind_text(Index org) const {
    return text(Table::kOrgs, org, col::kOrgKind);
  }
  /// An org's kind, for the kinds that carry meaning.
  OrgKind org_kind(Index org) const;

  /// The manifest's value for @p key ("" if absent).
  std::string_view manifest(std::string_view key) const;
  /// Every manifest entry, in file order.
  const std::vector<std::pair<std::string, std::string>>& manifest_entries() const;
  /// The manifest's `as_of` date, or kNoDate.
  Date as_of() const;
  /// The latest date any date cell of the network holds (kNoDate when none): what a
  /// date-dependent analysis falls back to when the dataset has no `as_of`, so that its output
  /// never depends on the day it runs. O(date cells).
  Date latest_date() const;
  /// The date every date-dependent analysis (coverage, link graphs, matching, events, the
  /// three haves) uses unless told another: `as_of`, else latest_date(), else 0 (1970-01-01:
  /// a network without dates). Never the day it runs, so outputs repeat byte for byte.
  Date default_date() const;

  /// Leadership queries.
  const Hierarchy& hierarchy() const;
  /// Territory queries.
  const Territory& territory() const;
  /// Approximate bytes held by the network.
  std::size_t memory_bytes() const;
  /// This version's number: every network a load, build or edit makes gets the next number of
  /// one process-wide atomic counter (from 1), so two versions never share one.
  std::uint64_t version() const;
  /// The version this one was edited (or built by NetworkBuilder::FromNetwork) from; 0 for a
  /// load or a builder of new rows. Two edits of one version (branches) share a parent.
  std::uint64_t parent_version() const;

  /// @name Reading whole columns (the column contract of orgnet.h, in C++)
  /// A column is a sequence of contiguous chunks; copy-out works for every storage the
  /// library has or will have (one array per column today; copy-on-write chunks and mapped
  /// snapshot sections later). @{

  /// Bytes of one cell of a column of @p type as CopyCells writes it: 4 (kRef as Index, kDate),
  /// 8 (kInteger, kReal), 1 (kFlag: 0, 1 or 2 = empty; kStatus: 0 formal, 1 probationary);
  /// 0 for text types (kId, kText), which CopyText reads.
  static std::size_t CellBytes(ColumnType type);
  /// Copies rows [first, first + count) of a non-text column into @p out (count ×
  /// CellBytes(type) bytes). Rows must be in range. O(count); never allocates.
  void CopyCells(Table table, int column, Index first, Index count, void* out) const;
  /// The contiguous chunks of a kRef, kDate, kInteger or kReal column (0 for other types and
  /// for an empty table). Today a column is one chunk; callers must not assume that. O(1).
  std::size_t column_chunk_count(Table table, int column) const;
  /// One contiguous run of a fixed-width column: @p rows cells of the column's cell type
  /// (CellBytes) for rows @p first_row onwards, borrowed from the network.
  struct ColumnChunk {
    const void* cells = nullptr;  ///< the first cell
    Index first_row = 0;          ///< the row of the first cell
    Index rows = 0;               ///< cells in the chunk
  };
  /// Chunk @p chunk (< column_chunk_count) of a fixed-width column. O(1).
  ColumnChunk column_chunk(Table table, int column, std::size_t chunk) const;
  /// @}

 private:
  friend struct internal::NetworkAccess;
  explicit Network(std::shared_ptr<const internal::NetworkImpl> impl);
  std::shared_ptr<const internal::NetworkImpl> impl_;
};

}  // namespace orgnet

#endif  // ORGNET_NETWORK_H_
