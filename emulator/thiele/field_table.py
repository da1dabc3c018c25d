"""Radius and Thiele profile integrals as functions of the local field, tabulated for the kernel.

The skyrmion radius follows the local field B_eff = B_z + B_dip instantly (radius relaxation is sub-ns, far
faster than the drift), so every per-skyrmion coefficient is a function of B_eff alone: the equilibrium radius
R_eq, the dissipation integral pi int (th'^2 + sin^2 th / r^2) r dr and the SOT integral pi int (r th' +
sin th cos th) dr. Two builders:
- `from_radial_minimiser`: ultrathin films, the relaxed continuum profile at each field
  (emulator/skyrmion_profile.py);
- `from_bubble_model`: thick multilayers, the effective-medium bubble radius (emulator/bubble.py) with the
  360-degree wall ansatz of the multilayer wall's width (emulator/hybrid_wall.py) for the integrals.
"""
from __future__ import annotations

import dataclasses
import math

import numba
import numpy as np

from emulator.bubble import BubbleModel
from emulator.hybrid_wall import HybridWall
from emulator.material import Material
from emulator.skyrmion_profile import ansatz_profile, relax_profile


@dataclasses.dataclass(frozen=True)
class FieldTable:
    """R_eq, dissipation and SOT integrals on a uniform field grid; R_eq = 0 where no skyrmion exists."""

    b0: float
    """First field (T)."""
    db: float
    """Field step (T)."""
    radius: np.ndarray
    """Equilibrium radius (m)."""
    dissipation: np.ndarray
    """Dissipation integral (dimensionless)."""
    sot: np.ndarray
    """SOT integral (m)."""

    def array(self) -> np.ndarray:
        """Kernel form: row 0 = [b0, db, n], rows 1..n = [R_eq, D_int, I]."""
        n = len(self.radius)
        out = np.zeros((n + 1, 3))
        out[0] = (self.b0, self.db, n)
        out[1:, 0] = self.radius
        out[1:, 1] = self.dissipation
        out[1:, 2] = self.sot
        return out

    def at(self, b: float) -> tuple[float, float, float]:
        """(R_eq, D_int, I) at field b by linear interpolation; R_eq = 0 beyond the table or where none."""
        fields = self.b0 + self.db * np.arange(len(self.radius))
        if b < fields[0] or b > fields[-1]:
            return 0.0, 0.0, 0.0
        return (float(np.interp(b, fields, self.radius)), float(np.interp(b, fields, self.dissipation)),
                float(np.interp(b, fields, self.sot)))

    @classmethod
    def from_radial_minimiser(cls, material: Material, b_max: float, db: float, demag: str) -> "FieldTable":
        fields = np.arange(0.0, b_max + 0.5 * db, db)
        radius, dissipation, sot = [], [], []
        guess = None
        for b in fields:
            profile = relax_profile(material, float(b), demag, radius_guess=guess)
            radius.append(profile.radius)
            dissipation.append(profile.dissipation_integral)
            sot.append(profile.sot_integral)
            guess = profile.radius if profile.radius > 0 else None
        return cls(0.0, db, np.array(radius), np.array(dissipation), np.array(sot))

    @classmethod
    def from_bubble_model(cls, material: Material, b_min: float, b_max: float, db: float,
                          r_max: float) -> "FieldTable":
        fields = np.arange(b_min, b_max + 0.5 * db, db)
        radius = BubbleModel(material).radius_table(fields, r_max)
        radius = np.where(np.isfinite(radius), radius, 0.0)
        wall = HybridWall(material).width
        dissipation = np.zeros_like(radius)
        sot = np.zeros_like(radius)
        for i, R in enumerate(radius):
            if R > 0:
                profile = ansatz_profile(R, wall)
                dissipation[i] = profile.dissipation_integral
                sot[i] = profile.sot_integral
        return cls(b_min, db, radius, dissipation, sot)


@numba.njit(cache=True, inline="always")
def field_lookup(table, b):
    """Interpolate the kernel form of a table at b: (R_eq, dissipation integral, SOT integral); R_eq <= 0 where
    no skyrmion exists (beyond the table's last field, or a zero radius at either neighbouring node)."""
    b0 = table[0, 0]
    db = table[0, 1]
    n = int(table[0, 2])
    f = (b - b0) / db
    if f < 0.0:
        f = 0.0
    if f >= n - 1:
        return -1.0, 0.0, 0.0
    k = int(f)
    a = f - k
    r0 = table[1 + k, 0]
    r1 = table[2 + k, 0]
    if r0 <= 0.0 or r1 <= 0.0:
        return -1.0, 0.0, 0.0
    return ((1 - a) * r0 + a * r1, (1 - a) * table[1 + k, 1] + a * table[2 + k, 1],
            (1 - a) * table[1 + k, 2] + a * table[2 + k, 2])
