"""The I(d) log-log plot: points, baseline, both fitted lines, Agg backend."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mutinfo import datasets
from mutinfo import timeseries as ts
from mutinfo.exceptions import InvalidParameterError
from mutinfo.plot import separation

pytest.importorskip("matplotlib")


def test_power_law_lines_pass_through_the_points(tmp_path) -> None:
    d = np.arange(1, 40)
    frame = pd.DataFrame({"distance": d, "mi": 0.3 * d**-0.8})
    path = tmp_path / "sep.png"
    fig = separation(frame, path)
    assert path.read_bytes()[:4] == b"\x89PNG"
    ax = fig.axes[0]
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "log")
    assert ax.get_title() == "I(d): power law fits better (exponent 0.80)"
    points, power, expo = ax.get_lines()
    np.testing.assert_allclose(points.get_ydata(), frame.mi)
    # The drawn power law is the fitted one: exact on exact power-law data.
    gx, gy = power.get_data()
    np.testing.assert_allclose(gy, 0.3 * gx**-0.8, rtol=1e-9)
    assert power.get_linestyle() == "-"
    assert expo.get_linestyle() == "--"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[1:] == ["power law, exponent 0.80", expo.get_label()]


def test_markov_estimate_with_baseline_and_exponential_fit() -> None:
    x = datasets.binary_markov_chain(0.2).sample(20_000, rng=0)
    frame = ts.mi_vs_separation(x, [1, 2, 3, 4, 6], rng=0)
    fig = separation(frame)
    ax = fig.axes[0]
    fit = ts.fit_separation(frame)
    assert ax.get_title().startswith(f"I(d): {fit.better.replace('_', ' ')} fits")
    names = [line.get_label() for line in ax.get_lines()]
    assert names[1] == "shuffled baseline"
    assert ax.get_ylabel() == "I(d) (nats), grassberger"
    # Baseline values at or below 0 are not drawn on the log axis.
    base = frame.baseline.to_numpy()
    assert len(ax.get_lines()[1].get_xdata()) == int((base > 0).sum())
    # Into given axes, a given fit, no refit; and without lines.
    import matplotlib.pyplot as plt

    fig2, ax2 = plt.subplots()
    assert separation(frame, ax=ax2, fit=fit, label="chain") is fig2
    assert ax2.get_lines()[0].get_label().startswith("chain")
    fig3 = separation(frame, fit=False)
    assert len(fig3.axes[0].get_lines()) == 2
    plt.close("all")


def test_baseline_subtracted_plot_says_so_on_its_axes() -> None:
    # The y label and title read "I(d)" while the points were I(d) - baseline.
    import matplotlib.pyplot as plt

    frame = pd.DataFrame(
        {"distance": [1, 2, 4, 8], "mi": [0.5, 0.3, 0.2, 0.15], "baseline": 0.05}
    )
    ax = separation(frame, subtract_baseline=True, fit=False).axes[0]
    assert ax.get_ylabel().startswith("I(d) - baseline (")
    assert ax.get_title() == "I(d) - baseline"
    plt.close("all")


def test_bad_input() -> None:
    with pytest.raises(InvalidParameterError, match="'frame' parameter"):
        separation(pd.DataFrame({"d": [1, 2]}))
    with pytest.raises(InvalidParameterError, match="'fit' parameter"):
        separation(pd.DataFrame({"distance": [1, 2, 3], "mi": [3, 2, 1]}), fit="yes")
    with pytest.raises(InvalidParameterError, match="'baseline' column"):
        separation(
            pd.DataFrame({"distance": [1, 2, 3], "mi": [3, 2, 1]}),
            subtract_baseline=True,
        )


def _stacked() -> pd.DataFrame:
    # A power law (exponent 0.8) and an exponential (decay length 5) stacked:
    # fitted as one curve they read one exponent between the two, silently.
    d = np.arange(1, 30)
    power = pd.DataFrame({"distance": d, "mi": 0.3 * d**-0.8, "text": "A"})
    markov = pd.DataFrame({"distance": d, "mi": 0.3 * np.exp(-d / 5.0), "text": "B"})
    return pd.concat([power, markov], ignore_index=True)


def test_fit_separation_warns_on_stacked_runs() -> None:
    from mutinfo.exceptions import DataWarning

    frame = _stacked()
    with pytest.warns(DataWarning, match=r"2 stacked I\(d\) runs.*\['text'\]"):
        ts.fit_separation(frame)
    # Each run on its own: the exact exponent and decay length, no warning.
    fits = {k: ts.fit_separation(run) for k, run in frame.groupby("text")}
    assert fits["A"].exponent == pytest.approx(0.8, rel=1e-9)
    assert fits["B"].decay_length == pytest.approx(5.0, rel=1e-9)


def test_fit_separation_warns_on_unlabelled_replicates() -> None:
    from mutinfo.exceptions import DataWarning

    frame = _stacked().drop(columns="text")
    with pytest.warns(DataWarning, match="no column tells apart.*pooled"):
        ts.fit_separation(frame)


def test_separation_plot_fits_each_stacked_run() -> None:
    fig = separation(_stacked())
    ax = fig.axes[0]
    assert ax.get_title() == "I(d) of 2 runs, each fitted"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [
        "I(d) (text=A)",
        "text=A: power law, exponent 0.80",
        "I(d) (text=B)",
        "text=B: exponential, decay length 5",
    ]


def test_separation_plot_by_overrides_the_run_columns() -> None:
    from mutinfo.exceptions import DataWarning

    frame = _stacked().assign(seed=0)
    # by=[] treats the stacked frames as one design: pooled, with a warning.
    with pytest.warns(DataWarning, match="pooled into one curve by plot.separation"):
        separation(frame, by=[])
    with pytest.raises(InvalidParameterError, match=r"'by'.*'run'"):
        separation(frame, by=["run"])
