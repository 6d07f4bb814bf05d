"""The demo report (the README's first command): what a street or district office reads."""

from __future__ import annotations

import collections

from . import OUTSIDE
from ._format import name_lookup, number, table, width
from .cobuild import broker_sampling, links, match
from .coverage import RULES, coverage
from .service import events, haves, reach

__all__ = ["report"]


def _section(title: str) -> str:
    return "\n%s\n%s\n" % (title, "=" * width(title))


def _pct(value) -> str:
    return "-" if value is None else "%.1f%%" % (100 * value)


#: Depths listed one by one in the leadership-tree line; deeper ones are summed.
_DEPTHS_SHOWN = 12


def report(net, path: str, views=None) -> str:
    """The demo report of ``net`` as text; ``views`` names the scoped view it is (the
    ``--view`` arguments), if it is one."""
    out = []
    manifest = net.manifest
    cov = coverage(net)
    out.append("orgnet demo: %s\n" % manifest.get("name", path))
    out.append("dataset %s; rules counted as of %s\n" % (path, cov.as_of))
    if views:
        out.append("scoped view of %s: only its rows are counted; links and places outside it "
                   "show as %s; personal fields masked\n" % (
                       " + ".join("%s:%s" % view for view in views), OUTSIDE))

    counts = net.counts()
    out.append(_section("The network (网络概况)"))
    labels = {"orgs": "party organizations 党组织", "grids": "grids 网格",
              "units": "units 单位", "members": "party members 党员",
              "staff": "grid staff 网格人员", "links": "co-building links 共建关系",
              "needs": "listed needs 需求清单", "resources": "listed resources 资源清单",
              "centres": "service centres 党群服务中心", "events": "grid events 网格事件",
              "funds": "fund entries 经费"}
    out.append(table(["what", "count"], [(labels[k], v) for k, v in counts.items()], [1]))
    out.append("\n")

    # ------------------------------------------------------------------ coverage by street
    streets = cov.table("street")
    out.append(_section("Coverage by street (两个覆盖, 按街道)"))
    out.append("  Rates count %s units; work coverage = organization or instructor/liaison.\n"
               % " and ".join(cov.rules.counted_unit_kinds))
    rows = [(r.name, r.units_counted, _pct(r.org_coverage_rate), _pct(r.separate_org_rate),
             _pct(r.work_coverage_rate), r.units_none, "%d/%d" % (r.grids_managed, r.grids),
             _pct(r.member_registration_rate)) for r in streets]
    totals = cov.table("district") or cov.table("org")[:1]
    if totals:
        t = totals[0]
        rows.append(("total " + t.name, t.units_counted, _pct(t.org_coverage_rate),
                     _pct(t.separate_org_rate), _pct(t.work_coverage_rate), t.units_none,
                     "%d/%d" % (t.grids_managed, t.grids), _pct(t.member_registration_rate)))
    out.append(table(["street", "units", "org cover", "separate", "work cover", "uncovered",
                      "grids staffed", "registered"], rows, [1, 2, 3, 4, 5, 6, 7]))
    out.append("\n")

    # ------------------------------------------------------------------ blind spots
    grids = cov.table("grid")
    community_of = net.grids.column("community")
    orgs = net.orgs
    names = orgs.column("name")
    org_name = name_lookup(orgs, str(OUTSIDE))
    index_of = {gid: i for i, gid in enumerate(net.grids.ids())}
    blind = [g for g in grids if g.units_none > 0 or g.grids_managed == 0]
    blind.sort(key=lambda g: (-g.units_none, g.grids_managed, g.id))
    out.append(_section("Blind-spot grids (死角与空白)"))
    out.append("  %s of %s grids have a counted unit that neither coverage reaches, or no grid "
               "manager. The worst 12:\n" % (number(len(blind)), number(len(grids))))
    shown = []
    for g in blind[:12]:
        community = community_of[index_of[g.id]]
        shown.append((g.id, g.name, org_name(community), g.units_none,
                      "no" if g.grids_managed == 0 else "yes", g.units_counted))
    out.append(table(["grid", "name", "community", "uncovered units", "manager", "units"],
                     shown, [3, 5]))
    out.append("\n")

    # ------------------------------------------------------------------ findings
    found = cov.finding_counts()
    out.append(_section("Findings (问题清单)"))
    out.append(table(["rule", "findings", "source"],
                     [(r.code, found[r.code], r.source) for r in RULES if cov.ran(r.code)],
                     [1]))
    out.append("\n")
    top = sorted((r for r in RULES if found[r.code]), key=lambda r: (-found[r.code], r.index))
    out.append("  Examples from the most frequent rules:\n")
    for rule in top[:5]:
        for f in cov.findings(rule.code)[:2]:
            out.append("  - %s\n" % f.message)
    skipped = [(r.code, cov.skipped(r.code)) for r in RULES if cov.skipped(r.code)]
    if skipped:
        out.append("  Skipped for an unknown date: %s.\n" %
                   "; ".join("%s %s rows" % (code, number(n)) for code, n in skipped))

    # ------------------------------------------------------------------ co-building
    if net.links.present:
        out.append(_cobuild(net))

    # ------------------------------------------------------------------ service reach
    if net.events.present or net.centres.present or net.funds.present:
        out.append(_service(net))

    # ------------------------------------------------------------------ the leadership tree
    h = net.hierarchy
    kinds = orgs.column("kind")
    out.append(_section("The leadership tree (领导关系)"))
    roots = h.roots()
    depths = sorted(collections.Counter(h.depth(i) for i in range(len(orgs))).items())
    shown = ", ".join("%d: %s" % (d, number(n)) for d, n in depths[:_DEPTHS_SHOWN])
    if len(depths) > _DEPTHS_SHOWN:  # a report line stays a line, however deep the tree
        shown += ", ... (%s more depths, %s organizations)" % (
            number(len(depths) - _DEPTHS_SHOWN), number(sum(n for _, n in depths[_DEPTHS_SHOWN:])))
    out.append("  %s root%s (%s); greatest depth %d; organizations by depth: %s\n" % (
        number(len(roots)), "" if len(roots) == 1 else "s",
        ", ".join(orgs[r].name for r in roots[:3]) + (" ..." if len(roots) > 3 else ""),
        h.max_depth, shown))
    by_kind = collections.Counter(kinds)
    out.append("  by kind: %s\n" % ", ".join("%s %s" % (k, number(n)) for k, n in
                                            sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0]))))
    disagreements = cov.disagreements()
    out.append("  %s unit or joint organizations sit in a street but are led from outside it "
               "(条块不一致)%s\n" % (number(len(disagreements)), ", e.g.:" if disagreements else "."))
    def _shown(org_id) -> str:  # a view shows rows outside its scope as such, never by name
        return str(OUTSIDE) if org_id is OUTSIDE else orgs[org_id].name if org_id else "nobody"

    for d in disagreements[:3]:
        out.append("  - %s %s sits in %s, led by %s\n" % (
            d.org, d.name, _shown(d.street), _shown(orgs[d.org]["parent"])))

    t = net.territory
    unknown = [(name, t.unknown(name, "community")) for name in ("orgs", "units", "members",
                                                                  "staff")
               if net.table(name).present and t.unknown(name, "community")]
    if unknown:
        out.append("  Rows without a known community: %s (reported, never guessed).\n" %
                   ", ".join("%s %s" % (name, number(n)) for name, n in unknown))
    if net.warnings:
        out.append(_section("Warnings from the load (%d)" % len(net.warnings)))
        out.extend("  %s\n" % w.text for w in net.warnings[:10])
    cov.close()
    return "".join(out)


def _cobuild(net) -> str:
    """The co-building section: isolated organizations, clusters, brokers, crossings and the
    needs-resources matching, on the links active on the dataset's as_of date."""
    out = []
    orgs = net.orgs
    names = orgs.column("name")
    name = name_lookup(orgs, str(OUTSIDE))
    with links(net) as graph:  # the default date, as `orgnet links` uses
        as_of = graph.on
        out.append(_section("Co-building (共建: 打破壁垒)"))
        rows = graph.rows()
        isolated = graph.isolated()
        out.append("  %s links active on %s (%s distinct pairs) among %s organizations; "
                   "%s organizations (%s) have no link at all.\n" % (
                       number(len(rows)), as_of or "every date", number(graph.pair_count),
                       number(len(orgs)), number(len(isolated)),
                       _pct(len(isolated) / len(orgs) if len(orgs) else None)))
        crossings = graph.crossings()
        by_street = {c.street: c for c in crossings.by_street}
        table_rows = []
        for r in graph.isolation("street"):
            c = by_street.get(r.id)
            table_rows.append((r.name, r.orgs, r.isolated, _pct(r.isolated_share),
                               c.links if c else 0, c.across_streets if c else 0,
                               c.outside_led if c else 0))
        out.append(table(["street", "orgs", "isolated", "share", "links", "across streets",
                          "outside-led"], table_rows, [1, 2, 3, 4, 5, 6]))
        out.append("\n")
        clusters = [c for c in graph.clusters() if c.size > 1]
        out.append("  Clusters of linked organizations: %s; the largest: %s.\n" % (
            number(len(clusters)),
            ", ".join("%s (around %s)" % (number(c.size), name(c.first)) for c in clusters[:3])
            or "none"))
        points = graph.articulation_points()
        out.append("  %s organizations hold their cluster together (articulation points); "
                   "%s links are the only bridge between two sides.\n" % (
                       number(len(points)), number(len(graph.bridges()))))
        samples, how = broker_sampling(len(net.orgs), None, graph.pair_count)
        brokers = graph.brokers(5, samples=samples)
        if brokers:
            out.append("  Top brokers (betweenness%s: shortest connections passing "
                       "through):\n" % ("" if how == "exact" else " " + how))
            out.append(table(["org", "name", "betweenness"],
                             [(i, name(i), round(v, 1)) for i, v in brokers], [2]))
            out.append("\n")
    if net.needs.present and net.resources.present:
        with match(net, scope="either") as m:
            unmet = m.unmet_needs()
            out.append("  Needs-resources matching (三张清单、双向认领; linked or same street): "
                       "%s of %s needed matched (%s); %s needs not fully met.\n" % (
                           number(m.total), number(m.needed),
                           _pct(m.total / m.needed if m.needed else None), number(len(unmet))))
    return "".join(out)


def _day_after_a_year_before(day):
    """The first day of the year that ends on ``day``: the day after the same date a year
    earlier (28 February for 29 February; the first date there is for year 1)."""
    import datetime
    if day.year == 1:
        return datetime.date.min
    try:
        before = day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        before = day.replace(year=day.year - 1, day=28)
    return before + datetime.timedelta(days=1)


def _service(net) -> str:
    """Service reach: the last year's grid events, centre reach and siting, the three haves."""
    import datetime
    out = [_section("Service reach (网格事件, 党群服务中心, 三有)")]
    end = net.default_date  # as_of, else the latest date in the data: never today
    start = _day_after_a_year_before(end)
    stop = None if end == datetime.date.max else end + datetime.timedelta(days=1)
    if net.events.present:
        with events(net, start, stop) as ev:
            out.append("  Grid events reported %s to %s: %s. Resolved in the grid, above it, "
                       "still open; days to resolve (median / 90th percentile):\n" % (
                           start, end, number(ev.counted)))
            rows = [(r.name, r.reported, _pct(r.grid_share), _pct(r.above_share),
                     _pct(r.open_share), "%s / %s" % (r.median_days, r.p90_days),
                     r.backlog[3]) for r in ev.table("street")]
            out.append(table(["street", "events", "in grid", "above", "open", "days",
                              "open 90+ days"], rows, [1, 2, 3, 4, 6]))
            out.append("\n  Hot spots (events per 100 households against the street's rate):\n")
            out.append(table(["grid", "category", "events", "per 100", "street", "score"],
                             [(h.name, h.category, h.events, round(h.rate, 1),
                               round(h.street_rate, 2), round(h.score, 1))
                              for h in ev.hot_spots(5)], [2, 3, 4, 5]))
            out.append("\n")
    if net.centres.present:
        with reach(net) as r:
            [total] = r.table("district") or [None]
            unplaced = r.unplaced("grids")
            if total is not None:
                out.append("  Service centres: %s; households within 1 km of one (the 15-minute "
                           "circle): %s of %s (%s); %s grids have no coordinates and are left "
                           "out, not guessed.\n" % (
                               number(len(net.centres)), number(total.households_reached),
                               number(total.households), _pct(total.household_rate),
                               number(len(unplaced))))
            sites = r.site(3)
            if sites:
                out.append("  Three new centres would reach %s more households: %s.\n" % (
                    number(sum(s.households_added for s in sites)),
                    ", ".join("%s (+%s)" % (s.name, number(s.households_added)) for s in sites)))
    with haves(net) as h:
        rows = h.communities()
        complete = sum(1 for c in rows if c.people and c.money and c.place)
        out.append("  The three haves in %d: %s of %s communities have people, money and a place; "
                   "%s lack people, %s money, %s a place.\n" % (
                       h.year, number(complete), number(len(rows)),
                       number(sum(1 for c in rows if not c.people)),
                       number(sum(1 for c in rows if not c.money)),
                       number(sum(1 for c in rows if not c.place))))
        for f in h.findings()[:3]:
            out.append("  - %s\n" % f.message)
    return "".join(out)
