"""Service reach through Python, on the hand-worked case of tests/data/service (the figures are
worked out in tests/service_test.cc)."""

import datetime
import json
import os
import unittest

import orgnet
from cli_runner import run_cli

CASE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "service")


class ServiceTest(unittest.TestCase):
    def setUp(self):
        self.net = orgnet.Network.load(CASE)

    def tearDown(self):
        self.net.close()

    def test_events(self):
        with orgnet.events(self.net, "2026-01-01", "2026-07-01") as ev:
            self.assertEqual((ev.counted, ev.outside_window), (9, 1))
            self.assertEqual(ev.as_of, datetime.date(2026, 6, 30))
            self.assertEqual(ev.categories, ["noise", "repair"])
            [d] = ev.table("district")
            self.assertEqual((d.reported, d.resolved_grid, d.resolved_above, d.resolved_unknown,
                              d.open, d.median_days, d.p90_days, d.backlog),
                             (9, 2, 3, 1, 3, 4, 60, (1, 1, 0, 1)))
            self.assertAlmostEqual(d.grid_share, 2 / 9)
            g2 = ev.table("grid")[1]
            self.assertEqual((g2.id, g2.median_days, g2.backlog), ("g2", None, (0, 0, 0, 1)))
            months = [(r.month, r.reported) for r in ev.table("street", per="month")
                      if r.id == "S1"]
            self.assertEqual(months, [("2026-01", 1), ("2026-02", 1), ("2026-03", 2),
                                      ("2026-05", 1), ("2026-06", 2)])
            self.assertEqual([(r.id, r.category, r.reported)
                              for r in ev.table("community", per="category")][:2],
                             [("C1", "noise", 4), ("C1", "repair", 1)])
            [hot] = ev.hot_spots()
            self.assertEqual((hot.grid, hot.category, hot.events, hot.score),
                             ("g1", "noise", 3, 2.25))
            with self.assertRaises(orgnet.NotFoundError):
                ev.table("org")
        with self.assertRaises(orgnet.InvalidArgumentError):
            orgnet.events(self.net, "2026-07-01", "2026-01-01")

    def test_reach(self):
        with orgnet.reach(self.net) as r:
            grids = r.grids()
            self.assertEqual([(g.grid, g.nearest, g.reached) for g in grids],
                             [("g1", "K1", True), ("g2", "K1", True), ("g3", "K1", False),
                              ("g4", None, False), ("g5", "K2", False)])
            self.assertAlmostEqual(grids[1].metres, 862.68, places=2)
            self.assertEqual(r.unplaced("grids"), ["g4"])
            self.assertEqual(r.unplaced("centres"), ["K3"])
            c3 = r.table("community")[2]
            self.assertEqual((c3.id, c3.households, c3.households_reached,
                              c3.households_unplaced), ("C3", 550, 0, 200))
            self.assertEqual(r.functions("C1"), ["deliberation", "service"])
            self.assertEqual(r.functions("C2"), [])
            self.assertEqual([(s.grid, s.households_added) for s in r.site(3)],
                             [("g3", 500), ("g5", 350)])
        with orgnet.reach(self.net, radius=1001) as wider:
            self.assertTrue(wider.grids()[4].reached)
        self.assertAlmostEqual(orgnet.great_circle_metres(117.3, 39.15, 117.3, 39.159), 1000.7557,
                               places=3)

    def test_haves(self):
        with orgnet.haves(self.net) as h:
            self.assertEqual(h.year, 2026)
            rows = h.communities()
            self.assertEqual([(c.id, c.people, c.money, c.place) for c in rows],
                             [("C1", True, True, True), ("C2", False, False, False),
                              ("C3", False, True, True)])
            self.assertEqual((rows[0].dues, rows[0].fiscal, rows[0].funds), (1000, 5000, 6000))
            self.assertEqual([(f.rule, f.id) for f in h.findings()],
                             [("community_without_people", "C2"),
                              ("community_without_people", "C3"),
                              ("community_without_money", "C2"),
                              ("community_without_place", "C2")])
            [s1, s2] = h.table("street")
            self.assertEqual((s1.communities, s1.with_all, s2.with_money), (2, 1, 1))
            self.assertEqual(h.columns()["id"], ["C1", "C2", "C3"])
        with orgnet.haves(self.net, year=2025) as h:
            self.assertEqual(h.communities()[0].sponsor, 300)


class CommandLineTest(unittest.TestCase):
    def test_commands(self):
        code, text = run_cli("events", CASE, "--from", "2026-01-01", "--to", "2026-07-01",
                                  "--by", "district", "--format", "json")
        self.assertEqual(code, 0)
        self.assertEqual(json.loads(text)[0]["reported"], 9)
        code, text = run_cli("events", CASE, "--hot-spots", "--format", "csv")
        self.assertEqual(code, 0)
        self.assertTrue(text.startswith("grid,name,category,events"))
        code, text = run_cli("centres", CASE, "--site", "2")
        self.assertEqual(code, 0)
        self.assertIn("g3", text)
        code, text = run_cli("centres", CASE, "--radius", "1001", "--by", "district",
                                  "--format", "json")
        self.assertEqual(json.loads(text)[0]["households_reached"], 1050)
        code, text = run_cli("haves", CASE, "--year", "2026", "--format", "json")
        self.assertEqual(code, 0)
        self.assertEqual(len(json.loads(text)["findings"]), 4)
        code, text = run_cli("haves", CASE)
        self.assertIn("community_without_place", text)


if __name__ == "__main__":
    unittest.main()
