"""Loss modules: sign conventions, MINE's value, gradients, BA and CLUB."""

from __future__ import annotations

import math

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from torch import nn  # noqa: E402

from mutinfo.exceptions import InvalidDataError, InvalidParameterError  # noqa: E402
from mutinfo.neural import (  # noqa: E402
    BALoss,
    CLUBLoss,
    DVLoss,
    GaussianDecoder,
    InfoNCELoss,
    JSLoss,
    MINELoss,
    NWJLoss,
    SeparableCritic,
    SMILELoss,
    dv_bound,
    infonce_bound,
    js_bound,
    nwj_bound,
    smile_bound,
)


def batch(b: int = 16, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(b, 2, generator=g)
    return x, 0.8 * x + 0.6 * torch.randn(b, 2, generator=g)


def critic() -> SeparableCritic:
    return SeparableCritic(2, 2, hidden=(16,), embed_dim=8, rng=0)


def grads(module: nn.Module) -> list[torch.Tensor]:
    return [p.grad.clone() for p in module.parameters() if p.grad is not None]


LOSSES = [
    (DVLoss, dv_bound),
    (MINELoss, dv_bound),
    (NWJLoss, nwj_bound),
    (InfoNCELoss, infonce_bound),
    (JSLoss, lambda s: nwj_bound(s + 1)),
    (SMILELoss, lambda s: smile_bound(s, clip=5.0)),
]


@pytest.mark.parametrize(("cls", "bound"), LOSSES)
def test_loss_value_is_minus_the_reported_bound(cls: type, bound: object) -> None:
    c = critic()
    loss = cls(c)
    x, y = batch()
    s = c(x, y)
    assert loss(x, y).item() == pytest.approx(-bound(s).item(), rel=1e-6)  # type: ignore[operator]
    assert loss.bound(x, y).item() == pytest.approx(bound(s).item(), rel=1e-6)  # type: ignore[operator]


@pytest.mark.parametrize(("cls", "bound"), LOSSES)
def test_gradients_reach_every_critic_parameter(cls: type, bound: object) -> None:
    c = critic()
    cls(c)(*batch()).backward()
    g = grads(c)
    assert len(g) == len(list(c.parameters()))
    assert all(torch.isfinite(t).all() for t in g)
    assert sum(float(t.abs().sum()) for t in g) > 0


def gradient_of(value_fn: object) -> list[torch.Tensor]:
    c = critic()
    value_fn(c).backward()  # type: ignore[operator]
    return grads(c)


@pytest.mark.parametrize("cls", [JSLoss, SMILELoss])
def test_js_and_smile_train_with_the_js_gradient(cls: type) -> None:
    x, y = batch()
    got = gradient_of(lambda c: cls(c)(x, y))
    want = gradient_of(lambda c: -js_bound(c(x, y)))
    for a, b in zip(got, want, strict=True):
        assert torch.allclose(a, b, atol=1e-6)


def test_mine_value_equals_dv_over_training_steps() -> None:
    c = critic()
    loss = MINELoss(c, ema=0.9)
    opt = torch.optim.SGD(loss.parameters(), lr=0.05)
    for step in range(5):
        x, y = batch(seed=step)
        value = loss(x, y)
        assert value.item() == pytest.approx(-dv_bound(c(x, y)).item(), rel=1e-6)
        opt.zero_grad()
        value.backward()
        opt.step()


def test_mine_first_step_and_ema_zero_have_the_dv_gradient() -> None:
    x, y = batch()
    want = gradient_of(lambda c: DVLoss(c)(x, y))
    for ema in (0.99, 0.0):
        got = gradient_of(lambda c, ema=ema: MINELoss(c, ema=ema)(x, y))
        for a, b in zip(got, want, strict=True):
            assert torch.allclose(a, b, atol=1e-6)


def test_mine_divides_by_the_moving_average() -> None:
    # After a first batch with mean exp f = M1, a second batch with M2 gets the
    # gradient of its marginal term scaled by M2 / A, A = ema M1 + (1 - ema) M2.
    c = critic()
    mine = MINELoss(c, ema=0.5)
    x1, y1 = batch(seed=1)
    x2, y2 = batch(seed=2)
    mine(x1, y1)  # updates the average

    def mean_exp_offdiag(s: torch.Tensor) -> float:
        return torch.exp(s.diagonal().mean() - dv_bound(s)).item()

    with torch.no_grad():
        avg = 0.5 * mean_exp_offdiag(c(x1, y1)) + 0.5 * mean_exp_offdiag(c(x2, y2))
    c.zero_grad()
    mine(x2, y2).backward()
    got = grads(c)
    c.zero_grad()
    s = c(x2, y2)
    joint = s.diagonal().mean()
    b = s.shape[0]
    mean_exp = (s.exp().sum() - s.diagonal().exp().sum()) / (b * (b - 1))
    (-(joint - mean_exp / avg)).backward()
    want = grads(c)
    for a, w in zip(got, want, strict=True):
        assert torch.allclose(a, w, atol=1e-5)


def test_mine_does_not_update_the_average_in_eval_mode() -> None:
    mine = MINELoss(critic())
    mine.eval()
    mine(*batch())
    assert math.isnan(mine.running_mean.item())


@pytest.mark.parametrize("ema", [1.0, -0.1, "0.9", True])
def test_mine_rejects_a_bad_ema(ema: object) -> None:
    with pytest.raises(InvalidParameterError, match=r"'ema'.*\[0, 1\)"):
        MINELoss(critic(), ema=ema)  # type: ignore[arg-type]


def test_smile_rejects_a_bad_clip() -> None:
    with pytest.raises(InvalidParameterError, match=r"'clip'.*SMILELoss"):
        SMILELoss(critic(), clip=0.0)


def test_losses_need_a_module() -> None:
    with pytest.raises(
        InvalidParameterError, match=r"'critic'.*InfoNCELoss.*nn.Module"
    ):
        InfoNCELoss(lambda x, y: x @ y.T)  # type: ignore[arg-type]


def test_infonce_loss_never_below_minus_log_batch() -> None:
    x, y = batch(b=8)
    assert InfoNCELoss(critic())(x, y).item() >= -math.log(8) - 1e-6


def optimal_decoder(sigma: float) -> GaussianDecoder:
    """q(y | x) = N(x, sigma^2): one linear layer with mean x, log-scale log sigma."""
    dec = GaussianDecoder(1, 1, hidden=(), rng=0)
    layer = dec.net[0]
    with torch.no_grad():
        layer.weight.copy_(torch.tensor([[1.0], [0.0]]))
        layer.bias.copy_(torch.tensor([0.0, math.log(sigma)]))
    return dec


def channel(n: int, sigma: float, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    g = np.random.default_rng(seed)
    x = g.standard_normal((n, 1))
    y = x + sigma * g.standard_normal((n, 1))
    return torch.as_tensor(x, dtype=torch.float32), torch.as_tensor(
        y, dtype=torch.float32
    )


def test_ba_loss_with_the_optimal_decoder_is_minus_the_channel_mi() -> None:
    sigma = 0.5
    x, y = channel(100_000, sigma, seed=3)
    h_y = 0.5 * math.log(2 * math.pi * math.e * (1 + sigma**2))
    loss = BALoss(optimal_decoder(sigma), entropy=h_y)
    # The mean of (y - x)^2 / (2 sigma^2) has stderr 0.0022 at n = 1e5.
    assert -loss(x, y).item() == pytest.approx(0.5 * math.log(1 + sigma**-2), abs=0.01)


def test_club_with_the_optimal_decoder_is_above_the_mi() -> None:
    # E_p log q - E_p(x)p(y) log q = (2 + sigma^2) / (2 sigma^2) - 1/2 = 1 / sigma^2.
    sigma = 1.0
    x, y = channel(2048, sigma, seed=4)
    club = CLUBLoss(optimal_decoder(sigma))
    upper = club.upper_bound(x, y).item()
    assert upper == pytest.approx(1 / sigma**2, abs=0.1)  # stderr ~0.03 at B=2048
    assert upper > 0.5 * math.log(1 + sigma**-2)
    # forward is the decoder's negative log-likelihood: 1/2 ln(2 pi e sigma^2).
    assert club(x, y).item() == pytest.approx(
        0.5 * math.log(2 * math.pi * math.e * sigma**2), abs=0.05
    )


def test_club_pairwise_falls_back_to_expanding_pairs() -> None:
    dec = GaussianDecoder(1, 1, hidden=(4,), rng=0)

    class Plain(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = dec

        def forward(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
            return self.inner(x, y)

    x, y = channel(6, 1.0, seed=5)
    assert torch.allclose(
        CLUBLoss(Plain()).pairwise(x, y), CLUBLoss(dec).pairwise(x, y), atol=1e-6
    )


def test_decoder_output_shape_is_checked() -> None:
    class Wrong(nn.Module):
        def forward(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
            return x

    x, y = channel(4, 1.0, seed=6)
    with pytest.raises(
        InvalidDataError, match=r"log q\(y_i \| x_i\) of shape.*\(4, 1\)"
    ):
        BALoss(Wrong(), entropy=1.0)(x, y)


def test_ba_and_club_validate_their_arguments() -> None:
    with pytest.raises(InvalidParameterError, match=r"'decoder'.*BALoss"):
        BALoss("decoder", entropy=1.0)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match=r"'decoder'.*CLUBLoss"):
        CLUBLoss(None)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match=r"'entropy'.*finite"):
        BALoss(optimal_decoder(1.0), entropy=math.inf)
