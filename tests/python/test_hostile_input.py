"""Hostile input gets a message, never a traceback; hostile text is inert wherever it goes."""

import csv
import io
import re
import os
import shutil
import tempfile
import unittest

import orgnet
from cli_runner import run_cli_all

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.normpath(os.path.join(HERE, "..", "data", "fixture"))


run = run_cli_all


class MalformedBatches(unittest.TestCase):
    """The shapes of issue 24's reproducers: each is exit 2 and one line naming the batch's
    line, and nothing is written."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="orgnet-batch-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def check(self, content: bytes, expected: str):
        path = os.path.join(self.tmp, "b.jsonl")
        with open(path, "wb") as f:
            f.write(b'{"op": "set", "table": "orgs", "id": "D1", "column": "name", "value": "x"}\n')
            f.write(content)
        out = os.path.join(self.tmp, "out")
        code, _, err = run(["edit", FIXTURE, path, "-o", out])
        self.assertEqual(code, 2, err)
        self.assertNotIn("Traceback", err)
        self.assertEqual(err.strip(), "orgnet: %s:2: %s" % (path, expected))
        self.assertFalse(os.path.exists(out))

    def test_nesting_100000_deep(self):
        self.check(b"[" * 100000 + b"]" * 100000 + b"\n",
                   "nested too deeply (an edit is one flat JSON object)")

    def test_a_5000_digit_number(self):
        self.check(b'{"op": "set", "table": "orgs", "id": "D1", "column": "name", "value": '
                   + b"9" * 5000 + b"}\n",
                   "Exceeds the limit (4300 digits) for integer string conversion: value has "
                   "5000 digits")

    def test_bytes_that_are_not_utf8(self):
        self.check(b'{"op": "set", "value": "\xff\xfe"}\n', "byte 25 (0xff) is not UTF-8 text")

    def test_an_op_that_is_a_list(self):
        self.check(b'{"op": ["set"]}\n', 'op ["set"] is not one of add_column, add_link, insert, '
                   'remove, remove_link, remove_row, rename, reparent, set, set_row')

    def test_a_deep_value(self):
        self.check(b'{"op": "set", "table": "orgs", "id": "D1", "column": "name", "value": '
                   + b"[" * 500 + b"]" * 500 + b"}\n",
                   'value: expected text, got [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['
                   '[[[[[[[[[[[[')


class StrictBuilder(unittest.TestCase):
    """Tried as a new Python user would: a misspelt column is an error naming the closest
    (it used to become an extra column, and the network built with two roots)."""

    def test_a_misspelt_column_is_refused(self):
        b = orgnet.Builder()
        b.add("orgs", id="A", name="区", kind="district")
        with self.assertRaises(orgnet.InvalidArgumentError) as caught:
            b.add("orgs", id="B", name="街", kind="street", parnt="A")
        self.assertEqual(str(caught.exception),
                         'orgs.csv has no column "parnt" (did you mean "parent"?); to add a '
                         'column, use AddColumn first')
        b.add("orgs", id="B", name="街", kind="street", parent="A")
        b.add_column("orgs", "phone").add("orgs", id="C", name="社区", kind="community",
                                          parent="B", phone="022-1")
        with self.assertRaises(orgnet.Error):
            b.add_column("orgs", "phone")  # already there
        with self.assertRaises(orgnet.InvalidArgumentError):
            b.add_column("orgs", "kind")  # a column of the format
        with b.build() as net:
            self.assertEqual(net.hierarchy.roots(), ["A"])
            self.assertEqual(net.orgs.column("phone"), ["", "", "022-1"])
        b.close()


# Names that would run in a spreadsheet, drive a terminal or break XML, by org id.
HOSTILE_NAMES = {
    "B1": '=HYPERLINK("http://example.invalid","click")',
    "C1": "\x1b]0;owned\x07荣业\x1b[2J",
    "S2": "小白楼\u202e党工委",
    "C3": "泰达\x01社区",
    "U1": "@SUM(1+1)",
    "J1": "\t-1+2",
    "B2": "+cmd|' /C calc'!A0",
    "X1": "a_x0041_b",
}
# What no output for people may hold: C0 but line feed, DEL, C1, bidirectional controls.
RAW_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                          "\u2066-\u2069]")


def hostile_dataset(folder):
    """The fixture with HOSTILE_NAMES as its organizations' names."""
    shutil.copytree(FIXTURE, folder)
    path = os.path.join(folder, "orgs.csv")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    for row in rows[1:]:
        if row[0] in HOSTILE_NAMES:
            row[1] = HOSTILE_NAMES[row[0]]
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return folder


class HostileText(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="orgnet-hostile-")
        cls.ds = hostile_dataset(os.path.join(cls.tmp, "ds"))
        with orgnet.load(cls.ds) as net:  # the loader takes every one of them as it is
            for org, name in HOSTILE_NAMES.items():
                assert net.orgs.text(net.orgs.index(org), "name") == name

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def assert_inert(self, text, what):
        found = RAW_CONTROLS.findall(text)
        self.assertEqual(found, [], "%s holds raw control characters" % what)

    def test_tables_trees_and_messages_for_people_escape_controls(self):
        outputs = {}
        for argv in (["tree", self.ds], ["check", self.ds],
                     ["coverage", self.ds, "--by", "org"], ["findings", self.ds],
                     ["links", self.ds, "--isolated"], ["demo", self.ds, "--report", ""],
                     ["tree", self.ds, "NO\x1b[2JSUCH"]):
            code, out, err = run(argv)
            self.assertIn(code, (0, 2), argv)
            self.assert_inert(out, "stdout of %s" % argv)
            self.assert_inert(err, "stderr of %s" % argv)
            outputs[argv[0] + str(len(argv))] = out + err
        self.assertIn("\\x1b]0;owned\\x07荣业", outputs["tree2"])
        self.assertIn("小白楼\\u202e党工委", outputs["tree2"])
        self.assertIn("NO\\x1b[2JSUCH", outputs["tree3"])  # the message names the id, escaped
        # The same when the table goes to a file (-o): it is for people all the same.
        out = os.path.join(self.tmp, "tree.txt")
        self.assertEqual(run(["tree", self.ds, "-o", out])[0], 0)
        with open(out, encoding="utf-8") as f:
            text = f.read()
        self.assert_inert(text, "tree -o")
        self.assertIn("\\x1b]0;owned", text)

    def test_csv_for_programs_keeps_the_data(self):
        code, out, _ = run(["links", self.ds, "--isolated", "--format", "csv"])
        self.assertEqual(code, 0)
        names = {row[0]: row[1] for row in csv.reader(io.StringIO(out))}
        for org, name in HOSTILE_NAMES.items():
            if org in names:
                self.assertEqual(names[org], name)

    def test_csv_for_excel_neutralises_formulas(self):
        for raw in (False, True):
            argv = ["coverage", self.ds, "--by", "org", "--format", "csv", "--excel"]
            code, out, _ = run(argv + (["--raw-cells"] if raw else []))
            self.assertEqual(code, 0)
            names = {row[0]: row[1] for row in csv.reader(io.StringIO(out.lstrip("\ufeff")))}
            for org, name in HOSTILE_NAMES.items():
                if org not in names:
                    continue
                trigger = name[0] in "=+-@\t\r"
                self.assertEqual(names[org], name if raw or not trigger else "'" + name, org)
            self.assertIn("B1", names)

    def test_export_csv_neutralises_unless_raw(self):
        for raw in (False, True):
            folder = os.path.join(self.tmp, "export-%s" % raw)
            with orgnet.load(self.ds) as net:
                orgnet.export(net, "csv", folder, raw_cells=raw)
            with open(os.path.join(folder, "orgs.csv"), encoding="utf-8", newline="") as f:
                names = {row[0]: row[1] for row in csv.reader(f)}
            self.assertEqual(names["B1"], HOSTILE_NAMES["B1"] if raw else "'" + HOSTILE_NAMES["B1"])
            self.assertEqual(names["J1"], HOSTILE_NAMES["J1"] if raw else "'" + HOSTILE_NAMES["J1"])
            self.assertEqual(names["C1"], HOSTILE_NAMES["C1"])  # not a trigger: as stored

    def test_graphml_is_well_formed_and_warns(self):
        import warnings
        import xml.etree.ElementTree as ET
        path = os.path.join(self.tmp, "tree.graphml")
        with orgnet.load(self.ds) as net, warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            orgnet.export(net, "graphml", path, graph="tree")
        self.assertEqual([str(w.message) for w in caught],
                         ["4 control characters replaced by U+FFFD in %s (XML 1.0 cannot carry "
                          "them, not even as references)" % path])
        root = ET.parse(path).getroot()  # well-formed
        ns = "{http://graphml.graphdrawing.org/xmlns}"
        names = {n.get("id"): next(d.text for d in n if d.get("key") == "name")
                 for n in root.iter(ns + "node")}
        self.assertEqual(names["C3"], "泰达\ufffd社区")
        self.assertEqual(names["C1"], "\ufffd]0;owned\ufffd荣业\ufffd[2J")
        self.assertEqual(names["B1"], HOSTILE_NAMES["B1"])
        code, _, err = run(["export", self.ds, "--format", "graphml", "-o", path])
        self.assertEqual(code, 0)
        self.assertIn("orgnet export: warning: 4 control characters replaced by U+FFFD", err)

    def test_dataset_saves_and_snapshots_keep_the_text(self):
        batch = os.path.join(self.tmp, "noop.jsonl")
        with open(batch, "w") as f:
            f.write('{"op": "set", "table": "orgs", "id": "D1", "column": "name", "value": "区"}\n')
        saved = os.path.join(self.tmp, "saved")
        self.assertEqual(run(["edit", self.ds, batch, "-o", saved])[0], 0)
        snap = os.path.join(self.tmp, "s.orgnet")
        self.assertEqual(run(["snapshot", self.ds, snap])[0], 0)
        for path in (saved, snap):
            with orgnet.Network.open(path) as net:
                for org, name in HOSTILE_NAMES.items():
                    self.assertEqual(net.orgs.text(net.orgs.index(org), "name"), name)


if __name__ == "__main__":
    unittest.main()
