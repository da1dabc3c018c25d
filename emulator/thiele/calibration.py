"""LLG calibration of the particle model: what it takes from calibration.json (skybench.formats.calibration).

The file holds the LLG-measured Thiele coefficients and the fitted interaction laws (emulator/llg/calibration).
The particle model takes from it the two laws that no closed form gives reliably at short range
(physics.md section 2): the skyrmion-skyrmion repulsion F(rho) = (U0 / xi) K1((rho - R_i - R_j + 2 R0) / xi)
and the edge repulsion F(d) = F0 exp(-(d - R0) / xi), and, where the file has it, the edge's escape gap (block
`edge_escape`, emulator/llg/calibration/edge_escape.py: a skyrmion whose rim comes closer than it to a closed
edge leaves through it). G, D and the SOT force come from the skyrmion profile;
the calibration's own values of them are kept for the Thiele-vs-LLG checks.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from types import MappingProxyType

from emulator.thiele.exchange_tail import ExchangeRepulsion
from skybench.errors import DataError
from skybench.formats.calibration import read_calibration

ENTRIES = MappingProxyType({
    "pair_U0": "pair.U0_J", "pair_xi": "pair.xi_m", "pair_R0": "pair.R0_m",
    "edge_F0": "edge.F0_N", "edge_xi": "edge.xi_m", "edge_R0": "edge.R0_m",
    "G": "G_kg_per_s", "D": "D_kg_per_s"})
"""Field of `Calibration` -> its dotted key in calibration.json."""
OPTIONAL_NUMBERS = MappingProxyType({
    "edge_escape.gap_m": "edge_escape.gap_m", "edge.F1_N": "edge.F1_N",
    "pair.compression_field_T": "pair.compression_field_T", "pair.compression_length_m": "pair.compression_field_T",
    "edge.compression_field_T": "edge.compression_field_T", "edge.compression_length_m": "edge.compression_field_T"})
"""Dotted keys of the numbers a calibration may lack (files written before they were measured) -> the key whose
presence makes them required (a squeeze's length is required with its field)."""


@dataclasses.dataclass(frozen=True)
class Calibration:
    """The parts of an LLG calibration the particle model uses."""

    path: Path
    """Where it was read from."""
    preset: str
    """Preset it was computed for."""
    pair_U0: float
    """Pair energy scale U0 (J)."""
    pair_xi: float
    """Pair decay length (m)."""
    pair_R0: float
    """Radius at which the pair law was fitted (m)."""
    edge_F0: float
    """Edge force at d = R0 (N)."""
    edge_xi: float
    """Edge decay length (m)."""
    edge_R0: float
    """Offset of the edge law (m)."""
    G: float
    """LLG gyrocoupling (kg/s), signed."""
    D: float
    """LLG dissipation tensor component (kg/s)."""
    settings: dict
    """LLG settings of the run (cell size, demag, integrator, durations)."""
    edge_escape_gap: float | None = None
    """Escape gap of a closed edge (m), None where the file has no `edge_escape` block (files written before it
    was measured)."""
    edge_F1: float = 0.0
    """Inner term of the edge law (N), 0 where the file has none (the plain exponential)."""
    pair_compression: tuple[float, float] = (0.0, 1e-9)
    """(B_c (T), lambda (m)) of a neighbour's squeeze (emulator/llg/calibration/compression.py); B_c = 0 where
    the file has none."""
    edge_compression: tuple[float, float] = (0.0, 1e-9)
    """(B_c (T), lambda (m)) of an edge's squeeze; B_c = 0 where the file has none."""

    def repulsion(self) -> ExchangeRepulsion:
        """The pair and edge laws as a Thiele force term."""
        return ExchangeRepulsion(U0=self.pair_U0, xi=self.pair_xi, R0=self.pair_R0, edge_F0=self.edge_F0,
                                 edge_xi=self.edge_xi, edge_R0=self.edge_R0,
                                 edge_F1=self.edge_F1,
                                 pair_compression=self.pair_compression, edge_compression=self.edge_compression)


def load_calibration(path: str | Path) -> Calibration:
    """Read and check a calibration.json; a missing, malformed or unphysical file raises DataError."""
    path = Path(path)
    data = read_calibration(path, numbers=ENTRIES.values())
    values = {}
    for name, key in ENTRIES.items():
        value = data
        for part in key.split("."):
            value = value[part]
        if name != "G" and value <= 0:
            raise DataError(f"{path}: {name} = {value!r} must be positive")
        values[name] = float(value)
    # The optional blocks present, their numbers checked by the format module in one more read.
    present = [key for key, trigger in OPTIONAL_NUMBERS.items()
               if trigger.split(".")[0] in data and trigger.split(".")[1] in data[trigger.split(".")[0]]]
    checked = read_calibration(path, numbers=present) if present else {}
    optional = {}
    if "edge_escape.gap_m" in present:
        gap = float(checked["edge_escape"]["gap_m"])
        if gap <= 0:
            raise DataError(f"{path}: edge_escape.gap_m = {gap!r} must be positive")
        optional["edge_escape_gap"] = gap
    if "edge.F1_N" in present:
        inner = float(checked["edge"]["F1_N"])
        if inner < 0:
            raise DataError(f"{path}: edge.F1_N = {inner!r} must be >= 0")
        optional["edge_F1"] = inner
    for name in ("pair", "edge"):
        if f"{name}.compression_field_T" in present:
            block = checked[name]
            field, length = float(block["compression_field_T"]), float(block["compression_length_m"])
            if field < 0 or length <= 0:
                raise DataError(f"{path}: {name}.compression_field_T = {field!r} must be >= 0 and "
                                f"{name}.compression_length_m = {length!r} > 0")
            optional[f"{name}_compression"] = (field, length)
    return Calibration(path=path, preset=str(data.get("preset", "")), settings=dict(data.get("llg_settings", {})),
                       **optional, **values)
