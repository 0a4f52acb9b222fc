"""The 12-bit task of Shwartz-Ziv & Tishby (2017), with surrogate labels."""

from __future__ import annotations

from math import comb

import numpy as np
from numpy.typing import NDArray

__all__ = ["TISHBY_LABEL_ONE_SHARE", "tishby_task"]

#: Published share of label 1 per popcount of the input (Shwartz-Ziv & Tishby's
#: data file, as tabulated in issue 16): 0 for popcount <= 4, 1 for >= 8.
TISHBY_LABEL_ONE_SHARE = {5: 0.0758, 6: 0.5758, 7: 0.9242}


def tishby_task() -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Return the 4096 binary 12-bit inputs and surrogate binary labels.

    Shwartz-Ziv & Tishby [1]_ trained a 12-10-7-5-4-3-2 network on all 4096
    patterns of 12 bits, labelled by a rule on a sphere whose generating code
    is not public. These labels are a **surrogate**, documented as such: they
    match the published share of label 1 per popcount k of the input (0 for
    k <= 4, 7.58 % at k = 5, 57.58 % at k = 6, 92.42 % at k = 7, 1 for k >= 8;
    2118 of 4096 ones overall, 51.7 %). Within a popcount class, the patterns
    with the largest weighted sum sum_i (i + 1) x_i (bit i = column i; ties by
    the pattern's integer value) get label 1, so the label is a deterministic,
    learnable function of the input.

    Returns
    -------
    x : ndarray of float64, shape (4096, 12)
        Row r holds the bits of r, most significant first (0.0 / 1.0).
    y : ndarray of int64, shape (4096,)
        Labels 0 / 1; H(Y) = 0.9992 bits (0.99916).

    References
    ----------
    .. [1] R. Shwartz-Ziv and N. Tishby, "Opening the black box of deep neural
       networks via information", arXiv:1703.00810 (2017).

    Examples
    --------
    >>> from mutinfo.datasets import tishby_task
    >>> x, y = tishby_task()
    >>> x.shape, int(y.sum())
    ((4096, 12), 2118)
    """
    codes = np.arange(4096)
    x = ((codes[:, None] >> np.arange(11, -1, -1)) & 1).astype(np.float64)
    popcount = x.sum(axis=1).astype(np.int64)
    score = x @ np.arange(1.0, 13.0)
    y = (popcount >= 8).astype(np.int64)
    for k, share in TISHBY_LABEL_ONE_SHARE.items():
        members = np.flatnonzero(popcount == k)
        ones = round(share * comb(12, k))
        order = np.lexsort((members, score[members]))[::-1]  # largest score first
        y[members[order[:ones]]] = 1
    return x, y
