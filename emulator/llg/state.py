"""The evolving state of a run: magnetisation, time, step size, counters and the random stream.

Like SimPy's `Environment`, everything that changes during a run lives in this one object, passed
explicitly to the steppers; the problem (`LLG`) and the stepper settings are immutable.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from skybench.errors import ParameterError, SkybenchError


class SimulationError(SkybenchError, RuntimeError):
    """A run that cannot continue (NaN magnetisation, step size collapse); says where it happened."""


@dataclasses.dataclass(eq=False)
class State:
    """Magnetisation m (3, ny, nx) at time t, with the stepper's bookkeeping."""

    m: np.ndarray
    """Unit magnetisation on magnetic cells, 0 elsewhere (dimensionless), shape (3, ny, nx)."""
    t: float = 0.0
    """Simulated time (s)."""
    dt: float = 0.0
    """Next step size the adaptive stepper will try (s); 0 lets it choose."""
    steps: int = 0
    """Accepted steps (dimensionless)."""
    rejected: int = 0
    """Rejected steps of an adaptive stepper (dimensionless)."""
    evaluations: int = 0
    """Right-hand-side (effective field) evaluations (dimensionless)."""
    seed: int | None = None
    """Seed of the random stream (thermal field); None for a deterministic run."""
    rng: np.random.Generator | None = dataclasses.field(default=None, repr=False)
    """Random stream, created from `seed`."""
    scratch: dict = dataclasses.field(default_factory=dict, repr=False)
    """Work arrays of the stepper (stage derivatives, FSAL derivative)."""

    def __post_init__(self):
        m = np.ascontiguousarray(self.m, dtype=float)
        if m.ndim != 3 or m.shape[0] != 3:
            raise ParameterError("m", m.shape, "an array of shape (3, ny, nx)")
        if not np.all(np.isfinite(m)):
            raise ParameterError("m", "non-finite values", "finite magnetisation components")
        self.m = m
        if self.rng is None and self.seed is not None:
            self.rng = np.random.default_rng(self.seed)

    def buffer(self, name: str, shape=None) -> np.ndarray:
        """A named work array (default: the shape of m), allocated once."""
        shape = self.m.shape if shape is None else shape
        array = self.scratch.get(name)
        if array is None or array.shape != shape:
            array = np.zeros(shape)
            self.scratch[name] = array
        return array

    def invalidate(self) -> None:
        """Forget cached derivatives (after m was changed from outside, or at a drive discontinuity)."""
        self.scratch.pop("fsal_valid", None)
