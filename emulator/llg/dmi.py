"""Interfacial Dzyaloshinskii-Moriya interaction with the ghost-cell (Robin) boundary condition.

Energy density (J/m^3) and effective field (T) for a film on a heavy metal (C_nv symmetry; Thiaville et al.,
EPL 100, 57002 (2012); the convention of the DMI standard problem, Cortes-Ortuno et al., New J. Phys. 20,
113015 (2018), of OOMMF's Oxs_DMI_Cnv and of fidimag):

    e_dmi = D [ m_z div m - (m . grad) m_z ],
    B_dmi = (2 D / Ms) ( d_x m_z, d_y m_z, -d_x m_x - d_y m_y ),

with D > 0 favouring Neel textures whose in-plane component points outward where m_z decreases outward
(a skyrmion core -z in a +z film has m = (sin th cos phi, sin th sin phi, cos th), phi the azimuth).

Boundary: at an edge with outward normal n the energy's natural boundary condition is the Robin condition

    d_n m = (D / 2A) (n x z) x m     (Rohart and Thiaville, PRB 88, 184422 (2013)),

imposed as in mumax3 through a ghost cell m_ghost = m + d (D / 2A) (n x z) x m in place of each missing
neighbour (grid edge or non-magnetic cell). The ghost enters the central differences of the DMI field and
also the exchange Laplacian; that exchange correction, (2A / (Ms d^2)) (m_ghost - m) = (D / (Ms d))
(n x z) x m, does not depend on A and is added here, so that `Exchange` stays the plain Neumann term. With
both parts the boundary operator is symmetric, so the field is exactly minus the gradient of the discrete
energy e = -(Ms / 2) m . B_dmi (checked by the shared term contract test).
"""
from __future__ import annotations

import dataclasses

import numba

from emulator.llg import local
from emulator.llg.stencil import neighbour
from emulator.llg.term import EnergyTerm
from skybench.errors import ParameterError, check_positive, check_range


@dataclasses.dataclass(frozen=True)
class DMI(EnergyTerm):
    """Interfacial DMI D [m_z div m - (m . grad) m_z] with the Robin edge condition."""

    D: float
    """DMI constant (J/m^2); positive in the convention above."""
    A: float
    """Exchange stiffness in the boundary condition d_n m = (D/2A)(n x z) x m (J/m); must equal the
    `Exchange` term's A when both are present."""

    def __post_init__(self):
        check_range("D", self.D, None, None, "J/m^2")
        check_positive("A", self.A, "J/m")

    def check_with(self, others):
        for term in others:
            if term.name == "exchange" and term.A != self.A:
                raise ParameterError("DMI.A", self.A, f"the Exchange stiffness A = {term.A:g} J/m "
                                     "(the Robin boundary condition uses it)")

    def add_field(self, m, out, magnet, t=0.0):
        mesh = magnet.mesh
        dmi_add_field(m, magnet.mask, self.D / (magnet.Ms * mesh.dx), self.D / (magnet.Ms * mesh.dy),
                      mesh.dx * self.D / (2.0 * self.A), mesh.dy * self.D / (2.0 * self.A),
                      mesh.periodic_x, mesh.periodic_y, out)

    def local_coefficients(self, magnet, t, coefficients):
        mesh = magnet.mesh
        coefficients[local.CDX] += self.D / (magnet.Ms * mesh.dx)
        coefficients[local.CDY] += self.D / (magnet.Ms * mesh.dy)
        coefficients[local.KX] = mesh.dx * self.D / (2.0 * self.A)
        coefficients[local.KY] = mesh.dy * self.D / (2.0 * self.A)
        return True

    def energy_density(self, m, magnet, t=0.0):
        return self.quadratic_energy_density(m, magnet, t)

    def max_field(self, magnet):
        mesh = magnet.mesh
        ghost = 1.0 + max(mesh.dx, mesh.dy) * abs(self.D) / (2.0 * self.A)
        return 2.0 * abs(self.D) / magnet.Ms * (1.0 / mesh.dx + 1.0 / mesh.dy) * 2.0 * ghost


@numba.njit(cache=True)
def dmi_add_field(m, mask, cdx, cdy, kx, ky, periodic_x, periodic_y, out):
    """out += DMI field by central differences, ghost cells at missing neighbours, plus the exchange ghost term.

    cdx = D / (Ms dx), cdy = D / (Ms dy) (T); kx = dx D / 2A, ky = dy D / 2A (dimensionless).
    """
    ny, nx = mask.shape
    for j in range(ny):
        for i in range(nx):
            if not mask[j, i]:
                continue
            mx, my, mz = m[0, j, i], m[1, j, i], m[2, j, i]
            bx = 0.0
            by = 0.0
            bz = 0.0
            # +x neighbour, or ghost m + kx (n x z) x m with n = +x: (n x z) x m = (-mz, 0, mx)
            k = neighbour(i, 1, nx, periodic_x)
            if k >= 0 and mask[j, k]:
                pxx, pxz = m[0, j, k], m[2, j, k]
            else:
                pxx = mx - kx * mz
                pxz = mz + kx * mx
                bx += cdx * (-mz)
                bz += cdx * mx
            # -x neighbour, or ghost with n = -x: (n x z) x m = (mz, 0, -mx)
            k = neighbour(i, -1, nx, periodic_x)
            if k >= 0 and mask[j, k]:
                mxx, mxz = m[0, j, k], m[2, j, k]
            else:
                mxx = mx + kx * mz
                mxz = mz - kx * mx
                bx += cdx * mz
                bz += cdx * (-mx)
            # +y neighbour, or ghost with n = +y: (n x z) x m = (0, -mz, my)
            k = neighbour(j, 1, ny, periodic_y)
            if k >= 0 and mask[k, i]:
                pyy, pyz = m[1, k, i], m[2, k, i]
            else:
                pyy = my - ky * mz
                pyz = mz + ky * my
                by += cdy * (-mz)
                bz += cdy * my
            # -y neighbour, or ghost with n = -y: (n x z) x m = (0, mz, -my)
            k = neighbour(j, -1, ny, periodic_y)
            if k >= 0 and mask[k, i]:
                myy, myz = m[1, k, i], m[2, k, i]
            else:
                myy = my + ky * mz
                myz = mz - ky * my
                by += cdy * mz
                bz += cdy * (-my)
            # (2D/Ms) (d_x m_z, d_y m_z, -d_x m_x - d_y m_y), central differences over 2 d.
            bx += cdx * (pxz - mxz)
            by += cdy * (pyz - myz)
            bz -= cdx * (pxx - mxx) + cdy * (pyy - myy)
            out[0, j, i] += bx
            out[1, j, i] += by
            out[2, j, i] += bz
