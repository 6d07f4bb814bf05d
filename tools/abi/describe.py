#!/usr/bin/python3
"""Describes the C ABI (include/orgnet/orgnet.h) as language-neutral JSON: tools/abi/orgnet_abi.json.

The header is read by a real C parser, libclang (Debian's python3-clang, which only
/usr/bin/python3 sees): every constant (#define with its value, its group and its comment),
opaque handle, struct (fields with their C types, array lengths, offsets and sizes as the
compiler lays them out), callback and function (parameters, result, doc comment), in the
header's order. Every binding is generated from this description (tools/abi/emit_python.py;
one more emitter per language), so that none restates the header.

    /usr/bin/python3 tools/abi/describe.py           # rewrite tools/abi/orgnet_abi.json
    /usr/bin/python3 tools/abi/describe.py --check   # exit 1 when the committed file differs

A declaration the description cannot express (a type outside the header's C subset, a macro
whose value is not a number) is an error naming the line: nothing is skipped.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from typing import Dict, List, Optional

import clang.cindex as ci

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from regenerate import write_or_check  # noqa: E402  (tools/abi/regenerate.py)
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
HEADER = os.path.join(ROOT, "include", "orgnet", "orgnet.h")
OUTPUT = os.path.join(HERE, "orgnet_abi.json")
# Integers of <stdint.h> the header's constants are made of.
LIMITS = {"UINT32_MAX": 2 ** 32 - 1, "INT32_MIN": -2 ** 31, "INT64_MIN": -2 ** 63}
SCALARS = {"unsigned int": "unsigned", "int": "int", "int32_t": "int32_t", "uint32_t": "uint32_t",
           "int64_t": "int64_t", "uint64_t": "uint64_t", "uint8_t": "uint8_t",
           "size_t": "size_t", "double": "double", "char": "char", "void": "void"}


class DescribeError(Exception):
    pass


def _shim_includes(folder: str) -> None:
    """The two headers CMake generates, as their declarations need them (only orgnet.h's own
    declarations are described)."""
    os.makedirs(os.path.join(folder, "orgnet"), exist_ok=True)
    with open(os.path.join(folder, "orgnet", "orgnet_export.h"), "w") as f:
        f.write('#define ORGNET_EXPORT __attribute__((visibility("default")))\n')
    with open(os.path.join(folder, "orgnet", "version.h"), "w") as f:
        f.write("")


def _type(t: "ci.Type", line: int) -> Dict:
    """A C type as the description holds it: base name, const, pointer levels, the inner const
    of a two-level pointer ("const char* const*")."""
    stars = 0
    const_inner = False
    levels = []
    while t.kind == ci.TypeKind.POINTER:
        levels.append(t.is_const_qualified())
        t = t.get_pointee()
        stars += 1
    const = t.is_const_qualified()
    if stars == 2:
        const_inner = levels[1]  # the const of the first pointee ("const char* const*")
    spelling = t.spelling.replace("const ", "").strip()
    if t.kind == ci.TypeKind.ELABORATED or t.kind == ci.TypeKind.TYPEDEF or t.kind == ci.TypeKind.RECORD:
        if spelling.startswith("orgnet_") or spelling.startswith("struct orgnet_"):
            base = spelling.replace("struct ", "")
        elif spelling in SCALARS:
            base = SCALARS[spelling]
        else:
            raise DescribeError("line %d: cannot describe the type %r" % (line, t.spelling))
    elif spelling in SCALARS:
        base = SCALARS[spelling]
    else:
        raise DescribeError("line %d: cannot describe the type %r" % (line, t.spelling))
    return {"base": base, "const": const, "stars": stars, "const_inner": const_inner}


def _comment(cursor) -> str:
    raw = cursor.raw_comment or ""
    return raw


def _value(tokens: List[str], known: Dict[str, object], line: int):
    text = " ".join(tokens)
    if re.fullmatch(r"-?\d+", text.replace(" ", "")):
        return int(text.replace(" ", ""))
    if re.fullmatch(r"0[xX][0-9a-fA-F]+", text):
        return int(text, 16)
    if re.fullmatch(r"-?\d+\.\d+", text.replace(" ", "")):
        return float(text.replace(" ", ""))
    if text in LIMITS:
        return LIMITS[text]
    if text in known:
        return known[text]
    match = re.fullmatch(r"\( (\w+) ([-+]) (\d+) \)", text)
    if match and (match.group(1) in LIMITS or match.group(1) in known):
        base = LIMITS.get(match.group(1), known.get(match.group(1)))
        step = int(match.group(3))
        return base - step if match.group(2) == "-" else base + step
    return None


def _groups(lines: List[str]) -> List[Dict]:
    """The header's @name groups: {name, start, end} (lines of the @name comment's start and of
    the closing @})."""
    out: List[Dict] = []
    current: Optional[Dict] = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if "@name" in line:
            start = i
            text = []
            while True:
                text.append(lines[i])
                if "*/" in lines[i]:
                    break
                i += 1
            comment = " ".join(t.strip().lstrip("/*").rstrip("*/").strip() for t in text)
            name = re.search(r"@name\s+(.*?)(?:@abi\{|@\{|$)", comment).group(1).strip()
            current = {"name": name, "start": start + 1, "end": None}
            out.append(current)
        elif re.match(r"\s*/\*\*\s*@\}\s*\*/", line) and current is not None:
            current["end"] = i + 1
            current = None
        i += 1
    return out


def _group_at(groups: List[Dict], line: int) -> Optional[Dict]:
    for group in groups:
        if group["start"] <= line <= (group["end"] or 10 ** 9):
            return group
    return None


ANNOTATION = re.compile(r"@abi\{([^}]*)\}")


def _clean(doc: str) -> str:
    """A doc comment's text without the binding annotations."""
    return re.sub(r"\s+", " ", ANNOTATION.sub("", doc)).strip()


def _enumerations(lines: List[str], groups: List[Dict], constants: List[Dict]) -> List[Dict]:
    """The enumerations and flag sets the header declares with @abi{enum NAME PREFIX} or
    @abi{flags NAME PREFIX}: inside a @name group, the group's constants whose names start with
    PREFIX; elsewhere, every such constant of the header. Names ending in _COUNT, _VERSION or
    _INIT are sizes and versions, not members. A member's label (the lower-case name bindings
    show) is its name without PREFIX, unless its comment says @abi{label TEXT}."""
    out = []
    for number, line in enumerate(lines, 1):
        for match in ANNOTATION.finditer(line):
            words = match.group(1).split()
            if not words or words[0] not in ("enum", "flags"):
                continue
            if words[0] == "enum" and len(words) == 2:
                continue  # a struct field's meaning (@abi{enum NAME}), read with its struct
            if len(words) != 3:
                raise DescribeError("line %d: @abi{%s} wants KIND NAME PREFIX"
                                    % (number, match.group(1)))
            kind, name, prefix = words
            group = _group_at(groups, number)
            members = []
            for c in constants:
                if not c["name"].startswith(prefix) or c["name"] == prefix.rstrip("_"):
                    continue
                if re.search(r"_(COUNT|VERSION|INIT)$", c["name"]):
                    continue
                if group is not None and c["group"] != group["name"]:
                    continue
                label = re.search(r"@abi\{label\s+([^}\s]+)\}", c.get("raw_doc", ""))
                member = c["name"][len(prefix):]
                members.append({"name": member, "constant": c["name"], "value": c["value"],
                                "label": label.group(1) if label else member.lower(),
                                "doc": c["doc"]})
            if not members:
                raise DescribeError("line %d: @abi{%s}: no constant starts with %s"
                                    % (number, match.group(1), prefix))
            if kind == "flags":
                for m in members:
                    if not isinstance(m["value"], int) or m["value"] <= 0 or \
                            m["value"] & (m["value"] - 1):
                        raise DescribeError("line %d: flag %s is not a power of two"
                                            % (number, m["constant"]))
            out.append({"name": name, "kind": kind, "prefix": prefix, "line": number,
                        "group": group["name"] if group else None, "members": members})
    return out


INTEGERS = ("uint32_t", "int32_t", "int64_t", "uint64_t", "int", "unsigned", "size_t")


def _param_refs(function: Dict, tables: set) -> None:
    """@abi{ref TABLE PARAM...} on a function: the named parameters (inputs, or outputs: one
    row or an array of rows) hold rows of TABLE (a table's label); ``param["ref"]``. Bindings
    take ids for such inputs and hand such outputs out as ids (ORGNET_NONE: none)."""
    params = {p["name"]: p for p in function["params"]}
    for match in ANNOTATION.finditer(function["doc"]):
        words = match.group(1).split()
        if not words or words[0] != "ref":
            continue
        if len(words) < 3 or words[1] not in tables:
            raise DescribeError("%s: @abi{%s} wants ref TABLE PARAM..., TABLE one of %s"
                                % (function["name"], match.group(1), ", ".join(sorted(tables))))
        for name in words[2:]:
            p = params.get(name)
            if p is None or p["type"]["base"] not in INTEGERS or p["role"] in ("counted", "buffer"):
                raise DescribeError("%s: @abi{%s}: %s is no integer input or output"
                                    % (function["name"], match.group(1), name))
            p["ref"] = words[1]


def _binding(function: Dict, handles: set) -> None:
    """@abi{method CLASS NAME} or @abi{property CLASS NAME}: bindings give the class CLASS a
    method (a property: no argument) NAME calling this function with the object's handle as
    its first input and the other inputs as arguments, returning its output (one scalar, text
    or array: of rows, converted by the row's meanings)."""
    found = [m.group(1).split() for m in ANNOTATION.finditer(function["doc"])]
    found = [w for w in found if w and w[0] in ("method", "property")]
    if not found:
        return
    if len(found) > 1 or len(found[0]) != 3:
        raise DescribeError("%s: one @abi{method|property CLASS NAME}" % function["name"])
    kind, cls, name = found[0]
    inputs = [p for p in function["params"] if p["role"] == "input"]
    handed = [p for p in function["params"] if p["role"] in ("output", "pointer")]
    if not inputs or inputs[0]["type"]["base"] not in handles:
        raise DescribeError("%s: a method's first input is its object's handle" % function["name"])
    if kind == "property" and len(inputs) != 1:
        raise DescribeError("%s: a property takes no argument" % function["name"])
    if len(handed) != 1 or handed[0].get("kind") in ("handle", "address", "bytes"):
        raise DescribeError("%s: a generated method hands out one scalar, text or array"
                            % function["name"])
    function["binding"] = {"kind": kind, "class": cls, "name": name}


def _count_name(count: str) -> str:
    """The parameter a count names ("count+1" -> "count")."""
    return count[:-2] if count.endswith("+1") else count


ROLE_WORDS = ("borrowed", "owned", "count", "buffer")
SIZE_TYPES = ("size_t", "uint32_t")


def _roles(function: Dict, handles: set, functions: Dict) -> None:
    """Gives each parameter of ``function`` its role, from its C type and the function's
    annotations, and fails on a parameter whose role the header leaves open.

    input      read by the function (the default)
    output     a scalar or struct the function writes (``T* out``, T not const, not a handle)
    pointer    an array, text or handle the function hands out (``T** out``): it has an
               ``ownership`` (@abi{borrowed}: valid while the handle it came from lives and
               is unchanged; @abi{owned FREE}: the caller releases it with FREE), and an array
               or text has a ``count``, the parameter holding its length (``NAME_count``,
               ``NAME_len`` or ``NAME_bytes``; for ``out`` also ``out_count``/``out_len``; else
               the function's one size output; else @abi{count NAME COUNT}, where COUNT may be
               an input and may end in ``+1``)
    buffer     a caller's array the function fills (@abi{buffer NAME COUNT})
    counted    an output that only holds a pointer's length (consumed with it)

    @abi{borrowed}/@abi{owned FREE} without names cover every pointer of the function;
    @abi{owned FREE NAME...} only those named. Borrowed pointers are exactly the const ones
    (the header's rule), a handle's FREE takes that handle, and FREE exists."""
    name = function["name"]
    params = {p["name"]: p for p in function["params"]}
    ownership: Dict[str, Dict] = {}
    counts: Dict[str, str] = {}
    buffers: Dict[str, str] = {}
    for match in ANNOTATION.finditer(function["doc"]):
        words = match.group(1).split()
        if not words or words[0] not in ROLE_WORDS:
            continue
        kind, rest = words[0], words[1:]
        if kind in ("count", "buffer"):
            if len(rest) != 2 or rest[0] not in params or \
                    (rest[1] != "?" and _count_name(rest[1]) not in params):
                raise DescribeError("%s: @abi{%s} wants NAME COUNT, parameters of the "
                                    "function" % (name, match.group(1)))
            (counts if kind == "count" else buffers)[rest[0]] = rest[1]
            continue
        free = None
        if kind == "owned":
            if not rest or rest[0] not in functions:
                raise DescribeError("%s: @abi{%s} names no release function"
                                    % (name, match.group(1)))
            free, rest = rest[0], rest[1:]
        for target in rest or ["*"]:
            if target != "*" and target not in params:
                raise DescribeError("%s: @abi{%s}: no parameter %s"
                                    % (name, match.group(1), target))
            ownership[target] = {"ownership": kind, "free": free}
    sizes = []
    for p in function["params"]:
        t = p["type"]
        role = "input"
        if p["name"] in buffers:
            role = "buffer"
        elif t["stars"] >= 2 and not t["const_inner"]:
            role = "pointer"
        elif t["stars"] == 1 and not t["const"] and t["base"] not in handles and \
                t["base"] not in ("void", "char"):
            role = "output"
        p["role"] = role
        if role == "output" and t["base"] in SIZE_TYPES:
            sizes.append(p["name"])
        if role == "buffer":
            p["count"] = buffers[p["name"]]
    pointers = [p for p in function["params"] if p["role"] == "pointer"]
    for p in pointers:
        t = p["type"]
        own = ownership.get(p["name"]) or ownership.get("*")
        if own is None:
            raise DescribeError("%s: %s is handed out, but no @abi{borrowed} or @abi{owned "
                                "FREE} says who releases it" % (name, p["name"]))
        if (own["ownership"] == "borrowed") != bool(t["const"]):
            raise DescribeError("%s: %s is %s but %s: borrowed outputs are the const ones"
                                % (name, p["name"], own["ownership"],
                                   "const" if t["const"] else "not const"))
        if t["base"] in handles:
            p["kind"] = "handle"
            free = functions.get(own["free"] or "")
            if free is None or [q["type"]["base"] for q in free["params"]] != [t["base"]]:
                raise DescribeError("%s: %s, a %s, is released by %s, which does not take one"
                                    % (name, p["name"], t["base"], own["free"]))
        else:
            p["kind"] = "text" if t["base"] == "char" else \
                "bytes" if t["base"] == "void" else "array"
            count = counts.get(p["name"])
            if count is None:
                candidates = [p["name"] + s for s in ("_count", "_len", "_bytes")]
                if p["name"] == "out":
                    candidates += ["out_count", "out_len"]
                found = [c for c in candidates if c in params]
                if found:
                    count = found[0]
                elif len(sizes) == 1:
                    count = sizes[0]
                else:
                    raise DescribeError("%s: the length of %s is not said (@abi{count %s "
                                        "COUNT})" % (name, p["name"], p["name"]))
            p["count"] = count
            if count == "?":  # not a parameter: bindings hand out the address
                p["kind"] = "address"
            counted = params.get(_count_name(count))
            if counted is not None and counted["role"] == "output":
                counted["role"] = "counted"
        p["ownership"] = own["ownership"]
        if own["free"]:
            p["free"] = own["free"]
    for target in list(ownership) + list(counts):
        if target != "*" and params[target]["role"] != "pointer":
            raise DescribeError("%s: %s is not a pointer the function hands out"
                                % (name, target))


FIELD_MEANINGS = {  # annotation word -> how many words follow it
    "ref": 1, "row": 1, "bool": 0, "enum": 1, "nan": 0, "absent": 1, "index": 1, "text": None,
    "month": 0}
ROW_TYPES = ("int", "float", "str", "date", "text", "bool")


def _row(struct: Dict, structs: Dict, enumerations: set) -> None:
    """Reads a struct's result-row annotations into ``struct["row"]`` and each field's
    ``meaning``, failing on what does not fit.

    Fields: @abi{ref TABLE} a row of TABLE (a table's label; ``place``: the table the caller
    names, e.g. a roll-up's; ``$FIELD``: the table whose number FIELD holds), handed to
    bindings as its id (ORGNET_NONE: none; ORGNET_OUTSIDE: outside a view); @abi{row TABLE}
    the same kept as a row number; @abi{bool} 0/1; @abi{enum NAME} a member of the
    enumeration NAME, as its label; @abi{nan} NaN means none; @abi{absent V} V means none;
    @abi{index LIST} an index into a list the caller gives (-1: none); @abi{text [LEN]} text,
    NUL-terminated or of the length in field LEN; @abi{month} year * 12 + month - 1 as
    "YYYY-MM" (-1: none).

    Struct: @abi{row NAME ENTRY...}: the result row NAME, its fields in order, each ENTRY
    ``FIELD`` (a struct field, converted by its meaning), ``NAME=FIELD``, ``NAME=FIELD.SUB``
    (a field of a nested struct, or, through a ref field, the cell SUB of that row),
    ``NAME=$`` (a value the caller gives per row); a ``:TYPE`` suffix (int, float, str, date,
    text: a str, "" for none; bool) types a cell or a caller's value. @abi{alias OLD NEW}: OLD
    is kept as a read-only older name of NEW."""
    fields = {f["name"]: f for f in struct["fields"]}
    for field in struct["fields"]:
        meanings = [m.group(1).split() for m in ANNOTATION.finditer(field["doc"])]
        if len(meanings) > 1:
            raise DescribeError("%s.%s: more than one meaning" % (struct["name"], field["name"]))
        if not meanings:
            continue
        words = meanings[0]
        arity = FIELD_MEANINGS.get(words[0], -1)
        if arity == -1 or (arity is not None and len(words) != arity + 1) or len(words) > 2:
            raise DescribeError("%s.%s: @abi{%s} is not a field's meaning (%s)" % (
                struct["name"], field["name"], " ".join(words), ", ".join(FIELD_MEANINGS)))
        kind, arg = words[0], (words[1] if len(words) > 1 else None)
        if kind == "enum" and arg not in enumerations:
            raise DescribeError("%s.%s: no enumeration %s" % (struct["name"], field["name"], arg))
        if kind in ("ref", "row") and arg.startswith("$") and arg[1:] not in fields:
            raise DescribeError("%s.%s: no field %s" % (struct["name"], field["name"], arg[1:]))
        if kind == "text" and arg is not None and arg not in fields:
            raise DescribeError("%s.%s: no field %s" % (struct["name"], field["name"], arg))
        if kind == "absent":
            arg = int(arg)
        field["meaning"] = {"kind": kind, "arg": arg}
    declared = [m.group(1).split() for m in ANNOTATION.finditer(struct["doc"])]
    rows = [w for w in declared if w and w[0] == "row"]
    aliases = [w[1:] for w in declared if w and w[0] == "alias"]
    if not rows:
        if aliases or any("meaning" in f for f in struct["fields"]):
            raise DescribeError("%s: field meanings without @abi{row NAME ...}" % struct["name"])
        return
    words = rows[0]
    if len(rows) > 1 or len(words) < 3:
        raise DescribeError("%s: one @abi{row NAME ENTRY...}" % struct["name"])
    entries = []
    for entry in words[2:]:
        name, _, source = entry.partition("=")
        source = source or name
        source, _, typed = source.partition(":")
        if typed and typed not in ROW_TYPES:
            raise DescribeError("%s: %s: type %s is not one of %s" % (
                struct["name"], entry, typed, ", ".join(ROW_TYPES)))
        field, _, sub = source.partition(".")
        described = {"name": name, "field": None if field == "$" else field,
                     "sub": sub or None, "type": typed or None}
        if field != "$":
            if field not in fields:
                raise DescribeError("%s: %s: no field %s" % (struct["name"], entry, field))
            meaning = fields[field].get("meaning", {})
            base = fields[field]["type"]["base"]
            if sub and base in structs:
                if sub not in {f["name"] for f in structs[base]["fields"]}:
                    raise DescribeError("%s: %s: %s has no field %s" % (
                        struct["name"], entry, base, sub))
                described["nested"] = base
            elif sub and meaning.get("kind") not in ("ref", "row"):
                raise DescribeError("%s: %s: %s is no row reference to read a cell through" % (
                    struct["name"], entry, field))
        entries.append(described)
    names = [e["name"] for e in entries]
    if len(set(names)) != len(names):
        raise DescribeError("%s: a row field named twice" % struct["name"])
    for alias in aliases:
        if len(alias) != 2 or alias[1] not in names:
            raise DescribeError("%s: @abi{alias OLD NEW}: NEW must be a row field" %
                                struct["name"])
    struct["row"] = {"name": words[1], "fields": entries,
                     "aliases": [{"old": a[0], "new": a[1]} for a in aliases]}


def describe(header: str = HEADER) -> Dict:
    with open(header, encoding="utf-8") as f:
        source = f.read()
    lines = source.split("\n")
    groups = _groups(lines)
    with tempfile.TemporaryDirectory() as shim:
        _shim_includes(shim)
        index = ci.Index.create()
        tu = index.parse(header, args=["-x", "c", "-std=c11", "-I", shim, "-I",
                                       os.path.join(ROOT, "include"), "-fparse-all-comments"],
                         options=ci.TranslationUnit.PARSE_DETAILED_PROCESSING_RECORD)
        errors = [d for d in tu.diagnostics if d.severity >= ci.Diagnostic.Error]
        if errors:
            raise DescribeError("; ".join("line %d: %s" % (d.location.line, d.spelling)
                                          for d in errors))
        constants, handles, structs, callbacks, functions = [], [], [], [], []
        known: Dict[str, object] = {}
        seen_structs = set()
        for cursor in tu.cursor.get_children():
            location = cursor.location
            if location.file is None or os.path.abspath(location.file.name) != os.path.abspath(header):
                continue
            line = location.line
            if cursor.kind == ci.CursorKind.MACRO_DEFINITION:
                tokens = [t.spelling for t in cursor.get_tokens()][1:]
                name = cursor.spelling
                if not tokens and name.endswith("_H_"):
                    continue  # the include guard
                if tokens and tokens[0] == "{":
                    continue  # an _INIT initializer: C needs it; bindings take the init function
                value = _value(tokens, known, line)
                if value is None:
                    raise DescribeError("line %d: cannot read the value of %s: %r"
                                        % (line, name, " ".join(tokens)))
                known[name] = value
                doc = ""
                trailing = re.search(r"/\*\*<\s*(.*?)\s*\*/", lines[line - 1])
                if trailing:
                    doc = trailing.group(1)
                else:  # a /** ... */ comment ending on the line above
                    j = line - 2
                    if j >= 0 and lines[j].rstrip().endswith("*/"):
                        k = j
                        while k >= 0 and "/**" not in lines[k]:
                            k -= 1
                        doc = " ".join(l.strip() for l in lines[k:j + 1])
                        doc = re.sub(r"^/\*\*\s*|\s*\*/$", "", doc)
                        doc = re.sub(r"\s*\*\s+", " ", doc).strip()
                group = _group_at(groups, line)
                constants.append({"name": name, "value": value, "line": line,
                                  "doc": _clean(doc), "raw_doc": doc,
                                  "group": group["name"] if group else None})
            elif cursor.kind == ci.CursorKind.TYPEDEF_DECL:
                underlying = cursor.underlying_typedef_type
                decl = underlying.get_declaration()
                if underlying.kind == ci.TypeKind.POINTER and \
                        underlying.get_pointee().kind == ci.TypeKind.FUNCTIONPROTO:
                    proto = underlying.get_pointee()
                    params = []
                    for i, arg in enumerate(proto.argument_types()):
                        params.append({"name": None, "type": _type(arg, line)})
                    # The parameter names, from the declaration's tokens.
                    names = [c.spelling for c in cursor.get_children()
                             if c.kind == ci.CursorKind.PARM_DECL]
                    for p, n in zip(params, names):
                        p["name"] = n
                    callbacks.append({"name": cursor.spelling, "line": line,
                                      "result": _type(proto.get_result(), line),
                                      "params": params, "doc": _comment(cursor)})
                elif decl.kind == ci.CursorKind.STRUCT_DECL:
                    fields = list(decl.type.get_fields())
                    if not decl.is_definition() or not fields:
                        if decl.spelling != cursor.spelling:
                            raise DescribeError("line %d: typedef names differ" % line)
                        handles.append({"name": cursor.spelling, "line": line,
                                        "doc": _comment(cursor)})
                        continue
                    if decl.spelling != cursor.spelling:
                        raise DescribeError("line %d: typedef names differ" % line)
                    described = []
                    for field in fields:
                        t = field.type
                        count = None
                        if t.kind == ci.TypeKind.CONSTANTARRAY:
                            count = t.element_count
                            t = t.element_type
                        entry = {"name": field.spelling, "type": _type(t, field.location.line),
                                 "count": count, "offset": field.get_field_offsetof() // 8,
                                 "doc": _comment(field)}
                        if count is not None:
                            # The array's length as the header spells it (a named constant).
                            tokens = [tk.spelling for tk in field.get_tokens()]
                            bracket = tokens.index("[") if "[" in tokens else -1
                            entry["count_name"] = tokens[bracket + 1] if bracket >= 0 else None
                        described.append(entry)
                    structs.append({"name": cursor.spelling, "line": line,
                                    "size": decl.type.get_size(), "fields": described,
                                    "doc": _comment(cursor)})
                    seen_structs.add(cursor.spelling)
                else:
                    raise DescribeError("line %d: cannot describe the typedef %s"
                                        % (line, cursor.spelling))
            elif cursor.kind == ci.CursorKind.FUNCTION_DECL:
                params = [{"name": a.spelling, "type": _type(a.type, line)}
                          for a in cursor.get_arguments()]
                functions.append({"name": cursor.spelling, "line": line,
                                  "result": _type(cursor.result_type, line), "params": params,
                                  "doc": _comment(cursor)})
            elif cursor.kind in (ci.CursorKind.STRUCT_DECL, ci.CursorKind.INCLUSION_DIRECTIVE,
                                 ci.CursorKind.MACRO_INSTANTIATION):
                continue  # a struct is described with its typedef
            else:
                raise DescribeError("line %d: cannot describe %s %s"
                                    % (line, cursor.kind, cursor.spelling))
    enumerations = _enumerations(lines, groups, constants)
    handle_names = {h["name"] for h in handles}
    function_names = {f["name"]: f for f in functions}
    tables = next((e for e in enumerations if e["name"] == "Table"), {"members": []})
    table_labels = {m["label"] for m in tables["members"]}
    for f in functions:
        _roles(f, handle_names, function_names)
        _param_refs(f, table_labels)
        _binding(f, handle_names)
    enumeration_names = {e["name"] for e in enumerations}
    struct_names = {st["name"]: st for st in structs}
    for st in structs:
        _row(st, struct_names, enumeration_names)
    for c in constants:
        del c["raw_doc"]
    return {"header": os.path.relpath(header, ROOT), "constants": constants,
            "enumerations": enumerations, "handles": handles, "structs": structs,
            "callbacks": callbacks, "functions": functions}


def render(description: Dict) -> str:
    return json.dumps(description, ensure_ascii=False, indent=1) + "\n"


def main(argv: List[str]) -> int:
    try:
        text = render(describe())
    except DescribeError as e:
        print("describe.py: %s: %s" % (os.path.relpath(HEADER, ROOT), e), file=sys.stderr)
        return 2
    return write_or_check(OUTPUT, text, '/usr/bin/python3 tools/abi/describe.py', argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
