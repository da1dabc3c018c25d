"""A synthetic synapse written as a `trace.csv` in the emulator's format (for tests, benchmarks, what-ifs).

Not a physics model: the skyrmion count after pulse k of a branch follows NeuroSim's normalised curve
(`nn.nonlinearity.curve`), n_k = round(n_max z(k/P)) for potentiation and n_max - round((n_max - n_floor)
z(k/P)) for depression, and the readout is linear in the count. Real traces come from the emulator
(`emulator.api.write_device_run`); this lets the nn code be exercised and checked against known levels.
"""
from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np

from nn.nonlinearity import curve
from skybench.errors import check_positive, check_range
from skybench.formats.trace import SYNAPSE, TRACE_FILE, write_trace

HALL_PULSE = (1.0e10, 100e-9)
"""Current density (A/m^2) and width (s) recorded in synthetic Hall-bar rows (paper Fig. 2b order of magnitude)."""
DIAMETER = 270e-9
"""Mean skyrmion diameter written in synthetic rows (m); paper: 256-285 nm."""


@dataclasses.dataclass(frozen=True)
class SyntheticSynapse:
    """Parameters of a synthetic trace (defaults: a Fig. 2b-like Hall bar with the paper's numbers)."""

    pot_pulses: int = 24
    """Potentiation pulses (rows); paper Fig. 2b: 24 states."""
    dep_pulses: int = 16
    """Depression pulses (rows); paper Fig. 2b: 16 states."""
    max_skyrmions: int = 41
    """Skyrmions after the last potentiation pulse; paper: 41."""
    floor_skyrmions: int = 3
    """Skyrmions left after the last depression pulse (paper: back to a few)."""
    a_pot: float = 1.0
    """Normalised NeuroSim curve parameter of potentiation (A / Pmax; inf = linear)."""
    a_dep: float = 1.0
    """Normalised NeuroSim curve parameter of depression (A / Pmax; inf = linear)."""
    drho_per_skyrmion: float = 7.6
    """Hall resistivity change per skyrmion (nOhm cm, negative direction); paper: 8.1 +- 1.7, final -310."""
    readout_std: float | None = 4.0
    """Per-state readout spread written as rho_xy_std_nOhm_cm (nOhm cm), or None for no column."""
    conductance: tuple[float, float] | None = None
    """(G at 0 skyrmions, G at max_skyrmions) in S to write a conductance_S column (MTJ), or None."""
    conductance_jitter: float = 0.0
    """Std of a per-row random conductance offset (S), drawn with the seed (state spread of an MTJ trace)."""

    def __post_init__(self):
        for name in ("pot_pulses", "dep_pulses", "max_skyrmions"):
            check_range(name, getattr(self, name), 2, None)
        check_range("floor_skyrmions", self.floor_skyrmions, 0, self.max_skyrmions - 1)
        check_positive("drho_per_skyrmion", self.drho_per_skyrmion, "nOhm cm")
        check_range("conductance_jitter", self.conductance_jitter, 0.0, None, "S")

    def skyrmion_counts(self) -> tuple[np.ndarray, np.ndarray]:
        """Skyrmions after each potentiation and each depression pulse."""
        up = curve(np.arange(1, self.pot_pulses + 1) / self.pot_pulses, _b(self.a_pot))
        down = curve(np.arange(1, self.dep_pulses + 1) / self.dep_pulses, _b(self.a_dep))
        pot = np.round(self.max_skyrmions * up).astype(int)
        dep = self.max_skyrmions - np.round((self.max_skyrmions - self.floor_skyrmions) * down).astype(int)
        return pot, dep

    def write(self, folder: str | Path, seed: int = 0) -> Path:
        """Write `folder/trace.csv`; return its path. `seed` draws the conductance jitter."""
        rng = np.random.default_rng(seed)
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        pot, dep = self.skyrmion_counts()
        counts = np.r_[pot, dep]
        signs = np.r_[np.ones(pot.size), -np.ones(dep.size)]
        table = {
            "pulse_index": list(range(1, counts.size + 1)),
            "phase": ["potentiation"] * pot.size + ["depression"] * dep.size,
            "current_density_A_per_m2": [float(f"{sign * HALL_PULSE[0]:.6g}") for sign in signs],
            "pulse_width_s": [float(f"{HALL_PULSE[1]:.6g}")] * counts.size,
            "n_skyrmions_active": [int(count) for count in counts],
            "mean_diameter_m": [float(f"{DIAMETER:.6g}")] * counts.size,
            "rho_xy_change_nOhm_cm": [float(f"{-self.drho_per_skyrmion * count:.6g}") for count in counts],
        }
        if self.readout_std is not None:
            table["rho_xy_std_nOhm_cm"] = [float(f"{self.readout_std:.6g}")] * counts.size
        if self.conductance is not None:
            g0, g1 = self.conductance
            table["conductance_S"] = [float(f"{g:.9g}") for g in g0 + (g1 - g0) * counts / self.max_skyrmions
                                      + self.conductance_jitter * rng.standard_normal(counts.size)]
        return write_trace(folder / TRACE_FILE, SYNAPSE, table)


def _b(a: float) -> float:
    return 0.0 if math.isinf(a) else 1.0 / a
