"""``orgnet generate``: write a generated dataset."""

from __future__ import annotations

import sys
import time

from .._format import table


def register(sub) -> None:
    """Adds the command's parser to ``sub``."""
    p = sub.add_parser("generate", help="write a generated dataset")
    p.add_argument("scale", choices=["district", "city", "national"],
                   help="district (2,000 orgs), city (234,000) or national (5 million)")
    p.add_argument("out", nargs="?", help="the folder to write (or -o/--output)")
    p.add_argument("--seed", type=int, default=1, help="the generator's seed (default 1)")
    p.add_argument("--fraction", type=float, default=1.0,
                   help="keep this share of every count (e.g. 0.1 for a 10%% slice)")
    p.set_defaults(run=run)


def run(args) -> int:
    """Writes a generated dataset."""
    from ..generate import generate
    started = time.perf_counter()
    counts = generate(args.out, args.scale, seed=args.seed, fraction=args.fraction,
                      progress=lambda what: print("  writing %s..." % what, file=sys.stderr))
    print(table(["file", "rows"], sorted(counts.items()), [1]))
    print("%s dataset written to %s in %.1f s" % (args.scale, args.out,
                                                  time.perf_counter() - started))
    return 0
