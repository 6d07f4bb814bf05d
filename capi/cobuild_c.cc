// The C ABI of the co-building graph and the needs–resources matching.
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "base/closest.h"
#include "base/text.h"
#include "capi/analysis_handles.h"
#include "capi/arguments.h"
#include "capi/arrays.h"
#include "capi/error.h"
#include "capi/returns.h"
#include "capi/handles.h"
#include "orgnet/batch.h"
#include "orgnet/cobuild.h"
#include "orgnet/matching.h"
#include "orgnet/orgnet.h"

struct orgnet_links {
  orgnet::LinkGraph graph;
};

namespace {

using orgnet::internal::Cat;
using orgnet::capi::AllocateArray;
using orgnet::capi::AllocateCopy;
using orgnet::capi::AllocateSameLayout;
using orgnet::capi::Guard;
using orgnet::capi::NewHandle;
using orgnet::capi::CopyArray;
using orgnet::capi::LendArray;
using orgnet::capi::ReturnScalar;
using orgnet::capi::Invalid;
using orgnet::capi::RequirePointers;
using orgnet::capi::SetError;

ORGNET_SAME_LAYOUT(orgnet_partner, orgnet::Partner, org, link);
ORGNET_SAME_LAYOUT(orgnet_allocation, orgnet::Allocation, need, resource, amount);
// Rows handed over byte for byte (AllocateSameLayout): one layout, checked field by field.
ORGNET_SAME_LAYOUT(orgnet_isolation, orgnet::IsolationRow, place, orgs, isolated, share);
ORGNET_SAME_LAYOUT(orgnet_bridge, orgnet::Bridge, a, b);
ORGNET_SAME_LAYOUT(orgnet_crossing_counts, orgnet::CrossingCounts, street, links,
                   across_communities, across_streets, across_districts, outside_led, unplaced);

int CheckOrg(const orgnet_links* links, uint32_t org) {
  return orgnet::capi::CheckOrg(links->graph.network(), org);
}

int Filter(const orgnet_link_filter* in, orgnet::LinkFilter* out) {
  if (in == nullptr) return ORGNET_OK;
  if (int rc = orgnet::capi::CheckVersion(in, ORGNET_LINK_FILTER_VERSION, "orgnet_link_filter")) {
    return rc;
  }
  out->on = in->on;
  if (in->kinds != nullptr) {
    if (in->kind_lens == nullptr && in->kind_count > 0) return Invalid("kind_lens is NULL");
    for (size_t i = 0; i < in->kind_count; ++i) {
      std::string_view kind;
      if (int rc = orgnet::capi::TextArgument(in->kinds[i], in->kind_lens[i], Cat("kinds[", i, "]"),
                                              &kind)) {
        return rc;
      }
      out->kinds.emplace_back(kind);
    }
  }
  return ORGNET_OK;
}

}  // namespace

extern "C" {

int orgnet_links_build(orgnet_links** out, const orgnet_network* network,
                       const orgnet_link_filter* filter) {
  orgnet::LinkFilter f;
  return NewHandle(
      out, {{network, "network"}}, [&] { return Filter(filter, &f); },
      [&] { return orgnet::LinkGraph::Build(network->network, f); });
}

void orgnet_links_free(orgnet_links* links) { delete links; }
void orgnet_free(void* array) { std::free(array); }

int orgnet_links_rows(const uint32_t** out, size_t* out_count, const orgnet_links* links) {
  return LendArray(out, out_count, {{links, "links"}},
                   [&]() -> decltype(auto) { return (links->graph.links()); });
}

int orgnet_links_pair_count(size_t* out, const orgnet_links* links) {
  return ReturnScalar(out, {{links, "links"}}, [&] { return links->graph.pair_count(); });
}

int orgnet_links_cluster_count(size_t* out, const orgnet_links* links, uint32_t min_size) {
  return ReturnScalar(out, {{links, "links"}}, [&] { return links->graph.ClusterCount(min_size); });
}

int orgnet_links_partners(const orgnet_partner** out, size_t* out_count, const orgnet_links* links,
                          uint32_t org) {
  return LendArray(
      out, out_count, {{links, "links"}}, [&] { return CheckOrg(links, org); },
      [&]() -> decltype(auto) { return (links->graph.partners(org)); });
}

int orgnet_links_on(int32_t* out, const orgnet_links* links) {
  return ReturnScalar(out, {{links, "links"}}, [&] { return links->graph.filter().on; });
}

int orgnet_links_neighbours_many(uint32_t** out, uint64_t** out_offsets, size_t* out_count,
                                 const orgnet_links* links, const uint32_t* orgs, size_t count) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {out_offsets, "out_offsets"},
                                  {out_count, "out_count"}, {links, "links"}}))
      return rc;
    if (orgs == nullptr && count > 0) return Invalid("orgs is NULL");
    for (size_t i = 0; i < count; ++i) {
      if (int rc = CheckOrg(links, orgs[i])) {
        return SetError(rc, Cat("orgs[", i, "]: ", orgnet_last_error()));
      }
    }
    const orgnet::NeighbourLists lists = orgnet::NeighboursOfMany(
        links->graph, count == 0 ? absl::Span<const orgnet::Index>()
                                 : absl::MakeConstSpan(orgs, count));
    uint32_t* values = nullptr;
    if (int rc = AllocateCopy(&values, out_count, lists.values)) return rc;
    uint64_t* offsets = nullptr;
    size_t offset_count = 0;
    if (int rc = AllocateCopy(&offsets, &offset_count, lists.offsets)) {
      std::free(values);
      return rc;
    }
    *out = values;
    *out_offsets = offsets;
    return ORGNET_OK;
  });
}

int orgnet_links_neighbours(const uint32_t** out, size_t* out_count, const orgnet_links* links,
                            uint32_t org) {
  return LendArray(
      out, out_count, {{links, "links"}}, [&] { return CheckOrg(links, org); },
      [&]() -> decltype(auto) { return (links->graph.neighbours(org)); });
}

int orgnet_links_degree(uint32_t* out, const orgnet_links* links, uint32_t org) {
  return ReturnScalar(
      out, {{links, "links"}}, [&] { return CheckOrg(links, org); },
      [&] { return links->graph.degree(org); });
}

int orgnet_links_isolated(uint32_t** out, size_t* out_count, const orgnet_links* links) {
  return CopyArray(out, out_count, {{links, "links"}},
                   [&]() -> decltype(auto) { return (links->graph.Isolated()); });
}

int orgnet_links_rollup_isolation(orgnet_isolation** out, size_t* out_count,
                                  const orgnet_links* links, int roll_up) {
  return CopyArray(
      out, out_count, {{links, "links"}}, [&] { return orgnet::capi::CheckRollUp(roll_up); },
      [&]() -> decltype(auto) {
        return (links->graph.Isolation(static_cast<orgnet::RollUp>(roll_up)));
      });
}

int orgnet_links_components(uint32_t** cluster_of, size_t* org_count, uint32_t** sizes,
                            uint32_t** first_org, size_t* cluster_count,
                            const orgnet_links* links) {
  return Guard([&] {
    if (int rc = RequirePointers({{cluster_of, "cluster_of"},
                                  {org_count, "org_count"},
                                  {sizes, "sizes"},
                                  {first_org, "first_org"},
                                  {cluster_count, "cluster_count"},
                                  {links, "links"}})) {
      return rc;
    }
    const orgnet::Clusters c = links->graph.Components();
    uint32_t *a = nullptr, *b = nullptr, *d = nullptr;
    if (int rc = AllocateCopy(&a, nullptr, c.cluster_of)) return rc;
    if (int rc = AllocateCopy(&b, nullptr, c.sizes)) {
      std::free(a);
      return rc;
    }
    if (int rc = AllocateCopy(&d, nullptr, c.first_org)) {
      std::free(a);
      std::free(b);
      return rc;
    }
    *cluster_of = a;
    *org_count = c.cluster_of.size();
    *sizes = b;
    *first_org = d;
    *cluster_count = c.sizes.size();
    return ORGNET_OK;
  });
}

int orgnet_links_articulation_points(uint32_t** out, size_t* out_count, const orgnet_links* links) {
  return CopyArray(out, out_count, {{links, "links"}},
                   [&]() -> decltype(auto) { return (links->graph.ArticulationPoints()); });
}

int orgnet_links_bridges(orgnet_bridge** out, size_t* out_count, const orgnet_links* links) {
  return CopyArray(out, out_count, {{links, "links"}},
                   [&]() -> decltype(auto) { return (links->graph.Bridges()); });
}

int orgnet_links_betweenness(double** out, size_t* out_count, const orgnet_links* links,
                             uint32_t samples, uint64_t seed) {
  return CopyArray(out, out_count, {{links, "links"}}, [&]() -> decltype(auto) {
    return (links->graph.ComputeBetweenness({samples, seed}));
  });
}

int orgnet_links_path(orgnet_path_step** out, size_t* out_count, const orgnet_links* links,
                      uint32_t from, uint32_t to, int leadership) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {out_count, "out_count"}, {links, "links"}}))
      return rc;
    auto path = links->graph.ShortestPath(from, to, leadership != 0);
    if (!path.ok()) return SetError(path.status());
    return AllocateArray(out, out_count, *path, [](const orgnet::PathStep& s) {
      return orgnet_path_step{s.from, s.to, static_cast<int32_t>(s.kind), s.link};
    });
  });
}

int orgnet_links_crossings(uint8_t** flags, size_t* flag_count, orgnet_crossing_counts** by_street,
                           size_t* street_count, orgnet_crossing_counts* total,
                           const orgnet_links* links) {
  return Guard([&] {
    if (int rc = RequirePointers({{flags, "flags"},
                                  {flag_count, "flag_count"},
                                  {by_street, "by_street"},
                                  {street_count, "street_count"},
                                  {total, "total"},
                                  {links, "links"}})) {
      return rc;
    }
    const orgnet::CrossBoundary x = links->graph.Crossings();
    uint8_t* f = nullptr;
    if (int rc = AllocateCopy(&f, nullptr, x.link_flags)) return rc;
    orgnet_crossing_counts* s = nullptr;
    if (int rc = AllocateSameLayout(&s, nullptr, x.by_street)) {
      std::free(f);
      return rc;
    }
    *flags = f;
    *flag_count = x.link_flags.size();
    *by_street = s;
    *street_count = x.by_street.size();
    std::memcpy(total, &x.total, sizeof *total);
    return ORGNET_OK;
  });
}

int orgnet_links_suggest(orgnet_suggestion** out, size_t* out_count, const orgnet_links* links,
                         uint32_t org, size_t limit, const orgnet_suggestion_weights* weights) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {out_count, "out_count"}, {links, "links"}}))
      return rc;
    orgnet::SuggestionWeights w;
    if (weights != nullptr) {
      if (int rc = orgnet::capi::CheckVersion(weights, ORGNET_SUGGESTION_WEIGHTS_VERSION,
                                              "orgnet_suggestion_weights")) {
        return rc;
      }
      w = {weights->same_grid, weights->same_community, weights->common_partner,
           weights->need_resource};
    }
    auto found = links->graph.Suggest(org, limit, w);
    if (!found.ok()) return SetError(found.status());
    return AllocateArray(out, out_count, *found, [](const orgnet::Suggestion& s) {
      return orgnet_suggestion{s.org,        s.common_partners, s.score,
                               s.same_grid,  s.same_community,  s.meets_need,
                               s.needs_offer};
    });
  });
}

int orgnet_matching_compute(orgnet_matching** out, const orgnet_network* network, int scope,
                            const orgnet_link_filter* links) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {network, "network"}})) return rc;
    if (scope < ORGNET_MATCH_LINKED || scope > ORGNET_MATCH_EITHER) {
      return SetError(ORGNET_INVALID_ARGUMENT,
                      Cat("scope ", scope,
                          " is not ORGNET_MATCH_LINKED (0), "
                          "ORGNET_MATCH_SAME_STREET (1) or ORGNET_MATCH_EITHER (2)"));
    }
    orgnet::MatchRules rules;
    rules.scope = static_cast<orgnet::MatchScope>(scope);
    if (int rc = Filter(links, &rules.links)) return rc;
    auto matching = orgnet::Matching::Compute(network->network, rules);
    if (!matching.ok()) return SetError(matching.status());
    *out = new orgnet_matching{*std::move(matching)};
    return ORGNET_OK;
  });
}

void orgnet_matching_free(orgnet_matching* matching) { delete matching; }

int orgnet_matching_totals(int64_t* total, int64_t* needed, int64_t* offered,
                           const orgnet_matching* matching) {
  return Guard([&] {
    if (int rc = RequirePointers({{matching, "matching"}})) return rc;
    if (total != nullptr) *total = matching->matching.total();
    if (needed != nullptr) *needed = matching->matching.needed();
    if (offered != nullptr) *offered = matching->matching.offered();
    return ORGNET_OK;
  });
}

int orgnet_matching_allocations(const orgnet_allocation** out, size_t* out_count,
                                const orgnet_matching* matching) {
  return LendArray(out, out_count, {{matching, "matching"}},
                   [&]() -> decltype(auto) { return (matching->matching.allocations()); });
}

int orgnet_matching_need_met(const int64_t** out, size_t* out_count,
                             const orgnet_matching* matching) {
  return LendArray(out, out_count, {{matching, "matching"}},
                   [&]() -> decltype(auto) { return (matching->matching.need_met()); });
}

int orgnet_matching_resource_used(const int64_t** out, size_t* out_count,
                                  const orgnet_matching* matching) {
  return LendArray(out, out_count, {{matching, "matching"}},
                   [&]() -> decltype(auto) { return (matching->matching.resource_used()); });
}

int orgnet_matching_unmet(uint32_t** out, size_t* out_count, const orgnet_matching* matching) {
  return CopyArray(out, out_count, {{matching, "matching"}},
                   [&]() -> decltype(auto) { return (matching->matching.UnmetNeeds()); });
}

int orgnet_matching_unused(uint32_t** out, size_t* out_count, const orgnet_matching* matching) {
  return CopyArray(out, out_count, {{matching, "matching"}},
                   [&]() -> decltype(auto) { return (matching->matching.UnusedResources()); });
}


}  // extern "C"
