"""Regressions: defects left open by earlier reviews (KL point masses, report, sweeps)."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo import divergence as dv
from mutinfo.exceptions import DataWarning, InvalidDataError

# --------------------------------------------------------------------------- #
# kl_divergence / jensen_shannon: a column constant in one sample only


def _gauss(n: int = 400, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(n, 2))


def _with_column(x: np.ndarray, value: float) -> np.ndarray:
    x = x.copy()
    x[:, 1] = value
    return x


@pytest.mark.parametrize(
    "case",
    ["p constant", "q constant", "constant apart", "1-D p constant"],
)
def test_kl_of_a_point_mass_against_a_density_is_inf(case):
    # The kNN formula read 5.2 nats (p constant in a column where q varies),
    # 2.6 (the reverse) and 9.3 (constant in both at 0 and 1), silently; the
    # divergence is +inf in each (P is not absolutely continuous w.r.t. Q).
    p, q = _gauss(seed=0), _gauss(seed=1)
    p, q = {
        "p constant": (_with_column(p, 0.0), q),
        "q constant": (p, _with_column(q, 0.0)),
        "constant apart": (_with_column(p, 0.0), _with_column(q, 1.0)),
        "1-D p constant": (np.zeros(400), q[:, 0]),
    }[case]
    with pytest.warns(DataWarning, match=r"KL\[P \|\| Q\] is \+inf"):
        assert dv.kl_divergence(p, q, n_neighbors=3) == math.inf
    with pytest.warns(DataWarning, match="do not overlap"):
        assert dv.jensen_shannon(p, q, rng=0) == pytest.approx(math.log(2))
    with pytest.warns(DataWarning, match="do not overlap"):
        js2 = dv.jensen_shannon(p, q, method="classifier", rng=0, base=2)
    assert js2 == pytest.approx(1.0)


def test_kl_of_identical_point_masses():
    # A column constant at the same value in both is left out (exact: P and Q
    # agree along it); every column so: P = Q, KL 0 (was a "duplicates" error).
    p, q = _gauss(seed=0), _gauss(seed=1)
    one_d = dv.kl_divergence(p[:, :1], q[:, :1], n_neighbors=3)
    both = dv.kl_divergence(_with_column(p, 2.0), _with_column(q, 2.0), n_neighbors=3)
    assert both == pytest.approx(one_d, rel=1e-12)
    assert dv.kl_divergence(np.full(50, 3.0), np.full(60, 3.0)) == 0.0


def test_kl_of_a_point_mass_on_an_atom_of_q_raises():
    # q varies in the column but has an atom at p's value: KL is finite but not
    # a divergence of densities (the kNN formula read a finite number).
    p, q = _with_column(_gauss(seed=0), 0.0), _gauss(seed=1)
    q[:100, 1] = 0.0
    with pytest.raises(InvalidDataError, match="Q has an atom there"):
        dv.kl_divergence(p, q, n_neighbors=3)
    # The reverse is +inf whatever p's atom: Q has mass off it.
    with pytest.warns(DataWarning, match=r"\+inf"):
        assert dv.kl_divergence(q, p, n_neighbors=3) == math.inf


def test_kl_with_a_single_row_of_q_is_not_called_singular():
    # One row of q (allowed with k = 1) shows no constant column.
    p, q = _gauss(seed=0), _gauss(n=1, seed=1)
    assert math.isfinite(dv.kl_divergence(p, q))


# --------------------------------------------------------------------------- #
# mt.report: units of the ranking, intervals around the matrix's value


def _report_table(n: int = 160) -> pd.DataFrame:
    g = np.random.default_rng(5)
    label = g.integers(0, 3, n)
    a = label + g.standard_normal(n)
    return pd.DataFrame(
        {
            "a": a,
            "b": a + g.standard_normal(n),
            "c": np.round(g.standard_normal(n), 1),  # ties: mixed_ksg noise matters
            "d": np.where(g.random(n) < 0.1, np.nan, g.integers(0, 4, n)),
            "label": label,
        }
    )


@pytest.fixture(scope="module")
def small_report():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # small-sample and tie warnings
        return mt.report(
            _report_table(),
            target="label",
            n_permutations=9,
            n_resamples=10,
            max_intervals=25,
            k=2,
            rng=0,
        )


def test_report_ranking_and_selection_headers_carry_the_unit(small_report):
    # The ranking's header read "mi" (no unit) beside "MI (nats)" in the pairs.
    page = small_report.to_markdown()
    assert "| feature | MI (nats) | method | p-value | q-value |" in page
    assert "| step | mrmr (score, nats) | jmi (score, nats) |" in page
    assert "| mi |" not in page
    assert "interval (nats)" in page
    html = small_report.to_html()
    assert html.count("<th>MI (nats)</th>") == 2  # the pairs and the ranking
    assert "<th>mi</th>" not in html


def test_report_intervals_are_placed_on_the_matrix_value(small_report):
    # The interval drew its own estimate on the pair's own rows: up to 0.02
    # nats from the MI shown (Wine, color_intensity x cultivar: 0.5614 vs 0.5430).
    pairs = small_report.pairs
    done = pairs[np.isfinite(pairs["ci_low"])]
    assert len(done) == len(pairs)  # every pair got one
    assert set(done["ci_centre"]) == {"matrix"}
    assert (done["ci_estimate"] == done["mi"]).all()
    assert ((done["ci_low"] <= done["mi"]) & (done["mi"] <= done["ci_high"])).all()
    assert "placed around the MI shown" in small_report.to_markdown()


def test_an_interval_that_cannot_be_moved_keeps_its_own_estimate():
    from mutinfo import ConfidenceInterval
    from mutinfo.reporting._build import _on_matrix_value

    def ci(scheme: str, estimate: float) -> ConfidenceInterval:
        return ConfidenceInterval(
            low=0.1, high=0.5, level=0.95, estimate=estimate, method="m",
            scheme=scheme, n_resamples=10, unit="nats", target="mi",
        )  # fmt: skip

    assert _on_matrix_value(ci("subsample", 0.3), 0.32) == pytest.approx(
        (0.32, 0.12, 0.52, "matrix")
    )
    # A percentile bootstrap is not a translate of its estimate: left as is.
    assert _on_matrix_value(ci("bootstrap", 0.3), 0.32) == (0.3, 0.1, 0.5, "own")
    # Rounding (a deterministic method on the same rows) is taken as equal.
    assert _on_matrix_value(ci("analytic", 0.3), 0.3 + 1e-15)[3] == "matrix"


def test_the_page_names_an_interval_around_its_own_estimate(small_report):
    import dataclasses

    pairs = small_report.pairs.copy()
    pairs.loc[0, "ci_centre"] = "own"
    pairs.loc[0, "ci_estimate"] = 0.123
    page = dataclasses.replace(small_report, pairs=pairs).to_markdown()
    first = f"{pairs.loc[0, 'x']} x {pairs.loc[0, 'y']} (around its own estimate 0.123)"
    assert "placed around the MI shown except for " + first in page


# --------------------------------------------------------------------------- #
# plot.rbn_sweep: stacked sweeps grouped by every parameter, not by k alone


def _sweep(p: float, ais: list[float], **extra: object) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "k": [1, 1, 2, 2],
            "network": [0, 1, 0, 1],
            "ais": ais,
            "sensitivity": [2 * p * (1 - p) * k for k in (1, 1, 2, 2)],
            "p": p,
            **extra,
        }
    )
    frame.attrs["unit"] = "bits"
    return frame


def _lines(fig) -> dict:  # type: ignore[no-untyped-def]
    return {
        # x values then y values
        line.get_label(): [*line.get_xdata(), *line.get_ydata()]
        for line in fig.axes[0].get_lines()
        if not line.get_label().startswith("_")
    }


def test_rbn_sweep_keeps_stacked_sweeps_apart():
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    from mutinfo.plot import rbn_sweep

    # p = 0.5 and p = 0.1 stacked: grouping by k drew one line through the
    # mean of both (0.45 and 0.25) at the first sweep's sensitivity (0.5, 1.0);
    # each sweep has its own sensitivities and means.
    stacked = pd.concat([_sweep(0.5, [0.6, 0.8, 0.4, 0.2]), _sweep(0.1, [0.1] * 4)])
    fig = rbn_sweep(stacked)
    lines = _lines(fig)
    assert lines["mean AIS (Lizier et al.) (p=0.5)"] == pytest.approx(
        [0.5, 1.0, 0.7, 0.3]
    )
    assert lines["mean AIS (Lizier et al.) (p=0.1)"] == pytest.approx(
        [0.18, 0.36, 0.1, 0.1]
    )
    plt.close(fig)
    # A column a user adds (an estimator, a seed) tells sweeps apart too,
    # with x='k' as well.
    by_method = pd.concat(
        [
            _sweep(0.5, [0.6, 0.8, 0.4, 0.2], method="plugin"),
            _sweep(0.5, [1.0, 1.0, 1.0, 1.0], method="grassberger"),
        ]
    )
    fig = rbn_sweep(by_method, x="k")
    lines = _lines(fig)
    assert set(lines) == {
        "mean AIS (Lizier et al.) (method=grassberger)",
        "mean AIS (Lizier et al.) (method=plugin)",
    }
    assert lines["mean AIS (Lizier et al.) (method=plugin)"] == pytest.approx(
        [1, 2, 0.7, 0.3]
    )
    assert fig.axes[0].get_ylabel() == "bits"
    plt.close(fig)


def test_rbn_sweep_says_when_it_pools_replicates():
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    from mutinfo.plot import rbn_sweep

    # The same design twice (other seeds), nothing to tell them apart: pooled
    # into one mean of four networks per K, and said.
    twice = pd.concat([_sweep(0.5, [0.6, 0.8, 0.4, 0.2]), _sweep(0.5, [0.2] * 4)])
    with pytest.warns(DataWarning, match="pooled into one mean per K"):
        fig = rbn_sweep(twice)
    assert _lines(fig) == {
        "mean AIS (Lizier et al.)": pytest.approx([0.5, 1.0, 0.45, 0.25])
    }
    plt.close(fig)


def test_rbn_sweeps_record_their_parameters():
    from mutinfo import timeseries as ts

    a = ts.rbn_pairwise_mi([1, 2], n_nodes=6, n_networks=1, n_steps=30, rng=0)
    b = ts.rbn_pairwise_mi([1, 2], n_nodes=9, n_networks=1, n_steps=30, rng=0)
    assert set(a["n_nodes"]) == {6}
    stacked = pd.concat([a, b])
    assert stacked.groupby(["n_nodes", "k"]).ngroups == 4


# --------------------------------------------------------------------------- #
# bench.plot: each task at one n


def test_bench_plot_compares_methods_at_the_same_n():
    from mutinfo.bench._plot import _shown

    # q failed at n = 1000 on task a: it was drawn from n = 100 beside p at
    # n = 1000, looking like the same comparison.
    frame = pd.DataFrame(
        {
            "task": ["a", "a", "a", "b", "b"],
            "method": ["p", "p", "q", "p", "q"],
            "n": [100, 1000, 100, 100, 100],
        }
    )
    shown, missing = _shown(frame)
    assert shown[["task", "method", "n"]].values.tolist() == [
        ["a", "p", 1000],
        ["b", "p", 100],
        ["b", "q", 100],
    ]
    assert missing == 1


def test_separation_plot_does_not_invent_a_unit():
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    from mutinfo.plot import separation

    d = np.arange(1, 20)
    frame = pd.DataFrame({"distance": d, "mi": 0.5 * d**-0.7})  # no attrs: bits?
    fig = separation(frame, fit=False)
    assert fig.axes[0].get_ylabel() == "I(d) (unit not recorded)"  # was "(nats)"
    plt.close(fig)
    frame.attrs["unit"] = "bits"
    fig = separation(frame, fit=False)
    assert fig.axes[0].get_ylabel() == "I(d) (bits)"
    plt.close(fig)
