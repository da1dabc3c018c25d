"""The one stepping interface, and the loop that runs a problem to a given time.

A stepper (`emulator.llg.rk45.RK45`, `emulator.llg.heun.Heun`) advances a `State` by one accepted step that
ends no later than `t_limit`:

    stepper.step(system, state, t_limit)

A stepper may also offer `advance_to(system, state, t_limit)`, the same steps up to `t_limit` in one call (no
drive switches before it); `advance` uses it when present. `advance` repeats steps until `state.t == t_end`,
ending a step exactly on every drive breakpoint (pulse edges) and on `t_end`, as mumax3 lands on scheduled
times. `run` also calls an observer at regular times.
Non-finite magnetisation stops the run with a `SimulationError` that names the step and the time.
"""
from __future__ import annotations

import math
from typing import Callable, Protocol

import numpy as np

from emulator.llg.llg import LLG
from emulator.llg.state import State
from skybench.errors import ParameterError, check_positive

STAGE_TIME_INSET = 1e-9
"""Fraction of the step by which a stage at the step's end is pulled inside it, so a drive is sampled on the
side of an edge that belongs to the step (dimensionless)."""
TIME_EPS = 1e-21
"""Times closer than this are the same instant (s)."""


class Stepper(Protocol):
    """One time-integration scheme."""

    name: str

    def step(self, system: LLG, state: State, t_limit: float) -> None:
        """Advance `state` by one accepted step, ending at or before `t_limit` (s)."""


def stage_time(t: float, c: float, dt: float) -> float:
    """Sampling time of a stage at fraction c of the step [t, t + dt], kept inside the step (s)."""
    return t + min(c, 1.0 - STAGE_TIME_INSET) * dt


def next_breakpoint(system_breakpoints: np.ndarray, t: float) -> float:
    """First breakpoint strictly after t (s), or inf."""
    k = int(np.searchsorted(system_breakpoints, t + TIME_EPS, side="right"))
    return float(system_breakpoints[k]) if k < len(system_breakpoints) else math.inf


def advance(system: LLG, state: State, stepper: Stepper, t_end: float,
            breakpoints: np.ndarray | None = None) -> State:
    """Step until state.t == t_end (s), landing on every breakpoint."""
    if t_end < state.t - TIME_EPS:
        raise ParameterError("t_end", t_end, f"a time not before the current time {state.t:g} s")
    points = system.breakpoints() if breakpoints is None else breakpoints
    while state.t < t_end - TIME_EPS:
        edge = next_breakpoint(points, state.t)
        limit = min(t_end, edge)
        steps_to = getattr(stepper, "advance_to", None)
        if steps_to is not None:
            steps_to(system, state, limit)  # all steps up to the edge in one call
        else:
            stepper.step(system, state, limit)
        if abs(state.t - edge) <= TIME_EPS:
            state.t = edge
            state.invalidate()  # the drive changes here: derivatives from before the edge are stale
    if abs(state.t - t_end) <= TIME_EPS:
        state.t = t_end
    return state


def run(system: LLG, state: State, stepper: Stepper, t_end: float, every: float | None = None,
        observe: Callable[[State], None] | None = None) -> State:
    """Advance to `t_end` (s), calling `observe(state)` at the start and every `every` seconds."""
    points = system.breakpoints()
    if observe is None or every is None:
        return advance(system, state, stepper, t_end, points)
    check_positive("every", every, "s")
    observe(state)
    n = int(math.floor((t_end - state.t) / every + 1e-9))
    t0 = state.t
    for k in range(1, n + 1):
        advance(system, state, stepper, t0 + k * every, points)
        observe(state)
    if state.t < t_end - TIME_EPS:
        advance(system, state, stepper, t_end, points)
        observe(state)
    return state
