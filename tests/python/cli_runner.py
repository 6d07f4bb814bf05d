"""Runs the orgnet command line in-process for the tests: (exit code, standard output)."""

import contextlib
import io

from orgnet.cli import main


def run_cli(*argv):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(list(argv))
    return code, out.getvalue()
