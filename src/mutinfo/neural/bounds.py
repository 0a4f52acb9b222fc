"""Variational bounds on mutual information, as pure functions of critic scores.

Every ``*_bound`` function returns the bound (higher is better), in nats. The
critic bounds take a square score matrix ``scores[i, j] = f(x_i, y_j)`` over a
batch of ``B`` joint samples ``(x_i, y_i)``: the diagonal holds the ``B`` joint
pairs (samples of ``p(x, y)``) and the ``B (B - 1)`` off-diagonal entries pair
``x_i`` with an independent ``y_j`` (samples of ``p(x) p(y)``). Each docstring
says which entries it uses. Log-sum-exp keeps every bound finite wherever the
scores are.

References
----------
.. [1] B. Poole, S. Ozair, A. van den Oord, A. Alemi, G. Tucker, "On variational
   bounds of mutual information", ICML 2019. arXiv:1905.06922
.. [2] J. Song, S. Ermon, "Understanding the limitations of variational mutual
   information estimators", ICLR 2020. arXiv:1910.06222
"""

from __future__ import annotations

import math

import torch
from torch.nn.functional import softplus

from mutinfo.exceptions import InvalidDataError, InvalidParameterError

__all__ = [
    "ba_bound",
    "club_bound",
    "dv_bound",
    "infonce_bound",
    "js_bound",
    "nwj_bound",
    "smile_bound",
    "tuba_bound",
]


def _check_scores(scores: torch.Tensor, name: str = "scores") -> torch.Tensor:
    """Check that ``scores`` is a square (B, B) floating tensor with B >= 2."""
    if not isinstance(scores, torch.Tensor):
        raise InvalidParameterError(
            f"The {name!r} parameter must be a torch.Tensor of shape (B, B). "
            f"Got {type(scores).__name__} instead; wrap it with torch.as_tensor()."
        )
    if scores.ndim != 2 or scores.shape[0] != scores.shape[1]:
        raise InvalidDataError(
            f"The {name!r} parameter must be a square matrix of shape (B, B) with "
            f"scores[i, j] = f(x_i, y_j). Got shape {tuple(scores.shape)} instead."
        )
    if scores.shape[0] < 2:
        raise InvalidDataError(
            f"The {name!r} matrix needs B >= 2 samples (the off-diagonal entries "
            f"are the product of the marginals). Got shape {tuple(scores.shape)}."
        )
    if not scores.is_floating_point():
        scores = scores.to(torch.get_default_dtype())
    return scores


def _offdiag_logmeanexp(scores: torch.Tensor) -> torch.Tensor:
    """``log mean_{i != j} exp(scores[i, j])``, by log-sum-exp."""
    b = scores.shape[0]
    eye = torch.eye(b, dtype=torch.bool, device=scores.device)
    masked = scores.masked_fill(eye, -math.inf)
    return torch.logsumexp(masked.reshape(-1), dim=0) - math.log(b * (b - 1))


def _check_clip(clip: float | None, where: str) -> float | None:
    """Check that ``clip`` is None or a positive number (SMILE's ``tau``)."""
    if clip is not None and (
        isinstance(clip, bool) or not isinstance(clip, int | float) or not clip > 0
    ):
        raise InvalidParameterError(
            f"The 'clip' parameter of {where} must be a positive float or "
            f"None (no clipping). Got {clip!r} instead."
        )
    return clip


def _offdiag_mean(values: torch.Tensor) -> torch.Tensor:
    """``mean_{i != j} values[i, j]``."""
    b = values.shape[0]
    return (values.sum() - values.diagonal().sum()) / (b * (b - 1))


def dv_bound(scores: torch.Tensor) -> torch.Tensor:
    """Return the Donsker-Varadhan lower bound (higher is better), in nats.

    ``I_DV = mean_i f(x_i, y_i) - log mean_{i != j} exp f(x_i, y_j)``.
    The first term uses the diagonal, the second the off-diagonal entries.
    MINE [1]_ maximises it; the estimate has high variance when the MI is
    large, because ``log mean exp`` is dominated by rare large scores.

    Parameters
    ----------
    scores : torch.Tensor of shape (B, B)
        Critic scores ``f(x_i, y_j)``; the diagonal holds the joint pairs.

    Returns
    -------
    torch.Tensor
        A scalar, differentiable with respect to ``scores``.

    References
    ----------
    .. [1] M. I. Belghazi et al., "Mutual information neural estimation",
       ICML 2018. arXiv:1801.04062

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural import dv_bound
    >>> round(dv_bound(torch.tensor([[1.0, 0.0], [0.0, 1.0]])).item(), 6)
    1.0
    """
    scores = _check_scores(scores)
    return scores.diagonal().mean() - _offdiag_logmeanexp(scores)


def tuba_bound(
    scores: torch.Tensor, log_baseline: torch.Tensor | float | None = None
) -> torch.Tensor:
    """Return the tractable unnormalised Barber-Agakov (TUBA) lower bound, in nats.

    With ``g(x, y) = f(x, y) - log a(y)``:
    ``I_TUBA = 1 + mean_i g(x_i, y_i) - mean_{i != j} exp g(x_i, y_j)``.
    The first mean runs over the diagonal, the second over the off-diagonal
    entries. The bound holds for any critic and any positive baseline ``a(y)``
    (Poole et al. [1]_, eq. 8).

    Parameters
    ----------
    scores : torch.Tensor of shape (B, B)
        Critic scores ``f(x_i, y_j)``; the diagonal holds the joint pairs.
    log_baseline : torch.Tensor of shape (B,), float or None, default=None
        ``log a(y_j)`` for each column ``j`` (a float for a constant baseline);
        None means ``a = 1``.

    Returns
    -------
    torch.Tensor
        A scalar, differentiable with respect to ``scores`` (and the baseline).

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural import tuba_bound
    >>> tuba_bound(torch.zeros(3, 3)).item()  # constant critic, a = 1
    0.0
    """
    scores = _check_scores(scores)
    if log_baseline is not None:
        if isinstance(log_baseline, torch.Tensor) and log_baseline.ndim > 0:
            if log_baseline.shape != (scores.shape[1],):
                raise InvalidDataError(
                    "The 'log_baseline' parameter must be a float or a tensor of "
                    f"shape (B,) = ({scores.shape[1]},), one value per y_j. Got "
                    f"shape {tuple(log_baseline.shape)} instead."
                )
            scores = scores - log_baseline[None, :]
        else:
            scores = scores - log_baseline
    return 1.0 + scores.diagonal().mean() - torch.exp(_offdiag_logmeanexp(scores))


def nwj_bound(scores: torch.Tensor) -> torch.Tensor:
    """Return the Nguyen-Wainwright-Jordan (NWJ, f-divergence) lower bound, in nats.

    ``I_NWJ = mean_i f(x_i, y_i) - mean_{i != j} exp(f(x_i, y_j) - 1)``: TUBA
    with the constant baseline ``a = e``. Diagonal for the first mean,
    off-diagonal for the second. The optimal critic is ``1 + log p(x, y) /
    (p(x) p(y))``; the bound is unbiased in the batch but its variance grows
    exponentially with the MI.

    Parameters
    ----------
    scores : torch.Tensor of shape (B, B)
        Critic scores ``f(x_i, y_j)``; the diagonal holds the joint pairs.

    Returns
    -------
    torch.Tensor
        A scalar, differentiable with respect to ``scores``.

    References
    ----------
    .. [1] X. Nguyen, M. J. Wainwright, M. I. Jordan, "Estimating divergence
       functionals and the likelihood ratio by convex risk minimization",
       IEEE Trans. Inf. Theory 56(11), 2010. doi:10.1109/TIT.2010.2068870

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural import nwj_bound
    >>> nwj_bound(torch.ones(3, 3)).item()  # the best constant critic is 1
    0.0
    """
    return tuba_bound(scores, log_baseline=1.0)


def infonce_bound(scores: torch.Tensor) -> torch.Tensor:
    """Return the InfoNCE (contrastive predictive coding) lower bound, in nats.

    ``I_NCE = log B + mean_i [f(x_i, y_i) - log sum_j exp f(x_i, y_j)]``: each
    ``x_i`` picks its partner ``y_i`` among all ``B`` candidates of its row,
    diagonal included. Low variance, but it can never exceed ``log B``
    (every bracket is <= 0), so it underestimates any MI near or above
    ``log B``.

    Parameters
    ----------
    scores : torch.Tensor of shape (B, B)
        Critic scores ``f(x_i, y_j)``; the diagonal holds the joint pairs.

    Returns
    -------
    torch.Tensor
        A scalar <= ``log B``, differentiable with respect to ``scores``.

    References
    ----------
    .. [1] A. van den Oord, Y. Li, O. Vinyals, "Representation learning with
       contrastive predictive coding", 2018. arXiv:1807.03748

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural import infonce_bound
    >>> infonce_bound(torch.zeros(4, 4)).item()  # a constant critic gives 0
    0.0
    """
    scores = _check_scores(scores)
    b = scores.shape[0]
    return (scores.diagonal() - torch.logsumexp(scores, dim=1)).mean() + math.log(b)


def js_bound(scores: torch.Tensor) -> torch.Tensor:
    """Return Deep InfoMax's Jensen-Shannon objective: a training signal, not MI.

    ``J = mean_i -softplus(-f(x_i, y_i)) - mean_{i != j} softplus(f(x_i, y_j))``
    (diagonal, then off-diagonal). This is the f-GAN lower bound on
    ``2 JSD(p(x, y) || p(x) p(y)) - 2 log 2``: it is ``-2 log 2`` at best for a
    constant critic and never a number of nats of mutual information. Its
    maximiser is the log density ratio ``log p(x, y) / (p(x) p(y))``, which is
    why it trains critics well; the ``js`` and ``smile`` estimators train with
    it and then report a true MI bound from the trained critic
    (:func:`nwj_bound` of ``f + 1`` and :func:`smile_bound` of ``f``).

    Parameters
    ----------
    scores : torch.Tensor of shape (B, B)
        Critic scores ``f(x_i, y_j)``; the diagonal holds the joint pairs.

    Returns
    -------
    torch.Tensor
        A scalar, differentiable with respect to ``scores``.

    References
    ----------
    .. [1] R. D. Hjelm et al., "Learning deep representations by mutual
       information estimation and maximization", ICLR 2019. arXiv:1808.06670

    Examples
    --------
    >>> import math, torch
    >>> from mutinfo.neural import js_bound
    >>> math.isclose(js_bound(torch.zeros(3, 3)).item(), -2 * math.log(2), rel_tol=1e-6)
    True
    """
    scores = _check_scores(scores)
    joint = -softplus(-scores.diagonal()).mean()
    return joint - _offdiag_mean(softplus(scores))


def smile_bound(scores: torch.Tensor, clip: float | None = 5.0) -> torch.Tensor:
    """Return the SMILE estimate: DV with clipped marginal scores, in nats.

    ``I_SMILE = mean_i f(x_i, y_i) - log mean_{i != j} exp clip(f(x_i, y_j),
    -tau, tau)`` with ``tau = clip`` (diagonal, then off-diagonal). Clipping
    bounds the variance of the ``log mean exp`` term by ``(e^tau - e^-tau)^2 /
    4`` per sample at the price of a bias: a smaller ``tau`` lowers the variance
    and biases the estimate (it is then neither an upper nor a lower bound);
    ``clip=None`` is exactly :func:`dv_bound`.

    Parameters
    ----------
    scores : torch.Tensor of shape (B, B)
        Critic scores ``f(x_i, y_j)``; the diagonal holds the joint pairs.
    clip : float or None, default=5.0
        ``tau > 0``; None turns clipping off.

    Returns
    -------
    torch.Tensor
        A scalar, differentiable with respect to ``scores``.

    References
    ----------
    .. [1] J. Song, S. Ermon, "Understanding the limitations of variational
       mutual information estimators", ICLR 2020. arXiv:1910.06222

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural import smile_bound
    >>> s = torch.tensor([[2.0, 9.0], [9.0, 2.0]])
    >>> round(smile_bound(s, clip=1.0).item(), 6)  # 2 - log e^1
    1.0
    """
    scores = _check_scores(scores)
    if clip is None:
        return dv_bound(scores)
    _check_clip(clip, "smile_bound()")
    clipped = torch.clamp(scores, -clip, clip)
    return scores.diagonal().mean() - _offdiag_logmeanexp(clipped)


def ba_bound(
    log_likelihood: torch.Tensor, entropy: torch.Tensor | float
) -> torch.Tensor:
    """Return the Barber-Agakov lower bound ``H(Y) + E log q(y | x)``, in nats.

    For any decoder ``q``, ``I(X; Y) >= H(Y) + E_p(x, y) log q(y | x)``, with
    equality when ``q(y | x) = p(y | x)``. Only the joint pairs are used: a
    vector of ``log q(y_i | x_i)``, not a score matrix.

    Parameters
    ----------
    log_likelihood : torch.Tensor of shape (B,)
        ``log q(y_i | x_i)`` for each joint sample, in nats.
    entropy : torch.Tensor or float
        The (differential) entropy ``H(Y)`` in nats, known or estimated.

    Returns
    -------
    torch.Tensor
        A scalar, differentiable with respect to ``log_likelihood``.

    References
    ----------
    .. [1] D. Barber, F. Agakov, "The IM algorithm: a variational approach to
       information maximization", NeurIPS 2003.

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural import ba_bound
    >>> ba_bound(torch.tensor([-1.0, -2.0]), 2.0).item()
    0.5
    """
    if not isinstance(log_likelihood, torch.Tensor) or log_likelihood.ndim != 1:
        got = (
            f"shape {tuple(log_likelihood.shape)}"
            if isinstance(log_likelihood, torch.Tensor)
            else type(log_likelihood).__name__
        )
        raise InvalidDataError(
            "The 'log_likelihood' parameter must be a 1-D torch.Tensor of "
            f"log q(y_i | x_i), one per sample. Got {got} instead."
        )
    return entropy + log_likelihood.mean()


def club_bound(log_likelihood: torch.Tensor) -> torch.Tensor:
    """Return the CLUB upper bound ``E_p log q(y|x) - E_p(x)p(y) log q(y|x)``, in nats.

    ``I_CLUB = mean_i L[i, i] - mean_{i != j} L[i, j]`` with ``L[i, j] =
    log q(y_j | x_i)`` (diagonal, then off-diagonal). It is an upper bound on
    the MI when ``q(y | x)`` is the true conditional and stays one
    approximately when ``q`` is a good fit (Cheng et al. [1]_); fit ``q`` by
    maximum likelihood first (:class:`~mutinfo.neural.CLUBLoss`).

    Parameters
    ----------
    log_likelihood : torch.Tensor of shape (B, B)
        ``log q(y_j | x_i)``; the diagonal holds the joint pairs.

    Returns
    -------
    torch.Tensor
        A scalar, differentiable with respect to ``log_likelihood``.

    References
    ----------
    .. [1] P. Cheng et al., "CLUB: a contrastive log-ratio upper bound of
       mutual information", ICML 2020. arXiv:2006.12013

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural import club_bound
    >>> club_bound(torch.tensor([[-1.0, -3.0], [-3.0, -1.0]])).item()
    2.0
    """
    log_likelihood = _check_scores(log_likelihood, "log_likelihood")
    return log_likelihood.diagonal().mean() - _offdiag_mean(log_likelihood)
