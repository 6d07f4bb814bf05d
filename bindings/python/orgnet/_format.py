"""Plain-text tables that line up with Chinese text (wide characters take two columns), and
the rules that keep hostile text inert: escaped for people, neutralised for spreadsheets,
escaped or replaced where a file format cannot carry it (docs/output.md, "Hostile text")."""

from __future__ import annotations

import re
import unicodedata

from ._outside import OUTSIDE

__all__ = ["width", "pad", "table", "number", "cell", "header", "json_value", "HEADERS_ZH",
           "for_people", "PeopleText", "spreadsheet_text", "SPREADSHEET_TRIGGERS",
           "xlsx_text", "xml_text", "json_default"]

# Characters a terminal acts on or that reorder what is shown: C0 and C1 controls, DEL, and
# the bidirectional marks, embeddings, overrides and isolates (Trojan Source, CVE-2021-42574).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROLS_BUT_NEWLINE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escaped(match) -> str:
    c = ord(match.group(0))
    return "\\x%02x" % c if c < 0x100 else "\\u%04x" % c


def for_people(text: str, keep_newlines: bool = False) -> str:
    """``text`` with every control character and bidirectional control written as an escape
    (``\\x1b``, ``\\u202e``), so that no name can move the cursor, set a terminal's title,
    ring, reach its clipboard or reorder a line; ``keep_newlines`` keeps line feeds (for
    whole outputs, whose lines are the output's own)."""
    pattern = _CONTROLS_BUT_NEWLINE if keep_newlines else _CONTROLS
    return pattern.sub(_escaped, text)


class PeopleText:
    """A text stream for people (a terminal, or a file of tables): what is written goes on
    with its control characters escaped (line feeds kept). Everything else is the stream's."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(for_people(text, keep_newlines=True))
        return len(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


#: First characters that make a spreadsheet evaluate a cell as a formula (OWASP, CSV injection).
SPREADSHEET_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value):
    """A text value for a spreadsheet: text starting with a formula trigger gets a leading
    ``'``, so that the spreadsheet shows it as text; other values are returned as they are."""
    if isinstance(value, str) and value.startswith(SPREADSHEET_TRIGGERS):
        return "'" + value
    return value


# XML 1.0 cannot carry these, not even as character references.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_OOXML_ESCAPE_LOOKALIKE = re.compile("_(x[0-9A-Fa-f]{4}_)")


def xlsx_text(text: str) -> str:
    """Text for an xlsx cell: characters XML cannot carry as OOXML's ``_xHHHH_`` escape, and
    a literal ``_xHHHH_`` with its underscore escaped (``_x005F_``), so that a spreadsheet
    reads back exactly ``text``."""
    text = _OOXML_ESCAPE_LOOKALIKE.sub("_x005F_\\1", text)
    return _XML_ILLEGAL.sub(lambda m: "_x%04X_" % ord(m.group(0)), text)


def xml_text(text: str):
    """(text, replaced): ``text`` with the characters XML 1.0 cannot carry replaced by U+FFFD,
    and how many were replaced."""
    replaced = len(_XML_ILLEGAL.findall(text))
    return (_XML_ILLEGAL.sub("\ufffd", text) if replaced else text), replaced


def width(text: str) -> int:
    """Display width: East Asian wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, size: int, right: bool = False) -> str:
    """``text`` padded with spaces to display width ``size``."""
    fill = " " * max(0, size - width(text))
    return fill + text if right else text + fill


def number(value) -> str:
    """1234567 -> '1,234,567'; floats with one decimal; None -> '-'."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return "{:,.1f}".format(value)
    return "{:,}".format(value)


def table(headers, rows, numeric=None, indent: str = "  ") -> str:
    """An aligned table; columns listed in ``numeric`` (indexes) are right-aligned."""
    numeric = set(numeric or ())
    cells = [[for_people(str(h)) for h in headers]] + [
        [number(c) if isinstance(c, (int, float)) or c is None else for_people(str(c))
         for c in row] for row in rows]
    sizes = [max(width(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        lines.append(indent + "  ".join(pad(c, sizes[i], i in numeric)
                                        for i, c in enumerate(row)).rstrip())
        if n == 0:
            lines.append(indent + "  ".join("-" * s for s in sizes))
    return "\n".join(lines)


def cell(value) -> str:
    """A CSV cell under the share convention (docs/output.md): a float with the shortest digits
    that read back to the same double (``repr``), nothing for None and NaN (a share over
    nothing), booleans as 1 and 0, a row outside a scoped view as "(outside the scope)",
    everything else as ``str``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return "" if value != value else repr(value)
    return str(value)


def json_value(value):
    """A value for JSON or a spreadsheet: NaN (a share over nothing) becomes None (null; json
    would write the invalid NaN), a row outside a scoped view "(outside the scope)", everything
    else stays."""
    if value is OUTSIDE:
        return str(value)
    return None if isinstance(value, float) and value != value else value


def json_default(value):
    """``default=`` for json.dump: a row outside a scoped view as "(outside the scope)", NaN
    cannot reach here (json writes it), anything else is the usual TypeError."""
    if value is OUTSIDE:
        return str(value)
    raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


def header(name: str, lang: str = "en") -> str:
    """The column header ``name`` in ``lang`` ("en": the name itself; "zh": its Chinese header,
    the name itself when it has none)."""
    if lang != "zh":
        return name
    if name in HEADERS_ZH:
        return HEADERS_ZH[name]
    for prefix, words in (("open_under_", "未办结<%s天"), ("open_", "未办结≥%s天")):
        if name.startswith(prefix):
            days = name[len(prefix):].replace("_plus", "")
            if days.isdigit():
                return words % days
    return name


#: Chinese column headers (``--lang zh``), with the terms the platforms' own reports use.
HEADERS_ZH = {
    "id": "编号", "name": "名称", "kind": "类型", "parent": "上级组织", "grid": "网格",
    "level": "层级", "community": "社区", "street": "街道", "district": "区",
    "org": "组织", "unit": "单位", "table": "表", "value": "数值", "limit": "限值",
    "message": "说明", "rule": "规则", "source": "来源", "year": "年度", "amount": "数量",
    "category": "类别", "month": "月份", "rank": "序号",
    # dataset columns
    "status": "党员类别", "mobile": "流动党员", "station": "驻外地点", "away_since": "外出日期",
    "last_contact": "最近联系日期", "role": "岗位", "lon": "经度", "lat": "纬度",
    "resolved": "办结日期", "instructor": "党建指导员", "liaison": "联络员",
    "employees": "职工人数",
    # coverage
    "units": "单位数", "units_counted": "应覆盖单位", "units_own": "单独组建",
    "units_joint": "联合组建", "units_work": "仅工作覆盖", "units_none": "未覆盖",
    "grids": "网格数", "grids_managed": "有网格员的网格", "managers": "网格员",
    "informants": "信息员", "members": "党员数", "members_attached": "已编入组织党员",
    "members_employed": "有工作单位党员", "members_registered": "已报到党员",
    "org_coverage_rate": "党的组织覆盖率", "separate_org_rate": "单独组建率",
    "work_coverage_rate": "党的工作覆盖率", "managers_per_grid": "每网格网格员数",
    "informants_per_grid": "每网格信息员数", "member_attachment_rate": "党员编入组织率",
    "member_registration_rate": "在职党员报到率",
    # links
    "partner": "共建单位", "link": "联系编号", "since": "起始日期", "until": "终止日期",
    "orgs": "组织数", "isolated": "孤立组织", "isolated_rate": "孤立组织占比",
    "links": "共建联系", "across_communities": "跨社区", "across_streets": "跨街道",
    "across_districts": "跨区", "outside_led": "辖区外领导", "unplaced": "无位置",
    "from": "起点", "from_name": "起点名称", "step": "方式", "link_kind": "联系类型",
    "to": "终点", "to_name": "终点名称", "cluster": "联系群", "size": "组织数",
    "first": "首个组织", "a": "组织甲", "a_name": "组织甲名称", "b": "组织乙",
    "b_name": "组织乙名称", "betweenness": "中介中心度 (betweenness)",
    "score": "得分", "common_partners": "共同伙伴", "same_grid": "同网格",
    "same_community": "同社区", "meets_need": "满足需求", "needs_offer": "需要其资源",
    # match
    "need": "需求", "need_org": "需求组织", "need_org_name": "需求组织名称",
    "resource": "资源", "resource_org": "资源组织", "resource_org_name": "资源组织名称",
    # events
    "events": "事件数", "households": "户数", "reported": "上报事件",
    "grid_share": "网格内办结占比", "above_share": "上报办结占比", "open_share": "未办结占比",
    "median_days": "办结天数中位数", "p90_days": "办结天数P90",
    "events_per_100_households": "每百户事件数", "street_events_per_100_households":
        "街道每百户事件数",
    # centres
    "grids_placed": "有坐标网格", "grids_reached": "覆盖网格", "households_reached": "覆盖户数",
    "household_rate": "户数覆盖率", "households_unplaced": "无坐标户数",
    "units_reached": "覆盖单位", "households_added": "新增覆盖户数",
    "grids_added": "新增覆盖网格", "functions": "服务功能",
    # haves
    "grids_managed_share": "有网格员网格占比", "people": "有人管事", "funds": "经费 (元)",
    "money": "有钱办事", "place": "有场所议事",
    # tables for people
    "findings": "问题数", "skipped (no date)": "跳过 (无日期)", "missing": "缺口",
    "communities": "社区数", "all three": "三有齐全", "funds (yuan)": "经费 (元)",
    "needed by": "需求组织", "offered by": "资源组织", "added": "新增", "removed": "删除",
    "changed": "变更", "unchanged": "未变", "duplicates (old/new)": "重复 (前/后)",
    "org coverage": "党的组织覆盖率 (前 -> 后)", "work cover change": "工作覆盖率变化",
    "registration change": "报到率变化",
    # diff
    "section": "部分", "change": "变化", "columns": "变化字段", "old": "原值", "new": "新值", "delta": "变化量",
    "measure": "指标", "place_id": "地区编号", "before": "之前", "after": "之后",
    "coverage_before": "原覆盖状态", "coverage_after": "现覆盖状态",
}
