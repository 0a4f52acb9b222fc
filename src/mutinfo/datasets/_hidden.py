"""Hidden Markov chains: exact I(d) (transfer matrix) and block entropies (forward)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mutinfo._params import check_rng
from mutinfo.datasets._sequences import MarkovChain, mi_from_deviation
from mutinfo.datasets._task import Task, check_number
from mutinfo.exceptions import InvalidParameterError

__all__ = ["HiddenMarkovChain", "hidden_markov_chain", "joint_mi"]

#: Block entropies enumerate every observed word: at most this many.
_MAX_WORDS = 1 << 20


@dataclass(frozen=True)
class _PairSampler:
    transition: NDArray[np.float64]
    emission: NDArray[np.float64]
    stationary: NDArray[np.float64]
    lag: int

    def __call__(
        self, n: int, rng: np.random.Generator
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        # Simulates the hidden chain step by step from its stationary law, not
        # from the closed-form pair table.
        m, q = self.emission.shape

        def draw(cum: NDArray[np.float64], top: int) -> NDArray[np.int64]:
            u = rng.random(len(cum))
            idx = np.minimum((u[:, None] >= cum).sum(axis=1), top - 1)
            return np.asarray(idx, dtype=np.int64)

        state = draw(np.broadcast_to(np.cumsum(self.stationary), (n, m)), m)
        cum_e = np.cumsum(self.emission, axis=1)
        x = draw(cum_e[state], q)
        cum_p = np.cumsum(self.transition, axis=1)
        for _ in range(self.lag):
            state = draw(cum_p[state], m)
        y = draw(cum_e[state], q)
        return x.astype(np.int64)[:, None], y.astype(np.int64)[:, None]


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
        """Exact ``I(X_t ; X_{t+d})`` in nats (``H(X_t)`` at ``d = 0``).

        From the deviation ``E' diag(pi) (P - 1 pi)^d E`` of the pair table
        from the product of its margins, so the value keeps its relative
        accuracy as it decays with ``d`` (never negative).
        """
        d = check_number(
            distance,
            "distance",
            "HiddenMarkovChain.mutual_information()",
            low=0,
            integer=True,
        )
        if d == 0:
            return joint_mi(self.pair_distribution(0))
        e, pi = self.emission, self.chain.stationary
        dev = np.linalg.matrix_power(self.chain.transition - pi[None, :], int(d))
        mu = pi @ e
        return mi_from_deviation(mu, mu, e.T @ (pi[:, None] * dev) @ e)

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

    def task(self, distance: int, *, name: str | None = None) -> Task:
        """Return the pairs ``(X_t, X_{t+d})`` as a :class:`Task` with the exact MI.

        Parameters
        ----------
        distance : int
            ``d`` (>= 1).
        name : str, optional
            Registry name (default ``"hidden_markov-{m}x{q}-lag{d}"``).

        Examples
        --------
        >>> from mutinfo import datasets
        >>> p, e = [[0.9, 0.1], [0.1, 0.9]], [[0.8, 0.2], [0.2, 0.8]]
        >>> task = datasets.hidden_markov_chain(p, e).task(2)
        >>> task.name, round(task.mutual_information, 4), task.sample(3, rng=0)[0].shape
        ('hidden_markov-2x2-lag2', 0.0268, (3, 1))
        """
        d = int(
            check_number(
                distance, "distance", "HiddenMarkovChain.task()", low=1, integer=True
            )
        )
        m, q = self.emission.shape
        return Task(
            name=name or f"hidden_markov-{m}x{q}-lag{d}",
            mutual_information=self.mutual_information(d),
            dim_x=1,
            dim_y=1,
            kind_x="discrete",
            kind_y="discrete",
            sampler=_PairSampler(
                self.chain.transition, self.emission, self.chain.stationary, d
            ),
            family="hidden_markov",
            params={
                "transition": self.chain.transition.tolist(),
                "emission": self.emission.tolist(),
                "lag": d,
            },
            description=f"hidden Markov chain, {m} states, {q} symbols, (x_t, x_t+{d})",
        )

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
