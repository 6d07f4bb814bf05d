// The data behind a LinkGraph: the links that pass, partner lists and the graph of pairs.
#ifndef ORGNET_SRC_COBUILD_LINK_GRAPH_DATA_H_
#define ORGNET_SRC_COBUILD_LINK_GRAPH_DATA_H_

#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "model/network_impl.h"
#include "orgnet/cobuild.h"

namespace orgnet {

namespace internal {
// The graph of distinct linked pairs: org rows as vertices, each pair as two directed edges
// (Boost's compressed sparse row graph is directed; the algorithms used here handle the
// symmetric form, see link_graph.cc).
using PairGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                                     boost::no_property, boost::no_property,
                                                     Index, Index>;
}  // namespace internal

struct LinkGraph::Data {
  Network network;
  LinkFilter filter;
  // Large arrays in populated huge pages (model/large_memory.h): faulting in fresh small
  // pages costs more than building the graph.
  internal::LargeVector<Index> links;          // rows that pass, ascending
  internal::LargeVector<Index> partner_begin;  // org -> first entry in partners (orgs + 1)
  internal::LargeVector<Partner> partners;     // by org, then partner, then link row
  internal::PairGraph graph;
  Index pairs = 0;

  // The distinct partners of an org: the graph's own adjacency array.
  absl::Span<const Index> Neighbours(Index org) const {
    const auto& rowstart = graph.m_forward.m_rowstart;
    return absl::MakeConstSpan(graph.m_forward.m_column)
        .subspan(rowstart[org], rowstart[org + 1] - rowstart[org]);
  }
};

}  // namespace orgnet

#endif  // ORGNET_SRC_COBUILD_LINK_GRAPH_DATA_H_
