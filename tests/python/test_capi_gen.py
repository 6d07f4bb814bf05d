"""Issue 10, point 2, and issue 26: the ctypes declarations are generated from the ABI's
description (tools/abi/orgnet_abi.json, which libclang makes from orgnet.h: that it is current is
tests/python_interop/test_abi_description.py's to check), up to date, complete (every exported
symbol), laid out as C lays the structs out, and typed per handle."""

import ctypes
import glob
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import orgnet
from orgnet import _capi, _capi_gen

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
EMITTER = os.path.join(ROOT, "tools", "abi", "emit_python.py")
HEADER = os.path.join(ROOT, "include", "orgnet", "orgnet.h")


def load_emitter():
    spec = importlib.util.spec_from_file_location("emit_python", EMITTER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class GeneratedDeclarationsTest(unittest.TestCase):
    def test_the_committed_file_is_what_the_description_generates(self):
        done = subprocess.run([sys.executable, EMITTER, "--check"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
        self.assertEqual(done.returncode, 0, done.stderr.decode())

    def test_the_emitter_fails_on_what_it_cannot_map(self):
        emit = load_emitter()
        description = {"constants": [], "handles": [], "structs": [], "callbacks": [],
                       "functions": [{"name": "orgnet_f", "params": [],
                                      "result": {"base": "orgnet_unknown", "const": False,
                                                 "stars": 1, "const_inner": False}}]}
        with self.assertRaisesRegex(emit.EmitError, "unknown type orgnet_unknown"):
            emit.PythonEmitter(description).text()

    def test_every_function_states_its_status_codes_and_cost(self):
        # The header is the contract: each declaration's comment ends with "Status:" and
        # "Cost:" (or igraph's "Time complexity:"), so that no function is left undocumented.
        header = open(HEADER, encoding="utf-8").read()
        import re
        documented = re.finditer(
            r"/\*\*((?:(?!\*/).)*?)\*/\s*ORGNET_EXPORT\s+[^;(]*?\b(orgnet_\w+)\s*\(", header, re.S)
        comments = {m.group(2): m.group(1) for m in documented}
        declared = [f["name"] for f in load_emitter().read_description()["functions"]]
        self.assertEqual(sorted(comments), sorted(declared))
        lacking = [name for name in declared
                   if "Status:" not in comments[name]
                   or not ("Cost:" in comments[name] or "Time complexity:" in comments[name])]
        self.assertEqual(lacking, [])

    def test_every_function_that_returns_text_says_whether_it_is_nul_terminated(self):
        # Callers from C expect %s to work: a function that hands out text (its result, or an
        # out-parameter char*) says "NUL-terminated" or "not NUL-terminated" in its comment.
        emit = load_emitter()
        lacking = []
        for f in emit.read_description()["functions"]:
            gives_text = (f["result"]["base"] == "char" and f["result"]["stars"] == 1) or any(
                p["type"]["base"] == "char" and p["type"]["stars"] == 2 and
                not p["type"]["const_inner"] for p in f["params"])
            if gives_text and "NUL-terminated" not in f["doc"]:
                lacking.append(f["name"])
        self.assertEqual(lacking, [])

    def test_the_c_abi_uses_only_the_public_cpp_api(self):
        # capi/ is a client of include/orgnet like any application: it includes orgnet/,
        # its own capi/ headers, the general helpers of src/base (how messages are written:
        # no public API since issue 26), Abseil and the standard library, never the model's or
        # the analyses' internals.
        import re
        offending = []
        for path in sorted(glob.glob(os.path.join(ROOT, "capi", "*"))):
            for number, line in enumerate(open(path, encoding="utf-8"), 1):
                m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
                if m and not m.group(1).startswith(("orgnet/", "capi/", "absl/", "base/")):
                    offending.append("%s:%d: %s" % (os.path.relpath(path, ROOT), number,
                                                    m.group(1)))
        self.assertEqual(offending, [])
        network_h = open(os.path.join(ROOT, "include", "orgnet", "network.h"),
                         encoding="utf-8").read()
        self.assertNotIn("impl()", network_h)

    def test_every_exported_symbol_is_declared(self):
        nm = shutil.which("nm")
        if nm is None:
            self.skipTest("nm (binutils) is not installed")
        out = subprocess.run([nm, "-D", "--defined-only", _capi.lib.path],
                             stdout=subprocess.PIPE, check=True).stdout.decode()
        exported = sorted({line.split()[-1] for line in out.splitlines()
                           if line.split() and line.split()[-1].startswith("orgnet_")})
        self.assertGreater(len(exported), 100)
        missing = [name for name in exported if name not in _capi_gen.FUNCTIONS]
        self.assertEqual(missing, [], "exported but not in orgnet.h / _capi_gen.py")
        unexported = [name for name in _capi_gen.FUNCTIONS if name not in exported]
        self.assertEqual(unexported, [], "declared but not exported")

    def test_no_internal_name_or_test_hook_is_exported(self):
        # Every public name is a promise: the shared library's C++ symbols are the public
        # headers' (orgnet::, not orgnet::internal::); test hooks such as the fault
        # injectors live in the static orgnet_testing library only.
        nm = shutil.which("nm")
        if nm is None:
            self.skipTest("nm (binutils) is not installed")
        out = subprocess.run([nm, "-DC", "--defined-only", _capi.lib.path],
                             stdout=subprocess.PIPE, check=True).stdout.decode()
        symbols = [line.split(" ", 2)[-1] for line in out.splitlines() if line.strip()]
        self.assertTrue(any(s.startswith("orgnet::Network::Load(") for s in symbols))
        internal = [s for s in symbols if s.startswith("orgnet::internal::")]
        self.assertEqual(internal, [])
        hooks = [s for s in symbols if "Fault" in s or "ForTesting" in s]
        self.assertEqual(hooks, [])

    def test_struct_layouts_match_c(self):
        cc = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
        builds = sorted(glob.glob(os.path.join(ROOT, "build*", "include", "orgnet",
                                               "orgnet_export.h")))
        if cc is None or not builds:
            self.skipTest("needs a C compiler and a CMake build tree (for orgnet_export.h)")
        build_include = os.path.dirname(os.path.dirname(builds[0]))
        emit = load_emitter()
        program = emit.layout_c(emit.read_description())
        with tempfile.TemporaryDirectory() as folder:
            source, binary = os.path.join(folder, "layout.c"), os.path.join(folder, "layout")
            with open(source, "w") as f:
                f.write(program)
            subprocess.run([cc, "-std=c99", "-I", os.path.join(ROOT, "include"), "-I",
                            build_include, source, "-o", binary], check=True)
            lines = subprocess.run([binary], stdout=subprocess.PIPE,
                                   check=True).stdout.decode().split("\n")
        checked = 0
        for line in filter(None, lines):
            name, value = line.rsplit(" ", 1)
            if "." in name:
                struct, field = name.split(".")
                attribute = field + "_" if field in ("from",) else field
                self.assertEqual(getattr(getattr(_capi_gen, struct), attribute).offset,
                                 int(value), name)
            else:
                self.assertEqual(ctypes.sizeof(getattr(_capi_gen, name)), int(value), name)
            checked += 1
        self.assertGreater(checked, 150)

    def test_call_releases_what_the_caller_owns_and_nothing_else(self):
        net = orgnet.load(os.path.join(ROOT, "examples", "district"))
        released = []
        real_free = _capi.lib.orgnet_free
        _capi.lib.orgnet_free = lambda pointer: (released.append(bool(pointer)), real_free(pointer))
        try:
            graph = orgnet.links(net)
            org = net.orgs.index("O0000003")
            # Owned (non-const out): the copy is made, then the array released once.
            ancestors = _capi.call("orgnet_hierarchy_ancestors", net.handle, org + 10)
            self.assertEqual(released, [True])
            self.assertEqual(list(ancestors), [net.orgs.index(i) for i in
                                               net.hierarchy.ancestors(org + 10)])
            # Borrowed (const out): copied, never released.
            released.clear()
            children = _capi.call("orgnet_hierarchy_children", net.handle, org)
            self.assertEqual(released, [])
            self.assertEqual([net.orgs.id(r) for r in children], net.hierarchy.children(org))
            # Several owned outputs of one call: each released.
            of, sizes, first = _capi.call("orgnet_links_components", graph.handle)
            self.assertEqual(released, [True, True, True])
            self.assertEqual(len(of), len(net.orgs))
            self.assertEqual(sum(sizes), len(net.orgs))
            # Owned text: a str, released.
            released.clear()
            self.assertEqual(_capi.call("orgnet_network_cell_text", net.handle, 0, 0, 0),
                             net.orgs.id(0))
            self.assertEqual(released, [True])
            # A failure raises the status's exception and releases nothing (nothing was made).
            released.clear()
            with self.assertRaises(orgnet.OutOfRangeError):
                _capi.call("orgnet_hierarchy_ancestors", net.handle, len(net.orgs))
            self.assertEqual(released, [])
            graph.close()
        finally:
            _capi.lib.orgnet_free = real_free
            net.close()

    def test_generated_rows_convert_as_the_header_says(self):
        # Structs filled by hand with every special value, converted against expectations
        # written here (not read from the generator).
        class Context:
            outside = "OUTSIDE"

            def ids(self, table):
                return {"place": ["P0", "P1"], "grids": ["G0", "G1"], "orgs": ["O0", "O1"],
                        "centres": ["C0"]}[table]

            def column(self, table, column):
                return {("place", "name"): ["First", None], ("grids", "name"): ["g", "h"]}[
                    (table, column)]

            def list(self, name):
                return {"categories": ["noise", "water"]}[name]

            def value(self, name, i, s):
                return {"grid": ["G0", "G1"]}[name][i]

        row = _capi_gen.orgnet_event_row(1, 1, 2026 * 12 + 6, 9, 4, 3, 1, 1, 5, -1)
        row.backlog[:] = [1, 0, 0, 0]
        other = _capi_gen.orgnet_event_row(0, -1, -1, 0, 0, 0, 0, 0, -1, -1)
        converted = _capi_gen.EventRow.from_structs([row, other], Context())
        self.assertEqual(converted[0], _capi_gen.EventRow(
            "P1", "", "water", "2026-07", 9, 4, 3, 1, 1, 5, None, (1, 0, 0, 0)))
        self.assertEqual((converted[1].id, converted[1].name, converted[1].category,
                          converted[1].month, converted[1].median_days),
                         ("P0", "First", None, None, None))
        reach = [_capi_gen.orgnet_grid_reach(_capi_gen.ORGNET_NONE, 0, 0, float("nan")),
                 _capi_gen.orgnet_grid_reach(_capi_gen.ORGNET_OUTSIDE, 1, 1, 12.5)]
        self.assertEqual(_capi_gen.GridReach.from_structs(reach, Context()),
                         [_capi_gen.GridReach("G0", None, None, False, False),
                          _capi_gen.GridReach("G1", "OUTSIDE", 12.5, True, True)])
        share = _capi_gen.orgnet_isolation(0, 0, 0, float("nan"))
        isolation = _capi_gen.IsolationRow.from_structs([share], Context())[0]
        self.assertIsNone(isolation.isolated_share)
        self.assertIsNone(isolation.share)  # the older name, kept (docs/output.md)
        text = b"U0000007-extra"
        move = _capi_gen.orgnet_unit_move(text, 8, 1, 2, _capi_gen.UnitCoverage.NONE,
                                          _capi_gen.UnitCoverage.OWN)
        self.assertEqual(_capi_gen.UnitMove.from_structs([move], None),
                         [_capi_gen.UnitMove("U0000007", "none", "own")])

    def test_every_same_layout_names_every_field_of_its_c_struct(self):
        # ORGNET_SAME_LAYOUT(c_type, cpp_type, fields...) checks the fields it names; a field
        # left out would go unchecked. The event row's nested statistics are named one by one
        # (ORGNET_SAME_STAT).
        import re
        named = {}
        for path in sorted(glob.glob(os.path.join(ROOT, "capi", "*.cc"))):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for m in re.finditer(r"ORGNET_SAME_LAYOUT\(([^;]*)\);", text):
                parts = [p.strip() for p in m.group(1).split(",")]
                named.setdefault(parts[0], set()).update(parts[2:])
            for m in re.finditer(r"^ORGNET_SAME_STAT\((\w+)\);", text, re.M):
                named.setdefault("orgnet_event_row", set()).add(m.group(1))
        self.assertGreater(len(named), 12)
        for struct, fields in sorted(named.items()):
            declared = {f[0] for f in getattr(_capi_gen, struct)._fields_}
            self.assertEqual(fields, declared, struct)

    def test_counter_and_rate_constants_name_the_librarys_columns(self):
        for counter in _capi_gen.Counter:
            self.assertEqual(_capi.lib.orgnet_coverage_counter_name(counter).decode(),
                             counter.label)
        for rate in _capi_gen.Rate:
            self.assertTrue(_capi.lib.orgnet_coverage_rate_name(rate).decode().startswith(
                rate.label), rate)
        self.assertEqual(len(_capi_gen.Counter), _capi_gen.ORGNET_COUNTER_COUNT)
        self.assertEqual(len(_capi_gen.Rate), _capi_gen.ORGNET_RATE_COUNT)
        self.assertEqual([int(c) for c in _capi_gen.Counter], list(range(len(_capi_gen.Counter))))

    def test_a_handle_of_one_type_is_refused_where_another_belongs(self):
        with orgnet.Network.load(os.path.join(ROOT, "tests", "data", "fixture")) as net:
            count = ctypes.c_size_t()
            with self.assertRaises(ctypes.ArgumentError):
                _capi.lib.orgnet_edit_batch_size(ctypes.byref(count), net.handle)
            self.assertEqual(_capi.lib.orgnet_network_rows(ctypes.byref(ctypes.c_uint32()),
                                                           net.handle, 0), 0)


if __name__ == "__main__":
    unittest.main()
