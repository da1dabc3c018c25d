"""The film's equilibrium along B_z: saturated, stripe domains or a hexagonal bubble lattice, whichever is lowest.

The two textures are the Kooy-Enz stripe array (emulator/stripe_domains.py) and the hexagonal lattice of reversed
cylinders (emulator/bubble_lattice.py), in the same effective-medium film with the same wall. Each gives its
B-independent energy e0(m) per stack volume on one grid of mean reduced magnetisations m; the film's is their
lower envelope, and at each field the equilibrium is m_eq(B) = argmin_m [e0(m) - B Ms_eff m] against the saturated
film (energy mu0 Ms_eff^2 / 2 -+ B Ms_eff). Which texture wins at each field is an output (`textures`). For
the gdfeco film (tests/emulator/test_bubble_lattice.py) stripes are lowest at small fields; the lattice takes
over well below the stripes' own saturation field (a first-order change with a small jump in m) and survives up
to the isolated bubble's zero-energy field B_0 (emulator/bubble.py; Thiele, J. Appl. Phys. 41, 1139 (1970)),
where its lattice constant diverges, so the film's saturation field B_s is the lattice's.
"""
from __future__ import annotations

import dataclasses
import functools
import math

import numpy as np

from emulator.bubble_lattice import BubbleLatticeModel
from emulator.material import Material
from emulator.stripe_domains import StripeDomainModel, field_grid, lowest_state, saturation_field

SATURATED = "saturated"
"""Texture name: the uniform film."""
STRIPES = "stripes"
"""Texture name: the Kooy-Enz stripe array."""
LATTICE = "lattice"
"""Texture name: the hexagonal bubble (skyrmion) lattice."""


@dataclasses.dataclass(frozen=True)
class DomainModel:
    """Equilibrium domain state (saturated, stripes or bubble lattice) of the effective-medium film of
    `material`."""

    material: Material

    @functools.cached_property
    def stripes(self) -> StripeDomainModel:
        """The stripe texture (and the film's wall)."""
        return StripeDomainModel(self.material)

    @functools.cached_property
    def lattice(self) -> BubbleLatticeModel:
        """The bubble-lattice texture, with the stripes' wall."""
        return BubbleLatticeModel(self.stripes)

    @property
    def demag_field(self) -> float:
        """mu0 Ms_eff (T): the saturation field of infinitely fine domains, an upper bound on B_s."""
        return self.stripes.demag_field

    @property
    def wall_energy(self) -> float:
        """sigma, the one-layer wall energy of the bubble model (J/m^2), emulator/hybrid_wall.py."""
        return self.stripes.wall_energy

    @property
    def wall_energy_clipped(self) -> bool:
        """True when the one-layer wall energy is negative and the l_c -> 0 limit is used."""
        return self.stripes.wall_energy_clipped

    @functools.cached_property
    def _e0(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(m grid, e0(m) J/m^3 of the lower texture, its period or lattice constant m, True where the lattice
        is the lower)."""
        ms, e_stripes, period = self.stripes.e0()
        ms_lattice, e_lattice, spacing = self.lattice.e0()
        if not np.array_equal(ms, ms_lattice):
            raise RuntimeError("stripe and lattice tables are on different grids of m")
        lattice = e_lattice < e_stripes
        return ms, np.where(lattice, e_lattice, e_stripes), np.where(lattice, spacing, period), lattice

    def _solve(self, fields: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(m_eq, period m or NaN, texture index: 0 saturated, 1 stripes, 2 lattice) at each field (T)."""
        ms, e0, length, lattice = self._e0
        m, k, textured = lowest_state(ms, e0, self.material.ms_effective, fields)
        return m, np.where(textured, length[k], np.nan), np.where(textured, np.where(lattice[k], 2, 1), 0)

    def equilibrium(self, fields: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(m_eq, period m) at each field (T): the stripe period or the lattice constant of the winning texture,
        NaN where the film is saturated."""
        m, length, _ = self._solve(fields)
        return m, length

    def textures(self, fields: np.ndarray) -> list[str]:
        """The equilibrium texture at each field (T): SATURATED, STRIPES or LATTICE."""
        return [(SATURATED, STRIPES, LATTICE)[k] for k in self._solve(fields)[2]]

    def saturation_field(self, resolution: float = 1e-4) -> float:
        """B_s (T): the smallest field at which the saturated film wins over both textures."""
        return saturation_field(self.equilibrium, self.demag_field, resolution)

    def lattice_window(self, resolution: float = 1e-4) -> tuple[float, float]:
        """(lowest, highest) field (T) >= 0 at which the bubble lattice is the equilibrium; (NaN, NaN) if none."""
        fields = field_grid(self.demag_field, resolution)
        kind = self._solve(fields)[2]
        where = np.nonzero(kind == 2)[0]
        return (float(fields[where[0]]), float(fields[where[-1]])) if where.size else (math.nan, math.nan)
