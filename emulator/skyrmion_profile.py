"""Axisymmetric Neel skyrmion profile: the radial continuum energy minimiser and the Thiele integrals.

The skyrmion is m = (sin th cos phi, sin th sin phi, cos th) with phi the azimuth (Neel), th(0) = pi in the
core and th -> 0 far away, in a film magnetised along +z by the field Bz. The energy per unit thickness is

    E / t = 2 pi  int_0^L [ A (th'^2 + sin^2 th / r^2) + D (th' + sin th cos th / r)
                            + K sin^2 th + Ms Bz (1 - cos th) ] r dr

(Bogdanov and Hubert, J. Magn. Magn. Mater. 138, 255 (1994); Leonov et al., New J. Phys. 18, 065003 (2016)),
with K = Ku (demag "none") or K = Ku - mu0 Ms^2 / 2 (demag "local", thin-film shape anisotropy). It is
discretised on a uniform radial grid (midpoint rule, fixed ends th(0) = pi, th(L) = 0) and minimised with
L-BFGS using the analytic gradient. This is the oracle for the skyrmion radius, and the profile gives the
Thiele coefficients (physics.md section 1; Thiele PRL 30, 230 (1973); Tomasello Sci. Rep. 4, 6784 (2014)):

    G   = 4 pi |Q| s t                         (gyrocoupling, kg/s), s = Ms / gamma,
    D   = s_tot t * pi int (th'^2 + sin^2 th / r^2) r dr   (dissipation, kg/s),
    F   = (hbar theta_SH j / 2e) * pi int (r th' + sin th cos th) dr   (damping-like SOT force, N).

`wall_ansatz(r, R, w)` is the 360-degree domain-wall profile th = 2 atan(sinh(R/w) / sinh(r/w)) (Romming et
al. PRL 114, 177203 (2015)) used where no minimiser is run (large dipolar-stabilised skyrmions).
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np
from scipy.linalg import solve_banded

from emulator.material import MU0, Material
from skybench.errors import check_choice, check_finite, check_positive

DEMAG_MODES = ("none", "local")
"""Demagnetisation treatments the radial minimiser supports."""
GRID_POINTS = 1601
"""Radial grid points of the minimiser (dimensionless)."""
NEWTON_MAX_ITERATIONS = 500
"""Damped-Newton iterations before the minimiser gives up (dimensionless)."""
NEWTON_TOLERANCE = 1e-13
"""Stop when the largest Newton step in theta is below this (rad)."""
BOX_IN_WALL_WIDTHS = 30.0
"""Radial box length in units of the wall width plus the initial radius (dimensionless)."""


@dataclasses.dataclass(frozen=True)
class RadialProfile:
    """A relaxed (or ansatz) radial profile th(r) with its Thiele integrals."""

    r: np.ndarray
    """Radial grid (m)."""
    theta: np.ndarray
    """Polar angle of m on the grid (rad); pi in the core, 0 outside."""
    energy: float
    """Energy relative to the uniform state, per unit thickness (J/m); times the thickness gives J."""

    @property
    def radius(self) -> float:
        """Radius where m_z = 0, i.e. th = pi/2 (m)."""
        return radius_of(self.r, self.theta)

    @property
    def dissipation_integral(self) -> float:
        """pi int (th'^2 + sin^2 th / r^2) r dr (dimensionless); D = s_tot t times this."""
        return dissipation_integral(self.r, self.theta)

    @property
    def sot_integral(self) -> float:
        """pi |int (r th' + sin th cos th) dr| (m); the SOT force is hbar theta_SH j / (2e) times this."""
        return sot_integral(self.r, self.theta)


def relax_profile(material: Material, Bz: float, demag: str = "none",
                  radius_guess: float | None = None) -> RadialProfile:
    """Minimise the radial energy of an isolated skyrmion in `material` at field `Bz` (T).

    `demag` is "none" (K = Ku) or "local" (K = Ku - mu0 Ms^2 / 2). Returns the relaxed profile; if the
    skyrmion collapses (no metastable state) the returned radius is below one grid step.
    """
    check_choice("demag", demag, DEMAG_MODES)
    check_finite("Bz", Bz, "T")
    K = material.Ku if demag == "none" else material.Ku - 0.5 * MU0 * material.Ms**2
    check_positive("effective anisotropy", K, "J/m^3")
    wall = math.sqrt(material.A / K)
    guess = radius_guess if radius_guess is not None else 2.0 * wall
    check_positive("radius_guess", guess, "m")
    length = guess + BOX_IN_WALL_WIDTHS * wall
    r = np.linspace(0.0, length, GRID_POINTS)
    theta = _newton_minimise(r, wall_ansatz(r, guess, wall), (material.A, material.D, K, material.Ms * Bz))
    energy, _ = _energy_and_gradient(r, theta, material.A, material.D, K, material.Ms * Bz)
    return RadialProfile(r=r, theta=theta, energy=energy)


def ansatz_profile(radius: float, wall: float, points: int = GRID_POINTS) -> RadialProfile:
    """The 360-degree wall ansatz of radius `radius` (m) and wall width `wall` (m); energy not evaluated."""
    check_positive("radius", radius, "m")
    check_positive("wall", wall, "m")
    r = np.linspace(0.0, radius + BOX_IN_WALL_WIDTHS * wall, points)
    return RadialProfile(r=r, theta=wall_ansatz(r, radius, wall), energy=math.nan)


def wall_ansatz(r: np.ndarray, radius: float, wall: float) -> np.ndarray:
    """th(r) = 2 atan(sinh(R/w) / sinh(r/w)), written to stay finite for large R/w (rad)."""
    x = np.maximum(r, 1e-30) / wall
    a = radius / wall
    # sinh(a)/sinh(x) = exp(a - x) (1 - exp(-2a)) / (1 - exp(-2x)), stable for large arguments.
    ratio = np.exp(a - x) * (-np.expm1(-2.0 * a)) / (-np.expm1(-2.0 * x))
    return 2.0 * np.arctan(ratio)


def radius_of(r: np.ndarray, theta: np.ndarray) -> float:
    """First radius where th crosses pi/2, by linear interpolation (m); 0 if th starts below pi/2."""
    below = np.nonzero(theta <= 0.5 * math.pi)[0]
    if below.size == 0:
        return float(r[-1])
    i = int(below[0])
    if i == 0:
        return 0.0
    t0, t1 = theta[i - 1], theta[i]
    return float(r[i - 1] + (t0 - 0.5 * math.pi) / (t0 - t1) * (r[i] - r[i - 1]))


def dissipation_integral(r: np.ndarray, theta: np.ndarray) -> float:
    """pi int (th'^2 + sin^2 th / r^2) r dr on the midpoints of the grid (dimensionless)."""
    h = np.diff(r)
    rm = 0.5 * (r[1:] + r[:-1])
    tm = 0.5 * (theta[1:] + theta[:-1])
    dt = np.diff(theta) / h
    return float(math.pi * np.sum((dt**2 + np.sin(tm) ** 2 / rm**2) * rm * h))


def sot_integral(r: np.ndarray, theta: np.ndarray) -> float:
    """pi |int (r th' + sin th cos th) dr| on the midpoints of the grid (m)."""
    h = np.diff(r)
    rm = 0.5 * (r[1:] + r[:-1])
    tm = 0.5 * (theta[1:] + theta[:-1])
    dt = np.diff(theta) / h
    return float(abs(math.pi * np.sum((rm * dt + np.sin(tm) * np.cos(tm)) * h)))


def _newton_minimise(r, theta, constants):
    """Damped Newton (Levenberg) on the interior angles with the exact tridiagonal Hessian.

    The discrete energy couples only neighbouring grid points, so its Hessian is tridiagonal and every
    Newton step is one banded solve; the damping lam keeps steps downhill far from the minimum.
    """
    theta = theta.copy()
    energy, grad = _energy_and_gradient(r, theta, *constants)
    lam = 1e-3
    for _ in range(NEWTON_MAX_ITERATIONS):
        diag, off = _hessian_bands(r, theta, *constants)
        scale = np.abs(diag[1:-1]).max()
        while True:
            bands = np.zeros((3, len(theta) - 2))
            bands[0, 1:] = off[1:-2]
            bands[1] = diag[1:-1] + lam * scale
            bands[2, :-1] = off[1:-2]
            step = solve_banded((1, 1), bands, -grad[1:-1])
            trial = theta.copy()
            trial[1:-1] += step
            trial_energy, trial_grad = _energy_and_gradient(r, trial, *constants)
            if trial_energy <= energy:
                theta, energy, grad = trial, trial_energy, trial_grad
                lam = max(lam / 10.0, 1e-12)
                break
            lam *= 10.0
            if lam > 1e12:
                return theta
        if np.abs(step).max() < NEWTON_TOLERANCE:
            break
    return theta


def _hessian_bands(r, theta, A, D, K, MB):
    """Diagonal and upper off-diagonal of the Hessian of the discrete energy (J/m per rad^2)."""
    h = r[1] - r[0]
    rm = 0.5 * (r[1:] + r[:-1])
    tm = 0.5 * (theta[1:] + theta[:-1])
    s2, c2 = np.sin(2.0 * tm), np.cos(2.0 * tm)
    f_vv = 2.0 * A * c2 / rm**2 - 2.0 * D * s2 / rm + 2.0 * K * c2 + MB * np.cos(tm)
    f_ss = 2.0 * A
    weight = 2.0 * math.pi * rm * h
    same = weight * (0.25 * f_vv + f_ss / h**2)
    cross = weight * (0.25 * f_vv - f_ss / h**2)
    diag = np.zeros_like(theta)
    diag[:-1] += same
    diag[1:] += same
    off = np.zeros_like(theta)
    off[:-1] = cross
    return diag, off


def _energy_and_gradient(r, theta, A, D, K, MB):
    """Discrete energy per thickness (J/m) and its gradient with respect to every theta_i."""
    h = r[1] - r[0]
    rm = 0.5 * (r[1:] + r[:-1])
    tm = 0.5 * (theta[1:] + theta[:-1])
    dt = np.diff(theta) / h
    s, c = np.sin(tm), np.cos(tm)
    density = (A * (dt**2 + s**2 / rm**2) + D * (dt + s * c / rm) + K * s**2 + MB * (1.0 - c))
    energy = 2.0 * math.pi * float(np.sum(density * rm * h))
    # d(density)/d(th') and d(density)/d(th_m), each weighted by r_m h.
    d_slope = (2.0 * A * dt + D) * rm * h
    d_value = (A * 2.0 * s * c / rm**2 + D * (c * c - s * s) / rm + 2.0 * K * s * c + MB * s) * rm * h
    grad = np.zeros_like(theta)
    grad[:-1] += -d_slope / h + 0.5 * d_value
    grad[1:] += d_slope / h + 0.5 * d_value
    return energy, 2.0 * math.pi * grad
