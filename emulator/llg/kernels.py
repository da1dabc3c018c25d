"""Vector-array kernels shared by the steppers (numba): stage sums, error norms, normalisation.

Components of m below `TINY` are flushed to 0 when m is renormalised: far from a texture a relaxed m
approaches the easy axis exponentially, and products of such components become subnormal numbers, which
the CPU handles ~100x slower (a 128^2 relaxation took 10 s instead of 0.3 s).

The generic ones act on magnetisation-shaped arrays (3, ny, nx) viewed as flat memory; non-magnetic cells hold
m = 0 and dm/dt = 0, so they stay 0 without a mask test (which keeps the loops vectorisable). The fused ones
(`runge_kutta_stages`, `accept_runs`) do a whole explicit Runge-Kutta step of the local right-hand side on the
magnetic cells only (runs along x, `emulator.llg.local.magnetic_runs`), in parallel over runs (numba prange;
set the thread count with numba.set_num_threads or NUMBA_NUM_THREADS). Every cell's value is computed by one
thread and the error norm is a maximum, so results do not depend on the thread count. On a machine whose
cores are busy with other processes each parallel loop waits for the slowest thread: one thread can be faster.
"""
from __future__ import annotations

import math

import numba
import numpy as np

from emulator.llg import local

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


@numba.njit(cache=True, parallel=True, error_model="numpy", fastmath={"contract"})
def runge_kutta_stages(m, yp, k, runs, weight, periodic_x, periodic_y, c, bext, pol, bdl, xi, gamma, alpha,
                       precession, h, a, e, first, acc, worst):
    """The stages of one explicit Runge-Kutta step of the fused local LLG right-hand side, on the magnetic cells.

    For s = first .. len(a) - 1: y_s = m + h sum_{r < s} a[s, r] k[r] (written into the interior of the padded
    `yp`, its halo wrapped on periodic axes), then k[s] = f(y_s) by `local.cell_rhs` with the drives of the step
    (coefficients c, static field bext (3, ny, nx), B_DL bdl and polarisation pol are constant over a step: steps
    end on every drive edge). With first = 0 the stage-0 row of `a` is zero, so y_0 = m and k[0] = f(m).
    Returns max over cells of |h sum_r e[r] k[r]| (the error estimate; NaN if non-finite); after the last stage
    `yp` holds that stage's y (for Dormand-Prince, the 5th-order solution, unnormalised). Two parallel loops per
    stage (the stage sum needs every neighbour's y before the right-hand side reads it); `acc` (3, ny, nx) and
    `worst` (n_runs) are scratch. Inner loops run along x over one run, one coefficient at a time (vectorised).
    """
    pre = -gamma / (1.0 + alpha * alpha)
    prec = 1.0 if precession else 0.0
    cx, cy, cdx, cdy, kx, ky, kz, hx, hy, hz = c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]
    stages = a.shape[0]
    nruns = runs.shape[0]
    one = np.uint64(1)
    for s in range(first, stages):
        for r in numba.prange(nruns):
            j, i0, i1 = runs[r, 0], runs[r, 1], runs[r, 2]
            jm = j - one
            for comp in range(np.uint64(3)):
                for i in range(i0, i1):
                    yp[comp, j, i] = m[comp, jm, i - one]
                for q in range(np.uint64(s)):
                    coef = h * a[s, q]
                    if coef != 0.0:
                        for i in range(i0, i1):
                            yp[comp, j, i] += coef * k[q, comp, jm, i - one]
        if periodic_x or periodic_y:
            local.wrap_halo(yp, periodic_x, periodic_y)
        for r in numba.prange(nruns):
            j = runs[r, 0]
            jm = j - one
            for i in range(runs[r, 1], runs[r, 2]):
                im = i - one
                k[s, 0, jm, im], k[s, 1, jm, im], k[s, 2, jm, im] = local.cell_rhs(
                    yp, weight, j, i, cx, cy, cdx, cdy, kx, ky, kz, hx, hy, hz, bext[0, jm, im], bext[1, jm, im],
                    bext[2, jm, im], pol[0, jm, im], pol[1, jm, im], pol[2, jm, im], bdl, xi, pre, prec, alpha)
    for r in numba.prange(nruns):
        j, i0, i1 = runs[r, 0] - one, runs[r, 1] - one, runs[r, 2] - one
        for comp in range(np.uint64(3)):
            for i in range(i0, i1):
                acc[comp, j, i] = 0.0
            for q in range(np.uint64(stages)):
                coef = e[q]
                if coef != 0.0:
                    for i in range(i0, i1):
                        acc[comp, j, i] += coef * k[q, comp, j, i]
        w = 0.0
        for i in range(i0, i1):
            n2 = acc[0, j, i] * acc[0, j, i] + acc[1, j, i] * acc[1, j, i] + acc[2, j, i] * acc[2, j, i]
            w = max(w, n2)
            if not n2 <= 1e300:
                w = np.inf
        worst[r] = w
    largest = 0.0
    for r in range(nruns):
        if not worst[r] <= 1e300:
            return np.nan
        largest = max(largest, worst[r])
    return h * math.sqrt(largest)


@numba.njit(cache=True, parallel=True)
def accept_runs(yp, runs, k, last, m):
    """m = y / |y| on the magnetic cells (`runs`), y the interior of the padded `yp`, and k[0] = k[last]
    (first same as last); False if y holds a non-finite value."""
    nruns = runs.shape[0]
    bad = np.zeros(nruns, dtype=np.bool_)
    one = np.uint64(1)
    for r in numba.prange(nruns):
        j, i0, i1 = runs[r, 0] - one, runs[r, 1] - one, runs[r, 2] - one
        for i in range(i0, i1):
            yx, yy, yz = yp[0, j + one, i + one], yp[1, j + one, i + one], yp[2, j + one, i + one]
            n2 = yx * yx + yy * yy + yz * yz
            if not n2 <= 1e300:
                bad[r] = True
            inv = 1.0 / math.sqrt(n2) if n2 > 0.0 else 0.0
            vx, vy, vz = yx * inv, yy * inv, yz * inv
            m[0, j, i] = vx if abs(vx) > TINY else 0.0
            m[1, j, i] = vy if abs(vy) > TINY else 0.0
            m[2, j, i] = vz if abs(vz) > TINY else 0.0
            for comp in range(3):
                k[0, comp, j, i] = k[last, comp, j, i]
    return not bad.any()
