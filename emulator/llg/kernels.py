"""Vector-array kernels shared by the steppers (numba): stage sums, error norms, normalisation.

Components of m below `TINY` are flushed to 0 when m is renormalised: far from a texture a relaxed m
approaches the easy axis exponentially, and products of such components become subnormal numbers, which
the CPU handles ~100x slower (a 128^2 relaxation took 10 s instead of 0.3 s).

The generic ones act on magnetisation-shaped arrays (3, ny, nx) viewed as flat memory; non-magnetic cells hold
m = 0 and dm/dt = 0, so they stay 0 without a mask test (which keeps the loops vectorisable). The fused ones
do a whole explicit Runge-Kutta step of the local right-hand side on the magnetic cells only (runs along x,
`emulator.llg.local.magnetic_runs`):
- `runge_kutta_stages`, `accept_runs`: stage by stage over the whole magnet, parallel over runs (numba prange),
  two parallel loops per stage; used for single steps and on periodic meshes;
- `runge_kutta_bands`: the stages (Dormand-Prince's or any tableau's) row by row in bands of rows, one band per
  thread, each band's recent rows of every stage in ring buffers that stay in the core's cache, the normalised
  new m written to a second buffer (one parallel loop per step, acceptance included); `rk_interval` runs the accepted steps up to the next drive edge in one
  call with the step control of `emulator.llg.embedded_rk.EmbeddedRungeKutta`.
Both give the same numbers bit for bit (the same operations per cell in the same order; tests check it).
Set the thread count with numba.set_num_threads or NUMBA_NUM_THREADS. Every cell's value is computed by one
thread and the error norm is a maximum, so results do not depend on the thread count. Each parallel loop waits
for its slowest thread: on a machine whose cores are busy with other processes one thread can be faster, and
OpenMP's default busy waiting (numba's 'omp' threading layer) burns the waiting thread's core; there
OMP_WAIT_POLICY=passive (set before the first parallel call) keeps the second thread useful.
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


@numba.njit(cache=True, fastmath={"contract"})
def store_normalised(row, runs, first, stop, out, j):
    """out[:, j, i - 1] = y / |y| for the cells of runs[first:stop] of one padded row `row` (3, nx + 2) of y: the
    arithmetic of `accept_runs`. Both contract |y|^2 to fused multiply-adds: numba compiles a function called
    from a kernel with the caller's fastmath flags, so this one, called from the banded kernels, could not
    avoid it (the same numbers as `accept_runs`, tested)."""
    one = np.uint64(1)
    for r in range(first, stop):
        for i in range(runs[r, 1], runs[r, 2]):
            yx, yy, yz = row[0, i], row[1, i], row[2, i]
            n2 = yx * yx + yy * yy + yz * yz
            inv = 1.0 / math.sqrt(n2) if n2 > 0.0 else 0.0
            vx, vy, vz = yx * inv, yy * inv, yz * inv
            out[0, j, i - one] = vx if abs(vx) > TINY else 0.0
            out[1, j, i - one] = vy if abs(vy) > TINY else 0.0
            out[2, j, i - one] = vz if abs(vz) > TINY else 0.0


@numba.njit(cache=True, parallel=True, fastmath={"contract"})
def accept_runs(yp, runs, k, last, m):
    """m = y / |y| on the magnetic cells (`runs`), y the interior of the padded `yp`, and k[0] = k[last]
    (first same as last); False if y holds a non-finite value. |y|^2 contracted as in `store_normalised`."""
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


@numba.njit(cache=True)
def rk_interval(m, m_next, yp, k, runs, weight, periodic_x, periodic_y, c, bext, pol, bdl, xi, gamma, alpha, precession,
                a, e, exponent, beta, memory, first, acc, worst, t, t_limit, dt, max_err, headroom, dt_max,
                factor_min, factor_max, dt_min, time_eps, banded, offsets, band_rows, yring, kring, accrow, zero_row,
                band_worst, padded_m, uniform, upx, upy, upz):
    """Accepted steps of an embedded first-same-as-last Runge-Kutta method (tableau `a`, error weights `e`,
    step-size exponent `exponent`) with the fused kernels from t towards t_limit (s), in one call: the step loop of
    `emulator.llg.embedded_rk.EmbeddedRungeKutta` without a return to Python per step. The drives are those of the
    interval (no edge inside it). Stops after the step that lands on t_limit or ends within `time_eps` (s) of it,
    or on a failure.

    With `banded` (not on periodic meshes) the stages run through `runge_kutta_bands` (k[0] = f(m) made first
    when `first` is 0, with `local.local_rhs` on `padded_m`), which writes the normalised new m into `m_next` and
    the last stage's derivative into the other end of `k`: an accepted step swaps the roles of m and `m_next`, of
    k[0] and k[stages - 1], instead of copying them (the interval ends with the state in m and k[0]). Else they
    run through `runge_kutta_stages` and `accept_runs`. The numbers are the same. The step-size control is that of
    `EmbeddedRungeKutta.step`, operation for operation (same results as one call per step). With `beta` > 0 the
    step-size factor of an accepted step carries the proportional-integral term (`memory`)^beta, `memory` the
    previous accepted step's err / max_err (at least `MEMORY_FLOOR`); `beta` = 0 is mumax3's controller, the same
    numbers as without the term.
    Returns (status, t, dt, steps, rejected, evaluations, err, h, memory): status 0 done, 1 non-finite error
    estimate, 2 step below `dt_min`; t the time reached (s), dt the next trial step (s), steps and rejected the
    accepted and rejected steps, evaluations the right-hand-side evaluations, err and h (s) those of the last
    attempt, memory that of the last accepted step.
    """
    status, t, state_dt, steps, rejected, evaluations, err, h, memory, odd = _rk_steps(
        m, m_next, yp, k, runs, weight, periodic_x, periodic_y, c, bext, pol, bdl, xi, gamma, alpha, precession, a,
        e, exponent, beta, memory, first, acc, worst, t, t_limit, dt, max_err, headroom, dt_max, factor_min,
        factor_max, dt_min, time_eps, banded, offsets, band_rows, yring, kring, accrow, zero_row, band_worst,
        padded_m, uniform, upx, upy, upz)
    if odd:  # the state is in m_next and k[stages - 1]
        m[...] = m_next
        k[0] = k[a.shape[0] - 1]
    return status, t, state_dt, steps, rejected, evaluations, err, h, memory


@numba.njit(cache=True)
def _rk_steps(m, m_next, yp, k, runs, weight, periodic_x, periodic_y, c, bext, pol, bdl, xi, gamma, alpha,
              precession, a, e, exponent, beta, memory, first, acc, worst, t, t_limit, dt, max_err, headroom, dt_max,
              factor_min, factor_max, dt_min, time_eps, banded, offsets, band_rows, yring, kring, accrow, zero_row,
              band_worst, padded_m, uniform, upx, upy, upz):
    """The step loop of `rk_interval`; also returns `odd`: the state ended in m_next and k[stages - 1]."""
    stages = a.shape[0]
    steps = 0
    rejected = 0
    evaluations = 0
    err = 0.0
    h = 0.0
    state_dt = dt
    m_cur, m_alt = m, m_next
    k_in, k_out = 0, stages - 1
    odd = False
    while True:
        dt = min(state_dt, dt_max)
        while True:
            remaining = t_limit - t
            landing = dt >= remaining
            h = remaining if landing else dt
            if banded:
                if first == 0:
                    local.fill_halo(m_cur, runs, False, False, padded_m)
                    local.local_rhs(padded_m, weight, runs, c, bext, True, gamma, alpha, precession, bdl, pol, xi,
                                    k[k_in])
                err = runge_kutta_bands(m_cur, m_alt, k, k_in, k_out, runs, offsets, weight, c, bext, pol, bdl, xi,
                                        gamma, alpha, precession, h, a, e, band_rows, yring, kring, accrow, zero_row,
                                        band_worst, uniform, upx, upy, upz)
            else:
                err = runge_kutta_stages(m, yp, k, runs, weight, periodic_x, periodic_y, c, bext, pol, bdl, xi,
                                         gamma, alpha, precession, h, a, e, first, acc, worst)
            evaluations += stages - first
            first = 1
            if not math.isfinite(err):
                return 1, t, state_dt, steps, rejected, evaluations, err, h, memory, odd
            factor = headroom * (max_err / err) ** exponent if err > 0 else factor_max
            if err <= max_err:
                factor = min(factor_max, max(factor_min, factor * memory ** beta))
                memory = max(err / max_err, MEMORY_FLOOR)
                if banded:
                    m_cur, m_alt = m_alt, m_cur
                    k_in, k_out = k_out, k_in
                    odd = not odd
                else:
                    accept_runs(yp, runs, k, stages - 1, m)
                t = t_limit if landing else t + h
                steps += 1
                state_dt = min(dt_max, max(h * factor, dt if landing else 0.0))
                break
            factor = min(factor_max, max(factor_min, factor))
            rejected += 1
            dt = h * min(factor, 1.0)
            if dt < dt_min:
                return 2, t, state_dt, steps, rejected, evaluations, err, h, memory, odd
        if landing or not t_limit - t > time_eps:
            return 0, t, state_dt, steps, rejected, evaluations, err, h, memory, odd


MEMORY_FLOOR = 1e-4
"""Smallest remembered err / max_err of the proportional-integral step control (dimensionless), and its value
before the first step: Hairer's DOPRI5 code (facold)."""
RING = 8
"""Rows of each stage kept in a band's ring buffers by `runge_kutta_bands` (dimensionless): a stage's derivative
row is read up to stages - 2 waves after it is made (5 for Dormand-Prince), so 7 would do; 8 makes the slot a bit
mask."""
HALO = 6
"""Extra rows on each side of a band that `runge_kutta_bands` recomputes for Dormand-Prince (dimensionless):
stage s (1..6) of a row needs stage s - 1 one row further out. A tableau of `stages` stages needs stages - 1."""


def row_offsets(runs: np.ndarray, rows: int) -> np.ndarray:
    """Index of the first run of each padded row 0 .. rows + 1, and one past the last (int64, rows + 3): the runs
    of padded row j are runs[offsets[j]:offsets[j + 1]] (`runs` sorted by row, as `local.magnetic_runs` makes
    them)."""
    return np.searchsorted(runs[:, 0].astype(np.int64), np.arange(rows + 3), side="left").astype(np.int64)


def uniform_drive(mask: np.ndarray, bext: np.ndarray, pol: np.ndarray) -> tuple[bool, float, float, float]:
    """(True, px, py, pz) when the static field `bext` is 0 and the polarisation `pol` is (px, py, pz) on every
    magnetic cell (uniform current, no regional field), else (False, 0, 0, 0)."""
    cells = np.asarray(mask, dtype=bool)
    if not cells.any() or np.any(bext[:, cells] != 0.0):
        return False, 0.0, 0.0, 0.0
    p = pol[:, cells]
    first = p[:, 0]
    if np.any(p != first[:, None]):
        return False, 0.0, 0.0, 0.0
    return True, float(first[0]), float(first[1]), float(first[2])


def bands(rows: int, count: int) -> np.ndarray:
    """`count` ranges of padded rows [first, last] (int64, (count, 2)) splitting rows 1 .. rows evenly."""
    count = max(1, min(count, rows))
    edges = np.linspace(1, rows + 1, count + 1).round().astype(np.int64)
    return np.stack([edges[:-1], edges[1:] - 1], axis=1)


@numba.njit(cache=True, parallel=True, error_model="numpy", fastmath={"contract"})
def runge_kutta_bands(m, m_next, k, k_in, k_out, runs, offsets, weight, c, bext, pol, bdl, xi, gamma, alpha,
                      precession, h, a, e, band_rows, yring, kring, accrow, zero_row, worst, uniform=False, upx=0.0,
                      upy=0.0, upz=0.0):
    """Stages 1 .. stages - 1 of one explicit first-same-as-last Runge-Kutta step (the tableau `a`, at most
    `RING` - 1 stages) of the fused local right-hand side, row by row through the magnet in bands: the same numbers
    as `runge_kutta_stages` with first = 1 (k[k_in] = f(m) given), without the round trips of every stage through
    memory.

    Each band (rows `band_rows[b]`, one per thread, numba prange) sweeps its rows once: at wave w it makes
    y_s (stage sum) of row w - s + 1 and k_s = f(y_s) of row w - s for s = 1 .. stages - 1, keeping the last
    `RING` rows of each stage in its ring buffers `yring[b, s]` (padded rows, zero outside the magnet) and
    `kring[b, s]`, which stay in the core's cache. It recomputes stages - 1 rows beyond its edges (stage s on
    stages - 1 - s rows more), so bands do not wait for each other. Written on the band's rows: k[k_out] (the
    last stage's derivative) and m_next, the last stage's y normalised (`store_normalised`, as `accept_runs`
    does); m and k[k_in] are only read. Returns max over cells of |h sum_r e[r] k[r]|
    (NaN if non-finite). Not for periodic meshes.
    `accrow` (bands, 3, nx + 2), `zero_row` (3, nx + 2) zeros, `worst` (bands) are scratch. `uniform`: bext is 0
    and pol is (upx, upy, upz) on every magnetic cell (`uniform_drive`); the numbers are the same. Each band runs in
    a serial function: numba compiles the body of a prange loop less well (3-4x slower here). Dormand-Prince (7
    stages) runs in `band_stages`, its stage sums written out; any other tableau in `band_stages_general`.
    """
    dormand_prince = a.shape[0] == 7
    for b in numba.prange(band_rows.shape[0]):
        if dormand_prince:
            worst[b] = band_stages(m, m_next, k, k_in, k_out, runs, offsets, weight, c, bext, pol, bdl, xi, gamma,
                                   alpha, precession, h, a, e, band_rows[b, 0], band_rows[b, 1], yring[b],
                                   kring[b], accrow[b], zero_row, uniform, upx, upy, upz)
        else:
            worst[b] = band_stages_general(m, m_next, k, k_in, k_out, runs, offsets, weight, c, bext, pol, bdl, xi,
                                           gamma, alpha, precession, h, a, e, band_rows[b, 0], band_rows[b, 1],
                                           yring[b], kring[b], accrow[b], zero_row, uniform, upx, upy, upz)
    largest = 0.0
    for b in range(band_rows.shape[0]):
        if not worst[b] <= 1e300:
            return np.nan
        largest = max(largest, worst[b])
    return h * math.sqrt(largest)


@numba.njit(cache=True, error_model="numpy", fastmath={"contract"})
def row_error(acc, runs, first, stop):
    """max |acc|^2 over the cells of runs[first:stop] of one padded row `acc` (3, nx + 2); inf if non-finite:
    a row's share of the banded kernels' error norm."""
    worst = 0.0
    for r in range(first, stop):
        for i in range(runs[r, 1], runs[r, 2]):
            n2 = acc[0, i] * acc[0, i] + acc[1, i] * acc[1, i] + acc[2, i] * acc[2, i]
            worst = max(worst, n2)
            if not n2 <= 1e300:
                worst = np.inf
    return worst


@numba.njit(cache=True, error_model="numpy", fastmath={"contract"})
def derivative_row(yring_s, out, rk, ny, zero_row, weight, offsets, runs, c, bext, pol, bdl, xi, pre, prec, alpha,
                   uniform, upx, upy, upz):
    """out = f(y) on the magnetic cells of padded row rk (`local.row_rhs`), y's rows rk - 1, rk, rk + 1 read from
    one stage's ring buffer `yring_s` (RING, 3, nx + 2) (rows outside the magnet: `zero_row`). With `uniform` the
    static field is 0 and the polarisation (upx, upy, upz): given as numbers, not read (the same values)."""
    cx, cy, cdx, cdy, kx, ky, kz, hx, hy, hz = c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]
    one = np.uint64(1)
    mask = np.uint64(RING - 1)
    south = zero_row if rk - 1 < 1 else yring_s[np.uint64(rk - 1) & mask]
    centre = yring_s[np.uint64(rk) & mask]
    north = zero_row if rk + 1 > ny else yring_s[np.uint64(rk + 1) & mask]
    j = np.uint64(rk)
    jm = j - one
    ws, wc, wn = weight[j - one], weight[j], weight[j + one]
    for r in range(offsets[rk], offsets[rk + 1]):
        if uniform:
            for i in range(runs[r, 1], runs[r, 2]):
                out[0, i], out[1, i], out[2, i] = local.row_rhs(
                    south, centre, north, ws, wc, wn, i, cx, cy, cdx, cdy, kx, ky, kz, hx, hy, hz,
                    0.0, 0.0, 0.0, upx, upy, upz, bdl, xi, pre, prec, alpha)
        else:
            for i in range(runs[r, 1], runs[r, 2]):
                im = i - one
                out[0, i], out[1, i], out[2, i] = local.row_rhs(
                    south, centre, north, ws, wc, wn, i, cx, cy, cdx, cdy, kx, ky, kz, hx, hy, hz,
                    bext[0, jm, im], bext[1, jm, im], bext[2, jm, im], pol[0, jm, im], pol[1, jm, im],
                    pol[2, jm, im], bdl, xi, pre, prec, alpha)


@numba.njit(cache=True, error_model="numpy", fastmath={"contract"})
def band_stages_general(m, m_next, k, k_in, k_out, runs, offsets, weight, c, bext, pol, bdl, xi, gamma, alpha,
                        precession, h, a, e, lo, hi, yring, kring, acc, zero_row, uniform, upx, upy, upz):
    """One band (padded rows lo..hi) of `runge_kutta_bands` for any tableau of at most `RING` - 1 stages: returns
    the band's max |sum_r e[r] k[r]|^2 (inf if non-finite). The stage sums add the terms q = 0, 1, ... one pass
    each, in the order of `runge_kutta_stages` (a zero coefficient adds 0 * k, the same y for finite k)."""
    pre = -gamma / (1.0 + alpha * alpha)
    prec = 1.0 if precession else 0.0
    ny = m.shape[1]
    stages = a.shape[0]
    halo = stages - 1
    one = np.uint64(1)
    mask = np.uint64(RING - 1)
    w_worst = 0.0
    for w in range(lo - halo, hi + halo + 1):
        for s in range(1, stages):
            # Stage sum y_s of row ry.
            ry = w - s + 1
            if max(1, lo - (halo + 1 - s)) <= ry <= min(ny, hi + (halo + 1 - s)):
                row = yring[s, np.uint64(ry) & mask]
                row[:] = 0.0
                jm = np.uint64(ry - 1)
                slot = np.uint64(ry) & mask
                c0 = h * a[s, 0]
                for comp in range(np.uint64(3)):
                    k0 = k[k_in, comp, jm]
                    mrow = m[comp, jm]
                    out_row = row[comp]
                    k1 = kring[1, slot, comp]
                    k2 = kring[2, slot, comp]
                    c1 = h * a[s, 1] if s > 1 else 0.0
                    c2 = h * a[s, 2] if s > 2 else 0.0
                    for r in range(offsets[ry], offsets[ry + 1]):
                        i0, i1 = runs[r, 1], runs[r, 2]
                        # Stages 1-3 in one pass each (the same sums, term by term, as the loop below).
                        if s == 1:
                            for i in range(i0, i1):
                                out_row[i] = mrow[i - one] + c0 * k0[i - one]
                        elif s == 2:
                            for i in range(i0, i1):
                                out_row[i] = (mrow[i - one] + c0 * k0[i - one]) + c1 * k1[i]
                        elif s == 3:
                            for i in range(i0, i1):
                                out_row[i] = ((mrow[i - one] + c0 * k0[i - one]) + c1 * k1[i]) + c2 * k2[i]
                        else:
                            for i in range(i0, i1):
                                out_row[i] = mrow[i - one] + c0 * k0[i - one]
                            for q in range(1, s):
                                cq = h * a[s, q]
                                kq = kring[q, slot, comp]
                                for i in range(i0, i1):
                                    out_row[i] += cq * kq[i]
                if s == stages - 1 and lo <= ry <= hi:
                    store_normalised(row, runs, offsets[ry], offsets[ry + 1], m_next, ry - 1)
            # Derivative k_s of row rk.
            rk = w - s
            if max(1, lo - (halo - s)) <= rk <= min(ny, hi + (halo - s)):
                derivative_row(yring[s], kring[s, np.uint64(rk) & mask], rk, ny, zero_row, weight, offsets, runs, c,
                               bext, pol, bdl, xi, pre, prec, alpha, uniform, upx, upy, upz)
                j = np.uint64(rk)
                jm = j - one
                if s == stages - 1 and lo <= rk <= hi:
                    # The last stage: k[stages - 1] out, and the error estimate of the row (the terms in the order
                    # r = 0, 1, ... of `runge_kutta_stages`; a zero e[r] adds 0 * k_r, which changes nothing).
                    slot = j & mask
                    for comp in range(np.uint64(3)):
                        k_last = k[k_out, comp, jm]
                        k0 = k[k_in, comp, jm]
                        klast_ring = kring[stages - 1, slot, comp]
                        acc_row = acc[comp]
                        for r in range(offsets[rk], offsets[rk + 1]):
                            i0, i1 = runs[r, 1], runs[r, 2]
                            for i in range(i0, i1):
                                k_last[i - one] = klast_ring[i]
                            if stages == 4:  # one pass, the same sum term by term
                                e0, e1, e2, e3 = e[0], e[1], e[2], e[3]
                                k1, k2, k3 = kring[1, slot, comp], kring[2, slot, comp], kring[3, slot, comp]
                                for i in range(i0, i1):
                                    acc_row[i] = (((0.0 + e0 * k0[i - one]) + e1 * k1[i]) + e2 * k2[i]) + e3 * k3[i]
                            else:
                                for i in range(i0, i1):
                                    acc_row[i] = 0.0 + e[0] * k0[i - one]
                                for q in range(1, stages):
                                    eq = e[q]
                                    kq = kring[q, slot, comp]
                                    for i in range(i0, i1):
                                        acc_row[i] += eq * kq[i]
                    w_worst = max(w_worst, row_error(acc, runs, offsets[rk], offsets[rk + 1]))
    return w_worst


@numba.njit(cache=True, error_model="numpy", fastmath={"contract"})
def band_stages(m, m_next, k, k_in, k_out, runs, offsets, weight, c, bext, pol, bdl, xi, gamma, alpha, precession, h,
                a, e, lo, hi, yring, kring, acc, zero_row, uniform, upx, upy, upz):
    """One band (padded rows lo..hi) of `runge_kutta_bands` for Dormand-Prince (7 stages): returns the band's max
    |sum_r e[r] k[r]|^2 (inf if non-finite); yring, kring (7, RING, 3, nx + 2) and acc (3, nx + 2) are the band's
    own. With `uniform` the static field is 0 and the polarisation (upx, upy, upz) on every magnetic cell: given as
    numbers, not read."""
    pre = -gamma / (1.0 + alpha * alpha)
    prec = 1.0 if precession else 0.0
    ny = m.shape[1]
    stages = a.shape[0]
    one = np.uint64(1)
    mask = np.uint64(RING - 1)
    w_worst = 0.0
    for w in range(lo - HALO, hi + HALO + 1):
        for s in range(1, stages):
            # Stage sum y_s of row ry.
            ry = w - s + 1
            if max(1, lo - (HALO + 1 - s)) <= ry <= min(ny, hi + (HALO + 1 - s)):
                row = yring[s, np.uint64(ry) & mask]
                row[:] = 0.0
                jm = np.uint64(ry - 1)
                slot = np.uint64(ry) & mask
                # y = m + h sum_{q < s} a[s, q] k_q in one pass, the terms added in the order q = 0, 1, ... as
                # `runge_kutta_stages` adds them (a zero coefficient, which `runge_kutta_stages` skips, adds
                # 0 * k here: the same y, k being finite).
                c0, c1, c2 = h * a[s, 0], h * a[s, 1], h * a[s, 2]
                c3, c4, c5 = h * a[s, 3], h * a[s, 4], h * a[s, 5]
                for comp in range(np.uint64(3)):
                    k0 = k[k_in, comp, jm]
                    k1 = kring[1, slot, comp]
                    k2 = kring[2, slot, comp]
                    k3 = kring[3, slot, comp]
                    k4 = kring[4, slot, comp]
                    k5 = kring[5, slot, comp]
                    mrow = m[comp, jm]
                    out_row = row[comp]
                    for r in range(offsets[ry], offsets[ry + 1]):
                        i0, i1 = runs[r, 1], runs[r, 2]
                        if s == 1:
                            for i in range(i0, i1):
                                out_row[i] = mrow[i - one] + c0 * k0[i - one]
                        elif s == 2:
                            for i in range(i0, i1):
                                out_row[i] = (mrow[i - one] + c0 * k0[i - one]) + c1 * k1[i]
                        elif s == 3:
                            for i in range(i0, i1):
                                out_row[i] = ((mrow[i - one] + c0 * k0[i - one]) + c1 * k1[i]) + c2 * k2[i]
                        elif s == 4:
                            for i in range(i0, i1):
                                out_row[i] = (((mrow[i - one] + c0 * k0[i - one]) + c1 * k1[i]) + c2 * k2[i]
                                              + c3 * k3[i])
                        elif s == 5:
                            for i in range(i0, i1):
                                out_row[i] = ((((mrow[i - one] + c0 * k0[i - one]) + c1 * k1[i]) + c2 * k2[i]
                                               + c3 * k3[i]) + c4 * k4[i])
                        else:
                            for i in range(i0, i1):
                                out_row[i] = (((((mrow[i - one] + c0 * k0[i - one]) + c1 * k1[i]) + c2 * k2[i]
                                                + c3 * k3[i]) + c4 * k4[i]) + c5 * k5[i])
                if s == stages - 1 and lo <= ry <= hi:
                    store_normalised(row, runs, offsets[ry], offsets[ry + 1], m_next, ry - 1)
            # Derivative k_s of row rk.
            rk = w - s
            if max(1, lo - (HALO - s)) <= rk <= min(ny, hi + (HALO - s)):
                derivative_row(yring[s], kring[s, np.uint64(rk) & mask], rk, ny, zero_row, weight, offsets, runs, c,
                               bext, pol, bdl, xi, pre, prec, alpha, uniform, upx, upy, upz)
                j = np.uint64(rk)
                jm = j - one
                if s == stages - 1 and lo <= rk <= hi:
                    # The last stage: k[6] out, and the error estimate of the row.
                    # (sum_r e[r] k_r, the terms in the order r = 0, 1, ... of `runge_kutta_stages`; a zero e[r]
                    # adds 0 * k_r, which changes nothing where `runge_kutta_stages` skips it).
                    slot = j & mask
                    e0, e1, e2, e3, e4, e5, e6 = e[0], e[1], e[2], e[3], e[4], e[5], e[6]
                    for comp in range(np.uint64(3)):
                        k0 = k[k_in, comp, jm]
                        k1, k2, k3 = kring[1, slot, comp], kring[2, slot, comp], kring[3, slot, comp]
                        k4, k5, k6 = kring[4, slot, comp], kring[5, slot, comp], kring[6, slot, comp]
                        k_last = k[k_out, comp, jm]
                        acc_row = acc[comp]
                        for r in range(offsets[rk], offsets[rk + 1]):
                            for i in range(runs[r, 1], runs[r, 2]):
                                k_last[i - one] = k6[i]
                            for i in range(runs[r, 1], runs[r, 2]):
                                im = i - one
                                acc_row[i] = ((((((0.0 + e0 * k0[im]) + e1 * k1[i]) + e2 * k2[i]) + e3 * k3[i])
                                               + e4 * k4[i]) + e5 * k5[i]) + e6 * k6[i]
                    w_worst = max(w_worst, row_error(acc, runs, offsets[rk], offsets[rk + 1]))
    return w_worst

