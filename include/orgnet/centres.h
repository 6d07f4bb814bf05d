/// @file centres.h
/// @brief Party-mass service centres (党群服务中心): which grids a centre reaches within a radius
/// (the "15-minute service circle"), the households and units reached, the functions each
/// community can reach, and where new centres would reach the most (siting).
#ifndef ORGNET_CENTRES_H_
#define ORGNET_CENTRES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "orgnet/network.h"
#include "orgnet/orgnet_export.h"
#include "orgnet/rollup.h"

namespace orgnet {

/// The mean Earth radius used for great-circle distances, in metres (IUGG).
inline constexpr double kEarthRadiusMetres = 6371008.8;

/// Great-circle distance in metres between two WGS 84 points given in degrees (a sphere of
/// radius kEarthRadiusMetres).
ORGNET_EXPORT double GreatCircleMetres(double lon1, double lat1, double lon2, double lat2);

/// The default reach radius, in metres (the "15-minute circle" at walking pace), and the one
/// radius at which a scoped view counts the centres outside its scope (docs/permission.md).
inline constexpr double kDefaultReachMetres = 1000;

/// Parameters of the reach analysis.
struct ReachOptions {
  /// a centre reaches a grid whose centre lies this close
  double radius_metres = kDefaultReachMetres;
};

/// How one grid is reached.
struct GridReach {
  /// the nearest placed centre's row, or kNone (no coordinates, no centre); in a scoped view
  /// kOutside when the nearest centre is outside its scope
  Index nearest;
  /// great-circle distance to it; NaN without one, and NaN in a view when it is outside
  double metres;
  bool placed;        ///< the grid has coordinates
  /// a centre lies within the radius (in a view: one of the view's centres, or, at
  /// kDefaultReachMetres only, one outside its scope)
  bool reached;
};

/// Reach figures of one place.
struct ReachRow {
  Index place;                       ///< grid row (kGrid) or territory org row
  std::uint32_t grids;               ///< grids located in it
  std::uint32_t grids_placed;        ///< of those, with coordinates
  std::uint32_t grids_reached;       ///< of those, within reach of a centre
  std::int64_t households;           ///< households of its grids (known counts)
  std::int64_t households_reached;   ///< of those, in reached grids
  std::int64_t households_unplaced;  ///< of those, in grids without coordinates
  std::uint32_t units;               ///< units located in it
  std::uint32_t units_reached;       ///< of those, in reached grids
};

/// The centre functions a community can reach.
struct CommunityFunctions {
  Index community;                      ///< org row
  std::vector<std::string> functions;   ///< of centres within reach of any of its grids, sorted
};

/// A new centre chosen by the siting.
struct SiteChoice {
  Index grid;                     ///< the grid whose centre would host it
  std::uint32_t grids_added;      ///< unreached grids it reaches, beyond earlier choices
  std::int64_t households_added;  ///< unreached households it reaches, beyond earlier choices
};

/// Service-centre reach of a network. Immutable; safe to read from many threads. Centres
/// stand at their own coordinates, else at their grid's; grids and centres without either are
/// reported, never guessed. Nearest centres come from a Boost.Geometry R-tree over points on
/// the unit sphere (chord length orders points as great-circle distance does).
class ORGNET_EXPORT CentreReach {
 public:
  /// Computes every grid's nearest centre; kInvalidArgument for a radius not above 0.
  static absl::StatusOr<CentreReach> Compute(const Network& network,
                                             const ReachOptions& options = {});

  /// The options.
  const ReachOptions& options() const;
  /// Every grid's reach, by grid row. Ties between equally near centres go to the lower row.
  absl::Span<const GridReach> grids() const;
  /// Grids without coordinates, ascending.
  std::vector<Index> UnplacedGrids() const;
  /// Centres without coordinates of their own or of their grid, ascending.
  std::vector<Index> UnplacedCentres() const;
  /// Figures per place of a territorial level (kOrg: kInvalidArgument), ascending.
  absl::StatusOr<std::vector<ReachRow>> RollUp(orgnet::RollUp level) const;
  /// Per community (the community level's places, ascending): the functions of the centres
  /// within reach of any of its placed grids.
  std::vector<CommunityFunctions> Functions() const;
  /// The same for one community (its grids only); empty for an org that is no community.
  std::vector<std::string> FunctionsOf(Index community) const;
  /// Greedy siting: up to @p k grid locations for new centres, each reaching the most
  /// households not yet reached (by existing centres or earlier choices); ties by grid row.
  /// Stops early when no location adds any. Greedy maximum coverage reaches at least
  /// (1 − 1/e) of the best possible k locations (docs/service.md).
  std::vector<SiteChoice> Site(std::size_t k) const;
  /// Site(k) under the calling thread's progress handler (orgnet/progress.h: units are the
  /// candidate grids scanned, then the sites chosen); CANCELLED when the handler stops it.
  absl::StatusOr<std::vector<SiteChoice>> ComputeSite(std::size_t k) const;

  /// The network.
  const Network& network() const;

  /// Opaque data (for the library's own layers).
  struct Data;

 private:
  explicit CentreReach(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
};

}  // namespace orgnet

#endif  // ORGNET_CENTRES_H_
