"""The PyTorch neighbour path (``algorithm="torch"``) against the CPU paths.

Run on the CPU here (CI has no GPU): the k-th distances, neighbour indices and
counts must equal the NumPy brute force bit for bit, ties and duplicates
included, whatever the chunking; the estimators built on the search must give
identical estimates.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo import _neighbors
from mutinfo._neighbors import (
    _torch,
    choose_algorithm,
    count_within,
    ksg_counts,
    kth_neighbors,
)
from mutinfo.estimators import KL, KSG, MixedKSG
from mutinfo.exceptions import InvalidParameterError, MissingDependencyError

torch = pytest.importorskip("torch")


@pytest.fixture(autouse=True, scope="module")
def one_thread() -> Iterator[None]:
    # Tiny searches: torch's CPU thread pool only adds contention (30x slower
    # on a loaded 2-core machine).
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


KINDS = ("normal", "integers", "rounded", "duplicates")


def sample(kind: str, n: int, d: int, seed: int) -> np.ndarray:
    g = np.random.default_rng(seed)
    if kind == "normal":
        return g.standard_normal((n, d))
    if kind == "integers":  # heavy ties and duplicate rows
        return g.integers(0, 4, size=(n, d)).astype(float)
    if kind == "rounded":  # ties at one decimal, distances like 0.1 + 0.2
        return np.round(g.standard_normal((n, d)), 1)
    pts = g.standard_normal((n, d))  # a continuum with blocks of duplicate rows
    pts[: n // 3] = pts[0]
    pts[n // 3 : n // 2] = np.round(pts[n // 3 : n // 2], 0)
    return pts


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("d", [1, 2, 3])
@pytest.mark.parametrize("metric", ["chebyshev", "euclidean"])
def test_torch_equals_brute_and_tree_exactly(kind: str, d: int, metric: str) -> None:
    pts = sample(kind, 150, d, seed=d)
    for k in (1, 4):
        ref_dist, ref_idx = kth_neighbors(pts, k, metric=metric, algorithm="brute")
        dist, idx = kth_neighbors(pts, k, metric=metric, algorithm="torch")
        np.testing.assert_array_equal(dist, ref_dist)
        np.testing.assert_array_equal(idx, ref_idx)  # ties by the smaller index
        tree = kth_neighbors(pts, k, metric=metric, algorithm="tree")[0]
        np.testing.assert_array_equal(dist, tree)
    radius = ref_dist[:, -1]
    radii = (radius, np.zeros(150), np.full(150, np.inf), -radius, radius * 1.5)
    for strict in (True, False):
        for r in radii:
            ref = count_within(pts, r, strict=strict, metric=metric, algorithm="brute")
            got = count_within(
                pts, r, strict=strict, metric=metric, algorithm="torch:cpu"
            )
            np.testing.assert_array_equal(got, ref)


@pytest.mark.parametrize("metric", ["chebyshev", "euclidean"])
def test_any_chunking_gives_the_same_result(metric: str) -> None:
    pts = sample("rounded", 120, 2, seed=7)
    euclid = metric == "euclidean"
    ref_dist, ref_idx = kth_neighbors(pts, 3, metric=metric, algorithm="brute")
    radius = ref_dist[:, -1]
    ref = count_within(pts, radius, strict=True, metric=metric, algorithm="brute")
    for rows in (1, 7, 120):
        budget = _torch.minimum_budget(120, 2, 3) + (rows - 1) * 48 * 120
        assert _torch._chunk_rows(120, 2, 3, budget) == rows
        dist, idx = _torch.torch_knn(
            pts, 3, euclid=euclid, device="cpu", memory_budget=budget
        )
        np.testing.assert_array_equal(dist, ref_dist)
        np.testing.assert_array_equal(idx, ref_idx)
        got = _torch.torch_count(
            pts, radius, strict=True, euclid=euclid, memory_budget=budget
        )
        np.testing.assert_array_equal(got, ref)


@pytest.mark.parametrize("strict", [True, False])
def test_one_dimensional_counts_by_bisection(strict: bool) -> None:
    # Max-norm 1-D counts bisect the sorted values: exact against the sorted path.
    g = np.random.default_rng(11)
    x = np.round(g.standard_cauchy((3001, 1)), 1)
    r = np.abs(np.round(g.normal(size=3001), 1))
    r[::50] = np.nan
    want = count_within(x, r, strict=strict, algorithm="brute")
    np.testing.assert_array_equal(
        count_within(x, r, strict=strict, algorithm="torch"), want
    )
    np.testing.assert_array_equal(
        count_within(x, r, strict=strict, algorithm="sorted"), want
    )


def test_squared_threshold_matches_the_rounded_root() -> None:
    # sqrt(s) < r  <=>  s < below(r): checked on the squares around each r^2.
    g = np.random.default_rng(0)
    r = np.concatenate([g.uniform(0, 3, 200), np.round(g.uniform(0, 3, 200), 1)])
    for strict in (True, False):
        t = _torch.below(r, strict=strict)
        for steps in range(-3, 4):
            s = r * r
            for _ in range(abs(steps)):
                s = np.nextafter(s, np.inf if steps > 0 else -np.inf)
            s = np.maximum(s, 0.0)  # squared distances are never negative
            want = np.sqrt(s) < r if strict else np.sqrt(s) <= r
            np.testing.assert_array_equal(s < t, want)
    assert _torch.below(np.array([np.nan]), strict=True)[0] == -np.inf
    assert _torch.below(np.array([np.inf]), strict=True)[0] == np.inf


@pytest.mark.parametrize("kind", ["normal", "rounded"])
def test_ksg_counts_on_torch(kind: str) -> None:
    pts = sample(kind, 200, 2, seed=3)
    x, y = pts[:, 0], pts[:, 1]
    for k in (1, 3):
        want = ksg_counts(x, y, k, algorithm="brute")
        got = ksg_counts(x, y, k, algorithm="torch")
        np.testing.assert_array_equal(got[0], want[0])
        np.testing.assert_array_equal(got[1], want[1])


def test_estimators_on_torch_give_identical_estimates() -> None:
    g = np.random.default_rng(1)
    x = g.normal(size=(300, 2))
    y = x[:, :1] + np.round(g.normal(size=(300, 1)), 1)
    z = g.normal(size=300)
    for variant in (1, 2):
        ref = KSG(variant=variant, algorithm="brute", rng=0).mi(x, y).value
        for kw in ({"algorithm": "torch"}, {"device": "cpu"}):
            got = KSG(variant=variant, rng=0, **kw).mi(x, y)
            assert got.value == ref
    ref = KSG(algorithm="brute", rng=0).cmi(x[:, 0], y, z).value
    assert KSG(algorithm="torch", rng=0).cmi(x[:, 0], y, z).value == ref
    ref = KSG(algorithm="brute", rng=0).estimate("total_correlation", x).value
    assert KSG(device="cpu", rng=0).estimate("total_correlation", x).value == ref
    assert KSG(algorithm="torch", rng=0).mi(x[:, 0], y).value == (
        KSG(algorithm="tree", rng=0).mi(x[:, 0], y).value
    )
    for metric in ("euclidean", "chebyshev"):
        ref = KL(metric=metric, algorithm="brute", rng=0).entropy(x).value
        assert KL(metric=metric, device="cpu", rng=0).entropy(x).value == ref
    labels = g.integers(0, 3, 300)
    for variant in ("ross", "gao"):
        ref = MixedKSG(variant=variant, algorithm="brute", rng=0).mi(labels, y)
        got = MixedKSG(variant=variant, algorithm="torch", rng=0).mi(labels, y)
        assert got.value == ref.value
    # y's 1-decimal noise makes ties Gao's estimator warns about; the paths
    # must still agree to the bit
    with pytest.warns(mt.BiasWarning, match="point masses"):
        ref = MixedKSG(algorithm="brute").cmi(labels, y, np.round(z, 1)).value
    with pytest.warns(mt.BiasWarning, match="point masses"):
        got = MixedKSG(device="cpu").cmi(labels, y, np.round(z, 1)).value
    assert got == ref


def test_matrix_on_torch() -> None:
    g = np.random.default_rng(2)
    frame = pd.DataFrame(g.normal(size=(200, 4)), columns=list("abcd"))
    frame["b"] += frame["a"]
    ref = mt.mi_matrix(frame, method="ksg", algorithm="brute", rng=0)
    for kw in ({"algorithm": "torch"}, {"device": "cpu"}):
        got = mt.mi_matrix(frame, method="ksg", rng=0, **kw)
        np.testing.assert_array_equal(got.mi.to_numpy(), ref.mi.to_numpy())


def test_auto_takes_torch_only_with_cuda_and_large_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    n = _torch.TORCH_MIN_POINTS
    monkeypatch.setattr(_torch, "cuda_available", lambda: False)
    assert choose_algorithm(n, 6, task="knn") != "torch"
    monkeypatch.setattr(_torch, "cuda_available", lambda: True)
    assert choose_algorithm(n, 6, task="knn") == "torch"
    assert choose_algorithm(n, 10, task="count") == "torch"
    assert choose_algorithm(n - 1, 6, task="knn") != "torch"
    # Where the CPU grid searches, it beats an O(n^2 d) brute force at any n.
    assert choose_algorithm(10 * n, 4, task="knn") != "torch"
    assert choose_algorithm(10 * n, 8, task="count") != "torch"
    assert choose_algorithm(10 * n, 1, task="count") == "sorted"
    assert choose_algorithm(50, 6, task="knn") == "brute"


def test_cuda_availability_never_imports_torch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delitem(sys.modules, "torch")
    assert _torch.cuda_available() is False
    assert "torch" not in sys.modules


def test_missing_torch_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "torch", None)  # import torch raises
    pts = sample("normal", 30, 2, seed=0)
    with pytest.raises(MissingDependencyError, match=r"mutinfo\[torch\]"):
        kth_neighbors(pts, 2, algorithm="torch")
    with pytest.raises(MissingDependencyError, match=r"mutinfo\[torch\]"):
        KSG(algorithm="torch").mi(pts[:, 0], pts[:, 1])


def test_cuda_without_a_device_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_torch, "_cuda_available", lambda: False)
    pts = sample("normal", 30, 2, seed=0)
    with pytest.raises(InvalidParameterError, match=r"'device' .*'cuda'.*0 CUDA"):
        kth_neighbors(pts, 2, algorithm="torch:cuda")
    with pytest.raises(InvalidParameterError, match=r"'device' .*'cuda:1'"):
        KSG(device="cuda:1").mi(pts[:, 0], pts[:, 1])
    # No device named: the CPU.
    assert str(_torch.resolve_device(None)) == "cpu"


def test_bad_device_and_budget() -> None:
    pts = sample("normal", 100, 2, seed=0)
    with pytest.raises(InvalidParameterError, match="'device'"):
        KSG(device="gpu")
    with pytest.raises(InvalidParameterError, match=r"'device' .*algorithm='tree'"):
        KSG(device="cpu", algorithm="tree").mi(pts[:, 0], pts[:, 1])
    least = _torch.minimum_budget(100, 2, 3)
    with pytest.raises(InvalidParameterError, match=rf"minimum is {least} bytes"):
        _torch.torch_knn(pts, 3, euclid=False, memory_budget=least - 1)
    with pytest.raises(InvalidParameterError, match="'memory_budget'"):
        _torch.torch_count(
            pts, np.ones(100), strict=True, euclid=False, memory_budget=1.5e9
        )
    with pytest.raises(InvalidParameterError, match=r"'algorithm' .*torch:gpu"):
        kth_neighbors(pts, 3, algorithm="torch:gpu")
    assert "torch" in _neighbors.ALGORITHMS


@pytest.mark.parametrize("kind", ["normal", "duplicates"])
def test_windowed_kth_distance_is_exact(kind: str) -> None:
    # Windows that grow, rows that retry, a small budget (many chunks) and the
    # brute-force fallback, against the NumPy brute force.
    pts = sample(kind, 1200, 2, seed=5)
    for k in (1, 5):
        want = kth_neighbors(pts, k, algorithm="brute")[0][:, -1]
        got = _torch._kth_chebyshev(torch.from_numpy(pts), k, 2**21)
        np.testing.assert_array_equal(got.numpy(), want)
