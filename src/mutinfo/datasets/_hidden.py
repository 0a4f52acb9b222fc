"""Hidden Markov chains: exact I(d) (transfer matrix) and block entropies (forward)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mutinfo._params import check_rng
from mutinfo.datasets._sequences import MarkovChain
from mutinfo.datasets._task import check_number
from mutinfo.exceptions import InvalidParameterError

__all__ = ["HiddenMarkovChain", "hidden_markov_chain", "joint_mi"]

#: Block entropies enumerate every observed word: at most this many.
_MAX_WORDS = 1 << 20


def joint_mi(joint: NDArray[np.float64]) -> float:
    """``I(A; B)`` (nats) of a joint probability table ``P(a, b)``."""
    pa = joint.sum(axis=1, keepdims=True)
    pb = joint.sum(axis=0, keepdims=True)
    mask = joint > 0
    ratio = joint[mask] / (pa * pb)[mask]
    return float(np.sum(joint[mask] * np.log(ratio)))


def _entropy(p: NDArray[np.float64]) -> float:
    p = p[p > 0]
    return float(-np.sum(p * np.log(p)))


@dataclass(frozen=True, eq=False)
class HiddenMarkovChain:
    """A stationary hidden Markov chain: a Markov chain seen through a noisy channel.

    The hidden state ``S_t`` is a :class:`MarkovChain`; the observed symbol
    ``X_t`` is drawn from ``emission[S_t]`` independently at each step. The
    observed process is not Markov of any order, yet its pairwise law has a
    closed form: ``P(X_t = a, X_{t+d} = b) = sum_ij pi_i E_ia (P^d)_ij E_jb``
    (the transfer matrix ``E' diag(pi) P^d E``), so ``I(d)`` is exact and
    decays as ``|lambda_2|^(2 d)`` at large ``d``.

    Attributes
    ----------
    chain : MarkovChain
        The hidden chain (``m`` states).
    emission : numpy.ndarray of shape (m, q)
        ``E[i, a] = P(X_t = a | S_t = i)``; rows sum to 1.

    Examples
    --------
    >>> from mutinfo import datasets
    >>> hmm = datasets.hidden_markov_chain(
    ...     [[0.95, 0.05], [0.05, 0.95]], [[0.9, 0.1], [0.1, 0.9]]
    ... )
    >>> round(hmm.mutual_information(1), 4), hmm.sample(5, rng=0).shape
    (0.1766, (5,))
    """

    chain: MarkovChain
    emission: NDArray[np.float64]

    @property
    def n_symbols(self) -> int:
        """Size ``q`` of the observed alphabet."""
        return int(self.emission.shape[1])

    @property
    def stationary(self) -> NDArray[np.float64]:
        """Stationary law of the observed symbol, ``pi E``."""
        return np.asarray(self.chain.stationary @ self.emission, dtype=np.float64)

    def pair_distribution(self, distance: int) -> NDArray[np.float64]:
        """``P(X_t = a, X_{t+d} = b)``, the ``(q, q)`` table ``E' diag(pi) P^d E``."""
        d = check_number(
            distance,
            "distance",
            "HiddenMarkovChain.pair_distribution()",
            low=0,
            integer=True,
        )
        e, pi = self.emission, self.chain.stationary
        if d == 0:
            return np.diag(pi @ e)
        pd_ = np.linalg.matrix_power(self.chain.transition, int(d))
        return np.asarray(e.T @ (pi[:, None] * pd_) @ e, dtype=np.float64)

    def mutual_information(self, distance: int) -> float:
        """Exact ``I(X_t ; X_{t+d})`` in nats (``H(X_t)`` at ``d = 0``)."""
        return joint_mi(self.pair_distribution(distance))

    def _forward(self, length: int, start: NDArray[np.float64]) -> NDArray[np.float64]:
        # alpha[w, i] = P(X_1..X_L = w, S_L = i) for every word w of the length,
        # words in lexicographic order (the last symbol varies fastest).
        e, p = self.emission, self.chain.transition
        alpha = (start[:, None] * e).T  # (q, m)
        for _ in range(length - 1):
            alpha = ((alpha @ p)[:, None, :] * e.T[None, :, :]).reshape(-1, len(p))
        return np.asarray(alpha, dtype=np.float64)

    def _check_length(self, length: int, where: str) -> int:
        n = int(check_number(length, "length", where, low=1, integer=True))
        if self.n_symbols**n > _MAX_WORDS:
            raise InvalidParameterError(
                f"The 'length' parameter of {where} enumerates q**length = "
                f"{self.n_symbols}**{n} words, more than {_MAX_WORDS}; use a length "
                f"of at most {int(np.log(_MAX_WORDS) / np.log(self.n_symbols))}."
            )
        return n

    def block_entropy(self, length: int) -> float:
        """Exact ``H(X_1, ..., X_L)`` in nats, by the forward algorithm over every word.

        Parameters
        ----------
        length : int
            ``L`` (>= 1); ``q**L`` words are enumerated (at most 2**20).
        """
        n = self._check_length(length, "HiddenMarkovChain.block_entropy()")
        return _entropy(self._forward(n, self.chain.stationary).sum(axis=1))

    def entropy_rate_bounds(self, length: int) -> tuple[float, float]:
        """Bounds ``(lower, upper)`` on the entropy rate of the observed process, nats.

        ``H(X_L | X_1..X_{L-1}, S_1) <= h <= H(X_L | X_1..X_{L-1})`` (Cover
        & Thomas, Theorem 4.5.1); both converge to ``h`` as ``L`` grows, so
        an estimate of ``h`` is checked against an interval, not a number.

        Parameters
        ----------
        length : int
            ``L`` (>= 2).
        """
        where = "HiddenMarkovChain.entropy_rate_bounds()"
        n = self._check_length(length, where)
        if n < 2:
            raise InvalidParameterError(
                f"The 'length' parameter of {where} must be >= 2. Got {n} instead."
            )
        pi = self.chain.stationary
        upper = self.block_entropy(n) - self.block_entropy(n - 1)
        # H(X_1..X_L | S_1) = sum_i pi_i H(X_1..X_L | S_1 = i).
        m = len(pi)
        lower = 0.0
        for i in range(m):
            if pi[i] <= 0:
                continue
            start = np.zeros(m)
            start[i] = 1.0
            h_l = _entropy(self._forward(n, start).sum(axis=1))
            h_l1 = _entropy(self._forward(n - 1, start).sum(axis=1))
            lower += float(pi[i]) * (h_l - h_l1)
        return lower, upper

    def sample_states(
        self, n_steps: int, *, rng: Any = None
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Draw ``(observed, hidden)``, each ``(n_steps,)`` int64, stationary start."""
        n = int(
            check_number(
                n_steps, "n_steps", "HiddenMarkovChain.sample()", low=1, integer=True
            )
        )
        gen = check_rng(rng)
        hidden = self.chain.sample(n, rng=gen)
        cum = np.cumsum(self.emission, axis=1)
        u = gen.random(n)
        obs = (u[:, None] >= cum[hidden]).sum(axis=1)
        return np.minimum(obs, self.n_symbols - 1).astype(np.int64), hidden

    def sample(self, n_steps: int, *, rng: Any = None) -> NDArray[np.int64]:
        """Draw ``n_steps`` observed symbols (int64), started from stationarity.

        Parameters
        ----------
        n_steps : int
            Length of the sequence (>= 1).
        rng : None, int or numpy.random.Generator, default=None
            Seed.
        """
        return self.sample_states(n_steps, rng=rng)[0]


def hidden_markov_chain(
    transition: ArrayLike, emission: ArrayLike
) -> HiddenMarkovChain:
    """Build a hidden Markov chain with exact ``I(d)`` and block entropies.

    Parameters
    ----------
    transition : array-like of shape (m, m)
        Row-stochastic transition matrix of the hidden chain.
    emission : array-like of shape (m, q)
        Row-stochastic emission matrix, ``P(X_t = a | S_t = i)``.

    Returns
    -------
    HiddenMarkovChain

    Raises
    ------
    InvalidParameterError
        A matrix that is not row-stochastic, or shapes that disagree.

    Examples
    --------
    >>> from mutinfo import datasets
    >>> hmm = datasets.hidden_markov_chain(
    ...     [[0.9, 0.1], [0.2, 0.8]], [[1.0, 0.0, 0.0], [0.0, 0.5, 0.5]]
    ... )
    >>> hmm.n_symbols, round(float(hmm.stationary.sum()), 6)
    (3, 1.0)
    """
    chain = MarkovChain.from_matrix(transition)
    e = np.asarray(emission, dtype=np.float64)
    m = chain.transition.shape[0]
    if e.ndim != 2 or e.shape[0] != m or e.shape[1] < 1:
        raise InvalidParameterError(
            "The 'emission' parameter of hidden_markov_chain() must have shape "
            f"(m, q) with m = {m} hidden states (the rows of 'transition'); got shape "
            f"{e.shape}."
        )
    if (e < 0).any() or not np.allclose(e.sum(axis=1), 1.0, atol=1e-10):
        raise InvalidParameterError(
            "The 'emission' parameter of hidden_markov_chain() must have "
            "non-negative rows that sum to 1; got row sums "
            f"{np.round(e.sum(axis=1), 6).tolist()}."
        )
    return HiddenMarkovChain(chain, e)
