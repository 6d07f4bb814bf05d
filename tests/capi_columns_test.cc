// The column contract of the C ABI (issue 10, point 10): copy-out of any column, text as a
// blob with offsets, and chunks, each checked cell by cell against the one-cell getters; and
// its C++ twin on orgnet::Network.
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "orgnet/network.h"
#include "orgnet/orgnet.h"

namespace {

class ColumnContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    const std::string folder = std::string(ORGNET_TEST_DATA_DIR "/") + GetParam();
    ASSERT_EQ(orgnet_network_load(&net_, folder.data(), folder.size(), nullptr, nullptr),
              ORGNET_OK);
  }
  void TearDown() override { orgnet_network_free(net_); }
  orgnet_network* net_ = nullptr;
};

TEST_P(ColumnContractTest, EveryColumnReadsAsItsCells) {
  int checked = 0;
  for (int table = 0; table < ORGNET_TABLE_COUNT; ++table) {
    uint32_t rows = 0;
    int columns = 0;
    ASSERT_EQ(orgnet_network_rows(&rows, net_, table), ORGNET_OK);
    ASSERT_EQ(orgnet_network_column_count(&columns, net_, table), ORGNET_OK);
    for (int column = 0; column < columns; ++column) {
      int type = 0;
      size_t width = 0;
      ASSERT_EQ(orgnet_network_column_type(&type, net_, table, column), ORGNET_OK);
      ASSERT_EQ(orgnet_column_cell_bytes(&width, type), ORGNET_OK);
      if (width == 0 || type == ORGNET_COLUMN_REF) {  // text, or a reference's ids
        size_t needed = 0;
        ASSERT_EQ(orgnet_network_read_text(nullptr, 0, nullptr, &needed, net_, table, column, 0,
                                           rows),
                  ORGNET_OK);
        std::string blob(needed, '\0');
        std::vector<uint64_t> offsets(rows + 1);
        ASSERT_EQ(orgnet_network_read_text(blob.data(), blob.size(), offsets.data(), &needed,
                                           net_, table, column, 0, rows),
                  ORGNET_OK);
        for (uint32_t r = 0; r < rows; ++r) {
          const char* text = nullptr;
          size_t length = 0;
          ASSERT_EQ(orgnet_network_text(&text, &length, net_, table, r, column), ORGNET_OK);
          EXPECT_EQ(blob.substr(offsets[r], offsets[r + 1] - offsets[r]), std::string(text, length));
          ++checked;
        }
      }
      if (width == 0) {
        EXPECT_EQ(orgnet_network_read_column(nullptr, 0, net_, table, column, 0, 0),
                  ORGNET_INVALID_ARGUMENT);
        continue;
      }
      std::vector<unsigned char> cells(rows * width + 1);
      ASSERT_EQ(orgnet_network_read_column(cells.data(), cells.size(), net_, table, column, 0,
                                           rows),
                ORGNET_OK);
      for (uint32_t r = 0; r < rows; ++r) {
        const unsigned char* cell = cells.data() + r * width;
        switch (type) {
          case ORGNET_COLUMN_REF: {
            uint32_t got, want;
            std::memcpy(&got, cell, 4);
            ASSERT_EQ(orgnet_network_ref(&want, net_, table, r, column), ORGNET_OK);
            EXPECT_EQ(got, want);
            break;
          }
          case ORGNET_COLUMN_DATE: {
            int32_t got, want;
            std::memcpy(&got, cell, 4);
            ASSERT_EQ(orgnet_network_date(&want, net_, table, r, column), ORGNET_OK);
            EXPECT_EQ(got, want);
            break;
          }
          case ORGNET_COLUMN_INTEGER: {
            int64_t got, want;
            std::memcpy(&got, cell, 8);
            ASSERT_EQ(orgnet_network_integer(&want, net_, table, r, column), ORGNET_OK);
            EXPECT_EQ(got, want);
            break;
          }
          case ORGNET_COLUMN_REAL: {
            double got, want;
            std::memcpy(&got, cell, 8);
            ASSERT_EQ(orgnet_network_real(&want, net_, table, r, column), ORGNET_OK);
            EXPECT_TRUE(got == want || (std::isnan(got) && std::isnan(want)));
            break;
          }
          case ORGNET_COLUMN_FLAG: {
            int flag = 0, empty = 0;
            ASSERT_EQ(orgnet_network_flag(&flag, net_, table, r, column), ORGNET_OK);
            ASSERT_EQ(orgnet_network_is_empty(&empty, net_, table, r, column), ORGNET_OK);
            EXPECT_EQ(*cell, empty ? 2 : flag);
            break;
          }
          case ORGNET_COLUMN_STATUS: {
            int status = 0;
            ASSERT_EQ(orgnet_network_status(&status, net_, table, r, column), ORGNET_OK);
            EXPECT_EQ(*cell, status);
            break;
          }
          default:
            FAIL() << "type " << type;
        }
        ++checked;
      }
      // A range in the middle is the same cells.
      if (rows >= 3) {
        std::vector<unsigned char> middle(width);
        ASSERT_EQ(orgnet_network_read_column(middle.data(), width, net_, table, column, 1, 1),
                  ORGNET_OK);
        EXPECT_EQ(std::memcmp(middle.data(), cells.data() + width, width), 0);
      }
      // Chunks: together they are the column, zero copy.
      size_t chunks = 0;
      const int chunked = orgnet_network_column_chunk_count(&chunks, net_, table, column);
      if (type == ORGNET_COLUMN_FLAG || type == ORGNET_COLUMN_STATUS) {
        EXPECT_EQ(chunked, ORGNET_INVALID_ARGUMENT);
        continue;
      }
      ASSERT_EQ(chunked, ORGNET_OK);
      uint32_t covered = 0;
      for (size_t k = 0; k < chunks; ++k) {
        const void* data = nullptr;
        uint32_t first = 0, count = 0;
        ASSERT_EQ(orgnet_network_column_chunk(&data, &first, &count, net_, table, column, k),
                  ORGNET_OK);
        EXPECT_EQ(first, covered);
        EXPECT_EQ(std::memcmp(data, cells.data() + first * width, count * width), 0);
        covered += count;
      }
      EXPECT_EQ(covered, rows);
      const void* data = nullptr;
      uint32_t first = 0, count = 0;
      EXPECT_EQ(orgnet_network_column_chunk(&data, &first, &count, net_, table, column, chunks),
                ORGNET_OUT_OF_RANGE);
    }
  }
  EXPECT_GT(checked, 50);
}

TEST_P(ColumnContractTest, MisuseIsNamed) {
  uint32_t rows = 0;
  ASSERT_EQ(orgnet_network_rows(&rows, net_, ORGNET_TABLE_ORGS), ORGNET_OK);
  uint32_t cells[4];
  // orgs column 3 is `parent`, a reference.
  EXPECT_EQ(orgnet_network_read_column(cells, sizeof cells, net_, ORGNET_TABLE_ORGS, 3, rows, 1),
            ORGNET_OUT_OF_RANGE);
  EXPECT_EQ(orgnet_network_read_column(cells, 4, net_, ORGNET_TABLE_ORGS, 3, 0, 2),
            ORGNET_INVALID_ARGUMENT);
  EXPECT_STREQ(orgnet_last_error(), "out holds 4 bytes; 2 cells need 8");
  EXPECT_EQ(orgnet_network_read_column(cells, sizeof cells, net_, ORGNET_TABLE_ORGS, 3, rows, 0),
            ORGNET_OK);  // an empty range at the end is fine
  size_t needed = 0;
  char small[1];
  uint64_t offsets[3];
  EXPECT_EQ(orgnet_network_read_text(small, 1, offsets, &needed, net_, ORGNET_TABLE_ORGS, 1, 0, 2),
            ORGNET_INVALID_ARGUMENT);
  EXPECT_GT(needed, 1u);
  size_t width = 0;
  EXPECT_EQ(orgnet_column_cell_bytes(&width, 99), ORGNET_OUT_OF_RANGE);
}

INSTANTIATE_TEST_SUITE_P(Datasets, ColumnContractTest,
                         ::testing::Values("fixture", "service", "cobuild", "coverage"));

}  // namespace

namespace {

// The same contract in C++ (Network::CopyCells, column_chunk_count, column_chunk), checked cell
// by cell against the typed one-cell accessors, which read the storage another way.
class NetworkColumnsTest : public ::testing::TestWithParam<std::string> {};

TEST_P(NetworkColumnsTest, CopyCellsAndChunksReadAsTheCells) {
  auto net = orgnet::Network::Load(std::string(ORGNET_TEST_DATA_DIR "/") + GetParam());
  ASSERT_TRUE(net.ok()) << net.status();
  int checked = 0;
  for (int t = 0; t < orgnet::kTableCount; ++t) {
    const auto table = static_cast<orgnet::Table>(t);
    const orgnet::Index rows = net->rows(table);
    for (int column = 0; column < net->column_count(table); ++column) {
      const orgnet::ColumnType type = net->column_type(table, column);
      const std::size_t width = orgnet::Network::CellBytes(type);
      if (width == 0) {
        EXPECT_EQ(net->column_chunk_count(table, column), 0u);
        continue;
      }
      std::vector<unsigned char> cells(rows * width + 1);
      // Copy out in two pieces to exercise an offset start.
      const orgnet::Index half = rows / 2;
      net->CopyCells(table, column, 0, half, cells.data());
      net->CopyCells(table, column, half, rows - half, cells.data() + half * width);
      std::vector<const void*> chunk_cells(rows, nullptr);
      for (std::size_t c = 0; c < net->column_chunk_count(table, column); ++c) {
        const auto chunk = net->column_chunk(table, column, c);
        for (orgnet::Index i = 0; i < chunk.rows; ++i) {
          chunk_cells[chunk.first_row + i] = static_cast<const char*>(chunk.cells) + i * width;
        }
      }
      const bool chunked = type == orgnet::ColumnType::kRef || type == orgnet::ColumnType::kDate ||
                           type == orgnet::ColumnType::kInteger ||
                           type == orgnet::ColumnType::kReal;
      for (orgnet::Index r = 0; r < rows; ++r) {
        const unsigned char* cell = cells.data() + r * width;
        if (chunked) {
          ASSERT_NE(chunk_cells[r], nullptr) << "row " << r << " in no chunk";
          EXPECT_EQ(std::memcmp(chunk_cells[r], cell, width), 0);
        }
        switch (type) {
          case orgnet::ColumnType::kRef: {
            orgnet::Index v;
            std::memcpy(&v, cell, sizeof v);
            EXPECT_EQ(v, net->ref(table, r, column));
            break;
          }
          case orgnet::ColumnType::kDate: {
            orgnet::Date v;
            std::memcpy(&v, cell, sizeof v);
            EXPECT_EQ(v, net->date(table, r, column));
            break;
          }
          case orgnet::ColumnType::kInteger: {
            std::int64_t v;
            std::memcpy(&v, cell, sizeof v);
            EXPECT_EQ(v, net->integer(table, r, column));
            break;
          }
          case orgnet::ColumnType::kReal: {
            double v;
            std::memcpy(&v, cell, sizeof v);
            const double want = net->real(table, r, column);
            EXPECT_TRUE(v == want || (std::isnan(v) && std::isnan(want)));
            break;
          }
          case orgnet::ColumnType::kFlag:
            EXPECT_EQ(*cell, net->is_empty(table, r, column) ? 2 : net->flag(table, r, column));
            break;
          case orgnet::ColumnType::kStatus:
            EXPECT_EQ(*cell, static_cast<int>(net->status(table, r, column)));
            break;
          default: FAIL() << "unexpected type";
        }
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 50);  // the smallest fixture has 90 fixed-width cells
}

INSTANTIATE_TEST_SUITE_P(Datasets, NetworkColumnsTest,
                         ::testing::Values("fixture", "service", "cobuild", "coverage"));

}  // namespace
