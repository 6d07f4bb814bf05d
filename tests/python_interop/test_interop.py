"""Issue 14, point 3 (and point 1's numpy side): numpy arrays, pandas DataFrames, networkx and
python-igraph graphs, under an interpreter that has them (Debian: /usr/bin/python3 with
python3-numpy, python3-pandas, python3-networkx, python3-igraph; run.sh test runs this folder
so). Where a package is missing the test is skipped with a message, except with CI=true,
where a skip would hide that the interop went untested: then it fails.

    PYTHONPATH=bindings/python /usr/bin/python3 -m unittest discover -s tests/python_interop
"""

import datetime
import importlib
import math
import os
import unittest

import orgnet

HERE = os.path.dirname(os.path.abspath(__file__))
DISTRICT = os.path.join(HERE, "..", "..", "examples", "district")
FIXTURE = os.path.join(HERE, "..", "data", "fixture")
EPOCH = datetime.date(1970, 1, 1)


def need(test, module):
    """The module, or skip (fail with CI=true) saying which package is missing."""
    try:
        return importlib.import_module(module)
    except ImportError:
        message = "%s is not installed for this interpreter; Debian: apt install python3-%s" % (
            module, {"igraph": "igraph"}.get(module, module))
        if os.environ.get("CI") == "true":
            test.fail("CI=true: an interop test may not be skipped: " + message)
        test.skipTest(message)


class NumpyTest(unittest.TestCase):
    def test_arrays_are_views_of_the_library_buffers(self):
        np = need(self, "numpy")
        with orgnet.Network.load(DISTRICT) as net:
            for column in ("parent", "grid"):
                plain = net.orgs.array(column)
                view = net.orgs.array(column, numpy=True)
                self.assertEqual(view.dtype, np.uint32)
                self.assertIsNotNone(view.base)  # no copy: numpy wraps the filled buffer
                self.assertEqual(view.tolist(), plain.tolist())
            names = net.members.array("name", numpy=True)
            self.assertEqual(names.blob.dtype, np.uint8)
            self.assertEqual(names.offsets.dtype, np.uint64)
            self.assertEqual(names[5], net.members.cell(5, "name"))
            h = net.hierarchy
            ids = np.array(net.orgs.ids()[:200], dtype=object)
            rows = np.arange(200, dtype=np.int64)
            self.assertEqual(h.is_ancestor_many(ids, ids[::-1], numpy=True).dtype, np.bool_)
            self.assertEqual(h.lca_many(rows, rows[::-1]).tolist(),
                             h.lca_many(ids.tolist(), ids[::-1].tolist()).tolist())
            with self.assertRaisesRegex(IndexError, r"orgs\[1\] is -3"):
                h.depth_many(np.array([0, -3]))
            places = net.territory.places("units", numpy=True)
            self.assertEqual(places["grid"].tolist(), list(net.units.array("grid")))


class PandasTest(unittest.TestCase):
    def test_every_table_as_a_frame_equals_its_cells(self):
        pd = need(self, "pandas")
        with orgnet.Network.load(DISTRICT) as net:
            for name in orgnet.TABLES:
                table = net.table(name)
                if not table.present:
                    continue
                frame = table.to_pandas()
                present = [c for c in table.columns if table.has_column(c)]
                self.assertEqual(list(frame.columns), present, name)
                self.assertEqual(len(frame), len(table))
                for column in present:
                    kind = table.column_type(column)
                    series = frame[column]
                    if kind == "date":
                        self.assertEqual(str(series.dtype), "datetime64[ns]", column)
                    elif kind == "integer":
                        self.assertEqual(str(series.dtype), "Int64", column)
                    elif kind == "flag":
                        self.assertEqual(str(series.dtype), "boolean", column)
                    elif kind in ("status", "ref") or column in ("kind", "level", "category"):
                        self.assertEqual(str(series.dtype), "category", column)
                    for r in range(0, len(table), max(1, len(table) // 30)):
                        cell, got = table.cell(r, column), series.iloc[r]
                        if cell is None:
                            self.assertTrue(pd.isna(got), (name, column, r, got))
                        elif kind == "date":
                            self.assertEqual(got.date(), cell)
                        elif kind == "real":
                            self.assertTrue(math.isclose(got, cell))
                        else:
                            self.assertEqual(got, cell, (name, column, r))

    def test_dates_outside_pandas_range_are_objects(self):
        pd = need(self, "pandas")
        builder = orgnet.Builder()
        builder.add("orgs", id="D", name="d", kind="district")
        builder.add("orgs", id="B", name="b", kind="branch", parent="D")
        builder.add("links", a="D", b="B", kind="pairing", since="0001-01-01", until="9999-12-31")
        builder.add("links", a="D", b="B", kind="joint_meeting", since="2024-03-01")
        builder.add("members", id="M1", org="B", status="formal", away_since="2020-05-06")
        builder.add("members", id="M2", org="B", status="probationary")
        with builder.build() as net:
            links = net.links.to_pandas()
            self.assertEqual(links["since"].dtype, object)
            self.assertEqual(list(links["since"]), [datetime.date(1, 1, 1), datetime.date(2024, 3, 1)])
            self.assertEqual(list(links["until"]), [datetime.date(9999, 12, 31), None])
            members = net.members.to_pandas()
            self.assertEqual(str(members["away_since"].dtype), "datetime64[ns]")
            self.assertTrue(pd.isna(members["away_since"][1]))
            self.assertEqual(list(members["status"]), ["formal", "probationary"])
            self.assertEqual(list(members["status"].cat.categories), ["formal", "probationary"])
            self.assertEqual(list(members["org"]), ["B", "B"])

    def test_scoped_view_frames_hold_only_the_view(self):
        need(self, "pandas")
        with orgnet.Network.load(DISTRICT) as net:
            street = next(i for i, k in zip(net.orgs.ids(), net.orgs.column("kind")) if k == "street")
            with net.scope(places=[street]) as view:
                frame = view.members.to_pandas()
                self.assertEqual(len(frame), len(view.members))
                self.assertEqual(list(frame["id"]), view.members.ids())
                self.assertTrue(all(n == "" for n in frame["name"]))  # masked personal field
                links = view.links.to_pandas()
                outside = [v for v in links["b"] if v is orgnet.OUTSIDE]
                self.assertEqual(len(outside), sum(1 for r in range(len(view.links))
                                                   if view.links.is_outside(r, "b")))

    def test_results_as_frames(self):
        need(self, "pandas")
        with orgnet.Network.load(DISTRICT) as net:
            with orgnet.coverage(net) as cov:
                rows = cov.table("street")
                frame = rows.to_pandas()
                self.assertEqual(len(frame), len(rows))
                self.assertEqual(list(frame["id"]), [r.id for r in rows])
                self.assertEqual(str(frame["units"].dtype), "Int64")
                self.assertEqual(str(frame["org_coverage_rate"].dtype), "float64")
                self.assertEqual(list(frame["units_own"]), [r.units_own for r in rows])
                findings = cov.findings().to_pandas()
                self.assertEqual(str(findings["rule"].dtype), "category")
                self.assertEqual(findings["rule"].value_counts().to_dict(),
                                 {k: v for k, v in cov.finding_counts().items() if v})
            with orgnet.links(net) as graph:
                iso = graph.isolation("street").to_pandas()
                self.assertEqual(list(iso.columns), ["id", "name", "orgs", "isolated", "isolated_share"])
            with orgnet.events(net) as ev:
                table = ev.table("street")
                self.assertEqual(len(table.to_pandas()), len(table))
            empty = orgnet.ResultRows([], orgnet.Finding).to_pandas()
            self.assertEqual(list(empty.columns), ["rule", "table", "id", "message", "value",
                                                   "limit", "source"])
            # The dtypes are the fields' (the header's types, the column description's
            # categories), also for an empty result and a column whose every value is None.
            self.assertEqual({c: str(t) for c, t in empty.dtypes.items()},
                             {"rule": "category", "table": "category", "id": "object",
                              "message": "object", "value": "Int64", "limit": "Int64",
                              "source": "category"})
            step = orgnet.Step("O1", "O2", "leads", None, None)
            frame = orgnet.ResultRows([step], orgnet.Step).to_pandas()
            self.assertEqual({c: str(t) for c, t in frame.dtypes.items()},
                             {"from_org": "object", "to_org": "object", "kind": "category",
                              "link": "Int64", "link_kind": "object"})
            reach = orgnet.ResultRows([], orgnet.GridReach).to_pandas()
            self.assertEqual([str(t) for t in reach.dtypes],
                             ["object", "object", "float64", "boolean", "boolean"])


class AnalystExampleTest(unittest.TestCase):
    def test_the_worked_example_lists_the_lowest_communities(self):
        need(self, "pandas")
        import subprocess
        import sys
        example = os.path.join(HERE, "..", "..", "examples", "analyst.py")
        env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(orgnet.__file__)))
        out = subprocess.run([sys.executable, example, DISTRICT], capture_output=True, text=True,
                             env=env, check=True).stdout.splitlines()
        self.assertEqual(out[0], "coverage as of 2026-06-30 (the dataset's as_of)")
        rows = [line.split() for line in out[2:12]]
        with orgnet.Network.load(DISTRICT) as net, orgnet.coverage(net) as cov:
            expected = sorted(((r.org_coverage_rate, r.id) for r in cov.table("community")
                               if r.units_counted > 0))[:10]
        self.assertEqual([r[0] for r in rows], [i for _, i in expected])
        self.assertEqual([float(r[-1]) for r in rows], [round(v, 6) for v, _ in expected])


class GraphsTest(unittest.TestCase):
    def parallel_links(self):
        builder = orgnet.Builder()
        for org, parent in (("D", ""), ("A", "D"), ("B", "D"), ("C", "A")):
            builder.add("orgs", id=org, name="n" + org, kind="branch" if parent else "district",
                        parent=parent)
        builder.add("links", a="A", b="B", kind="pairing", since="2024-01-01")
        builder.add("links", a="A", b="B", kind="joint_meeting", since="2024-01-01")
        builder.add("links", a="B", b="C", kind="pairing", since="2025-01-01")
        return builder.build()

    def test_networkx_multigraph_keeps_parallel_links(self):
        nx = need(self, "networkx")
        with self.parallel_links() as net:
            g = net.to_networkx()
            self.assertIsInstance(g, nx.MultiGraph)
            self.assertEqual(g.number_of_edges(), 3)  # two parallel A-B links of two kinds
            self.assertEqual(sorted(d["kind"] for _, _, d in g.edges(data=True)),
                             ["joint_meeting", "pairing", "pairing"])
            self.assertEqual(g.nodes["A"], {"name": "nA", "kind": "branch"})
            self.assertEqual(net.to_networkx(kinds=["pairing"]).number_of_edges(), 2)
            self.assertEqual(net.to_networkx(on="2024-06-01").number_of_edges(), 2)
            tree = net.to_networkx("tree")
            self.assertIsInstance(tree, nx.DiGraph)
            self.assertEqual(sorted(tree.edges()), [("A", "C"), ("D", "A"), ("D", "B")])
            with self.assertRaisesRegex(ValueError, "graph: unknown 'trees'.*did you mean 'tree'"):
                net.to_networkx("trees")

    def test_networkx_agrees_with_the_library_on_the_district(self):
        nx = need(self, "networkx")
        with orgnet.Network.load(DISTRICT) as net, orgnet.links(net) as graph:
            g = net.to_networkx()
            self.assertEqual(g.number_of_edges(), len(graph.rows()))
            self.assertEqual(nx.Graph(g).number_of_edges(), graph.pair_count)
            self.assertEqual(nx.number_connected_components(g), len(graph.clusters()))
            self.assertEqual(sorted(n for n in g if g.degree(n) == 0), sorted(graph.isolated()))
            tree = net.to_networkx("tree")
            self.assertEqual(tree.number_of_edges(), len(net.orgs) - len(net.hierarchy.roots()))
            some = net.orgs.ids()[::97]
            for org in some:
                self.assertEqual(sorted(nx.ancestors(tree, org)), sorted(net.hierarchy.ancestors(org)))

    def test_igraph_has_the_same_graph(self):
        ig = need(self, "igraph")
        with self.parallel_links() as net:
            g = net.to_igraph()
            self.assertIsInstance(g, ig.Graph)
            self.assertEqual((g.vcount(), g.ecount()), (4, 3))
            self.assertEqual(g.vs["name"], ["D", "A", "B", "C"])
            self.assertEqual(g.es["kind"], ["pairing", "joint_meeting", "pairing"])
            self.assertTrue(g.to_networkx if hasattr(g, "to_networkx") else True)
            tree = net.to_igraph("tree")
            self.assertTrue(tree.is_directed())
            self.assertEqual(tree.ecount(), 3)
        with orgnet.Network.load(DISTRICT) as net, orgnet.links(net) as graph:
            g = net.to_igraph()
            self.assertEqual(g.ecount(), len(graph.rows()))
            self.assertEqual(len(g.connected_components()), len(graph.clusters()))


class ExportInteropTest(unittest.TestCase):
    """Exports read back by the tools they are for: networkx (node-link JSON, GraphML) and
    openpyxl (xlsx, split into numbered sheets past the row limit)."""

    def test_networkx_reads_node_link_and_graphml(self):
        nx = need(self, "networkx")
        import json
        import tempfile
        with orgnet.load(DISTRICT) as net, tempfile.TemporaryDirectory() as folder:
            expected = net.to_networkx("links")
            path = os.path.join(folder, "links.json")
            orgnet.export(net, "json", path)
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
            try:
                graph = nx.node_link_graph(data, edges="links")
            except TypeError:  # networkx before 3.4 names the key argument link=
                graph = nx.node_link_graph(data, link="links")
            self.assertIsInstance(graph, nx.MultiGraph)
            self.assertEqual(list(graph.nodes), list(expected.nodes))
            self.assertEqual(graph.number_of_edges(), expected.number_of_edges())
            self.assertEqual(sorted((min(a, b), max(a, b), k) for a, b, k in graph.edges(keys=True)),
                             sorted((min(a, b), max(a, b), k) for a, b, k in
                                    expected.edges(keys=True)))
            self.assertEqual(graph.nodes["O0000001"]["name"], expected.nodes["O0000001"]["name"])
            path = os.path.join(folder, "tree.graphml")
            orgnet.export(net, "graphml", path, graph="tree")
            tree = nx.read_graphml(path)
            self.assertEqual(sorted(tree.edges), sorted(net.to_networkx("tree").edges))

    def test_xlsx_one_sheet_a_table_split_past_the_limit(self):
        openpyxl = need(self, "openpyxl")
        import tempfile
        with orgnet.load(DISTRICT) as net, tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "district.xlsx")
            # A small limit stands in for Excel's 1,048,575 data rows (orgnet.export.EXCEL_ROWS):
            # the 24,000 members take three sheets.
            orgnet.export(net, "xlsx", path, lang="zh", rows_per_sheet=10000)
            book = openpyxl.load_workbook(path, read_only=True)
            self.assertIn("members", book.sheetnames)
            self.assertIn("members 2", book.sheetnames)
            self.assertIn("members 3", book.sheetnames)
            self.assertNotIn("members 4", book.sheetnames)
            rows = []
            for name in ("members", "members 2", "members 3"):
                sheet = list(book[name].iter_rows(values_only=True))
                self.assertEqual(sheet[0][0], "编号")
                rows += sheet[1:]
            self.assertEqual([r[0] for r in rows], net.members.ids())
            self.assertEqual(rows[0][1], net.members.text(0, "name"))
            streets = list(book["coverage_street"].iter_rows(values_only=True))
            from orgnet.coverage import coverage
            with coverage(net) as cov:
                rates = cov.columns("street")["org_coverage_rate"]
            column = streets[0].index("党的组织覆盖率")
            self.assertEqual([r[column] for r in streets[1:]], rates)

    def test_xlsx_keeps_hostile_text_inert_and_exact(self):
        """Text cells are strings, never formulas; a spreadsheet's triggers get a leading '
        unless raw_cells; characters XML cannot carry use OOXML's _xHHHH_ escape, which a
        spreadsheet reads back as the original text."""
        openpyxl = need(self, "openpyxl")
        import re
        import sys
        import tempfile
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
        from test_hostile_input import HOSTILE_NAMES, hostile_dataset

        def unescape(text):  # what a spreadsheet shows for OOXML's escapes
            return re.sub("_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)

        with tempfile.TemporaryDirectory() as folder:
            ds = hostile_dataset(os.path.join(folder, "ds"))
            for raw in (False, True):
                path = os.path.join(folder, "out-%s.xlsx" % raw)
                with orgnet.load(ds) as net:
                    orgnet.export(net, "xlsx", path, raw_cells=raw)
                book = openpyxl.load_workbook(path)
                cells = {row[0].value: row[1] for row in book["orgs"].iter_rows(min_row=2)}
                for org, name in HOSTILE_NAMES.items():
                    cell = cells[org]
                    self.assertEqual(cell.data_type, "s", org)  # never a formula
                    trigger = name[0] in "=+-@\t\r"
                    expected = name if raw or not trigger else "'" + name
                    self.assertEqual(unescape(cell.value), expected, org)
                self.assertEqual(cells["C3"].value, "泰达_x0001_社区")
                self.assertEqual(cells["X1"].value, "a_x005F_x0041_b")
                # Numbers stay numbers.
                grids = list(book["grids"].iter_rows(min_row=2, values_only=True))
                self.assertTrue(any(isinstance(v, (int, float)) and not isinstance(v, bool)
                                    for row in grids for v in row))


if __name__ == "__main__":
    unittest.main()
