"""mixed_ksg (Gao et al.): the warning for ties that are no atoms, false alarms.

The warning counted the rows whose continuous values repeat; Gao's estimate is
biased only where the kNN radius lands on the grid of those values (or on a
row's copies), so it warned on x read to 1/3 of its spread against a
continuous y at n = 4000 (bias -0.008) and on CMI data read to 0.001 of the
spread (0.071, 'mixed_atoms' 0.07). It now warns on the bias that the
estimator's own kNN search predicts (benchmarks/gao_radius_ties.py).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import mutinfo as mt
from mutinfo._validation import Variable
from mutinfo.estimators import mixed


def _pair(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    g = np.random.default_rng(seed)
    x = g.normal(size=n)
    return x, np.sqrt(0.5) * x + np.sqrt(0.5) * g.normal(size=n)


def _grid(v: np.ndarray, step: float) -> np.ndarray:
    spread = step * float(np.std(v))
    return np.round(v / spread) * spread


def _tie_warnings(seen: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in seen if "point masses" in str(w.message)]


def test_coarse_x_against_continuous_y_is_quiet() -> None:
    # Every x value repeats (the old trigger's share of tied rows: 0.41), but
    # the kNN radius stays below the step of 1/3 of the spread: the estimate
    # is that of the unrounded data (bias -0.008). Warned before.
    x, y = _pair(4000)
    clean = mt.mi(x, y, method="mixed_ksg", variant="gao")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        value = mt.mi(_grid(x, 1 / 3), y, method="mixed_ksg", variant="gao")
    assert not _tie_warnings(seen)
    assert value == pytest.approx(clean, abs=0.03)


def test_cmi_read_to_a_thousandth_is_quiet() -> None:
    # I(X; Y | labels) with X read to 0.001 of its spread: mixed_ksg 0.071,
    # mixed_atoms 0.07 (accurate). Warned before.
    g = np.random.default_rng(0)
    u = g.normal(size=2000)
    x = _grid(u + g.normal(size=2000), 0.001)
    y = u + g.normal(size=2000)
    labels = np.digitize(u + g.normal(size=2000), [-1.0, 0.0, 1.0])
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        value = mt.cmi(x, y, labels, method="mixed_ksg")
        atoms = mt.cmi(x, y, labels, method="mixed_atoms", rng=0)
    assert not _tie_warnings(seen)
    assert value == pytest.approx(atoms, abs=0.02)


def test_a_tenth_of_the_rows_twice_warns() -> None:
    # 10 % of the rows appended again: +0.08 nats (0.44 for 0.35), a bias
    # the kNN search predicts at 0.09.
    x, y = _pair(500, seed=2)
    with pytest.warns(mt.BiasWarning, match=r"point masses.*duplicated records"):
        mt.mi(np.r_[x, x[:50]], np.r_[y, y[:50]], method="mixed_ksg")


def test_warning_states_the_predicted_bias() -> None:
    x, y = _pair(500, seed=2)
    with pytest.warns(mt.BiasWarning, match=r"reads about 0\.\d\d nats high"):
        mt.mi(_grid(x, 0.1), _grid(y, 0.1), method="mixed_ksg", variant="gao")


def _predicted(*columns: np.ndarray) -> tuple[float, float]:
    vs = [Variable(f"v{i}", c.reshape(-1, 1), (False,)) for i, c in enumerate(columns)]
    ties: list[tuple[float, float]] = []
    kw = {"k": 3, "standardize": True, "algorithm": "auto", "ties": ties}
    if len(vs) == 2:
        mixed.gao_mi(vs[0], vs[1], **kw)  # type: ignore[arg-type]
    else:
        mixed.gao_cmi(vs[0], vs[1], vs[2], **kw)  # type: ignore[arg-type]
    return ties[0]


def test_predicted_bias_is_zero_without_ties_and_for_atoms() -> None:
    x, y = _pair(1000)
    assert _predicted(x, y) == (0.0, 0.0)
    zeros = np.where(np.random.default_rng(1).random(1000) < 0.3, 0.0, x)
    assert _predicted(zeros, y) == (0.0, 0.0)


def test_predicted_bias_tracks_the_grid() -> None:
    # Read to 0.01 of the spread: the bias grows with n as the radius shrinks
    # towards the step (+0.025 at n = 200, +0.16 at n = 5000); the prediction
    # follows (benchmarks/gao_radius_ties.py).
    small = sum(_predicted(*(_grid(v, 0.01) for v in _pair(200))))
    large = sum(_predicted(*(_grid(v, 0.01) for v in _pair(5000))))
    assert small < mixed.TIE_BIAS < large
    every_row_twice = _predicted(*(np.r_[v, v] for v in _pair(300)))
    assert every_row_twice[0] == pytest.approx(0.5, abs=0.05)


def test_fine_grid_at_large_n_warns() -> None:
    # Read to 0.001 of the spread, n = 20000: the kNN radius nears the step;
    # Gao 0.38 against 0.349 unrounded and 'ksg' 0.349 (+9 %), a predicted bias
    # of 0.031 (under TIE_BIAS) but 4.7 standard errors. Silent before.
    x, y = _pair(20000)
    with pytest.warns(mt.BiasWarning, match=r"point masses.*standard error"):
        value = mt.mi(_grid(x, 0.001), _grid(y, 0.001), method="mixed_ksg")
    assert value - mt.mi(x, y, method="mixed_ksg") > 0.025


@pytest.mark.parametrize("n", [5000, 10000])
def test_fine_grid_within_its_error_is_quiet(n: int) -> None:
    # Read to 0.001 at n = 5000 / 10000: +0.015 / +0.021 nats, 1.1 / 2.3
    # standard errors of the estimate: no warning.
    x, y = _pair(n)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        mt.mi(_grid(x, 0.001), _grid(y, 0.001), method="mixed_ksg")
    assert not _tie_warnings(seen)


def test_coarse_grid_many_errors_below_tie_bias_is_quiet() -> None:
    # Read to 1/3 of the spread, n = 5000: predicted 0.029 (3.0 standard
    # errors) but the measured bias is +0.012; coarse ties overshoot the
    # prediction, so the standard-error rule leaves them out.
    x, y = _pair(5000, seed=2)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        mt.mi(_grid(x, 1 / 3), _grid(y, 1 / 3), method="mixed_ksg")
    assert not _tie_warnings(seen)


def test_two_label_columns_are_not_blamed_on_a_grid() -> None:
    # The standard-error rule is for ties of continuous columns; with none
    # (anes96's TVnews 0-7 and DoleLR 1-7, both read as labels) it warned of
    # "the grid of a continuous column's repeated values" (0.021 nats).
    sm = pytest.importorskip("statsmodels.api")
    data = sm.datasets.anes96.load_pandas().data
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mt.estimate("mi", data["TVnews"], data["DoleLR"], method="mixed_ksg", rng=0)
    assert not [w for w in caught if "point masses" in str(w.message)]
