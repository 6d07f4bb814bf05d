"""Sizes at which the commands switch to methods of bounded cost (no ctypes: the command line
imports this before it loads the library)."""

#: Exact betweenness (Brandes) costs a breadth-first search from every organization:
#: O(orgs x (orgs + linked pairs)). Above this much work the commands (``orgnet links``,
#: ``orgnet demo``, ``orgnet report``) and ``Links.brokers`` estimate it from sampled sources
#: instead, whose cost is O(SAMPLED_SOURCES x (orgs + pairs)). At the bound exact betweenness
#: takes about 2 s (docs/benchmarks.md, "Brokers": tests/bench/brokers_bound.py).
EXACT_BETWEENNESS_WORK = 100_000_000
#: The sources sampled above that size.
SAMPLED_SOURCES = 256
