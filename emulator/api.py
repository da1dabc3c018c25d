"""Run folders: a device preset through a pulse protocol (`skybench device`); a population of them is a study
(emulator/study.py).

A device folder holds trace.csv (one row per pulse), events.csv (every birth, death, area crossing, pinning
change), summary.json (figures of merit, trace_analysis.py) and the figures trace.png and snapshot.png. Files
are written to a staging folder and moved into place only when all of them are complete.
"""
from __future__ import annotations

import csv
import math
from pathlib import Path

from emulator.experiment import ExperimentResult, run_protocol
from emulator.plots import plot_snapshot, plot_trace
from emulator.presets import DEVICES
from emulator.pulse_protocols import protocol as named_protocol
from emulator.readout import MTJReadout
from emulator.trace_analysis import summarize
from skybench.errors import check_choice, check_seed
from skybench.formats.run_summary import write_summary
from skybench.formats.trace import SYNAPSE, TRACE_FILE, write_trace
from skybench.outputs import check_writable, json_safe, staged_output

TRACE_COLUMNS = SYNAPSE.required_names
"""Columns of trace.csv (skybench.formats.trace.SYNAPSE; an MTJ device adds conductance_S)."""
EVENT_COLUMNS = ("time_s", "kind", "skyrmion_id", "x_m", "y_m")
"""Columns of events.csv."""
OHM_M_TO_NOHM_CM = 1.0 / SYNAPSE.column("rho_xy_change_nOhm_cm").si_factor
"""Ohm m to the trace's nOhm cm (1e11), from the schema's units."""


def trace_table(result: ExperimentResult) -> dict[str, list]:
    """The trace as columns: one entry per pulse."""
    mtj = isinstance(result.preset.readout, MTJReadout)
    table: dict[str, list] = {name: [] for name in TRACE_COLUMNS + (("conductance_S",) if mtj else ())}
    for row in result.rows:
        r = row.reading
        table["pulse_index"].append(row.pulse_index)
        table["phase"].append(row.phase)
        table["current_density_A_per_m2"].append(row.current_density)
        table["pulse_width_s"].append(row.pulse_width)
        table["n_skyrmions_active"].append(r.n_inside)
        table["mean_diameter_m"].append(r.mean_diameter)
        table["rho_xy_change_nOhm_cm"].append((r.rho_xy - result.reference.rho_xy) * OHM_M_TO_NOHM_CM)
        if mtj:
            table["conductance_S"].append(r.conductance)
    return table


def run_summary(result: ExperimentResult, table: dict[str, list]) -> dict:
    """summary.json content: the trace's figures of merit plus the run's bookkeeping."""
    summary = summarize(table)
    summary.update({
        "preset": result.preset.name,
        "protocol": result.protocol.name,
        "seed": result.seed,
        "pulses": len(result.rows),
        "skyrmions_created": result.created,
        "wall_time_s": result.wall_time,
        "source": result.preset.source,
    })
    return json_safe(summary)


def write_device_run(preset: str, protocol: str, out: Path, seed: int = 0, current_density: float | None = None,
                     pulse_width: float | None = None, force: bool = False,
                     depression_field: float | None = None) -> Path:
    """Run preset `preset` through protocol `protocol` with `seed` and write the run folder `out`.

    `current_density` (A/m^2) and `pulse_width` (s) override the protocol's peak amplitude and width,
    `depression_field` (T) fig2b's depression field; `force` replaces an existing non-empty `out` as a whole
    (skybench.outputs).
    """
    check_choice("preset", preset, tuple(DEVICES))
    steps = named_protocol(protocol, current_density, pulse_width, depression_field)
    check_seed("seed", seed)
    out = check_writable(out, force=force)
    result = run_protocol(DEVICES[preset](), steps, int(seed))
    table = trace_table(result)
    summary = run_summary(result, table)
    with staged_output(out, force=force) as stage:
        write_trace(stage / TRACE_FILE, SYNAPSE, table)
        _write_csv(stage / "events.csv", EVENT_COLUMNS, result.events)
        write_summary(stage, "device", summary)
        plot_trace(table, stage / "trace.png", f"{preset} / {protocol} (seed {seed})")
        plot_snapshot(result.preset.model.geometry, result.snapshot, stage / "snapshot.png",
                      f"{preset}, end of potentiation")
    return out


def _write_csv(path: Path, header, rows) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if isinstance(v, float) and not math.isfinite(v) else _format(v) for v in row])


def _format(value):
    return repr(value) if isinstance(value, float) else value
