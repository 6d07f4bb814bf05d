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
               "import ctypes as C", "import enum as _enum", "", "",
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
        return "\n".join(out)

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
