"""Vector-array kernels shared by the steppers (numba): stage sums, error norms, normalisation.

Components of m below `TINY` are flushed to 0 when m is renormalised: far from a texture a relaxed m
approaches the easy axis exponentially, and products of such components become subnormal numbers, which
the CPU handles ~100x slower (a 128^2 relaxation took 10 s instead of 0.3 s).

They act on magnetisation-shaped arrays (3, ny, nx) viewed as flat memory; non-magnetic cells hold m = 0
and dm/dt = 0, so they stay 0 without a mask test (which keeps the loops vectorisable). Kernels are serial:
the machine is shared, and numba's thread pool stalls when a core is busy elsewhere.
"""
from __future__ import annotations

import math

import numba
import numpy as np

TINY = 1e-50
"""Magnetisation components smaller than this are set to 0 on renormalisation (dimensionless)."""


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
def error_norm(k, coeffs, n, h, work):
    """max over cells of |h sum_s coeffs[s] k[s]| (dimensionless); NaN if any value is non-finite.
    `work` is scratch of the shape of m."""
    cells = k.shape[2] * k.shape[3]
    kf = k.reshape(k.shape[0], 3, cells)
    acc = work.reshape(3, cells)
    acc[:] = 0.0
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
                for c in range(3):
                    v = mf[c, p] * inv
                    mf[c, p] = v if abs(v) > TINY else 0.0


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
def accept(y, mask, m):
    """m = y / |y| on magnetic cells (0 elsewhere) in one pass; False if y holds a non-finite value."""
    cells = mask.size
    yf = y.reshape(3, cells)
    mf = m.reshape(3, cells)
    maskf = mask.ravel()
    finite = True
    for p in range(cells):
        n2 = yf[0, p] ** 2 + yf[1, p] ** 2 + yf[2, p] ** 2
        if not n2 <= 1e300:
            finite = False
        inv = 1.0 / math.sqrt(n2) if (maskf[p] and n2 > 0.0) else 0.0
        for c in range(3):
            v = yf[c, p] * inv
            mf[c, p] = v if abs(v) > TINY else 0.0
    return finite
