"""Transfer entropy against values recorded from the peer infomeasure.

The values and the series come from tests/reference/scripts/timeseries_infomeasure.py
(infomeasure is not imported here). Plug-in TE is the same sum over the same
frequencies, so it agrees to rounding; KSG TE is the same Frenzel-Pompe CMI on
the same embedding, so with the tie-breaking noise and the standardisation off
it agrees to rounding too.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from mutinfo import timeseries as ts
from mutinfo.exceptions import BiasWarning

REF = json.loads(
    (
        Path(__file__).resolve().parents[1]
        / "reference"
        / "values"
        / "timeseries_infomeasure.json"
    ).read_text()
)


def _series(kind: str) -> tuple[np.ndarray, np.ndarray]:
    return (
        np.asarray(REF[f"data/{kind}/source"]["value"]),
        np.asarray(REF[f"data/{kind}/target"]["value"]),
    )


#: (k, l, delay, skip). infomeasure's first embedded step is
#: ``max(k, l) + delay - 1``; ours is the least step where every history exists,
#: ``max(k, l + delay - 1)``. Where these differ (k=2, l=1, delay=2: steps 3 and
#: 2) the peer uses one row fewer, so the series lose their first ``skip`` steps.
CASES = [(1, 1, 1, 0), (3, 3, 1, 0), (2, 1, 2, 1), (1, 2, 3, 0)]


@pytest.mark.parametrize(("k", "l", "delay", "skip"), CASES)
@pytest.mark.parametrize("method", ["plugin", "auto_generic"])
@pytest.mark.filterwarnings("ignore::mutinfo.exceptions.BiasWarning")  # 3^3 * 2^4
def test_plugin_te_equals_infomeasure(
    k: int,
    l: int,  # noqa: E741
    delay: int,
    skip: int,
    method: str,
) -> None:
    x, y = _series("discrete")
    x, y = x[skip:], y[skip:]
    assert x.dtype.kind == "i"
    if method == "plugin":  # the row-code counting path
        got = ts.transfer_entropy(x, y, k=k, l=l, delay=delay, method="plugin")
    else:  # the generic path: the same estimator through float columns
        got = ts.transfer_entropy(
            x.astype(float), y.astype(float), k=k, l=l, delay=delay,
            method="plugin", discrete=True,
        )  # fmt: skip
    want = REF[f"discrete/k{k}_l{l}_delay{delay}"]["value"]
    assert got == pytest.approx(want, abs=1e-10)


@pytest.mark.parametrize(("k", "l"), [(1, 1), (2, 2)])
def test_ksg_te_equals_infomeasure(k: int, l: int) -> None:  # noqa: E741
    x, y = _series("ksg")
    got = ts.transfer_entropy(
        x, y, k=k, l=l, method="ksg", n_neighbors=4, noise=0.0, standardize=False
    )
    assert got == pytest.approx(REF[f"ksg/k{k}_l{l}_n4"]["value"], abs=1e-10)


def test_first_step_differs_from_the_peer_without_skip() -> None:
    """Without the skip the k=2, l=1, delay=2 case differs (so skip is needed)."""
    x, y = _series("discrete")
    got = ts.transfer_entropy(x, y, k=2, l=1, delay=2, method="plugin")
    assert abs(got - REF["discrete/k2_l1_delay2"]["value"]) > 1e-4


@pytest.mark.parametrize("method", ["plugin", "miller_madow", "grassberger"])
@pytest.mark.filterwarnings("ignore::mutinfo.exceptions.BiasWarning")
def test_row_code_path_changes_nothing(method: str) -> None:
    """Counting by row codes gives the generic path's Result, local values too."""
    g = np.random.default_rng(3)
    x = g.integers(0, 4, 3000)
    y = np.r_[0, x[:-1]] % 3 + (g.random(3000) < 0.3)
    fast = ts.estimate("te", x, y, k=3, l=2, method=method)
    slow = ts.estimate(
        "te", x.astype(float), y.astype(float), k=3, l=2, method=method,
        discrete=True,
    )  # fmt: skip
    assert fast.value == slow.value
    if method != "grassberger":  # no local values
        assert fast.local is not None
        assert slow.local is not None
        np.testing.assert_array_equal(fast.local, slow.local)
    assert fast.method == slow.method
    assert dict(fast.params) == dict(slow.params)
    assert dict(fast.extras) == dict(slow.extras)
    assert (fast.n_samples, fast.unit) == (slow.n_samples, slow.unit)
    in_bits = ts.estimate("te", x, y, k=3, l=2, method=method, base=2)
    assert in_bits.value == slow.to(2).value


@pytest.mark.filterwarnings("ignore::mutinfo.exceptions.BiasWarning")
def test_row_code_path_negative_symbols_and_warning() -> None:
    """Negative integer symbols; the sparse-table BiasWarning still comes."""
    g = np.random.default_rng(4)
    x = g.integers(-3, 2, 300)
    y = -np.r_[0, x[:-1]] * 2 + g.integers(-1, 1, 300)
    fast = ts.transfer_entropy(x, y, k=2, l=2, method="plugin")
    slow = ts.transfer_entropy(
        x.astype(float), y.astype(float), k=2, l=2, method="plugin", discrete=True
    )
    assert fast == slow
    with pytest.warns(BiasWarning, match="occupied joint cells"):
        ts.transfer_entropy(x, y, k=3, l=3, method="plugin")


@pytest.mark.filterwarnings("ignore::mutinfo.exceptions.BiasWarning")
def test_row_code_path_resolves_auto_like_the_front_door() -> None:
    """method='auto': the family the front door picks, and its Result."""
    g = np.random.default_rng(5)
    for n, alphabet in ((20_000, 2), (400, 6)):  # well / poorly sampled tables
        x = g.integers(0, alphabet, n)
        y = (np.r_[0, x[:-1]] + g.integers(0, 2, n)) % alphabet
        fast = ts.estimate("te", x, y, k=2, l=2)
        slow = ts.estimate("te", x.astype(float), y.astype(float), k=2, l=2,
                           discrete=True)  # fmt: skip
        assert fast.method == slow.method
        assert fast.value == slow.value
        assert dict(fast.extras) == dict(slow.extras)


def test_row_code_path_wide_codes() -> None:
    """Symbols spanning a wide range (sorted codes, not a bincount) agree too."""
    g = np.random.default_rng(6)
    x = g.integers(0, 3, 2000) * 10**12
    y = np.r_[0, x[:-1]] + g.integers(0, 2, 2000)
    fast = ts.transfer_entropy(x, y, k=2, l=2, method="plugin", discrete=True)
    slow = ts.transfer_entropy(
        x.astype(float), y.astype(float), k=2, l=2, method="plugin", discrete=True
    )
    assert fast == slow
