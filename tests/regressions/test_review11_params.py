"""Review 11: a data array passed where a name goes gets a clear error."""

from __future__ import annotations

import numpy as np
import pytest

import mutinfo as mt
from mutinfo import timeseries as ts

X = np.linspace(0.0, 1.0, 50)
Y = X**2


def test_series_in_place_of_the_measure_name() -> None:
    # ts.confidence_interval(x, y) raised numpy's "truth value of an array is
    # ambiguous" ValueError from the choice check.
    with pytest.raises(mt.InvalidParameterError) as err:
        ts.confidence_interval(X, Y)
    text = str(err.value)
    assert "'measure'" in text
    assert "numpy.ndarray of shape (50,)" in text
    assert "confidence_interval('te', x, y" in text
    with pytest.raises(mt.InvalidParameterError, match=r"estimate\('te', x, y"):
        ts.estimate(X, Y)


def test_front_door_measure_error_is_short() -> None:
    with pytest.raises(mt.InvalidParameterError) as err:
        mt.estimate(X, Y)
    text = str(err.value)
    assert "numpy.ndarray of shape (50,)" in text
    assert "estimate('mi', x, y" in text
    assert "0.0204" not in text  # not the array's repr


def test_array_for_a_choice_parameter() -> None:
    with pytest.raises(mt.InvalidParameterError, match=r"'scheme'.*shape \(2,\)"):
        mt.confidence_interval(X, Y, scheme=np.array([1, 2]))
