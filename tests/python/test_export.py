"""orgnet.export and `orgnet export`: GeoJSON, GraphML, DOT (rendered by graphviz when
installed), node-link JSON and CSV, checked against the library's own answers."""

import csv
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

import orgnet
from cli_runner import run_cli
from orgnet.columns import header
from orgnet.coverage import coverage
from orgnet.service import great_circle_metres

HERE = os.path.dirname(os.path.abspath(__file__))
DISTRICT = os.path.join(HERE, "..", "..", "examples", "district")
FIXTURE = os.path.join(HERE, "..", "data", "fixture")
CI = os.environ.get("CI") == "true"


class ExportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp()
        cls.net = orgnet.load(DISTRICT)

    @classmethod
    def tearDownClass(cls):
        cls.net.close()
        shutil.rmtree(cls.folder)

    def path(self, name):
        return os.path.join(self.folder, name)

    def test_geojson_layers_and_reach_circles(self):
        code, _ = run_cli("export", DISTRICT, "--format", "geojson", "-o", self.path("d.geojson"))
        self.assertEqual(code, 0)
        with open(self.path("d.geojson"), encoding="utf-8") as f:
            doc = json.load(f)
        self.assertEqual(doc["type"], "FeatureCollection")
        layers = {}
        for feature in doc["features"]:
            layers.setdefault(feature["properties"]["layer"], []).append(feature)
        grids = self.net.grids
        placed = [i for i, (x, y) in enumerate(zip(grids.column("lon"), grids.column("lat")))
                  if x is not None and y is not None]
        self.assertEqual(len(layers["grid"]), len(placed))
        self.assertEqual(doc["unplaced"]["grids"], len(grids) - len(placed))
        with coverage(self.net) as cov:
            by_grid = {r.id: r for r in cov.table("grid")}
            units = {u.id: u for u in cov.units()}
        for feature in layers["grid"]:
            p = feature["properties"]
            r = by_grid[p["id"]]
            expected = ("empty" if not r.units_counted else "blind" if r.units_none ==
                        r.units_counted else "partly" if r.units_none or r.units_work
                        else "covered")
            self.assertEqual(p["coverage"], expected)
            self.assertEqual(p["org_coverage_rate"], r.org_coverage_rate)
        for feature in layers["unit"]:
            self.assertEqual(feature["properties"]["coverage"],
                             units[feature["properties"]["id"]].coverage)
        self.assertEqual(len(layers["reach"]), len(layers["centre"]))
        for circle, centre in zip(layers["reach"], layers["centre"]):
            ring = circle["geometry"]["coordinates"][0]
            self.assertEqual(ring[0], ring[-1])
            self.assertEqual(len(ring), 65)
            lon, lat = centre["geometry"]["coordinates"]
            for x, y in ring[:-1]:
                self.assertAlmostEqual(great_circle_metres(lon, lat, x, y) / 1000.0, 1.0,
                                       places=2)

    def test_graphml_tree_and_links(self):
        for graph in ("tree", "links"):
            path = self.path("%s.graphml" % graph)
            orgnet.export(self.net, "graphml", path, graph=graph)
            root = ET.parse(path).getroot()
            ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
            nodes = root.findall(".//g:node", ns)
            edges = root.findall(".//g:edge", ns)
            self.assertEqual([n.get("id") for n in nodes], self.net.orgs.ids())
            if graph == "tree":
                parents = self.net.orgs.column("parent")
                expected = sorted((p, c) for c, p in zip(self.net.orgs.ids(), parents) if p)
                self.assertEqual(sorted((e.get("source"), e.get("target")) for e in edges),
                                 expected)
            else:
                with orgnet.links(self.net) as g:
                    self.assertEqual(len(edges), len(g.rows()))
                first = {d.get("key"): d.text for d in edges[0]}
                row = int(first["link"])
                self.assertEqual(first["link_kind"], self.net.links.text(row, "kind"))
            names = {n.get("id"): {d.get("key"): d.text for d in n} for n in nodes}
            self.assertEqual(names["O0000001"]["name"], self.net.orgs["O0000001"].name)

    def test_node_link_json(self):
        code, _ = run_cli("export", DISTRICT, "--format", "json", "--graph", "tree", "-o",
                          self.path("tree.json"))
        self.assertEqual(code, 0)
        with open(self.path("tree.json"), encoding="utf-8") as f:
            doc = json.load(f)
        self.assertTrue(doc["directed"])
        self.assertFalse(doc["multigraph"])
        self.assertEqual(len(doc["nodes"]), len(self.net.orgs))
        self.assertEqual(len(doc["links"]), sum(1 for p in self.net.orgs.column("parent") if p))

    def test_dot_renders_with_graphviz(self):
        with orgnet.load(FIXTURE) as small:
            for graph in ("tree", "links"):
                path = self.path("%s.dot" % graph)
                orgnet.export(small, "dot", path, graph=graph)
                if shutil.which("dot") is None:
                    if CI:
                        self.fail("graphviz is not installed")
                    continue
                svg = subprocess.run(["dot", "-Tsvg", path], check=True, capture_output=True,
                                     timeout=60).stdout.decode()
                self.assertEqual(svg.count('class="node"'), len(small.orgs))
                parents = sum(1 for p in small.orgs.column("parent") if p)
                if graph == "tree":
                    self.assertEqual(svg.count('class="edge"'), parents)

    def test_csv_for_excel_in_chinese(self):
        out = self.path("tables")
        code, _ = run_cli("export", DISTRICT, "--format", "csv", "--excel", "--lang", "zh", "-o",
                          out)
        self.assertEqual(code, 0)
        self.assertIn("coverage_street.csv", os.listdir(out))
        with open(os.path.join(out, "orgs.csv"), "rb") as f:
            raw = f.read()
        self.assertTrue(raw.startswith(b"\xef\xbb\xbf"))
        rows = list(csv.reader(raw[3:].decode("utf-8").splitlines()))
        self.assertEqual(rows[0], [header(c, "zh") for c in self.net.orgs.columns])
        self.assertEqual(len(rows) - 1, len(self.net.orgs))
        self.assertEqual([r[0] for r in rows[1:]], self.net.orgs.ids())
        with open(os.path.join(out, "coverage_street.csv"), encoding="utf-8-sig") as f:
            streets = list(csv.reader(f))
        with coverage(self.net) as cov:
            rates = cov.columns("street")["org_coverage_rate"]
        column = streets[0].index(header("org_coverage_rate", "zh"))
        self.assertEqual([float(r[column]) for r in streets[1:]], rates)

    def test_bad_arguments(self):
        with self.assertRaises(orgnet.UnknownNameError):
            orgnet.export(self.net, "shapefile", self.path("x"))
        err = None
        try:
            run_cli("export", DISTRICT, "--format", "geojson")
        except SystemExit as e:
            err = e.code
        self.assertEqual(err, 2)


if __name__ == "__main__":
    unittest.main()
