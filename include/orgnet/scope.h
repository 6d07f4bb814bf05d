/// @file scope.h
/// @brief What a scoped view holds: organizations' subtrees and places, and whether personal
/// fields show (Network::Scope; the rules: docs/permission.md).
#ifndef ORGNET_SCOPE_H_
#define ORGNET_SCOPE_H_

#include <string>
#include <vector>

namespace orgnet {

/// The request for a scoped view: the union of each organization's scope and each place's.
///
/// - An organization (`orgs`) brings its leadership subtree, every row attached to one of the
///   subtree's organizations, and everything located in each district, street or community
///   organization of the subtree (as if that organization were also given as a place).
/// - A place (`places`: a grid id, or the id of a district, street or community
///   organization) brings everything located there: organizations, grids, units, members,
///   staff, centres and events, and every row attached to those organizations.
///
/// The table of which rows of each table belong is in docs/permission.md.
struct ScopeSpec {
  /// Organization ids (each one's leadership subtree and its territory).
  std::vector<std::string> orgs;
  /// Grid ids, or ids of district, street or community organizations.
  std::vector<std::string> places;
  /// When false (the default), personal fields read as empty: members' and staff's `name` and
  /// every column the manifest's `personal` key names (Network::is_masked).
  bool personal = false;
};

}  // namespace orgnet

#endif  // ORGNET_SCOPE_H_
