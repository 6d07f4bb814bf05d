"""orgnet.diff and `orgnet diff` against a slow dictionary diff of the cell texts."""

import csv
import io
import json
import os
import shutil
import tempfile
import unittest

import orgnet
from cli_runner import run_cli
from orgnet.coverage import RATES, coverage

HERE = os.path.dirname(os.path.abspath(__file__))
DISTRICT = os.path.join(HERE, "..", "..", "examples", "district")


def identity(table, row):
    if table.name == "links":
        a, b = table.text(row, "a"), table.text(row, "b")
        return (min(a, b), max(a, b), table.text(row, "kind"), table.text(row, "since"))
    if table.name == "funds":
        return (table.text(row, "org"), table.text(row, "source"), table.text(row, "year"))
    return table.id(row)


def slow_diff(before, after, name):
    tb, ta = before.table(name), after.table(name)
    rows_b = {}
    for r in range(len(tb)):
        rows_b.setdefault(identity(tb, r), []).append(r)
    seen, added, changed, matched = {}, [], [], set()
    shared = [c for c in ta.columns if ta.has_column(c) and tb.has_column(c)]
    for r in range(len(ta)):
        key = identity(ta, r)
        k = seen.get(key, 0)
        seen[key] = k + 1
        if key not in rows_b or k >= len(rows_b[key]):
            added.append(key)
            continue
        b = rows_b[key][k]
        matched.add(b)
        columns = tuple(c for c in shared if tb.text(b, c) != ta.text(r, c))
        if columns:
            changed.append((key, columns))
    removed = [identity(tb, r) for r in range(len(tb)) if r not in matched]
    return added, removed, changed


def edited(net):
    batch = orgnet.EditBatch()
    batch.set("members", "M000000001", "name", "张伟")
    batch.remove("members", "M000000003")
    batch.set("units", "U00000002", "org", "")
    batch.add_org("O9999999", "新党支部", "branch", "O0000009")
    batch.add_link("O0001444", "O0000031", "pairing", "2025-01-01")
    batch.remove_link("O0000031", "O0001885", "joint_meeting", "2021-12-05")
    batch.insert("funds", org="O0000009", source="dues", amount="7", year="2025")
    batch.add_column("grids", "remark")
    return net.edit(batch)


class DiffTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.before = orgnet.load(DISTRICT)
        cls.after = edited(cls.before)

    @classmethod
    def tearDownClass(cls):
        cls.after.close()
        cls.before.close()

    def test_every_table_as_the_slow_diff(self):
        with orgnet.diff(self.before, self.after) as d:
            for t in d.tables():
                added, removed, changed = slow_diff(self.before, self.after, t.table)
                self.assertEqual(t.added, added, t.table)
                self.assertEqual(t.removed, removed, t.table)
                self.assertEqual([(c.key, c.columns) for c in t.changed], changed, t.table)
            self.assertEqual(d.table("grids").columns_added, ("remark",))
            funds = d.table("funds")
            self.assertEqual(funds.duplicates_after, funds.duplicates_before + 1)
            self.assertEqual(funds.added, [("O0000009", "dues", "2025")])
            self.assertEqual(d.table("members").removed, ["M000000003"])
            self.assertFalse(d.empty)
            self.assertIn("members +0 -1 ~1", repr(d))
        with orgnet.diff(self.before, self.before) as same:
            self.assertTrue(same.empty)
        with self.assertRaises(TypeError):
            orgnet.diff(self.before, DISTRICT)

    def test_coverage_deltas(self):
        with orgnet.diff(self.before, self.after) as d, coverage(self.before) as cb, \
                coverage(self.after) as ca:
            c = d.coverage()
            self.assertEqual([(m.id, m.before, m.after) for m in c.moved],
                             [("U00000002", "joint", "none")])
            self.assertFalse(c.moved[0].covered_now)
            streets_b, streets_a = cb.columns("street"), ca.columns("street")
            streets = [p for p in c.places if p.level == "street"]
            self.assertEqual([p.id for p in streets], sorted(streets_a["id"]))
            for p in streets:
                i = streets_a["id"].index(p.id)
                for rate in RATES:
                    self.assertEqual(p.after[rate], streets_a[rate][i])
                    self.assertEqual(p.before[rate], streets_b[rate][streets_b["id"].index(p.id)])
            counts_b, counts_a = cb.finding_counts(), ca.finding_counts()
            self.assertEqual(c.findings_before, counts_b)
            self.assertEqual(c.findings_after, counts_a)
            district = [p for p in c.places if p.level == "district"][0]
            self.assertEqual(district.delta("org_coverage_rate"),
                             ca.columns("district")["org_coverage_rate"][0] -
                             cb.columns("district")["org_coverage_rate"][0])
            self.assertLess(district.delta("org_coverage_rate"), 0)


class DiffCommandTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp()
        cls.new = os.path.join(cls.folder, "new")
        with orgnet.load(DISTRICT) as net, edited(net) as after:
            after.save(cls.new)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder)

    def test_json_csv_and_table_agree(self):
        code, text = run_cli("diff", DISTRICT, self.new, "--format", "json")
        self.assertEqual(code, 0)
        document = json.loads(text)
        tables = {t["table"]: t for t in document["tables"]}
        self.assertEqual(tables["members"]["removed"], ["M000000003"])
        self.assertEqual(tables["members"]["changed"], [{"id": "M000000001", "columns": ["name"]}])
        self.assertEqual(tables["funds"]["added"], ["O0000009/dues/2025"])
        self.assertEqual(document["units_moved"], [{"id": "U00000002", "before": "joint",
                                                    "after": "none"}])
        district = [p for p in document["places"] if p["level"] == "district"][0]
        rate = district["rates"]["org_coverage_rate"]
        self.assertEqual(rate["delta"], rate["after"] - rate["before"])
        code, text = run_cli("diff", DISTRICT, self.new, "--format", "csv")
        rows = list(csv.reader(io.StringIO(text)))
        self.assertEqual(rows[0], ["section", "table", "id", "name", "change", "columns",
                                   "measure", "before", "after", "delta"])
        facts = [r for r in rows[1:] if r[0] == "rows"]
        self.assertEqual(len(facts), sum(len(t["added"]) + len(t["removed"]) + len(t["changed"])
                                         for t in document["tables"]))
        line = [r for r in rows if r[0] == "coverage" and r[1] == "district" and
                r[6] == "org_coverage_rate"][0]
        self.assertEqual(float(line[7]), rate["before"])
        self.assertEqual(float(line[9]), rate["delta"])
        code, text = run_cli("diff", DISTRICT, self.new)
        self.assertIn("units that moved: 0 became covered, 1 lost coverage", text)
        self.assertIn("members M000000001: name", text)
        code, text = run_cli("diff", DISTRICT, self.new, "--format", "csv", "--lang", "zh")
        self.assertTrue(text.startswith("部分,表,编号,名称,变化,变化字段,指标,之前,之后,变化量"))


if __name__ == "__main__":
    unittest.main()
