"""Snapshots from Python and the command line: Network.open (folder or file), save_snapshot,
the errors of damaged and newer files, and every command taking a snapshot for a DATASET."""

import contextlib
import io
import os
import struct
import tempfile
import unittest

import orgnet
from cli_runner import run_cli

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "data", "fixture")
DISTRICT = os.path.join(HERE, "..", "..", "examples", "district")


def columns(net):
    """Every present table as {name: {column: [cells]}}, cells in canonical text."""
    out = {}
    for name in orgnet.TABLES:
        table = net.table(name)
        if table.present:
            out[name] = {c: [table.text(r, c) for r in range(len(table))] for c in table.columns}
    return out


class SnapshotTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "district.orgnet")

    def tearDown(self):
        self.dir.cleanup()

    def test_open_answers_as_the_loaded_network(self):
        with orgnet.Network.load(DISTRICT) as net:
            net.save_snapshot(self.path)
            self.assertTrue(orgnet.is_snapshot(self.path))
            self.assertFalse(orgnet.is_snapshot(DISTRICT))
            for check in orgnet.SNAPSHOT_CHECKS:
                with orgnet.Network.open(self.path, check=check) as opened:
                    self.assertEqual(columns(opened), columns(net))
                    self.assertEqual(opened.manifest, net.manifest)
                    self.assertNotEqual(opened.version, net.version)
                    self.assertEqual(opened.parent_version, 0)
                    a, b = orgnet.coverage(net), orgnet.coverage(opened)
                    for by in ("street", "community", "org"):
                        self.assertEqual(a.columns(by), b.columns(by))
                    self.assertEqual(a.finding_counts(), b.finding_counts())
                    self.assertEqual(orgnet.links(net).isolated(), orgnet.links(opened).isolated())

    def test_open_takes_a_folder_too(self):
        with orgnet.Network.open(FIXTURE) as a, orgnet.open_network(FIXTURE, max_errors=3) as b:
            self.assertEqual(columns(a), columns(b))

    def test_an_edited_version_saves_and_opens(self):
        with orgnet.Network.load(FIXTURE) as net, orgnet.EditBatch() as batch:
            batch.set("members", "M1", "name", "李四")
            with net.edit(batch) as edited:
                edited.save_snapshot(self.path)
                with orgnet.Network.open(self.path) as opened:
                    self.assertEqual(opened.members["M1"].name, "李四")
                    self.assertEqual(columns(opened), columns(edited))

    def test_bad_arguments_and_missing_files(self):
        with self.assertRaises(orgnet.NotFoundError) as e:
            orgnet.Network.open(os.path.join(self.dir.name, "none.orgnet"))
        self.assertEqual(str(e.exception), os.path.join(self.dir.name, "none.orgnet") + ": no such file")
        with orgnet.Network.load(FIXTURE) as net:
            net.save_snapshot(self.path)
        with self.assertRaises(orgnet.InvalidArgumentError) as e:
            orgnet.Network.open(self.path, check="paranoid")
        self.assertEqual(str(e.exception), "check must be one of verified, trusted; got 'paranoid'")
        with self.assertRaises(orgnet.InvalidArgumentError) as e:
            orgnet.Network.open(self.path, threads=0)
        self.assertEqual(str(e.exception), "threads is 0; it must be in [1, 1024]")
        with self.assertRaises(orgnet.InvalidArgumentError) as e:
            orgnet.Network.open(self.path, load_into_memory=1)
        self.assertEqual(str(e.exception), "load_into_memory must be True or False; got 1")
        with orgnet.Network.open(self.path, load_into_memory=True) as net:
            os.truncate(self.path, 0)
            self.assertEqual(net.orgs["C1"].name, orgnet.Network.load(FIXTURE).orgs["C1"].name)
        with self.assertRaises(orgnet.InvalidArgumentError) as e:
            orgnet.Network.open(self.path, max_errors=3)
        self.assertEqual(str(e.exception), "max_errors applies to dataset folders; %r is a file"
                         % self.path)
        with self.assertRaises(orgnet.InvalidArgumentError) as e:
            orgnet.Network.open(FIXTURE, check="trusted")
        self.assertEqual(str(e.exception), "check applies to snapshot files; %r is a folder"
                         % FIXTURE)
        csv = os.path.join(FIXTURE, "orgs.csv")
        with self.assertRaises(orgnet.InvalidArgumentError) as e:
            orgnet.Network.open(csv)
        self.assertTrue(str(e.exception).startswith(
            csv + ': not an orgnet snapshot: it starts with "id,name," at offset 0'))

    def test_damaged_and_newer_files(self):
        with orgnet.Network.load(FIXTURE) as net:
            net.save_snapshot(self.path)
        with open(self.path, "rb") as f:
            good = f.read()
        cut = os.path.join(self.dir.name, "cut.orgnet")
        with open(cut, "wb") as f:
            f.write(good[:-10])
        with self.assertRaises(orgnet.DataLossError) as e:
            orgnet.Network.open(cut)
        self.assertEqual(str(e.exception), "%s: header at offset 16: truncated: the header gives %d "
                                           "bytes, the file has %d" % (cut, len(good), len(good) - 10))
        self.assertEqual(e.exception.code, 15)
        # Format version 2, with the header's checksum left as it was: the version is read
        # first, so an older library names the version rather than a checksum.
        newer = os.path.join(self.dir.name, "newer.orgnet")
        with open(newer, "wb") as f:
            f.write(good[:8] + struct.pack("<I", 2) + good[12:])
        with self.assertRaises(orgnet.FailedPreconditionError) as e:
            orgnet.Network.open(newer)
        self.assertEqual(str(e.exception), (
            "%s: header at offset 8: snapshot format version 2 is not one this library reads "
            "(orgnet %s reads versions 1 to 1): open it with the orgnet that wrote it, or save "
            "the data again with this one") % (newer, orgnet.library_version))


class SnapshotCliTest(unittest.TestCase):
    def test_snapshot_command_and_commands_on_a_snapshot(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "district.orgnet")
            code, out = run_cli("snapshot", DISTRICT, path)
            self.assertEqual(code, 0)
            self.assertTrue(out.startswith(path + ": snapshot of " + DISTRICT + " written ("))
            code, out = run_cli("check", path)
            self.assertEqual(code, 0)
            self.assertTrue(out.startswith(path + ": OK (snapshot opened and verified in "))
            for command in (["coverage"], ["findings", "--limit", "5"], ["links"], ["match"],
                            ["events"], ["centres"], ["haves"], ["tree", "--depth", "1"]):
                with self.subTest(command=command[0]):
                    from_folder = run_cli(command[0], DISTRICT, *command[1:])
                    from_file = run_cli(command[0], path, *command[1:])
                    self.assertEqual(from_folder[0], 0)
                    self.assertEqual(from_file, from_folder)
            folder_demo = run_cli("demo", DISTRICT)[1].replace(DISTRICT, "DATASET")
            file_demo = run_cli("demo", path)[1].replace(path, "DATASET")
            self.assertEqual(file_demo, folder_demo)
            # A damaged snapshot is a message and exit code 1, never a traceback.
            with open(path, "r+b") as f:
                f.truncate(1000)
            err = io.StringIO()
            with contextlib.redirect_stderr(err):
                code, out = run_cli("coverage", path)
            self.assertEqual(code, 1)
            self.assertTrue(err.getvalue().startswith(path + ": header at offset 16: truncated"))


if __name__ == "__main__":
    unittest.main()
