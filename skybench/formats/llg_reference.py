"""LLG reference trajectories of the chamber protocol, written and read only through this module.

A reference is one micromagnetic (`skybench llg`) run of a chamber protocol under one condition, reduced to the
skyrmion counts after every pulse, with the settings and the command that regenerate it. The particle model is
checked against these files (`skybench validate`, rows named `fig4b_<condition>_...`). One JSON file per
condition:

    {"format": "skybench-llg-reference", "format_version": 1,
     "condition": "default", "preset": "chamber_150nm", "protocol": "fig4b",
     "command": "skybench llg --preset chamber_150nm ...",
     "settings": {"amplitude_A_per_m2": 4e10, "Bz_T": 0.2, ...every LLG setting, SI units in the key...},
     "pulses": {"pulse": [1, 2, ...], "phase": ["potentiation", ...],
                "in_chamber": [...], "created": [...], "exited": [...]}}

`pulse` counts pulse periods from 1; `in_chamber` is the number of skyrmion centres inside the chamber square
after that pulse period; `created` and `exited` are running totals (skyrmions written, skyrmions that left
through a terminal or collapsed), so they never decrease. `read_reference` checks all of this and raises
`DataError` naming the file and the rule broken.
"""
from __future__ import annotations

import dataclasses
import json
import math
import os
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from skybench.errors import DataError, ParameterError
from skybench.formats.json_file import load_json
from skybench.outputs import json_safe

FORMAT_NAME = "skybench-llg-reference"
"""Value of the `format` field."""
REFERENCE_FORMAT_VERSION = 1
"""Version of this layout (`format_version`)."""
PHASES = ("potentiation", "depression")
"""Values of `pulses.phase`."""
COUNT_COLUMNS = ("in_chamber", "created", "exited")
"""Per-pulse skyrmion counts (dimensionless, non-negative integers)."""
MONOTONIC_COLUMNS = ("created", "exited")
"""Running totals: never decrease along the run."""


@dataclasses.dataclass(frozen=True)
class ReferenceTrajectory:
    """One LLG run of a chamber protocol under one condition, as skyrmion counts per pulse period."""

    condition: str
    """Short name of the condition (`default`, `j3e10`, `b180mT`, ...): the validate rows carry it."""
    preset: str
    """Device preset the LLG ran (`chamber_150nm`)."""
    protocol: str
    """Pulse protocol (`fig4b`)."""
    command: str
    """The shell command that regenerates the run."""
    settings: Mapping[str, Any]
    """Every LLG setting of the run, SI units named in the keys (`amplitude_A_per_m2`, `Bz_T`, ...)."""
    pulse: np.ndarray
    """Pulse period index from 1 (int)."""
    phase: tuple[str, ...]
    """`PHASES` entry of each pulse period."""
    in_chamber: np.ndarray
    """Skyrmion centres inside the chamber square after each pulse period (int)."""
    created: np.ndarray
    """Skyrmions written so far (int, running total)."""
    exited: np.ndarray
    """Skyrmions that left the device or collapsed so far (int, running total)."""

    def __post_init__(self) -> None:
        _check(self, "ReferenceTrajectory")

    @property
    def peak(self) -> int:
        """Largest in-chamber count over the run."""
        return int(self.in_chamber.max())


def _check(ref: ReferenceTrajectory, where: str) -> None:
    """Raise DataError (naming `where`) unless the trajectory is consistent."""
    if not ref.condition or not ref.condition.replace("_", "").isalnum():
        raise DataError(f"{where}: condition {ref.condition!r} must be a non-empty name of letters, digits, '_'")
    n = len(ref.pulse)
    if n == 0:
        raise DataError(f"{where}: no pulses")
    for name in ("phase", *COUNT_COLUMNS):
        if len(getattr(ref, name)) != n:
            raise DataError(f"{where}: pulses.{name} has {len(getattr(ref, name))} entries, pulses.pulse {n}")
    if not np.array_equal(ref.pulse, np.arange(1, n + 1)):
        raise DataError(f"{where}: pulses.pulse must run 1, 2, ..., {n} without gaps")
    bad = sorted(set(ref.phase) - set(PHASES))
    if bad:
        raise DataError(f"{where}: pulses.phase has {bad}, valid values {list(PHASES)}")
    for name in COUNT_COLUMNS:
        if (getattr(ref, name) < 0).any():
            raise DataError(f"{where}: pulses.{name} has negative counts")
    for name in MONOTONIC_COLUMNS:
        if (np.diff(getattr(ref, name)) < 0).any():
            raise DataError(f"{where}: pulses.{name} is a running total and may not decrease")


def reference_document(ref: ReferenceTrajectory) -> dict:
    """The JSON object of `ref`."""
    return {"format": FORMAT_NAME, "format_version": REFERENCE_FORMAT_VERSION,
            "condition": ref.condition, "preset": ref.preset, "protocol": ref.protocol,
            "command": ref.command, "settings": json_safe(dict(ref.settings)),
            "pulses": {"pulse": ref.pulse.tolist(), "phase": list(ref.phase),
                       **{name: getattr(ref, name).tolist() for name in COUNT_COLUMNS}}}


def write_reference(path: str | os.PathLike, ref: ReferenceTrajectory) -> Path:
    """Write `ref` to `path` (through a temporary name, then renamed); return the path."""
    path = Path(path)
    if path.suffix != ".json":
        raise ParameterError("reference path", str(path), "a file name ending in .json")
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(reference_document(ref), indent=1) + "\n")
    partial.replace(path)
    return path


def _integers(path: Path, name: str, values: Any) -> np.ndarray:
    if not isinstance(values, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        raise DataError(f"{path}: pulses.{name} must be a list of integers")
    return np.asarray(values, dtype=np.int64)


def read_reference(path: str | os.PathLike) -> ReferenceTrajectory:
    """Read and check one reference file."""
    path = Path(path)
    data = load_json(path, "LLG reference", "LLG reference file not found")
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        found = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise DataError(f"{path}: format is {found!r}, expected {FORMAT_NAME!r}")
    if data.get("format_version") != REFERENCE_FORMAT_VERSION:
        raise DataError(f"{path}: format_version is {data.get('format_version')!r}, this reader understands "
                        f"{REFERENCE_FORMAT_VERSION}")
    for key, kind in (("condition", str), ("preset", str), ("protocol", str), ("command", str),
                      ("settings", dict), ("pulses", dict)):
        if not isinstance(data.get(key), kind):
            raise DataError(f"{path}: {key} must be a JSON {'string' if kind is str else 'object'}")
    pulses = data["pulses"]
    missing = [name for name in ("pulse", "phase", *COUNT_COLUMNS) if name not in pulses]
    if missing:
        raise DataError(f"{path}: pulses lacks {missing}")
    phase = pulses["phase"]
    if not isinstance(phase, list) or not all(isinstance(p, str) for p in phase):
        raise DataError(f"{path}: pulses.phase must be a list of strings")
    for key, value in data["settings"].items():
        if isinstance(value, float) and not math.isfinite(value):
            raise DataError(f"{path}: settings.{key} = {value!r} is not finite")
    try:
        return ReferenceTrajectory(
            condition=data["condition"], preset=data["preset"], protocol=data["protocol"],
            command=data["command"], settings=dict(data["settings"]),
            pulse=_integers(path, "pulse", pulses["pulse"]), phase=tuple(phase),
            **{name: _integers(path, name, pulses[name]) for name in COUNT_COLUMNS})
    except DataError as error:
        raise DataError(str(error).replace("ReferenceTrajectory", str(path), 1)) from None
