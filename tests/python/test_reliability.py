"""Issue 9 from Python: bounded work on any valid dataset, strict numbers, date edges, text."""

import math
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import orgnet
from cli_runner import run_cli

HERE = os.path.dirname(os.path.abspath(__file__))
DISTRICT = os.path.join(HERE, "..", "..", "examples", "district")
FIXTURE = os.path.join(HERE, "..", "data", "fixture")
SERVICE = os.path.join(HERE, "..", "data", "service")


def write(folder, name, text):
    with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as f:
        f.write(text)


class MillionChainTest(unittest.TestCase):
    """A valid 1,000,000-organization chain with a link along every step."""

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="orgnet-chain-")
        n = 1000000
        with open(os.path.join(cls.folder, "orgs.csv"), "w", encoding="utf-8") as f:
            f.write("id,name,kind,parent,grid\nd,区,district,,\ns,街道,street,d,\nc,社区,community,s,\n"
                    "o0,n,branch,c,g\n")
            f.writelines("o%d,n,branch,o%d,\n" % (i, i - 1) for i in range(1, n))
        with open(os.path.join(cls.folder, "links.csv"), "w", encoding="utf-8") as f:
            f.write("a,b,kind,since,until\n")
            f.writelines("o%d,o%d,pairing,,\n" % (i, i + 1) for i in range(n - 1))
        write(cls.folder, "grids.csv", "id,community\ng,c\n")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)

    def run_command(self, *argv):
        # A child process, so that a hang is a failed test, not a stuck suite.
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
        done = subprocess.run([sys.executable, "-m", "orgnet"] + list(argv), env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
        self.assertEqual(done.returncode, 0, done.stderr.decode("utf-8", "replace")[-2000:])
        return done.stdout.decode("utf-8")

    def test_demo_samples_betweenness_and_says_so(self):
        text = self.run_command("demo", self.folder)
        self.assertIn("Top brokers (betweenness estimated from 256 sampled sources", text)
        self.assertIn("greatest depth 1000002", text)
        self.assertIn("... (999,991 more depths, 999,991 organizations)", text)
        self.assertLess(len(text), 20000)  # a report of pages, not megabytes

    def test_tree_outline_stays_linear(self):
        text = self.run_command("tree", self.folder)
        lines = text.splitlines()
        self.assertEqual(len(lines), 1000003)
        self.assertEqual(lines[-1].lstrip(), "(depth 1000002) o999999 n [branch]")
        self.assertLess(len(text), 120 * 1000003)


class StrictNumbersTest(unittest.TestCase):
    def setUp(self):
        self.net = orgnet.Network.load(SERVICE)

    def tearDown(self):
        self.net.close()

    def test_negative_and_oversized_numbers_are_refused(self):
        with orgnet.reach(self.net) as r:
            with self.assertRaisesRegex(orgnet.InvalidArgumentError, r"k is -1; it must be in"):
                r.site(-1)
            self.assertEqual(r.site(0), [])
        with orgnet.links(self.net) as links:
            with self.assertRaisesRegex(orgnet.InvalidArgumentError, r"top is -1"):
                links.brokers(top=-1)
            with self.assertRaisesRegex(orgnet.InvalidArgumentError, r"samples is -5"):
                links.betweenness(samples=-5)
        with orgnet.events(self.net) as ev:
            with self.assertRaisesRegex(orgnet.InvalidArgumentError, r"limit is -2"):
                ev.hot_spots(-2)
        for year in (-1, 20266, 2 ** 40):
            with self.assertRaisesRegex(orgnet.InvalidArgumentError, r"year is"):
                orgnet.haves(self.net, year=year)
        with orgnet.haves(self.net, year=9999) as h:
            self.assertEqual(h.year, 9999)
        with self.assertRaisesRegex(orgnet.InvalidArgumentError, r"radius is nan"):
            orgnet.reach(self.net, radius=float("nan"))
        with self.assertRaisesRegex(orgnet.InvalidArgumentError, r"lost_contact_months is 1099"):
            orgnet.coverage(self.net, lost_contact_months=2 ** 40)

    def test_month_counts_and_dates_over_their_whole_range(self):
        with orgnet.coverage(self.net, lost_contact_months=24318) as cov:
            self.assertEqual(cov.findings("member_lost_contact"), [])
        with orgnet.coverage(self.net, lost_contact_months=2 ** 31 - 1, as_of="0001-01-01") as cov:
            self.assertEqual(str(cov.as_of), "0001-01-01")
        with orgnet.events(self.net, "0001-01-01", "9999-12-31", as_of="9999-12-31") as ev:
            self.assertEqual(ev.counted, 10)
        with self.assertRaisesRegex(orgnet.InvalidArgumentError, r"as_of: '2026-02-30' is not"):
            orgnet.coverage(self.net, as_of="2026-02-30")

    def test_great_circle_of_nan_is_nan(self):
        self.assertTrue(math.isnan(orgnet.great_circle_metres(float("nan"), 0, 0, 0)))
        self.assertAlmostEqual(orgnet.great_circle_metres(0, 0, 0, 1), 111195.08, places=1)


class DatesAtTheEdgesTest(unittest.TestCase):
    def test_demo_runs_whatever_the_as_of(self):
        for as_of in ("2024-02-29", "0001-01-01", "9999-12-31"):
            with tempfile.TemporaryDirectory() as folder:
                copy = os.path.join(folder, "d")
                shutil.copytree(DISTRICT, copy)
                with open(os.path.join(copy, "manifest.csv"), encoding="utf-8") as f:
                    lines = [line for line in f if not line.startswith("as_of,")]
                write(copy, "manifest.csv", "".join(lines) + "as_of,%s\n" % as_of)
                code, text = run_cli("demo", copy)
                self.assertEqual(code, 0, as_of)
                self.assertIn("Grid events reported", text)


class HostileTextTest(unittest.TestCase):
    def test_invalid_utf8_header_after_blank_lines_is_an_error_with_its_line(self):
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "orgs.csv"), "wb") as f:
                f.write(b"\n\nid,na\xffme,kind\nA,a,street\n")
            code, text = run_cli("check", folder)
            self.assertEqual(code, 1)
            self.assertIn("orgs.csv:3:5: invalid UTF-8 (byte 0xFF)", text)

    def test_edits_refuse_bytes_that_would_not_load_back(self):
        with orgnet.Network.load(FIXTURE) as net:
            with self.assertRaisesRegex(orgnet.Error, r"NUL byte"):
                net.edit(orgnet.EditBatch().set("orgs", "C1", "name", "a\x00b"))

    def test_centre_functions_of_a_grid_named_community_of_another_kind(self):
        with tempfile.TemporaryDirectory() as folder:
            write(folder, "orgs.csv", "id,name,kind,parent\nS,街道,street,\nU,企业,unit,S\n")
            write(folder, "grids.csv", "id,community,lon,lat\ngu,U,117.2,39.1\n")
            write(folder, "centres.csv", "id,name,org,grid,functions\nK,中心,U,gu,service\n")
            code, text = run_cli("centres", folder, "--functions", "--format", "csv")
            self.assertEqual(code, 0)
            self.assertIn("U,企业,service", text)


if __name__ == "__main__":
    unittest.main()


class DefaultsTest(unittest.TestCase):
    """Issue 10, point 3: Python's defaults are the library's (its init functions)."""

    def test_defaults_come_from_the_init_functions(self):
        import ctypes
        import inspect
        from orgnet import _capi
        rules = _capi.gen.orgnet_coverage_rules()
        self.assertEqual(_capi.lib.orgnet_coverage_rules_init(ctypes.byref(rules), 1), 0)
        python = orgnet.CoverageRules()
        for name in ("own_org_min_formal", "joint_max_units", "branch_max_members",
                     "general_branch_max_members", "branch_min_formal", "group_min_members",
                     "registration_min_rate", "mobile_transfer_months", "lost_contact_months",
                     "grid_min_households", "grid_max_households"):
            self.assertEqual(getattr(python, name), getattr(rules, name), name)
        load = inspect.signature(orgnet.Network.load).parameters
        self.assertEqual((load["max_errors"].default, load["max_warnings"].default,
                          load["threads"].default), (20, 100, 2))
        events = inspect.signature(orgnet.Events.__init__).parameters
        self.assertEqual(events["backlog_days"].default, (7, 30, 90))
        self.assertEqual(events["hot_spot_min_events"].default, 3)
        with self.assertRaises(orgnet.InvalidArgumentError):
            _capi.defaults(_capi.gen.orgnet_event_options, "orgnet_event_options_init", version=9)


class CommandArgumentsTest(unittest.TestCase):
    """Every count, year and distance on the command line is checked: a usage error (exit 2)
    with a message, never a traceback or a silently wrong answer."""

    def test_bad_numbers_are_usage_errors(self):
        import contextlib
        import io
        for argv in (["centres", SERVICE, "--site", "-1"], ["links", SERVICE, "--brokers", "-1"],
                     ["haves", SERVICE, "--year", "20266"], ["events", SERVICE, "--hot-spots", "-1"],
                     ["findings", SERVICE, "--limit", "-1"], ["centres", SERVICE, "--radius", "nan"],
                     ["tree", SERVICE, "--depth", "-2"]):
            err = io.StringIO()
            with contextlib.redirect_stderr(err), self.assertRaises(SystemExit) as exit_:
                run_cli(*argv)
            self.assertEqual(exit_.exception.code, 2, argv)
            self.assertIn("error: argument", err.getvalue())

    def test_library_errors_are_messages(self):
        import contextlib
        import io
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code, _ = run_cli("events", SERVICE, "--from", "2026-06-01", "--to", "2026-01-01")
        self.assertEqual(code, 2)
        self.assertIn("empty window", err.getvalue())


class WholeColumnsTest(unittest.TestCase):
    """Table.column reads through the column contract (blob + offsets, copied cells); it must
    give what reading each cell gives."""

    def test_every_column_equals_its_cells(self):
        for folder in (FIXTURE, SERVICE, DISTRICT):
            with orgnet.Network.load(folder) as net:
                for name in orgnet.TABLES:
                    table = net.table(name)
                    for column in table.columns:
                        expected = [table.cell(r, column) for r in range(len(table))]
                        self.assertEqual(table.column(column), expected, (folder, name, column))
                    if "id" in table.columns:
                        self.assertEqual(table.ids(), [table.id(r) for r in range(len(table))])
