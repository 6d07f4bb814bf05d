#!/usr/bin/env python3
"""Writes bindings/python/orgnet/_capi_gen.py, the ctypes declarations of the C ABI, from the
ABI's description (tools/abi/orgnet_abi.json, made from the header by tools/abi/describe.py).

Every constant, every struct (as a ctypes.Structure), every opaque handle (a Structure of its
own, so that a network passed where a builder belongs fails in Python), every callback type and
every function's argtypes and restype come from the description; nothing is restated by hand.

    python3 tools/abi/emit_python.py            # rewrite orgnet/_capi_gen.py
    python3 tools/abi/emit_python.py --check    # exit 1 when the committed file differs

Standard library only. Type mapping (for pointers, n stars = n POINTER levels):
  const char*  -> c_char_p (input text)        char* -> c_void_p (text the library allocated)
  const char** / char** -> POINTER(c_void_p)   (text out-parameters, read with string_at)
  const char* const* -> POINTER(c_char_p)      void* -> c_void_p
  a handle or struct T* -> POINTER(T); scalars -> their ctypes type.
A field named by a Python keyword gets a trailing underscore (orgnet_event_options.from_).
"""

from __future__ import annotations

import json
import keyword
import os
import sys
from typing import Dict, List

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from regenerate import write_or_check  # noqa: E402  (tools/abi/regenerate.py)
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DESCRIPTION = os.path.join(HERE, "orgnet_abi.json")
OUTPUT = os.path.join(ROOT, "bindings", "python", "orgnet", "_capi_gen.py")

SCALARS = {
    "unsigned": "C.c_uint", "int": "C.c_int", "int32_t": "C.c_int32", "uint32_t": "C.c_uint32",
    "int64_t": "C.c_int64", "uint64_t": "C.c_uint64", "uint8_t": "C.c_uint8",
    "size_t": "C.c_size_t", "double": "C.c_double", "char": "C.c_char",
}


class EmitError(Exception):
    pass


def python_name(name: str) -> str:
    """A C field name as a Python attribute: a keyword gets a trailing _ (from -> from_)."""
    return name + "_" if keyword.iskeyword(name) else name


class PythonEmitter:
    def __init__(self, description: Dict):
        self.d = description
        self.named = ({s["name"] for s in description["structs"]} |
                      {h["name"] for h in description["handles"]} |
                      {c["name"] for c in description["callbacks"]})

    def ctype(self, t: Dict, in_struct: bool = False) -> str:
        base, stars = t["base"], t["stars"]
        if base == "void":
            if stars == 0:
                return "None"
            if stars == 1:
                return "C.c_void_p"
            return "C.POINTER(" * (stars - 1) + "C.c_void_p" + ")" * (stars - 1)
        if base == "char":
            if stars == 1:
                return "C.c_char_p" if (t["const"] or in_struct) else "C.c_void_p"
            if stars == 2:
                return "C.POINTER(C.c_char_p)" if t["const_inner"] else "C.POINTER(C.c_void_p)"
            raise EmitError("char with %d pointer levels" % stars)
        if base in SCALARS:
            inner = SCALARS[base]
        elif base in self.named:
            inner = base
        else:
            raise EmitError("unknown type %s" % base)
        return "C.POINTER(" * stars + inner + ")" * stars

    def text(self) -> str:
        d = self.d
        out = ['"""ctypes declarations of the C ABI, generated from tools/abi/orgnet_abi.json (the',
               'description of include/orgnet/orgnet.h) by tools/abi/emit_python.py: do not edit',
               '(a test regenerates it and fails on any difference)."""', "", "# fmt: off",
               "import ctypes as C", "import enum as _enum",
               "from dataclasses import dataclass as _dataclass",
               "from datetime import date as _date", "from math import isnan as _isnan",
               "from typing import Optional as _Optional, Tuple as _Tuple, Union as _Union", "", "",
               "class _Enumeration(_enum.IntEnum):",
               '    """An enumeration of the C ABI: an int that prints its name and knows its label."""',
               "",
               "    @property",
               "    def label(self) -> str:",
               '        """The lower-case name bindings show (the header\'s @abi{label}, else the name)."""',
               "        return type(self)._labels[self.value]",
               "",
               "    @classmethod",
               "    def labels(cls) -> tuple:",
               '        """Every member\'s label, in the header\'s order."""',
               "        return tuple(member.label for member in cls)",
               "",
               "    @classmethod",
               "    def from_label(cls, label: str):",
               '        """The member whose label is ``label`` (KeyError otherwise)."""',
               "        for member in cls:",
               "            if member.label == label:",
               "                return member",
               "        raise KeyError(label)",
               "",
               "",
               "class _Flags(_enum.IntFlag):",
               '    """A set of flags of the C ABI: each bit knows its label."""',
               "",
               "    @classmethod",
               "    def labels_of(cls, value: int) -> frozenset:",
               '        """The labels of the bits set in ``value``."""',
               "        return frozenset(label for bit, label in cls._labels.items() if value & bit)",
               "",
               "",
               "# ---------------------------------------------------------------- constants"]
        for c in d["constants"]:
            out.append("%s = %r" % (c["name"], c["value"]))
        out += ["", "", "# ---------------------------------------------------------------- enumerations",
                "# The header's @abi{enum ...} and @abi{flags ...} sets: members as the header",
                "# numbers them, each with the label bindings show (``member.label``)."]
        for e in d.get("enumerations", []):
            base = "_Flags" if e["kind"] == "flags" else "_Enumeration"
            doc = e["group"] or e["name"]
            out += ["", "", "class %s(%s):" % (e["name"], base),
                    '    """%s (the C constants %s*)."""' % (doc.replace('"', "'"), e["prefix"])]
            for m in e["members"]:
                out.append("    %s = %d%s" % (m["name"], m["value"],
                                             ("  #: " + m["doc"]) if m["doc"] else ""))
            out.append("")
            out.append("")
            out.append("%s._labels = {%s}" % (e["name"], ", ".join(
                "%d: %r" % (m["value"], m["label"]) for m in e["members"])))
        out += ["", "", "# ---------------------------------------------------------------- handles",
                "# One type per opaque handle: passing one where another belongs fails in ctypes."]
        for h in d["handles"]:
            out += ["", "", "class %s(C.Structure):" % h["name"],
                    '    """The opaque C type %s (used through POINTER)."""' % h["name"]]
        out += ["", "", "# ---------------------------------------------------------------- structs"]
        for s in d["structs"]:
            out += ["", "", "class %s(C.Structure):" % s["name"],
                    '    """The C struct %s."""' % s["name"], "    _fields_ = ["]
            for field in s["fields"]:
                ctype = self.ctype(field["type"], in_struct=True)
                if field["count"] is not None:
                    ctype = "%s * %d" % (ctype, field["count"])
                out.append('        ("%s", %s),' % (python_name(field["name"]), ctype))
            out.append("    ]")
        out += self.rows()
        out += ["", "", "# ---------------------------------------------------------------- callbacks"]
        for f in d["callbacks"]:
            args = ", ".join(self.ctype(p["type"], in_struct=True) for p in f["params"])
            out += ["", "#: The C callback type %s." % f["name"],
                    "%s = C.CFUNCTYPE(%s, %s)" % (f["name"], self.ctype(f["result"]), args)]
        out += ["", "", "# ---------------------------------------------------------------- functions",
                "#: name -> (restype, argtypes), in the header's order.", "FUNCTIONS = {"]
        for f in d["functions"]:
            args = ", ".join(self.ctype(p["type"]) for p in f["params"])
            out.append('    "%s": (%s, [%s]),' % (f["name"], self.ctype(f["result"]), args))
        out += ["}", ""]
        out += self.ownership()
        out += self.methods()
        return "\n".join(out)

    def rows(self) -> List[str]:
        """A frozen dataclass per struct the header declares a result row (@abi{row ...}),
        with ``from_structs(structs, context)``, which converts as the fields' meanings say."""
        structs = {st["name"]: st for st in self.d["structs"]}
        out = ["", "", "# ---------------------------------------------------------------- result rows",
               "# One dataclass per @abi{row NAME ...} struct. from_structs(structs, context) converts",
               "# the library's structs; ``context`` gives what the structs only point to:",
               "#   context.ids(table)            ids by row of a table (label, number or \"place\")",
               "#   context.column(table, name)   a column's cells by row, as Python values",
               "#   context.list(name)            a list the library names by index (rules, ...)",
               "#   context.value(name, i, s)     a value the caller gives for row i (struct s)",
               "#   context.outside               what a row outside a scoped view reads as",
               "",
               "",
               "def _ref(ids, row, outside):",
               '    """The id of a row; None for ORGNET_NONE, ``outside`` for ORGNET_OUTSIDE."""',
               "    if row == ORGNET_NONE:",
               "        return None",
               "    if row == ORGNET_OUTSIDE:",
               "        return outside",
               "    return ids[row]",
               "",
               "",
               "def _cell(cells, row):",
               '    """The cell of a row; None for ORGNET_NONE and ORGNET_OUTSIDE."""',
               "    return None if row == ORGNET_NONE or row == ORGNET_OUTSIDE else cells[row]",
               "",
               "",
               "def _text(struct, field, length):",
               '    """The text a struct\'s pointer field holds: NUL-terminated, or ``length`` bytes."""',
               "    if length is None:",
               "        raw = getattr(struct, field)",
               '        return raw.decode("utf-8") if raw else ""',
               "    address = C.c_void_p.from_buffer(struct, getattr(type(struct), field).offset).value",
               '    return C.string_at(address, length).decode("utf-8") if length else ""',
               "",
               "",
               "def _month(value):",
               '    """year * 12 + month - 1 as "YYYY-MM"; None for -1."""',
               '    return None if value < 0 else "%04d-%02d" % (value // 12, value % 12 + 1)']
        for st in self.d["structs"]:
            if "row" in st:
                out += self.row_class(st, structs)
        return out

    TYPE_HINTS = {"int": "int", "float": "float", "str": "str", "date": "_Optional[_date]",
                  "text": "str", "bool": "bool"}

    def row_class(self, st: Dict, structs: Dict) -> List[str]:
        row = st["row"]
        fields = {f["name"]: f for f in st["fields"]}
        hints, exprs, setup, docs = [], [], {}, []
        for entry in row["fields"]:
            hint, expr, doc = self.row_field(st, fields, structs, entry, setup)
            hints.append(hint)
            exprs.append(expr)
            docs.append(doc)
        doc = _doc_text(st["doc"]).replace('"""', "'")
        out = ["", "", "@_dataclass(frozen=True)", "class %s:" % row["name"],
               '    """%s (the C struct %s)."""' % (doc.rstrip("."), st["name"]), ""]
        for entry, hint, doc in zip(row["fields"], hints, docs):
            out.append("    %s: %s%s" % (entry["name"], hint, ("  #: " + doc) if doc else ""))
        for alias in row["aliases"]:
            out += ["", "    @property", "    def %s(self):" % alias["old"],
                    '        """The older name of ``%s``."""' % alias["new"],
                    "        return self.%s" % alias["new"]]
        out += ["", "    @classmethod", "    def from_structs(cls, structs, context) -> list:",
                '        """Rows from %s structs (see the comment above _ref)."""' % st["name"]]
        for line in setup.values():
            out.append("        " + line)
        out.append("        return [cls(%s)" % ",\n                    ".join(exprs))
        out.append("                for i, s in enumerate(structs)]")
        return out

    CONVERSION_NOTES = {"ref": "as an id; NONE: None", "row": "NONE: None", "nan": "NaN: None",
                        "absent": "%s: None", "index": "by name; -1: None", "bool": "as bool",
                        "enum": "as its label", "month": "as YYYY-MM; -1: None"}

    def row_field(self, st: Dict, fields: Dict, structs: Dict, entry: Dict, setup: Dict):
        """(type hint, expression, comment) of a row field, with the comment saying how a
        converted field was converted."""
        hint, expr, doc = self.row_field_raw(st, fields, structs, entry, setup)
        field = fields.get(entry["field"] or "", {})
        meaning = field.get("meaning", {})
        note = self.CONVERSION_NOTES.get(meaning.get("kind"))
        if note and not entry["sub"] and doc:
            if "%s" in note:
                note = note % meaning.get("arg")
            doc = "%s (%s)" % (doc, note)
        return hint, expr, doc

    def row_field_raw(self, st: Dict, fields: Dict, structs: Dict, entry: Dict, setup: Dict):
        """(type hint, expression over struct ``s`` at index ``i``, comment) of a row field."""
        typed = entry["type"]
        if entry["field"] is None:
            return (self.TYPE_HINTS.get(typed, "object"),
                    "context.value(%r, i, s)" % entry["name"], "")
        field = fields[entry["field"]]
        attr = "s." + python_name(field["name"])
        meaning = field.get("meaning", {})
        kind, arg = meaning.get("kind"), meaning.get("arg")
        doc = _doc_text(field["doc"])
        if entry.get("nested"):
            inner = {f["name"]: f for f in structs[entry["nested"]]["fields"]}[entry["sub"]]
            return (self.plain_hint(inner), "%s.%s" % (attr, python_name(entry["sub"])),
                    _doc_text(inner["doc"]))
        if entry["sub"]:  # a cell of the row the field refers to
            table = arg
            key = "cells_%s_%s" % (table.lstrip("$"), entry["sub"])
            if table.startswith("$"):
                raise EmitError("%s: a cell through a table chosen per row" % st["name"])
            setup[key] = "%s = context.column(%r, %r)" % (key, table, entry["sub"])
            expr = "_cell(%s, %s)" % (key, attr)
            if typed == "text":
                expr = '(%s or "")' % expr
            hint = self.TYPE_HINTS.get(typed, "object") if typed != "date" else "_Optional[_date]"
            if typed in (None, "str"):
                hint = "_Optional[str]" if typed == "str" else "object"
            return hint, expr, ""
        if kind == "ref":
            if arg.startswith("$"):
                return ("str", "_ref(context.ids(%s), %s, context.outside)" % (
                    "s." + python_name(arg[1:]), attr), doc)
            key = "ids_" + arg
            setup[key] = "%s = context.ids(%r)" % (key, arg)
            return "_Optional[str]", "_ref(%s, %s, context.outside)" % (key, attr), doc
        if kind == "row":
            return ("_Optional[int]", "(None if %s == ORGNET_NONE else %s)" % (attr, attr), doc)
        if kind == "bool":
            return "bool", "bool(%s)" % attr, doc
        if kind == "enum":
            return "str", "%s._labels[%s]" % (arg, attr), doc
        if kind == "nan":
            return "_Optional[float]", "(None if _isnan(%s) else %s)" % (attr, attr), doc
        if kind == "absent":
            return ("_Optional[int]", "(None if %s == %d else %s)" % (attr, arg, attr), doc)
        if kind == "index":
            key = "list_" + arg
            setup[key] = "%s = context.list(%r)" % (key, arg)
            return ("_Optional[str]", "(None if %s < 0 else %s[%s])" % (attr, key, attr), doc)
        if kind == "text":
            length = "s." + python_name(arg) if arg else "None"
            return "str", "_text(s, %r, %s)" % (python_name(field["name"]), length), doc
        if kind == "month":
            return "_Optional[str]", "_month(%s)" % attr, doc
        if field["count"] is not None:
            return "_Tuple[int, ...]", "tuple(%s)" % attr, doc
        return self.plain_hint(field), attr, doc

    @staticmethod
    def plain_hint(field: Dict) -> str:
        return "float" if field["type"]["base"] == "double" else "int"

    def methods(self) -> List[str]:
        """A mixin class per CLASS the header's @abi{method|property CLASS NAME} names: each
        method calls its function with ``self.handle`` and its arguments (through the class's
        ``_call``, the binding's ``_capi.call``: this module imports no other), and returns the
        output — an array of rows converted by ``Row.from_structs(..., self._row_context())``,
        an array of scalars as a list."""
        rows = {st["name"]: st["row"]["name"] for st in self.d["structs"] if "row" in st}
        classes: Dict[str, List[str]] = {}
        for f in self.d["functions"]:
            b = f.get("binding")
            if not b:
                continue
            params = [p for p in f["params"] if p["role"] == "input"][1:]
            inputs = [p["name"] for p in params]
            (out,) = [p for p in f["params"] if p["role"] in ("output", "pointer")]
            passed = ["self._row(%r, %s)" % (p["ref"], p["name"]) if p.get("ref") else p["name"]
                      for p in params]
            value = "self._call(%r, self.handle%s)" % (
                f["name"], "".join(", " + n for n in passed))
            hint = "int" if out["type"]["base"] != "double" else "float"
            note = ""
            if out.get("kind") == "array":
                row = rows.get(out["type"]["base"])
                if row:
                    value, hint = "%s.from_structs(%s, self._row_context())" % (row, value), "list"
                elif out.get("ref"):
                    value, hint = "_ids(self._row_context(), %r, %s)" % (out["ref"], value), "list"
                    note = "%s rows as ids" % out["ref"]
                else:
                    value, hint = "%s.tolist()" % value, "list"
            elif out.get("kind") == "text":
                hint = "str"
            elif out.get("ref"):
                value = "_ids(self._row_context(), %r, [%s])[0]" % (out["ref"], value)
                hint, note = "_Optional[str]", "%s row as its id; NONE: None" % out["ref"]
            lines = classes.setdefault(b["class"], [])
            lines.append("")
            if b["kind"] == "property":
                lines.append("    @property")
            arguments = "".join(", %s%s" % (p["name"], ": _Union[str, int]" if p.get("ref")
                                                      else "") for p in params)
            doc = _summary(f["doc"]) + (" (%s)" % note if note else "")
            lines += ["    def %s(self%s) -> %s:" % (b["name"], arguments, hint),
                      '        """%s (%s)."""' % (doc, f["name"]),
                      "        return " + value]
        out = ["", "", "# ---------------------------------------------------------------- methods",
               "# The header's @abi{method CLASS NAME} and @abi{property CLASS NAME}: the binding's",
               "# class CLASS inherits CLASSMethods, and gives them ``handle``, ``_call`` (the",
               "# binding's call()), ``_row(table, value)`` (an id or a row as the row: @abi{ref})",
               "# and ``_row_context()`` (see the comment above _ref).",
               "",
               "",
               "def _ids(context, table, rows):",
               '    """Rows of ``table`` as ids (None for ORGNET_NONE)."""',
               "    ids = context.ids(table)",
               "    return [_ref(ids, r, context.outside) for r in rows]"]
        for cls, lines in classes.items():
            out += ["", "", "class %sMethods:" % cls,
                    '    """Methods of %s generated from the header."""' % cls] + lines
        return out + [""]

    @staticmethod
    def count(function: Dict, count):
        """A length as (position of the parameter holding it, 1 when it is one more), None
        when the description states none, or "?" when it is not a parameter."""
        if count is None or count == "?":
            return count
        extra = 1 if count.endswith("+1") else 0
        name = count[:-2] if extra else count
        names = [p["name"] for p in function["params"]]
        return (names.index(name), extra)

    def ownership(self) -> List[str]:
        """OUTPUTS: what each function hands out and who releases it; RELEASE: the release
        function of each handle type (from the header's @abi{owned FREE} annotations)."""
        out = ["", "# ---------------------------------------------------------------- outputs",
               "#: name -> ((position, parameter, role, kind, ownership, release, count), ...) for",
               "#: every parameter that is not a plain input (the header's @abi{borrowed},",
               "#: @abi{owned FREE}, @abi{count} and @abi{buffer}; tools/abi/describe.py, _roles):",
               "#: role output (a scalar or struct written), pointer (an array, text, bytes,",
               "#: address or handle handed out), counted (a pointer's length), buffer (the",
               "#: caller's array, filled). ownership: borrowed or owned (release: the function",
               "#: that frees it). count: (position of the parameter holding the length, 1 when the",
               "#: length is one more), or \"?\" when no parameter holds it.",
               "OUTPUTS = {"]
        release: Dict[str, str] = {}
        for f in self.d["functions"]:
            rows = []
            for i, p in enumerate(f["params"]):
                if p.get("role", "input") == "input":
                    continue
                rows.append("(%d, %r, %r, %r, %r, %r, %r)" % (
                    i, p["name"], p["role"], p.get("kind"), p.get("ownership"), p.get("free"),
                    self.count(f, p.get("count"))))
                if p.get("kind") == "handle":
                    known = release.setdefault(p["type"]["base"], p["free"])
                    if known != p["free"]:
                        raise EmitError("%s: %s is released by %s here, by %s elsewhere" % (
                            f["name"], p["type"]["base"], p["free"], known))
            if rows:
                out.append('    "%s": (%s,),' % (f["name"], ", ".join(rows)))
        out += ["}", "", "#: handle type -> the function that releases it.", "RELEASE = {"]
        for h in self.d["handles"]:
            if h["name"] in release:
                out.append('    "%s": "%s",' % (h["name"], release[h["name"]]))
        out += ["}", ""]
        return out


def _doc_text(doc: str) -> str:
    """A doc comment as one line of text, without its markers and annotations."""
    import re
    text = re.sub(r"@abi\{[^}]*\}", "", doc or "")
    text = re.sub(r"^/\*\*<?|\*/$", "", text.strip())
    text = re.sub(r"\s*\n\s*\*?\s*", " ", text)
    text = text.replace("::", "").replace("`", "")
    return re.sub(r"\s+", " ", text).strip()


def _summary(doc: str) -> str:
    """A function's comment up to its Status: line, as one line of text."""
    import re
    text = _doc_text(doc).split("Status:")[0]
    # How C hands the result out is no concern of a method's caller.
    text = re.sub(r"[;,]? (a )?borrowed( array)?|[;,]? allocated \(orgnet_free\(\)\)", "", text)
    text = re.sub(r"(^|\s)\*(\s|$)", " ", text).replace("@p ", "").replace('"', "'")
    return re.sub(r"\s+", " ", text).strip().rstrip(".")


def read_description(path: str = DESCRIPTION) -> Dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def layout_c(description: Dict) -> str:
    """A C program printing every struct's size and fields' offsets, for the layout test."""
    out = ["#include <stddef.h>", "#include <stdio.h>", '#include "orgnet/orgnet.h"',
           "int main(void) {"]
    for s in description["structs"]:
        out.append('  printf("%s %%zu\\n", sizeof(%s));' % (s["name"], s["name"]))
        for field in s["fields"]:
            out.append('  printf("%s.%s %%zu\\n", offsetof(%s, %s));' %
                       (s["name"], field["name"], s["name"], field["name"]))
    out += ["  return 0;", "}", ""]
    return "\n".join(out)


def main(argv: List[str]) -> int:
    try:
        text = PythonEmitter(read_description()).text()
    except EmitError as e:
        print("emit_python.py: %s: %s" % (os.path.relpath(DESCRIPTION, ROOT), e), file=sys.stderr)
        return 2
    return write_or_check(OUTPUT, text, 'python3 tools/abi/emit_python.py', argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
