"""``orgnet export``: write the dataset for GIS, graph tools or spreadsheets."""

from __future__ import annotations

import sys

from ..service import DEFAULT_REACH_METRES
from . import _common as common


def register(sub) -> None:
    """Adds the command's parser to ``sub``."""
    p = sub.add_parser("export", help="write the dataset for GIS, graph tools or spreadsheets")
    common.add_dataset(p)
    p.add_argument("--format", required=True,
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
    p.set_defaults(run=run)


def run(args) -> int:
    """The dataset for another system: GeoJSON, GraphML, DOT, node-link JSON, CSV or xlsx."""
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
