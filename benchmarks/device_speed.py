"""Speed of the device emulator (issue 2): fig2b end to end, and a batch of chamber devices through fig4b.

    python benchmarks/device_speed.py [--devices 1000] [--repeats 3]

Prints the wall time of the fig2b protocol on gdfeco_experiment after JIT warm-up (target < 5 s), its
particle-steps per second, and the throughput of `--devices` independent chamber_150nm devices through
fig4b in one batched call (target: 1000 devices in < 60 s), with the count statistics they produce.
"""
from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np

from emulator.batch import run_batch
from emulator.experiment import run_protocol
from emulator.presets import chamber_150nm, gdfeco_experiment
from emulator.pulse_protocols import fig2b, fig4b


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"cores available: {os.cpu_count()}")

    preset = gdfeco_experiment()
    run_protocol(preset, fig2b(), 0)  # JIT warm-up (cached kernels load here)
    times, steps = [], []
    for seed in range(args.repeats):
        result = run_protocol(preset, fig2b(), seed)
        times.append(result.wall_time)
    batch = run_batch(preset, fig2b(), devices=1, seed=0)
    steps = batch.particle_steps / batch.wall_time
    print(f"fig2b on gdfeco_experiment (SimPy device): median {statistics.median(times):.2f} s "
          f"over {args.repeats} runs (target < 5 s); {steps:.3g} particle-steps/s")

    chamber = chamber_150nm()
    run_batch(chamber, fig4b(pulses=2), devices=2, seed=0)  # warm-up
    started = time.perf_counter()
    result = run_batch(chamber, fig4b(), devices=args.devices, seed=1)
    wall = time.perf_counter() - started
    peak = result.end_of("potentiation")
    end = result.end_of("depression")
    print(f"fig4b on {args.devices} chamber_150nm devices (one batched call): {wall:.1f} s, "
          f"{args.devices / wall:.1f} devices/s, {result.particle_steps / wall:.3g} particle-steps/s "
          f"(target: 1000 devices < 60 s)")
    print(f"  after potentiation: {peak.mean():.1f} +- {peak.std():.1f} skyrmions (range {peak.min()}-{peak.max()});"
          f" removed by depression: {np.mean(1 - end / np.maximum(peak, 1)):.1%}")


if __name__ == "__main__":
    main()
