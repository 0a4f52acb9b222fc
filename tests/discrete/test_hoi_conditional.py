"""Conditional O-information and generalised dual total correlation (exact)."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from mutinfo.discrete import (
    Distribution,
    coinformation,
    dual_total_correlation,
    entropy,
    examples,
    generalized_dual_total_correlation,
    o_information,
)
from mutinfo.exceptions import InvalidParameterError
from tests import reference

CASES: list[dict[str, Any]] = json.loads(
    (reference.VALUES / "discrete_hoi.json").read_text()
)["cases"]


def _dist(case: dict[str, Any]) -> Distribution:
    pmf = np.asarray(case["pmf"]).reshape(case["shape"])
    return Distribution.from_array(pmf)


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{c['measure']}-{c['distribution']}" for c in CASES]
)
def test_against_brute_force_reference(case: dict[str, Any]) -> None:
    d = _dist(case)
    crvs = case["crvs"] or None
    for key, expected in case["values"].items():
        if case["measure"] == "gdtc":
            got = generalized_dual_total_correlation(
                d, int(key), case["rvs"], crvs, base=2
            )
        else:
            got = o_information(d, case["rvs"], crvs, base=2)
        assert got == pytest.approx(expected, abs=1e-10), key


def test_gdtc_orders_are_entropy_dtc_and_coinformation() -> None:
    d = _dist(CASES[2])  # the random 4-variable distribution
    assert generalized_dual_total_correlation(d, 1) == pytest.approx(entropy(d))
    assert generalized_dual_total_correlation(d, 2) == pytest.approx(
        dual_total_correlation(d)
    )
    assert generalized_dual_total_correlation(d, 4) == pytest.approx(coinformation(d))
    assert generalized_dual_total_correlation(d, 5) == 0.0
    # conditioned: the same identities given the last variable
    rvs, c = [[0], [1], [2]], [3]
    assert generalized_dual_total_correlation(d, 2, rvs, c) == pytest.approx(
        dual_total_correlation(d, rvs, c)
    )


def test_conditional_o_information_reduces_without_condition() -> None:
    d = examples.giant_bit(4)
    assert o_information(d, crvs=None) == o_information(d)
    # given one bit of a giant bit, nothing is left: every term is 0
    assert o_information(d, ["x1", "x2", "x3"], "x0") == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("order", [0, -1, 1.5, True, "2"])
def test_bad_order_names_the_parameter(order: object) -> None:
    with pytest.raises(InvalidParameterError, match="'order' parameter"):
        generalized_dual_total_correlation(examples.xor(), order)  # type: ignore[arg-type]
