"""Dipolar-stabilised skyrmions (skyrmion bubbles) in a thick multilayer: radius, collapse field, dipolar forces.

In a [heavy metal / ferrimagnet / oxide] x N stack, the skyrmions seen at room temperature are hundreds of nm
wide: stray fields, not DMI alone, set their size. The multilayer is treated as an effective medium of
thickness h = N * period with magnetisation Ms_eff = Ms * f (f = t_magnetic / period; Lemesh and Beach, PRB
98, 104402 (2018)), and a skyrmion as a reversed cylinder of radius R with a thin Neel wall. Its energy
relative to the saturated film (Thiele, J. Appl. Phys. 41, 1139 (1970); Buettner, Lemesh, Beach, Sci. Rep. 8,
4464 (2018)) is

    E(R) = 2 pi R h_m sigma  +  2 Ms B pi R^2 h_m  +  E_ms(R),
    sigma                                                     (wall energy per area of one layer),
    E_ms(R) = -4 pi mu0 Ms_eff^2 h R^2 int_0^inf J1(kR)^2 / k * (1 - (1 - exp(-kh)) / (kh)) dk,

with h_m = N t the magnetic thickness and sigma the hybrid-wall energy of emulator/hybrid_wall.py (the
one-layer Bloch energy 4 sqrt(A K_eff), less the DMI gain pi D cos psi_i of each layer's wall angle, plus the
magnetostatic energy of the stacked Neel charges and their coupling to the domains' stray field; the same sigma
sets the stripe domains of emulator/stripe_domains.py). E_ms is the non-local magnetostatic gain of the reversed
cylinder, from the Fourier form of the surface-charge energy of an m_z pattern. The equilibrium radius is the local
minimum of E(R); above the collapse field B_c no minimum exists and the skyrmion collapses. Below the zero-energy
field B_0 (< B_c) the skyrmion's E(R*) is negative: a reversed bubble lowers the energy of the saturated film.

Interactions use the same surface charges, each reversed cylinder carrying q = 2 Ms_eff pi R^2 at the top and
-q at the bottom of the film:
- skyrmion-skyrmion (point charges, exact for rho >> R): E = (mu0 / 4 pi) q_i q_j 2 (1/rho - 1/sqrt(rho^2 + h^2)),
  repulsive; the extra field it puts on skyrmion i is B_i = E / (2 Ms_eff pi R_i^2 h), so crowding shrinks
  skyrmions exactly as a larger applied field would;
- skyrmion-edge (the film's missing charge sheet beyond a straight edge at distance d):
  F = (mu0 / 4 pi) 2 q Ms_eff ln(1 + h^2 / d^2), pushing the skyrmion away from the edge.
"""
from __future__ import annotations

import dataclasses
import functools
import math

import numpy as np
from scipy.special import j1

from emulator.hybrid_wall import HybridWall
from emulator.material import MU0, Material

RADIUS_GRID_POINTS = 1500
"""Radii at which the bubble energy is tabulated (dimensionless)."""
RADIUS_MIN = 2e-9
"""Smallest tabulated radius (m)."""
QUADRATURE_UPPER = 400.0
"""Upper limit of the k R quadrature before the analytic tail (dimensionless)."""


@dataclasses.dataclass(frozen=True)
class BubbleModel:
    """Isolated-skyrmion energetics of a thick multilayer in the effective-medium, thin-wall approximation."""

    material: Material

    @functools.cached_property
    def wall_energy(self) -> float:
        """sigma, the hybrid-wall energy per area of one magnetic layer (J/m^2), emulator/hybrid_wall.py."""
        return HybridWall(self.material).wall_energy

    def magnetostatic_energy(self, radius: np.ndarray) -> np.ndarray:
        """E_ms(R), the non-local magnetostatic energy gain of a reversed cylinder (J), negative."""
        radius = np.atleast_1d(np.asarray(radius, float))
        h = self.material.stack_thickness
        u = np.concatenate((np.linspace(1e-6, 40.0, 8000), np.linspace(40.0, QUADRATURE_UPPER, 36000)[1:]))
        out = np.empty_like(radius)
        bessel = j1(u) ** 2 / u   # the same for every R
        for i, R in enumerate(radius):
            kh = u * h / R
            kernel = 1.0 + np.expm1(-kh) / kh  # 1 - (1 - exp(-kh)) / kh
            integral = np.trapezoid(bessel * kernel, u)
            # Tail: J1(u)^2 ~ 1 / (pi u) on average and the kernel ~ 1 - R / (u h).
            U = u[-1]
            integral += 1.0 / (math.pi * U) - R / (h * 2.0 * math.pi * U**2)
            out[i] = -4.0 * math.pi * MU0 * self.material.ms_effective**2 * h * R**2 * integral
        return out

    def energy(self, radius: np.ndarray, Bz: float) -> np.ndarray:
        """E(R) at field Bz (T), relative to the saturated film (J)."""
        m = self.material
        radius = np.atleast_1d(np.asarray(radius, float))
        h_m = m.magnetic_thickness
        return (2.0 * math.pi * radius * h_m * self.wall_energy
                + 2.0 * m.Ms * Bz * math.pi * radius**2 * h_m
                + self.magnetostatic_energy(radius))

    def radius_table(self, fields: np.ndarray, r_max: float) -> np.ndarray:
        """Equilibrium radius (m) at each field (T): the smallest-radius local minimum of E(R); NaN if none."""
        return self.equilibrium_energy(fields, r_max)[0]

    def equilibrium_energy(self, fields: np.ndarray, r_max: float) -> tuple[np.ndarray, np.ndarray]:
        """(R*, E(R*)) at each field (T): the equilibrium radius, the smallest-radius local minimum of E(R) (m),
        and the skyrmion's energy there relative to the saturated film (J); both NaN where there is no minimum.
        E(R) is tabulated on RADIUS_GRID_POINTS radii up to r_max and the minimum refined by a parabola."""
        m = self.material
        radius = np.geomspace(RADIUS_MIN, r_max, RADIUS_GRID_POINTS)
        base = 2.0 * math.pi * radius * m.magnetic_thickness * self.wall_energy + self.magnetostatic_energy(radius)
        zeeman = 2.0 * m.Ms * math.pi * radius**2 * m.magnetic_thickness
        fields = np.atleast_1d(np.asarray(fields, float))
        out = np.full(fields.size, np.nan)
        energy = np.full(fields.size, np.nan)
        for i, B in enumerate(fields):
            e = base + B * zeeman
            minima = np.nonzero((e[1:-1] < e[:-2]) & (e[1:-1] <= e[2:]))[0] + 1
            if minima.size:
                k = int(minima[0])
                out[i], energy[i] = _parabolic_minimum(radius[k - 1:k + 2], e[k - 1:k + 2])
        return out, energy

    def field_landmarks(self, r_max: float, b_max: float, resolution: float = 5e-4) -> tuple[float, float]:
        """(B_0, B_c) (T) on a grid of step `resolution` up to `b_max`: B_0 the lowest field at which the isolated
        skyrmion's equilibrium energy is positive (below it a reversed bubble lowers the energy of the saturated
        film, so the film is not saturated in equilibrium), B_c the collapse field (the highest field with an
        equilibrium radius). Thiele's theory orders them B_s (stripes) < B_0 < B_c. Raises ValueError when either
        lies outside (0, b_max]."""
        fields = np.arange(resolution, b_max + 0.5 * resolution, resolution)
        _, energy = self.equilibrium_energy(fields, r_max)
        exists = ~np.isnan(energy)
        if not exists.any() or exists[-1] or not (energy[exists] > 0).any():
            raise ValueError(f"b_max = {b_max} T: the skyrmion of material {self.material.name!r} does not both "
                             f"turn positive in energy and collapse below it")
        zero = float(fields[exists][np.argmax(energy[exists] > 0)])
        return zero, float(fields[exists][-1])

    def pair_energy(self, rho: float, radius_i: float, radius_j: float) -> float:
        """Dipolar interaction energy of two skyrmions at centre distance rho (J), point-charge form."""
        h = self.material.stack_thickness
        q_i = 2.0 * self.material.ms_effective * math.pi * radius_i**2
        q_j = 2.0 * self.material.ms_effective * math.pi * radius_j**2
        return MU0 / (4.0 * math.pi) * q_i * q_j * 2.0 * (1.0 / rho - 1.0 / math.sqrt(rho**2 + h**2))


def _parabolic_minimum(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(abscissa, ordinate) of the vertex of the parabola through three points (falls back to the middle one)."""
    denom = (x[0] - x[1]) * (x[0] - x[2]) * (x[1] - x[2])
    a = (x[2] * (y[1] - y[0]) + x[1] * (y[0] - y[2]) + x[0] * (y[2] - y[1])) / denom
    b = (x[2] ** 2 * (y[0] - y[1]) + x[1] ** 2 * (y[2] - y[0]) + x[0] ** 2 * (y[1] - y[2])) / denom
    if a <= 0:
        return float(x[1]), float(y[1])
    vertex = -b / (2.0 * a)
    return float(vertex), float(y[1] + a * (vertex - x[1]) ** 2 + (2.0 * a * x[1] + b) * (vertex - x[1]))
