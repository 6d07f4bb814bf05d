#include "build/cell_typer.h"

#include <cmath>

#include "build/cell_parse.h"
#include "base/text.h"

namespace orgnet::internal {
namespace {

// References are looked up this many at a time, their slots requested ahead: the index is
// far larger than the cache.
constexpr std::size_t kBlock = 256;
// A pending reference's row whose cell is empty (kNone: not looked at).
constexpr Index kEmptyCell = kNone - 1;

}  // namespace

CellTyper::CellTyper(const CellRules& rules, ColumnStorage& out, std::size_t expected_rows,
                     int max_failures)
    : rules_(rules), out_(out), max_failures_(max_failures < 1 ? 1 : max_failures) {
  switch (rules_.type) {
    case ColumnType::kId:
    case ColumnType::kText: out_.text.Truncate(); break;
    case ColumnType::kRef:
      out_.refs.truncate();
      out_.refs.reserve(expected_rows);
      pending_ends_.reserve(kBlock);
      pending_of_row_.reserve(kBlock);
      found_.resize(kBlock);
      break;
    case ColumnType::kDate:
      out_.dates.truncate();
      out_.dates.reserve(expected_rows);
      break;
    case ColumnType::kInteger:
      out_.ints.truncate();
      out_.ints.reserve(expected_rows);
      break;
    case ColumnType::kReal:
      out_.reals.truncate();
      out_.reals.reserve(expected_rows);
      break;
    case ColumnType::kFlag:
    case ColumnType::kStatus:
      out_.small.Truncate();
      out_.small.reserve(expected_rows);
      break;
  }
}

void CellTyper::Fail(Index row, std::string message) {
  if (failures_.size() < max_failures_) failures_.push_back({row, std::move(message)});
}

void CellTyper::Add(std::string_view cell) {
  const Index row = static_cast<Index>(rows_++);
  // Past the last failure kept, cells are not looked at: the table is rejected anyway.
  const bool look = failures_.size() < max_failures_;
  // (A reference's emptiness is reported with its block, so that failures stay in row order.)
  if (cell.empty() && look && rules_.required && rules_.type != ColumnType::kRef) {
    Fail(row, "missing required value");
  }
  switch (rules_.type) {
    case ColumnType::kId:
    case ColumnType::kText: out_.text.push_back(cell); return;
    case ColumnType::kRef:
      if (cell.empty() || !look) {
        pending_of_row_.push_back(look ? kEmptyCell : kNone);
      } else {
        const std::size_t last_begin = pending_ends_.size() < 2 ? 0 : pending_ends_.end()[-2];
        const bool repeat =
            !pending_ends_.empty() &&
            std::string_view(pending_text_).substr(last_begin) == cell;
        if (!repeat) {
          pending_text_.append(cell);
          pending_ends_.push_back(static_cast<std::uint32_t>(pending_text_.size()));
        }
        pending_of_row_.push_back(static_cast<Index>(pending_ends_.size() - 1));
      }
      if (pending_of_row_.size() == kBlock) FlushReferences();
      return;
    default: break;
  }
  std::int64_t number = 0;
  double real = 0;
  bool typed = !cell.empty() && look;
  if (typed && !ParseTypedCell(rules_.type, *rules_.spec, cell, &number, &real, &error_)) {
    Fail(row, std::move(error_));
    typed = false;
  }
  switch (rules_.type) {
    case ColumnType::kDate: out_.dates.push_back(typed ? static_cast<Date>(number) : kNoDate); break;
    case ColumnType::kInteger: out_.ints.push_back(typed ? number : kNoInteger); break;
    case ColumnType::kReal: out_.reals.push_back(typed ? real : std::nan("")); break;
    case ColumnType::kFlag:
      out_.small.push_back(typed ? static_cast<std::uint8_t>(number) : kFlagEmpty);
      break;
    default: out_.small.push_back(typed ? static_cast<std::uint8_t>(number) : 0); break;
  }
}

void CellTyper::AddNumber(std::int64_t value) {
  const bool look = failures_.size() < max_failures_;
  switch (rules_.type) {
    case ColumnType::kInteger: {
      const Index row = static_cast<Index>(rows_++);
      bool typed = look;
      if (typed && !IntegerInBounds(value, *rules_.spec)) {
        Fail(row, IntegerOutOfBounds(value, *rules_.spec));
        typed = false;
      }
      out_.ints.push_back(typed ? value : kNoInteger);
      return;
    }
    case ColumnType::kDate:
      ++rows_;
      out_.dates.push_back(look ? static_cast<Date>(value) : kNoDate);
      return;
    case ColumnType::kFlag:
      ++rows_;
      out_.small.push_back(look ? (value != 0 ? kFlagOne : kFlagZero) : kFlagEmpty);
      return;
    default:
      Add(Cat(value));
      return;
  }
}

void CellTyper::FlushReferences() {
  const std::size_t asked = pending_ends_.size();
  auto id_at = [&](std::size_t i) {
    const std::uint32_t begin = i == 0 ? 0 : pending_ends_[i - 1];
    return std::string_view(pending_text_).substr(begin, pending_ends_[i] - begin);
  };
  if (rules_.target != nullptr) {
    rules_.target->FindMany(asked, id_at, found_.data());
  } else {
    for (std::size_t i = 0; i < asked; ++i) found_[i] = kNone;
  }
  const Index first_row = static_cast<Index>(rows_ - pending_of_row_.size());
  for (std::size_t i = 0; i < pending_of_row_.size(); ++i) {
    const Index a = pending_of_row_[i];
    Index ref = kNone;
    if (a == kEmptyCell) {
      if (rules_.required) Fail(first_row + static_cast<Index>(i), "missing required value");
    } else if (a != kNone) {
      ref = found_[a];
      if (ref == kNone && rules_.report_unknown) {
        Fail(first_row + static_cast<Index>(i),
             Cat("unknown ", rules_.target_singular, " id ", Shown(id_at(a))));
      }
    }
    out_.refs.push_back(ref);
  }
  pending_text_.clear();
  pending_ends_.clear();
  pending_of_row_.clear();
}

void CellTyper::Finish() {
  if (rules_.type == ColumnType::kRef) FlushReferences();
}

}  // namespace orgnet::internal
