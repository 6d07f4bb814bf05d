"""``orgnet haves``: the three haves (people, money, place) per community."""

from __future__ import annotations

import sys

from ..service import DEFAULT_REACH_METRES
from .._format import json_default, number
from ..errors import Error
from . import _common as common


def register(sub) -> None:
    """Adds the command's parser to ``sub``."""
    p = sub.add_parser("haves", help="the three haves (people, money, place) per community")
    common.add_dataset(p)
    p.add_argument("--year", type=common.year, help="the year of the funds (default: as_of's year)")
    p.add_argument("--radius", type=common.metres, default=DEFAULT_REACH_METRES,
                   help="metres (default %g)" % DEFAULT_REACH_METRES)
    p.add_argument("--by", choices=["street", "district"], default="street",
                   help="the roll-up level (default street)")
    common.add_format(p)
    p.add_argument("--limit", type=common.count, default=30, help="findings to show (default 30)")
    p.set_defaults(run=run)


def run(args) -> int:
    """The three haves of every community, the findings, and the counts per street."""
    import json
    from ..service import haves
    net = common.open_dataset(args.dataset, args.view, args.mapping)
    if net is None:
        return 1
    try:
        h = haves(net, args.year or 0, args.radius)
        common.say_date_used("haves", net, args.year, "funds of the year", h.year)
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
            common.emit(rows, ["id", "name", "grids", "grids_managed", "grids_managed_share", "people",
                         "funds", "money", "place"], [], "csv")
            return 0
        yes = lambda flag: "yes" if flag else "NO"
        print("the three haves (三有) of %s communities in %d: people, money, a place (%s m)" % (
            number(len(communities)), h.year, "%g" % args.radius))
        common.emit([(r.name, r.communities, r.with_people, r.with_money, r.with_place, r.with_all,
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
