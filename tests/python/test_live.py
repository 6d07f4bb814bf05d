"""Live use: versions, strict edits, JSON-lines batches and ``orgnet edit``."""

import contextlib
import datetime
import io
import os
import tempfile
import threading
import unittest

import orgnet
from cli_runner import run_cli

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "fixture")
LIVE1 = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "live1")


def write(folder, name, text):
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


class BatchFormatTest(unittest.TestCase):
    def test_every_op_reads(self):
        batch = orgnet.parse_batch([
            '{"op": "set", "table": "orgs", "id": "C3", "column": "name", "value": "新名"}',
            '',
            '{"op": "insert", "table": "members", "cells": {"id": "M5", "status": "formal", "org": "B1"}}',
            '{"op": "remove", "table": "members", "id": "M4"}',
            '{"op": "rename", "table": "orgs", "id": "J1", "to": "J9"}',
            '{"op": "reparent", "org": "U1", "parent": "C1"}',
            '{"op": "add_link", "a": "B1", "b": "C3", "kind": "pairing", "since": "2026-01-01"}',
            '{"op": "remove_link", "a": "C1", "b": "U1", "kind": "joint_meeting", "since": "2024-01-01"}',
            '{"op": "add_column", "table": "members", "column": "phone"}',
            '{"op": "set", "table": "members", "id": "M1", "column": "phone", "value": 12345}',
        ], "b.jsonl")
        self.assertEqual(len(batch), 9)
        with orgnet.Network.load(FIXTURE) as net, net.edit(batch) as edited:
            self.assertEqual(edited.orgs["C3"].name, "新名")
            self.assertIn("M5", edited.members)
            self.assertNotIn("M4", edited.members)
            self.assertIn("J9", edited.orgs)
            self.assertEqual(edited.hierarchy.parent("U1"), "C1")
            self.assertEqual(edited.members.column("phone")[edited.members.index("M1")], "12345")

    def test_bad_lines_name_file_line_and_column(self):
        cases = [
            ('{"op": "set", "table": "orgs"', "b.jsonl:1:30: Expecting ',' delimiter"),
            ('[1, 2]', "b.jsonl:1: expected a JSON object"),
            ('{"op": "sett"}', 'b.jsonl:1: op "sett" is not one of add_column, add_link, insert, '
                               'remove, remove_link, remove_row, rename, reparent, set, set_row'),
            ('{"op": "remove", "table": "orgs"}', "b.jsonl:1: remove needs id"),
            ('{"op": "remove", "table": "orgs", "id": "C1", "why": "x"}',
             "b.jsonl:1: remove takes no key why (its keys: table, id)"),
            ('{"op": "remove", "table": "nope", "id": "C1"}', "b.jsonl:1: "),
            ('{"op": "set", "table": "orgs", "id": "C1", "column": "name", "value": [1]}',
             "b.jsonl:1: value: expected text, got [1]"),
        ]
        for line, message in cases:
            with self.subTest(line=line):
                with self.assertRaises(orgnet.InvalidArgumentError) as caught:
                    orgnet.parse_batch(["", line][1:], "b.jsonl")
                self.assertTrue(str(caught.exception).startswith(message), str(caught.exception))


class RowEditsTest(unittest.TestCase):
    def test_rows_without_ids_by_number(self):
        batch = orgnet.parse_batch([
            '{"op": "set_row", "table": "links", "row": 0, "column": "until", "value": "2030-01-01"}',
            '{"op": "remove_row", "table": "links", "row": 1}'], "b.jsonl")
        with orgnet.Network.load(FIXTURE) as net, net.edit(batch) as edited:
            self.assertEqual(len(edited.links), 1)
            self.assertEqual(edited.links.column("until")[0], datetime.date(2030, 1, 1))
            self.assertEqual(len(net.links), 2)
        with self.assertRaises(orgnet.InvalidArgumentError):
            orgnet.EditBatch().remove_row("links", -1)
        with self.assertRaises(orgnet.InvalidArgumentError) as caught:
            orgnet.parse_batch(['{"op": "remove_row", "table": "links", "row": "1"}'], "b.jsonl")
        self.assertEqual(str(caught.exception), 'b.jsonl:1: row is a whole number; got "1"')


class EditCommandTest(unittest.TestCase):
    def test_validate_then_save(self):
        with tempfile.TemporaryDirectory() as tmp:
            batch = write(tmp, "b.jsonl",
                          '{"op": "insert", "table": "members", "cells": {"id": "M9", '
                          '"status": "formal", "org": "B1"}}\n'
                          '{"op": "set", "table": "orgs", "id": "C3", "column": "name", '
                          '"value": "泰达"}\n')
            code, text = run_cli("edit", FIXTURE, batch)
            self.assertEqual(code, 0, text)
            self.assertIn("2 edits applied", text)
            self.assertIn("members.csv", text)
            self.assertIn("nothing written", text)
            out = os.path.join(tmp, "out")
            self.assertFalse(os.path.exists(out))
            code, text = run_cli("edit", FIXTURE, batch, "-o", out)
            self.assertEqual(code, 0, text)
            with orgnet.Network.load(out) as saved:
                self.assertIn("M9", saved.members)
                self.assertEqual(saved.orgs["C3"].name, "泰达")

    def test_a_rejected_batch_writes_nothing(self):
        with tempfile.TemporaryDirectory() as tmp:
            batch = write(tmp, "b.jsonl", '{"op": "set", "table": "members", "id": "M1", '
                                          '"column": "statu", "value": "formal"}\n')
            out = os.path.join(tmp, "out")
            err = io.StringIO()
            with contextlib.redirect_stderr(err):
                code, text = run_cli("edit", FIXTURE, batch, "-o", out)
            self.assertEqual(code, 1)
            self.assertIn('(did you mean "status"?)', err.getvalue())
            self.assertFalse(os.path.exists(out))


def answers(net):
    """What an application reads after an edit, for comparison with a fresh load: every org's
    parent, kind and place, the listings of every territory org, every unit's place, the
    unknown counts, a scoped view's rows and the coverage's district figures."""
    h, t = net.hierarchy, net.territory
    out = []
    for org in net.orgs.ids():
        out.append((org, h.parent(org), net.orgs[org].kind, t.place("orgs", org)))
        if net.orgs[org].kind in ("community", "street", "district"):
            out.append((t.grids_in(org), t.units_in(org), t.orgs_in(org), t.staff_in(org)))
    out.append([t.place("units", u) for u in net.units.ids()])
    out.append([t.unknown(table, level) for table in ("orgs", "grids", "units", "members", "staff")
                for level in ("community", "street", "district")])
    street = next(o for o in net.orgs.ids() if net.orgs[o].kind == "street")
    with net.scope(places=[street]) as view:
        out.append([len(getattr(view, table)) for table in ("orgs", "grids", "units", "members")])
    return out


class EverydayEditsTest(unittest.TestCase):
    """Issue 25's everyday edits through Python, each version from the last: the same answers
    as a fresh load of the version saved (the library applies them in place)."""

    def test_a_day_of_everyday_edits_answers_as_a_fresh_load(self):
        with orgnet.Network.load(LIVE1) as loaded:
            orgs = loaded.orgs
            communities = [o for o in orgs.ids() if orgs[o].kind == "community"]
            streets = [o for o in orgs.ids() if orgs[o].kind == "street"]
            branch = next(o for o in orgs.ids() if orgs[o].kind == "branch")
            grid = loaded.grids.ids()[3]
            members_of_branch = [m for m, o in zip(loaded.members.ids(), loaded.members.column("org"))
                                 if o == branch]
            batches = [
                orgnet.EditBatch().insert("units", id="U-new", name="新企业", grid=grid),
                orgnet.EditBatch().add_org("O-new", "新支部", "branch", parent=communities[0]),
                orgnet.EditBatch().set("units", "U-new", "org", "O-new"),
                orgnet.EditBatch().reparent(communities[-1], streets[0]),
                orgnet.EditBatch().set("grids", grid, "community", communities[-1]),
                orgnet.EditBatch().set("orgs", "O-new", "kind", "community"),
                orgnet.EditBatch().rename("units", "U-new", "U-renamed"),
                orgnet.EditBatch().insert("grids", id="G-new", name="新网格", community="O-new"),
                orgnet.EditBatch().set("units", "U-renamed", "grid", "G-new"),
            ]
            dissolve = orgnet.EditBatch()
            for member in members_of_branch:
                dissolve.set("members", member, "org", "O-new")
            for unit, org in zip(loaded.units.ids(), loaded.units.column("org")):
                if org == branch:
                    dissolve.set("units", unit, "org", "O-new")
            for child in loaded.hierarchy.children(branch):
                dissolve.reparent(child, "O-new")
            links = loaded.links
            for a, b, kind, since in zip(links.column("a"), links.column("b"), links.column("kind"),
                                         links.column("since")):
                if branch in (a, b):
                    dissolve.remove_link(a, b, kind, since.isoformat() if since else "")
            for table in ("needs", "resources", "centres"):
                rows = getattr(loaded, table)
                for row_id, org in zip(rows.ids(), rows.column("org")):
                    if org == branch:
                        dissolve.set(table, row_id, "org", "O-new")
            for r in reversed(range(len(loaded.funds))):
                if loaded.funds.column("org")[r] == branch:
                    dissolve.set_row("funds", r, "org", "O-new")
            batches.append(dissolve.remove("orgs", branch))
            current = loaded
            with tempfile.TemporaryDirectory() as tmp:
                for n, batch in enumerate(batches):
                    edited = current.edit(batch)
                    if current is not loaded:
                        current.close()
                    current = edited
                    folder = os.path.join(tmp, "v%d" % n)
                    current.save(folder)
                    with orgnet.Network.load(folder) as fresh:
                        self.assertEqual(answers(current), answers(fresh), "after batch %d" % n)
            self.assertNotIn(branch, current.orgs)
            self.assertEqual(current.territory.units_in("O-new"), ["U-renamed"])
            current.close()


class VersionsTest(unittest.TestCase):
    def test_readers_keep_old_versions_while_a_writer_edits(self):
        with orgnet.Network.load(FIXTURE) as first:
            versions = [first]
            errors = []
            done = threading.Event()

            def read():
                while not done.is_set():
                    for i, v in enumerate(list(versions)):
                        want = "n%d" % i if i else first.orgs["C1"].name
                        if v.orgs["C1"].name != want:
                            errors.append((i, v.orgs["C1"].name))

            readers = [threading.Thread(target=read) for _ in range(3)]
            for r in readers:
                r.start()
            for i in range(1, 30):
                versions.append(versions[-1].edit(
                    orgnet.EditBatch().set("orgs", "C1", "name", "n%d" % i)))
            done.set()
            for r in readers:
                r.join()
            self.assertEqual(errors, [])
            for older, newer in zip(versions, versions[1:]):
                self.assertEqual(newer.parent_version, older.version)
            for v in versions[1:]:
                v.close()


if __name__ == "__main__":
    unittest.main()
