"""Pointwise information and atoms, PID from samples, and Kay & Phillips."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mutinfo.discrete import (
    conditional_entropy,
    entropy,
    examples,
    mutual_information,
)
from mutinfo.exceptions import BiasWarning, InvalidDataError, InvalidParameterError
from mutinfo.pid import (
    decompose,
    decompose_samples,
    kay_phillips,
    kay_phillips_distribution,
    pointwise_information,
)


@pytest.mark.parametrize("gate", ["and_", "xor", "unq", "dyadic", "triadic"])
def test_specificity_ambiguity(gate: str) -> None:
    d = getattr(examples, gate)()
    s, t = d.names[0], d.names[-1]
    pw = pointwise_information(d, s, t)
    assert (pw.specificity >= 0).all()
    assert (pw.ambiguity >= -1e-15).all()
    assert np.allclose(pw.pmi, pw.specificity - pw.ambiguity)
    assert pw.entropy == pytest.approx(entropy(d, s, base=2))
    assert pw.conditional_entropy == pytest.approx(conditional_entropy(d, s, t, base=2))
    assert pw.mutual_information == pytest.approx(mutual_information(d, s, t, base=2))
    assert list(pw.to_frame().columns) == [
        "outcome",
        "p",
        "specificity",
        "ambiguity",
        "pmi",
    ]


@pytest.mark.parametrize("gate", ["and_", "xor", "copy", "unq", "dyadic"])
def test_pointwise_atoms_average_to_scalar_atoms(gate: str) -> None:
    r = decompose(getattr(examples, gate)(), [0, 1], 2, measure="pm")
    assert r.pointwise is not None
    averaged = r.pointwise.average()
    for node, value in r.atoms.items():
        assert averaged[node] == pytest.approx(value, abs=1e-12)
    # The specificity and ambiguity lattices are non-negative pointwise at the
    # bottom (min of surprisals) and in their redundancy sums.
    assert (r.pointwise.specificity["{0}{1}"] >= 0).all()
    assert (r.pointwise.ambiguity["{0}{1}"] >= 0).all()
    frame = r.pointwise.to_frame()
    assert len(frame) == 4 * len(r.pointwise.outcomes)


def test_xor_pointwise_synergy_is_one_bit_everywhere() -> None:
    r = decompose(examples.xor(), [0, 1], 2, measure="pm")
    assert r.pointwise is not None
    assert np.allclose(r.pointwise.atoms["{0:1}"], 1.0)
    for node in ("{0}{1}", "{0}", "{1}"):
        assert np.allclose(r.pointwise.atoms[node], 0.0)


def test_three_source_pointwise_average() -> None:
    r = decompose(examples.parity(4), [0, 1, 2], 3, measure="pm")
    assert r.pointwise is not None
    avg = r.pointwise.average()
    assert all(avg[k] == pytest.approx(v, abs=1e-12) for k, v in r.atoms.items())


def test_decompose_samples() -> None:
    rng = np.random.default_rng(0)
    x0, x1 = rng.integers(0, 2, 2000), rng.integers(0, 2, 2000)
    r = decompose_samples([x0, x1], x0 & x1, measure="imin")
    assert r.redundancy == pytest.approx(0.311, abs=0.02)
    assert r.synergy == pytest.approx(0.5, abs=0.02)
    assert r.info["samples_per_cell"] == pytest.approx(500.0)
    two_d = decompose_samples(np.column_stack([x0, x1]), x0 & x1, measure="imin")
    assert two_d.atoms == r.atoms
    grouped = decompose_samples(
        [np.column_stack([x0, x1]), rng.integers(0, 2, 2000)], x0 ^ x1, measure="mmi"
    )
    assert grouped.unique[0] == pytest.approx(1.0, abs=0.01)


def test_decompose_samples_warns_and_rejects() -> None:
    rng = np.random.default_rng(1)
    x = rng.integers(0, 6, (40, 2))
    with pytest.warns(BiasWarning, match=r"n_samples=40 for \d+ occupied joint cells"):
        decompose_samples([x[:, 0], x[:, 1]], rng.integers(0, 3, 40), measure="mmi")
    with pytest.raises(InvalidDataError, match="same, non-zero number of samples"):
        decompose_samples([x[:, 0], x[:5, 1]], x[:, 0], measure="mmi")
    with pytest.raises(InvalidDataError, match="must be 1-D"):
        decompose_samples([np.zeros((2, 2, 2)), x[:, 1]], x[:, 0])


@pytest.mark.parametrize("strengths", [(1.0, 1.0), (1.0, 2.0), (2.0, 0.5)])
def test_kay_phillips_modulation_has_no_unique_context(
    strengths: tuple[float, float],
) -> None:
    drive, context = strengths
    table = kay_phillips(
        ["modulatory", "additive"], measures=["imin"], drive=drive, context=context
    )
    mod = table[table.function == "modulatory"].iloc[0]
    add = table[table.function == "additive"].iloc[0]
    assert abs(mod.unique_context) < 1e-9
    assert mod.unique_drive > 0.1
    if context > drive:
        # Arithmetic interaction: a stronger context carries unique information.
        assert add.unique_context > 0.2


def test_kay_phillips_distribution_errors() -> None:
    d = kay_phillips_distribution("multiplicative", correlation=0.5)
    assert d.names == ("r", "c", "y")
    assert sum(d.pmf) == pytest.approx(1.0)
    with pytest.raises(InvalidParameterError, match="Did you mean 'additive'"):
        kay_phillips_distribution("aditive")
    with pytest.raises(InvalidParameterError, match="'context' parameter"):
        kay_phillips_distribution("divisive", context=0)
    with pytest.raises(InvalidParameterError, match="'correlation'"):
        kay_phillips_distribution("additive", correlation=1.0)


def test_kay_phillips_names_nats_and_survives_strong_inputs() -> None:
    # base=e was labelled "log2.71828" (every result says "nats"), and strong
    # inputs raised OverflowError from exp() of the transfer function.
    table = kay_phillips(["additive"], measures=["imin"], base=math.e)
    assert table.attrs["unit"] == "nats"
    assert kay_phillips(["additive"], measures=["imin"]).attrs["unit"] == "bits"
    strong = kay_phillips_distribution("modulatory", drive=30.0, context=30.0)
    # Agreeing inputs: T = 15 (1 + e^900) = inf, the output fires surely;
    # opposed inputs: T = 15 (1 + e^-900) = 15.
    assert strong[(1, 1, 1)] == 0.25
    assert strong[(-1, -1, -1)] == 0.25
    assert strong[(1, -1, 1)] == pytest.approx(0.25 / (1.0 + math.exp(-15.0)))
    d = kay_phillips_distribution("additive", drive=800.0, context=1.0)
    assert d[(1, 1, 1)] == pytest.approx(0.25)


def test_pandas_sources_and_target_with_different_indexes_are_refused() -> None:
    # Samples were paired by position: the XOR of two bits (1 bit of synergy)
    # read 9.0e-05 bits of synergy against its own sorted target, and the
    # Gaussian PID of T = S0 + S1 + noise about 0 everywhere (mutinfo.mi
    # refuses such inputs).
    pd = pytest.importorskip("pandas")
    from mutinfo.pid import decompose_gaussian

    rng = np.random.default_rng(0)
    x0, x1 = rng.integers(0, 2, 4000), rng.integers(0, 2, 4000)
    table = pd.DataFrame({"a": x0, "b": x1, "y": x0 ^ x1})
    shuffled = table["y"].sort_values()
    for sources in ([table["a"], table["b"]], table[["a", "b"]]):
        with pytest.raises(InvalidDataError, match="different order"):
            decompose_samples(sources, shuffled, measure="imin")
    assert decompose_samples(table[["a", "b"]], table["y"]).synergy > 0.99
    from mutinfo.pid import atom_significance

    with pytest.raises(InvalidDataError, match="different order"):
        atom_significance(table[["a", "b"]], shuffled, n_permutations=9)
    s0, s1 = rng.normal(size=4000), rng.normal(size=4000)
    target = pd.Series(s0 + s1 + rng.normal(size=4000))
    with pytest.raises(InvalidDataError, match="different order"):
        decompose_gaussian([pd.Series(s0), pd.Series(s1)], target.sort_values())
    r = decompose_gaussian(pd.DataFrame({"a": s0, "b": s1}), target)
    assert r.synergy > 0.4
