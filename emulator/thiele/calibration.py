"""LLG calibration of the particle model: reading calibration.json (written by `skybench calibrate`).

The file holds the LLG-measured Thiele coefficients and the fitted interaction laws (emulator/llg/calibration).
The particle model takes from it the two laws that no closed form gives reliably at short range
(physics.md section 2): the skyrmion-skyrmion repulsion F(rho) = (U0 / xi) K1((rho - R_i - R_j + 2 R0) / xi)
and the edge repulsion F(d) = F0 exp(-(d - R0) / xi). G, D and the SOT force come from the skyrmion profile;
the calibration's own values of them are kept for the Thiele-vs-LLG checks.
"""
from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

from emulator.thiele.exchange_tail import ExchangeRepulsion
from skybench.errors import DataError

FORMAT = "skybench-llg-calibration/1"
"""The calibration file format this reader understands."""


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
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        raise DataError(f"{path}: calibration file not found (write one with `skybench calibrate`)") from None
    except (OSError, json.JSONDecodeError) as error:
        raise DataError(f"{path}: not a readable calibration JSON ({error})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DataError(f"{path}: format is {data.get('format') if isinstance(data, dict) else None!r}, "
                        f"expected {FORMAT!r}")
    try:
        values = dict(
            pair_U0=data["pair"]["U0_J"], pair_xi=data["pair"]["xi_m"], pair_R0=data["pair"]["R0_m"],
            edge_F0=data["edge"]["F0_N"], edge_xi=data["edge"]["xi_m"], edge_R0=data["edge"]["R0_m"],
            G=data["G_kg_per_s"], D=data["D_kg_per_s"])
    except (KeyError, TypeError) as error:
        raise DataError(f"{path}: missing calibration entry {error}") from None
    for name, value in values.items():
        if not isinstance(value, (int, float)) or not math.isfinite(value):
            raise DataError(f"{path}: {name} = {value!r} is not a finite number")
        if name not in ("G",) and value <= 0:
            raise DataError(f"{path}: {name} = {value!r} must be positive")
    return Calibration(path=path, preset=str(data.get("preset", "")), settings=dict(data.get("llg_settings", {})),
                       **{k: float(v) for k, v in values.items()})
