"""Edge canting in a field and the Neel domain wall, against the 1D first integrals.

For the chamber_150nm material with thin-film demag (K_eff = Ku - mu0 Ms^2/2):

- edge canting: a 1D wire along x in Bz relaxes to a canted edge; the first integral
  A th'^2 = K_eff sin^2 th + Ms Bz (1 - cos th) with the Robin condition |th'| = D / 2A at the end fixes
  th_edge (physics.md section 4.3; Rohart and Thiaville, PRB 88, 184422 (2013));
- domain wall: two Neel walls on a periodic 200 nm wire; the profile m_z = -tanh((x - x0) / Delta) has
  Delta = sqrt(A / K_eff), and the wall energy per area is sigma = 4 sqrt(A K_eff) - pi D (Heide, Bihlmayer
  and Bluegel, PRB 78, 140403 (2008); Thiaville et al., EPL 100, 57002 (2012)), taken from the energy above the
  uniform state divided by the two walls' area.
"""
from __future__ import annotations

import math

import numpy as np
from scipy.optimize import brentq, curve_fit

from emulator.llg.film import film_energy
from emulator.llg.llg import LLG
from emulator.llg.magnet import Magnet
from emulator.llg.mesh import Mesh
from emulator.llg.relax import minimize
from emulator.llg.state import State
from emulator.llg.textures import neel_wall_pair
from emulator.llg.validation.dmi_standard_problem import edge_extrapolation
from emulator.llg.validation.row import Row
from emulator.material import Material

EDGE_FIELD = 0.2
"""Applied field of the edge-canting check (T): the paper's chamber field."""
WIRE_LENGTH = 60e-9
"""Wire length of the edge check (m)."""
WALL_WIRE_LENGTH = 200e-9
"""Periodic wire of the domain-wall check (m)."""
TORQUE_TOL = 1e-6
"""Relaxation threshold (T)."""
SOURCE_EDGE = "1D first integral A th'^2 = K_eff sin^2 th + Ms B (1 - cos th), |th'| = D/2A (physics.md 4.3)"
SOURCE_WALL = "Delta = sqrt(A/K_eff), sigma = 4 sqrt(A K_eff) - pi D (Thiaville et al., EPL 100, 57002 (2012))"


def edge_theory(material: Material, Bz: float) -> float:
    """m_z at the edge from the first integral (dimensionless)."""
    target = material.D**2 / (4.0 * material.A)

    def residual(theta):
        return material.K_eff * math.sin(theta) ** 2 + material.Ms * Bz * (1.0 - math.cos(theta)) - target

    return math.cos(brentq(residual, 1e-9, 0.5 * math.pi))


def edge_mz(material: Material, Bz: float, cell: float) -> float:
    """Relaxed edge m_z of the 1D wire, extrapolated to the end face (mean of both ends)."""
    n = int(round(WIRE_LENGTH / cell))
    magnet = Magnet.full(Mesh(n, 1, cell, cell, material.thickness, periodic_y=True), material.Ms)
    state = State(m=magnet.uniform((0.01, 0.0, 1.0)))
    minimize(LLG(magnet, film_energy(material, "local", Bz), alpha=0.5), state, torque_tol=TORQUE_TOL)
    mz = state.m[2, 0]
    return 0.5 * (edge_extrapolation(mz) + edge_extrapolation(mz[::-1]))


def wall(material: Material, cell: float) -> tuple[float, float]:
    """(wall width Delta (m), wall energy per area (J/m^2)) of the relaxed Neel wall pair."""
    n = int(round(WALL_WIRE_LENGTH / cell))
    mesh = Mesh(n, 1, cell, cell, material.thickness, periodic_x=True, periodic_y=True)
    magnet = Magnet.full(mesh, material.Ms)
    energy = film_energy(material, "local")
    x1, x2 = 0.25 * WALL_WIRE_LENGTH, 0.75 * WALL_WIRE_LENGTH
    state = State(m=neel_wall_pair(magnet, x1, x2, material.wall_width))
    minimize(LLG(magnet, energy, alpha=0.5), state, torque_tol=TORQUE_TOL)
    excess = energy.total_energy(state.m, magnet) - energy.total_energy(magnet.uniform(), magnet)
    sigma = excess / (2.0 * mesh.dy * mesh.dz)
    x = (np.arange(n) + 0.5) * cell
    near = np.abs(x - x1) < 0.125 * WALL_WIRE_LENGTH
    (_, width), _ = curve_fit(lambda s, x0, d: -np.tanh((s - x0) / d), x[near], state.m[2, 0][near],
                              p0=(x1, material.wall_width))
    return float(width), float(sigma)


def rows(material: Material, cell: float = 0.25e-9) -> list[Row]:
    """Edge canting and wall checks for `material` on `cell` (m) grids."""
    width, sigma = wall(material, cell)
    sigma_theory = 4.0 * math.sqrt(material.A * material.K_eff) - math.pi * material.D
    return [
        Row(f"edge m_z in Bz = {EDGE_FIELD} T ({material.name}, local demag, {cell * 1e9:g} nm cells)",
            edge_mz(material, EDGE_FIELD, cell), edge_theory(material, EDGE_FIELD), 0.002, "", SOURCE_EDGE),
        Row(f"Neel wall width ({material.name}, local demag)", width * 1e9, material.wall_width * 1e9,
            0.01 * material.wall_width * 1e9, "nm", SOURCE_WALL),
        Row(f"Neel wall energy ({material.name}, local demag)", sigma * 1e3, sigma_theory * 1e3,
            0.02 * sigma_theory * 1e3, "mJ/m^2", SOURCE_WALL),
    ]
