"""Apps depend downwards only: the import graph between the packages of ``ttdn`` (the
apps, ``api``, ``lib``, ``extract``, ``officedocs`` and the project's own modules) has no
cycle, and the libraries that need no database import no Django.

Every ``import`` counts, also one written inside a function: a lazy import hides a cycle
from Python, not from the reader. Tests are left out (a test may reach anything).
"""

from __future__ import annotations

import ast
import itertools
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "ttdn"

# Imports allowed to close a cycle, each (importer, imported package): the importer is a
# package of ttdn, or the start of the files' paths when only some files of it import.
# None today; the test fails for any cycle not listed and for a listed import that is
# gone, so the list can only shrink.
KNOWN_CYCLE_IMPORTS: set[tuple[str, str]] = set()


def is_known(importer: str, imported: str, where: str) -> bool:
    return any(
        target == imported and (source == importer or where.startswith(source))
        for source, target in KNOWN_CYCLE_IMPORTS
    )


# Django-free libraries (docs/architecture.md): usable without settings or a database.
WITHOUT_DJANGO = {"extract", "officedocs"}


# Project packages whose modules sit at different heights: ``api.schemas`` lies under
# every app's API, ``api.auth`` reads accounts' tokens.
SPLIT = {"api"}


def node_of(module: str) -> str | None:
    """``ttdn.orgunits.models`` → ``orgunits``, ``ttdn.api.schemas`` → ``api.schemas``;
    None outside the package."""
    parts = module.split(".")
    if parts[0] != "ttdn" or len(parts) < 2:
        return None
    if parts[1] in SPLIT and len(parts) > 2:
        return f"{parts[1]}.{parts[2]}"
    return parts[1]


def imports_by_package() -> dict[str, dict[str, list[str]]]:
    """{importer: {imported: ["file:line", ...]}} over every non-test module."""
    graph: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if {"tests", "migrations"} & set(relative.parts):
            continue
        importer = node_of(".".join(("ttdn", *relative.with_suffix("").parts)))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                # `from ttdn import views` names a module, not an attribute
                modules = [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            for module in modules:
                imported = node_of(module)
                where = f"ttdn/{relative}:{node.lineno}"
                if imported and imported != importer and where not in graph[importer][imported]:
                    graph[importer][imported].append(where)
    return graph


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle as [a, b, ..., a], or None (depth-first search, colouring nodes)."""
    state: dict[str, str] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        trail.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == "open":
                return trail[trail.index(target) :] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[node] = "done"
        trail.pop()
        return None

    for start in sorted(edges):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def describe(cycle: list[str], graph: dict[str, dict[str, list[str]]]) -> str:
    return "\n".join(
        f"  {a} -> {b}: {', '.join(graph[a][b][:3])}" for a, b in itertools.pairwise(cycle)
    )


def test_find_cycle_finds_a_cycle_and_only_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"x": {"a"}, "a": {"b"}, "b": {"a"}}) == ["a", "b", "a"]


def test_the_packages_of_ttdn_import_one_another_without_a_cycle():
    graph = imports_by_package()
    edges = {
        importer: {
            imported
            for imported, places in targets.items()
            if not all(is_known(importer, imported, where) for where in places)
        }
        for importer, targets in graph.items()
    }
    cycle = find_cycle(edges)
    assert cycle is None, "import cycle between packages of ttdn:\n" + describe(cycle, graph)


def test_every_listed_cycle_import_still_exists():
    graph = imports_by_package()
    gone = sorted(
        (source, target)
        for source, target in KNOWN_CYCLE_IMPORTS
        if not any(
            is_known(importer, target, where) and (source == importer or where.startswith(source))
            for importer, targets in graph.items()
            for where in targets.get(target, [])
        )
    )
    assert gone == [], f"no longer imported, remove from KNOWN_CYCLE_IMPORTS: {gone}"


def test_apps_import_the_shared_api_pieces_from_the_project_not_from_an_app():
    graph = imports_by_package()
    assert "api.schemas" in graph["orgunits"]
    assert "api.schemas" not in graph["accounts"]
    assert "api.auth" in graph["apiroot"]


def test_the_libraries_without_a_database_import_no_django():
    """extract and officedocs, and every ttdn module they import, run without Django."""
    seen: set[Path] = set()
    todo = [p for name in sorted(WITHOUT_DJANGO) for p in sorted((PACKAGE / name).rglob("*.py"))]
    while todo:
        path = todo.pop()
        if path in seen or "tests" in path.relative_to(PACKAGE).parts:
            continue
        seen.add(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            else:
                continue
            for module in modules:
                assert module.split(".")[0] != "django", f"{path}:{node.lineno} imports {module}"
                if node_of(module):
                    target = PACKAGE.parent / module.replace(".", "/")
                    todo += [
                        p for p in (target.with_suffix(".py"), target / "__init__.py") if p.exists()
                    ]
    assert PACKAGE / "lib" / "textfold.py" in seen  # reached through extract
