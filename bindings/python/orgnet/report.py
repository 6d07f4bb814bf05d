"""The office report: one self-contained HTML file (inline SVG charts, inline CSS and script,
no request leaves the page) in Chinese, print-friendly on A4.

    orgnet report DATASET -o report.html [--since OLD_DATASET] [--view place:ID]

Every key figure carries ``data-figure`` (what it is) and ``data-value`` (the machine value
under the share convention of docs/output.md), so that a test or a platform can read the page.
"""

from __future__ import annotations

import html
import math
from typing import Dict, List, Optional

from . import OUTSIDE
from .columns import header
from .cobuild import broker_sampling, links
from .export import grid_status
from .coverage import RULES, coverage
from .service import DEFAULT_REACH_METRES, events, haves, reach

__all__ = ["write_report", "render_report", "TABLE_ROWS"]

#: Rows shown per long table (findings per rule, isolated organizations, ...); the rest are
#: counted, with the command that lists them all.
TABLE_ROWS = 50
#: Bars shown in the community chart (the lowest rates first).
COMMUNITY_BARS = 60

_CSS = """
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC",
       sans-serif; color: #1d2329; margin: 0 auto; max-width: 1100px; padding: 16px;
       font-size: 13px; line-height: 1.5; }
h1 { font-size: 22px; margin: 0 0 4px; color: #9b1c1c; }
h2 { font-size: 17px; border-bottom: 2px solid #9b1c1c; padding-bottom: 3px; margin: 0 0 10px; }
h3 { font-size: 14px; margin: 14px 0 6px; }
section { margin: 0 0 28px; }
.meta { color: #55606b; font-size: 12px; }
.cards { display: flex; flex-wrap: wrap; gap: 8px; }
.card { border: 1px solid #d5dbe1; border-radius: 4px; padding: 6px 10px; min-width: 118px; }
.card b { display: block; font-size: 18px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
th, td { border: 1px solid #d5dbe1; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f3f5f7; cursor: pointer; white-space: nowrap; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.more { color: #55606b; font-size: 12px; }
code { font-family: "Noto Sans Mono CJK SC", monospace; background: #f3f5f7; padding: 0 3px; }
input.filter { margin: 2px 0 6px; padding: 3px 6px; width: 260px; border: 1px solid #b8c1ca; }
svg { max-width: 100%; height: auto; }
.legend span { display: inline-block; margin-right: 12px; }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 4px; }
.bad { color: #b42318; } .good { color: #067647; }
@media print {
  section { break-before: page; } section:first-of-type { break-before: auto; }
  input.filter { display: none; } body { max-width: none; padding: 0; }
  tr { break-inside: avoid; }
}
"""

# Sorting and filtering of the tables: no library, no request.
_SCRIPT = """
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (th, column) {
    th.addEventListener('click', function () {
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var down = th.getAttribute('data-order') !== 'asc';
      rows.sort(function (x, y) {
        var a = x.cells[column], b = y.cells[column];
        var va = a.getAttribute('data-value'), vb = b.getAttribute('data-value');
        var r;
        if (va !== null && vb !== null && va !== '' && vb !== '') r = Number(va) - Number(vb);
        else r = a.textContent.localeCompare(b.textContent, 'zh');
        return down ? -r : r;
      });
      th.setAttribute('data-order', down ? 'desc' : 'asc');
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
document.querySelectorAll('input.filter').forEach(function (input) {
  input.addEventListener('input', function () {
    var table = document.getElementById(input.getAttribute('data-table'));
    var text = input.value.trim();
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      row.style.display = !text || row.textContent.indexOf(text) >= 0 ? '' : 'none';
    });
  });
});
"""

_RULE_ZH = {
    "unit_without_own_org": "单位未单独建立党组织",
    "unit_without_any_coverage": "单位未实现两个覆盖",
    "branch_too_large": "党支部党员人数超过规定",
    "general_branch_too_large": "党总支党员人数超过规定",
    "branch_too_few_formal": "党支部正式党员不足3人",
    "group_too_small": "党小组人数不足",
    "joint_too_many_units": "联合党支部覆盖单位过多",
    "org_without_members": "党组织无党员",
    "member_not_attached": "党员未编入党组织",
    "member_not_registered": "在职党员未到社区报到",
    "mobile_not_transferred": "流动党员未及时转接",
    "member_lost_contact": "党员失联",
    "grid_without_manager": "网格无网格员",
    "grid_too_small": "网格户数过少",
    "grid_too_large": "网格户数过多",
    "grid_with_uncovered_units": "网格内有未覆盖单位",
}


class _Raw(str):
    """Markup already made (a figure), put into a cell as it is."""


def _e(text) -> str:
    if isinstance(text, _Raw):
        return text
    return html.escape("" if text is None else str(text), quote=True)


def _pct(value) -> str:
    return "-" if value is None else "%.1f%%" % (100 * value)


def _value(value) -> str:
    """A data-value: the shortest round-trip digits; empty for None (a share over nothing)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return repr(value) if isinstance(value, float) else str(value)


def _num(value) -> str:
    return "-" if value is None else "{:,}".format(value)


def _figure(name: str, value, text: str, tag: str = "span", cls: str = "") -> str:
    return _Raw('<%s%s data-figure="%s" data-value="%s">%s</%s>' % (
        tag, ' class="%s"' % cls if cls else "", _e(name), _e(_value(value)), _e(text), tag))


class _Table:
    """A sortable (and optionally filterable) table, capped at ``limit`` rows."""

    count = 0

    def __init__(self, columns, numeric=(), filterable=False):
        """``columns``: the columns' names; their headers are the column description's
        Chinese ones (``columns``: the same as the command line's and the exports')."""
        _Table.count += 1
        self.id = "t%d" % _Table.count
        self.headers = [header(name, "zh") for name in columns]
        self.numeric = set(numeric)
        self.filterable = filterable
        self.rows: List[str] = []

    def add(self, cells) -> None:
        """cells: text, or (text, value) for a cell sorted by its value."""
        out = []
        for i, cell in enumerate(cells):
            cls = ' class="n"' if i in self.numeric else ""
            if isinstance(cell, tuple):
                out.append('<td%s data-value="%s">%s</td>' % (cls, _e(_value(cell[1])),
                                                               _e(cell[0])))
            else:
                out.append("<td%s>%s</td>" % (cls, _e(cell)))
        self.rows.append("<tr>%s</tr>" % "".join(out))

    def html(self, total: Optional[int] = None, command: str = "") -> str:
        head = "".join('<th%s>%s</th>' % (' class="n"' if i in self.numeric else "", _e(h))
                       for i, h in enumerate(self.headers))
        parts = []
        if self.filterable:
            parts.append('<input class="filter" data-table="%s" placeholder="筛选 (filter)…">'
                         % self.id)
        parts.append('<table class="sortable" id="%s"><thead><tr>%s</tr></thead><tbody>%s'
                     '</tbody></table>' % (self.id, head, "".join(self.rows)))
        if total is not None and total > len(self.rows):
            parts.append('<p class="more">显示前 %s 条，共 %s 条；全部：<code>%s</code></p>' % (
                _num(len(self.rows)), _num(total), _e(command)))
        return "".join(parts)


def _bar_chart(bars, line: Optional[float], line_label: str, figure: str) -> str:
    """Horizontal bars of rates in [0, 1] (label, rate, id) with a vertical reference line."""
    left, width, bar, gap = 190, 520, 14, 4
    height = 24 + len(bars) * (bar + gap)
    out = ['<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 %d %d" '
           'width="%d" height="%d" font-size="11">' % (left + width + 60, height + 10,
                                                       left + width + 60, height + 10)]
    for tick in range(0, 101, 20):
        x = left + width * tick / 100
        out.append('<line x1="%.1f" y1="14" x2="%.1f" y2="%d" stroke="#e3e7eb"/>'
                   '<text x="%.1f" y="10" text-anchor="middle" fill="#55606b">%d%%</text>'
                   % (x, x, height, x, tick))
    for i, (label, rate, ident) in enumerate(bars):
        y = 18 + i * (bar + gap)
        w = 0 if rate is None else width * rate
        colour = "#b42318" if rate is not None and line is not None and rate < line \
            else "#2e6da4"
        out.append('<text x="%d" y="%.1f" text-anchor="end">%s</text>' % (
            left - 6, y + bar - 3, _e(label)))
        out.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s" data-figure="%s:%s" '
                   'data-value="%s"><title>%s %s</title></rect>' % (
                       left, y, w, bar, colour, figure, _e(ident), _value(rate), _e(label),
                       _pct(rate)))
        out.append('<text x="%.1f" y="%.1f" fill="#1d2329">%s</text>' % (
            left + w + 4, y + bar - 3, _pct(rate)))
    if line is not None:
        x = left + width * line
        out.append('<line x1="%.1f" y1="14" x2="%.1f" y2="%d" stroke="#9b1c1c" '
                   'stroke-width="2" stroke-dasharray="5,3"/>' % (x, x, height))
        out.append('<text x="%.1f" y="%d" fill="#9b1c1c">%s %s</text>' % (
            x + 4, height + 8, _e(line_label), _pct(line)))
    out.append("</svg>")
    return "".join(out)


def _line_chart(series: Dict[str, Dict[str, int]], months: List[str]) -> str:
    """One line per street: events reported per month."""
    if not months:
        return "<p>无事件数据。</p>"
    palette = ["#2e6da4", "#b42318", "#067647", "#b54708", "#6941c6", "#0e7090", "#c11574",
               "#475467", "#7a2e0e", "#3b7c0f"]
    left, width, height = 50, 640, 220
    top = max([max(v.values() or [0]) for v in series.values()] + [1])
    step = width / max(1, len(months) - 1)
    out = ['<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 %d %d" width="%d" '
           'height="%d" font-size="11">' % (left + width + 170, height + 40,
                                            left + width + 170, height + 40)]
    for k in range(5):
        y = 10 + height - height * k / 4
        out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#e3e7eb"/><text x="%d" '
                   'y="%.1f" text-anchor="end" fill="#55606b">%d</text>' % (
                       left, y, left + width, y, left - 4, y + 4, round(top * k / 4)))
    every = max(1, math.ceil(len(months) / 9))
    for i, m in enumerate(months):
        if i % every == 0:
            out.append('<text x="%.1f" y="%d" text-anchor="middle" fill="#55606b">%s</text>' % (
                left + i * step, height + 26, m))
    for n, (name, counts) in enumerate(sorted(series.items())[:len(palette)]):
        points = " ".join("%.1f,%.1f" % (left + i * step, 10 + height - height *
                                         counts.get(m, 0) / top) for i, m in enumerate(months))
        colour = palette[n % len(palette)]
        out.append('<polyline fill="none" stroke="%s" stroke-width="1.6" points="%s"/>' % (
            colour, points))
        out.append('<text x="%d" y="%d" fill="%s">%s</text>' % (
            left + width + 10, 20 + 14 * n, colour, _e(name)))
    out.append("</svg>")
    return "".join(out)


def _map(grid_points, centres, radius: float) -> str:
    """Grids as points coloured by coverage, centres with their reach circle: plain
    longitude/latitude scaled to the box (equirectangular at the mean latitude), no tiles."""
    placed = [g for g in grid_points if g[1] is not None] + \
        [(c[0], c[1], c[2]) for c in centres if c[1] is not None]
    if not placed:
        return "<p>网格无坐标，无法绘制地图。</p>"
    lons = [p[1] for p in placed]
    lats = [p[2] for p in placed]
    mean_lat = math.radians(sum(lats) / len(lats))
    kx = math.cos(mean_lat)
    x0, x1 = min(lons) * kx, max(lons) * kx
    y0, y1 = min(lats), max(lats)
    span = max(x1 - x0, y1 - y0, 1e-6)
    size = 640
    pad = 20

    def xy(lon, lat):
        return (pad + (lon * kx - x0) / span * size, pad + (y1 - lat) / span * size)

    metres_per_degree = 111_320.0
    r_px = radius / metres_per_degree / span * size
    out = ['<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 %d %d" width="%d" '
           'height="%d">' % (size + 2 * pad, size + 2 * pad, size + 2 * pad, size + 2 * pad),
           '<rect width="100%" height="100%" fill="#fbfcfd" stroke="#d5dbe1"/>']
    for ident, lon, lat in centres:
        if lon is None:
            continue
        x, y = xy(lon, lat)
        points = " ".join("%.1f,%.1f" % (x + r_px * math.cos(2 * math.pi * k / 32),
                                         y + r_px * math.sin(2 * math.pi * k / 32))
                          for k in range(32))
        out.append('<polygon points="%s" fill="#2e6da4" fill-opacity="0.08" stroke="#2e6da4" '
                   'stroke-opacity="0.5"/>' % points)
    colours = {"covered": "#067647", "partly": "#b54708", "blind": "#b42318", "empty": "#98a2b3"}
    for ident, lon, lat, status in grid_points:
        if lon is None:
            continue
        x, y = xy(lon, lat)
        out.append('<circle cx="%.1f" cy="%.1f" r="2.6" fill="%s"><title>%s</title></circle>' % (
            x, y, colours[status], _e(ident)))
    for ident, lon, lat in centres:
        if lon is None:
            continue
        x, y = xy(lon, lat)
        out.append('<rect x="%.1f" y="%.1f" width="7" height="7" fill="#1d2329"><title>%s'
                   '</title></rect>' % (x - 3.5, y - 3.5, _e(ident)))
    out.append("</svg>")
    return "".join(out)


def render_report(net, dataset: str, since=None, since_path: str = "",
                  views=None, radius: float = DEFAULT_REACH_METRES) -> str:
    """The report of ``net`` as one HTML string (``since``: an earlier network to compare)."""
    _Table.count = 0
    parts: List[str] = []
    orgs = net.orgs
    names = orgs.column("name")

    def org_name(org_id):
        return "" if org_id is None else "（范围外）" if org_id is OUTSIDE else names[orgs.index(org_id)] or org_id

    cov = coverage(net)
    try:
        title = net.manifest.get("name", dataset)
        parts.append("<header><h1>党建引领“1+N”组织网络分析报告</h1>"
                     '<p class="meta">%s · 数据集 <code>%s</code> · 规则统计日期 (as of) %s%s</p>'
                     "</header>" % (_e(title), _e(dataset), cov.as_of,
                                    " · 范围视图 (scoped view): " + _e(" + ".join(
                                        "%s:%s" % v for v in views)) + "，个人信息已屏蔽"
                                    if views else ""))
        # ---------------------------------------------------------------- summary
        labels = {"orgs": "党组织", "grids": "网格", "units": "单位", "members": "党员",
                  "staff": "网格人员", "links": "共建关系", "needs": "需求清单",
                  "resources": "资源清单", "centres": "党群服务中心", "events": "网格事件",
                  "funds": "经费记录"}
        cards = "".join('<div class="card">%s<b>%s</b></div>' % (
            _e(labels[k]), _figure("count:" + k, v, _num(v))) for k, v in net.counts().items())
        districts = cov.table("district")
        overall = districts[0] if len(districts) == 1 else None
        summary_rates = ""
        if overall is not None:
            line, line_label = overall.org_coverage_rate, "全区"
        else:  # several districts (a city): the rate over all of them
            counted = sum(r.units_counted for r in districts)
            line = (sum(r.units_own + r.units_joint for r in districts) / counted
                    if counted else None)
            line_label = "全部"
            if line is not None:
                summary_rates = '<div class="cards" style="margin-top:8px"><div class="card">' \
                    '全部 %s 个区党的组织覆盖率<b>%s</b></div></div>' % (
                        _num(len(districts)), _figure("all-org_coverage_rate", line, _pct(line)))
        if overall is not None:
            summary_rates = '<div class="cards" style="margin-top:8px">%s</div>' % "".join(
                '<div class="card">%s<b>%s</b></div>' % (_e(header(rate, "zh")), _figure(
                    "district-%s" % rate, getattr(overall, rate), _pct(getattr(overall, rate))))
                for rate in ("org_coverage_rate", "work_coverage_rate", "separate_org_rate",
                             "member_registration_rate"))
        parts.append('<section id="summary"><h2>一、网络概况 (summary)</h2>'
                     '<div class="cards">%s</div>%s</section>' % (cards, summary_rates))

        # ---------------------------------------------------------------- coverage
        streets = cov.table("street")
        t = _Table(["street", "units_counted", "org_coverage_rate", "separate_org_rate",
                    "work_coverage_rate", "units_none", "grids", "grids_managed",
                    "member_registration_rate"], numeric=range(1, 9))
        for r in streets:
            t.add([r.name, (_num(r.units_counted), r.units_counted),
                   (_pct(r.org_coverage_rate), r.org_coverage_rate),
                   (_pct(r.separate_org_rate), r.separate_org_rate),
                   (_pct(r.work_coverage_rate), r.work_coverage_rate),
                   (_num(r.units_none), r.units_none), (_num(r.grids), r.grids),
                   (_num(r.grids_managed), r.grids_managed),
                   (_pct(r.member_registration_rate), r.member_registration_rate)])
        communities = sorted(cov.table("community"),
                             key=lambda r: (r.org_coverage_rate is None,
                                            r.org_coverage_rate or 0, r.id))
        shown = communities[:COMMUNITY_BARS]
        parts.append(
            '<section id="coverage"><h2>二、两个覆盖 (coverage)</h2>'
            "<h3>各街道党的组织覆盖率 (org coverage rate by street)</h3>%s%s"
            "<h3>覆盖率最低的社区 (communities, lowest first: %s of %s)</h3>%s%s</section>" % (
                _bar_chart([(r.name, r.org_coverage_rate, r.id) for r in streets], line,
                           line_label, "street-org-coverage"),
                t.html(),
                _num(len(shown)), _num(len(communities)),
                _bar_chart([(r.name, r.org_coverage_rate, r.id) for r in shown], line,
                           line_label, "community-org-coverage"),
                '<p class="more">全部社区：<code>orgnet coverage %s --by community</code></p>'
                % _e(dataset) if len(communities) > len(shown) else ""))

        # ---------------------------------------------------------------- blind-spot map
        grid_rows = cov.table("grid")
        grids = net.grids
        lon = dict(zip(grids.ids(), grids.column("lon")))
        lat = dict(zip(grids.ids(), grids.column("lat")))
        points = []
        blind = 0
        for r in grid_rows:
            status = grid_status(r)
            blind += status == "blind"
            points.append((r.id, lon.get(r.id), lat.get(r.id), status))
        centres = net.centres
        centre_points = list(zip(centres.ids(), centres.column("lon"), centres.column("lat")))
        with reach(net, radius) as rc:
            totals = rc.table("district")
            households = sum(x.households_reached for x in totals)
            household_total = sum(x.households for x in totals)
        parts.append(
            '<section id="map"><h2>三、盲区地图 (blind-spot grids)</h2>'
            '<p class="legend"><span><i class="dot" style="background:#067647"></i>全部覆盖</span>'
            '<span><i class="dot" style="background:#b54708"></i>部分覆盖</span>'
            '<span><i class="dot" style="background:#b42318"></i>盲区 (两个覆盖均无)</span>'
            '<span><i class="dot" style="background:#98a2b3"></i>无应覆盖单位</span>'
            "<span>■ 党群服务中心及其 %s 米服务圈</span></p>%s"
            "<p>盲区网格 %s 个；服务圈覆盖户数 %s / %s (%s)。坐标为经纬度平面投影，无在线底图。</p>"
            "</section>" % (
                "%g" % radius, _map(points, centre_points, radius),
                _figure("blind-grids", blind, _num(blind)),
                _figure("households-reached", households, _num(households)),
                _num(household_total),
                _pct(households / household_total if household_total else None)))

        # ---------------------------------------------------------------- findings
        counts = cov.finding_counts()
        t = _Table(["rule", "summary", "findings", "source"], numeric=[2])
        for r in RULES:
            if cov.ran(r.code):
                t.add([r.code, _RULE_ZH.get(r.code, r.summary),
                       (_figure("findings:" + r.code, counts[r.code], _num(counts[r.code])),
                        counts[r.code]), r.source])
        body = [t.html()]
        for r in RULES:
            found = cov.findings(r.code) if cov.ran(r.code) else []
            if not found:
                continue
            ft = _Table(["id", "table", "value", "limit", "message"], numeric=[2, 3],
                        filterable=True)
            for f in found[:TABLE_ROWS]:
                ft.add([f.id, f.table, (_num(f.value), f.value), (_num(f.limit), f.limit),
                        f.message])
            body.append("<h3>%s <code>%s</code> (%s)</h3>%s" % (
                _e(_RULE_ZH.get(r.code, r.summary)), _e(r.code), _num(len(found)),
                ft.html(len(found), "orgnet findings %s --rule %s" % (dataset, r.code))))
        parts.append('<section id="findings"><h2>四、问题清单 (findings by rule)</h2>%s'
                     "</section>" % "".join(body))
    finally:
        cov.close()

    # ---------------------------------------------------------------- co-building
    with links(net) as graph:
        clusters = [c for c in graph.clusters() if c.size > 1]
        samples, how = broker_sampling(len(orgs), None, graph.pair_count)
        brokers = graph.brokers(10, samples=samples)
        isolated = graph.isolated()
        ct = _Table(["cluster", "size", "first", "name"], numeric=[0, 1])
        for c in clusters[:10]:
            ct.add([(str(c.number), c.number), (_num(c.size), c.size), c.first, org_name(c.first)])
        bt = _Table(["org", "name", "betweenness"], numeric=[2])
        for ident, score in brokers:
            bt.add([ident, org_name(ident), ("%.1f" % score, score)])
        it = _Table(["org", "name"], filterable=True)
        for ident in isolated[:TABLE_ROWS]:
            it.add([ident, org_name(ident)])
        parts.append(
            '<section id="cobuild"><h2>五、共建网络 (co-building)</h2>'
            "<p>共建联系 %s 条（%s 日有效），联系群 %s 个，孤立组织 %s 个。</p>"
            "<h3>最大的联系群 (clusters)</h3>%s<h3>枢纽组织 (brokers, %s)</h3>%s"
            "<h3>孤立组织 (isolated)</h3>%s</section>" % (
                _num(len(graph.rows())), graph.on or "任意", _num(len(clusters)),
                _figure("isolated", len(isolated), _num(len(isolated))), ct.html(), _e(how),
                bt.html(), it.html(len(isolated), "orgnet links %s --isolated" % dataset)))

    # ---------------------------------------------------------------- events
    with events(net) as ev:
        monthly = ev.table("street", "month")
        series: Dict[str, Dict[str, int]] = {}
        months = sorted({r.month for r in monthly if r.month})
        for r in monthly:
            series.setdefault(r.name, {})[r.month] = r.reported
        ht = _Table(["grid", "name", "category", "events", "households",
                     "events_per_100_households", "street_events_per_100_households", "score"],
                    numeric=[3, 4, 5, 6, 7])
        for h in ev.hot_spots(20):
            ht.add([h.grid, h.name, h.category, (_num(h.events), h.events),
                    (_num(h.households), h.households), ("%.1f" % h.rate, h.rate),
                    ("%.2f" % h.street_rate, h.street_rate), ("%.1f" % h.score, h.score)])
        st = _Table(["street", "reported", "grid_share", "above_share", "open_share",
                     "median_days"], numeric=[1, 2, 3, 4, 5])
        for r in ev.table("street"):
            st.add([r.name, (_num(r.reported), r.reported), (_pct(r.grid_share), r.grid_share),
                    (_pct(r.above_share), r.above_share), (_pct(r.open_share), r.open_share),
                    (_num(r.median_days), r.median_days)])
        parts.append(
            '<section id="events"><h2>六、网格事件 (events)</h2>'
            "<h3>各街道每月上报事件 (events per month)</h3>%s%s"
            "<h3>热点 (hot spots: events per 100 households against the street)</h3>%s"
            "</section>" % (_line_chart(series, months), st.html(), ht.html()))

    # ---------------------------------------------------------------- three haves
    with haves(net, 0, radius) as h:
        rows = h.communities()
        complete = sum(1 for c in rows if c.people and c.money and c.place)
        yes = lambda flag: "有" if flag else "无"
        t = _Table(["community", "name", "people", "grids_managed_share", "money", "funds",
                    "place"], numeric=[3, 5], filterable=True)
        for c in rows:
            t.add([c.id, c.name, yes(c.people),
                   ("%d/%d" % (c.grids_managed, c.grids), c.grids_managed_share),
                   yes(c.money), (_num(c.funds), c.funds), yes(c.place)])
        parts.append(
            '<section id="haves"><h2>七、三有 (people, money, a place) · %d 年</h2>'
            "<p>三有齐全的社区 %s / %s。</p>%s</section>" % (
                h.year, _figure("haves-complete", complete, _num(complete)), _num(len(rows)),
                t.html()))

    # ---------------------------------------------------------------- since last time
    if since is not None:
        parts.append(_since_section(since, net, since_path, dataset))

    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>%s · orgnet</title><style>%s</style></head><body>%s"
            "<footer class=\"meta\">orgnet 生成 · 本文件自包含，离线可用，不发出任何网络请求。</footer>"
            "<script>%s</script></body></html>\n" % (
                _e(title), _CSS, "".join(parts), _SCRIPT))


def _since_section(before, after, before_path: str, dataset: str) -> str:
    from .diff import diff, key_text
    with diff(before, after) as d:
        c = d.coverage()
        tables = d.tables()
    labels = {"orgs": "党组织", "grids": "网格", "units": "单位", "members": "党员",
              "staff": "网格人员", "links": "共建关系", "needs": "需求", "resources": "资源",
              "centres": "服务中心", "events": "事件", "funds": "经费"}
    t = _Table(["table", "added", "removed", "changed", "unchanged"], numeric=[1, 2, 3, 4])
    for x in tables:
        t.add([labels[x.table], (_figure("since-added:" + x.table, len(x.added),
                                         _num(len(x.added))), len(x.added)),
               (_num(len(x.removed)), len(x.removed)), (_num(len(x.changed)), len(x.changed)),
               (_num(x.unchanged), x.unchanged)])
    pt = _Table(["level", "name", "org_coverage_rate_before", "org_coverage_rate_after",
                 "org_coverage_rate_delta", "findings_delta"], numeric=[2, 3, 4, 5])
    for p in c.places:
        delta = p.delta("org_coverage_rate")
        found = sum(p.findings_after.values()) - sum(p.findings_before.values())
        pt.add(["区" if p.level == "district" else "街道", p.name,
                (_pct(p.before["org_coverage_rate"]), p.before["org_coverage_rate"]),
                (_pct(p.after["org_coverage_rate"]), p.after["org_coverage_rate"]),
                ("-" if delta is None else "±0.0 个百分点" if round(100 * delta, 1) == 0
                 else "%+.1f 个百分点" % (100 * delta), delta),
                ("%+d" % found, found)])
    mt = _Table(["unit", "before", "after"], filterable=True)
    zh = {"own": "单独组建", "joint": "联合组建", "work": "仅工作覆盖", "none": "未覆盖"}
    for m in c.moved[:TABLE_ROWS]:
        mt.add([m.id, zh[m.before], zh[m.after]])
    gained = sum(1 for m in c.moved if m.covered_now)
    return ('<section id="since"><h2>八、与上次相比 (since last time)</h2>'
            "<p>上次数据集 <code>%s</code>（统计日期 %s），本次 %s。</p>%s"
            "<h3>覆盖率变化 (coverage deltas)</h3>%s"
            "<h3>覆盖状态变化的单位：新覆盖 %s 个，失去覆盖 %s 个</h3>%s</section>" % (
                _e(before_path), c.as_of_before, c.as_of_after, t.html(), pt.html(),
                _figure("since-covered", gained, _num(gained)),
                _figure("since-uncovered", len(c.moved) - gained, _num(len(c.moved) - gained)),
                mt.html(len(c.moved), "orgnet diff %s %s" % (before_path, dataset))))


def write_report(net, path: str, dataset: str = "", since=None, since_path: str = "",
                 views=None) -> int:
    """Writes the report of ``net`` to ``path`` (crash-safe: orgnet.output); returns its bytes."""
    from .output import write_bytes
    text = render_report(net, dataset or path, since, since_path, views).encode("utf-8")
    write_bytes(path, text)
    return len(text)
