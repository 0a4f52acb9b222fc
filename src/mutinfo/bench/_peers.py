"""Peer implementations that ``mutinfo bench`` can run beside mutinfo's methods.

A peer appears as an extra method only when its package is installed, so the
bench works without any of them. Peers are called through their public API,
exactly as a user would call them.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo.datasets._interface import TaskLike

__all__ = ["PEERS", "Peer", "available_peers"]


@dataclass(frozen=True)
class Peer:
    """A peer MI estimator: its method name, package and how to call it."""

    name: str
    package: str
    summary: str
    applies: Callable[[TaskLike], bool]
    estimate: Callable[[NDArray[Any], NDArray[Any], TaskLike, int], float]


def _sklearn_applies(task: TaskLike) -> bool:
    # scikit-learn estimates MI of each feature column with a 1-D target.
    return task.dim_x == 1 and task.dim_y == 1


def _sklearn_estimate(
    x: NDArray[Any], y: NDArray[Any], task: TaskLike, seed: int
) -> float:
    from sklearn.feature_selection import mutual_info_classif, mutual_info_regression

    discrete_x = task.kind_x == "discrete"
    if task.kind_y == "discrete":
        values = mutual_info_classif(
            x, y[:, 0], discrete_features=discrete_x, n_neighbors=3, random_state=seed
        )
    else:
        values = mutual_info_regression(
            x, y[:, 0], discrete_features=discrete_x, n_neighbors=3, random_state=seed
        )
    return float(np.asarray(values)[0])


#: Every peer mutinfo knows, installed or not.
PEERS: dict[str, Peer] = {
    "sklearn": Peer(
        name="sklearn",
        package="sklearn",
        summary=(
            "scikit-learn mutual_info_regression (continuous y) or "
            "mutual_info_classif (discrete y), n_neighbors=3; clips at 0; 1-D only"
        ),
        applies=_sklearn_applies,
        estimate=_sklearn_estimate,
    ),
}


def available_peers() -> list[str]:
    """Return the names of the peers whose package is installed."""
    return [
        name
        for name, peer in PEERS.items()
        if importlib.util.find_spec(peer.package) is not None
    ]
