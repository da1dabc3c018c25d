"""Thermal fluctuations: Brown's stochastic field.

Each cell gets an independent Gaussian field every time step (Brown, Phys. Rev. 130, 1677 (1963);
mumax3 `temperature.go`):

    B_th = eta sqrt( 2 alpha kB T / (gamma Ms V dt) ),     eta ~ N(0, 1) per component,

held constant within the step (Stratonovich, hence the Heun integrator). The random stream is a numpy
Generator seeded by `seed`, kept in the `State`, so a run is reproducible.
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

from emulator.material import K_B
from skybench.errors import check_range

MAX_TEMPERATURE_K = 2000.0
"""Highest temperature accepted (K): far above any Curie temperature of the films modelled."""


@dataclasses.dataclass(frozen=True)
class ThermalField:
    """Brown's thermal field at temperature T."""

    temperature: float
    """Temperature (K)."""
    seed: int
    """Seed of the random stream (dimensionless)."""

    def __post_init__(self):
        check_range("temperature", self.temperature, 0.0, MAX_TEMPERATURE_K, "K")

    def amplitude(self, alpha: float, gamma: float, Ms: float, cell_volume: float, dt: float) -> float:
        """Standard deviation of each field component (T) for a step dt (s)."""
        return math.sqrt(2.0 * alpha * K_B * self.temperature / (gamma * Ms * cell_volume * dt))

    def draw(self, rng: np.random.Generator, mask: np.ndarray, sigma: float) -> np.ndarray:
        """One field sample (3, ny, nx) (T), zero outside the magnet."""
        noise = rng.standard_normal((3,) + mask.shape) * sigma
        noise[:, ~mask] = 0.0
        return noise
