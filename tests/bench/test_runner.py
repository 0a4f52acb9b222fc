"""The bench runner on tiny configurations: numbers, selection, errors."""

from __future__ import annotations

import importlib.util
import sys
import zlib
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo import _registry, bench, datasets
from mutinfo.bench import _runner
from mutinfo.estimators._base import Estimate, Estimator
from mutinfo.exceptions import InvalidParameterError, MissingDependencyError

TASKS = ["gaussian-d1-rho0.9", "binary_symmetric-flip0.1", "ross-p0.5"]
METHODS = ["ksg", "plugin", "mixed_ksg"]


@pytest.fixture(scope="module")
def small() -> pd.DataFrame:
    return bench.run(TASKS, METHODS, n=200, seeds=2, rng=7)


def test_rows_columns_and_applicability(small: pd.DataFrame) -> None:
    assert tuple(small.columns) == bench.COLUMNS
    pairs = set(zip(small["task"], small["method"], strict=True))
    # plugin needs discrete data, ksg continuous; mixed_ksg takes any kinds
    # (Ross for the mixed task, Gao et al. for the others).
    assert pairs == {
        ("gaussian-d1-rho0.9", "ksg"),
        ("binary_symmetric-flip0.1", "plugin"),
        ("ross-p0.5", "mixed_ksg"),
        ("gaussian-d1-rho0.9", "mixed_ksg"),
        ("binary_symmetric-flip0.1", "mixed_ksg"),
    }
    assert set(small["n"]) == {200}
    assert set(small["seeds"]) == {2}
    # a method that declares the kinds but refuses the task is skipped and listed:
    # the Gaussian copula needs a continuous side
    refused = bench.run(
        ["binary_symmetric-flip0.1", "ross-p0.5"],
        ["gaussian_copula"],
        n=200,
        seeds=1,
        rng=7,
    )
    assert set(refused["task"]) == {"ross-p0.5"}
    assert "binary_symmetric-flip0.1 / gaussian_copula" in refused.attrs["skipped"]


def test_numbers_equal_a_hand_computation(small: pd.DataFrame) -> None:
    for row in small.itertuples(index=False):
        task = datasets.get(row.task)
        values = []
        for seed in range(2):
            seq = np.random.SeedSequence(
                7, spawn_key=(zlib.crc32(row.task.encode()), 200, seed)
            )
            data_seq, method_seq = seq.spawn(2)
            x, y = task.sample(200, np.random.default_rng(data_seq))
            discrete = (task.kind_x == "discrete", task.kind_y == "discrete")
            values.append(
                mt.mi(
                    x,
                    y,
                    method=row.method,
                    discrete=discrete,
                    rng=int(method_seq.generate_state(1)[0]),
                )
            )
        v = np.array(values)
        assert row.truth == task.mutual_information
        assert row.estimate == pytest.approx(v.mean(), abs=1e-12)
        assert row.bias == pytest.approx(v.mean() - row.truth, abs=1e-12)
        assert row.std == pytest.approx(v.std(ddof=1), abs=1e-12)
        assert row.error == pytest.approx(np.abs(v - row.truth).mean(), abs=1e-12)
        assert row.seconds > 0


def test_results_do_not_depend_on_the_other_tasks_or_methods(
    small: pd.DataFrame,
) -> None:
    alone = bench.run(["ross-p0.5"], ["mixed_ksg"], n=200, seeds=2, rng=7)
    mine = small[small["task"] == "ross-p0.5"].reset_index(drop=True)
    cols = ["estimate", "bias", "std", "error"]
    pd.testing.assert_frame_equal(alone[cols], mine[cols])
    other = bench.run(["ross-p0.5"], ["mixed_ksg"], n=200, seeds=2, rng=8)
    assert other["estimate"].iloc[0] != alone["estimate"].iloc[0]


def test_estimates_are_close_to_the_truth(small: pd.DataFrame) -> None:
    # n = 200: KSG's and the plug-in's errors are a few hundredths of a nat here;
    # 0.15 nats is a loose bound that still catches a wrong truth or pairing.
    assert (small["error"] < 0.15).all()


class _Pair:
    """A user's task: anything with the TaskLike attributes."""

    name = "my-copy-bit"
    mutual_information = float(np.log(2))
    dim_x = dim_y = 1
    kind_x = kind_y = "discrete"

    def sample(self, n: int, rng: Any = None) -> tuple[np.ndarray, np.ndarray]:
        x = np.random.default_rng(rng).integers(0, 2, (n, 1))
        return x, x.copy()


def test_user_task_objects_run() -> None:
    frame = bench.run([_Pair()], ["plugin"], n=300, seeds=1)
    assert frame["task"].tolist() == ["my-copy-bit"]
    assert frame["error"].iloc[0] < 0.01
    single = bench.run(_Pair(), "plugin", n=300, seeds=1)
    cols = ["task", "method", "n", "truth", "estimate", "bias", "std", "error"]
    pd.testing.assert_frame_equal(single[cols], frame[cols])


def test_a_single_name_or_pattern_is_one_item() -> None:
    frame = bench.run("binary*", "plugin", n=100, seeds=1)
    assert frame["task"].tolist() == ["binary_symmetric-flip0.1"]


def test_glob_patterns_select_registered_tasks() -> None:
    got = _runner.resolve_tasks(["markov*", "markov-flip0.1-lag1"], quick=False)
    assert [t.name for t in got] == [
        "markov-flip0.1-lag1",
        "markov-flip0.1-lag2",
        "markov-flip0.1-lag5",
    ]
    quick = _runner.resolve_tasks(None, quick=True)
    assert len(quick) >= 8
    assert len({t.family for t in quick}) >= 8
    default = [t.name for t in _runner.resolve_tasks(None, quick=False)]
    assert "gaussian-d1-rho0.9" in default
    assert not any(name.startswith("staircase") for name in default)


class _FakeNeural(Estimator):
    name = "smile"
    measures: ClassVar[tuple[str, ...]] = ("mi",)
    calls: ClassVar[list[int]] = []

    def _mi(self, x: Any, y: Any, rng: np.random.Generator) -> Estimate:
        self.calls.append(x.n_samples)
        return Estimate(0.0)


class _FakeClassical(_FakeNeural):
    name = "fake_classical"
    calls: ClassVar[list[int]] = []


def test_warm_up_call_for_classical_methods_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _registry.names()
    monkeypatch.setitem(_registry._FAMILIES, "smile", _FakeNeural)
    monkeypatch.setitem(_registry._FAMILIES, "fake_classical", _FakeClassical)
    _FakeNeural.calls.clear()
    _FakeClassical.calls.clear()
    frame = bench.run(
        "gaussian-d1-rho0", ["smile", "fake_classical"], n=[50, 60], seeds=2
    )
    assert set(frame["seeds"]) == {2}
    # Neural training is never run twice; a classical method gets one untimed
    # warm-up call (imports, compilation) on its first sample.
    assert _FakeNeural.calls == [50, 50, 60, 60]
    assert _FakeClassical.calls == [50, 50, 50, 60, 60]


def test_neural_methods_run_only_when_named(monkeypatch: pytest.MonkeyPatch) -> None:
    _registry.names()  # load the registry first
    monkeypatch.setitem(_registry._FAMILIES, "smile", _FakeNeural)
    assert "smile" not in bench.default_methods()
    assert "ksg" in bench.default_methods()
    assert _runner.resolve_methods(["smile"]) == ["smile"]
    assert _runner.is_neural("smile")
    assert not _runner.is_neural("ksg")


def test_families_that_declare_slow_are_not_run_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class _Slow(_FakeNeural):
        name = "slow_kernel_thing"
        slow: ClassVar[bool] = True

    _registry.names()
    monkeypatch.setitem(_registry._FAMILIES, "slow_kernel_thing", _Slow)
    assert _runner.is_neural("slow_kernel_thing")
    assert "slow_kernel_thing" not in bench.default_methods()


def test_default_methods_cover_every_classical_mi_method() -> None:
    default = bench.default_methods()
    for name in _registry.families_supporting("mi"):
        if not _runner.is_neural(name) and _registry.get(name).shannon:
            assert name in default
    assert "kl" not in default  # entropy only
    # Quadratic (non-Shannon) MI is not compared with Shannon ground truth.
    assert "cauchy_schwarz" not in default


def test_quick_chooses_sizes_within_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_runner, "QUICK_SIZES", (100, 200, 10**7))
    lines: list[str] = []
    frame = bench.run(
        ["gaussian-d1-rho0.5"],
        ["ksg"],
        quick=True,
        budget=30.0,
        seeds=1,
        progress=lines.append,
    )
    # 10^7 samples are predicted to take far more than 30 s: not run.
    assert sorted(set(frame["n"])) == [100, 200]
    assert [line.split(":")[0] for line in lines] == ["n=100", "n=200"]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"methods": ["kgs"]}, r"Unknown method 'kgs' for bench.*Did you mean 'ksg'"),
        ({"methods": ["kl"]}, r"Method 'kl' does not estimate 'mi'"),
        ({"tasks": ["gausian-d1-rho0.9"]}, r"Unknown task 'gausian-d1-rho0\.9'"),
        ({"tasks": ["nothing*"]}, r"task pattern 'nothing\*' matches no registered"),
        ({"tasks": [3]}, r"'tasks' parameter of bench.run\(\) must hold task names"),
        ({"tasks": []}, r"'tasks' parameter of bench.run\(\) is empty"),
        ({"seeds": 0}, r"'seeds' parameter of bench.run\(\) must be an int >= 1"),
        ({"n": 1}, r"'n' parameter of bench.run\(\) must be an int >= 2. Got 1"),
        ({"n": [100, 2.5]}, r"'n' parameter of bench.run\(\) must be an int >= 2"),
        ({"n": []}, r"'n' parameter of bench.run\(\) is empty"),
        ({"rng": -1}, r"'rng' parameter of bench.run\(\) must be an int >= 0"),
        ({"budget": 0}, r"'budget' parameter of bench.run\(\) must be a positive"),
    ],
)
def test_errors(kwargs: dict[str, Any], match: str) -> None:
    args = {
        "tasks": ["gaussian-d1-rho0.5"],
        "methods": ["ksg"],
        "n": 100,
        "seeds": 1,
        **kwargs,
    }
    with pytest.raises(InvalidParameterError, match=match):
        bench.run(**args)


def test_missing_peer_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_runner, "available_peers", lambda: [])
    with pytest.raises(
        InvalidParameterError, match=r"needs the package 'sklearn'.*pip install"
    ):
        bench.run(["gaussian-d1-rho0.5"], ["sklearn"], n=100, seeds=1)
    assert "sklearn" not in bench.default_methods()


@pytest.mark.skipif(
    importlib.util.find_spec("sklearn") is None, reason="scikit-learn not installed"
)
def test_sklearn_peer_agrees_with_ksg_and_ross() -> None:
    frame = bench.run(
        ["gaussian-d1-rho0.9", "ross-p0.5", "gaussian-d3-rho0.5"],
        ["ksg", "mixed_ksg", "sklearn"],
        n=500,
        seeds=1,
    )
    est = frame.set_index(["task", "method"])["estimate"]
    # Both run KSG (k = 3) / Ross (k = 3) on standardised data with tiny
    # tie-breaking noise: the same estimator, so the same value to noise level.
    assert est["gaussian-d1-rho0.9", "sklearn"] == pytest.approx(
        est["gaussian-d1-rho0.9", "ksg"], abs=1e-3
    )
    assert est["ross-p0.5", "sklearn"] == pytest.approx(
        est["ross-p0.5", "mixed_ksg"], abs=1e-3
    )
    # scikit-learn scores one feature column at a time: no 3-D task for it.
    assert ("gaussian-d3-rho0.5", "sklearn") not in est.index


def test_ranking_and_markdown() -> None:
    frame = pd.DataFrame(
        {
            "task": ["a", "a", "a", "b", "b"],
            "method": ["p", "q", "r", "p", "q"],
            "n": [10] * 5,
            "error": [0.3, 0.1, 0.1, 0.2, 0.4],
            "seconds": [1.0, 2.0, 3.0, 4.0, 5.0],
        }
    )
    ranks = bench.ranking(frame).set_index("method")
    # cell a: q and r tie for ranks 1-2 (1.5 each), p 3; cell b: p 1, q 2.
    assert ranks.loc["q", "mean_rank"] == pytest.approx(1.75)
    assert ranks.loc["p", "mean_rank"] == pytest.approx(2.0)
    assert ranks.loc["r", "mean_rank"] == pytest.approx(1.5)
    assert list(ranks.index) == ["r", "q", "p"]
    assert ranks.loc["p", "cells"] == 2
    assert ranks.loc["p", "median_seconds"] == pytest.approx(2.5)
    md = bench.to_markdown(
        frame.assign(truth=0.0, estimate=0.0, bias=0.0, std=0.0, seeds=1)
    )
    assert "## Ranking" in md
    assert "| r | 1.5 |" in md.replace("| 1 | r | 1.5 |", "| r | 1.5 |")
    assert bench.ranking(frame.iloc[:0]).empty


def test_plot_writes_an_image(small: pd.DataFrame, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = bench.plot(small, tmp_path / "bench.png")
    assert out.read_bytes()[:4] == b"\x89PNG"


def test_plot_without_matplotlib(
    small: pd.DataFrame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingDependencyError, match=r'pip install "mutinfo\[plot\]"'):
        bench.plot(small, tmp_path / "bench.png")


def test_method_parameters_and_estimator_objects() -> None:
    from mutinfo.estimators import KSG

    frame = bench.run(
        "gaussian-d1-rho0.9",
        ["ksg", "ksg:n_neighbors=8", KSG(n_neighbors=8), "ksg:variant=2:n_neighbors=5"],
        n=300,
        seeds=2,
    )
    est = frame.set_index("method")["estimate"]
    assert list(est.index) == sorted(
        [
            "ksg",
            "ksg:n_neighbors=8",
            "KSG(n_neighbors=8)",
            "ksg:variant=2:n_neighbors=5",
        ]
    )
    # The same settings and the same per-item seeds give the same numbers.
    assert est["ksg:n_neighbors=8"] == est["KSG(n_neighbors=8)"]
    assert est["ksg:n_neighbors=8"] != est["ksg"]


@pytest.mark.parametrize(
    ("methods", "match"),
    [
        (
            ["ksg:n_neighbours=5"],
            r"Cannot read the method 'ksg:n_neighbours=5'.*"
            r"Did you mean 'n_neighbors'",
        ),
        (["ksg:n_neighbors"], r"expected name:key=value"),
        (["ksg:n_neighbors=0"], r"'n_neighbors' parameter of KSG\(\) must be"),
        (["sklearn:n_neighbors=5"], r"peer method 'sklearn' takes no parameters"),
        ([3.5], r"'methods' parameter of bench.run\(\) must hold method names"),
        ([], r"'methods' parameter of bench.run\(\) is empty"),
    ],
)
def test_method_spec_errors(methods: list[Any], match: str) -> None:
    with pytest.raises(InvalidParameterError, match=match):
        bench.run("gaussian-d1-rho0.5", methods, n=100, seeds=1)


def test_failed_runs_are_listed_and_rank_last(monkeypatch: pytest.MonkeyPatch) -> None:
    # A method that raises on a cell used to vanish from it silently, so
    # failing on the hard cells could only improve its mean rank.
    from mutinfo.exceptions import InvalidDataError

    real = _runner._one

    def flaky(method, task, x, y, discrete, seed):  # type: ignore[no-untyped-def]
        if method.label == "mixed_ksg" and task.name == "gaussian-d1-rho0.9":
            raise InvalidDataError("estimate was NaN")
        return real(method, task, x, y, discrete, seed)

    monkeypatch.setattr(_runner, "_one", flaky)
    frame = bench.run(["gaussian-d1-rho0.9"], ["ksg", "mixed_ksg"], n=200, seeds=2)
    assert set(frame["method"]) == {"ksg"}
    key = "gaussian-d1-rho0.9 / mixed_ksg / n=200"
    assert frame.attrs["failed"][key].startswith("2 of 2 seeds failed")
    ranks = bench.ranking(frame).set_index("method")
    assert ranks.loc["ksg", "mean_rank"] == 1.0
    assert ranks.loc["mixed_ksg", "mean_rank"] == 2.0  # last place, not absent
    assert ranks.loc["mixed_ksg", "cells"] == 1


def test_a_method_that_lost_seeds_ranks_below_those_that_ran_them_all() -> None:
    # q's error averages only the 3 seeds it survived of cell "a": ranking it
    # first there (0.05) let failing on the hard seeds improve its rank.
    frame = pd.DataFrame(
        {
            "task": ["a"] * 3 + ["b"] * 3,
            "method": ["p", "q", "r"] * 2,
            "n": [9] * 6,
            "error": [0.2, 0.05, 0.1, 0.3, 0.1, 0.2],
            "seconds": [1.0] * 6,
            "seeds": [5, 3, 5, 5, 5, 5],
        }
    )
    frame.attrs["failed"] = {"a / q / n=9": "2 of 5 seeds failed (boom)"}
    out = bench.ranking(frame).set_index("method")["mean_rank"]
    assert out.to_dict() == {"r": 1.5, "q": 2.0, "p": 2.5}
