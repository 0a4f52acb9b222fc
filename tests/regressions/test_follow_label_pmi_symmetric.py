"""``text.label_pmi`` refuses a co-occurrence matrix that is not symmetric.

Its docstring asked for symmetric counts but nothing checked them: the upper
triangle of ``label_cooccurrence(Y)`` gave a PMI matrix asymmetric by 0.196
nats, which the label embeddings' SVD took silently.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from mutinfo import text
from mutinfo.exceptions import InvalidDataError


def _labels() -> np.ndarray:
    return (np.random.default_rng(0).random((500, 6)) < 0.3).astype(int)


def test_a_triangle_is_refused_with_the_fix() -> None:
    c = text.label_cooccurrence(_labels())
    upper = sp.triu(c).tocsr()
    with pytest.raises(InvalidDataError, match=r"'cooccurrence'.*must be symmetric"):
        text.label_pmi(upper, 500)  # before: PMI asymmetric by 0.196
    with pytest.raises(InvalidDataError, match=r"C\[0, 5\] = \d+ but C\[5, 0\] = 0"):
        text.label_pmi(upper.toarray(), 500)
    # the completion the message gives is the full matrix
    full = upper + upper.T - sp.diags(upper.diagonal())
    pmi = text.label_pmi(full, 500)
    assert abs(pmi - pmi.T).max() == 0.0
    assert abs(pmi - text.label_pmi(c, 500)).max() == 0.0
