"""Record layer activations of a torch model on a fixed probe set."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch
from numpy.typing import NDArray
from torch import nn

from mutinfo._params import Interval, suggest, validate_params
from mutinfo.exceptions import InvalidDataError, InvalidParameterError

__all__ = ["Recorder", "log_schedule"]


@validate_params(
    {"n_epochs": Interval(int, 1, None), "n_points": Interval(int, 1, None)}
)
def log_schedule(n_epochs: int, n_points: int = 30) -> list[int]:
    """Epochs ``0 .. n_epochs - 1`` at about ``n_points`` log-spaced positions.

    Early epochs change the representation fastest, so information planes are
    recorded densely at the start and sparsely later (Shwartz-Ziv & Tishby
    recorded on a log scale too). All epochs when ``n_points >= n_epochs``;
    always includes the first and last epoch;
    duplicates after rounding are dropped, so fewer points may come back.

    Parameters
    ----------
    n_epochs : int
        Number of training epochs.
    n_points : int, default=30
        Wanted number of recorded epochs.

    Returns
    -------
    list of int
        Sorted distinct epochs.

    Examples
    --------
    >>> from mutinfo.neural.analysis import log_schedule
    >>> log_schedule(1000, 5)
    [0, 5, 31, 177, 999]
    """
    if n_points >= n_epochs:
        return list(range(n_epochs))
    if n_points == 1:
        return [n_epochs - 1]
    raw = np.logspace(0.0, math.log10(n_epochs), n_points) - 1.0
    return sorted({round(v) for v in raw} | {0, n_epochs - 1})


def _resolve_layers(
    model: nn.Module, layers: str | type | Sequence[str | type]
) -> dict[str, nn.Module]:
    """Map the requested names and module types to named submodules."""
    named = {name: module for name, module in model.named_modules() if name}
    wanted: Sequence[str | type] = (
        [layers] if isinstance(layers, str | type) else list(layers)
    )
    if not wanted:
        raise InvalidParameterError(
            "The 'layers' parameter of Recorder() must name at least one layer "
            f"or module type. Available layers: {', '.join(named) or 'none'}."
        )
    chosen: dict[str, nn.Module] = {}
    for item in wanted:
        if isinstance(item, str):
            if item not in named:
                raise InvalidParameterError(
                    f"The model has no layer {item!r}. Available layers: "
                    f"{', '.join(repr(k) for k in named)}.{suggest(item, named)}"
                )
            chosen[item] = named[item]
        elif isinstance(item, type) and issubclass(item, nn.Module):
            found = {k: m for k, m in named.items() if type(m) is item}
            if not found:
                types = sorted({type(m).__name__ for m in named.values()})
                raise InvalidParameterError(
                    f"The model has no module of type {item.__name__}. Its "
                    f"module types: {', '.join(types)}."
                )
            chosen.update(found)
        else:
            raise InvalidParameterError(
                "The 'layers' parameter of Recorder() must hold layer names or "
                f"torch.nn.Module subclasses. Got {item!r} instead."
            )
    order = list(named)
    return dict(sorted(chosen.items(), key=lambda kv: order.index(kv[0])))


class Recorder:
    """Record activations of chosen layers of a model on a fixed probe set.

    Forward hooks are attached only while :meth:`record` runs one forward pass
    of the probe set (under ``torch.no_grad()``, in eval mode, with the torch
    random state forked), then removed: training steps run without hooks, the
    model's parameters, mode and random state are untouched. Activations stay
    on the model's device until estimation; ``directory`` also writes one file
    per recorded epoch (``.npz``, or Parquet with ``fmt='parquet'``) so a long
    run can be analysed later with :meth:`load`.

    Parameters
    ----------
    model : torch.nn.Module
        The network.
    layers : str, type or sequence of them
        Layer names (as in ``model.named_modules()``) or module types (every
        module of that type, for example ``torch.nn.Tanh``), in model order.
    probe : torch.Tensor or array-like of shape (n_samples, ...)
        The fixed inputs (for the information plane: all the inputs X).
    epochs : iterable of int, optional
        Epochs at which :meth:`maybe_record` records (see :func:`log_schedule`);
        None records at every call.
    directory : str or Path, optional
        Write each recorded epoch to ``directory/epoch_00012.npz`` (or
        ``.parquet``).
    fmt : {'npz', 'parquet'}, default='npz'
        File format when ``directory`` is set (Parquet needs pyarrow).

    Attributes
    ----------
    activations : dict of int to dict of str to torch.Tensor
        ``activations[epoch][layer]``, shape (n_samples, n_units), on the device.
    layers : list of str
        The recorded layer names, in model order.

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural.analysis import Recorder
    >>> net = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.Tanh())
    >>> rec = Recorder(net, torch.nn.Tanh, probe=torch.zeros(5, 3))
    >>> rec.record(0)["1"].shape
    torch.Size([5, 2])
    >>> rec.layers
    ['1']
    """

    def __init__(
        self,
        model: nn.Module,
        layers: str | type | Sequence[str | type],
        *,
        probe: Any,
        epochs: Iterable[int] | None = None,
        directory: str | Path | None = None,
        fmt: str = "npz",
    ) -> None:
        if not isinstance(model, nn.Module):
            raise InvalidParameterError(
                "The 'model' parameter of Recorder() must be a torch.nn.Module. "
                f"Got {type(model).__name__} instead."
            )
        if fmt not in ("npz", "parquet"):
            raise InvalidParameterError(
                "The 'fmt' parameter of Recorder() must be one of 'npz', "
                f"'parquet'. Got {fmt!r} instead."
            )
        self.model = model
        self._modules = _resolve_layers(model, layers)
        self.layers = list(self._modules)
        self.probe = (
            probe
            if isinstance(probe, torch.Tensor)
            else torch.as_tensor(np.asarray(probe), dtype=torch.float32)
        )
        self.epochs = None if epochs is None else sorted({int(e) for e in epochs})
        self.directory = None if directory is None else Path(directory)
        self.fmt = fmt
        self.activations: dict[int, dict[str, torch.Tensor]] = {}
        self._handles: list[Any] = []

    def __repr__(self) -> str:
        return (
            f"Recorder(layers={self.layers}, n_probe={self.probe.shape[0]}, "
            f"recorded={sorted(self.activations)})"
        )

    @property
    def hooks_attached(self) -> int:
        """Number of forward hooks currently attached (0 outside :meth:`record`)."""
        return len(self._handles)

    def record(self, epoch: int) -> dict[str, torch.Tensor]:
        """Run the probe set through the model once and keep each layer's output.

        Returns the ``{layer: tensor}`` dict of this epoch (also kept in
        :attr:`activations` and written to ``directory`` if set).
        """
        captured: dict[str, torch.Tensor] = {}

        def hook_for(name: str) -> Any:
            def hook(module: nn.Module, inputs: Any, output: Any) -> None:
                out = output[0] if isinstance(output, tuple) else output
                captured[name] = out.detach().reshape(out.shape[0], -1).clone()

            return hook

        try:
            device = next(self.model.parameters()).device
        except StopIteration:
            device = self.probe.device
        was_training = self.model.training
        try:
            self._handles = [
                m.register_forward_hook(hook_for(k)) for k, m in self._modules.items()
            ]
            with torch.random.fork_rng(devices=[]), torch.no_grad():
                self.model.eval()
                self.model(self.probe.to(device))
        finally:
            for handle in self._handles:
                handle.remove()
            self._handles = []
            self.model.train(was_training)
        result = {k: captured[k] for k in self.layers if k in captured}
        missing = [k for k in self.layers if k not in captured]
        if missing:
            raise InvalidDataError(
                f"Layers {missing} were not called in the forward pass; record "
                "modules that the model's forward() uses."
            )
        self.activations[int(epoch)] = result
        if self.directory is not None:
            self._write(int(epoch), result)
        return result

    def maybe_record(self, epoch: int) -> bool:
        """Record if ``epoch`` is in the schedule (or no schedule was given)."""
        if self.epochs is None or int(epoch) in self.epochs:
            self.record(epoch)
            return True
        return False

    def close(self) -> None:
        """Remove any attached hook (none are left outside :meth:`record`)."""
        for handle in self._handles:
            handle.remove()
        self._handles = []

    def __enter__(self) -> Recorder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def numpy(self) -> dict[int, dict[str, NDArray[np.float64]]]:
        """All recorded activations as float64 NumPy arrays (copied to the host)."""
        return {
            e: {k: v.detach().cpu().double().numpy() for k, v in layers.items()}
            for e, layers in self.activations.items()
        }

    def _path(self, epoch: int) -> Path:
        assert self.directory is not None
        return self.directory / f"epoch_{epoch:05d}.{self.fmt}"

    def _write(self, epoch: int, result: dict[str, torch.Tensor]) -> None:
        from mutinfo.io import atomic_path

        self.directory.mkdir(parents=True, exist_ok=True)  # type: ignore[union-attr]
        arrays = {k: v.detach().cpu().double().numpy() for k, v in result.items()}
        with atomic_path(self._path(epoch)) as tmp:
            if self.fmt == "npz":
                with open(tmp, "wb") as fh:
                    np.savez(fh, **arrays)  # type: ignore[arg-type]
            else:
                import pandas as pd

                columns = {
                    f"{k}:{j}": a[:, j]
                    for k, a in arrays.items()
                    for j in range(a.shape[1])
                }
                pd.DataFrame(columns).to_parquet(tmp, index=False)

    @staticmethod
    def load(directory: str | Path) -> dict[int, dict[str, NDArray[np.float64]]]:
        """Read the epochs a Recorder wrote to ``directory``.

        Returns ``{epoch: {layer: array (n_samples, n_units)}}``.
        """
        out: dict[int, dict[str, NDArray[np.float64]]] = {}
        for path in sorted(Path(directory).glob("epoch_*.*")):
            epoch = int(path.stem.split("_")[1])
            if path.suffix == ".npz":
                with np.load(path) as data:
                    out[epoch] = {k: data[k] for k in data.files}
            elif path.suffix == ".parquet":
                import pandas as pd

                frame = pd.read_parquet(path)
                layers: dict[str, list[str]] = {}
                for col in frame.columns:
                    layers.setdefault(col.rsplit(":", 1)[0], []).append(col)
                out[epoch] = {
                    k: frame[c].to_numpy(np.float64) for k, c in layers.items()
                }
        if not out:
            raise InvalidDataError(
                f"No recorded epochs (epoch_*.npz or epoch_*.parquet) in {directory}."
            )
        return out


def iter_layers(
    activations: dict[int, dict[str, Any]],
) -> Iterator[tuple[int, str, Any]]:
    """Yield ``(epoch, layer, array)`` in epoch then layer order."""
    for epoch in sorted(activations):
        for layer, value in activations[epoch].items():
            yield epoch, layer, value
