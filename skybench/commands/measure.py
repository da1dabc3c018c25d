"""`skybench measure`: run the user's measurement script against the emulated bench, in-process.

    skybench measure --protocol fig2b|fig1b [--bench FILE] [--seed N] [--readings N] --out DIR

fig1b runs `examples/fig1b_field_sweep.py` (the Hall loop, +-0.4 T in 5 mT steps, both directions) and writes
`DIR/trace.csv` (direction, field_T, hall_resistance_ohm, ...), `DIR/measurement.json`, `DIR/summary.json`
(saturation_field_T per direction, linearity_r2_below_saturation, r_sat_ohm, antisymmetry, the domain-entry
field per direction; emulator/hall_loop.py) and `DIR/fig1b.png`. `--readings` is per current polarity there.
fig2b:

The script is `examples/fig2b_measurement.py` (a wheel installs it to <prefix>/share/skybench/examples), a plain
pyvisa program that runs unchanged on a real bench; here it gets a resource manager on the `@skybench` backend
serving the bench (the default bench, or FILE), with the device and every instrument seeded from N.
Output (written only if the run completes):
- `DIR/trace.csv`, `DIR/measurement.json`: what the script writes (the measured trace);
- `DIR/device_truth.csv`: what the emulated device really did, for comparison (a real bench has no such
  file): per delivered pulse, its time and current density and the device's state at the last Hall sample
  before the next pulse (skyrmions in the effective area, their mean diameter, rho_xy change from the last
  sample before the first pulse) and the rho_xy change averaged over the Hall samples after that pulse (what
  the measured mean estimates, without instrument noise);
- `DIR/summary.json`: bench, seed, simulated and wall time, and the state of the device;
- `DIR/trace.png`: the measured trace (Fig. 2b style).
A pulse that destroys the device (the damage limits of the preset) ends the run with an error naming it.
"""
from __future__ import annotations

import argparse
import csv
import dataclasses
import importlib.util
import math
from pathlib import Path
import sysconfig
import time
from types import MappingProxyType

from skybench.errors import ParameterError, SkybenchError, check_choice, check_seed
from skybench.formats.run_summary import write_summary
from skybench.formats.trace import SYNAPSE, TRACE_FILE, read_trace_table
from skybench.outputs import add_output_arguments, check_writable, staged_output

NAME = "measure"
HELP = "run the user's pyvisa measurement script (fig2b, fig1b) against the emulated bench and write its trace"
PROTOCOL_SCRIPTS = MappingProxyType({"fig2b": "fig2b_measurement.py", "fig1b": "fig1b_field_sweep.py"})
"""Protocol name -> the example script that measures it."""
SCRIPT_FUNCTIONS = MappingProxyType({"fig2b": "measure_fig2b", "fig1b": "measure_fig1b"})
"""Protocol name -> the script's measuring function, called as f(resource_manager, out, readings=N)."""
EXAMPLES_DIRS = (Path(__file__).resolve().parents[2] / "examples",
                 Path(sysconfig.get_path("data")) / "share" / "skybench" / "examples")
"""Where the measurement scripts are looked for, in order: a source checkout's examples/ (an editable install),
then where pyproject's data-files install them (a wheel)."""
READINGS_MIN = 2
"""Readings per state: limits (the 2182A buffer holds 1024)."""
READINGS_MAX = 1024
NOHM_CM = SYNAPSE.column("rho_xy_change_nOhm_cm").si_factor
"""Ohm m per nOhm cm (the trace format's unit, skybench.formats.trace)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--protocol", default="fig2b", help=f"measurement to run ({', '.join(PROTOCOL_SCRIPTS)})")
    parser.add_argument("--bench", metavar="FILE", default="", help="bench file (default: the default bench)")
    parser.add_argument("--seed", type=int, default=None, help="seed of the device and instrument noise "
                        "(default: the bench file's)")
    parser.add_argument("--readings", type=int, default=10, help="Hall readings averaged per state (default 10)")
    add_output_arguments(parser)


def run(args: argparse.Namespace) -> int:
    check_choice("protocol", args.protocol, tuple(PROTOCOL_SCRIPTS))
    if args.seed is not None:
        check_seed("seed", args.seed)
    if not READINGS_MIN <= args.readings <= READINGS_MAX:
        raise ParameterError("readings", args.readings, f"[{READINGS_MIN}, {READINGS_MAX}]")
    check_writable(args.out, force=args.force)
    script = load_script(args.protocol)

    from instruments.bench import build_bench
    from instruments.bench_file import DEFAULT_BENCH_FILE, read_bench_config

    config = read_bench_config(args.bench or DEFAULT_BENCH_FILE)
    if args.seed is not None:
        config = dataclasses.replace(config, seed=args.seed)
    started = time.perf_counter()
    try:
        bench = build_bench(config)
    except ParameterError as error:
        raise SkybenchError(f"bench {args.bench or DEFAULT_BENCH_FILE}: {error}") from None
    built = time.perf_counter()
    if args.protocol == "fig1b":
        return _run_fig1b(script, bench, config, args, started, built)
    with staged_output(args.out, force=args.force) as stage:
        rows = run_script(script, bench, stage, args.readings)
        if bench.wiring.damaged is not None:
            raise SkybenchError(f"the device was destroyed: {bench.wiring.damaged}")
        write_truth(bench, stage / "device_truth.csv")
        summary = {
            "protocol": args.protocol, "bench": bench.name, "seed": config.seed, "preset": config.preset,
            "pulses_measured": len(rows), "pulses_delivered": sum(p.delivered for p in bench.wiring.pulses),
            "simulated_time_s": bench.clock.now(), "build_time_s": built - started,
            "measure_wall_time_s": time.perf_counter() - built, "device_damaged": bench.wiring.damaged,
            "readings_per_state": args.readings}
        write_summary(stage, "measure", summary)
        _plot(stage, args.protocol, config.seed)
    last = [r for r in rows if r["phase"] == "potentiation"][-1]
    print(f"{args.protocol}: {len(rows)} pulses measured in {summary['measure_wall_time_s']:.1f} s wall "
          f"({summary['simulated_time_s']:.0f} s simulated); after potentiation "
          f"drho = {last['rho_xy_change_nOhm_cm']:.1f} nOhm cm; wrote {args.out}")
    return 0


def load_script(protocol: str):
    """Import the measurement script of `protocol` from the first of EXAMPLES_DIRS holding it (it is a plain
    file, not a package)."""
    name = PROTOCOL_SCRIPTS[protocol]
    found = [folder / name for folder in EXAMPLES_DIRS if (folder / name).is_file()]
    if not found:
        raise SkybenchError(f"measurement script {name} is missing: looked in "
                            f"{', '.join(str(folder) for folder in EXAMPLES_DIRS)} (reinstall skybench)")
    path = found[0]
    spec = importlib.util.spec_from_file_location(f"skybench_measure_{protocol}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run_fig1b(script, bench, config, args, started: float, built: float) -> int:
    """The Hall loop: the script's trace, then its figures of merit and plot."""
    import numpy as np

    from emulator.hall_loop import analyse_loop, plot_loop

    with staged_output(args.out, force=args.force) as stage:
        rows = run_script(script, bench, stage, args.readings, "fig1b")
        direction = [r["direction"] for r in rows]
        field = np.array([r["field_T"] for r in rows])
        resistance = np.array([r["hall_resistance_ohm"] for r in rows])
        summary = analyse_loop(direction, field, resistance)
        device = bench.wiring.device
        summary.update({
            "protocol": "fig1b", "bench": bench.name, "seed": config.seed, "preset": config.preset,
            "points_per_direction": {d: direction.count(d) for d in ("down", "up")},
            "simulated_time_s": bench.clock.now(), "build_time_s": built - started,
            "measure_wall_time_s": time.perf_counter() - built,
            "device_warnings": [message for _, message in device.warnings()] if device is not None else []})
        write_summary(stage, "measure", summary)
        plot_loop(direction, field, resistance, summary, stage / "fig1b.png",
                  f"fig1b measured through the instruments (seed {config.seed})")
    sat = summary["saturation_field_T"]
    print(f"fig1b: {len(rows)} points in {summary['measure_wall_time_s']:.1f} s wall; saturation "
          f"{sat.get('down', math.nan) * 1e3:.0f} mT (down) / {sat.get('up', math.nan) * 1e3:.0f} mT (up), "
          f"R^2 below saturation {summary['linearity_r2_below_saturation']:.4f}, R_sat "
          f"{summary['r_sat_ohm'] * 1e3:.2f} mOhm; wrote {args.out}")
    return 0


def run_script(script, bench, out: Path, readings: int, protocol: str = "fig2b") -> list[dict]:
    """Run the script's measuring function of `protocol` on `bench` through the in-process @skybench backend."""
    import pyvisa

    from protocols.visa_library import SkybenchVisaLibrary

    manager = pyvisa.ResourceManager(SkybenchVisaLibrary.with_bench(bench))
    try:
        return getattr(script, SCRIPT_FUNCTIONS[protocol])(manager, out, readings=readings)
    except (pyvisa.errors.VisaIOError, RuntimeError, ValueError) as error:
        detail = f"; the device was destroyed: {bench.wiring.damaged}" if bench.wiring.damaged else ""
        raise SkybenchError(f"the measurement script failed: {error}{detail}") from None
    finally:
        manager.close()


def device_truth(bench) -> list[dict]:
    """Per delivered pulse: the device's state at the last Hall sample before the next pulse."""
    pulses = [p for p in bench.wiring.pulses if p.delivered]
    states = bench.wiring.states
    if not pulses or not states:
        return []
    before = [s for s in states if s.time < pulses[0].time]
    if not before:
        return []
    reference = before[-1].reading.rho_xy
    rows = []
    for index, pulse in enumerate(pulses):
        end = pulses[index + 1].time if index + 1 < len(pulses) else math.inf
        inside = [s for s in states if pulse.time < s.time < end]
        if not inside:
            continue
        reading = inside[-1].reading
        window = sum(s.reading.rho_xy for s in inside) / len(inside)
        rows.append({"pulse_index": index + 1, "time_s": pulse.time,
                     "current_density_A_per_m2": pulse.current_density, "pulse_width_s": pulse.width,
                     "n_skyrmions_active": reading.n_inside,
                     "mean_diameter_m": 0.0 if math.isnan(reading.mean_diameter) else reading.mean_diameter,
                     "rho_xy_change_nOhm_cm": (reading.rho_xy - reference) / NOHM_CM,
                     "rho_xy_change_window_nOhm_cm": (window - reference) / NOHM_CM, "field_T": reading.field})
    return rows


def write_truth(bench, path: Path) -> None:
    rows = device_truth(bench)
    columns = ("pulse_index", "time_s", "current_density_A_per_m2", "pulse_width_s", "n_skyrmions_active",
               "mean_diameter_m", "rho_xy_change_nOhm_cm", "rho_xy_change_window_nOhm_cm", "field_T")
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (f"{v:.9g}" if isinstance(v, float) else v) for k, v in row.items()})


def _plot(stage: Path, protocol: str, seed: int) -> None:
    from emulator.plots import plot_trace

    trace = read_trace_table(stage / TRACE_FILE, SYNAPSE)
    table = {name: trace.values[name].tolist()
             for name in ("pulse_index", "phase", "rho_xy_change_nOhm_cm", "n_skyrmions_active")}
    plot_trace(table, stage / "trace.png", f"{protocol} measured through the instruments (seed {seed}; "
               "skyrmion count estimated from the Hall change)")
