"""The layering of src/mutinfo: no import cycle, a pure registry, one resolver."""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "mutinfo"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _target(name: str, modules: dict[str, Path]) -> str | None:
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


@functools.cache
def import_graph() -> dict[str, set[str]]:
    """Every import of a mutinfo module, at any level (TYPE_CHECKING included)."""
    modules = _modules()
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for module, path in modules.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text())):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[
                        : len(package.split(".")) - node.level + 1
                    ]
                    origin = ".".join(base + ([node.module] if node.module else []))
                else:
                    origin = node.module or ""
                names = [
                    f"{origin}.{a.name}" if f"{origin}.{a.name}" in modules else origin
                    for a in node.names
                ]
            for name in names:
                if name.split(".")[0] != "mutinfo":
                    continue
                target = _target(name, modules)
                if target and target != module:
                    edges[module].add(target)
    return edges


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """Return one cycle of the graph as a list of modules, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_graph_builder_sees_every_kind_of_import() -> None:
    edges = import_graph()
    # module level, package-relative and function-level / TYPE_CHECKING imports
    assert "mutinfo._measures" in edges["mutinfo.estimators._base"]
    assert "mutinfo._auto" in edges["mutinfo._api"]
    assert "mutinfo.estimators._base" in edges["mutinfo.estimators"]


def test_cycle_finder_finds_a_planted_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}
    assert find_cycle(edges) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_import_graph_has_no_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, " -> ".join(cycle or [])


@pytest.mark.parametrize("leaf", ["mutinfo.exceptions", "mutinfo._measures"])
def test_leaves_import_nothing_above_them(leaf: str) -> None:
    allowed = {
        "mutinfo.exceptions": set(),
        "mutinfo._measures": {
            "mutinfo._params",
            "mutinfo._validation",
            "mutinfo.exceptions",
        },
    }[leaf]
    assert import_graph()[leaf] <= allowed


def test_registry_module_imports_no_family() -> None:
    # The registry, with the front door it sits under, loads the estimators
    # package (lazy) and the base class only: no family module.
    code = (
        "import sys, mutinfo._registry;"
        "print(sorted(m for m in sys.modules if m.startswith('mutinfo.estimators')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "['mutinfo.estimators', 'mutinfo.estimators._base']"


def test_mixed_ksg_lives_beside_gao_with_a_deprecated_alias() -> None:
    from mutinfo.estimators import MixedKSG, knn, mixed

    assert MixedKSG is mixed.MixedKSG
    with pytest.warns(DeprecationWarning, match="moved to mutinfo.estimators.mixed"):
        assert knn.MixedKSG is MixedKSG
