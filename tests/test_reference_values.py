"""Every reference value carries its source and the script that wrote it."""

from __future__ import annotations

import json
import math
from pathlib import Path

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
    for key, entry in table.items():
        assert set(entry) >= {"value", "source"}, key
        assert isinstance(entry["source"], str), key
        assert entry["source"].strip(), key
        assert isinstance(entry["value"], int | float), key
        assert math.isfinite(entry["value"]), key


def test_loader_names_the_missing_key() -> None:
    with pytest.raises(KeyError, match="not-a-key"):
        reference.value("closed_forms", "not-a-key")
    with pytest.raises(FileNotFoundError, match=r"scripts/no_such_file\.py"):
        reference.entries("no_such_file")
