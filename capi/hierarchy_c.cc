// The C ABI of the leadership hierarchy and the territory.
#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "base/closest.h"
#include "base/text.h"
#include "capi/arguments.h"
#include "orgnet/text.h"
#include "capi/arrays.h"
#include "capi/error.h"
#include "capi/returns.h"
#include "capi/handles.h"
#include "orgnet/network.h"
#include "orgnet/orgnet.h"

namespace {

using orgnet::internal::Cat;
using orgnet::Index;
using orgnet::Network;
using orgnet::Table;
using orgnet::capi::CheckOrg;
using orgnet::capi::CheckRow;
using orgnet::capi::CheckTable;
using orgnet::capi::Guard;
using orgnet::capi::LendArray;
using orgnet::capi::ReturnScalar;
using orgnet::capi::Invalid;
using orgnet::capi::RequirePointers;
using orgnet::capi::SetError;
using orgnet::capi::TextArgument;

// ORGNET_INVALID_ARGUMENT for a kind neither documented (dataset-v1) nor held by any org of
// the network: a misspelt kind would find nothing, silently. Names the closest valid kind.
int CheckOrgKind(const Network& net, std::string_view kind) {
  if (orgnet::OrgKindFromText(kind) != orgnet::OrgKind::kOther) return ORGNET_OK;
  std::vector<std::string_view> valid = {"district", "street", "community", "unit",
                                         "joint",    "branch", "group",     "station"};
  for (Index v = 0; v < net.org_count(); ++v) {
    const std::string_view present = net.org_kind_text(v);
    if (present == kind) return ORGNET_OK;
    if (std::find(valid.begin(), valid.end(), present) == valid.end()) valid.push_back(present);
  }
  return SetError(orgnet::internal::UnknownChoice("kind", "org kind", kind, valid));
}

}  // namespace

extern "C" {

// ------------------------------------------------------------------ hierarchy

#define ORGNET_ORG_SCALAR(fn, ctype, expr)                                           \
  int fn(ctype* out, const orgnet_network* network, uint32_t org) {                  \
    return Guard([&] {                                                               \
      if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc; \
      if (int rc = CheckOrg(network->network, org)) return rc;                       \
      const orgnet::Hierarchy& h = network->network.hierarchy();                     \
      *out = (expr);                                                                 \
      return ORGNET_OK;                                                              \
    });                                                                              \
  }
ORGNET_ORG_SCALAR(orgnet_hierarchy_parent, uint32_t, h.parent(org))
ORGNET_ORG_SCALAR(orgnet_hierarchy_depth, uint32_t, h.depth(org))
ORGNET_ORG_SCALAR(orgnet_hierarchy_root, uint32_t, h.root(org))
ORGNET_ORG_SCALAR(orgnet_hierarchy_subtree_size, uint32_t, h.subtree_size(org))
ORGNET_ORG_SCALAR(orgnet_hierarchy_preorder_position, uint32_t, h.preorder_position(org))
#undef ORGNET_ORG_SCALAR

#define ORGNET_ORG_LIST(fn, ptr, produce)                                                      \
  int fn(ptr out, size_t* out_count, const orgnet_network* network, uint32_t org) {            \
    return Guard([&] {                                                                         \
      if (int rc =                                                                             \
              RequirePointers({{out, "out"}, {out_count, "out_count"}, {network, "network"}})) \
        return rc;                                                                             \
      if (int rc = CheckOrg(network->network, org)) return rc;                                 \
      const orgnet::Hierarchy& h = network->network.hierarchy();                               \
      return produce;                                                                          \
    });                                                                                        \
  }
ORGNET_ORG_LIST(orgnet_hierarchy_children, const uint32_t**,
                orgnet::capi::Borrow(out, out_count, h.children(org)))
ORGNET_ORG_LIST(orgnet_hierarchy_subtree, const uint32_t**,
                orgnet::capi::Borrow(out, out_count, h.subtree(org)))
ORGNET_ORG_LIST(orgnet_hierarchy_descendants, const uint32_t**,
                orgnet::capi::Borrow(out, out_count, h.descendants(org)))
ORGNET_ORG_LIST(orgnet_hierarchy_siblings, uint32_t**,
                orgnet::capi::AllocateCopy(out, out_count, h.siblings(org)))
ORGNET_ORG_LIST(orgnet_hierarchy_ancestors, uint32_t**,
                orgnet::capi::AllocateCopy(out, out_count, h.ancestors(org)))
#undef ORGNET_ORG_LIST

int orgnet_hierarchy_of_kind(uint32_t** out, size_t* out_count, const orgnet_network* network,
                             uint32_t org, const char* kind, size_t kind_len) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {out_count, "out_count"}, {network, "network"}}))
      return rc;
    const Network& net = network->network;
    if (int rc = CheckOrg(net, org)) return rc;
    std::string_view text;
    if (int rc = TextArgument(kind, kind_len, "kind", &text)) return rc;
    if (int rc = CheckOrgKind(net, text)) return rc;
    std::vector<Index> found;
    for (Index v : net.hierarchy().subtree(org)) {
      if (net.org_kind_text(v) == text) found.push_back(v);
    }
    return orgnet::capi::AllocateCopy(out, out_count, found);
  });
}

int orgnet_hierarchy_is_ancestor(int* out, const orgnet_network* network, uint32_t ancestor,
                                 uint32_t org) {
  return ReturnScalar(
      out, {{network, "network"}},
      [&] {
        if (int rc = CheckOrg(network->network, ancestor)) return rc;
        return CheckOrg(network->network, org);
      },
      [&] { return network->network.hierarchy().is_ancestor(ancestor, org) ? 1 : 0; });
}

int orgnet_hierarchy_lca(uint32_t* out, const orgnet_network* network, uint32_t a, uint32_t b) {
  return ReturnScalar(
      out, {{network, "network"}},
      [&] {
        if (int rc = CheckOrg(network->network, a)) return rc;
        return CheckOrg(network->network, b);
      },
      [&] { return network->network.hierarchy().LowestCommonAncestor(a, b); });
}

int orgnet_hierarchy_roots(const uint32_t** out, size_t* out_count, const orgnet_network* network) {
  return LendArray(out, out_count, {{network, "network"}},
                   [&]() -> decltype(auto) { return (network->network.hierarchy().roots()); });
}

int orgnet_hierarchy_preorder(const uint32_t** out, size_t* out_count,
                              const orgnet_network* network) {
  return LendArray(out, out_count, {{network, "network"}},
                   [&]() -> decltype(auto) { return (network->network.hierarchy().preorder()); });
}

int orgnet_hierarchy_max_depth(uint32_t* out, const orgnet_network* network) {
  return ReturnScalar(out, {{network, "network"}},
                      [&] { return network->network.hierarchy().max_depth(); });
}

// ------------------------------------------------------------------ territory

int orgnet_territory_place(orgnet_place* out, const orgnet_network* network, int table,
                           uint32_t row) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    if (int rc = CheckRow(network->network, table, row)) return rc;
    if (table > ORGNET_TABLE_STAFF) {
      return Invalid(Cat(orgnet::GetTableSpec(static_cast<Table>(table)).file,
                         " rows have no place: use orgs, grids, units, members or staff"));
    }
    const orgnet::Place p = network->network.territory().place(static_cast<Table>(table), row);
    *out = orgnet_place{p.grid, p.community, p.street, p.district};
    return ORGNET_OK;
  });
}

int orgnet_territory_in(const uint32_t** out, size_t* out_count, const orgnet_network* network,
                        int listing, uint32_t org) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {out_count, "out_count"}, {network, "network"}}))
      return rc;
    if (int rc = CheckOrg(network->network, org)) return rc;
    const orgnet::Territory& t = network->network.territory();
    switch (listing) {
      case ORGNET_IN_GRIDS:
        return orgnet::capi::Borrow(out, out_count, t.grids_in(org));
      case ORGNET_IN_UNITS:
        return orgnet::capi::Borrow(out, out_count, t.units_in(org));
      case ORGNET_IN_ORGS:
        return orgnet::capi::Borrow(out, out_count, t.orgs_in(org));
      case ORGNET_IN_STAFF:
        return orgnet::capi::Borrow(out, out_count, t.staff_in(org));
      default:
        return SetError(ORGNET_OUT_OF_RANGE, Cat("listing ", listing, " out of range"));
    }
  });
}

int orgnet_territory_unknown(int64_t* out, const orgnet_network* network, int table, int level) {
  return ReturnScalar(
      out, {{network, "network"}},
      [&] {
        if (int rc = CheckTable(table)) return rc;
        if (level < ORGNET_LEVEL_COMMUNITY || level > ORGNET_LEVEL_DISTRICT) {
          return SetError(ORGNET_OUT_OF_RANGE, Cat("level ", level, " out of range [1, 3]"));
        }
        return ORGNET_OK;
      },
      [&] {
        return network->network.territory().unknown().count(static_cast<Table>(table),
                                                            static_cast<orgnet::Level>(level));
      });
}

}  // extern "C"
