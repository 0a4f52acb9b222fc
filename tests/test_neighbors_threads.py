"""Threads of one neighbour search: same counts for any number, and the limits."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from mutinfo._neighbors import _threads, ksg_counts, thread_limit
from mutinfo._neighbors._jit import have_numba
from mutinfo._neighbors._threads import kernel_threads
from mutinfo.exceptions import InvalidParameterError


@pytest.mark.skipif(not have_numba(), reason="numba not installed")
def test_threaded_ksg_counts_identical() -> None:
    g = np.random.default_rng(3)
    n = 60_000  # above the size from which the pair kernel uses threads
    x = g.standard_normal(n)
    y = 0.6 * x + 0.8 * g.standard_normal(n)
    x[:5000] = np.round(x[:5000], 1)  # tied blocks widen some searches
    want = ksg_counts(x, y, 3, algorithm="grid", workers=1)
    for workers in (2, 3, 7, -1):
        got = ksg_counts(x, y, 3, algorithm="grid", workers=workers)
        np.testing.assert_array_equal(got[0], want[0])
        np.testing.assert_array_equal(got[1], want[1])
    tree = ksg_counts(x, y, 3, algorithm="tree", workers=2)
    np.testing.assert_array_equal(tree[0], want[0])
    np.testing.assert_array_equal(tree[1], want[1])


def test_kernel_threads_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_threads, "usable_cores", lambda: 4)
    monkeypatch.delenv("MUTINFO_NUM_THREADS", raising=False)
    assert kernel_threads() == 4
    assert kernel_threads(2) == 2
    assert kernel_threads(-1) == 4
    assert kernel_threads(-2) == 3
    with thread_limit(3):
        assert kernel_threads() == 3
        assert kernel_threads(8) == 3
    assert kernel_threads() == 4
    monkeypatch.setenv("MUTINFO_NUM_THREADS", "2")
    assert kernel_threads() == 2
    # Other threads (a matrix's workers, a user's pool) default to one.
    seen: list[int] = []
    t = threading.Thread(target=lambda: seen.append(kernel_threads()))
    t.start()
    t.join()
    assert seen == [1]
    with pytest.raises(InvalidParameterError, match="positive int or None"):
        thread_limit(0)


def test_auto_keeps_the_tree_when_loading_failed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mutinfo._neighbors import _jit, choose_algorithm

    monkeypatch.setattr(_jit, "failed", lambda: True)
    assert choose_algorithm(10**6, 2, task="knn") == "tree"
    assert choose_algorithm(10**6, 3, task="count") == "tree"
