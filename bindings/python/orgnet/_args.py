"""Checks of the arguments an analysis passes to the C ABI: ctypes would silently wrap an int
that does not fit its C type (-1 as a size_t is 2^64 - 1), so every number is range-checked
here and a bad one raises InvalidArgumentError naming the argument and its range."""

from __future__ import annotations

import datetime as _dt
import math
from typing import Optional, Union

from .errors import InvalidArgumentError, OutOfRangeError, choice, closest_hint, shown  # noqa: F401

INT32_MAX = 2 ** 31 - 1
UINT32_MAX = 2 ** 32 - 1
INT64_MAX = 2 ** 63 - 1
SIZE_MAX = 2 ** 64 - 1
_EPOCH = _dt.date(1970, 1, 1)


def integer(name: str, value, low: int, high: int) -> int:
    """``value`` as an int in [low, high], else InvalidArgumentError."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgumentError("%s must be an integer; got %s" % (name, shown(value)))
    if not low <= value <= high:
        raise InvalidArgumentError("%s is %d; it must be in [%d, %d]" % (name, value, low, high))
    return value


def real(name: str, value, positive: bool = False) -> float:
    """``value`` as a finite float (above 0 when ``positive``), else InvalidArgumentError."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidArgumentError("%s must be a number; got %s" % (name, shown(value)))
    value = float(value)
    if not math.isfinite(value) or (positive and value <= 0):
        raise InvalidArgumentError("%s is %r; it must be a finite number%s" % (
            name, value, " above 0" if positive else ""))
    return value


def real_or_nan(name: str, value) -> float:
    """``value`` as a float (NaN and infinities pass: the function says what they give)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidArgumentError("%s must be a number; got %s" % (name, shown(value)))
    return float(value)


def day(name: str, value: Union[_dt.date, str, None], none: int) -> int:
    """A date (datetime.date or "YYYY-MM-DD") as days since 1970-01-01; ``none`` for None."""
    if value is None:
        return none
    if isinstance(value, str):
        try:
            value = _dt.date.fromisoformat(value)
        except ValueError:
            raise InvalidArgumentError("%s: %s is not a date (YYYY-MM-DD)" % (name, shown(value))) from None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if not isinstance(value, _dt.date):
        raise InvalidArgumentError("%s must be a date or YYYY-MM-DD text; got %s" % (name, shown(value)))
    return (value - _EPOCH).days


def date_of(days: int) -> Optional[_dt.date]:
    """The date ``days`` after 1970-01-01, or None outside the years 1 to 9999."""
    try:
        return _EPOCH + _dt.timedelta(days=days)
    except OverflowError:
        return None


def string_list(name: str, values) -> list:
    """``values`` as a list of str; TypeError for a single string or a non-str element."""
    if isinstance(values, (str, bytes)):
        raise TypeError("%s must be a list of str, not a single %s (write [%r])" % (
            name, type(values).__name__, values if isinstance(values, str) else values.decode(
                "utf-8", "replace")))
    try:
        values = list(values)
    except TypeError:
        raise TypeError("%s must be a list of str; got %s" % (name, type(values).__name__)) from None
    for i, value in enumerate(values):
        if not isinstance(value, str):
            raise TypeError("%s[%d] must be a str; got %s" % (name, i, type(value).__name__))
    return values


def table_number(table: Union[str, int]) -> int:
    """A table given by label ("orgs", "orgs.csv") or number, as its number; OutOfRangeError or
    UnknownNameError (naming the closest) otherwise."""
    from ._vocabulary import TABLE_NUMBER, TABLES
    if isinstance(table, int) and not isinstance(table, bool):
        if not 0 <= table < len(TABLES):
            raise OutOfRangeError("table %d out of range [0, %d)" % (table, len(TABLES)))
        return table
    if not isinstance(table, str):
        raise TypeError("table must be a table name (str) or number (int); got %s" %
                        type(table).__name__)
    name = table[:-4] if table.endswith(".csv") else table
    return TABLE_NUMBER[choice("table", name, TABLES)]
