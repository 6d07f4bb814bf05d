// One committed transaction's changes to the followed tables, as pgoutput sends them, turned
// into one EditBatch through the mapping (docs/database.md, "Following a database"): an insert
// is a row inserted, an update the cells set (and a changed id renamed), a delete the row
// removed; rows of the tables without ids (links, funds) are found by their old values, which
// REPLICA IDENTITY FULL sends.
#ifndef ORGNET_SRC_DATABASE_CHANGE_BATCH_H_
#define ORGNET_SRC_DATABASE_CHANGE_BATCH_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "database/mapping.h"
#include "database/pgoutput.h"
#include "orgnet/builder.h"
#include "orgnet/network.h"

namespace orgnet::internal {

// A followed table: its relation's OID and how messages name it.
struct FollowedTable {
  Table table;
  std::uint32_t relation = 0;
  std::string display;  // "public.orgs"
};

class ChangeBatch {
 public:
  ChangeBatch(const DatabaseMapping& mapping, std::vector<FollowedTable> tables);

  // A Relation message: the columns of a followed relation, matched to the dataset's columns
  // by the mapping (others' are ignored, as their changes are).
  absl::Status Relation(const PgoutputMessage& message);
  // Begins a transaction's batch over @p current (the version its edits apply to).
  void Begin(const Network& current);
  // An Insert, Update, Delete or Truncate message. An error names the table, the row's key and
  // the column; the transaction's later changes are still read (and dropped).
  absl::Status Change(const PgoutputMessage& message);
  // The transaction's edits (empty when it changed no followed table).
  const EditBatch& batch() const { return batch_; }
  std::size_t changes() const { return changes_; }

 private:
  struct RelationPlan {
    const FollowedTable* table = nullptr;  // null: not followed
    std::vector<std::string> columns;      // per relation column: the dataset's name or ""
    std::vector<std::uint32_t> types;
    std::vector<bool> flags;  // the dataset column is a flag (bools as 1/0)
    int id = -1;              // the relation column holding the row's id (tables with ids)
  };
  // The cell text of value @p v of column @p c, or an error naming it.
  absl::Status Cell(const RelationPlan& relation, std::size_t c, const PgoutputValue& v,
                    std::string_view key, std::string* out) const;
  std::string KeyOf(const RelationPlan& relation, const std::vector<PgoutputValue>& values) const;
  // A row of an id-less table as the batch so far leaves it: a row of the version, or the
  // cells (by column number) of one the batch inserted or changed.
  struct RowState {
    Index original = kNone;
    std::vector<std::pair<int, std::string>> cells;
  };
  // The rows of an id-less table as the batch so far leaves them (made on first use).
  std::vector<RowState>& RowsOf(Table t);
  // The cells (by column number) @p values give the relation's mapped columns; a value left
  // unchanged ('u') is taken from @p old_values.
  absl::StatusOr<std::vector<std::pair<int, std::string>>> CellsOf(
      const RelationPlan& relation, const std::vector<PgoutputValue>& values,
      const std::vector<PgoutputValue>* old_values) const;
  // The row of an id-less table whose cells equal @p values, as the batch so far leaves it.
  absl::StatusOr<Index> FindRow(const RelationPlan& relation, const std::vector<PgoutputValue>& values);

  const DatabaseMapping& mapping_;
  std::vector<FollowedTable> tables_;
  absl::flat_hash_map<std::uint32_t, RelationPlan> relations_;
  const Network* current_ = nullptr;
  EditBatch batch_;
  std::size_t changes_ = 0;
  // Tables without ids: the rows as the batch leaves them, made on the first change of the
  // table.
  absl::flat_hash_map<int, std::vector<RowState>> rows_;
};

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_DATABASE_CHANGE_BATCH_H_
