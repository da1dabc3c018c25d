"""Reports of a `Comparison`: chip.json (every number), chip.md (the side-by-side table, like the paper's
Table S1) and breakdown.png (where area and energy go, by kind and by component).

Writers take the folder to write into (the command passes its staging folder, so nothing is half-written).
matplotlib runs with the Agg backend.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from types import MappingProxyType

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from nn.chip.breakdown import KINDS  # noqa: E402
from nn.chip.compare import Comparison  # noqa: E402

KIND_COLOURS = MappingProxyType({"device": "#1b9e77", "access": "#d95f02", "periphery": "#7570b3"})
"""Bar colour of each kind in breakdown.png."""
TOP_COMPONENTS = 8
"""Components shown in the per-component panel of breakdown.png."""
FIGURE_DPI = 120
"""Resolution of the written figures (dots per inch)."""


def write_json(comparison: Comparison, folder: Path) -> Path:
    path = Path(folder) / "chip.json"
    path.write_text(json.dumps(comparison.summary(), indent=2, default=_jsonable) + "\n")
    return path


def _jsonable(value):
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"not JSON serialisable: {value!r}")


# --- chip.md ---------------------------------------------------------------------------------------
_PREFIXES = ((1e-15, "f"), (1e-12, "p"), (1e-9, "n"), (1e-6, "u"), (1e-3, "m"), (1.0, ""), (1e3, "k"), (1e6, "M"))


def eng(value: float, unit: str, digits: int = 3) -> str:
    """`value` with an SI prefix, e.g. eng(1.77e-13, 'J') == '177 fJ'."""
    if value == 0 or not math.isfinite(value):
        return f"{value:g} {unit}".strip()
    scale, prefix = _PREFIXES[0]
    for s, p in _PREFIXES:
        if abs(value) >= s * 0.9995:
            scale, prefix = s, p
    return f"{value / scale:.{digits}g} {prefix}{unit}".strip()


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.3g}" if b else "-"


def _si(unit: str):
    return lambda value: eng(value, unit)


def _mm2(value: float) -> str:
    return f"{value * 1e6:.3g} mm^2"


def _plain(value: float) -> str:
    return f"{value:.3g}"


def _anchor_value(value: float, unit: str) -> str:
    return f"{value * 1e12:.3g} um^2" if unit == "m^2" else eng(value, unit)


def markdown(comparison: Comparison) -> str:
    ests = comparison.estimates
    ref = ests[0]
    names = [e.cell.name for e in ests]
    m = ref.mapping
    others = ests[1:]
    head = "| " + " | ".join(["quantity"] + names + [f"{e.cell.name}/{ref.cell.name}" for e in others]) + " |"
    rule = "|" + "---|" * (1 + len(ests) + len(others))

    def row(label, getter, fmt):
        values = [float(getter(e)) for e in ests]
        ratios = [_ratio(v, values[0]) for v in values[1:]]
        return "| " + " | ".join([label] + [fmt(v) for v in values] + ratios) + " |"

    lines = [
        f"# Chip-level comparison: {' vs '.join(f'{e.cell.name} {e.cell.cell_type}' for e in ests)}",
        "",
        f"Network {m.network.label} on {ref.architecture.subarray_rows}x{ref.architecture.subarray_cols} "
        f"subarrays at {ref.technology}, {m.network.devices_per_weight} device(s) per weight: {m.subarrays} "
        f"subarrays ({m.utilization:.1%} of cells used), "
        f"{m.pes} PEs, {m.tiles} tiles; {m.network.ops} operations per inference; "
        f"{ref.architecture.input_bits}-bit inputs, {ref.architecture.adc_bits}-bit ADCs, "
        f"{ref.architecture.columns_per_adc} columns per ADC. Every number below is computed by nn.chip "
        "from the parameters in chip.json.",
        "",
        "## Cells (paper Methods table)",
        "",
        "| parameter | " + " | ".join(names) + " |",
        "|" + "---|" * (1 + len(ests)),
    ]
    for label, key, unit in (("R_on", "R_on", "Ohm"), ("R_off", "R_off", "Ohm"), ("read voltage", "V_read", "V"),
                             ("read pulse", "t_read", "s"), ("access voltage", "V_access", "V"),
                             ("write voltage", "V_write", "V"), ("write pulse", "t_write", "s")):
        lines.append(f"| {label} | " + " | ".join(eng(getattr(e.cell, key), unit) for e in ests) + " |")
    lines.append("| cell (F x F) | " + " | ".join(f"{e.cell.height_F:g}F x {e.cell.width_F:g}F" for e in ests) + " |")
    lines.append("| bits / states | " + " | ".join(f"{e.cell.cell_bits} / {e.cell.n_states}" for e in ests) + " |")
    lines.append("| cell type | " + " | ".join(e.cell.cell_type for e in ests) + " |")
    lines.append("| on/off ratio | " + " | ".join(f"{e.cell.on_off_ratio:.3g}" for e in ests) + " |")
    lines += ["", "## Chip-level performance (cf. the paper's Table S1)", "", head, rule,
              row("chip area", lambda e: e.area.total, _mm2),
              row("  array (cells)", lambda e: e.area.kind_total("device"), _mm2),
              row("  periphery", lambda e: e.area.kind_total("periphery"), _mm2),
              row("read latency / inference", lambda e: e.read_latency.total, _si("s")),
              row("read dynamic energy / inference", lambda e: e.read_energy.total, _si("J")),
              *[row(f"  {kind}", lambda e, k=kind: e.read_energy.kind_total(k), _si("J")) for kind in KINDS],
              row("leakage power", lambda e: e.leakage.total, _si("W")),
              row("leakage energy / inference", lambda e: e.leakage_energy, _si("J")),
              row("write energy / update (pulse)", lambda e: e.write_energy.total, _si("J")),
              *[row(f"  {kind}", lambda e, k=kind: e.write_energy.kind_total(k), _si("J")) for kind in KINDS],
              row("write latency / update", lambda e: e.write_latency.total, _si("s")),
              row("update round (all cells, 1 pulse)", lambda e: e.update_round_latency, _si("s")),
              row("TOPS", lambda e: e.tops, _plain),
              row("TOPS/W", lambda e: e.tops_per_w, _plain),
              row("TOPS/mm^2", lambda e: e.tops_per_mm2, _plain)]
    t = ref.training.counts
    lines += ["", "## Training", "", f"Pulse counts: {t.source} (device: {t.device}); {t.training_images} images, "
              f"{t.weight_updates_total:.6g} pulses ({t.pulses_potentiation_total:.6g} potentiation, "
              f"{t.pulses_depression_total:.6g} depression).", "", head, rule,
              row("energy / training image", lambda e: e.training.energy_per_image, _si("J")),
              row("latency / training image", lambda e: e.training.latency_per_image, _si("s")),
              row("write energy, whole run", lambda e: e.training.write_energy_total, _si("J")),
              row("write time, whole run", lambda e: e.training.write_latency_total, _si("s")),
              row("energy, whole run", lambda e: e.training.energy_total, _si("J")),
              row("time, whole run", lambda e: e.training.latency_total, _si("s"))]
    lines += ["", "## Read energy per inference by component", "", head, rule]
    components = list(dict.fromkeys(name for e in ests for name in e.read_energy.as_dict()))
    for name in components:
        lines.append(row(name, lambda e, n=name: e.read_energy.as_dict().get(n, 0.0), _si("J")))
    anchors = comparison.anchors()
    if anchors:
        lines += ["", "## RRAM against published NeuroSim figures", "",
                  "| quantity | published | ours | ours/published | stated factor | within | source |",
                  "|---|---|---|---|---|---|---|"]
        for a in anchors:
            within = "context only" if a["within"] is None else ("yes" if a["within"] else "NO")
            factor = "-" if not a["factor"] else f"{a['factor']:g}x"
            lines.append(f"| {a['name']} | {_anchor_value(a['published'], a['unit'])} | "
                         f"{_anchor_value(a['ours'], a['unit'])} | "
                         f"{a['ratio']:.3g} | {factor} | {within} | {a['source']}; {a['why']} |")
    return "\n".join(lines) + "\n"


def write_markdown(comparison: Comparison, folder: Path) -> Path:
    path = Path(folder) / "chip.md"
    path.write_text(markdown(comparison))
    return path


# --- breakdown.png ---------------------------------------------------------------------------------
def _stacked(ax, comparison: Comparison, getter, scale: float, ylabel: str, title: str) -> None:
    names = [e.cell.name for e in comparison.estimates]
    bottom = [0.0] * len(names)
    for kind in KINDS:
        values = [getter(e).kind_total(kind) * scale for e in comparison.estimates]
        ax.bar(names, values, bottom=bottom, color=KIND_COLOURS[kind], label=kind)
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)


def write_breakdown_figure(comparison: Comparison, folder: Path) -> Path:
    ests = comparison.estimates
    fig, axes = plt.subplots(2, 2, figsize=(11, 8))
    _stacked(axes[0, 0], comparison, lambda e: e.area, 1e6, "area (mm$^2$)", "chip area (device = cell array)")
    _stacked(axes[0, 1], comparison, lambda e: e.read_energy, 1e9, "energy (nJ)", "read dynamic energy / inference")
    ax = axes[1, 0]
    width = 0.8 / len(KINDS)
    for i, kind in enumerate(KINDS):
        values = [max(e.write_energy.kind_total(kind) * 1e15, 1e-6) for e in ests]
        ax.bar([j + (i - 1) * width for j in range(len(ests))], values, width, color=KIND_COLOURS[kind],
               label=kind)
    ax.set_xticks(range(len(ests)), [e.cell.name for e in ests])
    ax.set_yscale("log")
    ax.set_ylabel("energy (fJ)")
    ax.set_title("write energy / update, by kind (log)", fontsize=10)
    ax.legend(fontsize=8)
    ax = axes[1, 1]
    totals: dict[str, float] = {}
    for e in ests:
        for name, value in e.read_energy.as_dict().items():
            totals[name] = max(totals.get(name, 0.0), value)
    top = sorted(totals, key=totals.get, reverse=True)[:TOP_COMPONENTS]
    height = 0.8 / len(ests)
    for i, e in enumerate(ests):
        parts = e.read_energy.as_dict()
        ax.barh([j + i * height for j in range(len(top))], [parts.get(n, 0.0) * 1e9 for n in top], height,
                label=e.cell.name)
    ax.set_yticks([j + height * (len(ests) - 1) / 2 for j in range(len(top))], top)
    ax.invert_yaxis()
    ax.set_xlabel("energy / inference (nJ)")
    ax.set_title(f"read energy, top {len(top)} components", fontsize=10)
    ax.legend(fontsize=8)
    axes[0, 0].legend(fontsize=8)
    m = ests[0].mapping
    fig.suptitle(f"{m.network.label} on {m.subarrays} subarrays at {ests[0].technology}: where area and energy go")
    fig.tight_layout()
    path = Path(folder) / "breakdown.png"
    fig.savefig(path, dpi=FIGURE_DPI)
    plt.close(fig)
    return path


def write_reports(comparison: Comparison, folder: Path) -> list[Path]:
    """Write chip.json, chip.md and breakdown.png into `folder`."""
    return [write_json(comparison, folder), write_markdown(comparison, folder),
            write_breakdown_figure(comparison, folder)]
