/// @file hierarchy.h
/// @brief The leadership forest (orgs.csv `parent`): ancestors, subtrees and common superiors.
#ifndef ORGNET_HIERARCHY_H_
#define ORGNET_HIERARCHY_H_

#include <cstdint>
#include <vector>

#include "absl/types/span.h"
#include "orgnet/orgnet_export.h"
#include "orgnet/schema.h"

namespace orgnet {

/// Queries on who leads whom, precomputed in linear time when the network is built.
///
/// Organizations are numbered by their org Index (row in orgs.csv). Children keep file order;
/// "pre-order" visits an organization, then each child's subtree in file order, and the roots
/// in file order. Every query is const and safe to call from many threads at once. Arguments
/// must be valid org indexes (< Network::org_count()); the C ABI and Python check them, the C++
/// API does not. Nothing here recurses, so a 1,000,000-deep chain is fine.
class ORGNET_EXPORT Hierarchy {
 public:
  /// The organization's leader, or kNone for a root. O(1).
  Index parent(Index org) const { return parent_[org]; }
  /// The organizations it leads directly, in file order. O(1); a view into the hierarchy.
  absl::Span<const Index> children(Index org) const {
    return absl::MakeConstSpan(child_list_).subspan(child_begin_[org],
                                                    child_begin_[org + 1] - child_begin_[org]);
  }
  /// The other children of its parent, in file order; empty for a root. O(siblings).
  std::vector<Index> siblings(Index org) const;
  /// The path to the root: parent first, root last; empty for a root. O(depth).
  std::vector<Index> ancestors(Index org) const;
  /// The whole subtree in pre-order, the organization first. O(1); a view.
  absl::Span<const Index> subtree(Index org) const {
    return absl::MakeConstSpan(preorder_).subspan(pre_[org], size_[org]);
  }
  /// The subtree without the organization itself, in pre-order. O(1); a view.
  absl::Span<const Index> descendants(Index org) const { return subtree(org).subspan(1); }
  /// Edges from the root: a root has depth 0. O(1).
  std::uint32_t depth(Index org) const { return depth_[org]; }
  /// The root of the tree that holds the organization (itself for a root). O(1).
  Index root(Index org) const { return root_[org]; }
  /// Organizations in its subtree, itself included. O(1).
  std::uint32_t subtree_size(Index org) const { return size_[org]; }
  /// The organizations of kind @p kind in the subtree of @p org (itself included), pre-order.
  /// O(subtree size).
  std::vector<Index> OfKindInSubtree(Index org, OrgKind kind) const;
  /// True when @p ancestor is a proper ancestor of @p org (a ≠ org, on org's path to the
  /// root). O(1): compares pre-order intervals.
  bool is_ancestor(Index ancestor, Index org) const {
    return pre_[ancestor] < pre_[org] && pre_[org] < pre_[ancestor] + size_[ancestor];
  }
  /// The deepest organization that is @p a or an ancestor of @p a and also @p b or an
  /// ancestor of @p b; kNone when they lie in different trees. O(1) after O(n) preprocessing
  /// (a range-minimum query on the pre-order depths, in blocks of 16).
  Index LowestCommonAncestor(Index a, Index b) const;
  /// The roots, in file order. O(1); a view.
  absl::Span<const Index> roots() const { return roots_; }
  /// Every organization in pre-order. O(1); a view.
  absl::Span<const Index> preorder() const { return preorder_; }
  /// Position of the organization in preorder(). O(1).
  Index preorder_position(Index org) const { return pre_[org]; }
  /// subtree_size() of every organization, indexed by org. O(1); a view.
  absl::Span<const std::uint32_t> subtree_sizes() const { return size_; }
  /// depth() of every organization, indexed by org. O(1); a view.
  absl::Span<const std::uint32_t> depths() const { return depth_; }
  /// The greatest depth of any organization (0 for an empty network).
  std::uint32_t max_depth() const { return max_depth_; }
  /// Bytes held by the hierarchy's arrays.
  std::size_t memory_bytes() const;

  /// Builds the hierarchy from each organization's parent (kNone for a root) and kind.
  /// The parent relation must be a forest (the network builder checks this first).
  static Hierarchy Build(std::vector<Index> parent, std::vector<OrgKind> kinds);

 private:
  Index MinDepthPosition(Index first, Index last) const;

  std::vector<Index> parent_;
  std::vector<OrgKind> kind_;
  std::vector<Index> child_begin_;   // n+1 offsets into child_list_
  std::vector<Index> child_list_;
  std::vector<Index> roots_;
  std::vector<Index> preorder_;      // position -> org
  std::vector<Index> pre_;           // org -> position
  std::vector<std::uint32_t> size_;
  std::vector<std::uint32_t> depth_;
  std::vector<Index> root_;
  std::vector<std::uint32_t> depth_at_;         // position -> depth
  std::vector<std::vector<Index>> block_table_;  // sparse table over block minima positions
  std::uint32_t max_depth_ = 0;
};

}  // namespace orgnet

#endif  // ORGNET_HIERARCHY_H_
