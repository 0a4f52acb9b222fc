"""Review regressions (h3-review): KSG on exactly related continuous variables."""

import numpy as np
import pytest

import mutinfo as mt
from mutinfo.exceptions import DataWarning


@pytest.mark.parametrize("transform", [lambda x: x, lambda x: -2.0 * x + 1e6])
def test_ksg_of_an_affine_copy_warns(transform):
    # I(X; a X + b) is infinite for continuous X; ksg read 6.34 nats at
    # n = 2000 without a word (the gaussian family refuses the same data).
    x = np.random.default_rng(0).normal(size=2000)
    with pytest.warns(DataWarning, match="exact affine functions"):
        value = mt.mi(x, transform(x), method="ksg", rng=0)
    assert value > 5.0


def test_ksg_of_a_duplicated_column_warns():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(3000, 2))
    y = np.column_stack([rng.normal(size=3000), x[:, 1]])
    with pytest.warns(DataWarning, match="'x\\[1\\]' of 'x' and column 'y\\[1\\]'"):
        mt.mi(x, y, method="ksg", rng=0)


def test_ksg_of_strongly_correlated_data_is_quiet():
    rng = np.random.default_rng(2)
    x = rng.normal(size=5000)
    mt.mi(x, x + 1e-4 * rng.normal(size=5000), method="ksg", rng=0)  # MI ~ 9 nats
