/// @file cobuild.h
/// @brief The co-building graph (共建): links as of a date, partners, clusters, brokers,
/// cross-boundary links and link suggestions.
#ifndef ORGNET_COBUILD_H_
#define ORGNET_COBUILD_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "orgnet/network.h"
#include "orgnet/orgnet_export.h"
#include "orgnet/rollup.h"
#include "orgnet/schema.h"

namespace orgnet {

/// Which links an analysis sees.
struct LinkFilter {
  /// Links active on this date: `since <= on < until`, an empty bound open. kNoDate: every
  /// link, whatever its dates. kDatasetDate (the default): the dataset's `as_of`, and every
  /// link when it has none (LinkGraph::filter() holds the date resolved).
  Date on = kDatasetDate;
  /// Only links of these kinds (exact text); empty: every kind.
  std::vector<std::string> kinds;
};

/// One link of an organization, seen from it.
struct Partner {
  Index org;   ///< the organization at the other end
  Index link;  ///< the link's row in links.csv
};

/// The clusters: connected components of the graph of linked pairs (an organization without
/// links is a cluster of one).
struct Clusters {
  /// Cluster number of each organization, by org row. Clusters are numbered largest first,
  /// ties by their lowest org row.
  std::vector<Index> cluster_of;
  std::vector<Index> sizes;      ///< organizations in each cluster
  std::vector<Index> first_org;  ///< the lowest org row in each cluster
};

/// A pair of organizations whose link is the only connection between its two sides.
struct Bridge {
  Index a;  ///< the lower org row
  Index b;  ///< the higher org row
};

/// Bits describing where a link runs (CrossBoundary::link_flags).
enum LinkCrossing : std::uint8_t {
  kAcrossCommunities = 1,  ///< both ends' communities are known and differ
  kAcrossStreets = 2,      ///< both ends' streets are known and differ
  kAcrossDistricts = 4,    ///< both ends' districts are known and differ
  /// one end is a unit or joint organization led from outside the street it sits in, the
  /// other an organization of that street's own (led by it, or the street itself)
  kOutsideLed = 8,
  kUnplaced = 16,  ///< an end's community and street are both unknown
};

/// Link counts for a street (or for the whole graph).
struct CrossingCounts {
  Index street;                      ///< the street's org row; kNone for the whole graph
  std::uint32_t links;               ///< links with at least one end located in the street
  std::uint32_t across_communities;  ///< of those, kAcrossCommunities
  std::uint32_t across_streets;      ///< of those, kAcrossStreets
  std::uint32_t across_districts;    ///< of those, kAcrossDistricts
  std::uint32_t outside_led;         ///< kOutsideLed links of this street (its own side)
  std::uint32_t unplaced;            ///< of those, kUnplaced
};

/// Cross-boundary links (打破壁壘): every link's flags and the counts per street.
struct CrossBoundary {
  std::vector<std::uint8_t> link_flags;  ///< LinkCrossing bits, aligned with LinkGraph::links()
  CrossingCounts total;                  ///< the whole graph (links = every link)
  std::vector<CrossingCounts> by_street; ///< one row per street, ascending org row
};

/// Isolated organizations in one place of a roll-up.
struct IsolationRow {
  Index place;             ///< grid row for RollUp::kGrid, org row otherwise
  std::uint32_t orgs;      ///< organizations located in it (kOrg: in its leadership subtree)
  std::uint32_t isolated;  ///< of those, without any link
  double share;            ///< isolated / orgs; NaN when orgs is 0
};

/// How betweenness is computed.
struct BetweennessOptions {
  /// 0: exact (Brandes over every source, Boost.Graph). k > 0: estimated from k source
  /// organizations drawn without replacement (seeded), each source's dependencies scaled by
  /// n / k (Brandes & Pich 2007); k >= n takes every source and is exact.
  Index samples = 0;
  std::uint64_t seed = 1;  ///< the draw of the sampled sources
};

/// One step of a connection between two organizations.
enum class StepKind : std::uint8_t {
  kLink = 0,   ///< a co-building link
  kLeads = 1,  ///< from an organization to one it leads (parent to child)
  kLedBy = 2,  ///< from an organization to the one leading it (child to parent)
};

/// A step of a path.
struct PathStep {
  Index from;     ///< org row
  Index to;       ///< org row
  StepKind kind;  ///< the edge taken (a link when the pair is both linked and in the tree)
  Index link;     ///< for kLink: the lowest link row joining the pair; else kNone
};

/// Weights of the link-suggestion score (docs/cobuild.md).
struct SuggestionWeights {
  double same_grid = 2;       ///< the candidate is located in the same grid
  double same_community = 1;  ///< the candidate is located in the same community
  double common_partner = 1;  ///< per partner the two share
  double need_resource = 3;   ///< per direction: one lists a need the other's resource meets
};

/// A candidate partner.
struct Suggestion {
  Index org;                      ///< the candidate's org row
  double score;                   ///< the weighted sum
  std::uint32_t common_partners;  ///< partners the two share
  bool same_grid;                 ///< located in the same grid
  bool same_community;            ///< located in the same community
  bool meets_need;                ///< the candidate offers a category the organization needs
  bool needs_offer;               ///< the candidate needs a category the organization offers
};

/// The co-building graph of a network under a filter: the links that pass and the graph of
/// distinct linked pairs (a compressed sparse row graph of Boost.Graph, org rows as vertices).
/// Immutable; safe to query from many threads. Structural figures (degree, clusters,
/// articulation points, bridges, betweenness, paths) count distinct pairs; partner lists show
/// every link.
class ORGNET_EXPORT LinkGraph {
 public:
  /// Builds the graph of @p network's links that pass @p filter. O(links + orgs).
  static absl::StatusOr<LinkGraph> Build(const Network& network, const LinkFilter& filter = {});

  /// The network.
  const Network& network() const;
  /// The filter.
  const LinkFilter& filter() const;
  /// The link rows that pass the filter, ascending.
  absl::Span<const Index> links() const;
  /// Distinct linked pairs.
  Index pair_count() const;
  /// Every link of @p org that passes, by partner row, then link row. O(1).
  absl::Span<const Partner> partners(Index org) const;
  /// The distinct partners of @p org, ascending. O(1).
  absl::Span<const Index> neighbours(Index org) const;
  /// Number of distinct partners. O(1).
  Index degree(Index org) const;

  /// Organizations without any link, ascending.
  std::vector<Index> Isolated() const;
  /// Per place of @p level: organizations located there and how many are isolated. Rows: every
  /// grid (kGrid), every org of that kind or named as that place (community, street,
  /// district), every org (kOrg: its leadership subtree); ascending.
  std::vector<IsolationRow> Isolation(RollUp level) const;
  /// Connected components (boost::connected_components).
  Clusters Components() const;
  /// Clusters of at least @p min_size organizations. O(orgs + pairs).
  Index ClusterCount(Index min_size) const;
  /// Organizations whose removal splits a cluster, ascending (boost::biconnected_components).
  std::vector<Index> ArticulationPoints() const;
  /// Pairs whose removal splits a cluster, ascending by (a, b).
  std::vector<Bridge> Bridges() const;
  /// Betweenness centrality by org row: over unordered pairs {s, t} of other organizations,
  /// the share of shortest s–t paths through the organization (not normalised). Exact by
  /// default (boost::brandes_betweenness_centrality).
  std::vector<double> Betweenness(const BetweennessOptions& options = {}) const;
  /// Betweenness as above (exact: the same figures up to rounding), one source at a time
  /// under the calling thread's progress handler (orgnet/progress.h: units are sources);
  /// CANCELLED when the handler stops it.
  absl::StatusOr<std::vector<double>> ComputeBetweenness(
      const BetweennessOptions& options = {}) const;
  /// The fewest-step connection from @p from to @p to over links and, with @p leadership,
  /// the leadership tree's edges too (boost::breadth_first_search, partners visited in
  /// ascending row order). Empty when from == to; kNotFound when none exists;
  /// kOutOfRange for a bad row.
  absl::StatusOr<std::vector<PathStep>> ShortestPath(Index from, Index to,
                                                     bool leadership = false) const;
  /// Cross-boundary links by territory.
  CrossBoundary Crossings() const;
  /// Candidate partners of @p org not linked to it now, best score first, ties by row; at
  /// most @p limit. kOutOfRange for a bad row.
  absl::StatusOr<std::vector<Suggestion>> Suggest(Index org, std::size_t limit = 10,
                                                  const SuggestionWeights& weights = {}) const;

  /// Opaque data (for the library's own layers).
  struct Data;

 private:
  explicit LinkGraph(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
};

}  // namespace orgnet

#endif  // ORGNET_COBUILD_H_
