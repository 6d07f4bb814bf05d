"""What the generated result rows (``from_structs`` in _capi_gen.py) read besides the structs:
the tables their row numbers point into, the lists they index, the values a caller gives."""

from __future__ import annotations

from typing import Callable, Dict, Optional, Sequence, Union

import dataclasses

from ._outside import OUTSIDE

__all__ = ["RowContext", "field_names"]


class RowContext:
    """The context of one conversion: ``place`` is the table a roll-up's place rows belong to
    (grids or orgs); ``lists`` the lists the library names by index (rule codes, event
    categories); ``values`` a per-row value by field name (a sequence by row index, or a
    function of the index and the struct)."""

    outside = OUTSIDE

    def __init__(self, network, place=None, lists: Optional[Dict[str, Sequence]] = None,
                 values: Optional[Dict[str, Union[Sequence, Callable]]] = None):
        self._network = network
        self._place = place
        self._lists = lists or {}
        self._values = values or {}
        self._cache: dict = {}

    def _table(self, table):
        if table == "place":
            if self._place is None:
                raise TypeError("this conversion names no place table")
            return self._place
        return self._network.table(table)

    def ids(self, table) -> Sequence[str]:
        key = ("ids", table)
        if key not in self._cache:
            self._cache[key] = self._table(table).ids()
        return self._cache[key]

    def column(self, table, column: str) -> list:
        key = ("column", table, column)
        if key not in self._cache:
            self._cache[key] = self._table(table).column(column)
        return self._cache[key]

    def list(self, name: str) -> Sequence:
        return self._lists[name]

    def value(self, name: str, index: int, struct):
        value = self._values[name]
        return value(index, struct) if callable(value) else value[index]


def field_names(row_type) -> list:
    """The fields of a dataclass or NamedTuple row type, in order ([] for None)."""
    if row_type is None:
        return []
    if dataclasses.is_dataclass(row_type):
        return [f.name for f in dataclasses.fields(row_type)]
    return list(getattr(row_type, "_fields", ()))
