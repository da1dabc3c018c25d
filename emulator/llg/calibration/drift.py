"""Single-skyrmion drift under spin-orbit torque, and the Thiele fit of G, D and the SOT force.

In a periodic box a relaxed skyrmion is driven by a constant current density j along +x; after the
transient its velocity (v_par along the current, v_perp along z x j) is constant. The particle law is the
Thiele equation as the particle engine integrates it (emulator.thiele.kernel):

    G z x v + alpha D v = F,       F = k j x_hat   (k: SOT force per current density, N m^2/A),

so v_par = F alpha D / (G^2 + alpha^2 D^2), v_perp = -F G / (G^2 + alpha^2 D^2) and
tan(theta_SkH) = v_perp / v_par = -G / (alpha D). The gyrocoupling is topological, G = 4 pi Q (Ms t / gamma)
with Q the lattice charge (-1 for a core -z in a +z film: then G < 0 and the skyrmion deflects towards +y),
so the drift gives D = -G v_par / (alpha v_perp) and k = v_par (G^2 + alpha^2 D^2) / (alpha D j),
fitted over all currents (F = k j through the origin). D is also computed directly from the relaxed
texture, (Ms t / gamma) int d_x m . d_x m dA, as a cross-check.
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

from emulator.llg import skyrmions
from emulator.llg.calibration.settings import CalibrationSettings
from emulator.llg.calibration.tracks import linear_velocity, record
from emulator.llg.film import film_energy
from emulator.llg.llg import LLG
from emulator.llg.magnet import Magnet
from emulator.llg.mesh import Mesh
from emulator.llg.relax import minimize
from emulator.llg.rk45 import RK45
from emulator.llg.state import State
from emulator.llg.textures import profile_skyrmions
from emulator.llg.torque import SpinOrbitTorque
from emulator.llg.waveform import Constant
from emulator.material import Material
from emulator.skyrmion_profile import relax_profile


@dataclasses.dataclass(frozen=True)
class DriftRun:
    """One current density's steady drift."""

    j: float
    """Current density (A/m^2)."""
    v_par: float
    """Velocity along the current (m/s)."""
    v_perp: float
    """Velocity along z x j (m/s)."""
    radius: float
    """Mean m_z = 0 radius while drifting (m)."""

    @property
    def hall_angle_deg(self) -> float:
        """atan2(v_perp, v_par) (degrees)."""
        return math.degrees(math.atan2(self.v_perp, self.v_par))


@dataclasses.dataclass(frozen=True)
class ThieleFit:
    """G, D and k fitted to the drift runs."""

    G: float
    """Signed gyrocoupling of G z x v + alpha D v = F (kg/s)."""
    D: float
    """Dissipation (kg/s)."""
    k: float
    """SOT force per current density (N per A/m^2)."""
    charge: float
    """Lattice topological charge of the relaxed skyrmion (dimensionless)."""
    D_texture: float
    """D from the relaxed texture's gradients (kg/s), cross-check."""
    radius: float
    """Relaxed radius at rest (m)."""


def relaxed_skyrmion(material: Material, settings: CalibrationSettings, mesh: Mesh, centres, Bz: float,
                     relax: bool = True):
    """(magnet, energy, state) with skyrmions of the radial profile at `centres`, energy-minimised if `relax`
    (not for a pair or a skyrmion at an edge: minimising would push them apart)."""
    magnet = Magnet.full(mesh, material.Ms)
    energy = film_energy(material, settings.demag, Bz)
    profile = relax_profile(material, Bz, settings.demag)
    state = State(m=profile_skyrmions(magnet, centres, profile))
    if relax:
        minimize(LLG(magnet, energy, alpha=material.alpha), state, torque_tol=settings.torque_tol)
    return magnet, energy, state


def texture_dissipation(magnet, m: np.ndarray, spin_density: float) -> float:
    """(Ms t / gamma) int d_x m . d_x m dA by central differences (kg/s)."""
    mesh = magnet.mesh
    gx = (np.roll(m, -1, axis=2) - np.roll(m, 1, axis=2)) / (2.0 * mesh.dx)
    gy = (np.roll(m, -1, axis=1) - np.roll(m, 1, axis=1)) / (2.0 * mesh.dy)
    integral = 0.5 * (np.sum(gx * gx) + np.sum(gy * gy)) * mesh.cell_area
    return spin_density * mesh.dz * float(integral)


def run_drift(material: Material, settings: CalibrationSettings, j: float) -> DriftRun:
    """Steady drift of one skyrmion at current density j (A/m^2) along +x."""
    box = settings.drift_box
    mesh = Mesh.covering(box, box, settings.cell, material.thickness, periodic_x=True, periodic_y=True)
    magnet, energy, state = relaxed_skyrmion(material, settings, mesh, [(0.5 * box, 0.5 * box)], settings.Bz)
    torque = SpinOrbitTorque(material.theta_SH, Constant(j), material.thickness)
    system = LLG(magnet, energy, alpha=material.alpha, torque=torque)
    stepper = RK45(max_err=settings.max_err)
    record(system, state, stepper, settings.drift_settle, settings.drift_settle, 1)
    tracks = record(system, state, stepper, settings.drift_time, settings.sample_every, 1)
    return DriftRun(j=j, v_par=linear_velocity(tracks.t, tracks.x[:, 0]),
                    v_perp=linear_velocity(tracks.t, tracks.y[:, 0]), radius=float(tracks.radius.mean()))


def rest_state(material: Material, settings: CalibrationSettings):
    """(charge, D from the texture (kg/s), radius (m)) of the relaxed skyrmion at rest."""
    box = settings.drift_box
    mesh = Mesh.covering(box, box, settings.cell, material.thickness, periodic_x=True, periodic_y=True)
    magnet, _, state = relaxed_skyrmion(material, settings, mesh, [(0.5 * box, 0.5 * box)], settings.Bz)
    found = [s for s in skyrmions.find(magnet, state.m) if abs(s.charge) >= skyrmions.MIN_CHARGE]
    return (found[0].charge, texture_dissipation(magnet, state.m, material.spin_density), found[0].radius)


def solve_thiele(runs: list[DriftRun], G: float, alpha: float) -> tuple[float, float]:
    """(D (kg/s), k (N per A/m^2)) from drift velocities given G (kg/s) and alpha.

    tan(theta) = -G / (alpha D) is fitted as the slope of v_perp against v_par through the origin; then
    F = v_par (G^2 + alpha^2 D^2) / (alpha D) per run, and k is the slope of F against j through the origin.
    """
    v_par = np.array([r.v_par for r in runs])
    v_perp = np.array([r.v_perp for r in runs])
    j = np.array([r.j for r in runs])
    ratio = float(np.sum(v_perp * v_par) / np.sum(v_par * v_par))
    D = -G / (alpha * ratio)
    force = v_par * (G**2 + (alpha * D) ** 2) / (alpha * D)
    return D, float(np.sum(force * j) / np.sum(j * j))


def thiele_velocity(G: float, D: float, alpha: float, force: float) -> tuple[float, float]:
    """(v_par, v_perp) (m/s) of G z x v + alpha D v = F x_hat."""
    den = G**2 + (alpha * D) ** 2
    return force * alpha * D / den, -force * G / den


def fit_thiele(material: Material, settings: CalibrationSettings, runs: list[DriftRun]) -> ThieleFit:
    """G from the topological charge, D from the Hall angle, k from the speed (least squares over runs)."""
    charge, d_texture, radius = rest_state(material, settings)
    G = 4.0 * math.pi * round(charge) * material.spin_density * material.thickness
    D, k = solve_thiele(runs, G, material.alpha)
    return ThieleFit(G=G, D=D, k=k, charge=float(charge), D_texture=d_texture, radius=radius)
