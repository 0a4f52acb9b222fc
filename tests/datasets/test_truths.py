"""Each task's truth checked independently of its formula.

Gaussians: the closed form computed from the covariance of 10^6 samples.
Discrete: exact enumeration of the joint table (and P^d for Markov chains).
1-D mixtures and additive noise: numerical integration of the densities.
Student-t and Gao's mixture: Monte-Carlo of E[ln dP_XY / d(P_X x P_Y)] on
samples, with densities from scipy (an independent derivation).
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from scipy import integrate, stats

from mutinfo import datasets
from mutinfo.exceptions import DataWarning
from tests import reference


def gaussian_mi(cov: np.ndarray, dim_x: int) -> float:
    """1/2 ln(|S_x| |S_y| / |S|): the test's own log-det, not mutinfo's."""
    logdet = lambda c: np.linalg.slogdet(c)[1]  # noqa: E731
    return 0.5 * float(
        logdet(cov[:dim_x, :dim_x]) + logdet(cov[dim_x:, dim_x:]) - logdet(cov)
    )


def _entropy(p: np.ndarray) -> float:
    p = p[p > 0]
    return float(-(p * np.log(p)).sum())


def joint_mi(joint: np.ndarray) -> float:
    """H(X) + H(Y) - H(X, Y) of a joint probability table."""
    return _entropy(joint.sum(1)) + _entropy(joint.sum(0)) - _entropy(joint.ravel())


def _truth(key: str) -> float:
    """tests/reference/values/dataset_truths.json (mpmath, from the definitions)."""
    return float(reference.value("dataset_truths", key))


GAUSSIAN_TASKS = [
    "gaussian-d1-rho0",
    "gaussian-d1-rho0.5",
    "gaussian-d1-rho0.9",
    "gaussian-d1-rho0.99",
    "gaussian-d3-rho0.5",
    "gaussian-d5-rho0.75",
    "gaussian_dense-2x2-rho0.3",
    "gaussian_dense-5x5-rho0.15",
    "gaussian_sparse-5x5-k2-rho0.8",
    "ar1-a0.9-lag1",
    "ar1-a0.9-lag5",
]


@pytest.mark.parametrize("name", GAUSSIAN_TASKS)
def test_gaussian_truth_from_sample_covariance(name: str) -> None:
    task = datasets.get(name)
    n = 1_000_000 if task.dim_x + task.dim_y <= 4 else 200_000
    x, y = task.sample(n, rng=1)
    cov = np.cov(np.hstack([x, y]), rowvar=False)
    plug_in = gaussian_mi(cov, task.dim_x)
    # Standard error of the plug-in Gaussian MI is about sqrt(2 * I / n) per
    # correlated pair (delta method; rho^2 / n at small I) plus a positive bias of
    # dx * dy / (2n); 6 standard errors plus the bias keeps false failures rare.
    sd = math.sqrt((2 * task.mutual_information + task.dim_x * task.dim_y / n) / n)
    tol = 6 * sd + task.dim_x * task.dim_y / (2 * n) + 1e-4
    assert plug_in == pytest.approx(task.mutual_information, abs=tol)


@pytest.mark.parametrize("mi", [2.0, 10.0])
def test_staircase_truth_from_sample_covariance(mi: float) -> None:
    task = datasets.staircase(mi=mi, dim=20)
    x, y = task.sample(100_000, rng=2)
    plug_in = gaussian_mi(np.cov(np.hstack([x, y]), rowvar=False), 20)
    # 400 cross-covariance entries: bias ~ 20*20/(2n) = 0.002; sd ~ sqrt(2 I / n).
    assert plug_in == pytest.approx(mi, abs=0.002 + 6 * math.sqrt(2 * mi / 1e5))


def test_gaussian_closed_forms_match_reference_values() -> None:
    # REFERENCES.md quotes these to 6 digits: rho 0.5: 0.143841; 0.75: 0.413339;
    # 0.9: 0.830366; 0.99: 1.958518; d=20, rho=0.5: 2.876821.
    for rho in (0.5, 0.75, 0.9, 0.99):
        assert datasets.gaussian(rho=rho).mutual_information == pytest.approx(
            _truth(f"gaussian/rho={rho}"), abs=1e-12
        )
    assert datasets.gaussian(rho=0.5, dim=20).mutual_information == pytest.approx(
        _truth("gaussian/rho=0.5/dim=20"), abs=1e-12
    )
    assert datasets.staircase(mi=4.0).mutual_information == 4.0


def _t_logpdf(v: np.ndarray, dof: float) -> np.ndarray:
    d = v.shape[1]
    if d == 1:
        return np.asarray(stats.t.logpdf(v[:, 0], dof))
    return np.asarray(stats.multivariate_t.logpdf(v, np.zeros(d), np.eye(d), df=dof))


@pytest.mark.parametrize(
    ("dof", "dim"), [(1, 1), (2, 1), (5, 1), (1, 2), (3, 2), (2, 5)]
)
def test_student_t_truth_by_monte_carlo(dof: float, dim: int) -> None:
    task = datasets.student_t(dof=dof, dim=dim)
    x, y = task.sample(200_000, rng=3)
    log_ratio = (
        _t_logpdf(np.hstack([x, y]), dof) - _t_logpdf(x, dof) - _t_logpdf(y, dof)
    )
    se = log_ratio.std() / math.sqrt(len(log_ratio))
    # Monte-Carlo mean of the log density ratio: unbiased, 5 standard errors.
    assert log_ratio.mean() == pytest.approx(task.mutual_information, abs=5 * se)


def test_student_t_mi_vanishes_with_many_degrees_of_freedom() -> None:
    # Large dof -> Gaussian with identity covariance -> independent.
    assert datasets.student_t(dof=1e6, dim=2).mutual_information < 1e-10
    values = [datasets.student_t(dof=v).mutual_information for v in (1, 2, 5, 30)]
    assert values == sorted(values, reverse=True)


@pytest.mark.parametrize("eps", [0.05, 0.1, 0.5, 0.75, 2.0])
def test_additive_uniform_truth_by_integration(eps: float) -> None:
    def density(y: float) -> float:
        return (min(y + eps, 1.0) - max(y - eps, 0.0)) / (2 * eps)

    def integrand(y: float) -> float:
        p = density(y)
        return -p * math.log(p) if p > 0 else 0.0

    breaks = sorted({-eps, eps, 1 - eps, 1 + eps})
    h_y = sum(integrate.quad(integrand, a, b)[0] for a, b in itertools.pairwise(breaks))
    truth = h_y - math.log(2 * eps)
    assert datasets.additive_uniform(eps=eps).mutual_information == pytest.approx(
        truth, abs=1e-8
    )
    x, y = datasets.additive_uniform(eps=eps).sample(10_000, rng=0)
    assert np.all(np.abs(y - x) <= eps)
    assert x.min() >= 0
    assert x.max() <= 1


def _hb(q: float) -> float:
    return -sum(v * math.log(v) for v in (q, 1 - q) if v > 0)


def test_channels_by_enumeration() -> None:
    for q in (0.0, 0.1, 0.3, 0.5):
        assert datasets.binary_symmetric(flip=q).mutual_information == pytest.approx(
            math.log(2) - _hb(q), abs=1e-12
        )
    for f, p in [(0.5, 0.5), (0.2, 0.4)]:
        assert datasets.z_channel(flip=f, p=p).mutual_information == pytest.approx(
            _hb(p * (1 - f)) - p * _hb(f), abs=1e-12
        )
    # REFERENCES.md: BSC flip q, uniform input: 1 - H_b(q) bits.
    bsc = datasets.binary_symmetric(flip=0.1).mutual_information / math.log(2)
    assert bsc == pytest.approx(_truth("binary_symmetric/flip=0.1/bits"), abs=1e-12)


@pytest.mark.parametrize("seed", [0, 1])
def test_random_channel_by_entropies_and_sampling(seed: int) -> None:
    task = datasets.random_channel(4, 5, seed=seed)
    channel = np.random.default_rng(seed).dirichlet(np.ones(5), size=4)
    joint = channel / channel.sum(1, keepdims=True) / 4
    by_entropies = (
        _entropy(joint.sum(1)) + _entropy(joint.sum(0)) - _entropy(joint.ravel())
    )
    assert task.mutual_information == pytest.approx(by_entropies, abs=1e-12)
    x, y = task.sample(400_000, rng=seed)
    freq = np.zeros((4, 5))
    np.add.at(freq, (x[:, 0], y[:, 0]), 1)
    freq /= freq.sum()
    # Sampled cell frequencies: binomial sd <= sqrt(0.25 / n) = 8e-4; 6 sd.
    np.testing.assert_allclose(freq, joint, atol=5e-3)
    # Plug-in MI of 4e5 draws: bias (4-1)(5-1)/(2n) = 1.5e-5, sd ~ 1e-3.
    assert joint_mi(freq) == pytest.approx(task.mutual_information, abs=6e-3)


@pytest.mark.parametrize("lag", [1, 2, 5, 10])
def test_markov_chain_by_matrix_power(lag: int) -> None:
    flip = 0.1
    transition = np.array([[1 - flip, flip], [flip, 1 - flip]])
    joint = 0.5 * np.linalg.matrix_power(transition, lag)  # stationary (1/2, 1/2)
    task = datasets.markov_chain(flip=flip, lag=lag)
    assert task.mutual_information == pytest.approx(joint_mi(joint), abs=1e-12)
    # REFERENCES.md bits: d=1 0.531004, d=2 0.319923, d=5 0.078903, d=10 0.008333.
    bits = _truth(f"markov_chain/flip=0.1/lag={lag}/bits")
    assert task.mutual_information / math.log(2) == pytest.approx(bits, abs=1e-12)
    x, y = task.sample(200_000, rng=lag)
    # P(x != y) = (1 - (1 - 2 flip)^lag) / 2; binomial sd <= 1.2e-3.
    assert np.mean(x != y) == pytest.approx(joint[0, 1] * 2, abs=6e-3)


def _mixture_mi_by_integration(
    px: list[float], cond: list[tuple[float, float]]
) -> float:
    """I = sum_x p(x) int p(y|x) ln(p(y|x) / p(y)) dy for uniform conditionals."""

    def p_y(y: float) -> float:
        return sum(
            p / (b - a) for p, (a, b) in zip(px, cond, strict=True) if a <= y <= b
        )

    total = 0.0
    for p, (a, b) in zip(px, cond, strict=True):
        breaks = sorted({a, b, *(e for c in cond for e in c if a < e < b)})
        for lo, hi in itertools.pairwise(breaks):
            val, _ = integrate.quad(
                lambda y, a=a, b=b: (1 / (b - a)) * math.log((1 / (b - a)) / p_y(y)),
                lo,
                hi,
            )
            total += p * val
    return total


@pytest.mark.parametrize("p", [0.5, 0.3, 0.7, 0.05])
def test_ross_truth_by_integration(p: float) -> None:
    truth = _mixture_mi_by_integration([1 - p, p], [(-1.0, 1.0), (0.0, 2.0)])
    assert datasets.ross(p=p).mutual_information == pytest.approx(truth, abs=1e-9)


def test_ross_reference_values() -> None:
    # REFERENCES.md: p = 0.5: 0.346574; p = 0.3 or 0.7: 0.3054.
    for p in (0.5, 0.3, 0.7):
        assert datasets.ross(p=p).mutual_information == pytest.approx(
            _truth(f"ross/p={p}"), abs=1e-12
        )
    x, y = datasets.ross(p=0.3).sample(100_000, rng=0)
    assert x.mean() == pytest.approx(0.3, abs=0.01)
    assert y[x == 0].min() >= -1
    assert y[x == 0].max() <= 1
    assert y[x == 1].min() >= 0
    assert y[x == 1].max() <= 2


@pytest.mark.parametrize("m", [2, 3, 5, 10])
def test_discrete_uniform_truth_by_integration(m: int) -> None:
    truth = _mixture_mi_by_integration([1 / m] * m, [(k, k + 2.0) for k in range(m)])
    assert datasets.discrete_uniform(m=m).mutual_information == pytest.approx(
        truth, abs=1e-9
    )


def test_gao_mixture_truth_by_monte_carlo() -> None:
    rho, flip, w = 0.9, 0.1, 0.5
    task = datasets.gao_mixture(rho=rho, flip=flip, weight=w)
    x, y = (v[:, 0] for v in task.sample(400_000, rng=5))
    atom_x, atom_y = np.isin(x, (-1.0, 1.0)), np.isin(y, (-1.0, 1.0))
    # The Gaussian part hits +-1 exactly with probability 0.
    np.testing.assert_array_equal(atom_x, atom_y)
    # Density of the joint w.r.t. (Lebesgue + counting) over that of P_X x P_Y.
    same = x == y
    pd_joint = (1 - w) * np.where(same, (1 - flip) / 2, flip / 2)
    pd_marg = ((1 - w) / 2) ** 2
    gauss = stats.multivariate_normal([0, 0], [[1, rho], [rho, 1]])
    pc_joint = w * gauss.pdf(np.column_stack([x, y]))
    pc_marg = w * stats.norm.pdf(x) * w * stats.norm.pdf(y)
    log_ratio = np.where(
        atom_x,
        np.log(pd_joint / pd_marg),
        np.log(np.where(atom_x, 1.0, pc_joint) / np.where(atom_x, 1.0, pc_marg)),
    )
    se = log_ratio.std() / math.sqrt(len(log_ratio))
    assert log_ratio.mean() == pytest.approx(task.mutual_information, abs=5 * se)
    assert task.mutual_information == pytest.approx(
        _truth("gao_mixture/rho=0.9/flip=0.1/weight=0.5"), abs=1e-12
    )


@pytest.mark.parametrize(
    ("dof", "dim"),
    [(0.05, 1), (0.5, 2), (1, 1), (2, 5), (16, 1), (30, 3), (1000, 2), (100000, 1)],
)
def test_student_t_truth_matches_the_bmi_closed_form(dof: float, dim: int) -> None:
    # Czyz et al.'s form of the same MI, at 60 digits (tests/reference/scripts/
    # dataset_truths.py); dof = 16 is the switch to the large-dof quadrature.
    expected = _truth(f"student_t/dof={dof:g}/dim={dim}")
    got = datasets.student_t(dof=dof, dim=dim).mutual_information
    assert got == pytest.approx(expected, rel=1e-11, abs=0)


def test_student_t_tiny_dof_samples_the_t_law_not_a_chi2_underflow() -> None:
    # At dof = 0.01, chi2(dof) underflowed to 0 in 2.4 % of the draws, each an
    # infinite t: 2.4 % of +-inf where the law puts 0.08 % beyond float64, and
    # the same excess above 1e100 (12 % instead of 9.7 %).
    n = 100_000
    with pytest.warns(DataWarning, match="beyond the float64 range"):
        x, _ = datasets.student_t(dof=0.01).sample(n, rng=0)
    t = np.abs(x[:, 0])
    for level in ("1e100", "1.7976931348623157e308"):
        p = _truth(f"student_t_tail/dof=0.01/P(|t|>{level})")
        # Binomial count, 6 standard deviations.
        assert np.mean(t > float(level)) == pytest.approx(
            p, abs=6 * math.sqrt(p * (1 - p) / n)
        )
