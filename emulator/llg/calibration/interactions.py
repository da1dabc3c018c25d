"""Skyrmion-skyrmion and skyrmion-edge repulsion from free LLG relaxation, fitted to the particle laws.

Pair: two skyrmions start `pair_start_gap` apart in a periodic box and repel. With central forces +-F the
Thiele equation (`drift.py`) gives for the centre distance rho and the angle phi of the centre line

    d rho / dt = 2 F alpha D / (G^2 + alpha^2 D^2),      rho d phi / dt = -2 F G / (G^2 + alpha^2 D^2),

so the separation speed measures F(rho) whatever its law, and the rotation/separation speed ratio must be
-G / (alpha D) (physics.md section 2). The force samples are fitted to the engine's law
F(rho) = (U0 / xi) K1((rho - R_i - R_j + 2 R0) / xi) (emulator.thiele.exchange_tail; Lin et al., PRB 87,
214419 (2013)) with R0 the isolated radius and R_i, R_j the measured radii.

Edge: one skyrmion starts `edge_start_gap` from the edge of a film open along x (periodic along y). Its
normal speed gives F(d) = v_x (G^2 + alpha^2 D^2) / (alpha D) at centre-to-edge distance d, fitted to
F(d) = F0 exp(-(d - R0) / xi_e) - F1 exp(-2 (d - R0) / xi_e): the exponential of the exchange-tail overlap
(Iwasaki et al., Nat. Nanotech. 8, 742 (2013)) far out, and an inner term of half the decay length that makes the
push level off next to the edge, where the squeezed skyrmion's push stops growing (~1.15 pN from d ~ 10 to 12 nm
in the chamber material on 1 nm cells) before it escapes (edge_escape.py). The fit is in log F over the samples
from the force peak outward, so every decade weighs alike.
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np
from scipy.optimize import curve_fit
from scipy.special import k1

from emulator.llg.calibration.drift import ThieleFit, relaxed_skyrmion
from emulator.llg.calibration.settings import CalibrationSettings
from emulator.llg.calibration.tracks import record
from emulator.llg.llg import LLG
from emulator.llg.mesh import Mesh
from emulator.llg.rk45 import RK45
from emulator.material import Material
from emulator.skyrmion_profile import relax_profile

SMOOTHING_SAMPLES = 5
"""Samples per moving-average window before differentiating a trajectory (dimensionless)."""
MIN_FORCE_FRACTION = 0.02
"""Force samples below this fraction of the largest are dropped from the fits (dimensionless): there the
motion is a few picometres per sample and dominated by lattice pinning."""
@dataclasses.dataclass(frozen=True)
class ForceCurve:
    """Force samples and the fitted law's parameters."""

    distance: np.ndarray
    """Centre distance (pair) or centre-to-edge distance (edge) (m)."""
    force: np.ndarray
    """Repulsive force (N)."""
    radius: np.ndarray
    """Mean radius of the skyrmion(s) at each sample (m)."""
    amplitude: float
    """U0 (J) for the pair law, F0 (N) for the edge law."""
    length: float
    """Decay length xi (m)."""
    R0: float
    """Calibration radius of the law (m)."""
    rotation_ratio: float = math.nan
    """Pair only: measured rotation/separation speed ratio (dimensionless)."""
    inner: float = 0.0
    """Edge only: F1, the inner term (N)."""


def _smooth(values: np.ndarray) -> np.ndarray:
    kernel = np.ones(SMOOTHING_SAMPLES) / SMOOTHING_SAMPLES
    return np.convolve(values, kernel, mode="valid")


def _derivative(t: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(midpoint values, d values / dt) after smoothing."""
    ts, vs = _smooth(t), _smooth(values)
    return 0.5 * (vs[1:] + vs[:-1]), np.diff(vs) / np.diff(ts)


def run_pair(material: Material, settings: CalibrationSettings, thiele: ThieleFit) -> ForceCurve:
    """The repelling pair and its fit to the K1 law."""
    width, height = settings.pair_box
    mesh = Mesh.covering(width, height, settings.cell, material.thickness, periodic_x=True, periodic_y=True)
    R0 = relax_profile(material, settings.Bz, settings.demag).radius
    rho0 = 2.0 * R0 + settings.pair_start_gap
    centres = [(0.5 * (width - rho0), 0.5 * height), (0.5 * (width + rho0), 0.5 * height)]
    magnet, energy, state = relaxed_skyrmion(material, settings, mesh, centres, settings.Bz, relax=False)
    system = LLG(magnet, energy, alpha=material.alpha)
    stepper = RK45(max_err=settings.max_err)
    record(system, state, stepper, settings.pair_settle, settings.pair_settle, 2)
    tracks = record(system, state, stepper, settings.pair_time, settings.sample_every, 2)
    dx = tracks.x[:, 1] - tracks.x[:, 0]
    dy = tracks.y[:, 1] - tracks.y[:, 0]
    rho_mid, rho_dot = _derivative(tracks.t, np.hypot(dx, dy))
    _, phi_dot = _derivative(tracks.t, np.unwrap(np.arctan2(dy, dx)))
    radius_mid, _ = _derivative(tracks.t, tracks.radius.mean(axis=1))
    den = thiele.G**2 + (material.alpha * thiele.D) ** 2
    force = rho_dot * den / (2.0 * material.alpha * thiele.D)
    rotation_ratio = float(np.sum(rho_mid * phi_dot * rho_dot) / np.sum(rho_dot**2))
    keep = (np.arange(len(force)) >= int(np.argmax(force))) & (force > MIN_FORCE_FRACTION * force.max())
    shifted = rho_mid[keep] - 2.0 * radius_mid[keep] + 2.0 * R0

    def log_law(x, log_u0, xi):
        return log_u0 - np.log(xi) + np.log(k1(x / xi))

    tail = math.sqrt(material.A / (material.Ku + material.Ms * settings.Bz / 2.0))
    (log_u0, xi), _ = curve_fit(log_law, shifted, np.log(force[keep]),
                                p0=(math.log(force[keep].max() * tail / k1(shifted.min() / tail)), tail))
    return ForceCurve(distance=rho_mid, force=force, radius=radius_mid, amplitude=math.exp(log_u0),
                      length=float(xi), R0=R0, rotation_ratio=rotation_ratio)


def run_edge(material: Material, settings: CalibrationSettings, thiele: ThieleFit) -> ForceCurve:
    """A skyrmion pushed off the edge at x = 0 and its fit to the exponential law."""
    width, height = settings.edge_box
    mesh = Mesh.covering(width, height, settings.cell, material.thickness, periodic_y=True)
    R0 = relax_profile(material, settings.Bz, settings.demag).radius
    centres = [(R0 + settings.edge_start_gap, 0.5 * height)]
    magnet, energy, state = relaxed_skyrmion(material, settings, mesh, centres, settings.Bz, relax=False)
    system = LLG(magnet, energy, alpha=material.alpha)
    stepper = RK45(max_err=settings.max_err)
    record(system, state, stepper, settings.edge_settle, settings.edge_settle, 1)
    tracks = record(system, state, stepper, settings.edge_time, settings.sample_every, 1)
    d_mid, v_normal = _derivative(tracks.t, tracks.x[:, 0])
    radius_mid, _ = _derivative(tracks.t, tracks.radius[:, 0])
    den = thiele.G**2 + (material.alpha * thiele.D) ** 2
    force = v_normal * den / (material.alpha * thiele.D)
    # Drop the compression transient: keep the part from the force peak outward.
    keep = (np.arange(len(force)) >= int(np.argmax(force))) & (force > MIN_FORCE_FRACTION * force.max())
    F0, xi, F1 = fit_edge_law(d_mid[keep] - R0, force[keep])
    return ForceCurve(distance=d_mid, force=force, radius=radius_mid, amplitude=F0, length=xi, R0=R0, inner=F1)


FIT_SHARES = (0.05, 0.5, 1.0, 2.0, 4.0)
"""Starting F1 / F0 of the edge-law fits (dimensionless): the log-space cost has more than one minimum."""


def edge_law(u, F0, xi, F1):
    """F0 e^(-u/xi) - F1 e^(-2u/xi) (N) at u = d - R0 (m)."""
    return F0 * np.exp(-u / xi) - F1 * np.exp(-2.0 * u / xi)


def fit_edge_law(u: np.ndarray, force: np.ndarray) -> tuple[float, float, float]:
    """(F0 (N), xi (m), F1 (N)) of `edge_law` fitted in log F to samples at u = d - R0 (m), F1 >= 0. The fit
    starts from the plain exponential's decay length (kept inside the fit's bounds) with F1 / F0 in FIT_SHARES and
    keeps the best; if no start converges (samples too few or too flat), the plain exponential is returned."""
    slope, intercept = np.polyfit(u, np.log(force), 1)
    target = np.log(force)
    xi_start = min(max(-1.0 / (slope * 1e-9), 0.2), 90.0) if slope < 0 else 5.0

    def log_law(x, log_f0, xi_nm, f1_share):  # xi in nm keeps the three unknowns of order one
        value = edge_law(x, math.exp(log_f0), xi_nm * 1e-9, f1_share * math.exp(log_f0))
        return np.log(np.maximum(value, 1e-30))
    best = None
    for share in FIT_SHARES:
        start = (min(max(intercept + math.log1p(share), -79.0), -1.0), xi_start, share)
        try:
            p, _ = curve_fit(log_law, u, target, p0=start, bounds=([-80.0, 0.1, 0.0], [0.0, 100.0, 50.0]),
                             maxfev=20000)
        except (RuntimeError, ValueError):
            continue
        cost = float(np.sum((log_law(u, *p) - target) ** 2))
        if best is None or cost < best[0]:
            best = (cost, p)
    if best is None:
        if slope >= 0:
            raise ValueError("the edge force samples do not decay with distance: run the edge longer (edge_time)")
        return math.exp(intercept), -1.0 / slope, 0.0
    log_f0, xi_nm, share = best[1]
    return math.exp(log_f0), float(xi_nm) * 1e-9, share * math.exp(log_f0)
