"""How much `import mutinfo` adds to a bare `import numpy` (whole-process times).

Run: python benchmarks/import_time.py
Prints the median over repeated fresh interpreters of `python -c "import numpy"` and
`python -c "import numpy, mutinfo"`, and their difference (target: under 0.3 s).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def _median_seconds(code: str, repeat: int = 15) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    base = _median_seconds("import numpy")
    ours = _median_seconds("import numpy, mutinfo")
    print(f"python -c 'import numpy'           : {base:.3f} s")
    print(f"python -c 'import numpy, mutinfo'  : {ours:.3f} s")
    print(
        f"import mutinfo adds                : {ours - base:.3f} s (target < 0.300 s)"
    )


if __name__ == "__main__":
    main()
