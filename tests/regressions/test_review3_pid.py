"""Review regressions (h3-review): higher-order information of 0/1 float columns."""

import numpy as np
import pandas as pd
import pytest

from mutinfo import pid
from mutinfo.exceptions import DataWarning, UnsupportedMeasureError


def _xor_floats(scale: float = 0.5) -> np.ndarray:
    # 0/0.5 floats: not whole numbers, so read as numbers with atoms
    rng = np.random.default_rng(5)
    a, b = rng.integers(0, 2, (2, 3000))
    return scale * np.column_stack([a, b, a ^ b]).astype(np.float64)


def test_higher_order_of_binary_floats_warns():
    # TC of (A, B, A xor B) is ln 2 = 0.693 nats and the O-information -ln 2;
    # the default gaussian_copula read 0.0 for both, without a warning.
    x = _xor_floats()
    with pytest.warns(DataWarning, match="atoms"):
        h = pid.higher_order(x)
    assert abs(h.total_correlation) < 0.01  # the miss it warns of
    exact = pid.higher_order(x, method="plugin")
    assert exact.total_correlation == pytest.approx(np.log(2), abs=0.01)


def test_higher_order_of_whole_number_floats_reads_labels():
    # 0/1 floats are labels, as the same integers: the copula refuses them
    # (it read 0.0), a discrete method reads ln 2 without being told.
    x = _xor_floats(scale=1.0)
    with pytest.raises(UnsupportedMeasureError, match="discrete"):
        pid.higher_order(x)
    h = pid.higher_order(x, method="plugin")
    assert h.total_correlation == pytest.approx(np.log(2), abs=0.01)


def test_multiplets_of_binary_floats_warns():
    frame = pd.DataFrame(_xor_floats(), columns=["a", "b", "c"])
    with pytest.warns(DataWarning, match="'a', 'b', 'c'"):
        pid.multiplets(frame, order=3)


def test_higher_order_of_continuous_columns_is_quiet():
    rng = np.random.default_rng(0)
    s = rng.normal(size=(500, 1))
    pid.higher_order(np.round(s + rng.normal(size=(500, 3)), 1))  # ties, no atoms
