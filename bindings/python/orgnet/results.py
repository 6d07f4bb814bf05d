"""Results written back to the application's database: coverage roll-ups and findings,
matching allocations, event, reach and three-haves roll-ups, in tables the caller names, each
write replacing the rows of its run key in one transaction (docs/database.md, "Writing
results")."""

from __future__ import annotations

from typing import Dict, Mapping, Optional

from . import _capi
from ._capi import call
from ._handle import Handle
from .errors import InvalidArgumentError
from .progress import Progress, watch

__all__ = ["RESULT_KINDS", "RESULT_TABLES", "ResultWriter", "write_results",
           "default_table_name"]

_TABLES = _capi.gen.ResultTable

#: The result tables' short names, in the header's order ("runs", "coverage_rollup", ...).
RESULT_TABLES = _TABLES.labels()

_ADD = "orgnet_result_writer_add_"
#: The kinds of result a writer takes, in the header's order ("coverage", "matching", ...):
#: one orgnet_result_writer_add_KIND function each, taking the analysis of that name.
RESULT_KINDS = tuple(name[len(_ADD):] for name in _capi.gen.FUNCTIONS if name.startswith(_ADD))


def default_table_name(table: str) -> str:
    """The default name of result table ``table`` ("coverage_rollup" ->
    "orgnet_coverage_rollup")."""
    return _capi.lib.orgnet_result_table_name(_table_number(table)).decode()


def _table_number(table: str) -> int:
    try:
        return _TABLES.from_label(table).value
    except KeyError:
        raise InvalidArgumentError("result table %r: not one of %s" %
                                   (table, ", ".join(RESULT_TABLES))) from None


def _text(value: str, name: str) -> bytes:
    if not isinstance(value, str):
        raise InvalidArgumentError("%s must be a str; got %s" % (name, type(value).__name__))
    return value.encode("utf-8")


class ResultWriter(Handle):
    """The results of one run, collected to be written together. ``add`` takes a Coverage,
    Matching, Events, Reach or Haves (all from one network version); ``write`` writes them.
    One thread at a time."""

    def __init__(self, run_key: str, *, tables: Optional[Mapping[str, str]] = None,
                 schema: Optional[str] = None):
        key = _text(run_key, "run_key")
        self._adopt(call("orgnet_result_writer_new", key, len(key)))
        if schema is not None:
            raw = _text(schema, "schema")
            call("orgnet_result_writer_set_schema", self.handle, raw, len(raw))
        for table, name in (tables or {}).items():
            raw = _text(name, "the name of table %r" % table)
            call("orgnet_result_writer_set_table", self.handle, _table_number(table), raw,
                 len(raw))

    def table_name(self, table: str) -> str:
        """The name ``table`` ("coverage_rollup", ...) is written to, as set (unquoted)."""
        return call("orgnet_result_writer_table", self.handle, _table_number(table))

    def add(self, result) -> "ResultWriter":
        """Adds a result (replacing one of the same kind); returns the writer."""
        # The analysis classes are named by their kinds (Coverage: "coverage", ...).
        kind = type(result).__name__.lower()
        if kind not in RESULT_KINDS or not isinstance(result, Handle):
            raise InvalidArgumentError("a result writer takes %s; got %s" % (
                ", ".join(k.capitalize() for k in RESULT_KINDS), type(result).__name__))
        call(_ADD + kind, self.handle, result.handle)
        return self

    def write(self, uri: str, *, progress: Progress = None) -> Dict[str, int]:
        """Writes the results to the database ``uri`` in one transaction and returns the
        rows written per table ({short name: rows}, tables not written left out). Raises
        FailedPreconditionError (nothing added), UnavailableError, NotFoundError,
        PermissionDeniedError, InvalidArgumentError, CancelledError, UnimplementedError (no
        database support); a failed write changes nothing."""
        raw = _text(uri, "uri")
        with watch(progress):
            call("orgnet_result_writer_write", self.handle, raw, len(raw))
        out = {}
        for table in _TABLES:
            rows = call("orgnet_result_writer_rows", self.handle, table.value)
            if rows:
                out[table.label] = rows
        return out


def write_results(uri: str, run_key: str, *, coverage=None, matching=None, events=None,
                  reach=None, haves=None, tables: Optional[Mapping[str, str]] = None,
                  schema: Optional[str] = None, progress: Progress = None) -> Dict[str, int]:
    """Writes the results given (a Coverage, Matching, Events, Reach, Haves of one network
    version) to the database ``uri`` under ``run_key``, replacing that run key's earlier rows
    in one transaction; ``tables`` renames tables ({"coverage_rollup": "dash.coverage"}),
    ``schema`` places the tables not named with one. Returns {table: rows written}."""
    with ResultWriter(run_key, tables=tables, schema=schema) as writer:
        for result in (coverage, matching, events, reach, haves):
            if result is not None:
                writer.add(result)
        return writer.write(uri, progress=progress)
