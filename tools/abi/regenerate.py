"""What the ABI tools share: a generated file is either checked (--check: exit 1 when the
committed file differs) or replaced whole, through an exclusive temporary file beside it,
synced and renamed over it, so that an interrupted run leaves the old file or the new one."""

from __future__ import annotations

import os
import sys
import tempfile
from typing import List

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def write_or_check(path: str, text: str, command: str, argv: List[str]) -> int:
    """Checks @p path against @p text (``--check`` in @p argv) or replaces it; ``command`` is
    what regenerates it, named in the message of a stale file."""
    if "--check" in argv:
        with open(path, encoding="utf-8") as f:
            if f.read() != text:
                print("%s is stale: run %s" % (os.path.relpath(path, ROOT), command),
                      file=sys.stderr)
                return 1
        return 0
    folder = os.path.dirname(path)
    descriptor, temporary = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".",
                                             dir=folder)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as a plain open() would make it
        with os.fdopen(descriptor, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return 0
