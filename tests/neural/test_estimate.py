"""neural.estimate and the registered neural methods: accuracy, determinism, errors."""

from __future__ import annotations

import math
import pickle
import subprocess
import sys
from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import mutinfo as mt  # noqa: E402
from mutinfo import neural  # noqa: E402
from mutinfo.estimators import SMILE, InfoNCE  # noqa: E402
from mutinfo.exceptions import (  # noqa: E402
    BiasWarning,
    ConvergenceError,
    ConvergenceWarning,
    InsufficientSamplesError,
    InvalidParameterError,
)

NEURAL = ["dv", "infonce", "js", "mine", "nwj", "smile"]


def gaussian(n: int, rho: float, dim: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Componentwise correlation rho over dim pairs: I = -dim/2 log(1 - rho^2)."""
    g = np.random.default_rng(seed)
    x = g.standard_normal((n, dim))
    y = rho * x + math.sqrt(1 - rho**2) * g.standard_normal((n, dim))
    return x, y


# Settings sized to train in a few seconds on one CPU thread. d = 5 needs more
# samples: with 4000 training rows the critic overfits and the held-out bound
# stalls near 0.62 (measured); with 8000 it reaches 0.66-0.68.
CASES = {
    "d1": {"n": 5000, "rho": 0.9, "dim": 1, "truth": 0.830366, "steps": 400},
    "d5": {"n": 10000, "rho": 0.5, "dim": 5, "truth": 0.719205, "steps": 800},
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("bound", ["smile", "nwj", "infonce"])
def test_gaussian_within_a_tenth_of_a_nat(case: str, bound: str) -> None:
    c = CASES[case]
    assert c["truth"] == pytest.approx(
        -c["dim"] / 2 * math.log(1 - c["rho"] ** 2), abs=1e-6
    )
    x, y = gaussian(c["n"], c["rho"], c["dim"], seed=0)
    res = neural.estimate(
        x, y, bound=bound, batch_size=128, max_steps=c["steps"], rng=0
    )
    # 0.1 nats (the torch-mist tolerance, REFERENCES.md): the held-out standard
    # error is ~0.02-0.03 and the finite-sample critic loses up to ~0.06 at d=5.
    assert res.value == pytest.approx(c["truth"], abs=0.1)
    assert res.method == bound
    assert res.unit == "nats"


@pytest.fixture(scope="module")
def small() -> tuple[np.ndarray, np.ndarray]:
    return gaussian(800, 0.8, 2, seed=1)


FAST: dict[str, Any] = {
    "batch_size": 32,
    "max_steps": 60,
    "eval_every": 20,
    "hidden": 16,
    "embed_dim": 8,
}


def short_run() -> Any:
    """Expect the ConvergenceWarning of a FAST run.

    FAST trains 60 steps on purpose: these tests check plumbing, not accuracy.
    On ``small`` every method is still improving at step 60 (its best
    held-out evaluation is the last), and the warning must say so.
    """
    return pytest.warns(ConvergenceWarning, match="still improving")


@pytest.mark.parametrize("method", NEURAL)
def test_every_registered_method_returns_nats_through_the_front_door(
    method: str, small: tuple[np.ndarray, np.ndarray]
) -> None:
    x, y = small
    with short_run():
        res = mt.estimate("mi", x, y, method=method, rng=0, **FAST)
    assert res.method == method
    assert res.unit == "nats"
    assert math.isfinite(res.value)
    assert res.extras["stderr"] > 0
    curve = res.extras["curve"]
    assert set(curve) == {"step", "train", "val"}
    assert len(curve["step"]) == len(curve["val"]) == len(curve["train"]) >= 1
    assert res.value == max(curve["val"])  # the best held-out evaluation
    assert res.extras["n_train"] + res.extras["n_val"] == 800
    with short_run():
        assert mt.mi(x, y, method=method, rng=0, **FAST) == res.value


def test_same_rng_same_estimate_and_other_rng_differs(
    small: tuple[np.ndarray, np.ndarray],
) -> None:
    x, y = small
    with short_run():
        a = neural.estimate(x, y, rng=3, **FAST)
    with short_run():
        b = neural.estimate(x, y, rng=np.random.default_rng(3), **FAST)
    with short_run():
        c = neural.estimate(x, y, rng=4, **FAST)
    assert a.value == b.value
    assert a.extras["curve"] == b.extras["curve"]
    assert a.value != c.value


def test_global_torch_random_state_is_untouched(
    small: tuple[np.ndarray, np.ndarray],
) -> None:
    before = torch.get_rng_state()
    with short_run():
        neural.estimate(*small, rng=0, **FAST)
    assert torch.equal(torch.get_rng_state(), before)


def test_torch_inputs_give_the_numpy_result(
    small: tuple[np.ndarray, np.ndarray],
) -> None:
    x, y = small
    with short_run():
        want = neural.estimate(x, y, rng=0, **FAST).value
    with short_run():
        got = neural.estimate(
            torch.as_tensor(x), torch.as_tensor(y), rng=0, **FAST
        ).value
    assert got == want


def test_inputs_are_not_mutated(small: tuple[np.ndarray, np.ndarray]) -> None:
    x, y = small
    x0, y0 = x.copy(), y.copy()
    with short_run():
        neural.estimate(x, y, rng=0, **FAST)
    assert np.array_equal(x, x0)
    assert np.array_equal(y, y0)


def test_base_converts_the_value_and_the_stderr(
    small: tuple[np.ndarray, np.ndarray],
) -> None:
    with short_run():
        nats = neural.estimate(*small, rng=0, **FAST)
    with short_run():
        bits = neural.estimate(*small, rng=0, base=2, **FAST)
    assert bits.unit == "bits"
    assert bits.value == pytest.approx(nats.value / math.log(2))
    assert bits.extras["stderr"] == pytest.approx(nats.extras["stderr"] / math.log(2))
    # the curve too: a bits result reported its training curve in nats
    curve, nats_curve = bits.extras["curve"], nats.extras["curve"]
    assert bits.value == pytest.approx(max(curve["val"]))
    assert curve["step"] == nats_curve["step"]
    for key in ("train", "val"):
        assert curve[key] == pytest.approx([v / math.log(2) for v in nats_curve[key]])
    assert bits.to(math.e).extras["curve"]["val"] == pytest.approx(nats_curve["val"])


def test_early_stopping_stops_before_max_steps(
    small: tuple[np.ndarray, np.ndarray],
) -> None:
    res = neural.estimate(
        *small, rng=0, **{**FAST, "max_steps": 5000, "eval_every": 10}, patience=2
    )
    assert res.extras["stopped_early"]
    assert res.extras["steps"] < 5000
    assert res.extras["best_step"] <= res.extras["steps"]


def test_a_critic_module_is_copied_not_trained_in_place(
    small: tuple[np.ndarray, np.ndarray],
) -> None:
    critic = neural.ConcatCritic(2, 2, hidden=(8,), rng=0)
    before = [p.detach().clone() for p in critic.parameters()]
    est = SMILE(critic=critic, rng=0, **FAST)
    with short_run():
        res = est.mi(*small)
    assert math.isfinite(res.value)
    assert all(
        torch.equal(a, b) for a, b in zip(before, critic.parameters(), strict=True)
    )
    trained = est.critic_
    assert isinstance(trained, neural.ConcatCritic)
    assert trained is not critic
    assert not torch.equal(before[0], trained.net[0].weight)


def test_the_estimator_pickles_without_its_critic(
    small: tuple[np.ndarray, np.ndarray],
) -> None:
    est = InfoNCE(rng=0, **FAST)
    with short_run():
        est.mi(*small)
    copy = pickle.loads(pickle.dumps(est))
    assert copy == est
    assert "critic_" not in copy.__dict__


def test_progress_callable_and_stderr(
    small: tuple[np.ndarray, np.ndarray], capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[tuple[int, float, float]] = []
    with short_run():
        neural.estimate(*small, rng=0, progress=lambda *a: seen.append(a), **FAST)
    assert [s[0] for s in seen] == [20, 40, 60]
    with short_run():
        neural.estimate(*small, rng=0, progress=True, **FAST)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "step 20: train" in captured.err


def test_infonce_near_log_batch_warns(small: tuple[np.ndarray, np.ndarray]) -> None:
    # rho = 0.999 per pair in 2 dims: MI = 6.2 nats, far above log 8 = 2.08.
    # patience=2 lets the capped estimate plateau and stop early (measured: at
    # step 450), so the cap warning is the only one.
    x, y = gaussian(400, 0.999, 2, seed=2)
    with pytest.warns(BiasWarning, match=r"log\(batch_size\) = 2.079"):
        res = neural.estimate(
            x, y, bound="infonce", batch_size=8, max_steps=2000, patience=2, rng=0
        )
    assert res.extras["stopped_early"]
    assert res.value <= math.log(8)


def test_infonce_at_seventy_percent_of_the_cap_warns() -> None:
    # Regression: the cap warning fired only above 80% of log B, so this
    # estimate of 1.44 nats (69% of log 8 = 2.079) for a true MI of 2.5 nats
    # (42% low) came back silently. Even the exact critic reads 7% low at 60%
    # of the cap (B = 64), hence the threshold 0.6.
    rho = math.sqrt(1 - math.exp(-2.5))  # 2 pairs: I = -log(1 - rho^2) = 2.5
    x, y = gaussian(400, rho, 2, seed=2)
    with pytest.warns(BiasWarning, match="close to its cap"):
        res = neural.estimate(
            x, y, bound="infonce", batch_size=8, max_steps=2000, patience=2, rng=0
        )
    assert 0.6 * math.log(8) < res.value < 0.8 * math.log(8)
    assert res.extras["stopped_early"]


def test_infonce_well_below_the_cap_is_silent() -> None:
    # True 1.5 nats reads 0.93 (45% of log 8): no cap warning (pytest turns
    # any MutinfoWarning into an error).
    rho = math.sqrt(1 - math.exp(-1.5))
    x, y = gaussian(400, rho, 2, seed=2)
    res = neural.estimate(
        x, y, bound="infonce", batch_size=8, max_steps=2000, patience=2, rng=0
    )
    assert res.value < 0.6 * math.log(8)


def test_training_cut_off_while_still_improving_warns() -> None:
    # Regression: a Gaussian pair with I = 5 nats read 2.77 nats with the
    # defaults (best evaluation at step 1900 of 2000, no early stop) and no
    # warning. The same run cut at 200 steps reads 1.76 nats, best at 200.
    rho = math.sqrt(1 - math.exp(-10.0))  # I = -log(1 - rho^2) / 2 = 5
    x, y = gaussian(5000, rho, 1, seed=1)
    with pytest.warns(
        ConvergenceWarning,
        match=r"reached max_steps=200 .*still improving.*at step 200.*'max_steps'",
    ):
        res = neural.estimate(x, y, bound="smile", max_steps=200, rng=0)
    assert not res.extras["stopped_early"]
    assert res.extras["best_step"] == 200
    assert res.value < 2.5  # far below the truth: the warning is earned


@pytest.mark.slow
def test_default_run_on_five_nats_warns() -> None:
    # The reported case itself (about 5 s on one CPU thread).
    rho = math.sqrt(1 - math.exp(-10.0))
    x, y = gaussian(5000, rho, 1, seed=1)
    with pytest.warns(ConvergenceWarning, match=r"max_steps=2000.*at step 1900"):
        res = neural.estimate(x, y, bound="smile", rng=0)
    assert res.value < 3.0


@pytest.mark.parametrize(
    ("best_step", "steps", "max_steps", "stopped_early", "want"),
    [
        (1900, 2000, 2000, False, True),  # the reported case
        (2000, 2000, 2000, False, True),
        (1801, 2000, 2000, False, True),
        (1800, 2000, 2000, False, False),  # exactly 90%: before the last 10%
        (1500, 2000, 2000, False, False),  # best well before the end: plateau
        (1950, 2000, 2000, True, False),  # diverged at the end (warned apart)
        (450, 500, 2000, True, False),  # stopped early by patience
        (60, 60, 60, False, True),  # one short run: no sign of a plateau
        (40, 60, 60, False, False),
    ],
)
def test_still_improving_criterion(
    best_step: int, steps: int, max_steps: int, stopped_early: bool, want: bool
) -> None:
    from mutinfo.neural._train import still_improving

    assert still_improving(best_step, steps, max_steps, stopped_early) is want


def test_unknown_bound_suggests_the_nearest() -> None:
    with pytest.raises(InvalidParameterError, match=r"'bound'.*Did you mean 'smile'"):
        neural.estimate([0.0, 1.0], [1.0, 0.0], bound="smiel")


def test_parameters_of_another_method_are_rejected() -> None:
    with pytest.raises(InvalidParameterError, match=r"unexpected parameter 'clip'"):
        neural.estimate([0.0, 1.0], [1.0, 0.0], bound="nwj", clip=5.0)


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"batch_size": 1}, r"'batch_size'.*\[2, inf\).*Got 1"),
        ({"val_fraction": 1.0}, r"'val_fraction'.*\(0, 1\)"),
        ({"device": "tpu"}, r"'device'.*'cuda:<index>'"),
        ({"critic": "mlp"}, r"'critic'.*'separable'.*torch.nn.Module"),
        ({"lr": 0}, r"'lr'"),
        ({"progress": "yes"}, r"'progress'.*callable"),
    ],
)
def test_bad_parameters_raise(params: dict[str, object], match: str) -> None:
    with pytest.raises(InvalidParameterError, match=match):
        neural.estimate([0.0, 1.0], [1.0, 0.0], **params)  # type: ignore[arg-type]


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
def test_cuda_without_a_gpu_says_how_to_fix_it(
    small: tuple[np.ndarray, np.ndarray],
) -> None:
    with pytest.raises(InvalidParameterError, match=r"CUDA is not available.*'auto'"):
        neural.estimate(*small, device="cuda", **FAST)


def test_too_few_samples_for_two_held_out_blocks() -> None:
    x, y = gaussian(300, 0.5, 1, seed=0)
    with pytest.raises(InsufficientSamplesError, match=r"at least 638 samples"):
        mt.mi(x, y, method="smile")
    est = SMILE(batch_size=32)
    assert est.min_samples() == 318


def test_divergent_critic_raises() -> None:
    class Huge(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.w = torch.nn.Parameter(torch.ones(()))

        def forward(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
            return self.w * torch.full((x.shape[0], y.shape[0]), math.inf)

    x, y = gaussian(400, 0.5, 1, seed=0)
    with (
        pytest.raises(ConvergenceError, match=r"'dv' critic produced no finite"),
        pytest.warns(match="diverged"),
    ):
        neural.estimate(x, y, bound="dv", critic=Huge(), batch_size=16, max_steps=5)


def test_methods_list_the_neural_families_without_importing_torch() -> None:
    code = (
        "import sys, importlib.abc\n"
        "class Hide(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name.split('.')[0] == 'torch':\n"
        "            raise ImportError('torch is hidden')\n"
        "sys.meta_path.insert(0, Hide())\n"
        "import mutinfo as mt\n"
        "names = [m.name for m in mt.methods()]\n"
        "assert {'mine', 'dv', 'nwj', 'infonce', 'js', 'smile'} <= set(names), names\n"
        "from mutinfo.exceptions import MissingDependencyError\n"
        "import mutinfo.neural\n"
        "for attempt in ('from mutinfo.neural import estimate',"
        " 'from mutinfo.neural import objectives',"
        " \"mt.mi([0.0] * 700, [1.0] * 700, method='smile')\"):\n"
        "    try:\n"
        "        exec(attempt)\n"
        "    except MissingDependencyError as exc:\n"
        "        assert 'pip install \"mutinfo[torch]\"' in str(exc), exc\n"
        "    else:\n"
        "        raise AssertionError(attempt)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_import_mutinfo_does_not_import_torch() -> None:
    code = (
        "import sys, mutinfo as mt\n"
        "mt.methods()\n"
        "from mutinfo.estimators import SMILE\n"
        "SMILE(clip=1.0)\n"
        "assert 'torch' not in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("method", NEURAL)
def test_registry_contract_without_training(method: str) -> None:
    # The shared contract tests skip families marked slow; these are the parts
    # that need no training (the trained parts are tested above).
    cls = getattr(mt.estimators, mt._registry.get(method).__name__)
    est = cls(rng=3)
    assert repr(est).startswith(cls.__name__)
    clone = cls(**est.get_params())
    assert clone == est
    assert pickle.loads(pickle.dumps(est)) == est
    with pytest.raises(InvalidParameterError, match="unexpected parameter"):
        cls(not_a_parameter=1)
    with pytest.raises(InvalidParameterError, match="'max_steps'"):
        cls(max_steps=0)
    assert method in [m.name for m in mt.methods()]
