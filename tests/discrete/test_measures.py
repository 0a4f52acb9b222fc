"""Exact measures on explicit distributions: reference values and identities."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mutinfo as mt
from mutinfo.discrete import (
    Distribution,
    coinformation,
    conditional_entropy,
    cross_entropy,
    dual_total_correlation,
    entropy,
    examples,
    gk_common_information,
    interaction_information,
    jensen_shannon_divergence,
    kl_divergence,
    local_entropy,
    mutual_information,
    o_information,
    pmi,
    renyi_entropy,
    s_information,
    total_correlation,
    tsallis_entropy,
)
from mutinfo.exceptions import InvalidDataError, InvalidParameterError

EXACT = 1e-12  # sums of a few dozen exact log terms


def bits(value: float) -> float:
    return value / math.log(2)


def test_xor_reference_values() -> None:
    d = examples.xor()
    assert mutual_information(d, "x0", "x1", base=2) == pytest.approx(0, abs=EXACT)
    assert mutual_information(d, "x0", "x1", "y", base=2) == pytest.approx(1, abs=EXACT)
    assert coinformation(d, base=2) == pytest.approx(-1, abs=EXACT)
    assert interaction_information(d, base=2) == pytest.approx(1, abs=EXACT)
    assert mutual_information(d, ["x0", "x1"], "y", base=2) == pytest.approx(
        1, abs=EXACT
    )


def test_parity_and_giant_bit_reference_values() -> None:
    assert coinformation(examples.parity(4), base=2) == pytest.approx(1, abs=EXACT)
    for n in range(3, 7):
        assert total_correlation(examples.parity(n), base=2) == pytest.approx(
            1, abs=EXACT
        )
        assert dual_total_correlation(examples.parity(n), base=2) == pytest.approx(
            n - 1, abs=EXACT
        )
    assert o_information(examples.giant_bit(5), base=2) == pytest.approx(3, abs=EXACT)
    assert o_information(examples.parity(5), base=2) == pytest.approx(-3, abs=EXACT)
    assert s_information(examples.parity(5), base=2) == pytest.approx(5, abs=EXACT)
    # A giant symbol over k values: every part carries log k.
    assert total_correlation(examples.giant_bit(4, k=3)) == pytest.approx(
        3 * math.log(3), abs=EXACT
    )


def test_and_gate_by_hand() -> None:
    d = examples.and_()
    # H(Y) = H_b(1/4); I(X0; Y) = H(Y) - H(Y | X0) = H_b(1/4) - 1/2 bits.
    hb = -(0.25 * math.log2(0.25) + 0.75 * math.log2(0.75))
    assert entropy(d, "y", base=2) == pytest.approx(hb, abs=EXACT)
    assert conditional_entropy(d, "y", "x0", base=2) == pytest.approx(0.5, abs=EXACT)
    assert mutual_information(d, "x0", "y", base=2) == pytest.approx(
        hb - 0.5, abs=EXACT
    )
    assert mutual_information(d, ["x0", "x1"], "y", base=2) == pytest.approx(
        hb, abs=EXACT
    )


def test_pid_gates_shannon_values() -> None:
    assert mutual_information(examples.copy(), ["x0", "x1"], "y", base=2) == (
        pytest.approx(2, abs=EXACT)
    )
    assert mutual_information(examples.rdn(), "x0", "y", base=2) == pytest.approx(1)
    unq = examples.unq()
    assert mutual_information(unq, "x0", "y", base=2) == pytest.approx(0, abs=EXACT)
    assert mutual_information(unq, "x1", "y", base=2) == pytest.approx(1, abs=EXACT)


def test_dyadic_and_triadic_share_every_shannon_measure() -> None:
    dy, tri = examples.dyadic(), examples.triadic()
    measures = [
        lambda d: entropy(d),
        lambda d: entropy(d, "x"),
        lambda d: entropy(d, ["x", "y"]),
        lambda d: conditional_entropy(d, "x", ["y", "z"]),
        lambda d: mutual_information(d, "x", "y"),
        lambda d: mutual_information(d, "x", "y", "z"),
        lambda d: total_correlation(d),
        lambda d: dual_total_correlation(d),
        lambda d: coinformation(d),
        lambda d: o_information(d),
        lambda d: s_information(d),
    ]
    for m in measures:
        assert m(dy) == pytest.approx(m(tri), abs=EXACT)
    assert bits(mutual_information(dy, "x", "y")) == pytest.approx(1, abs=EXACT)
    assert bits(coinformation(dy)) == pytest.approx(0, abs=EXACT)
    # Gacs-Korner common information tells them apart: the shared bit w.
    assert gk_common_information(dy, base=2) == pytest.approx(0, abs=EXACT)
    assert gk_common_information(tri, base=2) == pytest.approx(1, abs=EXACT)


def test_gk_common_information_cases() -> None:
    assert gk_common_information(examples.rdn(), base=2) == pytest.approx(1)
    assert gk_common_information(examples.xor(), base=2) == pytest.approx(0)
    # Pairwise, dyadic's x and y share the bit b.
    dy = examples.dyadic()
    assert gk_common_information(dy, ["x", "y"], base=2) == pytest.approx(1)
    # Conditioning on z leaves the shared b of x and y.
    assert gk_common_information(dy, ["x", "y"], "z", base=2) == pytest.approx(1)
    # Triadic given z = (c, w): y = (a XOR c, w) is a function of x = (a, w) and
    # back, so x and y share all of H(x | z) = 1 bit.
    tri = examples.triadic()
    assert gk_common_information(tri, ["x", "y"], "z", base=2) == pytest.approx(1)
    assert gk_common_information(tri, ["x", "y"], base=2) == pytest.approx(1)
    # GK <= I(X;Y) always.
    assert gk_common_information(dy, ["x", "z"]) <= mutual_information(dy, "x", "z")


def test_divergences() -> None:
    p = Distribution({"0": 0.5, "1": 0.5})
    q = Distribution({"0": 0.75, "1": 0.25})
    kl = 0.5 * math.log(0.5 / 0.75) + 0.5 * math.log(0.5 / 0.25)
    assert kl_divergence(p, q) == pytest.approx(kl, abs=EXACT)
    assert cross_entropy(p, q) == pytest.approx(entropy(p) + kl, abs=EXACT)
    m = np.array([0.625, 0.375])
    js = -(m * np.log(m)).sum() - 0.5 * entropy(p) - 0.5 * entropy(q)
    assert jensen_shannon_divergence(p, q) == pytest.approx(js, abs=EXACT)
    assert kl_divergence(p, p) == 0.0
    point = Distribution({"0": 1.0})
    assert kl_divergence(p, point) == math.inf
    assert cross_entropy(p, point) == math.inf
    assert jensen_shannon_divergence(point, Distribution({"1": 1.0}), base=2) == 1.0


def test_divergence_errors() -> None:
    p = Distribution({"0": 1.0}, names=("a",))
    q = Distribution({"0": 1.0}, names=("b",))
    with pytest.raises(InvalidParameterError, match="same variables"):
        kl_divergence(p, q)
    with pytest.raises(InvalidParameterError, match="'weights' parameter"):
        jensen_shannon_divergence(p, p, weights=(0.7, 0.7))
    with pytest.raises(InvalidParameterError, match=r"must be a mutinfo\.discrete"):
        kl_divergence({"0": 1.0}, p)  # type: ignore[arg-type]


def test_renyi_and_tsallis() -> None:
    d = Distribution({"0": 0.5, "1": 0.25, "2": 0.25})
    assert renyi_entropy(d, 0, base=2) == pytest.approx(math.log2(3))
    assert renyi_entropy(d, 1) == pytest.approx(entropy(d), abs=EXACT)
    assert renyi_entropy(d, 2, base=2) == pytest.approx(-math.log2(0.375))
    assert renyi_entropy(d, math.inf, base=2) == pytest.approx(1.0)
    assert tsallis_entropy(d, 2) == pytest.approx(1 - 0.375)
    assert tsallis_entropy(d, 1) == pytest.approx(entropy(d), abs=EXACT)
    # Renyi entropy decreases with the order.
    orders = [0, 0.5, 1, 2, 5, math.inf]
    values = [renyi_entropy(d, a) for a in orders]
    assert all(a >= b - EXACT for a, b in itertools.pairwise(values))
    with pytest.raises(InvalidParameterError, match="'order' parameter"):
        renyi_entropy(d, -1)
    with pytest.raises(InvalidParameterError, match="'order' parameter"):
        renyi_entropy(d, "two")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="must be finite"):
        tsallis_entropy(d, math.inf)


def test_pointwise_values_average_to_the_measures() -> None:
    d = examples.and_()
    probs = d.to_dict()
    loc = local_entropy(d, "y", "x0")
    expected = conditional_entropy(d, "y", "x0")
    avg = sum(p * loc[(o[2], o[0])] for o, p in probs.items())
    assert avg == pytest.approx(expected, abs=EXACT)
    point = pmi(d, "x0", "y")
    avg = sum(p * point[(o[0], o[2])] for o, p in probs.items())
    assert avg == pytest.approx(mutual_information(d, "x0", "y"), abs=EXACT)
    xor_pmi = pmi(examples.xor(), "x0", "x1", "y", base=2)
    assert all(v == pytest.approx(1.0) for v in xor_pmi.values())


def test_multivariate_rvs_must_be_a_list() -> None:
    with pytest.raises(InvalidParameterError, match="list of variables"):
        total_correlation(examples.xor(), "x0")  # type: ignore[arg-type]


def test_exact_measures_match_plugin_on_samples() -> None:
    rng = np.random.default_rng(0)
    a = rng.integers(0, 3, 400)
    b = (a + rng.integers(0, 2, 400)) % 3
    c = rng.integers(0, 2, 400)
    d = Distribution.from_samples(a, b, c, names=("a", "b", "c"))
    assert mutual_information(d, "a", "b") == pytest.approx(
        mt.mi(a, b, method="plugin"), abs=EXACT
    )
    assert mutual_information(d, "a", "b", "c") == pytest.approx(
        mt.cmi(a, b, c, method="plugin"), abs=EXACT
    )


# --------------------------------------------------------------------------- #
# Properties on random distributions
# --------------------------------------------------------------------------- #
@st.composite
def distributions(draw: st.DrawFn) -> Distribution:
    n_vars = draw(st.integers(2, 4))
    sizes = draw(st.lists(st.integers(1, 3), min_size=n_vars, max_size=n_vars))
    weights = draw(
        st.lists(
            st.floats(0, 1), min_size=int(np.prod(sizes)), max_size=int(np.prod(sizes))
        )
    )
    arr = np.array(weights).reshape(sizes)
    if arr.sum() <= 1e-6:
        arr = np.ones(sizes)
    return Distribution.from_array(arr, normalize=True)


@settings(deadline=None, max_examples=40)
@given(distributions())
def test_identities_and_bounds(d: Distribution) -> None:
    n = d.n_variables
    x, y = 0, 1
    rest = list(range(2, n))
    ixy = mutual_information(d, x, y)
    assert -EXACT <= ixy <= min(entropy(d, x), entropy(d, y)) + EXACT
    assert ixy == pytest.approx(mutual_information(d, y, x), abs=EXACT)
    # chain rule I(X; Y, Z) = I(X; Z) + I(X; Y | Z) to 1e-12
    if rest:
        whole = mutual_information(d, x, [y, *rest])
        parts = mutual_information(d, x, rest) + mutual_information(d, x, y, rest)
        assert whole == pytest.approx(parts, abs=EXACT)
    # TC - DTC = O-information; TC, DTC >= 0; GK <= I for two variables
    tc, dtc = total_correlation(d), dual_total_correlation(d)
    assert tc >= -EXACT
    assert dtc >= -EXACT
    assert o_information(d) == pytest.approx(tc - dtc, abs=1e-10)
    assert gk_common_information(d, [x, y]) <= ixy + EXACT
    # base conversion
    assert mutual_information(d, x, y, base=2) * math.log(2) == pytest.approx(
        ixy, abs=EXACT
    )
    # variable permutation leaves multivariate measures unchanged
    order = list(reversed(range(n)))
    perm = d.coalesce([[i] for i in order])
    assert total_correlation(perm) == pytest.approx(tc, abs=EXACT)
    assert coinformation(perm) == pytest.approx(coinformation(d), abs=EXACT)


@settings(deadline=None, max_examples=30)
@given(distributions(), distributions())
def test_divergence_properties(p: Distribution, q: Distribution) -> None:
    if p.names != q.names:
        return
    assert kl_divergence(p, q) >= -EXACT
    js = jensen_shannon_divergence(p, q)
    assert -EXACT <= js <= math.log(2) + EXACT
    assert js == pytest.approx(jensen_shannon_divergence(q, p), abs=EXACT)


# --------------------------------------------------------------------------- #
# Generalized entropies: numerical regimes (review-discrete)
# --------------------------------------------------------------------------- #
def test_renyi_and_tsallis_are_accurate_next_to_order_one() -> None:
    # The direct formulas cancel catastrophically: order 1 + 1e-13 gave
    # 1.0300000000000 instead of H = 1.0296530140646 (3e-4 off).
    d = Distribution({"a": 0.5, "b": 0.3, "c": 0.2})
    h = -(0.5 * math.log(0.5) + 0.3 * math.log(0.3) + 0.2 * math.log(0.2))
    for eps in (1e-13, -1e-13, 1e-9, -1e-9):
        assert renyi_entropy(d, 1 + eps) == pytest.approx(h, abs=1e-8)
        assert tsallis_entropy(d, 1 + eps) == pytest.approx(h, abs=1e-8)
    # Orders next to one keep matching the closed forms.
    for a in (0.7, 1.3):
        closed = math.log(0.5**a + 0.3**a + 0.2**a) / (1 - a)
        assert renyi_entropy(d, a) == pytest.approx(closed, rel=1e-13)
        closed = (1 - (0.5**a + 0.3**a + 0.2**a)) / (a - 1)
        assert tsallis_entropy(d, a) == pytest.approx(closed, rel=1e-13)


def test_renyi_large_order_does_not_underflow() -> None:
    # 0.5**2000 underflows to 0: math.log(0) raised 'math domain error'.
    fair = Distribution({"0": 0.5, "1": 0.5})
    assert renyi_entropy(fair, 2000, base=2) == pytest.approx(1.0, rel=1e-14)
    d = Distribution({"a": 0.5, "b": 0.3, "c": 0.2})
    # (2000 log 2 + log(1 + 0.6**2000 + 0.4**2000)) / 1999
    assert renyi_entropy(d, 2000) == pytest.approx(2000 / 1999 * math.log(2), rel=1e-14)
    assert renyi_entropy(d, 1e6) == pytest.approx(math.log(2), rel=1e-5)


def test_renyi_orders_accept_numpy_integers_and_decrease() -> None:
    d = Distribution({"a": 0.5, "b": 0.3, "c": 0.2})
    assert renyi_entropy(d, np.int64(2)) == pytest.approx(-math.log(0.38))
    assert tsallis_entropy(d, np.int64(2)) == pytest.approx(1 - 0.38)
    orders = [0, 0.25, 0.5, 1 - 1e-12, 1, 1 + 1e-12, 1.5, 2, 10, 500, 5000, math.inf]
    values = [renyi_entropy(d, a) for a in orders]
    assert values[0] == pytest.approx(math.log(3))
    assert values[-1] == pytest.approx(math.log(2))
    assert all(a >= b - 1e-12 for a, b in itertools.pairwise(values))


def test_divergences_refuse_text_against_number_labels() -> None:
    # The same pmf, once with text labels and once from an array (integer
    # labels): JS was 1 bit (its maximum) and KL inf, silently.
    text = Distribution({"0": 0.5, "1": 0.5})
    numbers = Distribution.from_array([0.5, 0.5])
    for f in (kl_divergence, cross_entropy, jensen_shannon_divergence):
        with pytest.raises(InvalidDataError, match="text labels in 'p'"):
            f(text, numbers)
    # Same label type: exact values.
    assert jensen_shannon_divergence(text, text) == 0.0
    assert kl_divergence(numbers, numbers) == 0.0
    # Disjoint supports of one label type stay legitimate: KL inf, JS log 2.
    a, b = Distribution({"0": 1.0}), Distribution({"1": 1.0})
    assert kl_divergence(a, b) == math.inf
    assert jensen_shannon_divergence(a, b, base=2) == pytest.approx(1.0)


@pytest.mark.parametrize(
    "weights", [(math.nan, 0.5), (math.inf, -math.inf), ("a", "b"), (0.5,)]
)
def test_js_weights_must_be_finite(weights: object) -> None:
    # NaN weights passed the check and JS returned nan.
    p, q = Distribution({"0": 1.0}), Distribution({"1": 1.0})
    with pytest.raises(InvalidParameterError, match="'weights' parameter"):
        jensen_shannon_divergence(p, q, weights=weights)  # type: ignore[arg-type]


def test_gk_common_information_needs_a_part() -> None:
    # An empty list of parts raised numpy's 'need at least one array'.
    with pytest.raises(InvalidParameterError, match="at least one part"):
        gk_common_information(examples.xor(), [])


def test_gk_common_information_exact_values() -> None:
    # Common part {0}, {1}, {2, 3 -> 2}: K = H(.3, .2, .5).
    d = Distribution({(0, 0): 0.3, (1, 1): 0.2, (2, 2): 0.1, (2, 3): 0.4})
    h = -(0.3 * math.log2(0.3) + 0.2 * math.log2(0.2) + 0.5 * math.log2(0.5))
    assert gk_common_information(d, base=2) == pytest.approx(h, abs=EXACT)
    # Given a fair bit c: a shared bit when c = 0, independent bits when c = 1,
    # so K(x; y | c) = 1/2 bit and K(x; y) = 0.
    pmf = {(b, b, 0): 0.25 for b in (0, 1)}
    pmf.update({(a, b, 1): 0.125 for a in (0, 1) for b in (0, 1)})
    d = Distribution(pmf, names="xyc")
    assert gk_common_information(d, ["x", "y"], "c", base=2) == pytest.approx(0.5)
    assert gk_common_information(d, ["x", "y"], base=2) == pytest.approx(0.0)


def test_local_entropy_of_a_determined_outcome_is_plus_zero() -> None:
    values = local_entropy(examples.xor(), "y", ["x0", "x1"], base=2)
    assert all(v == 0.0 and math.copysign(1.0, v) == 1.0 for v in values.values())
