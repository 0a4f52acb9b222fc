"""Contract tests generated from the registry: no family can skip them."""

from __future__ import annotations

import pickle
import warnings

import numpy as np
import pytest

import mutinfo as mt
from mutinfo import _registry
from tests.conftest import registered_methods

_FAST_N = 200


def _sample(cls: type) -> dict[str, object]:
    """Data of a kind the family accepts, for its first supported measure."""
    g = np.random.default_rng(0)
    cont = g.normal(size=_FAST_N)
    disc = g.integers(0, 3, _FAST_N)
    kinds = set(cls.kinds)
    if kinds == {"discrete"}:
        a, b = disc, (disc + g.integers(0, 2, _FAST_N)) % 3
    elif "discrete" in kinds and "continuous" in kinds:
        a, b = disc, cont + disc
    else:
        a, b = cont, cont + g.normal(size=_FAST_N)
    return {
        "x": a,
        "y": b,
        "z": g.normal(size=_FAST_N) if "continuous" in kinds else disc,
    }


def _call(est: object, cls: type) -> mt.Result:
    data = _sample(cls)
    measure = cls.measures[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.MutinfoWarning)
        if measure == "entropy":
            return est.entropy(data["x"])  # type: ignore[attr-defined,no-any-return]
        if measure == "mi":
            return est.mi(data["x"], data["y"])  # type: ignore[attr-defined,no-any-return]
        if measure == "cmi":
            return est.cmi(data["x"], data["y"], data["z"])  # type: ignore[attr-defined,no-any-return]
        return est.estimate(measure, data["x"], data["y"])  # type: ignore[attr-defined,no-any-return]


@pytest.fixture(params=registered_methods())
def family(request: pytest.FixtureRequest) -> type:
    cls = _registry.get(request.param)
    if getattr(cls, "slow", False):
        pytest.skip("slow family (trains a model); covered by its own tests")
    return cls


def test_constructible_with_defaults(family: type) -> None:
    est = family()
    assert repr(est).startswith(family.__name__)
    assert family.name
    assert family.measures
    assert family.summary


def test_params_round_trip(family: type) -> None:
    est = family(rng=3)
    params = est.get_params()
    clone = family(**params)
    assert clone.get_params() == params
    assert clone == est
    assert est.set_params(**params) is est


def test_deterministic_and_finite(family: type) -> None:
    a = _call(family(rng=1), family)
    b = _call(family(rng=1), family)
    assert a.value == b.value
    assert np.isfinite(a.value)
    assert a.method == family.name


def test_inputs_unchanged(family: type) -> None:
    data = _sample(family)
    before = {k: np.array(v, copy=True) for k, v in data.items()}
    _call(family(rng=0), family)
    for k, v in _sample(family).items():
        np.testing.assert_array_equal(v, before[k])


def test_pickle(family: type) -> None:
    est = family(rng=2)
    clone = pickle.loads(pickle.dumps(est))
    assert clone == est
    assert _call(clone, family).value == _call(est, family).value


def test_bad_parameters_raise(family: type) -> None:
    with pytest.raises(mt.InvalidParameterError, match="unexpected parameter"):
        family(not_a_parameter=1)
    for name, param in family.parameters.items():
        for bad in (object(), "not-a-valid-value", -(10**9)):
            if not param.constraint.is_satisfied_by(bad):
                with pytest.raises(mt.InvalidParameterError, match=repr(name)):
                    family(**{name: bad})
                break


def test_unsupported_measure_is_clear(family: type) -> None:
    missing = [m for m in ("entropy", "mi", "cmi") if m not in family.measures]
    for measure in missing:
        with pytest.raises(mt.InvalidParameterError, match="does not estimate"):
            family().estimate(
                measure,
                [0.1, 0.2, 0.3, 0.4],
                [0.1, 0.3, 0.2, 0.4] if measure != "entropy" else None,
                [0.2, 0.1, 0.4, 0.3] if measure == "cmi" else None,
            )
