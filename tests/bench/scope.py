#!/usr/bin/env python3
"""Scoped views at scale: the scope indexes' first build and memory, then the medians of
making each street's view and of its full coverage report.

    python3 tests/bench/scope.py DATASET_OR_SNAPSHOT [--streets N]

Prints the figures docs/benchmarks.md ("Scoped views") quotes.
"""

import argparse
import statistics
import sys
import time

import orgnet


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("dataset")
    parser.add_argument("--streets", type=int, default=40, help="streets timed (spread evenly)")
    args = parser.parse_args()
    started = time.perf_counter()
    net = orgnet.Network.open(args.dataset)
    print("opened %s in %.2f s; memory_bytes %.1f MiB" % (
        args.dataset, time.perf_counter() - started, net.memory_bytes / 2**20))
    orgs = net.orgs
    streets = [i for i, k in zip(orgs.ids(), orgs.column("kind")) if k == "street"]
    step = max(1, len(streets) // args.streets)
    chosen = streets[::step][:args.streets]
    before = net.memory_bytes
    started = time.perf_counter()
    first = net.scope(places=[chosen[0]])
    first_s = time.perf_counter() - started
    print("first scope (builds the scope indexes): %.3f s; indexes %.1f MiB (%.1f%% of the network)"
          % (first_s, (net.memory_bytes - before) / 2**20,
             100.0 * (net.memory_bytes - before) / before))
    first.close()
    make, cover, members = [], [], []
    for street in chosen:
        started = time.perf_counter()
        view = net.scope(places=[street])
        make.append(time.perf_counter() - started)
        members.append(len(view.members))
        started = time.perf_counter()
        report = orgnet.coverage(view)
        cover.append(time.perf_counter() - started)
        report.close()
        view.close()
    print("%d of %d streets: scope made, median %.2f ms (min %.2f, max %.2f); members per view "
          "median %d" % (len(chosen), len(streets), 1000 * statistics.median(make),
                         1000 * min(make), 1000 * max(make), statistics.median(members)))
    print("full coverage report of a street's view: median %.2f ms (min %.2f, max %.2f)" % (
        1000 * statistics.median(cover), 1000 * min(cover), 1000 * max(cover)))
    net.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
