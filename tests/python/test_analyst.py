"""Issue 14, points 1, 2 and 7 in the standard library alone: whole columns as arrays, batch
queries against the one-call-each forms and slow answers, their argument checks, and the
Pythonic objects (repr, row equality and hashing, table slices, py.typed)."""

import array
import datetime
import math
import os
import random
import unittest

import orgnet
from test_scope import _REF_TARGET as REF_TARGETS  # the schema as docs/dataset.md states it

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "data", "fixture")
DISTRICT = os.path.join(HERE, "..", "..", "examples", "district")
EPOCH = datetime.date(1970, 1, 1)


def slow_path(net, org):
    """The org and its leaders up to the root, from the parent column alone."""
    parent = dict(zip(net.orgs.ids(), net.orgs.column("parent")))
    path = [org]
    while parent[path[-1]] is not None:
        path.append(parent[path[-1]])
    return path


class ColumnsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.net = orgnet.Network.load(DISTRICT)

    @classmethod
    def tearDownClass(cls):
        cls.net.close()

    def test_every_column_of_every_table_equals_its_cells(self):
        for name in orgnet.TABLES:
            table = self.net.table(name)
            if not table.present:
                continue
            for c, column in enumerate(table.columns):
                values = table.array(column)
                kind = table.column_type(column)
                self.assertEqual(len(values), len(table))
                rows = range(0, len(table), max(1, len(table) // 50))
                for r in rows:
                    cell = table.cell(r, c)
                    got = values[r]
                    if kind in ("id", "text"):
                        self.assertEqual(got, cell)
                    elif kind == "ref":
                        self.assertEqual(got, orgnet.NONE if cell is None else
                                         table._network.table(
                                             REF_TARGETS[(name, column)]).index(cell))
                    elif kind == "date":
                        self.assertEqual(got, orgnet.NO_DATE if cell is None else
                                         (cell - EPOCH).days)
                    elif kind == "integer":
                        self.assertEqual(got, orgnet.NO_INTEGER if cell is None else cell)
                    elif kind == "real":
                        self.assertTrue(math.isnan(got) if cell is None else got == cell)
                    elif kind == "flag":
                        self.assertEqual(got, 2 if cell is None else int(cell))
                    else:
                        self.assertEqual(got, 1 if cell == "probationary" else 0)
                if kind in ("id", "text"):
                    self.assertEqual(values.tolist(), table.column(column))
                    self.assertEqual(len(values.offsets), len(table) + 1)
                    self.assertIsInstance(values.blob, bytes)
                else:
                    self.assertIsInstance(values, array.array)

    def test_arrays_hold_every_present_column(self):
        members = self.net.members
        arrays = members.arrays()
        self.assertEqual(list(arrays), [c for c in members.columns if members.has_column(c)])
        self.assertEqual(arrays["id"].tolist(), members.ids())
        self.assertIn("TextColumn name", repr(arrays["name"]))

    def test_text_column_indexing(self):
        names = self.net.orgs.array("name")
        self.assertEqual(names[-1], self.net.orgs.cell(len(self.net.orgs) - 1, "name"))
        self.assertEqual(names[1:3], [self.net.orgs.cell(1, "name"), self.net.orgs.cell(2, "name")])
        with self.assertRaises(IndexError):
            names[len(names)]

    def test_numpy_without_numpy_says_so_or_shares_memory(self):
        try:
            import numpy
        except ImportError:
            with self.assertRaisesRegex(ImportError, "numpy=True needs numpy"):
                self.net.orgs.array("parent", numpy=True)
        else:
            parents = self.net.orgs.array("parent", numpy=True)
            self.assertIsInstance(parents, numpy.ndarray)
            self.assertEqual(parents.dtype, numpy.uint32)


class BatchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.net = orgnet.Network.load(DISTRICT)
        cls.ids = cls.net.orgs.ids()
        rng = random.Random(14)
        cls.a = [rng.choice(cls.ids) for _ in range(3000)]
        # Often an org's own leaders, so that true answers are common.
        cls.b = [rng.choice(cls.ids) for _ in range(3000)]
        for i in range(0, 3000, 3):
            path = slow_path(cls.net, cls.b[i])
            cls.a[i] = rng.choice(path)

    @classmethod
    def tearDownClass(cls):
        cls.net.close()

    def test_is_ancestor_and_lca_against_slow_paths(self):
        h = self.net.hierarchy
        many = h.is_ancestor_many(self.a, self.b)
        lcas = h.lca_many(self.a, self.b)
        depths = h.depth_many(self.b)
        self.assertIsInstance(many, array.array)
        self.assertGreater(sum(many), 500)  # the fixture of pairs holds many true answers
        for i in range(len(self.a)):
            pa, pb = slow_path(self.net, self.a[i]), slow_path(self.net, self.b[i])
            self.assertEqual(bool(many[i]), self.a[i] != self.b[i] and self.a[i] in pb)
            common = next((v for v in pa if v in pb), None)
            self.assertEqual(None if lcas[i] == orgnet.NONE else self.ids[lcas[i]], common)
            self.assertEqual(depths[i], len(pb) - 1)

    def test_rows_arrays_and_ids_give_the_same_answers(self):
        h = self.net.hierarchy
        rows_a = self.net.orgs.indexes(self.a)
        rows_b = array.array("I", self.net.orgs.indexes(self.b))
        self.assertEqual(h.is_ancestor_many(list(rows_a), rows_b), h.is_ancestor_many(self.a, self.b))
        self.assertEqual(h.lca_many(tuple(rows_a), rows_b), h.lca_many(self.a, self.b))

    def test_subtree_sizes_and_depths_of_every_org(self):
        h = self.net.hierarchy
        sizes, depths = h.subtree_sizes(), h.depths()
        counted = {org: 0 for org in self.ids}
        for org in self.ids:
            for leader in slow_path(self.net, org):
                counted[leader] += 1
        self.assertEqual(list(sizes), [counted[org] for org in self.ids])
        self.assertEqual([depths[i] for i in range(0, len(self.ids), 97)],
                         [len(slow_path(self.net, self.ids[i])) - 1
                          for i in range(0, len(self.ids), 97)])

    def test_indexes_and_missing_ids(self):
        orgs = self.net.orgs
        self.assertEqual(list(orgs.indexes(self.ids[:50])), list(range(50)))
        with self.assertRaisesRegex(orgnet.NotFoundError, r'ids\[1\]: orgs.csv has no id "nobody"'):
            orgs.indexes([self.ids[0], "nobody"])
        got = orgs.indexes([self.ids[3], "nobody", ""], missing="none")
        self.assertEqual(list(got), [3, orgnet.NONE, orgnet.NONE])
        self.assertEqual(len(orgs.indexes([])), 0)
        with self.assertRaisesRegex(ValueError, "missing must be"):
            orgs.indexes(self.ids[:2], missing="skip")

    def test_places_of_every_row(self):
        territory = self.net.territory
        for table in ("orgs", "units", "members", "grids", "staff"):
            places = territory.places(table)
            t = self.net.table(table)
            for r in range(0, len(t), max(1, len(t) // 40)):
                single = territory.place(table, r)
                pick = lambda part, source: (None if places[part][r] == orgnet.NONE else  # noqa
                                             source.id(places[part][r]))
                self.assertEqual(single, orgnet.Place(pick("grid", self.net.grids),
                                                      pick("community", self.net.orgs),
                                                      pick("street", self.net.orgs),
                                                      pick("district", self.net.orgs)))

    def test_partners_of_many(self):
        with orgnet.links(self.net) as graph:
            asked = [self.ids[i] for i in range(0, len(self.ids), 7)]
            lists = graph.neighbours_many(asked)
            self.assertEqual(len(lists), len(asked))
            self.assertGreater(len(lists.values), 50)
            for i, org in enumerate(asked):
                self.assertEqual(lists.ids(i), graph.neighbours(org))

    def test_bad_batch_arguments(self):
        h = self.net.hierarchy
        with self.assertRaisesRegex(TypeError, "ancestors must be a list of ids or rows, not a single str"):
            h.is_ancestor_many("O0000001", self.b[:1])
        with self.assertRaisesRegex(TypeError, r"orgs\[1\] must be a str id; got int"):
            h.is_ancestor_many(self.a[:2], [self.b[0], 5])
        with self.assertRaisesRegex(TypeError, r"a\[1\] must be an int row; got str"):
            h.lca_many([1, "x"], [1, 2])
        with self.assertRaisesRegex(IndexError, r"orgs\[1\] is -1; rows"):
            h.depth_many([0, -1])
        with self.assertRaisesRegex(IndexError, r"orgs\[0\] 999999 out of range"):
            h.depth_many([999999])
        with self.assertRaisesRegex(ValueError, "ancestors and orgs must be equally long; got 2, 1"):
            h.is_ancestor_many(self.a[:2], self.b[:1])
        with self.assertRaisesRegex(orgnet.NotFoundError, r'orgs\[0\]: orgs.csv has no id "zz"'):
            h.is_ancestor_many(self.a[:1], ["zz"])
        with self.assertRaisesRegex(ValueError, r"ids\[0\]: an id never holds a NUL"):
            self.net.orgs.indexes(["a\0b"])


class PythonicTest(unittest.TestCase):
    def setUp(self):
        self.net = orgnet.Network.load(FIXTURE)

    def tearDown(self):
        self.net.close()

    def test_rows_compare_and_hash_by_network_table_and_index(self):
        orgs = self.net.orgs
        self.assertEqual(orgs["C1"], orgs[orgs.index("C1")])
        self.assertNotEqual(orgs["C1"], orgs["C2"])
        self.assertEqual(len({orgs["C1"], orgs["C1"], orgs["B1"]}), 2)
        other = orgnet.Network.load(FIXTURE)
        self.assertNotEqual(orgs["C1"], other.orgs["C1"])  # another network
        other.close()

    def test_table_slices(self):
        orgs = self.net.orgs
        self.assertEqual([r.id for r in orgs[1:4]], orgs.ids()[1:4])
        self.assertEqual([r.id for r in orgs[::-1]], orgs.ids()[::-1])
        with self.assertRaises(TypeError):
            orgs[1.5]

    def test_reprs_say_what_an_object_is(self):
        net = self.net
        self.assertRegex(repr(net), r"^<orgnet.Network orgs=11, ")
        self.assertRegex(repr(net.orgs), r"^<orgnet.Table orgs: 11 rows")
        self.assertRegex(repr(net.hierarchy), r"^<orgnet.Hierarchy: 11 organizations, 2 roots")
        self.assertRegex(repr(net.orgs["C1"]), r"^<orgnet.Row orgs\[\d+\] ")
        view = net.scope(orgs=["C1"])
        self.assertRegex(repr(view), r"^<orgnet.Network \(a scoped view\) ")
        view.close()

    def test_analysis_reprs_and_closed_handles(self):
        net = self.net
        with orgnet.coverage(net) as cov:
            self.assertRegex(repr(cov), r"^<orgnet.Coverage as of \d{4}-\d\d-\d\d: 3 units, \d+ findings>$")
        self.assertEqual(repr(cov), "<orgnet.Coverage (closed)>")
        with orgnet.links(net, on=orgnet.EVERY_LINK) as graph:
            self.assertEqual(repr(graph), "<orgnet.Links on every date: 2 links, 1 linked pairs>")
        with orgnet.match(net) as m:
            self.assertRegex(repr(m), r"^<orgnet.Matching scope either: matched \d+ of \d+ needed")
        self.assertEqual(repr(orgnet.EditBatch().add_link("a", "b", "pairing")),
                         "<orgnet.EditBatch 1 edits>")

    def test_keywords_are_visible_to_help(self):
        import inspect
        self.assertIn("as_of", inspect.signature(orgnet.coverage).parameters)
        self.assertIn("lost_contact_months", inspect.signature(orgnet.coverage).parameters)
        self.assertIn("progress", inspect.signature(orgnet.coverage).parameters)
        self.assertIn("hot_spot_min_events", inspect.signature(orgnet.events).parameters)
        for function in (orgnet.load, orgnet.open_network, orgnet.Network.load,
                         orgnet.Network.open):
            self.assertIn("progress", inspect.signature(function).parameters)
            self.assertNotIn("options", inspect.signature(function).parameters)
        with self.assertRaisesRegex(TypeError, "unknown keyword 'as_off'; did you mean 'as_of'"):
            orgnet.coverage(self.net, as_off="2026-01-01")

    def test_dates_as_text_date_or_datetime(self):
        for day in ("2026-01-01", datetime.date(2026, 1, 1), datetime.datetime(2026, 1, 1, 8)):
            with orgnet.coverage(self.net, as_of=day) as cov:
                self.assertEqual(cov.as_of, datetime.date(2026, 1, 1))
            with orgnet.events(self.net, as_of=day) as ev:
                self.assertEqual(ev.as_of, datetime.date(2026, 1, 1))
        with self.assertRaisesRegex(ValueError, "as_of: '2026-13-01' is not a date"):
            orgnet.coverage(self.net, as_of="2026-13-01")

    def test_unknown_names_are_value_errors_naming_the_closest(self):
        net = self.net
        cases = [
            (lambda: net.table("member"), "table: unknown 'member'; did you mean 'members'?"),
            (lambda: net.orgs.column("nmae"), "did you mean 'name'?"),
            (lambda: net.territory.unknown("orgs", "streets"), "level: unknown 'streets'"),
            (lambda: net.hierarchy.of_kind("D1", "comunity"),
             'kind: unknown org kind "comunity"; did you mean "community"?'),
            (lambda: orgnet.links(net, kinds=["pairng"]), 'did you mean "pairing"'),
        ]
        for call, message in cases:
            with self.assertRaises(ValueError) as caught:
                call()
            self.assertIn(message, str(caught.exception))
        with orgnet.coverage(net) as cov:
            with self.assertRaisesRegex(ValueError, "rule: unknown rule code 'orphan'"):
                cov.findings("orphan")
            with self.assertRaisesRegex(KeyError, "by: unknown roll-up 'streets'"):
                cov.table("streets")  # also a KeyError, as before
        with self.assertRaisesRegex(TypeError, "org must be an org id"):
            net.hierarchy.depth(1.5)
        with self.assertRaisesRegex(TypeError, "id must be a str"):
            net.orgs.index(5)
        with orgnet.links(net) as graph:
            with self.assertRaisesRegex(ValueError, "top is -1"):
                graph.brokers(top=-1)
        with orgnet.reach(net) as reach:
            with self.assertRaisesRegex(ValueError, "k is -1"):
                reach.site(-1)
        with self.assertRaisesRegex(ValueError, "year is 20266"):
            orgnet.haves(net, year=20266)

    def test_py_typed_ships_with_the_package(self):
        self.assertTrue(os.path.isfile(os.path.join(os.path.dirname(orgnet.__file__), "py.typed")))


if __name__ == "__main__":
    unittest.main()
