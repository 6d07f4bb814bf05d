"""Every command with a bad output path ends in a one-line message and exit code 2, never a
traceback, and writes nothing: a path under a regular file, a read-only file system (a
read-only tmpfs mounted for the test: CI runs as root, and file modes do not stop root), a name
past NAME_MAX, a folder where a file is wanted and a file where a folder is wanted."""

import os
import shutil
import subprocess
import tempfile
import unittest

import orgnet
from cli_runner import run_cli_all
from orgnet.cli import build_parser

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.normpath(os.path.join(HERE, "..", "data", "fixture"))


run = run_cli_all


class BadOutputPaths(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="orgnet-badpaths-")
        cls.plain = os.path.join(cls.tmp, "plain-file")
        with open(cls.plain, "w") as f:
            f.write("not a folder")
        cls.batch = os.path.join(cls.tmp, "batch.jsonl")
        with open(cls.batch, "w") as f:
            f.write('{"op": "set", "table": "orgs", "id": "D1", "column": "name", "value": "x"}\n')
        cls.readonly = os.path.join(cls.tmp, "readonly")
        os.mkdir(cls.readonly)
        cls.mounted = False
        if os.geteuid() == 0 and shutil.which("mount"):
            cls.mounted = subprocess.run(
                ["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", cls.readonly],
                stderr=subprocess.DEVNULL).returncode == 0

    @classmethod
    def tearDownClass(cls):
        if cls.mounted:
            subprocess.run(["umount", cls.readonly])
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def commands(self, out):
        """Each command of the parser with arguments that work, writing to ``out``."""
        d = FIXTURE
        return {
            "check": ["check", d, "-o", out],
            "tree": ["tree", d, "-o", out],
            "generate": ["generate", "district", out],
            "coverage": ["coverage", d, "-o", out],
            "findings": ["findings", d, "-o", out],
            "links": ["links", d, "-o", out],
            "match": ["match", d, "-o", out],
            "events": ["events", d, "-o", out],
            "centres": ["centres", d, "-o", out],
            "haves": ["haves", d, "-o", out],
            "edit": ["edit", d, self.batch, "-o", out],
            "snapshot": ["snapshot", d, out],
            "report": ["report", d, "-o", out],
            "export": ["export", d, "--format", "csv", "-o", out],
            "export-geojson": ["export", d, "--format", "geojson", "-o", out],
            "diff": ["diff", d, d, "-o", out],
            "demo": ["demo", d, "--report", "", "-o", out],
            # (The output is checked before the server is asked: none is reachable here.)
            "follow": ["follow", "host=/nonexistent-orgnet-socket-dir port=5999 dbname=x",
                       "--count", "1", "-o", out],
        }

    def test_every_command_is_walked(self):
        names = set(build_parser()._subparsers._group_actions[0].choices)
        walked = {k.split("-")[0] for k in self.commands("x")}
        self.assertEqual(walked, names)

    def assert_message(self, argv, expect_in):
        code, _, err = run(argv)
        self.assertEqual(code, 2, "%s: exit %s; stderr %r" % (argv, code, err))
        lines = err.strip().splitlines()
        self.assertNotIn("Traceback", err, argv)
        self.assertTrue(lines and lines[-1].startswith("orgnet"), "%s: %r" % (argv, err))
        self.assertIn(expect_in, lines[-1], argv)

    def test_under_a_regular_file(self):
        out = os.path.join(self.plain, "out")
        for name, argv in self.commands(out).items():
            with self.subTest(command=name):
                self.assert_message(argv, "is a file, not a folder")
        with open(self.plain) as f:
            self.assertEqual(f.read(), "not a folder")

    def test_a_name_past_name_max(self):
        out = os.path.join(self.tmp, "n" * 256)
        for name, argv in self.commands(out).items():
            with self.subTest(command=name):
                self.assert_message(argv, "the name is 256 bytes long")
        # 252 bytes fits (its temporary name is shortened, not the name).
        code, _, err = run(["coverage", FIXTURE, "-o", os.path.join(self.tmp, "c" * 252)])
        self.assertEqual(code, 0, err)

    def test_a_folder_where_a_file_is_wanted(self):
        folder = os.path.join(self.tmp, "a-folder")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "keep.txt"), "w") as f:
            f.write("keep")
        for name, argv in self.commands(folder).items():
            if name in ("generate", "edit", "export"):
                # They write folders: an existing folder that is neither empty nor theirs.
                with self.subTest(command=name):
                    self.assert_message(argv, "neither empty nor")
                continue
            with self.subTest(command=name):
                self.assert_message(argv, ": a folder; a ")
        self.assertEqual(os.listdir(folder), ["keep.txt"])

    def test_a_file_where_a_folder_is_wanted(self):
        for name in ("generate", "edit", "export"):
            with self.subTest(command=name):
                self.assert_message(self.commands(self.plain)[name], "a file; a folder is wanted here")

    def test_a_users_files_are_never_removed(self):
        """edit -o into a folder holding a table file the dataset lacks (the user's own
        events.csv: the fixture has no events) refuses, and leaves the folder as it was; an
        export into a dataset folder refuses too (it used to overwrite orgs.csv there)."""
        folder = os.path.join(self.tmp, "mine")
        shutil.copytree(FIXTURE, folder)
        with open(os.path.join(folder, "events.csv"), "w", encoding="utf-8") as f:
            f.write("id,grid,category,reported,resolved,level\n")
        before = {n: open(os.path.join(folder, n), "rb").read() for n in os.listdir(folder)}
        self.assert_message(["edit", FIXTURE, self.batch, "-o", folder],
                            "events.csv: a table this dataset does not have")
        self.assert_message(["export", folder, "--format", "csv", "--lang", "zh", "-o", folder],
                            "neither empty nor written by orgnet export")
        after = {n: open(os.path.join(folder, n), "rb").read() for n in os.listdir(folder)}
        self.assertEqual(after, before)

    def test_a_read_only_file_system(self):
        if not self.mounted:
            if os.environ.get("CI") == "true":
                self.fail("CI runs as root: the read-only tmpfs must mount")
            self.skipTest("cannot mount a read-only tmpfs here (not root)")
        out = os.path.join(self.readonly, "out")
        for name, argv in self.commands(out).items():
            with self.subTest(command=name):
                self.assert_message(argv, "Read-only file system")
        self.assertEqual(os.listdir(self.readonly), [])


if __name__ == "__main__":
    unittest.main()
