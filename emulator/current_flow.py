"""Current distribution in the film: a Laplace solution on a raster of the geometry.

With uniform sheet conductance the potential obeys div(grad V) = 0 in the film, V fixed on the electrodes
(Dirichlet) and no current through the film's free edges (Neumann). It is solved once per geometry with a
five-point finite-volume stencil (scipy sparse LU). The result is stored as the current density per unit
nominal density, j(x, y) / j_nominal, where j_nominal = I / (nominal_width * thickness): multiply by the
pulse's nominal density to get the local one. Current crowds at a tapered tip and spreads into a Hall cross,
which is what makes nucleation local and the drive fall off away from the contact.

`uniform_current` is the other distribution a model can choose (`CURRENT_MODES`): the nominal density along +x
in every cell, as OOMMF's spin-Hall torque applies one uniform J (the chamber's LLG reference runs it,
emulator/llg/chamber.py `Fig4bProtocol.current`).
"""
from __future__ import annotations

import dataclasses

import numba
import numpy as np
import scipy.sparse
import scipy.sparse.linalg

from emulator.geometry import Geometry, points_in_polygon
from skybench.errors import check_choice

CURRENT_MODES = ("flow", "uniform")
"""Current distributions, of the particle model and of the LLG chamber run (emulator/llg/chamber.py) alike: the
Laplace flow of the outline (`solve_current`), or the nominal density along +x everywhere (`uniform_current`)."""


@dataclasses.dataclass(frozen=True)
class CurrentMap:
    """Raster of the unit current density j / j_nominal (dimensionless) on cell centres."""

    x0: float
    """x of the first cell centre (m)."""
    y0: float
    """y of the first cell centre (m)."""
    step: float
    """Cell size (m)."""
    jx: np.ndarray
    """x component, shape (ny, nx) (dimensionless)."""
    jy: np.ndarray
    """y component, shape (ny, nx) (dimensionless)."""
    film: np.ndarray
    """True on film cells, shape (ny, nx)."""

    def at(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        """Interpolated unit current density at points (x, y)."""
        x = np.atleast_1d(np.asarray(x, float))
        y = np.atleast_1d(np.asarray(y, float))
        jx = np.empty_like(x)
        jy = np.empty_like(x)
        for i in range(len(x)):
            jx[i], jy[i] = interpolate(self.x0, self.y0, self.step, self.jx, self.jy, x[i], y[i])
        return jx, jy

    def table(self) -> tuple[float, float, float, np.ndarray, np.ndarray]:
        """Kernel form: (x0, y0, step, jx, jy)."""
        return self.x0, self.y0, self.step, self.jx, self.jy


def uniform_current(geometry: Geometry) -> CurrentMap:
    """The unit current density along +x on every raster cell of `geometry` (on and off the film, so that the
    bilinear interpolation near an edge reads the same density as inside)."""
    xmin, ymin, xmax, ymax = geometry.bounds
    h = geometry.grid_step
    nx = int(np.ceil((xmax - xmin) / h))
    ny = int(np.ceil((ymax - ymin) / h))
    X, Y = np.meshgrid(xmin + (np.arange(nx) + 0.5) * h, ymin + (np.arange(ny) + 0.5) * h)
    return CurrentMap(x0=xmin + 0.5 * h, y0=ymin + 0.5 * h, step=h, jx=np.ones((ny, nx)), jy=np.zeros((ny, nx)),
                      film=geometry.contains(X, Y))


def current_map(geometry: Geometry, mode: str) -> CurrentMap:
    """The unit current-density map of `geometry` for distribution `mode` (`CURRENT_MODES`)."""
    check_choice("current", mode, CURRENT_MODES)
    return solve_current(geometry) if mode == "flow" else uniform_current(geometry)


def solve_current(geometry: Geometry) -> CurrentMap:
    """Solve the Laplace problem for `geometry` and return the unit current-density map."""
    xmin, ymin, xmax, ymax = geometry.bounds
    h = geometry.grid_step
    nx = int(np.ceil((xmax - xmin) / h))
    ny = int(np.ceil((ymax - ymin) / h))
    xc = xmin + (np.arange(nx) + 0.5) * h
    yc = ymin + (np.arange(ny) + 0.5) * h
    X, Y = np.meshgrid(xc, yc)
    film = geometry.contains(X, Y)
    fixed = np.full(film.shape, np.nan)
    for electrode in geometry.electrodes:
        fixed[film & points_in_polygon(electrode.polygon, X, Y)] = electrode.potential
    is_fixed = ~np.isnan(fixed)
    free = film & ~is_fixed
    index = -np.ones(film.shape, dtype=np.int64)
    index[free] = np.arange(int(free.sum()))

    rows, cols, vals = [], [], []
    rhs = np.zeros(int(free.sum()))
    fy, fx = np.nonzero(free)
    for dy, dx in ((0, 1), (0, -1), (1, 0), (-1, 0)):
        ny_, nx_ = fy + dy, fx + dx
        ok = (ny_ >= 0) & (ny_ < ny) & (nx_ >= 0) & (nx_ < nx)
        me = index[fy[ok], fx[ok]]
        ny_, nx_ = ny_[ok], nx_[ok]
        neighbour_film = film[ny_, nx_]
        me, ny_, nx_ = me[neighbour_film], ny_[neighbour_film], nx_[neighbour_film]
        rows.append(me)
        cols.append(me)
        vals.append(np.ones(len(me)))
        other = index[ny_, nx_]
        coupled = other >= 0
        rows.append(me[coupled])
        cols.append(other[coupled])
        vals.append(-np.ones(int(coupled.sum())))
        np.add.at(rhs, me[~coupled], fixed[ny_[~coupled], nx_[~coupled]])
    matrix = scipy.sparse.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                                     shape=(len(rhs), len(rhs)))
    potential = np.where(is_fixed, fixed, 0.0)
    potential[free] = scipy.sparse.linalg.spsolve(matrix.tocsc(), rhs)

    # Current density per unit conductivity: j = -grad V on film cells (one-sided at film edges).
    jx = _gradient(potential, film, axis=1, step=h)
    jy = _gradient(potential, film, axis=0, step=h)
    jx[is_fixed | ~film] = 0.0
    jy[is_fixed | ~film] = 0.0
    # Total current leaving the source electrodes, per unit conductivity and thickness.
    source = is_fixed & (fixed == 1.0)
    total = 0.0
    for dy, dx in ((0, 1), (0, -1), (1, 0), (-1, 0)):
        shifted_free = np.zeros_like(free)
        shifted_pot = np.zeros_like(potential)
        ys = slice(max(dy, 0), ny + min(dy, 0))
        yd = slice(max(-dy, 0), ny + min(-dy, 0))
        xs = slice(max(dx, 0), nx + min(dx, 0))
        xd = slice(max(-dx, 0), nx + min(-dx, 0))
        shifted_free[yd, xd] = free[ys, xs]
        shifted_pot[yd, xd] = potential[ys, xs]
        total += float(np.sum((1.0 - shifted_pot)[source & shifted_free]))
    scale = geometry.nominal_width / total  # j_nominal = I / W per unit conductivity and thickness
    return CurrentMap(x0=xmin + 0.5 * h, y0=ymin + 0.5 * h, step=h, jx=-jx * scale, jy=-jy * scale, film=film)


def _gradient(potential, film, axis, step):
    """Central difference inside the film, one-sided where a neighbour is off the film."""
    forward = np.roll(potential, -1, axis=axis)
    backward = np.roll(potential, 1, axis=axis)
    forward_ok = np.roll(film, -1, axis=axis)
    backward_ok = np.roll(film, 1, axis=axis)
    edge = [slice(None)] * 2
    edge[axis] = -1
    forward_ok[tuple(edge)] = False
    edge[axis] = 0
    backward_ok[tuple(edge)] = False
    grad = np.zeros_like(potential)
    both = forward_ok & backward_ok
    grad[both] = (forward[both] - backward[both]) / (2 * step)
    only_f = forward_ok & ~backward_ok
    grad[only_f] = (forward[only_f] - potential[only_f]) / step
    only_b = backward_ok & ~forward_ok
    grad[only_b] = (potential[only_b] - backward[only_b]) / step
    return grad


@numba.njit(cache=True, inline="always")
def interpolate(x0, y0, step, jx, jy, x, y):
    """Bilinear interpolation of the unit current density at (x, y); zero off the raster."""
    fx = (x - x0) / step
    fy = (y - y0) / step
    ny, nx = jx.shape
    if fx < 0.0 or fy < 0.0 or fx > nx - 1 or fy > ny - 1:
        return 0.0, 0.0
    i = min(int(fx), nx - 2)
    k = min(int(fy), ny - 2)
    ax = fx - i
    ay = fy - k
    w00 = (1 - ax) * (1 - ay)
    w10 = ax * (1 - ay)
    w01 = (1 - ax) * ay
    w11 = ax * ay
    vx = w00 * jx[k, i] + w10 * jx[k, i + 1] + w01 * jx[k + 1, i] + w11 * jx[k + 1, i + 1]
    vy = w00 * jy[k, i] + w10 * jy[k, i + 1] + w01 * jy[k + 1, i] + w11 * jy[k + 1, i + 1]
    return vx, vy
