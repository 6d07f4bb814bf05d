#!/usr/bin/env python3
"""What Python adds to a live edit: one member's name set in place on the generated city,
through Network.edit (the batch made each time), timed over repeated runs; prints the median.

    python3 tests/bench/edit_python.py [DATASET]      (default build/bench-data/city)
"""

import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "bindings", "python"))
import orgnet  # noqa: E402


def main(argv):
    path = argv[1] if len(argv) > 1 else "build/bench-data/city"
    with orgnet.Network.load(path) as net:
        members = net.members
        ids = [members.id(r) for r in range(0, len(members), max(1, len(members) // 1000))]
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            for i, member in enumerate(ids):
                edited = net.edit(orgnet.EditBatch().set("members", member, "name", "n%d" % i))
                edited.close()
            runs.append((time.perf_counter() - started) / len(ids) * 1e6)
        print("Network.edit, one member's name, in place: median %.1f us an edit (%d edits x 5 runs)"
              % (statistics.median(runs), len(ids)))


if __name__ == "__main__":
    main(sys.argv)
