#!/usr/bin/env python3
"""Issue 24, point 7: the work bound that chooses exact or sampled betweenness
(orgnet._limits.EXACT_BETWEENNESS_WORK, orgs x (orgs + linked pairs)). Times, medians of
--runs, what the commands do (Links.brokers with the default choice) and exact betweenness on:

- graphs at the bound (random links, seed 1; the work of each is 10^8): 10,000 orgs and no
  link, 8,000 and 4,500 pairs, 7,000 and 7,285, 6,000 and 10,666, 5,000 and 15,000, 2,000 and
  48,000, 1,000 and 99,000;
- the adversarial case of the issue: 19,999 organizations and 2 MB of links (57,000);
- the generated city (--city FOLDER, e.g. build/bench-data/city), exact only when under the
  bound.

    PYTHONPATH=bindings/python python3 tests/bench/brokers_bound.py [--runs 3] [--city DIR]
"""

import argparse
import random
import statistics
import time

import orgnet
from orgnet._limits import EXACT_BETWEENNESS_WORK
from orgnet.cobuild import broker_sampling, links


def network(orgs: int, pairs: int, seed: int = 1):
    rng = random.Random(seed)
    b = orgnet.Builder()
    b.add("orgs", id="R", name="root", kind="district")
    for i in range(1, orgs):
        b.add("orgs", id="O%d" % i, name="o%d" % i, kind="branch", parent="R")
    seen = set()
    while len(seen) < pairs:
        x, y = rng.randrange(orgs), rng.randrange(orgs)
        if x == y or (min(x, y), max(x, y)) in seen:
            continue
        seen.add((min(x, y), max(x, y)))
        b.add("links", a="O%d" % x if x else "R", b="O%d" % y if y else "R", kind="pairing",
              since="2020-01-01")
    return b.build()


def timed(f, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        f()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(label, net, runs, exact=True):
    with links(net, on=orgnet.EVERY_LINK) as graph:
        n, pairs = len(net.orgs), graph.pair_count
        samples, how = broker_sampling(n, None, pairs)
        chosen = timed(lambda: graph.brokers(10), runs)
        line = "%-34s orgs %7d  pairs %7d  work %.2e  -> %-36s %7.3f s" % (
            label, n, pairs, n * (n + pairs), how, chosen)
        if exact and samples != 0:
            line += "  (exact: %.3f s)" % timed(lambda: graph.betweenness(0), runs)
        print(line, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--city", help="a generated city's folder")
    args = parser.parse_args()
    print("bound: orgs x (orgs + pairs) <= %s; medians of %d runs" % (
        "{:,}".format(EXACT_BETWEENNESS_WORK), args.runs))
    for orgs, pairs in ((10000, 0), (8000, 4500), (7000, 7285), (6000, 10666), (5000, 15000),
                        (2000, 48000), (1000, 99000)):
        with network(orgs, pairs) as net:
            measure("at the bound", net, args.runs)
    with network(19999, 57000) as net:
        measure("adversarial (issue 24)", net, args.runs)
    if args.city:
        with orgnet.load(args.city) as net:
            measure("generated city", net, args.runs, exact=False)


if __name__ == "__main__":
    main()
