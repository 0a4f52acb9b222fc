"""Closed-form checks of the objectives' terms: bounds, KLs, counts."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import mutinfo as mt  # noqa: E402
from mutinfo.exceptions import InvalidDataError, InvalidParameterError  # noqa: E402
from mutinfo.neural import (  # noqa: E402
    BALoss,
    GaussianDecoder,
    club_bound,
    dv_bound,
    infonce_bound,
    js_bound,
)
from mutinfo.neural.objectives import (  # noqa: E402
    CategoricalDecoder,
    CLUBPenalty,
    DeepInfoMaxLoss,
    IMLoss,
    InfoGANLoss,
    InformationDropout,
    MIExplorationBonus,
    VDBLoss,
    VIBLoss,
    WeightedAdversarialLoss,
    gaussian_kl,
    imsat_mi,
    information_dropout_kl,
    neighbour_radii,
)

F = torch.nn.functional


# --------------------------------------------------------------- InfoGAN / BA
def test_infogan_bound_below_entropy_and_tight_for_perfect_head() -> None:
    loss = InfoGANLoss((4, 3))
    c_cat, _, _ = loss.sample_codes(64, rng=0)
    gen = torch.Generator().manual_seed(1)
    q = torch.randn(64, 7, generator=gen)
    out = loss(q, c_cat)
    assert out.terms["entropy_cat"] == pytest.approx(math.log(12))
    assert out.terms["bound_cat"] < out.terms["entropy_cat"]
    perfect = torch.cat(
        [60 * F.one_hot(c_cat[:, 0], 4), 60 * F.one_hot(c_cat[:, 1], 3)], 1
    )
    out = loss(perfect.float(), c_cat)
    assert out.terms["bound_cat"] == pytest.approx(math.log(12), abs=1e-6)
    assert out.loss.item() == pytest.approx(-math.log(12), abs=1e-6)


def test_infogan_gaussian_code_closed_form() -> None:
    loss = InfoGANLoss((), 2, lambda_cont=0.5, fixed_std=False)
    _, c, _ = loss.sample_codes(32, rng=2)
    assert float(c.min()) >= -1
    assert float(c.max()) <= 1
    mean, log_std = 0.3 * c, torch.full_like(c, -0.5)
    out = loss(torch.cat([mean, log_std], 1), None, c)
    normal = torch.distributions.Normal(mean, torch.exp(log_std))
    expected = 2 * math.log(2) + normal.log_prob(c).sum(1).mean().item()
    assert out.terms["bound_cont"] == pytest.approx(expected, rel=1e-6)
    assert out.loss.item() == pytest.approx(-0.5 * expected, rel=1e-6)


def test_infogan_gradient_reaches_the_head() -> None:
    loss = InfoGANLoss((5,))
    q = torch.zeros(8, 5, requires_grad=True)
    loss(q, torch.arange(8) % 5).loss.backward()
    assert q.grad is not None
    assert float(q.grad.abs().sum()) > 0


def test_infogan_bad_codes() -> None:
    loss = InfoGANLoss((4,), 1)
    q = torch.zeros(3, 5)
    with pytest.raises(InvalidDataError, match=r"'c_cat'.*integer"):
        loss(q, torch.zeros(3, 1), torch.zeros(3, 1))
    with pytest.raises(InvalidDataError, match=r"takes values in"):
        loss(q, torch.tensor([[0], [4], [1]]), torch.zeros(3, 1))
    with pytest.raises(InvalidDataError, match=r"'q_output'.*5 columns"):
        loss(torch.zeros(3, 4), torch.zeros(3, 1, dtype=torch.long), torch.zeros(3, 1))
    with pytest.raises(InvalidDataError, match=r"'c_cont'.*shape"):
        loss(q, torch.zeros(3, 1, dtype=torch.long), torch.zeros(3, 2))
    bad = q.clone()
    bad[0, 0] = math.nan
    with pytest.raises(InvalidDataError, match=r"'q_output' term has 1 non-finite"):
        loss(bad, torch.zeros(3, 1, dtype=torch.long), torch.zeros(3, 1))
    with pytest.raises(InvalidParameterError, match=r"'n_categories'"):
        InfoGANLoss((1,))
    with pytest.raises(InvalidParameterError, match=r"'lambda_cat'"):
        InfoGANLoss((2,), lambda_cat=-1.0)


def test_im_algorithm_bound_is_the_ba_bound() -> None:
    dec = CategoricalDecoder(3, 4, hidden=(8,), rng=0)
    im = IMLoss(dec, entropy=math.log(4))
    y, x = torch.randn(16, 3), torch.arange(16) % 4
    out = im(y, x)
    assert out.loss.item() == pytest.approx(BALoss(dec, math.log(4))(y, x).item())
    assert out.terms["bound"] <= math.log(4)
    # A perfect decoder (one-hot codes through a scaled identity) is tight.
    perfect = CategoricalDecoder(4, 4, hidden=(), rng=0)
    with torch.no_grad():
        perfect.net[0].weight.copy_(80 * torch.eye(4))
        perfect.net[0].bias.zero_()
    out = IMLoss(perfect, math.log(4))(F.one_hot(x, 4).float(), x)
    assert out.terms["bound"] == pytest.approx(math.log(4), abs=1e-6)


def test_im_from_data_uses_plugin_entropy() -> None:
    x = np.array([0, 1, 2, 3] * 5)
    im = IMLoss.from_data(CategoricalDecoder(2, 4, rng=0), x)
    assert im.entropy == pytest.approx(math.log(4))
    with pytest.raises(InvalidParameterError, match=r"'entropy'"):
        IMLoss(CategoricalDecoder(2, 4, rng=0), math.inf)


def test_club_penalty_is_club_bound_and_decoder_step_is_detached() -> None:
    dec = GaussianDecoder(1, 1, hidden=(8,), rng=0)
    club = CLUBPenalty(dec, weight=2.0)
    x = torch.randn(10, 1, requires_grad=True)
    y = torch.randn(10, 1)
    out = club(x, y)
    assert out.terms["club"] == pytest.approx(club_bound(dec.pairwise(x, y)).item())
    assert out.loss.item() == pytest.approx(2 * out.terms["club"])
    club.decoder_loss(x, y).backward()
    assert x.grad is None
    out.loss.backward()
    assert x.grad is not None


# --------------------------------------------------------------- Deep InfoMax
@pytest.mark.parametrize(
    ("name", "bound"), [("js", js_bound), ("infonce", infonce_bound), ("dv", dv_bound)]
)
def test_dim_terms_are_the_library_bounds(name: str, bound: object) -> None:
    gen = torch.Generator().manual_seed(0)
    g, loc = torch.randn(6, 6, generator=gen), torch.randn(3, 6, 6, generator=gen)
    prior, code = torch.randn(6, generator=gen), torch.randn(6, generator=gen)
    dim = DeepInfoMaxLoss(name, alpha=0.5, beta=2.0, gamma=0.3)
    out = dim(g, loc, prior, code)
    i_g = bound(g).item()  # type: ignore[operator]
    i_l = np.mean([bound(s).item() for s in loc])  # type: ignore[operator]
    p = (F.logsigmoid(prior).mean() + torch.log1p(-torch.sigmoid(code)).mean()).item()
    assert out.terms["global"] == pytest.approx(i_g, rel=1e-6)
    assert out.terms["local"] == pytest.approx(i_l, rel=1e-6)
    assert out.terms["prior"] == pytest.approx(p, rel=1e-5)
    assert out.loss.item() == pytest.approx(-0.5 * i_g - 2 * i_l + 0.3 * p, rel=1e-5)
    assert dim.discriminator_loss(prior, code).item() == pytest.approx(-p, rel=1e-5)


def test_dim_bad_input() -> None:
    with pytest.raises(InvalidParameterError, match=r"'estimator'.*Did you mean"):
        DeepInfoMaxLoss("infonc")
    with pytest.raises(InvalidParameterError, match=r"'gamma'"):
        DeepInfoMaxLoss(gamma=-0.1)
    with pytest.raises(InvalidDataError, match=r"both 'prior_logits'"):
        DeepInfoMaxLoss()(prior_logits=torch.zeros(3))
    with pytest.raises(InvalidDataError, match=r"'local_scores'.*\(M, B, B\)"):
        DeepInfoMaxLoss()(local_scores=torch.zeros(2, 3, 4))


# ---------------------------------------------------------------------- IMSAT
def test_imsat_mi_bounds() -> None:
    gen = torch.Generator().manual_seed(0)
    probs = torch.softmax(torch.randn(50, 5, generator=gen), 1)
    assert 0 <= imsat_mi(probs).item() <= math.log(5)
    balanced = F.one_hot(torch.arange(20) % 5, 5).float()
    assert imsat_mi(balanced).item() == pytest.approx(math.log(5), abs=1e-6)
    same = probs[:1].repeat(7, 1)
    assert imsat_mi(same).item() == pytest.approx(0.0, abs=1e-6)
    # It is the plug-in MI between the sample index and a hard assignment.
    labels = torch.arange(20) % 4
    with pytest.warns(mt.BiasWarning):  # 1 sample per index: the point here
        exact = mt.mi(np.arange(20), labels.numpy(), method="plugin")
    assert imsat_mi(F.one_hot(labels, 4).float()).item() == pytest.approx(exact)


def test_imsat_mi_gradcheck() -> None:
    gen = torch.Generator().manual_seed(3)
    logits = torch.randn(6, 3, generator=gen, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda z: imsat_mi(torch.softmax(z, 1)), (logits,))


def test_imsat_mi_rejects_bad_probabilities() -> None:
    with pytest.raises(InvalidDataError, match=r"sum to 1"):
        imsat_mi(torch.full((3, 2), 0.4))
    with pytest.raises(InvalidDataError, match=r">= 0"):
        imsat_mi(torch.tensor([[1.5, -0.5]]))
    with pytest.raises(InvalidDataError, match=r"non-finite"):
        imsat_mi(torch.tensor([[math.nan, 1.0]]))
    with pytest.raises(InvalidParameterError, match=r"torch.Tensor"):
        imsat_mi([[0.5, 0.5]])  # type: ignore[arg-type]


def test_neighbour_radii_match_brute_force() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(30, 3))
    d = np.sqrt(((x[:, None] - x[None]) ** 2).sum(-1))
    np.fill_diagonal(d, np.inf)
    expected = np.sort(d, axis=1)[:, 4]
    np.testing.assert_allclose(neighbour_radii(x, k=5).numpy(), expected, rtol=1e-6)
    with pytest.raises(InvalidDataError, match=r"VAT radius of zero"):
        neighbour_radii(np.zeros((5, 2)), k=2)


# ------------------------------------------------------------ VIB and dropout
def test_gaussian_kl_closed_form_and_gradcheck() -> None:
    gen = torch.Generator().manual_seed(0)
    mu, logvar = torch.randn(7, 3, generator=gen), torch.randn(7, 3, generator=gen)
    q = torch.distributions.Normal(mu, torch.exp(0.5 * logvar))
    p = torch.distributions.Normal(torch.zeros(3), torch.ones(3))
    expected = torch.distributions.kl_divergence(q, p).sum(1).mean()
    assert gaussian_kl(mu, logvar).item() == pytest.approx(expected.item(), rel=1e-6)
    args = (mu.double().requires_grad_(), logvar.double().requires_grad_())
    assert torch.autograd.gradcheck(gaussian_kl, args)
    with pytest.raises(InvalidDataError, match=r"same shape"):
        gaussian_kl(mu, logvar[:, :2])


def test_vib_loss_terms_units_and_gradients() -> None:
    gen = torch.Generator().manual_seed(0)
    mu = torch.randn(8, 2, generator=gen, requires_grad=True)
    logvar = torch.randn(8, 2, generator=gen, requires_grad=True)
    z = VIBLoss.sample(mu, logvar, 3, rng=gen)
    assert z.shape == (3, 8, 2)
    head = torch.nn.Linear(2, 4)
    target = torch.arange(8) % 4
    vib = VIBLoss(beta=0.1, base=2)
    out = vib(mu, logvar, head(z), target)
    kl = gaussian_kl(mu, logvar).item()
    ce = F.cross_entropy(head(z).reshape(24, 4), target.repeat(3)).item()
    assert out.terms["i_zx"] == pytest.approx(kl / math.log(2), rel=1e-6)
    assert out.terms["i_zy"] == pytest.approx(
        (math.log(4) - ce) / math.log(2), rel=1e-5
    )
    assert out.terms["i_zy"] <= 2.0  # log2 of 4 classes
    assert out.loss.item() == pytest.approx(ce + 0.1 * kl, rel=1e-6)
    out.loss.backward()
    assert mu.grad is not None
    assert logvar.grad is not None
    assert list(vib.parameters()) == []  # the prior N(0, I) has nothing to train
    with pytest.raises(InvalidParameterError, match=r"'beta'"):
        VIBLoss(beta=-1.0)
    with pytest.raises(InvalidDataError, match=r"'logits' term has"):
        vib(mu, logvar, torch.full((8, 4), math.nan), target)


def test_information_dropout_kl_closed_forms() -> None:
    gen = torch.Generator().manual_seed(0)
    alpha = 0.05 + 0.6 * torch.rand(5, 4, generator=gen)
    f = 0.1 + torch.rand(5, 4, generator=gen)
    relu = information_dropout_kl(alpha)
    assert relu.item() == pytest.approx(torch.log(0.701 / alpha).sum(1).mean().item())
    assert relu.item() >= 0
    kl = information_dropout_kl(
        alpha, f, activation="softplus", prior_mean=-0.5, prior_std=0.8
    )
    post = torch.distributions.Normal(torch.log(f), alpha)
    prior = torch.distributions.Normal(torch.tensor(-0.5), torch.tensor(0.8))
    expected = torch.distributions.kl_divergence(post, prior).sum(1).mean()
    assert kl.item() == pytest.approx(expected.item(), rel=1e-5)
    with pytest.raises(InvalidDataError, match=r"needs the 'activations'"):
        information_dropout_kl(alpha, activation="softplus")


def test_information_dropout_layer() -> None:
    layer = InformationDropout(3, 4, max_alpha=0.5, rng=0)
    x = torch.randn(6, 3, generator=torch.Generator().manual_seed(1))
    out = layer(x)
    assert float(layer.alpha(x).detach().max()) <= 0.501
    assert out.terms["mean_alpha"] == pytest.approx(layer.alpha(x).mean().item())
    out.kl.backward()
    assert layer.alpha_layer.weight.grad is not None
    assert layer.linear.weight.grad is None  # the ReLU KL ignores f(x)
    layer.eval()
    torch.testing.assert_close(layer(x).z, torch.relu(layer.linear(x)))
    again = InformationDropout(3, 4, max_alpha=0.5, rng=0)
    torch.testing.assert_close(again(x).z, out.z)  # same seed, same noise
    with pytest.raises(InvalidParameterError, match=r"'activation'"):
        InformationDropout(3, 4, activation="tanh")


# ------------------------------------------------------------------------ VDB
def test_vdb_dual_update_follows_its_rule() -> None:
    vdb = VDBLoss(i_c=0.5, beta=0.2, beta_step=0.1)
    beta = 0.2
    for kl in [1.5, 0.7, 0.0, 0.0, 0.0, 2.5, 0.5]:
        beta = max(0.0, beta + 0.1 * (kl - 0.5))
        assert vdb.update_beta(kl) == pytest.approx(beta, abs=1e-15)
    assert float(vdb.beta) == pytest.approx(beta)
    # Direction: the multiplier grows when the KL exceeds I_c, shrinks below.
    assert VDBLoss(0.5, beta=1.0, beta_step=0.1).update_beta(0.9) > 1.0
    assert VDBLoss(0.5, beta=1.0, beta_step=0.1).update_beta(0.1) < 1.0


def test_vdb_loss_value() -> None:
    vdb = VDBLoss(i_c=0.5, beta=0.3)
    gen = torch.Generator().manual_seed(0)
    r, f = torch.randn(5, generator=gen), torch.randn(5, generator=gen)
    mu, logvar = torch.randn(10, 2, generator=gen), torch.randn(10, 2, generator=gen)
    out = vdb(r, f, mu, logvar)
    bce = F.binary_cross_entropy_with_logits
    expected = bce(r, torch.ones(5)) + bce(f, torch.zeros(5))
    kl = gaussian_kl(mu, logvar)
    assert out.loss.item() == pytest.approx(
        (expected + 0.3 * (kl - 0.5)).item(), rel=1e-6
    )
    assert out.terms["kl"] == pytest.approx(kl.item())
    with pytest.raises(InvalidParameterError, match=r"'i_c'"):
        VDBLoss(i_c=-0.1)
    with pytest.raises(InvalidParameterError, match=r"'beta'"):
        VDBLoss(beta=-1.0)


# ------------------------------------------------------ weighted GAN costs
def _skew_js(p: np.ndarray, q: np.ndarray, a: float) -> float:
    m = a * p + (1 - a) * q
    return float(a * np.sum(p * np.log(p / m)) + (1 - a) * np.sum(q * np.log(q / m)))


@pytest.mark.parametrize("alpha", [0.5, 0.1, 0.9])
def test_weighted_costs_at_the_optimal_discriminator(alpha: float) -> None:
    p, q = np.array([0.75, 0.25]), np.array([0.25, 0.75])
    logit = torch.tensor(np.log(alpha * p / ((1 - alpha) * q)))
    real = logit[torch.tensor([0, 0, 0, 1])]  # 4 samples of P
    fake = logit[torch.tensor([0, 1, 1, 1])]  # 4 samples of Q
    out = WeightedAdversarialLoss(alpha)(real, fake)
    assert out.terms["divergence"] == pytest.approx(_skew_js(p, q, alpha), rel=1e-9)
    if alpha == 0.5:  # the standard GAN value 2 JS - log 4
        assert -out.loss.item() == pytest.approx(_skew_js(p, q, 0.5) - math.log(2))


def test_weighted_costs_limits_are_the_two_kls() -> None:
    p, q = np.array([0.6, 0.3, 0.1]), np.array([0.2, 0.3, 0.5])
    kl_pq, kl_qp = np.sum(p * np.log(p / q)), np.sum(q * np.log(q / p))
    assert _skew_js(p, q, 1e-5) / 1e-5 == pytest.approx(kl_pq, rel=1e-3)
    assert _skew_js(p, q, 1 - 1e-5) / 1e-5 == pytest.approx(kl_qp, rel=1e-3)
    with pytest.raises(InvalidParameterError, match=r"'alpha'.*\(0.0, 1.0\)"):
        WeightedAdversarialLoss(1.0)


# ------------------------------------------------------------ exploration bonus
def test_bonus_equals_brute_force_counts() -> None:
    rng = np.random.default_rng(0)
    bonus = MIExplorationBonus([-1.0, -1.0], [1.0, 1.0], (3, 4), n_latents=3)
    states, latents = [], []
    for _ in range(4):  # streaming batches
        s = rng.uniform(-1.2, 1.2, size=(25, 2))
        z = rng.integers(0, 3, 25)
        z[s[:, 0] > 0.4] = 2  # make Z depend on the position
        out = bonus(torch.tensor(s), torch.tensor(z))
        states.append(s)
        latents.append(z)
    s, z = np.concatenate(states), np.concatenate(latents)
    ix = np.clip(np.floor((s[:, 0] + 1) / 2 * 3), 0, 2).astype(int)
    iy = np.clip(np.floor((s[:, 1] + 1) / 2 * 4), 0, 3).astype(int)
    cell = ix * 4 + iy
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.BiasWarning)
        exact = mt.mi(cell, z, method="plugin")
    assert out.terms["mi"] == pytest.approx(exact, abs=1e-12)
    table = np.zeros((12, 3))
    for c, k in zip(cell, z, strict=True):
        table[c, k] += 1
    np.testing.assert_array_equal(bonus.counts.numpy(), table)
    last = slice(75, 100)
    expected = np.log(table[cell[last], z[last]] / table[cell[last]].sum(1))
    np.testing.assert_allclose(out.bonus.numpy(), expected, rtol=1e-12)
    assert not out.bonus.requires_grad


def test_bonus_bad_input() -> None:
    with pytest.raises(InvalidParameterError, match=r"count table of 1000000 cells"):
        MIExplorationBonus([0.0, 0.0], [1.0, 1.0], 1000, n_latents=8, max_bytes=2**20)
    bonus = MIExplorationBonus([0.0], [1.0], 4, n_latents=2)
    with pytest.raises(InvalidDataError, match=r"1 columns"):
        bonus(torch.zeros(3, 2), torch.zeros(3, dtype=torch.long))
    with pytest.raises(InvalidDataError, match=r"lie in \[0, 1\]"):
        bonus(torch.zeros(3, 1), torch.tensor([0, 1, 2]))
    with pytest.raises(InvalidDataError, match=r"no count yet"):
        bonus(torch.zeros(1, 1), torch.tensor([0]), update=False)
