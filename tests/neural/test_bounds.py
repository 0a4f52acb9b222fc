"""Bounds on hand-built score matrices, against values computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.extra.numpy import arrays  # noqa: E402

from mutinfo.exceptions import InvalidDataError, InvalidParameterError  # noqa: E402
from mutinfo.neural import (  # noqa: E402
    ba_bound,
    club_bound,
    dv_bound,
    infonce_bound,
    js_bound,
    nwj_bound,
    smile_bound,
    tuba_bound,
)

S = [[2.0, 0.5, -1.0], [0.0, 1.0, 0.3], [1.0, -0.5, 0.7]]
B = len(S)
DIAG = [S[i][i] for i in range(B)]
OFF = [S[i][j] for i in range(B) for j in range(B) if i != j]


def scores() -> torch.Tensor:
    return torch.tensor(S, dtype=torch.float64)


def mean(values: list[float]) -> float:
    return sum(values) / len(values)


def softplus(v: float) -> float:
    return math.log1p(math.exp(v))


# Hand-computed references: plain Python over the list S, no torch.
def test_dv_by_hand() -> None:
    want = mean(DIAG) - math.log(mean([math.exp(v) for v in OFF]))
    assert dv_bound(scores()).item() == pytest.approx(want, rel=1e-12)


def test_nwj_by_hand() -> None:
    want = mean(DIAG) - mean([math.exp(v - 1) for v in OFF])
    assert nwj_bound(scores()).item() == pytest.approx(want, rel=1e-12)


def test_infonce_by_hand() -> None:
    rows = [S[i][i] - math.log(sum(math.exp(v) for v in S[i])) for i in range(B)]
    want = mean(rows) + math.log(B)
    assert infonce_bound(scores()).item() == pytest.approx(want, rel=1e-12)


def test_js_by_hand() -> None:
    want = mean([-softplus(-v) for v in DIAG]) - mean([softplus(v) for v in OFF])
    assert js_bound(scores()).item() == pytest.approx(want, rel=1e-12)


def test_smile_by_hand_clips_only_the_marginal_term() -> None:
    tau = 0.4
    clipped = [min(max(v, -tau), tau) for v in OFF]
    want = mean(DIAG) - math.log(mean([math.exp(v) for v in clipped]))
    assert smile_bound(scores(), clip=tau).item() == pytest.approx(want, rel=1e-12)


def test_smile_without_clip_is_dv() -> None:
    assert smile_bound(scores(), clip=None).item() == dv_bound(scores()).item()


def test_smile_with_a_loose_clip_is_dv() -> None:
    assert smile_bound(scores(), clip=10.0).item() == pytest.approx(
        dv_bound(scores()).item(), rel=1e-12
    )


def test_tuba_by_hand_with_a_baseline_per_column() -> None:
    a = [0.1, 0.2, -0.3]
    shifted = [[S[i][j] - a[j] for j in range(B)] for i in range(B)]
    off = [shifted[i][j] for i in range(B) for j in range(B) if i != j]
    want = (
        1 + mean([shifted[i][i] for i in range(B)]) - mean([math.exp(v) for v in off])
    )
    got = tuba_bound(scores(), log_baseline=torch.tensor(a, dtype=torch.float64))
    assert got.item() == pytest.approx(want, rel=1e-12)


def test_nwj_is_tuba_with_baseline_e() -> None:
    assert nwj_bound(scores()).item() == pytest.approx(
        tuba_bound(scores(), log_baseline=1.0).item(), rel=1e-12
    )


def test_club_by_hand() -> None:
    assert club_bound(scores()).item() == pytest.approx(
        mean(DIAG) - mean(OFF), rel=1e-12
    )


def test_ba_by_hand() -> None:
    ll = torch.tensor([-1.0, -2.0, -0.5], dtype=torch.float64)
    assert ba_bound(ll, 2.0).item() == pytest.approx(2.0 - 3.5 / 3, rel=1e-12)


@pytest.mark.parametrize("c", [-3.0, 0.0, 2.5])
def test_constant_critic_gives_zero(c: float) -> None:
    const = torch.full((5, 5), c, dtype=torch.float64)
    assert dv_bound(const).item() == pytest.approx(0.0, abs=1e-12)
    assert infonce_bound(const).item() == pytest.approx(0.0, abs=1e-12)
    assert smile_bound(const, clip=5.0).item() == pytest.approx(0.0, abs=1e-12)
    assert tuba_bound(const, log_baseline=c).item() == pytest.approx(0.0, abs=1e-12)
    assert club_bound(const).item() == pytest.approx(0.0, abs=1e-12)


def test_nwj_best_constant_critic_is_one_and_gives_zero() -> None:
    values = [nwj_bound(torch.full((4, 4), c)).item() for c in (0.5, 1.0, 1.5)]
    assert values[1] == pytest.approx(0.0, abs=1e-7)
    assert values[0] < 0
    assert values[2] < 0


def test_js_of_constant_critics_is_at_most_minus_two_log_two() -> None:
    # The f-GAN objective bounds 2 JSD - 2 log 2; independence gives -2 log 2.
    values = [js_bound(torch.full((4, 4), c)).item() for c in (-1.0, 0.0, 1.0)]
    assert values[1] == pytest.approx(-2 * math.log(2), rel=1e-6)
    assert max(values) == values[1]


def test_smile_clip_changes_only_through_the_marginal_term() -> None:
    # A huge off-diagonal score blows up DV; clipping caps its influence.
    s = torch.zeros(4, 4, dtype=torch.float64)
    s[0, 1] = 50.0
    assert dv_bound(s).item() == pytest.approx(-(50 - math.log(12)), abs=1e-6)
    assert smile_bound(s, clip=1.0).item() == pytest.approx(
        -math.log((11 + math.e) / 12), rel=1e-12
    )


square = st.integers(2, 8).flatmap(
    lambda b: arrays(
        np.float64, (b, b), elements=st.floats(-30, 30, allow_subnormal=False)
    )
)


@settings(max_examples=60, deadline=None)
@given(square)
def test_infonce_never_exceeds_log_batch(matrix: np.ndarray) -> None:
    s = torch.as_tensor(matrix)
    assert infonce_bound(s).item() <= math.log(s.shape[0]) + 1e-9


@settings(max_examples=60, deadline=None)
@given(square)
def test_dv_is_at_least_nwj(matrix: np.ndarray) -> None:
    # log m <= m / e for m > 0, so DV >= NWJ on the same scores.
    s = torch.as_tensor(matrix)
    assert dv_bound(s).item() >= nwj_bound(s).item() - 1e-9


@settings(max_examples=40, deadline=None)
@given(square, st.floats(-5, 5))
def test_dv_and_infonce_ignore_a_constant_shift(matrix: np.ndarray, c: float) -> None:
    s = torch.as_tensor(matrix)
    for bound in (dv_bound, infonce_bound):
        assert bound(s + c).item() == pytest.approx(bound(s).item(), rel=1e-9, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(square, st.randoms(use_true_random=False))
def test_bounds_ignore_a_joint_permutation(matrix: np.ndarray, r: object) -> None:
    b = matrix.shape[0]
    perm = list(range(b))
    r.shuffle(perm)  # type: ignore[attr-defined]
    s = torch.as_tensor(matrix)
    p = s[perm][:, perm]
    for bound in (dv_bound, nwj_bound, infonce_bound, js_bound, club_bound):
        assert bound(p).item() == pytest.approx(bound(s).item(), rel=1e-9, abs=1e-9)


def gaussian_log_ratio(x: torch.Tensor, y: torch.Tensor, rho: float) -> torch.Tensor:
    """log p(x, y) / (p(x) p(y)) for standard bivariate normals, all pairs."""
    q = (
        rho**2 * x[:, None] ** 2
        - 2 * rho * x[:, None] * y[None, :]
        + rho**2 * y[None, :] ** 2
    )
    return -0.5 * math.log(1 - rho**2) - q / (2 * (1 - rho**2))


def test_optimal_critic_recovers_gaussian_mi() -> None:
    rho = 0.5
    truth = -0.5 * math.log(1 - rho**2)  # 0.143841
    g = np.random.default_rng(0)
    n, b = 16384, 256
    x = g.standard_normal(n)
    y = rho * x + math.sqrt(1 - rho**2) * g.standard_normal(n)
    xt, yt = torch.as_tensor(x), torch.as_tensor(y)
    vals: dict[str, list[float]] = {"dv": [], "nwj": [], "infonce": []}
    for i in range(0, n, b):
        f = gaussian_log_ratio(xt[i : i + b], yt[i : i + b], rho)
        vals["dv"].append(dv_bound(f).item())
        vals["nwj"].append(nwj_bound(f + 1).item())
        vals["infonce"].append(infonce_bound(f).item())
    for name, v in vals.items():
        # 64 blocks: the standard error of the mean is ~0.006 nats here; DV's
        # log-mean-exp bias and InfoNCE's bias at B=256 are below 0.01 for
        # MI 0.14. 0.03 is 5 standard errors.
        assert np.mean(v) == pytest.approx(truth, abs=0.03), name


def test_ba_with_the_optimal_decoder_is_the_gaussian_channel_mi() -> None:
    # Y = X + sigma N: I = 1/2 ln(1 + 1/sigma^2); q(y|x) = N(x, sigma^2) exactly.
    sigma, n = 0.5, 200_000
    g = np.random.default_rng(1)
    x = torch.as_tensor(g.standard_normal(n))
    y = x + sigma * torch.as_tensor(g.standard_normal(n))
    ll = -0.5 * math.log(2 * math.pi * sigma**2) - (y - x) ** 2 / (2 * sigma**2)
    h_y = 0.5 * math.log(2 * math.pi * math.e * (1 + sigma**2))
    # std of (y - x)^2 / (2 sigma^2) is 1/sqrt(2): the mean has stderr 0.0016.
    assert ba_bound(ll, h_y).item() == pytest.approx(
        0.5 * math.log(1 + 1 / sigma**2), abs=0.01
    )


@pytest.mark.parametrize(
    ("bad", "match"),
    [
        (torch.zeros(3, 2), r"square matrix of shape \(B, B\).*\(3, 2\)"),
        (torch.zeros(4), r"square matrix.*\(4,\)"),
        (torch.zeros(1, 1), r"B >= 2"),
    ],
)
def test_bad_score_shapes_raise(bad: torch.Tensor, match: str) -> None:
    for bound in (dv_bound, nwj_bound, infonce_bound, js_bound, smile_bound):
        with pytest.raises(InvalidDataError, match=match):
            bound(bad)


def test_scores_must_be_a_tensor() -> None:
    with pytest.raises(InvalidParameterError, match=r"'scores'.*torch.Tensor.*list"):
        dv_bound([[1.0, 0.0], [0.0, 1.0]])  # type: ignore[arg-type]


def test_integer_scores_are_promoted() -> None:
    assert dv_bound(torch.eye(2, dtype=torch.int64)).item() == pytest.approx(1.0)


@pytest.mark.parametrize("clip", [0.0, -1.0, "5", True])
def test_smile_rejects_a_bad_clip(clip: object) -> None:
    with pytest.raises(InvalidParameterError, match=r"'clip'.*positive float"):
        smile_bound(torch.zeros(2, 2), clip=clip)  # type: ignore[arg-type]


def test_tuba_rejects_a_baseline_of_the_wrong_shape() -> None:
    with pytest.raises(InvalidDataError, match=r"'log_baseline'.*\(3,\).*\(2,\)"):
        tuba_bound(torch.zeros(3, 3), log_baseline=torch.zeros(2))


def test_ba_rejects_a_matrix() -> None:
    with pytest.raises(InvalidDataError, match=r"'log_likelihood'.*1-D.*\(2, 2\)"):
        ba_bound(torch.zeros(2, 2), 1.0)


def test_club_names_its_parameter() -> None:
    with pytest.raises(InvalidDataError, match="'log_likelihood'"):
        club_bound(torch.zeros(2, 3))


def test_bounds_are_differentiable() -> None:
    s = torch.randn(6, 6, generator=torch.Generator().manual_seed(0))
    for bound in (
        dv_bound,
        nwj_bound,
        infonce_bound,
        js_bound,
        smile_bound,
        club_bound,
    ):
        leaf = s.clone().requires_grad_(True)
        bound(leaf).backward()
        assert leaf.grad is not None
        assert torch.isfinite(leaf.grad).all()
        assert leaf.grad.abs().sum() > 0
