"""The demo report (the README's first command): what an office reads about its network."""

from __future__ import annotations

import collections

from ._format import number, table, width

__all__ = ["report"]


def _section(title: str) -> str:
    return "\n%s\n%s\n" % (title, "=" * width(title))


def report(net, path: str) -> str:
    """The network summary and hierarchy figures of ``net`` as text."""
    out = []
    manifest = net.manifest
    out.append("orgnet demo: %s\n" % manifest.get("name", path))
    out.append("dataset %s, as of %s\n" % (path, net.as_of or "(no date given)"))

    out.append(_section("The network (网络概况)"))
    counts = net.counts()
    labels = {"orgs": "party organizations 党组织", "grids": "grids 网格",
              "units": "units 单位", "members": "party members 党员",
              "staff": "grid staff 网格人员", "links": "co-building links 共建关系",
              "needs": "listed needs 需求清单", "resources": "listed resources 资源清单",
              "centres": "service centres 党群服务中心", "events": "grid events 网格事件",
              "funds": "fund entries 经费"}
    out.append(table(["what", "count"], [(labels[k], v) for k, v in counts.items()], [1]))
    out.append("\n")

    orgs = net.orgs
    kinds = orgs.column("kind")
    by_kind = collections.Counter(kinds)
    out.append(_section("Organizations by kind (组织类型)"))
    out.append(table(["kind", "count", "share"],
                     [(k, n, "%.1f%%" % (100.0 * n / len(orgs)))
                      for k, n in sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0]))],
                     [1, 2]))
    out.append("\n")

    h = net.hierarchy
    roots = h.roots()
    depths = collections.Counter(h.depth(i) for i in range(len(orgs)))
    out.append(_section("The leadership tree (领导关系)"))
    out.append("  %s root%s: %s; greatest depth %d\n" % (
        number(len(roots)), "" if len(roots) == 1 else "s",
        ", ".join("%s %s" % (r, orgs[r].name) for r in roots[:5]) +
        (" ..." if len(roots) > 5 else ""), h.max_depth))
    out.append(table(["depth", "organizations"], sorted(depths.items()), [0, 1]))
    out.append("\n")

    # Street by street: the "1" (street committee) and its "N".
    t = net.territory
    names = orgs.column("name")
    street_rows = []
    member_street = collections.Counter()
    for m in range(len(net.members)):
        member_street[t.place("members", m).street] += 1
    for s in range(len(orgs)):
        if kinds[s] != "street":
            continue
        sid = orgs.id(s)
        led = h.subtree_size(s) - 1
        communities = len(h.of_kind(s, "community"))
        unit_orgs = sum(1 for o in h.subtree_indexes(s) if kinds[o] in ("unit", "joint"))
        street_rows.append((names[s], communities, led, unit_orgs, len(t.grids_in(s)),
                            len(t.units_in(s)), member_street[sid]))
    out.append(_section("Street by street: the 1 and its N (1+N)"))
    out.append(table(["street committee", "communities", "orgs led", "unit+joint orgs", "grids",
                      "units", "members"], street_rows, [1, 2, 3, 4, 5, 6]))
    out.append("\n")

    # Where the two trees disagree: unit organizations led from outside their street.
    outside = []
    for o in range(len(orgs)):
        if kinds[o] not in ("unit", "joint"):
            continue
        place = t.place("orgs", o)
        if place.street is None:
            continue
        ancestors = h.ancestors(o)
        if place.street not in ancestors:
            leader = h.parent(o)
            outside.append((orgs.id(o), names[o], orgs[place.street].name,
                            orgs[leader].name if leader else "-"))
    out.append(_section("Led from outside the street they sit in (条块不一致)"))
    out.append("  %s unit or joint organizations sit in a street but are led from outside it%s\n"
               % (number(len(outside)), "; the first 8:" if outside else "."))
    if outside:
        out.append(table(["org", "name", "sits in", "led by"], outside[:8]))
        out.append("\n")

    out.append(_section("Places that cannot be worked out (位置不明)"))
    rows = [(name, t.unknown(name, "community"), t.unknown(name, "street"),
             t.unknown(name, "district")) for name in ("orgs", "grids", "units", "members",
                                                       "staff") if net.table(name).present]
    out.append(table(["table", "no community", "no street", "no district"], rows, [1, 2, 3]))
    out.append("\n")
    if net.warnings:
        out.append(_section("Warnings from the load (%d)" % len(net.warnings)))
        out.extend("  %s\n" % w.text for w in net.warnings[:10])
    return "".join(out)
