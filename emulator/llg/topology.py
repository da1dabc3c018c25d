"""Topological charge Q = (1/4pi) int m . (d_x m x d_y m) dA on the lattice.

Berg and Luescher's geometric definition (Nucl. Phys. B 190, 412 (1981)), as in fidimag and mumax3's
`ext_topologicalchargelattice`: each plaquette of four magnetic cells is split into two counter-clockwise
triangles (m1, m2, m3), each adding the signed solid angle

    Omega = 2 atan2( m1 . (m2 x m3), 1 + m1.m2 + m2.m3 + m3.m1 ),

so Q is an integer for any smooth texture away from edges. A skyrmion with core -z in a +z film has Q = -1.
The charge of plaquette (j, i) (corners (j,i), (j,i+1), (j+1,i+1), (j+1,i)) is stored at [j, i].
"""
from __future__ import annotations

import math

import numba
import numpy as np

from emulator.llg.stencil import neighbour


def charge_density(magnet, m: np.ndarray) -> np.ndarray:
    """Topological charge per plaquette (dimensionless), shape (ny, nx); sums to Q."""
    mesh = magnet.mesh
    out = np.zeros(mesh.shape)
    _plaquette_charge(m, magnet.mask, mesh.periodic_x, mesh.periodic_y, out)
    return out


def topological_charge(magnet, m: np.ndarray) -> float:
    """Total topological charge Q (dimensionless)."""
    return float(charge_density(magnet, m).sum())


@numba.njit(cache=True, inline="always")
def _solid_angle(ax, ay, az, bx, by, bz, cx, cy, cz):
    triple = ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx)
    denominator = 1.0 + ax * bx + ay * by + az * bz + bx * cx + by * cy + bz * cz + cx * ax + cy * ay + cz * az
    return 2.0 * math.atan2(triple, denominator)


@numba.njit(cache=True)
def _plaquette_charge(m, mask, periodic_x, periodic_y, out):
    ny, nx = mask.shape
    for j in range(ny):
        j1 = neighbour(j, 1, ny, periodic_y)
        for i in range(nx):
            i1 = neighbour(i, 1, nx, periodic_x)
            if j1 < 0 or i1 < 0:
                continue
            if not (mask[j, i] and mask[j, i1] and mask[j1, i1] and mask[j1, i]):
                continue
            q = _solid_angle(m[0, j, i], m[1, j, i], m[2, j, i], m[0, j, i1], m[1, j, i1], m[2, j, i1],
                             m[0, j1, i1], m[1, j1, i1], m[2, j1, i1])
            q += _solid_angle(m[0, j, i], m[1, j, i], m[2, j, i], m[0, j1, i1], m[1, j1, i1], m[2, j1, i1],
                              m[0, j1, i], m[1, j1, i], m[2, j1, i])
            out[j, i] = q / (4.0 * math.pi)
