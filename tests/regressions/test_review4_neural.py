"""Review 4 of the PyTorch side: torch ITL measures and the MI objectives.

Each test checks a value against the numpy implementation or a closed form
computed here, or checks that a hostile input gets a clear error instead of a
silent number or a raw traceback.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from mutinfo import itl  # noqa: E402
from mutinfo.exceptions import InvalidDataError, InvalidParameterError  # noqa: E402
from mutinfo.neural import itl as titl  # noqa: E402
from mutinfo.neural.objectives import (  # noqa: E402
    CategoricalDecoder,
    DeepInfoMaxLoss,
    IMLoss,
    MIExplorationBonus,
    VIBLoss,
    WeightedAdversarialLoss,
    gaussian_kl,
    imsat_mi,
)

# -- torch ITL: float32 data far from the origin ----------------------------------


def test_torch_itl_float32_data_with_an_offset() -> None:
    # cdist's |a|^2 + |b|^2 - 2 a.b cancelled catastrophically: with 1e4 added
    # to float32 data, H2 was 1.011 for 1.391 and the CS-MI 0.0068 for 0.0786.
    g = np.random.default_rng(0)
    x = g.normal(size=(300, 1))
    y = 0.5 * x + 0.5 * g.normal(size=(300, 1))
    tx = torch.tensor(x + 1e4, dtype=torch.float32)
    ty = torch.tensor(y + 1e4, dtype=torch.float32)
    # the truth: the numpy (float64) values on the same float32-rounded data
    xs, ys = tx.double().numpy(), ty.double().numpy()
    assert float(titl.renyi_quadratic_entropy(tx, 0.5)) == pytest.approx(
        itl.renyi_quadratic_entropy(xs, bandwidth=0.5), abs=1e-4
    )
    assert float(titl.cauchy_schwarz_mi(tx, ty, 0.5)) == pytest.approx(
        itl.cauchy_schwarz_mi(xs, ys, bandwidth=0.5), abs=1e-4
    )
    assert float(titl.cauchy_schwarz_divergence(tx, ty, 0.5)) == pytest.approx(
        itl.cauchy_schwarz_divergence(xs, ys, bandwidth=0.5), abs=1e-4
    )


def test_torch_itl_closed_form_gaussian() -> None:
    # N(0, 4) with Parzen width 0.3: H2 = 0.5 ln(2 pi * 2 (4 + 0.09)) = 1.9698
    x = torch.tensor(np.random.default_rng(1).normal(0.0, 2.0, (3000, 1)))
    truth = 0.5 * math.log(2 * math.pi * 2 * (4 + 0.09))
    assert float(titl.renyi_quadratic_entropy(x, 0.3)) == pytest.approx(truth, abs=0.02)


def test_torch_itl_extreme_widths_stay_finite() -> None:
    # "values stay finite for any width": 2 sigma^2 underflowed (sigma=1e-30:
    # NaN) or overflowed (sigma=1e30: +inf) in float32; numpy gives -202.34
    # and 211.03.
    x = np.random.default_rng(2).normal(size=(3, 3))
    tx = torch.tensor(x, dtype=torch.float32)
    for sigma in (1e-30, 1e30):
        got = float(titl.renyi_quadratic_entropy(tx, sigma))
        want = itl.renyi_quadratic_entropy(tx.double().numpy(), bandwidth=sigma)
        assert got == pytest.approx(want, rel=1e-6)


def test_torch_itl_width_tensor_must_have_one_element() -> None:
    # a (d,) tensor broadcast over the columns j of the (n, n) kernel matrix
    # when n == d and gave a number (3.56 here) with no meaning
    x = torch.randn(3, 3, generator=torch.Generator().manual_seed(0))
    with pytest.raises(InvalidParameterError, match="one-element tensor"):
        titl.renyi_quadratic_entropy(x, torch.tensor([0.5, 1.0, 2.0]))
    one = torch.tensor([[0.5]])
    assert float(titl.renyi_quadratic_entropy(x, one)) == pytest.approx(
        float(titl.renyi_quadratic_entropy(x, 0.5)), rel=1e-6
    )
    with pytest.raises(InvalidParameterError, match="finite"):
        titl.renyi_quadratic_entropy(x, math.inf)


def test_torch_itl_gradient_with_duplicate_points() -> None:
    x = torch.tensor([[0.0], [0.0], [1.0]], dtype=torch.float64, requires_grad=True)
    titl.renyi_quadratic_entropy(x, 0.5).backward()
    assert x.grad is not None
    assert bool(torch.isfinite(x.grad).all())
    assert float(x.grad.sum()) == pytest.approx(0.0, abs=1e-12)  # shift invariant


# -- MIExplorationBonus: states far outside the grid ---------------------------


def test_exploration_bonus_clamps_far_states_to_the_border() -> None:
    # 1e20 * bins overflowed the int64 cast and the state landed in cell 0,
    # the opposite border, instead of the top cell 3
    bonus = MIExplorationBonus([0.0], [1.0], 4, n_latents=2)
    cells = bonus.cells(torch.tensor([[1e20], [5.0], [-1e20], [2.0**62], [0.5]]))
    assert cells.tolist() == [3, 3, 0, 3, 2]


# -- objectives: empty batches and mismatched inputs ----------------------------


def test_objectives_refuse_empty_batches() -> None:
    # gaussian_kl and WeightedAdversarialLoss returned NaN; imsat_mi and
    # DeepInfoMaxLoss raised torch's own RuntimeError
    with pytest.raises(InvalidDataError, match="empty"):
        gaussian_kl(torch.zeros(0, 2), torch.zeros(0, 2))
    with pytest.raises(InvalidDataError, match="empty"):
        WeightedAdversarialLoss(0.3)(torch.zeros(3), torch.zeros(0))
    with pytest.raises(InvalidDataError, match="empty"):
        imsat_mi(torch.zeros(0, 3))
    dim = DeepInfoMaxLoss("infonce")
    with pytest.raises(InvalidDataError, match="empty"):
        dim(local_scores=torch.zeros(0, 4, 4))


def test_vib_checks_its_inputs() -> None:
    vib = VIBLoss()
    mu = torch.zeros(4, 2)
    with pytest.raises(InvalidDataError, match="one row per example"):
        vib(
            torch.zeros(5, 2), torch.zeros(5, 2), torch.zeros(4, 3), torch.arange(4) % 3
        )
    with pytest.raises(InvalidDataError, match=r"\[0, 2\]"):
        vib(mu, mu, torch.zeros(4, 3), torch.tensor([0, 1, 5, 0]))
    with pytest.raises(InvalidDataError, match="integer tensor"):
        vib(mu, mu, torch.zeros(4, 3), np.array([0, 1, 2, 0]))  # type: ignore[arg-type]
    # the terms on a valid batch: KL of N(1, 1) against N(0, 1) is 0.5 nats
    out = VIBLoss(base=2)(
        torch.ones(2, 1), torch.zeros(2, 1), torch.zeros(2, 2), torch.tensor([0, 1])
    )
    assert out.terms["i_zx"] == pytest.approx(0.5 / math.log(2), rel=1e-6)
    assert out.terms["i_zy"] == pytest.approx(0.0, abs=1e-6)


def test_im_loss_from_data_honours_discrete_false() -> None:
    # discrete=False was dropped: integer x got the labels' entropy (1.609)
    # instead of the continuous (kNN) estimate that mt.entropy(x,
    # discrete=False) gives, about -19.7 nats for these five atoms (with a
    # DataWarning; its tie-breaking noise is not seeded, hence the bound)
    x = np.repeat(np.arange(5), 40)
    decoder = CategoricalDecoder(2, 5, rng=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = IMLoss.from_data(decoder, x, discrete=False).entropy
    assert got < -10.0
    assert IMLoss.from_data(decoder, x, discrete=True).entropy == pytest.approx(
        math.log(5)
    )
