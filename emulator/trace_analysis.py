"""Figures of merit of a potentiation/depression trace (the numbers the paper quotes for Fig. 2b and 4b).

Works on the trace table alone (columns of trace.csv), so a trace measured through the instruments is
analysed exactly like one from the device emulator.

- states: a pulse opens a new state when the signal moved by at least the resolution from the last state
  (Hall: the paper's error bar on its final state, 4.1 nOhm cm; MTJ: half the conductance of one skyrmion);
- change per skyrmion: least-squares slope of the signal change against the skyrmion count, through the
  origin for potentiation and through the end-of-potentiation state for depression;
- sparse / crowded diameter: mean diameter over the early potentiation states (at most a quarter of the
  final count) and at the end of potentiation (paper: 285 +- 25 vs 256 +- 25 nm);
- linearity: R^2 of a straight-line fit of the count against the pulse number over potentiation.
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

HALL_RESOLUTION_NOHM_CM = 4.1
"""Resolution of a Hall level (nOhm cm): the paper's error bar on its final state."""


def summarize(table: dict[str, list]) -> dict[str, float]:
    """Summary numbers of a trace table (dict of column name -> list of values)."""
    phase = np.array(table["phase"])
    pot = phase == "potentiation"
    dep = phase == "depression"
    n = np.array(table["n_skyrmions_active"], dtype=float)
    diameter = np.array(table["mean_diameter_m"], dtype=float)
    pulses = np.array(table["pulse_index"], dtype=float)
    hall = "conductance_S" not in table
    signal = np.array(table["rho_xy_change_nOhm_cm" if hall else "conductance_S"], dtype=float)
    branches = branch_figures(n, signal, pot, dep, pulses, hall)
    change, end, per_pot, per_dep, resolution = (branches.change, branches.end, branches.per_skyrmion_pot,
                                                 branches.per_skyrmion_dep, branches.resolution)
    peak = int(n[pot].max()) if pot.any() else 0
    sparse = pot & (n >= 1) & (n <= max(3, peak / 4))
    summary = {
        "potentiation_states": branches.potentiation_states,
        "depression_states": branches.depression_states,
        "max_skyrmions": int(n.max()) if n.size else 0,
        "skyrmions_end_potentiation": int(n[end]) if end is not None else 0,
        "skyrmions_end_depression": int(n[dep][-1]) if dep.any() else 0,
        "removed_fraction": (float(1 - n[dep][-1] / n[end]) if dep.any() and end is not None and n[end] > 0
                             else math.nan),
        "state_resolution": resolution,
        "linearity_r2_potentiation": branches.linearity_r2,
        "linearity_r2_signal_potentiation": _r_squared(pulses[pot], change[pot]),
        "mean_diameter_sparse_m": float(np.nanmean(diameter[sparse])) if sparse.any() else math.nan,
        "mean_diameter_crowded_m": float(diameter[end]) if end is not None else math.nan,
    }
    final = float(change[end]) if end is not None else math.nan
    # Both signal families are always present (NaN where the device has no such readout).
    summary.update({
        "drho_per_skyrmion_pot_nOhm_cm": per_pot if hall else math.nan,
        "drho_per_skyrmion_dep_nOhm_cm": per_dep if hall else math.nan,
        "final_drho_nOhm_cm": final if hall else math.nan,
        "conductance_per_skyrmion_pot_S": math.nan if hall else per_pot,
        "conductance_per_skyrmion_dep_S": math.nan if hall else per_dep,
        "final_conductance_change_S": math.nan if hall else final,
    })
    return summary


class BranchFigures(NamedTuple):
    """What `branch_figures` finds on one trace's potentiation and depression branches."""

    change: np.ndarray
    """Signal change from the reference, per pulse (the signal's unit)."""
    end: int | None
    """Row of the last potentiation pulse (None: no potentiation)."""
    per_skyrmion_pot: float
    """Signal change per skyrmion on potentiation (slope through the origin)."""
    per_skyrmion_dep: float
    """Signal change per skyrmion on depression (slope through the end-of-potentiation state; NaN if none)."""
    resolution: float
    """Signal move that opens a new state."""
    potentiation_states: int
    """States opened during potentiation."""
    depression_states: int
    """States opened during depression."""
    linearity_r2: float
    """R^2 of a straight line through the count against the pulse number over potentiation."""


def branch_figures(n: np.ndarray, signal: np.ndarray, pot: np.ndarray, dep: np.ndarray, pulses: np.ndarray,
                   hall: bool) -> BranchFigures:
    """States, change per skyrmion and linearity of one trace (module docstring): `n` skyrmion counts, `signal`
    (a Hall change, nOhm cm, or an MTJ conductance, S) and `pulses` (pulse numbers) per row, `pot` / `dep` the
    rows of each phase. `summarize` and the study's per-device figures (emulator/study_figures.py) both read it."""
    # Hall traces are already changes from the initial state; an MTJ trace is referred to the conductance
    # its potentiation branch extrapolates to at zero skyrmions.
    reference = 0.0 if hall else _intercept(n[pot], signal[pot])
    change = signal - reference
    per_pot = _slope_through_origin(n[pot], change[pot])
    end = int(np.nonzero(pot)[0][-1]) if pot.any() else None
    per_dep = math.nan
    if end is not None and dep.any():
        per_dep = _slope_through_origin(n[dep] - n[end], change[dep] - change[end])
    resolution = HALL_RESOLUTION_NOHM_CM if hall else 0.5 * abs(per_pot)
    return BranchFigures(change, end, per_pot, per_dep, resolution,
                         _count_states(change[pot], 0.0, resolution),
                         _count_states(change[dep], change[end] if end is not None else 0.0, resolution),
                         _r_squared(pulses[pot], n[pot]))


def _slope_through_origin(x: np.ndarray, y: np.ndarray) -> float:
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    denominator = float(np.sum(x * x))
    return float(np.sum(x * y) / denominator) if denominator > 0 else math.nan


def _intercept(x: np.ndarray, y: np.ndarray) -> float:
    keep = np.isfinite(x) & np.isfinite(y)
    if keep.sum() < 2 or np.ptp(x[keep]) == 0:
        return float(y[keep][0]) if keep.any() else 0.0
    return float(np.polyfit(x[keep], y[keep], 1)[1])


def _count_states(values: np.ndarray, start: float, resolution: float) -> int:
    """Pulses that moved the signal by at least `resolution` from the last distinct level."""
    if not math.isfinite(resolution) or resolution <= 0:
        return 0
    states = 0
    level = start
    for value in values:
        if math.isfinite(value) and abs(value - level) >= resolution:
            states += 1
            level = value
    return states


def _r_squared(x: np.ndarray, y: np.ndarray) -> float:
    if len(x) < 3 or np.ptp(y) == 0:
        return math.nan
    coefficients = np.polyfit(x, y, 1)
    residual = y - np.polyval(coefficients, x)
    return float(1.0 - np.sum(residual**2) / np.sum((y - y.mean()) ** 2))
