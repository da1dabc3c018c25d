"""The one state record of a batch: every skyrmion of every device, shared by all kernel stages.

Structure of arrays, shape (devices, capacity), compact per device: the first n[d] slots are alive. The
engine (emulator/thiele/engine.py) owns it; the kernel stages read and write it, nothing else does.
"""
from typing import NamedTuple

import numpy as np

from emulator.thiele.events import EventLog, empty_log
from emulator.thiele.rng import seed_states

FLAG_INSIDE = 1
"""Flag bit: centre inside the effective area."""
FLAG_PINNED = 2
"""Flag bit: held by the depinning threshold at the end of the last step."""


class State(NamedTuple):
    """Skyrmions, random streams, temperatures and event logs of a batch of devices."""

    x: np.ndarray
    """Centre x (m)."""
    y: np.ndarray
    """Centre y (m)."""
    radius: np.ndarray
    """Radius (m)."""
    b_eff: np.ndarray
    """Local field B_z + B_dip at the last step (T)."""
    ids: np.ndarray
    """Identity (int)."""
    flags: np.ndarray
    """FLAG_INSIDE | FLAG_PINNED bits (int)."""
    kappa: np.ndarray
    """Barrier factor drawn at birth (dimensionless)."""
    n: np.ndarray
    """Live skyrmions per device (int)."""
    next_id: np.ndarray
    """Next identity, = skyrmions created so far, per device (int)."""
    rng: np.ndarray
    """splitmix64 state per device (uint64)."""
    rise: np.ndarray
    """Joule temperature rise per device (K)."""
    work: np.ndarray
    """Skyrmion force evaluations per device, a cost measure for benchmarks: one per particle-step of Euler, two of
    Heun (int)."""
    log: EventLog
    """Events of the current interval."""


def new_state(devices: int, capacity: int, seed: int, first_device: int, event_slots: int) -> State:
    """An empty batch: devices first_device .. first_device + devices - 1 of `seed`."""
    shape = (devices, capacity)
    return State(x=np.zeros(shape), y=np.zeros(shape), radius=np.zeros(shape), b_eff=np.zeros(shape),
                 ids=np.zeros(shape, dtype=np.int64), flags=np.zeros(shape, dtype=np.int64),
                 kappa=np.ones(shape), n=np.zeros(devices, dtype=np.int64),
                 next_id=np.zeros(devices, dtype=np.int64), rng=seed_states(seed, devices, first_device),
                 rise=np.zeros(devices), work=np.zeros(devices, dtype=np.int64),
                 log=empty_log(devices, event_slots))


class Scratch(NamedTuple):
    """Per-step values of one device's skyrmions (slot i belongs to the skyrmion in state slot i)."""

    fx: np.ndarray
    """Net deterministic force x (N)."""
    fy: np.ndarray
    """Net deterministic force y (N)."""
    b_dip: np.ndarray
    """Stray field of the neighbours (T)."""
    j_local: np.ndarray
    """Magnitude of the local current density (A/m^2)."""
    d_int: np.ndarray
    """Dissipation integral at the skyrmion's field (dimensionless)."""
    near: np.ndarray
    """Signed distance to the nearest closed edge (m)."""
    near_any: np.ndarray
    """Distance to the nearest edge, exits included (m)."""
    held: np.ndarray
    """Held by the friction law in the last move (bool)."""
    head: np.ndarray
    """Cell-list heads (int)."""
    nxt: np.ndarray
    """Cell-list chains (int)."""
    fired: np.ndarray
    """Skyrmions written per nucleation site in this interval (int)."""
    x0: np.ndarray
    """Centre x at the start of a Heun step (m)."""
    y0: np.ndarray
    """Centre y at the start of a Heun step (m)."""
    vx: np.ndarray
    """Velocity x of a Heun step's first stage (m/s); of an Euler step, its numerator (step.choose_dt, N kg/s)."""
    vy: np.ndarray
    """Velocity y of a Heun step's first stage (m/s); of an Euler step, its numerator (N kg/s)."""
    tx: np.ndarray
    """Langevin force x of a Heun step, shared by both stages (N)."""
    ty: np.ndarray
    """Langevin force y of a Heun step (N)."""
    den: np.ndarray
    """Denominator of an Euler step's velocity, (alpha D)^2 + G^2 (step.choose_dt, kg^2/s^2)."""
    start_ids: np.ndarray
    """Identities of the skyrmions alive at the start of the interval (int)."""
    start_pinned: np.ndarray
    """Whether each of those was held at the start of the interval (bool)."""
