/// @file builder.h
/// @brief NetworkBuilder and EditBatch: make a network from rows, or change one by a batch of edits.
#ifndef ORGNET_BUILDER_H_
#define ORGNET_BUILDER_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "orgnet/diagnostic.h"
#include "orgnet/network.h"
#include "orgnet/orgnet_export.h"
#include "orgnet/schema.h"

namespace orgnet {

namespace internal {
struct RawDataset;
}

/// A cell given by column name and text, as it would stand in the CSV file.
using Cell = std::pair<std::string, std::string>;

/// An ordered batch of edits. Edits apply in order (a later edit sees an earlier one); the
/// whole batch then passes the format's integrity rules or is rejected as a whole.
/// Rows are named by id; links, which have none, by their identity {a, b}, kind, since.
/// Edits are strict: a column the table does not have (neither in its header nor among the
/// format's columns) is an error naming the closest existing one; AddColumn adds one on
/// purpose. Errors name the edit: `edit 3 (set members.csv id "M1" column "nam"): ...`.
class ORGNET_EXPORT EditBatch {
 public:
  /// Adds a row to @p table. Every column must exist (see AddColumn); columns left out are empty.
  EditBatch& Insert(Table table, std::vector<Cell> cells);
  /// Adds an extra column (empty in every row) to @p table; later edits may fill it. A name
  /// the table already has is an error.
  EditBatch& AddColumn(Table table, std::string column);
  /// Removes the row whose id is @p id (tables with an id column). Rows that still refer to it
  /// make the batch fail with a dangling reference.
  EditBatch& Remove(Table table, std::string id);
  /// Sets one cell of the row whose id is @p id (the id column itself: use Rename).
  EditBatch& Set(Table table, std::string id, std::string column, std::string value);
  /// Changes a row's id and every reference to it in every table.
  EditBatch& Rename(Table table, std::string old_id, std::string new_id);
  /// Removes the link {a, b} (either order) of kind @p kind starting @p since ("" = unknown).
  EditBatch& RemoveLink(std::string a, std::string b, std::string kind, std::string since);
  /// Sets one cell of row @p row of a table without ids (links, funds), the row numbered as
  /// the table stands when the edit applies (after the batch's earlier edits).
  EditBatch& SetRow(Table table, Index row, std::string column, std::string value);
  /// Removes row @p row of a table without ids (links, funds); the table's last row moves into
  /// its place, as after every removal.
  EditBatch& RemoveRow(Table table, Index row);

  /// Adds an organization.
  EditBatch& AddOrg(std::string id, std::string name, std::string kind, std::string parent = "",
                    std::string grid = "", std::string level = "");
  /// Gives an organization a new leader ("" makes it a root).
  EditBatch& Reparent(std::string org, std::string new_parent);
  /// Adds a link.
  EditBatch& AddLink(std::string a, std::string b, std::string kind, std::string since = "",
                     std::string until = "");

  /// Number of edits.
  std::size_t size() const { return edits_.size(); }

  /// One edit (for the library's own layers).
  struct Edit {
    /// The kinds of edit.
    enum class Op {
      kInsert,     ///< add a row
      kRemove,     ///< remove a row by id
      kSet,        ///< set one cell of a row
      kRename,     ///< change a row's id and every reference to it
      kRemoveLink,  ///< remove a link by its identity
      kAddColumn,   ///< add an extra column (column: its name)
      kSetRow,      ///< set one cell of a row named by number (tables without ids)
      kRemoveRow    ///< remove a row named by number (tables without ids)
    };
    Op op;                    ///< what the edit does
    Table table;              ///< the table edited
    std::vector<Cell> cells;  ///< kInsert: the row
    std::string key;          ///< id of the row (kRemove, kSet, kRename: old id; kRemoveLink: a)
    std::string column;       ///< kSet, kAddColumn: column; kRemoveLink: b
    std::string value;        ///< kSet: value; kRename: new id; kRemoveLink: kind
    std::string since;        ///< kRemoveLink: since
    Index row = 0;            ///< kSetRow, kRemoveRow: the row
  };
  /// The edits, in order.
  const std::vector<Edit>& edits() const { return edits_; }
  /// How errors name edit @p index (0-based), e.g. `edit 3 (set members.csv id "M1" column
  /// "name")`.
  std::string Describe(std::size_t index) const;

 private:
  std::vector<Edit> edits_;
};

/// Collects rows as text and builds a Network with the same checks as a load.
/// A builder belongs to one thread at a time.
class ORGNET_EXPORT NetworkBuilder {
 public:
  /// An empty builder.
  NetworkBuilder();
  ~NetworkBuilder();
  /// Deep copy.
  NetworkBuilder(const NetworkBuilder&);
  /// Deep copy.
  NetworkBuilder& operator=(const NetworkBuilder&);
  /// Move.
  NetworkBuilder(NetworkBuilder&&) noexcept;
  /// Move.
  NetworkBuilder& operator=(NetworkBuilder&&) noexcept;

  /// A builder holding @p network's rows, present columns and manifest, in canonical text.
  static NetworkBuilder FromNetwork(const Network& network);

  /// Adds a row; its values are checked by Build. Each name must be a column of the format
  /// (present or not) or one the table has (from FromNetwork, or added with AddColumn):
  /// another name is kInvalidArgument naming the closest column, and nothing is added, as
  /// for an edit. When a name is given twice, the first value counts. O(cells).
  absl::Status AddRow(Table table, const std::vector<Cell>& cells);
  /// Adds an extra column to @p table, empty in the rows it has. kInvalidArgument for an
  /// empty name or a column of the format; kAlreadyExists for a column the table has. O(rows).
  absl::Status AddColumn(Table table, std::string_view name);
  /// Marks a table present even if it gets no rows (it is then saved with a header).
  void AddTable(Table table);
  /// Sets a manifest entry (e.g. "as_of", "2026-06-30").
  void SetManifest(std::string key, std::string value);
  /// Rows collected for @p table.
  std::size_t rows(Table table) const;

  /// Validates every rule of the format and builds the network; the builder is unchanged.
  /// Errors read `orgs.csv row N: column NAME: ...` (rows counted from 1).
  absl::StatusOr<Network> Build(const LoadOptions& options = {},
                                LoadReport* report = nullptr) const;
  /// Applies @p batch and builds. All-or-nothing: when an edit names a missing row or the
  /// result breaks a rule (a cycle, a dangling reference, ...), the status says which and
  /// the builder is left exactly as it was; on success the builder holds the edited rows.
  absl::StatusOr<Network> Apply(const EditBatch& batch, const LoadOptions& options = {},
                                LoadReport* report = nullptr);

 private:
  std::unique_ptr<internal::RawDataset> raw_;
};

}  // namespace orgnet

#endif  // ORGNET_BUILDER_H_
