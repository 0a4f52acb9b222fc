"""Regressions from review 16's leftover findings (second batch)."""

from __future__ import annotations

import numpy as np
import pytest

import mutinfo as mt
from mutinfo import divergence

# --- 1. parzen_log_likelihood ignored validation data given with a bandwidth ---


@pytest.mark.parametrize("extra", ["validation", "bandwidths"])
def test_parzen_refuses_bandwidth_with_search_inputs(extra: str) -> None:
    rng = np.random.default_rng(0)
    model, test = rng.normal(size=(50, 1)), rng.normal(size=(20, 1))
    kwargs = (
        {"validation": test[:10]} if extra == "validation" else {"bandwidths": [0.1]}
    )
    with pytest.raises(mt.InvalidParameterError, match=rf"'bandwidth' and '{extra}'"):
        divergence.parzen_log_likelihood(model, test, bandwidth=0.3, **kwargs)  # type: ignore[arg-type]
