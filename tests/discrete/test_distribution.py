"""Distribution: construction, validation, marginals, conditionals, coalescing."""

from __future__ import annotations

import numpy as np
import pytest

from mutinfo.discrete import Distribution, examples
from mutinfo.exceptions import InvalidDataError, InvalidParameterError


def test_dict_construction_and_lookup() -> None:
    d = Distribution({("0", "0"): 0.5, ("1", "1"): 0.5}, names=("x", "y"))
    assert d.names == ("x", "y")
    assert d.n_variables == 2
    assert len(d) == 2
    assert d[("0", "0")] == 0.5
    assert d[("0", "1")] == 0.0
    assert d.alphabets == (("0", "1"), ("0", "1"))
    assert repr(d) == "Distribution(names=('x', 'y'), n_outcomes=2)"


def test_string_outcomes_are_one_char_per_variable() -> None:
    d = Distribution({"000": 0.25, "011": 0.25, "101": 0.25, "110": 0.25})
    assert d.names == ("x0", "x1", "x2")
    assert d[("1", "0", "1")] == 0.25


def test_repeated_outcomes_merge_and_zeros_drop() -> None:
    d = Distribution({(0, 1): 0.25, (1, 0): 0.0, (0, 2): 0.75})
    assert len(d) == 2
    assert d.to_dict() == {(0, 1): 0.25, (0, 2): 0.75}


def test_from_samples_and_from_array_agree() -> None:
    a = [0, 0, 1, 1, 1, 1]
    b = ["u", "v", "u", "u", "v", "v"]
    d = Distribution.from_samples(a, b, names=("a", "b"))
    assert d[(1, "u")] == pytest.approx(2 / 6)
    arr = np.array([[1, 1], [2, 2]]) / 6
    e = Distribution.from_array(arr, names=("a", "b"))
    assert e[(1, 0)] == pytest.approx(2 / 6)
    assert sorted(d.pmf.tolist()) == pytest.approx(sorted(e.pmf.tolist()))


def test_marginal_condition_coalesce() -> None:
    d = examples.xor()
    assert d.marginal(["x0", "y"]).to_dict() == {
        (0, 0): 0.25,
        (0, 1): 0.25,
        (1, 1): 0.25,
        (1, 0): 0.25,
    }
    given = d.condition("y", 1)
    assert given.names == ("x0", "x1")
    assert given.to_dict() == {(0, 1): 0.5, (1, 0): 0.5}
    both = d.condition(["x0", "x1"], (1, 1))
    assert both.to_dict() == {(0,): 1.0}
    c = d.coalesce([["x0", "x1"], ["y"]])
    assert c.names == ("x0x1", "y")
    assert c[((1, 0), (1,))] == 0.25


def test_equality() -> None:
    renamed = Distribution(examples.parity(3).to_dict(), names=("x0", "x1", "y"))
    assert renamed == examples.xor()
    assert examples.xor() == examples.xor()
    assert examples.xor() != examples.and_()
    assert examples.xor() != "xor"


@pytest.mark.parametrize(
    ("pmf", "match"),
    [
        ({"0": 0.5, "1": 0.6}, "must sum to 1"),
        ({"0": -0.5, "1": 1.5}, "finite and non-negative"),
        ({"0": float("nan"), "1": 1.0}, "finite and non-negative"),
        ({("0", "1"): 0.5, ("1",): 0.5}, "one label per variable"),
        ({}, "is empty"),
    ],
)
def test_invalid_pmf_raises(pmf: dict[object, float], match: str) -> None:
    with pytest.raises(InvalidDataError, match=match):
        Distribution(pmf)


def test_normalize_rescales_and_zero_sum_raises() -> None:
    d = Distribution({"0": 1.0, "1": 3.0}, normalize=True)
    assert d[("1",)] == 0.75
    with pytest.raises(InvalidDataError, match="sum to 0"):
        Distribution({"0": 0.0}, normalize=True)


def test_invalid_names_raise() -> None:
    with pytest.raises(InvalidParameterError, match="one name per variable"):
        Distribution({"00": 1.0}, names=("x",))
    with pytest.raises(InvalidParameterError, match="repeats a name"):
        Distribution({"00": 1.0}, names=("x", "x"))
    with pytest.raises(InvalidParameterError, match="must be a mapping"):
        Distribution([0.5, 0.5])  # type: ignore[arg-type]


def test_unknown_variable_raises_with_suggestion() -> None:
    d = examples.xor()
    with pytest.raises(InvalidParameterError, match="Did you mean 'x0'"):
        d.marginal("x00")
    with pytest.raises(InvalidParameterError, match="has index 5"):
        d.marginal(5)
    with pytest.raises(InvalidParameterError, match="must name variables"):
        d.marginal([True])


def test_condition_on_impossible_event_raises() -> None:
    with pytest.raises(InvalidDataError, match="probability 0"):
        examples.rdn().condition(["x0", "x1"], (0, 1))
    with pytest.raises(InvalidDataError, match="probability 0"):
        examples.rdn().condition("x0", 7)
    with pytest.raises(InvalidParameterError, match="one label per conditioning"):
        examples.rdn().condition(["x0", "x1"], (0, 1, 1))


def test_from_samples_and_array_errors() -> None:
    with pytest.raises(InvalidDataError, match="needs a variable"):
        Distribution.from_samples()
    with pytest.raises(InvalidDataError, match="same, non-zero number"):
        Distribution.from_samples([0, 1], [0])
    with pytest.raises(InvalidDataError, match="must be 1-D"):
        Distribution.from_samples([[0, 1]])
    with pytest.raises(InvalidDataError, match="cannot be compared"):
        Distribution.from_samples(np.array(["a", 1], dtype=object))
    with pytest.raises(InvalidDataError, match="got a scalar"):
        Distribution.from_array(0.5)
    with pytest.raises(InvalidDataError, match="must hold numbers"):
        Distribution.from_array([["a"]])


def test_coalesce_needs_a_group() -> None:
    with pytest.raises(InvalidParameterError, match="needs a group"):
        examples.xor().coalesce([])


def test_inputs_not_mutated() -> None:
    pmf = {"0": 0.25, "1": 0.75}
    before = dict(pmf)
    Distribution(pmf)
    assert pmf == before
    arr = np.array([0.25, 0.75])
    Distribution.from_array(arr)
    np.testing.assert_array_equal(arr, [0.25, 0.75])


# --------------------------------------------------------------------------- #
# review-discrete regressions
# --------------------------------------------------------------------------- #
def test_missing_labels_in_a_pmf_are_refused() -> None:
    # Two NaN objects were two outcomes (H = log 2), one NaN object reused was
    # one outcome (H = 0): the entropy depended on object identity.
    with pytest.raises(InvalidDataError, match="missing label"):
        Distribution({(float("nan"), 0): 0.5, (float("nan"), 1): 0.5})
    with pytest.raises(InvalidDataError, match="Variable 1 of 'pmf'"):
        Distribution({(0, None): 0.5, (1, 1): 0.5})
    # Tuple labels (coalesced variables) and text "nan" are labels, not gaps.
    assert len(Distribution({((0, 1),): 0.5, ("nan",): 0.5})) == 2


def test_normalize_survives_weights_that_overflow_their_sum() -> None:
    # 1e308 + 1e308 = inf, so every probability became 0 and the distribution
    # was empty (len 0, entropy 0).
    d = Distribution({"0": 1e308, "1": 1e308, "2": 2e307}, normalize=True)
    assert d.pmf.tolist() == pytest.approx([5 / 11, 5 / 11, 1 / 11], rel=1e-15)
    d = Distribution.from_array([1.5e308, 1.5e308], normalize=True)
    assert d.pmf.tolist() == [0.5, 0.5]


def test_condition_on_an_unknown_label_names_the_labels() -> None:
    # '0' (text) against integer labels said only "probability 0".
    with pytest.raises(InvalidDataError, match=r"'0' is not a label of 'x0'.*\[0, 1\]"):
        examples.xor().condition("x0", "0")
    # A known label of probability 0 keeps the plain message.
    with pytest.raises(InvalidDataError, match=r"probability 0, so nothing .*\.$"):
        examples.xor().condition(["x0", "x1", "y"], (0, 0, 1))
