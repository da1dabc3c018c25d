"""Figures of a device run: the Fig. 2b-like trace and a snapshot of the skyrmions in the device (a study's
histograms: emulator/study_plots.py)."""
from __future__ import annotations

from pathlib import Path

import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Circle as CirclePatch  # noqa: E402
from matplotlib.patches import Polygon, Rectangle  # noqa: E402

from emulator.geometry import Circle  # noqa: E402


def plot_trace(table: dict, path: Path, title: str) -> None:
    """Signal change (left axis) and skyrmion count (right axis) against pulse number."""
    fig, left = plt.subplots(figsize=(7, 4.2))
    pulses = table["pulse_index"]
    pot = [p == "potentiation" for p in table["phase"]]
    signal_name = "conductance_S" if "conductance_S" in table else "rho_xy_change_nOhm_cm"
    signal = table[signal_name]
    label = "MTJ conductance (S)" if signal_name == "conductance_S" else "Hall resistivity change (nOhm cm)"
    left.plot([p for p, k in zip(pulses, pot) if k], [s for s, k in zip(signal, pot) if k], "o", color="tab:red",
              ms=4, label="potentiation")
    left.plot([p for p, k in zip(pulses, pot) if not k], [s for s, k in zip(signal, pot) if not k], "o",
              color="tab:blue", ms=4, label="depression")
    left.set_xlabel("pulse number")
    left.set_ylabel(label)
    right = left.twinx()
    right.plot(pulses, table["n_skyrmions_active"], "s", color="tab:green", ms=3, label="skyrmions")
    right.set_ylabel("skyrmions in the effective area")
    left.legend(loc="upper left", fontsize=8)
    left.set_title(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def plot_snapshot(geometry, skyrmions, path: Path, title: str) -> None:
    """The film outline, contacts, effective area and every skyrmion drawn at its size."""
    scale = 1e6 if geometry.bounds[2] - geometry.bounds[0] > 2e-6 else 1e9
    unit = "um" if scale == 1e6 else "nm"
    fig, ax = plt.subplots(figsize=(7, 5))
    ax.add_patch(Polygon(geometry.outline * scale, closed=True, facecolor="0.92", edgecolor="k", lw=1))
    for electrode in geometry.electrodes:
        ax.add_patch(Polygon(electrode.polygon * scale, closed=True, facecolor="gold", alpha=0.6,
                             edgecolor="darkgoldenrod"))
    area = geometry.effective_area
    if isinstance(area, Circle):
        ax.add_patch(CirclePatch((area.cx * scale, area.cy * scale), area.radius * scale, fill=False,
                                 edgecolor="tab:blue", lw=1.5, ls="--"))
    else:
        ax.add_patch(Rectangle((area.x0 * scale, area.y0 * scale), (area.x1 - area.x0) * scale,
                               (area.y1 - area.y0) * scale, fill=False, edgecolor="tab:blue", lw=1.5, ls="--"))
    for x, y, r in zip(skyrmions.x, skyrmions.y, skyrmions.radius):
        ax.add_patch(CirclePatch((x * scale, y * scale), max(r, 0.0) * scale, color="tab:red", alpha=0.8))
    xmin, ymin, xmax, ymax = geometry.bounds
    pad = 0.05 * max(xmax - xmin, ymax - ymin)
    ax.set_xlim((xmin - pad) * scale, (xmax + pad) * scale)
    ax.set_ylim((ymin - pad) * scale, (ymax + pad) * scale)
    ax.set_aspect("equal")
    ax.set_xlabel(f"x ({unit})")
    ax.set_ylabel(f"y ({unit})")
    ax.set_title(f"{title}: {len(skyrmions.x)} skyrmions", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
