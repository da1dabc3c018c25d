"""muMAG standard problem 4 (full demag): the first zero crossing of <m_x> under field 1.

Permalloy film 500 nm x 125 nm x 3 nm, Ms = 8e5 A/m, A = 1.3e-11 J/m, no anisotropy, alpha = 0.02,
128 x 32 x 1 cells (3.9 nm, as mumax3's example). The S-state is relaxed from m = (1, 0.1, 0); then
B = (-24.6, 4.3, 0) mT is applied. Published solutions put the first zero crossing of <m_x> at ~0.136 ns
(bracket 125-150 ps; https://www.ctcms.nist.gov/~rdm/mumag.org.html); accepted within 10 %.
"""
from __future__ import annotations

import numpy as np

from emulator.llg.demag import Demag
from emulator.llg.exchange import Exchange
from emulator.llg.llg import LLG
from emulator.llg.magnet import Magnet
from emulator.llg.mesh import Mesh
from emulator.llg.relax import minimize
from emulator.llg.rk45 import RK45
from emulator.llg.state import State
from emulator.llg.stepper import run
from emulator.llg.validation.row import Row
from emulator.llg.zeeman import Zeeman

MS = 8e5
"""Saturation magnetisation (A/m)."""
A = 1.3e-11
"""Exchange stiffness (J/m)."""
ALPHA = 0.02
"""Gilbert damping."""
FIELD_1 = (-24.6e-3, 4.3e-3, 0.0)
"""Field 1 (T)."""
PUBLISHED_CROSSING = 0.136e-9
"""[P] first zero crossing of <m_x> (s)."""
RUN_TIME = 0.3e-9
"""Simulated time after the field is applied (s)."""
SAMPLE = 1e-12
"""Sampling interval of <m_x> (s)."""


def first_crossing() -> float:
    """Time (s) of the first zero crossing of <m_x>, linearly interpolated between samples."""
    mesh = Mesh(128, 32, 500e-9 / 128, 125e-9 / 32, 3e-9)
    magnet = Magnet.full(mesh, MS)
    state = State(m=magnet.uniform((1.0, 0.1, 0.0)))
    minimize(LLG(magnet, Exchange(A) + Demag("full"), alpha=1.0), state, torque_tol=1e-5)
    system = LLG(magnet, Exchange(A) + Demag("full") + Zeeman(FIELD_1), alpha=ALPHA)
    times, mx = [], []

    def observe(s):
        times.append(s.t)
        mx.append(float(s.m[0].mean()))

    run(system, state, RK45(max_err=1e-6), RUN_TIME, every=SAMPLE, observe=observe)
    times, mx = np.array(times), np.array(mx)
    k = int(np.nonzero(mx < 0.0)[0][0])
    return float(times[k - 1] + mx[k - 1] / (mx[k - 1] - mx[k]) * (times[k] - times[k - 1]))


def rows() -> list[Row]:
    return [Row("muMAG standard problem 4: first zero crossing of <m_x>", first_crossing() * 1e9,
                PUBLISHED_CROSSING * 1e9, 0.1 * PUBLISHED_CROSSING * 1e9, "ns",
                "muMAG standard problem 4 (NIST), published solutions 0.125-0.150 ns")]
