"""Review regressions: silent wrong numbers of the kNN families (v-review)."""

import warnings

import numpy as np
import pytest

import mutinfo as mt
from mutinfo.exceptions import DataWarning


def _gaussian_pair(n=600, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return x, x + rng.normal(size=n)  # I = 0.5 log 2 = 0.347 nats


def test_ksg_warns_on_duplicated_rows():
    # Every row twice: KSG reports about 3x the MI of the same data once.
    x, y = _gaussian_pair()
    once = mt.estimate("mi", x, y, method="ksg", rng=0).value
    xx, yy = np.r_[x, x], np.r_[y, y]
    with pytest.warns(DataWarning, match="repeat another row exactly"):
        twice = mt.estimate("mi", xx, yy, rng=0)
    assert twice.method == "ksg"
    assert twice.value > 2 * once  # the bias the warning is about
    with pytest.warns(DataWarning, match="repeat another row exactly"):
        mt.estimate("cmi", xx, yy, xx + yy, method="ksg", rng=0)


def test_no_duplicate_warning_on_distinct_or_quantised_rows():
    x, y = _gaussian_pair(n=300)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataWarning)
        mt.estimate("mi", x, y, method="ksg", rng=0)
        # One decimal at n = 300: columns repeat, rows rarely (KSG is right).
        mt.estimate("mi", np.round(x, 1), np.round(y, 1), method="ksg", rng=0)


# Was a strict xfail: KL searched neighbours on unscaled columns, so TC of a
# Gaussian triple (truth 0.271 nats) was 0.340 as is but -2.92 with columns
# scaled by (1, 100, 0.01). Each column now gets its own power of two.
def test_kl_composed_measures_invariant_to_column_scales():
    rng = np.random.default_rng(0)
    cov = np.array([[1, 0.6, 0.3], [0.6, 1, 0.2], [0.3, 0.2, 1]])
    data = rng.multivariate_normal(np.zeros(3), cov, 1000)
    scaled = data * [1.0, 100.0, 0.01]
    tc = mt.estimate("total_correlation", data, method="kl", rng=0).value
    tc_scaled = mt.estimate("total_correlation", scaled, method="kl", rng=0).value
    assert abs(tc_scaled - tc) < 0.1
    h = mt.estimate("conditional_entropy", data[:, 0], z=data[:, 1], method="kl", rng=0)
    h_scaled = mt.estimate(
        "conditional_entropy", data[:, 0], z=1000 * data[:, 1], method="kl", rng=0
    )
    assert abs(h_scaled.value - h.value) < 0.1


def test_kl_entropy_does_not_move_with_the_location() -> None:
    # KL scaled each column by a power of two taken from max|x| after exact
    # centring, which only happens for large offsets: an offset of 1000 on
    # N(0, 1) columns flipped one column's exponent (relative scale 2x) and
    # moved the entropy by 0.009 nats. The exponents now come from the spread.
    from mutinfo.estimators.knn import KL

    x = np.random.default_rng(187).normal(size=(150, 2))
    ref = KL(rng=187).entropy(x).value
    assert abs(KL(rng=187).entropy(x + 1000.0).value - ref) < 1e-9


def test_kl_repeated_rows_message_states_the_expected_pull() -> None:
    # One value twice in 32 rows (statsmodels' scotland 'YES') warned "the
    # entropy is biased low (every row twice: 0.8 nats low)"; duplicated records
    # at that share pull KL down by 0.02-0.035 nats, and rounded values need not.
    import re
    import warnings

    import numpy as np

    import mutinfo as mt

    x = np.random.default_rng(0).standard_normal(40)
    x = np.r_[x, x[:4]]  # 8 of 44 rows repeated (18 %)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mt.entropy(x, method="kl", rng=0)
    text = [str(w.message) for w in caught if "repeat another row" in str(w.message)]
    assert len(text) == 1
    pull = re.search(r"biased low by about ([0-9.]+) nats", text[0])
    assert pull is not None
    assert 0.05 < float(pull.group(1)) < 0.1
    assert "repeated by rounding need not be" in text[0]


def test_ksg_duplicate_rows_message_separates_copies_from_rounding() -> None:
    # Iris's pairs (0.1 cm, 49-56 % of rows repeated) warned that KSG
    # "overestimates the dependence"; it read -0.001 and +0.04 nats against the
    # values jittered within their rounding step. Copies of records still warn.
    import warnings

    import numpy as np

    import mutinfo as mt

    g = np.random.default_rng(0)
    x = g.standard_normal(300)
    y = 0.8 * x + 0.6 * g.standard_normal(300)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mt.mi(np.r_[x, x], np.r_[y, y], method="ksg", rng=0)
    text = [str(w.message) for w in caught if "duplicated records" in str(w.message)]
    assert len(text) == 1
    assert "if they are copies of records" in text[0]
    assert "rounded coarsely can read right" in text[0]
