#!/usr/bin/env python3
"""Writes orgnet/_capi_gen.py, the ctypes declarations of the C ABI, from include/orgnet/orgnet.h.

The header is the contract: every ``#define`` constant, every struct (as a ctypes.Structure),
every opaque handle (a Structure of its own, so that a network passed where a builder belongs
fails in Python) and every function's argtypes and restype come from it. The parser knows the
header's small C subset and fails, naming the line, on any declaration it cannot read: it
never skips one.

    python3 bindings/python/gen_capi.py            # rewrite orgnet/_capi_gen.py
    python3 bindings/python/gen_capi.py --check    # exit 1 when the committed file differs

Standard library only. Type mapping (for pointers, n stars = n POINTER levels):
  const char*  -> c_char_p (input text)        char* -> c_void_p (text the library allocated)
  const char** / char** -> POINTER(c_void_p)   (text out-parameters, read with string_at)
  const char* const* -> POINTER(c_char_p)      void* -> c_void_p
  a handle or struct T* -> POINTER(T); scalars -> their ctypes type.
A field named by a Python keyword gets a trailing underscore (orgnet_event_options.from_).
"""

from __future__ import annotations

import keyword
import os
import re
import sys
from typing import Dict, List, NamedTuple, Optional, Tuple, Union

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = os.path.join(HERE, "..", "..", "include", "orgnet", "orgnet.h")
OUTPUT = os.path.join(HERE, "orgnet", "_capi_gen.py")

SCALARS = {
    "unsigned": "C.c_uint", "int": "C.c_int", "int32_t": "C.c_int32", "uint32_t": "C.c_uint32",
    "int64_t": "C.c_int64", "uint64_t": "C.c_uint64", "uint8_t": "C.c_uint8",
    "size_t": "C.c_size_t", "double": "C.c_double", "char": "C.c_char",
}
LIMITS = {"UINT32_MAX": 2 ** 32 - 1, "INT32_MIN": -2 ** 31, "INT64_MIN": -2 ** 63}


class ParseError(Exception):
    pass


class CType(NamedTuple):
    const: bool       # the pointee (or the value) is const
    base: str         # "int", "orgnet_network", ...
    stars: int        # pointer levels
    const_inner: bool  # for two stars: "const char* const*"


class Field(NamedTuple):
    name: str
    type: CType
    count: Optional[int]  # array length, or None


class Function(NamedTuple):
    name: str
    result: CType
    params: List[Tuple[str, CType]]


def python_name(name: str) -> str:
    """A C field name as a Python attribute: a keyword gets a trailing _ (from -> from_)."""
    return name + "_" if keyword.iskeyword(name) else name


def strip_comments(text: str) -> str:
    """Removes comments, keeping line breaks so that line numbers stay right."""
    def blank(match):
        return re.sub(r"[^\n]", " ", match.group(0))
    return re.sub(r"/\*.*?\*/|//[^\n]*", blank, text, flags=re.S)


def parse_type(text: str, line: int) -> CType:
    words = text.replace("*", " * ").split()
    const = const_inner = False
    stars = 0
    base = None
    seen_star = False
    for word in words:
        if word == "const":
            if seen_star:
                const_inner = True
            else:
                const = True
        elif word == "*":
            stars += 1
            seen_star = True
        elif base is None and (word in SCALARS or word == "void" or word.startswith("orgnet_")):
            base = word
        else:
            raise ParseError("line %d: cannot read the type %r" % (line, text.strip()))
    if base is None:
        raise ParseError("line %d: no type in %r" % (line, text.strip()))
    return CType(const, base, stars, const_inner)


def split_declarator(text: str, line: int) -> Tuple[CType, str, Optional[int]]:
    """'const char* const* kinds' -> (type, name, None); 'int32_t days[3]' -> (..., 3)."""
    match = re.fullmatch(r"\s*(.*?[\s*])([A-Za-z_]\w*)\s*(?:\[(\d+)\])?\s*", text)
    if not match:
        raise ParseError("line %d: cannot read the declaration %r" % (line, text.strip()))
    count = int(match.group(3)) if match.group(3) else None
    return parse_type(match.group(1), line), match.group(2), count


class Header:
    def __init__(self, text: str):
        self.constants: List[Tuple[str, Union[int, float]]] = []
        self.handles: List[str] = []
        self.structs: Dict[str, List[Field]] = {}
        self.callbacks: Dict[str, "Function"] = {}
        self.functions: List[Function] = []
        self._parse(text)

    def _value(self, text: str, line: int) -> Optional[Union[int, float]]:
        text = text.strip()
        if re.fullmatch(r"-?\d+", text):
            return int(text)
        if re.fullmatch(r"0[xX][0-9a-fA-F]+", text):
            return int(text, 16)
        if re.fullmatch(r"-?\d+\.\d+", text):  # a double constant (ORGNET_DEFAULT_REACH_METRES)
            return float(text)
        if text in LIMITS:
            return LIMITS[text]
        known = dict(self.constants)
        if text in known:
            return known[text]
        # "(NAME - 1)", "(NAME + 1)": a limit or constant plus or minus a number
        # (ORGNET_OUTSIDE, ORGNET_DATASET_DATE).
        match = re.fullmatch(r"\(\s*(\w+)\s*([-+])\s*(\d+)\s*\)", text)
        if match and (match.group(1) in LIMITS or match.group(1) in known):
            base = LIMITS.get(match.group(1), known.get(match.group(1)))
            step = int(match.group(3))
            return base - step if match.group(2) == "-" else base + step
        raise ParseError("line %d: cannot read the value of a #define: %r" % (line, text))

    def _parse(self, raw: str) -> None:
        text = strip_comments(raw)
        # Preprocessor lines: #define constants (continuations joined); the rest is known.
        lines = text.split("\n")
        body: List[str] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            number = i + 1
            stripped = line.strip()
            if stripped.startswith("#"):
                while line.rstrip().endswith("\\"):
                    i += 1
                    line = line.rstrip()[:-1] + " " + lines[i]
                    body.append("")
                directive = line.strip()
                if directive.startswith("#define"):
                    parts = directive.split(None, 2)
                    name = parts[1]
                    value = parts[2].strip() if len(parts) > 2 else ""
                    if value == "" and name.endswith("_H_"):
                        pass  # the include guard
                    elif value.startswith("{"):
                        pass  # an _INIT initializer: C needs it, ctypes takes the init function
                    else:
                        self.constants.append((name, self._value(value, number)))
                elif not re.match(r"#\s*(include|ifndef|ifdef|endif|if|else)\b", directive):
                    raise ParseError("line %d: unknown directive %r" % (number, directive))
                body.append("")
            else:
                body.append(line)
            i += 1
        code = "\n".join(body)
        code = re.sub(r'extern\s+"C"\s*\{', " ", code)
        code = code.replace("}  \n", "\n")
        # Statements, each with the line it starts on.
        position = 0
        depth = 0
        start = 0
        for offset, char in enumerate(code):
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            elif char == ";" and depth == 0:
                statement = code[start:offset]
                line = code.count("\n", 0, start + len(statement) - len(statement.lstrip())) + 1
                self._statement(statement.strip(), line)
                start = offset + 1
        rest = code[start:].strip()
        if rest not in ("", "}"):
            raise ParseError("unexpected text at the end of the header: %r" % rest[:80])

    def _statement(self, statement: str, line: int) -> None:
        statement = re.sub(r"\s+", " ", statement).strip()
        if statement.startswith("}"):  # the close of extern "C"
            statement = statement[1:].strip()
        if not statement:
            return
        opaque = re.fullmatch(r"typedef struct (orgnet_\w+) (orgnet_\w+)", statement)
        if opaque:
            if opaque.group(1) != opaque.group(2):
                raise ParseError("line %d: typedef names differ: %s" % (line, statement))
            self.handles.append(opaque.group(1))
            return
        callback = re.fullmatch(r"typedef (.+?) ?\(\*(orgnet_\w+)\)\((.*)\)", statement)
        if callback:
            result = parse_type(callback.group(1), line)
            params = []
            for parameter in callback.group(3).split(","):
                ctype, name, count = split_declarator(parameter, line)
                params.append((name, ctype))
            self.callbacks[callback.group(2)] = Function(callback.group(2), result, params)
            return
        struct = re.fullmatch(r"typedef struct (orgnet_\w+) \{(.*)\} (orgnet_\w+)", statement)
        if struct:
            name = struct.group(1)
            if name != struct.group(3):
                raise ParseError("line %d: typedef names differ: %s" % (line, statement))
            fields = []
            for declaration in struct.group(2).split(";"):
                if declaration.strip():
                    ctype, field, count = split_declarator(declaration, line)
                    fields.append(Field(field, ctype, count))
            self.structs[name] = fields
            return
        function = re.fullmatch(r"ORGNET_EXPORT (.+?)\b(orgnet_\w+) ?\((.*)\)", statement)
        if function:
            result = parse_type(function.group(1), line)
            params = []
            if function.group(3).strip() != "void":
                for parameter in function.group(3).split(","):
                    ctype, name, count = split_declarator(parameter, line)
                    if count is not None:
                        raise ParseError("line %d: array parameter %r" % (line, parameter))
                    params.append((name, ctype))
            self.functions.append(Function(function.group(2), result, params))
            return
        raise ParseError("line %d: cannot read the declaration %r" % (line, statement[:100]))

    # ------------------------------------------------------------------ ctypes text
    def ctype(self, t: CType, in_struct: bool = False) -> str:
        if t.base == "void":
            if t.stars == 0:
                return "None"
            if t.stars == 1:
                return "C.c_void_p"
            return "C.POINTER(" * (t.stars - 1) + "C.c_void_p" + ")" * (t.stars - 1)
        if t.base == "char":
            if t.stars == 1:
                return "C.c_char_p" if (t.const or in_struct) else "C.c_void_p"
            if t.stars == 2:
                return "C.POINTER(C.c_char_p)" if t.const_inner else "C.POINTER(C.c_void_p)"
            raise ParseError("char with %d pointer levels" % t.stars)
        if t.base in SCALARS:
            inner = SCALARS[t.base]
        elif t.base in self.structs or t.base in self.handles or t.base in self.callbacks:
            inner = t.base
        else:
            raise ParseError("unknown type %s" % t.base)
        return "C.POINTER(" * t.stars + inner + ")" * t.stars

    def python(self) -> str:
        out = ['"""ctypes declarations of the C ABI, generated from include/orgnet/orgnet.h by',
               'bindings/python/gen_capi.py: do not edit (a test regenerates it and fails on any',
               'difference)."""', "", "# fmt: off", "import ctypes as C", "", "",
               "# ---------------------------------------------------------------- constants"]
        for name, value in self.constants:
            out.append("%s = %r" % (name, value))
        out += ["", "", "# ---------------------------------------------------------------- handles",
                "# One type per opaque handle: passing one where another belongs fails in ctypes."]
        for name in self.handles:
            out += ["", "", "class %s(C.Structure):" % name,
                    '    """The opaque C type %s (used through POINTER)."""' % name]
        out += ["", "", "# ---------------------------------------------------------------- structs"]
        for name, fields in self.structs.items():
            out += ["", "", "class %s(C.Structure):" % name,
                    '    """The C struct %s."""' % name, "    _fields_ = ["]
            for field in fields:
                ctype = self.ctype(field.type, in_struct=True)
                if field.count is not None:
                    ctype = "%s * %d" % (ctype, field.count)
                out.append('        ("%s", %s),' % (python_name(field.name), ctype))
            out.append("    ]")
        out += ["", "", "# ---------------------------------------------------------------- callbacks"]
        for name, f in self.callbacks.items():
            args = ", ".join(self.ctype(t, in_struct=True) for _, t in f.params)
            out += ["", "#: The C callback type %s." % name,
                    "%s = C.CFUNCTYPE(%s, %s)" % (name, self.ctype(f.result), args)]
        out += ["", "", "# ---------------------------------------------------------------- functions",
                "#: name -> (restype, argtypes), in the header's order.", "FUNCTIONS = {"]
        for f in self.functions:
            args = ", ".join(self.ctype(t) for _, t in f.params)
            out.append('    "%s": (%s, [%s]),' % (f.name, self.ctype(f.result), args))
        out += ["}", ""]
        return "\n".join(out)

    def layout_c(self) -> str:
        """A C program printing every struct's size and fields' offsets, for the layout test."""
        out = ["#include <stddef.h>", "#include <stdio.h>", '#include "orgnet/orgnet.h"',
               "int main(void) {"]
        for name, fields in self.structs.items():
            out.append('  printf("%s %%zu\\n", sizeof(%s));' % (name, name))
            for field in fields:
                out.append('  printf("%s.%s %%zu\\n", offsetof(%s, %s));' %
                           (name, field.name, name, field.name))
        out += ["  return 0;", "}", ""]
        return "\n".join(out)


def read_header(path: str = HEADER) -> Header:
    with open(path, encoding="utf-8") as f:
        return Header(f.read())


def main(argv: List[str]) -> int:
    try:
        text = read_header().python()
    except ParseError as e:
        print("gen_capi.py: %s: %s" % (os.path.relpath(HEADER), e), file=sys.stderr)
        return 2
    if "--check" in argv:
        with open(OUTPUT, encoding="utf-8") as f:
            if f.read() != text:
                print("gen_capi.py: %s is stale: run python3 bindings/python/gen_capi.py" %
                      os.path.relpath(OUTPUT), file=sys.stderr)
                return 1
        return 0
    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
