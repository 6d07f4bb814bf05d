"""Finds liborgnet: $ORGNET_LIBRARY, then next to this package, then the source tree's build."""

from __future__ import annotations

import glob
import os

__all__ = ["find_library", "candidates"]

_NAMES = ("liborgnet.so", "liborgnet.so.0", "liborgnet.dylib", "orgnet.dll")


def candidates() -> list:
    """The paths tried, in order."""
    out = []
    env = os.environ.get("ORGNET_LIBRARY")
    if env:
        out.append(env)
    here = os.path.dirname(os.path.abspath(__file__))
    out.extend(os.path.join(here, name) for name in _NAMES)
    # bindings/python/orgnet -> the repository root -> build trees.
    root = os.path.normpath(os.path.join(here, "..", "..", ".."))
    for build in [os.path.join(root, "build")] + sorted(glob.glob(os.path.join(root, "build*"))):
        out.extend(os.path.join(build, name) for name in _NAMES)
    return out


def find_library() -> str:
    """The first candidate that exists; raises OSError naming every path tried."""
    tried = candidates()
    for path in tried:
        if os.path.isfile(path):
            return path
    raise OSError("liborgnet not found; set ORGNET_LIBRARY to its path. Tried:\n  " +
                  "\n  ".join(tried))
