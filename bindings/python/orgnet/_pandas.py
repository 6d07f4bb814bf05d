"""pandas DataFrames of tables and results, built from whole columns (no Python object per
cell for numbers, dates, flags, statuses and references). pandas and numpy are imported here
only, when a to_pandas() is called; nothing else in the package needs them."""

from __future__ import annotations

import datetime as _dt
from typing import List

from ._capi import NO_DATE, NO_INTEGER, NONE, OUTSIDE, OUTSIDE_ROW

from .columns import is_category

__all__ = ["pandas_module", "table_frame", "rows_frame", "DATE_RANGE"]
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
            data[name] = (pd.Series(values, dtype="category") if is_category(name)
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
    order, each of the dtype its field's type gives (the generated rows' types are the
    header's): int Int64 (nullable), float float64 (NaN for none), bool boolean, date
    datetime64[ns] (object of datetime.date when one falls outside pandas' range), text
    category where the column description says so (``columns``), else object. A field
    typed ``object`` takes its values' type. An empty result keeps its columns and dtypes."""
    pd, np = pandas_module()
    if row_type is None and rows:
        row_type = type(rows[0])
    from ._rows import field_names
    fields = field_names(row_type)
    if not fields:
        return pd.DataFrame(list(rows))
    kinds = _field_kinds(row_type)
    data = {}
    for name in fields:
        values = [getattr(r, name) for r in rows]
        data[name] = _column(pd, np, name, values, kinds.get(name))
    return pd.DataFrame(data, columns=fields)


def _field_kinds(row_type) -> dict:
    """{field: "int", "float", "bool", "date", "str" or None} from a row type's annotations
    (Optional[X] is X; None where the type says nothing: object, tuples)."""
    import dataclasses
    import typing
    if not dataclasses.is_dataclass(row_type):
        hints = getattr(row_type, "__annotations__", {})
    else:
        try:
            hints = typing.get_type_hints(row_type)
        except Exception:  # a hint naming what this module cannot resolve: infer instead
            hints = {}
    out = {}
    for name, hint in hints.items():
        arguments = [a for a in typing.get_args(hint) if a is not type(None)]
        if typing.get_origin(hint) is typing.Union and len(arguments) == 1:
            hint = arguments[0]
        out[name] = {int: "int", float: "float", bool: "bool", _dt.date: "date",
                     str: "str"}.get(hint)
    return out


def _column(pd, np, name, values, kind=None):
    present = [v for v in values if v is not None]
    if kind is None:
        kind = _kind_of(present)
    if kind == "bool":
        return pd.Series(pd.array(values, dtype="boolean"))
    if kind == "int" and all(isinstance(v, int) for v in present):
        return pd.Series(pd.array(values, dtype="Int64"))
    if kind in ("int", "float") and all(isinstance(v, (int, float)) for v in present):
        return pd.Series([np.nan if v is None else float(v) for v in values], dtype="float64")
    if kind == "date":
        if all(DATE_RANGE[0] <= v <= DATE_RANGE[1] for v in present):
            return pd.Series(pd.to_datetime(values), dtype="datetime64[ns]")
        return pd.Series(values, dtype=object)
    if kind == "str" and is_category(name) and all(isinstance(v, str) for v in present):
        return pd.Series(values, dtype="category")
    return pd.Series(values, dtype=object)


def _kind_of(present) -> str:
    """The kind of a field its type does not give, from its values."""
    if present and all(isinstance(v, bool) for v in present):
        return "bool"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "int"
    if present and all(isinstance(v, (int, float)) for v in present):
        return "float"
    if present and all(isinstance(v, _dt.date) and not isinstance(v, _dt.datetime)
                       for v in present):
        return "date"
    if all(isinstance(v, str) for v in present):
        return "str"
    return None
