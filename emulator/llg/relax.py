"""Ground states: damping-only relaxation and steepest-descent energy minimisation.

- `relax` (mumax3's Relax): the LLG without precession, dm/dt = -gamma alpha/(1+alpha^2) m x (m x B), with
  alpha = `RELAX_ALPHA` (the value maximising alpha/(1+alpha^2)), integrated by the adaptive RK45 stepper
  with drives frozen at the current time and the spin-orbit torque and thermal field off. The energy
  decreases monotonically (up to the stepper's error). It stops when max |m x B| < `torque_tol`.
- `minimize` (mumax3's Minimize; Exl et al., J. Appl. Phys. 115, 17D118 (2014)): steepest descent
  m <- normalise(m - tau m x (m x B)) with Barzilai-Borwein step lengths tau (alternating BB1/BB2).
  Much faster, not monotone; same stopping rule.
"""
from __future__ import annotations

import math

import numpy as np

from emulator.llg.kernels import max_norm, normalise
from emulator.llg.llg import LLG
from emulator.llg.rk45 import RK45
from emulator.llg.state import SimulationError, State
from skybench.errors import check_positive

RELAX_ALPHA = 1.0
"""Damping used by `relax` (dimensionless): alpha / (1 + alpha^2) is largest at 1."""
CHECK_EVERY_STEPS = 20
"""Steps between convergence checks in `relax` (dimensionless)."""
DEFAULT_TORQUE_TOL = 1e-4
"""Default convergence threshold on max |m x B| (T)."""
TAU_MIN = 1e-6
"""Smallest Barzilai-Borwein step, times 1/rate_bound (dimensionless)."""
TAU_MAX = 1e4
"""Largest Barzilai-Borwein step, times 1/rate_bound (dimensionless)."""


def relax(system: LLG, state: State, torque_tol: float = DEFAULT_TORQUE_TOL, max_steps: int = 200_000,
          stepper: RK45 = RK45(max_err=1e-5), energies: list | None = None) -> State:
    """Relax `state.m` in place by damping-only dynamics; returns `state` (its time is unchanged).

    If `energies` is a list, the total energy (J) after every check is appended to it.
    """
    check_positive("torque_tol", torque_tol, "T")
    frozen = system.replace(precession=False, alpha=RELAX_ALPHA, torque=None, thermal=None,
                            frozen_time=state.t)
    work = State(m=state.m, t=0.0)
    work.m = state.m  # share the array: relax in place
    if energies is not None:
        energies.append(frozen.energy.total_energy(work.m, frozen.magnet, state.t))
    while work.steps < max_steps:
        for _ in range(CHECK_EVERY_STEPS):
            stepper.step(frozen, work, math.inf)
        if energies is not None:
            energies.append(frozen.energy.total_energy(work.m, frozen.magnet, state.t))
        if frozen.torque_max(work.m, state.t) < torque_tol:
            break
    else:
        raise SimulationError(f"relax did not reach max |m x B| < {torque_tol:g} T in {max_steps} steps "
                              f"(now {frozen.torque_max(work.m, state.t):.3g} T)")
    state.evaluations += work.evaluations
    state.invalidate()
    return state


def minimize(system: LLG, state: State, torque_tol: float = DEFAULT_TORQUE_TOL,
             max_iterations: int = 200_000, require_convergence: bool = True) -> State:
    """Minimise the energy of `state.m` in place by Barzilai-Borwein steepest descent; returns `state`.

    Stops at max |m x B| < torque_tol; after `max_iterations` it raises SimulationError, or just stops when
    `require_convergence` is False (a pre-relaxation of textures that would keep drifting apart).
    """
    check_positive("torque_tol", torque_tol, "T")
    mask = system.magnet.mask
    m = state.m
    rate = system.rate_bound() / system.gamma  # T
    tau = 0.01 / rate
    # The damping-only LLG right-hand side (fused kernel) is -gamma/2 m x (m x B) at alpha = 1, so the
    # steepest-ascent direction m x (m x B) is -2/gamma times it; |m x (m x B)| = |m x B| for unit m.
    descent = system.replace(precession=False, alpha=1.0, torque=None, thermal=None, frozen_time=state.t)
    to_gradient = -2.0 / system.gamma
    field = np.zeros_like(m)

    def gradient(mag, out):
        descent.rhs(mag, state.t, out, field)
        out *= to_gradient
        return max_norm(out, mask)

    g = np.zeros_like(m)
    torque = gradient(m, g)
    state.evaluations += 1
    m_new = np.zeros_like(m)  # zeros: the right-hand side writes only the magnetic cells
    g_new = np.zeros_like(m)
    for iteration in range(1, max_iterations + 1):
        if torque < torque_tol:
            break
        np.multiply(g, -tau, out=m_new)
        m_new += m
        normalise(m_new, mask)
        torque = gradient(m_new, g_new)
        state.evaluations += 1
        if not math.isfinite(torque):
            raise SimulationError(f"minimize produced non-finite magnetisation at iteration {iteration}")
        s = m_new - m
        y = g_new - g
        m[...] = m_new
        g, g_new = g_new, g
        sy = float(np.vdot(s, y))
        if sy <= 0.0:
            tau = 0.01 / rate
        elif iteration % 2:
            tau = float(np.vdot(s, s)) / sy
        else:
            tau = sy / float(np.vdot(y, y))
        tau = min(TAU_MAX / rate, max(TAU_MIN / rate, tau))
    else:
        if require_convergence:
            raise SimulationError(f"minimize did not reach max |m x B| < {torque_tol:g} T in {max_iterations} "
                                  f"iterations (now {torque:.3g} T)")
    state.invalidate()
    return state
