"""Maximum-mutual-information reranking of n-best lists (Li et al. 2016)."""

from __future__ import annotations

import math
import numbers
import warnings
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mutinfo.exceptions import DataWarning, InvalidDataError, InvalidParameterError

__all__ = ["mmi_bidirectional_rerank", "mmi_rerank", "mmi_rerank_frame", "mmi_scores"]


def _scores(values: ArrayLike, name: str, where: str) -> NDArray[np.float64]:
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1 or array.size == 0:
        raise InvalidDataError(
            f"The {name!r} parameter of {where} must be a non-empty 1-D array of "
            f"log-probabilities, one per candidate. Got shape {array.shape}."
        )
    if np.any(np.isnan(array)) or np.any(array == np.inf):
        raise InvalidDataError(
            f"The {name!r} parameter of {where} contains NaN or +inf. "
            "Log-probabilities must be finite or -inf."
        )
    return array


def _lam(lam: Any, where: str, *, upper: float | None) -> float:
    ok = isinstance(lam, numbers.Real) and not isinstance(lam, bool)
    if ok:
        value = float(lam)
        ok = math.isfinite(value) and value >= 0 and (upper is None or value <= upper)
    if not ok:
        rng = "[0, 1]" if upper is not None else ">= 0"
        raise InvalidParameterError(
            f"The 'lam' parameter of {where} must be a number in {rng}. "
            f"Got {lam!r} instead."
        )
    return float(lam)


def _pair(a: Any, b: Any, names: tuple[str, str], where: str) -> tuple[Any, Any]:
    x, y = _scores(a, names[0], where), _scores(b, names[1], where)
    if x.shape != y.shape:
        raise InvalidDataError(
            f"{where} needs one score per candidate in both arrays; got "
            f"{names[0]} of length {x.size} and {names[1]} of length {y.size}."
        )
    return x, y


def mmi_scores(
    log_p_t_given_s: ArrayLike,
    log_p_t: ArrayLike,
    *,
    lam: float = 0.5,
    lengths: ArrayLike | None = None,
    gamma: float = 0.0,
) -> NDArray[np.float64]:
    """MMI-antiLM scores ``log p(T|S) - lam log p(T) + gamma |T|``, nats.

    ``lam = 1`` scores the pointwise mutual information ``log p(T|S)/p(T)`` of
    source and candidate; ``lam = 0`` is the likelihood. The length bonus
    ``gamma |T|`` offsets the anti-LM's preference for short candidates.

    Parameters
    ----------
    log_p_t_given_s : array-like of shape (n_candidates,)
        Log-likelihood of each candidate ``T`` given the source ``S``.
    log_p_t : array-like of shape (n_candidates,)
        Language-model log-probability of each candidate.
    lam : float, default=0.5
        Weight of the anti-language-model term (>= 0).
    lengths : array-like of shape (n_candidates,) or None, default=None
        Candidate lengths ``|T|`` for the ``gamma`` bonus.
    gamma : float, default=0.0
        Length bonus per token.

    Returns
    -------
    ndarray of shape (n_candidates,)

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import text
    >>> text.mmi_scores(np.log([0.5, 0.3]), np.log([0.4, 0.05])).round(4).tolist()
    [-0.235, 0.2939]
    """
    where = "mmi_scores()"
    forward, prior = _pair(
        log_p_t_given_s, log_p_t, ("log_p_t_given_s", "log_p_t"), where
    )
    weight = _lam(lam, where, upper=None)
    with np.errstate(invalid="ignore"):
        out = forward - weight * prior if weight else forward.copy()
    out[np.isneginf(forward)] = -np.inf
    blind = np.isposinf(out)
    if blind.any():
        warnings.warn(
            f"{int(blind.sum())} of {out.size} candidates have log_p_t = -inf (the "
            "language model gives them probability 0) and a finite log_p_t_given_s, "
            "so their anti-LM score is +inf and they rank first whatever the source. "
            "Smooth the language model (every candidate a non-zero probability) or "
            "use lam=0 for them.",
            DataWarning,
            stacklevel=2,
        )
    if (
        isinstance(gamma, bool)
        or not isinstance(gamma, numbers.Real)
        or not math.isfinite(float(gamma))
    ):
        raise InvalidParameterError(
            f"The 'gamma' parameter of {where} must be a finite number (the "
            f"length bonus per token). Got {gamma!r} instead."
        )
    if lengths is not None:
        size = np.asarray(lengths, dtype=np.float64)
        if size.shape != out.shape or not np.all(np.isfinite(size)):
            raise InvalidDataError(
                f"The 'lengths' parameter of {where} must hold one finite length "
                f"per candidate ({out.size}); got shape {size.shape}."
            )
        if gamma:
            out = out + float(gamma) * size
    result: NDArray[np.float64] = out
    return result


def _rank(scores: NDArray[np.float64]) -> NDArray[np.int64]:
    return np.argsort(-scores, kind="stable").astype(np.int64)


def mmi_rerank(
    log_p_t_given_s: ArrayLike,
    log_p_t: ArrayLike,
    *,
    lam: float = 0.5,
    lengths: ArrayLike | None = None,
    gamma: float = 0.0,
) -> NDArray[np.int64]:
    """Rerank an n-best list by MMI-antiLM (Li et al. 2016), best first.

    Sorts the candidates by :func:`mmi_scores` (ties keep the input order).

    Parameters
    ----------
    log_p_t_given_s, log_p_t : array-like of shape (n_candidates,)
        Log-probabilities of each candidate given the source, and under a
        language model.
    lam : float, default=0.5
        Anti-LM weight; ``lam=0`` keeps the likelihood ranking.
    lengths : array-like or None, default=None
        Candidate lengths for the ``gamma`` bonus.
    gamma : float, default=0.0
        Length bonus per token.

    Returns
    -------
    ndarray of int64
        Candidate indices, best first.

    References
    ----------
    .. [1] J. Li, M. Galley, C. Brockett, J. Gao and B. Dolan, "A
       diversity-promoting objective function for neural conversation models",
       NAACL (2016), doi:10.18653/v1/N16-1014.
    .. [2] J. Li and D. Jurafsky, "Mutual information and diverse decoding
       improve neural machine translation", arXiv:1601.00372 (2016).

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import text
    >>> text.mmi_rerank(np.log([0.5, 0.3]), np.log([0.4, 0.05]), lam=0.5).tolist()
    [1, 0]
    >>> text.mmi_rerank(np.log([0.5, 0.3]), np.log([0.4, 0.05]), lam=0.0).tolist()
    [0, 1]
    """
    return _rank(
        mmi_scores(log_p_t_given_s, log_p_t, lam=lam, lengths=lengths, gamma=gamma)
    )


def mmi_bidirectional_rerank(
    log_p_t_given_s: ArrayLike,
    log_p_s_given_t: ArrayLike,
    *,
    lam: float = 0.5,
) -> NDArray[np.int64]:
    """Rerank by MMI-bidi: ``(1 - lam) log p(T|S) + lam log p(S|T)``, best first.

    Since ``log p(S|T) = log p(T|S) - log p(T) + log p(S)`` and ``p(S)`` is the
    same for every candidate, ``lam`` trades likelihood against the mutual
    information of source and candidate.

    Parameters
    ----------
    log_p_t_given_s : array-like of shape (n_candidates,)
        Forward model log-probabilities.
    log_p_s_given_t : array-like of shape (n_candidates,)
        Backward model log-probabilities of the source given each candidate.
    lam : float, default=0.5
        Weight in [0, 1] of the backward model.

    Returns
    -------
    ndarray of int64
        Candidate indices, best first.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import text
    >>> text.mmi_bidirectional_rerank(np.log([0.5, 0.3]), np.log([0.1, 0.4])).tolist()
    [1, 0]
    """
    where = "mmi_bidirectional_rerank()"
    forward, backward = _pair(
        log_p_t_given_s, log_p_s_given_t, ("log_p_t_given_s", "log_p_s_given_t"), where
    )
    weight = _lam(lam, where, upper=1.0)
    return _rank(_bidirectional(forward, backward, weight))


def _bidirectional(
    forward: NDArray[np.float64], backward: NDArray[np.float64], weight: float
) -> NDArray[np.float64]:
    """``(1 - lam) forward + lam backward``, a term of weight 0 left out.

    ``0 * -inf`` is NaN in floating point: at ``lam=1`` a candidate with
    ``log p(T|S) = -inf`` was ranked last although the forward model has no
    weight (and likewise the backward model at ``lam=0``).
    """
    scores = np.zeros_like(forward)
    if weight < 1.0:
        scores += (1.0 - weight) * forward
    if weight > 0.0:
        scores += weight * backward
    return scores


def mmi_rerank_frame(
    frame: Any,
    *,
    forward: str = "log_p_t_given_s",
    prior: str | None = "log_p_t",
    backward: str | None = None,
    by: str | None = None,
    lam: float = 0.5,
) -> Any:
    """Rerank the n-best lists held in a pandas DataFrame.

    Adds a ``mmi`` score column (anti-LM from ``prior``, or bidirectional from
    ``backward``) and a ``mmi_rank`` column (1 = best within its list), and
    returns the rows sorted by list then rank.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per candidate.
    forward : str, default='log_p_t_given_s'
        Column of ``log p(T|S)``.
    prior : str or None, default='log_p_t'
        Column of ``log p(T)`` (anti-LM). Ignored when ``backward`` is given.
    backward : str or None, default=None
        Column of ``log p(S|T)``: use MMI-bidi instead.
    by : str or None, default=None
        Column naming the source of each candidate (one n-best list per value);
        ``None``: the frame is one list.
    lam : float, default=0.5
        Weight of the anti-LM or backward term.

    Returns
    -------
    pandas.DataFrame
        A copy with ``mmi`` and ``mmi_rank``, sorted.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from mutinfo import text
    >>> nbest = pd.DataFrame(
    ...     {
    ...         "source": [0, 0],
    ...         "candidate": ["a", "b"],
    ...         "log_p_t_given_s": np.log([0.5, 0.3]),
    ...         "log_p_t": np.log([0.4, 0.05]),
    ...     }
    ... )
    >>> text.mmi_rerank_frame(nbest, by="source")["candidate"].tolist()
    ['b', 'a']
    """
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise InvalidParameterError(
            "The 'frame' parameter of mmi_rerank_frame() must be a pandas "
            f"DataFrame. Got {type(frame).__name__}."
        )
    needed = [forward, backward if backward is not None else prior]
    if by is not None:
        needed.append(by)
    for column in needed:
        if column is None or column not in frame.columns:
            raise InvalidDataError(
                f"mmi_rerank_frame() needs the column {column!r}; the frame has "
                f"columns {list(frame.columns)}."
            )
    out = frame.copy()
    if backward is not None:
        where = "mmi_rerank_frame()"
        weight = _lam(lam, where, upper=1.0)
        fwd, bwd = _pair(out[forward], out[backward], (forward, backward), where)
        out["mmi"] = _bidirectional(fwd, bwd, weight)
    else:
        out["mmi"] = mmi_scores(out[forward], out[prior], lam=lam)
    keys = out[by] if by is not None else pd.Series(0, index=out.index)
    out["mmi_rank"] = (
        out["mmi"].groupby(keys).rank(ascending=False, method="first").astype(int)
    )
    order = [by, "mmi_rank"] if by is not None else ["mmi_rank"]
    return out.sort_values(order, kind="stable").reset_index(drop=True)
