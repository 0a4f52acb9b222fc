"""Surrogate index generators keep what the null allows and break the rest."""

from __future__ import annotations

import numpy as np
import pytest

from mutinfo.exceptions import InvalidParameterError
from mutinfo.stats import _surrogates as sur
from mutinfo.stats import block_permute, circular_shift, permute


def _is_permutation(idx: np.ndarray, n: int) -> bool:
    return sorted(idx.tolist()) == list(range(n))


def test_block_indices_keep_blocks():
    rng = np.random.default_rng(0)
    idx = sur.block_indices(23, 5, rng)
    assert _is_permutation(idx, 23)
    # Every block of 5 (the last has 3) stays consecutive.
    starts = [i for i in range(23) if idx[i] % 5 == 0]
    for s in starts:
        length = min(5, 23 - idx[s])
        assert idx[s : s + length].tolist() == list(range(idx[s], idx[s] + length))


def test_circular_indices_shift_range():
    rng = np.random.default_rng(1)
    for _ in range(50):
        idx = sur.circular_indices(20, 4, rng)
        shift = int(idx[0])
        assert 4 <= shift <= 16
        assert idx.tolist() == [(i + shift) % 20 for i in range(20)]


def test_circular_needs_enough_samples():
    with pytest.raises(InvalidParameterError, match="needs n_samples >= 2 \\* "):
        sur.circular_indices(9, 5, np.random.default_rng(0))


def test_stratified_stays_in_stratum():
    rng = np.random.default_rng(2)
    codes = rng.integers(0, 4, 200)
    idx = sur.stratified_indices(codes, rng)
    assert _is_permutation(idx, 200)
    assert np.array_equal(codes[idx], codes)
    assert not np.array_equal(idx, np.arange(200))


def test_local_permutation_uses_candidates():
    rng = np.random.default_rng(3)
    z = rng.normal(size=(300, 2))
    cand = sur.shuffle_candidates(z, 5)
    assert cand.shape == (300, 5)
    assert np.array_equal(cand[:, 0], np.arange(300))
    idx = sur.local_indices(cand, rng)
    assert all(idx[i] in cand[i] for i in range(300))
    # Drawn without replacement where possible: most rows are used once.
    assert np.unique(idx).size > 0.8 * 300


def test_local_with_one_candidate_is_identity():
    z = np.arange(10.0)[:, None]
    cand = sur.shuffle_candidates(z, 1)
    idx = sur.local_indices(cand, np.random.default_rng(0))
    assert idx.tolist() == list(range(10))


def test_public_surrogates_keep_values():
    y = np.arange(30.0)
    for out in (permute(y, 0), block_permute(y, 0), circular_shift(y, 0)):
        assert sorted(out.tolist()) == y.tolist()
    assert permute(y, 5).tolist() == permute(y, 5).tolist()


def test_default_block_length():
    assert sur.default_block_length(1) == 1
    assert sur.default_block_length(27) == 3
    assert sur.default_block_length(28) == 4


def test_public_surrogate_rejects_scalar():
    with pytest.raises(InvalidParameterError, match="Got a scalar"):
        permute(3.0)


def test_block_length_that_leaves_no_surrogate_is_an_error():
    # Issue 23, item 6: block_length >= n gave p = 1.0 for strongly dependent
    # data (one block: every surrogate is the data itself).
    import mutinfo as mt

    g = np.random.default_rng(4)
    x = g.normal(size=60)
    # (0.5, truth 0.80 nats: at 0.1, 2.31, KSG's small-sample bias warns at n = 60)
    y = x + 0.5 * g.normal(size=60)
    for length in (60, 100, 30):  # 1, 1 and 2 blocks
        with pytest.raises(
            InvalidParameterError,
            match=rf"block_length={length} and n_samples=60 .* block_length <= 29",
        ):
            mt.independence_test(
                x, y, surrogate="block", block_length=length, n_permutations=9, rng=0
            )
    # The largest allowed length still finds the dependence.
    res = mt.independence_test(
        x, y, surrogate="block", block_length=29, n_permutations=19, rng=0
    )
    assert res.p_value <= 0.2
    with pytest.raises(InvalidParameterError, match="block_length=30 and n_samples=60"):
        mt.independence_test(
            x, y, surrogate="circular", block_length=30, n_permutations=9, rng=0
        )


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: sur.block_indices(5, 5, np.random.default_rng(0)), "block_length=5"),
        (lambda: sur.block_indices(2, 1, np.random.default_rng(0)), "At least 3"),
        (lambda: block_permute(np.arange(8), 0, block_length=4), "block_length <= 3"),
        (lambda: circular_shift(np.arange(8), 0, min_shift=4), "min_shift <= 3"),
        (lambda: circular_shift(np.arange(2), 0), "At least 3 samples"),
    ],
)
def test_degenerate_surrogate_schemes_raise(call, match):
    with pytest.raises(InvalidParameterError, match=match):
        call()


def test_smallest_valid_lengths_make_distinct_surrogates():
    rng = np.random.default_rng(6)
    blocks = {tuple(sur.block_indices(9, 4, rng).tolist()) for _ in range(60)}
    assert len(blocks) == 6  # 3 blocks: 3! orders
    shifts = {int(sur.circular_indices(9, 4, rng)[0]) for _ in range(60)}
    assert shifts == {4, 5}


@pytest.mark.parametrize("algorithm", ["tree", "grid", "brute"])
def test_local_null_is_the_same_on_every_neighbour_path(
    algorithm: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With tied z the local permutation's candidates, p-value and null are fixed.

    Regression: the tree returned an arbitrary subset of the rows tied at the
    k-th distance in z, and "auto" takes the tree or the grid depending on
    whether numba has finished loading, so the same seeded call gave another
    null (0.106 vs 0.074 first value) within one process.
    """
    import mutinfo as mt
    from mutinfo import _neighbors

    g = np.random.default_rng(3)
    z = np.round(g.normal(size=300), 1)  # many ties, continuous kind
    x = z + g.normal(size=300)
    y = z + g.normal(size=300)
    ref_candidates = sur.shuffle_candidates(z[:, None], 5)
    ref = mt.independence_test(x, y, z, method="ksg", n_permutations=19, rng=5)

    original = _neighbors.choose_algorithm

    def forced(n: int, d: int, *, task: str) -> str:
        return algorithm if task == "knn" else original(n, d, task=task)  # type: ignore[arg-type]

    monkeypatch.setattr(_neighbors, "choose_algorithm", forced)
    brute = _neighbors.kth_neighbors(z[:, None] / z.std(), 4, algorithm="brute")[1]
    candidates = sur.shuffle_candidates(z[:, None], 5)
    np.testing.assert_array_equal(candidates[:, 1:], brute)
    np.testing.assert_array_equal(candidates, ref_candidates)
    got = mt.independence_test(x, y, z, method="ksg", n_permutations=19, rng=5)
    assert got.p_value == ref.p_value
    np.testing.assert_array_equal(got.null_distribution, ref.null_distribution)


def test_circular_shifts_are_distinct_and_all_when_few() -> None:
    rng = np.random.default_rng(0)
    assert sorted(sur.circular_shifts(30, 14, 99, rng).tolist()) == [14, 15, 16]
    many = sur.circular_shifts(1000, 10, 500, rng)
    assert np.unique(many).size == many.size == 500
    assert 10 <= many.min() <= many.max() <= 990


def test_circular_test_counts_each_shift_once() -> None:
    # 3 shifts fit (block_length=14, n=30): drawn 99 times with replacement,
    # a dependent pair read p = 0.01, and so did 24% of independent pairs
    # (p <= 0.01 for 1 in 4). Each shift once: p >= 1 / 4.
    import mutinfo as mt

    rng = np.random.default_rng(1)
    x = rng.normal(size=30)
    res = mt.independence_test(
        x,
        x + 0.1 * rng.normal(size=30),
        surrogate="circular",
        block_length=14,
        n_permutations=99,
        rng=0,
        method="gaussian",
    )
    assert res.n_permutations == 3
    assert res.null_distribution is not None
    assert np.unique(res.null_distribution).size == 3
    assert res.p_value == pytest.approx(0.25)
    # More shifts than draws: the draws are distinct shifts.
    y = rng.normal(size=60)
    res = mt.independence_test(
        rng.normal(size=60),
        y,
        surrogate="circular",
        block_length=4,
        n_permutations=40,
        rng=0,
        method="gaussian",
    )
    assert res.n_permutations == 40
    assert res.null_distribution is not None
    assert np.unique(res.null_distribution).size == 40


def test_circular_p_values_are_valid_under_independence() -> None:
    # n = 50 with the default block_length (4): 43 shifts. With replacement,
    # P(p <= 0.01) was 0.0225 over 400 independent pairs.
    import mutinfo as mt

    ps = []
    for seed in range(150):
        rng = np.random.default_rng(seed)
        ps.append(
            mt.independence_test(
                rng.normal(size=50),
                rng.normal(size=50),
                surrogate="circular",
                n_permutations=99,
                rng=seed,
                method="gaussian",
            ).p_value
        )
    assert min(ps) >= 1 / 44


def test_strata_resolution_counts_singletons_and_least_p():
    import math

    share, least = sur.strata_resolution(np.array([0, 0, 1, 2]))
    assert (share, least) == (0.5, 0.5)
    share, least = sur.strata_resolution(np.array([3, 1, 2]))
    assert (share, least) == (1.0, 1.0)  # every surrogate is the data
    share, least = sur.strata_resolution(np.array([0] * 4 + [1] * 3))
    assert share == 0.0
    assert least == pytest.approx(1 / (math.factorial(4) * math.factorial(3)))
