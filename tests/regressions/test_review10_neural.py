"""Review 10: neural estimators and bounds against hand computation."""

from __future__ import annotations

import math

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from mutinfo import neural  # noqa: E402
from mutinfo.exceptions import ConvergenceWarning  # noqa: E402
from mutinfo.neural import SeparableCritic  # noqa: E402


def test_float64_critic_trains_on_float64_batches() -> None:
    # fit() cast every batch to float32: a float64 critic module raised
    # "mat1 and mat2 must have the same dtype" (now the critic's dtype is used).
    rng = np.random.default_rng(0)
    x = rng.normal(size=600)
    y = 0.9 * x + math.sqrt(0.19) * rng.normal(size=600)

    def critic() -> SeparableCritic:
        return SeparableCritic(1, 1, hidden=(16,), embed_dim=8, rng=0)

    kwargs = {"bound": "infonce", "max_steps": 20, "batch_size": 32, "rng": 0}
    # 20 steps on purpose (dtype plumbing, not accuracy): the one evaluation
    # is at the last step, so both runs warn that training was cut off.
    with pytest.warns(ConvergenceWarning, match="still improving"):
        wide = neural.estimate(x, y, critic=critic().double(), **kwargs)
    with pytest.warns(ConvergenceWarning, match="still improving"):
        narrow = neural.estimate(x, y, critic=critic(), **kwargs)
    assert math.isfinite(wide.value)
    assert wide.value == pytest.approx(narrow.value, abs=1e-5)


def test_bounds_match_numpy_at_huge_scores() -> None:
    # log-sum-exp keeps DV, InfoNCE and SMILE finite at scores of 1e4; the
    # diagonal / off-diagonal convention and log B match a numpy computation.
    from scipy.special import logsumexp

    s = np.random.default_rng(1).normal(size=(5, 5)) * 1e4
    off = s[~np.eye(5, dtype=bool)]
    t = torch.tensor(s, dtype=torch.float64)
    dv = np.diag(s).mean() - (logsumexp(off) - math.log(20))
    nce = math.log(5) + np.mean(np.diag(s) - logsumexp(s, axis=1))
    assert neural.dv_bound(t).item() == pytest.approx(dv, rel=1e-12)
    assert neural.infonce_bound(t).item() == pytest.approx(nce, rel=1e-12)
    assert neural.infonce_bound(t).item() <= math.log(5)
    smile = np.diag(s).mean() - (logsumexp(np.clip(off, -5, 5)) - math.log(20))
    assert neural.smile_bound(t).item() == pytest.approx(smile, rel=1e-12)
