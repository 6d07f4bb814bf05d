"""Co-building and matching through Python, on the hand-worked case of tests/data/cobuild (the
figures are worked out in tests/cobuild_test.cc)."""

import datetime
import json
import os
import unittest

import orgnet
from cli_runner import run_cli

CASE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "cobuild")


class LinksTest(unittest.TestCase):
    def setUp(self):
        self.net = orgnet.Network.load(CASE)
        # The hand-worked figures count every link, whatever its dates.
        self.graph = orgnet.links(self.net, on=orgnet.EVERY_LINK)

    def tearDown(self):
        self.graph.close()
        self.net.close()

    def test_filters(self):
        self.assertEqual(self.graph.rows(), list(range(9)))
        self.assertIsNone(self.graph.on)
        # By default: the links active on the dataset's as_of (2026-06-30): rows 1 and 5 ended.
        with orgnet.links(self.net) as default:
            self.assertEqual(default.on, datetime.date(2026, 6, 30))
            self.assertEqual(default.rows(), [0, 2, 3, 4, 6, 7, 8])
        for day in ("2026-06-30", datetime.date(2026, 6, 30), datetime.datetime(2026, 6, 30, 9)):
            with orgnet.links(self.net, on=day) as same:
                self.assertEqual(same.rows(), [0, 2, 3, 4, 6, 7, 8])
        with self.assertRaisesRegex(ValueError, r'kinds\[0\]: unknown link kind "pairng"; did '
                                    r'you mean "pairing"\?'):
            orgnet.links(self.net, kinds=["pairng"])
        with self.assertRaisesRegex(TypeError, "kinds must be a list of str, not a single str"):
            orgnet.links(self.net, kinds="pairing")
        with orgnet.links(self.net, on="2024-06-01") as dated:
            self.assertEqual(dated.rows(), [0, 1, 2, 4, 6, 7, 8])
        with orgnet.links(self.net, on=datetime.date(2024, 6, 1), kinds=["pairing"]) as both:
            self.assertEqual(both.rows(), [0, 4])
        with self.assertRaises(orgnet.InvalidArgumentError):
            orgnet.links(self.net, on="June")

    def test_partners_and_isolation(self):
        partners = self.graph.partners("C1")
        self.assertEqual([(p.org, p.link, p.kind) for p in partners],
                         [("C2", 2, "project"), ("U1", 0, "pairing"), ("U1", 1, "joint_meeting"),
                          ("U4", 7, "part_time_member")])
        self.assertEqual(partners[1].since, datetime.date(2024, 1, 1))
        self.assertIsNone(partners[1].until)
        self.assertEqual(self.graph.neighbours("C1"), ["C2", "U1", "U4"])
        self.assertEqual(self.graph.degree("C1"), 3)
        self.assertEqual(self.graph.pair_count, 8)
        self.assertEqual(self.graph.isolated(), ["S1", "U5"])
        rows = self.graph.isolation("community")
        self.assertEqual([(r.id, r.orgs, r.isolated) for r in rows],
                         [("C1", 3, 0), ("C2", 3, 1), ("C3", 2, 0)])
        self.assertAlmostEqual(rows[1].isolated_share, 1 / 3)
        self.assertEqual(rows[1].share, rows[1].isolated_share)  # the older name, kept
        self.assertEqual(rows[1].name, "慎益社区党委")
        with self.assertRaises(orgnet.NotFoundError):
            self.graph.isolation("province")
        with self.assertRaises(KeyError):
            self.graph.partners("nobody")

    def test_structure(self):
        clusters = self.graph.clusters()
        self.assertEqual([(c.size, c.first) for c in clusters],
                         [(7, "C1"), (2, "D"), (1, "S1"), (1, "U5")])
        # Sizes 7, 2, 1, 1 (worked by hand above): the counts by least size.
        self.assertEqual([self.graph.cluster_count(k) for k in (0, 1, 2, 3, 8)], [4, 4, 2, 1, 0])
        self.assertEqual(self.graph.pair_count, 9 - 1)  # nine links, one pair linked twice
        self.assertEqual(self.graph.cluster_of(), [1, 2, 1, 0, 0, 0, 0, 0, 0, 0, 3])
        self.assertEqual(self.graph.articulation_points(), ["C1", "C2", "C3"])
        self.assertEqual(self.graph.bridges(),
                         [("D", "S2"), ("C1", "C2"), ("C2", "C3"), ("C2", "U2"), ("C3", "U3")])
        self.assertEqual(self.graph.brokers(), [("C2", 11.0), ("C1", 8.0), ("C3", 5.0)])
        self.assertEqual(self.graph.betweenness(samples=11), self.graph.betweenness())

    def test_paths(self):
        steps = self.graph.path("U5", "U3", leadership=True)
        self.assertEqual([(s.from_org, s.to_org, s.kind, s.link, s.link_kind) for s in steps],
                         [("U5", "S1", "led_by", None, None), ("S1", "C2", "leads", None, None),
                          ("C2", "C3", "link", 4, "pairing"), ("C3", "U3", "link", 5, "pairing")])
        with self.assertRaises(orgnet.NotFoundError) as caught:
            self.graph.path("U5", "U3")
        self.assertIn("no connection between U5 and U3 over links", str(caught.exception))

    def test_crossings_and_suggestions(self):
        x = self.graph.crossings()
        self.assertEqual(x.flags[4], frozenset({"communities", "streets"}))
        self.assertEqual(x.flags[3], frozenset({"outside_led"}))
        self.assertEqual((x.total.links, x.total.across_communities, x.total.across_streets,
                          x.total.outside_led, x.total.unplaced), (9, 2, 1, 1, 1))
        self.assertEqual([(s.street, s.links, s.outside_led) for s in x.by_street],
                         [("S1", 7, 1), ("S2", 3, 0)])
        found = self.graph.suggest("U5")
        self.assertEqual([(s.org, s.score, s.meets_need, s.same_grid) for s in found],
                         [("C2", 4.0, True, False), ("U2", 3.0, False, True)])
        self.assertEqual(self.graph.suggest("U5", same_grid=5, same_community=0)[0].org, "U2")


class MatchingTest(unittest.TestCase):
    def setUp(self):
        self.net = orgnet.Network.load(CASE)

    def tearDown(self):
        self.net.close()

    def test_scopes(self):
        with orgnet.match(self.net) as m:
            self.assertEqual((m.total, m.needed, m.offered), (12, 23, 30))
            self.assertEqual(m.need_met()[0], 10)
            self.assertEqual(sum(a.amount for a in m), 12)
            self.assertEqual({a.category for a in m.allocations()}, {"venue", "training"})
            self.assertEqual(m.unmet_needs()[:2], [("n2", 5), ("n3", 4)])
            self.assertEqual(m.columns()["amount"], [a.amount for a in m.allocations()])
        with orgnet.match(self.net, scope="linked") as m:
            self.assertEqual(m.total, 7)
        with orgnet.match(self.net, scope="linked", on="2024-06-01") as m:
            self.assertEqual([(a.need, a.resource, a.amount) for a in m], [("n5", "r4", 1)])
        with self.assertRaises(orgnet.InvalidArgumentError):
            orgnet.match(self.net, scope="anywhere")


class CommandLineTest(unittest.TestCase):
    def test_links_and_match(self):
        code, text = run_cli("links", CASE, "--on", "all", "--format", "json")
        self.assertEqual(code, 0)
        summary = json.loads(text)
        self.assertEqual(summary["links"], 9)
        self.assertEqual(summary["isolated"], 2)
        self.assertEqual(summary["clusters"][0], {"size": 7, "first": "C1"})
        code, text = run_cli("links", CASE, "--on", "all", "--partners", "C1", "--format", "csv")
        self.assertEqual(code, 0)
        self.assertEqual(text.splitlines()[0], "org,partner,name,link,kind,since,until")
        self.assertEqual(len(text.splitlines()), 5)
        code, text = run_cli("links", CASE, "--on", "all", "--path", "U5", "U3", "--leadership")
        self.assertEqual(code, 0)
        self.assertIn("led_by", text)
        code, text = run_cli("match", CASE, "--scope", "linked", "--format", "json")
        self.assertEqual(code, 0)
        self.assertEqual(json.loads(text)["total"], 7)
        code, text = run_cli("match", CASE)
        self.assertEqual(code, 0)
        self.assertIn("12", text)


if __name__ == "__main__":
    unittest.main()
