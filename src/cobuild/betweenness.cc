// Betweenness centrality: exact by Boost.Graph's Brandes, or estimated from sampled sources.
#include <algorithm>
#include <cstdint>
#include <vector>

#include <boost/graph/betweenness_centrality.hpp>

#include "cobuild/link_graph_data.h"
#include "base/progress_meter.h"

namespace orgnet {

namespace {

// splitmix64: a small generator whose sequence is fixed by its seed on every platform (the
// standard library's distributions are not).
std::uint64_t Next(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// The first k of a seeded Fisher–Yates shuffle of 0..n-1.
std::vector<Index> SampleSources(Index n, Index k, std::uint64_t seed) {
  std::vector<Index> all(n);
  for (Index i = 0; i < n; ++i) all[i] = i;
  std::uint64_t state = seed;
  for (Index i = 0; i < k; ++i) {
    const Index j = i + static_cast<Index>(Next(state) % (n - i));
    std::swap(all[i], all[j]);
  }
  all.resize(k);
  return all;
}

// Brandes's accumulation from each of @p sources into @p centrality (counted from both ends
// of each pair: halve for unordered pairs). Steps @p meter per source; false when it stopped.
bool Accumulate(const LinkGraph::Data& data, Index n, absl::Span<const Index> sources,
                std::vector<double>& centrality, internal::ProgressMeter* meter) {
  std::vector<std::int32_t> distance(n, -1);
  std::vector<double> paths(n, 0), dependency(n, 0);
  std::vector<Index> order;
  order.reserve(n);
  for (Index s : sources) {
    order.clear();
    distance[s] = 0;
    paths[s] = 1;
    order.push_back(s);
    for (std::size_t head = 0; head < order.size(); ++head) {
      const Index v = order[head];
      for (Index w : data.Neighbours(v)) {
        if (distance[w] < 0) {
          distance[w] = distance[v] + 1;
          order.push_back(w);
        }
        if (distance[w] == distance[v] + 1) paths[w] += paths[v];
      }
    }
    for (std::size_t i = order.size(); i-- > 0;) {
      const Index w = order[i];
      for (Index v : data.Neighbours(w)) {
        if (distance[v] == distance[w] - 1) {
          dependency[v] += paths[v] / paths[w] * (1 + dependency[w]);
        }
      }
      if (w != s) centrality[w] += dependency[w];
    }
    for (Index v : order) {
      distance[v] = -1;
      paths[v] = 0;
      dependency[v] = 0;
    }
    if (meter != nullptr && !meter->Step()) return false;
  }
  return true;
}

}  // namespace

std::vector<double> LinkGraph::Betweenness(const BetweennessOptions& options) const {
  const internal::PairGraph& g = data_->graph;
  const Index n = data_->network.org_count();
  std::vector<double> centrality(n, 0.0);
  if (n == 0) return centrality;
  if (options.samples == 0) {
    boost::brandes_betweenness_centrality(
        g, boost::make_iterator_property_map(centrality.begin(), get(boost::vertex_index, g)));
    // Each pair is two directed edges, so every unordered {s, t} was counted from both ends.
    for (double& c : centrality) c /= 2;
    return centrality;
  }
  // Brandes's accumulation from each sampled source (Brandes & Pich 2007): the dependencies
  // of a source are exact; their sum over k random sources, times n / k, estimates the sum
  // over all n. Counted from one end of each pair, as in the exact case after halving.
  const Index k = std::min(options.samples, n);  // k = n: every source, exact
  Accumulate(*data_, n, SampleSources(n, k, options.seed), centrality, nullptr);
  const double scale = static_cast<double>(n) / k / 2;
  for (double& c : centrality) c *= scale;
  return centrality;
}

absl::StatusOr<std::vector<double>> LinkGraph::ComputeBetweenness(
    const BetweennessOptions& options) const {
  const Index n = data_->network.org_count();
  std::vector<double> centrality(n, 0.0);
  if (n == 0) return centrality;
  // Exact: every source in row order (the same sums as Boost's Brandes, one source at a time
  // so that the progress handler is called between sources); sampled: as Betweenness.
  const Index k = options.samples == 0 ? n : std::min(options.samples, n);
  std::vector<Index> sources;
  if (options.samples == 0) {
    sources.resize(n);
    for (Index i = 0; i < n; ++i) sources[i] = i;
  } else {
    sources = SampleSources(n, k, options.seed);
  }
  internal::ProgressMeter meter("betweenness", k);
  Accumulate(*data_, n, sources, centrality, &meter);
  if (absl::Status s = meter.Finish(); !s.ok()) return s;
  const double scale = static_cast<double>(n) / k / 2;
  for (double& c : centrality) c *= scale;
  return centrality;
}

}  // namespace orgnet
