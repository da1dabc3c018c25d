"""The domain wall of a perpendicular multilayer: per-layer Neel / Bloch angle and the wall energy it gives.

In a stack of N magnetic layers (thickness t, repeat period P) a straight wall runs through every layer at the
same place. In layer i the wall has the profile m_z = -tanh(x / Delta), in-plane part sech(x / Delta) at the
angle psi_i from the wall normal x (psi = 0: Neel of the DMI's chirality, pi / 2: Bloch, pi: Neel of the other
chirality), Delta = sqrt(A / K_eff). Per unit wall length, relative to the Bloch wall of the thin-wall model,
the energy is a quadratic form in c_i = cos psi_i (Lemesh and Beach, PRB 98, 104402 (2018); Lemesh, Buettner
and Beach, PRB 95, 174423 (2017); Legrand et al., Sci. Adv. 4, eaat0415 (2018)):

    F(c) = - pi D t sum_i c_i  +  (mu0 Ms^2 / 2) sum_ij c_i c_j W_ij  +  sum_i c_i V_i,

- DMI: the interfacial DMI of each layer gains pi D per area of wall, times cos psi_i;
- W_ij: the magnetostatic energy of the Neel (volume) charges rho = -Ms d m_x / dx of layers i and j, exact 2D
  magnetostatics of layers with the sech profile (Fourier form, g(k) = pi Delta sech(pi k Delta / 2)):
      W_ii = (1/pi) int_0^inf g^2 [t - (1 - exp(-k t)) / k] dk,
      W_ij = (1/pi) int_0^inf g^2 exp(-k |i - j| P) (cosh(k t) - 1) / k dk;
  the charges of all layers add, so a stack of Neel walls costs far more than one thin-film Neel wall
  (mu0 Ms^2 t ln2 / pi per area, Tarasenko et al., JMMM 189, 19 (1998); reached here for N = 1, t << Delta);
- V_i: the Neel charges of layer i in the stray field of the domains' surface charges (+-Ms at the top and
  bottom of every layer, profile m_z): the flux-closing field points one way in the upper half of the stack and
  the other way in the lower half, so it favours opposite chiralities there and twists the walls when D is
  weak,
      V_i = -(mu0 Ms^2 / 2)(1/pi) int_0^inf g (pi Delta / sinh(pi k Delta / 2)) S_i dk,
      S_i = (1 - exp(-k t))^2 / k [sum_{j<i} exp(-k ((i - j) P - t)) - sum_{j>i} exp(-k ((j - i) P - t))].

The angles minimise F on |c_i| <= 1 (a convex quadratic programme, solved by projected Gauss-Seidel). The wall
energy per area of one magnetic layer is then

    sigma = 4 sqrt(A K_eff) + min F / (N t),

the one-layer Bloch-wall energy (K_eff = Ku - mu0 Ms^2 / 2, the thin-layer local form) plus what the DMI gains
and the Neel charges cost. With all layers Neel (D strong) the stray-field term cancels between the two halves
and sigma = 4 sqrt(A K_eff) - pi D + (Neel charge energy of the stack) / (N t).

Approximations: the profile is the one-layer tanh of width sqrt(A / K_eff) in every layer (relaxing the width
in this ansatz narrows the gdfeco wall to 0.85 Delta and lowers sigma from 0.188 to 0.164 mJ/m^2; not done); the
wall is straight and isolated (a skyrmion of radius R >> Delta, a stripe domain wider than the stack sees its
neighbours' charges only through the domain theory); the m_z part of the wall keeps the thin-layer local
demagnetising saving mu0 Ms^2 Delta inside K_eff = Ku - mu0 Ms^2 / 2. That last one is the largest: in the gdfeco
stack the exact m_z charges of the layered wall save only about the layering part (1 - f) of it (0.53 of 1.49
mJ/m^2 per layer; tests/emulator/test_hybrid_wall.py), the rest being the effective medium's non-local demag that
the domain theory already counts. Taken consistently (wall anisotropy Ku - (1 - f) mu0 Ms^2 / 2 with Ku from the
layered Hk relation, equal to the preset's Ku) sigma would be 1.23 mJ/m^2, B_s 123 mT and the 140 mT skyrmion
150 nm; not adopted here (it moves both figures far from the paper's).
"""
from __future__ import annotations

import dataclasses
import functools
import math

import numpy as np

from emulator.material import MU0, Material

WAVENUMBER_MAX = 60.0
"""Upper limit of the k Delta quadrature (dimensionless); g(k) has decayed by exp(-pi 60 / 2) there."""
WAVENUMBER_POINTS = 6000
"""Quadrature points on k Delta in (0, WAVENUMBER_MAX] (dimensionless)."""
SOLVER_TOLERANCE = 1e-12
"""Largest change of any cos psi_i at which the projected Gauss-Seidel iteration stops (dimensionless)."""
SOLVER_MAX_SWEEPS = 10_000
"""Most Gauss-Seidel sweeps."""


@dataclasses.dataclass(frozen=True)
class HybridWall:
    """The wall of the multilayer in `material`: per-layer Neel fraction cos psi_i and the wall energy sigma."""

    material: Material

    @functools.cached_property
    def _kernels(self) -> tuple[np.ndarray, np.ndarray]:
        """(W (m^2), V (J/m)): the Neel-charge interaction matrix and the domain stray-field coupling per layer."""
        m = self.material
        n, t, p, delta = m.repeats, m.thickness, m.stack_period, m.wall_width
        u = np.concatenate((np.geomspace(1e-6, 1e-2, 200)[:-1], np.linspace(1e-2, WAVENUMBER_MAX, WAVENUMBER_POINTS)))
        k = u / delta
        g = math.pi * delta / np.cosh(math.pi * u / 2.0)
        by_distance = np.empty(n)
        by_distance[0] = np.trapezoid(g**2 * (t + np.expm1(-k * t) / k), k) / math.pi
        for d in range(1, n):
            # exp(-k d P) (cosh(k t) - 1) written without overflow (d P > t)
            kernel = (0.5 * (np.exp(-k * (d * p - t)) + np.exp(-k * (d * p + t))) - np.exp(-k * d * p)) / k
            by_distance[d] = np.trapezoid(g**2 * kernel, k) / math.pi
        index = np.arange(n)
        w = by_distance[np.abs(index[:, None] - index[None, :])]
        closure = np.expm1(-k * t) ** 2 / k
        source = g * math.pi * delta / np.sinh(math.pi * u / 2.0)
        v = np.empty(n)
        for i in range(n):
            below = np.exp(-k[None, :] * ((i - index[:i, None]) * p - t)).sum(axis=0)
            above = np.exp(-k[None, :] * ((index[i + 1:, None] - i) * p - t)).sum(axis=0)
            v[i] = -0.5 * MU0 * m.Ms**2 * np.trapezoid(source * closure * (below - above), k) / math.pi
        return w, v

    def energy(self, cosines: np.ndarray) -> float:
        """F(c) (J/m): DMI, Neel-charge and stray-field energy of the wall per unit length, for cos psi_i = c."""
        m = self.material
        w, v = self._kernels
        c = np.asarray(cosines, float)
        return float(-math.pi * m.D * m.thickness * c.sum() + 0.5 * MU0 * m.Ms**2 * c @ w @ c + v @ c)

    @functools.cached_property
    def cosines(self) -> np.ndarray:
        """cos psi_i of each layer, bottom to top (dimensionless): 1 Neel (DMI chirality), 0 Bloch."""
        m = self.material
        w, v = self._kernels
        a = MU0 * m.Ms**2 * w
        drive = math.pi * m.D * m.thickness - v
        c = np.ones(m.repeats)
        for _ in range(SOLVER_MAX_SWEEPS):
            change = 0.0
            for i in range(m.repeats):
                new = min(1.0, max(-1.0, (drive[i] - a[i] @ c + a[i, i] * c[i]) / a[i, i]))
                change = max(change, abs(new - c[i]))
                c[i] = new
            if change < SOLVER_TOLERANCE:
                return c
        raise RuntimeError(f"hybrid wall angles did not converge in {SOLVER_MAX_SWEEPS} sweeps")

    @property
    def bloch_energy(self) -> float:
        """4 sqrt(A K_eff) (J/m^2): the one-layer Bloch-wall energy."""
        return 4.0 * math.sqrt(self.material.A * self.material.K_eff)

    @functools.cached_property
    def wall_energy(self) -> float:
        """sigma = 4 sqrt(A K_eff) + min F / (N t) (J/m^2 per area of one magnetic layer)."""
        return self.bloch_energy + self.energy(self.cosines) / self.material.magnetic_thickness

    @property
    def neel_charge_energy(self) -> float:
        """Magnetostatic energy of the Neel charges with every layer Neel, per area of one layer (J/m^2)."""
        m = self.material
        w, _ = self._kernels
        return 0.5 * MU0 * m.Ms**2 * float(w.sum()) / m.magnetic_thickness
