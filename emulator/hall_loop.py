"""Figures of merit of a measured Hall loop R_xy(B_z) (paper Fig. 1b) and its plot.

The trace has both sweep directions ('down': +B_max -> -B_max, 'up': back). The analysis is what an
experimenter does with the loop:
- the ordinary Hall slope R0' and the saturated anomalous Hall resistance R_sat from a joint straight-line fit
  of the high-field points (|B| >= HIGH_FIELD_FRACTION * B_max), R = offset +- R_sat + R0' B;
- the normalised anomalous signal r = (R - offset - R0' B) / R_sat, i.e. M_z / M_s;
- per direction, the saturation field: |B| of the first point from which r stays within SATURATION_TOLERANCE
  of the far saturation (-1 going down, +1 going up);
- per direction, the linearity: R^2 of a straight line through the points with |r| < LINEAR_RANGE (the
  unsaturated part of the branch);
- the antisymmetry: |R(-B_s) + R(+B_s)| / |R(+B_s)| from the two branches' saturation points.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np

HIGH_FIELD_FRACTION = 0.8
"""Points with |B| above this fraction of the sweep's largest field fix the ordinary Hall line (dimensionless)."""
SATURATION_TOLERANCE = 0.02
"""r within this of +-1 counts as saturated (dimensionless)."""
LINEAR_RANGE = 0.9
"""|r| below this is the unsaturated part of a branch that the linearity is computed on (dimensionless)."""


def analyse_loop(direction: list[str], field: np.ndarray, resistance: np.ndarray) -> dict:
    """Figures of merit (dict, SI) of a loop given per point its direction, field (T) and R_xy (Ohm)."""
    direction = np.asarray(direction)
    field = np.asarray(field, float)
    resistance = np.asarray(resistance, float)
    b_max = float(np.max(np.abs(field)))
    high = np.abs(field) >= HIGH_FIELD_FRACTION * b_max
    design = np.column_stack([(field > 0).astype(float), (field < 0).astype(float), field])[high]
    (upper, lower, slope), *_ = np.linalg.lstsq(design, resistance[high], rcond=None)
    r_sat = 0.5 * (upper - lower)
    offset = 0.5 * (upper + lower)
    r = (resistance - offset - slope * field) / r_sat
    summary = {"r_sat_ohm": float(r_sat), "ordinary_hall_slope_ohm_per_T": float(slope), "offset_ohm": float(offset),
               "saturation_field_T": {}, "domain_entry_field_T": {}, "linearity_r2_by_direction": {}}
    ends = {}
    for name, far in (("down", -1.0), ("up", 1.0)):
        sel = direction == name
        b, rr = field[sel], r[sel]
        if b.size == 0:
            continue
        away = np.nonzero(np.abs(rr - far) > SATURATION_TOLERANCE)[0]
        k = int(away[-1]) + 1 if away.size else 0
        summary["saturation_field_T"][name] = float(abs(b[k])) if k < b.size else math.nan
        ends[name] = float(resistance[sel][k]) if k < b.size else math.nan
        left = np.nonzero(np.abs(rr + far) > SATURATION_TOLERANCE)[0]
        summary["domain_entry_field_T"][name] = float(b[left[0]]) if left.size else math.nan
        linear = np.abs(rr) < LINEAR_RANGE
        summary["linearity_r2_by_direction"][name] = (float(np.corrcoef(b[linear], rr[linear])[0, 1] ** 2)
                                                       if linear.sum() > 2 else math.nan)
    r2 = [v for v in summary["linearity_r2_by_direction"].values() if math.isfinite(v)]
    summary["linearity_r2_below_saturation"] = min(r2) if r2 else math.nan
    if "down" in ends and "up" in ends:
        summary["antisymmetry"] = abs(ends["down"] + ends["up"]) / abs(ends["up"])
    return summary


def plot_loop(direction: list[str], field: np.ndarray, resistance: np.ndarray, summary: dict, path: Path,
              title: str) -> None:
    """R_xy / R_sat (ordinary Hall removed) against B_z, both directions."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    direction = np.asarray(direction)
    field = np.asarray(field, float)
    r = (np.asarray(resistance, float) - summary["offset_ohm"]
         - summary["ordinary_hall_slope_ohm_per_T"] * field) / summary["r_sat_ohm"]
    fig, ax = plt.subplots(figsize=(6, 4.2))
    for name, colour in (("down", "tab:blue"), ("up", "tab:red")):
        sel = direction == name
        ax.plot(field[sel] * 1e3, r[sel], "o-", ms=2.5, lw=0.8, color=colour, label=f"sweep {name}")
    for name, value in summary["saturation_field_T"].items():
        if math.isfinite(value):
            ax.axvline((-value if name == "down" else value) * 1e3, color="0.6", ls=":", lw=0.8)
    ax.set_xlabel("B_z (mT)")
    ax.set_ylabel("R_xy / R_xy,sat  (= M_z / M_s)")
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
