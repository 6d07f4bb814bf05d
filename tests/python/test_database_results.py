"""Results written to a real PostgreSQL server (the private cluster of tests/database/cluster.sh;
ORGNET_TEST_DATABASE names it): every result table read back equals the analyses as the Python
API gives them, value by value; a second write of one run key leaves one set and other run keys
stay; a reader in another connection sees the old set or the new, never a part; a failed write
changes nothing; the command line writes a scoped view's rows and nothing outside it; a writer
killed (SIGKILL) before each message that changes the database leaves the old set whole. Without
a server the tests are skipped, unless ORGNET_REQUIRE_DATABASE=1, where a skip is a failure."""

import csv
import io
import os
import subprocess
import sys
import threading
import unittest

import orgnet
from orgnet._rows import field_names

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from test_database import DISTRICT, PSQL, ROOT, URI, need_server, sql, with_database  # noqa: E402

LEVELS = ("grid", "community", "street", "district")


def norm(value) -> str:
    """A value as both sides compare it: the server's text of a number, bool or null, and the
    Python API's values, made one form (integral doubles print without a fraction)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "t" if value else "f"
    text = repr(value) if isinstance(value, float) else str(value)
    try:
        return str(int(text))
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        return text
    return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)


def rows_of(uri: str, query: str):
    """The rows of ``query`` (without its run_key column) as normalised text, sorted."""
    done = subprocess.run([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", uri, "-c",
                           "COPY (%s) TO STDOUT WITH (FORMAT csv)" % query],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise AssertionError("psql failed: %s" % done.stderr)
    return sorted(tuple(norm(c) for c in row) for row in csv.reader(io.StringIO(done.stdout)))


def values(row) -> tuple:
    """A result row's fields, in order."""
    return tuple(getattr(row, name) for name in field_names(type(row)))


def expected(rows) -> list:
    return sorted(tuple(norm(v) for v in row) for row in rows)



class ResultKinds(unittest.TestCase):
    """The kinds of result are the C ABI's orgnet_result_writer_add_* functions, and every
    layer takes the same ones: write_results' keywords and the CLI's --results (no server)."""

    def test_every_layer_takes_the_abi_s_kinds(self):
        import inspect
        from orgnet.cli.export_command import RESULTS
        from orgnet.results import RESULT_KINDS
        self.assertEqual(RESULT_KINDS, ("coverage", "matching", "events", "reach", "haves"))
        keywords = [p.name for p in inspect.signature(orgnet.write_results).parameters.values()
                    if p.kind == p.KEYWORD_ONLY and p.name not in ("tables", "schema",
                                                                    "progress")]
        self.assertEqual(tuple(keywords), RESULT_KINDS)
        self.assertEqual(tuple(RESULTS), RESULT_KINDS)
        with orgnet.ResultWriter("k") as writer, orgnet.load(DISTRICT) as net, \
                self.assertRaises(orgnet.InvalidArgumentError) as caught:
            writer.add(net)
        self.assertEqual(str(caught.exception), "a result writer takes Coverage, Matching, "
                                                "Events, Reach, Haves; got Network")

class ResultsToDatabase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        need_server(cls)
        sql(URI, "DROP DATABASE IF EXISTS orgnet_results; CREATE DATABASE orgnet_results;")
        cls.uri = with_database(URI, "orgnet_results")
        cls.net = orgnet.load(DISTRICT)
        cls.coverage = orgnet.coverage(cls.net)
        cls.matching = orgnet.match(cls.net)
        cls.events = orgnet.events(cls.net)
        cls.reach = orgnet.reach(cls.net)
        cls.haves = orgnet.haves(cls.net)

    @classmethod
    def tearDownClass(cls):
        for handle in (cls.coverage, cls.matching, cls.events, cls.reach, cls.haves, cls.net):
            handle.close()

    def write(self, run_key, **names):
        return orgnet.write_results(self.uri, run_key, coverage=self.coverage,
                                    matching=self.matching, events=self.events,
                                    reach=self.reach, haves=self.haves, **names)

    def test_every_table_reads_back_as_the_analyses(self):
        written = self.write("all")
        c = self.coverage
        cov = [(level,) + values(r) for level in orgnet.ROLLUPS for r in c.table(level)]
        self.assertEqual(written["coverage_rollup"], len(cov))
        self.assertEqual(rows_of(self.uri, "SELECT level, place_id, place_name, %s FROM "
                                           "orgnet_coverage_rollup WHERE run_key = 'all'" % ", ".join(
                                               orgnet.COUNTERS + orgnet.RATES)), expected(cov))
        territory = self.net.territory
        findings = []
        for f in c.findings():
            place = territory.place(f.table, f.id)
            findings.append((f.rule, f.table, f.id, f.value, f.limit, place.street,
                             place.community, f.message))
        self.assertEqual(rows_of(self.uri, "SELECT rule, subject_table, subject_id, value, "
                                           "threshold, street_id, community_id, message FROM "
                                           "orgnet_coverage_findings WHERE run_key = 'all'"),
                         expected(findings))
        self.assertEqual(rows_of(self.uri, "SELECT need_id, resource_id, category, need_org_id, "
                                           "resource_org_id, amount FROM orgnet_matching WHERE "
                                           "run_key = 'all'"),
                         expected(values(a) for a in self.matching.allocations()))
        events = []
        for level in LEVELS:
            for per in ("total", "category", "month"):
                for r in self.events.table(level, per):
                    events.append((level, r.id, r.category, r.month, r.name, r.reported,
                                   r.resolved_grid, r.resolved_above, r.resolved_unknown, r.open,
                                   r.median_days, r.p90_days) + tuple(r.backlog))
        self.assertEqual(written["events_rollup"], len(events))
        self.assertEqual(rows_of(self.uri, "SELECT level, place_id, category, month, place_name, "
                                           "reported, resolved_grid, resolved_above, "
                                           "resolved_unknown, open, median_days, p90_days, "
                                           "backlog_1, backlog_2, backlog_3, backlog_4 FROM "
                                           "orgnet_events_rollup WHERE run_key = 'all'"),
                         expected(events))
        reach = [(level,) + values(r) for level in LEVELS for r in self.reach.table(level)]
        self.assertEqual(rows_of(self.uri, "SELECT level, place_id, place_name, grids, "
                                           "grids_placed, grids_reached, households, "
                                           "households_reached, households_unplaced, units, "
                                           "units_reached FROM orgnet_reach_rollup WHERE "
                                           "run_key = 'all'"), expected(reach))
        year = self.haves.year
        communities = [(r.id, r.name, year) + values(r)[2:] for r in self.haves.communities()]
        self.assertEqual(rows_of(self.uri, "SELECT community_id, community_name, year, grids, "
                                           "grids_managed, managers, other_staff, people, dues, "
                                           "fiscal, sponsor, other, money, place_in_community, "
                                           "place_within_reach, place FROM "
                                           "orgnet_haves_communities WHERE run_key = 'all'"),
                         expected(communities))
        rollup = [(level, r.id, r.name, year) + values(r)[2:] for level in ("street", "district")
                  for r in self.haves.table(level)]
        self.assertEqual(rows_of(self.uri, "SELECT level, place_id, place_name, year, "
                                           "communities, with_people, with_money, with_place, "
                                           "with_all, dues, fiscal, sponsor, other FROM "
                                           "orgnet_haves_rollup WHERE run_key = 'all'"),
                         expected(rollup))
        self.assertEqual(rows_of(self.uri, "SELECT orgnet_version, as_of, results FROM orgnet_runs "
                                           "WHERE run_key = 'all'"),
                         [(orgnet.library_version, str(self.net.default_date),
                           "coverage,matching,events,reach,haves")])

    def test_a_second_write_of_a_run_key_leaves_one_set(self):
        names = {"tables": {"coverage_rollup": "twice.coverage"}, "schema": "twice"}
        sql(self.uri, "DROP SCHEMA IF EXISTS twice CASCADE; CREATE SCHEMA twice;")
        first = self.write("k1", **names)
        self.assertEqual(self.write("k1", **names), first)
        self.write("k2", **names)
        for table, rows in first.items():
            name = "twice.coverage" if table == "coverage_rollup" else "twice.orgnet_" + table
            self.assertEqual(sql(self.uri, "SELECT count(*) FROM %s WHERE run_key = 'k1'" % name),
                             str(rows), table)
            self.assertEqual(sql(self.uri, "SELECT count(*) FROM %s" % name), str(2 * rows), table)
        # A key no table holds twice: the primary keys.
        self.assertEqual(sql(self.uri, "SELECT count(*) FROM (SELECT 1 FROM twice.coverage "
                                       "GROUP BY run_key, level, place_id HAVING count(*) > 1) d"),
                         "0")

    def test_readers_see_the_old_set_or_the_new_never_a_part(self):
        street = self.net.orgs.ids()[2]  # O0000003, a street
        with self.net.scope(places=[street]) as view:
            with orgnet.coverage(view) as small:
                big_write = dict(coverage=self.coverage, matching=self.matching)
                small_write = dict(coverage=small)
                # Each set's counts in both tables (its own writes, read alone).
                def counts():
                    return sql(self.uri, "SELECT (SELECT count(*) FROM swap.orgnet_coverage_rollup "
                                         "WHERE run_key = 'r'), (SELECT count(*) FROM "
                                         "swap.orgnet_coverage_findings WHERE run_key = 'r')")
                sql(self.uri, "DROP SCHEMA IF EXISTS swap CASCADE; CREATE SCHEMA swap;")
                orgnet.write_results(self.uri, "r", schema="swap", **small_write)
                small_counts = counts()
                orgnet.write_results(self.uri, "r", schema="swap", **big_write)
                big_counts = counts()
                self.assertNotEqual(small_counts, big_counts)
                seen, stop = set(), threading.Event()

                def read():
                    while not stop.is_set():
                        seen.add(counts())
                reader = threading.Thread(target=read)
                reader.start()
                try:
                    for i in range(6):
                        orgnet.write_results(self.uri, "r", schema="swap",
                                             **(small_write if i % 2 == 0 else big_write))
                finally:
                    stop.set()
                    reader.join()
        self.assertTrue(seen)
        self.assertLessEqual(seen, {small_counts, big_counts})

    def test_a_failed_write_changes_nothing_and_says_why(self):
        sql(self.uri, "DROP SCHEMA IF EXISTS bad CASCADE; CREATE SCHEMA bad; "
                      "CREATE TABLE bad.orgnet_haves_rollup (run_key text, level text, "
                      "place_id text, place_name text, year integer);")
        with self.assertRaises(orgnet.NotFoundError) as caught:  # a column missing
            self.write("x", schema="bad")
        self.assertIn('bad.orgnet_haves_rollup: column "communities"', str(caught.exception))
        sql(self.uri, "DROP TABLE bad.orgnet_haves_rollup; CREATE TABLE bad.orgnet_haves_rollup "
                      "(run_key text, level text, place_id text, place_name text, year date, "
                      "communities bigint, with_people bigint, with_money bigint, with_place "
                      "bigint, with_all bigint, dues bigint, fiscal bigint, sponsor bigint, "
                      "other bigint);")
        with self.assertRaises(orgnet.InvalidArgumentError) as caught:  # a column's type
            self.write("x", schema="bad")
        self.assertIn("bad.orgnet_haves_rollup", str(caught.exception))
        self.assertIn("date", str(caught.exception))
        self.assertEqual(sql(self.uri, "SELECT count(*) FROM pg_tables WHERE schemaname = 'bad'"),
                         "1")  # the tables made before the failure were rolled back too
        with self.assertRaises(orgnet.NotFoundError) as caught:
            self.write("x", schema="no_such_schema")
        self.assertIn("no_such_schema", str(caught.exception))
        with self.assertRaises(orgnet.FailedPreconditionError):
            orgnet.ResultWriter("x").write(self.uri)
        with self.assertRaises(orgnet.InvalidArgumentError):
            orgnet.ResultWriter("x", tables={"coverage": "c"})
        sql(self.uri, "DROP SCHEMA IF EXISTS stopped CASCADE; CREATE SCHEMA stopped;")
        reports = []

        def stop(done, total, work):
            reports.append((done, total, work))
            return work != "write"
        with self.assertRaises(orgnet.CancelledError):
            self.write("stopped", schema="stopped", progress=stop)
        self.assertIn("write", [work for _, _, work in reports])
        self.assertEqual(sql(self.uri, "SELECT count(*) FROM pg_tables WHERE schemaname = "
                                       "'stopped'"), "0")

    def test_the_command_line_writes_a_view_and_nothing_outside_it(self):
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "bindings", "python"),
                   ORGNET_LIBRARY=orgnet.library_path)
        street = self.net.orgs.ids()[2]
        done = subprocess.run([sys.executable, "-m", "orgnet", "export", DISTRICT, "--view",
                               "place:" + street, "--to", self.uri, "--run-key", "view",
                               "--schema", "public", "--table", "matching=view_matching"],
                              env=env, capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("view_matching", done.stdout)
        with self.net.scope(places=[street]) as view:
            inside = set(view.orgs.ids()) | set(view.grids.ids())
            with orgnet.coverage(view) as cov:
                street_rows = [("street",) + values(r) for r in cov.table("street")]
        places = rows_of(self.uri, "SELECT DISTINCT place_id FROM orgnet_coverage_rollup WHERE "
                                   "run_key = 'view' UNION SELECT DISTINCT place_id FROM "
                                   "orgnet_events_rollup WHERE run_key = 'view'")
        self.assertTrue(places)
        self.assertLessEqual({p[0] for p in places}, inside)
        self.assertEqual(rows_of(self.uri, "SELECT level, place_id, place_name, %s FROM "
                                           "orgnet_coverage_rollup WHERE run_key = 'view' AND "
                                           "level = 'street'" % ", ".join(
                                               orgnet.COUNTERS + orgnet.RATES)),
                         expected(street_rows))
        usage = subprocess.run([sys.executable, "-m", "orgnet", "export", DISTRICT, "--to",
                                self.uri], env=env, capture_output=True, text=True)
        self.assertEqual(usage.returncode, 2)
        self.assertIn("--to needs --run-key", usage.stderr)
        self.assertNotIn("Traceback", usage.stderr)


class KilledWriter(unittest.TestCase):
    """`orgnet export --to` killed with SIGKILL before each message that changes the database
    (the ORGNET_TEST_KILL_AT_STEP hook of src/output/steps.h: BEGIN, each table's CREATE, LOCK
    and DELETE, each piece of COPY data, the runs row, COMMIT), each step in a schema of its
    own: every table then holds the old set of the run key (a street's results), and the run
    that is not killed leaves the new set (the district's)."""

    @classmethod
    def setUpClass(cls):
        need_server(cls)
        sql(URI, "DROP DATABASE IF EXISTS orgnet_killed; CREATE DATABASE orgnet_killed;")
        cls.uri = with_database(URI, "orgnet_killed")
        cls.env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "bindings", "python"),
                       ORGNET_LIBRARY=orgnet.library_path)
        cls.net = orgnet.load(DISTRICT)
        cls.view = cls.net.scope(places=[cls.net.orgs.ids()[2]])
        cls.old_results = dict(coverage=orgnet.coverage(cls.view), matching=orgnet.match(cls.view),
                               events=orgnet.events(cls.view), reach=orgnet.reach(cls.view),
                               haves=orgnet.haves(cls.view))

    @classmethod
    def tearDownClass(cls):
        for handle in list(cls.old_results.values()) + [cls.view, cls.net]:
            handle.close()

    def state(self, schema, clock=True):
        """Every result table's rows of the run key (``clock=False``: the runs row without
        the time it was written), read by one psql."""
        commands = []
        for table in orgnet.RESULT_TABLES:
            columns = "*" if clock or table != "runs" else "run_key, orgnet_version, as_of, results"
            commands += ["-c", "COPY (SELECT '%s', %s FROM %s.orgnet_%s WHERE run_key = 'k') TO "
                               "STDOUT WITH (FORMAT csv)" % (table, columns, schema, table)]
        done = subprocess.run([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", self.uri] + commands,
                              capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        out = {table: [] for table in orgnet.RESULT_TABLES}
        for row in csv.reader(io.StringIO(done.stdout)):
            out[row[0]].append(tuple(row[1:]))
        return {table: sorted(rows) for table, rows in out.items()}

    def write_old(self, schema):
        sql(self.uri, "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s;" % (schema, schema))
        orgnet.write_results(self.uri, "k", schema=schema, **self.old_results)

    def write_new(self, schema, kill_at):
        env = dict(self.env, ORGNET_TEST_KILL_AT_STEP=str(kill_at))
        return subprocess.run([sys.executable, "-m", "orgnet", "export", DISTRICT, "--to",
                               self.uri, "--run-key", "k", "--schema", schema], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def test_killed_at_every_step_the_old_set_stays_whole(self):
        self.write_old("killed_new")
        old = self.state("killed_new")
        done = self.write_new("killed_new", 0)
        self.assertEqual(done.returncode, 0, done.stderr)
        new = self.state("killed_new", clock=False)
        for table in orgnet.RESULT_TABLES:
            self.assertTrue(old[table], table)
            self.assertNotEqual(old[table], new[table], table)
        from concurrent.futures import ThreadPoolExecutor

        def one(step):
            schema = "killed_%d" % step
            self.write_old(schema)
            old = self.state(schema)
            done = self.write_new(schema, step)
            now = self.state(schema, clock=done.returncode == -9)
            sql(self.uri, "DROP SCHEMA %s CASCADE" % schema)
            return step, done, old, now

        kills, step, finished = 0, 1, False
        with ThreadPoolExecutor(max_workers=4) as pool:
            while not finished and step < 500:
                for k, done, old, now in pool.map(one, range(step, step + 8)):
                    if finished:
                        break
                    if done.returncode == -9:
                        kills += 1
                        self.assertEqual(now, old, "killed at step %d: not the old set" % k)
                    else:
                        self.assertEqual(done.returncode, 0, done.stderr)
                        self.assertEqual(now, new, "not killed (%d steps): not the new set" % k)
                        finished = True
                step += 8
        self.assertTrue(finished)
        # BEGIN, CREATE, LOCK, DELETE and a piece of data for each of the 7 tables, the runs
        # table's CREATE, LOCK, DELETE and INSERT, COMMIT.
        self.assertGreaterEqual(kills, 1 + 7 * 4 + 4 + 1)


if __name__ == "__main__":
    unittest.main()
