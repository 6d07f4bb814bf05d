"""``orgnet events``: grid events: resolution, speed, backlog, hot spots."""

from __future__ import annotations

import sys

from .._format import number
from ..errors import Error
from ..service import EVENT_TABLES
from . import _common as common


def register(sub) -> None:
    """Adds the command's parser to ``sub``."""
    p = sub.add_parser("events", help="grid events: resolution, speed, backlog, hot spots")
    common.add_dataset(p)
    p.add_argument("--from", dest="from_", type=common.date_text, help="reported on or after (YYYY-MM-DD)")
    p.add_argument("--to", type=common.date_text, help="reported before (YYYY-MM-DD)")
    p.add_argument("--as-of", type=common.date_text, help="the day open events are aged to (default: as_of)")
    p.add_argument("--by", choices=common.TERRITORIAL, default="street",
                   help="the roll-up level (default street)")
    p.add_argument("--per", choices=EVENT_TABLES, default="total",
                   help="one row per place (total), per place and category, or per month")
    p.add_argument("--hot-spots", type=common.count, nargs="?", const=20, metavar="N",
                   help="the N grids and categories that stand out most (default 20)")
    common.add_format(p)
    p.set_defaults(run=run)


def run(args) -> int:
    """Grid events per place (or per place and category or month), or the hot spots."""
    from ..service import events
    net = common.open_dataset(args.dataset, args.view, args.mapping)
    if net is None:
        return 1
    try:
        ev = events(net, args.from_, args.to, args.as_of)
        common.say_date_used("events", net, args.as_of, "open events aged to", ev.as_of)
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
            common.emit(rows, ["grid", "name", "category", "events", "households",
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
        common.emit(out, headers, list(range(first, len(headers))), args.format)
    return 0
