"""The list type of tabular results: a plain list of row dataclasses that also turns into a
pandas DataFrame (``to_pandas()``) and into columns (``columns()``)."""

from __future__ import annotations

from typing import Dict

from ._rows import field_names

__all__ = ["ResultRows", "tabular", "field_names"]


class ResultRows(list):
    """Rows of one result (a list, in the result's stated order) of one row type (a
    dataclass or a NamedTuple). A result may add attributes saying how it was computed
    (``brokers()``: ``samples``, ``seed``, ``method``)."""

    def __init__(self, rows=(), row_type=None):
        super().__init__(rows)
        self.row_type = row_type

    def columns(self) -> Dict[str, list]:
        """{field: list of values}, in field order."""
        names = field_names(self.row_type)
        return {name: [getattr(r, name) for r in self] for name in names}

    def to_pandas(self):
        """The rows as a pandas DataFrame (pandas must be installed): one column per field,
        nullable integers (Int64) where a count may be missing, datetime64[ns] dates,
        category for kinds, rules and levels; an empty result keeps its columns."""
        from . import _pandas
        return _pandas.rows_frame(self, self.row_type)

    def __getitem__(self, index):
        out = super().__getitem__(index)
        return ResultRows(out, self.row_type) if isinstance(index, slice) else out

    def __repr__(self) -> str:
        name = self.row_type.__name__ if self.row_type else "row"
        if len(self) <= 3:
            return "ResultRows[%s](%s)" % (name, list.__repr__(self))
        return "ResultRows[%s](%d rows: %r, %r, ...)" % (name, len(self), self[0], self[1])


def tabular(row_type):
    """Decorates a method returning a list of ``row_type`` rows to return ResultRows."""
    import functools

    def wrap(method):
        @functools.wraps(method)
        def returning_rows(*args, **kwargs):
            return ResultRows(method(*args, **kwargs), row_type)
        return returning_rows
    return wrap
