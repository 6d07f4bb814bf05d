"""What changed between two networks (two datasets, or two versions of one): rows added,
removed and changed per table, and the coverage deltas per street and district.

    with orgnet.load("2026-q2") as old, orgnet.load("2026-q3") as new:
        with orgnet.diff(old, new) as d:
            d.table("members").changed[:3]      # [RowChange(key='M…', columns=('status',)), …]
            c = d.coverage()                      # default rules on both networks
            c.places[0].delta("org_coverage_rate")
"""

from __future__ import annotations

import ctypes as C
import math
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple, Union

from . import _capi
from ._capi import call
from ._handle import Handle
from .progress import watch
from ._results import ResultRows
from .coverage import RATES, RULES, Coverage, coverage
from .network import TABLES, Network

__all__ = ["diff", "Diff", "TableChanges", "RowChange", "CoverageChanges", "PlaceChange",
           "UnitMove"]

_COVERAGE = _capi.gen.UnitCoverage.labels()
Key = Union[str, Tuple[str, ...]]


def _key(table, row: int) -> Key:
    """A row's identity: its id; a link's (a, b, kind, since) with a <= b; a fund's
    (org, source, year)."""
    if table.name == "links":
        a, b = table.text(row, "a"), table.text(row, "b")
        return (min(a, b), max(a, b), table.text(row, "kind"), table.text(row, "since"))
    if table.name == "funds":
        return (table.text(row, "org"), table.text(row, "source"), table.text(row, "year"))
    return table.id(row)


def key_text(key: Key) -> str:
    """A key as one cell: the id, or the parts of a link's or fund's identity joined by '/'."""
    return key if isinstance(key, str) else "/".join(key)


@dataclass(frozen=True)
class RowChange:
    """A row both networks hold whose cells differ."""

    key: Key                  #: its identity (see TableChanges)
    before_row: int
    after_row: int
    columns: Tuple[str, ...]  #: the columns that differ, in the later network's order


@dataclass(frozen=True)
class TableChanges:
    """How one table changed. Identity: the id; a link's (a, b, kind, since) with a <= b; a
    fund's (org, source, year) — rows sharing one are paired in file order, the extra ones are
    added or removed and counted in ``duplicates_before`` / ``duplicates_after``."""

    table: str
    added: List[Key]          #: later network's rows with no counterpart, in its row order
    removed: List[Key]        #: earlier network's rows with no counterpart, in its row order
    changed: List[RowChange]  #: in the later network's row order
    unchanged: int
    duplicates_before: int
    duplicates_after: int
    columns_added: Tuple[str, ...]    #: only the later network has them (not compared)
    columns_removed: Tuple[str, ...]  #: only the earlier network has them (not compared)

    @property
    def empty(self) -> bool:
        """True when nothing was added, removed or changed."""
        return not (self.added or self.removed or self.changed or self.columns_added or
                    self.columns_removed)


def _share(value: float) -> Optional[float]:
    return None if math.isnan(value) else value


@dataclass(frozen=True)
class PlaceChange:
    """A street's or district's coverage rates and findings in both networks (None where the
    place is absent or a rate's denominator is 0)."""

    level: str                             #: "street" or "district"
    id: str
    name: str
    in_before: bool
    in_after: bool
    before: Dict[str, Optional[float]]     #: rate name -> fraction
    after: Dict[str, Optional[float]]
    findings_before: Dict[str, int]        #: rule code -> findings whose subject lies here
    findings_after: Dict[str, int]

    def delta(self, rate: str) -> Optional[float]:
        """after - before of a rate (None when either is None)."""
        a, b = self.after[rate], self.before[rate]
        return None if a is None or b is None else a - b

    def findings_delta(self, rule: str) -> int:
        """after - before of a rule's findings here."""
        return self.findings_after[rule] - self.findings_before[rule]


class UnitMove(_capi.gen.UnitMove):
    """A counted unit of both networks that moved between covered (its own or a joint
    organization) and not covered (work coverage only, or none)."""

    @property
    def covered_now(self) -> bool:
        """True when it became covered, False when it lost its coverage."""
        return self.after in ("own", "joint")


@dataclass(frozen=True)
class CoverageChanges:
    """Coverage in both networks compared (``Diff.coverage()``)."""

    places: List[PlaceChange]  #: districts then streets, each by id
    moved: List[UnitMove]      #: by id
    findings_before: Dict[str, int]  #: rule code -> findings over the whole network
    findings_after: Dict[str, int]
    as_of_before: object
    as_of_after: object


class Diff(Handle):
    """The row differences of two networks (see ``diff()``); close it, or use ``with``."""

    def __init__(self, before: Network, after: Network, progress=None):
        self.before = before
        self.after = after
        with watch(progress):
            self._adopt(call("orgnet_diff_networks", before.handle, after.handle))
        self._tables: Dict[str, TableChanges] = {}

    def _counts(self, number: int):
        return call("orgnet_diff_table", self.handle, number)

    def table(self, name: str) -> TableChanges:
        """How table ``name`` ("orgs", "members", ...) changed."""
        number = self.before.table(name).number
        name = TABLES[number]
        if name in self._tables:
            return self._tables[name]
        counts = self._counts(number)
        tb, ta = self.before.table(name), self.after.table(name)
        added = [_key(ta, r) for r in call("orgnet_diff_added", self.handle, number)]
        removed = [_key(tb, r) for r in call("orgnet_diff_removed", self.handle, number)]
        changed = []
        names = ta.columns
        for i in range(counts.changed):
            b, a, columns = call("orgnet_diff_changed", self.handle, number, i)
            changed.append(RowChange(_key(ta, a), b, a, tuple(names[c] for c in columns)))

        def column_names(added_flag: int, n: int) -> Tuple[str, ...]:
            return tuple(call("orgnet_diff_column", self.handle, number, added_flag, k)
                         for k in range(n))

        result = TableChanges(name, added, removed, changed, counts.unchanged,
                              counts.duplicates_before, counts.duplicates_after,
                              column_names(1, counts.columns_added),
                              column_names(0, counts.columns_removed))
        self._tables[name] = result
        return result

    def tables(self) -> List[TableChanges]:
        """Every table, in the library's table order."""
        return [self.table(name) for name in TABLES]

    @property
    def empty(self) -> bool:
        """True when no table changed."""
        return all(t.empty for t in self.tables())

    def coverage(self, before: Optional[Coverage] = None,
                 after: Optional[Coverage] = None) -> CoverageChanges:
        """The coverage deltas: ``before`` and ``after`` coverage results of the two networks
        (computed with the default rules when not given)."""
        own = []
        try:
            if before is None:
                before = coverage(self.before)
                own.append(before)
            if after is None:
                after = coverage(self.after)
                own.append(after)
            return compare_coverage(before, after)
        finally:
            for c in own:
                c.close()

    def _describe(self) -> str:
        parts = []
        for number, name in enumerate(TABLES):
            c = self._counts(number)
            if c.added or c.removed or c.changed:
                parts.append("%s +%d -%d ~%d" % (name, c.added, c.removed, c.changed))
        return ", ".join(parts) or "no change"


def compare_coverage(before: Coverage, after: Coverage) -> CoverageChanges:
    """Two coverage results compared (usually of two versions of one network)."""
    handle = call("orgnet_coverage_diff_compute", before.handle, after.handle)
    try:
        places, moves = call("orgnet_coverage_diff_counts", handle)
        codes = [r.code for r in RULES]
        out_places = []
        levels = _capi.gen.RollUp.labels()
        for i in range(places):
            p = call("orgnet_coverage_diff_place", handle, i)
            out_places.append(PlaceChange(
                levels[p.level], C.string_at(p.id, p.id_len).decode(),
                C.string_at(p.name, p.name_len).decode(),
                p.before_row != _capi.NONE, p.after_row != _capi.NONE,
                {r: _share(p.before_rates[k]) for k, r in enumerate(RATES)},
                {r: _share(p.after_rates[k]) for k, r in enumerate(RATES)},
                {code: p.before_findings[k] for k, code in enumerate(codes)},
                {code: p.after_findings[k] for k, code in enumerate(codes)}))
        moved = UnitMove.from_structs([call("orgnet_coverage_diff_move", handle, i)
                                       for i in range(moves)], None)
        fb, fa = call("orgnet_coverage_diff_findings", handle)
        return CoverageChanges(ResultRows(out_places), ResultRows(moved),
                               {code: fb[k] for k, code in enumerate(codes)},
                               {code: fa[k] for k, code in enumerate(codes)},
                               before.as_of, after.as_of)
    finally:
        _capi.release(handle)


def diff(before: Network, after: Network, *, progress=None) -> Diff:
    """Compares two networks (two loaded datasets, or a network and an edited version of it);
    ``progress(done, total, work)`` as for ``load``."""
    if not isinstance(before, Network) or not isinstance(after, Network):
        raise TypeError("diff() takes two orgnet.Network objects; got %s and %s" % (
            type(before).__name__, type(after).__name__))
    return Diff(before, after, progress)
