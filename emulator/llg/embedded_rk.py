"""Adaptive explicit Runge-Kutta steppers with an embedded error estimate, first same as last (FSAL).

A `Tableau` holds the method: stage times `c`, the stage matrix `a` (the last row is the propagating
solution, whose derivative is the next step's first stage) and the error weights `e` (higher- minus lower-order
weights). `EmbeddedRungeKutta` steps it as mumax3 does (`rk45dp.go`, `rk23.go`): the step is accepted when the
largest per-cell difference between the two solutions, err = max |dm_high - dm_low|, is at most `max_err`; the
next step is dt (headroom (max_err / err))^(1/order), the factor clamped to [0.5, 2]; m is renormalised after
each step. Steps end exactly on drive breakpoints (`emulator.llg.stepper.advance`). `advance_to` takes all the
steps up to the next breakpoint in one call of the fused kernels (`emulator.llg.kernels.rk_interval`) when the
problem allows them, with the same step-size control.

The methods: `emulator.llg.rk45.RK45` (Dormand-Prince 5(4)) and `emulator.llg.rk23.RK23` (Bogacki-Shampine 3(2)).
"""
from __future__ import annotations

import dataclasses
import math
from typing import ClassVar, NamedTuple

import numba
import numpy as np

from emulator.llg.kernels import (MEMORY_FLOOR, RING, accept, accept_runs, bands, error_norm, rk_interval,
                                  row_offsets, runge_kutta_stages, stage_sum, uniform_drive)
from emulator.llg.state import SimulationError
from emulator.llg.stepper import TIME_EPS, stage_time
from skybench.errors import ParameterError, check_range

FACTOR_MIN = 0.5
"""Smallest step-size change factor per step (dimensionless), mumax3's clamp."""
FACTOR_MAX = 2.0
"""Largest step-size change factor per step (dimensionless)."""
DT_MIN = 1e-20
"""Step below which the run is declared unstable (s)."""
FIRST_STEP_RATE_FRACTION = 0.05
"""First trial step as a fraction of 1 / rate_bound (dimensionless)."""


class Tableau(NamedTuple):
    """An explicit embedded Runge-Kutta method with the first-same-as-last property."""

    c: np.ndarray
    """Stage times (fraction of the step), (stages,)."""
    a: np.ndarray
    """Stage matrix (stages, stages), strictly lower triangular; row stages - 1 holds the propagating weights."""
    e: np.ndarray
    """Error weights (stages,): propagating minus embedded weights."""
    order: int
    """Order of the propagating solution: the step-size exponent is 1 / order."""

    @property
    def stages(self) -> int:
        return self.a.shape[0]

    def stability_polynomial(self) -> np.ndarray:
        """Coefficients (lowest power first) of R(z) = 1 + z b (I - z A)^-1 1 of the propagating solution, b the
        last row of `a`: R = 1 + sum_k z^k b A_^(k-1) 1 with A_ the first stages - 1 stages (the last one is
        the next step's first and does not enter this step)."""
        inner = self.a[:-1, :-1]
        b = self.a[-1, :-1]
        coefficients = [1.0]
        power = np.ones(len(b))
        for _ in range(len(b)):
            coefficients.append(float(b @ power))
            power = inner @ power
        return np.array(coefficients)

    def stability_radius(self, alpha: float, resolution: float = 1e-4) -> float:
        """Largest |z| (dimensionless) with |R(z')| <= 1 for every z' on the segment from 0 to z along the LLG's
        linear-mode eigenvalues z = -|z| (alpha + i) / sqrt(1 + alpha^2) (a mode of field stiffness b has
        lambda = -gamma b (alpha + i) / (1 + alpha^2)); the stable step is this over |lambda|max."""
        direction = -complex(alpha, 1.0) / math.hypot(alpha, 1.0)
        radii = np.arange(resolution, 50.0, resolution)
        values = np.abs(np.polyval(self.stability_polynomial()[::-1], radii * direction))
        unstable = np.flatnonzero(values > 1.0 + 1e-12)
        return float(radii[unstable[0] - 1]) if unstable.size and unstable[0] > 0 else 0.0


@dataclasses.dataclass(frozen=True)
class EmbeddedRungeKutta:
    """An embedded Runge-Kutta method (`tableau`, set by the subclass) with error control."""

    tableau: ClassVar[Tableau]
    max_err: float = 1e-5
    """Largest accepted per-step error in m (dimensionless); mumax3's MaxErr default."""
    headroom: float = 0.8
    """Safety factor on the step-size prediction (dimensionless)."""
    dt_max: float = math.inf
    """Largest step (s)."""
    beta: float = 0.0
    """Weight of the proportional-integral term of the step control (dimensionless): an accepted step's factor is
    headroom (max_err / err)^(1/order - 0.75 beta) (err_prev / max_err)^beta (Gustafsson's PI control in the form
    of Hairer's DOPRI5 code, Hairer, Norsett and Wanner, Solving ODEs I, section II.4, which damps the step-size
    oscillation of an explicit method held at its stability bound). 0 is mumax3's controller."""
    name: str = ""

    def __post_init__(self):
        check_range("max_err", self.max_err, 1e-14, 1.0, "")
        check_range("headroom", self.headroom, 0.1, 1.0, "")
        if not self.dt_max > 0.0:
            raise ParameterError("dt_max", self.dt_max, "(0, inf] s")
        check_range("beta", self.beta, 0.0, 0.2, "")

    @property
    def exponent(self) -> float:
        """Exponent of max_err / err in the step-size factor (dimensionless)."""
        return 1.0 / self.tableau.order - 0.75 * self.beta

    def _control(self, err: float, state) -> tuple[bool, float]:
        """(accepted, step-size factor) for a step of error `err`; an accepted step updates the PI memory (the
        same arithmetic as `emulator.llg.kernels.rk_interval`)."""
        factor = self.headroom * (self.max_err / err) ** self.exponent if err > 0 else FACTOR_MAX
        if err <= self.max_err:
            memory = state.scratch.get("error-memory", MEMORY_FLOOR)
            state.scratch["error-memory"] = max(err / self.max_err, MEMORY_FLOOR)
            return True, min(FACTOR_MAX, max(FACTOR_MIN, factor * memory ** self.beta))
        return False, min(FACTOR_MAX, max(FACTOR_MIN, factor))

    def step(self, system, state, t_limit):
        if system.thermal is not None:
            raise ParameterError("stepper", self.name, "'heun' when a thermal field is on (fixed steps)")
        # Drives are constant over a step (it ends on every edge): sampled once, inside it.
        t_drive = stage_time(state.t, 0.5, t_limit - state.t) if math.isfinite(t_limit) else state.t
        drive = system.step_drive(t_drive)
        if drive is not None:
            self._fused_step(system, state, t_limit, drive)
            return
        tab = self.tableau
        stages = tab.stages
        m = state.m
        k = state.buffer("k", (stages,) + m.shape)
        y = state.buffer("y")
        field = state.buffer("field")
        if not state.scratch.get("fsal_valid"):
            system.rhs(m, state.t, k[0], field)
            state.evaluations += 1
            state.scratch["fsal_valid"] = True

        def attempt(t, h):
            for s in range(1, stages):
                stage_sum(m, k, tab.a[s], s, h, y)
                system.rhs(y, stage_time(t, tab.c[s], h), k[s], field)
            state.evaluations += stages - 1
            return error_norm(k, tab.e, stages, h, field)

        def accepted():
            accept(y, system.magnet.mask, m)
            k[0, ...] = k[stages - 1]

        self._adaptive_step(system, state, t_limit, attempt, accepted)

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
        tab = self.tableau
        coefficients, static, bdl, xi, pol = drive
        mesh = system.magnet.mesh
        runs = system.runs()
        k = state.buffer("k", (tab.stages,) + state.m.shape)
        yp = state.buffer("y-padded", (3, mesh.ny + 2, mesh.nx + 2))
        worst = state.buffer("run-errors", (len(runs),))
        first = 1 if state.scratch.get("fsal_valid") else 0
        dt = state.dt if state.dt > 0 else FIRST_STEP_RATE_FRACTION / system.rate_bound()
        banded = not (mesh.periodic_x or mesh.periodic_y)
        rows = bands(mesh.ny, numba.get_num_threads() if banded else 1)
        ring = (len(rows), tab.stages, RING, 3, mesh.nx + 2)
        status, t, dt, steps, rejected, evaluations, err, h, memory = rk_interval(
            state.m, state.buffer("m-next"), yp, k, runs, system._padded_weight(), mesh.periodic_x,
            mesh.periodic_y, coefficients, static, pol, bdl, xi, system.gamma, system.alpha, system.precession,
            tab.a, tab.e, self.exponent, self.beta, state.scratch.get("error-memory", MEMORY_FLOOR), first,
            state.buffer("field"), worst, state.t, t_limit, dt, self.max_err, self.headroom, self.dt_max,
            FACTOR_MIN, FACTOR_MAX, DT_MIN, TIME_EPS, banded, row_offsets(runs, mesh.ny), rows,
            state.buffer("y-ring", ring), state.buffer("k-ring", ring),
            state.buffer("row-error", (len(rows), 3, mesh.nx + 2)), state.buffer("zero-row", (3, mesh.nx + 2)),
            state.buffer("band-errors", (len(rows),)), state.buffer("m-padded", (3, mesh.ny + 2, mesh.nx + 2)),
            *uniform_drive(system.magnet.mask, static, pol))
        state.scratch["error-memory"] = memory
        if evaluations:
            state.scratch["fsal_valid"] = True
        state.evaluations += evaluations
        state.rejected += rejected
        if status == 1:
            state.steps += steps
            self._check_finite(err, state, t, h)
        if status == 2:
            state.steps += steps
            self._check_step(0.0, err, state, t)
        state.t, state.dt = t, dt
        state.steps += steps

    def _fused_step(self, system, state, t_limit, drive):
        """`step` with every stage, the error norm and the acceptance in the parallel kernels of
        `emulator.llg.kernels` (all terms local or applied fields: `LLG.step_drive`)."""
        tab = self.tableau
        coefficients, static, bdl, xi, pol = drive
        m = state.m
        mesh = system.magnet.mesh
        runs = system.runs()
        weight = system._padded_weight()
        k = state.buffer("k", (tab.stages,) + m.shape)
        yp = state.buffer("y-padded", (3, mesh.ny + 2, mesh.nx + 2))
        worst = state.buffer("run-errors", (len(runs),))
        acc = state.buffer("field")

        def attempt(t, h):
            first = 1 if state.scratch.get("fsal_valid") else 0
            err = runge_kutta_stages(m, yp, k, runs, weight, mesh.periodic_x, mesh.periodic_y, coefficients,
                                     static, pol, bdl, xi, system.gamma, system.alpha, system.precession, h, tab.a,
                                     tab.e, first, acc, worst)
            state.evaluations += tab.stages - first
            state.scratch["fsal_valid"] = True
            return err

        self._adaptive_step(system, state, t_limit, attempt, lambda: accept_runs(yp, runs, k, tab.stages - 1, m))

    def _adaptive_step(self, system, state, t_limit, attempt, accepted):
        """One accepted step ending no later than t_limit (s): `attempt(t, h)` makes the stages of a trial step of
        h (s) and returns its error; `accepted()` takes it. A rejected trial is retried with a smaller step."""
        dt = state.dt if state.dt > 0 else FIRST_STEP_RATE_FRACTION / system.rate_bound()
        dt = min(dt, self.dt_max)
        t = state.t
        while True:
            remaining = t_limit - t
            landing = dt >= remaining
            h = remaining if landing else dt
            err = attempt(t, h)
            self._check_finite(err, state, t, h)
            ok, factor = self._control(err, state)
            if ok:
                accepted()
                state.t = t_limit if landing else t + h
                state.steps += 1
                state.dt = min(self.dt_max, max(h * factor, dt if landing else 0.0))
                return
            state.rejected += 1
            dt = h * min(factor, 1.0)
            self._check_step(dt, err, state, t)

    def _check_finite(self, err, state, t, h):
        if not math.isfinite(err):
            raise SimulationError(f"non-finite magnetisation in step {state.steps + 1} at t = {t:.6e} s "
                                  f"(dt = {h:.3e} s); the time step or tolerance is too large")

    def _check_step(self, dt, err, state, t):
        if dt < DT_MIN:
            raise SimulationError(f"step size fell below {DT_MIN:g} s at step {state.steps + 1}, "
                                  f"t = {t:.6e} s (error {err:.3g} > max_err {self.max_err:g})")
