"""Recorder: equals a manual forward pass, leaves the model as it was."""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from mutinfo.exceptions import InvalidParameterError  # noqa: E402
from mutinfo.neural.analysis import Recorder, log_schedule, tishby_network  # noqa: E402


def _net() -> torch.nn.Module:
    base = tishby_network(activation="tanh", rng=0)
    parts = list(base.named_children())
    # a dropout layer would draw random numbers in train mode
    parts.insert(1, ("drop", torch.nn.Dropout(0.5)))
    return torch.nn.Sequential(OrderedDict(parts))


def test_recorded_activations_equal_a_manual_forward_pass() -> None:
    net = _net()
    probe = torch.from_numpy(np.random.default_rng(0).random((64, 12))).float()
    rec = Recorder(net, ["fc2", "act1"], probe=probe)
    assert rec.layers == ["act1", "fc2"]  # model order
    got = rec.record(3)
    with torch.no_grad():
        h1 = net.act1(net.fc1(probe))  # dropout is off in eval mode
        f2 = net.fc2(h1)
    assert torch.equal(got["act1"], h1)
    assert torch.equal(got["fc2"], f2)
    assert list(rec.activations) == [3]


def test_hooks_removed_params_mode_and_rng_untouched() -> None:
    net = _net()
    net.train()
    before = {k: v.clone() for k, v in net.state_dict().items()}
    state = torch.get_rng_state()
    rec = Recorder(net, torch.nn.Tanh, probe=torch.zeros(8, 12))
    assert rec.layers == ["act1", "act2", "act3", "act4", "act5"]
    rec.record(0)
    assert rec.hooks_attached == 0
    assert all(not m._forward_hooks for m in net.modules())
    assert net.training
    assert torch.equal(torch.get_rng_state(), state)
    assert all(torch.equal(before[k], v) for k, v in net.state_dict().items())


def test_schedule_and_files(tmp_path) -> None:
    assert log_schedule(10, 10) == list(range(10))
    sched = log_schedule(1000, 8)
    assert sched[0] == 0
    assert sched[-1] == 999
    assert sched == sorted(set(sched))
    net = tishby_network(rng=0)
    probe = torch.ones(5, 12)
    for fmt in ("npz", "parquet"):
        rec = Recorder(
            net,
            torch.nn.Tanh,
            probe=probe,
            epochs=[1],
            directory=tmp_path / fmt,
            fmt=fmt,
        )
        assert rec.maybe_record(1)
        assert not rec.maybe_record(2)
        back = Recorder.load(tmp_path / fmt)
        assert list(back) == [1]
        for layer, value in rec.numpy()[1].items():
            np.testing.assert_array_equal(back[1][layer], value)


def test_unknown_layer_names_the_available_ones() -> None:
    net = tishby_network(rng=0)
    with pytest.raises(InvalidParameterError, match="Available layers: 'fc1', 'act1'"):
        Recorder(net, "act9", probe=torch.zeros(2, 12))
    with pytest.raises(InvalidParameterError, match="no module of type Conv1d"):
        Recorder(net, torch.nn.Conv1d, probe=torch.zeros(2, 12))
    with pytest.raises(InvalidParameterError, match="'fmt'"):
        Recorder(net, "act1", probe=torch.zeros(2, 12), fmt="csv")
