"""Adversarial review of the mixed estimators (``mixed_ksg``, ``mixed_atoms``)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import mutinfo as mt


def _ross_pair(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    g = np.random.default_rng(seed)
    x = g.integers(0, 2, n)
    return x, g.uniform(-1.0, 1.0, n) + x  # I(X; Y) = 0.347 nats


def test_mixed_atoms_warns_when_small_strata_are_left_out() -> None:
    # Labels z of 2 rows each: every stratum is too small for a kNN piece, so
    # cmi(x, y | z) was 0.0 (truth 0.347) with skipped_mass 0.52 and no warning.
    x, y = _ross_pair(600, 0)
    z = np.repeat(np.arange(300), 2)
    with pytest.warns(mt.BiasWarning) as record:
        res = mt.estimate("cmi", x, y, z, method="mixed_atoms", rng=0)
    assert res.value == 0.0
    assert res.extras["skipped_mass"] > 0.4
    messages = " ".join(str(w.message) for w in record)
    assert "left out" in messages
    assert "splits the rows" in messages


def test_mixed_atoms_warns_on_conditioning_labels_of_few_rows() -> None:
    # Labels z of 5 rows: nothing skipped, yet the CMI was 0.165 for 0.347.
    x, y = _ross_pair(600, 1)
    z = np.repeat(np.arange(120), 5)
    with pytest.warns(mt.BiasWarning) as record:  # also rows of lone labels
        mt.cmi(x, y, z, method="mixed_atoms", rng=0)
    assert any("fewer than 20 rows" in str(w.message) for w in record)


def test_mixed_atoms_quiet_on_well_filled_strata() -> None:
    x, y = _ross_pair(600, 2)
    z = np.random.default_rng(3).integers(0, 3, 600)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mt.estimate("cmi", x, y, z, method="mixed_atoms", rng=0)
    assert res.extras["skipped_mass"] == 0.0
    assert res.value == pytest.approx(0.347, abs=0.06)


def test_mixed_ksg_warns_on_conditioning_labels_of_few_rows() -> None:
    # Labels z of 8 rows: cmi 0.172 for 0.347 with no warning (only labels of
    # fewer than 5 rows warned).
    x, y = _ross_pair(800, 4)
    z = np.repeat(np.arange(100), 8)
    with pytest.warns(mt.BiasWarning, match="fewer than 20 rows"):
        mt.cmi(x, y, z, method="mixed_ksg")


def test_mixed_ksg_quiet_on_well_filled_conditioning_labels() -> None:
    x, y = _ross_pair(600, 5)
    z = np.random.default_rng(6).integers(0, 3, 600)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = mt.cmi(x, y, z, method="mixed_ksg")
    assert value == pytest.approx(0.347, abs=0.06)


def test_gao_warns_on_atoms_inside_a_continuum() -> None:
    # Gao et al.'s own mixture (truth 1.292): 1.126 at n = 2000 and 1.159 at
    # n = 5000, silently; mixed_atoms gets 1.305 and 1.293.
    x, y = mt.datasets.gao_mixture().sample(1000, rng=0)
    with pytest.warns(mt.BiasWarning, match="mixes point masses"):
        value = mt.mi(x, y, method="mixed_ksg")
    assert value < 1.2
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        atoms = mt.mi(x, y, method="mixed_atoms", rng=0)
    assert atoms == pytest.approx(1.292, abs=0.08)


def test_gao_quiet_on_rounded_and_on_continuous_data() -> None:
    g = np.random.default_rng(7)
    x = g.normal(size=1000)
    y = x + g.normal(size=1000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mt.mi(x, y, method="mixed_ksg", variant="gao")
        warnings.simplefilter("ignore", mt.DataWarning)  # ties: expected
        mt.mi(np.round(x), np.round(y), method="mixed_ksg", variant="gao")


def _with_singletons(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    # 30% of the rows get a label of their own (carrying nothing about y):
    # truth 0.7 * 0.347 = 0.243 nats; Ross's estimator leaves those rows out.
    g = np.random.default_rng(seed)
    x = g.integers(0, 2, n)
    y = g.uniform(-1.0, 1.0, n) + x
    alone = g.random(n) < 0.3
    labels = np.where(alone, 100 + np.arange(n), x).astype(str)
    return labels, y


def test_ross_warns_when_many_labels_occur_once() -> None:
    # 0.362 (the MI of the rows whose label repeats) for 0.243, silently.
    x, y = _with_singletons(1000, 8)
    with pytest.warns(mt.BiasWarning, match="occurs once"):
        res = mt.estimate("mi", x, y, method="mixed_ksg", variant="ross", rng=0)
    assert res.extras["dropped"] == pytest.approx(0.3, abs=0.05)
    with pytest.warns(mt.BiasWarning, match="occurs\\s+once") as record:
        atoms = mt.estimate("mi", x, y, method="mixed_atoms", rng=0)
    assert all("'mixed_atoms'" in str(w.message) for w in record)
    assert atoms.extras["singleton_rows"] == pytest.approx(0.3, abs=0.05)
    assert atoms.value == res.value


def test_ross_quiet_on_a_rare_singleton() -> None:
    x, y = _ross_pair(1000, 9)
    x[0] = 7  # one row of 1000: below the 1% threshold
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mt.mi(x, y, method="mixed_ksg", variant="ross", rng=0)
