"""``mutinfo infoplane`` writes the frame and the plot; bad options fail cleanly."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("torch")

from tests.cli.conftest import invoke


def test_infoplane_writes_frame_and_plot(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "plane"
    code, stdout, stderr = invoke(
        "infoplane",
        "--task",
        "tishby",
        "--activation",
        "relu",
        "--epochs",
        "1",
        "--n-points",
        "2",
        "--methods",
        "binning",
        "--bins",
        "10",
        "--edges",
        "all_epochs",
        "--out",
        str(out),
    )
    assert code == 0, stderr
    frame = pd.read_csv(out / "plane.csv")
    assert set(frame["quantity"]) == {"I(X;T)", "I(T;Y)"}
    assert (frame["value"] <= 12).all()
    assert frame["params"].str.contains("edges='all_epochs' (0, ", regex=False).all()
    assert (out / "plane.png").stat().st_size > 0
    assert "act5" in stdout


def test_infoplane_bad_activation(tmp_path: Path) -> None:
    code, stdout, stderr = invoke(
        "infoplane", "--activation", "sigmoid", "--out", str(tmp_path / "x")
    )
    assert code == 1
    assert stdout == ""
    assert "'activation'" in stderr
    assert "'tanh', 'relu'" in stderr
