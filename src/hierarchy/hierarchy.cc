#include "orgnet/hierarchy.h"

#include <algorithm>
#include <bit>

namespace orgnet {
namespace {
// Range-minimum blocks: a scan of at most two partial blocks, one sparse-table lookup between.
constexpr Index kBlock = 16;
}  // namespace

std::vector<Index> Hierarchy::siblings(Index org) const {
  std::vector<Index> out;
  if (parent_[org] == kNone) return out;
  for (Index child : children(parent_[org])) {
    if (child != org) out.push_back(child);
  }
  return out;
}

std::vector<Index> Hierarchy::ancestors(Index org) const {
  std::vector<Index> out;
  out.reserve(depth_[org]);
  for (Index v = parent_[org]; v != kNone; v = parent_[v]) out.push_back(v);
  return out;
}

std::vector<Index> Hierarchy::OfKindInSubtree(Index org, OrgKind kind) const {
  std::vector<Index> out;
  for (Index v : subtree(org)) {
    if (kind_[v] == kind) out.push_back(v);
  }
  return out;
}

Index Hierarchy::MinDepthPosition(Index first, Index last) const {
  // Position of the least depth in [first, last].
  auto better = [&](Index x, Index y) { return depth_at_[y] < depth_at_[x] ? y : x; };
  auto scan = [&](Index from, Index to, Index best) {
    for (Index p = from; p <= to; ++p) best = better(best, p);
    return best;
  };
  const Index first_block = first / kBlock, last_block = last / kBlock;
  if (last_block - first_block <= 1) return scan(first + 1, last, first);
  Index best = scan(first + 1, (first_block + 1) * kBlock - 1, first);
  best = scan(last_block * kBlock, last, best);
  const Index lo = first_block + 1, hi = last_block - 1;
  const int k = std::bit_width(hi - lo + 1) - 1;
  best = better(best, block_table_[k][lo]);
  best = better(best, block_table_[k][hi - (Index{1} << k) + 1]);
  return best;
}

Index Hierarchy::LowestCommonAncestor(Index a, Index b) const {
  if (a == b) return a;
  if (is_ancestor(a, b)) return a;
  if (is_ancestor(b, a)) return b;
  Index pa = pre_[a], pb = pre_[b];
  if (pa > pb) std::swap(pa, pb);
  // Between a and b in pre-order lies a child of their LCA on b's side, and nothing higher.
  const Index position = MinDepthPosition(pa + 1, pb);
  return parent_[preorder_[position]];
}

std::size_t Hierarchy::memory_bytes() const {
  std::size_t bytes = (parent_.capacity() + child_begin_.capacity() + child_list_.capacity() +
                       roots_.capacity() + preorder_.capacity() + pre_.capacity() +
                       size_.capacity() + depth_.capacity() + root_.capacity() +
                       depth_at_.capacity()) *
                          4 +
                      kind_.capacity();
  for (const auto& level : block_table_) bytes += level.capacity() * 4;
  return bytes;
}

Hierarchy Hierarchy::Build(std::vector<Index> parent, std::vector<OrgKind> kinds) {
  Hierarchy h;
  const Index n = static_cast<Index>(parent.size());
  h.parent_ = std::move(parent);
  h.kind_ = std::move(kinds);
  // Children in file order: counting sort by parent.
  h.child_begin_.assign(n + 1, 0);
  for (Index v = 0; v < n; ++v) {
    if (h.parent_[v] != kNone) {
      ++h.child_begin_[h.parent_[v] + 1];
    } else {
      h.roots_.push_back(v);
    }
  }
  for (Index v = 0; v < n; ++v) h.child_begin_[v + 1] += h.child_begin_[v];
  h.child_list_.resize(h.child_begin_[n]);
  {
    std::vector<Index> fill(h.child_begin_.begin(), h.child_begin_.end() - 1);
    for (Index v = 0; v < n; ++v) {
      if (h.parent_[v] != kNone) h.child_list_[fill[h.parent_[v]]++] = v;
    }
  }
  // Pre-order with an explicit stack of (org, next child offset).
  h.preorder_.reserve(n);
  h.pre_.assign(n, 0);
  h.depth_.assign(n, 0);
  h.root_.assign(n, kNone);
  h.size_.assign(n, 1);
  std::vector<std::pair<Index, Index>> stack;
  for (Index r : h.roots_) {
    h.pre_[r] = static_cast<Index>(h.preorder_.size());
    h.preorder_.push_back(r);
    h.root_[r] = r;
    stack.emplace_back(r, h.child_begin_[r]);
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      if (next < h.child_begin_[v + 1]) {
        const Index c = h.child_list_[next++];
        h.pre_[c] = static_cast<Index>(h.preorder_.size());
        h.preorder_.push_back(c);
        h.depth_[c] = h.depth_[v] + 1;
        h.root_[c] = r;
        h.max_depth_ = std::max(h.max_depth_, h.depth_[c]);
        stack.emplace_back(c, h.child_begin_[c]);
      } else {
        const Index done = v;
        stack.pop_back();
        if (!stack.empty()) h.size_[stack.back().first] += h.size_[done];
      }
    }
  }
  h.depth_at_.resize(n);
  for (Index p = 0; p < n; ++p) h.depth_at_[p] = h.depth_[h.preorder_[p]];
  // Sparse table over the minimum position of each block.
  const Index blocks = (n + kBlock - 1) / kBlock;
  if (blocks > 0) {
    std::vector<Index> level0(blocks);
    for (Index b = 0; b < blocks; ++b) {
      Index best = b * kBlock;
      for (Index p = best + 1; p < std::min(n, (b + 1) * kBlock); ++p) {
        if (h.depth_at_[p] < h.depth_at_[best]) best = p;
      }
      level0[b] = best;
    }
    h.block_table_.push_back(std::move(level0));
    for (Index width = 2; width <= blocks; width *= 2) {
      const auto& prev = h.block_table_.back();
      std::vector<Index> level(blocks - width + 1);
      for (Index b = 0; b + width <= blocks; ++b) {
        const Index x = prev[b], y = prev[b + width / 2];
        level[b] = h.depth_at_[y] < h.depth_at_[x] ? y : x;
      }
      h.block_table_.push_back(std::move(level));
    }
  }
  return h;
}

}  // namespace orgnet
