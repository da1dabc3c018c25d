"""`skybench llg`: a micromagnetic (LLG) protocol on a device preset; `--protocol fig4b` is the paper's chamber.

Writes into --out (staged: all files or none): counts.csv (per pulse: time, skyrmions in the chamber and in
the film, created and removed so far, mean radius, phase, whether a skyrmion was written), counts.png (count
against pulse), snapshots/*.png (m_z every --snapshot-every pulses and at the end) and summary.json (settings,
wall time per pulse, estimated time of the full protocol). The full run (250 pulses on ~25 000 cells of 1 nm)
takes tens of minutes: --pulses-per-phase N runs the same protocol with N pulses of each sign, --pulses N stops
after N pulse periods; --phase depression with --initial-skyrmions N runs the depression alone. --amplitude and
--field change the pulse's current density and the chamber's field (the held-out conditions of the particle
model's check). reference.json (skybench.formats.llg_reference) reduces the run to its per-pulse counts, every
setting and the command, under the name --condition: a file to store in emulator/calibrations/llg_reference/.

The default is the Methods' procedure: uniform j, demag (thin-film local form), and a local field on the pad in
step with the pulses; its default shape is the stray field of a point dipole (8 T under a dipole 12 nm over the
pad centre), which nucleates skyrmions on the pad, but none of them leaves the field spot in this solver
(emulator.llg.chamber says what was tried). --pad-write entrance writes one relaxed skyrmion per potentiation
pulse inside the chamber next to the pad opening while none is within --pad-blockade of that point (the
particle model's pad rule). With --thiele (the
particle model run in-process on the same protocol) or --compare DIR (the trace.csv of `skybench device`, same
pulses per phase), comparison.csv and the Thiele curve in counts.png lay the particle model's chamber count
beside the LLG's. Shortened Fig. 4b with the Thiele count beside it:

    skybench llg --preset chamber_150nm --protocol fig4b --pad-write entrance --pulses-per-phase 30 \
        --thiele --snapshot-every 10 --out DIR
"""
from __future__ import annotations

import argparse
import csv
import dataclasses
import os
import shlex
import time
from pathlib import Path

from skybench.errors import ParameterError
from skybench.formats.run_summary import write_summary
from skybench.formats.trace import TRACE_FILE, read_trace_table
from skybench.outputs import add_output_arguments, check_writable, staged_output

NAME = "llg"
HELP = "run a micromagnetic (LLG) protocol on a preset, e.g. the paper's Fig. 4b chamber run"
PROTOCOLS = ("fig4b",)
"""Protocols this command runs."""
PAD_WRITES = ("field", "seed", "entrance")
"""emulator.llg.chamber.PAD_WRITES, spelt out so that building the parser imports no solver (a test checks
that the two agree)."""
PAD_FIELD_TIMINGS = ("pulse", "gap")
"""emulator.llg.chamber.PAD_FIELD_TIMINGS, spelt out for the same reason."""
PAD_FIELD_PROFILES = ("disk", "dipole")
"""emulator.llg.chamber.PAD_FIELD_PROFILES, spelt out for the same reason."""
DEMAG_MODES = ("none", "local", "full")
"""emulator.llg.demag.DEMAG_MODES, spelt out for the same reason."""
REFERENCE_FILE = "reference.json"
"""The run reduced to an LLG reference trajectory (skybench.formats.llg_reference), in the output folder."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--preset", required=True, help="device preset (emulator.presets.DEVICES)")
    parser.add_argument("--protocol", required=True, choices=PROTOCOLS, help="pulse protocol")
    add_output_arguments(parser)
    parser.add_argument("--amplitude", type=float, metavar="A",
                        help="nominal current density of a pulse (A/m^2, default 4e10, the paper's); accepted "
                             "(0, 5e11], up to the preset's damage threshold (emulator.llg.chamber.AMPLITUDE_RANGE)")
    parser.add_argument("--field", type=float, metavar="T",
                        help="out-of-plane field Bz on the chamber (T, default 0.2, the paper's); accepted [0, 0.5], "
                             "where the material's isolated skyrmion exists on the 1 nm grid "
                             "(emulator.llg.chamber.FIELD_RANGE)")
    parser.add_argument("--condition", metavar="NAME",
                        help="name of the run's condition in reference.json (letters, digits, '_'; default "
                             "j<amplitude>_b<field in mT>, e.g. j4e10_b200mT)")
    parser.add_argument("--pulses-per-phase", type=int, metavar="N",
                        help="pulses of each sign (default 125, the paper's): a shortened protocol")
    parser.add_argument("--pulses", type=int, metavar="N", help="simulate only the first N pulse periods")
    parser.add_argument("--phase", choices=("potentiation", "depression"), default="potentiation",
                        help="start with potentiation (then depression) or run the depression alone")
    parser.add_argument("--initial-skyrmions", type=int, default=0, metavar="N",
                        help="skyrmions placed in the chamber before the first pulse")
    parser.add_argument("--pad-field", type=float, metavar="T", help="nucleation field on the pad (T)")
    parser.add_argument("--pad-radius", type=float, metavar="M", help="radius of the nucleation field (m)")
    parser.add_argument("--pad-centre", type=float, nargs=2, metavar=("X", "Y"),
                        help="centre of the nucleation field disk (m, chamber corner at 0 0), default -25e-9 75e-9")
    parser.add_argument("--pad-field-tilt", type=float, metavar="DEG",
                        help="tilt of the nucleation field from -z towards +x (degrees), default 0")
    parser.add_argument("--pad-field-timing", choices=PAD_FIELD_TIMINGS,
                        help="nucleation field on during each current pulse ('pulse', default) or in the space "
                             "after it ('gap')")
    parser.add_argument("--pad-field-profile", choices=PAD_FIELD_PROFILES,
                        help="shape of the nucleation field: 'disk' (uniform -z field on a disk of --pad-radius) or "
                             "'dipole' (the stray field of a point dipole at --pad-field-height over the pad centre)")
    parser.add_argument("--pad-field-height", type=float, metavar="M",
                        help="height of the 'dipole' nucleation field's source over the film (m)")
    parser.add_argument("--pad-field-side", type=int, choices=(1, -1),
                        help="dipole above (+1, rim field outward) or below (-1, inward) the film")
    parser.add_argument("--theta-sh", type=float, metavar="X",
                        help="damping-like spin Hall angle (default: the preset material's); accepted range "
                             "[0.01, 3.5] (emulator.llg.chamber.THETA_SH_RANGE, with sources)")
    parser.add_argument("--threads", type=int, metavar="N",
                        help="numba threads for the LLG kernels (default: all cores; results do not depend on it; "
                             "on a machine busy with other processes 1 can be faster)")
    parser.add_argument("--pad-write", choices=PAD_WRITES,
                        help="how potentiation writes skyrmions: 'field', the paper's local field pulse on the "
                             "pad (default; see --pad-field-profile: the dipole field nucleates skyrmions that "
                             "stay under it, a disk field none); 'seed', a relaxed skyrmion "
                             "placed on the pad (it dies at the pad's top edge); 'entrance', a relaxed skyrmion "
                             "placed inside the chamber next to the pad opening, replacing the OOMMF nucleation "
                             "and the pad crossing. seed and entrance write at most one per pulse, only while "
                             "no skyrmion is within --pad-blockade of the write point (the particle model's "
                             "pad rule)")
    parser.add_argument("--pad-blockade", type=float, metavar="M",
                        help="no seed/entrance write while a skyrmion is this close to the write point (m), "
                             "default 35e-9 (the particle model's pad)")
    parser.add_argument("--entrance-centre", type=float, nargs=2, metavar=("X", "Y"),
                        help="write point of --pad-write entrance (m, chamber corner at 0 0), default 8e-9 83e-9: "
                             "where the particle model's pad skyrmions enter the chamber, 8 nm in")
    parser.add_argument("--current", choices=("uniform", "flow"),
                        help="current distribution: 'uniform' (default; the Methods' one j, as OOMMF's spin-Hall "
                             "torque applies it) or 'flow' (the Laplace flow of the outline)")
    parser.add_argument("--demag", choices=DEMAG_MODES,
                        help="demag treatment: local (thin film, default; full Newell agrees within 0.2 %% on the "
                             "radius), full (Newell, FFT, ~16x slower) or none (gives the paper's 7.3 nm diameter)")
    parser.add_argument("--stepper", choices=("rk45", "rk23"),
                        help="time integrator: rk23 (Bogacki-Shampine with PI step control, default) or rk45 "
                             "(Dormand-Prince, which the stored references used): at 1 nm cells both steps are set "
                             "by stability, not by the error bound, and rk23 needs 1.55x fewer field evaluations")
    parser.add_argument("--cell", type=float, metavar="M", help="cell size (m), default 1e-9 (paper)")
    parser.add_argument("--snapshot-every", type=int, metavar="N", help="pulses between snapshots")
    compare = parser.add_mutually_exclusive_group()
    compare.add_argument("--thiele", action="store_true",
                         help="also run the particle (Thiele) model of the preset on the same protocol, "
                              "its pad nucleation included, and lay its chamber count beside the LLG's")
    compare.add_argument("--compare", type=Path, metavar="DIR",
                         help="lay the chamber count of a `skybench device` run folder (DIR/trace.csv, "
                              "n_skyrmions_active; same pulses per phase) beside the LLG's")


def run(args: argparse.Namespace) -> int:
    # Before OpenMP starts: a waiting numba thread sleeps instead of spinning, so two threads stay useful on a
    # busy machine (emulator/llg/kernels.py; 33 s against 6.3 s per pulse measured under load). A user's own
    # setting wins.
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")
    from emulator.llg.chamber import Fig4bProtocol, run as run_chamber, snapshot_png
    from emulator.llg.reference import from_records, write_counts
    from skybench.formats.llg_reference import write_reference
    from emulator.presets import DEVICES, MATERIALS

    protocol = protocol_of(args)
    condition = _default_condition(protocol) if args.condition is None else args.condition
    if not condition or not condition.replace("_", "").isalnum() or not condition.isascii():
        raise ParameterError("condition", condition, "a non-empty name of ASCII letters, digits and '_'")
    if args.threads is not None:
        import numba

        if not 1 <= args.threads <= numba.config.NUMBA_NUM_THREADS:
            raise ParameterError("threads", args.threads, f"[1, {numba.config.NUMBA_NUM_THREADS}]")
        numba.set_num_threads(args.threads)
    pulses = protocol.total_pulses if args.pulses is None else args.pulses
    if not 1 <= pulses <= protocol.total_pulses:
        raise ParameterError("pulses", args.pulses, f"[1, {protocol.total_pulses}]")
    if (args.thiele or args.compare) and protocol.phase != "potentiation":
        raise ParameterError("phase", protocol.phase, "potentiation with --thiele or --compare (the particle "
                                                      "model's fig4b starts with potentiation)")
    thiele = _read_trace(args.compare, protocol) if args.compare else None
    check_writable(args.out, force=args.force)
    material = MATERIALS[args.preset]
    device = DEVICES[args.preset]()
    geometry = device.model.geometry
    if args.thiele:
        thiele = _run_thiele(device, protocol)
    with staged_output(args.out, force=args.force) as stage:
        (stage / "snapshots").mkdir()
        start = time.perf_counter()
        evaluations = []
        stamps = []

        def on_pulse(record, state, magnet):
            evaluations.append(state.evaluations)
            stamps.append(time.perf_counter())
            cells.append((magnet.mesh.nx * magnet.mesh.ny, magnet.n_cells))
            beside = f"  Thiele {thiele['counts'][record.pulse - 1]:3d}" if thiele is not None else ""
            print(f"pulse {record.pulse:4d} {record.phase[:3]}{' +write' if record.written else '       '}"
                  f"  t = {record.time * 1e9:7.3f} ns  in chamber {record.in_chamber:3d}{beside}"
                  f"  total {record.total:3d}  created {record.created:3d}  removed {record.removed:3d}"
                  f"  ({time.perf_counter() - start:.0f} s)", flush=True)
            if record.pulse % protocol.snapshot_every == 0 or record.pulse == pulses:
                snapshot_png(stage / "snapshots" / f"mz_pulse_{record.pulse:03d}.png", magnet, state.m,
                             f"pulse {record.pulse} ({record.phase}): {record.in_chamber} skyrmions in the "
                             f"chamber", origin=geometry.bounds[:2], mark=protocol.write_centre)

        cells = []
        records = run_chamber(material, geometry, protocol, pulses=pulses, on_pulse=on_pulse)
        wall = time.perf_counter() - start
        write_counts(stage / "counts.csv", records)
        if thiele is not None:
            _write_comparison(stage / "comparison.csv", records, thiele)
        _plot_counts(stage / "counts.png", records, protocol, thiele)
        full = dataclasses.replace(protocol, pulses=Fig4bProtocol().pulses)  # the paper's 125 + 125
        per_pulse = (stamps[-1] - stamps[0]) / (len(stamps) - 1) if len(stamps) > 1 else wall
        # set-up = time to the first pulse beyond one mean pulse; pulses vary, so it is an estimate, never < 0
        setup = max(0.0, stamps[0] - start - per_pulse) if len(stamps) > 1 else 0.0
        summary = {
            "protocol": "fig4b", "preset": args.preset, "settings": {
                k: (list(v) if isinstance(v, tuple) else v) for k, v in protocol.__dict__.items()},
            "pulses_simulated": len(records), "pulses_full_protocol": protocol.total_pulses,
            "pulses_paper_protocol": full.total_pulses,
            "wall_time_s": wall, "setup_time_s": setup, "wall_time_per_pulse_s": per_pulse,
            "estimated_protocol_run_s": setup + per_pulse * protocol.total_pulses,
            "estimated_full_run_s": setup + per_pulse * full.total_pulses,
            "field_evaluations": evaluations[-1] if evaluations else 0,
            "cells": cells[-1][0], "magnetic_cells": cells[-1][1],
            "final": records[-1].__dict__,
            "writes": sum(r.written for r in records),
            "thiele": None if thiele is None else {
                "source": thiele["source"],
                "in_chamber_after_potentiation": thiele["counts"][protocol.pulses - 1],
                "in_chamber_at_last_llg_pulse": thiele["counts"][len(records) - 1]},
            "paper": {"created": 32, "in_chamber_after_potentiation": 31, "removed_by_depression": 28},
        }
        write_summary(stage, "llg", summary)
        import numba

        write_reference(stage / REFERENCE_FILE, from_records(
            records, protocol, material, condition=condition, command=command_line(args), preset=args.preset,
            wall_time_s=wall, threads=numba.get_num_threads()))
    print(f"{len(records)} pulses in {wall:.0f} s ({per_pulse:.1f} s per pulse; this protocol "
          f"~{per_pulse * protocol.total_pulses / 60:.0f} min, the paper's {full.total_pulses} pulses "
          f"~{per_pulse * full.total_pulses / 60:.0f} min at this rate); wrote counts.csv, counts.png, "
          f"{'comparison.csv, ' if thiele is not None else ''}snapshots/, summary.json, {REFERENCE_FILE} "
          f"(condition {condition}) to {args.out}")
    return 0


def protocol_of(args: argparse.Namespace):
    """The `emulator.llg.chamber.Fig4bProtocol` of parsed `skybench llg` options, checked against the preset's
    material and outline (ParameterError naming the option)."""
    from emulator.llg.chamber import Fig4bProtocol
    from emulator.presets import DEVICES, MATERIALS

    if args.preset not in DEVICES or args.preset not in MATERIALS:
        valid = sorted(set(DEVICES) & set(MATERIALS))
        raise ParameterError("preset", args.preset, "one of " + ", ".join(valid))
    if args.preset != "chamber_150nm":
        raise ParameterError("preset", args.preset, "chamber_150nm (the geometry of protocol fig4b)")
    overrides = {"phase": args.phase, "initial_skyrmions": args.initial_skyrmions}
    for key, value in (("pulses", args.pulses_per_phase), ("amplitude", args.amplitude), ("Bz", args.field),
                       ("pad_field", args.pad_field),
                       ("pad_radius", args.pad_radius), ("pad_write", args.pad_write),
                       ("pad_blockade", args.pad_blockade),
                       ("entrance_centre", tuple(args.entrance_centre) if args.entrance_centre else None),
                       ("pad_centre", tuple(args.pad_centre) if args.pad_centre else None),
                       ("pad_field_tilt", args.pad_field_tilt), ("pad_field_timing", args.pad_field_timing),
                       ("pad_field_profile", args.pad_field_profile), ("pad_field_height", args.pad_field_height),
                       ("pad_field_side", args.pad_field_side),
                       ("theta_SH", args.theta_sh),
                       ("current", args.current), ("demag", args.demag), ("stepper", args.stepper),
                       ("cell", args.cell),
                       ("snapshot_every", args.snapshot_every)):
        if value is not None:
            overrides[key] = value
    try:
        protocol = Fig4bProtocol(**overrides)
        protocol.check(MATERIALS[args.preset], DEVICES[args.preset]().model.geometry)
    except ParameterError as error:  # name the option, not the field
        name = {"pulses": "pulses-per-phase", "theta_SH": "theta-sh", "Bz": "field"}.get(
            error.name, error.name.replace("_", "-"))
        raise ParameterError(name, error.value, error.valid) from None
    return protocol


def command_line(args: argparse.Namespace) -> str:
    """The `skybench llg` command that reproduces `args`: every option whose value is not its default, in the
    parser's order (parsing it back gives `args`)."""
    parser = argparse.ArgumentParser(prog="skybench llg")
    add_arguments(parser)
    words = ["skybench", "llg"]
    for action in parser._actions:
        if not action.option_strings or action.dest == "help":
            continue
        value = getattr(args, action.dest)
        if value is None or value == action.default:
            continue
        option = action.option_strings[-1]
        if isinstance(action, argparse._StoreTrueAction):
            words.append(option)
        elif isinstance(value, (list, tuple)):
            words += [option, *(_word(v) for v in value)]
        else:
            words += [option, _word(value)]
    return shlex.join(words)


def _word(value) -> str:
    """A command-line word for `value`: floats as short as they read back exactly (3e+10, 0.18)."""
    if isinstance(value, float):
        short = f"{value:g}"
        return short if float(short) == value else repr(value)
    return str(value)


def _default_condition(protocol) -> str:
    """j<amplitude>_b<field in mT> of a protocol, e.g. j4e10_b200mT (a decimal point written as 'p')."""
    amplitude = f"{protocol.amplitude:g}".replace("+", "").replace(".", "p")
    field = f"{protocol.Bz * 1e3:.4g}".replace(".", "p").replace("-", "m")
    return f"j{amplitude}_b{field}mT"


def _run_thiele(device, protocol) -> dict:
    """Chamber counts per pulse of the particle model of `device` on the same pulse train (its pad nucleation
    writes the skyrmions), seed 0."""
    from emulator.api import trace_table
    from emulator.experiment import run_protocol
    from emulator.pulse_protocols import fig4b

    steps = fig4b(pulses=protocol.pulses, j=protocol.amplitude, width=protocol.width,
                  gap=protocol.period - protocol.width)
    table = trace_table(run_protocol(device, steps, seed=0))
    return {"source": f"particle model {device.name}, fig4b with {protocol.pulses} pulses per phase, seed 0",
            "counts": [int(n) for n in table["n_skyrmions_active"]], "phases": list(table["phase"])}


def _read_trace(folder: Path, protocol) -> dict:
    """Chamber counts per pulse from a `skybench device` run folder; its pulses per phase must be the LLG's."""
    path = Path(folder) / TRACE_FILE
    if not path.is_file():
        raise ParameterError("compare", str(folder), "a `skybench device` run folder with trace.csv")
    table = read_trace_table(path)
    phases = [str(phase) for phase in table.values["phase"]]
    if phases != ["potentiation"] * protocol.pulses + ["depression"] * protocol.pulses:
        raise ParameterError("compare", str(folder),
                             f"a fig4b trace with {protocol.pulses} pulses of each phase (it has "
                             f"{phases.count('potentiation')} and {phases.count('depression')})")
    return {"source": str(path), "counts": [int(n) for n in table.values["n_skyrmions_active"]],
            "phases": phases}


def _write_comparison(path: Path, records, thiele: dict) -> None:
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["pulse", "phase", "llg_in_chamber", "thiele_in_chamber"])
        for r in records:
            writer.writerow([r.pulse, r.phase, r.in_chamber, thiele["counts"][r.pulse - 1]])


def _plot_counts(path: Path, records, protocol, thiele: dict | None = None) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.6))
    pulses = [r.pulse for r in records]
    ax.plot(pulses, [r.in_chamber for r in records], "o-", ms=3, label="in chamber (LLG)")
    ax.plot(pulses, [r.created for r in records], "--", label="created (cumulative, LLG)")
    if thiele is not None:
        ax.plot(pulses, thiele["counts"][:len(records)], "s-", ms=3, color="tab:green",
                label="in chamber (Thiele)")
    if protocol.phase == "potentiation":
        ax.axvline(protocol.pulses + 0.5, color="0.5", lw=0.8)
    ax.set_xlabel("pulse")
    ax.set_ylabel("skyrmions")
    ax.set_title("Fig. 4b protocol, micromagnetic (LLG)" + (" and particle (Thiele)" if thiele else ""))
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
