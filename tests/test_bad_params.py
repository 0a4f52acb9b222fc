"""Meta-test: every public function and CLI command rejects bad parameters alike.

Public functions declare their scalar parameters with
``mutinfo._params.validate_params``; this test walks the declarations, derives
bad values from each constraint (a wrong type, out of range, an unknown name)
and checks the error class and that the message names the parameter. The
shared parameters of the front door (``method``, ``base``, ``discrete``,
``nan_policy``, ``rng``) and the CLI options get the same treatment.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo import divergence, pid, selection, stats, text, theory
from mutinfo import timeseries as ts
from mutinfo._params import (
    DECLARED,
    AnyOf,
    Bool,
    Constraint,
    Interval,
    IsNone,
    Options,
)
from mutinfo.exceptions import InvalidParameterError
from tests.cli.conftest import invoke, write_csv

_rng = np.random.default_rng(0)
X1, Y1 = _rng.normal(size=40), _rng.normal(size=40)
FRAME = pd.DataFrame({"a": X1, "b": Y1, "c": _rng.normal(size=40)})
LABELS = _rng.integers(0, 2, 40)

#: How to call each public function that declares parameters (valid data).
RECIPES: dict[str, Callable[..., Any]] = {
    "independence_test": lambda **kw: mt.independence_test(X1, Y1, **kw),
    "confidence_interval": lambda **kw: mt.confidence_interval(X1, Y1, **kw),
    "fdr": lambda **kw: stats.fdr([0.01, 0.2, 0.5], **kw),
    "mi_matrix": lambda **kw: mt.mi_matrix(FRAME, **kw),
    "rank_features": lambda **kw: mt.rank_features(FRAME, LABELS, **kw),
    "select_features": lambda **kw: mt.select_features(FRAME, LABELS, k=1, **kw),
    "forward_selection": lambda **kw: selection.forward_selection(
        FRAME, LABELS, k=1, **kw
    ),
    "identification_error": lambda **kw: theory.identification_error(
        **{"mi": 1.0, "k": 4, **kw}
    ),
    "mi_from_identification_error": lambda **kw: theory.mi_from_identification_error(
        **{"error": 0.3, "k": 4, **kw}
    ),
    "fano_lower_bound": lambda **kw: theory.fano_lower_bound(
        **{"error": 0.3, "k": 4, **kw}
    ),
    "identification_mi": lambda **kw: theory.identification_mi(
        np.c_[X1, Y1], np.c_[Y1, X1], **{"k": 2, "n_trials": 2, **kw}
    ),
    "replica_mi": lambda **kw: theory.replica_mi(
        "gaussian", **{"alpha": 1.0, "delta": 1.0, **kw}
    ),
    "replica_solution": lambda **kw: theory.replica_solution(
        "gaussian", **{"alpha": 1.0, "delta": 1.0, **kw}
    ),
    "replica_potential": lambda **kw: theory.replica_potential(
        "gaussian", 0.5, **{"alpha": 1.0, "delta": 1.0, **kw}
    ),
    "state_evolution": lambda **kw: theory.state_evolution(
        "gaussian", **{"alpha": 1.0, "delta": 1.0, "n_iter": 2, **kw}
    ),
    "amp": lambda **kw: theory.amp(
        "gaussian", **{"alpha": 1.0, "delta": 1.0, "n": 20, "n_iter": 2, **kw}
    ),
    "gaussian_kl": lambda **kw: divergence.gaussian_kl(0.0, 1.0, 1.0, 2.0, **kw),
    "kl_divergence": lambda **kw: divergence.kl_divergence(X1, Y1, **kw),
    "jensen_shannon": lambda **kw: divergence.jensen_shannon(X1, Y1, **kw),
    "parzen_log_likelihood": lambda **kw: divergence.parzen_log_likelihood(
        X1, Y1, **kw
    ),
    "mixture_argument": lambda **kw: divergence.mixture_argument(
        **{"dim": 2, "n": 20, **kw}
    ),
    "transfer_entropy": lambda **kw: ts.transfer_entropy(X1, Y1, **kw),
    "transfer_entropy_test": lambda **kw: ts.transfer_entropy_test(X1, Y1, **kw),
    "te_matrix": lambda **kw: ts.te_matrix(FRAME, **kw),
    "ordinal_patterns": lambda **kw: ts.ordinal_patterns(X1, **kw),
    "active_information_storage": lambda **kw: ts.active_information_storage(X1, **kw),
    "entropy_rate": lambda **kw: ts.entropy_rate(X1, **kw),
    "lagged_mi": lambda **kw: ts.lagged_mi(X1, **kw),
    "ts_confidence_interval": lambda **kw: ts.confidence_interval(
        **{"measure": "ais", "x": X1, "n_resamples": 2, **kw}
    ),
    "ragwitz": lambda **kw: ts.ragwitz(X1, **{"max_k": 2, **kw}),
    "mi_vs_separation": lambda **kw: ts.mi_vs_separation(LABELS, [1], **kw),
    "report": lambda **kw: mt.report(
        FRAME, **{"pvalues": False, "max_intervals": 0, **kw}
    ),
    "column_kinds": lambda **kw: mt.column_kinds(FRAME, **kw),
    "higher_order": lambda **kw: pid.higher_order(FRAME, **kw),
    "multiplets": lambda **kw: pid.multiplets(FRAME, **{"order": 2, **kw}),
    "gaussian_mmi": lambda **kw: pid.gaussian_mmi(np.eye(3) + 0.5, [0, 1], 2, **kw),
    "decompose_gaussian": lambda **kw: pid.decompose_gaussian([X1, Y1], X1 + Y1, **kw),
    "atom_statistic": lambda **kw: pid.atom_statistic("{0:1}", **kw),
    "atom_significance": lambda **kw: pid.atom_significance(
        [LABELS, LABELS[::-1]], LABELS, **{"n_permutations": 1, "n_resamples": 0, **kw}
    ),
    "svd_factors": lambda **kw: text.svd_factors(np.diag([3.0, 2.0, 1.0]), 2, **kw),
    "svd_embeddings": lambda **kw: text.svd_embeddings(
        np.diag([3.0, 2.0, 1.0]), 2, **kw
    ),
}
FUNCTIONS: dict[str, Callable[..., Any]] = {
    "higher_order": pid.higher_order,
    "multiplets": pid.multiplets,
    "gaussian_mmi": pid.gaussian_mmi,
    "decompose_gaussian": pid.decompose_gaussian,
    "atom_statistic": pid.atom_statistic,
    "atom_significance": pid.atom_significance,
    "independence_test": mt.independence_test,
    "confidence_interval": mt.confidence_interval,
    "fdr": stats.fdr,
    "mi_matrix": mt.mi_matrix,
    "rank_features": mt.rank_features,
    "select_features": mt.select_features,
    "forward_selection": selection.forward_selection,
    "identification_error": theory.identification_error,
    "mi_from_identification_error": theory.mi_from_identification_error,
    "fano_lower_bound": theory.fano_lower_bound,
    "identification_mi": theory.identification_mi,
    "replica_mi": theory.replica_mi,
    "replica_solution": theory.replica_solution,
    "replica_potential": theory.replica_potential,
    "state_evolution": theory.state_evolution,
    "amp": theory.amp,
    "gaussian_kl": divergence.gaussian_kl,
    "kl_divergence": divergence.kl_divergence,
    "jensen_shannon": divergence.jensen_shannon,
    "parzen_log_likelihood": divergence.parzen_log_likelihood,
    "mixture_argument": divergence.mixture_argument,
    "transfer_entropy": ts.transfer_entropy,
    "transfer_entropy_test": ts.transfer_entropy_test,
    "te_matrix": ts.te_matrix,
    "ordinal_patterns": ts.ordinal_patterns,
    "active_information_storage": ts.active_information_storage,
    "entropy_rate": ts.entropy_rate,
    "lagged_mi": ts.lagged_mi,
    "ts_confidence_interval": ts.confidence_interval,
    "ragwitz": ts.ragwitz,
    "mi_vs_separation": ts.mi_vs_separation,
    "report": importlib.import_module("mutinfo.reporting").report,
    "column_kinds": mt.column_kinds,
    "svd_factors": text.svd_factors,
    "svd_embeddings": text.svd_embeddings,
}

try:  # the neural analysis functions need torch
    from mutinfo.neural import analysis as nna
except ImportError:  # pragma: no cover - torch missing
    nna = None
if nna is not None:
    _LAYER = {0: {"h": X1[:, None]}}
    RECIPES |= {
        "kde_mi": lambda **kw: nna.kde_mi(X1[:, None], **{"noise_variance": 0.1, **kw}),
        "binned_mi": lambda **kw: nna.binned_mi(X1[:, None], LABELS, **kw),
        "linear_probe": lambda **kw: nna.linear_probe(X1[:, None], LABELS, **kw),
        "information_plane": lambda **kw: nna.information_plane(_LAYER, **kw),
        # every bad value is refused before any training starts
        "run_information_plane": lambda **kw: nna.run_information_plane(**kw),
    }
    FUNCTIONS |= {
        "kde_mi": nna.kde_mi,
        "binned_mi": nna.binned_mi,
        "linear_probe": nna.linear_probe,
        "information_plane": nna.information_plane,
        "run_information_plane": nna.run_information_plane,
    }


def bad_values(constraint: Constraint) -> list[Any]:
    """Values that break ``constraint``: a wrong type, out of range, unknown."""
    candidates: list[Any] = ["not-a-value", object()]
    if isinstance(constraint, Interval):
        if constraint.kind is int:
            candidates.append(1.5)
        candidates.append(math.nan)
        if constraint.low is not None:
            candidates.append(constraint.kind(constraint.low) - 1)
        if constraint.high is not None:
            candidates.append(constraint.kind(constraint.high) + 1)
    elif isinstance(constraint, Options):
        candidates += ["no-such-choice", 12345]
    elif isinstance(constraint, Bool):
        candidates += ["yes", 1]
    elif isinstance(constraint, AnyOf):
        for inner in constraint.constraints:
            if not isinstance(inner, IsNone):
                candidates += bad_values(inner)
    return [v for v in candidates if not constraint.is_satisfied_by(v)]


def _cases() -> list[tuple[str, str, Any]]:
    cases = []
    for name, func in FUNCTIONS.items():
        spec = getattr(func, DECLARED)
        for param, constraint in spec.items():
            values = bad_values(constraint)
            assert values, f"no bad value derived for {name}({param}=...)"
            cases += [(name, param, v) for v in values]
    return cases


def test_public_functions_declare_their_parameters() -> None:
    for name, func in FUNCTIONS.items():
        assert getattr(func, DECLARED, None), f"{name} declares no parameters"
        assert name in RECIPES


def test_bad_value_generator_finds_each_kind() -> None:
    assert 0 in bad_values(Interval(int, 1, None))
    assert 1.5 in bad_values(Interval(int, 1, None))
    assert 2.0 in bad_values(Interval(float, 0.0, 1.0, closed="neither"))
    assert "no-such-choice" in bad_values(Options(("a", "b")))
    assert None not in bad_values(AnyOf((IsNone(), Interval(int, 1, None))))


@pytest.mark.parametrize(
    ("function", "param", "value"), _cases(), ids=lambda v: repr(v)[:30]
)
def test_declared_parameter_rejects_bad_value(
    function: str, param: str, value: Any
) -> None:
    with pytest.raises(InvalidParameterError) as info:
        RECIPES[function](**{param: value})
    assert f"{param!r}" in str(info.value)


FRONT_DOOR_BAD: dict[str, list[Any]] = {
    "method": ["no-such-method", 3],
    "base": [-1.0, 1.0, "two", 0],
    "nan_policy": ["sometimes"],
    "rng": ["seed", -1, 1.5],
    "discrete": [3, "maybe"],
}
FRONT_DOOR: dict[str, Callable[..., Any]] = {
    "entropy": lambda **kw: mt.entropy(X1, **kw),
    "conditional_entropy": lambda **kw: mt.conditional_entropy(X1, Y1, **kw),
    "mi": lambda **kw: mt.mi(X1, Y1, **kw),
    "cmi": lambda **kw: mt.cmi(X1, Y1, FRAME["c"], **kw),
    "estimate": lambda **kw: mt.estimate("mi", X1, Y1, **kw),
    "estimator_for": lambda **kw: mt.estimator_for("mi", X1, Y1, **kw),
    "independence_test": lambda **kw: mt.independence_test(
        X1, Y1, n_permutations=5, **kw
    ),
    "confidence_interval": lambda **kw: mt.confidence_interval(
        X1, Y1, n_resamples=5, **kw
    ),
    "mi_matrix": lambda **kw: mt.mi_matrix(FRAME, **kw),
    "rank_features": lambda **kw: mt.rank_features(FRAME, LABELS, **kw),
}
_SKIP = {
    # estimator_for returns an estimator: base is not one of its parameters.
    ("estimator_for", "base"),
}


@pytest.mark.parametrize(
    ("function", "param", "value"),
    [
        (f, p, v)
        for f in FRONT_DOOR
        for p, values in FRONT_DOOR_BAD.items()
        for v in values
        if (f, p) not in _SKIP
    ],
    ids=lambda v: repr(v)[:30],
)
def test_shared_parameter_rejects_bad_value(
    function: str, param: str, value: Any
) -> None:
    with pytest.raises(InvalidParameterError) as info:
        FRONT_DOOR[function](**{param: value})
    assert f"{param!r}" in str(info.value)


CLI_BAD = [
    ("mi", ["--method", "no-such-method"], "method"),
    ("mi", ["--base", "-1"], "base"),
    ("mi", ["--nan-policy", "sometimes"], "nan"),
    ("mi", ["--n-neighbors", "0"], "n_neighbors"),
    ("entropy", ["--base", "one"], "base"),
    ("test", ["--n-permutations", "0"], "n_permutations"),
    ("test", ["--surrogate", "shuffle-ish"], "surrogate"),
    ("matrix", ["--pvalues", "--n-permutations", "0"], "n_permutations"),
    ("matrix", ["--method", "no-such-method"], "method"),
    ("rank", ["--pvalues", "--n-permutations", "0"], "n_permutations"),
    ("report", ["--n-permutations", "0"], "n_permutations"),
    ("report", ["--stop-after", "-1"], "stop_after"),
    ("te", ["--pvalues", "--n-permutations", "0"], "n_permutations"),
    ("te", ["--surrogate", "shuffle-ish", "--pvalues"], "surrogate"),
    ("separation", ["--max-distance", "0"], "max_distance"),
]


@pytest.mark.parametrize(("command", "options", "named"), CLI_BAD)
def test_cli_rejects_bad_parameter(
    command: str, options: list[str], named: str, tmp_path: Path
) -> None:
    path = write_csv(FRAME.assign(t=LABELS), tmp_path)
    columns = {
        "mi": ["--x", "a", "--y", "b"],
        "entropy": ["--x", "a"],
        "test": ["--x", "a", "--y", "b"],
        "matrix": [],
        "rank": ["--target", "t"],
        "report": ["-o", str(tmp_path / "report.html")],
        "te": ["--source", "a", "--target", "b"],
        "separation": ["--column", "t"],
    }[command]
    code, out, err = invoke(command, str(path), *columns, *options)
    assert code in (1, 2)
    text = (out + err).replace("-", "_").lower()
    assert named.replace("-", "_") in text
