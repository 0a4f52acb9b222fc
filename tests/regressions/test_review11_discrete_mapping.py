"""Review 11: ``discrete={"column": flag}``, the form column_kinds and the report print.

``mt.column_kinds`` / ``mt.report`` tell the user ``discrete={'rate': True} reads it
as labels``, but every function except those two refused a mapping.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt


def _frame() -> pd.DataFrame:
    g = np.random.default_rng(2)
    n = 600
    group = g.integers(0, 3, n)
    return pd.DataFrame(
        {
            # 5-valued floats in half units (whole numbers would be labels)
            "rate": (group + g.integers(0, 3, n)) / 2,
            "size": g.normal(size=n) + group,
            "group": group,
        }
    )


def test_override_printed_by_column_kinds_works_everywhere() -> None:
    frame = _frame()
    advice = mt.column_kinds(frame).set_index("column").loc["rate", "override"]
    assert advice.startswith("discrete={'rate': True}")
    flags = {"rate": True}
    counted = mt.mi(frame["rate"], frame["group"], discrete=True)
    assert mt.mi(frame["rate"], frame["group"], discrete=flags) == counted
    m = mt.mi_matrix(frame, discrete=flags, rng=0)
    assert m.methods.loc["rate", "group"] == "miller_madow"
    assert m.methods.loc["size", "group"] == "mixed_ksg"  # others stay auto
    assert m.mi.loc["rate", "group"] == pytest.approx(counted, abs=1e-12)
    ranked = mt.rank_features(frame[["rate", "size"]], frame["group"], discrete=flags)
    assert ranked.set_index("feature").loc["rate", "method"] == "miller_madow"


def test_mapping_errors_name_the_columns() -> None:
    frame = _frame()
    with pytest.raises(mt.InvalidParameterError, match=r"\['rat'\].*'rate'"):
        mt.mi(frame["rate"], frame["group"], discrete={"rat": True})
    with pytest.raises(mt.InvalidParameterError, match="True \\(labels\\)"):
        mt.mi(frame["rate"], frame["group"], discrete={"rate": "yes"})
    with pytest.raises(mt.InvalidParameterError, match=r"\['rat'\]"):
        mt.mi_matrix(frame, discrete={"rat": True})
