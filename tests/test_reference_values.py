"""Every reference value carries its source and the script that wrote it."""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path
from typing import Any

import pytest

from tests import reference

FILES = sorted(reference.VALUES.glob("*.json"))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_values_have_a_source_and_a_script(path: Path) -> None:
    script = reference.SCRIPTS / f"{path.stem}.py"
    assert script.exists(), f"{path.name} has no script {script.name} that writes it"
    assert path.name in script.read_text(), f"{script.name} does not write {path.name}"
    table = json.loads(path.read_text())
    assert table
    if "cases" in table:
        # A document of cases (e.g. a peer's outputs) with one source for all.
        assert isinstance(table["source"], str), path.name
        assert table["source"].strip(), path.name
        assert isinstance(table["cases"], list), path.name
        assert table["cases"], path.name
        return
    for key, entry in table.items():
        assert set(entry) >= {"value", "source"}, key
        assert isinstance(entry["source"], str), key
        assert entry["source"].strip(), key
        value = entry["value"]
        # a number, or the data a case was computed on (a list of numbers)
        numbers = value if isinstance(value, list) else [value]
        assert numbers, key
        for number in numbers:
            assert isinstance(number, int | float), key
            assert math.isfinite(number), key


def test_loader_names_the_missing_key() -> None:
    with pytest.raises(KeyError, match="not-a-key"):
        reference.value("closed_forms", "not-a-key")
    with pytest.raises(FileNotFoundError, match=r"scripts/no_such_file\.py"):
        reference.entries("no_such_file")


def _script(stem: str) -> Any:
    spec = importlib.util.spec_from_file_location(
        f"reference_{stem}", reference.SCRIPTS / f"{stem}.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("stem", "kwargs"),
    [
        ("closed_forms", {}),
        ("dataset_truths", {}),
        ("discrete_entropy", {"nsb_cases": False}),  # NSB integrals take minutes
        ("dirichlet_product_mi", {}),
    ],
)  # rounded_gaussian_mi is left out: scipy's bivariate CDF takes seconds
def test_scripts_reproduce_their_values(stem: str, kwargs: dict[str, Any]) -> None:
    # The stored numbers are what the script computes now (scripts and JSON in step).
    fresh = _script(stem).compute(**kwargs)
    stored = reference.entries(stem)
    assert fresh
    for key, entry in fresh.items():
        assert key in stored, key
        assert stored[key]["source"] == entry["source"], key
        assert stored[key]["value"] == pytest.approx(
            entry["value"], rel=1e-12, abs=1e-15
        )
    if not kwargs:
        assert set(fresh) == set(stored)
