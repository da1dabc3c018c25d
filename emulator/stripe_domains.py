"""Equilibrium stripe domains of a thick perpendicular film: M_z / M_s against B_z (Kooy-Enz theory).

The multilayer is the effective medium of emulator/bubble.py (thickness h = repeats * period, magnetisation
Ms_eff = Ms * f). A parallel stripe array of period p and mean reduced magnetisation m (domains of widths
p (1 + m) / 2 and p (1 - m) / 2) with thin walls has the energy per stack volume (Kooy and Enz, Philips Res.
Rep. 15, 7 (1960); Hubert and Schaefer, Magnetic Domains (1998) section 3.7.2, with mu* = 1)

    e(p, m) = 2 sigma_s / p
              + mu0 Ms_eff^2 [ m^2 / 2 + 2 p / (pi^3 h) sum_n sin^2(n pi (1 + m) / 2) (1 - exp(-2 pi n h / p)) / n^3 ]
              - B Ms_eff m,

with sigma_s = sigma * h_m / h the wall energy per stack area of wall, sigma the one-layer hybrid-wall energy of
the bubble model (emulator/hybrid_wall.py; one definition for bubbles and stripes) and h_m the magnetic
thickness. The B-independent part
e0(m) = min_p e(p, m) + B Ms_eff m is minimised over p once; at each field the equilibrium is
m_eq(B) = argmin_m [e0(m) - B Ms_eff m], the saturated film (m = +-1, energy mu0 Ms_eff^2 / 2 -+ B Ms_eff)
included, so the saturation field B_s and the slope below it are outputs.

Walls are thin but not infinitely so: a domain is at least one wall wide, pi Delta with Delta = sqrt(A /
K_eff), which bounds p from below near saturation. A negative wall energy (a DMI gain above the Bloch energy
and the Neel charges' cost) has no thin-wall domain state: there the stripes are as fine as walls allow and cost
no wall energy (sigma_s is taken as 0, the limit l_c = sigma_s / (mu0 Ms_eff^2) -> 0 of the theory);
`wall_energy_clipped` says when this applies.

This is the stripe texture alone; the film's equilibrium chooses between it, the hexagonal bubble lattice
(emulator/bubble_lattice.py) and saturation in emulator/domain_model.py.
"""
from __future__ import annotations

import dataclasses
import functools
import math

import numpy as np

from emulator.bubble import BubbleModel
from emulator.hybrid_wall import HybridWall
from emulator.material import MU0, Material

MAGNETISATION_POINTS = 401
"""Grid of reduced magnetisations m in [-1, 1] on which e0(m) is tabulated (dimensionless)."""
PERIOD_POINTS = 160
"""Periods tried per m (log-spaced between the wall-width floor and PERIOD_MAX_FACTOR * h)."""
PERIOD_MAX_FACTOR = 400.0
"""Largest period tried, in film thicknesses (dimensionless)."""
FOURIER_TERMS = 300
"""Terms of the Kooy-Enz sum (dimensionless)."""


@dataclasses.dataclass(frozen=True)
class StripeDomainModel:
    """Kooy-Enz equilibrium of parallel stripe domains in the effective-medium film of `material`."""

    material: Material

    @property
    def demag_field(self) -> float:
        """mu0 Ms_eff (T): the saturation field of infinitely fine stripes, an upper bound on B_s."""
        return MU0 * self.material.ms_effective

    @functools.cached_property
    def wall_energy(self) -> float:
        """sigma, the one-layer wall energy of the bubble model (J/m^2), emulator/hybrid_wall.py."""
        return BubbleModel(self.material).wall_energy

    @property
    def wall_energy_clipped(self) -> bool:
        """True when the one-layer wall energy is negative and the l_c -> 0 limit is used."""
        return self.wall_energy <= 0.0

    @property
    def stack_wall_energy(self) -> float:
        """sigma_s = max(sigma, 0) h_m / h (J/m^2 of wall, per stack thickness)."""
        return max(self.wall_energy, 0.0) * self.material.magnetic_thickness / self.material.stack_thickness

    @property
    def minimum_domain_width(self) -> float:
        """pi Delta, Delta the multilayer wall's width (emulator/hybrid_wall.py) (m): no domain is narrower
        than one wall."""
        return math.pi * HybridWall(self.material).width

    @functools.cached_property
    def _e0(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(m grid, e0(m) J/m^3, optimal period m) tabulated once."""
        h = self.material.stack_thickness
        ms = np.linspace(-1.0, 1.0, MAGNETISATION_POINTS)[1:-1]
        periods = np.geomspace(2.0 * self.minimum_domain_width, PERIOD_MAX_FACTOR * h, PERIOD_POINTS)
        n = np.arange(1, FOURIER_TERMS + 1, dtype=float)[:, None]
        decay = -np.expm1(-2.0 * math.pi * n * h / periods[None, :]) / n**3          # (terms, periods)
        demag = MU0 * self.material.ms_effective**2
        e0 = np.empty(ms.size)
        best = np.empty(ms.size)
        for k, m in enumerate(ms):
            weight = np.sin(n[:, 0] * math.pi * (1.0 + m) / 2.0) ** 2                 # (terms,)
            charge = weight @ decay                                                   # (periods,)
            e = 2.0 * self.stack_wall_energy / periods + demag * (m * m / 2.0 + 2.0 * periods / (math.pi**3 * h)
                                                                  * charge)
            e = np.where(0.5 * (1.0 - abs(m)) * periods >= self.minimum_domain_width, e, np.inf)
            j = int(np.argmin(e))
            e0[k] = e[j]
            best[k] = periods[j]
        return ms, e0, best

    def e0(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(m grid, e0(m) J/m^3, optimal period m): the B-independent part of the stripes' energy minimised over
        the period at each mean reduced magnetisation m (inf where no period fits the walls)."""
        return self._e0

    def equilibrium(self, fields: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(m_eq, period m) at each field (T), stripes or saturation only; period NaN where the film is
        saturated."""
        ms, e0, period = self._e0
        m, k, textured = lowest_state(ms, e0, self.material.ms_effective, fields)
        return m, np.where(textured, period[k], np.nan)

    def saturation_field(self, resolution: float = 1e-4) -> float:
        """B_s (T): the smallest field at which the saturated film is the equilibrium."""
        return saturation_field(self.equilibrium, self.demag_field, resolution)


def lowest_state(ms: np.ndarray, e0: np.ndarray, ms_effective: float,
                 fields: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The equilibrium at each field (T) of a texture tabulated as e0(m) (J/m^3) on the grid ms, against the
    saturated film (energy mu0 Ms_eff^2 / 2 -+ B Ms_eff): (m_eq, index of the texture's best m, True where the
    texture is lower than saturation). Saturated at B = 0 means +1."""
    fields = np.atleast_1d(np.asarray(fields, float))
    total = e0[None, :] - fields[:, None] * ms_effective * ms[None, :]
    k = np.argmin(total, axis=1)
    textured = total[np.arange(fields.size), k] < MU0 * ms_effective**2 / 2.0 - np.abs(fields) * ms_effective
    return np.where(textured, ms[k], np.where(fields < 0.0, -1.0, 1.0)), k, textured


def field_grid(demag_field: float, resolution: float) -> np.ndarray:
    """Fields 0 .. 1.2 mu0 Ms_eff (T) in steps of `resolution` (T): where saturation and textures are looked for."""
    return np.arange(0.0, 1.2 * demag_field + resolution, resolution)


def saturation_field(equilibrium, demag_field: float, resolution: float) -> float:
    """B_s (T): the smallest field of `field_grid` at which `equilibrium(fields)[0]` (m_eq) is +1."""
    fields = field_grid(demag_field, resolution)
    saturated = np.nonzero(equilibrium(fields)[0] >= 1.0)[0]
    return float(fields[saturated[0]]) if saturated.size else math.inf
