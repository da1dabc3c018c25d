"""`skybench chip`: chip-level estimate of the 784-100-10 network, skyrmion 2T1R vs RRAM 1T1R synapses.

Writes into --out (staged: all files or none): chip.json (every number, per technology and broken down),
chip.md (the side-by-side table, cf. the paper's Table S1, with the NeuroSim anchors), breakdown.png, and
unless --no-sweep, sweep.png and sweep.json (sensitivity to on/off ratio, write voltage, subarray size, ADC bits).
--config FILE overrides any parameter (print the full default with --print-config); --train-run DIR takes the
pulse counts of a `skybench train` run from DIR/summary.json instead of the default update model.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from nn.chip.compare import compare
from nn.chip.config import ChipConfig
from nn.chip.report import eng, write_reports
from nn.chip.sweep import run_sweep, write_sweep_figure
from nn.chip.update_counts import UpdateCounts
from skybench.errors import ParameterError
from skybench.outputs import add_output_arguments, check_writable, json_safe, staged_output

NAME = "chip"
HELP = "estimate chip area, latency, energy and leakage: skyrmion 2T1R vs RRAM 1T1R synapse arrays"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="TOML file overriding the paper's parameters (see --print-config for every key)")
    parser.add_argument("--train-run", type=Path, metavar="DIR",
                        help="folder of a `skybench train` run: pulse counts from DIR/summary.json")
    add_output_arguments(parser, required=False)
    parser.add_argument("--no-sweep", action="store_true", help="skip the sensitivity sweep (sweep.png)")
    parser.add_argument("--print-config", action="store_true",
                        help="print the full configuration as TOML (after --config) and exit")


def run(args: argparse.Namespace) -> int:
    config = ChipConfig.from_toml(args.config) if args.config else ChipConfig()
    if args.print_config:
        print(config.to_toml())
        return 0
    if args.out is None:
        raise ParameterError("out", None, "an output folder (--out DIR)")
    check_writable(args.out, force=args.force)
    counts = UpdateCounts.from_train_run(args.train_run) if args.train_run else None
    comparison = compare(config, counts)
    sweep = None if args.no_sweep else run_sweep(config, counts)
    with staged_output(args.out, force=args.force) as stage:
        written = write_reports(comparison, stage)
        if sweep is not None:
            written.append(write_sweep_figure(sweep, stage))
            (stage / "sweep.json").write_text(json.dumps(json_safe(sweep), indent=2) + "\n")
            written.append(stage / "sweep.json")
    for e in comparison.estimates:
        print(f"{e.cell.name:>10} {e.cell.cell_type}: area {e.area.total * 1e6:.3g} mm^2, "
              f"read {eng(e.read_energy.total, 'J')} / {eng(e.read_latency.total, 's')} per inference, "
              f"leakage {eng(e.leakage.total, 'W')}, write {eng(e.write_energy.total, 'J')} per update, "
              f"{e.tops_per_w:.3g} TOPS/W")
    print(f"wrote {', '.join(p.name for p in written)} to {args.out}")
    return 0

