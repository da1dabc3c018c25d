"""Hexagonal bubble lattice (skyrmion lattice) of a thick perpendicular film: its energy and e0(m).

Between the stripe state and the saturated film a thick film can hold a hexagonal lattice of reversed cylinders
(Cape and Lehman, J. Appl. Phys. 42, 5732 (1971); Hubert and Schaefer, Magnetic Domains (1998) section
3.7.3). The film is the effective medium of
emulator/stripe_domains.py: thickness h, magnetisation Ms_eff, wall energy sigma_s per stack area of wall and no
domain narrower than one wall (pi Delta). A lattice of lattice constant a (cell area A_c = sqrt(3) a^2 / 2) of
reversed discs of radius r has the mean reduced magnetisation <m> = 1 - 2 pi r^2 / A_c and, with thin walls and
m_z uniform through the thickness, the energy per stack volume

    e(r, a) = 2 pi r sigma_s / A_c
              + mu0 Ms_eff^2 / 2 [ <m>^2 + sum_{G != 0} |m_G|^2 (1 - exp(-G h)) / (G h) ]
              - B Ms_eff <m>,
    m_G = -2 (2 pi r J1(G r) / G) / A_c,

the sum over the reciprocal lattice G = (4 pi / (sqrt(3) a)) sqrt(q), q = n1^2 + n1 n2 + n2^2. The bracket is
the energy of the surface charges +-Ms_eff m(x) of the two faces in Fourier form; the same form applied to a
stripe pattern gives the Kooy-Enz sum of stripe_domains.py, and for a -> infinity the energy per bubble less the
saturated film's tends to the isolated-bubble energy E(R, B) of emulator/bubble.py (tests/emulator/
test_bubble_lattice.py checks both).

At fixed <m>, r / a is fixed, so |m_G|^2 = 4 (r/a)^2 J1(x_q)^2 / q with x_q = 4 pi sqrt(q) (r/a) / sqrt(3) depends
on <m> and the shell only, and the decay factor (1 - exp(-G h)) / (G h) on the shell and a only: the sum over
shells up to SHELL_LIMIT is one matrix product. Shells beyond it are added in the continuum limit with
J1(x)^2 -> 1 / (pi x) (the tail, a fraction of a percent of the sum; `_tail`). The B-independent part
e0(m) = min_a e(r(m, a), a) + B Ms_eff m is tabulated once on the stripe model's grid of m; a lattice of reversed
bubbles along -z (m < 0) is the mirror image, e0(-m).
"""
from __future__ import annotations

import dataclasses
import functools
import math

import numpy as np
from scipy.special import expn, j1

from emulator.material import MU0, Material
from emulator.stripe_domains import MAGNETISATION_POINTS, StripeDomainModel

SHELL_LIMIT = 10000
"""Largest q = n1^2 + n1 n2 + n2^2 of the reciprocal-lattice vectors summed exactly (dimensionless); G_max r is
then >= 19 for every m of the table (m <= 0.995), and the continuum tail beyond it is < 4e-6 mu0 Ms_eff^2 / 2."""
LATTICE_POINTS = 240
"""Lattice constants tried per m (log-spaced between LATTICE_MIN_FACTOR pi Delta and LATTICE_MAX_FACTOR h)."""
LATTICE_MIN_FACTOR = 2.0
"""Smallest lattice constant tried, in minimum domain widths pi Delta (dimensionless): a disc and the gap next
to it are each at least one wall wide."""
LATTICE_MAX_FACTOR = 400.0
"""Largest lattice constant tried, in film thicknesses (dimensionless), as stripe_domains' PERIOD_MAX_FACTOR."""
RECIPROCAL_SCALE = 4.0 * math.pi / math.sqrt(3.0)
"""|G| a / sqrt(q) of the hexagonal lattice's reciprocal vectors (dimensionless)."""


def reciprocal_shells(limit: int) -> tuple[np.ndarray, np.ndarray]:
    """(q, multiplicity) of the hexagonal reciprocal lattice's shells 0 < q = n1^2 + n1 n2 + n2^2 <= `limit`."""
    if limit < 1:
        raise ValueError(f"shell limit = {limit}: must be >= 1")
    n = int(math.isqrt(4 * limit // 3)) + 2
    n1, n2 = np.meshgrid(np.arange(-n, n + 1), np.arange(-n, n + 1))
    q = (n1 * n1 + n1 * n2 + n2 * n2).ravel()
    q = q[(q > 0) & (q <= limit)]
    shells, counts = np.unique(q, return_counts=True)
    return shells.astype(float), counts.astype(float)


def radius_ratio(m: np.ndarray) -> np.ndarray:
    """r / a of the lattice with mean reduced magnetisation m (reversed area fraction (1 - m) / 2)."""
    return np.sqrt((1.0 - np.asarray(m, float)) * math.sqrt(3.0) / (4.0 * math.pi))


def _tail(ratio: np.ndarray, decay_scale: np.ndarray, limit: int) -> np.ndarray:
    """Sum of |m_G|^2 (1 - exp(-G h)) / (G h) over the shells q > `limit` in the continuum limit: the reciprocal
    lattice holds 2 pi / sqrt(3) vectors per unit q, and J1(x)^2 averages to 1 / (pi x). `ratio` is r / a (any
    shape), `decay_scale` c = |G| h / sqrt(q) = RECIPROCAL_SCALE h / a (broadcast against it). With
    s0 = c sqrt(limit): 8 (r/a) c / (sqrt(3) RECIPROCAL_SCALE) (1 - 2 E_3(s0)) / s0^2."""
    s0 = decay_scale * math.sqrt(limit)
    return 8.0 * ratio * decay_scale / (math.sqrt(3.0) * RECIPROCAL_SCALE) * (1.0 - 2.0 * expn(3, s0)) / s0**2


@dataclasses.dataclass(frozen=True)
class BubbleLatticeModel:
    """Hexagonal lattice of reversed cylindrical domains in the effective-medium film of `film`."""

    film: StripeDomainModel
    """The stripe model of the same film: its material, the one wall energy sigma_s and the minimum domain
    width (shared, so the wall is computed once)."""

    @property
    def material(self) -> Material:
        return self.film.material

    @functools.cached_property
    def _shells(self) -> tuple[np.ndarray, np.ndarray]:
        return reciprocal_shells(SHELL_LIMIT)

    def charge_sum(self, radius: np.ndarray, lattice_constant: np.ndarray) -> np.ndarray:
        """sum_{G != 0} |m_G|^2 (1 - exp(-G h)) / (G h) (dimensionless) for discs of `radius` (m) on a lattice of
        constant `lattice_constant` (m), broadcast against each other; exact up to SHELL_LIMIT, then `_tail`."""
        radius, a = np.broadcast_arrays(np.asarray(radius, float), np.asarray(lattice_constant, float))
        if np.any(radius <= 0.0) or np.any(2.0 * radius >= a):
            raise ValueError("radius: must lie in (0, lattice_constant / 2) (discs may not overlap)")
        q, count = self._shells
        ratio = radius / a
        c = RECIPROCAL_SCALE * self.material.stack_thickness / a
        out = np.empty(radius.shape)
        for index in np.ndindex(radius.shape):
            x = RECIPROCAL_SCALE * np.sqrt(q) * ratio[index]
            gh = c[index] * np.sqrt(q)
            out[index] = np.sum(count * 4.0 * ratio[index] ** 2 * j1(x) ** 2 / q * -np.expm1(-gh) / gh)
        return out + _tail(ratio, c, SHELL_LIMIT)

    def energy(self, radius: np.ndarray, lattice_constant: np.ndarray, field: float) -> np.ndarray:
        """e(r, a) at field B (T), the energy per stack volume (J/m^3) of the module docstring (walls not checked
        against the minimum domain width)."""
        radius, a = np.broadcast_arrays(np.asarray(radius, float), np.asarray(lattice_constant, float))
        cell = math.sqrt(3.0) / 2.0 * a * a
        mean = 1.0 - 2.0 * math.pi * radius**2 / cell
        ms = self.material.ms_effective
        return (2.0 * math.pi * radius * self.film.stack_wall_energy / cell
                + MU0 * ms * ms / 2.0 * (mean * mean + self.charge_sum(radius, a)) - field * ms * mean)

    @functools.cached_property
    def _e0(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(m grid, e0(m) J/m^3, optimal lattice constant m), tabulated once on stripe_domains' grid of m; inf
        (and NaN) where no lattice fits the walls."""
        h = self.material.stack_thickness
        width = self.film.minimum_domain_width
        ms = np.linspace(-1.0, 1.0, MAGNETISATION_POINTS)[1:-1]
        # Reversed bubbles along -z: minority fraction (1 - m) / 2 < pi / (2 sqrt 3) (touching discs).
        m = ms[ms > 1.0 - math.pi / math.sqrt(3.0)]
        ratio = radius_ratio(m)                                                        # (M,)
        a = np.geomspace(LATTICE_MIN_FACTOR * width, LATTICE_MAX_FACTOR * h, LATTICE_POINTS)   # (P,)
        q, count = self._shells
        weight = count * 4.0 * ratio[:, None] ** 2 * j1(RECIPROCAL_SCALE * ratio[:, None] * np.sqrt(q)) ** 2 / q
        gh = RECIPROCAL_SCALE * h / a[None, :] * np.sqrt(q)[:, None]                   # (Q, P)
        charge = weight @ (-np.expm1(-gh) / gh) + _tail(ratio[:, None], RECIPROCAL_SCALE * h / a[None, :],
                                                         SHELL_LIMIT)                 # (M, P)
        demag = MU0 * self.material.ms_effective**2
        wall = 4.0 * math.pi * ratio[:, None] * self.film.stack_wall_energy / (math.sqrt(3.0) * a[None, :])
        e = wall + demag / 2.0 * (m[:, None] ** 2 + charge)
        radius = ratio[:, None] * a[None, :]
        fits = (2.0 * radius >= width) & (a[None, :] - 2.0 * radius >= width)
        e = np.where(fits, e, np.inf)
        best = np.argmin(e, axis=1)
        e_rev = np.full(ms.size, np.inf)
        a_rev = np.full(ms.size, np.nan)
        e_rev[ms.size - m.size:] = e[np.arange(m.size), best]
        a_rev[ms.size - m.size:] = np.where(np.isfinite(e_rev[ms.size - m.size:]), a[best], np.nan)
        # Bubbles along +z in a -z film are the mirror image: e0(m) = min(e_rev(m), e_rev(-m)).
        mirror = e_rev[::-1] < e_rev
        return ms, np.where(mirror, e_rev[::-1], e_rev), np.where(mirror, a_rev[::-1], a_rev)

    def e0(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(m grid, e0(m) J/m^3, optimal lattice constant m): the B-independent part of the lattice's energy
        minimised over a at each mean reduced magnetisation m (inf where no lattice fits the walls)."""
        return self._e0
