"""The Pythonic API over the C ABI: Network, Table, Row, Hierarchy, Territory, builders."""

from __future__ import annotations

import ctypes as C
import datetime as _dt
import math
import os
from typing import Iterator, List, Optional, Sequence, Union

from . import _arrays, _capi
from ._progress import Progress, watch
from ._args import choice, integer, shown
from ._capi import NONE, OUTSIDE, OUTSIDE_ROW, call, lib
from ._handle import Handle
from ._rows import RowContext
from ._vocabulary import COLUMN_TYPES as _TYPES, LEVELS as _LEVELS, LISTINGS as _LISTINGS
from ._vocabulary import TABLE_NUMBER as _TABLE_NUMBER, TABLES, OrgRef
from ._arrays import TextColumn
from .errors import (Diagnostic, Error, InvalidArgumentError, LoadError, NotFoundError,
                     OutOfRangeError, error_for)

__all__ = ["Network", "Table", "Row", "Hierarchy", "Territory", "Place", "Builder", "EditBatch",
           "TABLES", "SNAPSHOT_CHECKS", "load", "open_network", "is_snapshot"]

_EPOCH = _dt.date(1970, 1, 1)


def _table_number(table: Union[str, int]) -> int:
    if isinstance(table, int) and not isinstance(table, bool):
        if not 0 <= table < len(TABLES):
            raise OutOfRangeError("table %d out of range [0, %d)" % (table, len(TABLES)))
        return table
    if not isinstance(table, str):
        raise TypeError("table must be a table name (str) or number (int); got %s" %
                        type(table).__name__)
    name = table[:-4] if table.endswith(".csv") else table
    return _TABLE_NUMBER[choice("table", name, TABLES)]


def _bytes(text: str) -> bytes:
    return text.encode("utf-8")


#: The load options' defaults, from orgnet_load_options_init (the C++ defaults).
_LOAD_DEFAULTS = _capi.defaults(_capi.gen.orgnet_load_options, "orgnet_load_options_init")


#: How Network.open checks a snapshot: "verified" (every section: the default) or "trusted".
SNAPSHOT_CHECKS = _capi.gen.SnapshotCheck.labels()
_SNAPSHOT_DEFAULTS = _capi.defaults(_capi.gen.orgnet_snapshot_options, "orgnet_snapshot_options_init")


def is_snapshot(path) -> bool:
    """True when ``path`` is a file starting with a snapshot's magic bytes (it may still be
    damaged); False for a dataset folder or a missing path."""
    raw = _bytes(os.fspath(path))
    return bool(call("orgnet_is_snapshot_file", raw, len(raw)))


def _options(max_errors: int, max_warnings: int, threads: int):
    return C.byref(_capi.gen.orgnet_load_options(_LOAD_DEFAULTS.version, max_errors, max_warnings, threads))


def _diagnostics(report, severity: int) -> List[Diagnostic]:
    return Diagnostic.from_structs([call("orgnet_report_get", report, severity, i)
                                    for i in range(call("orgnet_report_count", report, severity))],
                                   None)


def _finish(status: int, handle, report) -> "Network":
    """Turns the outcome of a load, build or edit into a Network or an exception."""
    try:
        errors = _diagnostics(report, _capi.gen.Severity.ERROR) if report else []
        warnings = _diagnostics(report, _capi.gen.Severity.WARNING) if report else []
        truncated = call("orgnet_report_truncated", report) if report else 0
    finally:
        _capi.release(report)
    if status != _capi.gen.ORGNET_OK:
        message = lib.orgnet_last_error().decode("utf-8", "replace")
        if status == _capi.gen.ORGNET_INVALID_ARGUMENT:
            raise LoadError(message, status, errors, warnings, bool(truncated))
        error = error_for(status, message)
        error.errors, error.warnings = errors, warnings
        raise error
    network = Network(handle)
    network.warnings = warnings
    return network


#: Where a row is (generated from the header's orgnet_place, tools/abi).
Place = _capi.gen.Place


class Network(Handle):
    """An immutable, loaded network. Safe to query from many threads (ctypes drops the GIL).

    Use ``Network.load(path)``; free it with ``close()`` or a ``with`` block.
    """

    def __init__(self, handle):
        self._adopt(handle)
        self._tables = {}
        self.warnings: List[Diagnostic] = []

    # ------------------------------------------------------------------ lifetime
    @classmethod
    def load(cls, path: str, *, max_errors: int = _LOAD_DEFAULTS.max_errors,
             max_warnings: int = _LOAD_DEFAULTS.max_warnings,
             threads: int = _LOAD_DEFAULTS.threads, progress: Progress = None) -> "Network":
        """Loads a version-1 dataset folder, checking every rule; raises LoadError (a
        ValueError) listing the errors, or NotFoundError for a missing folder or orgs.csv.
        ``progress(done, total, work)`` is called about every 50 ms (bytes read); returning
        False stops the load (CancelledError), as Ctrl-C does (KeyboardInterrupt)."""
        raw = _bytes(os.fspath(path))
        with watch(progress):
            status, (handle, report) = _capi.attempt(
                "orgnet_network_load", raw, len(raw), _options(max_errors, max_warnings, threads))
        return _finish(status, handle, report)

    @classmethod
    def open(cls, path, *, threads: int = _LOAD_DEFAULTS.threads,
             max_errors: Optional[int] = None, max_warnings: Optional[int] = None,
             check: Optional[str] = None, load_into_memory: Optional[bool] = None,
             progress: Progress = None) -> "Network":
        """Opens a dataset folder (loaded and checked, as ``load``) or a snapshot file written
        by ``save_snapshot`` (mapped and checked: about 50 ms for the generated city, 1.9 s for
        the country, against 1 s and 33–49 s to load their CSV), on up to ``threads`` threads.

        For a folder: ``max_errors`` and ``max_warnings`` as in ``load``. For a snapshot:
        ``check`` says how much is checked first, "verified" (every section's checksum and
        values: the default) or "trusted" (header and catalog only, for files this
        application wrote); ``load_into_memory=True`` reads the file into memory instead of
        mapping it, so that another process truncating it cannot harm the network. An option
        of the other kind is an error. Raises NotFoundError (no such path),
        InvalidArgumentError (neither a folder nor a snapshot; bad options), LoadError (a
        folder that breaks the format's rules), FailedPreconditionError (a snapshot format
        this library does not read) or DataLossError (a damaged snapshot, naming the section
        and offset). ``progress`` as in ``load`` (a snapshot reports the sections checked)."""
        path = os.fspath(path)
        if os.path.isdir(path):
            given = [name for name, value in (("check", check),
                                              ("load_into_memory", load_into_memory))
                     if value is not None]
            if given:
                raise InvalidArgumentError("%s applies to snapshot files; %s is a folder" % (
                    ", ".join(given), shown(path)))
            return cls.load(path, threads=threads, progress=progress,
                            max_errors=_LOAD_DEFAULTS.max_errors if max_errors is None else max_errors,
                            max_warnings=(_LOAD_DEFAULTS.max_warnings if max_warnings is None
                                          else max_warnings))
        given = [name for name, value in (("max_errors", max_errors),
                                          ("max_warnings", max_warnings)) if value is not None]
        if given:
            raise InvalidArgumentError("%s applies to dataset folders; %s is a file" % (
                ", ".join(given), shown(path)))
        check = "verified" if check is None else check
        if check not in SNAPSHOT_CHECKS:
            raise InvalidArgumentError("check must be one of %s; got %s" % (
                ", ".join(SNAPSHOT_CHECKS), shown(check)))
        load_into_memory = False if load_into_memory is None else load_into_memory
        if not isinstance(load_into_memory, bool):
            raise InvalidArgumentError("load_into_memory must be True or False; got %s" %
                                       shown(load_into_memory))
        options = _capi.gen.orgnet_snapshot_options(
            _SNAPSHOT_DEFAULTS.version, SNAPSHOT_CHECKS.index(check),
            integer("threads", threads, 1, 1024), int(load_into_memory))
        raw = _bytes(path)
        with watch(progress):
            status, (handle,) = _capi.attempt("orgnet_network_open_snapshot", raw, len(raw),
                                              C.byref(options))
        return _finish(status, handle, None)

    def save(self, path: str) -> None:
        """Writes the network as a version-1 dataset folder; loading it gives the same network."""
        raw = _bytes(str(path))
        call("orgnet_network_save", self.handle, raw, len(raw))

    def save_snapshot(self, path, *, progress: Progress = None) -> None:
        """Writes the whole network to one snapshot file that ``Network.open`` maps (atomic:
        a temporary file, synced and renamed over ``path``). ``progress`` as in ``load``: a
        stop before the rename leaves no file (CancelledError)."""
        raw = _bytes(os.fspath(path))
        with watch(progress):
            call("orgnet_network_save_snapshot", self.handle, raw, len(raw))

    def edit(self, batch: "EditBatch", *, max_errors: int = _LOAD_DEFAULTS.max_errors) -> "Network":
        """A new network with the batch applied (all-or-nothing); this one is unchanged."""
        status, (handle, report) = _capi.attempt(
            "orgnet_network_edit", self.handle, batch.handle,
            _options(max_errors, _LOAD_DEFAULTS.max_warnings, _LOAD_DEFAULTS.threads))
        return _finish(status, handle, report)

    def scope(self, orgs: Sequence[str] = (), places: Sequence[str] = (), *,
              personal: bool = False) -> "Network":
        """A scoped view: a Network holding only the rows of ``orgs`` (organization ids: each
        one's leadership subtree, the rows attached to it and everything located in its
        district, street and community organizations) and ``places`` (grid ids, or ids of
        district, street or community organizations: everything located there), usable
        wherever a network is. Rows outside cannot be found; references to them read
        ``orgnet.OUTSIDE``; personal fields (members' and staff's names and the manifest's
        ``personal`` columns) read empty unless ``personal=True``. Rules: docs/permission.md.
        Raises NotFoundError naming the argument (``orgs[1]: no organization has id "X"``),
        InvalidArgumentError (no org and no place; a place of another kind), TypeError (a
        string where a list is expected)."""
        lists = []
        for name, ids in (("orgs", orgs), ("places", places)):
            if isinstance(ids, (str, bytes)):
                raise TypeError("%s must be a list of ids, not a single %s" % (
                    name, type(ids).__name__))
            ids = list(ids)
            for i, value in enumerate(ids):
                if not isinstance(value, str):
                    raise TypeError("%s[%d] must be a str id; got %s" % (
                        name, i, type(value).__name__))
            raw = [_bytes(value) for value in ids]
            lists.append(((C.c_char_p * max(1, len(raw)))(*raw),
                          (C.c_size_t * max(1, len(raw)))(*[len(b) for b in raw]), len(raw)))
        if not isinstance(personal, bool):
            raise TypeError("personal must be True or False; got %s" % type(personal).__name__)
        spec = _capi.gen.orgnet_scope_spec(_capi.gen.ORGNET_SCOPE_SPEC_VERSION,
                                           lists[0][0], lists[0][1], lists[0][2],
                                           lists[1][0], lists[1][1], lists[1][2], int(personal))
        return Network(call("orgnet_network_scope", self.handle, C.byref(spec)))

    @property
    def is_view(self) -> bool:
        """True for a scoped view (made by ``scope``)."""
        return bool(call("orgnet_network_is_view", self.handle))

    @property
    def version(self) -> int:
        """This version's number (one process-wide counter: no two networks share one)."""
        return call("orgnet_network_version", self.handle)[0]

    @property
    def parent_version(self) -> int:
        """The version this one was edited from (0 for a load)."""
        return call("orgnet_network_version", self.handle)[1]

    def builder(self) -> "Builder":
        """A Builder holding this network's rows."""
        return Builder(call("orgnet_builder_from_network", self.handle))

    # ------------------------------------------------------------------ contents
    def table(self, name: Union[str, int]) -> "Table":
        """The table called ``name`` ("orgs", "orgs.csv" or its number)."""
        number = _table_number(name)
        if number not in self._tables:
            self._tables[number] = Table(self, number)
        return self._tables[number]

    orgs = property(lambda self: self.table(0), doc="orgs.csv")
    grids = property(lambda self: self.table(1), doc="grids.csv")
    units = property(lambda self: self.table(2), doc="units.csv")
    members = property(lambda self: self.table(3), doc="members.csv")
    staff = property(lambda self: self.table(4), doc="staff.csv")
    links = property(lambda self: self.table(5), doc="links.csv")
    needs = property(lambda self: self.table(6), doc="needs.csv")
    resources = property(lambda self: self.table(7), doc="resources.csv")
    centres = property(lambda self: self.table(8), doc="centres.csv")
    events = property(lambda self: self.table(9), doc="events.csv")
    funds = property(lambda self: self.table(10), doc="funds.csv")

    @property
    def hierarchy(self) -> "Hierarchy":
        """Leadership queries."""
        return Hierarchy(self)

    @property
    def territory(self) -> "Territory":
        """Territory queries."""
        return Territory(self)

    @property
    def manifest(self) -> dict:
        """The manifest's entries, in file order."""
        return dict(call("orgnet_network_manifest_entry", self.handle, i)
                    for i in range(call("orgnet_network_manifest_count", self.handle)))

    @property
    def as_of(self) -> Optional[_dt.date]:
        """The manifest's as_of date, or None."""
        days = call("orgnet_network_as_of", self.handle)
        return None if days == _capi.NO_DATE else _EPOCH + _dt.timedelta(days=days)

    @property
    def default_date(self) -> _dt.date:
        """The date every date-dependent analysis (coverage, links, matching, events, haves)
        uses unless given one: ``as_of``, else the latest date the data holds, else
        1970-01-01. Never the day it runs: outputs repeat byte for byte."""
        return _EPOCH + _dt.timedelta(days=call("orgnet_network_default_date", self.handle))

    @property
    def memory_bytes(self) -> int:
        """Approximate bytes the library holds for this network."""
        return call("orgnet_network_memory", self.handle)

    def counts(self) -> dict:
        """Rows per table, for the tables present."""
        return {name: len(self.table(name)) for name in TABLES if self.table(name).present}

    def to_networkx(self, graph: str = "links", *, on=None, kinds: Optional[Sequence[str]] = None):
        """The link graph (``graph="links"``: a networkx MultiGraph, one edge per link row
        passing ``on``/``kinds``, with ``kind``, ``since``, ``until``) or the leadership tree
        (``graph="tree"``: a DiGraph, leader to led); nodes are org ids with ``name`` and
        ``kind``. Needs networkx (Debian: python3-networkx)."""
        from . import _graphs
        return _graphs.to_networkx(self, graph, on, kinds)

    def to_igraph(self, graph: str = "links", *, on=None, kinds: Optional[Sequence[str]] = None):
        """The same graph as ``to_networkx`` as a python-igraph Graph (vertex i = org row i;
        ``name`` = id, ``label`` = name, ``kind``). Needs python-igraph (python3-igraph)."""
        from . import _graphs
        return _graphs.to_igraph(self, graph, on, kinds)

    def _org_rows(self, orgs, name: str):
        """An org batch argument (ids or rows) as an array('I') of rows."""
        if _arrays.is_id_list(orgs, name):
            return self.orgs.indexes(orgs, name=name)
        return _arrays.rows_argument(orgs, name)

    def __repr__(self) -> str:
        view = " (a scoped view)" if self.is_view else ""
        return "<orgnet.Network%s %s>" % (view, ", ".join("%s=%d" % kv
                                                          for kv in self.counts().items()))


class Table:
    """One table of a network: rows by index (file order) or by id."""

    def __init__(self, network: Network, number: int):
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


def _same_length(*named) -> None:
    lengths = {name: len(values) for name, values in named}
    if len(set(lengths.values())) > 1:
        raise InvalidArgumentError("%s must be equally long; got %s" % (
            " and ".join(lengths), ", ".join("%d" % n for n in lengths.values())))


class Hierarchy:
    """Leadership queries by org id (an int is taken as an org index)."""

    def __init__(self, network: Network):
        self._network = network
        self._orgs = network.orgs

    def _index(self, org: OrgRef, name: str = "org") -> int:
        if isinstance(org, str):
            return self._orgs.index(org)
        if isinstance(org, int) and not isinstance(org, bool):
            return org
        raise TypeError("%s must be an org id (str) or row (int); got %s" % (
            name, type(org).__name__))

    def _ids(self, indexes: Sequence[int]) -> List[str]:
        ids = self._orgs.ids()
        return [ids[i] for i in indexes]

    def _id(self, index: int) -> Optional[str]:
        return None if index == NONE else self._orgs.id(index)

    def _scalar(self, function: str, *orgs) -> int:
        return call(function, self._network.handle, *(self._index(o) for o in orgs))

    def _list(self, function: str, org) -> List[int]:
        return call(function, self._network.handle, self._index(org)).tolist()

    def parent(self, org: OrgRef) -> Optional[str]:
        """The leader's id, or None for a root."""
        return self._id(self._scalar("orgnet_hierarchy_parent", org))

    def children(self, org: OrgRef) -> List[str]:
        """Directly led organizations, file order."""
        return self._ids(self._list("orgnet_hierarchy_children", org))

    def siblings(self, org: OrgRef) -> List[str]:
        """The parent's other children, file order; [] for a root."""
        return self._ids(self._list("orgnet_hierarchy_siblings", org))

    def ancestors(self, org: OrgRef) -> List[str]:
        """The path to the root: parent first, root last."""
        return self._ids(self._list("orgnet_hierarchy_ancestors", org))

    def subtree(self, org: OrgRef) -> List[str]:
        """The subtree in pre-order, the organization first."""
        return self._ids(self._list("orgnet_hierarchy_subtree", org))

    def descendants(self, org: OrgRef) -> List[str]:
        """The subtree without the organization, pre-order."""
        return self._ids(self._list("orgnet_hierarchy_descendants", org))

    def subtree_indexes(self, org: OrgRef) -> List[int]:
        """The subtree as org indexes (rows of orgs.csv), pre-order, the organization first."""
        return self._list("orgnet_hierarchy_subtree", org)

    @property
    def max_depth(self) -> int:
        """The greatest depth of any organization."""
        return call("orgnet_hierarchy_max_depth", self._network.handle)

    def walk(self, org: OrgRef) -> Iterator[str]:
        """Iterates the subtree in pre-order, the organization first."""
        ids = self._orgs.ids()
        for index in self._list("orgnet_hierarchy_subtree", org):
            yield ids[index]

    def of_kind(self, org: OrgRef, kind: str) -> List[str]:
        """Organizations of ``kind`` in the subtree (itself included), pre-order."""
        raw = _bytes(kind)
        return self._ids(call("orgnet_hierarchy_of_kind", self._network.handle, self._index(org),
                              raw, len(raw)))

    def depth(self, org: OrgRef) -> int:
        """Edges from the root (a root: 0)."""
        return self._scalar("orgnet_hierarchy_depth", org)

    def root(self, org: OrgRef) -> str:
        """The root of the organization's tree."""
        return self._orgs.id(self._scalar("orgnet_hierarchy_root", org))

    def preorder_position(self, org: OrgRef) -> int:
        """The organization's position in preorder(); its subtree follows it."""
        return self._scalar("orgnet_hierarchy_preorder_position", org)

    def subtree_size(self, org: OrgRef) -> int:
        """Organizations in the subtree, itself included."""
        return self._scalar("orgnet_hierarchy_subtree_size", org)

    def is_ancestor(self, ancestor: OrgRef, org: OrgRef) -> bool:
        """True when ``ancestor`` is a proper ancestor of ``org``."""
        return bool(call("orgnet_hierarchy_is_ancestor", self._network.handle,
                         self._index(ancestor), self._index(org)))

    def lca(self, a: OrgRef, b: OrgRef) -> Optional[str]:
        """The lowest common superior (an org counts as its own), or None across trees."""
        return self._id(self._scalar("orgnet_hierarchy_lca", a, b))

    def is_ancestor_many(self, ancestors, orgs, *, numpy: bool = False):
        """``is_ancestor(ancestors[i], orgs[i])`` for every i in one call: two equally long
        lists, arrays or numpy arrays of org ids (str) or rows (int). An ``array('B')`` of 0/1
        (numpy=True: a numpy bool array)."""
        a = self._network._org_rows(ancestors, "ancestors")
        b = self._network._org_rows(orgs, "orgs")
        _same_length(("ancestors", a), ("orgs", b))
        out = _arrays.new("B", len(a))
        call("orgnet_hierarchy_is_ancestor_many", _arrays.pointer(out), self._network.handle,
             _arrays.pointer(a), _arrays.pointer(b), len(a))
        return _arrays.as_numpy(out, numpy, "bool")

    def lca_many(self, a, b, *, numpy: bool = False):
        """``lca(a[i], b[i])`` for every i, as org rows in an ``array('I')`` (``orgnet.NONE``
        across trees; ``net.orgs.ids()`` names them); inputs as ``is_ancestor_many``."""
        ra = self._network._org_rows(a, "a")
        rb = self._network._org_rows(b, "b")
        _same_length(("a", ra), ("b", rb))
        out = _arrays.new("I", len(ra))
        call("orgnet_hierarchy_lca_many", _arrays.pointer(out), self._network.handle,
             _arrays.pointer(ra), _arrays.pointer(rb), len(ra))
        return _arrays.as_numpy(out, numpy)

    def depth_many(self, orgs, *, numpy: bool = False):
        """``depth(orgs[i])`` for every i, as an ``array('I')``."""
        rows = self._network._org_rows(orgs, "orgs")
        out = _arrays.new("I", len(rows))
        call("orgnet_hierarchy_depth_many", _arrays.pointer(out), self._network.handle,
             _arrays.pointer(rows), len(rows))
        return _arrays.as_numpy(out, numpy)

    def _whole(self, function: str, numpy: bool):
        return _arrays.as_numpy(call(function, self._network.handle), numpy)

    def subtree_sizes(self, *, numpy: bool = False):
        """The subtree size of every organization, indexed by org row (``array('I')``)."""
        return self._whole("orgnet_hierarchy_subtree_sizes", numpy)

    def depths(self, *, numpy: bool = False):
        """The depth of every organization, indexed by org row (``array('I')``)."""
        return self._whole("orgnet_hierarchy_depths", numpy)

    def __repr__(self) -> str:
        return "<orgnet.Hierarchy: %d organizations, %d roots, max depth %d>" % (
            len(self._orgs), len(self.roots()), self.max_depth)

    def roots(self) -> List[str]:
        """The roots, file order."""
        return self._ids(call("orgnet_hierarchy_roots", self._network.handle))

    def preorder(self) -> List[str]:
        """Every organization in pre-order."""
        return self._ids(call("orgnet_hierarchy_preorder", self._network.handle))




class Territory:
    """Where things are: grid -> community -> street -> district (dataset-v1's rules)."""

    def __init__(self, network: Network):
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


def _cells(cells: dict):
    names = [_bytes(str(k)) for k in cells]
    values = [_bytes("" if v is None else str(v)) for v in cells.values()]
    n = len(names)
    return (n, (C.c_char_p * n)(*names), (C.c_size_t * n)(*map(len, names)),
            (C.c_char_p * n)(*values), (C.c_size_t * n)(*map(len, values)))


class EditBatch(Handle):
    """An ordered batch of edits, applied all-or-nothing by Network.edit or Builder.apply."""

    def __init__(self):
        self._adopt(call("orgnet_edit_batch_new"))

    def __len__(self) -> int:
        return call("orgnet_edit_batch_size", self.handle)

    def _describe(self) -> str:
        return "%d edits" % len(self)

    def insert(self, table: str, **cells) -> "EditBatch":
        """Adds a row (column=value keywords). Every column must exist: a misspelt one fails the
        batch naming the closest (``add_column`` adds one on purpose)."""
        call("orgnet_edit_insert", self.handle, _table_number(table), *_cells(cells))
        return self

    def remove(self, table: str, id: str) -> "EditBatch":
        """Removes the row with ``id``."""
        raw = _bytes(id)
        call("orgnet_edit_remove", self.handle, _table_number(table), raw, len(raw))
        return self

    def set(self, table: str, id: str, column: str, value) -> "EditBatch":
        """Sets one cell of the row with ``id`` (the column must exist; see ``add_column``)."""
        i, c, v = _bytes(id), _bytes(column), _bytes("" if value is None else str(value))
        call("orgnet_edit_set", self.handle, _table_number(table), i, len(i), c, len(c), v,
             len(v))
        return self

    def rename(self, table: str, old_id: str, new_id: str) -> "EditBatch":
        """Renames a row; every reference to it follows."""
        a, b = _bytes(old_id), _bytes(new_id)
        call("orgnet_edit_rename", self.handle, _table_number(table), a, len(a), b, len(b))
        return self

    def remove_link(self, a: str, b: str, kind: str, since: str = "") -> "EditBatch":
        """Removes the link {a, b} of ``kind`` starting ``since``."""
        args = [_bytes(x) for x in (a, b, kind, since)]
        flat = [v for x in args for v in (x, len(x))]
        call("orgnet_edit_remove_link", self.handle, *flat)
        return self

    def set_row(self, table: str, row: int, column: str, value) -> "EditBatch":
        """Sets one cell of row ``row`` of a table without ids (links, funds), numbered as the
        table stands when the edit applies."""
        r = integer("row", row, 0, 2 ** 32 - 2)
        c, v = _bytes(column), _bytes("" if value is None else str(value))
        call("orgnet_edit_set_row", self.handle, _table_number(table), r, c, len(c), v, len(v))
        return self

    def remove_row(self, table: str, row: int) -> "EditBatch":
        """Removes row ``row`` of a table without ids (links, funds); the last row moves into
        its place."""
        r = integer("row", row, 0, 2 ** 32 - 2)
        call("orgnet_edit_remove_row", self.handle, _table_number(table), r)
        return self

    def add_column(self, table: str, column: str) -> "EditBatch":
        """Adds an extra column (empty in every row) for later edits to fill."""
        raw = _bytes(column)
        call("orgnet_edit_add_column", self.handle, _table_number(table), raw, len(raw))
        return self

    def add_org(self, id: str, name: str, kind: str, parent: str = "", grid: str = "",
                level: str = "") -> "EditBatch":
        """Adds an organization."""
        return self.insert("orgs", id=id, name=name, kind=kind, parent=parent, grid=grid,
                           level=level)

    def reparent(self, org: str, new_parent: str) -> "EditBatch":
        """Gives an organization a new leader ("" makes it a root)."""
        return self.set("orgs", org, "parent", new_parent)

    def add_link(self, a: str, b: str, kind: str, since: str = "", until: str = "") -> "EditBatch":
        """Adds a link."""
        return self.insert("links", a=a, b=b, kind=kind, since=since, until=until)


class Builder(Handle):
    """Collects rows as text and builds a Network with the checks of a load."""

    def __init__(self, handle=None):
        self._adopt(call("orgnet_builder_new") if handle is None else handle)

    def add(self, table: str, **cells) -> "Builder":
        """Adds a row (column=value keywords). Each keyword must be a column of the format or
        one the table has (``add_column``): another is InvalidArgumentError naming the closest
        column, and nothing is added, as for edits."""
        call("orgnet_builder_add_row", self.handle, _table_number(table), *_cells(cells))
        return self

    def add_column(self, table: str, column: str) -> "Builder":
        """Adds an extra column to ``table`` (empty in the rows it has), for ``add`` to fill.
        InvalidArgumentError for a column of the format; AlreadyExistsError (an Error) for one
        the table has."""
        name = _bytes(column)
        call("orgnet_builder_add_column", self.handle, _table_number(table), name, len(name))
        return self

    def set_manifest(self, key: str, value: str) -> "Builder":
        """Sets a manifest entry."""
        k, v = _bytes(key), _bytes(value)
        call("orgnet_builder_set_manifest", self.handle, k, len(k), v, len(v))
        return self

    def build(self, *, max_errors: int = _LOAD_DEFAULTS.max_errors) -> Network:
        """Validates and builds; raises LoadError listing the errors."""
        status, (handle, report) = _capi.attempt(
            "orgnet_builder_build", self.handle,
            _options(max_errors, _LOAD_DEFAULTS.max_warnings, _LOAD_DEFAULTS.threads))
        return _finish(status, handle, report)

    def apply(self, batch: EditBatch, *, max_errors: int = _LOAD_DEFAULTS.max_errors) -> Network:
        """Applies a batch and builds; on failure the builder is unchanged."""
        status, (handle, report) = _capi.attempt(
            "orgnet_builder_apply", self.handle, batch.handle,
            _options(max_errors, _LOAD_DEFAULTS.max_warnings, _LOAD_DEFAULTS.threads))
        return _finish(status, handle, report)


def load(path: str, *, max_errors: int = _LOAD_DEFAULTS.max_errors,
         max_warnings: int = _LOAD_DEFAULTS.max_warnings,
         threads: int = _LOAD_DEFAULTS.threads, progress: Progress = None) -> Network:
    """Same as Network.load."""
    return Network.load(path, max_errors=max_errors, max_warnings=max_warnings, threads=threads,
                        progress=progress)


def open_network(path, *, threads: int = _LOAD_DEFAULTS.threads,
                 max_errors: Optional[int] = None, max_warnings: Optional[int] = None,
                 check: Optional[str] = None, load_into_memory: Optional[bool] = None,
                 progress: Progress = None) -> Network:
    """Same as Network.open: a dataset folder or a snapshot file."""
    return Network.open(path, threads=threads, max_errors=max_errors, max_warnings=max_warnings,
                        check=check, load_into_memory=load_into_memory, progress=progress)
