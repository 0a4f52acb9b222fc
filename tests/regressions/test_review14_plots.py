"""Review 14: numbers and labels shown in figures and in the report's heatmap."""

from __future__ import annotations

import math
import re
import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("matplotlib")

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from mutinfo.matrix import MIMatrix
from mutinfo.neural.analysis import (
    information_plane,
    plot_information_plane,
)
from mutinfo.plot import heatmap, pid_lattice
from mutinfo.reporting._svg import heatmap_svg


def test_information_plane_plot_of_an_estimator_pairs_its_label_rows() -> None:
    # method="ksg" records I(T;Y) under its label estimator ("mixed_ksg"): the
    # plot selected rows by method "ksg" only and raised "The frame has no
    # I(T;Y) rows: run information_plane with y" (the CLI's infoplane too).
    rng = np.random.default_rng(0)
    x = rng.normal(size=(80, 2))
    y = (x[:, 0] > 0).astype(int)
    t = {e: {"h": np.tanh(x * (e + 1))} for e in range(2)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = information_plane(t, y=y, x=x, method="ksg", base=2, rng=0)
    assert set(frame["method"]) == {"ksg", "mixed_ksg"}
    fig = plot_information_plane(frame)
    ax = fig.axes[0]
    drawn = np.asarray(ax.collections[0].get_offsets())
    want = frame.pivot_table(
        index="epoch", columns="quantity", values="value"
    ).sort_index()
    np.testing.assert_allclose(drawn[:, 0], want["I(X;T)"])
    np.testing.assert_allclose(drawn[:, 1], want["I(T;Y)"])
    assert ax.get_xlabel() == "I(X;T) [bits]"
    assert ax.get_title() == "Information plane (ksg / mixed_ksg)"
    plt.close(fig)


def test_information_plane_unit_uses_the_library_name() -> None:
    # base=10 was labelled "base 10"; every other result says "log10".
    t = {0: {"h": np.repeat(np.arange(4.0), 10)[:, None]}}
    frame = information_plane(t, y=np.repeat([0, 1], 20), base=10)
    assert set(frame["unit"]) == {"log10"}


def _matrix(values: np.ndarray) -> MIMatrix:
    names = ["a", "b", "c"]
    frame = pd.DataFrame(values, index=names, columns=names)
    methods = pd.DataFrame("ksg", index=names, columns=names)
    return MIMatrix(frame, None, None, methods, "mi", "nats", 100)


def test_heatmap_marks_infinite_cells() -> None:
    # +inf (the strongest pair) was masked like the NaN diagonal: a blank cell
    # with no text, indistinguishable from "not estimated".
    v = np.array([[np.nan, np.inf, 0.5], [np.inf, np.nan, 0.1], [0.5, 0.1, np.nan]])
    fig = heatmap(_matrix(v), order="given")
    texts = {(t.get_position(), t.get_text()) for t in fig.axes[0].texts}
    assert ((1, 0), "inf") in texts
    assert ((0, 1), "inf") in texts
    image = fig.axes[0].images[0]
    assert image.cmap.get_bad()[3] == 1.0  # grey, not transparent
    plt.close(fig)


def test_report_svg_tooltip_says_inf_not_nan() -> None:
    v = np.array([[np.nan, np.inf, 1.0], [np.inf, np.nan, -np.inf], [1, -np.inf, 0]])
    svg = heatmap_svg(v, ["a", "b", "c"])
    tips = re.findall(r"<title>(.*?)</title>", svg)
    assert tips[1] == "a / b: inf nats"  # was "nan nats"
    assert tips[5] == "b / c: -inf nats"
    assert tips[0] == "a / a: nan nats"
    assert re.search(r">inf</text>", svg)
    assert re.search(r">-inf</text>", svg)


def test_pid_lattice_does_not_print_nan_as_zero() -> None:
    # A NaN atom was labelled "0.000" (abs(nan) >= 5e-4 is False).
    names = ["{0}{1}", "{0}", "{1}", "{0:1}"]
    atoms = dict(zip(names, [math.nan, 0.2, -0.0001, 0.5], strict=True))
    result = SimpleNamespace(
        atoms=atoms,
        redundancies=atoms,
        measure="test",
        unit="bits",
        sources=("s0", "s1"),
        target="y",
        mutual_information=0.7,
        n_sources=2,
    )
    fig = pid_lattice(result)
    labels = [t.get_text().split("\n")[1] for t in fig.axes[0].texts]
    assert labels == ["nan", "0.200", "0.000", "0.500"]
    plt.close(fig)
