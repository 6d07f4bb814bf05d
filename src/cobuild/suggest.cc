// Link suggestions: candidate partners near an organization, sharing partners, or meeting
// its listed needs, scored by documented weights.
#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "cobuild/link_graph_data.h"
#include "base/date.h"
#include "model/network_impl.h"
#include "base/progress_meter.h"
#include "base/text.h"

namespace orgnet {

absl::StatusOr<std::vector<Suggestion>> LinkGraph::Suggest(Index org, std::size_t limit,
                                                           const SuggestionWeights& weights) const {
  const Network& net = data_->network;
  const Index orgs = net.org_count();
  if (org >= orgs) {
    return absl::OutOfRangeError(
        internal::Cat("org row ", org, " out of range: orgs.csv has ", orgs, " rows"));
  }
  for (double w : {weights.same_grid, weights.same_community, weights.common_partner,
                   weights.need_resource}) {
    if (!std::isfinite(w)) {
      return absl::InvalidArgumentError(internal::Cat(
          "suggestion weights must be finite; got same_grid ", weights.same_grid,
          ", same_community ", weights.same_community, ", common_partner ",
          weights.common_partner, ", need_resource ", weights.need_resource));
    }
  }
  const Territory& t = net.territory();
  // Units: the needs and resources rows scanned, then the candidates scored.
  internal::ProgressMeter meter("suggest", 3);
  absl::flat_hash_map<Index, Suggestion> candidates;
  auto candidate = [&](Index c) -> Suggestion& {
    auto [it, fresh] = candidates.try_emplace(c);
    if (fresh) it->second = Suggestion{c, 0, 0, false, false, false, false};
    return it->second;
  };
  // Nearby: the orgs located in the same community (and, among them, the same grid).
  const Place here = t.org_place(org);
  if (IsRow(here.community)) {
    for (Index c : t.orgs_in(here.community)) {
      Suggestion& s = candidate(c);
      s.same_community = true;
      s.same_grid = IsRow(here.grid) && t.org_place(c).grid == here.grid;
    }
  }
  // Partners of partners.
  for (Index p : data_->Neighbours(org)) {
    for (Index q : data_->Neighbours(p)) ++candidate(q).common_partners;
  }
  // Needs and resources of matching categories, in both directions.
  const auto& impl = internal::ImplOf(net);
  const Index needs = net.rows(Table::kNeeds), resources = net.rows(Table::kResources);
  const auto& need_org = impl.column(Table::kNeeds, col::kListingOrg).refs();
  const auto& need_category = impl.column(Table::kNeeds, col::kListingCategory).texts();
  const auto& resource_org = impl.column(Table::kResources, col::kListingOrg).refs();
  const auto& resource_category = impl.column(Table::kResources, col::kListingCategory).texts();
  if (!meter.Step()) return meter.Cancelled();
  absl::flat_hash_set<std::string_view> needed, offered;
  for (Index r = 0; r < needs; ++r) {
    if (need_org[r] == org) needed.insert(need_category[r]);
  }
  for (Index r = 0; r < resources; ++r) {
    if (resource_org[r] == org) offered.insert(resource_category[r]);
  }
  if (!needed.empty()) {
    for (Index r = 0; r < resources; ++r) {
      if (needed.contains(resource_category[r])) candidate(resource_org[r]).meets_need = true;
    }
  }
  if (!offered.empty()) {
    for (Index r = 0; r < needs; ++r) {
      if (offered.contains(need_category[r])) candidate(need_org[r]).needs_offer = true;
    }
  }
  if (!meter.Step()) return meter.Cancelled();
  const auto current = data_->Neighbours(org);
  std::vector<Suggestion> out;
  for (auto& [c, s] : candidates) {
    if (c == org || std::binary_search(current.begin(), current.end(), c)) continue;
    s.score = weights.same_grid * s.same_grid + weights.same_community * s.same_community +
              weights.common_partner * s.common_partners +
              weights.need_resource * (static_cast<int>(s.meets_need) + s.needs_offer);
    if (s.score > 0) out.push_back(s);
  }
  std::sort(out.begin(), out.end(), [](const Suggestion& x, const Suggestion& y) {
    return x.score != y.score ? x.score > y.score : x.org < y.org;
  });
  if (out.size() > limit) out.resize(limit);
  meter.Add(1);
  if (absl::Status s = meter.Finish(); !s.ok()) return s;
  return out;
}

}  // namespace orgnet
