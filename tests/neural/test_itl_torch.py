"""Torch ITL measures: equal to the numpy ones, differentiable, guarded."""

from __future__ import annotations

import math

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from mutinfo import itl  # noqa: E402
from mutinfo.exceptions import InvalidDataError, InvalidParameterError  # noqa: E402
from mutinfo.neural import itl as titl  # noqa: E402


def sample(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    g = np.random.default_rng(seed)
    x = g.standard_normal((n, 2))
    return x, x[:, :1] + 0.7 * g.standard_normal((n, 1))


def test_agree_with_numpy() -> None:
    x, y = sample(300, 1)
    tx, ty = torch.from_numpy(x), torch.from_numpy(y)
    s = 0.6
    assert float(titl.information_potential(tx, s)) == pytest.approx(
        itl.information_potential(x, bandwidth=s), rel=1e-10
    )
    assert float(titl.renyi_quadratic_entropy(tx, s)) == pytest.approx(
        itl.renyi_quadratic_entropy(x, bandwidth=s), rel=1e-10
    )
    p = np.random.default_rng(2).normal(0.5, 1.0, (250, 2))
    assert float(titl.cauchy_schwarz_divergence(tx, torch.from_numpy(p), s)) == (
        pytest.approx(itl.cauchy_schwarz_divergence(x, p, bandwidth=s), rel=1e-9)
    )
    assert float(titl.cauchy_schwarz_mi(tx, ty, s)) == pytest.approx(
        itl.cauchy_schwarz_mi(x, y, bandwidth=s), rel=1e-9
    )


def test_gradients() -> None:
    x, y = sample(12, 3)
    tx = torch.from_numpy(x).requires_grad_(True)
    ty = torch.from_numpy(y).requires_grad_(True)
    sigma = torch.tensor(0.8, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(
        lambda a, b, s: titl.cauchy_schwarz_mi(a, b, s), (tx, ty, sigma)
    )
    assert torch.autograd.gradcheck(
        lambda a, s: titl.renyi_quadratic_entropy(a, s), (tx, sigma)
    )


def test_log_domain_keeps_tiny_widths_finite() -> None:
    x, y = sample(50, 4)
    value = titl.cauchy_schwarz_mi(torch.from_numpy(x), torch.from_numpy(y), 1e-3)
    assert math.isfinite(float(value))
    assert float(value) >= -1e-9


def test_errors() -> None:
    x = torch.randn(10, 2)
    with pytest.raises(InvalidParameterError, match="sigma"):
        titl.information_potential(x, 0.0)
    with pytest.raises(InvalidParameterError, match=r"torch\.Tensor"):
        titl.information_potential(np.ones(3), 1.0)  # type: ignore[arg-type]
    with pytest.raises(InvalidDataError, match="same number of columns"):
        titl.cauchy_schwarz_divergence(x, torch.randn(10, 3), 1.0)
    with pytest.raises(InvalidDataError, match="same number of samples"):
        titl.cauchy_schwarz_mi(x, torch.randn(9), 1.0)
    with pytest.raises(InvalidDataError, match="shape"):
        titl.information_potential(torch.randn(2, 2, 2), 1.0)
