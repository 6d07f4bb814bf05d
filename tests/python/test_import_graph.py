"""Issue 26, point 4: the package's modules import each other without a cycle, deferred
imports (inside functions) included; the applications built on the binding (command line,
report, export, demo, generator, and their shared text formatting) are imported by no module
of the binding, and import only the binding's public modules (no leading underscore) and the
package's own names."""

import ast
import collections
import glob
import os
import unittest

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PACKAGE = os.path.join(ROOT, "bindings", "python", "orgnet")
APPLICATIONS = {"cli", "report", "export", "demo", "generate", "__main__", "_format"}


def module_names():
    out = {}
    for path in glob.glob(os.path.join(PACKAGE, "**", "*.py"), recursive=True):
        rel = os.path.relpath(path, PACKAGE)[:-3].replace(os.sep, ".")
        out[rel[:-len(".__init__")] if rel.endswith(".__init__") else rel] = path
    return out


def import_graph(sources):
    """{module: modules of the package it imports}, from {module: source}: every relative
    import, at module level or inside a function."""
    graph = {}
    for name, source in sources.items():
        package = name.split(".")[:-1] if name != "__init__" else []
        deps = set()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and node.level >= 1:
                base = package[:len(package) - (node.level - 1)]
                if node.module:
                    deps.add(".".join(base + node.module.split(".")))
                else:
                    deps.update(".".join(base + [alias.name]) for alias in node.names)
        graph[name] = {d for d in deps if d in sources and d != name}
    return graph


def cycles(graph):
    """The strongly connected components of more than one module (Tarjan), sorted."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def sources():
    out = {}
    for name, path in module_names().items():
        with open(path, encoding="utf-8") as f:
            out[name] = f.read()
    return out


class ImportGraphTest(unittest.TestCase):
    def test_no_import_cycle(self):
        graph = import_graph(sources())
        self.assertGreater(len(graph), 25)
        self.assertEqual(cycles(graph), [])

    def test_the_binding_imports_no_application(self):
        graph = import_graph(sources())
        def application(module):  # the module or the subpackage it is in
            return module.split(".")[0] in APPLICATIONS

        found = sorted("%s imports %s" % (name, dep) for name, deps in graph.items()
                       if not application(name) and name != "__init__"
                       for dep in deps if application(dep))
        self.assertEqual(found, [])

    def test_the_applications_use_the_bindings_public_modules_only(self):
        graph = import_graph(sources())

        def application(module):
            return module.split(".")[0] in APPLICATIONS

        found = collections.defaultdict(list)
        for name, deps in sorted(graph.items()):
            if not application(name):
                continue
            for dep in sorted(deps):
                if not application(dep) and dep.split(".")[-1].startswith("_") and \
                        dep != "__init__":
                    found[name].append(dep)
        self.assertEqual(dict(found), {})

    def test_the_scan_sees_deferred_imports_and_cycles(self):
        planted = {"a": "from .b import x\n", "b": "def f():\n    from . import c\n",
                   "c": "from .a import y\n", "d": "from .a import y\n"}
        graph = import_graph(planted)
        self.assertEqual(graph["b"], {"c"})
        self.assertEqual(cycles(graph), [["a", "b", "c"]])


if __name__ == "__main__":
    unittest.main()
