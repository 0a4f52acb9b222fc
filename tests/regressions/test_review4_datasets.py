"""Review regressions (h4-rev-data): closed-form truths of mutinfo.datasets.

Reference values from mpmath at 80-200 digits (scripts in /tmp during the
review; the formulas are in each test's docstring).
"""

import math

import numpy as np
import pytest

from mutinfo import datasets
from mutinfo.datasets._student import student_t_mi
from mutinfo.exceptions import InvalidParameterError

# student_t_mi(dof, dx, dy) from h(d) = lnG(v/2) - lnG((v+d)/2)
# + (v+d)/2 [psi((v+d)/2) - psi(v/2)] in mpmath, I = h(dx) + h(dy) - h(dx+dy).
STUDENT_LARGE_DOF = [
    (1e3, 1, 1, 4.996664172671642e-07),
    (1e5, 1, 1, 4.999966666416673e-11),
    (1e5, 5, 5, 1.2498916751035182e-09),
    (1e8, 1, 1, 4.9999999666666663e-17),
    (1e15, 1, 1, 5.0000000000000065e-31),
    (1e15, 3000, 3000, 4.499999999973006e-24),
    (16, 1, 1000, 0.031042022989998024),
]


@pytest.mark.parametrize(("dof", "dx", "dy", "truth"), STUDENT_LARGE_DOF)
def test_student_t_mi_keeps_its_digits_at_large_dof(dof, dx, dy, truth) -> None:
    """The entropy difference cancelled: dof=1e5 gave -8.9e-11, dof=1e15 3.55."""
    assert student_t_mi(dof, dx, dy) == pytest.approx(truth, rel=1e-9, abs=0)


def test_student_t_task_truth_is_positive_and_decreasing_in_dof() -> None:
    values = [datasets.student_t(dof=v).mutual_information for v in (1e4, 1e5, 1e6)]
    assert all(v > 0 for v in values)
    assert values[0] > values[1] > values[2]


def test_markov_chain_stationary_law_of_a_chain_that_barely_moves() -> None:
    """eig gave [1, 0] at p01 = 1e-16 (I(1) = inf) and [0.63, 0.37] at 1e-17."""
    for p01 in (1e-10, 1e-13, 1e-16, 1e-17):
        chain = datasets.binary_markov_chain(p01, 3 * p01)
        np.testing.assert_allclose(chain.stationary, [0.75, 0.25], rtol=1e-12)
        # I(1) -> H(0.75, 0.25) as the chain freezes
        assert chain.mutual_information(1) == pytest.approx(0.5623351446188083, 1e-6)


def test_markov_chain_mi_at_long_lags_keeps_relative_accuracy() -> None:
    """P^d rounded the deviation away: I(50) read 1.4e-16 (truth 3.27e-23)."""
    chain = datasets.binary_markov_chain(0.3, 0.1)
    assert chain.mutual_information(50) == pytest.approx(
        3.26659311749e-23, rel=1e-9, abs=0
    )
    assert chain.mutual_information(300) == pytest.approx(
        3.88794609111e-134, rel=1e-9, abs=0
    )
    assert chain.mutual_information(10**6) >= 0.0


def test_hidden_markov_mi_at_long_lags_is_positive_and_decays() -> None:
    """I(50) read -1.2e-15; two hidden states give I(d+1) / I(d) -> lambda_2^2."""
    hmm = datasets.hidden_markov_chain(
        [[0.9, 0.1], [0.2, 0.8]], [[0.7, 0.3], [0.4, 0.6]]
    )
    values = [hmm.mutual_information(d) for d in (50, 51, 100, 101)]
    assert all(v > 0 for v in values)
    assert values[1] / values[0] == pytest.approx(0.49, rel=1e-9)
    assert values[3] / values[2] == pytest.approx(0.49, rel=1e-9)
    assert hmm.mutual_information(10**6) >= 0.0


@pytest.mark.parametrize(
    "transition",
    [
        [[1.0, 0.0], [0.0, 1.0]],
        [[1.0, 0.0, 0.0], [0.0, 0.5, 0.5], [0.0, 0.5, 0.5]],
    ],
)
def test_chain_without_unique_stationary_law_raises(transition) -> None:
    """eig picked one of many stationary laws and the truth with it."""
    with pytest.raises(InvalidParameterError, match="closed classes"):
        datasets.MarkovChain.from_matrix(transition)
    with pytest.raises(InvalidParameterError, match="closed classes"):
        datasets.hidden_markov_chain(transition, np.eye(len(transition)))


def test_transient_states_and_hierarchical_root_still_work() -> None:
    chain = datasets.MarkovChain.from_matrix([[0.5, 0.5], [0.0, 1.0]])
    np.testing.assert_allclose(chain.stationary, [0.0, 1.0])
    assert chain.mutual_information(1) == 0.0
    proc = datasets.hierarchical_process(
        [[1.0, 0.0], [0.0, 1.0]], depth=3, root=[0.5, 0.5]
    )
    assert proc.mutual_information(1) == pytest.approx(math.log(2))


@pytest.mark.parametrize("mi", [15.0, 18.5, 20.0, 100.0])
def test_staircase_refuses_mi_per_pair_float64_cannot_hold(mi) -> None:
    """mi=18.5, dim=1 sampled pairs carrying 18.02 nats; mi=20 blamed 'cov'."""
    with pytest.raises(InvalidParameterError, match="'mi' parameter of staircase"):
        datasets.staircase(mi=mi, dim=1)


def test_staircase_accepts_14_nats_per_pair() -> None:
    assert datasets.staircase(mi=14.0, dim=1).mutual_information == 14.0
    assert datasets.staircase(mi=10.0, dim=20).mutual_information == 10.0


@pytest.mark.parametrize(
    "bad", [{"k": 0}, {"l": 0}, {"delay": 0}, {"delay": -1}, {"k": 1.5}, {"l": True}]
)
def test_coupled_ar_transfer_entropy_checks_its_lags(bad) -> None:
    """k=0 returned a lagged MI (0.168), l=0 0.0, delay=0 a contemporaneous CMI."""
    with pytest.raises(InvalidParameterError, match=f"'{next(iter(bad))}'"):
        datasets.coupled_ar().transfer_entropy(**bad)


def test_discrete_channel_sampling_memory_is_linear_in_draws() -> None:
    """An (n, n_outputs) comparison took 460 MB for 5e4 draws over 1000 labels."""
    import tracemalloc

    task = datasets.random_channel(1000, 1000, seed=0)
    tracemalloc.start()
    try:
        x, y = task.sample(20_000, rng=0)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 30e6
    # same draws as before the change (the labels are seeded bit for bit)
    assert y[:5, 0].tolist() == [952, 477, 706, 429, 843]
    assert x[:5, 0].tolist() == [636, 269, 40, 16, 813]
