from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mutinfo import timeseries as ts
from mutinfo.exceptions import InvalidParameterError

pytest.importorskip("matplotlib")
from mutinfo.plot import rbn_sweep


def _frame() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "k": [1, 1, 2, 2, 3, 3],
            "network": [0, 1, 0, 1, 0, 1],
            "ais": [0.6, 0.8, 0.4, 0.2, 0.1, 0.1],
            "te": [0.0, 0.1, 0.2, 0.4, 0.3, 0.5],
            "sensitivity": [0.5, 0.5, 1.0, 1.0, 1.5, 1.5],
        }
    )
    frame.attrs["unit"] = "bits"
    return frame


def test_means_per_k_are_drawn_with_the_critical_line() -> None:
    import matplotlib.pyplot as plt

    fig = rbn_sweep(_frame())
    ax = fig.axes[0]
    lines = {line.get_label(): line for line in ax.get_lines()}
    ais = lines["mean AIS (Lizier et al.)"]
    assert np.allclose(ais.get_xdata(), [0.5, 1.0, 1.5])
    assert np.allclose(ais.get_ydata(), [0.7, 0.3, 0.1])
    assert np.allclose(lines["mean TE (Lizier et al.)"].get_ydata(), [0.05, 0.3, 0.4])
    # the dashed vertical critical line at sensitivity 1
    assert any(
        np.asarray(line.get_xdata(), dtype=float).tolist() == [1.0, 1.0]
        and line.get_linestyle() == "--"
        for line in ax.get_lines()
    )
    assert ax.get_ylabel() == "bits"
    plt.close(fig)


def test_saves_a_ribeiro_sweep(tmp_path) -> None:  # type: ignore[no-untyped-def]
    frame = ts.rbn_pairwise_mi([1, 2], n_nodes=8, n_networks=2, n_steps=40, rng=0)
    assert frame.attrs["unit"] == "bits"
    out = tmp_path / "ribeiro.png"
    fig = rbn_sweep(frame, out, x="k")
    assert out.stat().st_size > 1000
    labels = [line.get_label() for line in fig.axes[0].get_lines()]
    assert "N <I> (Ribeiro et al.)" in labels


def test_bad_frames_and_axes_are_named() -> None:
    with pytest.raises(InvalidParameterError, match=r"'frame'.*lacks"):
        rbn_sweep(pd.DataFrame({"k": [1], "sensitivity": [0.5]}))
    with pytest.raises(InvalidParameterError, match="'x'"):
        rbn_sweep(_frame(), x="p")
