"""GPU neighbour search: ``algorithm="torch"`` on a CUDA device against the CPU.

For two 1-D variables at each N of ``--sizes``, times one KSG estimate
(``KSG(algorithm="torch", device="cuda")``) beside the default CPU path
(``KSG()``, ``algorithm="auto"``) in the same process, prints both, their
ratio, whether the estimates are identical (they must be: every path gives
the same counts) and the device memory the search held at most. Each path is
warmed up once on a small sample first (CUDA context, numba kernels), so the
times are those of a warm process; best of ``--repeat`` runs.

Without PyTorch or without a CUDA device it says so and times the torch path
on the CPU at ``--cpu-n`` points instead (correctness only: the CPU torch path
is chunked brute force, far slower than the grid).

Run: python benchmarks/gpu.py [--sizes 1e5,1e6] [--repeat 3] [--budget 2e9]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np

from mutinfo.estimators import KSG


def best(call: Callable[[], float], repeat: int) -> tuple[float, float]:
    """Return (best seconds, value) over ``repeat`` calls."""
    times, value = [], float("nan")
    for _ in range(repeat):
        start = time.perf_counter()
        value = call()
        times.append(time.perf_counter() - start)
    return min(times), value


def pair(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two dependent Gaussians (true MI 0.5 log 2 = 0.347 nats)."""
    g = np.random.default_rng(seed)
    x = g.standard_normal(n)
    return x, x + g.standard_normal(n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1e5,1e6")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cpu-n", type=float, default=5e3)
    parser.add_argument("--budget", type=float, default=None, help="bytes")
    args = parser.parse_args()
    try:
        import torch
    except ImportError:
        print('PyTorch is not installed: pip install "mutinfo[torch]". Nothing timed.')
        return
    from mutinfo._neighbors import _torch

    if args.budget is not None:
        _torch.MEMORY_BUDGET = int(args.budget)
    cpu = KSG(rng=0)
    x, y = pair(2000)
    cpu.mi(x, y)  # warm: numba and its cached kernels when they pay
    if not torch.cuda.is_available():
        n = int(args.cpu_n)
        print(
            "No CUDA device: GPU timing skipped. The torch path on the CPU, "
            f"N = {n} (correctness only):"
        )
        x, y = pair(n)
        t_cpu, v_cpu = best(lambda: cpu.mi(x, y).value, args.repeat)
        on_cpu = KSG(algorithm="torch", device="cpu", rng=0)
        t_torch, v_torch = best(lambda: on_cpu.mi(x, y).value, 1)
        print(f"  default CPU path  {t_cpu:8.3f} s  {v_cpu:.6f}")
        print(f"  torch on the CPU  {t_torch:8.3f} s  {v_torch:.6f}")
        print(f"  identical: {v_cpu == v_torch}")
        return
    gpu = KSG(algorithm="torch", device="cuda", rng=0)
    gpu.mi(x, y)  # warm: CUDA context and kernels
    print(f"device: {torch.cuda.get_device_name()} (budget {_torch.MEMORY_BUDGET} B)")
    head = ("N", "GPU s", "CPU s", "CPU/GPU", "same", "GPU MB")
    print("{:>10} {:>9} {:>9} {:>8} {:>5} {:>8}".format(*head))
    for n in (int(float(s)) for s in args.sizes.split(",")):
        a, b = pair(n)
        torch.cuda.reset_peak_memory_stats()
        t_gpu, v_gpu = best(lambda a=a, b=b: gpu.mi(a, b).value, args.repeat)
        peak = torch.cuda.max_memory_allocated() / 1e6
        t_cpu, v_cpu = best(lambda a=a, b=b: cpu.mi(a, b).value, args.repeat)
        print(
            f"{n:>10} {t_gpu:>9.3f} {t_cpu:>9.3f} {t_cpu / t_gpu:>8.2f} "
            f"{v_gpu == v_cpu!s:>5} {peak:>8.0f}"
        )


if __name__ == "__main__":
    main()
