"""Uniaxial magnetocrystalline anisotropy.

Energy density (J/m^3) and effective field (T) (mumax3 `anisotropy.go`, first order):

    e_an = Ku [1 - (m . u)^2],        B_an = (2 Ku / Ms) (m . u) u,

with Ku the anisotropy constant (J/m^3) and u the unit easy axis (z for perpendicular films). The constant
offset makes the uniform easy-axis state zero energy; it does not change the field.
"""
from __future__ import annotations

import dataclasses

import numba
import numpy as np

from emulator.llg import local
from emulator.llg.term import EnergyTerm
from skybench.errors import ParameterError, check_range


@dataclasses.dataclass(frozen=True)
class UniaxialAnisotropy(EnergyTerm):
    """First-order uniaxial anisotropy Ku [1 - (m.u)^2]."""

    Ku: float
    """Anisotropy constant (J/m^3); negative for an easy plane."""
    axis: tuple[float, float, float] = (0.0, 0.0, 1.0)
    """Easy axis u (unit vector, dimensionless)."""

    def __post_init__(self):
        check_range("Ku", self.Ku, None, None, "J/m^3")
        u = np.asarray(self.axis, dtype=float)
        if u.shape != (3,) or abs(float(np.linalg.norm(u)) - 1.0) > 1e-12:
            raise ParameterError("axis", self.axis, "a unit 3-vector")

    @property
    def name(self):
        return "anisotropy"

    def add_field(self, m, out, magnet, t=0.0):
        ux, uy, uz = self.axis
        anisotropy_add_field(m, magnet.mask, 2.0 * self.Ku / magnet.Ms, ux, uy, uz, out)

    def local_coefficients(self, magnet, t, coefficients):
        if tuple(self.axis) != (0.0, 0.0, 1.0):
            return False
        coefficients[local.KZ] += 2.0 * self.Ku / magnet.Ms
        return True

    def energy_density(self, m, magnet, t=0.0):
        ux, uy, uz = self.axis
        mu = m[0] * ux + m[1] * uy + m[2] * uz
        return np.where(magnet.mask, self.Ku * (1.0 - mu * mu), 0.0)

    def max_field(self, magnet):
        return 2.0 * abs(self.Ku) / magnet.Ms


@numba.njit(cache=True)
def anisotropy_add_field(m, mask, c, ux, uy, uz, out):
    """out += c (m . u) u with c = 2 Ku / Ms (T)."""
    ny, nx = mask.shape
    for j in range(ny):
        for i in range(nx):
            if mask[j, i]:
                mu = c * (m[0, j, i] * ux + m[1, j, i] * uy + m[2, j, i] * uz)
                out[0, j, i] += mu * ux
                out[1, j, i] += mu * uy
                out[2, j, i] += mu * uz
