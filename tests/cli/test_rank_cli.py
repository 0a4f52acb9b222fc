"""CLI ``mutinfo rank``: JSON equals the API; errors on stderr with empty stdout."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo.selection import forward_selection
from tests.cli.conftest import invoke, write_csv


@pytest.fixture
def table(tmp_path: Path) -> Path:
    g = np.random.default_rng(0)
    n = 400
    label = g.integers(0, 3, n)
    frame = pd.DataFrame(
        {
            "signal": label + 0.5 * g.normal(size=n),
            "copy": label + 0.5 * g.normal(size=n),
            "noise": g.normal(size=n),
            "colour": np.array(["red", "green", "blue"])[label],
            "label": np.array(["a", "b", "c"])[label],
        }
    )
    return write_csv(frame, tmp_path)


def test_rank_json_equals_rank_features(table: Path) -> None:
    code, out, err = invoke(
        "rank", str(table), "--target", "label", "--format", "json", "--rng", "0"
    )
    assert code == 0, err
    payload = json.loads(out)
    frame = pd.read_csv(table)
    expected = mt.rank_features(frame.drop(columns="label"), frame["label"], rng=0)
    assert [r["feature"] for r in payload["features"]] == expected["feature"].tolist()
    assert [r["mi"] for r in payload["features"]] == expected["mi"].tolist()
    assert payload["features"][0]["feature"] == "colour"
    # auto: the family mt.estimate gives the pair (3 x 3 labels: Miller-Madow)
    expected_method = mt.estimate("mi", frame["colour"], frame["label"]).method
    assert payload["features"][0]["method"] == expected_method == "miller_madow"


def test_select_json_equals_forward_selection(table: Path) -> None:
    code, out, err = invoke(
        "rank", str(table), "--target", "label", "--columns", "signal,copy,noise",
        "--k", "2", "--criterion", "jmi", "--n-neighbors", "5", "--base", "2",
        "--rng", "3", "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    payload = json.loads(out)
    frame = pd.read_csv(table)
    sel = forward_selection(
        frame[["signal", "copy", "noise"]], frame["label"], k=2, criterion="jmi",
        n_neighbors=5, base=2, rng=3,
    )  # fmt: skip
    assert [r["feature"] for r in payload["features"]] == list(sel.features)
    assert [r["score"] for r in payload["features"]] == list(sel.scores)
    assert payload["unit"] == "bits"
    assert payload["stopped_by"] == "k"
    assert payload["n_estimates"] == dict(sel.n_estimates)


def test_table_and_csv_output(table: Path) -> None:
    code, out, _ = invoke("rank", str(table), "--target", "label", "--k", "2")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].split() == ["rank", "feature", "score", "mi", "method", "unit"]
    assert len(lines) == 3
    code, out, _ = invoke(
        "rank", str(table), "--target", "label", "--criterion", "cmim", "-f", "csv"
    )
    assert code == 0
    rows = out.strip().splitlines()
    assert rows[0] == "rank,feature,score,mi,method,unit"
    assert len(rows) == 1 + 4  # every feature ordered by the greedy search


def test_threshold_and_discrete(table: Path) -> None:
    code, out, err = invoke(
        "rank", str(table), "--target", "label", "--columns", "signal,copy,noise",
        "--criterion", "cmim", "--threshold", "0.2", "--discrete", "false,true",
        "--rng", "0", "-f", "json",
    )  # fmt: skip
    assert code == 0, err
    payload = json.loads(out)
    assert payload["stopped_by"] == "threshold"
    assert payload["features"][0]["feature"] in ("signal", "copy")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--target", "nope"], "Column(s) 'nope' given to --target not found"),
        (["--target", "label", "--columns", "x"], "given to --columns not found"),
        (["--target", "label", "--criterion", "mrmx"], "Did you mean 'mrmr'"),
        (["--target", "label", "--k", "9"], "'k' parameter"),
    ],
)
def test_data_errors_exit_1(table: Path, args: list[str], message: str) -> None:
    code, out, err = invoke("rank", str(table), *args)
    assert code == 1
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_usage_error_exit_2(table: Path) -> None:
    code, out, _ = invoke("rank", str(table))
    assert code == 2
    assert out == ""


def test_pvalues_and_alpha(table: Path) -> None:
    code, out, err = invoke(
        "rank", str(table), "--target", "label", "--columns", "colour,noise",
        "--pvalues", "--n-permutations", "19", "--fdr", "bonferroni", "--rng", "0",
        "-f", "json",
    )  # fmt: skip
    assert code == 0, err
    rows = json.loads(out)["features"]
    assert rows[0]["feature"] == "colour"
    assert rows[0]["p_value"] == pytest.approx(0.05)
    assert rows[0]["q_value"] == pytest.approx(0.1)
    code, out, err = invoke(
        "rank", str(table), "--target", "label", "--columns", "signal,noise",
        "--criterion", "jmi", "--alpha", "0.1", "--n-permutations", "19",
        "--method", "gaussian_copula", "--rng", "0", "-f", "json",
    )  # fmt: skip
    assert code == 0, err
    payload = json.loads(out)
    assert payload["stopped_by"] == "significance"
    assert [r["feature"] for r in payload["features"]] == ["signal"]
    assert payload["features"][0]["p_value"] == pytest.approx(0.05)


def test_pvalues_with_k_is_an_error(table: Path) -> None:
    code, out, err = invoke(
        "rank", str(table), "--target", "label", "--k", "1", "--pvalues"
    )
    assert code == 1
    assert out == ""
    assert "--alpha" in err
