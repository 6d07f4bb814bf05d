"""Every write of the command line killed with SIGKILL at each of its steps (the library's
ORGNET_TEST_KILL_AT_STEP hook, src/output/steps.h): after each kill the target is exactly the
old content or exactly the new one, never a mix, and a dataset folder loads. Covers `edit -o`
over the dataset and into a new folder, the report, the CSV and GeoJSON exports, a snapshot
and a command's `-o FILE`."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import orgnet

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "data", "fixture")
PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(orgnet.__file__)))


def contents(folder):
    """Every file under ``folder`` by relative path, with its bytes."""
    found = {}
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                found[os.path.relpath(path, folder)] = f.read()
    return found


def read(path):
    with open(path, "rb") as f:
        return f.read()


class KilledAtEveryStep(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="orgnet-crash-")
        cls.old = os.path.join(cls.tmp, "old")
        cls.new = os.path.join(cls.tmp, "new")
        cls.batch = os.path.join(cls.tmp, "batch.jsonl")
        with open(cls.batch, "w", encoding="utf-8") as f:
            f.write('{"op": "set", "table": "orgs", "id": "D1", "column": "name", '
                    '"value": "新的区委"}\n'
                    '{"op": "set", "table": "members", "id": "M1", "column": "name", '
                    '"value": "改名"}\n'
                    '{"op": "set", "table": "grids", "id": "G1", "column": "name", '
                    '"value": "新网格"}\n')
        with orgnet.Network.load(FIXTURE) as net:
            net.save(cls.old)
            with _read_batch(cls.batch) as batch, net.edit(batch) as edited:
                edited.save(cls.new)
        cls.env = dict(os.environ)
        cls.env["PYTHONPATH"] = PACKAGE_PARENT + os.pathsep + cls.env.get("PYTHONPATH", "")
        cls.env["ORGNET_LIBRARY"] = orgnet.library_path

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def run_cli(self, *argv, kill_at=0):
        env = dict(self.env)
        if kill_at:
            env["ORGNET_TEST_KILL_AT_STEP"] = str(kill_at)
        return subprocess.run([sys.executable, "-m", "orgnet"] + list(argv), env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              cwd=self.tmp).returncode

    def kill_at_every_step(self, argv_of, prepare, check, at_least):
        """Runs ``argv_of(folder)`` killed at step 1, 2, ... until a run ends by itself, each
        step in a folder of its own (``prepare(folder)`` before, ``check(folder, when)``
        after), a few steps at a time in parallel."""
        from concurrent.futures import ThreadPoolExecutor
        kills, step, finished = 0, 1, False
        with ThreadPoolExecutor(max_workers=4) as pool:
            while not finished and step < 1000:
                steps = list(range(step, step + 8))
                step += 8

                def one(k):
                    folder = tempfile.mkdtemp(dir=self.tmp, prefix="step%d-" % k)
                    prepare(folder)
                    return k, folder, self.run_cli(*argv_of(folder), kill_at=k)

                for k, folder, code in pool.map(one, steps):
                    if finished:
                        break
                    check(folder, "killed at step %d" % k if code == -9 else "not killed")
                    if code != -9:
                        self.assertEqual(code, 0, "%s ran to its end and failed" % (argv_of(folder),))
                        finished = True
                    else:
                        kills += 1
                    shutil.rmtree(folder, ignore_errors=True)
        self.assertTrue(finished)
        self.assertGreaterEqual(kills, at_least, "fewer steps than expected in %s" % (argv_of("F"),))
        return kills

    def assert_old_or_new_folder(self, folder, old, new, when):
        now = contents(folder)
        self.assertIn(now, (old, new), "%s: %s is a mix of the old and the new" % (when, folder))

    def test_edit_over_the_dataset(self):
        old, new = contents(self.old), contents(self.new)
        self.assertNotEqual(old, new)

        def prepare(folder):
            shutil.copytree(self.old, os.path.join(folder, "ds"))

        def check(folder, when):
            target = os.path.join(folder, "ds")
            self.assert_old_or_new_folder(target, old, new, when)
            with orgnet.Network.load(target):
                pass
            # Nothing beside it but what the next write sweeps.
            leftovers = [n for n in os.listdir(folder) if n.startswith(".ds.orgnet-")]
            self.assertLessEqual(len(leftovers), 1, when)

        self.kill_at_every_step(
            lambda f: ["edit", os.path.join(f, "ds"), self.batch, "-o", os.path.join(f, "ds")],
            prepare, check, 20)

    def test_edit_into_a_new_folder(self):
        new = contents(self.new)

        def check(folder, when):
            target = os.path.join(folder, "fresh", "ds")
            if os.path.exists(target):  # whole or not at all
                self.assertEqual(contents(target), new, when)

        self.kill_at_every_step(
            lambda f: ["edit", self.old, self.batch, "-o", os.path.join(f, "fresh", "ds")],
            lambda folder: None, check, 20)

    def _file_case(self, name, argv_of, at_least):
        """A command writing one file (or an export's folder): its old output (from the old
        dataset) replaced by the new one (from the edited dataset)."""
        def output(path):
            return read(path) if os.path.isfile(path) else contents(path)

        reference = tempfile.mkdtemp(dir=self.tmp)
        self.assertEqual(self.run_cli(*argv_of(self.old, os.path.join(reference, "old"))), 0)
        self.assertEqual(self.run_cli(*argv_of(self.new, os.path.join(reference, "new"))), 0)
        old = output(os.path.join(reference, "old"))
        new = output(os.path.join(reference, "new"))
        self.assertNotEqual(old, new, name)

        def prepare(folder):  # the old output in place, as the command wrote it
            source = os.path.join(reference, "old")
            if os.path.isdir(source):
                shutil.copytree(source, os.path.join(folder, name))
            else:
                shutil.copyfile(source, os.path.join(folder, name))

        def check(folder, when):
            now = output(os.path.join(folder, name))
            self.assertTrue(now == old or now == new, "%s: %s is neither" % (when, name))

        self.kill_at_every_step(lambda f: argv_of(self.new, os.path.join(f, name)), prepare,
                                check, at_least)

    def test_report(self):
        self._file_case("report.html", lambda ds, out: ["report", ds, "-o", out], 4)

    def test_csv_export(self):
        self._file_case("tables", lambda ds, out: ["export", ds, "--format", "csv", "-o", out], 20)

    def test_geojson_export(self):
        self._file_case("map.geojson", lambda ds, out: ["export", ds, "--format", "geojson",
                                                        "-o", out], 4)

    def test_snapshot(self):
        self._file_case("net.orgnet", lambda ds, out: ["snapshot", ds, out], 4)

    def test_a_commands_output_file(self):
        self._file_case("coverage.csv", lambda ds, out: ["coverage", ds, "--format", "csv",
                                                         "--by", "org", "-o", out], 4)


def _read_batch(path):
    from orgnet.batch import read_batch
    return read_batch(path)


if __name__ == "__main__":
    unittest.main()
