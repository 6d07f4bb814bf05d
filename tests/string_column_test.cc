// Text column encodings (model/string_column.h): a compressed column reads back every cell as
// before, holds less, and takes new cells (back to one end a cell) like any other.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "model/string_column.h"

namespace orgnet::internal {
namespace {

StringColumn Make(const std::vector<std::string>& cells) {
  StringColumn column;
  for (const std::string& cell : cells) column.push_back(cell);
  return column;
}

void ExpectCells(const StringColumn& column, const std::vector<std::string>& cells) {
  ASSERT_EQ(column.size(), cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i) EXPECT_EQ(column[i], cells[i]) << i;
}

TEST(StringColumnTest, OneWidthLosesItsEnds) {
  std::vector<std::string> ids;
  for (int i = 0; i < 1000; ++i) ids.push_back("M" + std::string(9 - std::to_string(i).size(), '0') + std::to_string(i));
  StringColumn column = Make(ids);
  const std::size_t before = column.memory_bytes();
  column.Compress(true);
  EXPECT_EQ(column.encoding(), StringColumn::Encoding::kFixed);
  EXPECT_EQ(column.width(), 10u);
  ExpectCells(column, ids);
  EXPECT_LE(column.memory_bytes() + 1000 * 4, before);  // the 4,000 bytes of ends are gone
  column.push_back("X1");  // a change: back to ends, every cell kept
  ids.push_back("X1");
  EXPECT_EQ(column.encoding(), StringColumn::Encoding::kEnds);
  ExpectCells(column, ids);
}

TEST(StringColumnTest, EmptyCellsAreWidthZero) {
  const std::vector<std::string> empty(500, "");
  StringColumn column = Make(empty);
  column.Compress(false);
  EXPECT_EQ(column.encoding(), StringColumn::Encoding::kFixed);
  EXPECT_EQ(column.width(), 0u);
  ExpectCells(column, empty);
}

TEST(StringColumnTest, FewValuesBecomeADictionaryInFirstSeenOrder) {
  const std::vector<std::string> kinds = {"branch", "unit", "", "community", "joint"};
  std::vector<std::string> cells;
  for (int i = 0; i < 3000; ++i) cells.push_back(kinds[(i * 7) % kinds.size()]);
  StringColumn column = Make(cells);
  column.Compress(true);
  ASSERT_EQ(column.encoding(), StringColumn::Encoding::kDictionary);
  EXPECT_EQ(column.ends().size(), 5u);  // five distinct values
  EXPECT_EQ(column[0], "branch");
  EXPECT_EQ(column.codes()[0], 0);
  ExpectCells(column, cells);
  EXPECT_EQ(column.codes().size(), 3000u);
  StringColumn ids = Make(cells);
  ids.Compress(false);  // not for ids
  EXPECT_EQ(ids.encoding(), StringColumn::Encoding::kEnds);
}

TEST(StringColumnTest, ManyValuesOrFewCellsStayAsTheyAre) {
  std::vector<std::string> names;
  for (int i = 0; i < 2000; ++i) names.push_back(std::string(1 + i % 7, 'a') + std::to_string(i % 300));
  StringColumn column = Make(names);
  column.Compress(true);  // 300 distinct values in varying widths: more than a dictionary holds
  EXPECT_EQ(column.encoding(), StringColumn::Encoding::kEnds);
  ExpectCells(column, names);
  const std::vector<std::string> few = {"a", "a", "a"};
  StringColumn small = Make(few);
  small.Compress(true);
  EXPECT_EQ(small.encoding(), StringColumn::Encoding::kEnds);
  // Exactly 256 values still fit a dictionary; 257 do not.
  std::vector<std::string> many;
  for (int i = 0; i < 257 * 3; ++i) many.push_back("v" + std::to_string(i % 257));
  StringColumn past_limit = Make(many);
  past_limit.Compress(true);
  EXPECT_EQ(past_limit.encoding(), StringColumn::Encoding::kEnds);  // 257 distinct values
  ExpectCells(past_limit, many);
  many.clear();
  for (int i = 0; i < 256 * 3; ++i) many.push_back(std::string(1 + i % 256 % 5, 'q') + std::to_string(i % 256));
  StringColumn fits = Make(many);
  fits.Compress(true);
  EXPECT_EQ(fits.encoding(), StringColumn::Encoding::kDictionary);
  EXPECT_EQ(fits.ends().size(), 256u);
  ExpectCells(fits, many);
}

}  // namespace
}  // namespace orgnet::internal
