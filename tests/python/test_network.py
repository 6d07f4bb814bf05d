"""The Python package over the C ABI, on the hand-worked fixture (tests/data/fixture)."""

import datetime
import os
import random
import shutil
import tempfile
import threading
import unittest

import orgnet

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "fixture")


def copy_fixture(folder, changes=None):
    """A copy of the fixture in ``folder``; ``changes`` maps file -> text to append."""
    shutil.copytree(FIXTURE, folder, dirs_exist_ok=True)
    for name, text in (changes or {}).items():
        with open(os.path.join(folder, name), "a", encoding="utf-8") as f:
            f.write(text)
    return folder


class NetworkTest(unittest.TestCase):
    def setUp(self):
        self.net = orgnet.Network.load(FIXTURE)

    def tearDown(self):
        self.net.close()

    def test_counts_and_cells(self):
        net = self.net
        self.assertEqual(net.counts(), {"orgs": 11, "grids": 4, "units": 3, "members": 4,
                                        "staff": 2, "links": 2})
        c2 = net.orgs["C2"]
        self.assertEqual(c2.index, 4)
        self.assertEqual(c2.name, '社区, "二"')
        self.assertEqual(c2["kind"], "community")
        self.assertEqual(net.orgs["B1"].parent, "C1")
        self.assertIsNone(net.orgs["D1"].parent)
        self.assertEqual(net.grids["G1"].households, 420)
        self.assertIsNone(net.grids["G3"].households)
        self.assertAlmostEqual(net.grids["G1"].lon, 117.2)
        self.assertIsNone(net.grids["G2"].lat)
        m1 = net.members["M1"]
        self.assertEqual(m1.status, "formal")
        self.assertIs(m1.mobile, False)
        self.assertIsNone(net.members["M2"].mobile)
        self.assertIs(net.members["M3"].mobile, True)
        self.assertEqual(m1.last_contact, datetime.date(2026, 1, 5))
        self.assertEqual(net.members.text(0, "last_contact"), "2026-01-05")
        self.assertEqual(net.members["M2"].status, "probationary")
        self.assertEqual(net.as_of, datetime.date(2026, 6, 30))
        self.assertEqual(net.manifest, {"version": "1", "name": "fixture", "as_of": "2026-06-30"})

    def test_extra_columns_and_plain_columns(self):
        orgs = self.net.orgs
        self.assertIn("phone", orgs.columns)
        self.assertEqual(orgs["S1"].phone, "022-1")
        self.assertEqual(orgs.column_type("phone"), "text")
        self.assertEqual(orgs.column("parent")[:4], [None, "D1", "D1", "S1"])
        self.assertEqual(self.net.grids.column("households"), [420, 380, None, 510])
        columns = self.net.units.to_dict()
        self.assertEqual(columns["id"], ["UA", "UB", "UC"])
        self.assertEqual(columns["employees"], [120, 8, 5])
        self.assertEqual(self.net.orgs.ref_indexes("parent")[:3], [orgnet.NONE, 0, 0])
        self.assertEqual([r.id for r in self.net.staff], ["T1", "T2"])

    def test_errors_are_orgnet_errors_with_the_library_message(self):
        with self.assertRaises(orgnet.NotFoundError) as caught:
            self.net.orgs["nope"]
        self.assertIsInstance(caught.exception, KeyError)
        self.assertEqual(str(caught.exception), 'no row with id "nope" in orgs.csv')
        with self.assertRaises(IndexError):
            self.net.orgs[99]
        with self.assertRaises(orgnet.OutOfRangeError):
            self.net.hierarchy.parent(99)
        with self.assertRaises(orgnet.NotFoundError):
            self.net.table("nothing")
        self.assertNotIn("nope", self.net.orgs)
        self.assertIn("C1", self.net.orgs)

    def test_failed_load_lists_every_error(self):
        with tempfile.TemporaryDirectory() as folder:
            copy_fixture(folder, {"orgs.csv": "Q1,q,unit,NOPE,,,\nQ2,q,unit,ALSO,,,\n"})
            with self.assertRaises(orgnet.LoadError) as caught:
                orgnet.Network.load(folder)
            e = caught.exception
            self.assertIsInstance(e, ValueError)
            self.assertEqual([d.line for d in e.errors], [13, 14])
            self.assertEqual(e.errors[0].column, "parent")
            self.assertEqual(e.errors[0].message, 'unknown org id "NOPE"')
            self.assertEqual(str(e), os.path.join(folder, "orgs.csv") +
                             ':13: column parent: unknown org id "NOPE" (and 1 more errors)')
        with self.assertRaises(orgnet.NotFoundError):
            orgnet.Network.load("/nonexistent/orgnet")

    def test_with_closes(self):
        with orgnet.Network.load(FIXTURE) as net:
            self.assertEqual(len(net.orgs), 11)
        with self.assertRaises(orgnet.Error):
            len(net.orgs)

    def test_save_and_load_again(self):
        with tempfile.TemporaryDirectory() as folder:
            self.net.save(folder)
            with orgnet.Network.load(folder) as again:
                for name in orgnet.TABLES:
                    a, b = self.net.table(name), again.table(name)
                    self.assertEqual(a.present, b.present)
                    self.assertEqual(len(a), len(b))
                    for column in a.columns:
                        if a.has_column(column):
                            self.assertEqual(a.column(column), b.column(column), (name, column))


class HierarchyTest(unittest.TestCase):
    def test_fixture(self):
        with orgnet.Network.load(FIXTURE) as net:
            h = net.hierarchy
            self.assertEqual(h.roots(), ["D1", "X1"])
            self.assertEqual(h.preorder(),
                             ["D1", "S1", "C1", "B1", "B2", "C2", "J1", "U1", "S2", "C3", "X1"])
            self.assertEqual(h.children("S1"), ["C1", "C2", "U1"])
            self.assertEqual(h.siblings("C1"), ["C2", "U1"])
            self.assertEqual(h.ancestors("B2"), ["B1", "C1", "S1", "D1"])
            self.assertEqual(h.descendants("C1"), ["B1", "B2"])
            self.assertEqual(h.subtree("C2"), ["C2", "J1"])
            self.assertEqual(list(h.walk("C2")), ["C2", "J1"])
            self.assertEqual(h.depth("B2"), 4)
            self.assertEqual(h.max_depth, 4)
            self.assertEqual(h.preorder_position("C2"), 5)
            self.assertEqual(h.root("J1"), "D1")
            self.assertEqual(h.subtree_size("S1"), 7)
            self.assertEqual(h.of_kind("D1", "community"), ["C1", "C2", "C3"])
            self.assertTrue(h.is_ancestor("S1", "B2"))
            self.assertFalse(h.is_ancestor("B2", "S1"))
            self.assertEqual(h.lca("B2", "J1"), "S1")
            self.assertEqual(h.lca("B2", "C3"), "D1")
            self.assertIsNone(h.lca("B2", "X1"))
            self.assertIsNone(h.parent("D1"))

    def test_random_forests_match_slow_answers(self):
        rng = random.Random(7)
        for _ in range(5):
            n = rng.randint(1, 200)
            order = list(range(n))
            rng.shuffle(order)
            parent = {}
            builder = orgnet.Builder()
            for rank, v in enumerate(order):
                parent[v] = order[rng.randrange(rank)] if rank and rng.random() < 0.9 else None
            for v in range(n):
                builder.add("orgs", id="o%d" % v, name="n", kind="branch",
                            parent="" if parent[v] is None else "o%d" % parent[v])
            with builder.build() as net:
                h = net.hierarchy

                def path(v):
                    out = []
                    while parent[v] is not None:
                        v = parent[v]
                        out.append(v)
                    return out
                for v in range(n):
                    self.assertEqual(h.ancestors("o%d" % v), ["o%d" % p for p in path(v)])
                for _ in range(200):
                    a, b = rng.randrange(n), rng.randrange(n)
                    self.assertEqual(h.is_ancestor("o%d" % a, "o%d" % b), a in path(b))
                    up_a = [a] + path(a)
                    up_b = set([b] + path(b))
                    slow = next((x for x in up_a if x in up_b), None)
                    self.assertEqual(h.lca("o%d" % a, "o%d" % b),
                                     None if slow is None else "o%d" % slow)


class TerritoryTest(unittest.TestCase):
    def test_places_and_listings(self):
        with orgnet.Network.load(FIXTURE) as net:
            t = net.territory
            self.assertEqual(t.place("orgs", "B2"), orgnet.Place("G1", "C1", "S1", "D1"))
            self.assertEqual(t.place("members", "M2"), orgnet.Place("G2", "C1", "S1", "D1"))
            self.assertEqual(t.place("members", "M4"), orgnet.Place(None, None, None, None))
            self.assertEqual(t.place("orgs", "C3"), orgnet.Place(None, "C3", "S2", "D1"))
            self.assertEqual(t.units_in("S1"), ["UA", "UB"])
            self.assertEqual(t.grids_in("C1"), ["G1", "G2"])
            self.assertEqual(t.orgs_in("C1"), ["C1", "B1", "B2", "U1"])
            self.assertEqual(t.staff_in("S2"), ["T1"])
            self.assertEqual(t.unknown("orgs", "community"), 4)
            self.assertEqual(t.unknown("members", "street"), 2)


class EditTest(unittest.TestCase):
    def test_edit_batch(self):
        with orgnet.Network.load(FIXTURE) as net:
            batch = (orgnet.EditBatch().add_org("B3", "新支部", "branch", "C3")
                     .reparent("U1", "C1").rename("orgs", "J1", "J9")
                     .add_link("B3", "C3", "pairing", "2026-01-01")
                     .remove_link("C1", "U1", "joint_meeting", "2024-01-01")
                     .insert("members", id="M5", status="formal", org="B3")
                     .remove("members", "M4").set("orgs", "C3", "name", "新名"))
            self.assertEqual(len(batch), 8)
            with net.edit(batch) as edited:
                self.assertEqual(edited.hierarchy.parent("U1"), "C1")
                self.assertEqual(edited.units["UB"].org, "J9")
                self.assertEqual(edited.orgs["C3"].name, "新名")
                self.assertEqual(len(edited.links), 2)
                self.assertIn("M5", edited.members)
                self.assertNotIn("M4", edited.members)
            self.assertIn("J1", net.orgs)  # unchanged

    def test_rejected_batch_changes_nothing(self):
        with orgnet.Network.load(FIXTURE) as net:
            builder = net.builder()
            with self.assertRaises(orgnet.LoadError) as caught:
                builder.apply(orgnet.EditBatch().reparent("S1", "B2"))
            self.assertIn("leadership cycle of 4 organizations", str(caught.exception))
            with self.assertRaises(orgnet.NotFoundError):
                builder.apply(orgnet.EditBatch().remove("orgs", "nope"))
            with builder.build() as same:
                self.assertEqual(same.hierarchy.parent("S1"), "D1")


    def test_strict_columns_and_the_edit_named(self):
        with orgnet.Network.load(FIXTURE) as net:
            with self.assertRaises(orgnet.InvalidArgumentError) as caught:
                net.edit(orgnet.EditBatch().set("orgs", "C1", "name", "a").set("orgs", "C3", "nam", "x"))
            self.assertEqual(str(caught.exception),
                             'edit 2 (set orgs.csv id "C3" column "nam"): orgs.csv has no column '
                             '"nam" (did you mean "name"?); to add a column, use AddColumn first')
            with self.assertRaises(orgnet.InvalidArgumentError) as caught:
                net.edit(orgnet.EditBatch().insert("members", id="M9", statu="formal"))
            self.assertIn('(did you mean "status"?)', str(caught.exception))
            with net.edit(orgnet.EditBatch().add_column("members", "phone")
                          .set("members", "M1", "phone", "123")) as edited:
                self.assertEqual(edited.members.column("phone")[edited.members.index("M1")], "123")
            self.assertNotIn("phone", net.members.columns)

    def test_versions(self):
        with orgnet.Network.load(FIXTURE) as net:
            self.assertEqual(net.parent_version, 0)
            with net.edit(orgnet.EditBatch().set("orgs", "C1", "name", "a")) as a, \
                    net.edit(orgnet.EditBatch().set("orgs", "C1", "name", "b")) as b:
                self.assertEqual(a.parent_version, net.version)
                self.assertEqual(b.parent_version, net.version)
                self.assertNotEqual(a.version, b.version)
                self.assertGreater(min(a.version, b.version), net.version)
                self.assertEqual((a.orgs["C1"].name, b.orgs["C1"].name), ("a", "b"))
                with a.edit(orgnet.EditBatch().set("orgs", "C1", "name", "c")) as c:
                    self.assertEqual(c.parent_version, a.version)


class ThreadTest(unittest.TestCase):
    def test_threads_share_one_network(self):
        with orgnet.Network.load(FIXTURE) as net:
            expected = [net.hierarchy.lca("B2", x) for x in net.orgs.ids()]
            results, errors = [], []

            def work():
                try:
                    for _ in range(200):
                        results.append([net.hierarchy.lca("B2", x) for x in net.orgs.ids()])
                except Exception as e:  # pragma: no cover - reported below
                    errors.append(e)
            threads = [threading.Thread(target=work) for _ in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            self.assertEqual(errors, [])
            self.assertEqual(len(results), 800)
            self.assertTrue(all(r == expected for r in results))


if __name__ == "__main__":
    unittest.main()
