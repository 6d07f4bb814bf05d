"""Exports for the offices' own systems: GeoJSON for GIS, GraphML, DOT and networkx's JSON
node-link format for graph tools, CSV (optionally for Excel) and xlsx for spreadsheets.

    orgnet.export(net, "geojson", "district.geojson")
    orgnet.export(net, "graphml", "tree.graphml", graph="tree")
    orgnet.export(net, "csv", "tables/", excel=True, lang="zh")   # a folder, one file a table
    orgnet.export(net, "xlsx", "district.xlsx")                     # needs openpyxl

Shares follow docs/output.md (fractions with round-trip digits, empty/null over nothing).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import math
import os
from typing import Dict, Iterable, List, Optional, Sequence, Tuple
from xml.sax.saxutils import escape, quoteattr

from .network import TABLES
from .service import DEFAULT_REACH_METRES
from .columns import header
from ._format import cell, json_default, json_value, spreadsheet_text, xlsx_text, xml_text
from .graphs import check_graph, edges as graph_edges, nodes as graph_nodes
from .output import OutputFolder, write_bytes, write_text

__all__ = ["OutputWarning", "FORMATS", "EXCEL_ROWS", "export", "tables", "grid_status", "geojson", "graphml",
           "dot", "node_link"]

#: The export formats.
FORMATS = ("geojson", "graphml", "dot", "json", "csv", "xlsx")
#: Data rows per xlsx sheet (Excel's 1,048,576 rows, one of them the header); a longer table is
#: split into numbered sheets ("members", "members 2", ...).
EXCEL_ROWS = 1_048_575


def grid_status(row) -> str:
    """A grid's coverage (a coverage row of the grid roll-up): covered (every counted unit has
    an organization), partly (some have work coverage only or none), blind (no counted unit
    has an organization or work coverage), empty (no counted unit)."""
    if not row.units_counted:
        return "empty"
    if row.units_none == row.units_counted:
        return "blind"
    if row.units_none or row.units_work:
        return "partly"
    return "covered"


def _circle(lon: float, lat: float, metres: float, vertices: int = 64) -> List[List[float]]:
    """A circle of ``metres`` around a point as a closed ring (spherical offsets)."""
    radius = 6_371_008.8
    d = metres / radius
    phi, lam = math.radians(lat), math.radians(lon)
    ring = []
    for k in range(vertices):
        bearing = 2 * math.pi * k / vertices
        phi2 = math.asin(math.sin(phi) * math.cos(d) +
                         math.cos(phi) * math.sin(d) * math.cos(bearing))
        lam2 = lam + math.atan2(math.sin(bearing) * math.sin(d) * math.cos(phi),
                                math.cos(d) - math.sin(phi) * math.sin(phi2))
        ring.append([round(math.degrees(lam2), 7), round(math.degrees(phi2), 7)])
    ring.append(ring[0])
    return ring


def geojson(net, radius: float = DEFAULT_REACH_METRES) -> dict:
    """A FeatureCollection: grids (points, with their coverage), units (at their grid's point),
    centres (points) and each centre's reach (a 64-gon of ``radius`` metres). Features without
    coordinates are left out and counted in the collection's ``unplaced``."""
    from .coverage import coverage
    grids = net.grids
    ids, names, lon, lat = grids.ids(), grids.column("name"), grids.column("lon"), \
        grids.column("lat")
    community = grids.column("community")
    households = grids.column("households")
    at = {ids[i]: (lon[i], lat[i]) for i in range(len(ids))}
    features, unplaced = [], {"grids": 0, "units": 0, "centres": 0}
    with coverage(net) as cov:
        by_grid = {r.id: r for r in cov.table("grid")}
        units = cov.units()
    for i, ident in enumerate(ids):
        if lon[i] is None or lat[i] is None:
            unplaced["grids"] += 1
            continue
        r = by_grid.get(ident)
        features.append({"type": "Feature", "id": "grid/" + ident,
                         "geometry": {"type": "Point", "coordinates": [lon[i], lat[i]]},
                         "properties": {"layer": "grid", "id": ident, "name": names[i],
                                        "community": community[i], "households": households[i],
                                        "coverage": grid_status(r) if r else "empty",
                                        "units_counted": r.units_counted if r else 0,
                                        "units_none": r.units_none if r else 0,
                                        "org_coverage_rate": r.org_coverage_rate if r else None}})
    unit_table = net.units
    unit_names, unit_kinds, unit_grids = unit_table.column("name"), unit_table.column("kind"), \
        unit_table.column("grid")
    for i, u in enumerate(units):  # in row order
        point = at.get(unit_grids[i]) if unit_grids[i] else None
        if point is None or point[0] is None:
            unplaced["units"] += 1
            continue
        features.append({"type": "Feature", "id": "unit/" + u.id,
                         "geometry": {"type": "Point", "coordinates": list(point)},
                         "properties": {"layer": "unit", "id": u.id, "name": unit_names[i],
                                        "kind": unit_kinds[i], "grid": unit_grids[i],
                                        "counted": u.counted, "coverage": u.coverage,
                                        "located": "at its grid's point"}})
    centres = net.centres
    c_ids, c_names, c_lon, c_lat = centres.ids(), centres.column("name"), \
        centres.column("lon"), centres.column("lat")
    c_functions = centres.column("functions")
    for i, ident in enumerate(c_ids):
        if c_lon[i] is None or c_lat[i] is None:
            unplaced["centres"] += 1
            continue
        properties = {"layer": "centre", "id": ident, "name": c_names[i],
                      "functions": c_functions[i]}
        features.append({"type": "Feature", "id": "centre/" + ident,
                         "geometry": {"type": "Point", "coordinates": [c_lon[i], c_lat[i]]},
                         "properties": properties})
        features.append({"type": "Feature", "id": "reach/" + ident,
                         "geometry": {"type": "Polygon",
                                      "coordinates": [_circle(c_lon[i], c_lat[i], radius)]},
                         "properties": {"layer": "reach", "centre": ident, "name": c_names[i],
                                        "radius_m": radius}})
    return {"type": "FeatureCollection", "features": features, "unplaced": unplaced}


def _graph_parts(net, graph: str, on=None, kinds=None):
    check_graph(graph)
    ids, names, kinds_of = graph_nodes(net)
    levels = net.orgs.column("level")
    edges = graph_edges(net, graph, on, kinds)
    return ids, names, kinds_of, levels, edges


def graphml(net, graph: str = "links", on=None, kinds=None) -> str:
    """GraphML: nodes are org ids with name, kind and level; the tree's edges go from leader to
    led; the link graph's edges carry link (row), kind, since and until."""
    ids, names, kinds_of, levels, edges = _graph_parts(net, graph, on, kinds)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
           '<key id="name" for="node" attr.name="name" attr.type="string"/>',
           '<key id="kind" for="node" attr.name="kind" attr.type="string"/>',
           '<key id="level" for="node" attr.name="level" attr.type="string"/>']
    if graph == "links":
        out += ['<key id="link" for="edge" attr.name="link" attr.type="int"/>',
                '<key id="link_kind" for="edge" attr.name="kind" attr.type="string"/>',
                '<key id="since" for="edge" attr.name="since" attr.type="string"/>',
                '<key id="until" for="edge" attr.name="until" attr.type="string"/>']
    out.append('<graph id="%s" edgedefault="%s">' % (graph, "directed" if graph == "tree"
                                                     else "undirected"))
    for i, ident in enumerate(ids):
        data = "".join('<data key="%s">%s</data>' % (k, escape(v)) for k, v in
                       (("name", names[i] or ""), ("kind", kinds_of[i] or ""),
                        ("level", levels[i] or "")) if v)
        out.append("<node id=%s>%s</node>" % (quoteattr(ident), data))
    for n, (a, b, attributes) in enumerate(edges):
        data = ""
        if graph == "links":
            data = '<data key="link">%d</data><data key="link_kind">%s</data>' % (
                attributes["link"], escape(attributes["kind"]))
            for key in ("since", "until"):
                if attributes[key] is not None:
                    data += '<data key="%s">%s</data>' % (key, attributes[key])
        out.append('<edge id="e%d" source=%s target=%s>%s</edge>' % (
            n, quoteattr(ids[a]), quoteattr(ids[b]), data))
    out += ["</graph>", "</graphml>", ""]
    return "\n".join(out)


def _dot_text(text) -> str:
    return '"%s"' % str(text).replace("\\", "\\\\").replace('"', '\\"')


def dot(net, graph: str = "links", on=None, kinds=None) -> str:
    """Graphviz DOT: the tree as a digraph (leader -> led), the link graph as a graph whose
    edges are labelled with the link kind; nodes labelled with name and kind."""
    ids, names, kinds_of, levels, edges = _graph_parts(net, graph, on, kinds)
    arrow = "->" if graph == "tree" else "--"
    out = ["%s %s {" % ("digraph" if graph == "tree" else "graph", graph),
           '  node [shape=box, fontname="Noto Sans CJK SC"];']
    for i, ident in enumerate(ids):
        out.append("  %s [label=%s, kind=%s];" % (_dot_text(ident), _dot_text(
            "%s\\n%s" % (names[i] or ident, kinds_of[i] or "")).replace("\\\\n", "\\n"),
            _dot_text(kinds_of[i] or "")))
    for a, b, attributes in edges:
        extra = ""
        if graph == "links":
            extra = " [label=%s, kind=%s, since=%s]" % (
                _dot_text(attributes["kind"]), _dot_text(attributes["kind"]),
                _dot_text(attributes["since"] or ""))
        out.append("  %s %s %s%s;" % (_dot_text(ids[a]), arrow, _dot_text(ids[b]), extra))
    out += ["}", ""]
    return "\n".join(out)


def node_link(net, graph: str = "links", on=None, kinds=None) -> dict:
    """networkx's node-link JSON (``networkx.node_link_graph(data, edges="links")``, or
    ``link="links"`` before networkx 3.4): the same graph as ``Network.to_networkx``."""
    ids, names, kinds_of, levels, edges = _graph_parts(net, graph, on, kinds)
    links = []
    for a, b, attributes in edges:
        item = {"source": ids[a], "target": ids[b]}
        if graph == "links":
            item.update({"key": attributes["link"], "link": attributes["link"],
                         "kind": attributes["kind"],
                         "since": str(attributes["since"]) if attributes["since"] else None,
                         "until": str(attributes["until"]) if attributes["until"] else None})
        links.append(item)
    return {"directed": graph == "tree", "multigraph": graph == "links", "graph": {},
            "nodes": [{"id": ids[i], "name": names[i], "kind": kinds_of[i]}
                      for i in range(len(ids))],
            "links": links}


def tables(net) -> Dict[str, Tuple[List[str], Iterable[tuple]]]:
    """Every table an export writes: the dataset's tables (their columns as the dataset has
    them) and the analyses offices file (coverage by street, community and grid, findings,
    the three haves): name -> (headers, rows)."""
    from .coverage import COUNTERS, RATES, coverage
    from .service import haves
    out: Dict[str, Tuple[List[str], Iterable[tuple]]] = {}
    for name in TABLES:
        table = net.table(name)
        if not table.present:
            continue
        columns = [c for c in table.columns if table.has_column(c)]
        values = [table.column(c) for c in columns]
        out[name] = (columns, zip(*values) if values else iter(()))
    with coverage(net) as cov:
        headers = ["id", "name"] + list(COUNTERS) + list(RATES)
        for level in ("street", "community", "grid"):
            cols = cov.columns(level)
            out["coverage_" + level] = (headers, list(zip(*(cols[h] for h in headers))))
        out["findings"] = (["rule", "table", "id", "value", "limit", "message"],
                           [(f.rule, f.table, f.id, f.value, f.limit, f.message)
                            for f in cov.findings()])
    with haves(net, 0, DEFAULT_REACH_METRES) as h:
        out["haves"] = (["id", "name", "grids", "grids_managed", "grids_managed_share",
                         "people", "funds", "money", "place"],
                        [(c.id, c.name, c.grids, c.grids_managed, c.grids_managed_share,
                          c.people, c.funds, c.money, c.place) for c in h.communities()])
    return out


class OutputWarning(UserWarning):
    """Something of the data that a format cannot carry was changed in the output (say how)."""


def _csv_cell(value) -> str:
    if isinstance(value, _dt.date):
        return value.isoformat()
    return cell(value)


def _write_csv(f, headers, rows, lang: str, excel: bool, raw_cells: bool) -> None:
    if excel:
        f.write("\ufeff")
    writer = csv.writer(f, lineterminator="\r\n" if excel else "\n")
    writer.writerow([header(h, lang) for h in headers])
    for row in rows:
        if raw_cells:
            writer.writerow([_csv_cell(v) for v in row])
        else:
            writer.writerow([_csv_cell(spreadsheet_text(v)) for v in row])


def _xlsx_value(make_cell, sheet, value, raw_cells: bool):
    """A cell for a write-only sheet: text always a string cell (never a formula), escaped for
    OOXML and neutralised unless ``raw_cells``; numbers numeric; dates as ISO text."""
    value = json_value(value)
    if isinstance(value, _dt.date):
        value = value.isoformat()
    if not isinstance(value, str):
        return value
    cell = make_cell(sheet, value=xlsx_text(value if raw_cells else spreadsheet_text(value)))
    cell.data_type = "s"
    return cell


def _write_xlsx(path: str, all_tables, lang: str, rows_per_sheet: int,
                raw_cells: bool = False) -> List[str]:
    try:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
    except ImportError:
        raise ImportError("xlsx export needs openpyxl, which is not installed (Debian: apt "
                          "install python3-openpyxl)") from None
    book = Workbook(write_only=True)
    sheets = []
    for name, (headers, rows) in all_tables.items():
        part, sheet, count = 1, None, rows_per_sheet
        names = [header(h, lang) for h in headers]
        for row in rows:
            if count == rows_per_sheet:
                sheet = book.create_sheet(name if part == 1 else "%s %d" % (name, part))
                sheets.append(sheet.title)
                sheet.append(names)
                part += 1
                count = 0
            sheet.append([_xlsx_value(WriteOnlyCell, sheet, v, raw_cells) for v in row])
            count += 1
        if sheet is None:
            sheet = book.create_sheet(name)
            sheets.append(sheet.title)
            sheet.append(names)
    buffer = io.BytesIO()
    book.save(buffer)
    write_bytes(path, buffer.getvalue())
    return sheets


def export(net, format: str, path: str, *, graph: str = "links", on=None, kinds=None,
           radius: float = DEFAULT_REACH_METRES, lang: str = "en", excel: bool = False,
           rows_per_sheet: int = EXCEL_ROWS, raw_cells: bool = False) -> str:
    """Writes ``net`` to ``path`` in ``format`` (one of FORMATS; csv: ``path`` is a folder,
    one file a table) and returns ``path``. ``graph``: "links" or "tree" (graphml, dot, json);
    ``lang="zh"``: Chinese column headers (csv, xlsx); ``excel``: CSV with a UTF-8 byte-order
    mark and CRLF; ``rows_per_sheet``: data rows per xlsx sheet before a numbered one;
    ``raw_cells``: CSV and xlsx text exactly as stored (by default text a spreadsheet would
    evaluate, starting with = + - @ TAB or CR, gets a leading ``'``; docs/output.md).
    Every file is written whole or not at all (orgnet.output); a CSV folder must be new,
    empty or an earlier export's. GraphML cannot carry C0 control characters: they become
    U+FFFD with an OutputWarning."""
    from .errors import choice
    choice("format", format, FORMATS)
    choice("lang", lang, ("en", "zh"))
    if format == "csv":
        # A folder of its own, replaced whole: never a dataset's nor a user's (orgnet.output).
        with OutputFolder(path, "export") as folder:
            for name, (headers, rows) in tables(net).items():
                with folder.file(name + ".csv") as f:
                    _write_csv(f, headers, rows, lang, excel, raw_cells)
        return path
    if format == "xlsx":
        _write_xlsx(path, tables(net), lang, rows_per_sheet, raw_cells)
        return path
    if format == "geojson":
        text = json.dumps(geojson(net, radius), ensure_ascii=False, default=json_default)
    elif format == "json":
        text = json.dumps(node_link(net, graph, on, kinds), ensure_ascii=False, default=json_default)
    elif format == "graphml":
        text, replaced = xml_text(graphml(net, graph, on, kinds))
        if replaced:
            import warnings
            warnings.warn("%d control character%s replaced by U+FFFD in %s (XML 1.0 cannot "
                          "carry them, not even as references)"
                          % (replaced, "" if replaced == 1 else "s", path), OutputWarning,
                          stacklevel=2)
    else:
        text = dot(net, graph, on, kinds)
    write_text(path, text)
    return path
