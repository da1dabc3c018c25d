"""Adaptive Runge-Kutta-Dormand-Prince 5(4) stepper (Dormand and Prince, J. Comput. Appl. Math. 6, 19 (1980)).

As mumax3's default (`rk45dp.go`): seven stages with first-same-as-last reuse, the step accepted when the
largest per-cell difference between the 5th- and 4th-order solutions, err = max |dm_5 - dm_4|, is at most
`max_err`; the next step is dt (headroom (max_err / err))^(1/5), the factor clamped to [0.5, 2]; m is
renormalised after each step. Steps end exactly on drive breakpoints (`emulator.llg.stepper.advance`).
`RK45.advance_to` takes all the steps up to the next breakpoint in one call of the fused kernels
(`emulator.llg.kernels.rk45_interval`) when the problem allows them, with the same step-size control.
"""
from __future__ import annotations

import dataclasses
import math

import numba
import numpy as np

from emulator.llg.kernels import (RING, accept, accept_runs, bands, error_norm, rk45_interval, row_offsets,
                                  runge_kutta_stages, stage_sum, uniform_drive)
from emulator.llg.state import SimulationError
from emulator.llg.stepper import TIME_EPS, stage_time
from skybench.errors import ParameterError, check_range

C = np.array([0.0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1.0, 1.0])
"""Stage times (fraction of the step)."""
A = np.zeros((7, 7))
A[1, :1] = [1 / 5]
A[2, :2] = [3 / 40, 9 / 40]
A[3, :3] = [44 / 45, -56 / 15, 32 / 9]
A[4, :4] = [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729]
A[5, :5] = [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656]
A[6, :6] = [35 / 384, 0.0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84]
B5 = A[6].copy()
"""5th-order weights (the last stage's row: first same as last)."""
B4 = np.array([5179 / 57600, 0.0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40])
"""Embedded 4th-order weights."""
E = B5 - B4
"""Error weights (5th minus 4th order)."""

FACTOR_MIN = 0.5
"""Smallest step-size change factor per step (dimensionless), mumax3's clamp."""
FACTOR_MAX = 2.0
"""Largest step-size change factor per step (dimensionless)."""
DT_MIN = 1e-20
"""Step below which the run is declared unstable (s)."""
FIRST_STEP_RATE_FRACTION = 0.05
"""First trial step as a fraction of 1 / rate_bound (dimensionless)."""


@dataclasses.dataclass(frozen=True)
class RK45:
    """Dormand-Prince 5(4) with error control."""

    max_err: float = 1e-5
    """Largest accepted per-step error in m (dimensionless); mumax3's MaxErr default."""
    headroom: float = 0.8
    """Safety factor on the step-size prediction (dimensionless)."""
    dt_max: float = math.inf
    """Largest step (s)."""
    name: str = "rk45"

    def __post_init__(self):
        check_range("max_err", self.max_err, 1e-14, 1.0, "")
        check_range("headroom", self.headroom, 0.1, 1.0, "")
        if not self.dt_max > 0.0:
            raise ParameterError("dt_max", self.dt_max, "(0, inf] s")

    def step(self, system, state, t_limit):
        if system.thermal is not None:
            raise ParameterError("stepper", self.name, "'heun' when a thermal field is on (fixed steps)")
        # Drives are constant over a step (it ends on every edge): sampled once, inside it.
        t_drive = stage_time(state.t, 0.5, t_limit - state.t) if math.isfinite(t_limit) else state.t
        drive = system.step_drive(t_drive)
        if drive is not None:
            self._fused_step(system, state, t_limit, drive)
            return
        m = state.m
        mask = system.magnet.mask
        k = state.buffer("k", (7,) + m.shape)
        y = state.buffer("y")
        field = state.buffer("field")
        if not state.scratch.get("fsal_valid"):
            system.rhs(m, state.t, k[0], field)
            state.evaluations += 1
            state.scratch["fsal_valid"] = True
        dt = state.dt if state.dt > 0 else FIRST_STEP_RATE_FRACTION / system.rate_bound()
        dt = min(dt, self.dt_max)
        t = state.t
        while True:
            remaining = t_limit - t
            landing = dt >= remaining
            h = remaining if landing else dt
            for s in range(1, 7):
                stage_sum(m, k, A[s], s, h, y)
                system.rhs(y, stage_time(t, C[s], h), k[s], field)
            state.evaluations += 6
            err = error_norm(k, E, 7, h, field)
            if not math.isfinite(err):
                raise SimulationError(f"non-finite magnetisation in step {state.steps + 1} at t = {t:.6e} s "
                                      f"(dt = {h:.3e} s); the time step or tolerance is too large")
            factor = self.headroom * (self.max_err / err) ** 0.2 if err > 0 else FACTOR_MAX
            factor = min(FACTOR_MAX, max(FACTOR_MIN, factor))
            if err <= self.max_err:
                accept(y, mask, m)
                k[0, ...] = k[6]
                state.t = t_limit if landing else t + h
                state.steps += 1
                state.dt = min(self.dt_max, max(h * factor, dt if landing else 0.0))
                return
            state.rejected += 1
            dt = h * min(factor, 1.0)
            if dt < DT_MIN:
                raise SimulationError(f"step size fell below {DT_MIN:g} s at step {state.steps + 1}, "
                                      f"t = {t:.6e} s (error {err:.3g} > max_err {self.max_err:g})")

    def advance_to(self, system, state, t_limit):
        """Accepted steps from state.t until t_limit (s), or until a step ends within `TIME_EPS` of it; no drive
        may switch before t_limit (`emulator.llg.stepper.advance` passes the next breakpoint). The same steps as
        repeated `step` calls; with the fused kernels all of them in one call (no Python work per step)."""
        if system.thermal is not None or not math.isfinite(t_limit):
            self.step(system, state, t_limit)
            return
        drive = system.step_drive(stage_time(state.t, 0.5, t_limit - state.t))
        if drive is None:
            self.step(system, state, t_limit)
            return
        coefficients, static, bdl, xi, pol = drive
        mesh = system.magnet.mesh
        runs = system.runs()
        k = state.buffer("k", (7,) + state.m.shape)
        yp = state.buffer("y-padded", (3, mesh.ny + 2, mesh.nx + 2))
        worst = state.buffer("run-errors", (len(runs),))
        first = 1 if state.scratch.get("fsal_valid") else 0
        dt = state.dt if state.dt > 0 else FIRST_STEP_RATE_FRACTION / system.rate_bound()
        banded = not (mesh.periodic_x or mesh.periodic_y)
        rows = bands(mesh.ny, numba.get_num_threads() if banded else 1)
        ring = (len(rows), 7, RING, 3, mesh.nx + 2)
        status, t, dt, steps, rejected, evaluations, err, h = rk45_interval(
            state.m, yp, k, runs, system._padded_weight(), mesh.periodic_x, mesh.periodic_y, coefficients, static,
            pol, bdl, xi, system.gamma, system.alpha, system.precession, A, E, first, state.buffer("field"), worst,
            state.t, t_limit, dt, self.max_err, self.headroom, self.dt_max, FACTOR_MIN, FACTOR_MAX, DT_MIN, TIME_EPS,
            banded, row_offsets(runs, mesh.ny), rows, state.buffer("y-ring", ring), state.buffer("k-ring", ring),
            state.buffer("row-error", (len(rows), 3, mesh.nx + 2)), state.buffer("zero-row", (3, mesh.nx + 2)),
            state.buffer("band-errors", (len(rows),)), state.buffer("m-padded", (3, mesh.ny + 2, mesh.nx + 2)),
            *uniform_drive(system.magnet.mask, static, pol))
        if evaluations:
            state.scratch["fsal_valid"] = True
        state.evaluations += evaluations
        state.rejected += rejected
        if status == 1:
            state.steps += steps
            raise SimulationError(f"non-finite magnetisation in step {state.steps + 1} at t = {t:.6e} s "
                                  f"(dt = {h:.3e} s); the time step or tolerance is too large")
        if status == 2:
            state.steps += steps
            raise SimulationError(f"step size fell below {DT_MIN:g} s at step {state.steps + 1}, "
                                  f"t = {t:.6e} s (error {err:.3g} > max_err {self.max_err:g})")
        state.t, state.dt = t, dt
        state.steps += steps

    def _fused_step(self, system, state, t_limit, drive):
        """`step` with every stage, the error norm and the acceptance in the parallel kernels of
        `emulator.llg.kernels` (all terms local or applied fields: `LLG.step_drive`)."""
        coefficients, static, bdl, xi, pol = drive
        m = state.m
        mesh = system.magnet.mesh
        runs = system.runs()
        weight = system._padded_weight()
        k = state.buffer("k", (7,) + m.shape)
        yp = state.buffer("y-padded", (3, mesh.ny + 2, mesh.nx + 2))
        worst = state.buffer("run-errors", (len(runs),))
        acc = state.buffer("field")
        first = 1 if state.scratch.get("fsal_valid") else 0
        dt = state.dt if state.dt > 0 else FIRST_STEP_RATE_FRACTION / system.rate_bound()
        dt = min(dt, self.dt_max)
        t = state.t
        while True:
            remaining = t_limit - t
            landing = dt >= remaining
            h = remaining if landing else dt
            err = runge_kutta_stages(m, yp, k, runs, weight, mesh.periodic_x, mesh.periodic_y, coefficients,
                                     static, pol, bdl, xi, system.gamma, system.alpha, system.precession, h, A,
                                     E, first, acc, worst)
            state.evaluations += 7 - first
            first = 1
            state.scratch["fsal_valid"] = True
            if not math.isfinite(err):
                raise SimulationError(f"non-finite magnetisation in step {state.steps + 1} at t = {t:.6e} s "
                                      f"(dt = {h:.3e} s); the time step or tolerance is too large")
            factor = self.headroom * (self.max_err / err) ** 0.2 if err > 0 else FACTOR_MAX
            factor = min(FACTOR_MAX, max(FACTOR_MIN, factor))
            if err <= self.max_err:
                accept_runs(yp, runs, k, 6, m)
                state.t = t_limit if landing else t + h
                state.steps += 1
                state.dt = min(self.dt_max, max(h * factor, dt if landing else 0.0))
                return
            state.rejected += 1
            dt = h * min(factor, 1.0)
            if dt < DT_MIN:
                raise SimulationError(f"step size fell below {DT_MIN:g} s at step {state.steps + 1}, "
                                      f"t = {t:.6e} s (error {err:.3g} > max_err {self.max_err:g})")
