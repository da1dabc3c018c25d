"""Time dependence of drives: piecewise-constant waveforms (current pulses, field pulses).

A waveform gives `value(t)` (right-continuous: at an edge it already has the new value) and its
`breakpoints()`, the edge times (s), so that the steppers end a step exactly on every edge (as mumax3 lands on
scheduled times) and never integrate across a discontinuity. Waveforms add with `+`.
The unit of `value` is that of the amplitude it was given (A/m^2 for a current density, dimensionless for a
field-scaling factor).
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

from skybench.errors import ParameterError, check_finite, check_positive, check_range

MAX_PULSES = 1_000_000
"""Most pulses one train may hold (dimensionless)."""


class Waveform:
    """Base class: a piecewise-constant function of time."""

    def value(self, t: float) -> float:
        raise NotImplementedError

    def breakpoints(self) -> tuple[float, ...]:
        raise NotImplementedError

    def __add__(self, other: "Waveform") -> "Waveform":
        if not isinstance(other, Waveform):
            return NotImplemented
        return Sum((self, other))


@dataclasses.dataclass(frozen=True)
class Constant(Waveform):
    """A constant level."""

    level: float
    """The value at all times (unit of the quantity driven)."""

    def __post_init__(self):
        check_finite("level", self.level)

    def value(self, t):
        return self.level

    def breakpoints(self):
        return ()


@dataclasses.dataclass(frozen=True)
class PulseTrain(Waveform):
    """`count` rectangular pulses of height `amplitude` and length `width`, one every `period`, from `start`.

    The paper's Fig. 4b drive (Methods): amplitude 4e10 A/m^2, width 0.05 ns, period 0.15 ns, 125 pulses.
    """

    amplitude: float
    """Pulse height (unit of the quantity driven, e.g. A/m^2)."""
    width: float
    """Pulse length (s)."""
    period: float
    """Pulse repetition period, pulse plus space (s)."""
    count: int
    """Number of pulses (dimensionless)."""
    start: float = 0.0
    """Rising edge of the first pulse (s)."""

    def __post_init__(self):
        check_finite("amplitude", self.amplitude)
        check_positive("width", self.width, "s")
        check_range("period", self.period, self.width, None, "s")
        check_range("count", self.count, 0, MAX_PULSES, "pulses")
        check_range("start", self.start, 0.0, None, "s")

    @property
    def end(self) -> float:
        """Falling edge of the last pulse (s)."""
        return self.start + (self.count - 1) * self.period + self.width if self.count else self.start

    def value(self, t):
        if self.count == 0 or t < self.start:
            return 0.0
        k = math.floor((t - self.start) / self.period)
        if k >= self.count:
            return 0.0
        return self.amplitude if t - self.start - k * self.period < self.width else 0.0

    def breakpoints(self):
        rises = self.start + self.period * np.arange(self.count)
        return tuple(np.sort(np.concatenate([rises, rises + self.width])).tolist())


@dataclasses.dataclass(frozen=True)
class Piecewise(Waveform):
    """Steps: `values[k]` from `times[k]` until `times[k + 1]`; 0 before `times[0]`."""

    times: tuple[float, ...]
    """Switching times, strictly increasing (s)."""
    values: tuple[float, ...]
    """Level after each switching time (unit of the quantity driven)."""

    def __post_init__(self):
        if len(self.times) != len(self.values) or not self.times:
            raise ParameterError("times/values", (len(self.times), len(self.values)),
                                 "two non-empty sequences of equal length")
        if any(b <= a for a, b in zip(self.times, self.times[1:])):
            raise ParameterError("times", self.times, "strictly increasing times (s)")

    def value(self, t):
        k = int(np.searchsorted(self.times, t, side="right")) - 1
        return 0.0 if k < 0 else float(self.values[k])

    def breakpoints(self):
        return tuple(float(t) for t in self.times)


@dataclasses.dataclass(frozen=True)
class Sum(Waveform):
    """The sum of several waveforms."""

    parts: tuple[Waveform, ...]
    """The waveforms added."""

    def value(self, t):
        return float(sum(p.value(t) for p in self.parts))

    def breakpoints(self):
        return tuple(sorted(set(b for p in self.parts for b in p.breakpoints())))
