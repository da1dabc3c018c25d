"""`VoltmeterNoise`: the reading noise of a nanovoltmeter as a function of range and integration time.

A reading averages the input over its integration time T (NPLC / line frequency, times the number of
conversions a filter averages). White voltage noise of one-sided density e (V/sqrt(Hz)) averaged by a boxcar
of length T leaves an rms error

    sigma(T) = e / sqrt(2 T)                                   (boxcar averaging of white noise)

with e the quadrature sum of the meter's own input noise on its range and the Johnson noise of the source
resistance R it reads, e_J = sqrt(4 k_B T_s R). So averaging N readings, or integrating N times longer,
shrinks the error by sqrt(N): averaging trades time for precision. Readings are then rounded to the range's
resolution (7 1/2 digits: range x 1e-7 here), which matters only on the high ranges.

The meter densities are assumed, of the order of the Keithley 2182A specification (about 1.2 nV rms on the
10 mV range at 1 s response, i.e. e ~ 1.5 nV/sqrt(Hz)), growing with the range as the input amplifier's gain
drops.

Below its corner frequency f_c the meter's noise is 1/f (flicker) noise, one-sided density

    S(f) = e^2 f_c / f          for F_FLICKER_MIN < f < f_c, joining the white floor e^2 at f_c,

which averaging cannot beat: the Allan deviation of plain readings stops falling at about
e sqrt(2 ln2 f_c) (the flicker floor of S = h_-1 / f is sqrt(2 ln2 h_-1); Allan 1966, Barnes et al. 1971,
NIST TN 1337). `FlickerNoise` makes it as a sum of Ornstein-Uhlenbeck processes, one per octave of relaxation
rate between F_FLICKER_MIN and f_c, each of variance e^2 f_c ln2 (a sum of Lorentzians with equal variance per
octave has S(f) = sigma^2 / (f ln2); Keshner 1982), evaluated exactly at each reading's time (the process
is sampled at the reading, not averaged over its integration: its fastest component relaxes in
1/(2 pi f_c) = 1.6 s, longer than a reading). f_c is assumed (FLICKER_CORNER): the datasheet gives the
white floor only. The slow thermoelectric drift of the leads is the wiring's (`instruments.wiring`).
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

RANGES_CHANNEL_1 = (0.01, 0.1, 1.0, 10.0, 100.0)
"""Channel-1 ranges of the 2182A (V)."""
RANGES_CHANNEL_2 = (0.1, 1.0, 10.0)
"""Channel-2 ranges of the 2182A (V)."""
RESOLUTION_FRACTION = 1e-7
"""Reading resolution as a fraction of the range (7 1/2 digits)."""
FLICKER_CORNER = 0.1
"""Corner frequency f_c (Hz) below which the meter's noise is 1/f, assumed (typical of chopper-free
nanovolt front ends; the 2182A datasheet states the white floor only)."""
F_FLICKER_MIN = 1e-4
"""Lowest relaxation rate (Hz) of the 1/f model: below it (periods over ~3 h) the spectrum flattens."""


@dataclasses.dataclass(frozen=True)
class VoltmeterNoise:
    """Input noise densities per range; `reading_std` and `sample` give the noise of one reading."""

    densities: tuple[tuple[float, float], ...] = (
        (0.01, 1.5e-9), (0.1, 4e-9), (1.0, 40e-9), (10.0, 400e-9), (100.0, 4e-6))
    """(range V, input noise density V/sqrt(Hz)) pairs, assumed (see the module docstring)."""

    def density(self, voltage_range: float) -> float:
        """Meter noise density (V/sqrt(Hz)) on the range `voltage_range` (V): the smallest listed range
        that holds it."""
        for upper, value in self.densities:
            if voltage_range <= upper * (1.0 + 1e-9):
                return value
        return self.densities[-1][1]

    def reading_std(self, voltage_range: float, integration_time: float, source_density: float = 0.0) -> float:
        """rms error (V) of one reading integrating `integration_time` (s) on `voltage_range` (V), with the
        source's own noise density `source_density` (V/sqrt(Hz)) added in quadrature."""
        total = math.hypot(self.density(voltage_range), source_density)
        return total / math.sqrt(2.0 * integration_time)

    def flicker_std(self, voltage_range: float) -> float:
        """rms (V) of the meter's 1/f process on `voltage_range`: what a very long average still carries."""
        return self.density(voltage_range) * math.sqrt(FLICKER_CORNER * math.log(2.0) * flicker_octaves())

    def flicker_floor(self, voltage_range: float) -> float:
        """Allan deviation floor (V) of the 1/f noise on `voltage_range`: e sqrt(2 ln2 f_c)."""
        return self.density(voltage_range) * math.sqrt(2.0 * math.log(2.0) * FLICKER_CORNER)

    def sample(self, rng: np.random.Generator, true_voltage: float, voltage_range: float,
               integration_time: float, source_density: float = 0.0, flicker: float = 0.0) -> float:
        """One reading (V) of `true_voltage` with its noise, rounded to the range's resolution. `flicker` is the
        meter's 1/f process now in units of its white density (`FlickerNoise.value`)."""
        value = true_voltage + rng.normal(0.0, self.reading_std(voltage_range, integration_time, source_density))
        value += flicker * self.density(voltage_range)
        step = voltage_range * RESOLUTION_FRACTION
        return round(value / step) * step


def flicker_octaves(corner: float = FLICKER_CORNER, lowest: float = F_FLICKER_MIN) -> int:
    """Octaves of relaxation rate (one Ornstein-Uhlenbeck process each) between `lowest` and `corner`."""
    return max(1, math.ceil(math.log2(corner / lowest)))


class FlickerNoise:
    """A 1/f noise process of unit white density (V/sqrt(Hz) = 1) with corner `corner` (Hz): multiply its
    `value(t)` by the meter's density. One Ornstein-Uhlenbeck state per octave of rate (module docstring),
    advanced exactly from the last time asked: x <- x exp(-dt/tau) + sigma sqrt(1 - exp(-2 dt/tau)) N(0, 1)."""

    def __init__(self, rng: np.random.Generator, corner: float = FLICKER_CORNER, lowest: float = F_FLICKER_MIN):
        octaves = flicker_octaves(corner, lowest)
        rates = corner / 2.0 ** np.arange(octaves)
        self._tau = 1.0 / (2.0 * math.pi * rates)
        self._sigma = math.sqrt(corner * math.log(2.0))
        self._rng = rng
        self._state = rng.normal(0.0, self._sigma, octaves)
        self._time: float | None = None

    def value(self, t: float) -> float:
        """The process at time `t` (s); times must not go backwards."""
        if self._time is not None and t > self._time:
            decay = np.exp(-(t - self._time) / self._tau)
            self._state = self._state * decay + self._sigma * np.sqrt(1.0 - decay ** 2) * self._rng.normal(
                0.0, 1.0, self._state.size)
        if self._time is None or t > self._time:
            self._time = t
        return float(self._state.sum())
