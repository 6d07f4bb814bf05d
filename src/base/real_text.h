// The canonical text of a real cell: what a save writes and CellText reads.
#ifndef ORGNET_SRC_BASE_REAL_TEXT_H_
#define ORGNET_SRC_BASE_REAL_TEXT_H_

#include <string>

namespace orgnet::internal {

// The shortest form that reads back to the same double ("" for NaN, the empty cell).
std::string FormatReal(double value);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_BASE_REAL_TEXT_H_
