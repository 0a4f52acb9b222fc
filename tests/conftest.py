"""Shared fixtures; the estimator list comes from the registry, not a table."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest
from hypothesis import settings

from mutinfo import _registry

# Property tests draw the same examples on every run (a clean CI clone has no
# example database, so random draws made the gate flaky: a neighbour-path test
# met a 1e-200 underflow on one run in many). HYPOTHESIS_PROFILE=explore draws
# fresh examples when hunting for new failures.
settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def row_id_table(binned: bool) -> tuple[pd.DataFrame, np.ndarray]:
    """Two informative columns, a row identifier and a 3-class target (n = 300).

    ``binned``: x1 and x2 cut at their quartiles (labels, for counting methods).
    """
    g = np.random.default_rng(0)
    n = 300
    x1, x2 = g.normal(size=n), g.normal(size=n)
    y = np.digitize(x1 + x2 + 0.5 * g.normal(size=n), [-0.7, 0.7])  # 3 classes
    X = pd.DataFrame({"x1": x1, "x2": x2, "id": np.arange(n)})
    if binned:
        for c in ("x1", "x2"):
            X[c] = np.digitize(X[c], np.quantile(X[c], [0.25, 0.5, 0.75]))
    return X, y


def registered_methods() -> list[str]:
    """Every registered method name (new families are picked up automatically)."""
    return _registry.names()


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(12345)


def gaussian_pair(
    n: int, rho: float, seed: int = 0, dim: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """Samples of (X, Y) with componentwise correlation rho; I = -dim/2 log(1-rho^2)."""
    g = np.random.default_rng(seed)
    x = g.standard_normal((n, dim))
    y = rho * x + np.sqrt(1 - rho**2) * g.standard_normal((n, dim))
    if dim == 1:
        return x[:, 0], y[:, 0]
    return x, y


# The reference scripts regenerate tests/reference/values/ with tools that need
# not be installed (dit, mpmath): they are run by hand, never collected.
collect_ignore_glob = ["reference/scripts/*.py"]


@pytest.fixture(scope="session", autouse=True)
def _kernels_loaded_first() -> None:
    """Load numba's kernels before any test, never beside one.

    numba enters ``warnings.catch_warnings`` thousands of times while it loads
    (or, on a fresh clone, compiles) the kernels, and that state is
    process-wide: a background load overlapping a ``pytest.warns`` block can
    make it miss the warning. Loading here keeps every test's warnings its own.
    """
    from mutinfo._neighbors import _jit

    if _jit.start_loading():
        _jit.wait_loaded()
