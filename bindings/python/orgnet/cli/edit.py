"""``orgnet edit``: apply a JSON-lines edit batch (validate, or save with -o)."""

from __future__ import annotations

import sys

from .._format import table
from ..errors import Error
from . import _common as common


def register(sub) -> None:
    """Adds the command's parser to ``sub``."""
    p = sub.add_parser("edit", help="apply a JSON-lines edit batch (validate, or save with -o)")
    common.add_dataset(p)
    p.add_argument("batch", help="a JSON-lines file, one edit a line (see orgnet.batch)")
    p.add_argument("-o", "--output", "--out", dest="out",
                   help="save the edited dataset to this folder (default: validate only)")
    p.set_defaults(run=run)


def run(args) -> int:
    """Applies a JSON-lines batch (orgnet.batch) to a dataset: all or nothing. With -o, saves the
    edited dataset to OUT; without, validates and prints what would change, writing nothing."""
    from ..batch import read_batch
    try:
        batch = read_batch(args.batch)
    except OSError as e:
        print("orgnet: %s: %s" % (args.batch, e.strerror), file=sys.stderr)
        return 2
    net = common.open_dataset(args.dataset, args.view, args.mapping)
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
