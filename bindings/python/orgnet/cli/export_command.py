"""``orgnet export``: write the dataset for GIS, graph tools or spreadsheets, or the analyses'
results to the application's database (``--to URI``)."""

from __future__ import annotations

import sys

from ..service import DEFAULT_REACH_METRES
from . import _common as common


def register(sub) -> None:
    """Adds the command's parser to ``sub``."""
    p = sub.add_parser("export", help="write the dataset for GIS, graph tools or spreadsheets, "
                                      "or the results to a database (--to)")
    common.add_dataset(p)
    p.add_argument("--format",
                   choices=["geojson", "graphml", "dot", "json", "csv", "xlsx"],
                   help="geojson (grids, units, centres, reach circles), graphml, dot or json "
                        "(networkx node-link) of --graph, csv (a folder, one file a table) or "
                        "xlsx (one sheet a table; needs python3-openpyxl)")
    p.add_argument("--graph", choices=["links", "tree"], default="links",
                   help="for graphml, dot and json: the link graph (default) or the "
                        "leadership tree")
    p.add_argument("--radius", type=common.metres, default=DEFAULT_REACH_METRES,
                   help="geojson: the centres' reach in metres (default %g)" % DEFAULT_REACH_METRES)
    p.add_argument("--lang", choices=["en", "zh"], default="en",
                   help="csv and xlsx column headers: en (the names) or zh (Chinese)")
    p.add_argument("--excel", action="store_true",
                   help="csv for Excel: a UTF-8 byte-order mark and CRLF line ends")
    common.add_raw_cells(p)
    db = p.add_argument_group(
        "results to a database", "instead of --format and -o: compute the analyses with their "
        "defaults and write their results to the database URI in one transaction, replacing "
        "the rows of the run key (docs/database.md, \"Writing results\")")
    db.add_argument("--to", metavar="URI", help="the database (a libpq URI or conninfo)")
    db.add_argument("--run-key", metavar="KEY", help="the run's key, in every row (required "
                    "with --to; a second write of the key replaces the first)")
    db.add_argument("--results", type=_results, default=list(RESULTS),
                    metavar="LIST", help="which results, comma-separated (default all: %s)"
                    % ",".join(RESULTS))
    db.add_argument("--schema", metavar="NAME",
                    help="the schema of the tables not named with one (default: search_path)")
    db.add_argument("--table", action="append", default=[], type=_table, metavar="RESULT=NAME",
                    help="the table a result table is written to, e.g. "
                         "coverage_rollup=dash.coverage (repeatable; default orgnet_RESULT)")
    p.set_defaults(run=run)


#: The results --to writes, in order (the kinds a result writer takes).
from ..results import RESULT_KINDS as RESULTS  # noqa: E402


def _results(text: str):
    import argparse
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in RESULTS]
    if unknown or not names:
        raise argparse.ArgumentTypeError("expected a comma-separated list of %s; got %r"
                                         % (", ".join(RESULTS), text))
    return names


def _table(text: str):
    import argparse
    from ..results import RESULT_TABLES
    result, sep, name = text.partition("=")
    if not sep or result not in RESULT_TABLES or not name:
        raise argparse.ArgumentTypeError("expected RESULT=NAME with RESULT one of %s; got %r"
                                         % (", ".join(RESULT_TABLES), text))
    return result, name


def check_arguments(parser, args) -> None:
    """--to and --format exclude each other; each needs its own companions."""
    if args.to is not None:
        if args.format is not None or args.output:
            parser.error("export: --to writes to a database; --format and -o write files: "
                         "give one")
        if not args.run_key:
            parser.error("export: --to needs --run-key KEY")
        return
    if args.run_key or args.table or args.schema:
        parser.error("export: --run-key, --table and --schema go with --to URI")
    if args.format is None:
        parser.error("export: give --format FORMAT and -o FILE, or --to URI")
    if not args.output:
        parser.error("export: the output is missing (-o/--output FILE)")


def run_to_database(args) -> int:
    """The analyses' results written to the database --to."""
    from .. import coverage, events, haves, match, reach
    from ..results import ResultWriter
    compute = {"coverage": coverage, "matching": match, "events": events, "reach": reach,
               "haves": haves}
    net = common.open_dataset(args.dataset, args.view, args.mapping)
    if net is None:
        return 1
    from ..errors import Error
    with net:
        try:
            with ResultWriter(args.run_key, tables=dict(args.table),
                              schema=args.schema) as writer:
                results = [compute[name](net) for name in args.results]
                try:
                    for result in results:
                        writer.add(result)
                    written = writer.write(args.to)
                finally:
                    for result in results:
                        result.close()
                names = {table: writer.table_name(table) for table in written}
        except Error as e:
            print("orgnet export: %s" % e, file=sys.stderr)
            return 1
    common.emit([(names[t], rows) for t, rows in written.items()], ["table", "rows"], [1],
                "table")
    print("orgnet export: wrote run %r to %s (%d tables, %d rows)" % (
        args.run_key, common.shown_dataset(args.to), len(written), sum(written.values())),
        file=sys.stderr)
    return 0


def run(args) -> int:
    """The dataset for another system: GeoJSON, GraphML, DOT, node-link JSON, CSV or xlsx;
    or the results in a database."""
    if args.to is not None:
        return run_to_database(args)
    from ..export import OutputWarning, export
    net = common.open_dataset(args.dataset, args.view, args.mapping)
    if net is None:
        return 1
    with net:
        try:
            import warnings
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", OutputWarning)
                export(net, args.format, args.out, graph=args.graph, radius=args.radius,
                       lang=args.lang, excel=args.excel, raw_cells=args.raw_cells)
            for warning in caught:
                print("orgnet export: warning: %s" % warning.message, file=sys.stderr)
        except ImportError as e:
            print("orgnet export: %s" % e, file=sys.stderr)
            return 1
    print("orgnet export: wrote %s (%s)" % (args.out, args.format), file=sys.stderr)
    return 0
