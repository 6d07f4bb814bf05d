"""Coverage through Python, on the hand-worked case of tests/data/coverage (the figures are
worked out in tests/coverage_test.cc)."""

import datetime
import json
import os
import unittest

import orgnet
from cli_runner import run_cli

CASE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "coverage")


class CoverageTest(unittest.TestCase):
    def setUp(self):
        self.net = orgnet.Network.load(CASE)
        self.cov = orgnet.coverage(self.net)

    def tearDown(self):
        self.cov.close()
        self.net.close()

    def test_units(self):
        units = self.cov.units()
        self.assertEqual("".join(u.coverage[0].upper() for u in units), "OOJJJWWNNNJN")
        self.assertEqual((units[0].id, units[0].formal, units[0].probationary), ("A", 3, 1))
        self.assertFalse(units[8].counted)  # I, an agency
        self.assertEqual(self.cov.as_of, datetime.date(2026, 6, 30))

    def test_street_row(self):
        [s] = self.cov.table("street")
        self.assertEqual((s.id, s.units, s.units_counted, s.units_own, s.units_joint,
                          s.units_work, s.units_none), ("S", 12, 10, 2, 4, 2, 2))
        self.assertEqual((s.grids, s.grids_managed, s.managers, s.informants), (4, 2, 3, 2))
        self.assertEqual((s.members, s.members_attached, s.members_employed,
                          s.members_registered), (11, 11, 8, 6))
        self.assertAlmostEqual(s.org_coverage_rate, 0.6)
        self.assertAlmostEqual(s.work_coverage_rate, 0.8)
        self.assertAlmostEqual(s.member_registration_rate, 0.75)

    def test_columns_and_null_rates(self):
        cols = self.cov.columns("grid")
        self.assertEqual(cols["id"], ["G1", "G2", "G3", "G4"])
        self.assertEqual(cols["units_none"], [1, 0, 0, 1])
        self.assertIsNone(cols["member_attachment_rate"][1])  # G2 has no member
        org = {r.id: r for r in self.cov.table("org")}
        self.assertEqual((org["C2"].units, org["C2"].units_joint), (3, 3))
        self.assertEqual(org["SYS"].units_own, 1)
        self.assertEqual(self.cov.table("district"), [])

    def test_findings(self):
        counts = self.cov.finding_counts()
        self.assertEqual(sum(counts.values()), 19)
        self.assertEqual(counts["member_not_registered"], 2)
        [lost] = self.cov.findings("member_lost_contact")
        self.assertEqual((lost.id, lost.value, lost.limit), ("m3", 6, 6))
        self.assertEqual(lost.message,
                         "member m3 (党员三) has been out of contact 6 months (last contact 2025-12-30)")
        self.assertEqual(self.cov.skipped("member_lost_contact"), 9)
        self.assertTrue(self.cov.ran("branch_too_large"))
        with self.assertRaises(orgnet.NotFoundError):
            self.cov.findings("no_such_rule")
        [d] = self.cov.disagreements()
        self.assertEqual((d.org, d.street, d.leading_street), ("U2", "S", None))

    def test_rules_are_parameters(self):
        with orgnet.coverage(self.net, counted_unit_kinds=["enterprise", "social_org", "agency"],
                             as_of=datetime.date(2026, 7, 1)) as cov:
            [s] = cov.table("street")
            self.assertEqual(s.units_counted, 11)
            self.assertEqual([f.id for f in cov.findings("member_lost_contact")], ["m2", "m3"])
        with self.assertRaises(orgnet.InvalidArgumentError):
            orgnet.coverage(self.net, registration_min_rate=2)
        with self.assertRaises(TypeError):
            orgnet.coverage(self.net, no_such_rule=1)

    def test_rules_listed_with_sources(self):
        self.assertEqual(len(orgnet.RULES), 16)
        self.assertEqual(orgnet.RULES[0].code, "unit_without_own_org")
        self.assertTrue(all(r.source for r in orgnet.RULES))


class CoverageCliTest(unittest.TestCase):
    def run_cli(self, *argv):
        code, text = run_cli(*argv)
        self.assertEqual(code, 0)
        return text

    def test_coverage_formats(self):
        text = self.run_cli("coverage", CASE, "--by", "community", "--format", "csv")
        lines = text.splitlines()
        self.assertTrue(lines[0].startswith("id,name,units,units_counted,"))
        self.assertTrue(lines[1].startswith("C1,社区一党委,6,4,2,1,0,1,2,1,2,1,6,6,4,3,0.75,0.5,0.75,"))
        rows = json.loads(self.run_cli("coverage", CASE, "--by", "street", "--format", "json"))
        self.assertEqual(rows[0]["units_none"], 2)
        table = self.run_cli("coverage", CASE)
        self.assertIn("南市街道党工委", table)
        self.assertIn("60.0%", table)

    def test_findings_cli(self):
        text = self.run_cli("findings", CASE, "--rule", "grid_without_manager", "--format", "csv")
        self.assertEqual(text.splitlines()[1:], ["grid_without_manager,grids,G2,0,1,grid G2 (二网格) has no grid manager",
                                                 "grid_without_manager,grids,G4,0,1,grid G4 (四网格) has no grid manager"])
        text = self.run_cli("findings", CASE, "--as-of", "2026-07-01", "--rule", "member_lost_contact")
        self.assertIn("member m2", text)


if __name__ == "__main__":
    unittest.main()
