"""Initial magnetisation textures: uniform states, Neel skyrmions, domain walls.

A Neel skyrmion centred at (x0, y0) has the relaxed radial profile of `emulator.skyrmion_profile` or,
with radius R and wall width w, the 360-degree wall ansatz of
`emulator.skyrmion_profile.wall_ansatz`, th = 2 atan(sinh(R/w) / sinh(r/w)) (Romming et al., PRL 114, 177203
(2015)), m = (sin th cos phi, sin th sin phi, cos th) with phi the azimuth: core -z in a +z film, the
chirality that D > 0 favours in the convention of `emulator.llg.dmi`. Several skyrmions combine as
m = normalise(sum_k sin th_k (cos phi_k, sin phi_k), cos(max_k th_k)) (times b = +-1, the film direction;
minimum image on periodic axes): continuous between close neighbours, and their reversed cores stay apart.
"""
from __future__ import annotations

import numpy as np

from emulator.skyrmion_profile import RadialProfile, wall_ansatz
from skybench.errors import ParameterError, check_positive

WRITE_THETA_MIN = 0.01
"""Polar angle (rad) below which a written skyrmion leaves the existing texture as it is: the profile's tail
beyond it (~4 decay lengths past the radius) is a negligible tilt, and edge canting nearby is kept."""


def neel_skyrmions(magnet, centres, radius: float, wall: float, background: int = 1) -> np.ndarray:
    """m (3, ny, nx) with a Neel skyrmion of `radius` and `wall` (m) at each (x, y) in `centres` (m)."""
    check_positive("radius", radius, "m")
    check_positive("wall", wall, "m")
    return _superpose(magnet, centres, lambda r: wall_ansatz(r, radius, wall), background)


def profile_skyrmions(magnet, centres, profile: RadialProfile, background: int = 1) -> np.ndarray:
    """m (3, ny, nx) with the relaxed radial `profile` (`emulator.skyrmion_profile`) at each centre (m)."""
    return _superpose(magnet, centres, lambda r: np.interp(r, profile.r, profile.theta, right=0.0),
                      background)


def write_skyrmion(magnet, m: np.ndarray, centre, profile: RadialProfile, background: int = 1) -> np.ndarray:
    """m (3, ny, nx) with one skyrmion of the relaxed radial `profile` added at `centre` (x, y) (m), combined
    with the existing texture by the rule of this module (in-plane parts add, th = max of the polar angles from
    the film direction), on the cells where the new profile's polar angle is at least `WRITE_THETA_MIN`; the
    other cells keep `m`. The texture a successful write of a nucleation pad leaves behind."""
    if background not in (1, -1):
        raise ParameterError("background", background, "+1 (film along +z) or -1")
    X, Y = magnet.mesh.centres()
    ddx = X - centre[0]
    ddy = Y - centre[1]
    theta = np.interp(np.hypot(ddx, ddy), profile.r, profile.theta, right=0.0)
    region = magnet.mask & (theta >= WRITE_THETA_MIN)
    phi = np.arctan2(ddy, ddx)
    out = np.array(m, dtype=float, copy=True)
    theta_old = np.arccos(np.clip(background * out[2], -1.0, 1.0))
    out[0] = np.where(region, out[0] + background * np.sin(theta) * np.cos(phi), out[0])
    out[1] = np.where(region, out[1] + background * np.sin(theta) * np.sin(phi), out[1])
    out[2] = np.where(region, background * np.cos(np.maximum(theta, theta_old)), out[2])
    return magnet.normalise(out)


def _superpose(magnet, centres, theta_of_r, background):
    if background not in (1, -1):
        raise ParameterError("background", background, "+1 (film along +z) or -1")
    centres = np.atleast_2d(np.asarray(centres, dtype=float))
    if centres.shape[1] != 2 or len(centres) == 0:
        raise ParameterError("centres", centres.shape, "a non-empty list of (x, y) points in metres")
    mesh = magnet.mesh
    X, Y = mesh.centres()
    width, height = mesh.size
    m = np.zeros((3,) + mesh.shape)
    theta_max = np.zeros(mesh.shape)
    for xc, yc in centres:
        ddx = X - xc
        ddy = Y - yc
        if mesh.periodic_x:
            ddx -= width * np.round(ddx / width)
        if mesh.periodic_y:
            ddy -= height * np.round(ddy / height)
        theta = theta_of_r(np.hypot(ddx, ddy))
        phi = np.arctan2(ddy, ddx)
        m[0] += np.sin(theta) * np.cos(phi)
        m[1] += np.sin(theta) * np.sin(phi)
        theta_max = np.maximum(theta_max, theta)
    m[2] = np.cos(theta_max)
    m *= background
    m[:, ~magnet.mask] = 0.0
    return magnet.normalise(m)


def neel_wall_pair(magnet, x1: float, x2: float, wall: float) -> np.ndarray:
    """m (3, ny, nx) with m_z = -1 between x1 and x2 (m) and +1 outside, joined by two Neel walls of width
    `wall` (m) whose in-plane part points along -x at x1 and +x at x2 (the D > 0 chirality)."""
    check_positive("wall", wall, "m")
    X, _ = magnet.mesh.centres()
    theta = 2.0 * np.arctan(np.exp((X - x1) / wall)) + 2.0 * np.arctan(np.exp(-(X - x2) / wall)) - np.pi
    theta = np.clip(theta, 0.0, np.pi)
    side = np.where(X < 0.5 * (x1 + x2), -1.0, 1.0)
    m = np.stack([side * np.sin(theta), np.zeros_like(theta), np.cos(theta)])
    m[:, ~magnet.mask] = 0.0
    return magnet.normalise(m)
