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


def test_default_parts_leave_out_the_conditioning_variables() -> None:
    # With rvs=None the parts included the conditioning variable itself, and a
    # part that is conditioned on zeroes the co-information and the
    # Gács-Körner common information: coinformation(xor, crvs="y") was 0
    # instead of I(x0; x1 | y) = 1 bit, gk(triadic, crvs="z") 0 instead of 1.
    from mutinfo.discrete import gk_common_information
    from mutinfo.discrete import interaction_information as ii
    from mutinfo.discrete import total_correlation as tc

    xor = examples.xor()
    assert coinformation(xor, crvs="y", base=2) == pytest.approx(1.0)
    assert ii(xor, crvs="y", base=2) == pytest.approx(1.0)  # two parts: + sign
    tri = examples.triadic()
    assert gk_common_information(tri, crvs="z", base=2) == pytest.approx(1.0)
    # Given x2, the other four variables of parity(5) are a parity of 4.
    p5 = examples.parity(5)
    rest = ["x0", "x1", "x3", "x4"]
    for f, exact in (
        (coinformation, 1.0),
        (tc, 1.0),
        (dual_total_correlation, 3.0),
        (o_information, -2.0),
    ):
        assert f(p5, crvs="x2", base=2) == pytest.approx(exact, abs=1e-12)
        assert f(p5, rest, "x2", base=2) == pytest.approx(exact, abs=1e-12)
    gdtc = generalized_dual_total_correlation
    assert gdtc(p5, 4, crvs="x2", base=2) == pytest.approx(1.0, abs=1e-12)
    assert gdtc(p5, 5, crvs="x2", base=2) == pytest.approx(0.0, abs=1e-12)
