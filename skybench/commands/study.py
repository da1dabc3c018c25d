"""`skybench study`: a population of devices of one preset through one protocol, and the statistics of it.

Every device has its own random stream (device d of seed S), whatever the chunk size or the scheduler; the
population is run in chunks scheduled by dask (emulator/study.py). Writes devices.csv, counts.npz, summary.json
and study.png (emulator/api.py).
"""
from __future__ import annotations

import argparse

from skybench.outputs import add_output_arguments

NAME = "study"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from emulator.study import DEFAULT_CHUNK, SCHEDULERS

    parser.add_argument("--preset", required=True, help="gdfeco_experiment or chamber_150nm")
    parser.add_argument("--protocol", required=True, help="fig2b or fig4b")
    parser.add_argument("--devices", type=int, required=True, metavar="N", help="devices in the population")
    parser.add_argument("--seed", type=int, default=0, help="seed of the population (default 0)")
    parser.add_argument("--chunk", type=int, default=DEFAULT_CHUNK, metavar="N",
                        help=f"devices per dask task (default {DEFAULT_CHUNK}; the result does not depend on it)")
    parser.add_argument("--scheduler", default="synchronous", choices=SCHEDULERS,
                        help="dask scheduler: synchronous (default; each chunk uses every core), processes, or "
                             "distributed (a running dask.distributed Client)")
    parser.add_argument("--current-density", type=float, default=None, metavar="A_PER_M2",
                        help="peak nominal current density (fig2b: end of the ramp; fig4b: every pulse), up to the "
                             "preset's damage threshold and heating limit")
    parser.add_argument("--pulse-width", type=float, default=None, metavar="S",
                        help="pulse width in seconds, 1e-12 to 1e-6 (emulator.experiment.PULSE_WIDTH_RANGE)")
    add_output_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from emulator.api import write_study_run

    result = write_study_run(args.preset, args.protocol, args.out, args.devices, args.seed, args.chunk,
                             args.scheduler, args.current_density, args.pulse_width, force=args.force)
    summary = result.summary()
    print(f"{args.preset} / {args.protocol}: {result.devices} devices in {summary['wall_time_s']:.1f} s "
          f"({summary['devices_per_s']:.1f} devices/s); wrote {args.out}/devices.csv, counts.npz, summary.json, "
          f"study.png")
    for name, stats in summary["figures"].items():
        print(f"  {name}: {stats['mean']:.2f} +- {stats['std']:.2f} (5-95 %: {stats['p5']:g}-{stats['p95']:g})")
    return 0
