"""The package's shape: no import cycles between saywho's modules, no overlong file.

The import graph is read with ``ast`` (nothing is imported): relative imports are
resolved, and imports inside functions count too (a deferred import still ties the
two modules together).  Imports under ``if TYPE_CHECKING:`` are left out: they never
run, so they cannot make a cycle at import time.
"""
from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path


PACKAGE = Path(__file__).resolve().parent.parent / "saywho"
MAX_LINES = 500

# The re-layout (one concern per module, long modules split) is being done in
# parallel; this mark goes when it has been merged.


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    """Every module of the package: dotted name -> file."""
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "__pycache__" not in p.parts}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_nodes(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, at any depth (functions, classes, try blocks), except
    those under ``if TYPE_CHECKING:``."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
            continue
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))


def _targets(module: str, is_package: bool, node: ast.Import | ast.ImportFrom,
             modules: dict[str, Path]) -> set[str]:
    """The package's modules one import statement loads (outside modules are dropped).

    ``from X import name`` loads the module ``X.name`` when there is one, else ``X``.
    """
    if isinstance(node, ast.Import):
        found = set()
        for alias in node.names:
            name = alias.name
            while name and name not in modules:  # "import saywho.a.b" of a non-module b
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
        return found
    if node.level:
        base = module if is_package else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            base = base.rpartition(".")[0]
        base = f"{base}.{node.module}" if node.module else base
    else:
        base = node.module or ""
    found = set()
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        if sub in modules:
            found.add(sub)
        elif base in modules:
            found.add(base)
    return found


def import_graph() -> dict[str, dict[str, int]]:
    """module -> {module it imports: line of the first such import}."""
    modules = _modules()
    graph: dict[str, dict[str, int]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        edges: dict[str, int] = {}
        for node in _import_nodes(tree):
            for target in _targets(name, path.name == "__init__.py", node, modules):
                if target != name:
                    edges[target] = min(edges.get(target, node.lineno), node.lineno)
        graph[name] = edges
    return graph


def _strongly_connected(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _cycle_through(graph: dict[str, dict[str, int]], members: set[str], start: str) -> list[str]:
    """A shortest cycle from ``start`` back to it within ``members`` (breadth-first)."""
    prev: dict[str, str] = {}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(graph[v]):
            if w not in members:
                continue
            if w == start:
                path = [v]
                while path[-1] != start:
                    path.append(prev[path[-1]])
                return [*reversed(path), start]
            if w not in prev:
                prev[w] = v
                queue.append(w)
    raise AssertionError(f"no cycle through {start}")  # every member of a component has one


def _cycles(graph: dict[str, dict[str, int]], comp: list[str]) -> list[list[str]]:
    """The shortest cycle through each module of a component, each cycle once."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for start in comp:
        cycle = _cycle_through(graph, set(comp), start)
        ring = cycle[:-1]
        i = ring.index(min(ring))
        key = tuple(ring[i:] + ring[:i])  # the same cycle entered elsewhere
        if key not in seen:
            seen.add(key)
            out.append([*key, key[0]])
    return out


def _describe(graph: dict[str, dict[str, int]], cycle: list[str]) -> str:
    modules = _modules()
    steps = [f"      {a} -> {b}   ({modules[a].relative_to(PACKAGE.parent)}:{graph[a][b]})"
             for a, b in zip(cycle, cycle[1:])]
    return "    cycle: " + " -> ".join(cycle) + "\n" + "\n".join(steps)


def test_import_graph_resolves_relative_imports() -> None:
    """The graph itself: known edges of the package are found (a guard against an empty graph)."""
    graph = import_graph()
    assert "saywho.model" in graph["saywho.pipeline"]  # `from .model import Article`
    assert "saywho.readers" in graph["saywho.pipeline"]  # `from .readers import ...`
    assert any("saywho.pipeline" in graph[m] for m in graph if m.startswith("saywho.runner"))  # inside a function


def test_no_import_cycles() -> None:
    graph = import_graph()
    report = []
    for comp in _strongly_connected(graph):
        report.append(f"  modules importing each other: {', '.join(comp)}")
        report += [_describe(graph, cycle) for cycle in _cycles(graph, comp)]
    assert not report, "import cycles between saywho's modules (each cycle, then the import making each step):\n" \
        + "\n".join(report)


def test_no_file_above_max_lines() -> None:
    too_long = []
    for path in sorted(PACKAGE.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        try:
            n = len(path.read_text(encoding="utf-8").splitlines())
        except UnicodeDecodeError:  # a binary file (an image) has no lines to count
            continue
        if n > MAX_LINES:
            too_long.append(f"    {path.relative_to(PACKAGE.parent)}: {n} lines")
    assert not too_long, f"files in saywho/ above {MAX_LINES} lines:\n" + "\n".join(too_long)
