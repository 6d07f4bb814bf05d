#!/usr/bin/env python3
"""Issue 15's diff target: a copy of DATASET with 1% of the rows of every table changed
(one cell each; plus 0.1% removed and 0.1% added where a table has ids), both loaded, then the
diff (rows of every table and the coverage deltas) timed: medians of --runs runs.

    python3 tests/bench/diff_city.py build/bench-data/city [--copy build/bench-data/city-1pct]
                                     [--runs 5]

The copy is written once (kept for later runs); the loads are reported too.
"""

import argparse
import csv
import os
import random
import statistics
import sys
import time

import orgnet

# The column each table changes in its 1% of rows, and how.
CHANGE = {"orgs": "name", "grids": "name", "units": "name", "members": "name", "staff": "name",
          "centres": "name", "needs": "amount", "resources": "amount", "funds": "amount",
          "events": "category", "links": "until"}


def changed(table: str, column: str, value: str) -> str:
    if column == "name":
        return value + "乙"
    if column == "amount":
        return str(int(value) + 1)
    if column == "until":
        return "" if value else "2099-12-31"
    return value + "_x"


def write_copy(source: str, target: str, seed: int = 15) -> None:
    rng = random.Random(seed)
    os.makedirs(target, exist_ok=True)
    for name in sorted(os.listdir(source)):
        table = name[:-4]
        with open(os.path.join(source, name), encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        head, body = rows[0], rows[1:]
        if table in CHANGE:
            c = head.index(CHANGE[table])
            for row in body:
                if rng.random() < 0.01:
                    row[c] = changed(table, CHANGE[table], row[c])
            # Leaves (members, events) can go and come without breaking a reference.
            if table in ("members", "events"):
                body = [row for row in body if rng.random() >= 0.001]
                extra = [list(row) for row in rng.sample(body, len(body) // 1000)]
                for n, row in enumerate(extra):
                    row[0] = "%s_new%d" % (row[0], n)
                body += extra
        with open(os.path.join(target, name), "w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows([head] + body)


def median(function, runs):
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("dataset")
    parser.add_argument("--copy")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    copy = args.copy or args.dataset.rstrip("/") + "-1pct"
    if not os.path.isdir(copy):
        started = time.perf_counter()
        write_copy(args.dataset, copy)
        print("wrote %s in %.1f s" % (copy, time.perf_counter() - started))
    load_old, old = median(lambda: orgnet.load(args.dataset), 1)
    load_new, new = median(lambda: orgnet.load(copy), 1)
    print("loads: old %.2f s, new %.2f s (%d and %d members)" % (
        load_old, load_new, len(old.members), len(new.members)))

    def rows_only():
        with orgnet.diff(old, new) as d:
            return sum(len(t.added) + len(t.removed) + len(t.changed) for t in d.tables())

    def with_coverage():
        with orgnet.diff(old, new) as d:
            c = d.coverage()
            return sum(len(t.changed) for t in d.tables()), len(c.places), len(c.moved)

    seconds, count = median(rows_only, args.runs)
    print("diff of the rows (C++ diff + Python lists of keys): %.3f s median of %d; %d rows "
          "added, removed or changed" % (seconds, args.runs, count))
    seconds, result = median(with_coverage, args.runs)
    print("diff with the coverage of both (two coverage passes + their comparison): %.3f s "
          "median of %d; %s" % (seconds, args.runs, result))
    from orgnet.diff import compare_coverage
    with orgnet.coverage(old) as cb, orgnet.coverage(new) as ca:
        seconds, result = median(lambda: len(compare_coverage(cb, ca).places), args.runs)
    print("comparing two coverage results already computed: %.3f s median of %d" % (
        seconds, args.runs))
    old.close()
    new.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
