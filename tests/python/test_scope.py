"""Scoped views leak nothing: random scopes of the bundled district, every public method of
the package's classes called on them with ids from inside and outside, every output scanned
for an id or a name that only rows outside the scope have; and every C function that
include/orgnet/orgnet.h declares is called on the way (the list comes from the header, so a new
function is covered or this test fails)."""

import array
import collections
import dataclasses
import datetime
import importlib.util
import inspect
import json
import os
import random
import re
import tempfile
import unittest

import orgnet
from orgnet import _capi
from marked_dataset import marked_copy, outside_markers

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
_RESULTS_DATABASE = []  # the database the scans write results to, once made
DISTRICT = os.path.join(ROOT, "examples", "district")
ID_TABLES = ("orgs", "grids", "units", "members", "staff", "needs", "resources", "centres",
             "events")
NAMED = ("orgs", "grids", "units", "members", "staff", "centres")
#: The table each reference column names, as docs/dataset.md states it (stated here, apart from
#: the library, so that the tests check what the library says).
_REF_TARGET = {
    ("orgs", "parent"): "orgs", ("orgs", "grid"): "grids", ("grids", "community"): "orgs",
    ("units", "grid"): "grids", ("units", "org"): "orgs", ("units", "instructor"): "staff",
    ("units", "liaison"): "staff", ("members", "org"): "orgs", ("members", "unit"): "units",
    ("members", "community"): "orgs", ("members", "station"): "orgs", ("staff", "grid"): "grids",
    ("links", "a"): "orgs", ("links", "b"): "orgs", ("needs", "org"): "orgs",
    ("resources", "org"): "orgs", ("centres", "org"): "orgs", ("centres", "grid"): "grids",
    ("events", "grid"): "grids", ("funds", "org"): "orgs",
}


def _declared_functions():
    with open(os.path.join(ROOT, "tools", "abi", "orgnet_abi.json"), encoding="utf-8") as f:
        return [function["name"] for function in json.load(f)["functions"]]


class ReferenceTargetsTest(unittest.TestCase):
    def test_the_library_names_each_reference_columns_target_as_the_format_does(self):
        with orgnet.Network.load(os.path.join(ROOT, "tests", "data", "fixture")) as net:
            found = {}
            for name in orgnet.TABLES:
                table = net.table(name)
                for column in table.columns:
                    target = table.column_target(column)
                    if target is not None:
                        found[(name, column)] = target
                    else:
                        self.assertNotEqual(table.column_type(column), "ref", (name, column))
            self.assertEqual(found, _REF_TARGET)


class _CallCounter:
    """Wraps every C function of the loaded library to count calls."""

    def __init__(self, names):
        self.calls = collections.Counter()
        self.names = names
        self._saved = {}

    def __enter__(self):
        for name in self.names:
            function = getattr(_capi.lib, name)
            self._saved[name] = function

            def wrapper(*args, _f=function, _n=name):
                self.calls[_n] += 1
                return _f(*args)
            setattr(_capi.lib, name, wrapper)
        return self

    def __exit__(self, *exc):
        for name, function in self._saved.items():
            setattr(_capi.lib, name, function)


_HAS = {name: importlib.util.find_spec(name) is not None for name in ("pandas", "networkx", "igraph")}
_HAS_PANDAS = _HAS["pandas"]

def _strings(value, out):
    """Every string inside an output (recursively), numbers as text too."""
    if value is None or value is orgnet.OUTSIDE:
        return
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, (bool, int, float, datetime.date)):
        out.append(str(value))
    elif isinstance(value, dict):
        for k, v in value.items():
            _strings(k, out)
            _strings(v, out)
    elif isinstance(value, (list, tuple, set, frozenset)) or inspect.isgenerator(value):
        for v in value:
            _strings(v, out)
    elif isinstance(value, orgnet.TextColumn):
        _strings(value.tolist(), out)
    elif isinstance(value, orgnet.Lists):
        _strings([value.ids(i) for i in range(len(value))], out)
    elif isinstance(value, array.array):
        _strings(value.tolist(), out)
    elif type(value).__name__ == "DataFrame":
        _strings(list(value.columns) + value.astype(object).values.tolist(), out)
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            _strings(getattr(value, field.name), out)
    elif hasattr(value, "_asdict"):
        _strings(value._asdict(), out)
    elif hasattr(value, "__dict__"):
        _strings({k: v for k, v in vars(value).items() if not k.startswith("_")}, out)
    else:
        out.append(repr(value))


class ScopedViewsLeakNothing(unittest.TestCase):
    #: The dataset scanned: the bundled district with every row's text marked
    #: (marked_dataset.py; a subclass scans a generated one).
    DATASET = DISTRICT

    @classmethod
    def setUpClass(cls):
        cls.net = orgnet.load(cls.dataset())
        cls.full_ids = {t: cls.net.table(t).ids() for t in ID_TABLES}
        cls.full_names = {t: cls.net.table(t).column("name") for t in NAMED}
        orgs = cls.net.orgs
        kinds = orgs.column("kind")
        cls.streets = [i for i, k in zip(orgs.ids(), kinds) if k == "street"]
        cls.communities = [i for i, k in zip(orgs.ids(), kinds) if k == "community"]
        cls.others = [i for i, k in zip(orgs.ids(), kinds) if k not in
                      ("street", "community", "district", "city")]
        cls.grids = cls.net.grids.ids()

    @classmethod
    def dataset(cls):
        cls._marked = tempfile.TemporaryDirectory()
        return marked_copy(cls.DATASET, os.path.join(cls._marked.name, "marked"))

    @classmethod
    def tearDownClass(cls):
        cls.net.close()
        cls._marked.cleanup()

    def _scopes(self):
        rng = random.Random(13)
        yield dict(places=[self.streets[0]])
        yield dict(orgs=[self.communities[3]], personal=True)
        yield dict(places=[rng.choice(self.grids), rng.choice(self.grids)])
        yield dict(orgs=[rng.choice(self.others)], places=[rng.choice(self.communities)])
        for _ in range(3):
            yield dict(orgs=rng.sample(self.others, 2), places=[rng.choice(self.grids)])

    def _forbidden(self, view):
        """Ids and names that only rows outside the view have."""
        inside_ids = set()
        for t in ID_TABLES:
            inside_ids.update(view.table(t).ids())
        outside_ids = set()
        for t in ID_TABLES:
            outside_ids.update(set(self.full_ids[t]) - inside_ids)
        inside_names = set()
        for t in NAMED:
            inside_names.update(n for n in self.full_names[t] if n)
            inside_names.update(n for n in view.table(t).column("name") if n)
        outside_names = set()
        for t in NAMED:
            ids = self.full_ids[t]
            view_ids = set(view.table(t).ids())
            for i, name in zip(ids, self.full_names[t]):
                if name and i not in view_ids:
                    outside_names.add(name)
        # Names some inside row also has are not a leak; nor are names inside another text.
        names_in_view = set()
        for t in NAMED:
            names_in_view.update(n for n in view.table(t).column("name") if n)
        outside_names = {n for n in outside_names - names_in_view
                         if not any(n in m for m in names_in_view)}
        return outside_ids, outside_names

    def _collect(self, label, value, seen):
        """Adds every string of an output to ``seen`` (string -> the first call showing it)."""
        texts = []
        _strings(value, texts)
        for text in texts:
            seen.setdefault(text, label)

    def _check(self, seen, outside_ids, outside_names, view_ids=None):
        """No output string holds an id, a name or a row's marker only rows outside the view
        have."""
        for text, label in seen.items():
            if view_ids is not None:
                self.assertEqual(outside_markers(text, view_ids), [],
                                 "%s shows the text of rows outside the scope" % label)
            for token in re.findall(r"[A-Za-z0-9_~\-]+", text):
                self.assertNotIn(token, outside_ids,
                                 "%s shows %r (outside the scope)" % (label, token))
            self.assertNotIn(text, outside_names, "%s shows a name outside the scope" % label)
        # Names inside longer texts (messages): one pattern, longest names first.
        names = sorted(outside_names, key=len, reverse=True)
        pattern = re.compile("|".join(re.escape(n) for n in names)) if names else None
        for text, label in seen.items():
            if pattern is None or len(text) < 2:
                continue
            found = pattern.search(text)
            self.assertIsNone(found, "%s shows the name %r (outside the scope): %r" % (
                label, found.group(0) if found else "", text))

    def _not_found_like_unknown(self, label, call, outside_id):
        """A call with an id outside the view fails as with an id no dataset has."""
        unknown = "ZZ-no-such-id"
        with self.assertRaises(orgnet.Error) as outside:
            call(outside_id)
        with self.assertRaises(orgnet.Error) as missing:
            call(unknown)
        self.assertEqual(type(outside.exception), type(missing.exception), label)
        self.assertEqual(str(outside.exception).replace(outside_id, unknown),
                         str(missing.exception), label)

    def _recipes(self, view, inside, outside):
        """Every public method, called: name -> list of (label, thunk)."""
        org_in, org_out = inside["orgs"], outside["orgs"]
        grid_in = inside["grids"]
        community_in = inside.get("community")
        cov = orgnet.coverage(view)
        graph = orgnet.links(view)
        matching = orgnet.match(view)
        ev = orgnet.events(view)
        rc = orgnet.reach(view)
        hv = orgnet.haves(view)
        h, t = view.hierarchy, view.territory
        tmp = tempfile.mkdtemp()
        r = {}

        def add(name, *thunks):
            r.setdefault(name, []).extend(thunks)

        # The diff of the view with itself, and every C function of the diff reached.
        def diff_outputs():
            import ctypes as C
            with orgnet.diff(view, view) as d:
                tables = [t.__dict__ for t in d.tables()]
                c = d.coverage()
                out = [tables, [p.__dict__ for p in c.places], c.moved, c.findings_after,
                       self._or_message(lambda: _capi.check(_capi.lib.orgnet_diff_changed(
                           C.byref(C.c_uint32()), C.byref(C.c_uint32()),
                           C.byref(C.POINTER(C.c_int32)()), C.byref(C.c_size_t()), d.handle, 0,
                           0))),
                       self._or_message(lambda: _capi.check(_capi.lib.orgnet_diff_column(
                           C.byref(C.c_void_p()), C.byref(C.c_size_t()), d.handle, 0, 1, 0))),
                       self._or_message(lambda: _capi.check(_capi.lib.orgnet_coverage_diff_move(
                           None, None, 0)))]
                return out
        add("diff", diff_outputs)
        # Network
        add("Network.as_of", lambda: view.as_of)
        add("Network.default_date", lambda: view.default_date)
        add("Network.counts", lambda: view.counts())
        add("Network.manifest", lambda: view.manifest)
        add("Network.memory_bytes", lambda: view.memory_bytes)
        add("Network.version", lambda: view.version)
        add("Network.parent_version", lambda: view.parent_version)
        add("Network.is_view", lambda: view.is_view)
        add("Network.to_networkx", *[(lambda g=g: (lambda x: [list(x.nodes(data=True)),
                                                               list(x.edges(data=True))])(
            view.to_networkx(g)) if _HAS["networkx"] else None) for g in ("links", "tree")])
        add("Network.to_igraph", *[(lambda g=g: (lambda x: [x.vs[k] for k in x.vs.attributes()] +
                                                 [x.es[k] for k in x.es.attributes()])(
            view.to_igraph(g)) if _HAS["igraph"] else None) for g in ("links", "tree")])
        add("Network.table", *[(lambda n=n: view.table(n).to_dict()) for n in orgnet.TABLES])
        for n in orgnet.TABLES:
            add("Network." + n, lambda n=n: getattr(view, n).ids() if n not in ("links", "funds")
                else getattr(view, n).to_dict())
        add("Network.hierarchy", lambda: view.hierarchy.roots())
        add("Network.territory", lambda: view.territory.unknown("members", "street"))
        add("Network.save", lambda: (view.save(os.path.join(tmp, "saved")),
                                     orgnet.load(os.path.join(tmp, "saved")).counts()))
        add("Network.save_snapshot", lambda: self._raises(orgnet.FailedPreconditionError,
                                                          view.save_snapshot,
                                                          os.path.join(tmp, "s.orgnet")))
        add("Network.edit", lambda: self._raises(orgnet.FailedPreconditionError, view.edit,
                                                 orgnet.EditBatch()))
        add("Network.builder", lambda: view.builder().close())
        add("Network.scope", lambda: view.scope(orgs=[org_in]).counts(),
            lambda: self._not_found_like_unknown("scope", lambda i: view.scope(orgs=[i]), org_out))
        add("Network.load", lambda: None)  # a class method: makes a network, reads no view
        add("Network.open", lambda: None)  # likewise
        # A view cannot be refreshed from a database (the network it views can): refused by
        # name, before any server is asked.
        add("Network.refresh", lambda: self._or_message(
            view.refresh, "host=/nonexistent-orgnet-socket-dir port=5999 dbname=x"))
        add("Network.close", lambda: None)  # releases; called at the end
        add("Network.handle", lambda: None)
        add("Hierarchy.handle", lambda: view.hierarchy.handle.contents is not None)
        # Table, Row
        for n in orgnet.TABLES:
            table = view.table(n)
            columns = table.columns
            rows = range(min(len(table), 40))
            add("Table.cell", *[(lambda table=table, i=i, c=c: table.cell(i, c))
                                for i in rows for c in columns])
            add("Table.text", *[(lambda table=table, i=i, c=c: table.text(i, c))
                                for i in rows for c in columns])
            add("Table.is_outside", *[(lambda table=table, i=i, c=c: table.is_outside(i, c))
                                      for i in rows for c in columns])
            add("Table.column", *[(lambda table=table, c=c: table.column(c)) for c in columns])
            add("Table.is_masked", *[(lambda table=table, c=c: table.is_masked(c)) for c in columns])
            add("Table.column_type", *[(lambda table=table, c=c: table.column_type(c)) for c in columns])
            add("Table.column_target", *[(lambda table=table, c=c: table.column_target(c)) for c in columns])
            add("Table.has_column", *[(lambda table=table, c=c: table.has_column(c)) for c in columns])
            add("Table.ref_indexes", *[(lambda table=table, c=c: [
                i for i in table.ref_indexes(c) if i not in (orgnet.NONE, _capi.OUTSIDE_ROW)])
                for c in columns if table.column_type(c) == "ref"])
            add("Table.to_dict", lambda table=table: table.to_dict())
            add("Table.array", *[(lambda table=table, c=c: table.array(c)) for c in columns])
            add("Table.arrays", lambda table=table: table.arrays())
            add("Table.to_pandas", lambda table=table: table.to_pandas() if _HAS_PANDAS else None)
            add("Table.present", lambda table=table: table.present)
            if n in ID_TABLES and len(table):
                add("Table.ids", lambda table=table: table.ids())
                add("Table.id", *[(lambda table=table, i=i: table.id(i)) for i in rows])
                add("Table.indexes", lambda table=table: table.indexes(table.ids()[:30]),
                    lambda n=n, table=table: self._not_found_like_unknown(
                        n + ".indexes", lambda i: table.indexes([i]), outside[n])
                    if outside.get(n) else None)
                add("Table.index", lambda table=table: table.index(table.id(0)),
                    lambda n=n, table=table: self._not_found_like_unknown(
                        n + ".index", table.index, outside[n]) if outside.get(n) else None)
                add("Row.as_dict", lambda table=table: table[0].as_dict())
                add("Row.id", lambda table=table: table[0].id)
                add("Row.index", lambda table=table: table[0].index)
                if outside.get(n):
                    add("Row.lookup", lambda n=n, table=table: self._not_found_like_unknown(
                        n + "[id]", lambda i: table[i], outside[n]))
        # Hierarchy: each query with an org inside, and the same error as an unknown id outside
        for name in ("ancestors", "children", "depth", "descendants", "parent",
                     "preorder_position", "root", "siblings", "subtree", "subtree_indexes",
                     "subtree_size"):
            f = getattr(h, name)
            add("Hierarchy." + name, lambda f=f: f(org_in),
                lambda f=f, name=name: self._not_found_like_unknown(name, f, org_out))
        add("Hierarchy.walk", lambda: list(h.walk(org_in)))
        add("Hierarchy.of_kind", lambda: h.of_kind(org_in, "branch"))
        add("Hierarchy.is_ancestor", lambda: h.is_ancestor(org_in, org_in),
            lambda: self._not_found_like_unknown("is_ancestor", lambda i: h.is_ancestor(org_in, i),
                                                 org_out))
        add("Hierarchy.lca", lambda: h.lca(org_in, org_in),
            lambda: self._not_found_like_unknown("lca", lambda i: h.lca(i, org_in), org_out))
        add("Hierarchy.max_depth", lambda: h.max_depth)
        some = view.orgs.ids()[:40]
        add("Hierarchy.is_ancestor_many", lambda: h.is_ancestor_many(some, some[::-1]),
            lambda: self._not_found_like_unknown(
                "is_ancestor_many", lambda i: h.is_ancestor_many([org_in], [i]), org_out))
        add("Hierarchy.lca_many", lambda: [view.orgs.id(r) for r in h.lca_many(some, some[::-1])
                                           if r != orgnet.NONE],
            lambda: self._not_found_like_unknown(
                "lca_many", lambda i: h.lca_many([i], [org_in]), org_out))
        add("Hierarchy.depth_many", lambda: h.depth_many(some))
        add("Hierarchy.subtree_sizes", lambda: h.subtree_sizes())
        add("Hierarchy.depths", lambda: h.depths())
        add("Hierarchy.preorder", lambda: h.preorder())
        add("Hierarchy.roots", lambda: h.roots())
        # Territory
        for name in ("grids_in", "orgs_in", "staff_in", "units_in"):
            f = getattr(t, name)
            add("Territory." + name, lambda f=f: f(community_in or org_in),
                lambda f=f, name=name: self._not_found_like_unknown(name, f, org_out))
        add("Territory.place", *[(lambda n=n, i=i: t.place(n, i)) for n in
                                 ("orgs", "grids", "units", "members", "staff")
                                 for i in view.table(n).ids()[:30]])
        add("Territory.places", *[(lambda n=n: t.places(n)) for n in
                                  ("orgs", "grids", "units", "members", "staff")])
        add("Territory.unknown", *[(lambda n=n, lv=lv: t.unknown(n, lv)) for n in
                                   ("orgs", "units", "members") for lv in
                                   ("community", "street", "district")])
        # Coverage
        for by in orgnet.ROLLUPS:
            add("Coverage.table", lambda by=by: cov.table(by))
            add("Coverage.columns", lambda by=by: cov.columns(by))
        add("Coverage.units", lambda: cov.units())
        add("Coverage.findings", lambda: cov.findings())
        add("Coverage.finding_counts", lambda: cov.finding_counts())
        add("Coverage.disagreements", lambda: cov.disagreements())
        add("Coverage.ran", *[(lambda code=rule.code: cov.ran(code)) for rule in orgnet.RULES])
        add("Coverage.skipped", *[(lambda code=rule.code: cov.skipped(code)) for rule in orgnet.RULES])
        add("Coverage.as_of", lambda: cov.as_of)
        # Links
        for name in ("articulation_points", "bridges", "cluster_of", "clusters", "crossings",
                     "isolated", "rows", "pair_count"):
            add("Links." + name, lambda name=name: getattr(graph, name)() if callable(
                getattr(graph, name)) else getattr(graph, name))
        add("Links.cluster_count", *[(lambda k=k: graph.cluster_count(k)) for k in (1, 2)])
        add("Links.betweenness", lambda: graph.betweenness())
        add("Links.neighbours_many", lambda: graph.neighbours_many(view.orgs.ids()[:50]),
            lambda: self._not_found_like_unknown(
                "neighbours_many", lambda i: graph.neighbours_many([i]), org_out))
        add("Links.brokers", lambda: graph.brokers(top=20))
        for by in ("street", "community", "org"):
            add("Links.isolation", lambda by=by: graph.isolation(by))
        for name in ("degree", "neighbours", "partners", "suggest"):
            f = getattr(graph, name)
            add("Links." + name, lambda f=f: f(org_in),
                lambda f=f, name=name: self._not_found_like_unknown(name, f, org_out))
        add("Links.path", lambda: self._or_message(graph.path, org_in, inside["orgs_other"], True),
            lambda: self._not_found_like_unknown("path", lambda i: graph.path(org_in, i), org_out))
        # Matching
        for name in ("allocations", "columns", "need_met", "resource_used", "unmet_needs",
                     "unused_resources"):
            add("Matching." + name, lambda name=name: getattr(matching, name)())
        for name in ("needed", "offered", "total"):
            add("Matching." + name, lambda name=name: getattr(matching, name))
        # Events, reach, haves
        for by in ("grid", "community", "street"):
            for per in orgnet.EVENT_TABLES:
                add("Events.table", lambda by=by, per=per: ev.table(by, per))
            add("Reach.table", lambda by=by: rc.table(by))
        add("Events.hot_spots", lambda: ev.hot_spots())
        add("Events.counted", lambda: ev.counted)
        add("Events.outside_window", lambda: ev.outside_window)
        add("Events.as_of", lambda: ev.as_of)
        add("Reach.grids", lambda: rc.grids())
        add("Reach.site", lambda: rc.site(3))
        add("Reach.unplaced", lambda: rc.unplaced("grids"), lambda: rc.unplaced("centres"))
        if community_in:
            add("Reach.functions", lambda: rc.functions(community_in),
                lambda: self._not_found_like_unknown("functions", rc.functions, org_out))
        else:
            add("Reach.functions", lambda: self._not_found_like_unknown(
                "functions", rc.functions, org_out))
        add("Haves.communities", lambda: hv.communities())
        add("Haves.findings", lambda: hv.findings())
        add("Haves.columns", lambda: hv.columns())
        for by in ("street", "district"):
            add("Haves.table", lambda by=by: hv.table(by))
        for name in ("add", "add_column", "apply", "build", "close", "set_manifest", "handle"):
            add("Builder." + name, lambda: None)  # run by _direct_calls, on the view's builder
        for name in ("add_column", "add_link", "add_org", "close", "insert", "remove",
                     "remove_link", "remove_row", "rename", "reparent", "set", "set_row", "handle"):
            add("EditBatch." + name, lambda: None)  # run by _direct_calls, with ids outside
        for obj in (cov, graph, matching, ev, rc, hv):
            add(type(obj).__name__ + ".close", lambda: None)
            add(type(obj).__name__ + ".handle", lambda: None)
        del grid_in
        return r, (cov, graph, matching, ev, rc, hv)

    _results_runs = 0

    def _written_results(self, analyses, add):
        """The view's results written to a database (orgnet.results): with a test server
        (ORGNET_TEST_DATABASE), every row written under this view's run key is read back and
        collected; without one, the write's error is."""
        import subprocess
        from orgnet import _capi
        from orgnet.results import ResultWriter
        cov, _, matching, ev, rc, hv = analyses
        type(self)._results_runs += 1
        key = "%s-%d" % (type(self).__name__, self._results_runs)
        add("orgnet_result_table_name",
            [_capi.lib.orgnet_result_table_name(i) for i in range(len(orgnet.RESULT_TABLES))])
        uri = os.environ.get("ORGNET_TEST_DATABASE")
        psql = os.environ.get("ORGNET_TEST_PSQL", "psql")
        with ResultWriter(key, tables={"matching": "view_matching"}, schema="public") as writer:
            for result in (cov, matching, ev, rc, hv):
                writer.add(result)
            add("result table names", [writer.table_name(t) for t in orgnet.RESULT_TABLES])
            if not uri:
                with self.assertRaises(orgnet.Error) as failed:
                    writer.write("host=/nonexistent-orgnet-socket-dir port=5999 dbname=x")
                add("result write error", str(failed.exception))
                add("rows", _capi.call("orgnet_result_writer_rows", writer.handle, 0))
                return
            head, sep, query = uri.partition("?")
            db = head.rsplit("/", 1)[0] + "/orgnet_view_results" + sep + query
            if not _RESULTS_DATABASE:  # once per process: a fresh database
                _RESULTS_DATABASE.append(db)
                subprocess.run([psql, "-X", "-q", uri, "-c",
                                "DROP DATABASE IF EXISTS orgnet_view_results", "-c",
                                "CREATE DATABASE orgnet_view_results"], check=True,
                               capture_output=True)
            written = writer.write(db)
            self.assertEqual(written["runs"], 1)
            statements = []
            for table in written:
                statements += ["-c", "COPY (SELECT * FROM %s WHERE run_key = '%s') TO STDOUT"
                               % (writer.table_name(table), key)]
            done = subprocess.run([psql, "-X", "-q", db] + statements, capture_output=True,
                                  text=True, check=True)
            add("rows written to the database", done.stdout)

    def _direct_calls(self, view, analyses, inside, outside, seen):
        """The C functions the package's classes do not call on a view (read at import, or
        reached only through other calls): called here on the view with ctypes, their outputs
        collected; ids and rows they give must be the view's."""
        import ctypes as C
        lib, gen = _capi.lib, _capi.gen
        cov, graph, _, ev, _, _ = analyses
        add = lambda label, value: self._collect(label, value, seen)  # noqa: E731
        # Global functions (no network): called, their text collected.
        add("orgnet_version", lib.orgnet_version())
        add("orgnet_abi_version", lib.orgnet_abi_version())
        add("orgnet_status_string", [lib.orgnet_status_string(code) for code in range(16)])
        # Written files (orgnet.output): the view's CSV export and a text file, read back.
        import tempfile
        from orgnet.export import export as export_to
        from orgnet import output as _output
        with tempfile.TemporaryDirectory() as tmp:
            export_to(view, "csv", os.path.join(tmp, "csv"))
            for name in sorted(os.listdir(os.path.join(tmp, "csv"))):
                with open(os.path.join(tmp, "csv", name), encoding="utf-8") as f:
                    add("export csv " + name, f.read())
            _output.write_text(os.path.join(tmp, "t.txt"), repr(view))
            with open(os.path.join(tmp, "t.txt"), encoding="utf-8") as f:
                add("output file", f.read())
        self._written_results(analyses, add)
        lib.orgnet_clear_error()
        add("orgnet_snapshot_format_version", lib.orgnet_snapshot_format_version())
        for init, struct in (("orgnet_load_options_init", gen.orgnet_load_options),
                             ("orgnet_snapshot_options_init", gen.orgnet_snapshot_options),
                             ("orgnet_coverage_rules_init", gen.orgnet_coverage_rules),
                             ("orgnet_link_filter_init", gen.orgnet_link_filter),
                             ("orgnet_suggestion_weights_init", gen.orgnet_suggestion_weights),
                             ("orgnet_event_options_init", gen.orgnet_event_options)):
            value = struct()
            self.assertEqual(getattr(lib, init)(C.byref(value), 1), 0, init)
        out_size, out_int, out_u32 = C.c_size_t(), C.c_int(), C.c_uint32()
        for number, rule in enumerate(orgnet.RULES):
            raw = rule.code.encode()
            self.assertEqual(lib.orgnet_coverage_find_rule(C.byref(out_int), raw, len(raw)), 0)
            self.assertEqual(out_int.value, number)
        # Whole columns into library memory: text as the blob, the same as Table.column reads.
        for number, name in enumerate(orgnet.TABLES):
            table = view.table(name)
            for c, column in enumerate(table.columns):
                data, size, offsets = C.c_void_p(), C.c_size_t(), C.POINTER(C.c_uint64)()
                self.assertEqual(lib.orgnet_network_copy_column(
                    C.byref(data), C.byref(size), C.byref(offsets), view.handle, number, c), 0)
                if offsets:
                    blob = C.string_at(data, size.value) if size.value else b""
                    cells = [blob[offsets[r]:offsets[r + 1]].decode() for r in range(len(table))]
                    if table.column_type(column) != "ref":
                        self.assertEqual(cells, table.column(column), column)
                    add("orgnet_network_copy_column", cells)
                lib.orgnet_free(data)
                lib.orgnet_free(offsets)
        for t in range(8):
            lib.orgnet_column_cell_bytes(C.byref(out_size), t)
        add("names", [lib.orgnet_coverage_counter_name(i) for i in range(len(orgnet.COUNTERS))] +
            [lib.orgnet_coverage_rate_name(i) for i in range(len(orgnet.RATES))] +
            [lib.orgnet_coverage_rollup_name(i) for i in range(len(orgnet.ROLLUPS))] +
            [lib.orgnet_haves_rule_code(i) for i in range(len(orgnet.HAVES_RULES))])
        self.assertEqual(lib.orgnet_coverage_rule_count(C.byref(out_size)), 0)
        rule = gen.orgnet_rule_info()
        for i in range(out_size.value):
            lib.orgnet_coverage_rule(C.byref(rule), i)
        add("orgnet_great_circle_metres", lib.orgnet_great_circle_metres(116.0, 39.0, 116.1, 39.1))
        missing = b"/nonexistent/view.orgnet"
        lib.orgnet_is_snapshot_file(missing, len(missing), C.byref(out_int))
        handle = C.POINTER(gen.orgnet_network)()
        self.assertEqual(lib.orgnet_network_open_snapshot(C.byref(handle), missing, len(missing),
                                                          None), gen.ORGNET_NOT_FOUND)
        # Readers of the view: ids are the view's, rows within its tables (or NONE, OUTSIDE).
        net = view.handle
        counts = {n: len(view.table(n)) for n in orgnet.TABLES}
        for number, name in enumerate(orgnet.TABLES):
            table = view.table(name)
            for c, column in enumerate(table.columns):
                raw = column.encode()
                self.assertEqual(lib.orgnet_network_find_column(C.byref(out_int), net, number,
                                                                raw, len(raw)), 0)
                chunks = C.c_size_t()
                fixed = table.column_type(column) in ("ref", "date", "integer", "real")
                self.assertEqual(lib.orgnet_network_column_chunk_count(C.byref(chunks), net, number,
                                                                       c) == 0, fixed)
                for chunk in range(chunks.value if fixed else 0):
                    data, first, rows = C.c_void_p(), C.c_uint32(), C.c_uint32()
                    self.assertEqual(lib.orgnet_network_column_chunk(
                        C.byref(data), C.byref(first), C.byref(rows), net, number, c, chunk), 0)
                    self.assertLessEqual(first.value + rows.value, len(table))
                if table.column_type(column) == "ref":
                    target = counts[_REF_TARGET[(name, column)]]
                    for r in range(min(len(table), 200)):
                        self.assertEqual(lib.orgnet_network_ref(C.byref(out_u32), net, number, r, c), 0)
                        self.assertTrue(out_u32.value < target or out_u32.value in (
                            orgnet.NONE, _capi.OUTSIDE_ROW), (name, column, out_u32.value))
            if name in ID_TABLES:
                for r in range(min(len(table), 200)):
                    text, length = C.c_void_p(), C.c_size_t()
                    self.assertEqual(lib.orgnet_network_id(C.byref(text), C.byref(length), net,
                                                           number, r), 0)
                    add("orgnet_network_id", C.string_at(text, length.value).decode())
        level_rows = {0: counts["grids"], 1: counts["orgs"], 2: counts["orgs"], 3: counts["orgs"],
                      4: counts["orgs"]}
        for roll_up in range(len(orgnet.ROLLUPS)):
            rows = C.POINTER(C.c_uint32)()
            self.assertEqual(lib.orgnet_coverage_rollup_rows(C.byref(rows), C.byref(out_size),
                                                             cov.handle, roll_up), 0)
            n = out_size.value
            self.assertTrue(all(rows[i] < level_rows[roll_up] for i in range(n)))
            for counter in range(len(orgnet.COUNTERS)):
                values = C.POINTER(C.c_uint32)()
                lib.orgnet_coverage_rollup_counter(C.byref(values), C.byref(out_size), cov.handle,
                                                   roll_up, counter)
                add("orgnet_coverage_rollup_counter", values[:out_size.value])
            for rate in range(len(orgnet.RATES)):
                values = C.POINTER(C.c_double)()
                lib.orgnet_coverage_rollup_rate(C.byref(values), C.byref(out_size), cov.handle,
                                                roll_up, rate)
            if roll_up != 4:
                items = C.POINTER(gen.orgnet_isolation)()
                if lib.orgnet_links_rollup_isolation(C.byref(items), C.byref(out_size),
                                                     graph.handle, roll_up) == 0:
                    self.assertTrue(all(items[i].place < level_rows[roll_up]
                                        for i in range(out_size.value)))
                    lib.orgnet_free(items)
                for table in range(len(orgnet.EVENT_TABLES)):
                    items = C.POINTER(gen.orgnet_event_row)()
                    if lib.orgnet_events_rollup(C.byref(items), C.byref(out_size), ev.handle,
                                                roll_up, table) == 0:
                        self.assertTrue(all(items[i].place < level_rows[roll_up]
                                            for i in range(out_size.value)))
                        lib.orgnet_free(items)
        # Builders and edit batches over the view: an id outside reads as unknown.
        org_in, org_out = inside["orgs"], outside["orgs"]
        builder = orgnet.Builder()
        builder.set_manifest("version", "1")
        builder.add("orgs", id="X1", name="x", kind="street")
        builder.add_column("orgs", "note2").add("orgs", id="X2", name="y", kind="street", note2="z")
        add("Builder.build", builder.build().counts())
        builder.close()
        for edit in (lambda b, i: b.set("orgs", i, "name", "x"),
                     lambda b, i: b.remove("orgs", i),
                     lambda b, i: b.rename("orgs", i, "NEW-ID"),
                     lambda b, i: b.remove_link(org_in, i, "pairing"),
                     lambda b, i: b.insert("members", id="NEW-M", status="formal", org=i),
                     lambda b, i: b.reparent(i, org_in),
                     lambda b, i: b.add_link(org_in, i, "pairing"),
                     lambda b, i: b.add_org("NEW-O", "x", "branch", parent=i)):
            def apply(i, edit=edit):
                batch = orgnet.EditBatch()
                edit(batch, i)
                self._raises(orgnet.FailedPreconditionError, view.edit, batch)
                from_view = view.builder()
                try:
                    from_view.apply(batch)
                finally:
                    from_view.close()
            try:
                self._not_found_like_unknown("edit", apply, org_out)
            except AssertionError:
                raise
            except orgnet.Error as e:
                add("edit", str(e))
        batch = orgnet.EditBatch()
        batch.set_row("orgs", 0, "name", "x").remove_row("orgs", 0).add_column("orgs", "extra")
        add("EditBatch", lib.orgnet_edit_batch_size(C.byref(out_size), batch.handle))
        from_view = view.builder()
        try:  # a misspelt column names the closest of the view's own columns
            from_view.add("orgs", id="X3", nmae="x")
        except orgnet.Error as e:
            add("Builder.add", str(e))
        try:
            from_view.build()
        except orgnet.LoadError as e:  # references leaving the scope read empty in a builder
            add("Builder.build", [str(e)] + [str(d) for d in e.errors])
        finally:
            from_view.close()
        report = C.POINTER(gen.orgnet_report)()
        handle = C.POINTER(gen.orgnet_network)()
        bad = b"/nonexistent/folder"
        lib.orgnet_network_load(C.byref(handle), bad, len(bad), None, C.byref(report))
        total = C.c_int64()
        lib.orgnet_report_total(C.byref(total), report, 0)
        lib.orgnet_report_free(report)
        # Loads that make no network, from a database (none reachable): no view is involved.
        lib.orgnet_has_database_support()
        nowhere = b"host=/nonexistent-orgnet-socket-dir port=5999"
        lib.orgnet_network_load_database(C.byref(handle), nowhere, len(nowhere), None, 0, None,
                                         None)
        # A view shared (orgnet_network_share, for a network a follower's callback borrows) is
        # the same view: the scan of its rows finds nothing outside.
        with orgnet.Network(_capi.call("orgnet_network_share", view.handle)) as shared:
            self.assertTrue(shared.is_view)
            add("shared view's orgs", shared.orgs.ids())
            add("shared view's members", shared.members.ids())
        # Followers make no view: started against no server, refused; their other calls on no
        # follower refused.
        follower = C.POINTER(gen.orgnet_follower)()
        options = gen.orgnet_follower_options()
        self.assertEqual(lib.orgnet_follower_options_init(C.byref(options), 1), 0)
        lib.orgnet_follower_start(C.byref(follower), nowhere, len(nowhere), None, 0,
                                  C.byref(options), gen.orgnet_version_fn(), None)
        add("follower start error", lib.orgnet_last_error())
        state = gen.orgnet_follower_state()
        text, length = C.c_void_p(), C.c_size_t()
        lib.orgnet_follower_latest(C.byref(handle), None, None, None, follower)
        lib.orgnet_follower_status(C.byref(state), follower)
        lib.orgnet_follower_message(C.byref(text), C.byref(length), follower)
        lib.orgnet_follower_wait(C.byref(out_int), follower, 1, 0)
        lib.orgnet_follower_refresh(C.byref(handle), None, None, None, None, follower)
        lib.orgnet_follower_stop(follower)
        lib.orgnet_follower_free(follower)

    @staticmethod
    def _or_message(f, *args):
        """f(*args), or the message of the library error it raises (scanned as an output)."""
        try:
            return f(*args)
        except orgnet.Error as e:
            return str(e)

    def _raises(self, error, f, *args):
        with self.assertRaises(error):
            f(*args)

    def test_the_scan_finds_a_leak(self):
        """Negative control: outputs of the whole network, scanned against a view, fail."""
        view = self.net.scope(places=[self.streets[0]])
        outside_ids, outside_names = self._forbidden(view)
        self.assertTrue(outside_ids and outside_names)
        for leak in (self.net.orgs.ids(), {"name": sorted(outside_names)[0]},
                     "message about %s" % sorted(outside_ids)[0]):
            seen = {}
            self._collect("leak", leak, seen)
            with self.assertRaises(AssertionError):
                self._check(seen, outside_ids, outside_names)
        # A row's text, marked with its id (the centres' functions of issue 24).
        view_ids = {n: set(view.table(n).ids()) for n in ID_TABLES}
        table, row = next((t, i) for t in ("centres", "units", "orgs") for i in self.full_ids[t]
                          if i not in view_ids[t])
        seen = {}
        self._collect("leak", ["venue", "function⟦%s:%s⟧" % (table, row)], seen)
        with self.assertRaises(AssertionError):
            self._check(seen, set(), set(), view_ids)
        view.close()

    def test_every_method_and_every_c_function_show_nothing_outside(self):
        declared = _declared_functions()
        classes = {"Network": orgnet.Network, "Table": orgnet.Table, "Row": orgnet.Row,
                   "Hierarchy": orgnet.Hierarchy, "Territory": orgnet.Territory,
                   "Coverage": orgnet.Coverage, "Links": orgnet.Links,
                   "Matching": orgnet.Matching, "Events": orgnet.Events, "Reach": orgnet.Reach,
                   "Haves": orgnet.Haves, "Builder": orgnet.Builder,
                   "EditBatch": orgnet.EditBatch}
        with _CallCounter(declared) as counter:
            for spec in self._scopes():
                with self.subTest(spec=spec):
                    view = self.net.scope(**spec)
                    self.assertTrue(view.is_view)
                    outside_ids, outside_names = self._forbidden(view)
                    inside = {n: view.table(n).ids()[0] for n in ID_TABLES if len(view.table(n))}
                    inside["orgs_other"] = view.orgs.ids()[-1]
                    communities = [i for i, k in zip(view.orgs.ids(), view.orgs.column("kind"))
                                   if k == "community"]
                    inside["community"] = communities[0] if communities else None
                    view_ids = {n: set(view.table(n).ids()) for n in ID_TABLES}
                    outside = {n: next((i for i in self.full_ids[n] if i not in view_ids[n]), None)
                               for n in ID_TABLES}
                    recipes, analyses = self._recipes(view, inside, outside)
                    for name, cls in classes.items():
                        for method, _ in inspect.getmembers(cls):
                            if not method.startswith("_"):
                                self.assertIn("%s.%s" % (name, method), recipes,
                                              "no call of %s.%s in the scoped-view scan" % (name, method))
                    seen = {}
                    for name, thunks in recipes.items():
                        for i, thunk in enumerate(thunks):
                            self._collect("%s #%d" % (name, i), thunk(), seen)
                    self._direct_calls(view, analyses, inside, outside, seen)
                    self._check(seen, outside_ids, outside_names,
                                {n: set(view.table(n).ids()) for n in ID_TABLES})
                    for analysis in analyses:
                        analysis.close()
                    view.close()
        missing = [name for name in declared if counter.calls[name] == 0]
        self.assertEqual(missing, [], "C functions no scoped-view call reached: " + " ".join(missing))


class ScopedViewsOfARandomDatasetLeakNothing(ScopedViewsLeakNothing):
    """The same scan on a dataset of another seed and size (a fifth of a district)."""

    @classmethod
    def dataset(cls):
        from orgnet.generate import generate
        cls._folder = tempfile.TemporaryDirectory()
        generate(os.path.join(cls._folder.name, "plain"), "district",
                 seed=int(os.environ.get("ORGNET_SCOPE_SEED", "7")), fraction=0.2)
        return marked_copy(os.path.join(cls._folder.name, "plain"),
                           os.path.join(cls._folder.name, "marked"))

    @classmethod
    def tearDownClass(cls):
        cls.net.close()
        cls._folder.cleanup()


if __name__ == "__main__":
    unittest.main()
