"""The command line and the generator."""

import contextlib
import hashlib
import io
import os
import tempfile
import unittest

import orgnet
from cli_runner import run_cli
from orgnet.generate import generate

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "fixture")


class CliTest(unittest.TestCase):
    def test_tree_outline(self):
        code, text = run_cli("tree", FIXTURE, "S1", "--depth", "1")
        self.assertEqual(code, 0)
        self.assertEqual(text, "S1 南市街道党工委 [street]\n"
                               "  C1 荣业社区党委 [community]\n"
                               '  C2 社区, "二" [community]\n'
                               "  U1 企业甲党支部 [unit]\n")
        code, text = run_cli("tree", FIXTURE)
        self.assertEqual(text.splitlines()[4], "        B2 楼宇党小组 [group]")
        self.assertEqual(text.splitlines()[-1], "X1 orphan [unit]")

    def test_check_ok_and_broken(self):
        code, text = run_cli("check", FIXTURE)
        self.assertEqual(code, 0)
        self.assertIn("OK", text.splitlines()[0])
        self.assertIn("leadership: 2 roots, greatest depth 4", text)
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "orgs.csv"), "w", encoding="utf-8") as f:
                f.write("id,name,kind,parent\nA,a,x,B\n")
            code, text = run_cli("check", folder)
            self.assertEqual(code, 1)
            self.assertIn("INVALID (1 error)", text)
            self.assertIn('orgs.csv:2: column parent: unknown org id "B"', text)

    def test_view_scopes_every_command(self):
        # A street's view: its rows only, with the figures the full network gives the street.
        code, full = run_cli("coverage", FIXTURE, "--by", "street", "--format", "csv")
        self.assertEqual(code, 0)
        code, view = run_cli("coverage", FIXTURE, "--by", "street", "--format", "csv",
                             "--view", "place:S2")
        self.assertEqual(code, 0)
        s2 = [line for line in full.splitlines() if line.startswith("S2,")]
        self.assertEqual(len(s2), 1)
        self.assertEqual(view.splitlines()[1:], s2)
        code, text = run_cli("tree", FIXTURE, "--view", "org:C1")
        self.assertEqual(code, 0)
        self.assertEqual(text.splitlines()[0], "C1 荣业社区党委 [community]")
        self.assertNotIn("S1", text)
        # The union of two views; a bad one is a usage error; an unknown id names the argument.
        code, text = run_cli("check", FIXTURE, "--view", "org:C1", "--view", "place:S2")
        self.assertEqual(code, 0)
        err = io.StringIO()
        with contextlib.redirect_stderr(err), self.assertRaises(SystemExit) as exit_:
            run_cli("coverage", FIXTURE, "--view", "street:S2")
        self.assertEqual(exit_.exception.code, 2)
        self.assertIn("expected org:ID or place:ID", err.getvalue())
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code, text = run_cli("coverage", FIXTURE, "--view", "org:nobody")
        self.assertEqual(code, 1)
        self.assertIn('orgs[0]: no organization has id "nobody"', err.getvalue())

    def test_demo_runs_on_the_fixture(self):
        code, text = run_cli("demo", FIXTURE)
        self.assertEqual(code, 0)
        # Worked by hand: S1 has UA (own: U1 covers it alone) and UB (joint: J1), grids G1-G3
        # of which G1 has a manager (T2), and M1 employed and registered. S2 has UC (work:
        # instructor T1) and G4 without a manager. The district: 3 counted units.
        self.assertIn("  南市街道党工委        2     100.0%     50.0%      100.0%          0"
                      "            1/3      100.0%\n", text)
        self.assertIn("  小白楼街道党工委      1       0.0%      0.0%      100.0%          0"
                      "            0/1           -\n", text)
        self.assertIn("  total 和平区委        3      66.7%     33.3%      100.0%          0"
                      "            1/4      100.0%\n", text)
        self.assertIn("3 of 4 grids have a counted unit that neither coverage reaches, or no grid"
                      " manager", text)
        # J1 and U1 are led from within S1, where they sit.
        self.assertIn("  0 unit or joint organizations sit in a street but are led from outside",
                      text)

    def test_tables_line_up_with_chinese(self):
        from orgnet._format import table, width
        text = table(["名称", "n"], [("社区", 1), ("ab", 22)], [1])
        widths = {width(line) for line in text.splitlines()}
        self.assertEqual(len(widths), 1)


class GeneratorTest(unittest.TestCase):
    def test_district_is_deterministic_and_valid(self):
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            generate(a, "district", seed=3)
            generate(b, "district", seed=3)
            for name in sorted(os.listdir(a)):
                with open(os.path.join(a, name), "rb") as fa, open(os.path.join(b, name), "rb") as fb:
                    self.assertEqual(hashlib.sha256(fa.read()).digest(),
                                     hashlib.sha256(fb.read()).digest(), name)
            with orgnet.Network.load(a) as net:
                kinds = net.orgs.column("kind")
                self.assertEqual(kinds.count("community"), 63)
                self.assertEqual(kinds.count("street"), 6)
                self.assertEqual(len(net.grids), 629)
                roles = net.staff.column("role")
                self.assertEqual([roles.count(r) for r in
                                  ("grid_manager", "grid_informant", "instructor", "liaison")],
                                 [661, 1561, 183, 145])
                self.assertEqual(len(net.members), 24000)

    def test_fraction_scales_every_count(self):
        with tempfile.TemporaryDirectory() as folder:
            counts = generate(folder, "city", seed=1, fraction=0.01)
            self.assertEqual(counts["grids.csv"], 600)
            self.assertEqual(counts["members.csv"], 20000)
            with orgnet.Network.load(folder) as net:
                self.assertEqual(len(net.units), 4000)


if __name__ == "__main__":
    unittest.main()


DISTRICT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples",
                        "district")


def run_usage(*argv):
    """(exit code, stderr) of a run that argparse may end with SystemExit."""
    from orgnet.cli import main
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(list(argv))
        except SystemExit as e:
            code = e.code
    return code, err.getvalue()


class ConventionsTest(unittest.TestCase):
    """Issue 14, point 8: --version, help for every option, exit code 2 for every usage error,
    -o/--output on every command that writes results, progress on a terminal."""

    def test_version(self):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), self.assertRaises(SystemExit) as done:
            from orgnet.cli import main
            main(["--version"])
        self.assertEqual(done.exception.code, 0)
        self.assertEqual(out.getvalue(), "orgnet %s (liborgnet %s, %s)\n" % (
            orgnet.__version__, orgnet.library_version, orgnet.library_path))

    def test_every_option_and_argument_has_help(self):
        import argparse
        from orgnet.cli import build_parser
        parser = build_parser()
        commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        self.assertGreaterEqual(len(commands.choices), 13)
        for name, command in commands.choices.items():
            for action in command._actions:
                if isinstance(action, argparse._HelpAction):
                    continue
                self.assertTrue(action.help, "%s %s has no help" % (name, action.option_strings or action.dest))
            self.assertIn(name, [c.dest for c in commands._choices_actions])

    def test_every_usage_error_exits_2(self):
        cases = [
            ("coverage", FIXTURE, "--nope"),
            ("coverage", FIXTURE, "--as-of", "2026-13-01"),
            ("links", FIXTURE, "--on", "someday"),
            ("events", FIXTURE, "--from", "May"),
            ("coverage", FIXTURE, "--by", "streets"),
            ("findings", FIXTURE, "--rule", "orphan"),
            ("links", FIXTURE, "--kind", "pairng"),
            ("links", FIXTURE, "--partners", "NOPE"),
            ("tree", FIXTURE, "NOPE"),
            ("match", FIXTURE, "--scope", "anyone"),
            ("snapshot", FIXTURE),
            ("generate", "district"),
            ("nosuchcommand",),
            (),
        ]
        for argv in cases:
            with self.subTest(argv=argv):
                code, err = run_usage(*argv)
                self.assertEqual(code, 2, err)
                self.assertTrue(err.strip())
        # Data problems are not usage errors: 1.
        code, _ = run_usage("coverage", os.path.join(FIXTURE, "no-such-folder"))
        self.assertEqual(code, 1)

    def test_output_file_holds_what_stdout_would(self):
        folder = tempfile.mkdtemp()
        commands = [("check", FIXTURE), ("tree", FIXTURE), ("coverage", FIXTURE, "--format", "csv"),
                    ("findings", FIXTURE), ("links", FIXTURE, "--format", "json"),
                    ("match", FIXTURE), ("events", DISTRICT), ("centres", DISTRICT),
                    ("haves", DISTRICT), ("demo", FIXTURE)]
        for argv in commands:
            with self.subTest(argv=argv):
                code, text = run_cli(*argv)
                self.assertEqual(code, 0)
                path = os.path.join(folder, argv[0] + ".out")
                code, rest = run_cli(*argv, "-o", path)
                self.assertEqual((code, rest), (0, ""))
                with open(path, encoding="utf-8") as f:
                    written = f.read()
                if argv[0] == "check":  # it says how long it took
                    written, text = written.split(" in ")[0], text.split(" in ")[0]
                self.assertEqual(written, text)
        self.assertEqual(sorted(os.listdir(folder)), sorted(a[0] + ".out" for a in commands))
        snapshot = os.path.join(folder, "fixture.orgnet")
        self.assertEqual(run_cli("snapshot", FIXTURE, "-o", snapshot)[0], 0)
        self.assertTrue(orgnet.is_snapshot(snapshot))
        edited = os.path.join(folder, "edited")
        batch = os.path.join(folder, "batch.jsonl")
        with open(batch, "w") as f:
            f.write('{"op": "set", "table": "orgs", "id": "C1", "column": "name", "value": "x"}\n')
        self.assertEqual(run_cli("edit", FIXTURE, batch, "--output", edited)[0], 0)
        self.assertEqual(orgnet.Network.load(edited).orgs["C1"].name, "x")

    def test_terminal_progress_after_a_second(self):
        from orgnet.progress import TerminalProgress
        now = [0.0]
        out = io.StringIO()
        progress = TerminalProgress(out, clock=lambda: now[0])
        for done, t in ((0, 0.0), (10, 0.5), (20, 0.9)):  # a quick work shows nothing
            now[0] = t
            progress(done, 20, "load")
        self.assertEqual(out.getvalue(), "")
        for done, t in ((0, 1.0), (50, 1.5), (100, 2.2), (200, 2.6)):
            now[0] = t
            progress(done, 200, "betweenness")
        # The work started at its first report (1.0): shown from 2.0 on, ended by a newline.
        self.assertEqual(out.getvalue(), "\rorgnet: betweenness  50%\rorgnet: betweenness 100%\n")
