"""Review regressions (h3-review): ts.estimate and parameters a measure ignores."""

import numpy as np
import pytest

from mutinfo import datasets
from mutinfo import timeseries as ts
from mutinfo.exceptions import InvalidParameterError


def _chain() -> np.ndarray:
    return datasets.binary_markov_chain(0.1, 0.3).sample(4000, rng=0)


def test_block_entropy_refuses_k():
    # estimate("block_entropy", x, k=3) returned the length-1 block entropy
    # (its parameter is `length`): H(1) = 0.565 for H(3) = 1.36, silently.
    s = _chain()
    with pytest.raises(InvalidParameterError, match=r"k=3.*'length'"):
        ts.estimate("block_entropy", s, k=3, method="plugin")
    three = ts.estimate("block_entropy", s, length=3, method="plugin").value
    assert three == pytest.approx(ts.block_entropy(s, 3, method="plugin"))


@pytest.mark.parametrize(
    ("measure", "kwargs"),
    [
        ("lagged_mi", {"k": 2}),
        ("ais", {"l": 2}),
        ("excess_entropy", {"k": 3}),
        ("entropy_rate", {"length": 2}),
        ("predictive_information", {"delay": 2}),
    ],
)
def test_estimate_refuses_parameters_the_measure_ignores(measure, kwargs):
    with pytest.raises(InvalidParameterError, match="does not use"):
        ts.estimate(measure, _chain(), **kwargs)


def test_defaults_and_read_parameters_pass():
    s = _chain()
    ts.estimate("lagged_mi", s, delay=2, k=1, method="plugin")  # default k is fine
    ts.estimate("ais", s, k=2, k_tau=2, method="plugin")
