"""Finding, measuring and tracking skyrmions in a magnetisation snapshot.

A skyrmion is a connected group of magnetic cells whose m_z has the sign opposite to the film (`background`
= +1 for a +z film). For each group:

- centre: the mean cell position weighted by max(0, -background m_z), which varies continuously as the
  texture moves (cells join the group where that weight is 0); circular means across periodic boundaries;
- radius: the mean over `RAYS` directions of the radius where m_z crosses 0, from cubic-spline interpolation
  of m_z along rays from the centre (the same m_z = 0 radius as the radial minimiser's `RadialProfile.radius`);
- charge: the lattice topological charge (`emulator.llg.topology`) of the plaquettes nearer to this group's
  centre than to any other (minimum image on periodic axes); an isolated skyrmion has |Q| = 1, a texture
  cut by an edge less.

`count` counts groups with |Q| >= `MIN_CHARGE`; `match` pairs skyrmions of two snapshots (tracking).
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np
from scipy import ndimage
from scipy.optimize import linear_sum_assignment

from emulator.llg.topology import charge_density

RAYS = 64
"""Directions over which the m_z = 0 radius is averaged (dimensionless)."""
RAY_STEP_CELLS = 0.02
"""Sampling step along a ray (cells)."""
MIN_CHARGE = 0.5
"""Smallest |Q| of a group counted as a skyrmion (dimensionless)."""


@dataclasses.dataclass(frozen=True)
class Skyrmion:
    """One skyrmion in a snapshot."""

    x: float
    """Centre x (m)."""
    y: float
    """Centre y (m)."""
    radius: float
    """Mean m_z = 0 radius (m)."""
    charge: float
    """Topological charge of the group (dimensionless); -1 for a full skyrmion in a +z film."""
    cells: int
    """Number of reversed cells (dimensionless)."""


def find(magnet, m: np.ndarray, background: int = 1) -> list[Skyrmion]:
    """All reversed groups in `m` (skyrmions and partial textures), sorted by x then y."""
    mesh = magnet.mesh
    mz = m[2] * background
    reversed_cells = magnet.mask & (mz < 0.0)
    labels, count = _label(reversed_cells, mesh.periodic_x, mesh.periodic_y)
    if count == 0:
        return []
    centres, sizes = [], []
    for label in range(1, count + 1):
        js, is_ = np.nonzero(labels == label)
        weight = np.maximum(0.0, -mz[js, is_])
        if weight.sum() <= 0.0:
            weight = np.ones_like(weight)
        centres.append((_mean_coordinate(is_, weight, mesh.nx, mesh.periodic_x) * mesh.dx,
                        _mean_coordinate(js, weight, mesh.ny, mesh.periodic_y) * mesh.dy))
        sizes.append(len(js))
    charges = _charges_by_nearest_centre(magnet, m, centres)
    result = [Skyrmion(x=xc, y=yc, radius=_radius(mesh, mz, xc, yc, n), charge=q, cells=n)
              for (xc, yc), n, q in zip(centres, sizes, charges)]
    return sorted(result, key=lambda s: (s.x, s.y))


def count(magnet, m: np.ndarray, background: int = 1) -> int:
    """Number of skyrmions (groups with |Q| >= MIN_CHARGE)."""
    return sum(1 for s in find(magnet, m, background) if abs(s.charge) >= MIN_CHARGE)


def match(before: list[Skyrmion], after: list[Skyrmion], max_distance: float) -> list[tuple[int, int]]:
    """Pairs (index in `before`, index in `after`) of the same skyrmion: least total displacement, each pair
    closer than `max_distance` (m)."""
    if not before or not after:
        return []
    a = np.array([[s.x, s.y] for s in before])
    b = np.array([[s.x, s.y] for s in after])
    cost = np.hypot(a[:, None, 0] - b[None, :, 0], a[:, None, 1] - b[None, :, 1])
    rows, cols = linear_sum_assignment(cost)
    return [(int(r), int(c)) for r, c in zip(rows, cols) if cost[r, c] <= max_distance]


def _label(cells, periodic_x, periodic_y):
    labels, count = ndimage.label(cells)
    if count == 0 or not (periodic_x or periodic_y):
        return labels, count
    parent = list(range(count + 1))

    def root(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    pairs = []
    if periodic_x:
        pairs.append((labels[:, 0], labels[:, -1]))
    if periodic_y:
        pairs.append((labels[0, :], labels[-1, :]))
    for first, last in pairs:
        for a, b in zip(first, last):
            if a and b:
                ra, rb = root(int(a)), root(int(b))
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    roots = np.array([root(a) for a in range(count + 1)])
    unique = np.unique(roots[1:])
    renumber = np.zeros(count + 1, dtype=int)
    renumber[1:] = np.searchsorted(unique, roots[1:]) + 1
    return renumber[labels], len(unique)


def _mean_coordinate(index, weight, n, periodic):
    """Weighted mean cell-centre coordinate (cells), circular on a periodic axis."""
    position = index + 0.5
    if not periodic:
        return float(np.sum(weight * position) / np.sum(weight))
    angle = 2.0 * math.pi * position / n
    mean = math.atan2(np.sum(weight * np.sin(angle)), np.sum(weight * np.cos(angle)))
    return (mean / (2.0 * math.pi) * n) % n


def _charges_by_nearest_centre(magnet, m, centres):
    """Topological charge of the plaquettes nearest to each centre (minimum image on periodic axes)."""
    mesh = magnet.mesh
    q = charge_density(magnet, m)
    js, is_ = np.nonzero(q)
    if len(centres) == 1 or js.size == 0:
        return [float(q.sum())] + [0.0] * (len(centres) - 1)
    # A plaquette's charge sits at its centre, half a cell above and right of cell (j, i)'s centre.
    x = (is_ + 1.0) * mesh.dx
    y = (js + 1.0) * mesh.dy
    c = np.asarray(centres)
    ddx = x[:, None] - c[None, :, 0]
    ddy = y[:, None] - c[None, :, 1]
    width, height = mesh.size
    if mesh.periodic_x:
        ddx -= width * np.round(ddx / width)
    if mesh.periodic_y:
        ddy -= height * np.round(ddy / height)
    owner = np.argmin(ddx**2 + ddy**2, axis=1)
    return [float(v) for v in np.bincount(owner, weights=q[js, is_], minlength=len(centres))]


def _radius(mesh, mz, xc, yc, cells):
    """Mean m_z = 0 radius (m) along RAYS rays from (xc, yc), cubic-spline interpolation."""
    # Centre the texture in the array along periodic axes so rays never cross the wrap.
    field = mz
    ci, cj = xc / mesh.dx - 0.5, yc / mesh.dy - 0.5
    if mesh.periodic_x:
        shift = int(round(mesh.nx / 2 - ci))
        field = np.roll(field, shift, axis=1)
        ci += shift
    if mesh.periodic_y:
        shift = int(round(mesh.ny / 2 - cj))
        field = np.roll(field, shift, axis=0)
        cj += shift
    reach = 3.0 * math.sqrt(cells / math.pi) + 6.0
    s = np.arange(0.0, reach, RAY_STEP_CELLS)
    angles = 2.0 * math.pi * np.arange(RAYS) / RAYS
    scale = mesh.dy / mesh.dx
    xi = ci + np.outer(np.cos(angles), s)
    yj = cj + np.outer(np.sin(angles), s) / scale
    values = ndimage.map_coordinates(field, [yj.ravel(), xi.ravel()], order=3, mode="nearest")
    values = values.reshape(len(angles), len(s))
    radii = []
    for row in values:
        crossing = np.nonzero(row >= 0.0)[0]
        if crossing.size == 0:
            radii.append(s[-1])
            continue
        k = int(crossing[0])
        if k == 0:
            radii.append(0.0)
            continue
        f0, f1 = row[k - 1], row[k]
        radii.append(s[k - 1] + (0.0 - f0) / (f1 - f0) * (s[k] - s[k - 1]))
    return float(np.mean(radii)) * mesh.dx
