"""The Task objects, the registry, the transforms and every constructor's errors."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest

from mutinfo import datasets
from mutinfo.datasets import TaskLike
from mutinfo.exceptions import DataWarning, InvalidParameterError


@pytest.mark.parametrize("name", datasets.tasks())
def test_every_registered_task_samples_its_declared_shape(name: str) -> None:
    task = datasets.get(name)
    assert task.name == name
    assert isinstance(task, TaskLike)
    assert math.isfinite(task.mutual_information)
    assert task.mutual_information >= 0
    x, y = task.sample(64, rng=0)
    assert x.shape == (64, task.dim_x)
    assert y.shape == (64, task.dim_y)
    for v, kind in ((x, task.kind_x), (y, task.kind_y)):
        assert v.dtype == (np.int64 if kind == "discrete" else np.float64)
        assert np.all(np.isfinite(v))
    x2, y2 = task.sample(64, rng=0)
    np.testing.assert_array_equal(x, x2)
    np.testing.assert_array_equal(y, y2)
    x3, _ = task.sample(64, rng=np.random.default_rng(1))
    if task.kind_x != "discrete":
        assert not np.array_equal(x, x3)


def test_registry_has_every_family_and_enough_tasks() -> None:
    families = {datasets.get(n).family for n in datasets.tasks()}
    assert {
        "gaussian",
        "gaussian_dense",
        "gaussian_sparse",
        "student_t",
        "additive_uniform",
        "binary_symmetric",
        "z_channel",
        "random_channel",
        "ross",
        "discrete_uniform",
        "gao_mixture",
        "half_cube",
        "asinh",
        "normal_cdf",
        "spiral",
        "wiggly",
        "staircase",
        "markov_chain",
        "ar1",
    } <= families
    staircase = [datasets.get(n) for n in datasets.tasks() if n.startswith("staircase")]
    assert [t.mutual_information for t in staircase] == [2, 4, 6, 8, 10]
    assert all(t.dim_x == 20 and "high_mi" in t.tags for t in staircase)
    assert len(set(datasets.tasks())) == len(datasets.tasks())


def test_unknown_task_suggests_the_nearest_name() -> None:
    with pytest.raises(
        InvalidParameterError,
        match=r"Unknown task 'ross-p0\.55'.*Did you mean 'ross-p0\.5'",
    ):
        datasets.get("ross-p0.55")
    with pytest.raises(InvalidParameterError, match="Unknown task 3"):
        datasets.get(3)  # type: ignore[arg-type]


def test_register_task_rejects_duplicates() -> None:
    with pytest.raises(InvalidParameterError, match="already registered"):
        datasets.register_task(lambda: datasets.gaussian(rho=0.9))


def test_sample_validates_n_and_rng() -> None:
    task = datasets.gaussian()
    for bad in (0, -1, 2.5, True, "10"):
        with pytest.raises(
            InvalidParameterError,
            match=r"'n' parameter of gaussian-d1-rho0\.9\.sample\(\) must be an int",
        ):
            task.sample(bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="'rng' parameter"):
        task.sample(10, rng=-1)


def test_tasks_pickle_and_sample_the_same() -> None:
    for name in ("spiral:gaussian-d2-rho0.75", "ross-p0.5", "random_channel-4x5-seed0"):
        task = datasets.get(name)
        clone = pickle.loads(pickle.dumps(task))
        assert clone == task
        assert dict(clone.params) == dict(task.params)
        np.testing.assert_array_equal(
            clone.sample(10, rng=3)[1], task.sample(10, rng=3)[1]
        )


def test_params_are_read_only() -> None:
    task = datasets.gaussian()
    with pytest.raises(TypeError):
        task.params["rho"] = 0.1  # type: ignore[index]


@pytest.mark.parametrize(
    "make", [datasets.half_cube, datasets.asinh, datasets.normal_cdf, datasets.wiggly]
)
def test_elementwise_transforms_are_increasing(make: object) -> None:
    base = datasets.gaussian(rho=0.75, dim=2)
    task = make(base)  # type: ignore[operator]
    assert task.mutual_information == base.mutual_information
    x0, y0 = base.sample(2000, rng=4)
    x1, y1 = task.sample(2000, rng=4)
    # Same draws, strictly increasing map per column: identical order statistics.
    for a, b in ((x0, x1), (y0, y1)):
        for j in range(a.shape[1]):
            np.testing.assert_array_equal(np.argsort(a[:, j]), np.argsort(b[:, j]))
            assert not np.allclose(a[:, j], b[:, j])
    # ndtr saturates at 1.0 in float64 beyond about 8.3 (docstring says so;
    # the transform warns when a sample reaches it).
    top = 8.0 if make is datasets.normal_cdf else 30.0
    grid = np.linspace(-top, top, 20001)[:, None]
    values = task.sampler.fx(grid)  # type: ignore[attr-defined]
    finite = grid[:, 0] < 5 if make is datasets.normal_cdf else slice(None)
    assert np.all(np.diff(values[finite, 0]) > 0)


def test_one_sided_transform_leaves_the_other_side() -> None:
    base = datasets.gaussian(rho=0.5)
    task = datasets.half_cube(base, on="y")
    assert task.name == "half_cube_y:gaussian-d1-rho0.5"
    (x0, y0), (x1, y1) = base.sample(50, rng=0), task.sample(50, rng=0)
    np.testing.assert_array_equal(x0, x1)
    np.testing.assert_allclose(y1, y0 * np.sqrt(np.abs(y0)))
    discrete_x = datasets.ross()
    assert (
        datasets.asinh(discrete_x, on="y").mutual_information
        == discrete_x.mutual_information
    )


def test_spiral_is_an_invertible_rotation() -> None:
    base = datasets.gaussian(rho=0.75, dim=3)
    task = datasets.spiral(base, speed=1.5)
    assert task.name == "spiral1.5:gaussian-d3-rho0.75"
    x0, _ = base.sample(500, rng=6)
    x1, _ = task.sample(500, rng=6)
    np.testing.assert_allclose(np.linalg.norm(x1, axis=1), np.linalg.norm(x0, axis=1))
    angle = -1.5 * np.sum(x1 * x1, axis=1)  # the norm is kept: rotate back
    back = x1.copy()
    back[:, 0] = np.cos(angle) * x1[:, 0] - np.sin(angle) * x1[:, 1]
    back[:, 1] = np.sin(angle) * x1[:, 0] + np.cos(angle) * x1[:, 1]
    np.testing.assert_allclose(back, x0, atol=1e-9)
    np.testing.assert_array_equal(x1[:, 2], x0[:, 2])


D = datasets
TRANSFORM_ERRORS = [
    (lambda: D.spiral(D.gaussian()), r"spiral\(\) needs at least 2 dimensions on 'x'"),
    (lambda: D.half_cube(D.ross()), r"half_cube\(\) needs a continuous 'x'.*on='y'"),
    (lambda: D.asinh(D.gaussian(), on="z"), r"'on' parameter of asinh\(\) must be"),
    (lambda: D.wiggly("gaussian"), r"'task' parameter of wiggly\(\) must be a mutinfo"),
    (lambda: D.spiral(D.gaussian(dim=2), speed=math.nan), r"'speed' .* spiral\(\)"),
]


@pytest.mark.parametrize(("call", "match"), TRANSFORM_ERRORS)
def test_transform_errors(call: object, match: str) -> None:
    with pytest.raises(InvalidParameterError, match=match):
        call()  # type: ignore[operator]


ERRORS = [
    (
        D.gaussian,
        {"rho": 1.0},
        r"'rho' .* gaussian\(\) must be a number in the range "
        r"\(-1, 1\)\. Got 1\.0",
    ),
    (D.gaussian, {"dim": 0}, r"'dim' .* must be an int in the range \[1, inf\)"),
    (D.gaussian, {"dim": 1.5}, r"'dim' parameter of gaussian\(\)"),
    (D.gaussian_dense, {"rho": 0.5}, r"'rho' .* gaussian_dense\(\) .* \(-0\.5, 0\.5\)"),
    (D.gaussian_sparse, {"n_interacting": 6}, r"'n_interacting' .* gaussian_sparse"),
    (
        D.gaussian_covariance,
        {"cov": [[1, 2], [2, 1]], "dim_x": 1},
        r"'cov' .* gaussian_covariance\(\) must be positive definite",
    ),
    (
        D.gaussian_covariance,
        {"cov": [[1, 0.5], [0.4, 1]], "dim_x": 1},
        r"'cov' .* must be a finite symmetric",
    ),
    (D.gaussian_covariance, {"cov": [1, 2], "dim_x": 1}, r"'cov' .* a square matrix"),
    (
        D.gaussian_covariance,
        {"cov": np.eye(3), "dim_x": 3},
        r"'dim_x' .* gaussian_covariance\(\) must be an int in the range \[1, 2\]",
    ),
    (D.staircase, {"mi": 0}, r"'mi' parameter of staircase\(\)"),
    (D.student_t, {"dof": 0}, r"'dof' .* student_t\(\) .* range \(0, inf\)"),
    (D.student_t, {"dim": True}, r"'dim' parameter of student_t\(\)"),
    (D.additive_uniform, {"eps": -0.1}, r"'eps' parameter of additive_uniform"),
    (D.binary_symmetric, {"flip": 1.5}, r"'flip' parameter of binary_symmetric"),
    (D.z_channel, {"p": -0.1}, r"'p' parameter of z_channel\(\)"),
    (D.random_channel, {"n_inputs": 1}, r"'n_inputs' parameter of random_channel"),
    (D.random_channel, {"concentration": 0}, r"'concentration' .* random_channel"),
    (
        D.discrete_channel,
        {"channel": [[0.5, 0.6]]},
        r"'channel' .* discrete_channel\(\) must have rows that sum to 1",
    ),
    (
        D.discrete_channel,
        {"channel": [[-0.5, 1.5]]},
        r"'channel' .* must hold finite non-negative",
    ),
    (D.discrete_channel, {"channel": [0.5, 0.5]}, r"'channel' .* must be a 2-D matrix"),
    (
        D.discrete_channel,
        {"channel": [[1, 0], [0, 1]], "prior": [1.0]},
        r"'prior' .* discrete_channel\(\) must have one entry per channel row",
    ),
    (D.ross, {"p": 1.0}, r"'p' parameter of ross\(\)"),
    (D.discrete_uniform, {"m": 1}, r"'m' parameter of discrete_uniform\(\)"),
    (D.gao_mixture, {"weight": 0}, r"'weight' parameter of gao_mixture\(\)"),
    (D.markov_chain, {"lag": 0}, r"'lag' parameter of markov_chain\(\)"),
    (D.ar1, {"coefficient": 1}, r"'coefficient' parameter of ar1\(\)"),
]


@pytest.mark.parametrize(("make", "kwargs", "match"), ERRORS)
def test_constructor_errors_name_the_parameter(
    make: object, kwargs: dict[str, object], match: str
) -> None:
    with pytest.raises(InvalidParameterError, match=match):
        make(**kwargs)  # type: ignore[operator]


def test_discrete_channel_uses_the_given_prior() -> None:
    task = datasets.discrete_channel([[1, 0], [0, 1]], [0.9, 0.1])
    expected = -(0.9 * math.log(0.9) + 0.1 * math.log(0.1))
    assert task.mutual_information == pytest.approx(expected, abs=1e-12)
    x, y = task.sample(20_000, rng=0)
    np.testing.assert_array_equal(x, y)
    assert x.mean() == pytest.approx(0.1, abs=0.01)


def test_transform_overflow_warns_instead_of_returning_silent_infs() -> None:
    # Standard deviation 1.3e154: |v|^2 overflows, so spiral's angle was inf and
    # its output NaN, silently (tied values: the claimed MI no longer holds).
    big = datasets.gaussian_covariance(np.diag([1.7e308] * 4), dim_x=2)
    with pytest.warns(DataWarning, match="spiral turned"):
        x, _ = datasets.spiral(big).sample(200, rng=0)
    assert not np.isfinite(x).all()
    # An ordinary task samples without the warning.
    x, _ = datasets.spiral(datasets.gaussian(rho=0.5, dim=2)).sample(200, rng=0)
    assert np.isfinite(x).all()
