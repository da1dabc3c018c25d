"""A recorded synapse trace (`trace.csv` of `skybench device` / `skybench measure`), read and checked.

The file has one row per pulse with the columns in `REQUIRED_COLUMNS` (the emulator's output contract, issue 2)
and optionally those in `OPTIONAL_COLUMNS`:
- `conductance_S` (S): the MTJ readout of the chamber preset;
- `rho_xy_std_nOhm_cm` (nOhm cm): the spread of repeated readouts of the state after that pulse.
Other columns are ignored. Resistivities are converted once, here, from nOhm cm to Ohm m (SI inside).

`read_trace(path)` raises `DataError` naming the file and what is wrong: missing file, wrong column set,
unparsable or non-finite numbers in the columns used here (pulse_index, n_skyrmions_active,
rho_xy_change_nOhm_cm, which an MTJ trace with conductance_S may leave blank, and the optional ones), an
unknown phase, or fewer than 2 rows of either phase. Columns
not used (current, width, diameter, which is blank when no skyrmion is present) are not checked.
`find_traces(path)` accepts a trace file or a folder and returns every `trace.csv` below it (sorted), so a folder
of several traces gives device-to-device variation.
"""
from __future__ import annotations

import csv
import dataclasses
import os
from pathlib import Path

import numpy as np

from emulator.units import Q_
from skybench.errors import DataError

TRACE_FILE = "trace.csv"
"""Name of a trace file inside a device-run folder."""
REQUIRED_COLUMNS = (
    "pulse_index", "phase", "current_density_A_per_m2", "pulse_width_s", "n_skyrmions_active",
    "mean_diameter_m", "rho_xy_change_nOhm_cm",
)
"""Columns every trace has (issue 2's contract)."""
OPTIONAL_COLUMNS = ("conductance_S", "rho_xy_std_nOhm_cm")
"""Columns some traces have: MTJ conductance (chamber preset) and per-state readout spread."""
PHASES = ("potentiation", "depression")
"""Allowed values of the `phase` column."""
MIN_ROWS_PER_PHASE = 2
"""A branch needs at least two states to define a level curve."""
NOHM_CM = float(Q_(1.0, "nanoohm * centimeter").to("ohm * meter").magnitude)
"""One nOhm cm in Ohm m (1e-11)."""


@dataclasses.dataclass(frozen=True)
class SynapseTrace:
    """The rows of one trace file, as SI arrays in file order."""

    path: Path
    """The trace file."""
    pulse_index: np.ndarray
    """Pulse number of each row (int)."""
    potentiation: np.ndarray
    """True where the row's pulse is a potentiation pulse, False for depression (bool)."""
    n_skyrmions: np.ndarray
    """Skyrmions in the active (effective) area after the pulse (int)."""
    rho_xy_change: np.ndarray
    """Hall resistivity change since the start of the run (Ohm m); all NaN for an MTJ trace that leaves the
    column blank (allowed only when `conductance_S` is present)."""
    conductance: np.ndarray | None
    """MTJ conductance after the pulse (S), or None if the trace has no `conductance_S` column."""
    rho_xy_std: np.ndarray | None
    """Readout spread of the state after the pulse (Ohm m), or None if the column is absent."""

    @property
    def n_rows(self) -> int:
        return int(self.pulse_index.size)


def find_traces(path: str | os.PathLike) -> list[Path]:
    """Return the trace files at `path`: the file itself, or every `trace.csv` below a folder (sorted)."""
    root = Path(path)
    if root.is_file():
        return [root]
    if root.is_dir():
        found = sorted(root.rglob(TRACE_FILE))
        if not found:
            raise DataError(f"{root}: no {TRACE_FILE} in this folder or below it")
        return found
    raise DataError(f"{root}: no such trace file or folder")


def read_trace(path: str | os.PathLike) -> SynapseTrace:
    """Read and check one trace file (see the module docstring for what is checked)."""
    path = Path(path)
    try:
        with path.open(newline="") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(f"{path}: cannot read trace ({error})") from None
    if not rows:
        raise DataError(f"{path}: empty file, expected a header with columns {', '.join(REQUIRED_COLUMNS)}")
    header = [name.strip() for name in rows[0]]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise DataError(f"{path}: wrong column set, missing {', '.join(missing)} "
                        f"(required: {', '.join(REQUIRED_COLUMNS)})")
    body = [row for row in rows[1:] if any(cell.strip() for cell in row)]
    for number, row in enumerate(body, start=2):
        if len(row) != len(header):
            raise DataError(f"{path}: line {number} has {len(row)} fields, the header has {len(header)}")
    column = {name: [row[i].strip() for row in body] for i, name in enumerate(header)}

    phase = column["phase"]
    bad_phase = [(i, p) for i, p in enumerate(phase) if p not in PHASES]
    if bad_phase:
        line, value = bad_phase[0]
        raise DataError(f"{path}: line {line + 2}: phase {value!r} is not one of {', '.join(PHASES)}")
    potentiation = np.array([p == PHASES[0] for p in phase], dtype=bool)
    for name, mask in (("potentiation", potentiation), ("depression", ~potentiation)):
        if int(mask.sum()) < MIN_ROWS_PER_PHASE:
            raise DataError(f"{path}: {int(mask.sum())} {name} row(s); a branch needs at least "
                            f"{MIN_ROWS_PER_PHASE} states")

    def numbers(name: str, blank_allowed: bool = False) -> np.ndarray:
        cells = column[name]
        if blank_allowed and all(cell == "" for cell in cells):
            return np.full(len(cells), np.nan)
        try:
            values = np.array([float(cell) for cell in cells], dtype=float)
        except ValueError:
            bad = next(i for i, cell in enumerate(column[name]) if not _is_float(cell))
            raise DataError(f"{path}: line {bad + 2}: column {name} = {column[name][bad]!r} is not a number") from None
        not_finite = np.flatnonzero(~np.isfinite(values))
        if not_finite.size:
            line = int(not_finite[0]) + 2
            raise DataError(f"{path}: line {line}: column {name} is {column[name][not_finite[0]]} "
                            f"(NaN or infinite; {not_finite.size} such value(s))")
        return values

    conductance = numbers("conductance_S") if "conductance_S" in header else None
    rho_std = numbers("rho_xy_std_nOhm_cm") * NOHM_CM if "rho_xy_std_nOhm_cm" in header else None
    if conductance is not None and np.any(conductance < 0):
        raise DataError(f"{path}: column conductance_S has negative values (a conductance is >= 0 S)")
    if rho_std is not None and np.any(rho_std < 0):
        raise DataError(f"{path}: column rho_xy_std_nOhm_cm has negative values (a spread is >= 0)")
    return SynapseTrace(
        path=path,
        pulse_index=numbers("pulse_index").astype(np.int64),
        potentiation=potentiation,
        n_skyrmions=numbers("n_skyrmions_active").astype(np.int64),
        rho_xy_change=numbers("rho_xy_change_nOhm_cm", blank_allowed=conductance is not None) * NOHM_CM,
        conductance=conductance,
        rho_xy_std=rho_std,
    )


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
