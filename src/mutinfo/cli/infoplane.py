"""``mutinfo infoplane``: train a small network, write its information plane."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mutinfo.cli._options import DebugOpt, ForceOpt, handle_errors

TaskOpt = Annotated[str, typer.Option("--task", help="tishby (12-bit task) or digits.")]
ActivationOpt = Annotated[str, typer.Option("--activation", help="tanh or relu.")]
EpochsOpt = Annotated[int, typer.Option("--epochs", help="Training epochs.")]
PointsOpt = Annotated[
    int, typer.Option("--n-points", help="Recorded epochs (log-spaced).")
]
MethodsOpt = Annotated[
    str,
    typer.Option(
        "--methods", help="Comma-separated: binning, kde, or estimator families."
    ),
]
BinsOpt = Annotated[int, typer.Option("--bins", help="Bins per unit (binning).")]
EdgesOpt = Annotated[
    str,
    typer.Option(
        "--edges",
        help="Binning range: observed (per epoch), per_unit, or all_epochs "
        "(one range per layer over training).",
    ),
]
NoiseOpt = Annotated[
    float, typer.Option("--noise-variance", help="Noise variance of the KDE bounds.")
]
ProbesOpt = Annotated[
    bool, typer.Option("--probes", help="Add linear-probe bounds per layer.")
]
SeedOpt = Annotated[int, typer.Option("--rng", help="Seed of weights, split, batches.")]
OutOpt = Annotated[Path, typer.Option("--out", help="Folder for plane.csv, plane.png.")]


def register(app: typer.Typer) -> None:
    """Add the ``infoplane`` command to ``app``."""

    @app.command(name="infoplane")
    def infoplane(
        out: OutOpt,
        task: TaskOpt = "tishby",
        activation: ActivationOpt = "tanh",
        epochs: EpochsOpt = 200,
        n_points: PointsOpt = 20,
        methods: MethodsOpt = "binning,kde",
        bins: BinsOpt = 30,
        edges: EdgesOpt = "observed",
        noise_variance: NoiseOpt = 0.1,
        probes: ProbesOpt = False,
        rng: SeedOpt = 0,
        force: ForceOpt = False,
        debug: DebugOpt = False,
    ) -> None:
        """Train, record the hidden layers, estimate I(X;T) and I(T;Y) per epoch.

        Writes OUT/plane.csv (the tidy frame, bits) and OUT/plane.png (one
        panel per method, needs matplotlib), atomically. Prints the frame's
        last recorded epoch.

        Example: mutinfo infoplane --task tishby --activation relu --out plane
        """
        with handle_errors(debug):
            from mutinfo.io import atomic_path, check_output
            from mutinfo.neural.analysis import (
                plot_information_plane,
                run_information_plane,
            )

            folder = check_output(out, option="--out", folder=True, force=force)
            csv_path, png_path = (
                check_output(folder / name, option="--out", force=force, exist_ok=force)
                for name in ("plane.csv", "plane.png")
            )
            frame, _ = run_information_plane(
                task,
                activation=activation,
                epochs=epochs,
                n_points=n_points,
                methods=tuple(m.strip() for m in methods.split(",") if m.strip()),
                bins=bins,
                edges=edges,
                noise_variance=noise_variance,
                probes=probes,
                rng=rng,
            )
            folder.mkdir(parents=True, exist_ok=True)
            with atomic_path(csv_path) as tmp:
                frame.to_csv(tmp, index=False)
            try:
                import matplotlib

                matplotlib.use("Agg")
            except ImportError:
                png_path = None  # type: ignore[assignment]
            if png_path is not None:
                first = str(frame["method"].iloc[0])
                with atomic_path(png_path) as tmp:
                    plot_information_plane(frame, method=first).savefig(
                        tmp, format="png"
                    )
            last = frame[frame["epoch"] == frame["epoch"].max()]
        typer.echo(last.drop(columns=["params"]).to_string(index=False))
        typer.echo(f"Written: {csv_path}" + (f", {png_path}" if png_path else ""))
