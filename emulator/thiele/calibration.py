"""LLG calibration of the particle model: what it takes from calibration.json (skybench.formats.calibration).

The file holds the LLG-measured Thiele coefficients and the fitted interaction laws (emulator/llg/calibration).
The particle model takes from it the two laws that no closed form gives reliably at short range
(physics.md section 2): the skyrmion-skyrmion repulsion F(rho) = (U0 / xi) K1((rho - R_i - R_j + 2 R0) / xi)
and the edge repulsion F(d) = F0 exp(-(d - R0) / xi). G, D and the SOT force come from the skyrmion profile;
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

    def repulsion(self) -> ExchangeRepulsion:
        """The pair and edge laws as a Thiele force term."""
        return ExchangeRepulsion(U0=self.pair_U0, xi=self.pair_xi, R0=self.pair_R0, edge_F0=self.edge_F0,
                                 edge_xi=self.edge_xi, edge_R0=self.edge_R0)


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
    return Calibration(path=path, preset=str(data.get("preset", "")), settings=dict(data.get("llg_settings", {})),
                       **values)
