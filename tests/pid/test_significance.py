"""atom_significance's table says its unit; kay_phillips_distribution's checks."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mutinfo import pid
from mutinfo.exceptions import InvalidParameterError


def _and(n: int = 200) -> tuple[list[np.ndarray], np.ndarray]:
    x0, x1 = np.random.default_rng(0).integers(0, 2, (2, n))
    return [x0, x1], x0 & x1


@pytest.mark.parametrize(("base", "unit"), [(2, "bits"), (math.e, "nats")])
def test_atom_significance_records_its_unit(base: float, unit: str) -> None:
    # attrs held measure, n_permutations and level but not the unit of base.
    sources, target = _and()
    table = pid.atom_significance(
        sources, target, measure="imin", n_permutations=9, n_resamples=0,
        base=base, rng=0,
    )  # fmt: skip
    assert table.attrs["unit"] == unit
    assert table.attrs["measure"] == "imin"


@pytest.mark.parametrize("rng", [-1, True, 1.5])
def test_atom_significance_checks_rng(rng: object) -> None:
    # np.random.default_rng took True as seed 1; -1 raised numpy's ValueError.
    sources, target = _and()
    with pytest.raises(InvalidParameterError, match="'rng'"):
        pid.atom_significance(sources, target, n_permutations=9, n_resamples=0, rng=rng)


def test_atom_significance_refuses_base_1() -> None:
    sources, target = _and()
    with pytest.raises(InvalidParameterError, match="'base'"):
        pid.atom_significance(sources, target, n_permutations=9, n_resamples=0, base=1)


@pytest.mark.parametrize("name", ["drive", "context", "correlation"])
@pytest.mark.parametrize("value", [True, False, np.bool_(True)])
def test_kay_phillips_distribution_refuses_bools(name: str, value: object) -> None:
    # drive=True read as strength 1 and correlation=False as 0, silently.
    with pytest.raises(InvalidParameterError, match=f"'{name}'.*Got {value!r}"):
        pid.kay_phillips_distribution("additive", **{name: value})


def test_kay_phillips_distribution_takes_numpy_numbers() -> None:
    a = pid.kay_phillips_distribution("additive", drive=np.int64(2), context=1.0)
    b = pid.kay_phillips_distribution("additive", drive=2.0, context=1.0)
    assert a[(1, 1, 1)] == pytest.approx(b[(1, 1, 1)], abs=1e-15)
