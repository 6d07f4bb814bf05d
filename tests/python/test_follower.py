"""orgnet.follow against a real PostgreSQL server (the private cluster of the test command,
wal_level=logical): the bundled district in a database of its own with primary keys and
REPLICA IDENTITY FULL on links and funds; 1,000 random transactions of the everyday kinds
(members transferred, events reported and resolved, units registered, branches founded and
dissolved, links added, ended and removed) committed one at a time by another connection; after
every 125, the follower's version equals a fresh load of the database, every table compared as
sorted rows of its saved CSV, and every analysis (coverage, links, matching, events, reach, the
three haves) equal row by row. Killed
(SIGKILL) and restarted from its snapshots five times, and its connection terminated by the
server three times, it loses no transaction and applies none twice. Diverged (a transaction
skipped), ``refresh()`` brings it back while transactions commit around it, none lost or
applied twice; ``orgnet follow`` refreshes on SIGHUP. The iterator yields one version per transaction in commit order; what cannot be
followed is refused with what to run. Without a server the tests are skipped, unless
ORGNET_REQUIRE_DATABASE=1."""

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import orgnet

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from test_database import (DISTRICT, PSQL, ROOT, URI, fill, need_server, sql,  # noqa: E402
                           with_database)

DATABASE = "orgnet_follow_py"


def saved_rows(net, folder):
    """{file: (header, sorted rows)} of ``net`` saved to ``folder``."""
    shutil.rmtree(folder, ignore_errors=True)
    net.save(folder)
    out = {}
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            lines = f.read().splitlines()
        out[name] = (lines[0], sorted(lines[1:])) if lines else ("", [])
    return out


def coverage_rows(net):
    """Every analysis's results as sorted text: coverage (every level, findings), links
    (isolated organizations, clusters, brokers), matching, events, reach and the three haves
    (every level they roll up to)."""
    rows = {}
    with orgnet.coverage(net) as cov:
        for level in ("grid", "community", "street", "district", "org"):
            rows[level] = sorted(repr(r) for r in cov.table(level))
        rows["findings"] = sorted(repr(f) for f in cov.findings())
    with orgnet.links(net) as links:
        rows["isolated"] = sorted(repr(r) for r in links.isolated())
        # (Clusters are numbered, and named by a first member, in row order, which edits and
        # a load leave differently: their sizes compare; betweenness sums in another order.)
        rows["clusters"] = sorted(c.size for c in links.clusters())
        rows["brokers"] = [(b.id, round(b.betweenness, 6)) for b in links.brokers(10)]
    with orgnet.match(net) as matching:
        rows["allocations"] = sorted(repr(a) for a in matching.allocations())
    with orgnet.events(net) as events, orgnet.reach(net) as reach:
        for level in ("grid", "community", "street", "district"):
            rows["events " + level] = sorted(repr(r) for r in events.table(level))
            rows["reach " + level] = sorted(repr(r) for r in reach.table(level))
    with orgnet.haves(net) as haves:
        rows["haves"] = sorted(repr(c) for c in haves.communities())
        for level in ("street", "district"):
            rows["haves " + level] = sorted(repr(r) for r in haves.table(level))
    return rows


KINDS = ("transfer", "report", "resolve", "register", "found", "dissolve", "link", "end_link",
         "drop_link")


class Transactions:
    """Random everyday transactions as SQL, each valid for the dataset's rules: made from the
    database's rows (read once) and the state the earlier ones left, kept here."""

    def __init__(self, rng, uri):
        self.rng, self.i, self.kinds = rng, 0, set()
        with orgnet.load(uri) as net:
            self.members = net.members.ids()
            orgs = net.orgs
            self.branches = [orgs.id(r) for r in range(len(orgs)) if orgs.text(r, "level") == "branch"
                             and orgs.text(r, "parent")]
            self.parents = {orgs.id(r): orgs.text(r, "parent") for r in range(len(orgs))}
            self.communities = [orgs.id(r) for r in range(len(orgs))
                                if orgs.text(r, "kind") == "community"]
            self.grids = net.grids.ids()
            events = net.table("events")
            self.open_events = [events.id(r) for r in range(len(events))
                                if not events.text(r, "resolved")]
            links = net.table("links")
            self.links = [tuple(links.text(r, c) for c in ("a", "b", "kind", "since", "until"))
                          for r in range(len(links))]
        self.founded = []

    def next(self) -> str:
        self.i += 1
        i, rng = self.i, self.rng
        kind = rng.choice(KINDS)
        if kind == "dissolve" and not self.founded:
            kind = "found"
        if kind in ("end_link", "drop_link") and not self.links:
            kind = "link"
        self.kinds.add(kind)
        if kind == "transfer":
            return "UPDATE members SET org = '%s' WHERE id = '%s';" % (
                rng.choice(self.branches), rng.choice(self.members))
        if kind == "report":
            self.open_events.append("EK%05d" % i)
            return ("INSERT INTO events (id, grid, category, reported) VALUES ('EK%05d', '%s', "
                    "'邻里纠纷', '2026-06-%02d');" % (i, rng.choice(self.grids), 1 + i % 28))
        if kind == "resolve":
            event = self.open_events.pop(rng.randrange(len(self.open_events)))
            return ("UPDATE events SET resolved = '2026-07-15', level = 'community' WHERE id = "
                    "'%s';" % event)
        if kind == "register":
            return ("INSERT INTO units (id, name, kind, grid, employees) VALUES ('UK%05d', "
                    "'新登记单位%d', 'enterprise', '%s', %d);" % (i, i, rng.choice(self.grids),
                                                             rng.randint(1, 90)))
        if kind == "found":
            org, parent = "OK%05d" % i, self.parents[rng.choice(self.branches)]
            self.founded.append(org)
            self.links.append((org, parent, "pairing", "2026-07-01", ""))
            return ("BEGIN; INSERT INTO orgs (id, name, kind, parent, level) VALUES ('%s', "
                    "'新建支部%d', 'unit', '%s', 'branch'); INSERT INTO links VALUES ('%s', '%s', "
                    "'pairing', '2026-07-01', NULL); COMMIT;" % (org, i, parent, org, parent))
        if kind == "dissolve":
            org = self.founded.pop(rng.randrange(len(self.founded)))
            self.links = [l for l in self.links if org not in (l[0], l[1])]
            return ("BEGIN; DELETE FROM links WHERE a = '%s' OR b = '%s'; DELETE FROM orgs WHERE "
                    "id = '%s'; COMMIT;" % (org, org, org))
        if kind == "link":
            link = (rng.choice(self.branches), rng.choice(self.communities), "pairing",
                    "2026-08-%02d" % (1 + i % 28), "")
            if any(l[:4] == link[:4] for l in self.links):
                return self.next()  # the same identity: a duplicate the rules refuse
            self.links.append(link)
            return "INSERT INTO links VALUES ('%s', '%s', '%s', '%s', NULL);" % link[:4]
        at = rng.randrange(len(self.links))
        a, b, kind_, since, until = self.links[at]
        where = ("a = '%s' AND b = '%s' AND kind = '%s' AND %s AND %s" % (
            a, b, kind_, "since = '%s'" % since if since else "since IS NULL",
            "until = '%s'" % until if until else "until IS NULL"))
        if kind == "end_link":
            if until or (since and since >= "2026-11-01"):
                return self.next()
            self.links[at] = (a, b, kind_, since, "2026-12-01")
            return "UPDATE links SET until = '2026-12-01' WHERE %s;" % where
        del self.links[at]
        return "DELETE FROM links WHERE %s;" % where


class FollowingTheDistrict(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        need_server(cls)
        sql(URI, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
                 "WHERE database = '%s';" % DATABASE)
        sql(URI, "DROP DATABASE IF EXISTS %s WITH (FORCE);" % DATABASE)
        sql(URI, "CREATE DATABASE %s;" % DATABASE)
        cls.uri = with_database(URI, DATABASE)
        fill.fill(DISTRICT, cls.uri, psql=PSQL, keys=True)
        cls.tmp = tempfile.mkdtemp(prefix="orgnet-follow-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)
        sql(URI, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
                 "WHERE database = '%s' AND NOT active;" % DATABASE)

    def assert_current(self, follower, when):
        with follower.latest().network as mine, orgnet.load(self.uri) as fresh:
            self.assertEqual(saved_rows(mine, os.path.join(self.tmp, "mine")),
                             saved_rows(fresh, os.path.join(self.tmp, "fresh")), when)
            self.assertEqual(coverage_rows(mine), coverage_rows(fresh), when)

    def transaction(self, rng, i, founded):
        """One random everyday transaction (SQL), valid for the dataset's rules."""
        def pick(query):
            return sql(self.uri, query + " ORDER BY random() LIMIT 1;")
        sql(self.uri, "SELECT setseed(%f);" % rng.random())
        kind = rng.choice(["transfer", "event", "resolve", "unit", "found", "dissolve",
                           "link", "end_link", "drop_link"])
        if kind == "dissolve" and not founded:
            kind = "found"
        if kind == "transfer":
            member = pick("SELECT id FROM members")
            org = pick("SELECT id FROM orgs WHERE level = 'branch'")
            return "UPDATE members SET org = '%s' WHERE id = '%s'" % (org, member)
        if kind == "event":
            grid = pick("SELECT id FROM grids")
            return ("INSERT INTO events (id, grid, category, reported) VALUES "
                    "('EN%04d', '%s', '邻里纠纷', '2026-06-%02d')" % (i, grid, 1 + i % 28))
        if kind == "resolve":
            event = pick("SELECT id FROM events WHERE resolved IS NULL AND reported <= "
                         "'2026-06-28'")
            return ("UPDATE events SET resolved = '2026-06-30', level = 'community' WHERE id = "
                    "'%s'" % event)
        if kind == "unit":
            grid = pick("SELECT id FROM grids")
            return ("INSERT INTO units (id, name, kind, grid, employees) VALUES ('UN%04d', "
                    "'新登记单位%d', 'enterprise', '%s', %d)" % (i, i, grid, rng.randint(1, 90)))
        if kind == "found":
            parent = pick("SELECT parent FROM orgs WHERE level = 'branch' AND parent IS NOT "
                          "NULL")
            founded.append("ON%04d" % i)
            return ("BEGIN; INSERT INTO orgs (id, name, kind, parent, level) VALUES ('ON%04d', "
                    "'新建支部%d', 'unit', '%s', 'branch'); INSERT INTO links VALUES ('ON%04d', "
                    "'%s', 'pairing', '2026-07-01', NULL); COMMIT" % (i, i, parent, i, parent))
        if kind == "dissolve":
            org = founded.pop(rng.randrange(len(founded)))
            return ("BEGIN; DELETE FROM links WHERE a = '%s' OR b = '%s'; DELETE FROM orgs "
                    "WHERE id = '%s'; COMMIT" % (org, org, org))
        if kind == "link":
            a = pick("SELECT id FROM orgs WHERE level = 'branch'")
            b = pick("SELECT id FROM orgs WHERE kind = 'community' AND id <> '%s'" % a)
            return ("INSERT INTO links VALUES ('%s', '%s', 'pairing', '2026-08-%02d', NULL)"
                    % (a, b, 1 + i % 28))
        if kind == "end_link":
            return ("UPDATE links SET until = '2026-12-01' WHERE ctid = (SELECT ctid FROM links "
                    "WHERE until IS NULL AND since < '2026-11-01' AND a NOT LIKE 'ON%%' "
                    "ORDER BY random() LIMIT 1)")
        return ("DELETE FROM links WHERE ctid = (SELECT ctid FROM links WHERE a NOT LIKE 'ON%' "
                "AND b NOT LIKE 'ON%' ORDER BY random() LIMIT 1)")

    def test_a_thousand_everyday_transactions(self):
        """1,000 random transactions, made from the district's ids with their state kept here
        (so that each is valid for the dataset's rules), committed one at a time by one psql
        session in batches of 125; after each batch the follower's version equals a fresh load
        (every table and the coverage of every level)."""
        rng = random.Random(28)
        generator = Transactions(rng, self.uri)
        count = 1000
        with orgnet.follow(self.uri, slot="orgnet_py", publication="orgnet_py") as follower:
            self.assert_current(follower, "the start")
            self.assertEqual(follower.latest().transactions, 0)
            for first in range(0, count, 125):
                statements = [generator.next() for _ in range(125)]
                sql(self.uri, "\n".join(statements))
                self.assertTrue(follower.wait(first + 125, timeout=60), follower.message())
                self.assert_current(follower, "after %d transactions (the last: %s)" % (
                    first + 125, statements[-1]))
            seen = []
            for version in follower:
                seen.append((version.transactions, version.lsn))
                version.network.close()
                if version.transactions == count:
                    break
            self.assertEqual([n for n, _ in seen], list(range(1, count + 1)))
            self.assertEqual([lsn for _, lsn in seen], sorted(lsn for _, lsn in seen))
            state = follower.status()
            self.assertTrue(state.running)
            self.assertFalse(state.diverged)
            self.assertEqual(state.transactions, count)
            self.assertEqual(follower.message(), "")
            self.assertEqual(sorted(generator.kinds), sorted(KINDS))  # every kind was made
            follower.stop()
        sql(self.uri, "SELECT pg_drop_replication_slot('orgnet_py');")

    def follow_command(self, slot, options, meanwhile):
        """Runs ``orgnet follow URI --slot SLOT --publication SLOT OPTIONS...``; once it has
        printed its first line, ``meanwhile(command)``; then its other lines and stderr, its
        exit status checked (0) and no traceback."""
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "bindings", "python"),
                   ORGNET_LIBRARY=orgnet.library_path)
        command = subprocess.Popen(
            [sys.executable, "-m", "orgnet", "follow", self.uri, "--slot", slot,
             "--publication", slot] + options,
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            first = command.stdout.readline()
            self.assertTrue(first.startswith("following postgresql://"), first)
            meanwhile(command)
            out, err = command.communicate(timeout=60)
        finally:
            if command.poll() is None:
                command.kill()
        self.assertEqual(command.returncode, 0, err)
        self.assertNotIn("Traceback", err)
        sql(self.uri, "SELECT pg_drop_replication_slot('%s');" % slot)
        return out.splitlines(), err

    def test_the_command_line_prints_a_line_per_version(self):
        events = []
        def commit(_command):
            sql(self.uri, "UPDATE grids SET households = households + 1 WHERE id = 'G0000001';")
            sql(self.uri, "INSERT INTO events (id, grid, category, reported) VALUES "
                          "('ECLI1', 'G0000001', '环境卫生', '2026-09-01');")
            events.append(int(sql(self.uri, "SELECT count(*) FROM events;")))
        lines, err = self.follow_command("orgnet_cli", ["--count", "2", "--seconds", "60"],
                                         commit)
        self.assertEqual(len(lines), 3, lines)
        self.assertTrue(lines[0].startswith("version 1: committed "), lines[0])
        self.assertTrue(lines[1].startswith("version 2: committed "), lines[1])
        self.assertTrue(lines[1].endswith("events {:,}".format(events[0])), lines[1])
        self.assertTrue(lines[2].startswith("stopped after 2 versions at LSN "), lines[2])

    def wait_for(self, condition, what, timeout=30.0):
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                self.fail("waited %.0f s for %s" % (timeout, what))
            time.sleep(0.05)

    def caught_up(self, follower):
        high, low = sql(self.uri, "SELECT pg_current_wal_lsn();").split("/")
        end = (int(high, 16) << 32) | int(low, 16)
        self.wait_for(lambda: follower.status().applied_lsn >= end, "the follower to catch up")

    def test_a_diverged_follower_is_refreshed(self):
        """Under "skip", a transaction the rules refuse (a member of an organization that does
        not exist, beside a grid's households changed) is skipped: the follower says it has
        diverged and writes no snapshot; so is the transaction that removes the bad member (the
        diverged version has none). ``refresh()`` is refused while the database still holds the
        bad row, naming it; once mended, it brings the version back while one psql session
        commits 150 random transactions around it. Afterwards the version equals a fresh load,
        no transaction of those was skipped (one applied twice would have been refused) or
        lost, and snapshots are written again."""
        folder = os.path.join(self.tmp, "refresh-snapshots")
        with orgnet.follow(self.uri, slot="orgnet_py_refresh", publication="orgnet_py_refresh",
                           on_bad_transaction="skip", snapshot=folder, snapshot_seconds=0,
                           snapshot_transactions=1) as follower:
            first_snapshot = follower.status().snapshot_lsn
            self.assertGreater(first_snapshot, 0)
            sql(self.uri, "BEGIN; UPDATE grids SET households = households + 7 WHERE id = "
                          "'G0000001'; INSERT INTO members (id, name, org, status) VALUES "
                          "('MBAD1', '错误', 'O404', 'formal'); COMMIT;")
            self.wait_for(lambda: follower.status().skipped == 1, "the skip")
            self.assertTrue(follower.status().diverged)
            self.assertIn("MBAD1", follower.message())
            with self.assertRaises(orgnet.InvalidArgumentError) as caught:
                follower.refresh()
            for part in ("members", "MBAD1", "org", "O404"):
                self.assertIn(part, str(caught.exception))
            self.assertTrue(follower.status().diverged)
            self.assertTrue(follower.status().running)
            sql(self.uri, "DELETE FROM members WHERE id = 'MBAD1';")
            self.wait_for(lambda: follower.status().skipped == 2, "the second skip")
            time.sleep(0.3)
            self.assertEqual(follower.status().snapshot_lsn, first_snapshot)
            generator = Transactions(random.Random(31), self.uri)
            generator.i = 7000
            script = "".join(generator.next() + "\nSELECT pg_sleep(0.005);\n"
                             for _ in range(150))
            writer = subprocess.Popen([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", self.uri],
                                      stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE, text=True)
            try:
                writer.stdin.write(script)
                writer.stdin.close()
                time.sleep(0.2)
                version = follower.refresh()
                with version.network as net:
                    self.assertGreaterEqual(net.refreshed_edits, 1)  # the households at least
                self.assertFalse(follower.status().diverged)
                self.assertEqual(writer.wait(timeout=60), 0, writer.stderr.read())
            finally:  # (no stray commits for the next test's follower)
                if writer.poll() is None:
                    writer.kill()
                    writer.wait()
            self.caught_up(follower)
            self.assert_current(follower, "after the refresh and the commits around it")
            state = follower.status()
            self.assertTrue(state.running, follower.message())
            self.assertFalse(state.diverged)
            self.assertEqual(state.skipped, 2, follower.message())
            self.assertEqual(follower.message(), "")
            sql(self.uri, "UPDATE grids SET households = households + 1 WHERE id = 'G0000001';")
            self.wait_for(lambda: follower.status().snapshot_lsn > version.lsn,
                          "a snapshot past the refresh")
            writer.stderr.close()
            follower.stop()
        sql(self.uri, "SELECT pg_drop_replication_slot('orgnet_py_refresh');")

    def test_the_command_line_refreshes_on_sighup(self):
        """``orgnet follow --on-bad skip``: a refused transaction skipped, its grid change
        with it (and the one removing its bad member); SIGHUP reads the database again and
        prints the refresh (the one grid cell: 1 edit) and its version; the last line says
        nothing of divergence."""
        def skip_then_refresh(command):
            sql(self.uri, "BEGIN; UPDATE grids SET households = households + 3 WHERE id = "
                          "'G0000001'; INSERT INTO members (id, name, org, status) VALUES "
                          "('MBAD2', '错误', 'O404', 'formal'); COMMIT; "
                          "DELETE FROM members WHERE id = 'MBAD2';")
            time.sleep(0.5)
            command.send_signal(signal.SIGHUP)
        lines, err = self.follow_command(
            "orgnet_cli_hup", ["--on-bad", "skip", "--count", "1", "--seconds", "60"],
            skip_then_refresh)
        self.assertEqual(len(lines), 3, "\n".join(lines) + err)
        self.assertEqual(lines[0], "refreshed: 1 edits")
        self.assertTrue(lines[1].startswith("version 0, refreshed: read "), lines[1])
        self.assertTrue(lines[2].startswith("stopped after 1 versions at LSN "), lines[2])
        self.assertNotIn("diverged", lines[2])

    def test_killed_and_restarted_nothing_lost_nothing_twice(self):
        """``orgnet follow --snapshot`` killed with SIGKILL five times at random moments while
        transactions commit (some while it is down); each restart resumes from the newest
        snapshot; in the end the network equals a fresh load."""
        folder = os.path.join(self.tmp, "snapshots")
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "bindings", "python"),
                   ORGNET_LIBRARY=orgnet.library_path)
        rng = random.Random(2028)
        founded, i = [], 1000
        for round_ in range(5):
            command = subprocess.Popen(
                [sys.executable, "-m", "orgnet", "follow", self.uri, "--slot", "orgnet_kill",
                 "--publication", "orgnet_kill", "--snapshot", folder, "--snapshot-seconds",
                 "0.2"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            try:
                first = command.stdout.readline()
                if not first.startswith("following "):  # (stderr is read once it has ended)
                    command.kill()
                    self.fail("round %d: %r %s" % (round_, first, command.communicate()[1]))
                self.assertEqual("resumed from a snapshot" in first, round_ > 0, first)
                for _ in range(rng.randint(2, 6)):
                    i += 1
                    sql(self.uri, self.transaction(rng, i, founded) + ";")
                    time.sleep(rng.random() * 0.4)
            finally:
                command.kill()
                command.communicate()
            self.assertEqual(command.returncode, -9)
            for _ in range(rng.randint(0, 3)):  # while no follower runs
                i += 1
                sql(self.uri, self.transaction(rng, i, founded) + ";")
        high, low = sql(self.uri, "SELECT pg_current_wal_lsn();").split("/")
        target = (int(high, 16) << 32) | int(low, 16)
        with orgnet.follow(self.uri, slot="orgnet_kill", publication="orgnet_kill",
                           snapshot=folder) as follower:
            self.assertTrue(follower.status().resumed)
            deadline = time.monotonic() + 30
            while follower.status().applied_lsn < target and time.monotonic() < deadline:
                time.sleep(0.05)
            self.assertGreaterEqual(follower.status().applied_lsn, target, follower.message())
            self.assert_current(follower, "after five kills")
        sql(self.uri, "SELECT pg_drop_replication_slot('orgnet_kill');")

    def test_a_connection_terminated_by_the_server_is_made_again(self):
        rng = random.Random(57)
        founded = []
        with orgnet.follow(self.uri, slot="orgnet_cut", publication="orgnet_cut") as follower:
            for i in range(2000, 2009):
                sql(self.uri, self.transaction(rng, i, founded) + ";")
                if i % 3 == 0:  # the walsender terminated, as an administrator would
                    deadline = time.monotonic() + 20
                    while time.monotonic() < deadline and sql(
                            self.uri, "SELECT active FROM pg_replication_slots WHERE slot_name "
                                      "= 'orgnet_cut';") != "t":
                        time.sleep(0.05)  # (connected again after the previous cut)
                    self.assertEqual(sql(self.uri, "SELECT pg_terminate_backend(active_pid) FROM "
                                                   "pg_replication_slots WHERE slot_name = "
                                                   "'orgnet_cut';"), "t")
            self.assertTrue(follower.wait(9, timeout=60), follower.message())
            state = follower.status()
            self.assertTrue(state.running)
            self.assertGreaterEqual(state.reconnects, 1)
            self.assertEqual(state.transactions, 9)  # none lost, none twice
            self.assert_current(follower, "after the connection was cut three times")
        sql(self.uri, "SELECT pg_drop_replication_slot('orgnet_cut');")

    def test_refresh_reads_again_and_applies_the_difference(self):
        """Without a slot: 120 random transactions, then ``refresh`` gives a new version of the
        old network equal to a fresh load (every table and the coverage), its parent the old
        one; a second refresh with nothing changed takes no edit."""
        with orgnet.load(self.uri) as before:
            generator = Transactions(random.Random(15), self.uri)
            generator.i = 5000
            sql(self.uri, "\n".join(generator.next() for _ in range(120)))
            with before.refresh(self.uri) as after, orgnet.load(self.uri) as fresh:
                self.assertGreater(after.refreshed_edits, 0)
                self.assertEqual(after.parent_version, before.version)
                self.assertEqual(saved_rows(after, os.path.join(self.tmp, "refreshed")),
                                 saved_rows(fresh, os.path.join(self.tmp, "fresh")))
                self.assertEqual(coverage_rows(after), coverage_rows(fresh))
                with after.refresh(self.uri) as again:
                    self.assertEqual(again.refreshed_edits, 0)
                    self.assertEqual(again.version, after.version)

    def test_what_cannot_be_followed_is_refused(self):
        sql(self.uri, "DROP TABLE IF EXISTS plain_funds; CREATE TABLE plain_funds AS "
                      "SELECT * FROM funds;")
        with self.assertRaises(orgnet.FailedPreconditionError) as caught:
            orgnet.follow(self.uri, mapping={"tables": {"funds": {"table": "plain_funds"}}},
                          slot="orgnet_py_refused", publication="orgnet_py_refused")
        self.assertIn("REPLICA IDENTITY FULL", str(caught.exception))
        self.assertIn("plain_funds", str(caught.exception))
        with self.assertRaises(orgnet.InvalidArgumentError):
            orgnet.follow(self.uri, on_bad_transaction="ignore")
        self.assertEqual(sql(self.uri, "SELECT count(*) FROM pg_replication_slots WHERE "
                                       "slot_name = 'orgnet_py_refused';"), "0")


if __name__ == "__main__":
    unittest.main()
