#!/usr/bin/env python3
"""Issue 14's Python targets, measured end to end as an analyst calls the package: medians of
--runs runs of each, on one dataset (the generated city for the targets).

    python3 tests/bench/python_analyst.py DATASET_OR_SNAPSHOT [--runs 5] [--pairs 1000000]

Each line: the median, the target and whether it was met at this scale. The pandas line runs
only where pandas is installed (Debian: /usr/bin/python3 with python3-pandas).
"""

import argparse
import random
import statistics
import sys
import time

import orgnet


def median_seconds(function, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("dataset")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pairs", type=int, default=1_000_000)
    args = parser.parse_args()
    net = orgnet.Network.open(args.dataset)
    print("%s: %d orgs, %d members; Python %s" % (args.dataset, len(net.orgs), len(net.members),
                                                   sys.version.split()[0]))
    ids = net.orgs.ids()
    rng = random.Random(14)
    # Pairs as an analyst has them: two Python lists of str (fresh str objects, not the cache).
    a = [str(ids[rng.randrange(len(ids))]) for _ in range(args.pairs)]
    b = [str(ids[rng.randrange(len(ids))]) for _ in range(args.pairs)]
    h = net.hierarchy
    results = []

    def line(label, seconds, target):
        met = seconds < target
        results.append(met)
        print("%-52s median %8.3f s  target < %.3f s  %s" % (label, seconds, target,
                                                           "met" if met else "MISSED"))

    line("%d is_ancestor pairs, lists of str -> bool array" % args.pairs,
         median_seconds(lambda: h.is_ancestor_many(a, b), args.runs), 0.5)
    line("%d LCAs, lists of str -> row array" % args.pairs,
         median_seconds(lambda: h.lca_many(a, b), args.runs), 0.8)
    line("subtree size of every org", median_seconds(h.subtree_sizes, args.runs), 0.05)
    line("every members column as arrays and blobs",
         median_seconds(lambda: net.members.arrays(), args.runs), 1.0)
    try:
        import pandas  # noqa: F401
    except ImportError:
        print("members as a pandas DataFrame: skipped (pandas is not installed for %s)" %
              sys.executable)
    else:
        line("members as a pandas DataFrame",
             median_seconds(lambda: net.members.to_pandas(), args.runs), 3.0)
    # How often long calls report (issue 14, point 6: at least every 100 ms): the longest gap
    # between two reports, from the call's start to its end.
    def longest_gap(call):
        marks = [time.perf_counter()]
        call(lambda done, total, work: marks.append(time.perf_counter()))
        marks.append(time.perf_counter())
        return max(b - a for a, b in zip(marks, marks[1:])), len(marks) - 2

    graph = orgnet.links(net)
    for label, call in (
            ("load (CSV)", lambda p: orgnet.Network.load(args.dataset, progress=p).close()
             if not orgnet.is_snapshot(args.dataset) else None),
            ("coverage", lambda p: orgnet.coverage(net, progress=p).close()),
            ("betweenness, 2,000 sampled sources", lambda p: graph.betweenness(2000, progress=p)),
            ("matching", lambda p: orgnet.match(net, progress=p).close()),
            ("siting, 20 sites", lambda p: orgnet.reach(net).site(20, progress=p))):
        gap, reports = longest_gap(call)
        print("%-52s longest gap between reports %6.3f s (%d reports)" % (label, gap, reports))
    # The answers agree with the one-call-each forms on a sample.
    sample = range(0, args.pairs, max(1, args.pairs // 2000))
    many, lcas = h.is_ancestor_many(a, b), h.lca_many(a, b)
    for i in sample:
        assert bool(many[i]) == h.is_ancestor(a[i], b[i])
        assert (None if lcas[i] == orgnet.NONE else ids[lcas[i]]) == h.lca(a[i], b[i])
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
