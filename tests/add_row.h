// NetworkBuilder::AddRow for tests that build their data by hand: a row the builder refuses
// (an unknown column) fails the test where it is added.
#ifndef ORGNET_TESTS_ADD_ROW_H_
#define ORGNET_TESTS_ADD_ROW_H_

#include <vector>

#include "gtest/gtest.h"
#include "orgnet/builder.h"

namespace orgnet {

inline void AddRowOrFail(NetworkBuilder& builder, Table table, const std::vector<Cell>& cells) {
  const absl::Status status = builder.AddRow(table, cells);
  EXPECT_TRUE(status.ok()) << status;
}

}  // namespace orgnet

#endif  // ORGNET_TESTS_ADD_ROW_H_
