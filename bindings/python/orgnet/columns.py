"""One description of the columns the package's outputs show: each column's name (the CSV
header and JSON key, the same everywhere), its Chinese header (``--lang zh``), its short
English header in aligned tables, whether it is a share (a fraction in [0, 1]: written as
such in CSV and JSON, as a percentage for people) and whether it holds a few values that
repeat (kinds, levels, rules: pandas' category dtype). A column's type is its row's (the
generated rows carry the header's: tools/abi). The command line, the exports, the report and
to_pandas() read them here; a column is named once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional

__all__ = ["Column", "COLUMNS", "header", "short_header", "is_share", "is_category"]


@dataclass(frozen=True)
class Column:
    """One output column."""

    name: str  #: the CSV header and JSON key
    zh: str  #: the Chinese header
    short: Optional[str] = None  #: the aligned table's English header (default: the name)
    share: bool = False  #: a fraction in [0, 1]
    category: bool = False  #: a few values that repeat (pandas: category dtype)


#: Every described column, by name, with the terms the platforms' own reports use.
COLUMNS: Dict[str, Column] = {c.name: c for c in (
    Column('id', '编号'),
    Column('name', '名称'),
    Column('kind', '类型', category=True),
    Column('parent', '上级组织'),
    Column('grid', '网格'),
    Column('level', '层级', category=True),
    Column('community', '社区'),
    Column('street', '街道'),
    Column('district', '区'),
    Column('org', '组织'),
    Column('unit', '单位'),
    Column('table', '表', category=True),
    Column('value', '数值'),
    Column('limit', '限值'),
    Column('message', '说明'),
    Column('rule', '规则', category=True),
    Column('summary', '说明'),
    Column('source', '依据', category=True),
    Column('year', '年度'),
    Column('amount', '数量'),
    Column('category', '类别', category=True),
    Column('month', '月份'),
    Column('rank', '序号'),
    Column('status', '党员类别'),
    Column('mobile', '流动党员'),
    Column('station', '驻外地点'),
    Column('away_since', '外出日期'),
    Column('last_contact', '最近联系日期'),
    Column('role', '岗位', category=True),
    Column('lon', '经度'),
    Column('lat', '纬度'),
    Column('resolved', '办结日期'),
    Column('instructor', '党建指导员'),
    Column('liaison', '联络员'),
    Column('employees', '职工人数'),
    Column('units', '单位数'),
    Column('units_counted', '应覆盖单位', short='units'),
    Column('units_own', '单独组建', short='own'),
    Column('units_joint', '联合组建', short='joint'),
    Column('units_work', '仅工作覆盖', short='work only'),
    Column('units_none', '未覆盖单位', short='none'),
    Column('grids', '网格数'),
    Column('grids_managed', '有网格员的网格', short='managed'),
    Column('managers', '网格员'),
    Column('informants', '信息员'),
    Column('members', '党员数'),
    Column('members_attached', '已编入组织党员'),
    Column('members_employed', '有工作单位党员'),
    Column('members_registered', '已报到党员'),
    Column('org_coverage_rate', '党的组织覆盖率', short='org cover', share=True),
    Column('separate_org_rate', '单独组建率', short='separate', share=True),
    Column('work_coverage_rate', '党的工作覆盖率', short='work cover', share=True),
    Column('managers_per_grid', '每网格网格员数', short='mgr/grid'),
    Column('informants_per_grid', '每网格信息员数'),
    Column('member_attachment_rate', '党员编入组织率', short='attached', share=True),
    Column('member_registration_rate', '在职党员报到率', short='registered', share=True),
    Column('partner', '共建单位'),
    Column('link', '联系编号'),
    Column('since', '起始日期'),
    Column('until', '终止日期'),
    Column('orgs', '组织数'),
    Column('isolated', '孤立组织'),
    Column('isolated_share', '孤立组织占比', share=True),
    Column('links', '共建联系'),
    Column('across_communities', '跨社区'),
    Column('across_streets', '跨街道'),
    Column('across_districts', '跨区'),
    Column('outside_led', '辖区外领导'),
    Column('unplaced', '无位置'),
    Column('from', '起点'),
    Column('from_name', '起点名称'),
    Column('step', '方式', category=True),
    Column('link_kind', '联系类型'),
    Column('to', '终点'),
    Column('to_name', '终点名称'),
    Column('cluster', '联系群'),
    Column('size', '组织数'),
    Column('first', '首个组织'),
    Column('a', '组织甲'),
    Column('a_name', '组织甲名称'),
    Column('b', '组织乙'),
    Column('b_name', '组织乙名称'),
    Column('betweenness', '中介中心度 (betweenness)'),
    Column('score', '得分'),
    Column('common_partners', '共同伙伴'),
    Column('same_grid', '同网格'),
    Column('same_community', '同社区'),
    Column('meets_need', '满足需求'),
    Column('needs_offer', '需要其资源'),
    Column('need', '需求'),
    Column('need_org', '需求组织'),
    Column('need_org_name', '需求组织名称'),
    Column('resource', '资源'),
    Column('resource_org', '资源组织'),
    Column('resource_org_name', '资源组织名称'),
    Column('events', '事件数'),
    Column('households', '户数'),
    Column('reported', '上报事件'),
    Column('grid_share', '网格内办结占比', short='at grid', share=True),
    Column('above_share', '上报办结占比', short='above grid', share=True),
    Column('open_share', '未办结占比', short='open', share=True),
    Column('median_days', '办结天数中位数'),
    Column('p90_days', '办结天数P90'),
    Column('events_per_100_households', '每百户事件数', short='per 100 hh'),
    Column('street_events_per_100_households', '街道每百户事件数', short='street per 100 hh'),
    Column('grids_placed', '有坐标网格'),
    Column('grids_reached', '覆盖网格'),
    Column('households_reached', '覆盖户数'),
    Column('household_rate', '户数覆盖率', short='reached', share=True),
    Column('households_unplaced', '无坐标户数'),
    Column('units_reached', '覆盖单位'),
    Column('households_added', '新增覆盖户数'),
    Column('grids_added', '新增覆盖网格'),
    Column('functions', '服务功能'),
    Column('grids_managed_share', '有网格员网格占比', short='managed', share=True),
    Column('people', '有人管事'),
    Column('funds', '经费 (元)'),
    Column('money', '有钱办事'),
    Column('place', '有场所议事'),
    Column('findings', '问题数'),
    Column('skipped (no date)', '跳过 (无日期)'),
    Column('missing', '缺口'),
    Column('communities', '社区数'),
    Column('all three', '三有齐全'),
    Column('funds (yuan)', '经费 (元)'),
    Column('needed by', '需求组织'),
    Column('offered by', '资源组织'),
    Column('added', '新增'),
    Column('removed', '删除'),
    Column('changed', '变更'),
    Column('unchanged', '未变'),
    Column('duplicates (old/new)', '重复 (前/后)'),
    Column('org coverage', '党的组织覆盖率 (前 -> 后)'),
    Column('work cover change', '工作覆盖率变化'),
    Column('registration change', '报到率变化'),
    Column('section', '部分'),
    Column('change', '变化'),
    Column('columns', '变化字段'),
    Column('old', '原值'),
    Column('new', '新值'),
    Column('delta', '变化量'),
    Column('org_coverage_rate_before', '党的组织覆盖率 (前)', share=True),
    Column('org_coverage_rate_after', '党的组织覆盖率 (后)', share=True),
    Column('org_coverage_rate_delta', '党的组织覆盖率变化'),
    Column('findings_delta', '问题数变化'),
    Column('measure', '指标'),
    Column('place_id', '地区编号'),
    Column('before', '之前'),
    Column('after', '之后'),
    Column('coverage', '覆盖状态', category=True),
    Column('scope', '匹配范围', category=True),
    Column('coverage_before', '原覆盖状态'),
    Column('coverage_after', '现覆盖状态'),
)}

def header(name: str, lang: str = "en") -> str:
    """The column header ``name`` in ``lang`` ("en": the name itself; "zh": its Chinese header,
    the name itself when it has none)."""
    if lang != "zh":
        return name
    column = COLUMNS.get(name)
    if column is not None:
        return column.zh
    for prefix, words in (("open_under_", "未办结<%s天"), ("open_", "未办结≥%s天")):
        if name.startswith(prefix):
            days = name[len(prefix):].replace("_plus", "")
            if days.isdigit():
                return words % days
    return name


def short_header(name: str) -> str:
    """The aligned table's English header of column ``name``."""
    column = COLUMNS.get(name)
    return column.short if column is not None and column.short else name


def is_share(name: str) -> bool:
    """Whether column ``name`` is a share (a fraction in [0, 1])."""
    column = COLUMNS.get(name)
    return column.share if column is not None else False


def is_category(name: str) -> bool:
    """Whether column ``name`` holds a few values that repeat (pandas: category dtype)."""
    column = COLUMNS.get(name)
    return column.category if column is not None else False
