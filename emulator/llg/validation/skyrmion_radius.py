"""Isolated skyrmion radius on the grid against the radial continuum minimiser.

The oracle is `emulator.skyrmion_profile.relax_profile` (the axisymmetric energy minimised on a fine radial
grid, demag "none" or "local"). The LLG solver relaxes a skyrmion in a periodic box (`BOX` wide, where the
image interaction shifts the radius by far less than the tolerance) on two cell sizes, 1 nm (the paper's
OOMMF grid) and 0.5 nm; their Richardson extrapolation (error ~ h^2) must agree with the oracle within 2 %.
The 1 nm grid's own error is reported with a loose bound: for the chamber material's small skyrmion, whose
wall is only ~4 cells wide, it is -7 % (demag none) and -2 % (local).
"""
from __future__ import annotations

from emulator.llg import skyrmions
from emulator.llg.film import film_energy
from emulator.llg.llg import LLG
from emulator.llg.magnet import Magnet
from emulator.llg.mesh import Mesh
from emulator.llg.relax import minimize
from emulator.llg.richardson import richardson
from emulator.llg.state import State
from emulator.llg.textures import neel_skyrmions
from emulator.llg.validation.row import Row
from emulator.material import Material
from emulator.skyrmion_profile import relax_profile

BOX = 64e-9
"""Side of the periodic box (m)."""
TORQUE_TOL = 1e-4
"""Relaxation threshold (T)."""
RICHARDSON_TOLERANCE = 0.02
"""Accepted relative error of the grid-converged radius (dimensionless), issue 3."""
COARSE_GRID_BOUND = 0.10
"""Bound on the relative error reported for the 1 nm grid alone (dimensionless)."""
SOURCE = "radial continuum minimiser emulator.skyrmion_profile.relax_profile"


def grid_radius(material: Material, Bz: float, demag: str, cell: float, guess: float) -> float:
    """Relaxed m_z = 0 radius (m) of one skyrmion on a periodic grid of `cell` (m)."""
    n = int(round(BOX / cell))
    magnet = Magnet.full(Mesh(n, n, cell, cell, material.thickness, periodic_x=True, periodic_y=True),
                         material.Ms)
    state = State(m=neel_skyrmions(magnet, [(0.5 * BOX, 0.5 * BOX)], guess, 0.4 * material.wall_width))
    minimize(LLG(magnet, film_energy(material, demag, Bz), alpha=material.alpha), state,
             torque_tol=TORQUE_TOL)
    found = [s for s in skyrmions.find(magnet, state.m) if abs(s.charge) >= skyrmions.MIN_CHARGE]
    if len(found) != 1:
        raise RuntimeError(f"expected one skyrmion after relaxation, found {len(found)}")
    return found[0].radius


def rows(material: Material, Bz: float, demag: str) -> list[Row]:
    """Richardson radius (1 nm, 0.5 nm) and the 1 nm grid error against the radial oracle."""
    oracle = relax_profile(material, Bz, demag).radius
    coarse = grid_radius(material, Bz, demag, 1e-9, oracle)
    fine = grid_radius(material, Bz, demag, 0.5e-9, oracle)
    converged = richardson(coarse, fine)
    label = f"{material.name}, Bz = {Bz:g} T, demag {demag}"
    return [
        Row(f"skyrmion radius, Richardson 1 nm / 0.5 nm ({label})", converged * 1e9, oracle * 1e9,
            RICHARDSON_TOLERANCE * oracle * 1e9, "nm", SOURCE),
        Row(f"skyrmion radius on the 1 nm grid, reported error ({label})", coarse * 1e9, oracle * 1e9,
            COARSE_GRID_BOUND * oracle * 1e9, "nm", SOURCE),
    ]


DEMAG_BOX_CELLS = 64
"""Side of the open box of the full-vs-local demag comparison (cells of 1 nm): full demag needs open edges."""
DEMAG_AGREEMENT = 0.01
"""Accepted relative difference of the full-Newell and thin-film-local radii on the 0.4 nm film
(dimensionless): the non-local part of the stray field scales with t / R ~ 0.1 and enters the radius weakly;
measured 0.2 %."""


def open_box_radius(material: Material, Bz: float, demag: str) -> float:
    """Relaxed radius (m) of one skyrmion in the middle of an open 64 x 64 nm box of 1 nm cells."""
    n = DEMAG_BOX_CELLS
    magnet = Magnet.full(Mesh(n, n, 1e-9, 1e-9, material.thickness), material.Ms)
    centre = 0.5 * n * 1e-9
    state = State(m=neel_skyrmions(magnet, [(centre, centre)], 4e-9, 0.4 * material.wall_width))
    minimize(LLG(magnet, film_energy(material, demag, Bz), alpha=material.alpha), state, torque_tol=TORQUE_TOL)
    found = [s for s in skyrmions.find(magnet, state.m) if abs(s.charge) >= skyrmions.MIN_CHARGE]
    if len(found) != 1:
        raise RuntimeError(f"expected one skyrmion after relaxation, found {len(found)}")
    return found[0].radius


def demag_rows(material: Material, Bz: float) -> list[Row]:
    """The isolated radius with full (Newell, FFT) demag against the thin-film local form, same grid and box."""
    full = open_box_radius(material, Bz, "full")
    local = open_box_radius(material, Bz, "local")
    return [Row(f"skyrmion radius, full Newell demag vs thin-film local ({material.name}, Bz = {Bz:g} T, "
                "1 nm, open 64 nm box)", full * 1e9, local * 1e9, DEMAG_AGREEMENT * local * 1e9, "nm",
                "the same solver with Demag('local')")]
