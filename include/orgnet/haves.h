/// @file haves.h
/// @brief The "three haves" (三有: 有人管事、有钱办事、有场所议事) of every community for a year:
/// people, money and a place, with findings and roll-ups per street and district.
#ifndef ORGNET_HAVES_H_
#define ORGNET_HAVES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "orgnet/network.h"
#include "orgnet/orgnet_export.h"
#include "orgnet/rollup.h"

namespace orgnet {

/// Parameters of the three-haves check.
struct HavesOptions {
  /// The year whose funds count; 0: the year of Network::default_date() (the dataset's
  /// `as_of`, else its latest date).
  int year = 0;
  double radius_metres = 1000;  ///< a centre within this distance of a grid serves it
};

/// Money by source (yuan).
struct Funds {
  std::int64_t dues = 0;     ///< party dues (source `dues`)
  std::int64_t fiscal = 0;   ///< fiscal allocation (`fiscal`)
  std::int64_t sponsor = 0;  ///< unit sponsorship (`sponsor`)
  std::int64_t other = 0;    ///< any other source
  /// The sum.
  std::int64_t total() const { return dues + fiscal + sponsor + other; }
  /// Adds @p more source by source.
  Funds& operator+=(const Funds& more) {
    dues += more.dues;
    fiscal += more.fiscal;
    sponsor += more.sponsor;
    other += more.other;
    return *this;
  }
};

/// One community's three haves.
struct CommunityHaves {
  Index community;              ///< org row
  std::uint32_t grids;          ///< grids in the community
  std::uint32_t grids_managed;  ///< of those, with a grid manager
  std::uint32_t managers;       ///< grid managers serving its grids
  std::uint32_t other_staff;    ///< other staff serving its grids
  bool people;                  ///< it has grids, and every grid has a manager
  Funds funds;                  ///< the year's funds of its leadership subtree
  bool money;                   ///< funds total above 0
  bool place_in_community;      ///< a centre stands in one of its grids
  bool place_within_reach;      ///< a centre lies within the radius of one of its grids
  bool place;                   ///< either
};

/// The three-haves rules (findings come in this order, then by community row).
enum class HavesRule : std::int32_t {
  kWithoutPeople = 0,  ///< "community_without_people"
  kWithoutMoney = 1,   ///< "community_without_money"
  kWithoutPlace = 2,   ///< "community_without_place"
};

/// A community missing one of the three.
struct HavesFinding {
  HavesRule rule;  ///< which have is missing
  Index community; ///< org row
};

/// A street's or district's counts.
struct HavesRow {
  Index place;                       ///< org row
  std::uint32_t communities;         ///< communities located in it
  std::uint32_t with_people;         ///< of those, with people
  std::uint32_t with_money;          ///< with money
  std::uint32_t with_place;          ///< with a place
  std::uint32_t with_all;            ///< with all three
  Funds funds;                       ///< the sum of its communities' funds
};

/// The three haves of every community for one year. Immutable; safe to read from many threads.
class ORGNET_EXPORT ThreeHaves {
 public:
  /// Checks @p network; kInvalidArgument for a radius not above 0.
  static absl::StatusOr<ThreeHaves> Compute(const Network& network,
                                            const HavesOptions& options = {});

  /// The options, with the year resolved.
  const HavesOptions& options() const;
  /// Every community (the community level's places), ascending row.
  absl::Span<const CommunityHaves> communities() const;
  /// Communities missing a have, by rule then community row.
  absl::Span<const HavesFinding> findings() const;
  /// Counts per street (kStreet) or district (kDistrict); other levels: kInvalidArgument.
  absl::StatusOr<std::vector<HavesRow>> RollUp(orgnet::RollUp level) const;
  /// The stable code of a rule ("community_without_people", ...).
  static std::string_view RuleCode(HavesRule rule);
  /// A finding as a sentence naming the community and what it lacks.
  std::string Describe(const HavesFinding& finding) const;
  /// The network checked.
  const Network& network() const;

  /// Opaque data (for the library's own layers).
  struct Data;

 private:
  explicit ThreeHaves(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
};

}  // namespace orgnet

#endif  // ORGNET_HAVES_H_
