"""Pinning: a depinning threshold from the film's fine-grained disorder, plus explicit Gaussian wells.

- Threshold (mean-field of a dense random landscape; Reichhardt et al., RMP 94, 035005 (2022)): a skyrmion
  stays put while the net force is below F_c and otherwise moves under F (1 - F_c / |F|), so the drift
  velocity grows linearly above threshold, v ~ (F - F_c).
- Wells (low-barrier defects; the paper's 'local pinning sites'): U(r) = -U0 exp(-r^2 / a^2),
  F = -(2 U0 / a^2) r exp(-r^2 / a^2) towards the centre.
"""
import dataclasses
import math
from typing import NamedTuple

import numba
import numpy as np
from numba.extending import overload

from emulator.thiele import hooks, term
from emulator.thiele.term import ForceTerm


class WellsRecord(NamedTuple):
    """Kernel record of the wells (present when there is at least one)."""

    ROLE = term.LOCAL
    wells: np.ndarray
    """Rows [x m, y m, U0 J, a m]."""


class ThresholdRecord(NamedTuple):
    """Kernel record of the depinning threshold."""

    ROLE = term.FRICTION
    F_c: float
    """Depinning force (N)."""


@dataclasses.dataclass(frozen=True)
class PinningWell:
    """One Gaussian pinning well."""

    x: float
    """Centre x (m)."""
    y: float
    """Centre y (m)."""
    depth: float
    """Well depth U0 (J)."""
    width: float
    """Gaussian width a (m)."""


@dataclasses.dataclass(frozen=True)
class Pinning(ForceTerm):
    """Depinning threshold and wells."""

    threshold: float
    """Depinning force F_c (N); 0 for a defect-free film."""
    wells: tuple[PinningWell, ...] = ()
    """Explicit wells."""

    def records(self):
        wells = (WellsRecord(self.well_array()),) if self.wells else ()
        return wells + (ThresholdRecord(self.threshold),)

    def well_array(self) -> np.ndarray:
        """Rows [x, y, U0, a] for the kernel."""
        rows = np.zeros((len(self.wells), 4))
        for i, w in enumerate(self.wells):
            rows[i] = (w.x, w.y, w.depth, w.width)
        return rows


@numba.njit(cache=True)
def well_force(wells, x, y):
    """Sum of well forces on a skyrmion at (x, y) (N)."""
    fx = 0.0
    fy = 0.0
    for k in range(wells.shape[0]):
        dx = x - wells[k, 0]
        dy = y - wells[k, 1]
        a2 = wells[k, 3] * wells[k, 3]
        r2 = dx * dx + dy * dy
        if r2 < 16.0 * a2:
            scale = -2.0 * wells[k, 2] / a2 * math.exp(-r2 / a2)
            fx += scale * dx
            fy += scale * dy
    return fx, fy


@numba.njit(cache=True, inline="always")
def apply_threshold(fx, fy, threshold):
    """Dry-friction depinning: (0, 0) below threshold, F (1 - F_c/|F|) above; also returns pinned flag."""
    magnitude = math.sqrt(fx * fx + fy * fy)
    if magnitude <= threshold:
        return 0.0, 0.0, True
    if threshold == 0.0:
        return fx, fy, False
    scale = 1.0 - threshold / magnitude
    return fx * scale, fy * scale, False


@overload(hooks.local_force, inline="always")
def _local_force(rec, x, y, radius, jx, jy, s_int):
    if hooks.is_record(rec, WellsRecord):
        return lambda rec, x, y, radius, jx, jy, s_int: well_force(rec.wells, x, y)


@overload(hooks.apply_friction, inline="always")
def _apply_friction(rec, fx, fy):
    if hooks.is_record(rec, ThresholdRecord):
        return lambda rec, fx, fy: apply_threshold(fx, fy, rec.F_c)
