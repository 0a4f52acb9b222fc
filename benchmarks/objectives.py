"""Demos of mutinfo.neural.objectives on CPU-sized real data, with measured numbers.

Prints, each seeded:

- IMSAT on scikit-learn's digits (1797 x 64): clustering accuracy after
  Hungarian matching, beside k-means (n_init=10) on the same data, and
  H(mean p(y|x)) against ln 10;
- VIB on digits (1000 train / 797 test): for each beta, the held-out
  I(Z;X) upper bound (KL), the I(Z;Y) lower bound and accuracy;
- information dropout on digits: mean alpha and held-out accuracy per beta;
- InfoGAN on a 2-D ring of 8 Gaussians: accuracy of the categorical code
  against the mixture component (after matching) and the bound against ln 8.

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
    IMSATLoss,
    InfoGANLoss,
    InformationDropout,
    QHead,
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


def imsat_demo(epochs: int, seed: int = 0) -> dict[str, float]:
    from sklearn.cluster import KMeans

    x_np, y = digits()
    x = torch.as_tensor(x_np)
    radius = neighbour_radii(x_np, k=10)
    model = mlp([64, 256, 256, 10], seed)
    loss_fn = IMSATLoss(model, rng=seed)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    gen = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        for idx in torch.randperm(len(x), generator=gen).split(250):
            out = loss_fn(x[idx], radius[idx])
            opt.zero_grad()
            out.loss.backward()
            opt.step()
    with torch.no_grad():
        p = torch.softmax(model(x), 1)
    marginal = p.mean(0)
    km = KMeans(10, n_init=10, random_state=seed).fit_predict(x_np)
    return {
        "imsat_accuracy": matched_accuracy(y, p.argmax(1).numpy(), 10),
        "kmeans_accuracy": matched_accuracy(y, km, 10),
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default=None)
    args = parser.parse_args()
    torch.set_num_threads(1)
    q = args.quick
    demos = {
        "imsat": lambda: imsat_demo(10 if q else 50),
        "vib": lambda: vib_demo([1e-4, 1e-3, 1e-2, 1e-1, 1.0], 10 if q else 60),
        "dropout": lambda: dropout_demo([1e-5, 1e-4, 1e-3, 1e-1], 10 if q else 60),
        "infogan": lambda: infogan_demo(500 if q else 3000),
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
