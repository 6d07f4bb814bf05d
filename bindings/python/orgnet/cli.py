"""The ``orgnet`` command line: check, tree, generate, demo.

    python3 -m orgnet check DATASET
    python3 -m orgnet tree DATASET [ORG] [--depth N]
    python3 -m orgnet generate {district,city,national} OUT [--seed S] [--fraction F]
    python3 -m orgnet demo [DATASET]
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import time

from ._format import number, pad, table
from .errors import Error, LoadError

__all__ = ["main"]

_HERE = os.path.dirname(os.path.abspath(__file__))
#: The bundled demo dataset, in the source tree.
BUNDLED = os.path.normpath(os.path.join(_HERE, "..", "..", "..", "examples", "district"))


def _load(path: str, max_errors: int = 20):
    from .network import Network
    return Network.load(path, max_errors=max_errors)


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
        net = _load(args.dataset, args.max_errors)
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
        print("%s: OK (loaded and checked in %.2f s)" % (args.dataset, seconds))
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


def cmd_tree(args) -> int:
    """Prints the leadership tree (or one subtree) as an indented outline with names."""
    try:
        net = _load(args.dataset)
    except Error as e:
        print(str(e), file=sys.stderr)
        return 1
    with net:
        h, orgs = net.hierarchy, net.orgs
        names, kinds = orgs.column("name"), orgs.column("kind")
        try:
            starts = [orgs.index(args.org)] if args.org else [orgs.index(r) for r in h.roots()]
        except Error as e:
            print(str(e), file=sys.stderr)
            return 1
        out = []
        for start in starts:
            base = h.depth(start)
            for index in h.subtree_indexes(start):
                depth = h.depth(index) - base
                if args.depth is not None and depth > args.depth:
                    continue
                out.append("%s%s %s [%s]" % ("  " * depth, orgs.id(index), names[index],
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


def cmd_demo(args) -> int:
    """The main job: a readable summary of the bundled district's network."""
    from .demo import report
    path = args.dataset or BUNDLED
    try:
        net = _load(path)
    except Error as e:
        print(str(e), file=sys.stderr)
        return 1
    with net:
        sys.stdout.write(report(net, path))
    return 0


def main(argv=None) -> int:
    """Entry point of ``python3 -m orgnet`` and the ``orgnet`` script."""
    parser = argparse.ArgumentParser(prog="orgnet", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="validate a dataset and print its counts and first errors")
    p.add_argument("dataset")
    p.add_argument("--max-errors", type=int, default=20)
    p.set_defaults(run=cmd_check)
    p = sub.add_parser("tree", help="print the leadership tree as an outline")
    p.add_argument("dataset")
    p.add_argument("org", nargs="?", help="the org id to start from (default: every root)")
    p.add_argument("--depth", type=int, help="levels below the start to show")
    p.set_defaults(run=cmd_tree)
    p = sub.add_parser("generate", help="write a generated dataset")
    p.add_argument("scale", choices=["district", "city", "national"])
    p.add_argument("out")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--fraction", type=float, default=1.0,
                   help="keep this share of every count (e.g. 0.1 for a 10%% slice)")
    p.set_defaults(run=cmd_generate)
    p = sub.add_parser("demo", help="the demo analysis of the bundled district")
    p.add_argument("dataset", nargs="?", help="default: the bundled examples/district")
    p.set_defaults(run=cmd_demo)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
