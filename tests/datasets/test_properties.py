"""Property tests of the closed forms (hypothesis)."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mutinfo import datasets
from mutinfo.datasets._discrete import joint_mi
from mutinfo.datasets._gaussian import gaussian_mi
from mutinfo.datasets._student import student_t_mi


def _entropy(p: np.ndarray) -> float:
    p = p[p > 0]
    return float(-(p * np.log(p)).sum())


@settings(max_examples=60, deadline=None)
@given(
    st.integers(2, 5),
    st.integers(2, 5),
    st.integers(0, 2**32 - 1),
    st.floats(0.05, 5.0),
)
def test_channel_mi_bounds_and_symmetry(
    k: int, m: int, seed: int, alpha: float
) -> None:
    task = datasets.random_channel(k, m, seed=seed, concentration=alpha)
    channel = np.array(task.params["channel"])
    joint = channel / k
    mi = task.mutual_information
    # 0 <= I <= min(H(X), H(Y)), and I(X; Y) = I(Y; X).
    assert -1e-12 <= mi <= min(_entropy(joint.sum(1)), _entropy(joint.sum(0))) + 1e-12
    assert math.isclose(mi, joint_mi(joint.T), abs_tol=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_gaussian_mi_is_invariant_to_scaling_and_swapping(
    dx: int, dy: int, seed: int
) -> None:
    g = np.random.default_rng(seed)
    a = g.standard_normal((dx + dy, dx + dy + 2))
    cov = a @ a.T / (dx + dy + 2) + 0.1 * np.eye(dx + dy)
    mi = gaussian_mi(cov, dx)
    assert mi >= -1e-12
    # Rescaling coordinates (an invertible map of each side) keeps the MI.
    scale = np.diag(g.uniform(0.1, 10.0, dx + dy))
    assert math.isclose(gaussian_mi(scale @ cov @ scale, dx), mi, abs_tol=1e-9)
    # Swapping the roles of X and Y keeps it too.
    order = np.r_[np.arange(dx, dx + dy), np.arange(dx)]
    assert math.isclose(gaussian_mi(cov[np.ix_(order, order)], dy), mi, abs_tol=1e-9)


@settings(max_examples=50, deadline=None)
@given(st.floats(0.2, 200.0), st.integers(1, 6), st.integers(1, 6))
def test_student_t_mi_is_positive_symmetric_and_decreasing_in_dof(
    dof: float, dx: int, dy: int
) -> None:
    mi = student_t_mi(dof, dx, dy)
    assert mi > 0
    assert math.isclose(mi, student_t_mi(dof, dy, dx), rel_tol=1e-12)
    assert student_t_mi(dof * 2, dx, dy) < mi


@settings(max_examples=50, deadline=None)
@given(st.floats(0.01, 20.0))
def test_additive_uniform_mi_is_continuous_and_decreasing(eps: float) -> None:
    mi = datasets.additive_uniform(eps=eps).mutual_information
    assert mi > 0
    assert datasets.additive_uniform(eps=eps * 1.01).mutual_information < mi
