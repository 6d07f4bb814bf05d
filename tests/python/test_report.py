"""The HTML report without a browser: a scoped view's report holds the view alone, with
personal fields masked; the report is one file that names no outside resource."""

import os
import re
import tempfile
import unittest

import orgnet
from cli_runner import run_cli
from orgnet.report import render_report

HERE = os.path.dirname(os.path.abspath(__file__))
DISTRICT = os.path.join(HERE, "..", "..", "examples", "district")


class ReportTest(unittest.TestCase):
    def test_a_streets_view_shows_that_street_alone_and_no_person(self):
        with orgnet.load(DISTRICT) as net:
            streets = [i for i, k in zip(net.orgs.ids(), net.orgs.column("kind"))
                       if k == "street"]
            people = set(net.members.column("name")) | set(net.staff.column("name"))
            with tempfile.TemporaryDirectory() as folder:
                path = os.path.join(folder, "street.html")
                code, _ = run_cli("report", DISTRICT, "--view", "place:" + streets[0], "-o", path)
                self.assertEqual(code, 0)
                with open(path, encoding="utf-8") as f:
                    page = f.read()
            full = render_report(net, DISTRICT)
        shown = set(re.findall(r'data-figure="street-org-coverage:([^"]+)"', page))
        self.assertEqual(shown, {streets[0]})
        self.assertEqual(set(re.findall(r'data-figure="street-org-coverage:([^"]+)"', full)),
                         set(streets))
        self.assertIn("范围视图 (scoped view)", page)
        leaked = [name for name in people if name and name in page]
        self.assertEqual(leaked, [])
        # Negative control: the full network's findings do name people.
        self.assertTrue(any(name and name in full for name in people))

    def test_the_page_names_no_outside_resource(self):
        with orgnet.load(DISTRICT) as net:
            page = render_report(net, DISTRICT)
        self.assertIsNone(re.search(r'(src|href)\s*=\s*["\']?(https?:)?//', page))
        self.assertNotIn("@import", page)
        self.assertNotIn("url(", page)
        self.assertEqual(page.count("<section"), 7)  # no --since: seven sections


if __name__ == "__main__":
    unittest.main()
