"""Small seeded versions of the demos in benchmarks/objectives.py."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("sklearn")


def _script() -> ModuleType:
    path = Path(__file__).resolve().parents[3] / "benchmarks" / "objectives.py"
    spec = importlib.util.spec_from_file_location("objectives_benchmark", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def _one_thread() -> object:
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def test_deep_infomax_code_beats_a_random_encoder_on_a_linear_probe() -> None:
    out = _script().dim_demo(epochs=3, seed=0)
    # the same architecture and initialisation, untrained, probed the same way
    assert out["dim_probe"] > out["random_probe"] + 0.05
    assert out["local_infonce"] > 0.0


def test_vdb_kl_tracks_the_constraint_and_covers_the_modes() -> None:
    script = _script()
    vdb = script.vdb_demo(steps=500, seed=0, bottleneck=True)
    gan = script.vdb_demo(steps=500, seed=0, bottleneck=False)
    assert vdb["beta"] > 0.0  # the dual update moved beta
    assert abs(vdb["kl_last_200"] - vdb["i_c"]) < 0.5 * vdb["i_c"]
    assert gan["beta"] == 0.0
    # 500 steps are too few for the coverage claim (the 2000-step run in
    # docs/reproductions/vdb.md makes it): on an AVX-512 machine seeds 0-3
    # gave VDB 6, 7, 8, 8 modes and the GAN 7, 7, 8, 8, so ``vdb >= gan``
    # held only on some CPUs. The bottleneck must not collapse the generator.
    assert vdb["modes"] >= 6


def test_count_modes_counts_centres_within_three_std() -> None:
    script = _script()
    gen = torch.Generator().manual_seed(0)
    samples, comp = script.ring(800, gen)
    # a 2-D Gaussian puts exp(-4.5) = 1.1% of its mass beyond 3 std
    modes, share = script.count_modes(samples)
    assert modes == 8
    assert share == pytest.approx(1 - 0.011, abs=0.01)
    assert script.count_modes(samples[comp < 3])[0] == 3
    assert script.count_modes(samples + 1.0)[0] == 0


def test_imsat_small_run_gives_balanced_clusters_well_above_chance() -> None:
    # 3 epochs of a 128-wide net (the benchmark: 1200 wide, 50 epochs, where it
    # beats k-means); here only balance and a clear signal are checked
    out = _script().imsat_demo(epochs=3, seed=0, width=128)
    assert out["h_marginal"] > 2.25  # ln 10 = 2.303
    assert out["imsat_accuracy"] > 0.35  # chance after matching is about 0.1
    assert out["kmeans_raw_accuracy"] > out["kmeans_std_accuracy"]
