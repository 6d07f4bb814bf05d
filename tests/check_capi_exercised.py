#!/usr/bin/env python3
"""Fails when a function declared in include/orgnet/orgnet.h is referenced by no test object
that ctest runs (nm -u over the objects of the test programs), so that every C function is
exercised. The list of functions comes from the ABI's description (tools/abi/orgnet_abi.json,
made from the header by libclang).

    python3 tests/check_capi_exercised.py BUILD_TESTS_DIR
"""

import glob
import json
import os
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def main(argv):
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with open(os.path.join(ROOT, "tools", "abi", "orgnet_abi.json"), encoding="utf-8") as f:
        declared = [function["name"] for function in json.load(f)["functions"]]
    objects = sorted(glob.glob(os.path.join(argv[0], "CMakeFiles", "*.dir", "**", "*.o"),
                               recursive=True))
    if not objects:
        print("no test objects under %s" % argv[0], file=sys.stderr)
        return 2
    referenced = set()
    for path in objects:
        out = subprocess.run(["nm", "-u", path], stdout=subprocess.PIPE, check=True).stdout
        referenced.update(line.split()[-1] for line in out.decode().splitlines() if line.split())
    missing = [name for name in declared if name not in referenced]
    print("%d C functions declared, %d referenced by %d test objects" %
          (len(declared), len(declared) - len(missing), len(objects)))
    if missing:
        print("not exercised by any test: " + ", ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
