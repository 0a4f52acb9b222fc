"""Transfer entropy from the peer infomeasure, written to values/timeseries_infomeasure.json.

Run from the repository root with infomeasure installed (not a mutinfo
dependency; any directory on ``PYTHONPATH`` will do)::

    pip install --target /tmp/impkgs --no-deps infomeasure==0.6.3 sparse
    PYTHONPATH=src:/tmp/impkgs python tests/reference/scripts/timeseries_infomeasure.py

The series are stored with the values, so the test needs neither the peer nor
the same random stream. Both libraries compute the same definitions:
plug-in TE ``I(Y_t ; X_{t-u}^{(l)} | Y_{t-1}^{(k)})`` from frequencies
(infomeasure's ``prop_time`` is ``delay - 1``: its source history ends one step
before the target's next value by default), and the Frenzel-Pompe KSG CMI
(type 1, max norm, strict counts) on the same embedding, with infomeasure's
``noise_level=0`` and mutinfo's ``noise=0, standardize=False``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import infomeasure as im
import numpy as np

OUT = Path(__file__).resolve().parents[1] / "values" / "timeseries_infomeasure.json"
SOURCE = f"infomeasure {im.__version__} transfer_entropy, base='e'"

#: (k, l, delay) of the discrete cases; (k, l) of the KSG cases.
DISCRETE = ((1, 1, 1), (3, 3, 1), (2, 1, 2), (1, 2, 3))
KSG = ((1, 1), (2, 2))


def main() -> None:
    g = np.random.default_rng(15)
    n = 400
    x = g.integers(0, 3, n)
    y = np.r_[0, x[:-1] % 2] ^ (g.random(n) < 0.2)
    xc = g.standard_normal(n)
    yc = np.r_[0.0, xc[:-1]] + 0.5 * g.standard_normal(n)
    out: dict[str, Any] = {
        "data/discrete/source": {"value": x.tolist(), "source": "numpy seed 15"},
        "data/discrete/target": {"value": y.tolist(), "source": "numpy seed 15"},
        "data/ksg/source": {"value": xc.tolist(), "source": "numpy seed 15"},
        "data/ksg/target": {"value": yc.tolist(), "source": "numpy seed 15"},
    }
    for k, l, d in DISCRETE:  # noqa: E741
        v = im.transfer_entropy(
            x, y, approach="discrete", dest_hist_len=k, src_hist_len=l,
            prop_time=d - 1, base="e",
        )  # fmt: skip
        out[f"discrete/k{k}_l{l}_delay{d}"] = {"value": float(v), "source": SOURCE}
    for k, l in KSG:  # noqa: E741
        v = im.transfer_entropy(
            xc, yc, approach="ksg", k=4, dest_hist_len=k, src_hist_len=l,
            noise_level=0, base="e",
        )  # fmt: skip
        out[f"ksg/k{k}_l{l}_n4"] = {
            "value": float(v),
            "source": SOURCE + ", approach='ksg', k=4, noise_level=0",
        }
    OUT.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
