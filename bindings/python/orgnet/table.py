"""A network's tables: Table (rows by index or id, whole columns, arrays, pandas) and Row."""

from __future__ import annotations

import ctypes as C
import datetime as _dt
import math
from typing import Iterator, List, Optional, Union

from . import _arrays, _capi
from ._args import choice, shown
from ._arrays import TextColumn
from ._capi import NONE, OUTSIDE, OUTSIDE_ROW, call
from ._vocabulary import COLUMN_TYPES as _TYPES, TABLES
from .errors import Error, InvalidArgumentError, NotFoundError, OutOfRangeError, error_for

__all__ = ["Table", "Row"]

_EPOCH = _dt.date(1970, 1, 1)


def _bytes(text: str) -> bytes:
    return text.encode("utf-8")


class Table:
    """One table of a network: rows by index (file order) or by id."""

    def __init__(self, network, number: int):
        self._network = network
        self.number = number
        self.name = TABLES[number]
        self.columns: List[str] = []
        self._types: List[str] = []
        self._present: List[bool] = []
        for c in range(call("orgnet_network_column_count", network.handle, number)):
            self.columns.append(call("orgnet_network_column_name", network.handle, number, c))
            self._types.append(_TYPES[call("orgnet_network_column_type", network.handle, number,
                                           c)])
            self._present.append(bool(call("orgnet_network_has_column", network.handle, number,
                                           c)))
        self._position = {name: i for i, name in enumerate(self.columns)}
        self._ids = None

    @property
    def present(self) -> bool:
        """True when the file was in the dataset."""
        return bool(call("orgnet_network_has_table", self._network.handle, self.number))

    def __len__(self) -> int:
        return call("orgnet_network_rows", self._network.handle, self.number)

    def column_type(self, column: str) -> str:
        """"id", "text", "ref", "date", "integer", "real", "flag" or "status"."""
        return self._types[self._column(column)]

    def column_target(self, column: Union[str, int]) -> Optional[str]:
        """The table a reference column names (dataset-v1's schema, as the library states it),
        or None for a column of another type."""
        target = call("orgnet_network_column_target", self._network.handle, self.number,
                      self._column(column))
        return TABLES[target] if target >= 0 else None

    def has_column(self, column: str) -> bool:
        """True when the column was in the file (format columns always exist, maybe empty)."""
        return column in self._position and self._present[self._position[column]]

    def _column(self, column: Union[str, int]) -> int:
        if isinstance(column, int) and not isinstance(column, bool):
            if not 0 <= column < len(self.columns):
                raise OutOfRangeError("column %d out of range: %s.csv has %d columns" % (
                    column, self.name, len(self.columns)))
            return column
        if not isinstance(column, str):
            raise TypeError("column must be a column name (str) or number (int); got %s" %
                            type(column).__name__)
        if column in self._position:
            return self._position[column]
        return self._position[choice("column", column, self.columns, "column of %s.csv" % self.name)]

    def index(self, id: str) -> int:
        """The row whose id is ``id``; raises NotFoundError (a KeyError), TypeError for an id
        that is not a str."""
        if not isinstance(id, str):
            raise TypeError("id must be a str; got %s" % type(id).__name__)
        raw = _bytes(id)
        return call("orgnet_network_find", self._network.handle, self.number, raw, len(raw))

    def indexes(self, ids, *, missing: str = "raise", numpy: bool = False, name: str = "ids"):
        """The rows of many ids in one call (a list, tuple or numpy array of str), as an
        ``array('I')`` (numpy=True: a numpy uint32 array over the same memory). ``missing``:
        "raise" (NotFoundError naming the first absent id and its position) or "none"
        (``orgnet.NONE`` in its place)."""
        if missing not in ("raise", "none"):
            raise InvalidArgumentError("missing must be \"raise\" or \"none\"; got %s" % shown(missing))
        if not _arrays.is_id_list(ids, name) and len(ids):
            raise TypeError("%s must be a list of str ids; got %s" % (name, type(ids[0]).__name__))
        blob, count = _arrays.ids_blob(ids, name)
        out = _arrays.new("I", count)
        try:
            call("orgnet_network_find_many", _arrays.pointer(out), self._network.handle,
                 self.number, blob, len(blob), None, count,
                 _capi.gen.Missing.NONE if missing == "none" else _capi.gen.Missing.FAIL)
        except Error as e:
            if not e.message.startswith("ids["):
                raise
            raise error_for(e.code, name + e.message[3:]) from None
        return _arrays.as_numpy(out, numpy)

    def __contains__(self, id: str) -> bool:
        try:
            self.index(id)
            return True
        except NotFoundError:
            return False

    def id(self, row: int) -> str:
        """The id of a row; ``orgnet.OUTSIDE`` for ``OUTSIDE_ROW`` (a row outside a view)."""
        if row == OUTSIDE_ROW:
            return OUTSIDE
        if self._ids is not None:
            return self._ids[row]
        return call("orgnet_network_id", self._network.handle, self.number, row)

    def ids(self) -> List[str]:
        """Every id, in row order (cached)."""
        if self._ids is None:
            id_column = self.columns.index("id") if "id" in self.columns else None
            self._ids = (self._read_text(id_column) if id_column is not None
                         else [self.id(r) for r in range(len(self))])
        return self._ids

    def cell(self, row: int, column: Union[str, int]):
        """A cell as a Python value: str, int, float, datetime.date, bool, a referenced id, or
        None when empty. Status cells read "formal" or "probationary"."""
        c = self._column(column)
        kind = self._types[c]
        handle = self._network.handle
        if kind in ("id", "text", "ref"):
            text = call("orgnet_network_text", handle, self.number, row, c)
            if kind == "ref" and not text:
                return OUTSIDE if self.is_outside(row, c) else None
            return text
        if kind == "date":
            days = call("orgnet_network_date", handle, self.number, row, c)
            return None if days == _capi.NO_DATE else _EPOCH + _dt.timedelta(days=days)
        if kind == "integer":
            value = call("orgnet_network_integer", handle, self.number, row, c)
            return None if value == _capi.NO_INTEGER else value
        if kind == "real":
            value = call("orgnet_network_real", handle, self.number, row, c)
            return None if math.isnan(value) else value
        if kind == "flag":
            empty = call("orgnet_network_is_empty", handle, self.number, row, c)
            value = call("orgnet_network_flag", handle, self.number, row, c)
            return None if empty else bool(value)
        status = call("orgnet_network_status", handle, self.number, row, c)
        return "probationary" if status else "formal"

    def is_outside(self, row: int, column: Union[str, int]) -> bool:
        """True when a reference cell names a row outside the view's scope."""
        return bool(call("orgnet_network_is_outside", self._network.handle, self.number, row,
                         self._column(column)))

    def is_masked(self, column: Union[str, int]) -> bool:
        """True when the column is a personal field the view masks (its cells read empty)."""
        return bool(call("orgnet_network_is_masked", self._network.handle, self.number,
                         self._column(column)))

    def text(self, row: int, column: Union[str, int]) -> str:
        """Any cell in the canonical text a save writes."""
        return call("orgnet_network_cell_text", self._network.handle, self.number, row,
                    self._column(column))

    def column(self, column: Union[str, int]) -> list:
        """A whole column as a list of Python values (plain columns for pandas-style use)."""
        c = self._column(column)
        kind = self._types[c]
        handle, n = self._network.handle, len(self)
        if kind == "ref":
            target = self._network.table(self.column_target(c))
            ids = target.ids()
            return [None if r == NONE else OUTSIDE if r == OUTSIDE_ROW else ids[r]
                    for r in call("orgnet_network_ref_column", handle, self.number, c)]
        if kind == "date":
            return [None if d == _capi.NO_DATE else _EPOCH + _dt.timedelta(days=d)
                    for d in call("orgnet_network_date_column", handle, self.number, c)]
        if kind == "integer":
            return [None if v == _capi.NO_INTEGER else v
                    for v in call("orgnet_network_integer_column", handle, self.number, c)]
        if kind == "real":
            return [None if math.isnan(v) else v
                    for v in call("orgnet_network_real_column", handle, self.number, c)]
        if kind in ("id", "text"):
            return self._read_text(c)
        cells = (C.c_uint8 * max(1, n))()  # flags (0, 1, 2 = empty) and statuses, one byte each
        call("orgnet_network_read_column", cells, n, handle, self.number, c, 0, n)
        if kind == "flag":
            return [None if v == 2 else bool(v) for v in cells[:n]]
        return ["probationary" if v else "formal" for v in cells[:n]]

    def _read_text(self, c: int) -> List[str]:
        """A text, id or reference column's text as str objects in two calls: one NUL-joined
        blob (orgnet_network_read_text_joined), decoded once and split (text never holds NUL)."""
        handle, n = self._network.handle, len(self)
        if n == 0:
            return []
        needed = call("orgnet_network_read_text_joined", None, 0, handle, self.number, c, 0, n)
        blob = bytearray(needed)
        call("orgnet_network_read_text_joined", (C.c_char * len(blob)).from_buffer(blob),
             len(blob), handle, self.number, c, 0, n)
        return blob[:-1].decode("utf-8").split("\0")

    def array(self, column: Union[str, int], *, numpy: bool = False):
        """A whole column in one call, without a Python object per cell: references as rows
        (``array('I')``, ``orgnet.NONE`` empty, ``orgnet.OUTSIDE_ROW`` outside a view), dates
        as days since 1970-01-01 (``'i'``, ``orgnet.NO_DATE`` empty), integers (``'q'``,
        ``orgnet.NO_INTEGER`` empty), reals (``'d'``, NaN empty), flags (``'B'``: 0, 1, 2 =
        empty) and statuses (``'B'``: 0 formal, 1 probationary); ids and text as a
        ``TextColumn`` (one UTF-8 blob plus offsets). numpy=True gives numpy arrays over the
        same memory (text: blob as uint8, offsets as uint64)."""
        c = self._column(column)
        kind = self._types[c]
        n = len(self)
        if kind in ("id", "text"):
            text = self._text_column(c)
            if numpy:
                np = _arrays.numpy_module()
                text = TextColumn(np.frombuffer(text.blob, dtype=np.uint8),
                                  _arrays.as_numpy(text.offsets, True), text.name)
            return text
        out = _arrays.new(_arrays.CELL_CODES[kind], n)
        if n:
            call("orgnet_network_read_column", _arrays.pointer(out), n * out.itemsize,
                 self._network.handle, self.number, c, 0, n)
        return _arrays.as_numpy(out, numpy)

    def arrays(self, *, numpy: bool = False) -> dict:
        """{column: ``array(column)``} for every present column, in column order."""
        return {name: self.array(i, numpy=numpy) for i, name in enumerate(self.columns)
                if self._present[i]}

    def to_pandas(self):
        """The table as a pandas DataFrame (pandas must be installed), one row per row in row
        order (the index is the row number). dtypes: ids and text ``object`` (str), kinds and
        statuses ``category``, references ``category`` of the referenced ids, dates
        ``datetime64[ns]`` (NaT empty) when every date fits pandas' range (1677-09-22 to
        2262-04-11), else ``object`` of ``datetime.date`` (None empty), integers ``Int64``
        and flags ``boolean`` (nullable: <NA> empty), reals ``float64`` (NaN empty)."""
        from . import _pandas
        return _pandas.table_frame(self)

    def _text_column(self, c: int) -> TextColumn:
        handle, n = self._network.handle, len(self)
        needed = call("orgnet_network_read_text", None, 0, None, handle, self.number, c, 0, n)
        blob = bytearray(max(1, needed))
        offsets = _arrays.new("Q", n + 1)
        call("orgnet_network_read_text", (C.c_char * len(blob)).from_buffer(blob), needed,
             _arrays.pointer(offsets), handle, self.number, c, 0, n)
        return TextColumn(bytes(blob[:needed]), offsets, self.columns[c])

    def ref_indexes(self, column: str) -> List[int]:
        """A reference column as row indexes of the referenced table (orgnet.NONE when empty)."""
        return call("orgnet_network_ref_column", self._network.handle, self.number,
                    self._column(column)).tolist()

    def __getitem__(self, key: Union[str, int, slice]) -> "Row":
        """The row with id ``key`` (str), at index ``key`` (int), or a list of rows (slice)."""
        if isinstance(key, str):
            return Row(self, self.index(key))
        if isinstance(key, slice):
            return [Row(self, r) for r in range(*key.indices(len(self)))]
        if isinstance(key, bool) or not isinstance(key, int):
            raise TypeError("a table is indexed by a str id, an int row or a slice; got %s" %
                            type(key).__name__)
        n = len(self)
        if key < 0:
            key += n
        if not 0 <= key < n:
            raise IndexError("row %d out of range: %s.csv has %d rows" % (key, self.name, n))
        return Row(self, key)

    def __iter__(self) -> Iterator["Row"]:
        for r in range(len(self)):
            yield Row(self, r)

    def to_dict(self) -> dict:
        """{column: list of values}: hand it to pandas.DataFrame if you have pandas."""
        return {name: self.column(name) for i, name in enumerate(self.columns)
                if self._present[i]}

    def __repr__(self) -> str:
        return "<orgnet.Table %s: %d rows, columns %s>" % (self.name, len(self), self.columns)




class Row:
    """One row: ``row["name"]`` or ``row.name`` for a cell, ``row.index`` for its position."""

    __slots__ = ("_table", "index")

    def __init__(self, table: Table, index: int):
        self._table = table
        self.index = index

    @property
    def id(self) -> str:
        """The row's id ("" for links and funds)."""
        return self._table.id(self.index)

    def __getitem__(self, column: str):
        return self._table.cell(self.index, column)

    def __getattr__(self, column: str):
        if column.startswith("_"):
            raise AttributeError(column)
        try:
            return self._table.cell(self.index, column)
        except NotFoundError:
            raise AttributeError(column) from None

    def __eq__(self, other) -> bool:
        """Rows are equal when they are the same row of the same table of the same network."""
        if not isinstance(other, Row):
            return NotImplemented
        return (self.index == other.index and self._table.number == other._table.number and
                self._table._network.version == other._table._network.version)

    def __hash__(self) -> int:
        return hash((self._table._network.version, self._table.number, self.index))

    def as_dict(self) -> dict:
        """Every present column's value."""
        return {name: self._table.cell(self.index, i)
                for i, name in enumerate(self._table.columns) if self._table._present[i]}

    def __repr__(self) -> str:
        return "<orgnet.Row %s[%d] %r>" % (self._table.name, self.index, self.as_dict())
