"""What the command line's commands share: opening a dataset (folder or snapshot, with
views), the argument types, and writing results as a table, CSV or JSON."""

from __future__ import annotations

import argparse
import os
import sys

from ..coverage import ROLLUPS
from .._format import json_default, number, table
from ..errors import Error


#: The roll-ups as the command line offers them: the territory's levels widest first, then the
#: leadership tree.
ROLLUPS_WIDEST_FIRST = sorted(ROLLUPS, key=lambda r: (r == "org", -ROLLUPS.index(r)))


TERRITORIAL = [r for r in ROLLUPS_WIDEST_FIRST if r != "org"]


_HERE = os.path.dirname(os.path.abspath(__file__))


#: The bundled demo dataset, in the source tree.
BUNDLED = os.path.normpath(os.path.join(_HERE, "..", "..", "..", "..", "examples", "district"))


def is_database(source: str) -> bool:
    """Whether a DATASET argument names a database (a libpq URI or conninfo) rather than a
    folder or snapshot file (a path that exists is always a path)."""
    from ..network import is_database_uri
    return is_database_uri(source) and not os.path.exists(source)


def shown_dataset(source: str) -> str:
    """A DATASET argument as output shows it: a database URI or conninfo without its password."""
    import re
    if not is_database(source):
        return source
    text = re.sub(r"^(postgres(?:ql)?://[^/@:?#]*):[^@/?#]*@", r"\1:***@", source)
    text = re.sub(r"([?&]password=)[^&#]*", r"\1***", text)
    return re.sub(r"(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", r"\1***", text)


def load_dataset(path: str, max_errors: int = 20, views=None, mapping=None):
    """A dataset folder (loaded and checked), a snapshot file (opened, verified) or a
    database URI (read with ``mapping``, a JSON file); with ``views`` (from ``--view``), the
    scoped view of their union (personal fields masked)."""
    from ..errors import InvalidArgumentError
    from ..network import Network
    if is_database(path):
        net = Network.load(path, max_errors=max_errors, mapping=mapping)
    elif mapping is not None:
        raise InvalidArgumentError("--mapping: only for a database URI; %s is a path" % path)
    elif os.path.isfile(path):
        net = Network.open(path)
    else:
        net = Network.load(path, max_errors=max_errors)
    if not views:
        return net
    with net:
        return net.scope(orgs=[v for k, v in views if k == "org"],
                         places=[v for k, v in views if k == "place"])


def open_dataset(path: str, views=None, mapping=None):
    """The network at ``path`` (scoped by ``views``; a database read with ``mapping``), or
    None after printing why it cannot be loaded or scoped."""
    try:
        return load_dataset(path, views=views, mapping=mapping)
    except Error as e:
        print(str(e), file=sys.stderr)
        return None


def add_dataset(parser, name: str = "dataset", help: str = None, mapping: bool = True) -> None:
    """The DATASET argument and (unless ``mapping`` is False: a second DATASET of the same
    command) --mapping, how a database's tables map to the dataset's."""
    parser.add_argument(name, help=help or DATASET_HELP)
    if mapping:
        parser.add_argument(
            "--mapping", metavar="FILE",
            help="for a database DATASET: the JSON mapping of the dataset's tables and columns "
                 "to the database's (docs/database.md); default: the dataset's own names")


def view_argument(text: str):
    """``org:ID`` or ``place:ID`` (an argparse type for ``--view``)."""
    kind, sep, value = text.partition(":")
    if not sep or kind not in ("org", "place") or not value:
        raise argparse.ArgumentTypeError(
            "expected org:ID or place:ID (a grid, or a district, street or community); got %r"
            % text)
    return kind, value


def add_view(parser) -> None:
    parser.add_argument(
        "--view", action="append", type=view_argument, metavar="org:ID|place:ID",
        help="answer within a scoped view (repeatable: the union): an organization's subtree "
             "and territory, or everything located in a place; personal fields masked "
             "(docs/permission.md)")


def print_diagnostics(title: str, diagnostics, total: int, limit: int, out) -> None:
    if not diagnostics:
        return
    print("%s (%s%s):" % (title, number(total),
                          ", first %d shown" % limit if total > limit else ""), file=out)
    for d in diagnostics[:limit]:
        print("  " + d.text, file=out)


def as_of(text):
    import datetime
    return datetime.date.fromisoformat(text) if text else None


def date_text(text: str) -> str:
    """An argparse type for date options: YYYY-MM-DD (kept as text), else a usage error."""
    import datetime
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("%r is not a date YYYY-MM-DD" % text) from None
    return text


def link_date(text: str) -> str:
    """--on: a date, or "all" (every link whatever its dates)."""
    return text if text == "all" else date_text(text)


def emit(rows, headers, numeric, fmt, out=None):
    """Writes rows as an aligned table, CSV or JSON (a list of objects), with the share
    convention of docs/output.md: in CSV and JSON a share is a fraction in [0, 1] written with
    the shortest digits that read back to the same double, and empty (CSV) or null (JSON) when
    its denominator is 0; percentages only in the aligned table. ``--lang zh`` gives Chinese
    headers to CSV and tables (JSON keys stay the English names programs read), ``--excel`` a
    UTF-8 byte-order mark and CRLF line ends in CSV."""
    import csv
    import json
    from ..columns import header, short_header
    from .._format import cell, json_value, spreadsheet_text
    out = out or sys.stdout
    names = [header(h, OUTPUT["lang"]) for h in headers]
    if fmt == "csv":
        # CSV for Excel is read by a spreadsheet: text it would evaluate gets a leading '.
        neutral = spreadsheet_text if OUTPUT["excel"] and not OUTPUT["raw_cells"] else None
        if OUTPUT["excel"]:
            out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\r\n" if OUTPUT["excel"] else "\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow([cell(neutral(v) if neutral else v) for v in row])
    elif fmt == "json":
        json.dump([dict(zip(headers, (json_value(v) for v in row))) for row in rows], out,
                  ensure_ascii=False, default=json_default, indent=1)
        out.write("\n")
    else:
        shown = [[shown_value(h, v) for h, v in zip(headers, row)] for row in rows]
        labels = names if OUTPUT["lang"] == "zh" else [short_header(h) for h in headers]
        out.write(table(labels, shown, numeric) + "\n")


def shown_value(name: str, value):
    """A cell of a table for people: shares as percentages, other fractions to two places."""
    import math
    if not isinstance(value, float):
        return value
    if math.isnan(value):
        return None
    from ..columns import is_share
    if is_share(name):
        return "%.1f%%" % (100 * value)
    return "%.2f" % value


#: Output options every command shares (set from --lang and --excel by main()).
OUTPUT = {"lang": "en", "excel": False, "raw_cells": False}


COVERAGE_COLUMNS = ["id", "name", "units_counted", "units_own", "units_joint", "units_work",
                     "units_none", "org_coverage_rate", "separate_org_rate", "work_coverage_rate",
                     "grids", "grids_managed", "managers_per_grid", "members",
                     "member_attachment_rate", "member_registration_rate"]


def link_scope(args) -> str:
    on = getattr(args, "on_resolved", None)
    when = "active on %s" % on if on else "every date"
    kinds = ", ".join(args.kind) if args.kind else "all kinds"
    return "%s; %s" % (when, kinds)


def say_date_used(command: str, net, given, what: str, day) -> None:
    """Says on stderr which date a command used (issue 14: one default date), so that a CSV or
    JSON on stdout stays data alone."""
    if given:
        source = "given"
    elif net.as_of is not None:
        source = "the dataset's as_of"
    else:
        source = "the dataset has no as_of: %s" % (
            "every link counts" if day is None else "the latest date in the data")
    print("orgnet %s: %s %s (%s)" % (command, what, day if day is not None else "every date",
                                      source), file=sys.stderr)


def argument_type(convert, valid, what: str):
    """An argparse type: ``convert(text)`` when it succeeds and ``valid`` holds, else a usage
    error (exit code 2) saying what the option takes."""
    def parse(text: str):
        try:
            value = convert(text)
        except ValueError:
            value = None
        if value is None or not valid(value):
            raise argparse.ArgumentTypeError("%r is not %s" % (text, what))
        return value
    return parse


def _finite_above_zero(value: float) -> bool:
    import math
    return math.isfinite(value) and value > 0


DATASET_HELP = ("a dataset folder, a snapshot file or a PostgreSQL-protocol database "
                "(postgresql://... URI or libpq conninfo)")


count = argument_type(int, lambda v: v >= 0, "a count (a whole number, 0 or more)")


metres = argument_type(float, _finite_above_zero, "a distance above 0")


year = argument_type(int, lambda v: 1 <= v <= 9999, "a year from 1 to 9999")


def add_output_options(parser) -> None:
    parser.add_argument("--lang", choices=["en", "zh"], default="en",
                        help="column headers of CSV and tables: en (the names, default) or zh "
                             "(Chinese); JSON keys stay the names")
    parser.add_argument("--excel", action="store_true",
                        help="CSV for Excel: a UTF-8 byte-order mark and CRLF line ends")
    add_raw_cells(parser)


def add_raw_cells(parser) -> None:
    parser.add_argument(
        "--raw-cells", action="store_true",
        help="write text cells for spreadsheets (--excel CSV, the export's CSV and xlsx) as "
             "stored; by default text starting with = + - @ TAB or CR gets a leading ' so that "
             "a spreadsheet shows it instead of evaluating it (formula injection)")


def add_format(parser) -> None:
    """--format: an aligned table for people (the default), CSV or JSON for programs."""
    parser.add_argument("--format", choices=["table", "csv", "json"], default="table",
                        help="a table for people (default), CSV or JSON for programs")
