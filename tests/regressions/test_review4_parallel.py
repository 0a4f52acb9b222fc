"""Review 4, execution and persistence: stores, worker warnings, plug-in failures."""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo._parallel import execute
from mutinfo.exceptions import BiasWarning, InvalidDataError
from mutinfo.extend import Estimator, RawEstimate, Variable


class _NaNFamily(Estimator):
    """A plug-in family that returns NaN (not registered: passed as an object)."""

    name = "review4_nan"
    summary = "returns NaN"
    reference = "tests"
    measures = ("mi",)
    kinds = ("continuous",)
    parameters = {}

    def _mi(self, x: Variable, y: Variable, rng: np.random.Generator) -> RawEstimate:
        return RawEstimate(math.nan)


class _WarnFamily(Estimator):
    """A plug-in family (not thread safe: runs on processes) that warns."""

    name = "review4_warn"
    summary = "warns"
    reference = "tests"
    measures = ("mi",)
    kinds = ("continuous",)
    parameters = {}

    def _mi(self, x: Variable, y: Variable, rng: np.random.Generator) -> RawEstimate:
        warnings.warn("review4 family warning", BiasWarning, stacklevel=1)
        r = np.corrcoef(x.values[:, 0], y.values[:, 0])[0, 1]
        return RawEstimate(float(-0.5 * np.log1p(-r * r)))


def _warn_and_draw(item: int, rng: np.random.Generator) -> float:
    warnings.warn("worker warning", BiasWarning, stacklevel=1)
    return float(rng.uniform())


def test_resumed_store_with_rng_none_recomputes_a_tile_exactly(tmp_path: Path) -> None:
    # rng=None reuses the stored seed; the KSG columns' tie-breaking noise was
    # drawn from seed 0 instead, so a recomputed tile of tied data differed.
    rng = np.random.default_rng(0)
    a = rng.integers(0, 4, 120).astype(float)
    df = pd.DataFrame({f"c{k}": a + rng.integers(0, 3, 120) for k in range(4)})
    store = tmp_path / "tiles"
    kw = {"method": "ksg", "store": store, "tile_size": 2, "n_jobs": 1}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.MutinfoWarning)
        first = mt.mi_matrix(df, rng=3, **kw)
        last = sorted(store.glob("tile-*.parquet"))[-1]
        last.unlink()
        resumed = mt.mi_matrix(df, **kw)
    assert last.exists()
    np.testing.assert_array_equal(resumed.mi.to_numpy(), first.mi.to_numpy())


def test_warnings_of_worker_processes_reach_the_caller_once() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        execute(
            _warn_and_draw, range(6), entropy=1, n_jobs=2, tile_size=2,
            backend="processes",
        )  # fmt: skip
    assert [str(w.message) for w in caught] == ["worker warning"]
    assert caught[0].category is BiasWarning


def test_rank_features_on_processes_keeps_the_family_warning() -> None:
    rng = np.random.default_rng(1)
    frame = pd.DataFrame(rng.normal(size=(60, 3)), columns=["a", "b", "c"])
    target = frame["a"] + rng.normal(size=60)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mt.rank_features(frame, target, method=_WarnFamily(), n_jobs=2)
    assert "review4 family warning" in {str(w.message) for w in caught}


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_independence_test_refuses_a_nan_family(n_jobs: int) -> None:
    # NaN >= x is False: the test counted no exceedances and gave p = 1/20.
    rng = np.random.default_rng(2)
    x = rng.normal(size=50)
    with pytest.raises(InvalidDataError, match="returned NaN"):
        mt.independence_test(
            x, x + rng.normal(size=50), method=_NaNFamily(), n_permutations=19,
            rng=0, n_jobs=n_jobs,
        )  # fmt: skip
