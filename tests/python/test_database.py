"""Loading from a real PostgreSQL server (the private cluster tests/database/cluster.sh starts;
ORGNET_TEST_DATABASE names it): the bundled district read from the database, through the
default names, a mapping that renames tables and columns and reads through a view, a query,
and the text format, equals the district loaded from CSV in every table and every analysis;
each broken case a database can hold is reported naming table, key and column; a load sees one
consistent state while another connection commits; connection, mapping and missing-table
errors say what was missing. Without a server the tests are skipped, unless
ORGNET_REQUIRE_DATABASE=1 (the README's test command), where a skip is a failure."""

import filecmp
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import orgnet

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DISTRICT = os.path.join(ROOT, "examples", "district")
sys.path.insert(0, os.path.join(ROOT, "tests", "database"))
import fill  # noqa: E402

URI = os.environ.get("ORGNET_TEST_DATABASE")
PSQL = os.environ.get("ORGNET_TEST_PSQL", "psql")


def with_database(uri: str, name: str) -> str:
    """The URI of database ``name`` on the server of ``uri``."""
    head, sep, query = uri.partition("?")
    return head.rsplit("/", 1)[0] + "/" + name + sep + query


def sql(uri: str, statements: str) -> str:
    done = subprocess.run([PSQL, "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", uri],
                          input=statements, text=True, capture_output=True)
    if done.returncode != 0:
        raise AssertionError("psql failed: %s" % done.stderr)
    return done.stdout.strip()


def need_server(test):
    if URI:
        return
    if os.environ.get("ORGNET_REQUIRE_DATABASE") == "1":
        raise AssertionError("ORGNET_REQUIRE_DATABASE=1 but ORGNET_TEST_DATABASE is not set")
    raise unittest.SkipTest("no PostgreSQL server (ORGNET_TEST_DATABASE)")


def tables_of(net, folder):
    """Every table of ``net`` as saved (one CSV file per table, the manifest), for comparing."""
    net.save(folder)
    return sorted(os.listdir(folder))


APP_MAPPING = {
    "orgnet_mapping": 1,
    "tables": {
        "orgs": {"schema": "app", "table": "party_org",
                 "columns": {"id": "org_code", "name": "org_name", "kind": "org_kind",
                             "parent": "parent_code", "grid": "grid_code"}},
        "members": {"schema": "app", "view": "v_members",
                    "columns": {"id": "member_no", "org": "org_code"}},
        "grids": {"schema": "public", "table": "grids"},
        "units": {"query": "SELECT * FROM public.units"},
    },
    "schema": "public",
}


class DatabaseLoad(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        need_server(cls)
        cls.template = "orgnet_district"
        sql(URI, "DROP DATABASE IF EXISTS %s; CREATE DATABASE %s;" % (cls.template, cls.template))
        cls.uri = with_database(URI, cls.template)
        fill.fill(DISTRICT, cls.uri, psql=PSQL)
        sql(cls.uri, """
            CREATE SCHEMA app;
            CREATE TABLE app.party_org AS SELECT id AS org_code, name AS org_name, kind AS org_kind,
                parent AS parent_code, grid AS grid_code, level FROM public.orgs;
            CREATE VIEW app.v_members AS SELECT id AS member_no, name, org AS org_code, status,
                unit, community, mobile, station, away_since, last_contact FROM public.members;
        """)
        cls.csv = orgnet.load(DISTRICT)
        cls.tmp = tempfile.mkdtemp(prefix="orgnet-db-")
        cls.csv_tables = os.path.join(cls.tmp, "csv")
        tables_of(cls.csv, cls.csv_tables)
        cls.copies = 0

    @classmethod
    def tearDownClass(cls):
        import shutil
        cls.csv.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def copy(self, statements: str = "") -> str:
        """A fresh copy of the district's database (from the template), changed by
        ``statements``; its URI."""
        type(self).copies += 1
        name = "orgnet_case_%d" % self.copies
        sql(URI, "DROP DATABASE IF EXISTS %s; CREATE DATABASE %s TEMPLATE %s;" % (
            name, name, self.template))
        uri = with_database(URI, name)
        if statements:
            sql(uri, statements)
        return uri

    def assert_same_as_csv(self, net):
        folder = os.path.join(self.tmp, "db-%d" % id(net))
        names = tables_of(net, folder)
        self.assertEqual(names, sorted(os.listdir(self.csv_tables)))
        match, mismatch, errors = filecmp.cmpfiles(self.csv_tables, folder, names, shallow=False)
        self.assertEqual((mismatch, errors), ([], []))

    def test_the_default_names_give_the_csv_network(self):
        with orgnet.load(self.uri) as net:
            self.assert_same_as_csv(net)
            for table in orgnet.TABLES:
                self.assertEqual(len(net.table(table)), len(self.csv.table(table)), table)

    def test_a_renaming_mapping_a_view_and_a_query_give_the_csv_network(self):
        with orgnet.load(self.uri, mapping=APP_MAPPING) as net:
            self.assert_same_as_csv(net)

    def test_open_takes_a_uri_and_an_existing_path_stays_a_path(self):
        with orgnet.Network.open(self.uri) as net:
            self.assert_same_as_csv(net)
        cwd = os.getcwd()
        os.chdir(self.tmp)
        try:
            os.mkdir("host=x")
            with self.assertRaises(orgnet.NotFoundError):  # a folder, without orgs.csv
                orgnet.load("host=x")
        finally:
            os.rmdir("host=x")
            os.chdir(cwd)

    def test_one_connection_or_two_give_the_csv_network(self):
        """The streamed tables over one connection ("connections": 1) or two (the default),
        and a mapping asking for three is refused naming the key."""
        for connections in (1, 2):
            with orgnet.load(self.uri, mapping={"connections": connections}) as net:
                self.assert_same_as_csv(net)
        with self.assertRaises(orgnet.InvalidArgumentError) as caught:
            orgnet.load(self.uri, mapping={"connections": 3})
        self.assertEqual(str(caught.exception), "mapping: connections: must be 1 or 2, not 3")

    def test_the_text_format_gives_the_csv_network(self):
        with orgnet.load(self.uri, mapping={"copy_format": "text"}) as net:
            self.assert_same_as_csv(net)

    def test_every_analysis_agrees_through_the_command_line(self):
        mapping = os.path.join(self.tmp, "app.json")
        import json
        with open(mapping, "w") as f:
            json.dump(APP_MAPPING, f)
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "bindings", "python"),
                   ORGNET_LIBRARY=orgnet.library_path)
        for command in (["coverage", "--format", "csv"], ["coverage", "--by", "org", "--format", "csv"],
                        ["findings", "--format", "csv"], ["links", "--isolated", "--format", "csv"],
                        ["links", "--brokers", "5", "--format", "csv"], ["match", "--format", "csv"],
                        ["events", "--format", "csv"], ["centres", "--format", "csv"],
                        ["haves", "--format", "csv"], ["check"]):
            def run(source, *extra):
                done = subprocess.run([sys.executable, "-m", "orgnet", command[0], source] +
                                      list(extra) + command[1:], env=env, capture_output=True,
                                      text=True)
                self.assertEqual(done.returncode, 0, done.stderr)
                return done.stdout
            expected = run(DISTRICT)
            self.assertTrue(expected)
            got = run(self.uri, "--mapping", mapping)
            if command == ["check"]:  # its first line names the dataset
                self.assertTrue(got.startswith(self.uri + ": OK (loaded and checked in "), got)
                got, expected = got.split("\n", 1)[1], expected.split("\n", 1)[1]
            self.assertEqual(got, expected, command)

    def test_values_of_every_type_read_as_the_server_prints_them(self):
        # Extra columns of many types: each cell must be the server's own text of the value
        # (numerics, floats, booleans as true/false in an extra column, uuids, char(n), dates
        # from timestamps), an independent answer.
        expressions = [
            ("n1", "12345.678::numeric"), ("n2", "-0.000012::numeric"), ("n3", "100000000::numeric"),
            ("n4", "0.00::numeric(5,2)"), ("f4", "0.1::real"), ("f8", "123.12::float8"),
            ("i2", "-7::int2"), ("i8", "9007199254740993::int8"), ("b", "true"),
            ("u", "'12345678-9abc-def0-0123-456789abcdef'::uuid"), ("c", "'ab'::char(5)"),
            ("d", "'2024-02-29'::date"), ("ts", "'2024-02-29 23:30:00'::timestamp"),
            ("j", "'{\"a\": 1}'::jsonb"), ("iv", "'1 day'::interval")]
        select = ", ".join("%s AS %s" % (e, n) for n, e in expressions)
        uri = self.copy("CREATE VIEW typed AS SELECT o.*, %s FROM orgs o;" % select)
        printed = sql(uri, "SELECT %s;" % ", ".join(
            "(%s)::date::text" % e if n == "ts" else
            "rtrim((%s)::text)" % e if n == "c" else
            "(%s)::text" % e for n, e in expressions)).split("|")
        for text_format in (False, True):
            mapping = {"tables": {"orgs": {"view": "typed"}}}
            if text_format:
                mapping["copy_format"] = "text"
            with orgnet.load(uri, mapping=mapping) as net:
                orgs = net.table("orgs")
                for (name, _), value in zip(expressions, printed):
                    if name == "f4" and not text_format:
                        value = "0.1"  # the shortest text of the float itself
                    if name == "f4" and text_format:
                        continue  # extra_float_digits=3 prints the float's every digit
                    self.assertEqual(orgs.column(name)[0], value, (name, text_format))

    def test_numbers_given_without_text_agree_with_the_text_format(self):
        """Binary integers, dates and bools go into their columns as numbers; the text format
        takes them through their text, an independent path. At the edges of what a column
        takes (the first and last dates of years 1 to 9999, the largest integers, a negative
        amount, infinite and BC dates, a year past 9999, a bool), the two give the same
        network, or the same error."""
        event = sql(self.uri, "SELECT min(id) FROM events;")
        need = sql(self.uri, "SELECT min(id) FROM needs;")
        member = sql(self.uri, "SELECT min(id) FROM members;")
        on_event = "UPDATE events SET reported = %s, resolved = NULL WHERE id = '" + event + "';"
        cases = [
            on_event % "'0001-01-01'", on_event % "'9999-12-31'", on_event % "'2024-02-29'",
            on_event % "'infinity'", on_event % "'-infinity'", on_event % "'0044-03-15 BC'",
            on_event % "'10000-01-01'",
            "UPDATE needs SET amount = 2147483647 WHERE id = '%s';" % need,
            "UPDATE needs SET amount = -5 WHERE id = '%s';" % need,
            "ALTER TABLE needs ALTER COLUMN amount TYPE int8; UPDATE needs SET amount = "
            "9223372036854775807 WHERE id = '%s';" % need,
            "ALTER TABLE needs ALTER COLUMN amount TYPE int8; UPDATE needs SET amount = "
            "-9223372036854775808 WHERE id = '%s';" % need,
            "ALTER TABLE needs ALTER COLUMN amount TYPE int2; UPDATE needs SET amount = "
            "-32768 WHERE id = '%s';" % need,
            "UPDATE members SET mobile = NOT coalesce(mobile, false) WHERE id <= '%s' OR "
            "id LIKE '%%7';" % member,
        ]
        for statements in cases:
            uri = self.copy(statements)
            outcomes = []
            for mapping in ({}, {"copy_format": "text"}):
                try:
                    with orgnet.load(uri, mapping=mapping) as net:
                        folder = os.path.join(self.tmp, "edge-%d" % len(outcomes))
                        shutil.rmtree(folder, ignore_errors=True)
                        tables_of(net, folder)
                        # Digests: a failure says which table differs at once (a diff of
                        # whole tables takes unittest minutes to print).
                        outcomes.append({name: hashlib.sha256(
                            open(os.path.join(folder, name), "rb").read()).hexdigest()
                            for name in os.listdir(folder)})
                except orgnet.Error as e:
                    outcomes.append(str(e))
            self.assertEqual(outcomes[0], outcomes[1], statements)

    def test_each_broken_case_names_table_key_and_column(self):
        first = {t: sql(self.uri, "SELECT min(id) FROM %s;" % t)
                 for t in ("orgs", "members", "units", "events", "grids", "needs")}
        cases = [
            ("UPDATE orgs SET name = NULL WHERE id = '%s';" % first["orgs"],
             'orgs key "%s": column name: ' % first["orgs"]),
            ("UPDATE members SET org = 'O9999999' WHERE id = '%s';" % first["members"],
             'members key "%s": column org: ' % first["members"]),
            ("INSERT INTO units SELECT * FROM units WHERE id = '%s';" % first["units"],
             'units key "%s": column id: ' % first["units"]),
            ("ALTER TABLE events ALTER COLUMN reported TYPE text;"
             "UPDATE events SET reported = '2024-02-30' WHERE id = '%s';" % first["events"],
             'events key "%s": column reported: ' % first["events"]),
            ("ALTER TABLE grids ALTER COLUMN households TYPE text;"
             "UPDATE grids SET households = 'many' WHERE id = '%s';" % first["grids"],
             'grids key "%s": column households: ' % first["grids"]),
            ("UPDATE needs SET amount = -5 WHERE id = '%s';" % first["needs"],
             'needs key "%s": column amount: ' % first["needs"]),
            ("UPDATE orgs SET parent = (SELECT min(id) FROM orgs WHERE parent = '%s') "
             "WHERE id = '%s';" % (first["orgs"], first["orgs"]),
             'orgs key "'),
        ]
        for statements, start in cases:
            uri = self.copy(statements)
            with self.assertRaises(orgnet.LoadError) as caught:
                orgnet.load(uri)
            text = str(caught.exception)
            self.assertTrue(text.startswith(start), (statements, text))
            self.assertEqual(caught.exception.errors[0].text, text.split(" (and ")[0])
            self.assertEqual(caught.exception.errors[0].line, 0)
            self.assertTrue(caught.exception.errors[0].key, text)
        # The cycle names the parent column of an org on it.
        self.assertIn("column parent: ", text)

    def test_a_sql_ascii_database_s_bytes_are_checked(self):
        """A SQL_ASCII database stores any bytes, so the load checks its text itself (it
        trusts the server's checks for every other encoding): loaded whole, it equals the CSV
        network; a name that is not UTF-8 is refused, either by PostgreSQL itself (15 checks
        what it sends a UTF8 client, naming the table) or by the load's check (naming table,
        key, column and byte) on servers that send it."""
        name = "orgnet_sql_ascii"
        sql(URI, "DROP DATABASE IF EXISTS %s; CREATE DATABASE %s ENCODING 'SQL_ASCII' "
                 "LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;" % (name, name))
        uri = with_database(URI, name)
        fill.fill(DISTRICT, uri, psql=PSQL)
        with orgnet.load(uri) as net:
            self.assert_same_as_csv(net)
        member = sql(uri, "SELECT min(id) FROM members;")
        sql(uri, "UPDATE members SET name = E'\\xff' || name WHERE id = '%s';" % member)
        with self.assertRaises(orgnet.LoadError) as caught:
            orgnet.load(uri)
        text = str(caught.exception)
        self.assertTrue(
            text.startswith('members key "%s": column name: invalid UTF-8 (byte 0xFF)' % member)
            or text.startswith('database: reading members: invalid byte sequence for encoding '
                               '"UTF8": 0xff'), text)

    def test_a_load_sees_one_state_while_another_connection_commits(self):
        uri = self.copy()
        member = sql(uri, "SELECT min(id) FROM members;")
        org = sql(uri, "SELECT min(id) FROM orgs;")
        event = sql(uri, "SELECT min(id) FROM events;")
        before = (sql(uri, "SELECT coalesce(name, '') FROM members WHERE id = '%s';" % member),
                  sql(uri, "SELECT count(*) FROM members;"),
                  sql(uri, "SELECT category FROM events WHERE id = '%s';" % event),
                  sql(uri, "SELECT count(*) FROM links;"))
        # The grids are read after the orgs and before the members; their query waits, and
        # meanwhile another connection changes orgs, members, events and links and commits.
        # The streamed tables (members, links, events, ...) are read over two connections, the
        # second in the first one's exported snapshot: neither sees the change.
        mapping = {"tables": {"grids": {"query": "SELECT g.* FROM grids g, pg_sleep(1.5) s"}}}
        def change():
            time.sleep(0.6)
            sql(uri, "BEGIN; UPDATE members SET name = 'changed' WHERE id = '%s';"
                     "DELETE FROM members WHERE id <> '%s' AND org IS NULL;"
                     "UPDATE orgs SET name = 'changed' WHERE id = '%s';"
                     "UPDATE events SET category = 'changed' WHERE id = '%s';"
                     "DELETE FROM links WHERE ctid = (SELECT min(ctid) FROM links); COMMIT;"
                     % (member, member, org, event))
        changer = threading.Thread(target=change)
        changer.start()
        try:
            with orgnet.load(uri, mapping=mapping) as net:
                members = net.table("members")
                self.assertEqual(members[member]["name"], before[0])
                self.assertEqual(str(len(members)), before[1])
                self.assertNotEqual(net.table("orgs")[org]["name"], "changed")
                self.assertEqual(net.table("events")[event]["category"], before[2])
                self.assertEqual(str(len(net.table("links"))), before[3])
        finally:
            changer.join()
        self.assertEqual(sql(uri, "SELECT name FROM members WHERE id = '%s';" % member), "changed")

    def test_what_is_missing_is_said(self):
        with self.assertRaises(orgnet.NotFoundError) as caught:
            orgnet.load(self.uri, mapping={"tables": {"orgs": "party_orgs"}})
        self.assertIn('party_orgs: relation "party_orgs" does not exist (SQLSTATE 42P01)',
                      str(caught.exception))
        with self.assertRaises(orgnet.NotFoundError) as caught:
            orgnet.load(self.uri, mapping={"tables": {"orgs": {"columns": {"name": "title"}}}})
        self.assertEqual(str(caught.exception),
                         'database: orgs: no column "title" (the mapping\'s name)')
        uri = self.copy("ALTER TABLE orgs DROP COLUMN kind;")
        with self.assertRaises(orgnet.LoadError) as caught:
            orgnet.load(uri)
        self.assertTrue(str(caught.exception).startswith("orgs"), str(caught.exception))
        self.assertIn("kind", str(caught.exception))
        with self.assertRaises(orgnet.InvalidArgumentError) as caught:
            orgnet.load(self.uri, mapping={"tables": {"orgs": {"colums": {}}}})
        self.assertEqual(str(caught.exception), 'mapping: tables.orgs: unknown key "colums"; '
                         'did you mean "columns"? (valid: columns, extra_columns, query, schema, '
                         'table, view)')
        # Absent tables of the default mapping are empty tables, as missing files are.
        uri = self.copy("DROP TABLE events; DROP TABLE funds;")
        with orgnet.load(uri) as net:
            self.assertFalse(net.table("events").present)
            self.assertTrue(net.table("members").present)

    def test_an_unreachable_server_is_named_without_its_password(self):
        socket_dir = tempfile.mkdtemp(prefix="orgnet-nosrv-")
        try:
            uri = "postgresql://ghost:s3cret@/orgnet_test?host=%s&port=5999" % socket_dir
            with self.assertRaises(orgnet.UnavailableError) as caught:
                orgnet.load(uri)
        finally:
            os.rmdir(socket_dir)
        os.mkdir(socket_dir)
        self.addCleanup(os.rmdir, socket_dir)
        message = str(caught.exception)
        self.assertTrue(message.startswith(
            "database: cannot connect to host %s port 5999 database orgnet_test user ghost: " %
            socket_dir), message)
        self.assertNotIn("s3cret", message)
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "bindings", "python"),
                   ORGNET_LIBRARY=orgnet.library_path)
        for shown in (uri, uri + "&password=s3cret", "host=%s port=5999 password=s3cret" % socket_dir):
            done = subprocess.run([sys.executable, "-m", "orgnet", "check", shown], env=env,
                                  capture_output=True, text=True)
            self.assertEqual(done.returncode, 1)
            self.assertIn("cannot connect", done.stdout)
            self.assertNotIn("s3cret", done.stdout + done.stderr)
            self.assertIn("***", done.stdout)
        with self.assertRaises(orgnet.InvalidArgumentError) as caught:
            orgnet.load("postgresql://[bad")
        self.assertTrue(str(caught.exception).startswith("uri: "), str(caught.exception))

    def test_the_command_line_reports_a_database_error_in_one_line(self):
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "bindings", "python"),
                   ORGNET_LIBRARY=orgnet.library_path)
        uri = self.copy("UPDATE orgs SET name = NULL WHERE id = (SELECT min(id) FROM orgs);")
        done = subprocess.run([sys.executable, "-m", "orgnet", "check", uri], env=env,
                              capture_output=True, text=True)
        self.assertEqual(done.returncode, 1)
        self.assertNotIn("Traceback", done.stderr)
        self.assertIn('orgs key "', done.stdout + done.stderr)


if __name__ == "__main__":
    unittest.main()
