"""Heisenberg exchange.

Energy density (J/m^3) and effective field (T) (Aharoni, Introduction to the Theory of Ferromagnetism, ch. 6;
mumax3 `exchange.go`):

    e_ex = A |grad m|^2,          B_ex = (2 A / Ms) laplacian m,

with A the exchange stiffness (J/m). The Laplacian is the 5-point stencil; a missing neighbour (grid edge or
non-magnetic cell) contributes nothing, which is the free (Neumann) boundary d_n m = 0. Interfacial DMI
modifies the boundary (Robin condition); that correction is part of `emulator.llg.dmi.DMI`. On the grid the
energy is the bilinear form e = -(Ms/2) m . B_ex, i.e. (A/d^2) sum over the cell's bonds of m.(m - m_nb),
which equals A |grad m|^2 to second order.
"""
from __future__ import annotations

import dataclasses
import math
import warnings

import numba

from emulator.llg import local
from emulator.llg.stencil import neighbour
from emulator.llg.term import EnergyTerm
from emulator.material import MU0
from skybench.errors import check_positive


@dataclasses.dataclass(frozen=True)
class Exchange(EnergyTerm):
    """Exchange energy A |grad m|^2."""

    A: float
    """Exchange stiffness (J/m)."""

    def __post_init__(self):
        check_positive("A", self.A, "J/m")

    def add_field(self, m, out, magnet, t=0.0):
        mesh = magnet.mesh
        cx = 2.0 * self.A / (magnet.Ms * mesh.dx**2)
        cy = 2.0 * self.A / (magnet.Ms * mesh.dy**2)
        exchange_add_field(m, magnet.mask, cx, cy, mesh.periodic_x, mesh.periodic_y, out)

    def local_coefficients(self, magnet, t, coefficients):
        mesh = magnet.mesh
        coefficients[local.CX] += 2.0 * self.A / (magnet.Ms * mesh.dx**2)
        coefficients[local.CY] += 2.0 * self.A / (magnet.Ms * mesh.dy**2)
        return True

    def energy_density(self, m, magnet, t=0.0):
        return self.quadratic_energy_density(m, magnet, t)

    def max_field(self, magnet):
        mesh = magnet.mesh
        return 2.0 * self.A / magnet.Ms * (4.0 / mesh.dx**2 + 4.0 / mesh.dy**2)

    def exchange_length(self, Ms: float) -> float:
        """Magnetostatic exchange length sqrt(2 A / (mu0 Ms^2)) (m)."""
        return math.sqrt(2.0 * self.A / (MU0 * Ms**2))

    def check(self, magnet):
        length = self.exchange_length(magnet.Ms)
        cell = max(magnet.mesh.dx, magnet.mesh.dy)
        if cell > length:
            warnings.warn(f"cell size {cell * 1e9:.3g} nm exceeds the exchange length "
                          f"sqrt(2A/(mu0 Ms^2)) = {length * 1e9:.3g} nm (A = {self.A:g} J/m, "
                          f"Ms = {magnet.Ms:g} A/m): the solution is not resolved", stacklevel=3)


@numba.njit(cache=True)
def exchange_add_field(m, mask, cx, cy, periodic_x, periodic_y, out):
    """out += cx (m[i+1] + m[i-1] - 2m) + cy (m[j+1] + m[j-1] - 2m) over present magnetic neighbours."""
    ny, nx = mask.shape
    for j in range(ny):
        for i in range(nx):
            if not mask[j, i]:
                continue
            m0x, m0y, m0z = m[0, j, i], m[1, j, i], m[2, j, i]
            bx = 0.0
            by = 0.0
            bz = 0.0
            for step in (-1, 1):
                k = neighbour(i, step, nx, periodic_x)
                if k >= 0 and mask[j, k]:
                    bx += cx * (m[0, j, k] - m0x)
                    by += cx * (m[1, j, k] - m0y)
                    bz += cx * (m[2, j, k] - m0z)
                k = neighbour(j, step, ny, periodic_y)
                if k >= 0 and mask[k, i]:
                    bx += cy * (m[0, k, i] - m0x)
                    by += cy * (m[1, k, i] - m0y)
                    bz += cy * (m[2, k, i] - m0z)
            out[0, j, i] += bx
            out[1, j, i] += by
            out[2, j, i] += bz
