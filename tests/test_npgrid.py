"""The numpy grid radius search and the scipy-free special functions (issue 22).

A one-shot 2-D KSG estimate runs without importing scipy: the k-th neighbour
radii come from :mod:`mutinfo._neighbors._npgrid` and the digamma values from
:func:`mutinfo._special.digamma_of`; both must give the same bits as the paths
they stand in for.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from scipy.special import digamma

from mutinfo._neighbors import kth_neighbors, kth_radius
from mutinfo._neighbors._npgrid import npgrid_kth
from mutinfo._special import digamma_int, digamma_of


def _cases() -> dict[str, np.ndarray]:
    g = np.random.default_rng(11)
    n = 1500
    a = g.normal(size=n)
    return {
        "normal": g.normal(size=(n, 2)),
        "correlated": np.column_stack([a, 0.6 * a + 0.8 * g.normal(size=n)]),
        "rounded": np.round(g.normal(size=(n, 2)), 1),
        "duplicates": np.repeat(g.normal(size=(n // 20, 2)), 20, axis=0),
        "cauchy": g.standard_cauchy(size=(n, 2)),
        "offset": 1e8 + g.normal(size=(n, 2)),
        "tiny_scale": 1e-200 * g.normal(size=(n, 2)),
        "huge_scale": 1e200 * g.normal(size=(n, 2)),
        "noisy_ties": np.round(g.normal(size=(n, 2)), 1)
        + 1e-10 * g.normal(size=(n, 2)),
        "few": g.normal(size=(9, 2)),
    }


@pytest.mark.parametrize("name", sorted(_cases()))
@pytest.mark.parametrize("k", [1, 4])
def test_npgrid_radii_are_the_brute_force_radii(name: str, k: int) -> None:
    pts = _cases()[name]
    if k >= pts.shape[0]:
        pytest.skip("k must be below n")
    want = kth_neighbors(pts, k, algorithm="brute")[0][:, -1]
    got = npgrid_kth(pts, k)
    if got is None:  # left to the tree (heavy tails, many neighbours)
        assert name in ("cauchy", "few")
        got = kth_radius(pts, k, algorithm="tree")
    np.testing.assert_array_equal(got, want)


def test_npgrid_leaves_crowded_data_to_the_tree() -> None:
    # Strongly dependent columns crowd the diagonal cells and points on a
    # line make every box long: the grid gives up early, kth_radius then
    # searches on the tree, and the radii are still exact.
    g = np.random.default_rng(3)
    a = g.normal(size=2000)
    crowded = np.column_stack([a, a + 1e-3 * g.normal(size=2000)])
    line = np.column_stack([np.arange(2000.0), np.zeros(2000)])
    for pts in (crowded, line):
        assert npgrid_kth(pts, 3) is None
        want = kth_neighbors(pts, 3, algorithm="brute")[0][:, -1]
        np.testing.assert_array_equal(kth_radius(pts, 3, algorithm="tree"), want)


def test_digamma_at_integers_is_scipys_to_one_ulp() -> None:
    # Bit for bit where numpy's log is the C library's; numpy's AVX-512 log
    # differs from it by one ulp on some arguments (111 of 2e6 values here).
    # Every KSG path takes the same table, so the paths still agree bit for bit.
    top = 2 * 10**6
    got, want = digamma_int(top), digamma(np.arange(top, dtype=float))
    assert got[0] == want[0] == -np.inf
    np.testing.assert_array_max_ulp(got[1:], want[1:], maxulp=1)
    big = np.array([10**7, 2**31, 10**12, 2**52], dtype=np.int64)
    np.testing.assert_array_max_ulp(
        digamma_of(big), digamma(big.astype(np.float64)), maxulp=1
    )
    assert digamma_of(0) == -np.inf
    assert digamma_int(0).shape == (0,)


def test_a_continuous_ksg_estimate_imports_no_scipy() -> None:
    # The one-shot path (mutinfo mi on continuous columns, any first small
    # estimate) never pays for importing scipy (about 0.4 s).
    code = (
        "import sys, numpy as np, mutinfo as mt\n"
        "g = np.random.default_rng(0); x = g.normal(size=3000)\n"
        "y = 0.6 * x + 0.8 * g.normal(size=3000)\n"
        "v = mt.mi(x, y, rng=0)\n"
        "print(round(v, 6), any(m == 'scipy' or m.startswith('scipy.') "
        "for m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[1] == "False"
    import mutinfo as mt

    g = np.random.default_rng(0)
    x = g.normal(size=3000)
    y = 0.6 * x + 0.8 * g.normal(size=3000)
    # The same number as the tree path in a process that has scipy loaded.
    assert float(out[0]) == round(mt.mi(x, y, rng=0, algorithm="tree"), 6)


def test_npgrid_leaves_many_neighbours_to_the_tree_at_once() -> None:
    # From k = 11 even independent columns use up the work budget; trying
    # first cost 0.76-0.91 s at n = 10^5 before the tree ran anyway.
    pts = np.random.default_rng(5).normal(size=(400, 2))
    assert npgrid_kth(pts, 11) is None
    got = npgrid_kth(pts, 10)
    assert got is not None
    want = kth_neighbors(pts, 10, algorithm="brute")[0][:, -1]
    np.testing.assert_array_equal(got, want)
