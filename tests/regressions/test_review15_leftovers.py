"""Regressions from review 15's leftover findings."""

from __future__ import annotations

import math

import numpy as np
import pytest

import mutinfo as mt
from mutinfo import discrete, divergence, pid

# --- 1. a logarithm base in (0, 1) flipped the sign of every value silently ---


@pytest.mark.parametrize("base", [0.5, 0.999, 1, 0, -2])
def test_entropy_refuses_base_at_most_one(base: float) -> None:
    d = discrete.Distribution({(0,): 0.25, (1,): 0.75})
    with pytest.raises(mt.InvalidParameterError, match=r"'base'.*> 1.*Got"):
        discrete.entropy(d, base=base)


@pytest.mark.parametrize("base", [0.5, 0.1])
def test_estimators_refuse_base_below_one(base: float) -> None:
    x = np.arange(20) % 3
    with pytest.raises(mt.InvalidParameterError, match=r"'base'.*> 1"):
        mt.mi(x, x, base=base)
    rng = np.random.default_rng(0)
    p, q = rng.normal(size=(30, 1)), rng.normal(size=(30, 1))
    with pytest.raises(mt.InvalidParameterError, match=r"'base'.*> 1"):
        divergence.kl_divergence(p, q, base=base)
    with pytest.raises(mt.InvalidParameterError, match=r"'base'.*> 1"):
        pid.gaussian_mmi(np.eye(3) + 0.5, [0, 1], 2, base=base)


def test_base_above_one_still_accepted() -> None:
    d = discrete.Distribution({(0,): 0.5, (1,): 0.5})
    assert discrete.entropy(d, base=2) == pytest.approx(1.0)
    assert discrete.entropy(d, base=1.5) == pytest.approx(math.log(2) / math.log(1.5))
