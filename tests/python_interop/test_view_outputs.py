"""Every command and every export format over scoped views shows nothing of the rows outside
them (issue 24, point 3). The bundled district is marked: every row's name, every centre's
functions and an extra text column of every table carry a marker naming the row
(``⟦table:id⟧``); kinds, levels, categories and roles are shared vocabularies, not a row's own
text. Then, for every street and community of the district and 20 grids drawn with a fixed
seed, every command of the command line runs in-process with ``--view place:ID`` (tables, CSV
and JSON; the report; GeoJSON, GraphML, DOT, node-link JSON, CSV and xlsx exports; a saved
view; a diff) and every output, file and message is scanned: a marker or an id of a row the
view does not hold fails the test. Personal fields (the manifest names non-text ones too) must
be empty in every output of a view made without them. Runs under /usr/bin/python3 (xlsx needs
openpyxl)."""

import dataclasses
import csv
import io
import json
import os
import random
import re
import shutil
import sys
import tempfile
import unittest

import orgnet

HERE = os.path.dirname(os.path.abspath(__file__))
DISTRICT = os.path.normpath(os.path.join(HERE, "..", "..", "examples", "district"))
PERSONAL = ("members.unit;members.community;members.last_contact;members.mobile;"
            "members.away_since;units.employees;members.note")
sys.path.insert(0, os.path.join(HERE, "..", "python"))
from cli_runner import run_cli_all  # noqa: E402
from marked_dataset import ID_TABLES, MARKER, marked_copy  # noqa: E402


def marked_district(folder):
    """The district with every row's own text marked, and personal non-text fields."""
    return marked_copy(DISTRICT, folder, PERSONAL)


def run(argv):
    """(exit code, standard output and error together) of a command run in-process."""
    code, out, err = run_cli_all(argv)
    return code, out + "\n" + err


def files_text(path):
    """Everything under ``path`` (a file or a folder) as text; xlsx cells read by openpyxl."""
    paths = []
    if os.path.isdir(path):
        for root, _, names in os.walk(path):
            paths += [os.path.join(root, n) for n in sorted(names)]
    elif os.path.exists(path):
        paths = [path]
    texts = []
    for p in paths:
        if p.endswith(".xlsx"):
            import openpyxl
            book = openpyxl.load_workbook(p, read_only=True)
            for sheet in book.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    texts.append("\t".join("" if v is None else str(v) for v in row))
        else:
            with open(p, encoding="utf-8-sig", errors="replace") as f:
                texts.append(f.read())
    return "\n".join(texts)


class EveryCommandOverViews(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        try:
            import openpyxl  # noqa: F401
        except ImportError:
            if os.environ.get("CI") == "true":
                raise
            raise unittest.SkipTest("openpyxl is not installed (Debian: python3-openpyxl)")
        cls.tmp = tempfile.mkdtemp(prefix="orgnet-views-")
        folder = marked_district(os.path.join(cls.tmp, "marked"))
        cls.snapshot = os.path.join(cls.tmp, "marked.orgnet")
        with orgnet.load(folder) as net:
            net.save_snapshot(cls.snapshot)
        cls.net = orgnet.Network.open(cls.snapshot)
        cls.full_ids = {t: set(cls.net.table(t).ids()) for t in ID_TABLES}
        cls.all_ids = set().union(*cls.full_ids.values())
        kinds = cls.net.orgs.column("kind")
        ids = cls.net.orgs.ids()
        rng = random.Random(24)
        cls.places = ([i for i, k in zip(ids, kinds) if k == "street"] +
                      [i for i, k in zip(ids, kinds) if k == "community"] +
                      rng.sample(cls.net.grids.ids(), 20))
        cls.batch = os.path.join(cls.tmp, "batch.jsonl")
        with open(cls.batch, "w", encoding="utf-8") as f:
            f.write("")

    @classmethod
    def tearDownClass(cls):
        if hasattr(cls, "net"):
            cls.net.close()
        shutil.rmtree(getattr(cls, "tmp", ""), ignore_errors=True)

    def commands(self, view, out):
        s = self.snapshot
        org = view.orgs.ids()[0] if len(view.orgs) else "none"
        table_commands = [
            ["check", s], ["tree", s], ["findings", s, "--limit", "0"],
            ["coverage", s, "--by", "org"], ["coverage", s, "--by", "grid"],
            ["coverage", s, "--by", "community"], ["coverage", s, "--by", "street"],
            ["links", s], ["links", s, "--isolated"], ["links", s, "--clusters"],
            ["links", s, "--bridges"], ["links", s, "--articulation"],
            ["links", s, "--brokers", "5"], ["links", s, "--crossings"],
            ["links", s, "--partners", org], ["links", s, "--suggest", org],
            ["match", s], ["events", s, "--per", "month"], ["events", s, "--hot-spots"],
            ["centres", s, "--functions", "--radius", "100000"],
            ["centres", s, "--site", "2"], ["haves", s], ["diff", s, s],
        ]
        argvs = []
        for argv in table_commands:
            argvs.append((argv, None))
            if argv[0] not in ("check", "tree"):
                argvs.append((argv + ["--format", "csv"], None))
                argvs.append((argv + ["--format", "json"], None))
        argvs += [(["demo", s, "--report", ""], None),
                  (["report", s, "-o", out + ".html"], out + ".html"),
                  (["edit", s, self.batch, "-o", out + "-saved"], out + "-saved"),
                  (["snapshot", s, out + ".orgnet"], out + ".orgnet")]
        for fmt in ("geojson", "graphml", "dot", "json", "csv", "xlsx"):
            target = "%s-export.%s" % (out, fmt)
            argvs.append((["export", s, "--format", fmt, "-o", target], target))
        argvs.append((["export", s, "--format", "graphml", "--graph", "tree", "-o",
                       out + "-tree.graphml"], out + "-tree.graphml"))
        return argvs

    def test_no_output_shows_a_row_outside(self):
        checked = 0
        for place in self.places:
            with self.subTest(place=place), self.net.scope(places=[place]) as view:
                view_ids = {t: set(view.table(t).ids()) for t in ID_TABLES}
                outside = set().union(*(self.full_ids[t] - view_ids[t] for t in ID_TABLES))
                inside = set().union(*view_ids.values())
                out = os.path.join(self.tmp, "out-" + place)
                for argv, path in self.commands(view, out):
                    code, text = run(argv + ["--view", "place:" + place])
                    self.assertIn(code, (0, 1, 2), argv)
                    self.assertNotIn("Traceback", text, argv)
                    if path:
                        text += files_text(path)
                    for table, ident in MARKER.findall(text):
                        self.assertIn(ident, view_ids.get(table, ()),
                                      "%s over %s shows %s's text (outside)" % (argv, place, ident))
                        # Members' text is all personal here (name, note): masked in a view.
                        self.assertNotEqual(table, "members", "%s over %s shows a member's "
                                            "personal text" % (argv, place))
                    leaked = set(re.findall(r"[A-Za-z0-9_]+", text)) & outside - inside
                    self.assertEqual(leaked, set(), "%s over %s shows outside ids" % (argv, place))
                    checked += 1
                shutil.rmtree(out + "-saved", ignore_errors=True)
        self.assertGreater(checked, 80 * 60)

    def test_the_scan_finds_a_leak(self):
        """Negative control: the full network's outputs, scanned as if they were a street
        view's, show markers and ids outside it."""
        place = self.places[0]
        with self.net.scope(places=[place]) as view:
            view_ids = {t: set(view.table(t).ids()) for t in ID_TABLES}
        for argv in (["centres", self.snapshot, "--functions", "--radius", "100000"],
                     ["tree", self.snapshot]):
            _, text = run(argv)
            outside = [ident for table, ident in MARKER.findall(text)
                       if ident not in view_ids.get(table, ())]
            self.assertTrue(outside, argv)

    def test_reach_cannot_be_bisected(self):
        """A view's reach does not depend on where the centres outside it stand, at any radius
        but the default one (docs/permission.md, "Reach"): the same answers with every centre
        outside removed from the network; at the default radius a street held whole gets the
        full network's figures."""
        from orgnet.service import reach
        place = self.places[0]
        with self.net.scope(places=[place]) as view:
            inside = set(view.centres.ids())
        outside = [c for c in self.net.centres.ids() if c not in inside]
        self.assertTrue(outside)
        batch = orgnet.EditBatch()
        for c in outside:
            batch.remove("centres", c)
        with self.net.edit(batch) as without, self.net.scope(places=[place]) as a, \
                without.scope(places=[place]) as b:
            # Which grids' nearest centre is outside: one fixed fact per grid, whatever the
            # radius; apart from it, the answers are those without any centre outside.
            kinds = a.orgs.column("kind")
            communities = [i for i, k in zip(a.orgs.ids(), kinds) if k == "community"]
            with reach(a, 10.0) as first:
                nearest_outside = [g.nearest is orgnet.OUTSIDE for g in first.grids()]
            self.assertTrue(any(nearest_outside))
            for radius in (10.0, 300.0, 999.0, 1001.0, 2500.0, 10000.0, 100000.0, 1e6, 2e7):
                with reach(a, radius) as ra, reach(b, radius) as rb:
                    for fact, ga, gb in zip(nearest_outside, ra.grids(), rb.grids()):
                        self.assertEqual(ga.nearest is orgnet.OUTSIDE, fact, radius)
                        if fact:
                            self.assertIsNone(ga.metres)  # no distance to an outside centre
                            ga = dataclasses.replace(ga, nearest=gb.nearest, metres=gb.metres)
                        self.assertEqual(ga, gb, radius)
                    self.assertEqual(ra.table("grid"), rb.table("grid"), radius)
                    for community in communities:
                        self.assertEqual(ra.functions(community), rb.functions(community), radius)
                    self.assertEqual(ra.site(3), rb.site(3), radius)
            # The command line's answers as well (the reproducer of the leak).
            for radius in ("999", "1001", "100000"):
                texts = []
                for net in (self.net, without):
                    path = os.path.join(self.tmp, "bisect.orgnet")
                    net.save_snapshot(path)
                    texts.append(run(["centres", path, "--functions", "--radius", radius,
                                      "--view", "place:" + place])[1])
                self.assertEqual(texts[0], texts[1], radius)  # (no distance in this output)
            with reach(a) as ra, reach(self.net) as full:
                street = {r.id: r for r in full.table("street")}[place]
                self.assertEqual({r.id: r for r in ra.table("street")}[place], street)
                self.assertNotEqual(ra.table("grid"), reach(b).table("grid"))

    def test_personal_fields_are_empty_in_every_output(self):
        place = next(p for p in self.places if self.net.orgs.column("kind")[
            self.net.orgs.index(p)] == "street")
        out = os.path.join(self.tmp, "personal")
        code, _ = run(["export", self.snapshot, "--format", "csv", "-o", out, "--view",
                       "place:" + place])
        self.assertEqual(code, 0)
        fields = {"members": ("name", "unit", "community", "mobile", "away_since",
                              "last_contact", "note"), "units": ("employees",)}
        for table, columns in fields.items():
            with open(os.path.join(out, table + ".csv"), encoding="utf-8") as f:
                rows = list(csv.DictReader(f))
            self.assertTrue(rows)
            for column in columns:
                self.assertEqual({r[column] for r in rows}, {""}, "%s.%s" % (table, column))
        # The full network shows them, and the view's analyses count with them: a street held
        # whole has the full network's coverage row.
        with open(os.path.join(out, "coverage_street.csv"), encoding="utf-8") as f:
            view_row = next(r for r in csv.DictReader(f) if r["id"] == place)
        full = os.path.join(self.tmp, "full")
        self.assertEqual(run(["export", self.snapshot, "--format", "csv", "-o", full])[0], 0)
        with open(os.path.join(full, "coverage_street.csv"), encoding="utf-8") as f:
            full_row = next(r for r in csv.DictReader(f) if r["id"] == place)
        self.assertEqual(view_row, full_row)
        with open(os.path.join(full, "members.csv"), encoding="utf-8") as f:
            self.assertNotEqual({r["unit"] for r in csv.DictReader(f)}, {""})
        # A view made with personal fields shows them.
        with self.net.scope(places=[place], personal=True) as view:
            self.assertNotEqual(set(view.members.column("unit")), {None})
        with self.net.scope(places=[place]) as view:
            self.assertEqual(set(view.members.column("unit")), {None})
            self.assertEqual(set(view.members.column("last_contact")), {None})
            self.assertTrue(view.table("units").is_masked("employees"))


if __name__ == "__main__":
    unittest.main()
