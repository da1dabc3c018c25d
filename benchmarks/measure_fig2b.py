"""The whole fig2b measurement through the instruments: wall time (the issue's target is < 30 s).

    python benchmarks/measure_fig2b.py [--seeds 0 1 2] [--readings 10]

Runs examples/fig2b_measurement.py (plain pyvisa) against the default bench through the in-process @skybench
backend, once per seed, and prints for each run the wall time of the measurement alone, the number of SCPI
messages and the simulated time it covered, plus the one-off cost of building the device preset. The first
run also pays for the numba kernels' warm-up (their on-disk cache makes later processes faster).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyvisa  # noqa: E402

from emulator.presets import DEVICES  # noqa: E402
from instruments.bench import BenchConfig, build_bench  # noqa: E402
from protocols.visa_library import SkybenchVisaLibrary  # noqa: E402
from skybench.commands.measure import load_script  # noqa: E402

TARGET_WALL_TIME = 30.0
"""The issue's target for one fig2b measurement through the instruments (s)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--readings", type=int, default=10)
    args = parser.parse_args(argv)
    script = load_script("fig2b")
    started = time.perf_counter()
    preset = DEVICES["gdfeco_experiment"]()
    print(f"device preset built in {time.perf_counter() - started:.1f} s (once per process)")
    walls = []
    for seed in args.seeds:
        bench = build_bench(BenchConfig(seed=seed), preset=preset)
        counted = {"messages": 0}
        for instrument in bench.values():
            execute = instrument.execute

            def counting(text, execute=execute):
                counted["messages"] += 1
                return execute(text)

            instrument.execute = counting
        manager = pyvisa.ResourceManager(SkybenchVisaLibrary.with_bench(bench))
        with tempfile.TemporaryDirectory() as out:
            begin = time.perf_counter()
            rows = script.measure_fig2b(manager, out, readings=args.readings)
            wall = time.perf_counter() - begin
        manager.close()
        walls.append(wall)
        print(f"seed {seed}: {len(rows)} pulses, {counted['messages']} SCPI messages, "
              f"{bench.clock.now():.1f} s simulated, {wall:.2f} s wall "
              f"({'within' if wall < TARGET_WALL_TIME else 'OVER'} the {TARGET_WALL_TIME:.0f} s target)")
    print(f"fig2b through the instruments: best {min(walls):.2f} s, worst {max(walls):.2f} s wall per measurement")
    return 0


if __name__ == "__main__":
    sys.exit(main())
