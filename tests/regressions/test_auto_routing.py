"""``method="auto"`` routing: tied continuous columns in CMI, many-valued codes.

A review found that CMI given labels with a continuous X read to 0.1 of its
spread went to ``mixed_ksg`` (Gao et al.), which reads the ties as point masses:
0.286 nats for a truth of 0.070, while MI of such a column against labels (and
all-continuous CMI) already went to ``mixed_atoms`` (0.076 there).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import mutinfo as mt

#: I(X; Y | L) of the data below by numerical integration (X unrounded).
CMI_TRUTH = 0.0703


def _rounded_given_labels(
    n: int, decimals: int, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    g = np.random.default_rng(seed)
    u = g.normal(size=n)
    x = np.round(u + g.normal(size=n), decimals)
    y = u + g.normal(size=n)
    labels = np.digitize(u + g.normal(size=n), [-1.0, 0.0, 1.0])
    return x, y, labels


def test_cmi_given_labels_with_a_rounded_column_goes_to_mixed_atoms() -> None:
    # Was mixed_ksg: 0.292 here (bias +0.218 over 8 draws); now +0.010.
    x, y, labels = _rounded_given_labels(2000, 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.DataWarning)
        res = mt.estimate("cmi", x, y, labels, rng=1)
    assert res.method == "mixed_atoms"
    assert res.value == pytest.approx(CMI_TRUTH, abs=0.03)


@pytest.mark.parametrize("where", ["z", "y"])
def test_cmi_with_labels_elsewhere_and_a_tied_column(where: str) -> None:
    # The rule looks at every continuous column, whichever variable holds it.
    x, y, labels = _rounded_given_labels(2000, 1)
    args = (labels, y, x) if where == "z" else (x, labels, y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.DataWarning)
        res = mt.estimate("cmi", *args, rng=1)
    assert res.method == "mixed_atoms"


def test_cmi_untied_column_stays_with_mixed_ksg() -> None:
    # Read to 1e-6: no heavy ties, Gao's estimator stays.
    x, y, labels = _rounded_given_labels(2000, 6)
    res = mt.estimate("cmi", x, y, labels, rng=1)
    assert res.method == "mixed_ksg"
    assert res.value == pytest.approx(CMI_TRUTH, abs=0.03)
