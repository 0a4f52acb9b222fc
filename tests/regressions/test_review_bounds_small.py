"""Estimates past a bound say so; one sample is not a Parzen estimate."""

from __future__ import annotations

import math

import numpy as np
import pytest

import mutinfo as mt
from mutinfo import itl
from mutinfo.divergence import jensen_shannon


def test_knn_js_past_log_2_warns_and_keeps_the_value() -> None:
    # Two samples 100 standard deviations apart: Ross's estimator reads
    # 0.693231 nats, above the bound log 2 = 0.693147 (was silent).
    g = np.random.default_rng(0)
    p, q = g.normal(size=3000), g.normal(100.0, 1.0, size=3000)
    with pytest.warns(mt.BiasWarning, match="exceeds the divergence's bound"):
        value = jensen_shannon(p, q, rng=0)
    assert value > math.log(2.0)  # not clipped


def test_knn_js_within_the_bound_is_quiet() -> None:
    g = np.random.default_rng(1)
    value = jensen_shannon(g.normal(size=500), g.normal(1.0, 1.0, size=500), rng=0)
    assert 0.0 < value < math.log(2.0)


@pytest.mark.parametrize(
    "call",
    [
        lambda: itl.renyi_quadratic_entropy([0.3], bandwidth=0.5),
        lambda: itl.information_potential([[0.3, 1.0]], bandwidth=0.5),
        lambda: itl.cauchy_schwarz_mi([0.3], [1.0], bandwidth=0.5),
    ],
)
def test_itl_refuses_one_sample(call: object) -> None:
    # renyi_quadratic_entropy([0.3], bandwidth=0.5) returned 0.572 nats: the
    # entropy of the kernel, not of any data
    with pytest.raises(mt.InsufficientSamplesError, match="at least 2 samples"):
        call()  # type: ignore[operator]
