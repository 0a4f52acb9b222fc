"""One-call information-plane experiments on the Tishby task and on digits."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import torch

from mutinfo._params import Interval, Options, check_rng, validate_params
from mutinfo.neural.analysis._networks import mlp, tishby_network, train_classifier
from mutinfo.neural.analysis._plane import information_plane
from mutinfo.neural.analysis._probe import linear_probe
from mutinfo.neural.analysis._recorder import Recorder, log_schedule

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["load_digits_task", "run_information_plane"]


def load_digits_task() -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's bundled 8x8 digits: x (1797, 64) in [0, 1], y (1797,) in 0-9.

    Needs scikit-learn (``pip install "mutinfo[sklearn]"``); no download.

    Examples
    --------
    >>> from mutinfo.neural.analysis import load_digits_task
    >>> x, y = load_digits_task()
    >>> x.shape, int(y.max())
    ((1797, 64), 9)
    """
    try:
        from sklearn.datasets import load_digits
    except ImportError as exc:  # pragma: no cover - extra missing
        from mutinfo.exceptions import MissingDependencyError

        raise MissingDependencyError(
            'The digits task needs scikit-learn: pip install "mutinfo[sklearn]"'
        ) from exc
    data = load_digits()
    return data.data / 16.0, data.target.astype(np.int64)


@validate_params(
    {
        "task": Options(("tishby", "digits")),
        "activation": Options(("tanh", "relu")),
        "epochs": Interval(int, 1, None),
        "n_points": Interval(int, 1, None),
        "bins": Interval(int, 1, None),
        "noise_variance": Interval(float, 0.0, None, closed="neither"),
        "lr": Interval(float, 0.0, None, closed="neither"),
        "batch_size": Interval(int, 1, None),
        "optimizer": Options(("adam", "sgd")),
    }
)
def run_information_plane(
    task: str = "tishby",
    *,
    activation: str = "tanh",
    epochs: int = 200,
    n_points: int = 20,
    methods: tuple[str, ...] = ("binning", "kde"),
    bins: int = 30,
    edges: Any = "observed",
    noise_variance: float = 0.1,
    probes: bool = False,
    lr: float = 0.01,
    batch_size: int = 256,
    optimizer: str = "adam",
    directory: str | Path | None = None,
    base: float = 2.0,
    rng: Any = None,
) -> tuple[pd.DataFrame, Recorder]:
    """Train a network on a task, record its hidden layers, return the plane.

    ``task='tishby'``: :func:`mutinfo.datasets.tishby_task` and
    :func:`tishby_network` (12-10-7-5-4-3-2), trained on a random 80 % of the
    4096 inputs, recorded on all of them. ``task='digits'``:
    :func:`load_digits_task` and a 64-32-16-10 MLP (trained on 80 %, recorded
    on all 1797 images). Adam with ``lr`` and ``batch_size``; layers recorded
    at ``log_schedule(epochs + 1, n_points)``.

    Parameters
    ----------
    task : {'tishby', 'digits'}
    activation : {'tanh', 'relu'}
    epochs, n_points : int
        Training epochs and recorded epochs.
    methods : tuple of str, default=('binning', 'kde')
        Estimators of the plane (any :func:`information_plane` method).
    bins, noise_variance : see :func:`binned_mi` and :func:`kde_mi`
    edges : 'observed', 'per_unit', 'all_epochs' or (low, high)
        Binning range, see :func:`information_plane`.
    probes : bool, default=False
        Add a linear probe's bound (:func:`linear_probe`) per layer and epoch
        as quantity ``'I(T;Y)'`` with method ``'linear_probe'``.
    lr, batch_size : training settings
    optimizer : {'adam', 'sgd'}, default='adam'
        Plain SGD (no momentum) is what Shwartz-Ziv & Tishby and Saxe et al.
        describe; see the reproduction page for both.
    directory : str or Path, optional
        Where the recorder writes one ``.npz`` per epoch.
    base : float, default=2
        Logarithm base of the frame (bits).
    rng : None, int or numpy.random.Generator
        Seeds the weights, the split and the batch order.

    Returns
    -------
    (pandas.DataFrame, Recorder)
        The frame of :func:`information_plane` (all methods stacked, with
        columns ``task`` and ``activation``) and the recorder.

    Examples
    --------
    >>> from mutinfo.neural.analysis import run_information_plane
    >>> frame, rec = run_information_plane(
    ...     epochs=1, n_points=2, bins=2, methods=("binning",), rng=0
    ... )
    >>> frame["epoch"].unique().tolist(), frame["layer"].unique().tolist()
    ([0, 1], ['act1', 'act2', 'act3', 'act4', 'act5'])
    """
    import pandas as pd

    generator = check_rng(rng)
    if task == "tishby":
        from mutinfo.datasets import tishby_task

        x, y = tishby_task()
        model = tishby_network(activation=activation, rng=generator)
    else:
        x, y = load_digits_task()
        model = mlp([64, 32, 16, 10], activation=activation, rng=generator)
    train = generator.permutation(x.shape[0])[: int(0.8 * x.shape[0])]
    xt = torch.as_tensor(x, dtype=torch.float32)
    act_type = torch.nn.Tanh if activation == "tanh" else torch.nn.ReLU
    recorder = Recorder(
        model,
        act_type,
        probe=xt,
        epochs=log_schedule(epochs + 1, n_points),
        directory=directory,
    )
    train_classifier(
        model,
        xt[train],
        y[train],
        epochs=epochs,
        lr=lr,
        batch_size=batch_size,
        optimizer=optimizer,
        recorder=recorder,
        rng=generator,
    )
    frames = []
    for method in methods:
        params: dict[str, Any] = {"base": base}
        if method == "binning":
            params["bins"] = bins
            params["edges"] = edges
        elif method == "kde":
            params["noise_variance"] = noise_variance
        else:
            params["x"] = x
            params["rng"] = generator
        frames.append(information_plane(recorder, y=y, method=method, **params))
    if probes:
        rows = []
        for epoch, layers in sorted(recorder.activations.items()):
            for index, (layer, t) in enumerate(layers.items()):
                res = linear_probe(t, y, base=base, rng=0)
                rows.append(
                    (
                        epoch,
                        layer,
                        index,
                        "I(T;Y)",
                        res.value,
                        res.unit,
                        "linear_probe",
                        f"accuracy={res.accuracy:.4f}",
                    )
                )
        frames.append(pd.DataFrame(rows, columns=frames[0].columns if frames else None))
    frame = pd.concat(frames, ignore_index=True)
    frame.insert(0, "activation", activation)
    frame.insert(0, "task", task)
    return frame, recorder
