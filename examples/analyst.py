#!/usr/bin/env python3
"""The worked example of docs/python.md, runnable: the lowest-coverage communities of a dataset
as a pandas DataFrame, and their chart when matplotlib is installed.

    PYTHONPATH=bindings/python /usr/bin/python3 examples/analyst.py [DATASET] [--chart FILE.png]
"""

import argparse
import os
import sys

import orgnet

HERE = os.path.dirname(os.path.abspath(__file__))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dataset", nargs="?", default=os.path.join(HERE, "district"))
    parser.add_argument("--chart", help="save a bar chart of the ten lowest here (matplotlib)")
    args = parser.parse_args()
    with orgnet.Network.open(args.dataset) as net, orgnet.coverage(net) as cov:
        print("coverage as of %s (the dataset's as_of)" % cov.as_of)
        frame = cov.table("community").to_pandas()
        lowest = (frame[frame["units_counted"] > 0]
                  .sort_values(["org_coverage_rate", "id"])
                  .head(10)[["id", "name", "units_counted", "units_none", "org_coverage_rate"]])
        print(lowest.to_string(index=False))
        # Whole columns at C speed: every member's community, as rows, in one call.
        members = net.members.to_pandas()
        per_community = members.groupby("community", observed=True).size()
        print("members in the lowest community: %d" % per_community.get(lowest["id"].iloc[0], 0))
        if args.chart:
            try:
                import matplotlib
                matplotlib.use("Agg")
                import matplotlib.pyplot as plt
            except ImportError:
                print("--chart needs matplotlib (Debian: python3-matplotlib)", file=sys.stderr)
                return 1
            axes = lowest.plot.barh(x="id", y="org_coverage_rate", legend=False)
            axes.set_xlabel("organization coverage rate")
            plt.tight_layout()
            plt.savefig(args.chart)
            print("chart saved to %s" % args.chart)
    return 0


if __name__ == "__main__":
    sys.exit(main())
