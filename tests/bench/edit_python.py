#!/usr/bin/env python3
"""What Python adds to a live edit: one member's name set in place on the generated city,
through Network.edit (the batch made each time), timed over repeated runs; prints the median.
Then an event closed (its `resolved` and `level` set), a member transferred to another branch
(its `org` set), a link removed and an event reported (inserted), in place since issue 25's
first steps, from the loaded version each time; then issue 25's other everyday edits: a unit
registered, a branch founded under a community, an organization's kind set and a community
moved under another street (each from the loaded version).

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
        events = net.events
        open_ids = [i for i, r in zip(events.ids(), events.column("resolved")) if r is None]
        open_ids = open_ids[::max(1, len(open_ids) // 1000)]
        day = max(d for d in events.column("reported") if d is not None).isoformat()
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            for event in open_ids:
                batch = orgnet.EditBatch().set("events", event, "resolved", day)
                edited = net.edit(batch.set("events", event, "level", "grid"))
                edited.close()
            runs.append((time.perf_counter() - started) / len(open_ids) * 1e6)
        print("Network.edit, an event closed (resolved and level), in place: median %.1f us an "
              "edit (%d edits x 5 runs)" % (statistics.median(runs), len(open_ids)))
        orgs = net.orgs
        branches = [i for i, k in zip(orgs.ids(), orgs.column("kind")) if k == "branch"]
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            for i, member in enumerate(ids):
                batch = orgnet.EditBatch().set("members", member, "org",
                                               branches[i % len(branches)])
                edited = net.edit(batch)
                edited.close()
            runs.append((time.perf_counter() - started) / len(ids) * 1e6)
        print("Network.edit, a member transferred to another branch, in place: median %.1f us "
              "an edit (%d edits x 5 runs)" % (statistics.median(runs), len(ids)))
        links = net.links
        a, b, kinds = links.column("a"), links.column("b"), links.column("kind")
        since = links.column("since")
        picked = list(range(0, len(links), max(1, len(links) // 300)))
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            for r in picked:
                batch = orgnet.EditBatch().remove_link(
                    a[r], b[r], kinds[r], since[r].isoformat() if since[r] else "")
                edited = net.edit(batch)
                edited.close()
            runs.append((time.perf_counter() - started) / len(picked) * 1e6)
        print("Network.edit, a link removed, in place: median %.1f us an edit (%d edits x 5 runs)"
              % (statistics.median(runs), len(picked)))
        grids = net.grids.ids()[::max(1, len(net.grids) // 1000)]
        runs = []
        for n in range(5):
            started = time.perf_counter()
            for i, grid in enumerate(grids):
                batch = orgnet.EditBatch().insert("events", id="bench-%d-%d" % (n, i), grid=grid,
                                                  category="repair", reported=day)
                edited = net.edit(batch)
                edited.close()
            runs.append((time.perf_counter() - started) / len(grids) * 1e6)
        print("Network.edit, an event reported (inserted), in place: median %.1f us an edit "
              "(%d edits x 5 runs)" % (statistics.median(runs), len(grids)))
        kinds = orgs.column("kind")
        communities = [i for i, k in zip(orgs.ids(), kinds) if k == "community"]
        streets = [i for i, k in zip(orgs.ids(), kinds) if k == "street"]

        def timed(what, make, count):
            runs = []
            for n in range(5):
                started = time.perf_counter()
                for i in range(count):
                    edited = net.edit(make(n, i))
                    edited.close()
                runs.append((time.perf_counter() - started) / count * 1e6)
            print("Network.edit, %s, in place: median %.1f us an edit (%d edits x 5 runs)"
                  % (what, statistics.median(runs), count))

        timed("a unit registered (inserted)",
              lambda n, i: orgnet.EditBatch().insert("units", id="bench-u-%d-%d" % (n, i),
                                                     name="新企业", grid=grids[i % len(grids)]),
              300)
        timed("a branch founded under a community",
              lambda n, i: orgnet.EditBatch().add_org("bench-o-%d-%d" % (n, i), "新支部", "branch",
                                                      parent=communities[i % len(communities)]),
              100)
        timed("an organization's kind set (a branch made joint)",
              lambda n, i: orgnet.EditBatch().set("orgs", branches[i], "kind", "joint"), 100)
        timed("a community moved under another street",
              lambda n, i: orgnet.EditBatch().reparent(communities[i * 7],
                                                       streets[(i * 13) % len(streets)]),
              100)


if __name__ == "__main__":
    main(sys.argv)
