"""``orgnet report``: a self-contained HTML report (charts, map, findings) for an office."""

from __future__ import annotations

import sys

from .._format import number
from . import _common as common


def register(sub) -> None:
    """Adds the command's parser to ``sub``."""
    p = sub.add_parser("report", help="a self-contained HTML report (charts, map, findings) "
                                      "for an office")
    common.add_dataset(p)
    p.add_argument("--since", metavar="OLD_DATASET",
                   help="add a 'since last time' section comparing with this earlier dataset")
    p.set_defaults(run=run)


def run(args) -> int:
    """The HTML report of a dataset (or a scoped view) for a district or street office."""
    import time as _time
    from ..report import write_report
    started = _time.perf_counter()
    net = common.open_dataset(args.dataset, args.view, args.mapping)
    if net is None:
        return 1
    since = None
    if args.since:
        since = common.open_dataset(args.since, args.view, args.mapping)
        if since is None:
            net.close()
            return 1
    try:
        size = write_report(net, args.out, common.shown_dataset(args.dataset), since,
                            common.shown_dataset(args.since or ""), args.view)
    finally:
        net.close()
        if since is not None:
            since.close()
    print("orgnet report: wrote %s (%s bytes) in %.1f s" % (
        args.out, number(size), _time.perf_counter() - started), file=sys.stderr)
    return 0
