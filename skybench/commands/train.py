"""`skybench train`: device-aware MNIST training on recorded synapse traces (paper Fig. 3c-d).

Writes into --out (staged: all files or none): accuracy.csv (iteration, accuracy per seed), summary.json
(final accuracy mean/std, pulse counts for the chip estimator, device model and NeuroSim nonlinearity fits),
accuracy.png (device against software), weights.png (conductance distribution before/after training), and,
for a device preset, accuracy_software.csv; with --sweep also sweep.csv and sweep.png.
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from nn.periphery import PERIPHERIES
from nn.pulse_rounding import ROUNDINGS
from nn.training_presets import MAPPINGS, PRESETS, SYNAPSE_MODELS, preset
from nn.training_protocol import PROTOCOLS
from skybench.errors import ParameterError, check_range, check_seed
from skybench.outputs import add_output_arguments, check_writable, staged_output

NAME = "train"
HELP = "train the 784-100-10 MNIST network through skyrmion synapse traces (paper Fig. 3c)"
MAX_SEEDS = 100
"""Most seeds one command trains."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--device", required=True, choices=tuple(PRESETS),
                        help="software (float weights), experiment (Hall bar, fig2b), ideal (chamber, fig4b)")
    parser.add_argument("--traces", type=Path, metavar="PATH",
                        help="a trace.csv or a folder of them (several runs: the per-pulse statistics, or "
                             "device-to-device variation with --synapse-model levels); default: record the "
                             "preset's traces with the emulator (cached)")
    parser.add_argument("--population", type=Path, metavar="DIR",
                        help="a `skybench study` folder with traces: every synapse one device of the population, "
                             "with its own per-pulse transitions (--devices N: its first N devices)")
    parser.add_argument("--protocol", default="fig3c", choices=tuple(PROTOCOLS),
                        help="fig3c (100 x 8000 images, batch 300) or long (NeuroSim-style, 300 epochs)")
    parser.add_argument("--seeds", type=int, default=1, metavar="K", help="number of seeds (mean and spread)")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="first seed (seeds S .. S+K-1)")
    parser.add_argument("--data", type=Path, metavar="ROOT",
                        help="MNIST root holding MNIST/raw (default: $SKYBENCH_DATA, else ../shared/data)")
    parser.add_argument("--download", action="store_true", help="download MNIST into ROOT if it is missing")
    add_output_arguments(parser)
    parser.add_argument("--iterations", type=int, metavar="N", help="override the protocol's iterations")
    parser.add_argument("--images-per-iteration", type=int, metavar="N", help="override images per iteration")
    parser.add_argument("--batch-size", type=int, metavar="N", help="override the mini-batch size")
    parser.add_argument("--n-states-pot", type=int, metavar="N", help="potentiation states kept from the trace")
    parser.add_argument("--n-states-dep", type=int, metavar="N", help="depression states kept from the trace")
    parser.add_argument("--c2c-scale", type=float, default=1.0, metavar="S",
                        help="scale the cycle-to-cycle spread by S (levels: every sigma_i; transitions: the "
                             "per-pulse increments and size spread about their means; default 1)")
    parser.add_argument("--read-noise", type=float, metavar="F", help="read-noise std, fraction of the range")
    parser.add_argument("--rounding", choices=tuple(ROUNDINGS), help="pulse rounding (default: stochastic)")
    parser.add_argument("--periphery", choices=tuple(PERIPHERIES),
                        help="forward-pass periphery: analog (float inputs and activations), 1bit (1-bit row "
                             "drive and hidden outputs, MLP+NeuroSim) or 8bit (8-bit activations); default: the "
                             "preset's (software analog, experiment 1bit, ideal 8bit)")
    parser.add_argument("--mapping", choices=MAPPINGS,
                        help="weight mapping: reference (one device per weight, mid-range reference column) or "
                             "differential (two devices per weight, G+ - G-, each potentiated or depressed; levels "
                             "model only); default: the preset's (experiment reference, ideal differential)")
    parser.add_argument("--synapse-model", choices=SYNAPSE_MODELS,
                        help="transitions (each pulse a random event, drawn from the traces) or levels (fixed "
                             "levels redrawn after each write); default: the preset's")
    parser.add_argument("--devices", type=int, metavar="N",
                        help="emulated runs recorded (transitions: pooled per-pulse statistics; levels: "
                             "device-to-device variation); default: the preset's")
    parser.add_argument("--cache", type=Path, metavar="DIR",
                        help="trace cache (default: $SKYBENCH_CACHE, else ~/.cache/skybench/traces)")
    parser.add_argument("--threads", type=int, default=1, metavar="N", help="torch CPU threads (default 1)")
    parser.add_argument("--no-software", action="store_true", help="skip the software baseline run")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--sweep", action="store_true",
                        help="also sweep states and cycle-to-cycle spread (sweep.png; one training per point)")
    parser.add_argument("--sweep-states", type=int, nargs="+", metavar="N", help="states per branch to sweep")
    parser.add_argument("--sweep-c2c", type=float, nargs="+", metavar="S", help="c2c spread scales to sweep")


def run(args: argparse.Namespace) -> int:
    from nn import sweep as sweeping
    from nn.mnist import load_mnist
    from nn.training_run import TrainConfig, build_device_model, run_training, summary, write_outputs

    chosen = preset(args.device)
    if args.periphery is not None:
        chosen = dataclasses.replace(chosen, periphery=args.periphery)
    if args.mapping is not None:
        chosen = dataclasses.replace(chosen, mapping=args.mapping)
    check_range("seeds", args.seeds, 1, MAX_SEEDS)
    check_seed("seed", args.seed, args.seeds)
    if args.sweep and not chosen.uses_device:
        raise ParameterError("sweep", True, "a device preset (--device experiment or ideal)")
    check_writable(args.out, force=args.force)
    protocol = PROTOCOLS[args.protocol].with_overrides(args.iterations, args.images_per_iteration, args.batch_size)
    config = TrainConfig(
        preset=chosen, protocol=protocol, seeds=tuple(range(args.seed, args.seed + args.seeds)),
        traces=args.traces, data_root=args.data, download=args.download, n_states_pot=args.n_states_pot,
        n_states_dep=args.n_states_dep, c2c_scale=args.c2c_scale, read_noise=args.read_noise,
        rounding=args.rounding, synapse_model=args.synapse_model, devices=args.devices, cache=args.cache,
        population=args.population,
        compare_software=not args.no_software, threads=args.threads, progress=not args.quiet)
    if chosen.uses_device and (config.traces is not None or config.population is not None):
        build_device_model(config)  # a bad trace file is reported before the (slower) data loading
    data = load_mnist(config.data_root, config.download)
    result = run_training(config, data)
    swept = None
    if args.sweep:
        swept = sweeping.sweep(config, args.sweep_states or sweeping.DEFAULT_STATES,
                               args.sweep_c2c or sweeping.DEFAULT_C2C_SCALES, data,
                               None if args.quiet else _labelled_bar)
    with staged_output(args.out, force=args.force) as stage:
        write_outputs(result, stage)
        if swept is not None:
            sweeping.write_sweep(swept, stage)
    content = summary(result)
    line = (f"{content['device']} / {content['protocol']}: final accuracy "
            f"{100 * content['final_accuracy_mean']:.2f} +- {100 * content['final_accuracy_std']:.2f} % "
            f"({len(config.seeds)} seed(s))")
    if "software_final_accuracy_mean" in content:
        line += f", software {100 * content['software_final_accuracy_mean']:.2f} %"
    print(f"{line}; {content['weight_updates_total']:.6g} pulses per run; {content['wall_time_s']:.1f} s; "
          f"outputs in {args.out}", file=sys.stdout)
    return 0


def _labelled_bar(label: str):
    from tqdm import tqdm

    return lambda steps: tqdm(steps, desc=label, unit="iter", leave=False)
