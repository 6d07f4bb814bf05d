// Types the cells of one column, in row order, into the array of the column's type: one rule
// for every source (a load typing cells as it reads them, a build typing text columns), so
// that each accepts the same cells and says the same thing about the others.
#ifndef ORGNET_SRC_BUILD_CELL_TYPER_H_
#define ORGNET_SRC_BUILD_CELL_TYPER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/column.h"
#include "model/id_index.h"
#include "orgnet/schema.h"

namespace orgnet::internal {

// What a column's cells must be.
struct CellRules {
  ColumnType type = ColumnType::kText;
  const ColumnSpec* spec = nullptr;  // a format column's (bounds); nullptr for extra columns
  bool required = false;
  const IdIndex* target = nullptr;   // kRef: the referenced table's ids
  bool report_unknown = false;       // kRef: an id the target lacks is an error (the target's
                                     // own columns are usable)
  std::string_view target_singular;  // kRef: "org", "grid", ... for the message
};

class CellTyper {
 public:
  struct Failure {
    Index row;
    std::string message;
  };

  // Types into @p out (the array of the rules' type is emptied, its block kept, then filled), room made for
  // @p expected_rows. After @p max_failures failures the remaining cells take the empty value.
  CellTyper(const CellRules& rules, ColumnStorage& out, std::size_t expected_rows,
            int max_failures);

  // The cell of the next row.
  void Add(std::string_view cell);
  // The next row's cell given as a number, for a kInteger column (any integer: the column's
  // bounds are checked as Add checks them), a kDate column (days since 1970-01-01, of a year
  // from 1 to 9999: what Add accepts) or a kFlag column (1 or 0); for any other column, its
  // decimal text is added. Every failure reads as Add's would for the number's text.
  void AddNumber(std::int64_t value);
  // Types what Add has kept back (references are looked up in blocks); call once, last.
  void Finish();

  std::size_t rows() const { return rows_; }
  // The failures, in row order (at most max_failures).
  const std::vector<Failure>& failures() const { return failures_; }

 private:
  void Fail(Index row, std::string message);
  void FlushReferences();

  const CellRules rules_;
  ColumnStorage& out_;
  const std::size_t max_failures_;
  std::size_t rows_ = 0;
  std::vector<Failure> failures_;
  std::string error_;
  // References waiting for their block's lookup: the distinct consecutive ids' text, and for
  // each row since the block began, which of them it names (kNone: empty).
  std::string pending_text_;
  std::vector<std::uint32_t> pending_ends_;
  std::vector<Index> pending_of_row_;
  std::vector<Index> found_;
};

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_BUILD_CELL_TYPER_H_
