"""CLI: the neural methods and their parameters from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("torch")

from typer.testing import CliRunner

import mutinfo as mt
from mutinfo.cli.app import app
from mutinfo.exceptions import ConvergenceWarning

runner = CliRunner()


def test_smile_json_equals_the_api_result(tmp_path: Path) -> None:
    g = np.random.default_rng(0)
    x = g.normal(size=800)
    frame = pd.DataFrame({"a": x, "b": 0.9 * x + 0.43 * g.normal(size=800)})
    path = tmp_path / "pair.csv"
    frame.to_csv(path, index=False)
    args = [
        "--max-steps",
        "40",
        "--batch-size",
        "32",
        "--hidden",
        "16",
        "--clip",
        "none",
    ]
    command = ["mi", str(path), "--x", "a", "--y", "b", "--method", "smile"]
    # 40 steps on purpose (the test compares the CLI with the API, not
    # accuracy): the critic is still improving, and both paths say so.
    with pytest.warns(ConvergenceWarning, match="still improving"):
        done = runner.invoke(app, [*command, "--rng", "0", *args, "--format", "json"])
    assert done.exit_code == 0, done.output
    payload = json.loads(done.stdout)
    with pytest.warns(ConvergenceWarning, match="still improving"):
        want = mt.estimate(
            "mi",
            frame["a"],
            frame["b"],
            method="smile",
            rng=0,
            max_steps=40,
            batch_size=32,
            hidden=16,
            clip=None,
        )
    assert payload["value"] == pytest.approx(want.value)
    assert payload["params"]["clip"] is None
    assert payload["extras"]["stderr"] == pytest.approx(want.extras["stderr"])


def test_a_bad_device_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "pair.csv"
    pd.DataFrame({"a": [0.1, 0.2], "b": [0.3, 0.1]}).to_csv(path, index=False)
    done = runner.invoke(
        app,
        ["mi", str(path), "--x", "a", "--y", "b", "--method", "nwj", "--device", "tpu"],
    )
    assert done.exit_code == 1
    assert "'device'" in done.stderr
    assert done.stdout == ""
