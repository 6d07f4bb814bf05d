"""Where things are: Territory (grid -> community -> street -> district) and Place."""

from __future__ import annotations

import ctypes as C
from typing import List, Union

from . import _arrays, _capi
from ._args import choice, table_number as _table_number
from ._capi import call
from ._rows import RowContext
from ._vocabulary import LEVELS as _LEVELS, LISTINGS as _LISTINGS, OrgRef

__all__ = ["Territory", "Place"]

#: Where a row is (generated from the header's orgnet_place, tools/abi).
Place = _capi.gen.Place


class Territory:
    """Where things are: grid -> community -> street -> district (dataset-v1's rules)."""

    def __init__(self, network):
        self._network = network

    def place(self, table: str, id: Union[str, int]) -> Place:
        """The place of a row of orgs, grids, units, members or staff."""
        t = self._network.table(table)
        if not isinstance(id, (str, int)) or isinstance(id, bool):
            raise TypeError("id must be a str id or an int row; got %s" % type(id).__name__)
        row = id if isinstance(id, int) else t.index(id)
        return Place.from_structs([call("orgnet_territory_place", self._network.handle,
                                        t.number, row)], RowContext(self._network))[0]

    def places(self, table: str, *, numpy: bool = False) -> dict:
        """The place of every row of ``table`` in one call: {"grid": rows of grids,
        "community", "street", "district": rows of orgs}, each an ``array('I')`` indexed by
        row (``orgnet.NONE`` unknown, ``orgnet.OUTSIDE_ROW`` outside a view)."""
        t = self._network.table(table)
        n = len(t)
        cells = _arrays.new("I", len(_capi.gen.orgnet_place._fields_) * n)
        call("orgnet_territory_places",
             C.cast(_arrays.pointer(cells), C.POINTER(_capi.gen.orgnet_place)) if n else None, n,
             self._network.handle, t.number)
        parts = [name for name, _ in _capi.gen.orgnet_place._fields_]
        return {part: _arrays.as_numpy(cells[i::len(parts)], numpy)
                for i, part in enumerate(parts)}

    def __repr__(self) -> str:
        return "<orgnet.Territory of %r>" % self._network

    def _in(self, listing: str, org: OrgRef) -> List[str]:
        orgs = self._network.orgs
        index = org if isinstance(org, int) else orgs.index(org)
        rows = call("orgnet_territory_in", self._network.handle, _LISTINGS[listing], index)
        ids = self._network.table(listing).ids()
        return [ids[i] for i in rows]

    def grids_in(self, org: OrgRef) -> List[str]:
        """Grids located in a community, street or district organization (ascending rows)."""
        return self._in("grids", org)

    def units_in(self, org: OrgRef) -> List[str]:
        """Units located in a community, street or district organization."""
        return self._in("units", org)

    def orgs_in(self, org: OrgRef) -> List[str]:
        """Organizations located in a community, street or district organization."""
        return self._in("orgs", org)

    def staff_in(self, org: OrgRef) -> List[str]:
        """Staff located in a community, street or district organization."""
        return self._in("staff", org)

    def unknown(self, table: str, level: str) -> int:
        """Rows of ``table`` whose ``level`` ("community", "street", "district") is unknown."""
        return call("orgnet_territory_unknown", self._network.handle, _table_number(table),
                    _LEVELS[choice("level", level, _LEVELS)])
