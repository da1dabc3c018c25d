"""Sensitivity sweep: how the RRAM vs skyrmion comparison moves with one parameter at a time (sweep.png).

Axes (each applied to every compared cell, everything else at the configured values):
- on/off ratio R_off / R_on with R_on fixed (the MTJ TMR for the skyrmion cell): read energy per inference;
- write voltage V_w: write energy per update, total and in the device alone;
- subarray size R = C (columns per ADC kept at min(k, C)): TOPS/W and chip area;
- ADC bits: TOPS/W.
A point whose configuration is impossible (e.g. a 1T1R write voltage at or below its read voltage, which would
disturb the state on reading) is not plotted and its error message is kept in sweep.json.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Callable

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from nn.chip.compare import compare  # noqa: E402
from nn.chip.config import ChipConfig  # noqa: E402
from nn.chip.update_counts import UpdateCounts  # noqa: E402
from skybench.errors import SkybenchError  # noqa: E402

ON_OFF_RATIOS = tuple(float(x) for x in np.geomspace(1.5, 100.0, 11))
"""On/off ratios swept (dimensionless)."""
WRITE_VOLTAGES = tuple(float(x) for x in np.geomspace(0.01, 2.0, 12))
"""Write voltages swept (V)."""
SUBARRAY_SIZES = (8, 16, 32, 64)
"""Square subarray sizes swept (cells per side)."""
ADC_BITS = (3, 4, 5, 6, 7, 8)
"""ADC resolutions swept (bits)."""
FIGURE_DPI = 120
"""Resolution of sweep.png (dots per inch)."""


def _cells(config: ChipConfig, **change_of: Callable) -> ChipConfig:
    return config.replace(cells=tuple(dataclasses.replace(c, **{k: f(c) for k, f in change_of.items()})
                                      for c in config.cells))


def _on_off(config: ChipConfig, ratio: float) -> ChipConfig:
    return _cells(config, R_off=lambda c: c.R_on * ratio)


def _write_voltage(config: ChipConfig, volts: float) -> ChipConfig:
    return _cells(config, V_write=lambda c: volts)


def _subarray(config: ChipConfig, size: int) -> ChipConfig:
    a = config.architecture
    return config.replace(architecture=a.replace(subarray_rows=size, subarray_cols=size,
                                                  columns_per_adc=min(a.columns_per_adc, size)))


def _adc_bits(config: ChipConfig, bits: int) -> ChipConfig:
    return config.replace(architecture=config.architecture.replace(adc_bits=bits))


@dataclasses.dataclass(frozen=True)
class SweepAxis:
    """One swept parameter and the figures plotted against it."""

    name: str
    label: str
    values: tuple
    apply: Callable[[ChipConfig, float], ChipConfig]
    metrics: tuple[tuple[str, str, float], ...]
    """(chip.json key, legend label, scale to the plotted unit)."""
    ylabel: str
    log_x: bool = False
    log_y: bool = False
    native: Callable | None = None
    """The configured value of the swept parameter for a cell (marked on the plot), if any."""


AXES = (
    SweepAxis("on_off_ratio", "on/off ratio R_off/R_on (R_on fixed)", ON_OFF_RATIOS, _on_off,
              (("read_energy_J", "read energy", 1e9),), "read energy / inference (nJ)", log_x=True,
              native=lambda c: c.on_off_ratio),
    SweepAxis("write_voltage", "write voltage V_w (V)", WRITE_VOLTAGES, _write_voltage,
              (("write_energy_per_update_J", "total", 1e15), ("write_device_energy_per_update_J", "device", 1e15)),
              "write energy / update (fJ)", log_x=True, log_y=True, native=lambda c: c.V_write),
    SweepAxis("subarray_size", "subarray size R = C", SUBARRAY_SIZES, _subarray,
              (("tops_per_w", "TOPS/W", 1.0),), "TOPS/W", log_x=True),
    SweepAxis("adc_bits", "ADC bits", ADC_BITS, _adc_bits, (("tops_per_w", "TOPS/W", 1.0),), "TOPS/W"),
)
"""The sweep axes, one panel each."""


def run_sweep(config: ChipConfig, counts: UpdateCounts | None = None, axes=AXES) -> dict:
    """{axis: {label, values, results: {cell: {metric: [..]}}, errors: {cell: {value: message}}, native}}.

    Each cell is estimated on its own at each value, so an impossible point of one cell leaves the others.
    """
    out = {}
    for axis in axes:
        results = {c.name: {m: [] for m, _, _ in axis.metrics} for c in config.cells}
        errors: dict[str, dict[str, str]] = {c.name: {} for c in config.cells}
        for cell in config.cells:
            single = config.replace(cells=(cell,))
            for value in axis.values:
                try:
                    record = compare(axis.apply(single, value), counts).estimates[0].summary()
                except SkybenchError as error:
                    record = {}
                    errors[cell.name][repr(value)] = str(error)
                for metric, _, _ in axis.metrics:
                    results[cell.name][metric].append(record.get(metric, float("nan")))
        out[axis.name] = {"label": axis.label, "values": list(axis.values), "results": results, "errors": errors,
                          "native": {c.name: axis.native(c) for c in config.cells} if axis.native else {}}
    return out


def write_sweep_figure(sweep: dict, folder: Path, axes=AXES) -> Path:
    fig, panels = plt.subplots(2, 2, figsize=(11, 8))
    styles = ("-", "--", ":")
    for ax, axis in zip(panels.flat, axes):
        data = sweep[axis.name]
        for i, (cell, metrics) in enumerate(data["results"].items()):
            colour = f"C{i}"
            for j, (metric, label, scale) in enumerate(axis.metrics):
                y = np.asarray(metrics[metric], dtype=float) * scale
                ax.plot(data["values"], y, styles[j % len(styles)], marker="o", ms=3, color=colour,
                        label=f"{cell} {label}" if len(axis.metrics) > 1 else cell)
            if cell in data["native"]:
                ax.axvline(data["native"][cell], color=colour, lw=0.8, alpha=0.5)
        ax.set_xlabel(axis.label)
        ax.set_ylabel(axis.ylabel)
        if axis.log_x:
            ax.set_xscale("log")
        if all(isinstance(v, int) for v in data["values"]):
            ax.set_xticks(data["values"], [str(v) for v in data["values"]])
            ax.minorticks_off()
        if axis.log_y:
            ax.set_yscale("log")
        ax.legend(fontsize=8)
        ax.grid(alpha=0.3)
    fig.suptitle("Sensitivity of the comparison (vertical lines: configured values)")
    fig.tight_layout()
    path = Path(folder) / "sweep.png"
    fig.savefig(path, dpi=FIGURE_DPI)
    plt.close(fig)
    return path
