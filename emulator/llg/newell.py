"""The demagnetisation tensor between rectangular cells (Newell, Williams and Dunlop, JGR 98, 9551 (1993)).

For two cells of size dx x dy x dz whose centres are X, Y, Z apart, the cell-averaged field of the uniformly
magnetised source cell is H = -N M with

    N_xx(X, Y, Z) = 1 / (4 pi dx dy dz) * sum_{a,b,c in {-1,0,1}} w_a w_b w_c f(X + a dx, Y + b dy, Z + c dz),
    w_0 = 2, w_{+-1} = -1,

N_xy the same with g, N_yy and N_zz by permuting the arguments of f. The closed forms f and g are the ones of
the paper (also OOMMF `demagcoef.cc`). The 27-term second differences lose precision far from the source
(relative round-off ~ eps (R/dx)^2 (R/dy)^2 (R/dz)^2), so beyond `NEWELL_RANGE_CELLS` cell sizes the point-dipole
tensor N = V (I - 3 r r^T / r^2) / (4 pi r^3) is used instead (relative error ~ (d/R)^2 < 1e-3 there).
"""
from __future__ import annotations

import math

import numpy as np

NEWELL_RANGE_CELLS = 40.0
"""Distance (in units of the larger in-plane cell size) beyond which the point-dipole tensor is used."""


def _asinh_ratio(a, b, c):
    """asinh(a / sqrt(b^2 + c^2)), 0 where a = 0 (its prefactor vanishes wherever b = c = 0)."""
    den = np.sqrt(b * b + c * c)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.arcsinh(np.where(den > 0, a / np.where(den > 0, den, 1.0), 0.0))
    return out


def _atan_ratio(num, den):
    """atan(num / den), 0 where den = 0 (its prefactor vanishes there)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den != 0, np.arctan(num / np.where(den != 0, den, 1.0)), 0.0)


def newell_f(x, y, z):
    """Newell's f(x, y, z) (m^5 scale), vectorised."""
    x, y, z = np.abs(x), np.abs(y), np.abs(z)
    x2, y2, z2 = x * x, y * y, z * z
    R = np.sqrt(x2 + y2 + z2)
    return (0.5 * y * (z2 - x2) * _asinh_ratio(y, x, z)
            + 0.5 * z * (y2 - x2) * _asinh_ratio(z, x, y)
            - x * y * z * _atan_ratio(y * z, x * R)
            + (2.0 * x2 - y2 - z2) * R / 6.0)


def newell_g(x, y, z):
    """Newell's g(x, y, z), vectorised (odd in x and y)."""
    z = np.abs(z)
    x2, y2, z2 = x * x, y * y, z * z
    R = np.sqrt(x2 + y2 + z2)
    return (x * y * z * _asinh_ratio(z, x, y)
            + y * (3.0 * z2 - y2) * _asinh_ratio(x, y, z) / 6.0
            + x * (3.0 * z2 - x2) * _asinh_ratio(y, x, z) / 6.0
            - z2 * z * _atan_ratio(x * y, z * R) / 6.0
            - 0.5 * z * y2 * _atan_ratio(x * z, y * R)
            - 0.5 * z * x2 * _atan_ratio(y * z, x * R)
            - x * y * R / 3.0)


def _second_difference(func, X, Y, Z, dx, dy, dz):
    weights = {-1: -1.0, 0: 2.0, 1: -1.0}
    total = np.zeros_like(X, dtype=float)
    for a in (-1, 0, 1):
        for b in (-1, 0, 1):
            for c in (-1, 0, 1):
                w = weights[a] * weights[b] * weights[c]
                total += w * func(X + a * dx, Y + b * dy, Z + c * dz)
    return total / (4.0 * math.pi * dx * dy * dz)


def cell_tensor(X, Y, Z, dx, dy, dz):
    """(Nxx, Nyy, Nzz, Nxy) between cells at offsets X, Y, Z (m), arrays of equal shape (dimensionless)."""
    X, Y, Z = (np.asarray(v, dtype=float) for v in np.broadcast_arrays(X, Y, Z))
    nxx = _second_difference(newell_f, X, Y, Z, dx, dy, dz)
    nyy = _second_difference(lambda a, b, c: newell_f(b, a, c), X, Y, Z, dx, dy, dz)
    nzz = _second_difference(lambda a, b, c: newell_f(c, b, a), X, Y, Z, dx, dy, dz)
    nxy = _second_difference(newell_g, X, Y, Z, dx, dy, dz)
    return nxx, nyy, nzz, nxy


def dipole_tensor(X, Y, Z, volume):
    """Point-dipole (Nxx, Nyy, Nzz, Nxy) = V (I - 3 r r^T / r^2) / (4 pi r^3), r != 0."""
    r2 = X * X + Y * Y + Z * Z
    r = np.sqrt(r2)
    pre = volume / (4.0 * math.pi * r2 * r)
    return (pre * (1.0 - 3.0 * X * X / r2), pre * (1.0 - 3.0 * Y * Y / r2),
            pre * (1.0 - 3.0 * Z * Z / r2), pre * (-3.0 * X * Y / r2))


def layer_tensor(nx: int, ny: int, dx: float, dy: float, dz: float):
    """Demag tensor of one layer on the zero-padded (2 ny, 2 nx) grid in FFT (wrap-around) order.

    Returns (Nxx, Nyy, Nzz, Nxy), each of shape (2 ny, 2 nx); Nxz = Nyz = 0 in a single layer.
    """
    ix = np.arange(2 * nx)
    iy = np.arange(2 * ny)
    ox = np.where(ix < nx, ix, ix - 2 * nx).astype(float)
    oy = np.where(iy < ny, iy, iy - 2 * ny).astype(float)
    X, Y = np.meshgrid(ox * dx, oy * dy)
    Z = np.zeros_like(X)
    valid = (np.abs(np.meshgrid(ox, oy)[0]) < nx) & (np.abs(np.meshgrid(ox, oy)[1]) < ny)
    out = [np.zeros_like(X) for _ in range(4)]
    near = valid & (np.hypot(X, Y) <= NEWELL_RANGE_CELLS * max(dx, dy))
    far = valid & ~near
    for arr, value in zip(out, cell_tensor(X[near], Y[near], Z[near], dx, dy, dz)):
        arr[near] = value
    for arr, value in zip(out, dipole_tensor(X[far], Y[far], Z[far], dx * dy * dz)):
        arr[far] = value
    return tuple(out)
