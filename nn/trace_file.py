"""A recorded synapse trace (`trace.csv` of `skybench device` / `skybench measure`) as nn's SI arrays.

The file format (columns, units, types, ranges, step indices) is owned by `skybench.formats.trace` (schema
`SYNAPSE`); `read_trace(path)` reads through it, so a damaged trace (duplicated rows, a missing pulse, a
fractional pulse_index, an unknown phase, a non-finite number) is refused there with a `DataError` naming the
file and line. On top of the format, nn needs at least `MIN_ROWS_PER_PHASE` rows of each phase (a level curve),
and a blank `rho_xy_change_nOhm_cm` only in an MTJ trace that has `conductance_S` (every cell blank).
Resistivities are converted to Ohm m by the schema's units (SI inside).
`find_traces(path)` accepts a trace file or a folder and returns every `trace.csv` below it (sorted), so a folder
of several traces gives device-to-device variation.
"""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import numpy as np

from skybench.errors import DataError
from skybench.formats.trace import PHASES, SYNAPSE, TRACE_FILE, read_trace_table

REQUIRED_COLUMNS = SYNAPSE.required_names
"""Columns every trace has (issue 2's contract; declared in skybench.formats.trace.SYNAPSE)."""
OPTIONAL_COLUMNS = tuple(column.name for column in SYNAPSE.optional)
"""Columns some traces have: MTJ conductance, per-state readout spread, field, Hall voltage."""
MIN_ROWS_PER_PHASE = 2
"""A branch needs at least two states to define a level curve."""
NOHM_CM = SYNAPSE.column("rho_xy_change_nOhm_cm").si_factor
"""One nOhm cm in Ohm m (1e-11), from the schema's units."""


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
    table = read_trace_table(path, SYNAPSE)
    path = table.path
    potentiation = table.values["phase"] == PHASES[0]
    for name, mask in (("potentiation", potentiation), ("depression", ~potentiation)):
        if int(mask.sum()) < MIN_ROWS_PER_PHASE:
            raise DataError(f"{path}: {int(mask.sum())} {name} row(s); a branch needs at least "
                            f"{MIN_ROWS_PER_PHASE} states")
    conductance = table.si("conductance_S") if table.has("conductance_S") else None
    if conductance is not None and np.isnan(conductance).any():
        raise DataError(f"{path}: column conductance_S has blank cells")
    rho = table.si("rho_xy_change_nOhm_cm")
    blank = np.isnan(rho)
    if blank.any() and not (conductance is not None and blank.all()):
        line = int(np.flatnonzero(blank)[0]) + 2
        raise DataError(f"{path}: line {line}: column rho_xy_change_nOhm_cm is blank (allowed only when every "
                        f"cell is blank and the trace has conductance_S)")
    rho_std = table.si("rho_xy_std_nOhm_cm") if table.has("rho_xy_std_nOhm_cm") else None
    if rho_std is not None and np.isnan(rho_std).any():
        raise DataError(f"{path}: column rho_xy_std_nOhm_cm has blank cells")
    return SynapseTrace(
        path=path,
        pulse_index=table.values["pulse_index"],
        potentiation=potentiation.astype(bool),
        n_skyrmions=table.values["n_skyrmions_active"],
        rho_xy_change=rho,
        conductance=conductance,
        rho_xy_std=rho_std,
    )
