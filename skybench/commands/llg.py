"""`skybench llg`: a micromagnetic (LLG) protocol on a device preset; `--protocol fig4b` is the paper's chamber.

Writes into --out (staged: all files or none): counts.csv (per pulse: time, skyrmions in the chamber and in
the film, created and removed so far, mean radius), counts.png (count against pulse), snapshots/*.png (m_z
every --snapshot-every pulses and at the end) and summary.json (settings, wall time per pulse, estimated
time of the full protocol). The full run (250 pulses on ~25 000 cells of 1 nm) takes tens of minutes: use
--pulses N for a shortened run; --phase depression with --initial-skyrmions N runs the depression alone.
"""
from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path

from skybench.errors import ParameterError
from skybench.outputs import check_writable, staged_output

NAME = "llg"
HELP = "run a micromagnetic (LLG) protocol on a preset, e.g. the paper's Fig. 4b chamber run"
PROTOCOLS = ("fig4b",)
"""Protocols this command runs."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--preset", required=True, help="device preset (emulator.presets.DEVICES)")
    parser.add_argument("--protocol", required=True, choices=PROTOCOLS, help="pulse protocol")
    parser.add_argument("--out", type=Path, metavar="DIR", required=True, help="output folder")
    parser.add_argument("--pulses", type=int, metavar="N", help="simulate only the first N pulse periods")
    parser.add_argument("--phase", choices=("potentiation", "depression"), default="potentiation",
                        help="start with potentiation (then depression) or run the depression alone")
    parser.add_argument("--initial-skyrmions", type=int, default=0, metavar="N",
                        help="skyrmions placed in the chamber before the first pulse")
    parser.add_argument("--pad-field", type=float, metavar="T", help="nucleation field on the pad (T)")
    parser.add_argument("--pad-radius", type=float, metavar="M", help="radius of the nucleation field (m)")
    parser.add_argument("--pad-write", choices=("field", "seed"),
                        help="pad write during potentiation: the local field pulse (default) or a skyrmion "
                             "texture placed on the pad at each pulse while the pad is empty")
    parser.add_argument("--current", choices=("flow", "uniform"), help="current distribution (default flow)")
    parser.add_argument("--demag", choices=("none", "local"), help="demag treatment (default none)")
    parser.add_argument("--cell", type=float, metavar="M", help="cell size (m), default 1e-9 (paper)")
    parser.add_argument("--snapshot-every", type=int, metavar="N", help="pulses between snapshots")


def run(args: argparse.Namespace) -> int:
    from emulator.llg.chamber import Fig4bProtocol, run as run_chamber, snapshot_png
    from emulator.presets import DEVICES, MATERIALS

    if args.preset not in DEVICES or args.preset not in MATERIALS:
        valid = sorted(set(DEVICES) & set(MATERIALS))
        raise ParameterError("preset", args.preset, "one of " + ", ".join(valid))
    if args.preset != "chamber_150nm":
        raise ParameterError("preset", args.preset, "chamber_150nm (the geometry of protocol fig4b)")
    overrides = {"phase": args.phase, "initial_skyrmions": args.initial_skyrmions}
    for key, value in (("pad_field", args.pad_field), ("pad_radius", args.pad_radius),
                       ("pad_write", args.pad_write),
                       ("current", args.current), ("demag", args.demag), ("cell", args.cell),
                       ("snapshot_every", args.snapshot_every)):
        if value is not None:
            overrides[key] = value
    protocol = Fig4bProtocol(**overrides)
    pulses = protocol.total_pulses if args.pulses is None else args.pulses
    if not 1 <= pulses <= protocol.total_pulses:
        raise ParameterError("pulses", args.pulses, f"[1, {protocol.total_pulses}]")
    check_writable(args.out)
    material = MATERIALS[args.preset]
    geometry = DEVICES[args.preset]().model.geometry
    with staged_output(args.out) as stage:
        (stage / "snapshots").mkdir()
        start = time.perf_counter()
        evaluations = []
        stamps = []

        def on_pulse(record, state, magnet):
            evaluations.append(state.evaluations)
            stamps.append(time.perf_counter())
            cells.append((magnet.mesh.nx * magnet.mesh.ny, magnet.n_cells))
            print(f"pulse {record.pulse:4d}  t = {record.time * 1e9:7.3f} ns  in chamber {record.in_chamber:3d}"
                  f"  total {record.total:3d}  created {record.created:3d}  removed {record.removed:3d}"
                  f"  ({time.perf_counter() - start:.0f} s)", flush=True)
            if record.pulse % protocol.snapshot_every == 0 or record.pulse == pulses:
                snapshot_png(stage / "snapshots" / f"mz_pulse_{record.pulse:03d}.png", magnet, state.m,
                             f"pulse {record.pulse}: {record.in_chamber} skyrmions in the chamber")

        cells = []
        records = run_chamber(material, geometry, protocol, pulses=pulses, on_pulse=on_pulse)
        wall = time.perf_counter() - start
        _write_counts(stage / "counts.csv", records)
        _plot_counts(stage / "counts.png", records, protocol)
        per_pulse = (stamps[-1] - stamps[0]) / (len(stamps) - 1) if len(stamps) > 1 else wall
        setup = stamps[0] - start - per_pulse if len(stamps) > 1 else 0.0
        summary = {
            "protocol": "fig4b", "preset": args.preset, "settings": {
                k: (list(v) if isinstance(v, tuple) else v) for k, v in protocol.__dict__.items()},
            "pulses_simulated": len(records), "pulses_full_protocol": protocol.total_pulses,
            "wall_time_s": wall, "setup_time_s": setup, "wall_time_per_pulse_s": per_pulse,
            "estimated_full_run_s": setup + per_pulse * protocol.total_pulses,
            "field_evaluations": evaluations[-1] if evaluations else 0,
            "cells": cells[-1][0], "magnetic_cells": cells[-1][1],
            "final": records[-1].__dict__,
            "paper": {"created": 32, "in_chamber_after_potentiation": 31, "removed_by_depression": 28},
        }
        (stage / "summary.json").write_text(json.dumps(summary, indent=2, default=float) + "\n")
    print(f"{len(records)} pulses in {wall:.0f} s ({per_pulse:.1f} s per pulse; full protocol "
          f"~{per_pulse * protocol.total_pulses / 60:.0f} min); wrote counts.csv, counts.png, snapshots/, "
          f"summary.json to {args.out}")
    return 0


def _write_counts(path: Path, records) -> None:
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["pulse", "time_ns", "in_chamber", "total", "created", "removed", "mean_radius_nm"])
        for r in records:
            writer.writerow([r.pulse, f"{r.time * 1e9:.4f}", r.in_chamber, r.total, r.created, r.removed,
                             f"{r.mean_radius * 1e9:.4f}"])


def _plot_counts(path: Path, records, protocol) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.6))
    pulses = [r.pulse for r in records]
    ax.plot(pulses, [r.in_chamber for r in records], "o-", ms=3, label="in chamber (LLG)")
    ax.plot(pulses, [r.created for r in records], "--", label="created (cumulative)")
    if protocol.phase == "potentiation":
        ax.axvline(protocol.pulses + 0.5, color="0.5", lw=0.8)
    ax.set_xlabel("pulse")
    ax.set_ylabel("skyrmions")
    ax.set_title("Fig. 4b protocol, micromagnetic (LLG)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
