"""AIS and entropy rate of integer series on TE's counted path (row codes)."""

from __future__ import annotations

import numpy as np
import pytest

from mutinfo import timeseries as ts
from mutinfo.timeseries import _measures


def _series(n: int, seed: int) -> np.ndarray:
    """An order-2 chain on 7 symbols."""
    rng = np.random.default_rng(seed)
    x = np.zeros(n, np.int64)
    for t in range(2, n):
        x[t] = (x[t - 1] + x[t - 2] + rng.integers(0, 3)) % 7
    return x


@pytest.mark.filterwarnings("ignore::mutinfo.exceptions.MutinfoWarning")
@pytest.mark.parametrize("measure", ["ais", "entropy_rate"])
@pytest.mark.parametrize("method", ["plugin", "grassberger", "auto"])
@pytest.mark.parametrize("dtype", [np.int64, np.uint8, np.int8])
def test_counted_storage_equals_the_front_door(
    measure: str, method: str, dtype: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    x = _series(2000, seed=1)
    # Reference: the same symbols as floats read as labels (the generic path).
    want = [
        ts.estimate(measure, x.astype(float), k=k, method=method, discrete=True)
        for k in (1, 2, 3)
    ]

    calls: list[str] = []
    estimate = _measures._api.estimate

    def front_door(*args: object, **kwargs: object) -> object:
        calls.append(str(kwargs.get("method")))
        return estimate(*args, **kwargs)  # type: ignore[arg-type]

    # Integer series reach the front door only for a family that is not
    # count-only ('auto' may pick one); uint8 codes must not wrap (7 ** 3
    # joint cells of three columns exceed 255).
    monkeypatch.setattr(_measures._api, "estimate", front_door)
    for k, ref in zip((1, 2, 3), want, strict=True):
        calls.clear()
        got = ts.estimate(measure, x.astype(dtype), k=k, method=method)
        assert bool(calls) == (ref.method not in _measures._COUNT_ONLY)
        assert got.value == ref.value
        assert got.method == ref.method
        assert dict(got.params) == dict(ref.params)
        assert dict(got.extras) == dict(ref.extras)
        if ref.local is None:
            assert got.local is None
        else:
            np.testing.assert_array_equal(got.local, ref.local)


def test_counted_entropy_rate_of_a_binary_markov_chain() -> None:
    # P(1 | 0) = a, P(0 | 1) = b: h = (b H(a) + a H(b)) / (a + b), the chain rule
    # H(X_t) = AIS + h holds exactly for the plug-in counts.
    a, b = 0.2, 0.4
    rng = np.random.default_rng(3)
    n = 200_000
    u = rng.random(n)
    x = np.zeros(n, np.int64)
    for t in range(1, n):
        x[t] = u[t] < a if x[t - 1] == 0 else u[t] >= b

    def h2(p: float) -> float:
        return -p * np.log(p) - (1 - p) * np.log(1 - p)

    rate = ts.entropy_rate(x, method="plugin")
    assert rate == pytest.approx((b * h2(a) + a * h2(b)) / (a + b), abs=3e-3)
    ais = ts.active_information_storage(x, method="plugin")
    p1 = x[1:].mean()
    assert ais + rate == pytest.approx(h2(p1), abs=1e-12)
