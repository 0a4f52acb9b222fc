"""Automatic history length: Ragwitz's criterion for continuous series.

Ragwitz & Kantz (2002) choose the embedding ``(k, k_tau)`` of a series as the
one whose local predictor forecasts the next value best: for each embedded
step, the next value is predicted by the mean of the next values of its
``n_neighbors`` nearest past vectors (max norm, the step itself and its
Theiler window excluded), and the mean squared error, divided by the
variance of the next value, is compared over the candidates. Every candidate
is scored on the same time steps (those every candidate can embed), so the
errors are comparable; ties go to the shorter history. JIDT's
``AUTO_EMBED_METHOD_RAGWITZ`` applies the same criterion.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mutinfo._neighbors import kth_neighbors
from mutinfo._neighbors._exclude import realisation_times, row_times
from mutinfo._params import AnyOf, Interval, IsNone, validate_params
from mutinfo.exceptions import InvalidParameterError
from mutinfo.timeseries._embed import as_realisations, embed

__all__ = ["HistoryChoice", "ragwitz"]


@dataclass(frozen=True)
class HistoryChoice:
    """The embedding Ragwitz's criterion picks, with every candidate's error.

    Attributes
    ----------
    k, k_tau : int
        History length and embedding delay with the smallest error.
    errors : dict
        ``(k, k_tau)`` to the normalised one-step prediction error (mean
        squared error over the variance of the next value; 1: no better than
        the mean).
    n_steps : int
        Time steps scored (the same for every candidate).
    params : dict
        The search: ``max_k``, ``max_tau``, ``n_neighbors``, ``theiler``.
    """

    k: int
    k_tau: int
    errors: dict[tuple[int, int], float]
    n_steps: int
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (for ``Result.extras``)."""
        return {
            "criterion": "ragwitz",
            "k": self.k,
            "k_tau": self.k_tau,
            "n_steps": self.n_steps,
            "errors": {f"k={a},k_tau={b}": e for (a, b), e in self.errors.items()},
            **self.params,
        }


def _standardised(x: Any, where: str) -> list[np.ndarray]:
    reals = as_realisations(x, "x")
    if any(a.dtype.kind != "f" for a in reals):
        raise InvalidParameterError(
            f"k='auto' of {where} chooses the history of continuous series "
            "(Ragwitz's local-prediction criterion); the series holds "
            f"{reals[0].dtype} values. Convert to float, or pass an integer k "
            "(for discrete series, compare the bias-corrected AIS over k)."
        )
    pooled = np.concatenate(reals).astype(np.float64)
    centre = np.nanmean(pooled, axis=0)
    spread = np.nanstd(pooled, axis=0)
    spread[~(spread > 0)] = 1.0
    return [(a.astype(np.float64) - centre) / spread for a in reals]


@validate_params(
    {
        "max_k": Interval(int, 1, None),
        "max_tau": Interval(int, 1, None),
        "n_neighbors": Interval(int, 1, None),
        "theiler": AnyOf((IsNone(), Interval(int, 0, None))),
        "k_tau": AnyOf((IsNone(), Interval(int, 1, None))),
    }
)
def ragwitz(
    x: Any,
    *,
    max_k: int = 6,
    max_tau: int = 1,
    n_neighbors: int = 4,
    theiler: int | None = None,
    k_tau: int | None = None,
    nan_policy: str = "raise",
) -> HistoryChoice:
    """Choose ``(k, k_tau)`` of a continuous series by Ragwitz's criterion.

    Parameters
    ----------
    x : array-like of shape (n_steps,) or (n_steps, n_features), or a list of them
        The series (a list: realisations, pooled, never embedded across joins).
    max_k : int, default=6
        Longest history tried (``k = 1..max_k``).
    max_tau : int, default=1
        Largest embedding delay tried (``k_tau = 1..max_tau``).
    n_neighbors : int, default=4
        Neighbours of the local predictor.
    theiler : int or None, default=None
        Theiler window of the neighbour search (time steps), None: only the
        step itself is excluded.
    k_tau : int or None, default=None
        Search ``k`` at this delay only (``max_tau`` is then ignored).
    nan_policy : {'raise', 'omit'}, default='raise'
        As in :func:`embed`.

    Returns
    -------
    HistoryChoice

    References
    ----------
    .. [1] M. Ragwitz and H. Kantz, "Markov models from data by simple
       nonlinear time series predictors in delay embedding spaces", Phys. Rev.
       E 65, 056201 (2002), doi:10.1103/PhysRevE.65.056201.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import timeseries as ts
    >>> rng = np.random.default_rng(0)
    >>> x = np.zeros(3000)
    >>> for t in range(2, 3000):  # AR(2): two past values predict the next one
    ...     x[t] = 0.6 * x[t - 1] - 0.4 * x[t - 2] + 0.3 * rng.normal()
    >>> ts.ragwitz(x, max_k=4).k
    2
    """
    where = "ragwitz()"
    series = _standardised(x, where)
    taus = [k_tau] if k_tau is not None else list(range(1, max_tau + 1))
    reach = 1 + (max_k - 1) * max(taus)
    candidates = [
        (k, tau)
        for tau in taus
        for k in range(1, max_k + 1)
        if not (k == 1 and tau > 1 and k_tau is None)  # one lag: no delay
    ]
    embedded = {
        kt: embed(series, k=kt[0], k_tau=kt[1], nan_policy=nan_policy, where=where)
        for kt in candidates
    }
    # Score every candidate on the same steps: those that all of them embed
    # (with nan_policy="omit" a longer history loses more steps near a gap).
    stride = 1 + max(int(e.time.max(initial=0)) for e in embedded.values())
    common: np.ndarray | None = None
    for e in embedded.values():
        key = e.realisation[e.time >= reach] * stride + e.time[e.time >= reach]
        common = key if common is None else np.intersect1d(common, key)
    assert common is not None
    n_steps = int(common.size)
    if n_steps <= n_neighbors + 2 * (theiler or 0) + 1:
        raise InvalidParameterError(
            f"{where} needs more steps than the embedding and the "
            f"neighbours: with max_k={max_k}, max_tau={max_tau}, "
            f"n_neighbors={n_neighbors} only {n_steps} steps are scored "
            "(those every candidate history can embed). Use a shorter search "
            "or a longer series."
        )
    errors: dict[tuple[int, int], float] = {}
    for kt, e in embedded.items():
        keep = np.isin(e.realisation * stride + e.time, common)
        past, future = e.target_past[keep], e.future[keep]
        times = realisation_times(e.time[keep], e.realisation[keep], theiler or 0)
        with row_times(times):
            _, idx = kth_neighbors(past, n_neighbors, theiler=theiler)
        pred = future[idx].mean(axis=1)
        var = float(future.var(axis=0).sum())
        mse = float(((pred - future) ** 2).sum(axis=1).mean())
        errors[kt] = mse / var if var > 0 else math.inf
    best = min(errors, key=lambda kt: (errors[kt], kt[0] * kt[1], kt[0]))
    return HistoryChoice(
        k=best[0],
        k_tau=best[1],
        errors=errors,
        n_steps=n_steps,
        params={
            "max_k": max_k,
            "n_neighbors": n_neighbors,
            "theiler": theiler,
            "max_tau": max(taus),
        },
    )
