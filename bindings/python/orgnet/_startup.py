"""What the command line does when the package cannot start (no usable liborgnet): the
package's import raises as any library's would, but ``python3 -m orgnet`` and the installed
``orgnet`` script import the package before their own code runs, so the message is printed
here, without a traceback, and the command exits 1."""

from __future__ import annotations

import os
import sys


def started_as_command() -> bool:
    """Whether this process is the orgnet command line (``python3 -m orgnet ...`` or the
    ``orgnet`` script), as opposed to a program importing the package."""
    argv = getattr(sys, "orig_argv", [])
    for i, arg in enumerate(argv[:-1]):
        if arg == "-m":
            return argv[i + 1] in ("orgnet", "orgnet.cli")
    return bool(sys.argv) and os.path.basename(sys.argv[0]) == "orgnet"


def exit_if_command(error: BaseException) -> None:
    """Ends the command line with ``orgnet: MESSAGE`` and exit code 1; returns otherwise."""
    if started_as_command():
        print("orgnet: %s" % error, file=sys.stderr)
        sys.exit(1)
