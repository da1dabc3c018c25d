"""Throughput of `skybench study` (issue 13): chamber_150nm devices through fig4b, written to the Parquet store,
in this process and on a local dask.distributed cluster of 1 and 2 workers.

    python benchmarks/study_speed.py [--devices 2000] [--chunk 250] [--workers 0 1 2] [--vary]

Each engine runs the same study into a fresh folder; the figure is the study's own devices_per_s (wall time of
the run, cluster start and worker preset builds included, figures and store writes included). `--vary` adds a
per-device current-scale draw, which runs every device as its own engine block (the cost of device-to-device
variation with today's kernel, whose current density and temperature are one value per call).
"""
from __future__ import annotations

import argparse
import os
import resource
import tempfile
from pathlib import Path

from emulator.study import run_study
from emulator.study_spec import parse_study


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=2000)
    parser.add_argument("--chunk", type=int, default=250)
    parser.add_argument("--workers", type=int, nargs="+", default=[0, 1, 2], help="0: in-process")
    parser.add_argument("--vary", action="store_true")
    args = parser.parse_args()
    document = {"study": {"preset": "chamber_150nm", "protocol": "fig4b", "devices": args.devices, "seed": 0,
                          "chunk": args.chunk}}
    if args.vary:
        document["vary"] = {"current_scale": {"distribution": "normal", "mean": 1.0, "std": 0.03}}
    spec = parse_study(document)
    print(f"cores available: {os.cpu_count()}; {args.devices} chamber_150nm devices through fig4b, chunk "
          f"{args.chunk}{', current_scale varied' if args.vary else ''}")
    run_study(parse_study({**document, "study": {**document["study"], "devices": 2, "chunk": 2}}),
              Path(tempfile.mkdtemp()) / "warm", progress=False)    # JIT cache load and preset build
    for workers in args.workers:
        out = Path(tempfile.mkdtemp()) / "study"
        summary = run_study(spec, out, workers=workers or None, progress=False, echo=lambda line: None)
        label = "in-process" if not workers else f"{workers} worker(s)"
        print(f"{label:>12}: {summary['devices_per_s']:7.1f} devices/s ({summary['wall_time_s']:.1f} s); "
              f"peak {summary['figures']['peak']['mean']:.2f} +- {summary['figures']['peak']['std']:.2f} skyrmions; "
              f"driver max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
