#include "territory/leading_street.h"

namespace orgnet::internal {

std::vector<Index> LeadingStreets(const Network& network) {
  const Hierarchy& h = network.hierarchy();
  std::vector<Index> leading(network.org_count(), kNone);
  for (Index v : h.preorder()) {
    const Index p = h.parent(v);
    if (p != kNone) {
      leading[v] = network.org_kind(p) == OrgKind::kStreet ? p : leading[p];
    } else if (network.ref(Table::kOrgs, v, col::kOrgParent) == kOutside) {
      leading[v] = kOutside;  // a view's root led from outside its scope
    }
  }
  return leading;
}

}  // namespace orgnet::internal
