"""Skyrmion trajectories from an LLG run: sample, match between snapshots, unwrap periodic boundaries.

`record` runs the problem and finds the skyrmions every `every` seconds; skyrmions are matched to the
previous snapshot by least total displacement (`emulator.llg.skyrmions.match`), and positions are unwrapped
across periodic boundaries (minimum-image steps), so a track is continuous. A skyrmion that disappears ends
the recording with a `SimulationError` naming the time (a calibration run must keep all its skyrmions).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from emulator.llg import skyrmions
from emulator.llg.state import SimulationError, State
from emulator.llg.stepper import advance


@dataclasses.dataclass(frozen=True)
class Tracks:
    """Sampled trajectories of n skyrmions."""

    t: np.ndarray
    """Sample times (s), shape (samples,)."""
    x: np.ndarray
    """Unwrapped centre x (m), shape (samples, n)."""
    y: np.ndarray
    """Unwrapped centre y (m), shape (samples, n)."""
    radius: np.ndarray
    """m_z = 0 radius (m), shape (samples, n)."""
    charge: np.ndarray
    """Topological charge of each skyrmion (dimensionless), shape (samples, n)."""


def record(system, state: State, stepper, duration: float, every: float, count: int) -> Tracks:
    """Run for `duration` (s), sampling `count` skyrmions every `every` (s)."""
    magnet = system.magnet
    mesh = magnet.mesh
    width, height = mesh.size
    rows = []
    previous = None
    steps = int(round(duration / every))
    t0 = state.t
    for k in range(steps + 1):
        if k:
            advance(system, state, stepper, t0 + k * every)
        found = [s for s in skyrmions.find(magnet, state.m) if abs(s.charge) >= skyrmions.MIN_CHARGE]
        if len(found) != count:
            raise SimulationError(f"expected {count} skyrmions at t = {state.t:.4e} s, found {len(found)} "
                                  "(collapse or merger): start further apart or use smaller cells")
        if previous is None or count == 1:
            ordered = found  # one skyrmion needs no matching (matching by raw distance fails at a wrap)
        else:
            pairs = dict(skyrmions.match(previous, found, max_distance=0.5 * min(width, height)))
            ordered = [found[pairs[i]] for i in range(count)]
        row = []
        for i, s in enumerate(ordered):
            x, y = s.x, s.y
            if rows:
                x0, y0 = rows[-1][i][0], rows[-1][i][1]
                if mesh.periodic_x:
                    x = x0 + _minimum_image(x - x0, width)
                if mesh.periodic_y:
                    y = y0 + _minimum_image(y - y0, height)
            row.append((x, y, s.radius, s.charge))
        rows.append(row)
        previous = ordered
    data = np.array(rows)  # (samples, n, 4)
    times = t0 + every * np.arange(steps + 1)
    return Tracks(t=times, x=data[:, :, 0], y=data[:, :, 1], radius=data[:, :, 2], charge=data[:, :, 3])


def _minimum_image(d, length):
    return d - length * np.round(d / length)


def linear_velocity(t: np.ndarray, position: np.ndarray) -> float:
    """Least-squares slope of position (m) against t (s): the mean velocity (m/s)."""
    return float(np.polyfit(t, position, 1)[0])
