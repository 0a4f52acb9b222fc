"""Real series (statsmodels' macrodata): Gaussian TE is half Granger's log RSS ratio."""

from __future__ import annotations

import numpy as np
import pytest

from mutinfo import timeseries as ts

sm = pytest.importorskip("statsmodels.api")


@pytest.fixture(scope="module")
def growth() -> tuple[np.ndarray, np.ndarray]:
    macro = sm.datasets.macrodata.load_pandas().data
    g = np.diff(np.log(macro[["realgdp", "realcons"]].to_numpy()), axis=0)
    return g[:, 0], g[:, 1]


@pytest.mark.parametrize(("k", "l"), [(1, 1), (2, 2), (3, 1)])
def test_gaussian_te_equals_granger_from_statsmodels_ols(
    growth: tuple[np.ndarray, np.ndarray],
    k: int,
    l: int,  # noqa: E741
) -> None:
    gdp, cons = growth
    te = ts.transfer_entropy(
        cons, gdp, k=k, l=l, method="gaussian", bias_correction=False
    )
    start = max(k, l)
    y = gdp[start:]
    own = np.column_stack([gdp[start - j : len(gdp) - j] for j in range(1, k + 1)])
    src = np.column_stack([cons[start - j : len(cons) - j] for j in range(1, l + 1)])
    restricted = sm.OLS(y, sm.add_constant(own)).fit().ssr
    full = sm.OLS(y, sm.add_constant(np.column_stack([own, src]))).fit().ssr
    assert te == pytest.approx(0.5 * np.log(restricted / full), abs=1e-12)


def test_consumption_leads_gdp(growth: tuple[np.ndarray, np.ndarray]) -> None:
    gdp, cons = growth
    kw = {"k": 2, "l": 2, "method": "gaussian", "n_permutations": 19, "rng": 0}
    forward = ts.transfer_entropy_test(cons, gdp, **kw)
    backward = ts.transfer_entropy_test(gdp, cons, **kw)
    assert forward.p_value == 0.05
    assert forward.statistic == pytest.approx(0.0840, abs=5e-4)
    assert backward.p_value > 0.2
