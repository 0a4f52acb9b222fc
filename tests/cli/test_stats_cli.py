"""CLI: ``mutinfo test`` and ``--ci`` print what the API returns."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from tests.cli.conftest import invoke, write_csv


@pytest.fixture
def table(tmp_path: Path) -> Path:
    g = np.random.default_rng(0)
    a = g.normal(size=200)
    frame = pd.DataFrame(
        {
            "a": a,
            "b": a + g.normal(size=200),
            "c": g.normal(size=200),
            "k": g.integers(0, 3, 200),
            "j": g.integers(0, 3, 200),
            "m": g.integers(0, 2, 200),
        }
    )
    return write_csv(frame, tmp_path)


def test_test_json_equals_api(table: Path) -> None:
    code, out, err = invoke(
        "test", str(table), "--x", "a", "--y", "b", "--z", "c",
        "--n-permutations", "19", "--rng", "0", "--n-neighbors", "4",
        "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    frame = pd.read_csv(table)
    expected = mt.independence_test(
        frame[["a"]], frame[["b"]], frame[["c"]], n_permutations=19, rng=0,
        n_neighbors=4,
    ).to_dict()  # fmt: skip
    assert json.loads(out) == expected
    assert expected["surrogate"] == "local"


def test_test_surrogate_and_table(table: Path) -> None:
    code, out, err = invoke(
        "test", str(table), "--x", "a", "--y", "c", "--surrogate", "circular",
        "--block-length", "10", "--n-permutations", "9", "--rng", "1",
    )  # fmt: skip
    assert code == 0, err
    header = out.splitlines()[0].split()
    assert header[:2] == ["statistic", "p_value"]
    assert "circular" in out


def test_test_bad_surrogate_is_one_line_error(table: Path) -> None:
    code, out, err = invoke(
        "test", str(table), "--x", "a", "--y", "b", "--surrogate", "shuffle",
        "--n-permutations", "3",
    )  # fmt: skip
    assert code == 1
    assert out == ""
    assert "'surrogate' parameter" in err
    assert len(err.strip().splitlines()) == 1


def test_test_missing_column(table: Path) -> None:
    code, out, err = invoke("test", str(table), "--x", "a", "--y", "nope")
    assert code == 1
    assert out == ""
    assert "nope" in err


def test_test_usage_error(table: Path) -> None:
    code, _, _ = invoke(
        "test", str(table), "--x", "a", "--y", "b", "--n-permutations", "0"
    )
    assert code == 2


@pytest.mark.parametrize(
    ("command", "cols"),
    [
        ("mi", ["--x", "k", "--y", "j"]),
        ("entropy", ["--x", "k"]),
        ("cmi", ["--x", "k", "--y", "j", "--z", "m"]),
    ],
)
def test_ci_json(table: Path, command: str, cols: list[str]) -> None:
    args = [
        command,
        str(table),
        *cols,
        "--ci",
        "0.9",
        "--rng",
        "0",
        "--n-resamples",
        "30",
        "--format",
        "json",
    ]
    if command == "cmi":
        args += ["--method", "plugin", "--ci-scheme", "bootstrap"]
    code, out, err = invoke(*args)
    assert code == 0, err
    payload = json.loads(out)
    frame = pd.read_csv(table)
    data = [frame[[c]] for c in cols[1::2]]
    kwargs = {"method": "plugin", "scheme": "bootstrap"} if command == "cmi" else {}
    measure = {"mi": "mi", "entropy": "entropy", "cmi": "cmi"}[command]
    expected = mt.confidence_interval(
        *data, measure=measure, level=0.9, n_resamples=30, rng=0, **kwargs
    ).to_dict()
    assert payload["ci"] == expected
    assert payload["ci"]["estimate"] == pytest.approx(payload["value"])


def test_ci_table_columns(table: Path) -> None:
    code, out, err = invoke("mi", str(table), "--x", "k", "--y", "j", "--ci", "0.95")
    assert code == 0, err
    assert "ci_low" in out.splitlines()[0]
    assert "analytic" in out


def test_ci_out_of_range_is_usage_error(table: Path) -> None:
    code, _, _ = invoke("mi", str(table), "--x", "k", "--y", "j", "--ci", "95")
    assert code == 2
