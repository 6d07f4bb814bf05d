"""``orgnet check``: validate a dataset and print its counts and first errors."""

from __future__ import annotations

import os
import sys
import time

from .._format import number, table
from ..errors import Error, LoadError
from . import _common as common


def register(sub) -> None:
    """Adds the command's parser to ``sub``."""
    p = sub.add_parser("check", help="validate a dataset and print its counts and first errors")
    common.add_dataset(p)
    p.add_argument("--max-errors", type=common.count, default=20,
                   help="errors to collect before the check stops looking (default 20)")
    p.set_defaults(run=run)


def run(args) -> int:
    """Validates a dataset: counts, then the first errors or warnings."""
    started = time.perf_counter()
    try:
        net = common.load_dataset(args.dataset, args.max_errors, args.view, args.mapping)
    except LoadError as e:
        print("%s: INVALID (%s error%s%s)" % (common.shown_dataset(args.dataset), number(len(e.errors)),
                                              "" if len(e.errors) == 1 else "s",
                                              ", stopped looking" if e.truncated else ""))
        common.print_diagnostics("errors", e.errors, len(e.errors), args.max_errors, sys.stdout)
        common.print_diagnostics("warnings", e.warnings, len(e.warnings), 10, sys.stdout)
        return 1
    except Error as e:
        print("%s: %s" % (common.shown_dataset(args.dataset), e))
        return 1
    seconds = time.perf_counter() - started
    with net:
        print("%s: OK (%s in %.2f s)" % (
            common.shown_dataset(args.dataset),
            "snapshot opened and verified" if os.path.isfile(args.dataset)
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
        common.print_diagnostics("warnings", net.warnings, len(net.warnings), 10, sys.stdout)
    return 0
