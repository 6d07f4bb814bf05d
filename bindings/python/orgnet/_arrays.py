"""Arrays across the C ABI: ``array.array`` buffers the library fills in one call, numpy views
of the same memory when numpy is installed (never required), and the argument checks of
batch inputs (lists, arrays or numpy arrays of ids or rows)."""

from __future__ import annotations

import array
import ctypes as C
from typing import List, Optional, Sequence, Union

from ._args import shown
from .errors import InvalidArgumentError, OutOfRangeError

__all__ = ["CELL_CODES", "new", "pointer", "as_numpy", "TextColumn", "Lists", "numpy_module",
           "rows_argument", "ids_blob", "is_id_list"]

#: The array.array type code of each fixed-width column type (the C ABI's cells).
CELL_CODES = {"ref": "I", "date": "i", "integer": "q", "real": "d", "flag": "B", "status": "B"}
_CTYPES = {"I": C.c_uint32, "i": C.c_int32, "q": C.c_int64, "d": C.c_double, "B": C.c_uint8,
           "Q": C.c_uint64}
_NUMPY_TYPES = {"I": "uint32", "i": "int32", "q": "int64", "d": "float64", "B": "uint8",
                "Q": "uint64"}
for _code, _ctype in _CTYPES.items():  # the platform's codes must be the C ABI's widths
    assert array.array(_code).itemsize == C.sizeof(_ctype), _code


def numpy_module():
    """numpy, imported on first use; ImportError saying what asked for it when absent."""
    try:
        import numpy
    except ImportError:
        raise ImportError("numpy=True needs numpy, which is not installed (Debian: "
                          "apt install python3-numpy); without it results are array.array") from None
    return numpy


def new(code: str, count: int) -> array.array:
    """A zero-filled array of ``count`` cells (one allocation, no per-cell work)."""
    return array.array(code, bytes(count * array.array(code).itemsize)) if count else array.array(code)


def pointer(values: Optional[array.array]):
    """A ctypes pointer to an array's first cell (None for an empty or absent array), sharing
    its memory."""
    if values is None or len(values) == 0:
        return None
    return (_CTYPES[values.typecode] * len(values)).from_buffer(values)


def as_numpy(values: array.array, numpy: bool, dtype: Optional[str] = None):
    """``values`` itself, or with ``numpy`` a numpy array over the same memory (no copy)."""
    if not numpy:
        return values
    np = numpy_module()
    out = np.frombuffer(values, dtype=_NUMPY_TYPES[values.typecode]) if len(values) else \
        np.zeros(0, dtype=_NUMPY_TYPES[values.typecode])
    return out.view(dtype) if dtype else out


class TextColumn(Sequence):
    """A text column as the C ABI hands it: one UTF-8 ``blob`` and ``len + 1`` byte
    ``offsets`` (row i is ``blob[offsets[i]:offsets[i + 1]]``). Indexing decodes one cell;
    ``tolist()`` makes every str at once."""

    __slots__ = ("blob", "offsets", "name")

    def __init__(self, blob: bytes, offsets, name: str = ""):
        self.blob = blob
        self.offsets = offsets
        self.name = name

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("row %d out of range: the column has %d rows" % (index, n))
        return bytes(self.blob[int(self.offsets[index]):int(self.offsets[index + 1])]).decode("utf-8")

    def tolist(self) -> List[str]:
        """Every cell as a str."""
        blob = self.blob if isinstance(self.blob, bytes) else bytes(self.blob)
        offsets = self.offsets if isinstance(self.offsets, array.array) else self.offsets.tolist()
        return [blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(len(self))]

    def __eq__(self, other) -> bool:
        if isinstance(other, TextColumn):
            return self.blob == other.blob and list(self.offsets) == list(other.offsets)
        return NotImplemented

    __hash__ = None  # mutable offsets: not hashable

    def __repr__(self) -> str:
        head = ", ".join(repr(self[i]) for i in range(min(3, len(self))))
        return "<orgnet.TextColumn %s: %d rows, %d bytes [%s%s]>" % (
            self.name or "?", len(self), len(self.blob), head, ", ..." if len(self) > 3 else "")


class Lists(Sequence):
    """Many lists in one compressed-sparse-row pair: list i is
    ``values[offsets[i]:offsets[i + 1]]`` (rows of a table, see ``ids``)."""

    __slots__ = ("offsets", "values", "_ids")

    def __init__(self, offsets, values, ids=None):
        self.offsets = offsets
        self.values = values
        self._ids = ids

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("list %d out of range: %d lists" % (index, len(self)))
        return list(self.values[int(self.offsets[index]):int(self.offsets[index + 1])])

    def ids(self, index: int) -> List[str]:
        """List ``index`` as ids."""
        return [self._ids[r] for r in self[index]]

    def __repr__(self) -> str:
        return "<orgnet.Lists: %d lists, %d values>" % (len(self), len(self.values))


def _is_numpy(values) -> bool:
    return type(values).__module__ == "numpy" and hasattr(values, "dtype")


def is_id_list(values, name: str) -> bool:
    """True for ids (str), False for rows (int); TypeError for a single str or anything else."""
    if isinstance(values, (str, bytes)):
        raise TypeError("%s must be a list of ids or rows, not a single %s" % (
            name, type(values).__name__))
    if _is_numpy(values):
        kind = values.dtype.kind
        if kind in "iu":
            return False
        if kind in "UO":
            return True
        raise TypeError("%s: a numpy array of %s; ids are str and rows are integers" % (
            name, values.dtype))
    if isinstance(values, array.array):
        if values.typecode in "bBhHiIlLqQ":
            return False
        raise TypeError("%s: an array of %r; rows are integers" % (name, values.typecode))
    if len(values) == 0:
        return False
    first = values[0]
    if isinstance(first, str):
        return True
    if isinstance(first, int) and not isinstance(first, bool):
        return False
    raise TypeError("%s[0] must be a str id or an int row; got %s" % (name, type(first).__name__))


def ids_blob(values, name: str):
    """(bytes, count): the ids each followed by a NUL byte, as orgnet_network_find_many()
    reads them. TypeError naming ``name[i]`` for an element that is not a str."""
    if _is_numpy(values):
        values = values.tolist()
    try:
        joined = "\0".join(values)
    except TypeError:
        for i, value in enumerate(values):
            if not isinstance(value, str):
                raise TypeError("%s[%d] must be a str id; got %s" % (
                    name, i, type(value).__name__)) from None
        raise
    count = len(values)
    try:
        blob = (joined + "\0").encode("utf-8") if count else b""
    except UnicodeEncodeError as e:
        raise InvalidArgumentError("%s: %s is not valid text (%s)" % (
            name, shown(joined[max(0, e.start - 10):e.end + 10]), e.reason)) from None
    if blob.count(b"\0") != count:
        for i, value in enumerate(values):
            if "\0" in value:
                raise InvalidArgumentError("%s[%d]: an id never holds a NUL character; got %s" % (
                    name, i, shown(value)))
    return blob, count


def rows_argument(values, name: str) -> array.array:
    """Rows (non-negative ints) as an array('I'); TypeError naming ``name[i]`` for one that is
    not an int, OutOfRangeError (an IndexError) for a negative one. Rows past the table's end
    are the C ABI's to name (it checks every one before answering)."""
    if _is_numpy(values):
        np = numpy_module()
        if len(values) and values.min() < 0:
            bad = int(np.flatnonzero(values < 0)[0])
            raise OutOfRangeError("%s[%d] is %d; rows are never negative" % (
                name, bad, int(values[bad])))
        out = array.array("I")
        out.frombytes(np.ascontiguousarray(values, dtype=np.uint32).tobytes())
        return out
    if isinstance(values, array.array) and values.typecode == "I":
        return values
    try:
        return array.array("I", values)
    except (TypeError, OverflowError):
        for i, value in enumerate(values):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError("%s[%d] must be an int row; got %s" % (
                    name, i, type(value).__name__)) from None
            if not 0 <= value < 2 ** 32:
                raise OutOfRangeError("%s[%d] is %d; rows are in [0, 2^32 - 1)" % (
                    name, i, value)) from None
        raise
