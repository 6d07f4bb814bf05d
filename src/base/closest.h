// "Did you mean": one distance and one message for every unknown-name argument. Internal: the
// C ABI and the layers of src/ use them; they are no public API.
#ifndef ORGNET_SRC_BASE_CLOSEST_H_
#define ORGNET_SRC_BASE_CLOSEST_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace orgnet::internal {

// Edit distance between two names (insertions, deletions, substitutions of bytes).
std::size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to @p name by EditDistance (ties: the smallest), "" for none.
std::string_view Closest(std::string_view name,
                                       const std::vector<std::string_view>& candidates);

// INVALID_ARGUMENT `argument: unknown what "value"; did you mean "x"? (valid: a, b, ...)`, the
// message of every unknown-name argument: the closest when it is within half the name's
// length, then the candidates sorted and deduplicated (at most 20, then how many more).
absl::Status UnknownChoice(std::string_view argument, std::string_view what,
                                         std::string_view value,
                                         std::vector<std::string_view> candidates);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_BASE_CLOSEST_H_
