"""The ``orgnet`` command line: check, tree, generate, coverage, findings, links, match, events,
centres, haves, edit, snapshot, demo. Every DATASET is a dataset folder or a snapshot file
(``orgnet snapshot`` writes one; it opens in milliseconds).

    python3 -m orgnet check DATASET
    python3 -m orgnet tree DATASET [ORG] [--depth N]
    python3 -m orgnet generate {district,city,national} OUT [--seed S] [--fraction F]
    python3 -m orgnet coverage DATASET [--by district|street|community|grid|org]
                                       [--as-of DATE] [--format table|csv|json]
    python3 -m orgnet findings DATASET [--rule CODE] [--as-of DATE] [--format ...] [--limit N]
    python3 -m orgnet links DATASET [--on DATE] [--kind K]... [--by LEVEL] [--format ...]
                                    [--partners ORG | --isolated | --clusters | --bridges |
                                     --articulation | --brokers N | --crossings |
                                     --path A B [--leadership] | --suggest ORG [--limit N]]
    python3 -m orgnet match DATASET [--scope linked|same_street|either] [--on DATE]
                                    [--kind K]... [--format ...] [--limit N]
    python3 -m orgnet events DATASET [--from DATE] [--to DATE] [--as-of DATE] [--by LEVEL]
                                     [--per total|category|month] [--hot-spots [N]] [--format ...]
    python3 -m orgnet centres DATASET [--radius M] [--by LEVEL] [--site K] [--functions]
                                      [--format ...]
    python3 -m orgnet haves DATASET [--year Y] [--radius M] [--by street|district] [--format ...]
    python3 -m orgnet edit DATASET BATCH.jsonl [-o OUT]
    python3 -m orgnet snapshot DATASET OUT
    python3 -m orgnet report DATASET -o report.html [--since OLD_DATASET]
    python3 -m orgnet export DATASET --format geojson|graphml|dot|json|csv|xlsx -o OUT
                             [--graph links|tree] [--lang zh] [--excel]
    python3 -m orgnet diff OLD NEW [--format table|csv|json] [--limit N]
    python3 -m orgnet follow URI [--mapping FILE] [--slot S] [--publication P]
                             [--on-bad stop|skip] [--count N] [--seconds S]
    python3 -m orgnet demo [DATASET]
    python3 -m orgnet --version

Every command takes -o/--output FILE: its results go to FILE (written whole, then renamed into
place) instead of stdout; for generate and snapshot it names the output in place of OUT, for
edit the folder the edited dataset is saved to. Dated commands say on stderr which date they
used. Exit codes: 0 done, 1 the dataset cannot be read or is invalid, 2 a usage error. On a
terminal, work that runs over a second shows its progress on stderr; Ctrl-C stops it.
"""

from __future__ import annotations

import argparse
import sys

from ..errors import Error
from . import _common as common
from . import (check, tree, generate_command, coverage, findings, links, match, events, centres, haves, edit, snapshot, diff_command, report_command, export_command, follow_command, demo_command)

__all__ = ["main", "build_parser"]

#: The commands, in the order --help lists them.
COMMANDS = (check, tree, generate_command, coverage, findings, links, match, events, centres, haves, edit, snapshot, diff_command, report_command, export_command, follow_command, demo_command)

#: Commands whose result is a file or folder they write themselves (OUT, or -o/--output).
_WRITING = ("generate", "snapshot", "edit", "report", "export")


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser: every command, option and argument with its help."""
    from .. import __version__, library_path, library_version
    parser = argparse.ArgumentParser(
        prog="orgnet", description=__doc__.split("\n")[0],
        epilog="Exit codes: 0 done; 1 the dataset cannot be read or is invalid; 2 a usage "
               "error (an unknown option, a bad value, date, id or kind).")
    version = "orgnet %s (liborgnet %s, %s)" % (__version__, library_version, library_path)

    class PrintVersion(argparse.Action):  # argparse's own "version" wraps long paths
        def __call__(self, parser, namespace, values, option_string=None):
            print(version)
            parser.exit()

    parser.add_argument("--version", action=PrintVersion, nargs=0,
                        help="print the version of the package and the library, and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    for name, command in sub.choices.items():
        if name not in ("generate", "follow"):
            common.add_view(command)
        if name != "export" and any(action.dest == "format" for action in command._actions):
            common.add_output_options(command)
        if name not in ("edit",):  # edit's -o/--output is the edited dataset's folder
            command.add_argument(
                "-o", "--output", metavar="FILE",
                help=("write the result here instead of OUT" if name in _WRITING else
                      "write the results to FILE (replaced when complete) instead of stdout"))
    return parser


def main(argv=None) -> int:
    """Entry point of ``python3 -m orgnet`` and the ``orgnet`` script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    common.OUTPUT["lang"] = getattr(args, "lang", "en")
    common.OUTPUT["excel"] = getattr(args, "excel", False)
    common.OUTPUT["raw_cells"] = getattr(args, "raw_cells", False)
    if args.command == "export":
        from . import export_command
        export_command.check_arguments(parser, args)
        args.out, args.output = args.output, None
    if args.command == "report":
        if not args.output:
            parser.error("%s: the output is missing (-o/--output FILE)" % args.command)
        args.out, args.output = args.output, None
    if args.command in ("generate", "snapshot"):
        if args.out and args.output and args.out != args.output:
            parser.error("%s: OUT %r and -o %r differ; give one" % (args.command, args.out,
                                                                   args.output))
        args.out = args.out or args.output
        if not args.out:
            parser.error("%s: the output is missing (OUT or -o/--output)" % args.command)
        args.output = None
    if sys.stderr.isatty():
        from .. import progress
        progress.default = progress.TerminalProgress(sys.stderr)
    # Tables, trees and messages are for people: no text from the data reaches a terminal or
    # such a file raw (CSV and JSON, for programs, keep the data as they are).
    from .._format import PeopleText
    args.for_people = getattr(args, "format", "table") not in ("csv", "json")
    saved = sys.stdout, sys.stderr
    sys.stderr = PeopleText(sys.stderr)
    if args.for_people:
        sys.stdout = PeopleText(sys.stdout)
    try:
        if getattr(args, "output", None):
            return _to_file(args, args.output)
        return args.run(args)
    except BrokenPipeError:
        return 0
    except Error as e:  # a library error is a message, never a traceback
        print("orgnet: %s" % e, file=sys.stderr)
        return 2
    finally:
        sys.stdout, sys.stderr = saved


def _to_file(args, path: str) -> int:
    """Runs the command with stdout going to ``path`` (orgnet.output: an exclusive temporary
    file renamed over it when the command succeeds; a failed run leaves any earlier file as
    it was)."""
    from ..output import OutputFile
    from .._format import PeopleText
    saved = sys.stdout
    out = OutputFile(path)
    try:
        sys.stdout = PeopleText(out) if args.for_people else out
        code = args.run(args)
        sys.stdout = saved
        if code == 0:
            out.commit()
        return code
    finally:
        sys.stdout = saved
        out.close()
