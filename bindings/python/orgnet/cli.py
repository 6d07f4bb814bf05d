"""The ``orgnet`` command line: check, tree, generate, coverage, findings, links, match, events,
centres, haves, edit, snapshot, demo. Every DATASET is a dataset folder or a snapshot file
(``orgnet snapshot`` writes one; it opens in milliseconds).

    python3 -m orgnet check DATASET
    python3 -m orgnet tree DATASET [ORG] [--depth N]
    python3 -m orgnet generate {district,city,national} OUT [--seed S] [--fraction F]
    python3 -m orgnet coverage DATASET [--by district|street|community|grid|org]
                                       [--as-of DATE] [--format table|csv|json]
    python3 -m orgnet findings DATASET [--rule CODE] [--as-of DATE] [--format ...] [--limit N]
    python3 -m orgnet links DATASET [--on DATE] [--kind K]... [--by LEVEL] [--format ...]
                                    [--partners ORG | --isolated | --clusters | --bridges |
                                     --articulation | --brokers N | --crossings |
                                     --path A B [--leadership] | --suggest ORG [--limit N]]
    python3 -m orgnet match DATASET [--scope linked|same_street|either] [--on DATE]
                                    [--kind K]... [--format ...] [--limit N]
    python3 -m orgnet events DATASET [--from DATE] [--to DATE] [--as-of DATE] [--by LEVEL]
                                     [--per total|category|month] [--hot-spots [N]] [--format ...]
    python3 -m orgnet centres DATASET [--radius M] [--by LEVEL] [--site K] [--functions]
                                      [--format ...]
    python3 -m orgnet haves DATASET [--year Y] [--radius M] [--by street|district] [--format ...]
    python3 -m orgnet edit DATASET BATCH.jsonl [-o OUT]
    python3 -m orgnet snapshot DATASET OUT
    python3 -m orgnet report DATASET -o report.html [--since OLD_DATASET]
    python3 -m orgnet export DATASET --format geojson|graphml|dot|json|csv|xlsx -o OUT
                             [--graph links|tree] [--lang zh] [--excel]
    python3 -m orgnet diff OLD NEW [--format table|csv|json] [--limit N]
    python3 -m orgnet demo [DATASET]
    python3 -m orgnet --version

Every command takes -o/--output FILE: its results go to FILE (written whole, then renamed into
place) instead of stdout; for generate and snapshot it names the output in place of OUT, for
edit the folder the edited dataset is saved to. Dated commands say on stderr which date they
used. Exit codes: 0 done, 1 the dataset cannot be read or is invalid, 2 a usage error. On a
terminal, work that runs over a second shows its progress on stderr; Ctrl-C stops it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from ._capi_gen import ORGNET_DEFAULT_REACH_METRES as DEFAULT_REACH_METRES
from ._capi_gen import EventTable, MatchScope, RollUp
from ._args import shown
from ._format import json_default, number, table
from ._limits import EXACT_BETWEENNESS_WORK, SAMPLED_SOURCES
from ._outside import name_lookup
from .errors import Error, LoadError

#: The roll-ups as the command line offers them: the territory's levels widest first, then the
#: leadership tree.
_ROLLUPS_WIDEST_FIRST = [r.label for r in sorted(RollUp, key=lambda r: (r == RollUp.ORG, -r))]
_TERRITORIAL = [r for r in _ROLLUPS_WIDEST_FIRST if r != RollUp.ORG.label]

__all__ = ["main"]

_HERE = os.path.dirname(os.path.abspath(__file__))
#: The bundled demo dataset, in the source tree.
BUNDLED = os.path.normpath(os.path.join(_HERE, "..", "..", "..", "examples", "district"))


def _load(path: str, max_errors: int = 20, views=None):
    """A dataset folder (loaded and checked) or a snapshot file (opened, verified); with
    ``views`` (from ``--view``), the scoped view of their union (personal fields masked)."""
    from .network import Network
    if os.path.isfile(path):
        net = Network.open(path)
    else:
        net = Network.load(path, max_errors=max_errors)
    if not views:
        return net
    with net:
        return net.scope(orgs=[v for k, v in views if k == "org"],
                         places=[v for k, v in views if k == "place"])


def _open(path: str, views=None):
    """The network at ``path`` (scoped by ``views``), or None after printing why it cannot be
    loaded or scoped."""
    try:
        return _load(path, views=views)
    except Error as e:
        print(str(e), file=sys.stderr)
        return None


def _view_argument(text: str):
    """``org:ID`` or ``place:ID`` (an argparse type for ``--view``)."""
    kind, sep, value = text.partition(":")
    if not sep or kind not in ("org", "place") or not value:
        raise argparse.ArgumentTypeError(
            "expected org:ID or place:ID (a grid, or a district, street or community); got %r"
            % text)
    return kind, value


def _add_view(parser) -> None:
    parser.add_argument(
        "--view", action="append", type=_view_argument, metavar="org:ID|place:ID",
        help="answer within a scoped view (repeatable: the union): an organization's subtree "
             "and territory, or everything located in a place; personal fields masked "
             "(docs/permission.md)")


def _print_diagnostics(title: str, diagnostics, total: int, limit: int, out) -> None:
    if not diagnostics:
        return
    print("%s (%s%s):" % (title, number(total),
                          ", first %d shown" % limit if total > limit else ""), file=out)
    for d in diagnostics[:limit]:
        print("  " + d.text, file=out)


def cmd_check(args) -> int:
    """Validates a dataset: counts, then the first errors or warnings."""
    started = time.perf_counter()
    try:
        net = _load(args.dataset, args.max_errors, args.view)
    except LoadError as e:
        print("%s: INVALID (%s error%s%s)" % (args.dataset, number(len(e.errors)),
                                              "" if len(e.errors) == 1 else "s",
                                              ", stopped looking" if e.truncated else ""))
        _print_diagnostics("errors", e.errors, len(e.errors), args.max_errors, sys.stdout)
        _print_diagnostics("warnings", e.warnings, len(e.warnings), 10, sys.stdout)
        return 1
    except Error as e:
        print("%s: %s" % (args.dataset, e))
        return 1
    seconds = time.perf_counter() - started
    with net:
        print("%s: OK (%s in %.2f s)" % (
            args.dataset, "snapshot opened and verified" if os.path.isfile(args.dataset)
            else "loaded and checked", seconds))
        rows = [(name, len(net.table(name)), ", ".join(
            c for c in net.table(name).columns if net.table(name).has_column(c)))
            for name, _ in net.counts().items()]
        print(table(["file", "rows", "columns"], [(n + ".csv", r, c) for n, r, c in rows], [1]))
        h = net.hierarchy
        roots = h.roots()
        print("leadership: %s root%s, greatest depth %s" % (
            number(len(roots)), "" if len(roots) == 1 else "s",
            number(h.max_depth)))
        t = net.territory
        unknown = [(name, t.unknown(name, "community"), t.unknown(name, "street"),
                    t.unknown(name, "district"))
                   for name in ("orgs", "grids", "units", "members", "staff")
                   if net.table(name).present]
        print("rows whose place is unknown:")
        print(table(["table", "community", "street", "district"], unknown, [1, 2, 3]))
        _print_diagnostics("warnings", net.warnings, len(net.warnings), 10, sys.stdout)
    return 0


#: Levels of indentation the tree outline shows before it writes depths as numbers.
_MAX_INDENT = 32


def cmd_tree(args) -> int:
    """Prints the leadership tree (or one subtree) as an indented outline with names."""
    net = _open(args.dataset, args.view)
    if net is None:
        return 1
    with net:
        h, orgs = net.hierarchy, net.orgs
        names, kinds = orgs.column("name"), orgs.column("kind")
        try:
            starts = [orgs.index(args.org)] if args.org else [orgs.index(r) for r in h.roots()]
        except Error as e:  # an unknown ORG: a usage error
            print(str(e), file=sys.stderr)
            return 2
        out = []
        for start in starts:
            base = h.depth(start)
            for index in h.subtree_indexes(start):
                depth = h.depth(index) - base
                if args.depth is not None and depth > args.depth:
                    continue
                # Indentation stops at _MAX_INDENT levels (a million-deep chain would
                # otherwise print 10^12 spaces); deeper lines say their depth.
                indent = "  " * min(depth, _MAX_INDENT)
                if depth > _MAX_INDENT:
                    indent += "(depth %d) " % depth
                out.append("%s%s %s [%s]" % (indent, orgs.id(index), names[index],
                                             kinds[index]))
                if len(out) >= 4096:
                    sys.stdout.write("\n".join(out) + "\n")
                    out = []
        sys.stdout.write("\n".join(out) + ("\n" if out else ""))
    return 0


def cmd_generate(args) -> int:
    """Writes a generated dataset."""
    from .generate import generate
    started = time.perf_counter()
    counts = generate(args.out, args.scale, seed=args.seed, fraction=args.fraction,
                      progress=lambda what: print("  writing %s..." % what, file=sys.stderr))
    print(table(["file", "rows"], sorted(counts.items()), [1]))
    print("%s dataset written to %s in %.1f s" % (args.scale, args.out,
                                                  time.perf_counter() - started))
    return 0


def _as_of(text):
    import datetime
    return datetime.date.fromisoformat(text) if text else None


def _date_text(text: str) -> str:
    """An argparse type for date options: YYYY-MM-DD (kept as text), else a usage error."""
    import datetime
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("%r is not a date YYYY-MM-DD" % text) from None
    return text


def _link_date(text: str) -> str:
    """--on: a date, or "all" (every link whatever its dates)."""
    return text if text == "all" else _date_text(text)


def _emit(rows, headers, numeric, fmt, out=None):
    """Writes rows as an aligned table, CSV or JSON (a list of objects), with the share
    convention of docs/output.md: in CSV and JSON a share is a fraction in [0, 1] written with
    the shortest digits that read back to the same double, and empty (CSV) or null (JSON) when
    its denominator is 0; percentages only in the aligned table. ``--lang zh`` gives Chinese
    headers to CSV and tables (JSON keys stay the English names programs read), ``--excel`` a
    UTF-8 byte-order mark and CRLF line ends in CSV."""
    import csv
    import json
    from ._columns import header, short_header
    from ._format import cell, json_value, spreadsheet_text
    out = out or sys.stdout
    names = [header(h, _OUTPUT["lang"]) for h in headers]
    if fmt == "csv":
        # CSV for Excel is read by a spreadsheet: text it would evaluate gets a leading '.
        neutral = spreadsheet_text if _OUTPUT["excel"] and not _OUTPUT["raw_cells"] else None
        if _OUTPUT["excel"]:
            out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\r\n" if _OUTPUT["excel"] else "\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow([cell(neutral(v) if neutral else v) for v in row])
    elif fmt == "json":
        json.dump([dict(zip(headers, (json_value(v) for v in row))) for row in rows], out,
                  ensure_ascii=False, default=json_default, indent=1)
        out.write("\n")
    else:
        shown = [[_shown(h, v) for h, v in zip(headers, row)] for row in rows]
        labels = names if _OUTPUT["lang"] == "zh" else [short_header(h) for h in headers]
        out.write(table(labels, shown, numeric) + "\n")


def _shown(name: str, value):
    """A cell of a table for people: shares as percentages, other fractions to two places."""
    import math
    if not isinstance(value, float):
        return value
    if math.isnan(value):
        return None
    from ._columns import is_share
    if is_share(name):
        return "%.1f%%" % (100 * value)
    return "%.2f" % value


#: Output options every command shares (set from --lang and --excel by main()).
_OUTPUT = {"lang": "en", "excel": False, "raw_cells": False}




_COVERAGE_COLUMNS = ["id", "name", "units_counted", "units_own", "units_joint", "units_work",
                     "units_none", "org_coverage_rate", "separate_org_rate", "work_coverage_rate",
                     "grids", "grids_managed", "managers_per_grid", "members",
                     "member_attachment_rate", "member_registration_rate"]


def cmd_coverage(args) -> int:
    """Coverage figures per grid, community, street, district or organization subtree."""
    from .coverage import COUNTERS, RATES, coverage
    net = _open(args.dataset, args.view)
    if net is None:
        return 1
    with net, coverage(net, as_of=_as_of(args.as_of)) as cov:
        _date_used("coverage", net, args.as_of, "date rules counted as of", cov.as_of)
        cols = cov.columns(args.by)
        headers = (["id", "name"] + list(COUNTERS) + list(RATES)) if args.format != "table" \
            else _COVERAGE_COLUMNS
        rows = list(zip(*(cols[h] for h in headers)))
        if args.format == "table":
            print("coverage by %s, as of %s (%d rows; rates over counted units: %s)" % (
                args.by, cov.as_of, len(rows), ", ".join(cov.rules.counted_unit_kinds)))
        _emit(rows, headers, set(range(2, len(headers))), args.format)
    return 0


def cmd_findings(args) -> int:
    """The findings of the coverage rules, one per line (or CSV / JSON)."""
    from .coverage import RULES, coverage
    net = _open(args.dataset, args.view)
    if net is None:
        return 1
    with net, coverage(net, as_of=_as_of(args.as_of)) as cov:
        _date_used("findings", net, args.as_of, "date rules counted as of", cov.as_of)
        try:
            found = cov.findings(args.rule)
        except Error as e:
            print("%s; rules: %s" % (e, ", ".join(r.code for r in RULES)), file=sys.stderr)
            return 2
        if args.limit is not None:
            found = found[:args.limit]
        headers = ["rule", "table", "id", "value", "limit", "message"]
        rows = [(f.rule, f.table, f.id, f.value, f.limit, f.message) for f in found]
        if args.format == "table":
            counts = cov.finding_counts()
            print("findings as of %s:" % cov.as_of)
            _emit([(r.code, counts[r.code] if cov.ran(r.code) else "not run",
                    cov.skipped(r.code) or "", r.source) for r in RULES
                   if args.rule in (None, r.code)],
                  ["rule", "findings", "skipped (no date)", "source"], [1, 2], "table")
            print()
            for f in found:
                print("  [%s] %s" % (f.rule, f.message))
        else:
            _emit(rows, headers, [3, 4], args.format)
    return 0


def _brokers(graph, top, samples):
    """The top brokers and how they were computed (exact, or sampled on large graphs)."""
    from .cobuild import broker_sampling
    samples, how = broker_sampling(len(graph.network.orgs), samples, graph.pair_count)
    return graph.brokers(top, samples=samples), how


def _link_scope(args) -> str:
    on = getattr(args, "on_resolved", None)
    when = "active on %s" % on if on else "every date"
    kinds = ", ".join(args.kind) if args.kind else "all kinds"
    return "%s; %s" % (when, kinds)


def _date_used(command: str, net, given, what: str, day) -> None:
    """Says on stderr which date a command used (issue 14: one default date), so that a CSV or
    JSON on stdout stays data alone."""
    if given:
        source = "given"
    elif net.as_of is not None:
        source = "the dataset's as_of"
    else:
        source = "the dataset has no as_of: %s" % (
            "every link counts" if day is None else "the latest date in the data")
    print("orgnet %s: %s %s (%s)" % (command, what, day if day is not None else "every date",
                                      source), file=sys.stderr)


def cmd_links(args) -> int:
    """The co-building graph: a summary, or one view (partners, clusters, paths, ...)."""
    from .cobuild import CrossingCounts, links
    from ._results import field_names
    net = _open(args.dataset, args.view)
    if net is None:
        return 1
    try:
        graph = links(net, on=args.on, kinds=args.kind)
        _date_used("links", net, args.on, "links active on", graph.on)
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
                _emit(rows, ["org", "partner", "name", "link", "kind", "since", "until"], [3],
                      args.format)
            elif args.isolated:
                _emit([(i, name(i)) for i in graph.isolated()], ["id", "name"], [], args.format)
            elif args.clusters:
                rows = [(c.number, c.size, c.first, name(c.first)) for c in graph.clusters()]
                _emit(rows[:args.limit] if args.limit else rows,
                      ["cluster", "size", "first", "name"], [0, 1], args.format)
            elif args.bridges:
                _emit([(a, name(a), b, name(b)) for a, b in graph.bridges()],
                      ["a", "a_name", "b", "b_name"], [], args.format)
            elif args.articulation:
                _emit([(i, name(i)) for i in graph.articulation_points()], ["id", "name"], [],
                      args.format)
            elif args.brokers is not None:
                top, how = _brokers(graph, args.brokers, args.samples)
                if args.format == "table":
                    print("brokers (betweenness, %s):" % how)
                _emit([(i, name(i), score) for i, score in top], ["id", "name", "betweenness"],
                      [2], args.format)
            elif args.crossings:
                x = graph.crossings()
                fields = field_names(CrossingCounts)
                rows = [(c.street or "(all)",) + tuple(getattr(c, f) for f in fields[1:])
                        for c in x.by_street + [x.total]]
                _emit(rows, fields, list(range(2, len(fields))), args.format)
            elif args.path:
                steps = graph.path(args.path[0], args.path[1], leadership=args.leadership)
                rows = [(s.from_org, name(s.from_org), s.kind, s.link_kind, s.link, s.to_org,
                         name(s.to_org)) for s in steps]
                _emit(rows, ["from", "from_name", "step", "link_kind", "link", "to", "to_name"],
                      [4], args.format)
            elif args.suggest:
                rows = [(s.org, s.name, s.score, s.common_partners, s.same_grid,
                         s.same_community, s.meets_need, s.needs_offer)
                        for s in graph.suggest(args.suggest, args.limit or 10)]
                _emit(rows, ["id", "name", "score", "common_partners", "same_grid",
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
        _emit(rows, headers, [], "csv")
        return
    print("co-building links (%s): %s links, %s distinct pairs among %s organizations" % (
        _link_scope(args), number(len(crossings.links)), number(graph.pair_count),
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
    _emit(rows, headers, [2, 3, 4, 5, 6, 7], "table")
    print()
    print("top brokers (betweenness, %s):" % how)
    _emit([(i, names[net.orgs.index(i)], v) for i, v in brokers], ["id", "name", "betweenness"],
          [2], "table")


def cmd_match(args) -> int:
    """Needs–resources matching: the allocation, totals and unmet needs."""
    import json
    from .cobuild import links, match
    net = _open(args.dataset, args.view)
    if net is None:
        return 1
    try:
        m = match(net, scope=args.scope, on=args.on, kinds=args.kind)
        with links(net, on=args.on, kinds=args.kind) as resolved:
            _date_used("match", net, args.on, "links active on", resolved.on)
            args.on_resolved = resolved.on
    except Error as e:
        print(str(e), file=sys.stderr)
        return 2
    with net, m:
        rows = m.allocations()
        org_name = name_lookup(net.orgs)
        total, needed, offered = m.total, m.needed, m.offered
        if args.format == "json":
            json.dump({"scope": args.scope, "total": total, "needed": needed, "offered": offered,
                       "allocations": [a.__dict__ for a in rows],
                       "unmet_needs": [{"need": n, "missing": k} for n, k in m.unmet_needs()],
                       "unused_resources": [{"resource": r, "left": k}
                                            for r, k in m.unused_resources()]},
                      sys.stdout, ensure_ascii=False, default=json_default, indent=1)
            sys.stdout.write("\n")
            return 0
        headers = ["need", "need_org", "need_org_name", "resource", "resource_org",
                   "resource_org_name", "category", "amount"]
        out = [(a.need, a.need_org, org_name(a.need_org), a.resource, a.resource_org,
                org_name(a.resource_org), a.category, a.amount) for a in rows]
        if args.format == "csv":
            _emit(out, headers, [7], "csv")
            return 0
        print("needs-resources matching (scope %s; links: %s)" % (args.scope, _link_scope(args)))
        print("  matched %s of %s needed (%.1f%%); %s offered; %s allocation rows" % (
            number(total), number(needed), 100 * total / needed if needed else 0,
            number(offered), number(len(rows))))
        limit = args.limit if args.limit is not None else 20
        print()
        _emit([(a.need, org_name(a.need_org), a.resource, org_name(a.resource_org), a.category,
                a.amount) for a in rows[:limit]],
              ["need", "needed by", "resource", "offered by", "category", "amount"], [5],
              "table")
        if len(rows) > limit:
            print("  ... %s more (--limit N, or --format csv for all)" % number(len(rows) - limit))
        unmet = {}
        category = net.needs.column("category")
        for need, missing in m.unmet_needs():
            key = category[net.needs.index(need)]
            unmet[key] = unmet.get(key, 0) + missing
        if unmet:
            print()
            print("unmet by category:")
            _emit(sorted(unmet.items(), key=lambda kv: -kv[1]), ["category", "missing"], [1],
                  "table")
    return 0


def cmd_events(args) -> int:
    """Grid events per place (or per place and category or month), or the hot spots."""
    from .service import events
    net = _open(args.dataset, args.view)
    if net is None:
        return 1
    try:
        ev = events(net, args.from_, args.to, args.as_of)
        _date_used("events", net, args.as_of, "open events aged to", ev.as_of)
    except Error as e:
        print(str(e), file=sys.stderr)
        return 2
    with net, ev:
        if args.hot_spots is not None:
            rows = [(h.grid, h.name, h.category, h.events, h.households, h.rate, h.street_rate,
                     h.score) for h in ev.hot_spots(args.hot_spots)]
            if args.format == "table":
                print("hot spots: events per 100 households against the street's rate "
                      "(at least 3 events)")
            _emit(rows, ["grid", "name", "category", "events", "households",
                         "events_per_100_households", "street_events_per_100_households",
                         "score"], [3, 4, 5, 6, 7], args.format)
            return 0
        rows = ev.table(args.by, args.per)
        b = ev.backlog_days
        backlog = ["open_under_%d" % b[0], "open_under_%d" % b[1], "open_under_%d" % b[2],
                   "open_%d_plus" % b[2]]
        headers = ["id", "name"] + (["category"] if args.per == "category" else []) + \
            (["month"] if args.per == "month" else []) + \
            ["reported", "grid_share", "above_share", "open_share", "median_days", "p90_days"] + backlog
        out = [(r.id, r.name) + ((r.category,) if args.per == "category" else ()) +
               ((r.month,) if args.per == "month" else ()) +
               (r.reported, r.grid_share, r.above_share, r.open_share, r.median_days, r.p90_days) + tuple(r.backlog)
               for r in rows]
        if args.format == "table":
            print("grid events reported %s to %s (%s counted, %s outside); open ones aged to %s"
                  % (args.from_ or "the first", args.to or "the last", number(ev.counted),
                     number(ev.outside_window), ev.as_of))
        first = headers.index("reported")
        _emit(out, headers, list(range(first, len(headers))), args.format)
    return 0


def cmd_centres(args) -> int:
    """Service-centre reach per place, the functions communities reach, or siting."""
    from .service import reach
    net = _open(args.dataset, args.view)
    if net is None:
        return 1
    try:
        r = reach(net, args.radius)
    except Error as e:
        print(str(e), file=sys.stderr)
        return 2
    with net, r:
        if args.site is not None:
            rows = [(i + 1, s.grid, s.name, s.households_added, s.grids_added)
                    for i, s in enumerate(r.site(args.site))]
            if args.format == "table":
                print("new centres reaching the most unreached households within %s m (greedy; "
                      "at least 63%% of the best possible):" % ("%g" % args.radius))
            _emit(rows, ["rank", "grid", "name", "households_added", "grids_added"], [0, 3, 4],
                  args.format)
            return 0
        if args.functions:
            orgs = net.orgs
            names = orgs.column("name")
            communities = [row.id for row in r.table("community")]
            rows = [(c, names[orgs.index(c)] or "", ";".join(r.functions(c)))
                    for c in communities]
            _emit(rows, ["community", "name", "functions"], [], args.format)
            return 0
        rows = [(x.id, x.name, x.grids, x.grids_placed, x.grids_reached, x.households,
                 x.households_reached, x.household_rate, x.households_unplaced,
                 x.units, x.units_reached) for x in r.table(args.by)]
        if args.format == "table":
            unplaced = r.unplaced("grids")
            print("service centres within %s m, by %s (%s grids without coordinates: reported, "
                  "not guessed)" % ("%g" % args.radius, args.by, number(len(unplaced))))
        _emit(rows, ["id", "name", "grids", "grids_placed", "grids_reached", "households",
                     "households_reached", "household_rate", "households_unplaced", "units",
                     "units_reached"], list(range(2, 11)), args.format)
    return 0


def cmd_haves(args) -> int:
    """The three haves of every community, the findings, and the counts per street."""
    import json
    from .service import haves
    net = _open(args.dataset, args.view)
    if net is None:
        return 1
    try:
        h = haves(net, args.year or 0, args.radius)
        _date_used("haves", net, args.year, "funds of the year", h.year)
    except Error as e:
        print(str(e), file=sys.stderr)
        return 2
    with net, h:
        communities = h.communities()
        findings = h.findings()
        by = h.table(args.by)
        if args.format == "json":
            json.dump({"year": h.year, "communities": [c.record() for c in communities],
                       "findings": [f.__dict__ for f in findings],
                       "by_" + args.by: [r.record() for r in by]},
                      sys.stdout, ensure_ascii=False, default=json_default, indent=1)
            sys.stdout.write("\n")
            return 0
        if args.format == "csv":
            rows = [(c.id, c.name, c.grids, c.grids_managed, c.grids_managed_share, int(c.people),
                     c.funds, int(c.money), int(c.place)) for c in communities]
            _emit(rows, ["id", "name", "grids", "grids_managed", "grids_managed_share", "people",
                         "funds", "money", "place"], [], "csv")
            return 0
        yes = lambda flag: "yes" if flag else "NO"
        print("the three haves (三有) of %s communities in %d: people, money, a place (%s m)" % (
            number(len(communities)), h.year, "%g" % args.radius))
        _emit([(r.name, r.communities, r.with_people, r.with_money, r.with_place, r.with_all,
                r.dues + r.fiscal + r.sponsor + r.other) for r in by],
              ["street" if args.by == "street" else "district", "communities", "people", "money",
               "place", "all three", "funds (yuan)"], [1, 2, 3, 4, 5, 6], "table")
        print()
        print("findings (%s):" % number(len(findings)))
        for f in findings[:args.limit]:
            print("  [%s] %s" % (f.rule, f.message))
        if len(findings) > args.limit:
            print("  ... %s more (--limit N)" % number(len(findings) - args.limit))
    return 0


def cmd_report(args) -> int:
    """The HTML report of a dataset (or a scoped view) for a district or street office."""
    import time as _time
    from .report import write_report
    started = _time.perf_counter()
    net = _open(args.dataset, args.view)
    if net is None:
        return 1
    since = None
    if args.since:
        since = _open(args.since, args.view)
        if since is None:
            net.close()
            return 1
    try:
        size = write_report(net, args.out, args.dataset, since, args.since or "", args.view)
    finally:
        net.close()
        if since is not None:
            since.close()
    print("orgnet report: wrote %s (%s bytes) in %.1f s" % (
        args.out, number(size), _time.perf_counter() - started), file=sys.stderr)
    return 0


def cmd_export(args) -> int:
    """The dataset for another system: GeoJSON, GraphML, DOT, node-link JSON, CSV or xlsx."""
    from .export import OutputWarning, export
    net = _open(args.dataset, args.view)
    if net is None:
        return 1
    with net:
        try:
            import warnings
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", OutputWarning)
                export(net, args.format, args.out, graph=args.graph, radius=args.radius,
                       lang=args.lang, excel=args.excel, raw_cells=args.raw_cells)
            for warning in caught:
                print("orgnet export: warning: %s" % warning.message, file=sys.stderr)
        except ImportError as e:
            print("orgnet export: %s" % e, file=sys.stderr)
            return 1
    print("orgnet export: wrote %s (%s)" % (args.out, args.format), file=sys.stderr)
    return 0


def cmd_demo(args) -> int:
    """The main job: a readable summary of the bundled district's network."""
    from .demo import report
    path = args.dataset or BUNDLED
    net = _open(path, args.view)
    if net is None:
        return 1
    with net:
        sys.stdout.write(report(net, path, args.view))
        if args.report != "":
            from .report import write_report
            target = args.report or _demo_report_path()
            write_report(net, target, path, views=args.view)
            print("\nThe HTML report of this network (charts, blind-spot map, findings; opens "
                  "offline, prints on A4) is in %s." % target)
    return 0


def _demo_report_path() -> str:
    """build/demo-report.html in the source tree when there is one, else in the current
    folder."""
    build = os.path.normpath(os.path.join(BUNDLED, "..", "..", "build"))
    return os.path.join(build if os.path.isdir(build) else os.getcwd(), "demo-report.html")


def diff_records(d, cov):
    """The diff as one long table (the CSV form, one row per fact): rows added, removed and
    changed per table; every table's counts; every rate and finding count per district and
    street (before, after, delta: shares as fractions, None over nothing); units that moved."""
    from .diff import key_text
    records = []
    for t in d.tables():
        for name, value in (("added", len(t.added)), ("removed", len(t.removed)),
                            ("changed", len(t.changed)), ("unchanged", t.unchanged),
                            ("duplicates_before", t.duplicates_before),
                            ("duplicates_after", t.duplicates_after)):
            records.append(("tables", t.table, "", "", "count", "", name, None, value, None))
        for c in t.columns_added:
            records.append(("tables", t.table, "", "", "column_added", c, "", None, None, None))
        for c in t.columns_removed:
            records.append(("tables", t.table, "", "", "column_removed", c, "", None, None, None))
    for t in d.tables():
        for k in t.added:
            records.append(("rows", t.table, key_text(k), "", "added", "", "", None, None, None))
        for k in t.removed:
            records.append(("rows", t.table, key_text(k), "", "removed", "", "", None, None,
                            None))
        for ch in t.changed:
            records.append(("rows", t.table, key_text(ch.key), "", "changed",
                            ";".join(ch.columns), "", None, None, None))
    from .coverage import RATES, RULES
    for p in cov.places:
        for rate in RATES:
            records.append(("coverage", p.level, p.id, p.name, "rate", "", rate, p.before[rate],
                            p.after[rate], p.delta(rate)))
        for r in RULES:
            records.append(("coverage", p.level, p.id, p.name, "findings", "", r.code,
                            p.findings_before[r.code], p.findings_after[r.code],
                            p.findings_delta(r.code)))
    for r in RULES:
        records.append(("coverage", "network", "", "", "findings", "", r.code,
                        cov.findings_before[r.code], cov.findings_after[r.code],
                        cov.findings_after[r.code] - cov.findings_before[r.code]))
    for m in cov.moved:
        records.append(("units", "units", m.id, "", "covered" if m.covered_now else "uncovered",
                        "", "coverage", m.before, m.after, None))
    return records


DIFF_HEADERS = ["section", "table", "id", "name", "change", "columns", "measure", "before",
                "after", "delta"]


def cmd_diff(args) -> int:
    """What changed from OLD to NEW: rows per table, coverage per street and district."""
    import json
    from .diff import diff, key_text
    old = _open(args.old, args.view)
    if old is None:
        return 1
    new = _open(args.new, args.view)
    if new is None:
        old.close()
        return 1
    with old, new, diff(old, new) as d:
        cov = d.coverage()
        print("orgnet diff: coverage as of %s (old) and %s (new)" % (cov.as_of_before,
                                                                   cov.as_of_after),
              file=sys.stderr)
        if args.format == "csv":
            _emit(diff_records(d, cov), DIFF_HEADERS, [], "csv")
            return 0
        if args.format == "json":
            document = {
                "old": args.old, "new": args.new,
                "as_of": {"old": str(cov.as_of_before), "new": str(cov.as_of_after)},
                "tables": [{"table": t.table, "added": [key_text(k) for k in t.added],
                            "removed": [key_text(k) for k in t.removed],
                            "changed": [{"id": key_text(c.key), "columns": list(c.columns)}
                                        for c in t.changed],
                            "unchanged": t.unchanged,
                            "duplicates_before": t.duplicates_before,
                            "duplicates_after": t.duplicates_after,
                            "columns_added": list(t.columns_added),
                            "columns_removed": list(t.columns_removed)} for t in d.tables()],
                "places": [{"level": p.level, "id": p.id, "name": p.name,
                            "rates": {r: {"before": p.before[r], "after": p.after[r],
                                          "delta": p.delta(r)} for r in p.before},
                            "findings": {c: {"before": p.findings_before[c],
                                             "after": p.findings_after[c],
                                             "delta": p.findings_delta(c)}
                                         for c in p.findings_before}} for p in cov.places],
                "findings": {c: {"before": cov.findings_before[c], "after": cov.findings_after[c],
                                 "delta": cov.findings_after[c] - cov.findings_before[c]}
                             for c in cov.findings_before},
                "units_moved": [{"id": m.id, "before": m.before, "after": m.after}
                                for m in cov.moved]}
            json.dump(document, sys.stdout, ensure_ascii=False, default=json_default, indent=1)
            sys.stdout.write("\n")
            return 0
        print("what changed from %s to %s" % (args.old, args.new))
        print()
        _emit([(t.table, len(t.added), len(t.removed), len(t.changed), t.unchanged,
                "%d/%d" % (t.duplicates_before, t.duplicates_after),
                ", ".join(["+" + c for c in t.columns_added] + ["-" + c for c in
                                                                 t.columns_removed]))
               for t in d.tables()],
              ["table", "added", "removed", "changed", "unchanged", "duplicates (old/new)",
               "columns"], [1, 2, 3, 4], "table")
        print()
        print("coverage by district and street (old -> new; as of %s and %s):" % (
            cov.as_of_before, cov.as_of_after))
        pct = lambda v: "-" if v is None else "%.1f%%" % (100 * v)
        pp = lambda v: "-" if v is None else ("±0.0 pp" if round(100 * v, 1) == 0
                                               else "%+.1f pp" % (100 * v))
        rows = []
        for p in cov.places:
            found_b = sum(p.findings_before.values())
            found_a = sum(p.findings_after.values())
            rows.append((p.level, p.id, p.name,
                         "%s -> %s" % (pct(p.before["org_coverage_rate"]),
                                       pct(p.after["org_coverage_rate"])),
                         pp(p.delta("org_coverage_rate")),
                         pp(p.delta("work_coverage_rate")),
                         pp(p.delta("member_registration_rate")),
                         "%d -> %d" % (found_b, found_a)))
        _emit(rows, ["level", "id", "name", "org coverage", "change", "work cover change",
                     "registration change", "findings"], [4, 5, 6], "table")
        changed_rules = [(c, cov.findings_before[c], cov.findings_after[c])
                         for c in cov.findings_before
                         if cov.findings_before[c] != cov.findings_after[c]]
        print()
        print("findings by rule that changed (%d of %d rules):" % (len(changed_rules),
                                                                  len(cov.findings_before)))
        _emit([(c, b, a, "%+d" % (a - b)) for c, b, a in changed_rules],
              ["rule", "old", "new", "change"], [1, 2, 3], "table")
        print()
        gained = sum(1 for m in cov.moved if m.covered_now)
        print("units that moved: %d became covered, %d lost coverage%s" % (
            gained, len(cov.moved) - gained,
            "" if len(cov.moved) <= args.limit else " (first %d shown; --format csv lists all)"
            % args.limit))
        for m in cov.moved[:args.limit]:
            print("  %s: %s -> %s" % (m.id, m.before, m.after))
        print()
        print("changed rows (first %d per table; --format csv lists all):" % args.limit)
        for t in d.tables():
            for c in t.changed[:args.limit]:
                print("  %s %s: %s" % (t.table, key_text(c.key), ", ".join(c.columns)))
    return 0


def _argument_type(convert, valid, what: str):
    """An argparse type: ``convert(text)`` when it succeeds and ``valid`` holds, else a usage
    error (exit code 2) saying what the option takes."""
    def parse(text: str):
        try:
            value = convert(text)
        except ValueError:
            value = None
        if value is None or not valid(value):
            raise argparse.ArgumentTypeError("%r is not %s" % (text, what))
        return value
    return parse


def _finite_above_zero(value: float) -> bool:
    import math
    return math.isfinite(value) and value > 0


_DATASET_HELP = "a dataset folder or a snapshot file"
_count = _argument_type(int, lambda v: v >= 0, "a count (a whole number, 0 or more)")
_metres = _argument_type(float, _finite_above_zero, "a distance above 0")
_year = _argument_type(int, lambda v: 1 <= v <= 9999, "a year from 1 to 9999")


def cmd_edit(args) -> int:
    """Applies a JSON-lines batch (orgnet.batch) to a dataset: all or nothing. With -o, saves the
    edited dataset to OUT; without, validates and prints what would change, writing nothing."""
    from .batch import read_batch
    try:
        batch = read_batch(args.batch)
    except OSError as e:
        print("orgnet: %s: %s" % (args.batch, e.strerror), file=sys.stderr)
        return 2
    net = _open(args.dataset, args.view)
    if net is None:
        return 1
    with net, batch:
        try:
            edited = net.edit(batch)
        except Error as e:
            print("%s: batch rejected, nothing written: %s" % (args.batch, e), file=sys.stderr)
            return 1
        with edited:
            print("%s: %d edit%s applied (version %d, from version %d)" % (
                args.batch, len(batch), "" if len(batch) == 1 else "s", edited.version,
                edited.parent_version))
            before, after = net.counts(), edited.counts()
            rows = [(name + ".csv", before.get(name, 0), after.get(name, 0))
                    for name in after if before.get(name, 0) != after.get(name, 0)]
            if rows:
                print(table(["file", "rows before", "rows after"], rows, [1, 2]))
            if args.out:
                edited.save(args.out)
                print("saved to %s" % args.out)
            else:
                print("validated; nothing written (-o OUT saves the edited dataset)")
    return 0


def cmd_snapshot(args) -> int:
    """Writes DATASET (a folder, or a snapshot to copy) as one snapshot file OUT."""
    started = time.perf_counter()
    net = _open(args.dataset, args.view)
    if net is None:
        return 1
    with net:
        opened = time.perf_counter()
        net.save_snapshot(args.out)
        saved = time.perf_counter()
    print("%s: snapshot of %s written (%s bytes; read in %.2f s, written and synced in %.2f s)" % (
        args.out, args.dataset, number(os.path.getsize(args.out)), opened - started,
        saved - opened))
    return 0


#: Commands whose result is a file or folder they write themselves (OUT, or -o/--output).
_WRITING = ("generate", "snapshot", "edit", "report", "export")


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser: every command, option and argument with its help."""
    from . import __version__, library_path, library_version
    parser = argparse.ArgumentParser(
        prog="orgnet", description=__doc__.split("\n")[0],
        epilog="Exit codes: 0 done; 1 the dataset cannot be read or is invalid; 2 a usage "
               "error (an unknown option, a bad value, date, id or kind).")
    version = "orgnet %s (liborgnet %s, %s)" % (__version__, library_version, library_path)

    class PrintVersion(argparse.Action):  # argparse's own "version" wraps long paths
        def __call__(self, parser, namespace, values, option_string=None):
            print(version)
            parser.exit()

    parser.add_argument("--version", action=PrintVersion, nargs=0,
                        help="print the version of the package and the library, and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("check", help="validate a dataset and print its counts and first errors")
    p.add_argument("dataset", help=_DATASET_HELP)
    p.add_argument("--max-errors", type=_count, default=20,
                   help="errors to collect before the check stops looking (default 20)")
    p.set_defaults(run=cmd_check)
    p = sub.add_parser("tree", help="print the leadership tree as an outline")
    p.add_argument("dataset", help=_DATASET_HELP)
    p.add_argument("org", nargs="?", help="the org id to start from (default: every root)")
    p.add_argument("--depth", type=_count, help="levels below the start to show")
    p.set_defaults(run=cmd_tree)
    p = sub.add_parser("generate", help="write a generated dataset")
    p.add_argument("scale", choices=["district", "city", "national"],
                   help="district (2,000 orgs), city (234,000) or national (5 million)")
    p.add_argument("out", nargs="?", help="the folder to write (or -o/--output)")
    p.add_argument("--seed", type=int, default=1, help="the generator's seed (default 1)")
    p.add_argument("--fraction", type=float, default=1.0,
                   help="keep this share of every count (e.g. 0.1 for a 10%% slice)")
    p.set_defaults(run=cmd_generate)
    p = sub.add_parser("coverage", help="coverage figures rolled up along either tree")
    p.add_argument("dataset", help=_DATASET_HELP)
    p.add_argument("--by", choices=_ROLLUPS_WIDEST_FIRST, default="street",
                   help="the roll-up level (default street)")
    p.add_argument("--as-of", type=_date_text, help="the date the date rules count from (default: as_of)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="a table for people (default), CSV or JSON for programs")
    p.set_defaults(run=cmd_coverage)
    p = sub.add_parser("findings", help="the findings of the coverage rules")
    p.add_argument("dataset", help=_DATASET_HELP)
    p.add_argument("--rule", help="only this rule's findings (a rule code)")
    p.add_argument("--as-of", type=_date_text, help="the date the date rules count from (default: as_of)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="a table for people (default), CSV or JSON for programs")
    p.add_argument("--limit", type=_count, help="at most this many findings")
    p.set_defaults(run=cmd_findings)
    p = sub.add_parser("links", help="the co-building graph: isolation, clusters, brokers, ...")
    p.add_argument("dataset", help=_DATASET_HELP)
    p.add_argument("--on", type=_link_date, help="only links active on this date (YYYY-MM-DD; default: the "
                   "dataset's as_of; 'all': every link whatever its dates)")
    p.add_argument("--kind", action="append", help="only links of this kind (repeatable)")
    p.add_argument("--by", choices=_ROLLUPS_WIDEST_FIRST,
                   default="street", help="the summary's isolation table (default street)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="a table for people (default), CSV or JSON for programs")
    p.add_argument("--samples", type=_count,
                   help="betweenness from this many sampled sources (0: exact; default: exact "
                        "while orgs x (orgs + linked pairs) is at most {:,}, else {})".format(
                            EXACT_BETWEENNESS_WORK, SAMPLED_SOURCES))
    p.add_argument("--limit", type=_count, help="rows to show (clusters, suggestions)")
    view = p.add_mutually_exclusive_group()
    view.add_argument("--partners", metavar="ORG", help="every link of ORG")
    view.add_argument("--isolated", action="store_true", help="organizations without a link")
    view.add_argument("--clusters", action="store_true", help="clusters, largest first")
    view.add_argument("--bridges", action="store_true", help="links whose loss splits a cluster")
    view.add_argument("--articulation", action="store_true",
                      help="organizations whose loss splits a cluster")
    view.add_argument("--brokers", type=_count, metavar="N", help="the N top brokers")
    view.add_argument("--crossings", action="store_true", help="cross-boundary links by street")
    view.add_argument("--path", nargs=2, metavar=("A", "B"), help="the shortest connection")
    view.add_argument("--suggest", metavar="ORG", help="candidate partners for ORG")
    p.add_argument("--leadership", action="store_true",
                   help="with --path: leadership edges count too")
    p.set_defaults(run=cmd_links)
    p = sub.add_parser("match", help="needs-resources matching (maximum total)")
    p.add_argument("dataset", help=_DATASET_HELP)
    p.add_argument("--scope", choices=MatchScope.labels(), default="either",
                   help="who may serve whom: linked orgs, the same street, or either (default)")
    p.add_argument("--on", type=_link_date, help="links active on this date count as linked (YYYY-MM-DD; "
                   "default: the dataset's as_of; 'all': every link)")
    p.add_argument("--kind", action="append", help="only links of this kind count (repeatable)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="a table for people (default), CSV or JSON for programs")
    p.add_argument("--limit", type=_count, help="allocation rows to show in the table (default 20)")
    p.set_defaults(run=cmd_match)
    p = sub.add_parser("events", help="grid events: resolution, speed, backlog, hot spots")
    p.add_argument("dataset", help=_DATASET_HELP)
    p.add_argument("--from", dest="from_", type=_date_text, help="reported on or after (YYYY-MM-DD)")
    p.add_argument("--to", type=_date_text, help="reported before (YYYY-MM-DD)")
    p.add_argument("--as-of", type=_date_text, help="the day open events are aged to (default: as_of)")
    p.add_argument("--by", choices=_TERRITORIAL, default="street",
                   help="the roll-up level (default street)")
    p.add_argument("--per", choices=EventTable.labels(), default="total",
                   help="one row per place (total), per place and category, or per month")
    p.add_argument("--hot-spots", type=_count, nargs="?", const=20, metavar="N",
                   help="the N grids and categories that stand out most (default 20)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="a table for people (default), CSV or JSON for programs")
    p.set_defaults(run=cmd_events)
    p = sub.add_parser("centres", help="service-centre reach, functions and siting")
    p.add_argument("dataset", help=_DATASET_HELP)
    p.add_argument("--radius", type=_metres, default=DEFAULT_REACH_METRES,
                   help="metres (default %g)" % DEFAULT_REACH_METRES)
    p.add_argument("--by", choices=_TERRITORIAL, default="street",
                   help="the roll-up level (default street)")
    p.add_argument("--site", type=_count, metavar="K", help="choose K new centre locations")
    p.add_argument("--functions", action="store_true",
                   help="the centre functions each community can reach")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="a table for people (default), CSV or JSON for programs")
    p.set_defaults(run=cmd_centres)
    p = sub.add_parser("haves", help="the three haves (people, money, place) per community")
    p.add_argument("dataset", help=_DATASET_HELP)
    p.add_argument("--year", type=_year, help="the year of the funds (default: as_of's year)")
    p.add_argument("--radius", type=_metres, default=DEFAULT_REACH_METRES,
                   help="metres (default %g)" % DEFAULT_REACH_METRES)
    p.add_argument("--by", choices=["street", "district"], default="street",
                   help="the roll-up level (default street)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="a table for people (default), CSV or JSON for programs")
    p.add_argument("--limit", type=_count, default=30, help="findings to show (default 30)")
    p.set_defaults(run=cmd_haves)
    p = sub.add_parser("edit", help="apply a JSON-lines edit batch (validate, or save with -o)")
    p.add_argument("dataset", help=_DATASET_HELP)
    p.add_argument("batch", help="a JSON-lines file, one edit a line (see orgnet.batch)")
    p.add_argument("-o", "--output", "--out", dest="out",
                   help="save the edited dataset to this folder (default: validate only)")
    p.set_defaults(run=cmd_edit)
    p = sub.add_parser("snapshot", help="write a dataset as one snapshot file (opens far faster than a load)")
    p.add_argument("dataset", help=_DATASET_HELP)
    p.add_argument("out", nargs="?",
                   help="the snapshot file to write, replaced atomically (or -o/--output)")
    p.set_defaults(run=cmd_snapshot)
    p = sub.add_parser("diff", help="what changed between two datasets: rows, coverage, findings")
    p.add_argument("old", help="the earlier dataset (a folder or a snapshot file)")
    p.add_argument("new", help="the later dataset (a folder or a snapshot file)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="a table for people (default), CSV (one row per fact) or JSON")
    p.add_argument("--limit", type=_count, default=20,
                   help="rows per list in the table (default 20)")
    p.set_defaults(run=cmd_diff)
    p = sub.add_parser("report", help="a self-contained HTML report (charts, map, findings) "
                                      "for an office")
    p.add_argument("dataset", help=_DATASET_HELP)
    p.add_argument("--since", metavar="OLD_DATASET",
                   help="add a 'since last time' section comparing with this earlier dataset")
    p.set_defaults(run=cmd_report)
    p = sub.add_parser("export", help="write the dataset for GIS, graph tools or spreadsheets")
    p.add_argument("dataset", help=_DATASET_HELP)
    p.add_argument("--format", required=True,
                   choices=["geojson", "graphml", "dot", "json", "csv", "xlsx"],
                   help="geojson (grids, units, centres, reach circles), graphml, dot or json "
                        "(networkx node-link) of --graph, csv (a folder, one file a table) or "
                        "xlsx (one sheet a table; needs python3-openpyxl)")
    p.add_argument("--graph", choices=["links", "tree"], default="links",
                   help="for graphml, dot and json: the link graph (default) or the "
                        "leadership tree")
    p.add_argument("--radius", type=_metres, default=DEFAULT_REACH_METRES,
                   help="geojson: the centres' reach in metres (default %g)" % DEFAULT_REACH_METRES)
    p.add_argument("--lang", choices=["en", "zh"], default="en",
                   help="csv and xlsx column headers: en (the names) or zh (Chinese)")
    p.add_argument("--excel", action="store_true",
                   help="csv for Excel: a UTF-8 byte-order mark and CRLF line ends")
    _add_raw_cells(p)
    p.set_defaults(run=cmd_export)
    p = sub.add_parser("demo", help="the demo analysis of the bundled district")
    p.add_argument("dataset", nargs="?", help="default: the bundled examples/district")
    p.add_argument("--report", metavar="FILE",
                   help="where to write the HTML report too (default build/demo-report.html "
                        "in the source tree, else ./demo-report.html; '' for none)")
    p.set_defaults(run=cmd_demo)
    for name, command in sub.choices.items():
        if name != "generate":
            _add_view(command)
        if name != "export" and any(action.dest == "format" for action in command._actions):
            _add_output_options(command)
        if name not in ("edit",):  # edit's -o/--output is the edited dataset's folder
            command.add_argument(
                "-o", "--output", metavar="FILE",
                help=("write the result here instead of OUT" if name in _WRITING else
                      "write the results to FILE (replaced when complete) instead of stdout"))
    return parser


def _add_output_options(parser) -> None:
    parser.add_argument("--lang", choices=["en", "zh"], default="en",
                        help="column headers of CSV and tables: en (the names, default) or zh "
                             "(Chinese); JSON keys stay the names")
    parser.add_argument("--excel", action="store_true",
                        help="CSV for Excel: a UTF-8 byte-order mark and CRLF line ends")
    _add_raw_cells(parser)


def _add_raw_cells(parser) -> None:
    parser.add_argument(
        "--raw-cells", action="store_true",
        help="write text cells for spreadsheets (--excel CSV, the export's CSV and xlsx) as "
             "stored; by default text starting with = + - @ TAB or CR gets a leading ' so that "
             "a spreadsheet shows it instead of evaluating it (formula injection)")


def main(argv=None) -> int:
    """Entry point of ``python3 -m orgnet`` and the ``orgnet`` script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    _OUTPUT["lang"] = getattr(args, "lang", "en")
    _OUTPUT["excel"] = getattr(args, "excel", False)
    _OUTPUT["raw_cells"] = getattr(args, "raw_cells", False)
    if args.command in ("report", "export"):
        if not args.output:
            parser.error("%s: the output is missing (-o/--output FILE)" % args.command)
        args.out, args.output = args.output, None
    if args.command in ("generate", "snapshot"):
        if args.out and args.output and args.out != args.output:
            parser.error("%s: OUT %r and -o %r differ; give one" % (args.command, args.out,
                                                                   args.output))
        args.out = args.out or args.output
        if not args.out:
            parser.error("%s: the output is missing (OUT or -o/--output)" % args.command)
        args.output = None
    if sys.stderr.isatty():
        from . import _progress
        _progress.default = _progress.TerminalProgress(sys.stderr)
    # Tables, trees and messages are for people: no text from the data reaches a terminal or
    # such a file raw (CSV and JSON, for programs, keep the data as they are).
    from ._format import PeopleText
    args.for_people = getattr(args, "format", "table") not in ("csv", "json")
    saved = sys.stdout, sys.stderr
    sys.stderr = PeopleText(sys.stderr)
    if args.for_people:
        sys.stdout = PeopleText(sys.stdout)
    try:
        if getattr(args, "output", None):
            return _to_file(args, args.output)
        return args.run(args)
    except BrokenPipeError:
        return 0
    except Error as e:  # a library error is a message, never a traceback
        print("orgnet: %s" % e, file=sys.stderr)
        return 2
    finally:
        sys.stdout, sys.stderr = saved


def _to_file(args, path: str) -> int:
    """Runs the command with stdout going to ``path`` (orgnet.output: an exclusive temporary
    file renamed over it when the command succeeds; a failed run leaves any earlier file as
    it was)."""
    from .output import OutputFile
    from ._format import PeopleText
    saved = sys.stdout
    out = OutputFile(path)
    try:
        sys.stdout = PeopleText(out) if args.for_people else out
        code = args.run(args)
        sys.stdout = saved
        if code == 0:
            out.commit()
        return code
    finally:
        sys.stdout = saved
        out.close()


if __name__ == "__main__":
    sys.exit(main())
