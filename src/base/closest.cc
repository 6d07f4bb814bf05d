#include "base/closest.h"

#include <algorithm>
#include <cstdint>

#include "base/text.h"

namespace orgnet::internal {

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string_view Closest(std::string_view name, const std::vector<std::string_view>& candidates) {
  std::string_view best;
  std::size_t best_distance = SIZE_MAX;
  for (std::string_view candidate : candidates) {
    const std::size_t d = EditDistance(name, candidate);
    if (d < best_distance || (d == best_distance && candidate < best)) {
      best = candidate;
      best_distance = d;
    }
  }
  return best;
}

absl::Status UnknownChoice(std::string_view argument, std::string_view what,
                           std::string_view value, std::vector<std::string_view> candidates) {
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::string message = Cat(argument, ": unknown ", what, " ", Shown(value));
  const std::string_view best = Closest(value, candidates);
  if (!best.empty() && EditDistance(value, best) * 2 <= std::max<std::size_t>(value.size(), 2)) {
    CatTo(&message, "; did you mean ", Shown(best), "?");
  }
  CatTo(&message, " (valid: ");
  const std::size_t listed = std::min<std::size_t>(candidates.size(), 20);
  for (std::size_t i = 0; i < listed; ++i) CatTo(&message, i ? ", " : "", candidates[i]);
  if (candidates.size() > listed) CatTo(&message, ", and ", candidates.size() - listed, " more");
  CatTo(&message, ")");
  return absl::InvalidArgumentError(message);
}

}  // namespace orgnet::internal
