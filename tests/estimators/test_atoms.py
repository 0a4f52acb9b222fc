"""The atom-aware mixed estimator (``mixed_atoms``): accuracy and reductions."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import mutinfo as mt
from mutinfo import datasets
from mutinfo._validation import Variable
from mutinfo.estimators import KSG, MixedAtoms, MixedKSG
from mutinfo.estimators.atoms import DISCRETE_METHODS, find_atoms
from mutinfo.exceptions import InvalidParameterError
from tests import reference


def zero_inflated(
    n: int, rho: float, q: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian pair, each side set to 0 with probability q (independently)."""
    g = np.random.default_rng(seed)
    gx = g.standard_normal(n)
    gy = rho * gx + math.sqrt(1 - rho**2) * g.standard_normal(n)
    return np.where(g.random(n) < q, 0.0, gx), np.where(g.random(n) < q, 0.0, gy)


@pytest.mark.parametrize("seed", [0, 1])
def test_gao_mixture_within_003(seed: int) -> None:
    # Issue 21 target: |error| <= 0.03 nats at n = 5000 (mixed_ksg: about -0.13).
    task = datasets.gao_mixture()
    x, y = task.sample(5000, rng=seed)
    res = MixedAtoms(rng=seed).mi(x, y)
    assert res.value == pytest.approx(task.mutual_information, abs=0.03)
    assert res.extras["atoms"] == pytest.approx(0.5, abs=0.03)
    assert res.local is not None
    assert res.local.mean() == pytest.approx(res.value, abs=1e-12)


@pytest.mark.parametrize("rho", [0.6, 0.9])
def test_zero_inflated_within_003(rho: float) -> None:
    # truth: tests/reference/scripts/zero_inflated_mi.py (quadrature of the density)
    truth = reference.value("zero_inflated_mi", f"rho={rho},q=0.3")
    x, y = zero_inflated(5000, rho, 0.3, seed=3)
    assert MixedAtoms(rng=0).mi(x, y).value == pytest.approx(truth, abs=0.03)


def test_beats_gao_on_the_mixture() -> None:
    task = datasets.gao_mixture()
    x, y = task.sample(3000, rng=5)
    truth = task.mutual_information
    ours = abs(MixedAtoms(rng=0).mi(x, y).value - truth)
    with pytest.warns(mt.BiasWarning, match="mixes point masses"):
        gao = abs(MixedKSG(variant="gao").mi(x, y).value - truth)
    assert ours < gao / 3


def test_reduces_to_ksg_on_continuous_data() -> None:
    g = np.random.default_rng(0)
    x = g.standard_normal((400, 2))
    y = x[:, :1] + g.standard_normal((400, 1))
    z = g.standard_normal(400)
    for measure, args in (("mi", (x, y)), ("cmi", (x, y, z))):
        ours = MixedAtoms(rng=7).estimate(measure, *args)
        ksg = KSG(rng=7).estimate(measure, *args)
        assert ours.value == ksg.value
        np.testing.assert_array_equal(ours.local, ksg.local)


def test_reduces_to_plugin_on_discrete_data() -> None:
    g = np.random.default_rng(1)
    x = g.integers(0, 4, 600)
    y = (x + g.integers(0, 3, 600)) % 5
    z = g.integers(0, 3, 600)
    for measure, args in (("mi", (x, y)), ("cmi", (x, y, z))):
        ours = MixedAtoms(discrete_method="plugin").estimate(measure, *args)
        plug = mt.estimate(measure, *args, method="plugin")
        assert ours.value == pytest.approx(plug.value, abs=1e-12)
        np.testing.assert_allclose(ours.local, plug.local, atol=1e-12)


def test_discrete_method_is_used_between_atoms() -> None:
    g = np.random.default_rng(2)
    x = g.integers(0, 6, 200)
    y = (x + g.integers(0, 4, 200)) % 6
    ours = MixedAtoms(discrete_method="miller_madow").mi(x, y).value
    assert ours == pytest.approx(mt.mi(x, y, method="miller_madow"), abs=1e-12)


def test_reduces_to_ross_on_discrete_vs_continuous() -> None:
    g = np.random.default_rng(2)
    x = g.integers(0, 3, 500)
    y = x + g.uniform(0, 2, 500)
    ours = MixedAtoms(rng=4).mi(x, y)
    ross = MixedKSG(variant="ross", rng=4).mi(x, y)
    assert ours.value == pytest.approx(ross.value, abs=1e-12)
    # and with the arguments swapped
    assert MixedAtoms(rng=4).mi(y, x).value == pytest.approx(ross.value, abs=1e-12)


def test_quantisation_ties_are_not_atoms() -> None:
    # many values, each with a small mass (534-ish distinct integers in 5000 rows)
    g = np.random.default_rng(0)
    col = np.round(120 * g.standard_normal(5000))[:, None]
    atoms = find_atoms(Variable("x", col, (False,)), min_atom_mass=0.02, n_neighbors=3)
    assert (atoms == -1).all()
    # a point mass of 30 % is one atom, the rest stays continuous
    col[:1500] = 0.0
    atoms = find_atoms(Variable("x", col, (False,)), min_atom_mass=0.02, n_neighbors=3)
    assert (atoms[:1500] == 0).all()
    assert (atoms[1500:] == -1).mean() > 0.99


def test_many_small_atoms_warn() -> None:
    # A Gaussian pair (MI 0.511) rounded to one decimal at n = 300: ~200 atom
    # patterns for 300 rows; the plug-in term between them overshoots.
    g = np.random.default_rng(0)
    x = g.standard_normal(300)
    y = 0.8 * x + 0.6 * g.standard_normal(300)
    x, y = np.round(x, 1), np.round(y, 1)
    # (its Ross pieces also leave out rows of patterns seen once: warned too)
    with pytest.warns(mt.BiasWarning) as record:
        MixedAtoms(rng=0).mi(x, y)
    found = [str(w.message) for w in record]
    assert any("'mixed_atoms' found" in m and "atom patterns" in m for m in found)
    # Gao's mixture (3 x 3 patterns) stays quiet
    task = datasets.gao_mixture()
    gx, gy = task.sample(2000, rng=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", mt.BiasWarning)
        MixedAtoms(rng=0).mi(gx, gy)


def test_cmi_with_independent_conditioning() -> None:
    # I(X; Y | Z) = I(X; Y) when Z is independent of (X, Y); Z zero-inflated too.
    truth = reference.value("zero_inflated_mi", "rho=0.9,q=0.3")
    x, y = zero_inflated(3000, 0.9, 0.3, seed=8)
    z, _ = zero_inflated(3000, 0.0, 0.3, seed=9)
    assert MixedAtoms(rng=0).cmi(x, y, z).value == pytest.approx(truth, abs=0.05)
    labels = np.random.default_rng(10).integers(0, 2, 3000)
    assert MixedAtoms(rng=0).cmi(x, y, labels).value == pytest.approx(truth, abs=0.05)


def test_small_strata_are_skipped_and_reported() -> None:
    # Joint pattern (atom on x[:, 0], atom on y[:, 0]) holds rows 97-99 only:
    # too few for KSG (k = 3), so it adds 0 and its share is reported.
    g = np.random.default_rng(0)
    x = g.standard_normal((600, 2))
    y = x + g.standard_normal((600, 2))
    x[:100, 0] = 0.0
    y[97:200, 0] = 0.0
    res = MixedAtoms(rng=0).mi(x, y)
    assert res.extras["skipped_mass"] == pytest.approx(3 / 600)
    assert math.isfinite(res.value)


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"min_atom_mass": 0.0}, "'min_atom_mass'"),
        ({"min_atom_mass": 1.5}, "'min_atom_mass'"),
        ({"discrete_method": "nsb"}, "'discrete_method'"),
        ({"n_neighbors": 0}, "'n_neighbors'"),
    ],
)
def test_bad_parameters(params: dict[str, object], match: str) -> None:
    with pytest.raises(InvalidParameterError, match=match):
        MixedAtoms(**params)  # type: ignore[arg-type]


def test_float_coded_labels_get_the_labels_correction() -> None:
    # Survey codes stored as floats are all atoms: the atom x atom term takes
    # the family auto gives the same codes as integers (plug-in was +0.068
    # nats on independent 7-point scales at n = 300; benchmarks/atoms_discrete_term.py).
    g = np.random.default_rng(4)
    x = g.integers(1, 8, 300)
    y = g.integers(1, 8, 300)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.MutinfoWarning)
        # auto reads whole-number floats with few values as labels; as
        # numbers (discrete=False) they get mixed_atoms
        auto = mt.estimate("mi", x.astype(float), y.astype(float), rng=0)
        floats = mt.estimate(
            "mi", x.astype(float), y.astype(float), discrete=False, rng=0
        )
        labels = mt.estimate("mi", x, y)
        plug = mt.mi(x.astype(float), y.astype(float), method="mixed_atoms",
                     discrete_method="plugin", rng=0)  # fmt: skip
    assert (auto.method, auto.value) == (labels.method, labels.value)
    assert floats.method == "mixed_atoms"
    assert floats.value == pytest.approx(labels.value, abs=1e-12)
    assert plug > floats.value + 0.03  # the plug-in's bias, (cells - 1) / 2n ~ 0.08


def _rare_repeats() -> tuple[np.ndarray, np.ndarray]:
    """A zero-inflated column whose other values repeat ~20 times each (< 2%)."""
    g = np.random.default_rng(7)
    n = 3000
    y = g.integers(0, 6, n).astype(float)
    values = np.round(g.uniform(0.1, 10, 60), 3)
    x = np.where(g.uniform(size=n) < 0.65, 0.0, values[g.integers(0, 60, n)])
    return x, y


def test_mixed_atoms_warns_when_the_noise_decides_the_estimate() -> None:
    # statsmodels' fair data (affairs vs occupation) gave 0.0026 to 0.0143 nats
    # over four seeds, silently: values repeated too rarely to be atoms put
    # 31% of the rows' k nearest neighbours on exact copies. Here (independent
    # columns, truth 0) the seeds gave -0.0012 to -0.0128.
    x, y = _rare_repeats()
    with pytest.warns(mt.DataWarning, match="another noise draw gave"):
        res = mt.estimate("mi", x, y, method="mixed_atoms", rng=0)
    assert res.extras["noise_decided"] > 0.05
    # The check draws its noise from a copy: the estimate is the same number.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        again = mt.estimate("mi", x, y, method="mixed_atoms", rng=0)
    assert again.value == res.value


def test_mixed_atoms_rare_repeats_as_atoms_are_seed_free() -> None:
    # The warning's advice: a lower min_atom_mass makes those values atoms.
    x, y = _rare_repeats()
    with warnings.catch_warnings():
        warnings.simplefilter("error", mt.DataWarning)
        values = {
            mt.mi(x, y, method="mixed_atoms", min_atom_mass=1e-4, rng=s)
            for s in range(3)
        }
    assert len(values) == 1


@pytest.mark.parametrize("family", DISCRETE_METHODS)
@pytest.mark.parametrize("measure", ["mi", "cmi"])
def test_all_discrete_data_is_the_discrete_family(family: str, measure: str) -> None:
    # The docstring's reduction: on labels the estimate is the discrete_method
    # family's. Stratum by stratum, James-Stein's CMI was 0.497 nats against
    # 0.485 from method='james_stein' here (Chao-Shen and Grassberger 1e-5 off;
    # 'auto' picked plugin per stratum where method='auto' picks grassberger).
    g = np.random.default_rng(0)
    x = g.integers(0, 3, 300)
    z = g.integers(0, 3, 300)
    y = (x + z + g.integers(0, 2, 300)) % 4
    args = (x, y) if measure == "mi" else (x, y, z)
    ours = MixedAtoms(discrete_method=family, rng=0).estimate(measure, *args)
    theirs = mt.estimate(measure, *args, method=family, rng=0)
    assert ours.value == pytest.approx(theirs.value, abs=1e-12)
    assert ours.method == "mixed_atoms"
    assert ours.extras["discrete_method"] == theirs.method


@pytest.mark.parametrize("zeros", [0.4, 0.0])
def test_heavy_tail_warning_names_mixed_atoms_and_all_rows(zeros: float) -> None:
    # statsmodels' anes96 'popul' (mi_matrix): the warning from a KSG piece
    # named method 'ksg' and the piece's 285 rows, neither chosen by the caller.
    g = np.random.default_rng(0)
    n = 1000
    z = g.standard_normal(n)
    y = 0.7 * z + 0.7 * g.standard_normal(n)
    x = np.where(g.random(n) < zeros, 0.0, np.exp(3 * z))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        MixedAtoms(rng=0).mi(x, y)
    heavy = [str(w.message) for w in caught if "heavy-tailed" in str(w.message)]
    assert len(heavy) == 1, heavy
    assert "method 'mixed_atoms'" in heavy[0]
    assert "'ksg' in the tails" not in heavy[0]
    assert f"{n} rows" in heavy[0]
