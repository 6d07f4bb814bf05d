"""Finds liborgnet: $ORGNET_LIBRARY, then next to this package, then the source tree's build,
then the platform's library search path (where ``cmake --install`` into a system prefix puts
it: the dynamic loader finds liborgnet.so.1 there, as it does through LD_LIBRARY_PATH)."""

from __future__ import annotations

import glob
import os

__all__ = ["find_library", "candidates"]

_NAMES = ("liborgnet.so", "liborgnet.so.1", "liborgnet.dylib", "orgnet.dll")


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


#: The names the dynamic loader is asked for when no candidate file exists.
SYSTEM_NAMES = ("liborgnet.so.1", "liborgnet.1.dylib", "orgnet.dll")


def find_library() -> str:
    """The first candidate that exists, else a name the platform's loader resolves (its
    search path: /usr/local/lib and the like after ldconfig, LD_LIBRARY_PATH); raises OSError
    naming every path tried, or naming $ORGNET_LIBRARY when it is set to a missing file."""
    tried = candidates()
    env = os.environ.get("ORGNET_LIBRARY")
    if env and not os.path.isfile(env):
        # A library named explicitly is the one wanted: no silent fallback to another.
        raise OSError("ORGNET_LIBRARY=%s: no such file" % env)
    for path in tried:
        if os.path.isfile(path):
            return path
    import ctypes
    for name in SYSTEM_NAMES:
        try:
            ctypes.CDLL(name)
        except OSError:
            continue
        return loaded_path(name)
    raise OSError("liborgnet not found; set ORGNET_LIBRARY to its path. Tried:\n  " +
                  "\n  ".join(tried + ["%s on the library search path" % n for n in SYSTEM_NAMES]))


def loaded_path(name: str) -> str:
    """The file a loaded library came from (Linux: /proc/self/maps), else ``name``."""
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split(None, 5)[-1].strip() if len(line.split(None, 5)) == 6 else ""
                if os.path.basename(path).startswith(name.split(".so")[0] + ".so"):
                    return path
    except OSError:
        pass
    return name
