"""The domain wall of a perpendicular multilayer: its width, per-layer Neel / Bloch angle and the wall energy.

In a stack of N magnetic layers (thickness t, repeat period P) a straight wall runs through every layer at the
same place. In layer i the wall has the profile m_z = -tanh(x / Delta), in-plane part sech(x / Delta) at the
angle psi_i from the wall normal x (psi = 0: Neel of the DMI's chirality, pi / 2: Bloch, pi: Neel of the other
chirality). Per area of one magnetic layer the wall energy is

    sigma(Delta) = 2 A / Delta + 2 Ku Delta + S(Delta) + min_c F(c; Delta) / (N t),

minimised over Delta (a one-parameter variational wall, Lemesh and Beach, PRB 98, 104402 (2018)):
- 2 A / Delta + 2 Ku Delta: exchange and uniaxial anisotropy of the tanh profile; Ku is the layer's anisotropy
  without any shape term (the bulk Bloch wall 4 sqrt(A Ku) at Delta = sqrt(A / Ku));
- S(Delta): the magnetostatic energy of the wall's own m_z surface charges (+-Ms m_z(x) at the top and bottom of
  every layer), exact 2D magnetostatics of the layered stack, less that of the sharp step the domain theory
  already counts (emulator/bubble.py and stripe_domains.py treat walls as steps). For one thin layer it is the
  local saving -mu0 Ms^2 Delta (the familiar K_eff = Ku - mu0 Ms^2 / 2 of a thin film); in a stack the layers'
  charges partly cancel and only about the layering part (1 - f) of it is realised (0.23 of 0.75 mJ/m^2 in the
  gdfeco stack). Before 2026-12-07 this module used the thin-layer K_eff in every layer of the stack, and the
  gdfeco preset's Ku came from an effective-medium Hk relation that had already removed (1 - f) mu0 Ms^2 / 2:
  the shape saving was counted about 1.7 times (sigma 0.19 instead of 1.19 mJ/m^2 at the A of then, 10 pJ/m);
- F(c) = - pi D t sum_i c_i + (mu0 Ms^2 / 2) sum_ij c_i c_j W_ij + sum_i c_i V_i with c_i = cos psi_i
  (Lemesh, Buettner and Beach, PRB 95, 174423 (2017); Legrand et al., Sci. Adv. 4, eaat0415 (2018)):
  - DMI: the interfacial DMI of each layer gains pi D per area of wall, times cos psi_i;
  - W_ij: the magnetostatic energy of the Neel (volume) charges rho = -Ms d m_x / dx of layers i and j, exact 2D
    magnetostatics of layers with the sech profile (Fourier form, g(k) = pi Delta sech(pi k Delta / 2)):
        W_ii = (1/pi) int_0^inf g^2 [t - (1 - exp(-k t)) / k] dk,
        W_ij = (1/pi) int_0^inf g^2 exp(-k |i - j| P) (cosh(k t) - 1) / k dk;
    the charges of all layers add, so a stack of Neel walls costs far more than one thin-film Neel wall
    (mu0 Ms^2 t ln2 / pi per area, Tarasenko et al., JMMM 189, 19 (1998); reached here for N = 1, t << Delta);
  - V_i: the Neel charges of layer i in the stray field of the domains' surface charges (+-Ms at the top and
    bottom of every layer, profile m_z): the flux-closing field points one way in the upper half of the stack
    and the other way in the lower half, so it favours opposite chiralities there and twists the walls when D is
    weak,
        V_i = -(mu0 Ms^2 / 2)(1/pi) int_0^inf g (pi Delta / sinh(pi k Delta / 2)) S_i dk,
        S_i = (1 - exp(-k t))^2 / k [sum_{j<i} exp(-k ((i - j) P - t)) - sum_{j>i} exp(-k ((j - i) P - t))].
  The angles minimise F on |c_i| <= 1 (a convex quadratic programme, solved by projected Gauss-Seidel).

Approximations: one tanh width Delta for every layer; the wall is straight and isolated (a skyrmion of radius
R >> Delta, a stripe domain wider than the stack sees its neighbours' charges only through the domain theory).
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


WIDTH_BRACKET = (0.2, 5.0)
"""Search interval of the wall width, in units of sqrt(A / Ku) (dimensionless): a thin film's optimum
sqrt(A / (Ku - mu0 Ms^2 / 2)) and a bulk wall's sqrt(A / Ku) both lie well inside it."""
WIDTH_TOLERANCE = 1e-4
"""Relative tolerance of the wall width (dimensionless)."""


def _wavenumbers(delta: float) -> tuple[np.ndarray, np.ndarray]:
    """(u, k): the k Delta quadrature grid (dimensionless) and the wavenumbers k = u / Delta (1/m)."""
    u = np.concatenate((np.geomspace(1e-6, 1e-2, 200)[:-1], np.linspace(1e-2, WAVENUMBER_MAX, WAVENUMBER_POINTS)))
    return u, u / delta


def _neel_kernels(m: Material, delta: float) -> tuple[np.ndarray, np.ndarray]:
    """(W (m^2), V (J/m)) at wall width delta: the Neel-charge interaction matrix and the domain stray-field
    coupling of each layer (module docstring)."""
    n, t, p = m.repeats, m.thickness, m.stack_period
    u, k = _wavenumbers(delta)
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


def surface_charge_saving(m: Material, delta: float) -> float:
    """S(Delta) (J/m^2 per area of one magnetic layer): magnetostatic energy of the wall's m_z surface charges
    (tanh profile) in every layer of the stack, less that of the sharp step; negative.

    Charges +-Ms m_z(x) sit at the top and bottom of each layer; two sheets at heights z_a, z_b interact through
    exp(-k |z_a - z_b|) / (2 k) in Fourier space, and |FT tanh|^2 - |FT step|^2 = (pi Delta / sinh(pi k Delta /
    2))^2 - 4 / k^2. Sheets are grouped by their separation, so the cost does not grow as N^2.
    """
    n, t, p = m.repeats, m.thickness, m.stack_period
    heights = np.concatenate((np.arange(n) * p + t, np.arange(n) * p))
    signs = np.concatenate((np.ones(n), -np.ones(n)))
    gaps = np.round(np.abs(heights[:, None] - heights[None, :]).ravel() / p * 1e9) * p / 1e9
    weights = (signs[:, None] * signs[None, :]).ravel()
    unique, where = np.unique(gaps, return_inverse=True)
    multiplicity = np.bincount(where, weights=weights)
    u, k = _wavenumbers(delta)
    pair_sum = (multiplicity[None, :] * np.exp(-k[:, None] * unique[None, :])).sum(axis=1) / (2.0 * k)
    shape = (math.pi * delta / np.sinh(math.pi * u / 2.0)) ** 2 - 4.0 / k**2
    return 0.5 * MU0 * m.Ms**2 * float(np.trapezoid(shape * pair_sum, k)) / math.pi / m.magnetic_thickness


def _neel_angles(m: Material, w: np.ndarray, v: np.ndarray) -> np.ndarray:
    """cos psi_i minimising F(c) on |c_i| <= 1 (projected Gauss-Seidel)."""
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


def _twist_energy(m: Material, w: np.ndarray, v: np.ndarray, c: np.ndarray) -> float:
    """F(c) (J/m): DMI, Neel-charge and stray-field energy of the wall per unit length."""
    return float(-math.pi * m.D * m.thickness * c.sum() + 0.5 * MU0 * m.Ms**2 * c @ w @ c + v @ c)


def _sigma_at(m: Material, delta: float) -> float:
    """sigma(Delta) with the best angles at that width (J/m^2 per area of one magnetic layer)."""
    w, v = _neel_kernels(m, delta)
    c = _neel_angles(m, w, v)
    return (2.0 * m.A / delta + 2.0 * m.Ku * delta + surface_charge_saving(m, delta)
            + _twist_energy(m, w, v, c) / m.magnetic_thickness)


@functools.lru_cache(maxsize=16)
def _optimal_width(m: Material) -> float:
    """The Delta minimising sigma (m): golden-section search on ln Delta inside WIDTH_BRACKET."""
    scale = math.sqrt(m.A / m.Ku)
    lo, hi = (math.log(f * scale) for f in WIDTH_BRACKET)
    ratio = (math.sqrt(5.0) - 1.0) / 2.0
    a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
    fa, fb = _sigma_at(m, math.exp(a)), _sigma_at(m, math.exp(b))
    while hi - lo > WIDTH_TOLERANCE:
        if fa < fb:
            hi, b, fb = b, a, fa
            a = hi - ratio * (hi - lo)
            fa = _sigma_at(m, math.exp(a))
        else:
            lo, a, fa = a, b, fb
            b = lo + ratio * (hi - lo)
            fb = _sigma_at(m, math.exp(b))
    best = 0.5 * (lo + hi)
    if min(best - math.log(WIDTH_BRACKET[0] * scale), math.log(WIDTH_BRACKET[1] * scale) - best) < 1e-2:
        raise ValueError(f"the wall width of material {m.name!r} has no minimum inside {WIDTH_BRACKET} x "
                         f"sqrt(A / Ku) = {WIDTH_BRACKET[0] * scale:.3g}-{WIDTH_BRACKET[1] * scale:.3g} m")
    return math.exp(best)


@dataclasses.dataclass(frozen=True)
class HybridWall:
    """The wall of the multilayer in `material`: its width, per-layer Neel fraction cos psi_i and energy sigma."""

    material: Material

    @functools.cached_property
    def width(self) -> float:
        """Delta (m): the tanh width that minimises sigma."""
        return _optimal_width(self.material)

    @functools.cached_property
    def _kernels(self) -> tuple[np.ndarray, np.ndarray]:
        """(W (m^2), V (J/m)) at the optimal width."""
        return _neel_kernels(self.material, self.width)

    def energy(self, cosines: np.ndarray) -> float:
        """F(c) (J/m) at the optimal width: DMI, Neel-charge and stray-field energy of the wall per unit length."""
        w, v = self._kernels
        return _twist_energy(self.material, w, v, np.asarray(cosines, float))

    @functools.cached_property
    def cosines(self) -> np.ndarray:
        """cos psi_i of each layer, bottom to top (dimensionless): 1 Neel (DMI chirality), 0 Bloch."""
        return _neel_angles(self.material, *self._kernels)

    @property
    def bloch_energy(self) -> float:
        """2 A / Delta + 2 Ku Delta + S(Delta) (J/m^2): the wall without DMI and Neel charges, at the optimal
        width (for one thin layer, about the thin-film Bloch energy 4 sqrt(A K_eff))."""
        m, delta = self.material, self.width
        return 2.0 * m.A / delta + 2.0 * m.Ku * delta + surface_charge_saving(m, delta)

    @functools.cached_property
    def wall_energy(self) -> float:
        """sigma at the optimal width (J/m^2 per area of one magnetic layer)."""
        return self.bloch_energy + self.energy(self.cosines) / self.material.magnetic_thickness

    @property
    def neel_charge_energy(self) -> float:
        """Magnetostatic energy of the Neel charges with every layer Neel, per area of one layer (J/m^2)."""
        m = self.material
        w, _ = self._kernels
        return 0.5 * MU0 * m.Ms**2 * float(w.sum()) / m.magnetic_thickness
