"""Figures of merit of every study device, per potentiation/depression cycle, and their statistics.

Per device and cycle (from its per-pulse count n, mean diameter and signal; emulator/trace_analysis.py defines
states, linearity and the per-skyrmion signal exactly as for a single `skybench device` run):
- `created`: skyrmions nucleated in the cycle; `peak`: largest count; `end_of_PHASE`: the count after the last
  pulse of each phase; `removed`: peak minus the final count;
- `potentiation_states`, `depression_states`: pulses that moved the signal by at least the readout's resolution;
- `linearity_r2`: R^2 of a straight line through the count against the pulse number over potentiation;
- the signal change per skyrmion on each branch (Hall: nOhm cm; MTJ: S), named as in a device's summary.json;
- `write_error_rate`: the fraction of the cycle's pulses that did not move the count by exactly one skyrmion in
  the pulse's direction (+1 potentiation, -1 depression): a pulse that changed nothing, or more than one level,
  or the wrong way. One level is one skyrmion, the quantum of the device.

`summarize_columns` gives the mean, std and 5/50/95 percentiles of each figure over the population.
"""
from __future__ import annotations

import numpy as np

from emulator.study_devices import BlockTraces
from emulator.trace_analysis import branch_figures

PERCENTILES = (5, 50, 95)
"""Percentiles reported for every figure of merit."""
_FROM_TRACE_ANALYSIS = {"potentiation_states": "potentiation_states", "depression_states": "depression_states",
                        "linearity_r2": "linearity_r2_potentiation"}
_SIGNAL_SLOPES = {"rho_xy_change_nOhm_cm": ("drho_per_skyrmion_pot_nOhm_cm", "drho_per_skyrmion_dep_nOhm_cm"),
                  "conductance_S": ("conductance_per_skyrmion_pot_S", "conductance_per_skyrmion_dep_S")}


def figure_names(phases: tuple[str, ...], signal: str) -> tuple[str, ...]:
    """Names of the per-device figures, in column order, for a protocol's phases and the readout's signal."""
    ends = tuple(f"end_of_{phase}" for phase in dict.fromkeys(phases))
    return ("created", "peak", *ends, "removed", *_FROM_TRACE_ANALYSIS, *_SIGNAL_SLOPES[signal],
            "write_error_rate")


def device_figures(traces: BlockTraces, phases: tuple[str, ...], signal: str) -> dict[str, np.ndarray]:
    """Figures of every (device, cycle) of a block: arrays of shape (devices x cycles,), device-major."""
    devices, cycles = traces.created.shape
    pulses = len(phases)
    names = figure_names(phases, signal)
    out = {name: np.zeros(devices * cycles) for name in names}
    phase_array = np.array(phases)
    direction = np.where(phase_array == "potentiation", 1, -1)
    last = {phase: max(i for i, p in enumerate(phases) if p == phase) for phase in dict.fromkeys(phases)}
    pot = phase_array == "potentiation"
    dep = phase_array == "depression"
    pulse_number = np.arange(1, pulses + 1, dtype=float)
    hall = signal != "conductance_S"
    pot_slope, dep_slope = _SIGNAL_SLOPES[signal]
    for d in range(devices):
        previous = traces.initial[d]
        for c in range(cycles):
            row = d * cycles + c
            span = slice(c * pulses, (c + 1) * pulses)
            n = traces.counts[d, span]
            analysed = branch_figures(n.astype(float), np.asarray(traces.signal[d, span], dtype=float), pot, dep,
                                      pulse_number, hall)
            steps = np.diff(n, prepend=previous)
            previous = n[-1]
            out["created"][row] = traces.created[d, c]
            out["peak"][row] = n.max()
            for phase, k in last.items():
                out[f"end_of_{phase}"][row] = n[k]
            out["removed"][row] = n.max() - n[-1]
            out["potentiation_states"][row] = analysed.potentiation_states
            out["depression_states"][row] = analysed.depression_states
            out["linearity_r2"][row] = analysed.linearity_r2
            out[pot_slope][row] = analysed.per_skyrmion_pot
            out[dep_slope][row] = analysed.per_skyrmion_dep
            out["write_error_rate"][row] = float(np.mean(steps != direction))
    return out


def column_statistics(values: np.ndarray) -> dict[str, float | None]:
    """Mean, std, min, max and percentiles of one figure over the population (NaN devices left out; None if
    no device has a value)."""
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return {key: None for key in ("mean", "std", "min", "max", *(f"p{q}" for q in PERCENTILES))}
    entry = {"mean": float(values.mean()), "std": float(values.std(ddof=1)) if values.size > 1 else 0.0,
             "min": float(values.min()), "max": float(values.max()), "finite_devices": int(values.size)}
    entry.update({f"p{q}": float(v) for q, v in zip(PERCENTILES, np.percentile(values, PERCENTILES))})
    return entry


def headline(statistics: dict[str, dict], states: np.ndarray | None) -> dict[str, float | None]:
    """The issue's headline numbers: states (potentiation + depression per cycle) mean and std, mean linearity
    R^2 and the mean write error rate."""
    def mean(name):
        return statistics.get(name, {}).get("mean")

    total = column_statistics(states) if states is not None else {"mean": None, "std": None}
    return {"states_mean": total["mean"], "states_std": total["std"], "linearity_r2_mean": mean("linearity_r2"),
            "write_error_rate": mean("write_error_rate")}


def is_integer_figure(name: str) -> bool:
    """Figures that count skyrmions or states (integers; histogrammed with unit bins)."""
    return name in ("created", "peak", "removed", "potentiation_states", "depression_states") or \
        name.startswith("end_of_")

