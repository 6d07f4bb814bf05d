// Everything a user can ask of a network, written out in a stated order: two networks that
// answer alike have equal fingerprints (live edits and snapshots are tested against loads).
#ifndef ORGNET_TESTS_FINGERPRINT_H_
#define ORGNET_TESTS_FINGERPRINT_H_

#include <cmath>
#include <sstream>
#include <string>

#include "orgnet/centres.h"
#include "orgnet/cobuild.h"
#include "orgnet/coverage.h"
#include "orgnet/events.h"
#include "orgnet/haves.h"
#include "orgnet/matching.h"
#include "orgnet/network.h"

namespace orgnet::testing {

// Everything a user can ask of a network, written out in a stated order.
inline std::string Fingerprint(const Network& net) {
  std::ostringstream out;
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    out << "table " << t << " " << net.has_table(table) << " " << net.rows(table) << "\n";
    for (int c = 0; c < net.column_count(table); ++c) {
      out << " col " << net.column_name(table, c) << " " << net.has_column(table, c) << "\n";
      for (Index r = 0; r < net.rows(table); ++r) out << "  " << net.CellText(table, r, c) << "\n";
    }
    if (GetTableSpec(table).id_column >= 0) {
      for (Index r = 0; r < net.rows(table); ++r) {
        const auto found = net.Find(table, net.id(table, r));
        out << " find " << (found ? static_cast<std::int64_t>(*found) : -1) << "\n";
      }
    }
  }
  const Hierarchy& h = net.hierarchy();
  for (Index v = 0; v < net.org_count(); ++v) {
    out << "org " << static_cast<int>(net.org_kind(v)) << " " << h.parent(v) << " " << h.depth(v)
        << " " << h.subtree_size(v) << " " << h.preorder_position(v) << "\n";
  }
  for (int t = 0; t <= static_cast<int>(Table::kStaff); ++t) {
    for (Index r = 0; r < net.rows(static_cast<Table>(t)); ++r) {
      const Place p = net.territory().place(static_cast<Table>(t), r);
      out << "place " << p.grid << " " << p.community << " " << p.street << " " << p.district
          << "\n";
    }
    for (int level = 1; level <= 3; ++level) {
      out << "unknown " << net.territory().unknown().count(static_cast<Table>(t),
                                                              static_cast<RollUp>(level))
          << "\n";
    }
  }
  // The territory's listings (what is located in each community, street and district).
  for (Index v = 0; v < net.org_count(); ++v) {
    const Territory& t = net.territory();
    out << "in " << v;
    for (Index g : t.grids_in(v)) out << " g" << g;
    for (Index u : t.units_in(v)) out << " u" << u;
    for (Index o : t.orgs_in(v)) out << " o" << o;
    for (Index s : t.staff_in(v)) out << " s" << s;
    out << "\n";
  }
  auto coverage = CoverageReport::Compute(net);
  out << "coverage " << coverage.ok() << "\n";
  if (coverage.ok()) {
    for (int roll = 0; roll < kRollUpCount; ++roll) {
      const auto r = static_cast<RollUp>(roll);
      for (Index row : coverage->rows(r)) out << " row " << row;
      for (int c = 0; c < kCounterCount; ++c) {
        for (auto v : coverage->counter(r, static_cast<Counter>(c))) out << " " << v;
      }
      for (int c = 0; c < kRateCount; ++c) {
        for (double v : coverage->rate(r, static_cast<Rate>(c))) out << " " << (std::isnan(v) ? -1 : v);
      }
      out << "\n";
    }
    for (const Finding& f : coverage->findings()) out << coverage->Describe(f) << "\n";
  }
  auto links = LinkGraph::Build(net);
  if (links.ok()) {
    for (Index v : links->Isolated()) out << " iso " << v;
    for (Index c : links->Components().cluster_of) out << " c " << c;
    for (Index v : links->ArticulationPoints()) out << " ap " << v;
    for (double b : links->Betweenness()) out << " b " << b;
    out << "\n";
  }
  auto matching = Matching::Compute(net);
  if (matching.ok()) {
    for (const Allocation& a : matching->allocations()) {
      out << " m " << a.need << " " << a.resource << " " << a.amount;
    }
    out << "\n";
  }
  auto events = EventReport::Compute(net);
  if (events.ok()) {
    for (int roll = 0; roll <= static_cast<int>(RollUp::kDistrict); ++roll) {
      auto rows = events->Totals(static_cast<RollUp>(roll));
      if (!rows.ok()) continue;
      for (const EventRow& e : *rows) {
        out << " e " << e.place << " " << e.stats.reported << " " << e.stats.open << " "
            << e.stats.median_days;
      }
    }
    out << "\n";
  }
  auto reach = CentreReach::Compute(net);
  if (reach.ok()) {
    for (const GridReach& g : reach->grids()) out << " g " << g.nearest << " " << g.reached;
    out << "\n";
  }
  auto haves = ThreeHaves::Compute(net);
  if (haves.ok()) {
    for (const CommunityHaves& c : haves->communities()) {
      out << " h " << c.community << " " << c.people << c.money << c.place << " "
          << c.funds.total();
    }
    out << "\n";
  }
  return out.str();
}

// The first line where two fingerprints differ, for a readable failure.
inline std::string FirstDifference(const std::string& a, const std::string& b) {
  std::istringstream x(a), y(b);
  std::string lx, ly;
  for (int line = 1;; ++line) {
    const bool gx = static_cast<bool>(std::getline(x, lx)), gy = static_cast<bool>(std::getline(y, ly));
    if (!gx && !gy) return "";
    if (lx != ly || gx != gy) return "line " + std::to_string(line) + ": " + lx + " | " + ly;
  }
}

}  // namespace orgnet::testing

#endif  // ORGNET_TESTS_FINGERPRINT_H_
