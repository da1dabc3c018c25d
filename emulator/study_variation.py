"""Device-to-device variation in a study: which quantities may vary, how each is distributed, and the draw of
every device's own value.

A study draws, for every device d and every varied quantity, one value from that quantity's distribution. The
draw is a pure function of (study seed, quantity, d): a counter-based splitmix64 hash (Steele, Lea, Flood,
OOPSLA 2014) of the device index, so a device gets the same value whatever the chunk or the worker that runs it.
These streams are separate from the devices' thermal streams (emulator/thiele/rng.py).

The quantities that vary today (`VARIABLES`) act on the device without rebuilding its preset:
- `temperature` (K): ambient temperature of the film (thermal noise and Arrhenius rates of the model);
- `current_scale` (dimensionless): delivered / nominal current density, the device's tolerance of track width and
  thickness (j = I / (w t) for the current I the bench sets for the nominal w0 t0);
- `field_offset` (T): a bias field added to every Bz of the protocol (magnet calibration, stray fields), which
  moves the equilibrium skyrmion size along the preset's radius law.
The preset's disorder (nucleation sites, defects; emulator/disorder.py) is drawn per device as well, unless the
study fixes it (`[study] disorder`): `disorder_seeds` gives each device its realisation's seed, by the same hash.
"""
from __future__ import annotations

import dataclasses
import math
from types import MappingProxyType

import numpy as np

from skybench.errors import ParameterError, check_range

DISTRIBUTIONS = ("fixed", "normal", "uniform", "choice")
"""Distribution kinds a study file may name (normal: truncated at mean -+ 6 std)."""
NORMAL_TRUNCATION = 6.0
"""A normal draw is clipped at mean -+ 6 std (probability 2e-9 per device), so that its range, which the damage
pre-flight and the variable's limits check, is finite."""
PARAMETER_KEYS = MappingProxyType({"fixed": ("value",), "normal": ("mean", "std"), "uniform": ("low", "high"),
                                   "choice": ("values",)})
"""Keys of a [vary.NAME] table per distribution kind, in the order of `Distribution.parameters`."""
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


@dataclasses.dataclass(frozen=True)
class Variable:
    """A quantity that may vary from device to device."""

    name: str
    """Name in the study file's [vary] table."""
    unit: str
    """SI unit of its values ('' for dimensionless)."""
    low: float
    """Smallest value a device may take (in `unit`)."""
    high: float
    """Largest value a device may take (in `unit`)."""
    nominal: str
    """What a device has when the quantity does not vary."""


VARIABLES = MappingProxyType({v.name: v for v in (
    Variable("temperature", "K", 0.0, 600.0, "the preset's ambient temperature"),
    Variable("current_scale", "", 0.5, 2.0, "1 (the protocol's nominal current density)"),
    Variable("field_offset", "T", -0.5, 0.5, "0 T (the protocol's fields)"),
)})
"""The quantities a study may vary (module docstring), by name."""


@dataclasses.dataclass(frozen=True)
class Distribution:
    """How one quantity is spread over the devices; values in the quantity's SI unit."""

    kind: str
    """One of DISTRIBUTIONS."""
    parameters: tuple[float, ...]
    """fixed: (value,); normal: (mean, std); uniform: (low, high); choice: the values."""

    def draw(self, stream: int, devices: np.ndarray) -> np.ndarray:
        """Each device's value: a pure function of (stream, device index)."""
        p = self.parameters
        if self.kind == "fixed":
            return np.full(devices.shape, p[0])
        u1 = _uniform(stream, devices, 0)
        if self.kind == "uniform":
            return p[0] + (p[1] - p[0]) * u1
        if self.kind == "choice":
            return np.asarray(p)[np.minimum((u1 * len(p)).astype(np.int64), len(p) - 1)]
        u2 = _uniform(stream, devices, 1)
        z = np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * math.pi * u2)   # Box-Muller
        return p[0] + p[1] * np.clip(z, -NORMAL_TRUNCATION, NORMAL_TRUNCATION)

    def bounds(self) -> tuple[float, float]:
        """Smallest and largest value the distribution can give."""
        p = self.parameters
        if self.kind == "normal":
            return p[0] - NORMAL_TRUNCATION * p[1], p[0] + NORMAL_TRUNCATION * p[1]
        return min(p), max(p)


def distribution(variable: Variable, kind: str, parameters: tuple[float, ...], where: str) -> Distribution:
    """A checked Distribution of `variable`: every value it can give lies in the variable's range.

    `where` names the field in the study file for the error message."""
    if kind not in DISTRIBUTIONS:
        raise ParameterError(f"{where}.distribution", kind, "one of " + ", ".join(DISTRIBUTIONS))
    if kind != "choice" and len(parameters) != len(PARAMETER_KEYS[kind]) or not parameters:
        raise ParameterError(where, parameters, f"{kind}: " + " and ".join(PARAMETER_KEYS[kind]))
    result = Distribution(kind, tuple(float(p) for p in parameters))
    if kind == "normal":
        check_range(f"{where}.std", parameters[1], 0.0, None, variable.unit)
    if kind == "uniform" and parameters[1] < parameters[0]:
        raise ParameterError(f"{where}.high", parameters[1], f">= low ({parameters[0]:g})")
    low, high = result.bounds()
    if low < variable.low or high > variable.high:
        raise ParameterError(where, f"{low:g} .. {high:g}", f"values in [{variable.low:g}, {variable.high:g}]"
                             f"{' ' + variable.unit if variable.unit else ''} (normal: mean -+ 6 std)")
    return result


def disorder_seeds(seed: int, devices: np.ndarray) -> np.ndarray:
    """Each device's disorder seed (an integer in [0, 2^32)): a pure function of (study seed, device index)."""
    stream = int(np.random.SeedSequence(int(seed), spawn_key=(0x5714D7, 0xD150)).generate_state(1, np.uint64)[0])
    return (_uniform(stream, devices, 0) * 2.0**32).astype(np.int64)


def stream_of(seed: int, variable: str) -> int:
    """The integer stream of one variable of one study (independent of every other variable and seed)."""
    index = tuple(VARIABLES).index(variable)
    return int(np.random.SeedSequence(int(seed), spawn_key=(0x5714D7, index)).generate_state(1, np.uint64)[0])


def _uniform(stream: int, devices: np.ndarray, draw: int) -> np.ndarray:
    """Uniform doubles in (0, 1): splitmix64 output of counter 2 d + draw of the stream."""
    with np.errstate(over="ignore"):
        z = np.uint64(stream) + (devices.astype(np.uint64) * np.uint64(2) + np.uint64(draw + 1)) * _GOLDEN
        z = (z ^ (z >> np.uint64(30))) * _MIX1
        z = (z ^ (z >> np.uint64(27))) * _MIX2
        z = z ^ (z >> np.uint64(31))
    return ((z >> np.uint64(11)).astype(np.float64) + 0.5) * (1.0 / 9007199254740992.0)
