"""Review 13: the exact PMI language model and contexts never followed by a word."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from mutinfo import text
from mutinfo.exceptions import InvalidDataError


def test_exact_lm_refuses_a_context_never_followed() -> None:
    # 'c' ends the only document it occurs in: p(w | c) is 0 / 0, and proba('c')
    # returned [0, 0, 0] (documented to sum to 1) with no error.
    lm = text.PMILanguageModel().fit([["a", "b"], ["b", "a", "c"]])
    with pytest.raises(InvalidDataError, match="never followed"):
        lm.proba("c")
    with pytest.raises(InvalidDataError, match="never followed"):
        lm.log_proba("c")
    assert lm.proba("a").sum() == pytest.approx(1.0)


def test_exact_lm_scores_an_unfollowed_context_as_probability_zero() -> None:
    # score() keeps the documented behaviour (probability 0, perplexity inf),
    # without numpy's "invalid value" warning from -inf + inf ('x' has no prior:
    # it only starts documents).
    lm = text.PMILanguageModel().fit([["x", "a", "b"], ["x", "b", "a", "c"]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = lm.score(["c", "a", "b"])
    assert result.n_scored == 2
    assert np.isinf(result.perplexity)
    # The low-rank model is unaffected: a distribution for every context.
    smooth = text.PMILanguageModel(dim=2, rng=0).fit([["x", "a", "b"], ["b", "a", "c"]])
    assert smooth.proba("c").sum() == pytest.approx(1.0)


def test_mmi_scores_warn_when_the_language_model_rules_a_candidate_out() -> None:
    # log p(T) = -inf gave +inf, ranked first whatever the source, silently.
    import numpy as np

    from mutinfo.exceptions import DataWarning

    forward = np.log([0.5, 0.3])
    prior = np.array([np.log(0.4), -np.inf])
    with pytest.warns(DataWarning, match="rank first whatever the source"):
        scores = text.mmi_scores(forward, prior)
    assert np.isposinf(scores[1])
    text.mmi_scores(forward, prior, lam=0.0)  # no anti-LM term: no warning
