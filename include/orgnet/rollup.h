/// @file rollup.h
/// @brief The levels an analysis rolls up to: the territory's four and the leadership tree.
#ifndef ORGNET_ROLLUP_H_
#define ORGNET_ROLLUP_H_

#include <cstdint>
#include <string_view>

#include "orgnet/orgnet_export.h"

namespace orgnet {

/// The roll-ups: four territorial levels and the leadership tree.
enum class RollUp : std::uint8_t {
  kGrid,       ///< per grid: what is located in it
  kCommunity,  ///< per community organization: what is located in it
  kStreet,     ///< per street: what is located in it
  kDistrict,   ///< per district: what is located in it
  kOrg,        ///< per organization: its leadership subtree
};
/// Number of roll-ups.
inline constexpr int kRollUpCount = 5;

/// The name of a roll-up ("grid", "community", "street", "district", "org").
ORGNET_EXPORT std::string_view RollUpName(RollUp roll_up);

}  // namespace orgnet

#endif  // ORGNET_ROLLUP_H_
