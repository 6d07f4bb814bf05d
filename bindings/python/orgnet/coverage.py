"""Coverage analysis: how units, grids and members are reached, findings and roll-ups."""

from __future__ import annotations

import ctypes as C
import dataclasses
import inspect
import datetime as _dt
import math
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

from . import _args, _capi
from .progress import watch
from ._results import ResultRows, tabular  # noqa: F401
from ._rows import RowContext
from ._vocabulary import ROLLUPS
from ._capi import call, lib
from ._handle import Handle
from .network import Network

__all__ = ["Coverage", "CoverageRules", "CoverageRow", "UnitRow", "Finding", "Rule",
           "Disagreement", "ROLLUPS", "COUNTERS", "RATES", "RULES", "coverage"]

_EPOCH = _dt.date(1970, 1, 1)
#: The counters kept for every node, in the C ABI's order.
COUNTERS = tuple(lib.orgnet_coverage_counter_name(i).decode()
                 for i in range(_capi.gen.ORGNET_COUNTER_COUNT))
#: The rates derived from them (None when nothing was counted).
RATES = tuple(lib.orgnet_coverage_rate_name(i).decode() for i in range(_capi.gen.ORGNET_RATE_COUNT))
_COVERAGE = _capi.gen.UnitCoverage.labels()
#: Result rows, generated from the header's annotated structs (tools/abi).
Rule, Finding, Disagreement = _capi.gen.Rule, _capi.gen.Finding, _capi.gen.Disagreement


_DEFAULTS = _capi.defaults(_capi.gen.orgnet_coverage_rules, "orgnet_coverage_rules_init")




def _rules() -> List[Rule]:
    infos = [call("orgnet_coverage_rule", i) for i in range(call("orgnet_coverage_rule_count"))]
    return Rule.from_structs(infos, RowContext(None, values={"index": range(len(infos))}))


#: Every rule, in the order findings are sorted by.
RULES = tuple(_rules())


def _rule_index(rule: str) -> int:
    """The number of the rule whose code is ``rule``; UnknownNameError naming the closest."""
    codes = [r.code for r in RULES]
    return codes.index(_args.choice("rule", rule, codes, "rule code"))


@dataclass
class CoverageRules:
    """Thresholds of the rules; every default is documented with its source (docs/coverage.md)."""

    # The numbers come from orgnet_coverage_rules_init (the C++ defaults); the C struct cannot
    # carry the default kinds, so they are written here and in coverage.h.
    counted_unit_kinds: Sequence[str] = ("enterprise", "social_org")
    own_org_min_formal: int = _DEFAULTS.own_org_min_formal
    joint_max_units: int = _DEFAULTS.joint_max_units
    branch_max_members: int = _DEFAULTS.branch_max_members
    general_branch_max_members: int = _DEFAULTS.general_branch_max_members
    branch_min_formal: int = _DEFAULTS.branch_min_formal
    group_min_members: int = _DEFAULTS.group_min_members
    registration_min_rate: float = _DEFAULTS.registration_min_rate
    mobile_transfer_months: int = _DEFAULTS.mobile_transfer_months
    lost_contact_months: int = _DEFAULTS.lost_contact_months
    grid_min_households: int = _DEFAULTS.grid_min_households
    grid_max_households: int = _DEFAULTS.grid_max_households
    #: str (ISO), datetime.date or datetime.datetime; default: the dataset's as_of, else the
    #: latest date the dataset holds (never the day it runs)
    as_of: Optional[_dt.date] = None


@dataclass(frozen=True)
class UnitRow:
    """How one unit is reached."""

    id: str
    name: str
    kind: str
    coverage: str  #: "own", "joint", "work" or "none"
    counted: bool  #: its kind counts toward the rates
    formal: int
    probationary: int


@dataclass(frozen=True)
class CoverageRow:
    """One node of a roll-up: its counters and rates (None where nothing was counted)."""

    id: str
    name: str
    units: int
    units_counted: int
    units_own: int
    units_joint: int
    units_work: int
    units_none: int
    grids: int
    grids_managed: int
    managers: int
    informants: int
    members: int
    members_attached: int
    members_employed: int
    members_registered: int
    org_coverage_rate: Optional[float]
    separate_org_rate: Optional[float]
    work_coverage_rate: Optional[float]
    managers_per_grid: Optional[float]
    informants_per_grid: Optional[float]
    member_attachment_rate: Optional[float]
    member_registration_rate: Optional[float]






class Coverage(Handle):
    """The coverage of a network under a set of rules (see ``coverage()``); free it with
    ``close()`` or a ``with`` block."""

    def __init__(self, network: Network, rules: CoverageRules, progress=None):
        self.network = network
        self.rules = rules
        struct = _capi.gen.orgnet_coverage_rules()
        struct.version = _capi.gen.ORGNET_COVERAGE_RULES_VERSION
        kinds = [k.encode() for k in rules.counted_unit_kinds]
        self._kinds = (C.c_char_p * max(1, len(kinds)))(*kinds)
        self._lens = (C.c_size_t * max(1, len(kinds)))(*map(len, kinds))
        struct.counted_unit_kinds = self._kinds
        struct.counted_unit_kind_lens = self._lens
        struct.counted_unit_kind_count = len(kinds)
        for name in ("own_org_min_formal", "joint_max_units", "branch_max_members",
                     "general_branch_max_members", "branch_min_formal", "group_min_members",
                     "mobile_transfer_months", "lost_contact_months"):
            setattr(struct, name, _args.integer(name, getattr(rules, name), 0, _args.INT32_MAX))
        for name in ("grid_min_households", "grid_max_households"):
            setattr(struct, name, _args.integer(name, getattr(rules, name), -_args.INT64_MAX - 1,
                                                _args.INT64_MAX))
        struct.registration_min_rate = _args.real("registration_min_rate",
                                                  rules.registration_min_rate)
        struct.as_of = _args.day("as_of", rules.as_of, _capi.NO_DATE)
        with watch(progress):
            self._adopt(call("orgnet_coverage_compute", network.handle, C.byref(struct)))

    def _describe(self) -> str:
        return "as of %s: %d units, %d findings" % (self.as_of, len(self.network.units),
                                                    sum(self.finding_counts().values()))

    @property
    def as_of(self) -> _dt.date:
        """The date the date rules counted from."""
        return _EPOCH + _dt.timedelta(days=call("orgnet_coverage_as_of", self.handle))

    @tabular(UnitRow)
    def units(self) -> List[UnitRow]:
        """Every unit, in row order."""
        cov, counted, formal, probationary = call("orgnet_coverage_units", self.handle)
        n = len(cov)
        units = self.network.units
        ids, names, kinds = units.ids(), units.column("name"), units.column("kind")
        return [UnitRow(ids[u], names[u], kinds[u], _COVERAGE[cov[u]], bool(counted[u]), formal[u],
                        probationary[u]) for u in range(n)]

    def _roll(self, by: str) -> int:
        return ROLLUPS.index(_args.choice("by", by, ROLLUPS, "roll-up"))

    def columns(self, by: str = "street") -> Dict[str, list]:
        """The roll-up as plain columns {name: list} (ids, names, counters, rates)."""
        roll = self._roll(by)
        indexes = call("orgnet_coverage_rollup_rows", self.handle, roll)
        table = self.network.grids if roll == 0 else self.network.orgs
        ids, names = table.ids(), table.column("name")
        out = {"id": [ids[i] for i in indexes], "name": [names[i] or "" for i in indexes]}
        for c, name in enumerate(COUNTERS):
            out[name] = call("orgnet_coverage_rollup_counter", self.handle, roll, c).tolist()
        for r, name in enumerate(RATES):
            values = call("orgnet_coverage_rollup_rate", self.handle, roll, r)
            out[name] = [None if math.isnan(v) else v for v in values]
        return out

    @tabular(CoverageRow)
    def table(self, by: str = "street") -> List[CoverageRow]:
        """The roll-up as rows, ascending by grid or org row."""
        cols = self.columns(by)
        keys = list(cols)
        return [CoverageRow(*(cols[k][i] for k in keys)) for i in range(len(cols["id"]))]

    @tabular(Finding)
    def findings(self, rule: Optional[str] = None) -> List[Finding]:
        """Findings, sorted by rule then row; only those of ``rule`` when given."""
        wanted = None
        if rule is not None:
            wanted = _rule_index(rule)
        found = [(i, f) for i, f in enumerate(call("orgnet_coverage_findings", self.handle))
                 if wanted is None or f.rule == wanted]
        context = RowContext(self.network, lists={"rules": [r.code for r in RULES]}, values={
            "message": lambda k, _: call("orgnet_coverage_describe", self.handle, found[k][0]),
            "source": lambda _, f: RULES[f.rule].source})
        return Finding.from_structs([f for _, f in found], context)

    def finding_counts(self) -> Dict[str, int]:
        """Findings per rule code (rules that found nothing included), in rule order."""
        counts = [0] * len(RULES)
        for f in call("orgnet_coverage_findings", self.handle):
            counts[f.rule] += 1
        return {RULES[i].code: counts[i] for i in range(len(RULES))}

    def skipped(self, rule: str) -> int:
        """Rows the rule skipped for an unknown date."""
        return call("orgnet_coverage_skipped", self.handle, _rule_index(rule))

    def ran(self, rule: str) -> bool:
        """True when the rule ran (its columns were present)."""
        return bool(call("orgnet_coverage_rule_ran", self.handle, _rule_index(rule)))

    @tabular(Disagreement)
    def disagreements(self) -> List[Disagreement]:
        """Unit and joint organizations led from outside the street they sit in, by org row."""
        return Disagreement.from_structs(call("orgnet_coverage_disagreements", self.handle),
                                         RowContext(self.network))


def coverage(network: Network, rules: Optional[CoverageRules] = None, *, progress=None,
             **overrides) -> Coverage:
    """Computes the coverage of ``network``: ``coverage(net, as_of=date(2026, 6, 30))``; the
    keywords override single rules of ``rules``. ``progress(done, total, work)``: called about
    every 50 ms; returning False stops it (CancelledError), as Ctrl-C does (KeyboardInterrupt)."""
    rules = dataclasses.replace(rules) if rules is not None else CoverageRules()
    names = [f.name for f in dataclasses.fields(CoverageRules)]
    for key, value in overrides.items():
        if key not in names:
            raise TypeError("coverage() got an unknown keyword %r%s; rules: %s" % (
                key, _args.closest_hint(key, names), ", ".join(names)))
        setattr(rules, key, value)
    if isinstance(rules.counted_unit_kinds, (str, bytes)) or rules.counted_unit_kinds is None:
        _args.string_list("counted_unit_kinds", rules.counted_unit_kinds or "")
    rules.counted_unit_kinds = tuple(_args.string_list("counted_unit_kinds",
                                                       rules.counted_unit_kinds))
    return Coverage(network, rules, progress)


# help(coverage) shows every rule as a keyword with its default (the function reads them as
# **overrides so that a rules object and single overrides combine).
coverage.__signature__ = inspect.Signature(
    [inspect.Parameter("network", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Network),
     inspect.Parameter("rules", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None,
                       annotation=Optional[CoverageRules]),
     inspect.Parameter("progress", inspect.Parameter.KEYWORD_ONLY, default=None,
                       annotation="Progress")] +
    [inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=f.default,
                       annotation=f.type) for f in dataclasses.fields(CoverageRules)],
    return_annotation=Coverage)
