"""The HTML report in a real browser (headless chromium through the DevTools protocol): no
console error, no request leaving the page, the key figures equal the library's, A4 print
with a page per section, and a screenshot of every section under build/report-screens/.

    PYTHONPATH=bindings/python python3 -m unittest discover -s tests/browser
"""

import os
import re
import shutil
import sys
import tempfile
import unittest

import orgnet
from orgnet.cli import main as cli
from orgnet.coverage import coverage
from orgnet.service import reach

import cdp

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DISTRICT = os.path.join(ROOT, "examples", "district")
BUILD = os.environ.get("ORGNET_BUILD_DIR", os.path.join(ROOT, "build"))
SCREENS = os.path.join(BUILD, "report-screens")
SECTIONS = ["summary", "coverage", "map", "findings", "cobuild", "events", "haves", "since"]
CI = os.environ.get("CI") == "true"


def _edited_copy(folder):
    """The district with one unit's organization removed and one member gone."""
    with orgnet.load(DISTRICT) as net:
        batch = orgnet.EditBatch()
        batch.set("units", "U00000002", "org", "")
        batch.remove("members", "M000000003")
        with net.edit(batch) as edited:
            edited.save(folder)


@unittest.skipUnless(os.path.exists(cdp.CHROMIUM) or CI, "chromium is not installed")
class ReportInBrowserTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="orgnet-report-")
        cls.new = os.path.join(cls.folder, "new")
        _edited_copy(cls.new)
        os.makedirs(SCREENS, exist_ok=True)
        cls.report = os.path.join(BUILD, "report-district.html")
        code = cli(["report", cls.new, "--since", DISTRICT, "-o", cls.report])
        assert code == 0, code
        cls.browser = cdp.Browser()

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        shutil.rmtree(cls.folder)

    def _open(self, path):
        page = cdp.Page(self.browser)
        page.open("file://" + os.path.abspath(path))
        return page

    def test_negative_controls_fail_the_check(self):
        for name, body in (("image", '<img src="http://198.51.100.7/logo.png">'),
                           ("console", "<script>console.error('broken')</script>"),
                           ("exception", "<script>undefinedFunction()</script>")):
            path = os.path.join(self.folder, "control-%s.html" % name)
            with open(path, "w", encoding="utf-8") as f:
                f.write("<!DOCTYPE html><html><body><p>control</p>%s</body></html>" % body)
            problems = self._open(path).problems()
            self.assertTrue(problems, name)
        self.assertTrue(any(p.startswith("request: http://198.51.100.7/")
                            for p in self._open(os.path.join(self.folder,
                                                             "control-image.html")).problems()))

    def test_report_makes_no_request_and_no_error(self):
        page = self._open(self.report)
        self.assertEqual(page.problems(), [])
        self.assertEqual(page.evaluate("document.documentElement.lang"), "zh-CN")
        self.assertEqual(page.evaluate(
            "[...document.querySelectorAll('section')].map(s => s.id)"), SECTIONS)

    def test_key_figures_equal_the_library(self):
        page = self._open(self.report)
        figures = page.evaluate("Object.fromEntries([...document.querySelectorAll("
                                "'[data-figure]')].map(e => [e.dataset.figure, "
                                "[e.dataset.value, e.textContent]]))")
        with orgnet.load(self.new) as net, coverage(net) as cov:
            streets = cov.columns("street")
            self.assertTrue(streets["id"])
            for ident, rate in zip(streets["id"], streets["org_coverage_rate"]):
                value, _ = figures["street-org-coverage:" + ident]
                self.assertEqual(float(value), rate)
            counts = cov.finding_counts()
            for code, count in counts.items():
                if cov.ran(code):
                    value, text = figures["findings:" + code]
                    self.assertEqual(int(value), count, code)
                    self.assertEqual(text.replace(",", ""), str(count))
            district = cov.columns("district")
            value, text = figures["district-org_coverage_rate"]
            self.assertEqual(float(value), district["org_coverage_rate"][0])
            self.assertEqual(text, "%.1f%%" % (100 * district["org_coverage_rate"][0]))
            with reach(net, 1000.0) as r:
                households = sum(x.households_reached for x in r.table("district"))
            value, text = figures["households-reached"]
            self.assertEqual(int(value), households)
            self.assertEqual(text, "{:,}".format(households))
            self.assertEqual(int(figures["count:members"][0]), len(net.members))
        self.assertEqual(figures["since-uncovered"][0], "1")  # U00000002 lost its organization
        self.assertEqual(figures["since-covered"][0], "0")

    def test_tables_sort_and_filter(self):
        page = self._open(self.report)
        first = page.evaluate("(() => { const t = document.querySelector('#findings table"
                              ".sortable:nth-of-type(1)'); const th = t.querySelectorAll('th')[2];"
                              " th.click(); return t.tBodies[0].rows[0].cells[2].dataset.value; })()")
        values = page.evaluate("[...document.querySelector('#findings table.sortable')"
                               ".tBodies[0].rows].map(r => Number(r.cells[2].dataset.value))")
        self.assertEqual(values, sorted(values, reverse=True))
        self.assertEqual(float(first), values[0])
        shown = page.evaluate("(() => { const i = document.querySelector('#haves input.filter');"
                              " i.value = '朝阳'; i.dispatchEvent(new Event('input'));"
                              " return [...document.querySelectorAll('#haves tbody tr')]"
                              ".filter(r => r.style.display !== 'none').map(r => r.textContent);"
                              " })()")
        self.assertTrue(shown)
        self.assertTrue(all("朝阳" in row for row in shown))
        self.assertEqual(page.problems(), [])

    def test_prints_on_a4_with_a_page_per_section_and_screenshots(self):
        page = self._open(self.report)
        pdf = page.pdf()
        self.assertTrue(pdf.startswith(b"%PDF"))
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        self.assertGreaterEqual(pages, len(SECTIONS))
        with open(os.path.join(BUILD, "report-district.pdf"), "wb") as f:
            f.write(pdf)
        for section in SECTIONS:
            path = os.path.join(SCREENS, "%s.png" % section)
            page.screenshot("#" + section, path)
            with open(path, "rb") as f:
                self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")
            self.assertGreater(os.path.getsize(path), 2000)
        print("screenshots in %s" % SCREENS, file=sys.stderr)


if __name__ == "__main__":
    unittest.main()
