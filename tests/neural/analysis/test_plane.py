"""information_plane, probes, scheduler, the Tishby task, the experiment."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

torch = pytest.importorskip("torch")

from mutinfo.datasets import tishby_task  # noqa: E402
from mutinfo.exceptions import (  # noqa: E402
    BiasWarning,
    InvalidDataError,
    InvalidParameterError,
)
from mutinfo.neural.analysis import (  # noqa: E402
    MICallback,
    MIScheduler,
    information_plane,
    linear_probe,
    output_label_mi,
    plot_information_plane,
    probe_bound,
    run_information_plane,
)

X, Y = tishby_task()
H_Y_BITS = -sum(p * math.log2(p) for p in np.bincount(Y) / Y.size)


def test_tishby_labels_match_the_published_shares() -> None:
    pop = X.sum(1)
    shares = {k: Y[pop == k].mean() for k in range(13)}
    assert all(shares[k] == 0 for k in range(5))
    assert all(shares[k] == 1 for k in range(8, 13))
    assert shares[5] == pytest.approx(0.0758, abs=5e-4)
    assert shares[6] == pytest.approx(0.5758, abs=5e-4)
    assert shares[7] == pytest.approx(0.9242, abs=5e-4)
    assert len({tuple(r) for r in X}) == 4096


def test_tiny_tishby_run_respects_the_bounds(tmp_path) -> None:
    # 30 bins on 4096 inputs: nearly every input alone in its bin (Saxe et al.)
    with pytest.warns(BiasWarning, match="alone in their bin"):
        frame, rec = run_information_plane(
            "tishby",
            activation="relu",
            epochs=2,
            n_points=2,
            bins=30,
            methods=("binning",),
            probes=True,
            directory=tmp_path,
            rng=0,
        )
    assert set(frame["method"]) == {"binning", "linear_probe"}
    ixt = frame[frame["quantity"] == "I(X;T)"]["value"]
    ity = frame[(frame["quantity"] == "I(T;Y)") & (frame["method"] != "linear_probe")]
    assert (ixt >= 0).all()
    assert (ixt <= 12 + 1e-9).all()
    assert (ity["value"] <= H_Y_BITS + 1e-9).all()
    assert (frame["unit"] == "bits").all()
    assert sorted(int(p.stem[-5:]) for p in tmp_path.glob("*.npz")) == [0, 2]
    # the files give the same plane as the recorder
    with pytest.warns(BiasWarning, match="alone in their bin"):
        again = information_plane(rec.load(tmp_path), y=Y, bins=30, base=2)
    ours = frame[frame["method"] == "binning"].drop(columns=["task", "activation"])
    pd.testing.assert_frame_equal(
        again.reset_index(drop=True), ours.reset_index(drop=True)
    )


def test_kde_plane_on_a_subset_is_within_its_range() -> None:
    rows = np.random.default_rng(0).choice(4096, 512, replace=False)
    h = np.tanh(X[rows] @ np.random.default_rng(1).normal(size=(12, 4)))
    frame = information_plane(
        {0: {"h": torch.from_numpy(h)}},
        y=Y[rows],
        method="kde",
        noise_variance=0.1,
        base=2,
    )
    got = frame.set_index(["method", "quantity"])["value"]
    assert 0 <= got[("kde_lower", "I(X;T)")] <= got[("kde_upper", "I(X;T)")] <= 9.0
    assert got[("kde_upper", "I(T;Y)")] <= 1.0 + 1e-9  # H(Y) <= 1 bit


def test_successive_total_correlation_and_a_family() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 2))
    h1 = np.tanh(x @ rng.normal(size=(2, 3)))
    h2 = np.tanh(h1 @ rng.normal(size=(3, 2)))
    table = {0: {"h1": h1, "h2": h2, "flat": np.zeros((300, 2))}}
    y = (x[:, 0] > 0).astype(int)
    frame = information_plane(
        table,
        x,
        y,
        method="gaussian_copula",
        successive=True,
        total_correlation=True,
        rng=0,
    )
    got = frame.set_index(["layer", "quantity"])["value"]
    assert got[("flat", "I(X;T)")] == 0.0
    assert got[("flat", "TC(T)")] == 0.0
    assert got[("h1", "I(X;T)")] > 0.5
    assert ("h1", "I(T;T_next)") in got.index
    assert ("h2", "I(T;T_next)") in got.index
    binned = information_plane(
        table, y=y, successive=True, total_correlation=True, bins=5
    )
    assert set(binned["quantity"]) == {"I(X;T)", "I(T;Y)", "I(T;T_next)", "TC(T)"}
    assert (binned["method"] == "binning").all()


def test_plane_bad_input() -> None:
    bad = {3: {"h": np.array([[0.0], [np.nan]])}}
    with pytest.raises(InvalidDataError, match="Layer 'h' at epoch 3"):
        information_plane(bad)
    ok = {0: {"h": np.zeros((4, 1))}}
    with pytest.raises(InvalidDataError, match=r"shape \(4,\)"):
        information_plane(ok, y=[0, 1])
    with pytest.raises(InvalidParameterError, match="noise_variance"):
        information_plane(ok, method="kde")
    with pytest.raises(InvalidParameterError, match="pass x"):
        information_plane(ok, method="ksg")
    with pytest.raises(InvalidParameterError, match="'activations'"):
        information_plane([1, 2])


def test_plot(tmp_path) -> None:
    pytest.importorskip("matplotlib")
    h = np.repeat(np.arange(4.0), 10)[:, None]
    frame = information_plane(
        {e: {"h": h * (e + 1)} for e in range(3)}, y=np.repeat([0, 1], 20)
    )
    fig = plot_information_plane(frame, path=tmp_path / "plane.svg")
    assert (tmp_path / "plane.svg").stat().st_size > 0
    assert fig.axes[0].get_ylabel() == "I(T;Y) [nats]"


def test_plot_refuses_mixed_units_and_stacked_runs() -> None:
    """A bits and a nats frame stacked plotted 1.69 'bits' for I(X;T) = 2 bits."""
    pytest.importorskip("matplotlib")
    t, y = np.repeat(np.arange(4.0), 10)[:, None], np.repeat([0, 1], 20)
    bits = information_plane({0: {"h": t}}, y=y, bins=4, base=2)
    nats = information_plane({0: {"h": t}}, y=y, bins=4)
    with pytest.raises(InvalidDataError, match=r"mixes units \['bits', 'nats'\]"):
        plot_information_plane(pd.concat([bits, nats]))
    coarse = information_plane({0: {"h": t}}, y=y, bins=2, base=2)
    with pytest.raises(InvalidDataError, match="Plot one run at a time"):
        plot_information_plane(pd.concat([bits, coarse]))
    fig = plot_information_plane(bits)
    point = fig.axes[0].collections[0].get_offsets().tolist()[0]
    assert point == pytest.approx([2.0, 1.0])  # I(X;T) = 2 bits, I(T;Y) = 1 bit


def test_probe_bound_perfect_constant_and_fitted() -> None:
    y = np.array([0, 1, 2, 2, 1, 0, 2, 2])
    h = -sum(p * math.log(p) for p in np.bincount(y) / y.size)
    assert probe_bound(np.eye(3)[y], y) == pytest.approx(h, abs=1e-15)
    freq = np.bincount(y) / y.size
    assert probe_bound(np.tile(freq, (8, 1)), y) == pytest.approx(0.0, abs=1e-15)
    assert probe_bound(np.full((8, 3), 1 / 3), y) <= 0.0
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 2, 400)
    separable = labels[:, None] * 4.0 + rng.normal(size=(400, 1)) * 0.1
    res = linear_probe(separable, labels, weight_decay=0.0, rng=0)
    assert res.accuracy == 1.0
    assert res.value == pytest.approx(res.entropy, abs=1e-3)  # perfect: H(Y)
    noise = linear_probe(rng.normal(size=(400, 3)), labels, rng=0)
    assert noise.value < 0.05
    assert res.unit == "nats"


def test_scheduler_follows_its_rule_on_a_scripted_sequence() -> None:
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    sched = MIScheduler(opt, factor=0.5, threshold=0.05, min_lr=0.02)
    mis = [0.1, 0.2, 0.205, 0.3, 0.25, 0.25, 0.5]
    # changes: +100 %, +2.5 % (< 5 %: halve), +46 %, -17 % (halve), 0 % (halve, floor)
    assert [sched.step(m) for m in mis] == [0.1, 0.1, 0.05, 0.05, 0.025, 0.02, 0.02]
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
    ref = MIScheduler(opt, rule="reference", reference=1.0)
    # lr = min(previous, lr0 (1 - I / H)); never grows
    assert [ref.step(m) for m in (0.2, 0.5, 0.4, 0.9)] == pytest.approx(
        [0.8, 0.5, 0.5, 0.1]
    )
    with pytest.raises(InvalidParameterError, match="'reference'"):
        MIScheduler(opt, rule="reference")
    with pytest.raises(InvalidParameterError, match="'factor'"):
        MIScheduler(opt, factor=1.5)
    with pytest.raises(InvalidDataError, match="finite"):
        sched.step(float("nan"))


def test_callback_measures_output_label_mi_on_a_model() -> None:
    net = torch.nn.Linear(1, 2)
    with torch.no_grad():
        net.weight.copy_(torch.tensor([[-1.0], [1.0]]))
        net.bias.zero_()
    x = torch.linspace(-1, 1, 40)[:, None]
    y = (x[:, 0] > 0).long()
    assert output_label_mi(net, x, y) == pytest.approx(math.log(2))
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    cb = MICallback(MIScheduler(opt, threshold=0.01), x, y)
    assert cb(net, 0) == 0.1
    assert cb(net, 1) == 0.05
    assert cb.history[1] == (1, pytest.approx(math.log(2)), 0.05)


def test_all_epochs_edges_keep_the_bins_fixed_across_epochs() -> None:
    """'all_epochs' bins every epoch of a layer over one range; 'observed' rescales."""
    early = np.repeat([0.0, 0.5], 10)[:, None]  # small activations early on
    late = np.repeat([0.0, 4.0], 10)[:, None]  # grown weights later
    table = {0: {"h": early}, 1: {"h": late}}
    fixed = information_plane(table, bins=4, edges="all_epochs", base=2)
    # range (0, 4), 4 bins: 0 and 0.5 share bin 0 (0 bits); 0 and 4 differ (1 bit)
    assert fixed["value"].tolist() == [0.0, 1.0]
    assert (fixed["params"] == "bins=4, edges='all_epochs' (0, 4)").all()
    observed = information_plane(table, bins=4, edges="observed", base=2)
    assert observed["value"].tolist() == [1.0, 1.0]
    # a layer constant over all epochs gives 0, never an error
    flat = information_plane({0: {"h": np.ones((6, 2))}}, bins=3, edges="all_epochs")
    assert flat["value"].tolist() == [0.0]
    from mutinfo.neural.analysis import binned_mi

    with pytest.raises(InvalidParameterError, match="information_plane"):
        binned_mi(early, edges="all_epochs")


def test_successive_binned_warns_when_the_next_layer_saturates() -> None:
    """A next layer unrelated to T, finely binned: I(T;T_next) read H(T) silently."""
    t = np.repeat(np.arange(4.0), 50)[:, None]  # 4 bins of 50: not saturated
    noise = np.random.default_rng(0).normal(size=(200, 6))  # unrelated to t
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = information_plane({0: {"a": t, "b": noise}}, bins=30, successive=True)
    nxt = frame[frame["quantity"] == "I(T;T_next)"]["value"]
    assert nxt.tolist() == pytest.approx([math.log(4)])  # H(bin(T)), truth ~0
    texts = [str(w.message) for w in caught if w.category is BiasWarning]
    assert sum("I(T;T_next)" in m for m in texts) == 1
    assert sum("binned I(X;T)" in m for m in texts) == 1  # the layer "b" itself
