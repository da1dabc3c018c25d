"""`skybench study`: a population of devices through a pulse protocol, declared in a study file (TOML,
emulator/study_spec.py) or by the shortcut options, run in this process or on a dask.distributed cluster, and
streamed into a resumable Parquet store (emulator/study_store.py): study.json, chunks/*.parquet, then
summary.json and histograms.png. Rerunning with the same --out resumes; a different study there is refused.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from skybench.outputs import add_output_arguments

NAME = "study"

# Shortcut options: destination in the study file, and the unit a plain number on the command line is in.
_SHORTCUTS = (("preset", "study.preset", None), ("protocol", "study.protocol", None),
              ("devices", "study.devices", None), ("seed", "study.seed", None), ("chunk", "study.chunk", None),
              ("cycles", "study.cycles", None), ("current_density", "protocol.current_density", "A/m^2"),
              ("pulse_width", "protocol.pulse_width", "s"))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("study", nargs="?", type=Path, metavar="STUDY.toml",
                        help="study file (examples/chamber_population.toml); the options below override it")
    add_output_arguments(parser, help="study folder (one holding this same study is resumed); any other")
    engine = parser.add_mutually_exclusive_group()
    engine.add_argument("--workers", type=int, metavar="N",
                        help="start a local dask.distributed cluster of N worker processes")
    engine.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="use a running dask.distributed cluster")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--fixed-disorder", action="store_true",
                        help="every device with the preset's own disorder realisation (study.disorder = fixed; "
                             "default: each device draws its own sites and defects)")
    parser.add_argument("--preset", help="gdfeco_experiment or chamber_150nm (study.preset)")
    parser.add_argument("--protocol", help="fig2b or fig4b (study.protocol)")
    parser.add_argument("--devices", type=float, metavar="N", help="devices in the population, e.g. 1e6")
    parser.add_argument("--seed", type=int, help="seed of the population (default 0)")
    parser.add_argument("--chunk", type=int, metavar="N", help="devices per task (the result does not depend on it)")
    parser.add_argument("--cycles", type=int, metavar="N", help="potentiation/depression cycles (endurance)")
    parser.add_argument("--current-density", type=float, metavar="A_PER_M2",
                        help="peak nominal current density (fig2b: end of the ramp; fig4b: every pulse), up to the "
                             "preset's damage threshold and heating limit")
    parser.add_argument("--pulse-width", type=float, metavar="S",
                        help="pulse width in seconds, 1e-12 to 1e-6 (emulator.experiment.PULSE_WIDTH_RANGE)")


def run(args: argparse.Namespace) -> int:
    from emulator.study import run_study
    from emulator.study_spec import load_study

    overrides = {}
    for option, field, unit in _SHORTCUTS:
        value = getattr(args, option)
        if value is not None:
            overrides[field] = f"{value!r} {unit}" if unit else value
    if args.fixed_disorder:
        overrides["study.disorder"] = "fixed"
    spec = load_study(args.study, overrides)
    text = args.study.read_text() if args.study is not None else ""
    if overrides:
        text += "\n# command-line overrides: " + ", ".join(f"{k} = {v!r}" for k, v in overrides.items()) + "\n"
    summary = run_study(spec, args.out, text, args.workers, args.scheduler, progress=not args.quiet,
                        echo=lambda line: print(line, file=sys.stderr), force=args.force)
    rate = summary["devices_per_s"]
    print(f"{spec.preset} / {spec.protocol}: {spec.devices} devices ({summary['devices_computed']} computed now"
          + (f", {rate:.1f} devices/s" if rate else "") + f"); wrote {args.out}/summary.json, histograms.png, "
          f"chunks/")
    for name, stats in summary["figures"].items():
        if stats["mean"] is not None:
            print(f"  {name}: {stats['mean']:.4g} +- {stats['std']:.3g} (5/50/95 %: {stats['p5']:.4g} / "
                  f"{stats['p50']:.4g} / {stats['p95']:.4g})")
    return 0
