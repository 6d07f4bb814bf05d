"""The Pythonic API over the C ABI: Network (load, open, save, edit, scope), EditBatch and
Builder; its tables, hierarchy and territory are in table.py, hierarchy.py and territory.py."""

from __future__ import annotations

import ctypes as C
import datetime as _dt
import os
from typing import List, Optional, Sequence, Union

from . import _arrays, _capi
from .progress import Progress, watch
from ._args import integer, shown
from ._capi import call, lib
from ._handle import Handle
from ._args import table_number as _table_number
from .hierarchy import Hierarchy
from .table import Row, Table
from .territory import Place, Territory
from ._vocabulary import TABLES
from .errors import Diagnostic, InvalidArgumentError, LoadError, error_for

__all__ = ["Network", "Builder", "EditBatch", "SNAPSHOT_CHECKS", "load", "open_network",
           "is_snapshot", "is_database_uri", "has_database_support", "Table", "Row", "Hierarchy",
           "Territory", "Place", "TABLES"]

_EPOCH = _dt.date(1970, 1, 1)


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


def is_database_uri(source) -> bool:
    """True when ``source`` reads as a libpq connection URI (``postgresql://...``,
    ``postgres://...``) or conninfo string (``host=... dbname=...``): what Network.load and
    Network.open read as a database, unless a file or folder of that name exists."""
    if not isinstance(source, str):
        return False
    text = source.strip()
    if text.startswith(("postgresql://", "postgres://")):
        return True
    keyword, sep, _ = text.partition("=")
    return bool(sep) and keyword.strip().isidentifier() and "/" not in keyword


def has_database_support() -> bool:
    """Whether the loaded library reads databases (it was built with libpq)."""
    return bool(lib.orgnet_has_database_support())


def _mapping_bytes(mapping) -> bytes:
    """A mapping given as a dict (the JSON document's object), JSON text or a file's path."""
    import json
    if mapping is None:
        return b""
    if isinstance(mapping, dict):
        return json.dumps(mapping, ensure_ascii=False).encode("utf-8")
    if isinstance(mapping, str) and mapping.lstrip().startswith("{"):
        return mapping.encode("utf-8")
    if isinstance(mapping, (str, os.PathLike)):
        try:
            with open(mapping, "rb") as f:
                return f.read()
        except OSError as e:
            raise InvalidArgumentError("mapping: cannot read %s: %s" % (
                shown(os.fspath(mapping)), e.strerror or e)) from None
    raise InvalidArgumentError("mapping must be a dict, JSON text or a file's path; got %s" %
                               type(mapping).__name__)


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
             threads: int = _LOAD_DEFAULTS.threads, progress: Progress = None,
             mapping=None) -> "Network":
        """Loads a version-1 dataset folder, or a database (``path`` a ``postgresql://`` URI or
        libpq conninfo; ``mapping`` a dict, JSON text or JSON file: docs/database.md), checking
        every rule; raises LoadError (a ValueError) listing the errors (a database's name the
        table, the row's key and the column), NotFoundError for a missing folder, orgs.csv or
        table, UnavailableError when the server cannot be reached. ``progress(done, total,
        work)`` is called about every 50 ms; returning False stops the load (CancelledError),
        as Ctrl-C does (KeyboardInterrupt)."""
        options = _options(max_errors, max_warnings, threads)
        if is_database_uri(path) and not os.path.exists(path):  # a path that exists is a path
            uri, text = _bytes(path), _mapping_bytes(mapping)
            with watch(progress):
                status, (handle, report) = _capi.attempt(
                    "orgnet_network_load_database", uri, len(uri), text or None, len(text),
                    options)
            return _finish(status, handle, report)
        if mapping is not None:
            raise InvalidArgumentError("mapping applies to a database URI; %s is a path" %
                                       shown(os.fspath(path)))
        raw = _bytes(os.fspath(path))
        with watch(progress):
            status, (handle, report) = _capi.attempt("orgnet_network_load", raw, len(raw), options)
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
        snapshot_options = [name for name, value in (("check", check),
                                                     ("load_into_memory", load_into_memory))
                            if value is not None]
        if is_database_uri(path) and not os.path.exists(path):
            if snapshot_options:
                raise InvalidArgumentError("%s applies to snapshot files; the path is a database" %
                                           ", ".join(snapshot_options))
            return cls.load(path, threads=threads, progress=progress,
                            max_errors=_LOAD_DEFAULTS.max_errors if max_errors is None else max_errors,
                            max_warnings=(_LOAD_DEFAULTS.max_warnings if max_warnings is None
                                          else max_warnings))
        if os.path.isdir(path):
            if snapshot_options:
                raise InvalidArgumentError("%s applies to snapshot files; %s is a folder" % (
                    ", ".join(snapshot_options), shown(path)))
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

    def refresh(self, uri: str, *, mapping=None,
                max_errors: int = _LOAD_DEFAULTS.max_errors) -> "Network":
        """This network brought up to the database ``uri`` (read again in one transaction, as
        ``load``): a new version edited by the difference, sharing the unchanged storage and
        equal to a fresh load table by table; ``self`` unchanged. For servers without logical
        decoding (``orgnet.follow``'s alternative), views and queries, or a diverged follower's
        version. ``refreshed_edits`` on the result says how many edits it took."""
        raw, text = _bytes(uri), _mapping_bytes(mapping)
        handle, edits = call("orgnet_network_refresh_database", self.handle, raw, len(raw),
                             text or None, len(text),
                             _options(max_errors, _LOAD_DEFAULTS.max_warnings,
                                      _LOAD_DEFAULTS.threads))
        refreshed = Network(handle)
        refreshed.refreshed_edits = edits
        return refreshed

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
        from . import graphs as _graphs
        return _graphs.to_networkx(self, graph, on, kinds)

    def to_igraph(self, graph: str = "links", *, on=None, kinds: Optional[Sequence[str]] = None):
        """The same graph as ``to_networkx`` as a python-igraph Graph (vertex i = org row i;
        ``name`` = id, ``label`` = name, ``kind``). Needs python-igraph (python3-igraph)."""
        from . import graphs as _graphs
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
         threads: int = _LOAD_DEFAULTS.threads, progress: Progress = None,
         mapping=None) -> Network:
    """Same as Network.load: a dataset folder, or a database URI with its ``mapping``."""
    return Network.load(path, max_errors=max_errors, max_warnings=max_warnings, threads=threads,
                        progress=progress, mapping=mapping)


def open_network(path, *, threads: int = _LOAD_DEFAULTS.threads,
                 max_errors: Optional[int] = None, max_warnings: Optional[int] = None,
                 check: Optional[str] = None, load_into_memory: Optional[bool] = None,
                 progress: Progress = None) -> Network:
    """Same as Network.open: a dataset folder or a snapshot file."""
    return Network.open(path, threads=threads, max_errors=max_errors, max_warnings=max_warnings,
                        check=check, load_into_memory=load_into_memory, progress=progress)
