"""The package's shared vocabulary, at the bottom of its imports: the tables, column types,
roll-ups, listings and levels the C ABI numbers (labels from the header's enumerations, in the
header's order), and the argument types analyses share. Nothing here is restated: each list
comes from the generated enumerations, and a reference column's target from the library
(``Table.column_target``)."""

from __future__ import annotations

import datetime as _dt
from typing import Union

from . import _capi_gen as _gen

__all__ = ["TABLES", "TABLE_NUMBER", "COLUMN_TYPES", "ROLLUPS", "TERRITORIAL_ROLLUPS",
           "LEVELS", "LISTINGS", "OrgRef", "DateLike"]

#: The tables of a dataset, by number (orgs.csv is 0).
TABLES = _gen.Table.labels()
#: {table label: its number}.
TABLE_NUMBER = {name: i for i, name in enumerate(TABLES)}
#: Column types, by number.
COLUMN_TYPES = _gen.ColumnType.labels()
#: The roll-ups: four territorial levels and the leadership tree.
ROLLUPS = _gen.RollUp.labels()
#: The territorial roll-ups (grid, community, street, district).
TERRITORIAL_ROLLUPS = tuple(r.label for r in _gen.RollUp if r != _gen.RollUp.ORG)
#: {level label: number} of the territory's levels (community, street, district).
LEVELS = {level.label: level for level in _gen.Level}
#: {listing label: number} of what a place lists (orgs, grids, units, staff).
LISTINGS = {listing.label: listing for listing in _gen.Listing}

#: An organization given by id (str) or by row (int).
OrgRef = Union[str, int]
#: A date given as a ``datetime.date``, an ISO text, or None (the default).
DateLike = Union[_dt.date, str, None]
