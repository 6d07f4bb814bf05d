// "Did you mean": the closest of a set of valid names, for errors about an unknown kind, link
// kind, column or option value (one distance for every such message).
#ifndef ORGNET_SRC_MODEL_CLOSEST_H_
#define ORGNET_SRC_MODEL_CLOSEST_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace orgnet::internal {

// Edit distance (insertions, deletions, substitutions of bytes).
std::size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to @p name (ties: the smallest), or "" for no candidates.
std::string_view Closest(std::string_view name, const std::vector<std::string_view>& candidates);

// INVALID_ARGUMENT `argument: unknown what "value"; did you mean "x"? (valid: a, b, ...)`:
// the closest when it is within half the name's length, then the candidates sorted (at most
// 20 listed, then how many more).
absl::Status UnknownChoice(std::string_view argument, std::string_view what,
                           std::string_view value, std::vector<std::string_view> candidates);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_MODEL_CLOSEST_H_
