/// @file matching.h
/// @brief Needs–resources matching (三張清單、雙向認領): listed resources allocated to listed
/// needs of the same category, maximizing the total amount matched.
#ifndef ORGNET_MATCHING_H_
#define ORGNET_MATCHING_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "orgnet/cobuild.h"
#include "orgnet/network.h"
#include "orgnet/orgnet_export.h"

namespace orgnet {

/// Which organizations may serve each other's needs. An organization may always serve its
/// own need.
enum class MatchScope : std::uint8_t {
  kLinked = 0,      ///< linked (under MatchRules::links)
  kSameStreet = 1,  ///< located in the same known street
  kEither = 2,      ///< linked or in the same street (the default)
};

/// The matching's parameters.
struct MatchRules {
  MatchScope scope = MatchScope::kEither;  ///< who may serve whom
  LinkFilter links;                        ///< the links that count as "linked"
};

/// Part of a resource given to a need.
struct Allocation {
  Index need;           ///< row in needs.csv
  Index resource;       ///< row in resources.csv
  std::int64_t amount;  ///< > 0
};

/// A maximum allocation of resources to needs. Immutable; safe to read from many threads.
///
/// The total is the maximum any allocation reaches (a maximum flow, Boost.Graph's
/// push-relabel). Ties (several allocations reach it) are settled by a fixed rule, so the same
/// input gives the same allocation: within an organization and category, needs are met and
/// resources used in row order; docs/cobuild.md gives the whole rule.
class ORGNET_EXPORT Matching {
 public:
  /// Matches @p network's needs and resources under @p rules.
  static absl::StatusOr<Matching> Compute(const Network& network, const MatchRules& rules = {});

  /// The total amount matched.
  std::int64_t total() const;
  /// The total amount needed (every need row).
  std::int64_t needed() const;
  /// The total amount offered (every resource row).
  std::int64_t offered() const;
  /// The allocation, by need row, then resource row.
  absl::Span<const Allocation> allocations() const;
  /// The amount met of each need, by need row.
  absl::Span<const std::int64_t> need_met() const;
  /// The amount used of each resource, by resource row.
  absl::Span<const std::int64_t> resource_used() const;
  /// Needs not fully met, ascending row.
  std::vector<Index> UnmetNeeds() const;
  /// Resources with some amount left, ascending row.
  std::vector<Index> UnusedResources() const;
  /// The network matched.
  const Network& network() const;

  /// Opaque data (for the library's own layers).
  struct Data;

 private:
  explicit Matching(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
};

}  // namespace orgnet

#endif  // ORGNET_MATCHING_H_
