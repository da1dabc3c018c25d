"""The stray field of a magnetic point dipole (a tip or a small write head) at height h over the film.

A localized out-of-plane field, as the paper's Methods use to promote nucleation on the pad, cannot be purely
out of plane: div B = 0 makes a field that is strong over a small spot spread out at its rim. The simplest
such field is that of a point dipole m = m_z z at height h above (side +1) or below (side -1) the point
(x0, y0) of the film. With R = (x - x0, y - y0, -side h), rho = |R| (Jackson, Classical Electrodynamics,
eq. 5.56):

    B = mu0 / (4 pi rho^5) [3 (m . R) R - rho^2 m]
      = (Bz0 h^3 / 2) [ -3 side h (x - x0, y - y0) / rho^5 ,  (3 h^2 - rho^2) / rho^5 ],

normalised by the field Bz0 (T) directly under the dipole (rho = h). B_z changes sign at r = sqrt(2) h; the
in-plane part is radial, outward for Bz0 < 0 with the source above the film (side +1). A reversal driven by it
starts with the rim tilted radially, i.e. with a Neel winding; a uniform -z field on a disk gives no torque on
m = +z and reverses only from edges. Energy density e = -Ms m . B s(t), s(t) a dimensionless waveform.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from emulator.llg.term import EnergyTerm
from emulator.llg.waveform import Constant, Waveform
from emulator.llg.zeeman import MAX_FIELD_T, zeeman_map_add_field
from skybench.errors import ParameterError, check_positive, check_range


@dataclasses.dataclass(frozen=True, eq=False)
class TipField(EnergyTerm):
    """Stray field of a point dipole along z at height `height` over (x0, y0), times s(t)."""

    Bz0: float
    """Field along z directly under the dipole (T); negative for a field along -z."""
    centre: tuple[float, float]
    """(x0, y0) of the point under the dipole (m, mesh coordinates)."""
    height: float
    """Height h of the dipole over the film's mid-plane (m); B_z changes sign at r = sqrt(2) h."""
    side: int = 1
    """+1: dipole above the film (in-plane part outward for Bz0 < 0); -1: below (inward)."""
    waveform: Waveform = Constant(1.0)
    """Dimensionless time factor s(t)."""
    label: str = ""
    """Distinguishes several tip fields (name 'tipfield:<label>')."""

    def __post_init__(self):
        check_range("Bz0", self.Bz0, -MAX_FIELD_T, MAX_FIELD_T, "T")
        check_positive("height", self.height, "m")
        if self.side not in (1, -1):
            raise ParameterError("side", self.side, "+1 (above the film) or -1 (below)")
        if len(self.centre) != 2:
            raise ParameterError("centre", self.centre, "a point (x, y) in metres")

    @property
    def name(self):
        return f"tipfield:{self.label}" if self.label else "tipfield"

    def field_map(self, magnet) -> np.ndarray:
        """B (T) per cell at s = 1, shape (3, ny, nx), 0 outside the magnet; cached in the workspace."""
        key = ("tip-field", self.name, self.Bz0, tuple(self.centre), self.height, self.side)
        if key not in magnet.workspace:
            x, y = magnet.mesh.centres()
            dx, dy, h = x - self.centre[0], y - self.centre[1], self.height
            rho2 = dx * dx + dy * dy + h * h
            rho5 = rho2 * rho2 * np.sqrt(rho2)
            scale = 0.5 * self.Bz0 * h**3
            b = np.stack([-3.0 * self.side * h * dx * scale / rho5, -3.0 * self.side * h * dy * scale / rho5,
                          (3.0 * h * h - rho2) * scale / rho5])
            b[:, ~magnet.mask] = 0.0
            magnet.workspace[key] = np.ascontiguousarray(b)
        return magnet.workspace[key]

    def add_field(self, m, out, magnet, t=0.0):
        s = self.waveform.value(t)
        if s != 0.0:
            zeeman_map_add_field(self.field_map(magnet), s, out)

    def add_static_field(self, magnet, t, out):
        self.add_field(None, out, magnet, t)
        return True

    def energy_density(self, m, magnet, t=0.0):
        b = self.field_map(magnet) * self.waveform.value(t)
        return -magnet.Ms * np.sum(m * b, axis=0)

    def max_field(self, magnet):
        return abs(self.Bz0)

    def breakpoints(self):
        return self.waveform.breakpoints()
