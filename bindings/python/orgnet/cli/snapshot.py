"""``orgnet snapshot``: write a dataset as one snapshot file (opens far faster than a load)."""

from __future__ import annotations

import os
import time

from .._format import number
from . import _common as common


def register(sub) -> None:
    """Adds the command's parser to ``sub``."""
    p = sub.add_parser("snapshot", help="write a dataset as one snapshot file (opens far faster than a load)")
    common.add_dataset(p)
    p.add_argument("out", nargs="?",
                   help="the snapshot file to write, replaced atomically (or -o/--output)")
    p.set_defaults(run=run)


def run(args) -> int:
    """Writes DATASET (a folder, or a snapshot to copy) as one snapshot file OUT."""
    started = time.perf_counter()
    net = common.open_dataset(args.dataset, args.view, args.mapping)
    if net is None:
        return 1
    with net:
        opened = time.perf_counter()
        net.save_snapshot(args.out)
        saved = time.perf_counter()
    print("%s: snapshot of %s written (%s bytes; read in %.2f s, written and synced in %.2f s)" % (
        args.out, common.shown_dataset(args.dataset), number(os.path.getsize(args.out)), opened - started,
        saved - opened))
    return 0
