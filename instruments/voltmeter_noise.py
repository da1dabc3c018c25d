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
drops. The thermoelectric offset and the 1/f drift of real setups are not in this white-noise model (the
bench's wiring adds a constant offset).
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

    def sample(self, rng: np.random.Generator, true_voltage: float, voltage_range: float,
               integration_time: float, source_density: float = 0.0) -> float:
        """One reading (V) of `true_voltage` with its noise, rounded to the range's resolution."""
        value = true_voltage + rng.normal(0.0, self.reading_std(voltage_range, integration_time, source_density))
        step = voltage_range * RESOLUTION_FRACTION
        return round(value / step) * step
