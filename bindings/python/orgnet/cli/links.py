"""``orgnet links``: the co-building graph: isolation, clusters, brokers, ..."""

from __future__ import annotations

import sys

from ..errors import shown
from .._format import json_default, number
from ..cobuild import EXACT_BETWEENNESS_WORK, SAMPLED_SOURCES
from .._format import name_lookup
from ..errors import Error
from . import _common as common


def register(sub) -> None:
    """Adds the command's parser to ``sub``."""
    p = sub.add_parser("links", help="the co-building graph: isolation, clusters, brokers, ...")
    common.add_dataset(p)
    p.add_argument("--on", type=common.link_date, help="only links active on this date (YYYY-MM-DD; default: the "
                   "dataset's as_of; 'all': every link whatever its dates)")
    p.add_argument("--kind", action="append", help="only links of this kind (repeatable)")
    p.add_argument("--by", choices=common.ROLLUPS_WIDEST_FIRST,
                   default="street", help="the summary's isolation table (default street)")
    common.add_format(p)
    p.add_argument("--samples", type=common.count,
                   help="betweenness from this many sampled sources (0: exact; default: exact "
                        "while orgs x (orgs + linked pairs) is at most {:,}, else {})".format(
                            EXACT_BETWEENNESS_WORK, SAMPLED_SOURCES))
    p.add_argument("--limit", type=common.count, help="rows to show (clusters, suggestions)")
    view = p.add_mutually_exclusive_group()
    view.add_argument("--partners", metavar="ORG", help="every link of ORG")
    view.add_argument("--isolated", action="store_true", help="organizations without a link")
    view.add_argument("--clusters", action="store_true", help="clusters, largest first")
    view.add_argument("--bridges", action="store_true", help="links whose loss splits a cluster")
    view.add_argument("--articulation", action="store_true",
                      help="organizations whose loss splits a cluster")
    view.add_argument("--brokers", type=common.count, metavar="N", help="the N top brokers")
    view.add_argument("--crossings", action="store_true", help="cross-boundary links by street")
    view.add_argument("--path", nargs=2, metavar=("A", "B"), help="the shortest connection")
    view.add_argument("--suggest", metavar="ORG", help="candidate partners for ORG")
    p.add_argument("--leadership", action="store_true",
                   help="with --path: leadership edges count too")
    p.set_defaults(run=run)


def _brokers(graph, top, samples):
    """The top brokers and how they were computed (exact, or sampled on large graphs)."""
    from ..cobuild import broker_sampling
    samples, how = broker_sampling(len(graph.network.orgs), samples, graph.pair_count)
    return graph.brokers(top, samples=samples), how


def run(args) -> int:
    """The co-building graph: a summary, or one view (partners, clusters, paths, ...)."""
    from ..cobuild import CrossingCounts, links
    import dataclasses
    net = common.open_dataset(args.dataset, args.view, args.mapping)
    if net is None:
        return 1
    try:
        graph = links(net, on=args.on, kinds=args.kind)
        common.say_date_used("links", net, args.on, "links active on", graph.on)
        args.on_resolved = graph.on
    except Error as e:
        print(str(e), file=sys.stderr)
        return 2
    with net, graph:
        orgs = net.orgs
        name = name_lookup(orgs)
        for given in [args.partners, args.suggest] + list(args.path or []):
            if given is not None and given not in orgs:  # an unknown ORG: a usage error
                print("no row with id %s in orgs.csv" % shown(given), file=sys.stderr)
                return 2
        try:
            if args.partners:
                rows = [(args.partners, p.org, name(p.org), p.link, p.kind,
                         p.since.isoformat() if p.since else None,
                         p.until.isoformat() if p.until else None)
                        for p in graph.partners(args.partners)]
                common.emit(rows, ["org", "partner", "name", "link", "kind", "since", "until"], [3],
                      args.format)
            elif args.isolated:
                common.emit([(i, name(i)) for i in graph.isolated()], ["id", "name"], [], args.format)
            elif args.clusters:
                rows = [(c.number, c.size, c.first, name(c.first)) for c in graph.clusters()]
                common.emit(rows[:args.limit] if args.limit else rows,
                      ["cluster", "size", "first", "name"], [0, 1], args.format)
            elif args.bridges:
                common.emit([(a, name(a), b, name(b)) for a, b in graph.bridges()],
                      ["a", "a_name", "b", "b_name"], [], args.format)
            elif args.articulation:
                common.emit([(i, name(i)) for i in graph.articulation_points()], ["id", "name"], [],
                      args.format)
            elif args.brokers is not None:
                top, how = _brokers(graph, args.brokers, args.samples)
                if args.format == "table":
                    print("brokers (betweenness, %s):" % how)
                common.emit([(i, name(i), score) for i, score in top], ["id", "name", "betweenness"],
                      [2], args.format)
            elif args.crossings:
                x = graph.crossings()
                fields = [f.name for f in dataclasses.fields(CrossingCounts)]
                rows = [(c.street or "(all)",) + tuple(getattr(c, f) for f in fields[1:])
                        for c in x.by_street + [x.total]]
                common.emit(rows, fields, list(range(2, len(fields))), args.format)
            elif args.path:
                steps = graph.path(args.path[0], args.path[1], leadership=args.leadership)
                rows = [(s.from_org, name(s.from_org), s.kind, s.link_kind, s.link, s.to_org,
                         name(s.to_org)) for s in steps]
                common.emit(rows, ["from", "from_name", "step", "link_kind", "link", "to", "to_name"],
                      [4], args.format)
            elif args.suggest:
                rows = [(s.org, s.name, s.score, s.common_partners, s.same_grid,
                         s.same_community, s.meets_need, s.needs_offer)
                        for s in graph.suggest(args.suggest, args.limit or 10)]
                common.emit(rows, ["id", "name", "score", "common_partners", "same_grid",
                             "same_community", "meets_need", "needs_offer"], [2, 3], args.format)
            else:
                _links_summary(graph, args)
        except Error as e:
            print(str(e), file=sys.stderr)
            return 1
    return 0


def _links_summary(graph, args) -> None:
    import json
    net = graph.network
    orgs = len(net.orgs)
    isolated = graph.isolated()
    clusters = graph.clusters()
    linked = [c for c in clusters if c.size > 1]
    by_place = graph.isolation(args.by)
    crossings = graph.crossings()
    by_street = {c.street: c for c in crossings.by_street}
    brokers, how = _brokers(graph, 10, args.samples)
    points, bridges = graph.articulation_points(), graph.bridges()
    names = net.orgs.column("name")
    if args.format == "json":
        json.dump({"links": len(crossings.links), "pairs": graph.pair_count, "orgs": orgs,
                   "isolated": len(isolated), "cluster_count": len(linked),
                   "clusters": [{"size": c.size, "first": c.first} for c in linked[:10]],
                   "articulation_points": len(points), "bridges": len(bridges),
                   "brokers": [{"id": i, "name": names[net.orgs.index(i)], "score": v}
                               for i, v in brokers],
                   "brokers_method": how,
                   "isolation": [{"id": r.id, "name": r.name, "orgs": r.orgs,
                                  "isolated": r.isolated, "isolated_share": r.isolated_share}
                                 for r in by_place],
                   "crossings": {k: getattr(crossings.total, k) for k in
                                 ("links", "across_communities", "across_streets",
                                  "across_districts", "outside_led", "unplaced")}},
                  sys.stdout, ensure_ascii=False, default=json_default, indent=1)
        sys.stdout.write("\n")
        return
    rows = []
    for r in by_place:
        c = by_street.get(r.id) if args.by == "street" else None
        rows.append((r.id, r.name, r.orgs, r.isolated, r.isolated_share,
                     c.links if c else None, c.across_streets if c else None,
                     c.outside_led if c else None))
    headers = ["id", "name", "orgs", "isolated", "isolated_share", "links", "across_streets",
               "outside_led"]
    if args.format == "csv":
        common.emit(rows, headers, [], "csv")
        return
    print("co-building links (%s): %s links, %s distinct pairs among %s organizations" % (
        common.link_scope(args), number(len(crossings.links)), number(graph.pair_count),
        number(orgs)))
    share = len(isolated) / orgs if orgs else 0
    print("  isolated (no link at all): %s (%.1f%%)" % (number(len(isolated)), 100 * share))
    print("  clusters of two or more: %s; largest: %s" % (
        number(len(linked)), ", ".join(number(c.size) for c in linked[:5]) or "-"))
    print("  articulation points: %s; bridges: %s" % (number(len(points)), number(len(bridges))))
    t = crossings.total
    print("  links across communities %s, streets %s, districts %s; outside-led %s" % (
        number(t.across_communities), number(t.across_streets), number(t.across_districts),
        number(t.outside_led)))
    print()
    print("by %s:" % args.by)
    common.emit(rows, headers, [2, 3, 4, 5, 6, 7], "table")
    print()
    print("top brokers (betweenness, %s):" % how)
    common.emit([(i, names[net.orgs.index(i)], v) for i, v in brokers], ["id", "name", "betweenness"],
          [2], "table")
