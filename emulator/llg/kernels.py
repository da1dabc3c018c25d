"""Vector-array kernels shared by the steppers (numba): stage sums, error norms, normalisation.

They act on magnetisation-shaped arrays (3, ny, nx) viewed as flat memory; non-magnetic cells hold m = 0
and dm/dt = 0, so they stay 0 without a mask test (which keeps the loops vectorisable). Kernels are serial:
the machine is shared, and numba's thread pool stalls when a core is busy elsewhere.
"""
from __future__ import annotations

import math

import numba
import numpy as np


@numba.njit(cache=True)
def stage_sum(y, k, coeffs, n, h, out):
    """out = y + h sum_{s < n} coeffs[s] k[s] (all arrays C-contiguous)."""
    yf = y.ravel()
    of = out.ravel()
    kf = k.reshape(k.shape[0], -1)
    size = yf.size
    of[:] = yf
    for s in range(n):
        c = h * coeffs[s]
        if c == 0.0:
            continue
        ks = kf[s]
        for p in range(size):
            of[p] += c * ks[p]


@numba.njit(cache=True)
def error_norm(k, coeffs, n, h):
    """max over cells of |h sum_s coeffs[s] k[s]| (dimensionless); NaN if any value is non-finite."""
    cells = k.shape[2] * k.shape[3]
    kf = k.reshape(k.shape[0], 3, cells)
    acc = np.zeros((3, cells))
    for s in range(n):
        c = coeffs[s]
        if c == 0.0:
            continue
        for comp in range(3):
            row = kf[s, comp]
            dest = acc[comp]
            for p in range(cells):
                dest[p] += c * row[p]
    worst = 0.0
    for p in range(cells):
        n2 = acc[0, p] * acc[0, p] + acc[1, p] * acc[1, p] + acc[2, p] * acc[2, p]
        worst = max(worst, n2)
        if not n2 <= 1e300:  # NaN or inf
            return np.nan
    return h * math.sqrt(worst)


@numba.njit(cache=True)
def normalise(m, mask):
    """Scale m to unit length on magnetic cells (in place)."""
    cells = mask.size
    mf = m.reshape(3, cells)
    maskf = mask.ravel()
    for p in range(cells):
        if maskf[p]:
            norm = math.sqrt(mf[0, p] ** 2 + mf[1, p] ** 2 + mf[2, p] ** 2)
            if norm > 0.0:
                inv = 1.0 / norm
                mf[0, p] *= inv
                mf[1, p] *= inv
                mf[2, p] *= inv


@numba.njit(cache=True)
def max_norm(a, mask):
    """max over magnetic cells of |a| (vector norm); NaN if non-finite."""
    cells = mask.size
    af = a.reshape(3, cells)
    maskf = mask.ravel()
    worst = 0.0
    for p in range(cells):
        if maskf[p]:
            n2 = af[0, p] ** 2 + af[1, p] ** 2 + af[2, p] ** 2
            if not n2 <= 1e300:
                return np.nan
            worst = max(worst, n2)
    return math.sqrt(worst)


@numba.njit(cache=True)
def damping_direction(m, B, mask, out):
    """out = m x (m x B) on magnetic cells (T); returns max |m x B| (T)."""
    cells = mask.size
    mf = m.reshape(3, cells)
    bf = B.reshape(3, cells)
    of = out.reshape(3, cells)
    maskf = mask.ravel()
    worst = 0.0
    for p in range(cells):
        if not maskf[p]:
            of[0, p] = 0.0
            of[1, p] = 0.0
            of[2, p] = 0.0
            continue
        mx, my, mz = mf[0, p], mf[1, p], mf[2, p]
        bx, by, bz = bf[0, p], bf[1, p], bf[2, p]
        tx = my * bz - mz * by
        ty = mz * bx - mx * bz
        tz = mx * by - my * bx
        of[0, p] = my * tz - mz * ty
        of[1, p] = mz * tx - mx * tz
        of[2, p] = mx * ty - my * tx
        n2 = tx * tx + ty * ty + tz * tz
        if not n2 <= 1e300:
            return np.nan
        worst = max(worst, n2)
    return math.sqrt(worst)
