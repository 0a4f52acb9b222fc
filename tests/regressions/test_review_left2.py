"""Leftovers of the adversarial review: kernel atoms, hints naming absent parameters,
the neural discrete-input message, the classifier's constant column, CLI column names."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo import divergence as dv
from mutinfo import itl
from mutinfo.exceptions import DataWarning, InvalidDataError


def _clipped_pair(seed: int, n: int = 2000) -> tuple[np.ndarray, np.ndarray]:
    g = np.random.default_rng(seed)
    x0 = g.normal(size=n)
    return np.maximum(x0, 0.0), 0.8 * x0 + 0.6 * g.normal(size=n)


def _half_zeros(seed: int, n: int = 2000) -> tuple[np.ndarray, np.ndarray]:
    g = np.random.default_rng(seed)
    x0 = g.normal(size=n)
    x = np.where(g.random(n) < 0.5, 0.0, x0)
    return x, x + 0.3 * g.normal(size=n)


def test_kernel_warns_on_atoms() -> None:
    # Truth 0.389 / 0.845 nats; the kernel read 0.337 / 0.709 without a word.
    for pair, truth in ((_clipped_pair(0), 0.389), (_half_zeros(0), 0.845)):
        with pytest.warns(DataWarning, match="has atoms.*'kernel'.*'mixed_atoms'"):
            value = mt.mi(*pair, method="kernel")
        assert value < truth - 0.04
        assert abs(mt.mi(*pair, method="mixed_atoms", rng=0) - truth) < 0.03


def test_kernel_warns_on_atoms_in_cmi_and_total_correlation() -> None:
    x, y = _clipped_pair(1, 1000)
    z = np.random.default_rng(2).normal(size=1000)
    with pytest.warns(DataWarning, match="has atoms.*'kernel'"):
        mt.cmi(y, z, x, method="kernel")
    with pytest.warns(DataWarning, match="has atoms.*'kernel'"):
        mt.estimate("total_correlation", np.c_[x, y], method="kernel")


def test_kernel_quiet_where_its_value_is_right() -> None:
    g = np.random.default_rng(1)
    x0 = g.normal(size=2000)
    y = 0.8 * x0 + 0.6 * g.normal(size=2000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mt.mi(x0, y, method="kernel")
        mt.mi(np.round(x0, 1), np.round(y, 1), method="kernel")  # quantisation ties
        # a 10 % atom: the kernel's deficit is its usual smoothing bias
        mt.mi(np.maximum(x0, np.quantile(x0, 0.1)), y, method="kernel")


def test_classifier_atoms_warning_unchanged() -> None:
    pytest.importorskip("sklearn")
    x, y = _clipped_pair(0, 4000)
    with pytest.warns(DataWarning, match="has atoms.*smooth function.*'mixed_atoms'"):
        mt.mi(x, y, method="classifier", rng=0)


_NAN = np.r_[np.nan, np.random.default_rng(0).normal(size=49)]
_STR = np.array(["a", "b"] * 25)
_NUM = np.random.default_rng(1).normal(size=50)


@pytest.mark.parametrize(
    "call",
    [
        lambda: dv.kl_divergence(_NAN, _NUM),
        lambda: dv.jensen_shannon(_NUM, _NAN),
        lambda: dv.kl_divergence(pd.Series(_NAN, dtype="Float64"), _NUM),
        lambda: dv.kl_divergence(_STR, _NUM),
        lambda: dv.jensen_shannon(_NUM, _STR),
        lambda: itl.cauchy_schwarz_divergence(_NAN, _NUM),
        lambda: itl.cauchy_schwarz_mi(_STR, _NUM),
        lambda: dv.parzen_log_likelihood(_NUM, _STR),
    ],
)
def test_sample_functions_do_not_offer_absent_parameters(
    call: Callable[[], object],
) -> None:
    with pytest.raises(InvalidDataError) as info:
        call()
    message = str(info.value)
    assert "nan_policy" not in message
    assert "discrete=" not in message
    assert "dropna" in message or "encode" in message


def test_estimators_still_offer_their_parameters() -> None:
    with pytest.raises(InvalidDataError, match="nan_policy='omit'"):
        mt.mi(_NAN, _NUM)
    with pytest.raises(InvalidDataError, match="Pass discrete=True"):
        mt.mi(_STR, _NUM, discrete=False)


def test_neural_discrete_warning_does_not_say_knn() -> None:
    pytest.importorskip("torch")
    from mutinfo.exceptions import ConvergenceWarning

    g = np.random.default_rng(0)
    x = g.integers(0, 3, 1000)
    y = x + g.normal(size=1000)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mt.mi(x, y, method="smile", rng=0, max_steps=50)
    said = [str(w.message) for w in caught if issubclass(w.category, DataWarning)]
    assert len(said) == 1, said
    assert "treats the discrete columns" in said[0]
    assert "kNN" not in said[0]
    assert "neural" in said[0]
    assert all(
        issubclass(w.category, (DataWarning, ConvergenceWarning)) for w in caught
    )


def test_knn_discrete_warning_still_says_knn() -> None:
    g = np.random.default_rng(0)
    x = g.integers(0, 3, 500)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mt.mi(x, x + g.normal(size=500), method="ksg")
    assert any("kNN estimates unreliable" in str(w.message) for w in caught)


def test_classifier_constant_column_warns_like_kernel() -> None:
    pytest.importorskip("sklearn")
    y = np.random.default_rng(0).normal(size=500)
    for method in ("kernel", "classifier"):
        with pytest.warns(DataWarning, match="are constant"):
            assert mt.mi(np.ones(500), y, method=method, rng=0) == 0.0
    with pytest.warns(DataWarning, match="'z\\[0\\]' of 'z' are constant"):
        mt.cmi(y, y + np.ones(500), np.ones(500), method="classifier", rng=0)


def test_cli_names_the_header_space(tmp_path: Path) -> None:
    from tests.cli.conftest import invoke

    path = tmp_path / "data.csv"
    path.write_text("x, y\n1, 2\n2, 3\n3, 5\n4, 4\n")
    code, _, err = invoke("mi", str(path), "--x", "x", "--y", "y")
    assert code == 1
    assert "'y' may be ' y'" in err
    assert "spaces" in err
    path.write_text("x,Y\n1,2\n2,3\n3,5\n4,4\n")
    code, _, err = invoke("mi", str(path), "--x", "x", "--y", "y")
    assert code == 1
    assert "'y' may be 'Y'" in err


def test_report_names_the_spaced_column() -> None:
    frame = pd.DataFrame({"x": np.arange(50.0), " y": np.arange(50.0) % 7})
    with pytest.raises(InvalidDataError, match=r"'y' may be ' y'.*str.strip"):
        mt.report(frame, target="y")
