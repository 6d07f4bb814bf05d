// Subtree sums in one linear pass: every org handed to its parent, children before parents.
#ifndef ORGNET_SRC_HIERARCHY_BOTTOM_UP_H_
#define ORGNET_SRC_HIERARCHY_BOTTOM_UP_H_

#include <cstddef>

#include "orgnet/hierarchy.h"

namespace orgnet::internal {

// Calls add(parent, child) for every org with a parent, in reverse pre-order: when a child is
// added, its own subtree has been added to it already.
template <typename Add>
void AddUpTheTree(const Hierarchy& h, Add add) {
  const auto preorder = h.preorder();
  for (std::size_t i = preorder.size(); i-- > 0;) {
    const Index child = preorder[i], parent = h.parent(child);
    if (parent != kNone) add(parent, child);
  }
}

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_HIERARCHY_BOTTOM_UP_H_
