"""Issue 26, point 1: no module of the package restates what the C header says. An AST scan
of bindings/python/orgnet (the generated _capi_gen.py aside) finds no literal status code
where an exception is made or a status is checked, no literal tuple, list or set whose
strings are exactly the labels of one of the header's enumerations (the generated classes
carry them: orgnet._capi_gen.Table.labels(), ...), and no dict keyed by (table, column) pairs
(the schema: Table.column_target reads it from the library). Dicts keyed by labels (the
Chinese translations of report.py and _format.py) are the next step of the issue: one
description of each result's columns in both languages.

Nor does any module but _capi.py judge who owns an output: none calls a C function that
hands out an array, text or handle (the header's @abi{borrowed}/@abi{owned FREE}: OUTPUTS in
_capi_gen.py) or a release function directly, and none makes an output pointer
(``C.POINTER(T)()``) for one; they go through ``_capi.call()``."""

import ast
import ctypes
import glob
import os
import unittest

from orgnet import _capi_gen

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PACKAGE = os.path.join(ROOT, "bindings", "python", "orgnet")
STATUS_CODES = {int(s) for s in _capi_gen.Status if s != _capi_gen.Status.OK}


def modules():
    for path in sorted(glob.glob(os.path.join(PACKAGE, "**", "*.py"), recursive=True)):
        if os.path.basename(path) != "_capi_gen.py":
            with open(path, encoding="utf-8") as f:
                yield os.path.relpath(path, ROOT), ast.parse(f.read())


def enumerations():
    return [value for value in vars(_capi_gen).values()
            if isinstance(value, type) and issubclass(value, (_capi_gen._Enumeration,
                                                               _capi_gen._Flags))
            and value not in (_capi_gen._Enumeration, _capi_gen._Flags)]


def is_int(node):
    return isinstance(node, ast.Constant) and type(node.value) is int


def name_of(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def shapes_restated(path, tree, shapes):
    """Classes whose annotated fields, and literal lists of strings, that spell out one of
    ``shapes`` (three names or more)."""
    found = []
    for node in ast.walk(tree):
        names = None
        if isinstance(node, ast.ClassDef):
            names = {n.target.id for n in node.body
                     if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}
        elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            names = {e.value for e in node.elts
                     if isinstance(e, ast.Constant) and isinstance(e.value, str)}
        if not names or len(names) < 3:
            continue
        for shape, fields in sorted(shapes.items()):
            if names == fields:
                found.append("%s:%d: the fields of %s written again" % (
                    path, node.lineno, shape))
    return found


def ownership_judged(path, tree, functions):
    """Direct calls of ``functions`` (lib.NAME(...)) and output pointers made by hand."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        callee = node.func
        if isinstance(callee, ast.Attribute) and callee.attr in functions and \
                name_of(callee.value) == "lib":
            found.append("%s:%d: lib.%s called by hand" % (path, node.lineno, callee.attr))
        if isinstance(callee, ast.Call) and name_of(callee.func) == "POINTER" and not node.args:
            found.append("%s:%d: an output pointer made by hand" % (path, node.lineno))
    return found


class NoRestatementTest(unittest.TestCase):
    def test_no_literal_status_code_makes_an_exception_or_checks_a_status(self):
        found = []
        for path, tree in modules():
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    callee = name_of(node.func)
                    if callee.endswith("Error") or callee in ("error_for", "check"):
                        values = list(node.args) + [k.value for k in node.keywords]
                        if any(is_int(v) and v.value in STATUS_CODES for v in values):
                            found.append("%s:%d: %s(..., %s)" % (
                                path, node.lineno, callee,
                                [v.value for v in values if is_int(v)]))
                elif isinstance(node, ast.Compare):
                    sides = [node.left] + list(node.comparators)
                    named = any(n in ("status", "rc", "code") for n in map(name_of, sides))
                    if named and any(is_int(s) and s.value in STATUS_CODES for s in sides):
                        found.append("%s:%d: a status compared with a literal" % (
                            path, node.lineno))
        self.assertEqual(found, [])

    def test_no_literal_spells_out_an_enumeration_or_the_schema(self):
        label_sets = {e.__name__: set(e._labels.values()) for e in enumerations()}
        found = []
        for path, tree in modules():
            for node in ast.walk(tree):
                if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
                    items = node.elts
                elif isinstance(node, ast.Dict):
                    items = node.keys
                    if any(isinstance(k, ast.Tuple) and len(k.elts) == 2 and
                           all(isinstance(e, ast.Constant) and isinstance(e.value, str)
                               for e in k.elts) and k.elts[0].value in label_sets["Table"]
                           for k in items if k is not None):
                        found.append("%s:%d: a dict keyed by (table, column)" % (
                            path, node.lineno))
                else:
                    continue
                strings = {e.value for e in items
                           if isinstance(e, ast.Constant) and isinstance(e.value, str)}
                if len(strings) < 2:
                    continue
                if isinstance(node, ast.Dict):
                    continue
                for name, labels in label_sets.items():
                    if len(labels) >= 2 and labels == strings:
                        found.append("%s:%d: every label of %s spelled out" % (
                            path, node.lineno, name))
        self.assertEqual(found, [])

    def test_no_module_judges_who_owns_an_output(self):
        handing_out = {name for name, spec in _capi_gen.OUTPUTS.items()
                       if any(s[2] == "pointer" for s in spec)}
        releasing = set(_capi_gen.RELEASE.values()) | {"orgnet_free"}
        self.assertGreater(len(handing_out), 70)
        found = []
        for path, tree in modules():
            if path.endswith(os.path.join("orgnet", "_capi.py")):
                continue
            found += ownership_judged(path, tree, handing_out | releasing)
        self.assertEqual(found, [])

    def test_no_module_restates_a_struct_or_a_result_row(self):
        # The shapes the header gives: every struct's fields, every generated row's fields.
        shapes = {}
        for value in vars(_capi_gen).values():
            if isinstance(value, type) and issubclass(value, ctypes.Structure) and \
                    getattr(value, "_fields_", None):
                shapes["struct " + value.__name__] = {f[0] for f in value._fields_}
            elif isinstance(value, type) and hasattr(value, "from_structs"):
                shapes["row " + value.__name__] = set(value.__dataclass_fields__)
        self.assertGreater(len([k for k in shapes if k.startswith("row ")]), 15)
        found = []
        for path, tree in modules():
            found += shapes_restated(path, tree, shapes)
        self.assertEqual(found, [])

    def test_the_scan_finds_what_it_looks_for(self):
        # The two scans on planted examples: they must not pass by seeing nothing.
        planted = ast.parse('raise InvalidArgumentError("x", 3)\n'
                            'LEVELS = ("community", "street", "district")\n'
                            'T = {("orgs", "parent"): "orgs"}\n')
        calls = [n for n in ast.walk(planted) if isinstance(n, ast.Call)]
        self.assertTrue(any(is_int(a) and a.value in STATUS_CODES for c in calls for a in c.args))
        tuples = [n for n in ast.walk(planted) if isinstance(n, ast.Tuple)]
        self.assertTrue(any({e.value for e in t.elts} == set(_capi_gen.Level._labels.values())
                            for t in tuples))
        planted = ast.parse('p = C.POINTER(C.c_uint32)()\n'
                            'check(lib.orgnet_links_rows(C.byref(p), C.byref(n), h))\n'
                            'lib.orgnet_free(p)\n')
        self.assertEqual(len(ownership_judged("planted", planted,
                                              {"orgnet_links_rows", "orgnet_free"})), 3)
        planted = ast.parse('class Partner:\n    org: str\n    link: int\n    kind: str\n'
                            '    since: object\n    until: object\n'
                            'COLUMNS = ("org", "link", "kind", "since", "until")\n')
        shapes = {"row Partner": set(_capi_gen.Partner.__dataclass_fields__)}
        self.assertEqual(len(shapes_restated("planted", planted, shapes)), 2)


if __name__ == "__main__":
    unittest.main()
