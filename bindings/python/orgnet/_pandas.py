"""pandas DataFrames of tables and results, built from whole columns (no Python object per
cell for numbers, dates, flags, statuses and references). pandas and numpy are imported here
only, when a to_pandas() is called; nothing else in the package needs them."""

from __future__ import annotations

import datetime as _dt
from typing import List

from ._capi import NO_DATE, NO_INTEGER, NONE, OUTSIDE, OUTSIDE_ROW

__all__ = ["pandas_module", "table_frame", "rows_frame", "CATEGORICAL_TEXT", "DATE_RANGE"]

#: Text columns that hold a small set of values (kinds, levels, roles, categories, sources):
#: category dtype.
CATEGORICAL_TEXT = frozenset(("kind", "level", "role", "category", "source", "coverage",
                              "rule", "table", "scope", "step"))
_EPOCH = _dt.date(1970, 1, 1)
#: The dates pandas' datetime64[ns] holds (whole days): a column with a date outside them is
#: object dtype of datetime.date.
DATE_RANGE = (_dt.date(1677, 9, 22), _dt.date(2262, 4, 11))
_DAY_RANGE = tuple((d - _EPOCH).days for d in DATE_RANGE)


def pandas_module():
    """(pandas, numpy), imported on first use; ImportError saying how to get them."""
    try:
        import numpy
        import pandas
    except ImportError:
        raise ImportError("to_pandas() needs pandas and numpy, which are not installed "
                          "(Debian: apt install python3-pandas)") from None
    return pandas, numpy


def _dates(pd, np, days):
    empty = days == NO_DATE
    known = days[~empty]
    if known.size == 0 or (known.min() >= _DAY_RANGE[0] and known.max() <= _DAY_RANGE[1]):
        values = days.astype("int64").astype("datetime64[D]").astype("datetime64[ns]")
        values[empty] = np.datetime64("NaT")
        return pd.Series(values)
    return pd.Series([None if d == NO_DATE else _EPOCH + _dt.timedelta(days=int(d))
                      for d in days.tolist()], dtype=object)


def _refs(pd, np, rows, target_ids: List[str]):
    codes = rows.astype("int64")
    categories = list(target_ids)
    outside = rows == OUTSIDE_ROW
    if outside.any():
        codes[outside] = len(categories)
        categories.append(OUTSIDE)
    codes[rows == NONE] = -1
    return pd.Series(pd.Categorical.from_codes(codes, categories=categories))


def table_frame(table):
    """A Table as a DataFrame (see Table.to_pandas for the dtypes)."""
    pd, np = pandas_module()
    data = {}
    for c, name in enumerate(table.columns):
        if not table._present[c]:
            continue
        kind = table._types[c]
        if kind in ("id", "text"):
            values = table._read_text(c)
            data[name] = (pd.Series(values, dtype="category") if name in CATEGORICAL_TEXT
                          else pd.Series(values, dtype=object))
            continue
        cells = table.array(c, numpy=True)
        if kind == "ref":
            target = table._network.table(table.column_target(c))
            data[name] = _refs(pd, np, cells, target.ids())
        elif kind == "date":
            data[name] = _dates(pd, np, cells)
        elif kind == "integer":
            data[name] = pd.Series(pd.arrays.IntegerArray(cells.copy(), cells == NO_INTEGER))
        elif kind == "real":
            data[name] = pd.Series(cells, dtype="float64")
        elif kind == "flag":
            data[name] = pd.Series(pd.arrays.BooleanArray(cells == 1, cells == 2))
        else:  # status
            data[name] = pd.Series(pd.Categorical.from_codes(cells.astype("int8"),
                                                             categories=["formal", "probationary"]))
    return pd.DataFrame(data, index=pd.RangeIndex(len(table)))


def rows_frame(rows, row_type=None):
    """A list of result rows (dataclasses) as a DataFrame, one column per field in field
    order: ints with a None become Int64, dates datetime64[ns] (object of datetime.date when
    one falls outside pandas' range), categorical text as category."""
    pd, np = pandas_module()
    if row_type is None and rows:
        row_type = type(rows[0])
    from ._results import field_names
    fields = field_names(row_type)
    if not fields:
        return pd.DataFrame(list(rows))
    data = {}
    for name in fields:
        values = [getattr(r, name) for r in rows]
        data[name] = _column(pd, np, name, values)
    return pd.DataFrame(data, columns=fields)


def _column(pd, np, name, values):
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return pd.Series(pd.array(values, dtype="boolean"))
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return pd.Series(pd.array(values, dtype="Int64"))
    if present and all(isinstance(v, float) or isinstance(v, int) for v in present):
        return pd.Series([np.nan if v is None else float(v) for v in values], dtype="float64")
    if present and all(isinstance(v, _dt.date) and not isinstance(v, _dt.datetime)
                       for v in present):
        if all(DATE_RANGE[0] <= v <= DATE_RANGE[1] for v in present):
            return pd.Series(pd.to_datetime(values))
        return pd.Series(values, dtype=object)
    if name in CATEGORICAL_TEXT and all(isinstance(v, str) for v in present):
        return pd.Series(values, dtype="category")
    return pd.Series(values, dtype=object)
