"""kde_mi and binned_mi: closed forms, exact values, bounds and bad input."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from mutinfo.datasets import tishby_task  # noqa: E402
from mutinfo.exceptions import (  # noqa: E402
    BiasWarning,
    InvalidDataError,
    InvalidParameterError,
)
from mutinfo.neural.analysis import bin_activations, binned_mi, kde_mi  # noqa: E402


def _direct(t: np.ndarray, scale: float) -> float:
    """-mean_i log(mean_j exp(-|t_i - t_j|^2 / scale)), the n x n formula."""
    d2 = ((t[:, None, :] - t[None, :, :]) ** 2).sum(-1)
    return float(-np.mean(np.log(np.mean(np.exp(-d2 / scale), axis=1))))


def test_kde_upper_bound_equals_its_closed_form() -> None:
    # T = h(X) + N(0, s^2 I), X uniform on n points: H(T|X) = d/2 log(2 pi e s^2)
    # and the KL pairwise bound H(T) <= H(T|X) - mean_i log mean_j exp(-KL_ij)
    # with KL_ij = |h_i - h_j|^2 / (2 s^2) (Kolchinsky & Tracey, eq. 8), so
    # I(X;T) <= -mean_i log mean_j exp(-|h_i - h_j|^2 / (2 s^2)).
    rng = np.random.default_rng(0)
    t = rng.normal(size=(700, 3))  # more rows than one 512-row block
    s2 = 0.3
    assert kde_mi(t, noise_variance=s2) == pytest.approx(_direct(t, 2 * s2), rel=1e-12)
    # the Bhattacharyya lower bound: distance |h_i - h_j|^2 / (8 s^2)
    low = kde_mi(t, noise_variance=s2, bound="lower")
    assert low == pytest.approx(_direct(t, 8 * s2), rel=1e-12)
    assert 0 <= low <= kde_mi(t, noise_variance=s2) <= math.log(700)


def test_kde_far_apart_points_give_exactly_log_n_and_constant_zero() -> None:
    t = np.arange(50.0)[:, None] * 1e3
    assert kde_mi(t, noise_variance=1.0) == math.log(50)
    assert kde_mi(t, noise_variance=1.0, base=2) == pytest.approx(math.log2(50))
    assert kde_mi(np.ones((30, 4)), noise_variance=0.1) == 0.0
    assert kde_mi(np.ones((30, 4)), noise_variance=0.1, bound="lower") == 0.0


def test_kde_in_range_for_random_layers_and_tensor_input() -> None:
    rng = np.random.default_rng(1)
    for s2 in (1e-3, 0.1, 10.0):
        t = np.tanh(rng.normal(size=(200, 5)))
        value = kde_mi(torch.from_numpy(t), noise_variance=s2, device="cpu")
        assert 0.0 <= value <= math.log(200) + 1e-12


def test_kde_bad_input() -> None:
    with pytest.raises(InvalidParameterError, match="'noise_variance'"):
        kde_mi(np.zeros((5, 2)), noise_variance=0.0)
    with pytest.raises(InvalidParameterError, match="'noise_variance'"):
        kde_mi(np.zeros((5, 2)), noise_variance=-1.0)
    with pytest.raises(InvalidDataError, match="NaN"):
        kde_mi(np.array([[0.0], [np.nan]]), noise_variance=1.0)
    with pytest.raises(InvalidDataError, match="NaN"):
        kde_mi(torch.tensor([[0.0], [float("nan")]]), noise_variance=1.0)


def test_binned_distinct_bins_give_exactly_12_bits_and_constant_zero() -> None:
    x, y = tishby_task()
    with pytest.warns(BiasWarning):
        assert binned_mi(x, bins=2, base=2) == pytest.approx(12.0, abs=1e-12)
    assert binned_mi(np.zeros((4096, 3)), base=2) == 0.0
    assert binned_mi(np.zeros((4096, 3)), y, base=2) == 0.0


def test_binned_bounds_on_the_tishby_task() -> None:
    x, y = tishby_task()
    h_y = -sum(p * math.log2(p) for p in np.bincount(y) / y.size)
    rng = np.random.default_rng(0)
    w = rng.normal(size=(12, 4))
    for layer in (np.tanh(x @ w), np.maximum(x @ w, 0.0)):
        ixt = binned_mi(layer, bins=30, base=2)
        ity = binned_mi(layer, y, bins=30, base=2)
        assert 0.0 <= ixt <= 12.0
        assert 0.0 <= ity <= h_y + 1e-12
        assert ity <= ixt + 1e-12


def test_binned_edges_observed_versus_fixed() -> None:
    relu = np.array([[0.0], [0.5], [2.0], [4.0]])
    # observed range [0, 4] with 4 bins: 0, 0.5 -> bin 0; 2 -> 2; 4 -> 3
    assert bin_activations(relu, bins=4).ravel().tolist() == [0, 0, 2, 3]
    assert bin_activations(relu, bins=2, edges=(0.0, 8.0)).ravel().tolist() == [
        0,
        0,
        0,
        1,
    ]
    with pytest.raises(InvalidDataError, match="edges='observed'"):
        bin_activations(relu, edges=(-1.0, 1.0))  # never a fixed [-1, 1] for ReLU
    per_unit = np.c_[np.arange(4.0), 10 * np.arange(4.0)]
    assert (
        bin_activations(per_unit, bins=4, edges="per_unit")[:, 1] == [0, 1, 2, 3]
    ).all()
    with pytest.raises(InvalidParameterError, match="'edges'"):
        bin_activations(relu, edges="fixed")
    with pytest.raises(InvalidParameterError, match="'bins'"):
        binned_mi(relu, bins=0)


def test_binned_labels_of_wrong_length() -> None:
    with pytest.raises(InvalidDataError, match=r"shape \(4,\)"):
        binned_mi(np.zeros((4, 2)), [0, 1, 0])


def test_binned_plugin_fast_path_equals_estimate_path() -> None:
    """The plug-in shortcut of binned_mi gives mt.estimate's discrete value."""
    from mutinfo._counting import encode
    from mutinfo.neural.analysis._binning import exact_discrete

    rng = np.random.default_rng(1)
    # (d, bins): radix codes, and d=40 where 30**40 overflows int64 (encode)
    for d, bins in ((10, 30), (3, 4), (40, 30)):
        layer = np.tanh(rng.normal(size=(600, d)))
        y = rng.integers(0, 3, 600)
        symbols, _ = encode(bin_activations(layer, bins=bins).astype(np.float64))
        for base in (2.0, math.e):
            with warnings.catch_warnings():  # most samples alone in their bin
                warnings.simplefilter("ignore", BiasWarning)
                ixt = binned_mi(layer, bins=bins, base=base)
                ity = binned_mi(layer, y, bins=bins, base=base)
            assert ixt == pytest.approx(
                exact_discrete("entropy", symbols, None, base=base), abs=1e-12
            )
            assert ity == pytest.approx(
                exact_discrete("mi", symbols, y, base=base), abs=1e-12
            )
    # another discrete family still goes through mt.estimate
    layer = np.tanh(rng.normal(size=(300, 2)))
    symbols, _ = encode(bin_activations(layer, bins=5).astype(np.float64))
    assert binned_mi(layer, bins=5, method="miller_madow") == pytest.approx(
        exact_discrete("entropy", symbols, None, method="miller_madow"), abs=1e-12
    )


def test_binned_warns_when_most_samples_sit_alone_in_their_bin() -> None:
    """Saturated bins: log n for I(X;T), H(Y) for I(T;Y), whatever the layer."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 5))
    x[1] = x[0]  # one repeated probe input: 199 distinct rows, not 200
    layer = np.tanh(x @ rng.normal(size=(5, 8)))
    with pytest.warns(BiasWarning, match="198 of the 200 samples sit alone"):
        ixt = binned_mi(layer, bins=30)
    assert ixt == pytest.approx(math.log(200) - 2 * math.log(2) / 200, abs=1e-12)
    # labels independent of the layer: the truth is 0, the bins say H(Y)
    y = rng.integers(0, 2, 200)
    p = np.bincount(y) / y.size
    with pytest.warns(BiasWarning, match=r"I\(T;Y\) approaches H\(Y\)"):
        ity = binned_mi(np.tanh(rng.normal(size=(200, 8))), y, bins=30)
    assert ity == pytest.approx(-(p * np.log(p)).sum(), abs=1e-12)
    # coarse bins: most samples share a bin, no warning
    with warnings.catch_warnings():
        warnings.simplefilter("error", BiasWarning)
        binned_mi(layer[:, :1], y, bins=4)
