"""Contract tests generated from the registry: no family can skip them."""

from __future__ import annotations

import math
import pickle
import warnings

import numpy as np
import pytest

import mutinfo as mt
from mutinfo import _registry
from tests.conftest import registered_methods

_FAST_N = 200

#: The variables each measure takes; a measure that a family declares must be
#: listed here (test_every_declared_measure_has_sample_data), so a new measure
#: cannot skip the contract tests.
_VARIABLES: dict[str, tuple[str, ...]] = {
    "entropy": ("x",),
    "conditional_entropy": ("x", "z"),
    "mi": ("x", "y"),
    "cmi": ("x", "y", "z"),
    "total_correlation": ("x",),  # among the columns of x
}


def _sample(cls: type, measure: str = "mi") -> dict[str, object]:
    """Data of a kind the family accepts, for the variables of ``measure``."""
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
    z = g.normal(size=_FAST_N) if "continuous" in kinds else g.integers(0, 2, _FAST_N)
    data: dict[str, object] = {"x": a, "y": b, "z": z}
    if measure == "total_correlation":
        # Three columns, two of them dependent, of the kind the family takes
        # (stacked as floats: a family that takes numbers gets numbers, since
        # whole-number floats with a few values would be read as labels).
        first = cont if "continuous" in kinds else a
        data["x"] = np.column_stack([first, b, z])
    return {name: data[name] for name in _VARIABLES[measure]}


def _call(est: object, cls: type, measure: str | None = None) -> mt.Result:
    measure = measure or cls.measures[0]
    data = _sample(cls, measure)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.MutinfoWarning)
        return est.estimate(measure, **data)  # type: ignore[attr-defined,no-any-return]


def _fast_families() -> list[str]:
    return [
        n for n in registered_methods() if not getattr(_registry.get(n), "slow", False)
    ]


def _family_measures() -> list[tuple[str, str]]:
    """Every (family, measure) pair the registry declares (slow families left out)."""
    return [(n, m) for n in _fast_families() for m in _registry.get(n).measures]


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


@pytest.fixture(
    params=_family_measures(), ids=[f"{n}-{m}" for n, m in _family_measures()]
)
def family_measure(request: pytest.FixtureRequest) -> tuple[type, str]:
    name, measure = request.param
    return _registry.get(name), measure


def test_every_declared_measure_has_sample_data() -> None:
    declared = {m for n in registered_methods() for m in _registry.get(n).measures}
    assert declared <= set(_VARIABLES), sorted(declared - set(_VARIABLES))


def test_deterministic_and_finite(family_measure: tuple[type, str]) -> None:
    family, measure = family_measure
    a = _call(family(rng=1), family, measure)
    b = _call(family(rng=1), family, measure)
    assert a.value == b.value
    assert np.isfinite(a.value)
    assert a.method == family.name
    assert a.measure == measure
    assert a.unit == "nats"
    assert a.n_samples == _FAST_N


def test_inputs_unchanged(family_measure: tuple[type, str]) -> None:
    family, measure = family_measure
    data = _sample(family, measure)
    before = {k: np.array(v, copy=True) for k, v in data.items()}
    est = family(rng=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.MutinfoWarning)
        est.estimate(measure, **data)
    for k, v in data.items():
        np.testing.assert_array_equal(v, before[k])


def test_base_conversion(family_measure: tuple[type, str]) -> None:
    family, measure = family_measure
    data = _sample(family, measure)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.MutinfoWarning)
        nats = family(rng=4).estimate(measure, **data)
        bits = family(rng=4).estimate(measure, **data, base=2)
    assert bits.unit == "bits"
    assert bits.value * math.log(2) == pytest.approx(nats.value, rel=1e-12, abs=1e-12)


def test_pickle(family_measure: tuple[type, str]) -> None:
    family, measure = family_measure
    est = family(rng=2)
    clone = pickle.loads(pickle.dumps(est))
    assert clone == est
    assert _call(clone, family, measure).value == _call(est, family, measure).value


def test_bad_parameters_raise(family: type) -> None:
    with pytest.raises(mt.InvalidParameterError, match="unexpected parameter"):
        family(not_a_parameter=1)
    for name, param in family.parameters.items():
        for bad in (object(), "not-a-valid-value", -(10**9)):
            if not param.constraint.is_satisfied_by(bad):
                with pytest.raises(mt.InvalidParameterError, match=repr(name)):
                    family(**{name: bad})
                break
        else:  # without this the loop could pass having checked nothing
            pytest.fail(f"No bad value to try for {family.__name__}'s {name!r}.")


def test_unsupported_measure_is_clear(family: type) -> None:
    missing = [m for m in _VARIABLES if m not in _registry.supported_measures(family)]
    if not missing:
        pytest.skip(f"{family.__name__} estimates every measure")
    columns = {
        "x": [0.1, 0.2, 0.3, 0.4],
        "y": [0.1, 0.3, 0.2, 0.4],
        "z": [0.2, 0.1, 0.4, 0.3],
    }
    for measure in missing:
        data = {name: columns[name] for name in _VARIABLES[measure]}
        if measure == "total_correlation":
            data["x"] = np.column_stack([columns["x"], columns["y"]])
        with pytest.raises(mt.InvalidParameterError, match="does not estimate"):
            family().estimate(measure, **data)
