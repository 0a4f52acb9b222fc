"""Demos of mutinfo.neural.objectives on CPU-sized real data, with measured numbers.

Prints, each seeded:

- IMSAT on scikit-learn's digits (1797 x 64, standardised): clustering
  accuracy after Hungarian matching for seeds 0-2, beside k-means (n_init=10)
  on the same standardised data and on the raw pixels / 16, and
  H(mean p(y|x)) against ln 10;
- VIB on digits (1000 train / 797 test): for each beta, the held-out
  I(Z;X) upper bound (KL), the I(Z;Y) lower bound and accuracy;
- information dropout on digits: mean alpha and held-out accuracy per beta;
- InfoGAN on a 2-D ring of 8 Gaussians: accuracy of the categorical code
  against the mixture component (after matching) and the bound against ln 8;
- Deep InfoMax (local, InfoNCE) on digits: linear-probe accuracy of the
  8-dimensional code beside the same encoder left at its random initialisation;
- VDB on the ring: the KL against I_c, the final beta and the modes covered
  (centres holding >= 1% of 4000 samples within 3 std), beside the same GAN
  with an unconstrained (deterministic) discriminator.

Run: ``PYTHONPATH=src python benchmarks/objectives.py [--quick] [--only NAME]``.
"""

from __future__ import annotations

import argparse
import itertools
import math
import time

import numpy as np
import torch
from scipy.optimize import linear_sum_assignment
from torch import nn

from mutinfo.neural.objectives import (
    DeepInfoMaxLoss,
    IMSATLoss,
    InfoGANLoss,
    InformationDropout,
    QHead,
    VDBLoss,
    VIBLoss,
    neighbour_radii,
)

F = nn.functional


def matched_accuracy(labels: np.ndarray, clusters: np.ndarray, k: int) -> float:
    """Accuracy after the best one-to-one matching of clusters to labels."""
    table = np.zeros((k, k))
    np.add.at(table, (clusters, labels), 1)
    rows, cols = linear_sum_assignment(-table)
    return float(table[rows, cols].sum() / labels.size)


def digits() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits

    data = load_digits()
    return (data.data / 16.0).astype(np.float32), data.target


def mlp(sizes: list[int], seed: int) -> nn.Sequential:
    torch.manual_seed(seed)  # benchmark script only: the library never does this
    layers: list[nn.Module] = []
    for a, b in itertools.pairwise(sizes):
        layers += [nn.Linear(a, b), nn.ReLU()]
    return nn.Sequential(*layers[:-1])


def imsat_net(d: int, k: int, seed: int, width: int = 1200) -> nn.Sequential:
    """IMSAT's network (Hu et al., Section 4): d-1200-1200-k, BN and ReLU."""
    torch.manual_seed(seed)  # benchmark script only
    return nn.Sequential(
        nn.Linear(d, width),
        nn.BatchNorm1d(width),
        nn.ReLU(),
        nn.Linear(width, width),
        nn.BatchNorm1d(width),
        nn.ReLU(),
        nn.Linear(width, k),
    )


def imsat_demo(epochs: int, seed: int = 0, width: int = 1200) -> dict[str, float]:
    """IMSAT (mu=4, lam=0.1, radius 0.25 x 10th neighbour) on standardised digits.

    Adam lr 2e-3, batches of 250, the paper's d-1200-1200-10 network. k-means
    (n_init=10) is run on the standardised inputs IMSAT sees and on the raw
    pixels / 16, where it does better.
    """
    from sklearn.cluster import KMeans

    raw, y = digits()
    x_np = ((raw - raw.mean(0)) / (raw.std(0) + 1e-8)).astype(np.float32)
    x = torch.as_tensor(x_np)
    radius = neighbour_radii(x_np, k=10)
    model = imsat_net(64, 10, seed, width)
    loss_fn = IMSATLoss(model, rng=seed)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    gen = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        model.train()
        for idx in torch.randperm(len(x), generator=gen).split(250):
            out = loss_fn(x[idx], radius[idx])
            opt.zero_grad()
            out.loss.backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        p = torch.softmax(model(x), 1)
    marginal = p.mean(0)
    km_std = KMeans(10, n_init=10, random_state=seed).fit_predict(x_np)
    km_raw = KMeans(10, n_init=10, random_state=seed).fit_predict(raw)
    return {
        "seed": seed,
        "imsat_accuracy": matched_accuracy(y, p.argmax(1).numpy(), 10),
        "kmeans_std_accuracy": matched_accuracy(y, km_std, 10),
        "kmeans_raw_accuracy": matched_accuracy(y, km_raw, 10),
        "h_marginal": float(-(marginal * marginal.log()).sum()),
        "ln_10": math.log(10),
    }


def vib_demo(betas: list[float], epochs: int, seed: int = 0) -> list[dict[str, float]]:
    x_np, y_np = digits()
    x, y = torch.as_tensor(x_np), torch.as_tensor(y_np)
    perm = np.random.default_rng(seed).permutation(len(x))
    tr, te = perm[:1000], perm[1000:]
    rows = []
    for beta in betas:
        enc = mlp([64, 128, 16], seed)  # 8 means, 8 log-variances
        dec = mlp([8, 10], seed + 1)
        opt = torch.optim.Adam([*enc.parameters(), *dec.parameters()], lr=1e-3)
        vib = VIBLoss(beta, label_entropy=math.log(10))
        gen = torch.Generator().manual_seed(seed)
        for _ in range(epochs):
            for idx in torch.as_tensor(tr)[
                torch.randperm(len(tr), generator=gen)
            ].split(100):
                mu, logvar = enc(x[idx]).chunk(2, dim=1)
                z = VIBLoss.sample(mu, logvar, rng=gen)
                out = vib(mu, logvar, dec(z), y[idx])
                opt.zero_grad()
                out.loss.backward()
                opt.step()
        with torch.no_grad():
            mu, logvar = enc(x[te]).chunk(2, dim=1)
            z = VIBLoss.sample(mu, logvar, 12, rng=gen)
            out = vib(mu, logvar, dec(z), y[te])
            acc = float((dec(mu).argmax(1) == y[te]).float().mean())
        rows.append(
            {
                "beta": beta,
                "i_zx": out.terms["i_zx"],
                "i_zy": out.terms["i_zy"],
                "accuracy": acc,
            }
        )
    return rows


def dropout_demo(
    betas: list[float], epochs: int, seed: int = 0
) -> list[dict[str, float]]:
    x_np, y_np = digits()
    x, y = torch.as_tensor(x_np), torch.as_tensor(y_np)
    perm = np.random.default_rng(seed).permutation(len(x))
    tr, te = perm[:1000], perm[1000:]
    rows = []
    for beta in betas:
        layer = InformationDropout(64, 64, rng=seed)
        head = mlp([64, 10], seed)
        opt = torch.optim.Adam([*layer.parameters(), *head.parameters()], lr=1e-3)
        gen = torch.Generator().manual_seed(seed)
        for _ in range(epochs):
            layer.train()
            for idx in torch.as_tensor(tr)[
                torch.randperm(len(tr), generator=gen)
            ].split(100):
                out = layer(x[idx])
                loss = F.cross_entropy(head(out.z), y[idx]) + beta * out.kl
                opt.zero_grad()
                loss.backward()
                opt.step()
        layer.eval()
        with torch.no_grad():
            out = layer(x[te])
            acc = float((head(out.z).argmax(1) == y[te]).float().mean())
        rows.append(
            {"beta": beta, "mean_alpha": out.terms["mean_alpha"], "accuracy": acc}
        )
    return rows


def ring(n: int, gen: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    comp = torch.randint(0, 8, (n,), generator=gen)
    angle = comp.float() * (2 * math.pi / 8)
    centre = 2.0 * torch.stack([angle.cos(), angle.sin()], 1)
    return centre + 0.05 * torch.randn(n, 2, generator=gen), comp


def infogan_demo(steps: int, seed: int = 0) -> dict[str, float]:
    gen = torch.Generator().manual_seed(seed)
    info = InfoGANLoss((8,))
    g = mlp([2 + 8, 128, 128, 2], seed)
    body = nn.Sequential(*list(mlp([2, 128, 128], seed + 1)), nn.ReLU())
    d_out = mlp([128, 1], seed + 2)
    q = QHead(128, (8,), hidden=(64,), rng=seed)
    opt_d = torch.optim.Adam(
        [*body.parameters(), *d_out.parameters()], lr=1e-3, betas=(0.5, 0.999)
    )
    opt_g = torch.optim.Adam(
        [*g.parameters(), *q.parameters()], lr=1e-3, betas=(0.5, 0.999)
    )
    bce = F.binary_cross_entropy_with_logits
    for _ in range(steps):
        real, _ = ring(128, gen)
        c, _, code = info.sample_codes(128, rng=gen)
        fake = g(torch.cat([torch.randn(128, 2, generator=gen), code], 1))
        d_loss = bce(d_out(body(real)), torch.ones(128, 1)) + bce(
            d_out(body(fake.detach())), torch.zeros(128, 1)
        )
        opt_d.zero_grad()
        d_loss.backward()
        opt_d.step()
        h = body(fake)
        out = info(q(h), c)
        g_loss = bce(d_out(h), torch.ones(128, 1)) + out.loss
        opt_g.zero_grad()
        g_loss.backward()
        opt_g.step()
    with torch.no_grad():
        c, _, code = info.sample_codes(4000, rng=gen)
        fake = g(torch.cat([torch.randn(4000, 2, generator=gen), code], 1))
        angle = torch.atan2(fake[:, 1], fake[:, 0]) % (2 * math.pi)
        comp = torch.round(angle / (2 * math.pi / 8)).long() % 8
        out = info(q(body(fake)), c)
    return {
        "code_accuracy": matched_accuracy(comp.numpy(), c[:, 0].numpy(), 8),
        "bound": out.terms["bound_cat"],
        "ln_8": math.log(8),
    }


class ConvEncoder(nn.Module):
    """8x8 digit -> local 4x4x32 feature map -> global code (Deep InfoMax)."""

    def __init__(self, seed: int, code: int = 8, width: int = 32) -> None:
        super().__init__()
        torch.manual_seed(seed)  # benchmark script only
        self.local = nn.Sequential(
            nn.Conv2d(1, width, 3, padding=1),
            nn.ReLU(),
            nn.Conv2d(width, width, 3, stride=2, padding=1),
            nn.ReLU(),
        )
        self.glob = nn.Sequential(
            nn.Flatten(), nn.Linear(width * 16, 256), nn.ReLU(), nn.Linear(256, code)
        )

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        c = self.local(x.view(-1, 1, 8, 8))
        return c, self.glob(c)


def linear_probe(
    enc: ConvEncoder, x: torch.Tensor, y: np.ndarray, tr: np.ndarray, te: np.ndarray
) -> float:
    """Held-out accuracy of a logistic regression on the standardised codes."""
    from sklearn.linear_model import LogisticRegression

    with torch.no_grad():
        z = enc(x)[1].numpy()
    m, s = z[tr].mean(0), z[tr].std(0) + 1e-6
    clf = LogisticRegression(max_iter=2000).fit((z[tr] - m) / s, y[tr])
    return float(clf.score((z[te] - m) / s, y[te]))


def dim_demo(
    epochs: int, seed: int = 0, code: int = 8, n_train: int = 1000
) -> dict[str, float]:
    """DIM(L) with InfoNCE; probe trained on n_train digits, tested on the rest."""
    x_np, y = digits()
    x = torch.as_tensor(x_np)
    perm = np.random.default_rng(seed).permutation(len(x))
    tr, te = perm[:n_train], perm[n_train:]
    random_encoder = ConvEncoder(seed, code)
    enc = ConvEncoder(seed, code)  # the same initialisation, then trained
    torch.manual_seed(seed + 1)
    phi = nn.Conv2d(32, 64, 1)  # local features -> critic space
    psi = nn.Linear(code, 64)  # code -> critic space
    loss_fn = DeepInfoMaxLoss("infonce", alpha=0.0, beta=1.0, gamma=0.0)
    params = [*enc.parameters(), *phi.parameters(), *psi.parameters()]
    opt = torch.optim.Adam(params, lr=1e-3)
    gen = torch.Generator().manual_seed(seed)
    local = math.nan
    for _ in range(epochs):
        for idx in torch.as_tensor(tr)[torch.randperm(len(tr), generator=gen)].split(
            100
        ):
            c, z = enc(x[idx])
            scores = phi(c).flatten(2).permute(2, 0, 1) @ psi(z).T  # (16, B, B)
            out = loss_fn(local_scores=scores)
            opt.zero_grad()
            out.loss.backward()
            opt.step()
            local = out.terms["local"]
    return {
        "dim_probe": linear_probe(enc, x, y, tr, te),
        "random_probe": linear_probe(random_encoder, x, y, tr, te),
        "local_infonce": local,
    }


def count_modes(samples: torch.Tensor, std: float = 0.05) -> tuple[int, float]:
    """Ring centres holding >= 1% of the samples within 3 std; share within 3 std."""
    angle = torch.arange(8) * (2 * math.pi / 8)
    centres = 2.0 * torch.stack([angle.cos(), angle.sin()], 1)
    near, which = torch.cdist(samples, centres).min(1)
    good = near < 3 * std
    counts = torch.bincount(which[good], minlength=8)
    return int((counts >= 0.01 * len(samples)).sum()), float(good.float().mean())


def vdb_demo(
    steps: int,
    seed: int = 0,
    bottleneck: bool = True,
    i_c: float = 0.5,
    beta_step: float = 1e-3,
) -> dict[str, float]:
    """GAN on the ring; the discriminator sees z ~ N(mu(x), var(x)) under VDB.

    Without the bottleneck the discriminator sees mu(x) and beta stays 0 (the
    KL is still reported). beta_step is larger than the paper's 1e-5 so that
    beta moves within a CPU-sized run.
    """
    gen = torch.Generator().manual_seed(seed)
    g = mlp([2, 128, 128, 2], seed)
    enc = mlp([2, 128, 128, 16], seed + 1)  # 8 means, 8 log-variances
    head = mlp([8, 1], seed + 2)
    opt_d = torch.optim.Adam(
        [*enc.parameters(), *head.parameters()], lr=1e-3, betas=(0.5, 0.999)
    )
    opt_g = torch.optim.Adam(g.parameters(), lr=1e-3, betas=(0.5, 0.999))
    vdb = VDBLoss(i_c, beta_step=beta_step)
    kls: list[float] = []
    for _ in range(steps):
        real, _ = ring(128, gen)
        fake = g(torch.randn(128, 2, generator=gen))
        mu, logvar = enc(torch.cat([real, fake.detach()])).chunk(2, 1)
        z = mu
        if bottleneck:
            z = mu + torch.randn(mu.shape, generator=gen) * (0.5 * logvar).exp()
        logits = head(z)
        out = vdb(logits[:128], logits[128:], mu, logvar)
        opt_d.zero_grad()
        out.loss.backward()  # beta stays 0 without the bottleneck: plain BCE
        opt_d.step()
        if bottleneck:
            vdb.update_beta(out.terms["kl"])
        kls.append(out.terms["kl"])
        g_loss = VDBLoss.generator_loss(head(enc(fake).chunk(2, 1)[0]))
        opt_g.zero_grad()
        g_loss.backward()
        opt_g.step()
    with torch.no_grad():
        modes, quality = count_modes(g(torch.randn(4000, 2, generator=gen)))
    return {
        "modes": modes,
        "within_3std": quality,
        "kl_last_200": float(np.mean(kls[-200:])),
        "i_c": i_c,
        "beta": float(vdb.beta),
    }


def mine_demo(steps: int, seed: int = 0, rho: float = 0.8) -> list[dict[str, float]]:
    """MINE (MINELoss) on a correlated Gaussian, as in docs/mine_training.md.

    Every steps // 5 steps: the DV bound of the critic on 4000 held-out pairs
    (eight batches of 500) beside the closed form -1/2 ln(1 - rho^2).
    """
    from mutinfo.neural import MINELoss, dv_bound, make_critic

    rng = np.random.default_rng(seed)

    def pairs(n: int) -> tuple[torch.Tensor, torch.Tensor]:
        a = rng.standard_normal((n, 1))
        b = rho * a + math.sqrt(1 - rho**2) * rng.standard_normal((n, 1))
        return torch.as_tensor(a, dtype=torch.float32), torch.as_tensor(
            b, dtype=torch.float32
        )

    critic = make_critic("separable", 1, 1, hidden=(32,), embed_dim=16, rng=seed)
    mine = MINELoss(critic, ema=0.99)
    opt = torch.optim.Adam(critic.parameters(), lr=1e-3)
    rows = []
    for step in range(1, steps + 1):
        loss = mine(*pairs(128))
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % max(1, steps // 5) == 0:
            x, y = pairs(4000)
            with torch.no_grad():
                held = [
                    dv_bound(critic(x[i : i + 500], y[i : i + 500])).item()
                    for i in range(0, 4000, 500)
                ]
            rows.append(
                {
                    "step": step,
                    "dv_bound": float(np.mean(held)),
                    "closed_form": -0.5 * math.log(1 - rho**2),
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default=None)
    args = parser.parse_args()
    torch.set_num_threads(1)
    q = args.quick
    demos = {
        "imsat": lambda: [imsat_demo(10 if q else 50, seed) for seed in range(3)],
        "vib": lambda: vib_demo([1e-4, 1e-3, 1e-2, 1e-1, 1.0], 10 if q else 60),
        "dropout": lambda: dropout_demo([1e-5, 1e-4, 1e-3, 1e-1], 10 if q else 60),
        "infogan": lambda: infogan_demo(500 if q else 3000),
        "mine": lambda: mine_demo(200 if q else 2000),
        "dim": lambda: [dim_demo(3 if q else 10, seed) for seed in range(3)],
        "vdb": lambda: [
            {
                "bottleneck": float(b),
                "seed": seed,
                **vdb_demo(500 if q else 2000, seed, b),
            }
            for seed in range(3)
            for b in (True, False)
        ],
    }
    for name, run in demos.items():
        if args.only and name != args.only:
            continue
        t0 = time.perf_counter()
        result = run()
        print(f"{name} ({time.perf_counter() - t0:.0f} s):", flush=True)
        for row in result if isinstance(result, list) else [result]:
            print("  " + ", ".join(f"{k}={v:.4g}" for k, v in row.items()), flush=True)


if __name__ == "__main__":
    main()
