"""Count-based MI exploration bonus (Florensa et al. 2017, SNN4HRL)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import torch
from torch import nn

from mutinfo.exceptions import InvalidDataError, InvalidParameterError
from mutinfo.neural.objectives._common import (
    check_int,
    check_number,
    check_tensor,
    record,
)

__all__ = ["BonusOutput", "MIExplorationBonus"]


class BonusOutput(NamedTuple):
    """Output of :class:`MIExplorationBonus`: per-sample bonus and the MI record."""

    bonus: torch.Tensor
    terms: dict[str, float]


def _entropy(counts: torch.Tensor) -> torch.Tensor:
    total = counts.sum()
    p = counts / total
    out: torch.Tensor = -torch.special.xlogy(p, p).sum()
    return out


class MIExplorationBonus(nn.Module):
    """Streaming count-based ``I(Z; X) = H(Z) - H(Z | X)`` on a grid, as a reward bonus.

    Florensa et al. [1]_ pre-train stochastic-network skills with a bonus that
    makes each latent code ``z`` visit its own region of state space: the
    states' positions are binned on a regular grid ``X`` (cells), a table of
    counts ``m[c, z]`` is kept over the whole training, and each sample
    receives ``weight * log p(z | c)`` with ``p(z | c) = m[c, z] / sum_z'
    m[c, z']`` (the sample's contribution to ``-H(Z | X)``; ``H(Z)`` is fixed
    by the uniform choice of skills). The counts are updated with the whole
    batch first, in one vectorised scatter-add, then the bonus is read; the
    record holds the plug-in ``mi``, ``h_z`` and ``h_z_given_x`` of all the
    counts so far, in nats. Nothing here has a gradient: the bonus is a
    reward, not a loss.

    Parameters
    ----------
    low, high : sequence of float
        Lower and upper corners of the grid (positions outside are clamped
        to the border cells).
    bins : int or sequence of int
        Cells per dimension.
    n_latents : int
        Number of latent codes ``z``.
    weight : float, default=1.0
        The bonus weight (``alpha_H`` in the paper, which tunes it per task).
    max_bytes : int, default=2**28
        Largest count table allowed (float64 entries); a finer grid raises.

    References
    ----------
    .. [1] C. Florensa, Y. Duan, P. Abbeel, "Stochastic neural networks for
       hierarchical reinforcement learning", ICLR 2017. arXiv:1704.03012

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural.objectives import MIExplorationBonus
    >>> bonus = MIExplorationBonus([0.0], [1.0], 2, n_latents=2)
    >>> out = bonus(torch.tensor([[0.1], [0.9]]), torch.tensor([0, 1]))
    >>> out.bonus.tolist(), round(out.terms["mi"], 6)  # each code owns a cell
    ([0.0, 0.0], 0.693147)
    """

    counts: torch.Tensor

    def __init__(
        self,
        low: Sequence[float],
        high: Sequence[float],
        bins: int | Sequence[int],
        n_latents: int,
        *,
        weight: float = 1.0,
        max_bytes: int = 2**28,
    ) -> None:
        super().__init__()
        where = "MIExplorationBonus()"
        lo = np.asarray(low, dtype=np.float64).reshape(-1)
        hi = np.asarray(high, dtype=np.float64).reshape(-1)
        if (
            lo.shape != hi.shape
            or not np.all(np.isfinite(lo) & np.isfinite(hi))
            or not np.all(hi > lo)
        ):
            raise InvalidParameterError(
                f"The 'low' and 'high' parameters of {where} must be finite corners "
                f"of the same length with high > low. Got low={low!r}, high={high!r}."
            )
        d = lo.size
        b = (
            np.broadcast_to(np.asarray(bins), (d,))
            if np.ndim(bins) == 0
            else np.asarray(bins)
        )
        if b.shape != (d,) or not all(
            isinstance(v, int | np.integer) and not isinstance(v, bool) and v >= 1
            for v in b.tolist()
        ):
            raise InvalidParameterError(
                f"The 'bins' parameter of {where} must be an int >= 1 or one int per "
                f"dimension ({d}). Got {bins!r} instead."
            )
        self.n_latents = check_int(n_latents, "n_latents", where, low=2)
        self.weight = check_number(weight, "weight", where)
        check_int(max_bytes, "max_bytes", where)
        n_cells = int(np.prod(b.astype(object)))
        size = n_cells * self.n_latents * 8
        if size > max_bytes:
            raise InvalidParameterError(
                f"The grid of {where} needs a count table of {n_cells} cells x "
                f"{self.n_latents} latents x 8 bytes = {size / 2**20:.1f} MiB, above "
                f"'max_bytes' = {max_bytes / 2**20:.1f} MiB. Use fewer 'bins' or "
                "raise 'max_bytes'."
            )
        self.low = torch.as_tensor(lo)
        self.high = torch.as_tensor(hi)
        self.bins = torch.as_tensor(b.astype(np.int64))
        strides = np.cumprod([1, *b.astype(np.int64)[::-1][:-1]])[::-1].copy()
        self.strides = torch.as_tensor(strides)
        self.register_buffer(
            "counts", torch.zeros((n_cells, self.n_latents), dtype=torch.float64)
        )

    def cells(self, states: torch.Tensor) -> torch.Tensor:
        """Flat grid-cell index of each state, shape (B,)."""
        states = check_tensor(
            states, "states", "MIExplorationBonus", ndim=2, allow_empty=True
        )
        if states.shape[1] != self.low.numel():
            raise InvalidDataError(
                f"The 'states' input of MIExplorationBonus must have {self.low.numel()}"
                f" columns (the grid's dimensions). Got shape {tuple(states.shape)}."
            )
        s = states.detach().to(torch.float64).cpu()
        pos = torch.floor((s - self.low) / (self.high - self.low) * self.bins)
        # clamp before the integer cast: a float beyond 2**63 cast to int64 is
        # undefined (it became the lowest cell for a state far above the grid)
        top = (self.bins - 1).to(torch.float64)
        idx = torch.minimum(torch.clamp(pos, min=0.0), top).long()
        return (idx * self.strides).sum(dim=1)

    def _latents(self, latents: Any, n: int) -> torch.Tensor:
        if (
            not isinstance(latents, torch.Tensor)
            or latents.is_floating_point()
            or latents.shape != (n,)
        ):
            raise InvalidDataError(
                "The 'latents' input of MIExplorationBonus must be an integer tensor "
                f"of shape ({n},). Got {latents!r:.80}."
            )
        if bool((latents < 0).any() or (latents >= self.n_latents).any()):
            raise InvalidDataError(
                f"The latents of MIExplorationBonus must lie in "
                f"[0, {self.n_latents - 1}]."
                f" Got values in [{int(latents.min())}, {int(latents.max())}]."
            )
        return latents.detach().long().cpu()

    def update(self, states: torch.Tensor, latents: torch.Tensor) -> None:
        """Add the batch to the counts (one scatter-add)."""
        cells = self.cells(states)
        z = self._latents(latents, cells.shape[0])
        flat = self.counts.view(-1)
        flat.index_put_(
            (cells * self.n_latents + z,),
            torch.ones(cells.shape[0], dtype=torch.float64),
            accumulate=True,
        )

    def mi(self) -> dict[str, float]:
        """Plug-in ``H(Z)``, ``H(Z | X)`` and ``I(Z; X)`` of the counts, in nats."""
        counts = self.counts
        if float(counts.sum()) == 0:
            return {"mi": 0.0, "h_z": 0.0, "h_z_given_x": 0.0}
        h_z = _entropy(counts.sum(dim=0))
        h_joint = _entropy(counts.reshape(-1))
        h_x = _entropy(counts.sum(dim=1))
        h_z_given_x = h_joint - h_x
        return record(mi=h_z - h_z_given_x, h_z=h_z, h_z_given_x=h_z_given_x)

    @torch.no_grad()
    def forward(
        self, states: torch.Tensor, latents: torch.Tensor, *, update: bool = True
    ) -> BonusOutput:
        """Add the batch to the counts (unless ``update=False``); give the bonus."""
        cells = self.cells(states)
        z = self._latents(latents, cells.shape[0])
        if update:
            self.update(states, latents)
        rows = self.counts[cells]
        hits = rows.gather(1, z[:, None])[:, 0]
        totals = rows.sum(dim=1)
        if bool((hits == 0).any()):
            raise InvalidDataError(
                "MIExplorationBonus: a (cell, latent) pair of the batch has no count "
                "yet; call with update=True or update() the counts first."
            )
        bonus = self.weight * torch.log(hits / totals)
        return BonusOutput(bonus.to(states.dtype), self.mi())
