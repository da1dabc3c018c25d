"""The DMI standard problem (Cortes-Ortuno et al., New J. Phys. 20, 113015 (2018)).

Material (no demag): A = 13 pJ/m, D = 3 mJ/m^2, Ms = 0.86 MA/m, Ku = 0.4 MJ/m^3 (z axis).

- 1D: a 100 nm wire (one cell wide, periodic across its width so that it is truly one-dimensional),
  relaxed from +z. The edge magnetisation follows from the 1D first integral A th'^2 = K sin^2 th with the
  Robin condition |th'| = D / 2A: m_z(edge) = sqrt(1 - D^2 / (4 A K)) = 0.75320. The solver's edge value is
  the quadratic extrapolation of the first three cell centres to the wire end (a cell centre sits dx/2
  inside, where m_z is already ~0.01 higher at 0.25 nm).
- 2D: a disk of 100 nm diameter, 2 nm thick, relaxed from a +z core (r < 20 nm) in -z; published m_z = 0
  at r = 22.03 nm and m_z(r = 50 nm) = -0.76052. The radius is measured on the problem's 2 nm grid; the edge
  value, extrapolated to the rim along the four axis directions (where the staircase rim is locally
  straight), converges slowly with cell size (-0.790 at 2 nm, -0.772 at 1 nm, -0.766 at 0.5 nm) and is
  compared after Richardson extrapolation of the 1 nm and 0.5 nm grids.
"""
from __future__ import annotations

import math

import numpy as np

from emulator.geometry import Circle
from emulator.llg import skyrmions
from emulator.llg.anisotropy import UniaxialAnisotropy
from emulator.llg.dmi import DMI
from emulator.llg.exchange import Exchange
from emulator.llg.llg import LLG
from emulator.llg.magnet import Magnet
from emulator.llg.mesh import Mesh
from emulator.llg.relax import minimize
from emulator.llg.richardson import richardson
from emulator.llg.state import State
from emulator.llg.validation.row import Row

A = 13e-12
"""Exchange stiffness of the standard problem (J/m)."""
D = 3e-3
"""DMI constant (J/m^2)."""
MS = 0.86e6
"""Saturation magnetisation (A/m)."""
KU = 0.4e6
"""Uniaxial anisotropy (J/m^3)."""
THICKNESS = 2e-9
"""Film thickness (m)."""
WIRE_LENGTH = 100e-9
"""1D wire length (m)."""
DISK_DIAMETER = 100e-9
"""2D disk diameter (m)."""
PUBLISHED_EDGE_MZ = 0.75320
"""[P] 1D edge m_z, Cortes-Ortuno et al. 2018 (analytic sqrt(1 - D^2/(4AK)))."""
PUBLISHED_DISK_RADIUS = 22.03e-9
"""[P] radius of m_z = 0 in the disk (m), Cortes-Ortuno et al. 2018."""
PUBLISHED_DISK_EDGE_MZ = -0.76052
"""[P] m_z at r = 50 nm in the disk, Cortes-Ortuno et al. 2018."""
TORQUE_TOL = 1e-5
"""Relaxation threshold on max |m x B| (T)."""
SOURCE = "Cortes-Ortuno et al., New J. Phys. 20, 113015 (2018), DMI standard problem"


def _energy():
    return Exchange(A) + DMI(D, A) + UniaxialAnisotropy(KU)


def edge_extrapolation(profile: np.ndarray) -> float:
    """Value at the end of a row of cells from its first three cell centres (quadratic)."""
    return float((15.0 * profile[0] - 10.0 * profile[1] + 3.0 * profile[2]) / 8.0)


def wire_edge_mz(cell: float = 0.5e-9) -> float:
    """Relaxed m_z at the ends of the 1D wire (mean of both ends, extrapolated to the end faces)."""
    n = int(round(WIRE_LENGTH / cell))
    magnet = Magnet.full(Mesh(n, 1, cell, cell, THICKNESS, periodic_y=True), MS)
    state = State(m=magnet.uniform((0.01, 0.0, 1.0)))
    minimize(LLG(magnet, _energy(), alpha=0.5), state, torque_tol=TORQUE_TOL)
    mz = state.m[2, 0]
    return 0.5 * (edge_extrapolation(mz) + edge_extrapolation(mz[::-1]))


def disk(cell: float) -> tuple[float, float]:
    """(radius of m_z = 0 (m), rim m_z) of the relaxed disk on a grid of `cell` (m)."""
    n = int(round(DISK_DIAMETER / cell))
    half = 0.5 * DISK_DIAMETER
    magnet = Magnet.from_region(Mesh(n, n, cell, cell, THICKNESS), Circle(half, half, half), MS)
    X, Y = magnet.mesh.centres()
    m = magnet.uniform((0.0, 0.0, -1.0))
    m[2][np.hypot(X - half, Y - half) < 20e-9] = 1.0
    m[0] += 0.01
    state = State(m=magnet.normalise(m))
    minimize(LLG(magnet, _energy(), alpha=0.5), state, torque_tol=TORQUE_TOL * 10)
    found = skyrmions.find(magnet, state.m, background=-1)
    radius = max(found, key=lambda s: s.cells).radius if found else math.nan
    j = n // 2
    rows = [state.m[2, j, :], state.m[2, j - 1, :], state.m[2, :, j], state.m[2, :, j - 1]]
    rim = float(np.mean([edge_extrapolation(p) for row in rows for p in (row, row[::-1])]))
    return radius, rim


def wire_rows() -> list[Row]:
    """The 1D edge check (fast)."""
    return [Row("DMI standard problem 1D: edge m_z (0.5 nm cells)", wire_edge_mz(0.5e-9), PUBLISHED_EDGE_MZ,
                0.005, "", SOURCE)]


def disk_rows() -> list[Row]:
    """The 2D disk checks (radius on 2 nm cells; rim m_z extrapolated from 1 and 0.5 nm)."""
    radius_2nm, _ = disk(2e-9)
    _, rim_1nm = disk(1e-9)
    _, rim_half = disk(0.5e-9)
    return [
        Row("DMI standard problem 2D disk: radius of m_z = 0 (2 nm cells)", radius_2nm * 1e9,
            PUBLISHED_DISK_RADIUS * 1e9, 0.5, "nm", SOURCE),
        Row("DMI standard problem 2D disk: m_z at r = 50 nm (Richardson 1 nm / 0.5 nm)",
            richardson(rim_1nm, rim_half), PUBLISHED_DISK_EDGE_MZ, 0.01, "", SOURCE),
    ]
