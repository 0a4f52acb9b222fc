"""Sequence generators with closed-form information dynamics.

Markov chains (entropy rate, I(d)), coupled Gaussian autoregressive processes
(transfer entropy from their stationary covariances) and random Boolean
networks (Kauffman), each seeded through ``rng=``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mutinfo._params import check_rng
from mutinfo.datasets._task import check_number
from mutinfo.exceptions import InvalidParameterError

__all__ = [
    "BooleanNetwork",
    "CoupledAR",
    "MarkovChain",
    "binary_markov_chain",
    "coupled_ar",
    "random_boolean_network",
]


def _xlogy(p: NDArray[np.float64], q: NDArray[np.float64]) -> float:
    mask = p > 0
    return float(np.sum(p[mask] * np.log(q[mask])))


@dataclass(frozen=True, eq=False)
class MarkovChain:
    """A stationary first-order Markov chain on symbols ``0..m-1``.

    Attributes
    ----------
    transition : numpy.ndarray of shape (m, m)
        ``P[i, j] = P(X_{t+1} = j | X_t = i)``; rows sum to 1.

    Examples
    --------
    >>> from mutinfo import datasets
    >>> chain = datasets.binary_markov_chain(0.1)
    >>> round(chain.entropy_rate / 0.693147, 4), round(chain.mutual_information(1), 4)
    (0.469, 0.3681)
    """

    transition: NDArray[np.float64]

    @property
    def stationary(self) -> NDArray[np.float64]:
        """The stationary distribution ``pi`` (``pi P = pi``).

        Computed on the chain's one closed class by the Grassmann-Taksar-Heyman
        elimination, which subtracts nothing (exact to rounding even when the
        chain barely moves); transient states get 0.

        Raises
        ------
        InvalidParameterError
            If the chain has several closed classes (no unique stationary law).
        """
        return _stationary(self.transition)

    @property
    def entropy_rate(self) -> float:
        """``h = -sum_i pi_i sum_j P_ij log P_ij``, nats per step."""
        pi, p = self.stationary, self.transition
        return -_xlogy(pi[:, None] * p, p)

    def mutual_information(self, distance: int) -> float:
        """``I(X_t; X_{t+d}) = sum_ij pi_i (P^d)_ij log((P^d)_ij / pi_j)``, nats.

        Computed from the deviation ``P^d - 1 pi = (P - 1 pi)^d`` (``d >= 1``),
        so the value keeps its relative accuracy as it decays with ``d``
        (no floor at 1e-16, never negative); ``H(X_t)`` at ``d = 0``.
        """
        d = check_number(
            distance,
            "distance",
            "MarkovChain.mutual_information()",
            low=0,
            integer=True,
        )
        pi = self.stationary
        if d == 0:
            return -_xlogy(pi, pi)
        dev = np.linalg.matrix_power(self.transition - pi[None, :], int(d))
        return mi_from_deviation(pi, pi, pi[:, None] * dev)

    def sample(self, n_steps: int, *, rng: Any = None) -> NDArray[np.int64]:
        """Draw ``n_steps`` symbols, started from the stationary distribution.

        Parameters
        ----------
        n_steps : int
            Length of the sequence (>= 1).
        rng : None, int or numpy.random.Generator, default=None
            Seed.

        Returns
        -------
        numpy.ndarray of shape (n_steps,), int64
        """
        n = check_number(
            n_steps, "n_steps", "MarkovChain.sample()", low=1, integer=True
        )
        gen = check_rng(rng)
        m = self.transition.shape[0]
        u = gen.random(int(n))
        out = np.empty(int(n), dtype=np.int64)
        out[0] = min(int(np.searchsorted(np.cumsum(self.stationary), u[0])), m - 1)
        if m == 2:
            # Binary: X_{t+1} = 1 iff u < P[X_t, 1]; vectorised by runs is not
            # simpler than the loop below, which is fast enough at 1e6 steps.
            p1 = self.transition[:, 1]
            state = out[0]
            for t in range(1, int(n)):
                state = 1 if u[t] < p1[state] else 0
                out[t] = state
            return out
        cum = np.cumsum(self.transition, axis=1)
        state = out[0]
        for t in range(1, int(n)):
            state = min(int(np.searchsorted(cum[state], u[t], side="right")), m - 1)
            out[t] = state
        return out

    @classmethod
    def from_matrix(
        cls, transition: ArrayLike, *, stationary: bool = True
    ) -> MarkovChain:
        """Validate a row-stochastic matrix and return the chain.

        With ``stationary`` (the default) the chain must also have a unique
        stationary law (one closed class), which every quantity of a
        stationary chain needs; a substitution matrix that is only applied
        from a given start law (:func:`hierarchical_process` with ``root``)
        passes ``stationary=False``.
        """
        p = np.asarray(transition, dtype=np.float64)
        if p.ndim != 2 or p.shape[0] != p.shape[1] or p.shape[0] < 1:
            raise InvalidParameterError(
                "The 'transition' parameter of MarkovChain must be a square matrix; "
                f"got shape {p.shape}."
            )
        if (p < 0).any() or not np.allclose(p.sum(axis=1), 1.0, atol=1e-10):
            raise InvalidParameterError(
                "The 'transition' parameter of MarkovChain must have non-negative rows "
                f"that sum to 1; got row sums {np.round(p.sum(axis=1), 6).tolist()}."
            )
        chain = cls(p)
        if stationary:
            _stationary(p)  # raises for a chain without a unique stationary law
        return chain


def _closed_classes(p: NDArray[np.float64]) -> list[NDArray[np.intp]]:
    """Return the closed communicating classes of a chain (exact, from ``P > 0``)."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    n_comp, label = connected_components(
        csr_matrix(p > 0), directed=True, connection="strong"
    )
    rows, cols = np.nonzero(p > 0)
    leaks = np.zeros(n_comp, dtype=bool)
    leaks[label[rows][label[rows] != label[cols]]] = True
    return [np.flatnonzero(label == c) for c in range(n_comp) if not leaks[c]]


def _stationary(p: NDArray[np.float64]) -> NDArray[np.float64]:
    """Return the unique stationary law, by GTH elimination on the closed class."""
    closed = _closed_classes(p)
    if len(closed) != 1:
        sets = [c.tolist() for c in closed]
        raise InvalidParameterError(
            "The 'transition' parameter of MarkovChain has no unique stationary "
            f"distribution: its states split into {len(closed)} closed classes "
            f"{sets} that never reach each other. Give a chain in which one class "
            "of states can be reached from every state (for example a small "
            "probability of moving between the classes)."
        )
    idx = closed[0]
    a = p[np.ix_(idx, idx)].astype(np.float64, copy=True)
    n = len(idx)
    # Grassmann, Taksar & Heyman (1985): censor the states one by one; only
    # sums and products of non-negative numbers, no cancellation.
    for k in range(n - 1, 0, -1):
        total = a[k, :k].sum()
        a[:k, k] /= total
        a[:k, :k] += np.outer(a[:k, k], a[k, :k])
    law = np.zeros(n)
    law[0] = 1.0
    for k in range(1, n):
        law[k] = law[:k] @ a[:k, k]
    out = np.zeros(len(p))
    out[idx] = law / law.sum()
    return out


def _relative_entropy_terms(r: NDArray[np.float64]) -> NDArray[np.float64]:
    # (1 + r) ln(1 + r) - r >= 0, by its series for small |r| (the direct form
    # loses the r**2 / 2 to cancellation), 1 at r = -1.
    out = np.empty_like(r)
    small = np.abs(r) < 1e-2
    rs = r[small]
    series = np.zeros_like(rs)
    for n in range(9, 1, -1):
        series = rs * (series + (-1) ** n / (n * (n - 1)))
    out[small] = rs * series
    rb = r[~small]
    with np.errstate(divide="ignore", invalid="ignore"):
        direct = (1 + rb) * np.log1p(rb) - rb
    out[~small] = np.where(rb > -1, direct, 1.0)
    return out


def mi_from_deviation(
    px: NDArray[np.float64], py: NDArray[np.float64], dev: NDArray[np.float64]
) -> float:
    """``I`` (nats) of the joint table ``px py' + dev`` from its deviation ``dev``.

    ``sum p ln(p / q) = sum q [(1 + r) ln(1 + r) - r]`` with ``q = px py'`` and
    ``r = dev / q`` (``dev`` sums to 0): every term is non-negative and small
    deviations keep their relative accuracy, where the table itself would
    round them away.
    """
    keep = np.outer(px > 0, py > 0)
    q = np.outer(px, py)[keep]
    r = dev[keep] / q
    return float(np.sum(q * _relative_entropy_terms(r)))


def binary_markov_chain(p01: float, p10: float | None = None) -> MarkovChain:
    """Binary Markov chain with flip probabilities ``p01`` and ``p10``.

    Parameters
    ----------
    p01 : float
        ``P(X_{t+1} = 1 | X_t = 0)``, in [0, 1].
    p10 : float, optional
        ``P(X_{t+1} = 0 | X_t = 1)``; default ``p01`` (symmetric chain, as
        :func:`markov_chain`'s ``flip``).

    Returns
    -------
    MarkovChain
        Entropy rate ``(p10 H_b(p01) + p01 H_b(p10)) / (p01 + p10)`` and
        ``I(d)`` in closed form (decaying as ``(1 - p01 - p10)**d``).

    Examples
    --------
    >>> from mutinfo import datasets
    >>> x = datasets.binary_markov_chain(0.1).sample(5, rng=0)
    >>> x.shape
    (5,)
    """
    a = check_number(p01, "p01", "binary_markov_chain()", low=0, high=1)
    b = (
        a
        if p10 is None
        else check_number(p10, "p10", "binary_markov_chain()", low=0, high=1)
    )
    if a + b == 0:
        raise InvalidParameterError(
            "binary_markov_chain() needs p01 + p10 > 0 (else the chain never moves and "
            "has no unique stationary distribution); got p01=0 and p10=0."
        )
    return MarkovChain(np.array([[1 - a, a], [b, 1 - b]], dtype=np.float64))


def _gauss_cmi(
    cov: NDArray[np.float64], a: list[int], b: list[int], c: list[int]
) -> float:
    def logdet(idx: list[int]) -> float:
        if not idx:
            return 0.0
        return float(np.linalg.slogdet(cov[np.ix_(idx, idx)])[1])

    return 0.5 * (logdet(a + c) + logdet(b + c) - logdet(c) - logdet(a + b + c))


@dataclass(frozen=True)
class CoupledAR:
    """Coupled Gaussian AR(1) pair, ``X`` driving ``Y``.

    ``X_t = a X_{t-1} + e``, ``Y_t = b Y_{t-1} + c X_{t-1} + f``;

    ``e``, ``f`` are independent normals with standard deviations ``noise_x``,
    ``noise_y``. The process is the VAR(1) ``Z_t = A Z_{t-1} + E_t`` with
    ``A = [[a, 0], [c, b]]``; its stationary covariance solves ``S = A S A' +
    Q`` and its autocovariances are ``Cov(Z_{t+h}, Z_t) = A^h S``, so every
    Gaussian information quantity of the histories has a closed form.
    """

    a: float
    b: float
    c: float
    noise_x: float = 1.0
    noise_y: float = 1.0

    @property
    def matrix(self) -> NDArray[np.float64]:
        """``A`` of the VAR(1) form (state order ``(X, Y)``)."""
        return np.array([[self.a, 0.0], [self.c, self.b]])

    @property
    def covariance(self) -> NDArray[np.float64]:
        """Stationary covariance of ``(X_t, Y_t)``."""
        from scipy.linalg import solve_discrete_lyapunov

        q = np.diag([self.noise_x**2, self.noise_y**2])
        return np.asarray(solve_discrete_lyapunov(self.matrix, q), dtype=np.float64)

    def lagged_covariance(self, lags: list[int]) -> NDArray[np.float64]:
        """Covariance of ``(Z_{t-lags[0]}, Z_{t-lags[1]}, ...)`` (2 columns each)."""
        s, a = self.covariance, self.matrix
        m = len(lags)
        out = np.zeros((2 * m, 2 * m))
        for i, li in enumerate(lags):
            for j, lj in enumerate(lags):
                h = li - lj  # Cov(Z_{t-li}, Z_{t-lj}) = Cov(Z_{s}, Z_{s+h})'
                block = (
                    np.linalg.matrix_power(a, -h) @ s
                    if h <= 0
                    else (np.linalg.matrix_power(a, h) @ s).T
                )
                out[2 * i : 2 * i + 2, 2 * j : 2 * j + 2] = block
        return out

    def transfer_entropy(
        self,
        *,
        k: int = 1,
        l: int = 1,  # noqa: E741
        delay: int = 1,
        direction: str = "x->y",
    ) -> float:
        """Closed-form Gaussian ``TE = I(T_t ; S_{t-u}^{(l)} | T_{t-1}^{(k)})``, nats.

        Parameters
        ----------
        k, l, delay : int, default=1
            Target and source history lengths and the delay ``u``, each >= 1.
        direction : {'x->y', 'y->x'}, default='x->y'
            Source and target.

        Returns
        -------
        float
            ``(1/2) log(det S_AC det S_BC / (det S_C det S_ABC))`` from the
            stationary autocovariances (0 for ``'y->x'``: Y does not drive X).
        """
        if direction not in ("x->y", "y->x"):
            raise InvalidParameterError(
                "The 'direction' parameter of CoupledAR.transfer_entropy() must be one "
                f"of 'x->y', 'y->x'. Got {direction!r} instead."
            )
        where = "CoupledAR.transfer_entropy()"
        k = int(check_number(k, "k", where, low=1, integer=True))
        l = int(check_number(l, "l", where, low=1, integer=True))  # noqa: E741
        delay = int(check_number(delay, "delay", where, low=1, integer=True))
        src, tgt = (0, 1) if direction == "x->y" else (1, 0)
        s_lags = [delay + j for j in range(l)]
        t_lags = [1 + j for j in range(k)]
        lags = sorted({0, *s_lags, *t_lags})
        pos = {lag: i for i, lag in enumerate(lags)}
        cov = self.lagged_covariance(lags)
        a = [2 * pos[0] + tgt]
        b = [2 * pos[g] + src for g in s_lags]
        c = [2 * pos[g] + tgt for g in t_lags]
        return _gauss_cmi(cov, a, b, c)

    def sample(
        self, n_steps: int, *, rng: Any = None
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Draw ``(x, y)``, each ``(n_steps,)``, from the stationary process."""
        from scipy.signal import lfilter

        n = int(
            check_number(n_steps, "n_steps", "CoupledAR.sample()", low=2, integer=True)
        )
        gen = check_rng(rng)
        z0 = gen.multivariate_normal(np.zeros(2), self.covariance)
        e = gen.standard_normal((n, 2)) * [self.noise_x, self.noise_y]
        x = lfilter([1.0], [1.0, -self.a], e[:, 0], zi=[self.a * z0[0]])[0]
        drive = np.empty(n)
        drive[0] = self.c * z0[0]
        drive[1:] = self.c * x[:-1]
        y = lfilter([1.0], [1.0, -self.b], drive + e[:, 1], zi=[self.b * z0[1]])[0]
        return np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)


def coupled_ar(
    a: float = 0.5,
    b: float = 0.5,
    c: float = 0.5,
    *,
    noise_x: float = 1.0,
    noise_y: float = 1.0,
) -> CoupledAR:
    """Coupled Gaussian AR(1) processes with closed-form transfer entropy.

    ``X_t = a X_{t-1} + e_t``, ``Y_t = b Y_{t-1} + c X_{t-1} + f_t``.

    Parameters
    ----------
    a, b : float, default=0.5
        Self-coupling of ``X`` and ``Y``, in (-1, 1) (stationarity).
    c : float, default=0.5
        Coupling from ``X`` to ``Y``.
    noise_x, noise_y : float, default=1.0
        Noise standard deviations (> 0).

    Returns
    -------
    CoupledAR

    Examples
    --------
    >>> from mutinfo import datasets
    >>> proc = datasets.coupled_ar(0.5, 0.5, 0.5)
    >>> round(proc.transfer_entropy(k=1, l=1), 4)
    0.1348
    """
    where = "coupled_ar()"
    a = check_number(a, "a", where, low=-1, high=1, low_open=True, high_open=True)
    b = check_number(b, "b", where, low=-1, high=1, low_open=True, high_open=True)
    c = check_number(c, "c", where)
    nx = check_number(noise_x, "noise_x", where, low=0, low_open=True)
    ny = check_number(noise_y, "noise_y", where, low=0, low_open=True)
    return CoupledAR(float(a), float(b), float(c), float(nx), float(ny))


@dataclass(frozen=True, eq=False)
class BooleanNetwork:
    """A quenched random Boolean network (Kauffman), synchronous update.

    Attributes
    ----------
    inputs : numpy.ndarray of shape (n_nodes, k)
        The ``k`` input nodes of each node (distinct, self excluded).
    tables : numpy.ndarray of shape (n_nodes, 2**k)
        Each node's Boolean function: output for input configuration
        ``sum_j s[inputs[i, j]] << j``.
    p : float
        Bias the tables were drawn with (``P(output = 1)``).
    """

    inputs: NDArray[np.int64]
    tables: NDArray[np.int8]
    p: float

    @property
    def n_nodes(self) -> int:
        """Number of nodes ``N``."""
        return int(self.inputs.shape[0])

    @property
    def k(self) -> int:
        """In-degree ``K``."""
        return int(self.inputs.shape[1])

    def step(self, state: ArrayLike) -> NDArray[np.int8]:
        """Update one state ``(n_nodes,)`` or a batch ``(m, n_nodes)`` at once."""
        s = np.asarray(state, dtype=np.int64)
        weights = 1 << np.arange(self.k, dtype=np.int64)
        idx = (s[..., self.inputs] * weights).sum(axis=-1)
        return np.asarray(
            np.take_along_axis(
                np.broadcast_to(self.tables, (*idx.shape[:-1], *self.tables.shape)),
                idx[..., None],
                axis=-1,
            )[..., 0],
            dtype=np.int8,
        )

    def run(
        self,
        n_steps: int,
        *,
        rng: Any = None,
        initial: ArrayLike | None = None,
        transient: int = 0,
    ) -> NDArray[np.int8]:
        """Run the network from a uniformly random (or given) state.

        Parameters
        ----------
        n_steps : int
            Number of states returned (>= 1).
        rng : None, int or numpy.random.Generator, default=None
            Seeds the initial state.
        initial : array-like of shape (n_nodes,), optional
            Initial 0/1 state.
        transient : int, default=0
            Steps run and discarded before the first returned state.

        Returns
        -------
        numpy.ndarray of shape (n_steps, n_nodes), int8 (0/1)

        Examples
        --------
        >>> from mutinfo import datasets
        >>> net = datasets.random_boolean_network(10, 2, rng=0)
        >>> net.run(5, rng=0).shape
        (5, 10)
        """
        where = "BooleanNetwork.run()"
        n = int(check_number(n_steps, "n_steps", where, low=1, integer=True))
        burn = int(check_number(transient, "transient", where, low=0, integer=True))
        if initial is None:
            state = check_rng(rng).integers(0, 2, self.n_nodes).astype(np.int8)
        else:
            state = np.asarray(initial, dtype=np.int8)
            if state.shape != (self.n_nodes,):
                raise InvalidParameterError(
                    f"The 'initial' parameter of {where} must have shape "
                    f"({self.n_nodes},); got {state.shape}."
                )
        for _ in range(burn):
            state = self.step(state)
        out = np.empty((n, self.n_nodes), dtype=np.int8)
        out[0] = state
        for t in range(1, n):
            out[t] = self.step(out[t - 1])
        return out

    def sensitivity(self) -> float:
        """Mean average sensitivity of the node functions.

        For each node, the fraction of (input configuration, input) pairs whose
        one-bit flip changes the output, times ``k``; averaged over nodes. The
        annealed expectation is ``2 p (1 - p) K``; the ordered / chaotic phase
        transition (Derrida & Pomeau) is at ``2 p (1 - p) K = 1``.
        """
        configs = np.arange(2**self.k)
        total = 0.0
        for j in range(self.k):
            flipped = configs ^ (1 << j)
            total += float(np.mean(self.tables[:, configs] != self.tables[:, flipped]))
        return total


def random_boolean_network(
    n_nodes: int, k: int, *, p: float = 0.5, rng: Any = None
) -> BooleanNetwork:
    """Draw a random Boolean network: ``N`` nodes, in-degree ``K``, bias ``p``.

    Each node reads ``K`` distinct other nodes chosen uniformly, and its
    Boolean function is a random table with ``P(output = 1) = p``. The
    network is quenched (fixed once drawn); :meth:`BooleanNetwork.run`
    updates all nodes synchronously. Critical when ``2 p (1 - p) K = 1``
    (``K = 2`` at ``p = 0.5``).

    Parameters
    ----------
    n_nodes : int
        ``N`` (>= 2).
    k : int
        ``K``, in [1, n_nodes - 1].
    p : float, default=0.5
        Bias of the tables, in [0, 1].
    rng : None, int or numpy.random.Generator, default=None
        Seeds the wiring and the tables.

    Returns
    -------
    BooleanNetwork

    References
    ----------
    .. [1] S. A. Kauffman, "Metabolic stability and epigenesis in randomly
       constructed genetic nets", J. Theor. Biol. 22, 437 (1969).
    .. [2] B. Derrida and Y. Pomeau, "Random networks of automata: a simple
       annealed approximation", Europhys. Lett. 1, 45 (1986).

    Examples
    --------
    >>> from mutinfo import datasets
    >>> net = datasets.random_boolean_network(200, 2, rng=0)
    >>> net.run(3, rng=1).shape, round(net.sensitivity(), 1)
    ((3, 200), 1.0)
    """
    where = "random_boolean_network()"
    n = int(check_number(n_nodes, "n_nodes", where, low=2, integer=True))
    kk = int(check_number(k, "k", where, low=1, high=n - 1, integer=True))
    bias = float(check_number(p, "p", where, low=0, high=1))
    gen = check_rng(rng)
    # K distinct inputs among the other N - 1 nodes: the smallest K keys of a
    # random draw, with the node itself pushed last.
    keys = gen.random((n, n))
    keys[np.arange(n), np.arange(n)] = np.inf
    inputs = np.argsort(keys, axis=1)[:, :kk].astype(np.int64)
    tables = (gen.random((n, 2**kk)) < bias).astype(np.int8)
    return BooleanNetwork(inputs, tables, bias)
