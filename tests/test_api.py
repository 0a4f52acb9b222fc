"""The front door: dispatch, auto resolution, units, and every error message."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

import mutinfo as mt
from mutinfo import _auto
from mutinfo._validation import Variable
from mutinfo.estimators import KSG
from tests.conftest import gaussian_pair

# Tiny exact examples warn about bias; that warning is tested in test_plugin.py.
pytestmark = pytest.mark.filterwarnings("ignore::mutinfo.exceptions.BiasWarning")


def test_readme_example_from_the_issue() -> None:
    value = mt.mi([0, 1, 1, 0], [0, 1, 1, 1], method="plugin")
    # H(x) = ln 2, H(y) = H(1/4, 3/4), H(x, y) = H(1/4, 1/4, 1/2)
    hy = -(0.25 * math.log(0.25) + 0.75 * math.log(0.75))
    hxy = -(2 * 0.25 * math.log(0.25) + 0.5 * math.log(0.5))
    assert value == pytest.approx(math.log(2) + hy - hxy)


@pytest.mark.parametrize(
    ("x", "y", "method"),
    [
        ([0, 1, 0, 1] * 10, [1, 1, 0, 0] * 10, "miller_madow"),  # 4 cells
        (list(range(10)), list(range(10)), "chao_shen"),  # one-to-one: H's family
        (list(range(10)) * 2, [i % 5 for i in range(20)], "grassberger"),  # functional
        (list(range(6)) * 2, [0, 1, 2, 3] * 3, "grassberger"),  # 4 values of Y
        (list(range(12)) * 2, [i % 10 for i in range(24)], "dirichlet_product"),
        (np.linspace(0, 1, 40), np.sin(np.linspace(0, 3, 40)), "ksg"),
        ([0, 1] * 20, np.linspace(0, 1, 40), "mixed_ksg"),
        (np.linspace(0, 1, 40), ["a", "b"] * 20, "mixed_ksg"),
    ],
)
def test_auto_resolution_is_recorded(x: object, y: object, method: str) -> None:
    if method != "dirichlet_product":
        assert mt.estimate("mi", x, y, rng=0).method == method
        return
    # Two auto-read integer columns of 10-12 values: the product-centred prior
    # now warns that rounded measurements would read low (discrete=False).
    with pytest.warns(mt.DataWarning, match="read as labels by discrete='auto'"):
        assert mt.estimate("mi", x, y, rng=0).method == method


def test_auto_rule_for_entropy() -> None:
    assert mt.estimate("entropy", np.linspace(0, 1, 30)).method == "kl"
    assert mt.estimate("entropy", list(range(10))).method == "chao_shen"
    assert mt.estimate("entropy", [1]).method == "plugin"
    assert mt.estimate("entropy", list(range(8)) * 5).method == "grassberger"
    # at most 4 values: Miller-Madow, as MI of the small table (X; X)
    assert mt.estimate("entropy", [1, 2, 3]).method == "miller_madow"
    assert mt.estimate("entropy", [1, 2] * 20).method == "miller_madow"


def test_resolve_rule_in_one_place() -> None:
    d = Variable("x", np.zeros((3, 1)), (True,))
    c = Variable("y", np.zeros((3, 1)), (False,))
    assert _auto.auto_method("mi", [d, d]) == "plugin"  # matrix, selection
    assert _auto.auto_method("mi", [d, d], sampling=True) == "miller_madow"
    assert _auto.auto_method("mi", [c, c]) == "ksg"
    assert _auto.auto_method("cmi", [c, c, c]) == "ksg"
    assert _auto.auto_method("entropy", [c]) == "kl"
    assert _auto.auto_method("mi", [d, c]) == "mixed_ksg"


def test_mixed_auto_without_support_raises_clearly() -> None:
    d = Variable("x", np.zeros((3, 1)), (True,))
    c = Variable("y", np.zeros((3, 1)), (False,))
    with pytest.raises(mt.InvalidParameterError, match="Pass method='plugin'"):
        _auto.auto_method("conditional_entropy", [d, c])


def test_base_units() -> None:
    x, y = [0, 1, 1, 0], [0, 1, 1, 0]
    res = mt.estimate("mi", x, y, base=2, method="plugin")
    assert (res.value, res.unit) == (pytest.approx(1.0), "bits")
    assert mt.estimate("mi", x, y).unit == "nats"
    assert mt.estimate("mi", x, y, base=10).unit == "log10"
    assert float(res.to(math.e)) == pytest.approx(math.log(2))


def test_estimator_object_as_method() -> None:
    x, y = gaussian_pair(300, 0.5)
    est = KSG(n_neighbors=5, rng=0)
    res = mt.estimate("mi", x, y, method=est)
    assert res.method == "ksg"
    assert res.params["n_neighbors"] == 5
    with pytest.raises(mt.InvalidParameterError, match="set them on the object"):
        mt.mi(x, y, method=est, n_neighbors=3)


def test_method_params_recorded() -> None:
    x, y = gaussian_pair(300, 0.5)
    res = mt.estimate("mi", x, y, method="ksg", n_neighbors=4, variant=2, rng=1)
    assert dict(res.params) == {
        "n_neighbors": 4,
        "variant": 2,
        "standardize": True,
        "noise": 1e-10,
        "algorithm": "auto",
        "theiler": None,
        "device": None,
        "dequantize": False,
    }
    assert res.n_samples == 300


def test_methods_lists_registry() -> None:
    infos = {m.name: m for m in mt.methods()}
    assert {"plugin", "ksg", "kl", "mixed_ksg"} <= set(infos)
    assert infos["ksg"].parameters["n_neighbors"] == 3
    assert "mi" in infos["ksg"].measures
    assert infos["ksg"].reference


def test_inputs_not_mutated() -> None:
    x, y = gaussian_pair(200, 0.5)
    x0, y0 = x.copy(), y.copy()
    mt.mi(x, y, rng=0)
    np.testing.assert_array_equal(x, x0)
    np.testing.assert_array_equal(y, y0)


# ----------------------------------------------------------------------------
# Errors: one test per message.
# ----------------------------------------------------------------------------
def test_unknown_method_suggests() -> None:
    with pytest.raises(mt.InvalidParameterError, match=r"Did you mean 'ksg'\?"):
        mt.mi([1.0, 2.0], [1.0, 2.0], method="kgs")


def test_unknown_method_param_suggests() -> None:
    with pytest.raises(
        mt.InvalidParameterError,
        match=r"takes no parameter 'n_neighbours'.*Did you mean 'n_neighbors'",
    ):
        mt.mi([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], method="ksg", n_neighbours=3)


def test_bad_param_value() -> None:
    with pytest.raises(
        mt.InvalidParameterError,
        match=r"The 'n_neighbors' parameter of method 'ksg' must be an int in the range \[1, inf\)\. Got 0 instead\.",
    ):
        mt.mi([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], method="ksg", n_neighbors=0)


@pytest.mark.parametrize("base", [0, -2, 1, 0.5, "two", float("nan")])
def test_bad_base(base: object) -> None:
    with pytest.raises(
        mt.InvalidParameterError,
        match=r"'base' parameter must be a finite number > 1",
    ):
        mt.mi([0, 1], [0, 1], base=base)  # type: ignore[arg-type]


def test_too_few_samples_for_ksg() -> None:
    with pytest.raises(
        mt.InsufficientSamplesError, match=r"needs at least 4 samples.*n_samples=3"
    ):
        mt.mi([1.0, 2.0, 3.0], [1.0, 2.5, 3.0], method="ksg")


def test_unsupported_measure_names_alternatives() -> None:
    with pytest.raises(
        mt.InvalidParameterError, match=r"does not estimate 'entropy'.*'kl'"
    ):
        mt.entropy([1.0, 2.0, 3.0, 4.0, 5.0], method="ksg")


def test_unknown_measure() -> None:
    with pytest.raises(
        mt.InvalidParameterError, match="'measure' parameter of estimate"
    ):
        mt.estimate("mutual", [1], [1])


def test_missing_variable_for_measure() -> None:
    with pytest.raises(mt.InvalidParameterError, match="needs 'y'"):
        mt.estimate("mi", [1, 2])
    with pytest.raises(mt.InvalidParameterError, match="'z' was given too"):
        mt.estimate("mi", [1, 2], [1, 2], [1, 2])


def test_bad_rng() -> None:
    with pytest.raises(mt.InvalidParameterError, match="'rng' parameter"):
        mt.mi([1.0, 2.0], [1.0, 2.0], rng="seed")


def test_mixed_ksg_needs_one_discrete() -> None:
    with pytest.raises(
        mt.InvalidParameterError, match="one discrete and one continuous"
    ):
        mt.mi([0, 1, 0, 1, 1], [1, 0, 1, 0, 1], method="mixed_ksg", variant="ross")


def test_strings_for_continuous_method() -> None:
    with pytest.raises(mt.InvalidDataError, match="holds string labels"):
        mt.mi(["a", "b", "a", "b", "a"], [1.0, 2.0, 3.0, 4.0, 5.0], method="ksg")


@pytest.mark.filterwarnings("ignore:Column .* repeated values")
def test_discrete_columns_in_ksg_warn() -> None:
    x = np.arange(50) % 5
    y = np.linspace(0, 1, 50)
    with pytest.warns(mt.DataWarning, match="treats the discrete columns"):
        mt.mi(x, y, method="ksg", rng=0)


def test_warnings_point_at_user_code() -> None:
    with pytest.warns(mt.DataWarning) as record:
        mt.mi(np.arange(50) % 5, np.linspace(0, 1, 50) ** 2, method="ksg", rng=0)
    assert all(Path(w.filename).name == "test_api.py" for w in record[:1])
