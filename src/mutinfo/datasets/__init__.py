"""Datasets: ground-truth tasks with exact MI, and small real tables.

A task is a joint distribution of ``(X, Y)`` that knows its true mutual
information (nats) and draws samples::

    from mutinfo import datasets

    task = datasets.gaussian(rho=0.9, dim=1)
    x, y = task.sample(1000, rng=0)
    task.mutual_information  # 0.8304 nats
    datasets.tasks()  # registered names; datasets.get(name) -> Task
"""

from mutinfo.datasets._automata import ElementaryCA, elementary_ca
from mutinfo.datasets._catalog import get, register_task, tasks
from mutinfo.datasets._discrete import (
    binary_symmetric,
    discrete_channel,
    random_channel,
    z_channel,
)
from mutinfo.datasets._gaussian import (
    gaussian,
    gaussian_covariance,
    gaussian_dense,
    gaussian_sparse,
    staircase,
)
from mutinfo.datasets._hidden import HiddenMarkovChain, hidden_markov_chain
from mutinfo.datasets._hierarchical import HierarchicalProcess, hierarchical_process
from mutinfo.datasets._interface import TaskLike
from mutinfo.datasets._markov import ar1, markov_chain
from mutinfo.datasets._mixed import discrete_uniform, gao_mixture, ross
from mutinfo.datasets._real import load_text, load_wine
from mutinfo.datasets._sequences import (
    BooleanNetwork,
    CoupledAR,
    MarkovChain,
    binary_markov_chain,
    coupled_ar,
    random_boolean_network,
)
from mutinfo.datasets._student import student_t
from mutinfo.datasets._subregular import (
    SubregularLanguage,
    strictly_local,
    strictly_piecewise,
)
from mutinfo.datasets._task import Task
from mutinfo.datasets._tishby import tishby_task
from mutinfo.datasets._transforms import asinh, half_cube, normal_cdf, spiral, wiggly
from mutinfo.datasets._uniform import additive_uniform

__all__ = [
    "BooleanNetwork",
    "CoupledAR",
    "ElementaryCA",
    "HiddenMarkovChain",
    "HierarchicalProcess",
    "MarkovChain",
    "SubregularLanguage",
    "Task",
    "TaskLike",
    "additive_uniform",
    "ar1",
    "asinh",
    "binary_markov_chain",
    "binary_symmetric",
    "coupled_ar",
    "discrete_channel",
    "discrete_uniform",
    "elementary_ca",
    "gao_mixture",
    "gaussian",
    "gaussian_covariance",
    "gaussian_dense",
    "gaussian_sparse",
    "get",
    "half_cube",
    "hidden_markov_chain",
    "hierarchical_process",
    "load_text",
    "load_wine",
    "markov_chain",
    "normal_cdf",
    "random_boolean_network",
    "random_channel",
    "register_task",
    "ross",
    "spiral",
    "staircase",
    "strictly_local",
    "strictly_piecewise",
    "student_t",
    "tasks",
    "tishby_task",
    "wiggly",
    "z_channel",
]
