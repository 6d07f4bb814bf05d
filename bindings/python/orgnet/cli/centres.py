"""``orgnet centres``: service-centre reach, functions and siting."""

from __future__ import annotations

import sys

from ..service import DEFAULT_REACH_METRES
from .._format import number
from ..errors import Error
from . import _common as common


def register(sub) -> None:
    """Adds the command's parser to ``sub``."""
    p = sub.add_parser("centres", help="service-centre reach, functions and siting")
    common.add_dataset(p)
    p.add_argument("--radius", type=common.metres, default=DEFAULT_REACH_METRES,
                   help="metres (default %g)" % DEFAULT_REACH_METRES)
    p.add_argument("--by", choices=common.TERRITORIAL, default="street",
                   help="the roll-up level (default street)")
    p.add_argument("--site", type=common.count, metavar="K", help="choose K new centre locations")
    p.add_argument("--functions", action="store_true",
                   help="the centre functions each community can reach")
    common.add_format(p)
    p.set_defaults(run=run)


def run(args) -> int:
    """Service-centre reach per place, the functions communities reach, or siting."""
    from ..service import reach
    net = common.open_dataset(args.dataset, args.view, args.mapping)
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
            common.emit(rows, ["rank", "grid", "name", "households_added", "grids_added"], [0, 3, 4],
                  args.format)
            return 0
        if args.functions:
            orgs = net.orgs
            names = orgs.column("name")
            communities = [row.id for row in r.table("community")]
            rows = [(c, names[orgs.index(c)] or "", ";".join(r.functions(c)))
                    for c in communities]
            common.emit(rows, ["community", "name", "functions"], [], args.format)
            return 0
        rows = [(x.id, x.name, x.grids, x.grids_placed, x.grids_reached, x.households,
                 x.households_reached, x.household_rate, x.households_unplaced,
                 x.units, x.units_reached) for x in r.table(args.by)]
        if args.format == "table":
            unplaced = r.unplaced("grids")
            print("service centres within %s m, by %s (%s grids without coordinates: reported, "
                  "not guessed)" % ("%g" % args.radius, args.by, number(len(unplaced))))
        common.emit(rows, ["id", "name", "grids", "grids_placed", "grids_reached", "households",
                     "households_reached", "household_rate", "households_unplaced", "units",
                     "units_reached"], list(range(2, 11)), args.format)
    return 0
