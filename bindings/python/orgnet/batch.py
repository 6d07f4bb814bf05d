"""Edit batches as JSON lines (``orgnet edit DATASET BATCH.jsonl``): one edit per line.

Each line is one JSON object with an ``op`` and that op's keys (all values strings; numbers
are written as their decimal text, ``null`` as empty):

    {"op": "set", "table": "members", "id": "M1", "column": "name", "value": "张三"}
    {"op": "insert", "table": "members", "cells": {"id": "M9", "status": "formal", "org": "B1"}}
    {"op": "remove", "table": "members", "id": "M4"}
    {"op": "rename", "table": "orgs", "id": "J1", "to": "J9"}
    {"op": "reparent", "org": "U1", "parent": "C1"}
    {"op": "add_link", "a": "B3", "b": "C3", "kind": "pairing", "since": "2026-01-01", "until": ""}
    {"op": "remove_link", "a": "C1", "b": "U1", "kind": "joint_meeting", "since": "2024-01-01"}
    {"op": "add_column", "table": "members", "column": "phone"}
    {"op": "set_row", "table": "funds", "row": 3, "column": "amount", "value": "5000"}
    {"op": "remove_row", "table": "funds", "row": 7}

Rows of tables without ids (links, funds) are named by number (from 0), as the table stands
when the edit applies. Blank lines are skipped. A line that is not such an object is an error naming the file, the
line and (for JSON syntax) the column; nothing is applied unless every line reads.
"""

from __future__ import annotations

import json
from typing import Dict, List, Tuple

from .errors import InvalidArgumentError
from .network import EditBatch

__all__ = ["read_batch", "parse_batch", "OPS"]

#: Each op with its required keys and its optional ones.
OPS: Dict[str, Tuple[Tuple[str, ...], Tuple[str, ...]]] = {
    "set": (("table", "id", "column", "value"), ()),
    "insert": (("table", "cells"), ()),
    "remove": (("table", "id"), ()),
    "rename": (("table", "id", "to"), ()),
    "reparent": (("org", "parent"), ()),
    "add_link": (("a", "b", "kind"), ("since", "until")),
    "remove_link": (("a", "b", "kind"), ("since",)),
    "add_column": (("table", "column"), ()),
    "set_row": (("table", "row", "column", "value"), ()),
    "remove_row": (("table", "row"), ()),
}


def _shown(value) -> str:
    """A JSON value as at most 60 characters of JSON (never raising on deep or huge values)."""
    try:
        return json.dumps(value, ensure_ascii=True)[:60]
    except (ValueError, RecursionError):
        return "a %s" % type(value).__name__


def _text(value, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InvalidArgumentError("%s: expected text, got %s" % (where, _shown(value)))
    return value if isinstance(value, str) else str(value)


def parse_batch(lines: List[str], name: str = "<batch>") -> EditBatch:
    """An EditBatch from JSON lines; InvalidArgumentError naming ``name`` and the line."""
    batch = EditBatch()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = "%s:%d" % (name, number)
        try:
            edit = json.loads(line)
        except json.JSONDecodeError as e:
            raise InvalidArgumentError("%s:%d: %s" % (where, e.colno, e.msg)) from None
        except RecursionError:
            raise InvalidArgumentError("%s: nested too deeply (an edit is one flat JSON object)"
                                       % where) from None
        except ValueError as e:  # e.g. a number past Python's 4,300-digit limit
            raise InvalidArgumentError("%s: %s" % (where, str(e).split(";")[0])) from None
        if not isinstance(edit, dict):
            raise InvalidArgumentError("%s: expected a JSON object" % where)
        op = edit.get("op")
        if not isinstance(op, str) or op not in OPS:
            raise InvalidArgumentError("%s: op %s is not one of %s" % (
                where, _shown(op), ", ".join(sorted(OPS))))
        required, optional = OPS[op]
        missing = [k for k in required if k not in edit]
        unknown = sorted(k for k in edit if k != "op" and k not in required + optional)
        if missing:
            raise InvalidArgumentError("%s: %s needs %s" % (where, op, ", ".join(missing)))
        if unknown:
            raise InvalidArgumentError("%s: %s takes no key %s (its keys: %s)" % (
                where, op, ", ".join(unknown), ", ".join(required + optional)))
        get = {k: edit[k] for k in required + optional if k in edit}
        try:
            if op == "insert":
                cells = get["cells"]
                if not isinstance(cells, dict):
                    raise InvalidArgumentError("%s: cells is a JSON object of column: value" % where)
                batch.insert(_text(get["table"], where + ": table"),
                             **{str(k): _text(v, "%s: cells.%s" % (where, k)) for k, v in cells.items()})
            elif op == "set":
                batch.set(*(_text(get[k], "%s: %s" % (where, k)) for k in required))
            elif op == "remove":
                batch.remove(_text(get["table"], where), _text(get["id"], where))
            elif op == "rename":
                batch.rename(*(_text(get[k], "%s: %s" % (where, k)) for k in required))
            elif op == "reparent":
                batch.reparent(_text(get["org"], where), _text(get["parent"], where))
            elif op == "add_link":
                batch.add_link(*(_text(get.get(k), "%s: %s" % (where, k))
                                 for k in ("a", "b", "kind", "since", "until")))
            elif op == "remove_link":
                batch.remove_link(*(_text(get.get(k), "%s: %s" % (where, k))
                                    for k in ("a", "b", "kind", "since")))
            elif op in ("set_row", "remove_row"):
                row = get["row"]
                if isinstance(row, bool) or not isinstance(row, int):
                    raise InvalidArgumentError("%s: row is a whole number; got %s" % (
                        where, _shown(row)))
                if op == "set_row":
                    batch.set_row(_text(get["table"], where), row,
                                  _text(get["column"], where + ": column"),
                                  _text(get["value"], where + ": value"))
                else:
                    batch.remove_row(_text(get["table"], where), row)
            else:
                batch.add_column(_text(get["table"], where), _text(get["column"], where))
        except InvalidArgumentError as e:
            if str(e).startswith(where):  # already names the line
                raise
            raise InvalidArgumentError("%s: %s" % (where, e)) from None
        except Exception as e:  # an unknown table name and the like
            raise InvalidArgumentError("%s: %s" % (where, e)) from None
    return batch


def read_batch(path: str) -> EditBatch:
    """The EditBatch in the JSON-lines file at ``path`` (UTF-8; bytes that are not are an
    InvalidArgumentError naming the line and the byte)."""
    with open(path, "rb") as f:
        data = f.read()
    lines = []
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError as e:
            raise InvalidArgumentError("%s:%d: byte %d (0x%02x) is not UTF-8 text" % (
                path, number, e.start + 1, raw[e.start])) from None
    return parse_batch(lines, path)
