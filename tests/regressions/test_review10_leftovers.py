"""Review 10: small defects the previous review left (stats, neural analysis, text)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo import text
from mutinfo.exceptions import InvalidDataError


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_politis_white_refuses_non_finite(bad: float) -> None:
    # A NaN gave a NaN block length with no error (and NaN block counts later).
    x = np.random.default_rng(0).normal(size=(100, 2))
    x[7, 1] = bad
    with pytest.raises(InvalidDataError, match=r"'x' parameter of politis_white\(\)"):
        mt.stats.politis_white(x)


@pytest.mark.parametrize("bad", [3.0, np.empty(0), ["a", "b"]])
def test_politis_white_refuses_scalars_empty_and_text(bad: object) -> None:
    with pytest.raises(InvalidDataError, match=r"politis_white\(\)"):
        mt.stats.politis_white(bad)  # type: ignore[arg-type]


def test_output_label_mi_uses_the_model_dtype() -> None:
    # numpy probes were cast to float32: a float64 model raised, and probe values
    # 1e8 +- 1 collapsed to 1e8 before the model saw them.
    torch = pytest.importorskip("torch")
    from mutinfo.neural.analysis import output_label_mi

    net = torch.nn.Linear(1, 2).double()
    with torch.no_grad():
        net.weight.copy_(torch.tensor([[-1.0], [1.0]]))
        net.bias.copy_(torch.tensor([1e8, -1e8]))
    x = 1e8 + np.tile([-1.0, 1.0], 20)[:, None]
    assert output_label_mi(net, x, (x[:, 0] > 1e8).astype(int), base=2) == 1.0


def test_output_label_mi_without_parameters_is_float64() -> None:
    torch = pytest.importorskip("torch")
    from mutinfo.neural.analysis import output_label_mi

    class Shifted(torch.nn.Module):
        def forward(self, x: torch.Tensor) -> torch.Tensor:
            z = x - 1e8
            return torch.cat([-z, z], dim=1)

    x = 1e8 + np.tile([-1.0, 1.0], 20)[:, None]
    assert output_label_mi(Shifted(), x, (x[:, 0] > 1e8).astype(int), base=2) == 1.0


@pytest.mark.parametrize("cds", [0.75, 2.0, 3.0])
@pytest.mark.parametrize("scale", [1e-200, 1e200])
def test_pmi_cds_is_scale_free(cds: float, scale: float) -> None:
    # n(c)**cds overflowed (1e200 ** 2) or underflowed (1e-200 ** 2): NaN PMI.
    import scipy.sparse as sp

    counts = np.array([[3.0, 1, 0], [2, 5, 1], [0, 2, 7]])
    expected = text.pmi(counts, cds=cds)
    observed = text.pmi(counts * scale, cds=cds)
    np.testing.assert_allclose(observed, expected, rtol=1e-12, atol=1e-12)
    sparse = text.pmi(sp.csr_array(counts * scale), cds=cds).toarray()
    seen = counts > 0
    np.testing.assert_allclose(sparse[seen], expected[seen], rtol=1e-12, atol=1e-12)


def test_pmi_cds_matches_the_closed_form() -> None:
    counts = np.array([[3.0, 1], [2, 5]])
    cols = counts.sum(0) ** 0.75
    expected = np.log(counts / counts.sum(1, keepdims=True) / (cols / cols.sum()))
    np.testing.assert_allclose(text.pmi(counts, cds=0.75), expected, rtol=1e-12)


@pytest.mark.parametrize(
    "bad",
    [
        [True, False],
        np.array([True, True]),
        pd.Series([True, False], dtype="boolean"),
        ["0.01", "0.5"],
    ],
)
def test_fdr_refuses_booleans_and_strings(bad: object) -> None:
    # True read as p = 1 (and "0.01" as 0.01) with no error.
    with pytest.raises(InvalidDataError, match="booleans and strings are not p-values"):
        mt.stats.fdr(bad)


def test_fdr_keeps_a_series_index() -> None:
    p = pd.Series([0.01, 0.04, 0.03, 0.2], index=list("wxyz"), name="p")
    q = mt.stats.fdr(p)
    assert isinstance(q, pd.Series)
    assert q.index.tolist() == list("wxyz")
    assert q.name == "p"
    np.testing.assert_allclose(q.to_numpy(), mt.stats.fdr(p.to_numpy()))
    frame = pd.DataFrame(
        [[0.01, 0.2], [0.03, 0.5]], index=["a", "b"], columns=["u", "v"]
    )
    out = mt.stats.fdr(frame, method="bonferroni")
    assert isinstance(out, pd.DataFrame)
    assert out.index.tolist() == ["a", "b"]
    assert out.columns.tolist() == ["u", "v"]
    np.testing.assert_allclose(out.to_numpy(), [[0.04, 0.8], [0.12, 1.0]])
    assert type(mt.stats.fdr([0.1, 0.2])) is np.ndarray


def test_label_embeddings_give_the_matrix_absolute_value() -> None:
    # The docstring promised the (entrywise absolute) PMI; with a negative
    # eigenvalue the Gram matrix is Q |Lambda| Q^T instead.
    from mutinfo.text._labels import _indicator, label_cooccurrence, label_pmi

    y = np.array([[0, 1, 0], [1, 0, 0], [1, 0, 1], [1, 1, 1], [0, 1, 1]])
    m = label_pmi(label_cooccurrence(_indicator(y, "t")), len(y)).toarray()
    w, q = np.linalg.eigh(m)
    assert w.min() < -0.1
    e = text.label_embeddings(y, 3, rng=0)
    np.testing.assert_allclose(e @ e.T, (q * np.abs(w)) @ q.T, atol=1e-12)
    assert m[0, 1] == pytest.approx(-0.5878, abs=1e-4)
    assert (e @ e.T)[0, 1] == pytest.approx(-0.4813, abs=1e-4)
    doc = text.label_embeddings.__doc__ or ""
    assert "matrix* absolute value" in doc
    assert "(absolute) PMI" not in doc


def test_normal_cdf_of_a_heavy_tailed_task_warns_about_its_ties() -> None:
    # student_t(dof=1) is Cauchy-like: about 4 % of ndtr's values round to
    # exactly 1.0, ties the task's continuous MI does not account for.
    from mutinfo import datasets
    from mutinfo.exceptions import DataWarning

    task = datasets.normal_cdf(datasets.student_t(dof=1))
    with pytest.warns(DataWarning, match="rounded .* to exactly 0 or 1"):
        x, _ = task.sample(2000, rng=0)
    assert np.count_nonzero(x == 1.0) > 0
    light = datasets.normal_cdf(datasets.gaussian())
    light.sample(2000, rng=0)  # no warning (pytest turns one into an error)
