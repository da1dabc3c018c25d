"""`ThermalDrift`: the slow thermoelectric drift of the leads at the nanovoltmeter's input.

Each junction of dissimilar metals in the Hall arms' path (solder, bond wires, connector contacts) makes a
thermoelectric voltage S dT; the junction temperatures wander as the stage and the room do (Keithley 2182A
manual, "Thermal EMFs": readings that follow temperature changes, air currents, sunlight, air conditioning),
so the offset drifts. The drift is smooth on the scale of a current reversal (temperature changes by heat
diffusion), which is what current reversal and the 6221's three-point delta exploit: a reversal pair cancels
the offset, the delta's three points cancel its linear change too (2182A manual, "Delta"; 6221 manual,
"Delta").

Model: a stationary Gaussian process by the spectral representation (Shinozuka & Deodatis 1991): a sum of
DRIFT_COMPONENTS cosines with periods log-spaced between DRIFT_PERIOD_MIN and DRIFT_PERIOD_MAX, random phases
and Rayleigh amplitudes of equal mean power, scaled to the rms `std`; smooth (differentiable) and defined at
any time, so readings may ask in any order. Its rms and band are the wiring's (`WiringParameters`).
"""
from __future__ import annotations

import math

import numpy as np

DRIFT_COMPONENTS = 16
"""Cosines in the sum."""
DRIFT_PERIOD_MIN = 60.0
"""Shortest drift period (s), assumed: a sample stage's thermal time constant."""
DRIFT_PERIOD_MAX = 3600.0
"""Longest drift period (s), assumed: a laboratory's air-conditioning cycle."""


class ThermalDrift:
    """A smooth random drift of rms `std` (V), seeded by `rng`."""

    def __init__(self, rng: np.random.Generator, std: float):
        periods = np.geomspace(DRIFT_PERIOD_MIN, DRIFT_PERIOD_MAX, DRIFT_COMPONENTS)
        self._omega = 2.0 * math.pi / periods
        self._phase = rng.uniform(0.0, 2.0 * math.pi, DRIFT_COMPONENTS)
        amplitude = rng.rayleigh(1.0, DRIFT_COMPONENTS)  # mean square 2 each: a cosine of amplitude a has a^2/2
        self._amplitude = std * amplitude / math.sqrt(DRIFT_COMPONENTS)

    def value(self, t: float) -> float:
        """The drift (V) at time `t` (s)."""
        return float(np.dot(self._amplitude, np.cos(self._omega * t + self._phase)))

    def slope(self, t: float) -> float:
        """Its rate of change (V/s) at time `t`."""
        return float(-np.dot(self._amplitude * self._omega, np.sin(self._omega * t + self._phase)))
