"""Information in neural networks: planes, layer-to-layer MI, probes, schedules.

Needs the ``torch`` extra. Record a network's layers on a fixed probe set
(:class:`Recorder`, at :func:`log_schedule` epochs), then estimate per layer and
epoch I(X; T) and I(T; Y) (:func:`information_plane`) with binning
(:func:`binned_mi`, edges from the observed range), the Kolchinsky-Tracey
pairwise-distance bounds (:func:`kde_mi`) or any registered estimator family;
I(T_i; T_{i+1}) between successive layers and the total correlation of a layer;
linear probes with the MI lower bound H(Y) - CE (:func:`linear_probe`); and a
learning-rate scheduler driven by I(output; label) (:class:`MIScheduler`,
:class:`MICallback`). Guide: docs/information_plane.md.
"""

from __future__ import annotations

# First: raises MissingDependencyError (with the install command) without torch.
import mutinfo.neural._requires_torch  # noqa: F401
from mutinfo.neural.analysis._binning import bin_activations, binned_mi
from mutinfo.neural.analysis._experiment import load_digits_task, run_information_plane
from mutinfo.neural.analysis._kde import kde_mi
from mutinfo.neural.analysis._networks import mlp, tishby_network, train_classifier
from mutinfo.neural.analysis._plane import information_plane, plot_information_plane
from mutinfo.neural.analysis._probe import ProbeResult, linear_probe, probe_bound
from mutinfo.neural.analysis._recorder import Recorder, log_schedule
from mutinfo.neural.analysis._scheduler import MICallback, MIScheduler, output_label_mi

__all__ = [
    "MICallback",
    "MIScheduler",
    "ProbeResult",
    "Recorder",
    "bin_activations",
    "binned_mi",
    "information_plane",
    "kde_mi",
    "linear_probe",
    "load_digits_task",
    "log_schedule",
    "mlp",
    "output_label_mi",
    "plot_information_plane",
    "probe_bound",
    "run_information_plane",
    "tishby_network",
    "train_classifier",
]
