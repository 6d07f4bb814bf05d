"""``orgnet demo``: the demo analysis of the bundled district."""

from __future__ import annotations

import os
import sys

from . import _common as common


def register(sub) -> None:
    """Adds the command's parser to ``sub``."""
    p = sub.add_parser("demo", help="the demo analysis of the bundled district")
    p.add_argument("dataset", nargs="?", help="default: the bundled examples/district")
    p.add_argument("--mapping", metavar="FILE",
                   help="for a database DATASET: the JSON mapping (docs/database.md)")
    p.add_argument("--report", metavar="FILE",
                   help="where to write the HTML report too (default build/demo-report.html "
                        "in the source tree, else ./demo-report.html; '' for none)")
    p.set_defaults(run=run)


def run(args) -> int:
    """The main job: a readable summary of the bundled district's network."""
    from ..demo import report
    path = args.dataset or common.BUNDLED
    net = common.open_dataset(path, args.view, args.mapping)
    if net is None:
        return 1
    with net:
        sys.stdout.write(report(net, common.shown_dataset(path), args.view))
        if args.report != "":
            from ..report import write_report
            target = args.report or _demo_report_path()
            write_report(net, target, common.shown_dataset(path), views=args.view)
            print("\nThe HTML report of this network (charts, blind-spot map, findings; opens "
                  "offline, prints on A4) is in %s." % target)
    return 0


def _demo_report_path() -> str:
    """build/demo-report.html in the source tree when there is one, else in the current
    folder."""
    build = os.path.normpath(os.path.join(common.BUNDLED, "..", "..", "build"))
    return os.path.join(build if os.path.isdir(build) else os.getcwd(), "demo-report.html")
