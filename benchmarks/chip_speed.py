"""Speed of the chip estimator: one two-technology comparison, and the full sensitivity sweep.

    python benchmarks/chip_speed.py [--repeats R]

Each figure is the best of R runs (pure Python, no figures drawn). A comparison estimates both cells of the
paper's setup (784-100-10 on 104 subarrays of 32 x 32 at 32 nm); the sweep runs every axis of nn.chip.sweep,
one cell at a time (66 estimates).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nn.chip import ChipConfig, compare  # noqa: E402
from nn.chip.sweep import AXES, run_sweep  # noqa: E402


def best_of(repeats: int, function) -> float:
    """Shortest wall time (s) of `repeats` calls of `function`."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    config = ChipConfig()
    points = sum(len(axis.values) for axis in AXES) * len(config.cells)
    one = best_of(args.repeats, lambda: compare(config))
    sweep = best_of(max(1, args.repeats // 2), lambda: run_sweep(config))
    print(f"comparison (2 cells): {one * 1e3:.1f} ms")
    print(f"sweep ({points} estimates): {sweep:.2f} s, {sweep / points * 1e3:.1f} ms per estimate")


if __name__ == "__main__":
    main()
