"""Heun's method (explicit trapezoid, 2nd order) with a fixed step: the stochastic (thermal) stepper.

    k0 = f(m, t),  m* = m + dt k0,  k1 = f(m*, t + dt),  m <- normalise(m + dt (k0 + k1) / 2),

the thermal field held fixed over the step (Stratonovich interpretation; mumax3 `heun.go` with a fixed
step). An explicit step is stable only while gamma |B|_max dt stays below `STABILITY_LIMIT`; larger steps are
refused with the bound in the message.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from emulator.llg.kernels import accept, stage_sum
from emulator.llg.state import SimulationError
from emulator.llg.stepper import stage_time
from skybench.errors import ParameterError, check_positive

STABILITY_LIMIT = 1.0
"""Largest gamma |B|_max dt accepted (dimensionless): beyond it exchange modes grow."""
ONE = np.array([1.0])
HALF_HALF = np.array([0.5, 0.5])


@dataclasses.dataclass(frozen=True)
class Heun:
    """Fixed-step Heun integrator."""

    dt: float
    """Time step (s)."""
    name: str = "heun"

    def __post_init__(self):
        check_positive("dt", self.dt, "s")

    def check(self, system) -> None:
        """Raise ParameterError if dt is beyond the explicit stability bound for `system`."""
        rate = system.rate_bound()
        if self.dt * rate > STABILITY_LIMIT:
            raise ParameterError("dt", self.dt, f"(0, {STABILITY_LIMIT / rate:.3g}] s for this mesh and "
                                 f"material (gamma |B|max = {rate:.3g} rad/s); unstable time step")

    def step(self, system, state, t_limit):
        if state.steps == 0 and state.scratch.get("heun_checked") is not system:
            self.check(system)
            state.scratch["heun_checked"] = system
        m = state.m
        mask = system.magnet.mask
        k = state.buffer("k2", (2,) + m.shape)
        y = state.buffer("y")
        field = state.buffer("field")
        t = state.t
        remaining = t_limit - t
        landing = self.dt >= remaining
        h = remaining if landing else self.dt
        noise = None
        if system.thermal is not None:
            if state.rng is None:
                state.rng = np.random.default_rng(system.thermal.seed)
            sigma = system.thermal.amplitude(system.alpha, system.gamma, system.magnet.Ms,
                                             system.magnet.mesh.cell_volume, h)
            noise = system.thermal.draw(state.rng, mask, sigma)
        system.rhs(m, t, k[0], field, noise)
        stage_sum(m, k, ONE, 1, h, y)
        system.rhs(y, stage_time(t, 1.0, h), k[1], field, noise)
        stage_sum(m, k, HALF_HALF, 2, h, y)
        if not accept(y, mask, m):
            raise SimulationError(f"non-finite magnetisation in step {state.steps + 1} at t = {t:.6e} s "
                                  f"(dt = {h:.3e} s)")
        state.evaluations += 2
        state.steps += 1
        state.t = t_limit if landing else t + h
