"""Energy behaviour of the dynamics: monotonic decrease in relax mode, conservation without damping.

- Relax (damping only, no precession) must never raise the energy: the check records the total energy
  every `emulator.llg.relax.CHECK_EVERY_STEPS` steps and reports the largest increase relative to the
  energy released (reference 0, tolerance 1e-9: round-off).
- With alpha = 0 and no torque, the LLG conserves energy exactly (dE/dt = -Ms B . dm/dt = 0); the RK45
  stepper at max_err = 1e-6 keeps the relative drift of a precessing, unrelaxed skyrmion over 20 ps below
  1e-5 (measured ~3e-6; mumax3's energy-conservation test uses the same setting).
"""
from __future__ import annotations

import numpy as np

from emulator.llg.film import film_energy
from emulator.llg.llg import LLG
from emulator.llg.magnet import Magnet
from emulator.llg.mesh import Mesh
from emulator.llg.relax import relax
from emulator.llg.rk45 import RK45
from emulator.llg.state import State
from emulator.llg.stepper import run
from emulator.llg.textures import neel_skyrmions
from emulator.llg.validation.row import Row
from emulator.material import Material

BOX_CELLS = 32
"""Periodic box side (cells of 1 nm)."""
CONSERVATION_TIME = 20e-12
"""Simulated time of the conservation check (s)."""
CONSERVATION_TOLERANCE = 1e-5
"""Accepted relative energy drift at alpha = 0 (dimensionless)."""
CONSERVATION_MAX_ERR = 1e-6
"""RK45 error bound used (dimensionless)."""


def _setup(material: Material, Bz: float):
    cell = 1e-9
    mesh = Mesh(BOX_CELLS, BOX_CELLS, cell, cell, material.thickness, periodic_x=True, periodic_y=True)
    magnet = Magnet.full(mesh, material.Ms)
    centre = 0.5 * BOX_CELLS * cell
    # A deliberately unrelaxed skyrmion (too large, too thin a wall): it breathes and precesses.
    m = neel_skyrmions(magnet, [(centre, centre)], 6e-9, 1.5e-9)
    return magnet, film_energy(material, "local", Bz), m


def relax_monotonic(material: Material, Bz: float) -> tuple[float, list[float]]:
    """(largest energy increase / energy released, the energy trace (J)) during `relax`."""
    magnet, energy, m = _setup(material, Bz)
    energies: list[float] = []
    relax(LLG(magnet, energy, alpha=material.alpha), State(m=m), torque_tol=1e-3, energies=energies)
    steps = np.diff(energies)
    released = energies[0] - energies[-1]
    return float(max(steps.max(), 0.0) / released), energies


def conservation_drift(material: Material, Bz: float) -> float:
    """Largest |E(t) - E(0)| / |E(0)| over CONSERVATION_TIME at alpha = 0 (dimensionless)."""
    magnet, energy, m = _setup(material, Bz)
    state = State(m=m)
    e0 = energy.total_energy(m, magnet)
    trace: list[float] = []
    run(LLG(magnet, energy, alpha=0.0), state, RK45(max_err=CONSERVATION_MAX_ERR), CONSERVATION_TIME,
        every=CONSERVATION_TIME / 10, observe=lambda s: trace.append(energy.total_energy(s.m, magnet)))
    return float(np.max(np.abs(np.array(trace) - e0)) / abs(e0))


def rows(material: Material, Bz: float) -> list[Row]:
    """Relax monotonicity and alpha = 0 conservation for `material` in Bz (T)."""
    increase, _ = relax_monotonic(material, Bz)
    return [
        Row("relax: largest energy increase / energy released", increase, 0.0, 1e-9, "",
            "exact: damping-only dynamics dE/dt = -gamma alpha/(1+alpha^2) Ms |m x B|^2 <= 0"),
        Row(f"alpha = 0: relative energy drift over {CONSERVATION_TIME * 1e12:g} ps (RK45, max_err 1e-6)",
            conservation_drift(material, Bz), 0.0, CONSERVATION_TOLERANCE, "",
            "exact: dE/dt = 0 without damping or torque"),
    ]
