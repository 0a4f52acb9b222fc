"""The random Boolean network studies: pairwise MI (Ribeiro) and AIS / TE (Lizier)."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from mutinfo._params import Interval, check_rng, validate_params
from mutinfo._result import unit_name
from mutinfo.datasets import random_boolean_network
from mutinfo.exceptions import MutinfoWarning
from mutinfo.matrix import mi_matrix
from mutinfo.timeseries._measures import active_information_storage, transfer_entropy

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["rbn_information_dynamics", "rbn_pairwise_mi"]

_STUDY = {
    "n_nodes": Interval(int, 3, None),
    "n_networks": Interval(int, 1, None),
    "n_steps": Interval(int, 2, None),
    "transient": Interval(int, 0, None),
    "p": Interval(float, 0.0, 1.0),
}


@validate_params(_STUDY)
def rbn_pairwise_mi(
    k_values: Sequence[int],
    *,
    n_nodes: int = 50,
    n_networks: int = 10,
    n_steps: int = 200,
    transient: int = 100,
    p: float = 0.5,
    base: float = 2.0,
    rng: Any = None,
) -> pd.DataFrame:
    """Average pairwise MI of random Boolean networks across in-degree ``K``.

    Ribeiro et al.'s measure: for each network, ``<I> = mean over ordered
    pairs i != j of I(x_i(t) ; x_j(t+1))`` (plug-in, on one run after a
    transient), computed for all pairs at once through
    :func:`mutinfo.mi_matrix`. ``N <I>`` peaks near the critical line
    ``2 p (1 - p) K = 1``, slightly on the disordered side.

    Parameters
    ----------
    k_values : sequence of int
        The in-degrees swept.
    n_nodes, n_networks, n_steps, transient : int
        Network size, networks per ``K``, observed steps and discarded steps.
    p : float, default=0.5
        Bias of the Boolean functions.
    base : float, default=2.0
        Logarithm base (bits, as the paper).
    rng : None, int or numpy.random.Generator, default=None
        Seeds the networks and their initial states.

    Returns
    -------
    pandas.DataFrame
        One row per network: ``k``, ``network``, ``mean_mi``, ``n_mean_mi``
        (``N <I>``), ``sensitivity`` (``2 p (1 - p) K`` annealed), and the
        sweep's parameters ``n_nodes``, ``n_steps``, ``transient``, ``p`` (so
        stacked sweeps stay apart); ``attrs["unit"]``.
        :func:`mutinfo.plot.rbn_sweep` draws it.

    References
    ----------
    .. [1] A. S. Ribeiro, S. A. Kauffman, J. Lloyd-Price, B. Samuelsson and J.
       E. S. Socolar, "Mutual information in random Boolean models of
       regulatory networks", Phys. Rev. E 77, 011901 (2008).

    Examples
    --------
    >>> from mutinfo import timeseries as ts
    >>> frame = ts.rbn_pairwise_mi([1, 2], n_nodes=8, n_networks=2, n_steps=50, rng=0)
    >>> frame.shape
    (4, 9)
    """
    import pandas as pd

    gen = check_rng(rng)
    rows = []
    for kk in k_values:
        for net_id in range(n_networks):
            net = random_boolean_network(n_nodes, int(kk), p=p, rng=gen)
            states = net.run(n_steps + 1, rng=gen, transient=transient)
            table = pd.DataFrame(
                np.hstack([states[:-1], states[1:]]),
                columns=[f"a{i}" for i in range(n_nodes)]
                + [f"b{i}" for i in range(n_nodes)],
            )
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", MutinfoWarning)
                mat = mi_matrix(table, method="plugin", discrete=True, base=base)
            cross = np.asarray(mat.mi.to_numpy()[:n_nodes, n_nodes:], dtype=float)
            off = ~np.eye(n_nodes, dtype=bool)
            mean = float(cross[off].mean())
            rows.append(
                {
                    "k": int(kk),
                    "network": net_id,
                    "mean_mi": mean,
                    "n_mean_mi": n_nodes * mean,
                    "sensitivity": 2 * p * (1 - p) * int(kk),
                    "n_nodes": n_nodes,
                    "n_steps": n_steps,
                    "transient": transient,
                    "p": p,
                }
            )
    out = pd.DataFrame(rows)
    out.attrs["unit"] = unit_name(base)
    return out


@validate_params(_STUDY | {"history": Interval(int, 1, None)})
def rbn_information_dynamics(
    k_values: Sequence[int],
    *,
    n_nodes: int = 30,
    n_networks: int = 5,
    n_steps: int = 400,
    transient: int = 100,
    history: int = 3,
    p: float = 0.5,
    base: float = 2.0,
    rng: Any = None,
) -> pd.DataFrame:
    """Mean active information storage and transfer entropy of RBNs across ``K``.

    Lizier et al.'s study: per network, the mean AIS of the nodes
    (``k = history``) and the mean TE over the network's edges (source an
    input of the target, target history ``history``, plug-in). Storage is
    largest on the ordered side and transfer grows on the chaotic side of the
    transition at ``2 p (1 - p) K = 1``.

    Parameters
    ----------
    k_values : sequence of int
        The in-degrees swept.
    n_nodes, n_networks, n_steps, transient : int
        Network size, networks per ``K``, observed and discarded steps.
    history : int, default=3
        History length of AIS and of the TE's target.
    p : float, default=0.5
        Bias of the Boolean functions.
    base : float, default=2.0
        Logarithm base.
    rng : None, int or numpy.random.Generator, default=None
        Seed.

    Returns
    -------
    pandas.DataFrame
        One row per network: ``k``, ``network``, ``ais``, ``te``,
        ``sensitivity``, and the sweep's parameters ``n_nodes``, ``n_steps``,
        ``transient``, ``p``, ``history`` (so stacked sweeps stay apart);
        ``attrs["unit"]``. :func:`mutinfo.plot.rbn_sweep` draws it.

    References
    ----------
    .. [1] J. T. Lizier, M. Prokopenko and A. Y. Zomaya, "The information
       dynamics of phase transitions in random Boolean networks", Proc.
       ALife XI, 374-381 (2008).

    Examples
    --------
    >>> from mutinfo import timeseries as ts
    >>> frame = ts.rbn_information_dynamics(
    ...     [2], n_nodes=6, n_networks=1, n_steps=60, rng=0
    ... )
    >>> frame.columns.tolist()[:5]
    ['k', 'network', 'ais', 'te', 'sensitivity']
    """
    import pandas as pd

    gen = check_rng(rng)
    rows = []
    for kk in k_values:
        for net_id in range(n_networks):
            net = random_boolean_network(n_nodes, int(kk), p=p, rng=gen)
            states = net.run(n_steps, rng=gen, transient=transient).astype(np.int64)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", MutinfoWarning)
                ais = [
                    active_information_storage(
                        states[:, i], k=history, method="plugin", base=base
                    )
                    for i in range(n_nodes)
                ]
                te = [
                    transfer_entropy(
                        states[:, int(src)],
                        states[:, tgt],
                        k=history,
                        method="plugin",
                        base=base,
                    )
                    for tgt in range(n_nodes)
                    for src in net.inputs[tgt]
                ]
            rows.append(
                {
                    "k": int(kk),
                    "network": net_id,
                    "ais": float(np.mean(ais)),
                    "te": float(np.mean(te)),
                    "sensitivity": 2 * p * (1 - p) * int(kk),
                    "n_nodes": n_nodes,
                    "n_steps": n_steps,
                    "transient": transient,
                    "p": p,
                    "history": history,
                }
            )
    out = pd.DataFrame(rows)
    out.attrs["unit"] = unit_name(base)
    return out
