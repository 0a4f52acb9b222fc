"""CLI: ``mutinfo pid`` prints the same atoms as the API."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mutinfo.pid import decompose_samples
from tests.cli.conftest import invoke, write_csv


@pytest.fixture
def gates(tmp_path: Path) -> tuple[Path, pd.DataFrame]:
    rng = np.random.default_rng(0)
    a, b = rng.integers(0, 2, 400), rng.integers(0, 2, 400)
    frame = pd.DataFrame({"a": a, "b": b, "y": a & b, "w": rng.choice(["u", "v"], 400)})
    return write_csv(frame, tmp_path), frame


def test_json_equals_api(gates: tuple[Path, pd.DataFrame]) -> None:
    path, frame = gates
    code, out, err = invoke(
        "pid",
        str(path),
        "--sources",
        "a,b",
        "--target",
        "y",
        "--measure",
        "imin",
        "--format",
        "json",
    )
    assert code == 0, err
    api = decompose_samples(
        [frame["a"].to_numpy(), frame["b"].to_numpy()],
        frame["y"].to_numpy(),
        measure="imin",
    )
    # The API's dict, with the sources and target named by their columns
    # (the API, given arrays, calls them s0, s1 and t).
    expected = {**api.to_dict(), "sources": ["a", "b"], "target": "y"}
    assert json.loads(out) == json.loads(json.dumps(expected))


def test_table_and_three_sources(gates: tuple[Path, pd.DataFrame]) -> None:
    path, _ = gates
    code, out, _ = invoke(
        "pid", str(path), "--sources", "a,b,w", "--target", "y", "--measure", "mmi"
    )
    assert code == 0
    assert out.splitlines()[0].split() == ["node", "atom", "redundancy", "unit"]
    assert len(out.splitlines()) == 1 + 18


def test_errors(gates: tuple[Path, pd.DataFrame]) -> None:
    path, _ = gates
    code, out, err = invoke("pid", str(path), "--sources", "a,zz", "--target", "y")
    assert code == 1
    assert out == ""
    assert "zz" in err
    code, out, err = invoke("pid", str(path), "--sources", "a,y", "--target", "y")
    assert code == 1
    assert out == ""
    assert "target shares 'y'" in err
    code, out, err = invoke(
        "pid", str(path), "--sources", "a,b", "--target", "y", "--measure", "nope"
    )
    assert code == 1
    assert "Unknown PID measure" in err
