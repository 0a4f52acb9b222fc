"""I_dep (James, Emenheiser & Crutchfield 2018) against dit and closed forms.

Reference atoms: tests/reference/values/pid_dit_dep.json, written by
tests/reference/scripts/pid_dit_dep.py with dit 2.3's PID_dep.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from mutinfo.discrete import Distribution, examples, mutual_information
from mutinfo.exceptions import InvalidParameterError
from mutinfo.pid import MEASURES, decompose

REF = json.loads(
    (
        Path(__file__).resolve().parents[1] / "reference/values/pid_dit_dep.json"
    ).read_text()
)

# (R, U0, U1, S) in bits; James et al. 2018, tables of the paper.
GATES = {
    "xor": (0, 0, 0, 1),
    "and_": (0.081704, 0.229574, 0.229574, 0.270426),
    "copy": (0, 1, 1, 0),
    "rdn": (1, 0, 0, 0),
    "unq": (0, 0, 1, 0),
    # Dyadic and triadic have the same pairwise marginals, yet I_dep tells
    # them apart: two unique bits vs. one redundant and one synergistic bit.
    "dyadic": (0, 1, 1, 0),
    "triadic": (1, 0, 0, 1),
}


def test_dep_is_a_measure() -> None:
    assert "dep" in MEASURES


@pytest.mark.parametrize("gate", list(GATES))
def test_canonical_gates(gate: str) -> None:
    d = getattr(examples, gate)()
    r = decompose(d, [0, 1], 2, measure="dep")
    assert r.measure == "dep"
    got = (r.redundancy, *r.unique, r.synergy)
    assert got == pytest.approx(GATES[gate], abs=1e-6)


@pytest.mark.parametrize("case", REF["cases"], ids=lambda c: c["name"])
def test_matches_dit(case: dict[str, object]) -> None:
    outcomes = case["outcomes"]
    d = Distribution(
        {tuple(o): p for o, p in zip(outcomes, case["pmf"], strict=True)},  # type: ignore[call-overload]
        normalize=True,
    )
    r = decompose(d, [0, 1], 2, measure="dep")
    atoms: dict[str, float] = case["atoms"]  # type: ignore[assignment]
    assert set(atoms) == set(r.atoms)
    for node, value in atoms.items():
        assert r.atoms[node] == pytest.approx(value, abs=REF["tolerance"]["dep"]), node


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_atoms_consistent_and_non_negative(seed: int) -> None:
    rng = np.random.default_rng(seed)
    shape = (3, 4, 2)
    d = Distribution.from_array(
        rng.dirichlet(np.full(math.prod(shape), 0.5)).reshape(shape)
    )
    r = decompose(d, [0, 1], 2, measure="dep", base=math.e)
    assert r.unit == "nats"
    mi = mutual_information(d, [0, 1], 2, base=math.e)
    assert sum(r.atoms.values()) == pytest.approx(mi, abs=1e-12)
    for i in range(2):
        mi_i = mutual_information(d, i, 2, base=math.e)
        assert r.redundancy + r.unique[i] == pytest.approx(mi_i, abs=1e-12)
    assert min(r.atoms.values()) >= -1e-12
    # The AB:AT:BT maximum-entropy fit converged.
    assert r.info["marginal_error"] < 1e-12


def test_more_than_two_sources_is_a_clear_error() -> None:
    with pytest.raises(InvalidParameterError, match=r"measure='dep'.*2 sources"):
        decompose(examples.parity(4), [0, 1, 2], 3, measure="dep")


def test_an_unconverged_fit_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    from mutinfo.exceptions import ConvergenceWarning
    from mutinfo.pid import _dep

    real = _dep.maxent

    def stopped(*args: object) -> tuple[object, int, float]:
        q, n_iter, _ = real(*args)  # type: ignore[arg-type]
        return q, n_iter, 1e-6

    monkeypatch.setattr(_dep, "maxent", stopped)
    with pytest.warns(ConvergenceWarning, match="I_dep.*1e-06"):
        r = decompose(examples.and_(), [0, 1], 2, measure="dep")
    assert r.info["marginal_error"] == 1e-6


def test_dep_from_samples_and_the_command_line(tmp_path: Path) -> None:
    import pandas as pd

    from mutinfo.pid import decompose_samples
    from tests.cli.conftest import invoke, write_csv

    rng = np.random.default_rng(0)
    a, b = rng.integers(0, 2, 400), rng.integers(0, 2, 400)
    r = decompose_samples([a, b], a & b, measure="dep")
    assert r.measure == "dep"
    assert sum(r.atoms.values()) == pytest.approx(r.mutual_information, abs=1e-12)
    path = write_csv(pd.DataFrame({"a": a, "b": b, "y": a & b}), tmp_path)
    code, out, err = invoke(
        "pid", str(path), "--sources", "a,b", "--target", "y", "--measure", "dep",
        "-f", "json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["atoms"] == pytest.approx(dict(r.atoms))
