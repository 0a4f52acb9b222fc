"""docs/api.md lists every public name, and only names that exist."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import re
from pathlib import Path

import pytest

PAGE = Path(__file__).resolve().parents[1] / "docs" / "api.md"
MODULES = [
    "mutinfo",
    "mutinfo.exceptions",
    "mutinfo.estimators",
    "mutinfo.extend",
    "mutinfo.stats",
    "mutinfo.matrix",
    "mutinfo.selection",
    "mutinfo.discrete",
    "mutinfo.divergence",
    "mutinfo.clustering",
    "mutinfo.datasets",
    "mutinfo.bench",
    "mutinfo.itl",
    "mutinfo.io",
    "mutinfo.pid",
    "mutinfo.plot",
    "mutinfo.reporting",
    "mutinfo.sklearn",
    "mutinfo.text",
    "mutinfo.theory",
    "mutinfo.timeseries",
    "mutinfo.neural",
    "mutinfo.neural.objectives",
    "mutinfo.neural.analysis",
]
HEADING = re.compile(r"^## `(mutinfo(?:\.\w+)*)`\s*$")
ENTRY = re.compile(r"^- `(\w+)`")


def _listed() -> dict[str, list[str]]:
    """Module -> the names its section of docs/api.md lists, in page order."""
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in PAGE.read_text().splitlines():
        if heading := HEADING.match(line):
            current = heading.group(1)
            sections.setdefault(current, [])
        elif (entry := ENTRY.match(line)) and current is not None:
            sections[current].append(entry.group(1))
    return sections


def _public(module: str) -> list[str]:
    """The module's ``__all__``, read from its source: no import of torch,
    scikit-learn or matplotlib is needed, so every section is checked anywhere
    (ruff's F822 checks that each name in ``__all__`` is defined)."""
    spec = importlib.util.find_spec(module)
    assert spec is not None
    assert spec.origin is not None
    tree = ast.parse(Path(spec.origin).read_text())
    for node in tree.body:
        if (
            isinstance(node, ast.Assign | ast.AnnAssign)
            and any(
                isinstance(t, ast.Name) and t.id == "__all__"
                for t in (
                    node.targets if isinstance(node, ast.Assign) else [node.target]
                )
            )
            and node.value is not None
        ):
            return list(ast.literal_eval(node.value))
    raise AssertionError(f"{module} has no literal __all__")


def test_page_has_a_section_per_public_module() -> None:
    assert sorted(_listed()) == sorted(MODULES)


def test_every_public_subpackage_is_indexed() -> None:
    # A new public subpackage or module must get a section.
    root = PAGE.parents[1] / "src" / "mutinfo"
    public = {
        f"mutinfo.{p.stem if p.suffix == '.py' else p.name}"
        for p in root.iterdir()
        if not p.name.startswith("_")
        and (p.suffix == ".py" or (p / "__init__.py").exists())
    }
    public -= {"mutinfo.cli"}  # the command line: see `mutinfo --help`
    assert public <= set(MODULES), sorted(public - set(MODULES))


def test_the_page_and_the_runtime_agree() -> None:
    # The static reading equals the imported __all__ (torch-free modules).
    for module in ("mutinfo", "mutinfo.stats", "mutinfo.estimators"):
        assert _public(module) == list(importlib.import_module(module).__all__)


@pytest.mark.parametrize("module", MODULES)
def test_section_matches_all(module: str) -> None:
    listed = _listed().get(module, [])
    public = _public(module)
    missing = sorted(set(public) - set(listed))
    stale = sorted(set(listed) - set(public))
    assert not missing, f"docs/api.md lacks these names of {module}: {missing}"
    assert not stale, f"docs/api.md lists names {module} no longer exports: {stale}"
    assert len(listed) == len(set(listed)), f"{module} lists a name twice"
