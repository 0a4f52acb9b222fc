"""Classifier-based MI and CMI: density ratios from a probabilistic classifier.

A classifier trained to tell joint samples ``(x_i, y_i)`` from samples of the
product of the marginals ``(x_i, y_j)`` estimates the log density ratio
``log p(x, y) / (p(x) p(y))`` through its log-odds; averaging the log-odds over
held-out joint samples (the plug-in estimate) or plugging them into the
Donsker-Varadhan representation gives I(X; Y). scikit-learn (the ``sklearn``
extra) is imported when an estimate is computed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from mutinfo._params import AnyOf, Constraint, Interval, Options, Param
from mutinfo._registry import register
from mutinfo._scaling import centre_exact, ldexp_columns, pow2_exponents
from mutinfo._validation import Variable
from mutinfo.estimators._base import Estimator, RawEstimate
from mutinfo.estimators._guards import drop_constant, warn_atoms
from mutinfo.exceptions import (
    BiasWarning,
    ConvergenceWarning,
    InsufficientSamplesError,
    MissingDependencyError,
    MutinfoWarning,
    warn,
)

__all__ = ["Classifier", "ClassifierFit", "log_ratio_estimates"]

#: Fewest held-out (and training) rows accepted: below this the standard errors
#: are meaningless.
_MIN_ROWS = 20
_BUILTIN = ("logistic", "gradient_boosting", "mlp")


class ClippingWarning(MutinfoWarning):
    """The classifier was over-confident: probabilities were clipped."""


@dataclass(frozen=True)
class _SklearnClassifier(Constraint):
    """An object with ``fit`` and ``predict_proba`` (a scikit-learn classifier)."""

    def is_satisfied_by(self, value: Any) -> bool:
        return (
            not isinstance(value, (str, type))
            and callable(getattr(value, "fit", None))
            and callable(getattr(value, "predict_proba", None))
        )

    def describe(self) -> str:
        return "a classifier object with fit and predict_proba"


def _sklearn() -> Any:
    try:
        import sklearn
    except ImportError:  # pragma: no cover - exercised only without scikit-learn
        raise MissingDependencyError(
            "method='classifier' needs scikit-learn: pip install 'mutinfo[sklearn]'"
        ) from None
    return sklearn


def _unit_magnitude(values: NDArray[np.float64]) -> NDArray[np.float64]:
    shifted, _ = centre_exact(values)
    return ldexp_columns(shifted, pow2_exponents(shifted))


#: Rows per block when features are built for prediction (bounds the memory).
_CHUNK = 20_000
#: Held-out product rows are capped near this many: past it the DV term's
#: standard error is already below the joint term's, and the classifier's
#: predictions on them dominate the time (n = 1e5, 20 + 20 dimensions).
_MAX_PRODUCT_ROWS = 100_000


class _PolyLogistic:
    """Logistic regression on standardised polynomial features of standardised rows.

    The same model as ``StandardScaler -> PolynomialFeatures(include_bias=False)
    -> StandardScaler -> LogisticRegression(C)``, with the features built in
    float32 (the log-odds they give differ from float64 features by ~1e-6) and,
    for prediction, in blocks of rows, so that n = 1e5 rows with 20 + 20
    dimensions (860 features) stay fast and small.
    """

    def __init__(self, degree: int, c: float) -> None:
        self.degree = degree
        self.c = c

    def _expand(self, rows: NDArray[np.float64]) -> NDArray[np.float32]:
        from itertools import combinations_with_replacement

        a = ((rows - self.mean_) / self.scale_).astype(np.float32)
        blocks = [a]
        d = a.shape[1]
        for k in range(2, self.degree + 1):
            idx = np.array(list(combinations_with_replacement(range(d), k)))
            block = a[:, idx[:, 0]]
            for col in range(1, k):
                block *= a[:, idx[:, col]]
            blocks.append(block)
        return np.hstack(blocks) if len(blocks) > 1 else a

    def fit(self, rows: NDArray[np.float64], labels: NDArray[np.float64]) -> Any:
        from sklearn.linear_model import LogisticRegression

        self.mean_ = rows.mean(axis=0)
        scale = rows.std(axis=0)
        self.scale_ = np.where(scale > 0, scale, 1.0)
        feats = self._expand(rows)
        self.fmean_ = feats.mean(axis=0, dtype=np.float64).astype(np.float32)
        fscale = feats.std(axis=0, dtype=np.float64)
        self.fscale_ = np.where(fscale > 0, fscale, 1.0).astype(np.float32)
        feats -= self.fmean_
        feats /= self.fscale_
        self.model_ = LogisticRegression(C=self.c, max_iter=1000, tol=1e-6)
        self.model_.fit(feats, labels)
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, rows: NDArray[np.float64]) -> NDArray[np.float64]:
        from scipy.special import expit

        out = np.empty((rows.shape[0], 2))
        for start in range(0, rows.shape[0], _CHUNK):
            feats = self._expand(rows[start : start + _CHUNK])
            feats -= self.fmean_
            feats /= self.fscale_
            # Probabilities in float64 from the log-odds: float32 ones round
            # to 1 past log-odds ~17 and are coarse near 1 - clip.
            logit = self.model_.decision_function(feats).astype(np.float64)
            out[start : start + _CHUNK, 1] = expit(logit)
            out[start : start + _CHUNK, 0] = expit(-logit)
        return out


def _make_classifier(spec: Any, degree: int, c: float, seed: int) -> Any:
    """Return a fresh (unfitted) classifier for ``spec``."""
    _sklearn()
    from sklearn.base import clone

    if not isinstance(spec, str):
        model = clone(spec)
        if "random_state" in model.get_params():
            model.set_params(random_state=seed)
        return model
    if spec == "logistic":
        return _PolyLogistic(degree, c)
    if spec == "gradient_boosting":
        from sklearn.ensemble import HistGradientBoostingClassifier
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import PolynomialFeatures, StandardScaler

        # Each coordinate alone has the same law in both classes, so greedy
        # axis-aligned splits on raw (x, y) find nothing: trees get the
        # products too.
        return make_pipeline(
            StandardScaler(),
            PolynomialFeatures(degree=degree, include_bias=False),
            HistGradientBoostingClassifier(
                early_stopping=True, min_samples_leaf=50, random_state=seed
            ),
        )
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(
        StandardScaler(),
        MLPClassifier(
            hidden_layer_sizes=(64, 64),
            early_stopping=True,
            max_iter=300,
            random_state=seed,
        ),
    )


@dataclass(frozen=True)
class ClassifierFit:
    """Held-out log-odds of a trained joint-vs-product classifier (nats).

    ``joint`` holds the prior-corrected log-odds ``T = log p/(1 - p) - log(n1/n0)``
    on the held-out joint rows, ``product`` on the held-out product rows;
    ``clipped`` is the fraction of held-out probabilities that were clipped.
    """

    joint: NDArray[np.float64]
    product: NDArray[np.float64]
    clipped: float
    n_train: int
    n_test: int


def _pairs(
    n: int, n_shifts: int, rng: np.random.Generator
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Row pairs (i, j), i != j, for product samples: shifts of a permutation."""
    order = rng.permutation(n)
    shifts = np.arange(1, n_shifts + 1)
    a = np.tile(order, n_shifts)
    b = order[(np.arange(n)[None, :] + shifts[:, None]) % n].ravel()
    return a, b


def _content_order(*parts: NDArray[np.float64]) -> NDArray[np.intp]:
    """Row indices sorted by the rows' values (the columns of ``parts`` side by side).

    The split and the product pairings are drawn from ``rng`` over the rows in
    this order, so they follow the data's content, not the row positions:
    listing the same rows in another order gave another split and another
    estimate (0.490 to 0.516 nats over eight row orders with ``rng=0``, rho =
    0.8, n = 4000). Rows with equal values are interchangeable, so ties need no
    rule.
    """
    table = np.hstack(parts)
    return np.lexsort(table.T[::-1])


def fit_log_ratio(
    a: NDArray[np.float64],
    b: NDArray[np.float64],
    *,
    classifier: Any,
    degree: int,
    c: float,
    test_fraction: float,
    n_product: int,
    clip: float,
    rng: np.random.Generator,
) -> ClassifierFit:
    """Train on one split, return the held-out log-odds (see :class:`Classifier`)."""
    n = a.shape[0]
    n_test = round(test_fraction * n)
    n_train = n - n_test
    if min(n_test, n_train) < _MIN_ROWS:
        raise InsufficientSamplesError(
            f"Method 'classifier' needs at least {_MIN_ROWS} training and "
            f"{_MIN_ROWS} held-out rows; got n_samples={n} with "
            f"test_fraction={test_fraction}, i.e. {n_train} training and "
            f"{n_test} held-out rows. Pass more samples or change 'test_fraction'."
        )
    perm = _content_order(a, b)[rng.permutation(n)]
    train, test = perm[:n_train], perm[n_train:]

    def design(rows: NDArray[np.intp], shifts: int) -> tuple[Any, Any]:
        i, j = _pairs(rows.size, shifts, rng)
        joint = np.hstack([a[rows], b[rows]])
        product = np.hstack([a[rows[i]], b[rows[j]]])
        return joint, product

    joint_tr, product_tr = design(train, 1)
    features = np.vstack([joint_tr, product_tr])
    labels = np.r_[np.ones(len(joint_tr)), np.zeros(len(product_tr))]
    seed = int(rng.integers(2**31 - 1))
    model = _make_classifier(classifier, degree, c, seed)
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(features, labels)
    if any("converge" in str(w.message).lower() for w in caught):
        warn(
            "The classifier did not converge; the MI estimate may be biased. "
            "Pass more samples, a smaller 'C', or another 'classifier'.",
            ConvergenceWarning,
        )
    prior = math.log(len(joint_tr) / len(product_tr))
    pairings = min(n_product, max(1, _MAX_PRODUCT_ROWS // n_test))
    joint_te, product_te = design(test, pairings)
    return _held_out(model, joint_te, product_te, prior, clip, n_train, n_test)


def _held_out(
    model: Any,
    joint: NDArray[np.float64],
    product: NDArray[np.float64],
    prior: float,
    clip: float,
    n_train: int,
    n_test: int,
) -> ClassifierFit:
    """Clipped, prior-corrected log-odds on held-out rows; warns on clipping."""
    column = list(model.classes_).index(1.0)

    def log_odds(rows: NDArray[np.float64]) -> tuple[NDArray[np.float64], Any, Any]:
        p = np.asarray(model.predict_proba(rows), dtype=np.float64)[:, column]
        low, high = p < clip, p > 1.0 - clip
        p = np.clip(p, clip, 1.0 - clip)
        return np.log(p) - np.log1p(-p) - prior, low, high

    t_joint, low_j, high_j = log_odds(joint)
    t_product, low_p, high_p = log_odds(product)
    total = t_joint.size + t_product.size
    fraction = float(low_j.sum() + high_j.sum() + low_p.sum() + high_p.sum()) / total
    # Clipping p from below on product rows changes exp(T) by at most clip: it
    # cannot bias the estimates. Clipping joint rows, or any row from above,
    # caps a log-odds the classifier claims is larger than log(1/clip).
    biasing = float(low_j.sum() + high_j.sum() + high_p.sum()) / total
    if biasing > 0:
        warn(
            f"The classifier is over-confident: {biasing:.2%} of the held-out "
            f"probabilities were clipped to [clip, 1 - clip] with clip={clip:g} "
            "on the side that biases the estimate. Use a more regularised "
            "classifier (smaller 'C'), more samples, or a smaller 'clip'.",
            ClippingWarning,
        )
    return ClassifierFit(t_joint, t_product, fraction, n_train, n_test)


def log_ratio_estimates(fit: ClassifierFit) -> dict[str, float]:
    """Plug-in and Donsker-Varadhan estimates and their standard errors (nats).

    ``plugin = mean_P T`` with ``se = sd_P(T) / sqrt(n_P)``;
    ``dv = mean_P T - log mean_Q exp(T)`` with the delta-method
    ``se^2 = var_P(T) / n_P + var_Q(e^T) / (n_Q mean_Q(e^T)^2)``, where the
    product rows are treated as independent (they share held-out rows, so this
    slightly understates the second term).
    """
    tj, tp = fit.joint, fit.product
    m = float(tp.max())
    e = np.exp(tp - m)
    mean_e = float(e.mean())
    plugin = float(tj.mean())
    var_p = float(tj.var(ddof=1))
    dv = plugin - (m + math.log(mean_e))
    se_plugin = math.sqrt(var_p / tj.size)
    se_dv = math.sqrt(var_p / tj.size + float(e.var(ddof=1)) / (e.size * mean_e**2))
    return {
        "plugin": plugin,
        "plugin_stderr": se_plugin,
        "dv": dv,
        "dv_stderr": se_dv,
    }


_POSITIVE_INT = Interval(int, 1, None)


#: What :func:`~mutinfo.estimators._guards.warn_atoms` says of the classifier.
#: A value held by a share of the rows is a point mass, where the log density
#: ratio the classifier fits jumps; one smooth function of ``(x, y)``
#: (polynomial features, boosted trees on them) cannot follow the jump, and
#: the Donsker-Varadhan estimate, dominated by the product rows with the
#: largest log-odds, reads far off without a word: ``x = max(x0, 0)`` of a
#: Gaussian pair with rho 0.8 (truth 0.389, n = 4000) read 0.04 to 0.18 nats
#: (plug-in 0.38); half the rows of ``x`` at 0 (``y = x + 0.3 noise``, truth
#: 0.845) 0.57 on average over four seeds (sd 0.19), and -1.29 with
#: ``degree=3``; ``mixed_atoms`` reads both within 0.01.
_ATOMS_WHY = (
    "fits the log density ratio with one smooth function of (x, y), which "
    "cannot follow its jump at a point mass, so the estimate can be far off "
    "(x = max(x0, 0) of a Gaussian pair with MI 0.389 nats read 0.04 to 0.18)."
)


def _zero() -> RawEstimate:
    """Return exactly 0: the MI of a variable left without columns (all constant)."""
    extras = dict.fromkeys(("plugin", "plugin_stderr", "dv", "dv_stderr"), 0.0)
    return RawEstimate(0.0, None, {**extras, "stderr": 0.0})


#: Standard errors below zero from which an estimate is reported as overfit
#: (20 + 20 dimensions, n = 3000, degree 2: -2.50 nats with stderr 0.27 for a
#: truth of 0.862, silently, before this warning).
NEGATIVE_Z = 3.0


@register
class Classifier(Estimator):
    """Classifier-based MI: held-out log-odds of joint vs product samples, nats.

    The rows are split once with ``rng`` into a training part and a held-out
    part (``test_fraction``), drawn over the rows sorted by their values, so
    the estimate depends on ``rng`` and the rows' values, not on their order.
    In each part, joint samples ``(x_i, y_i)`` are set against
    product-of-marginal samples ``(x_i, y_j)``, ``i != j``, made from
    the rows of that same part (``y`` re-paired along shifts of a random
    permutation: one pairing for training, ``n_product`` for evaluation, fewer
    where ``n_product`` pairings would exceed 100,000 held-out product rows,
    never fewer than one). A
    probabilistic classifier trained to separate the two gives the log density
    ratio ``T(x, y) = log p / (1 - p) - log(n_joint / n_product)``; on the
    held-out rows

    - the plug-in (log-odds) estimate is ``I = mean_P T``,
    - the Donsker-Varadhan estimate is ``I = mean_P T - log mean_Q exp(T)``,

    both reported in ``Result.extras`` with their standard errors
    (``plugin_stderr``, ``dv_stderr``; ``stderr`` is the reported one's);
    ``report`` chooses which one is ``Result.value``. Neither is clipped at
    zero: independent data give values scattered around 0, negative included.

    Probabilities are clipped to ``[clip, 1 - clip]`` before the log-odds
    (so ``|T| <= log((1 - clip) / clip)``, 13.8 nats at the default) and
    ``extras["clipped_fraction"]`` records how many were. A ``ClippingWarning``
    gives the fraction clipped on the side that can bias the estimates: joint
    rows, or any row above ``1 - clip`` (a product row clipped from below
    changes ``exp(T)`` by less than ``clip``, which is harmless).

    The default classifier is logistic regression on standardised degree-2
    polynomial features of the standardised ``(x, y)``: the log density ratio of
    a Gaussian is quadratic, so it is well specified for Gaussian dependence.
    The features are built in float32 (blocks of rows for prediction), which
    keeps n = 1e5 rows of 20 + 20 dimensions (860 features) to seconds.
    ``"gradient_boosting"`` (HistGradientBoostingClassifier on the same
    polynomial features: on raw coordinates, whose laws are equal in both
    classes, greedy tree splits find nothing), ``"mlp"``
    (MLPClassifier) or any scikit-learn-style object with ``fit`` and
    ``predict_proba`` (cloned before fitting) can replace it.

    CMI: ``cmi_variant="difference"`` gives ``I(X; Y | Z) = I(X; Y, Z) - I(X; Z)``
    from two classifier estimates (CCMI's difference estimator), with
    ``stderr = sqrt(se_1^2 + se_2^2)``. ``"knn"`` sets ``(x, y, z)`` against
    samples of ``p(x | z) p(y | z) p(z)`` made by replacing ``y_i`` with the
    ``y`` of the nearest neighbour of ``z_i`` (Euclidean, on standardised z)
    among the other rows of the same split, CCMI's generative
    conditional-marginal variant. The classifier must be able to express the
    dependence: degree-2 features hold no ``x * y * z`` term, so a correlation
    of x and y that changes with z (rho 0, 0.5, 0.9 over three values of z,
    CMI 0.325; n = 3000) reads 0.132 nats at the default degree and 0.276 at
    ``degree=3``; raise ``degree`` (or use a kNN family) for such data.

    Requires scikit-learn (``pip install 'mutinfo[sklearn]'``).

    References
    ----------
    .. [1] S. Mukherjee, H. Asnani, S. Kannan, CCMI: Classifier based
       conditional mutual information estimation, UAI 2019. arXiv:1906.01824
    .. [2] M. D. Donsker, S. R. S. Varadhan, Asymptotic evaluation of certain
       Markov process expectations for large time, Comm. Pure Appl. Math. 1983.

    Examples
    --------
    >>> import numpy as np, mutinfo as mt
    >>> g = np.random.default_rng(0)
    >>> x = g.normal(size=4000)
    >>> y = 0.8 * x + 0.6 * g.normal(size=4000)  # I = 0.511 nats
    >>> res = mt.estimate("mi", x, y, method="classifier", rng=0)
    >>> abs(res.value - 0.511) < 0.06, sorted(res.extras)[:2]
    (True, ['clipped_fraction', 'dv'])
    """

    name: ClassVar[str] = "classifier"
    summary: ClassVar[str] = (
        "held-out log-odds of a joint-vs-product classifier (DV / plug-in)"
    )
    reference: ClassVar[str] = "Mukherjee, Asnani & Kannan 2019 (CCMI)"
    measures: ClassVar[tuple[str, ...]] = ("mi", "cmi")
    kinds: ClassVar[tuple[str, ...]] = ("continuous",)
    parameters: ClassVar[Mapping[str, Param]] = {
        "classifier": Param(
            "logistic",
            AnyOf((Options(_BUILTIN), _SklearnClassifier())),
            "'logistic' (polynomial logistic regression), 'gradient_boosting', "
            "'mlp', or a classifier object with fit and predict_proba.",
        ),
        "report": Param(
            "dv",
            Options(("dv", "plugin")),
            "Which held-out estimate is the value: Donsker-Varadhan or plug-in.",
        ),
        # Not 1: joint and product rows hold the same x values and the same
        # y values, so degree-1 features have equal means in both classes, the
        # logistic fit is exactly flat and every estimate read 0.0 with
        # stderr 0.0 (rho = 0.8, MI 0.511).
        "degree": Param(
            2,
            Interval(int, 2, 4),
            "Polynomial degree of the logistic features (at least 2: products "
            "of x and y are what tells joint rows from product rows).",
        ),
        "C": Param(
            10.0,
            Interval(float, 0, None, "neither"),
            "Inverse L2 regularisation of the logistic regression.",
        ),
        "test_fraction": Param(
            0.5, Interval(float, 0, 1, "neither"), "Fraction of rows held out."
        ),
        "n_product": Param(
            5, _POSITIVE_INT, "Product pairings per held-out row (evaluation)."
        ),
        "clip": Param(
            1e-6,
            Interval(float, 0, 0.5, "neither"),
            "Probabilities are clipped to [clip, 1 - clip].",
        ),
        "cmi_variant": Param(
            "difference",
            Options(("difference", "knn")),
            "CMI as I(X; Y,Z) - I(X; Z), or against a kNN conditional sampler.",
        ),
    }
    interval_scheme: ClassVar[str] = "subsample"
    repeated_values: ClassVar[str] = (
        "repeated values are point masses, where the log density ratio the "
        "classifier fits jumps, so its estimate is unreliable"
    )

    def min_samples(self) -> int:
        """Smallest n with 20 training and 20 held-out rows."""
        frac: float = self._params["test_fraction"]
        n = _MIN_ROWS
        while min(round(frac * n), n - round(frac * n)) < _MIN_ROWS:
            n += 1
        return n

    def _fit(
        self, a: NDArray[np.float64], b: NDArray[np.float64], rng: np.random.Generator
    ) -> dict[str, Any]:
        fit = fit_log_ratio(
            _unit_magnitude(a),
            _unit_magnitude(b),
            classifier=self.classifier,
            degree=self.degree,
            c=self.C,
            test_fraction=self.test_fraction,
            n_product=self.n_product,
            clip=self.clip,
            rng=rng,
        )
        out: dict[str, Any] = log_ratio_estimates(fit)
        out.update(clipped_fraction=fit.clipped, n_train=fit.n_train, n_test=fit.n_test)
        return out

    def _finish(self, parts: dict[str, Any]) -> RawEstimate:
        key = self.report
        extras = dict(parts)
        extras["stderr"] = parts[f"{key}_stderr"]
        value = float(parts[key])
        if value < -NEGATIVE_Z * extras["stderr"]:
            # MI is never negative: a held-out value this far below zero means
            # the fitted log-odds do not generalise (overfitting), not noise.
            warn(
                f"The classifier's held-out {key!r} estimate is {value:.3g} nats, "
                f"{-value / extras['stderr']:.1f} standard errors below zero: the "
                "classifier overfit its training rows, so its log-odds do not "
                "hold on the held-out rows and the value is far below the MI "
                f"(the mean held-out log-odds read {parts['plugin']:.3g}). Use a "
                "simpler classifier (degree=2, a smaller 'C'), more samples, or "
                "another family (e.g. 'gaussian_copula' or 'ksg').",
                BiasWarning,
            )
        return RawEstimate(value, None, extras)

    def _adapt(self, v: Variable) -> Variable:
        adapted = super()._adapt(v)
        if adapted is v:  # discrete columns read as numbers have warned already
            warn_atoms(v, self.name, _ATOMS_WHY)
        return adapted

    def _mi(self, x: Variable, y: Variable, rng: np.random.Generator) -> RawEstimate:
        # Constant columns carry nothing: left out with the DataWarning the
        # other families give (an MI with a constant variable is exactly 0).
        x, y = drop_constant(x, self.name), drop_constant(y, self.name)
        if x.n_features == 0 or y.n_features == 0:
            return _zero()
        return self._finish(self._fit(x.values, y.values, rng))

    def _cmi(
        self, x: Variable, y: Variable, z: Variable, rng: np.random.Generator
    ) -> RawEstimate:
        x, y = drop_constant(x, self.name), drop_constant(y, self.name)
        z = drop_constant(z, self.name)
        if x.n_features == 0 or y.n_features == 0:
            return _zero()
        if z.n_features == 0:
            return self._finish(self._fit(x.values, y.values, rng))
        if self.cmi_variant == "knn":
            return self._finish(self._knn_cmi(x.values, y.values, z.values, rng))
        whole = self._fit(x.values, np.hstack([y.values, z.values]), rng)
        part = self._fit(x.values, z.values, rng)
        parts: dict[str, Any] = {}
        for key in ("plugin", "dv"):
            parts[key] = whole[key] - part[key]
            parts[f"{key}_stderr"] = math.hypot(
                whole[f"{key}_stderr"], part[f"{key}_stderr"]
            )
        parts["clipped_fraction"] = max(
            whole["clipped_fraction"], part["clipped_fraction"]
        )
        parts["n_train"], parts["n_test"] = whole["n_train"], whole["n_test"]
        return self._finish(parts)

    def _knn_cmi(
        self,
        x: NDArray[np.float64],
        y: NDArray[np.float64],
        z: NDArray[np.float64],
        rng: np.random.Generator,
    ) -> dict[str, Any]:
        """CCMI's generative variant with a 1-NN conditional sampler on z."""
        from scipy.spatial import cKDTree

        a, b, c = (_unit_magnitude(v) for v in (x, y, z))
        c = c / np.where(c.std(axis=0) > 0, c.std(axis=0), 1.0)
        n = a.shape[0]
        n_test = round(self.test_fraction * n)
        n_train = n - n_test
        if min(n_test, n_train) < 2 * _MIN_ROWS:
            raise InsufficientSamplesError(
                f"cmi_variant='knn' needs at least {2 * _MIN_ROWS} training and "
                f"{2 * _MIN_ROWS} held-out rows; got n_samples={n} with "
                f"test_fraction={self.test_fraction}. Pass more samples."
            )
        perm = _content_order(a, b, c)[rng.permutation(n)]

        def split(rows: NDArray[np.intp]) -> tuple[Any, Any]:
            # Half the rows are joint samples; the other half, with y taken
            # from the row nearest in z within that half, sample p(x|z)p(y|z)p(z).
            half = rows.size // 2
            joint, other = rows[:half], rows[half:]
            _, nn = cKDTree(c[other]).query(c[other], k=2)
            donor = other[nn[:, 1]]
            pos = np.hstack([a[joint], b[joint], c[joint]])
            neg = np.hstack([a[other], b[donor], c[other]])
            return pos, neg

        pos_tr, neg_tr = split(perm[:n_train])
        pos_te, neg_te = split(perm[n_train:])
        seed = int(rng.integers(2**31 - 1))
        model = _make_classifier(self.classifier, self.degree, self.C, seed)
        model.fit(
            np.vstack([pos_tr, neg_tr]),
            np.r_[np.ones(len(pos_tr)), np.zeros(len(neg_tr))],
        )
        prior = math.log(len(pos_tr) / len(neg_tr))
        fit = _held_out(model, pos_te, neg_te, prior, self.clip, n_train, n_test)
        out: dict[str, Any] = log_ratio_estimates(fit)
        out.update(clipped_fraction=fit.clipped, n_train=n_train, n_test=n_test)
        return out
