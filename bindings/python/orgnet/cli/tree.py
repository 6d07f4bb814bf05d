"""``orgnet tree``: print the leadership tree as an outline."""

from __future__ import annotations

import sys

from ..errors import Error
from . import _common as common


def register(sub) -> None:
    """Adds the command's parser to ``sub``."""
    p = sub.add_parser("tree", help="print the leadership tree as an outline")
    common.add_dataset(p)
    p.add_argument("org", nargs="?", help="the org id to start from (default: every root)")
    p.add_argument("--depth", type=common.count, help="levels below the start to show")
    p.set_defaults(run=run)


#: Levels of indentation the tree outline shows before it writes depths as numbers.
_MAX_INDENT = 32


def run(args) -> int:
    """Prints the leadership tree (or one subtree) as an indented outline with names."""
    net = common.open_dataset(args.dataset, args.view, args.mapping)
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
