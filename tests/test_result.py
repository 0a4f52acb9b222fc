"""Result: units, conversion, immutability and the JSON shape."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

import mutinfo as mt
from mutinfo._result import base_of_unit, unit_name
from tests.conftest import gaussian_pair


def test_conversion_round_trip() -> None:
    x, y = gaussian_pair(300, 0.5)
    res = mt.estimate("mi", x, y, rng=0)
    bits = res.to(2)
    assert bits.unit == "bits"
    assert bits.value == pytest.approx(res.value / math.log(2))
    assert bits.local is not None
    assert res.local is not None
    np.testing.assert_allclose(bits.local, res.local / math.log(2))
    assert bits.to(math.e).value == pytest.approx(res.value)


def test_frozen_and_read_only_local() -> None:
    x, y = gaussian_pair(100, 0.5)
    res = mt.estimate("mi", x, y, rng=0)
    with pytest.raises(AttributeError):
        res.value = 1.0  # type: ignore[misc]
    assert res.local is not None
    with pytest.raises(ValueError, match="read-only"):
        res.local[0] = 1.0


def test_to_dict_is_json_ready() -> None:
    x, y = gaussian_pair(100, 0.5)
    res = mt.estimate("mi", x, y, rng=0)
    payload = json.loads(json.dumps(res.to_dict(include_local=True)))
    assert payload["method"] == "ksg"
    assert payload["unit"] == "nats"
    assert len(payload["local"]) == 100
    assert "local" not in res.to_dict()


def test_units() -> None:
    assert unit_name(math.e) == "nats"
    assert unit_name(2) == "bits"
    assert base_of_unit("log10") == 10.0
    with pytest.raises(mt.InvalidParameterError, match="not a unit"):
        base_of_unit("furlongs")
