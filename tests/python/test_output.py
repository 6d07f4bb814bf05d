"""The output conventions every command shares (issue 15): shares as fractions with
round-trip digits and null over nothing in CSV and JSON, percentages only in tables for people,
Chinese headers with --lang zh, and CSV for Excel with --excel."""

import csv
import io
import json
import os
import re
import unittest

import orgnet
from cli_runner import run_cli
from orgnet.columns import COLUMNS, header
from orgnet.coverage import RATES, coverage
from orgnet.service import events, haves, reach

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "data", "fixture")
DISTRICT = os.path.join(HERE, "..", "..", "examples", "district")

# Every command that writes CSV, with the options that reach each of its tables.
CSV_COMMANDS = [
    ("coverage", "--by", "grid"), ("coverage", "--by", "street"), ("findings",),
    ("links", "--isolated"), ("links", "--clusters"), ("links", "--crossings"),
    ("links", "--brokers", "3"), ("links", "--bridges"), ("links", "--partners", "O0000009"),
    ("links", "--suggest", "O0000009"), ("links",), ("match",),
    ("events",), ("events", "--per", "month"), ("events", "--per", "category"),
    ("events", "--hot-spots", "5"), ("centres",), ("centres", "--site", "2"),
    ("centres", "--functions"), ("haves",),
]


def _csv(*argv):
    code, text = run_cli(*argv, "--format", "csv")
    if code != 0:
        raise AssertionError("%s exited %d" % (argv, code))
    return list(csv.reader(io.StringIO(text)))


class ShareConventionTest(unittest.TestCase):
    def test_coverage_rates_round_trip_and_are_empty_over_nothing(self):
        with orgnet.Network.load(FIXTURE) as net, coverage(net) as cov:
            expected = cov.columns("grid")
        rows = _csv("coverage", FIXTURE, "--by", "grid")
        head, body = rows[0], rows[1:]
        empties = 0
        for rate in RATES:
            column = head.index(rate)
            for row, value in zip(body, expected[rate]):
                if value is None:
                    self.assertEqual(row[column], "")
                    empties += 1
                else:  # the shortest digits that read back to the very same double
                    self.assertEqual(float(row[column]), value)
                    self.assertEqual(row[column], repr(value))
                    self.assertTrue(0.0 <= value or rate.endswith("_per_grid"))
        self.assertGreater(empties, 0)  # the fixture has grids with no units and no members
        code, text = run_cli("coverage", FIXTURE, "--by", "grid", "--format", "json")
        records = json.loads(text)
        for record, value in zip(records, expected["org_coverage_rate"]):
            self.assertEqual(record["org_coverage_rate"], value)  # None is JSON null
        self.assertIn(None, [r["member_registration_rate"] for r in records])

    def test_events_reach_and_haves_write_fractions(self):
        with orgnet.Network.load(DISTRICT) as net:
            with events(net) as ev:
                by_street = {r.id: r for r in ev.table("street")}
                hot = ev.hot_spots(5)
            with reach(net, 1000.0) as r:
                reached = {x.id: x for x in r.table("street")}
            with haves(net, 0, 1000.0) as h:
                communities = {c.id: c for c in h.communities()}
                streets = h.table("street")
        rows = _csv("events", DISTRICT)
        head = rows[0]
        for row in rows[1:]:
            r = by_street[row[0]]
            self.assertEqual(float(row[head.index("grid_share")]), r.resolved_grid / r.reported)
            self.assertEqual(float(row[head.index("open_share")]), r.open / r.reported)
            self.assertLessEqual(float(row[head.index("above_share")]), 1.0)
        rows = _csv("events", DISTRICT, "--hot-spots", "5")
        self.assertIn("events_per_100_households", rows[0])  # an intensity says its unit
        self.assertEqual([float(row[5]) for row in rows[1:]], [h.rate for h in hot])
        rows = _csv("centres", DISTRICT)
        for row in rows[1:]:
            x = reached[row[0]]
            self.assertEqual(float(row[rows[0].index("household_rate")]),
                             x.households_reached / x.households)
        rows = _csv("haves", DISTRICT)
        head = rows[0]
        for row in rows[1:]:
            c = communities[row[0]]
            self.assertEqual(int(row[head.index("grids")]), c.grids)
            self.assertEqual(float(row[head.index("grids_managed_share")]),
                             c.grids_managed / c.grids)
            self.assertEqual(row[head.index("money")], "1" if c.money else "0")
        code, text = run_cli("haves", DISTRICT, "--format", "json")
        document = json.loads(text)
        first = document["by_street"][0]
        self.assertEqual(first["all_share"], streets[0].with_all / streets[0].communities)
        self.assertNotIn("/", json.dumps(document["communities"][0]))  # no "9/10" text

    def test_events_over_nothing_are_null(self):
        code, text = run_cli("events", FIXTURE, "--by", "grid", "--format", "json")
        records = json.loads(text)
        self.assertTrue(records)
        for record in records:
            if record["reported"] == 0:
                self.assertIsNone(record["grid_share"])
        self.assertIn(0, [r["reported"] for r in records])

    def test_tables_for_people_show_percentages(self):
        code, text = run_cli("coverage", DISTRICT, "--by", "district")
        with orgnet.Network.load(DISTRICT) as net, coverage(net) as cov:
            rate = cov.columns("district")["org_coverage_rate"][0]
        self.assertIn("%.1f%%" % (100 * rate), text)


class HeadersAndExcelTest(unittest.TestCase):
    def test_every_csv_header_has_a_chinese_name(self):
        for argv in CSV_COMMANDS:
            english = _csv(argv[0], DISTRICT, *argv[1:])[0]
            chinese = _csv(argv[0], DISTRICT, *argv[1:], "--lang", "zh")
            self.assertEqual(chinese[0], [header(h, "zh") for h in english], argv)
            for h, zh in zip(english, chinese[0]):
                self.assertTrue(h in COLUMNS or h.startswith("open_"), (argv, h))
                self.assertTrue(re.search(r"[\u4e00-\u9fff]", zh), (argv, h, zh))
            self.assertEqual(chinese[1:], _csv(argv[0], DISTRICT, *argv[1:])[1:])

    def test_every_table_for_people_has_chinese_headers(self):
        import orgnet.cli as cli
        seen = []
        real = cli._common.emit

        def recording(rows, headers, numeric, fmt, out=None):
            seen.extend((argv, h) for h in headers)
            return real(rows, headers, numeric, fmt, out)

        cli._common.emit = recording
        try:
            for argv in CSV_COMMANDS + [("diff", FIXTURE)]:
                code, text = run_cli(argv[0], DISTRICT if argv[0] != "diff" else FIXTURE,
                                     *argv[1:], "--lang", "zh")
                self.assertEqual(code, 0, argv)
                self.assertNotIn("\n  rule ", text)  # no English header row left
        finally:
            cli._common.emit = real
        self.assertGreater(len({h for _, h in seen}), 80)
        for argv, h in seen:
            self.assertTrue(re.search(r"[\u4e00-\u9fff]", header(h, "zh")), (argv, h))

    def test_excel_csv_has_a_byte_order_mark(self):
        code, text = run_cli("coverage", FIXTURE, "--format", "csv", "--excel", "--lang", "zh")
        self.assertEqual(code, 0)
        self.assertTrue(text.startswith("\ufeff编号,名称,"))
        self.assertTrue(text.endswith("\r\n"))
        self.assertNotIn("\n", text.replace("\r\n", ""))
        code, plain = run_cli("coverage", FIXTURE, "--format", "csv", "--lang", "zh")
        self.assertEqual(text[1:].replace("\r\n", "\n"), plain)

    def test_json_keys_stay_english(self):
        code, text = run_cli("centres", FIXTURE, "--format", "json", "--lang", "zh")
        self.assertIn("households_reached", json.loads(text)[0])

    def test_table_headers_in_chinese(self):
        code, text = run_cli("coverage", FIXTURE, "--lang", "zh")
        self.assertIn("党的组织覆盖率", text)


if __name__ == "__main__":
    unittest.main()
