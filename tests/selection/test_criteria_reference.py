"""Selection criteria against a brute-force re-implementation of their papers.

Plug-in terms from entropies of the empirical distribution (an independent
implementation), the argmax taken by hand at each step, ties to the lower
column index (Brown et al. 2012 JMLR 13:27-66 unified forms; Peng et al. 2005;
Fleuret 2004; Bennasar et al. 2015).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from mutinfo.selection import CRITERIA, forward_selection, rank_features


def _h(*cols: np.ndarray) -> float:
    _, counts = np.unique(np.column_stack(cols), axis=0, return_counts=True)
    p = counts / counts.sum()
    return float(-(p * np.log(p)).sum())


def _mi(x: np.ndarray, y: np.ndarray) -> float:
    return _h(x) + _h(y) - _h(x, y)


def _cmi(x: np.ndarray, y: np.ndarray, z: np.ndarray) -> float:
    return _h(x, z) + _h(y, z) - _h(x, y, z) - _h(z)


def _score(
    X: np.ndarray,
    y: np.ndarray,
    c: int,
    S: list[int],
    crit: str,
    floor: tuple[float, ...],
) -> float:
    x = X[:, c]
    r = _mi(x, y)
    if not S or crit == "mi":
        return r
    if crit == "mrmr":
        return r - float(np.mean([_mi(x, X[:, j]) for j in S]))
    if crit == "mrmr_quotient":
        return r / max(float(np.mean([_mi(x, X[:, j]) for j in S])), floor[c])
    if crit == "jmi":  # Yang & Moody: sum_j I(X_c, X_j; Y), up to a constant
        return float(np.mean([_cmi(x, y, X[:, j]) for j in S]))
    if crit == "cmim":
        return min(_cmi(x, y, X[:, j]) for j in S)
    assert crit == "jmim"  # min_j I(X_c, X_j; Y)
    return min(_mi(np.column_stack([x, X[:, j]]) @ [1000, 1], y) for j in S)


def _brute(
    X: np.ndarray, y: np.ndarray, crit: str, floor: tuple[float, ...]
) -> tuple[list[int], list[float]]:
    S: list[int] = []
    scores: list[float] = []
    while len(S) < X.shape[1]:
        best: tuple[int, float] | None = None
        for c in range(X.shape[1]):
            if c not in S:
                s = _score(X, y, c, S, crit, floor)
                if best is None or s > best[1] + 1e-9:
                    best = (c, s)
        assert best is not None
        S.append(best[0])
        scores.append(best[1])
    return S, scores


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("criterion", sorted(CRITERIA))
def test_order_and_scores_equal_the_brute_force(seed: int, criterion: str) -> None:
    rng = np.random.default_rng(seed)
    n = 400
    X = rng.integers(0, 3, size=(n, 5))
    X[:, 3] = X[:, 0]  # a copy: its redundancy with x0 is H(x0)
    X[:, 4] = 0  # a constant
    y = (X[:, 0] + X[:, 1] * (rng.random(n) < 0.5) + rng.integers(0, 2, n)) % 3
    sel = forward_selection(X, y, k=5, criterion=criterion, method="plugin")
    # mrmr_quotient's floor is the method's noise level on permuted targets
    # (tests/regressions/test_misc_floors.py); the order given it is checked here.
    floor = sel.quotient_floor if criterion == "mrmr_quotient" else None
    assert (floor is None) == (criterion != "mrmr_quotient")
    order, scores = _brute(X, y, criterion, floor or (0.0,) * X.shape[1])
    assert list(sel.indices) == order
    np.testing.assert_allclose(sel.scores, scores, rtol=1e-9, atol=1e-12)


def _relabelled_tie() -> tuple[np.ndarray, np.ndarray]:
    """x0 is x1 relabelled: equal plug-in MI in exact arithmetic, but the sums
    run in another order and x1's comes out 4e-16 nats higher."""
    rng = np.random.default_rng(0)
    a = rng.integers(0, 3, 60)
    y = (a + rng.integers(0, 2, 60)) % 3
    return np.column_stack([np.array([7, 5, 6])[a], a]), y


@pytest.mark.parametrize("criterion", sorted(CRITERIA))
@pytest.mark.parametrize("base", [math.e, 2.0])
def test_rounding_ties_go_to_the_lower_column_index(
    criterion: str, base: float
) -> None:
    # Was: column 1 chosen first (its score an ulp above column 0's).
    X, y = _relabelled_tie()
    sel = forward_selection(X, y, k=1, criterion=criterion, method="plugin", base=base)
    assert sel.indices == (0,)
    assert sel.ranking == (1, 2)


def test_rank_features_rounding_ties_keep_the_column_order() -> None:
    X, y = _relabelled_tie()
    assert rank_features(X, y, method="plugin")["feature"].tolist() == [0, 1]


def test_order_by_score_groups_near_ties_only() -> None:
    from mutinfo.selection._criteria import order_by_score

    values = np.array([0.5, 1.0, 1.0 + 1e-15, 1.0 - 1e-3, 1.0 + 1e-15])
    assert order_by_score(values).tolist() == [1, 2, 4, 3, 0]
    assert order_by_score(np.array([0.0])).tolist() == [0]
    assert order_by_score(np.array([])).tolist() == []


@pytest.mark.parametrize("criterion", sorted(CRITERIA))
def test_base_scales_differences_and_leaves_ratios(criterion: str) -> None:
    rng = np.random.default_rng(3)
    X = rng.integers(0, 3, size=(300, 4))
    y = (X[:, 0] + X[:, 1] + rng.integers(0, 2, 300)) % 3
    nats = forward_selection(X, y, k=4, criterion=criterion, method="plugin")
    bits = forward_selection(X, y, k=4, criterion=criterion, method="plugin", base=2)
    assert nats.indices == bits.indices
    expected = np.array(nats.scores) / math.log(2)
    if criterion == "mrmr_quotient":
        expected[1:] = nats.scores[1:]  # ratios have no unit
    np.testing.assert_allclose(bits.scores, expected, rtol=1e-12)


def test_threshold_is_in_the_unit_of_base() -> None:
    rng = np.random.default_rng(4)
    X = rng.integers(0, 2, size=(500, 3))
    y = X[:, 0]
    # x0 gives about 1 bit (0.69 nats): a threshold of 0.8 keeps it in bits only.
    bits = forward_selection(
        X, y, k=None, threshold=0.8, criterion="mi", method="plugin", base=2
    )
    nats = forward_selection(
        X, y, k=None, threshold=0.8, criterion="mi", method="plugin"
    )
    assert bits.indices == (0,)
    assert nats.indices == ()
