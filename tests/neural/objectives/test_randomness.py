"""Seeded determinism, untouched global random state, IMSAT's VAT step."""

from __future__ import annotations

import math

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from mutinfo.exceptions import InvalidDataError, InvalidParameterError  # noqa: E402
from mutinfo.neural.objectives import (  # noqa: E402
    IMSATLoss,
    InfoGANLoss,
    InformationDropout,
    VIBLoss,
    neighbour_radii,
)


def _run_all(seed: int) -> list[torch.Tensor]:
    x = torch.linspace(-1, 1, 24).reshape(12, 2)
    model = torch.nn.utils.skip_init(torch.nn.Linear, 2, 3)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]]))
        model.bias.zero_()
    imsat = IMSATLoss(model, rng=seed)
    out = imsat(x, neighbour_radii(x, k=2))
    codes = InfoGANLoss((4,), 2).sample_codes(5, rng=seed)
    drop = InformationDropout(2, 3, rng=seed)(x).z
    z = VIBLoss.sample(torch.zeros(3, 2), torch.zeros(3, 2), 2, rng=seed)
    return [out.loss.detach(), *codes, drop.detach(), z]


def test_seeded_runs_repeat_and_leave_global_state_alone() -> None:
    torch_state = torch.get_rng_state()
    np_state = np.random.get_state()  # noqa: NPY002
    first, second, other = _run_all(0), _run_all(0), _run_all(1)
    for a, b in zip(first, second, strict=True):
        torch.testing.assert_close(a, b)
    assert not torch.equal(first[2], other[2])
    assert torch.equal(torch.get_rng_state(), torch_state)
    after = np.random.get_state()  # noqa: NPY002
    assert after[0] == np_state[0]
    assert np.array_equal(after[1], np_state[1])


def test_imsat_loss_terms_and_gradient() -> None:
    gen = torch.Generator().manual_seed(0)
    x = torch.randn(20, 2, generator=gen)
    model = torch.nn.Sequential(
        torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 4)
    )
    loss = IMSATLoss(model, mu=2.0, lam=0.5, rng=0)
    out = loss(x, neighbour_radii(x, k=3))
    mi = out.terms["h_marginal"] - out.terms["h_conditional"]
    assert out.terms["mi"] == pytest.approx(mi)
    assert 0 <= out.terms["mi"] <= math.log(4)
    assert out.terms["vat"] >= 0
    expected = out.terms["vat"] - 0.5 * (
        2 * out.terms["h_marginal"] - out.terms["h_conditional"]
    )
    assert out.loss.item() == pytest.approx(expected, rel=1e-5)
    out.loss.backward()
    assert all(p.grad is not None for p in model.parameters())


def test_imsat_vat_direction_is_adversarial() -> None:
    # The power iteration finds a direction that changes the output more
    # than a random one of the same length.
    gen = torch.Generator().manual_seed(0)
    x = torch.randn(64, 5, generator=gen)
    model = torch.nn.Sequential(
        torch.nn.Linear(5, 16), torch.nn.Tanh(), torch.nn.Linear(16, 3)
    )
    radius = torch.full((64,), 0.5)
    adv = IMSATLoss(model, eps_scale=1.0, rng=0).vat(x, radius).item()
    p = torch.softmax(model(x), 1)
    d = torch.randn(x.shape, generator=gen)
    d = 0.5 * d / d.norm(dim=1, keepdim=True)
    log_q = torch.log_softmax(model(x + d), 1)
    rand = (p * (torch.log(p) - log_q)).sum(1).mean().item()
    assert adv > 2 * rand


def test_imsat_bad_input() -> None:
    loss = IMSATLoss(torch.nn.Linear(2, 3), rng=0)
    x = torch.randn(4, 2)
    with pytest.raises(InvalidDataError, match="VAT radius of zero"):
        loss(x, torch.tensor([0.5, 0.0, 0.5, 0.5]))
    with pytest.raises(InvalidDataError, match="one value per row"):
        loss(x, torch.ones(3))
    with pytest.raises(InvalidParameterError, match="'eps_scale'"):
        IMSATLoss(torch.nn.Linear(2, 3), eps_scale=0.0)
    with pytest.raises(InvalidParameterError, match="'model'"):
        IMSATLoss("net")  # type: ignore[arg-type]
    bad = torch.nn.Linear(2, 3)
    with torch.no_grad():
        bad.weight.fill_(math.nan)
    with pytest.raises(InvalidDataError, match="IMSATLoss: the 'logits' term"):
        IMSATLoss(bad, rng=0)(x, torch.ones(4))
