#!/usr/bin/env python3
"""Fails when the folders of src/ include one another in a circle, or when a folder includes
one above it in the documented order (docs/conventions.md, "Layers"):

    base -> model -> hierarchy, territory -> service -> scope -> build -> load, snapshot
         -> coverage, cobuild, diff, batch, output -> database

A folder may include its own headers and those of folders before it (orgnet/ public headers
and Abseil anywhere). capi/ is checked apart: it includes only orgnet/, capi/ and Abseil.

    python3 tests/check_layers.py
"""

import glob
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
ORDER = [["base"], ["model"], ["hierarchy", "territory"], ["service"], ["scope"], ["build"],
         ["load", "snapshot"], ["coverage", "cobuild", "diff", "batch", "output"], ["database"]]


def main() -> int:
    rank = {folder: i for i, layer in enumerate(ORDER) for folder in layer}
    folders = sorted(os.path.basename(p) for p in glob.glob(os.path.join(ROOT, "src", "*"))
                     if os.path.isdir(p))
    unplaced = [f for f in folders if f not in rank]
    problems = ["src/%s: not in the layer order" % f for f in unplaced]
    for folder in folders:
        for path in sorted(glob.glob(os.path.join(ROOT, "src", folder, "*"))):
            for number, line in enumerate(open(path, encoding="utf-8"), 1):
                m = re.match(r'\s*#\s*include\s+"([a-z_]+)/', line)
                if not m or m.group(1) in ("orgnet", "absl") or m.group(1) == folder:
                    continue
                target = m.group(1)
                if target not in rank or folder not in rank or rank[target] >= rank[folder]:
                    problems.append("%s:%d: src/%s includes %s (not a layer before it)" % (
                        os.path.relpath(path, ROOT), number, folder, line.strip()))
    for problem in problems:
        print(problem, file=sys.stderr)
    print("%d folders of src/ checked against the layer order: %s" % (
        len(folders), "ok" if not problems else "%d problems" % len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
