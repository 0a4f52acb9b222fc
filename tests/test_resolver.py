"""One resolver: the same misuse gives the same error from every entry point."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo import _auto
from mutinfo.exceptions import InvalidParameterError
from tests.cli.conftest import invoke, write_csv

rng = np.random.default_rng(3)
N = 200
DISCRETE = {
    "a": rng.integers(0, 3, N),
    "b": rng.integers(0, 3, N),
}
CONTINUOUS = {"a": rng.normal(size=N), "b": rng.normal(size=N)}


def _message(call: Callable[[], Any]) -> tuple[type[BaseException], str]:
    with pytest.raises(InvalidParameterError) as info:
        call()
    return info.type, str(info.value)


def _python_entry_points(
    data: dict[str, Any], method: str, params: dict[str, Any]
) -> dict[str, Callable[[], Any]]:
    a, b = data["a"], data["b"]
    frame = pd.DataFrame(data)
    return {
        "mi": lambda: mt.mi(a, b, method=method, **params),
        "estimate": lambda: mt.estimate("mi", a, b, method=method, **params),
        "mi_matrix": lambda: mt.mi_matrix(frame, method=method, **params),
        "rank_features": lambda: mt.rank_features(
            frame[["a"]], b, method=method, **params
        ),
        "independence_test": lambda: mt.independence_test(
            a, b, method=method, n_permutations=9, **params
        ),
        "confidence_interval": lambda: mt.confidence_interval(
            a, b, method=method, n_resamples=9, **params
        ),
        "estimator_for": lambda: mt.estimator_for("mi", a, b, method=method, **params),
    }


CASES = {
    # auto picks a counting family for labels, which takes no n_neighbors
    "auto_n_neighbors_on_labels": (DISCRETE, "auto", {"n_neighbors": 5}),
    # a parameter of another family
    "ksg_with_bins": (CONTINUOUS, "ksg", {"bins": 10}),
    # an unknown parameter
    "ksg_with_typo": (CONTINUOUS, "ksg", {"n_neighbours": 5}),
    # a declared parameter out of its range
    "ksg_with_zero_k": (CONTINUOUS, "ksg", {"n_neighbors": 0}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_same_misuse_same_error_everywhere(case: str) -> None:
    data, method, params = CASES[case]
    seen = {
        name: _message(call)
        for name, call in _python_entry_points(data, method, params).items()
    }
    # On labels the matrix and feature selection keep 'plugin' (they combine
    # many terms); a single estimate picks the family by how well the table
    # is sampled (here 'miller_madow': a small, well-sampled table).
    many = {name: seen.pop(name)[1] for name in ("mi_matrix", "rank_features")}
    messages = {text for _, text in seen.values()}
    assert len(messages) == 1, seen
    (text,) = messages
    key = next(iter(params))
    resolved = "miller_madow" if method == "auto" else method
    for many_text in many.values():
        assert repr(key) in many_text
        assert repr("plugin" if method == "auto" else method) in many_text
        if method != "auto":
            assert many_text == text
    assert repr(key) in text
    assert repr(resolved) in text
    for caller in ("mi(", "mi_matrix", "rank_features", "independence_test"):
        assert caller not in text


def test_auto_parameter_message_names_the_fix() -> None:
    _, text = _message(lambda: mt.mi(DISCRETE["a"], DISCRETE["b"], n_neighbors=5))
    assert text.startswith("method='auto' chose 'miller_madow' for this data")
    assert "'ksg'" in text
    assert "pass method=" in text


@pytest.mark.parametrize("case", ["auto_n_neighbors_on_labels", "ksg_with_bins"])
def test_cli_prints_the_same_message(case: str, tmp_path: Path) -> None:
    data, method, params = CASES[case]
    _, expected = _message(lambda: mt.mi(data["a"], data["b"], method=method, **params))
    path = write_csv(pd.DataFrame(data), tmp_path)
    options = [f"--{k.replace('_', '-')}={v}" for k, v in params.items()]
    code, out, err = invoke(
        "mi", str(path), "--x", "a", "--y", "b", "--method", method, *options
    )
    assert code == 1
    assert out == ""
    assert expected in err


def test_matrix_routes_parameters_to_the_families_that_take_them() -> None:
    frame = pd.DataFrame({"c": CONTINUOUS["a"], "d": CONTINUOUS["b"]})
    frame["e"] = DISCRETE["a"]
    res = mt.mi_matrix(frame, n_neighbors=5, rng=0)
    # ksg between continuous columns, mixed_ksg against the labels: both take k
    assert set(res.methods_used) == {"ksg", "mixed_ksg"}
    expected = mt.mi(frame["c"], frame["d"], n_neighbors=5, rng=0)
    assert res.mi.loc["c", "d"] == pytest.approx(expected, abs=0.05)


def test_route_params_validates_each_family() -> None:
    routed = _auto.route_params(["ksg", "plugin"], {"n_neighbors": 4}, auto=True)
    assert routed == {"ksg": {"n_neighbors": 4}, "plugin": {}}
    with pytest.raises(InvalidParameterError, match="'n_neighbors' parameter of"):
        _auto.route_params(["ksg"], {"n_neighbors": -1}, auto=False)


def test_estimator_for_matches_estimate() -> None:
    x, y = CONTINUOUS["a"], CONTINUOUS["b"]
    est = mt.estimator_for("mi", x, y, n_neighbors=4, rng=1)
    assert est.name == "ksg"
    assert est.get_params()["n_neighbors"] == 4
    assert est.mi(x, y).value == mt.mi(x, y, n_neighbors=4, rng=1)


def test_unknown_method_names_the_parameter() -> None:
    with pytest.raises(InvalidParameterError, match=r"'method' parameter.*'ksgg'"):
        mt.mi(CONTINUOUS["a"], CONTINUOUS["b"], method="ksgg")
