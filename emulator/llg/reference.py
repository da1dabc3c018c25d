"""A chamber LLG run (`emulator.llg.chamber.run`) reduced to its reference trajectory.

The particle model is checked against LLG runs of the chamber protocol stored as reference trajectories
(`skybench.formats.llg_reference`: in-chamber count, created and exited running totals per pulse period, every
setting with its SI unit in the key, the command that regenerates the run). This module makes one from a run:
from its `PulseRecord`s as the run ends (`from_records`, what `skybench llg` writes as reference.json), or from
an existing run folder (`from_run_folder`: its counts.csv and summary.json). The run's `removed` (tracks ended:
skyrmions that left through a terminal or collapsed) is the reference's `exited`.

It also owns the run folder's per-pulse table, counts.csv (`write_counts`, `read_counts`; columns
`COUNTS_COLUMNS`), and reads the per-pulse lines `skybench llg` prints (`read_log`): a run stopped before its end
writes no folder, and its log is then the only record of the pulses it reached (a partial reference, its
`pulses_simulated` below the protocol's).
"""
from __future__ import annotations

import csv
import dataclasses
import math
import os
import re
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from emulator.llg.chamber import Fig4bProtocol, PulseRecord
from emulator.material import Material
from skybench.errors import DataError
from skybench.formats.llg_reference import PHASES, ReferenceTrajectory

COUNTS_FILE = "counts.csv"
"""Name of the per-pulse table in a `skybench llg` run folder."""
COUNTS_COLUMNS = ("pulse", "time_ns", "in_chamber", "total", "created", "removed", "mean_radius_nm", "phase",
                  "written")
"""Columns of counts.csv: pulse period (from 1), its end time (ns), skyrmions in the chamber and in the film,
created and removed so far (running totals), mean radius (nm, empty-film NaN), phase, 1 if a skyrmion was
written at the start of the pulse."""
SETTING_KEYS = {
    "amplitude": "amplitude_A_per_m2", "width": "width_s", "period": "period_s", "pulses": "pulses_per_phase",
    "Bz": "Bz_T", "theta_SH": "theta_SH", "pad_field": "pad_field_T", "pad_field_tilt": "pad_field_tilt_deg",
    "pad_field_timing": "pad_field_timing", "pad_field_profile": "pad_field_profile",
    "pad_field_height": "pad_field_height_m", "pad_field_side": "pad_field_side", "pad_centre": "pad_centre_m",
    "pad_radius": "pad_radius_m", "pad_write": "pad_write", "pad_blockade": "pad_blockade_m",
    "entrance_centre": "entrance_centre_m", "cell": "cell_m", "demag": "demag", "current": "current",
    "stepper": "stepper", "max_err": "max_err", "snapshot_every": "snapshot_every_pulses", "phase": "start_phase",
    "initial_skyrmions": "initial_skyrmions", "initial_centres": "initial_centres_m",
    "initial_iterations": "initial_iterations",
}
"""Key in the reference's `settings` of every `Fig4bProtocol` field, its SI unit in the name (no suffix:
dimensionless or a choice). A test checks that every field has one."""
LOG_LINE = re.compile(r"pulse\s+(?P<pulse>\d+) (?P<phase>pot|dep)(?P<written> \+write)?\s+t =\s+(?P<time>[\d.]+) ns"
                      r"\s+in chamber\s+(?P<in_chamber>\d+)(?:\s+Thiele\s+\d+)?\s+total\s+(?P<total>\d+)"
                      r"\s+created\s+(?P<created>\d+)\s+removed\s+(?P<removed>\d+)")
"""A per-pulse line of `skybench llg`'s output (radius not printed: NaN in the records read back)."""
PROTOCOL = "fig4b"
"""The pulse protocol of `Fig4bProtocol` runs."""


def settings_of(protocol: Fig4bProtocol, material: Material, **extra: Any) -> dict[str, Any]:
    """Every setting of `protocol` under its `SETTING_KEYS` name (theta_SH resolved to the material's when the
    protocol leaves it None), the material's name, then `extra` (e.g. `pulses_simulated`, `wall_time_s`)."""
    settings: dict[str, Any] = {"material": material.name}
    for field in dataclasses.fields(protocol):
        value = getattr(protocol, field.name)
        if field.name == "theta_SH":
            value = protocol.theta_SH_of(material)
        settings[SETTING_KEYS[field.name]] = _plain(value)
    settings.update(extra)
    return settings


def from_records(records: Iterable[PulseRecord], protocol: Fig4bProtocol, material: Material, *, condition: str,
                 command: str, preset: str, **extra: Any) -> ReferenceTrajectory:
    """The reference trajectory of a run's records (`emulator.llg.chamber.run`): removed = exited."""
    records = list(records)
    return ReferenceTrajectory(
        condition=condition, preset=preset, protocol=PROTOCOL, command=command,
        settings=settings_of(protocol, material, pulses_simulated=len(records), **extra),
        pulse=np.array([r.pulse for r in records], dtype=np.int64), phase=tuple(r.phase for r in records),
        in_chamber=np.array([r.in_chamber for r in records], dtype=np.int64),
        created=np.array([r.created for r in records], dtype=np.int64),
        exited=np.array([r.removed for r in records], dtype=np.int64))


def from_run_folder(folder: str | os.PathLike, *, condition: str, command: str) -> ReferenceTrajectory:
    """The reference trajectory of a finished `skybench llg --protocol fig4b` run folder: counts.csv for the
    counts, summary.json for the preset and the settings (rebuilt as a `Fig4bProtocol`, so they are checked
    again), wall time and thread-independent bookkeeping."""
    from emulator.presets import MATERIALS
    from skybench.formats.run_summary import read_summary

    folder = Path(folder)
    summary = read_summary(folder, "llg")
    preset = summary.get("preset")
    if summary.get("protocol") != PROTOCOL or preset not in MATERIALS:
        raise DataError(f"{folder}: summary.json is not a fig4b run of a known preset "
                        f"(protocol {summary.get('protocol')!r}, preset {preset!r})")
    raw = summary.get("settings")
    if isinstance(raw, dict) and "stepper" not in raw:
        raw = {**raw, "stepper": "rk45"}  # written before the stepper was a setting: rk45 was the only one
    if not isinstance(raw, dict) or set(raw) != set(SETTING_KEYS):
        raise DataError(f"{folder}: summary.json settings must hold the fields {sorted(SETTING_KEYS)}")
    protocol = Fig4bProtocol(**{name: _protocol_value(name, value) for name, value in raw.items()})
    records = read_counts(folder / COUNTS_FILE)
    if len(records) != summary.get("pulses_simulated"):
        raise DataError(f"{folder}: counts.csv has {len(records)} pulses, summary.json "
                        f"pulses_simulated {summary.get('pulses_simulated')!r}")
    return from_records(records, protocol, MATERIALS[preset], condition=condition, command=command,
                        preset=preset, wall_time_s=summary.get("wall_time_s"))


def write_counts(path: str | os.PathLike, records: Iterable[PulseRecord]) -> None:
    """Write counts.csv (`COUNTS_COLUMNS`) of a run's records."""
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COUNTS_COLUMNS)
        for r in records:
            writer.writerow([r.pulse, f"{r.time * 1e9:.4f}", r.in_chamber, r.total, r.created, r.removed,
                             f"{r.mean_radius * 1e9:.4f}", r.phase, int(r.written)])


def read_counts(path: str | os.PathLike) -> list[PulseRecord]:
    """The records of a counts.csv (times back in s, radii in m); DataError naming the file and the rule broken
    for another header, a malformed row or an unknown phase."""
    path = Path(path)
    try:
        with open(path, newline="") as handle:
            rows = list(csv.reader(handle))
    except FileNotFoundError:
        raise DataError(f"{path}: no counts.csv (expected the per-pulse table of a `skybench llg` run)") from None
    if not rows or tuple(rows[0]) != COUNTS_COLUMNS:
        raise DataError(f"{path}: header must be {','.join(COUNTS_COLUMNS)}")
    records = []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(COUNTS_COLUMNS):
            raise DataError(f"{path}: line {line} has {len(row)} fields, expected {len(COUNTS_COLUMNS)}")
        value = dict(zip(COUNTS_COLUMNS, row))
        if value["phase"] not in PHASES:
            raise DataError(f"{path}: line {line}: phase {value['phase']!r}, valid values {list(PHASES)}")
        try:
            records.append(PulseRecord(
                pulse=int(value["pulse"]), phase=value["phase"], written=bool(int(value["written"])),
                time=float(value["time_ns"]) * 1e-9, in_chamber=int(value["in_chamber"]), total=int(value["total"]),
                created=int(value["created"]), removed=int(value["removed"]),
                mean_radius=float(value["mean_radius_nm"]) * 1e-9))
        except ValueError as error:
            raise DataError(f"{path}: line {line}: {error}") from None
    return records


def read_log(path: str | os.PathLike) -> list[PulseRecord]:
    """The records of the per-pulse lines in a `skybench llg` log (other lines skipped); DataError naming the
    file when there is none or the pulses do not run 1, 2, ... without gaps."""
    path = Path(path)
    try:
        text = path.read_text()
    except FileNotFoundError:
        raise DataError(f"{path}: no such log") from None
    records = []
    for match in LOG_LINE.finditer(text):
        value = match.groupdict()
        records.append(PulseRecord(
            pulse=int(value["pulse"]), phase={"pot": "potentiation", "dep": "depression"}[value["phase"]],
            written=value["written"] is not None, time=float(value["time"]) * 1e-9,
            in_chamber=int(value["in_chamber"]), total=int(value["total"]), created=int(value["created"]),
            removed=int(value["removed"]), mean_radius=math.nan))
    if not records or [r.pulse for r in records] != list(range(1, len(records) + 1)):
        raise DataError(f"{path}: no per-pulse lines of `skybench llg` numbered 1, 2, ... without gaps")
    return records


def _plain(value: Any) -> Any:
    """Tuples (nested) as lists, the form JSON keeps."""
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _protocol_value(name: str, value: Any) -> Any:
    """A summary.json setting back in its `Fig4bProtocol` type (lists as tuples; None stays None)."""
    if name in ("pad_centre", "entrance_centre") and isinstance(value, list):
        return tuple(value)
    if name == "initial_centres" and isinstance(value, list):
        return tuple(tuple(point) for point in value)
    if isinstance(value, float) and not math.isfinite(value):
        raise DataError(f"summary.json setting {name} = {value!r} is not finite")
    return value



def main(argv: list[str] | None = None) -> int:
    """Store a finished run folder's reference: `python -m emulator.llg.reference RUN_DIR --condition NAME
    --command "skybench llg ..." --out emulator/calibrations/llg_reference/fig4b_NAME.json`. A folder that holds
    reference.json (written by `skybench llg` since --condition exists) is copied through the reader and writer
    (its own command and condition kept unless given); an older folder is reduced from counts.csv and
    summary.json."""
    import argparse

    from skybench.formats.llg_reference import read_reference, write_reference

    parser = argparse.ArgumentParser(prog="python -m emulator.llg.reference", description=main.__doc__.split(".")[0])
    parser.add_argument("run", type=Path, help="a finished `skybench llg --protocol fig4b` output folder")
    parser.add_argument("--condition", help="condition name (required for a folder without reference.json)")
    parser.add_argument("--command", help="the command that regenerates the run (required likewise)")
    parser.add_argument("--out", type=Path, required=True, help="the reference file to write (.json)")
    parser.add_argument("--log", action="store_true",
                        help="RUN is the log of an unfinished run: store the pulses it reached, with the settings "
                             "parsed from --command (a partial reference)")
    args = parser.parse_args(argv)
    stored = args.run / "reference.json"
    if args.log:
        import shlex

        from emulator.presets import MATERIALS
        from skybench.cli import build_parser
        from skybench.commands.llg import protocol_of

        if not args.condition or not args.command:
            parser.error("--condition and --command are required with --log")
        words = shlex.split(args.command)
        options = build_parser("llg").parse_args(words[1:] if words[:1] == ["skybench"] else words)
        records = read_log(args.run)
        protocol = protocol_of(options)
        ref = from_records(records, protocol, MATERIALS[options.preset], condition=args.condition,
                           command=args.command, preset=options.preset,
                           partial_of_pulses=protocol.total_pulses if options.pulses is None else options.pulses)
    elif stored.is_file():
        ref = read_reference(stored)
        ref = dataclasses.replace(ref, condition=args.condition or ref.condition, command=args.command or ref.command)
    else:
        if not args.condition or not args.command:
            parser.error("--condition and --command are required for a run folder without reference.json")
        ref = from_run_folder(args.run, condition=args.condition, command=args.command)
    write_reference(args.out, ref)
    print(f"{args.out}: condition {ref.condition}, {len(ref.pulse)} pulses, created {int(ref.created[-1])}, "
          f"peak in chamber {ref.peak}, exited {int(ref.exited[-1])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
