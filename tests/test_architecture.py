"""The shape of generator/: each package imports only the packages below it, and no module imports itself
back through others. ARCHITECTURE.md draws the same layers; this keeps them from rotting silently."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parent.parent / "generator"

# Bottom to top: a package may import its own modules and those of the packages before it.
LAYERS = ("language", "content", "history", "features", "render", "build", "serve", "cli")
# Modules at the top of generator/: the entry points MkDocs and the command line start from, and three that
# import nothing of the generator, so any package may use them: prreport (run in a workflow with the
# standard library only), quiet (called from mkdocs.yml before MkDocs loads the theme) and yamlload (how
# every YAML file is loaded).
TOP = {"plugin": len(LAYERS), "__main__": len(LAYERS), "__init__": len(LAYERS), "prreport": -1, "quiet": -1,
       "yamlload": -1}


def modules(root: Path) -> dict[str, Path]:
    """Every module of the package at root, by dotted name ('generator.content.model')."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(root: Path) -> dict[str, set[str]]:
    """Module -> the package's modules it imports, at the top or inside a function (relative ones resolved)."""
    known = modules(root)
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                # `from generator.render import site` imports a module; `from x.y import name`, x.y itself
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
            else:
                continue
            for target in targets:
                while target and target not in known:  # `import a.b.c` of a name inside a module: the module
                    target = target.rpartition(".")[0]
                if target and target != name and target != root.name:
                    found.add(target)
        graph[name] = found
    return graph


def rank(module: str) -> int:
    """A module's layer: its package's place in LAYERS, or TOP's for a module at the top."""
    parts = module.split(".")
    if len(parts) == 2 or parts[1] not in LAYERS:
        return TOP.get(parts[1], len(LAYERS))
    return LAYERS.index(parts[1])


def upward(graph: dict[str, set[str]]) -> list[str]:
    """Imports of a package above the importer's, or of another package on the same layer."""
    wrong = []
    for module, targets in sorted(graph.items()):
        for target in sorted(targets):
            same_package = module.split(".")[:2] == target.split(".")[:2]
            if not same_package and rank(target) >= rank(module):
                wrong.append(f"{module} imports {target}")
    return wrong


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import each other, directly or through others (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_no_package_imports_upward():
    assert upward(imports(GENERATOR)) == []


def test_no_module_imports_itself_back():
    assert circles(imports(GENERATOR)) == []


def test_every_package_is_a_layer_and_says_what_it_may_import():
    packages = sorted(path.parent.name for path in GENERATOR.glob("*/__init__.py"))
    assert packages == sorted(LAYERS)
    for name in packages:
        doc = ast.get_docstring(ast.parse((GENERATOR / name / "__init__.py").read_text("utf-8"))) or ""
        assert "May import:" in doc, f"generator/{name}/__init__.py does not say which packages it may import"


def test_the_top_of_the_package_holds_only_its_entry_points():
    assert sorted(path.stem for path in GENERATOR.glob("*.py")) == sorted(TOP)


def test_the_plugin_reads_in_one_screen_and_no_module_is_long():
    assert len((GENERATOR / "plugin.py").read_text("utf-8").splitlines()) <= 200
    long = {path.relative_to(GENERATOR).as_posix(): n for path in GENERATOR.rglob("*.py")
            if (n := len(path.read_text("utf-8").splitlines())) > 360}
    assert long == {}


@pytest.fixture
def tangled(tmp_path) -> Path:
    """A package with an upward import (content -> render) and a circle (render.a <-> render.b)."""
    root = tmp_path / "generator"
    for package in ("content", "render"):
        (root / package).mkdir(parents=True)
        (root / package / "__init__.py").write_text('"""May import: nothing."""\n')
    (root / "__init__.py").write_text("")
    (root / "content" / "model.py").write_text("from generator.render.a import page\n")
    (root / "render" / "a.py").write_text("from . import b\n")
    (root / "render" / "b.py").write_text("def late():\n    from generator.render import a\n")
    return root


def test_the_checks_find_an_upward_import_and_a_circle(tangled):
    graph = imports(tangled)
    assert upward(graph) == ["generator.content.model imports generator.render.a"]
    assert circles(graph) == [["generator.render.a", "generator.render.b"]]
