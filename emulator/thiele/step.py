"""Step stage: the overdamped Thiele equation solved for the velocities, the adaptive step and the move.

    G z x v + alpha D(R) v = F      ->   vx = (aD Fx + G Fy) / (aD^2 + G^2),  vy = (aD Fy - G Fx) / (aD^2 + G^2)

(physics.md section 1), with G the signed gyrocoupling and alpha D(R) = alpha s_tot t_m times the dissipation
integral at the skyrmion's field, so a force along +x drives a skyrmion at the Hall angle atan(G / alpha D) off
the force. F is the net force after the friction law (depinning threshold), if the model has one. Positions
advance over a step that bounds the largest displacement, stays below the largest step while driven and keeps
each annihilation draw a small probability, by one of two integrators (StepRecord.order):
- explicit Euler (Euler-Maruyama with the Langevin force), `move`: first order, one force evaluation per step;
- Heun (explicit trapezoid), `predict` then `correct`: an Euler predictor, the forces again at the predicted
  positions, and the mean of the two velocities; second order for the deterministic drift, two force evaluations
  per step. The Langevin force of the step is drawn once and added to both evaluations (additive noise: the
  stochastic Heun scheme, Ruemelin, SIAM J. Numer. Anal. 19, 604 (1982)).
While no current flows the kernel uses the relaxation integrator and cap (StepRecord.relax_order,
relax_max_displacement; the same as the driven ones unless StepControl sets them).
"""
import math
from typing import NamedTuple

import numba

from emulator.thiele.hooks import add_thermal_force, friction

RATE_STEP_FRACTION = 0.02
"""A step is at most this fraction of the fastest annihilation time (dimensionless)."""
SHORTEST_STEP = 1e-18
"""Floor of the step (s), so that time always advances."""
INTEGRATORS = {"euler": 1, "heun": 2}
"""The integrators by name, and their order (StepRecord.order)."""


class StepRecord(NamedTuple):
    """Thiele coefficients and step control of one device type."""

    gyro: float
    """Signed gyrocoupling G (kg/s)."""
    dissipation: float
    """alpha s_tot t_m (kg/s); alpha D = this times the dissipation integral."""
    max_displacement: float
    """Largest displacement of any skyrmion in one step (m)."""
    max_step: float
    """Largest step while a current flows (s)."""
    order: int
    """Integrator: 1 explicit Euler (`move`), 2 Heun (`predict`, forces again, `correct`); see INTEGRATORS."""
    relax_max_displacement: float
    """Largest displacement in one step while no current flows (m)."""
    relax_order: int
    """Integrator while no current flows (as `order`)."""
    largest_displacement: float
    """The larger of the two displacement caps (m)."""


@numba.njit(cache=True, inline="always")
def drift(s, ad, gx, gy):
    """The Thiele velocity of a skyrmion with damping term ad = alpha D(R) under the net force (gx, gy) (N), as
    (numerator_x, numerator_y, denominator): v = numerator / denominator (m/s). Each integrator divides where its
    own arithmetic needs it."""
    return ad * gx + s.gyro * gy, ad * gy - s.gyro * gx, ad * ad + s.gyro * s.gyro


@numba.njit(cache=True, inline="always")
def choose_dt(m, sc, count, j_nominal, remaining, max_rate):
    """The next step (s) for the forces in sc, `remaining` (s) left of the interval, and the largest
    annihilation rate of the last step (1/s). Keeps each deterministic velocity as its numerators (sc.vx, sc.vy)
    and denominator (sc.den), and who the friction law holds (sc.held): without a Langevin force they are the
    step's, and `move` reuses them."""
    s = m.step
    d_int = sc.d_int
    fx = sc.fx
    fy = sc.fy
    held = sc.held
    numerator_x = sc.vx
    numerator_y = sc.vy
    denominator = sc.den
    vmax = 0.0
    for i in range(count):
        ad = s.dissipation * d_int[i]
        gx, gy, held[i] = friction(m.friction, fx[i], fy[i])
        numerator_x[i], numerator_y[i], den = drift(s, ad, gx, gy)
        denominator[i] = den
        vx = numerator_x[i] / den
        vy = numerator_y[i] / den
        v = math.sqrt(vx * vx + vy * vy)
        if v > vmax:
            vmax = v
    if j_nominal != 0.0:
        dt = min(s.max_step, remaining)
    else:
        # No drive: only relaxation, limited by displacement alone; when every skyrmion is held the state is
        # frozen and one step spans the rest (rates are applied exactly over any dt).
        dt = remaining
    if vmax > 0.0:
        dt = min(dt, (s.max_displacement if j_nominal != 0.0 else s.relax_max_displacement) / vmax)
    if max_rate > 0.0:
        # Rates change as neighbours die (their stray field goes): keep each draw a small probability.
        dt = min(dt, RATE_STEP_FRACTION / max_rate)
    return max(dt, SHORTEST_STEP)


@numba.njit(cache=True, inline="always")
def move(m, st, sc, d, dt, temperature):
    """Advance device d's skyrmions by dt (s) at film temperature `temperature` (K); record who is held.
    Without a Langevin force the velocities and holds are those `choose_dt` kept (the same operations, in the
    same order: the result is bit for bit that of computing them here)."""
    s = m.step
    x = st.x[d]
    y = st.y[d]
    if len(m.noise) == 0:
        numerator_x = sc.vx
        numerator_y = sc.vy
        denominator = sc.den
        for i in range(st.n[d]):
            x[i] += dt * numerator_x[i] / denominator[i]
            y[i] += dt * numerator_y[i] / denominator[i]
        return
    rng = st.rng
    d_int = sc.d_int
    fx = sc.fx
    fy = sc.fy
    held = sc.held
    for i in range(st.n[d]):
        ad = s.dissipation * d_int[i]
        gx, gy = add_thermal_force(m.noise, fx[i], fy[i], ad, temperature, dt, rng, d)
        gx, gy, held[i] = friction(m.friction, gx, gy)
        nx, ny, den = drift(s, ad, gx, gy)
        x[i] += dt * nx / den
        y[i] += dt * ny / den


@numba.njit(cache=True, inline="always")
def predict(m, st, sc, d, dt, temperature):
    """Heun's first stage: keep the positions, the velocities and the step's Langevin force of device d in sc,
    and move every skyrmion by the Euler step dt (s)."""
    s = m.step
    x = st.x[d]
    y = st.y[d]
    rng = st.rng
    d_int = sc.d_int
    fx = sc.fx
    fy = sc.fy
    for i in range(st.n[d]):
        ad = s.dissipation * d_int[i]
        tx, ty = add_thermal_force(m.noise, 0.0, 0.0, ad, temperature, dt, rng, d)
        gx, gy, _ = friction(m.friction, fx[i] + tx, fy[i] + ty)
        nx, ny, den = drift(s, ad, gx, gy)
        sc.x0[i] = x[i]
        sc.y0[i] = y[i]
        sc.tx[i] = tx
        sc.ty[i] = ty
        sc.vx[i] = nx / den
        sc.vy[i] = ny / den
        x[i] += dt * sc.vx[i]
        y[i] += dt * sc.vy[i]


@numba.njit(cache=True, inline="always")
def correct(m, st, sc, d, dt):
    """Heun's second stage, with the forces in sc computed at the predicted positions: every skyrmion moves from
    its kept position by dt (s) times the mean of the two velocities; record who is held at the prediction."""
    s = m.step
    x = st.x[d]
    y = st.y[d]
    d_int = sc.d_int
    fx = sc.fx
    fy = sc.fy
    held = sc.held
    for i in range(st.n[d]):
        ad = s.dissipation * d_int[i]
        gx, gy, held[i] = friction(m.friction, fx[i] + sc.tx[i], fy[i] + sc.ty[i])
        nx, ny, den = drift(s, ad, gx, gy)
        x[i] = sc.x0[i] + 0.5 * dt * (sc.vx[i] + nx / den)
        y[i] = sc.y0[i] + 0.5 * dt * (sc.vy[i] + ny / den)
