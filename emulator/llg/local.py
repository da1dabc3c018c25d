"""The fused local right-hand side: all local energy terms and the LLG torque in one pass over the grid.

The energy terms are defined one per file (`exchange.py`, `dmi.py`, ...); their kernels give the reference
field. For speed the LLG right-hand side does not call them one by one: each term that is local and uniform
(exchange, interfacial DMI with its ghost cells, uniaxial anisotropy along z, thin-film demag, a uniform
Zeeman field) contributes its coefficients to one vector (`EnergyTerm.local_coefficients`), and a single
numba kernel evaluates

    B' = B_other + sum of the local fields + B_DL (m x P + xi P),   P = p |j| / j_nominal per cell,
    dm/dt = -gamma / (1 + alpha^2) [ prec m x B' + alpha m x (m x B') ]

per cell, reading m once and writing dm/dt once (memory traffic ~50 B per cell instead of ~400 B for
separate passes). Terms that are not local (full demag) or not uniform (a Zeeman field on a region) are
evaluated by their own `add_field` into B_other. The test `test_llg_local_kernel.py` checks the fused kernel
against the term-by-term sum. m is first copied into an array with a one-cell halo (wrapped on periodic axes)
so that every cell takes the same branch-free loop body, which LLVM vectorises; neighbour presence enters as
0/1 weights, a missing neighbour being replaced by its Robin ghost value (see `dmi.py`). Only the magnetic
cells are visited, as runs along x (`magnetic_runs`), shared among numba's threads (`prange`): each cell is
computed by one thread from the same inputs, so results do not depend on the thread count. The stepper
kernels (`emulator.llg.kernels.runge_kutta_stages`) call the same per-cell function `cell_rhs`.
"""
from __future__ import annotations

import numba
import numpy as np

COEFFICIENTS = ("cx", "cy", "cdx", "cdy", "kx", "ky", "kz", "bx", "by", "bz")
"""Layout of the coefficient vector:
cx, cy   exchange 2A/(Ms dx^2), 2A/(Ms dy^2) (T);
cdx, cdy DMI D/(Ms dx), D/(Ms dy) (T);
kx, ky   Robin ghost factors dx D/2A, dy D/2A (dimensionless);
kz       uniaxial-z anisotropy and thin-film demag, 2Ku/Ms - mu0 Ms (T per unit m_z);
bx..bz   uniform applied field (T)."""
CX, CY, CDX, CDY, KX, KY, KZ, BX, BY, BZ = range(len(COEFFICIENTS))


def empty_coefficients() -> np.ndarray:
    """A zero coefficient vector (see COEFFICIENTS)."""
    return np.zeros(len(COEFFICIENTS))


def padded_weight(mask: np.ndarray, periodic_x: bool, periodic_y: bool) -> np.ndarray:
    """The mask as 0.0/1.0 floats with a one-cell halo: wrapped on periodic axes, 0 elsewhere (ny+2, nx+2)."""
    ny, nx = mask.shape
    weight = np.zeros((ny + 2, nx + 2))
    weight[1:-1, 1:-1] = mask
    if periodic_x:
        weight[1:-1, 0] = mask[:, -1]
        weight[1:-1, -1] = mask[:, 0]
    if periodic_y:
        weight[0, 1:-1] = mask[-1, :]
        weight[-1, 1:-1] = mask[0, :]
    return weight


@numba.njit(cache=True, parallel=True)
def fill_halo(m, runs, periodic_x, periodic_y, padded):
    """Copy m (3, ny, nx) on the magnetic cells (`runs`) into the interior of `padded` (3, ny+2, nx+2), whose
    other cells stay 0, and wrap its halo on periodic axes (`wrap_halo`)."""
    one = np.uint64(1)
    for r in numba.prange(runs.shape[0]):
        j = runs[r, 0]
        for c in range(3):
            for i in range(runs[r, 1], runs[r, 2]):
                padded[c, j, i] = m[c, j - one, i - one]
    wrap_halo(padded, periodic_x, periodic_y)


@numba.njit(cache=True)
def wrap_halo(padded, periodic_x, periodic_y):
    """Copy the opposite edge of the interior into the halo of `padded` (3, ny+2, nx+2) on periodic axes."""
    ny, nx = padded.shape[1] - 2, padded.shape[2] - 2
    for c in range(3):
        if periodic_x:
            for j in range(1, ny + 1):
                padded[c, j, 0] = padded[c, j, nx]
                padded[c, j, nx + 1] = padded[c, j, 1]
        if periodic_y:
            for i in range(1, nx + 1):
                padded[c, 0, i] = padded[c, ny, i]
                padded[c, ny + 1, i] = padded[c, 1, i]


def magnetic_runs(mask: np.ndarray) -> np.ndarray:
    """The magnetic cells as runs along x in padded coordinates: rows (j, i0, i1) of a uint64 array (n_runs, 3),
    mesh cells (j - 1, i - 1) for i0 <= i < i1 magnetic. The kernels loop over these runs only (no work on
    cells outside the magnet) and share them among threads (`numba.prange`); each cell is written by one run,
    so the result does not depend on the number of threads. Unsigned: numba then emits no negative-index
    wrap-around test, which would keep the inner loops from vectorising (2-3x slower)."""
    runs = []
    for j, row in enumerate(np.asarray(mask, dtype=bool)):
        edges = np.flatnonzero(np.diff(np.concatenate(([0], row.astype(np.int8), [0]))))
        runs.extend((j + 1, int(a) + 1, int(b) + 1) for a, b in zip(edges[::2], edges[1::2]))
    return np.array(runs, dtype=np.uint64).reshape(-1, 3)


@numba.njit(cache=True, inline="always", error_model="numpy", fastmath={"contract"})
def cell_rhs(mp, weight, j, i, cx, cy, cdx, cdy, kx, ky, kz, hx, hy, hz, ox, oy, oz, px, py, pz, bdl, xi, pre,
             prec, alpha):
    """dm/dt (1/s) of the cell at padded index (j, i) (uint64; mesh cell (j - 1, i - 1)) from the fused local field
    (coefficients cx..hz, `COEFFICIENTS`, passed as scalars so that the compiler keeps them in registers) plus
    the other field (ox, oy, oz) (T) and the SOT with polarisation (px, py, pz); see `local_rhs`."""
    one = np.uint64(1)
    mx, my, mz = mp[0, j, i], mp[1, j, i], mp[2, j, i]
    ex, ey, ez, we = mp[0, j, i + one], mp[1, j, i + one], mp[2, j, i + one], weight[j, i + one]
    wx, wy, wz, ww = mp[0, j, i - one], mp[1, j, i - one], mp[2, j, i - one], weight[j, i - one]
    nx_, ny_, nz_, wn = mp[0, j + one, i], mp[1, j + one, i], mp[2, j + one, i], weight[j + one, i]
    sx, sy, sz, ws = mp[0, j - one, i], mp[1, j - one, i], mp[2, j - one, i], weight[j - one, i]
    # Effective neighbours: the neighbour if present, else the ghost m + k (n x z) x m.
    ge = 1.0 - we
    exx = we * ex + ge * (mx - kx * mz)
    exz = we * ez + ge * (mz + kx * mx)
    gw = 1.0 - ww
    wxx = ww * wx + gw * (mx + kx * mz)
    wxz = ww * wz + gw * (mz - kx * mx)
    gn = 1.0 - wn
    nyy = wn * ny_ + gn * (my - ky * mz)
    nyz = wn * nz_ + gn * (mz + ky * my)
    gs = 1.0 - ws
    syy = ws * sy + gs * (my + ky * mz)
    syz = ws * sz + gs * (mz - ky * my)
    # Exchange (Neumann) over present neighbours.
    bx = cx * (we * (ex - mx) + ww * (wx - mx)) + cy * (wn * (nx_ - mx) + ws * (sx - mx))
    by = cx * (we * (ey - my) + ww * (wy - my)) + cy * (wn * (ny_ - my) + ws * (sy - my))
    bz = cx * (we * (ez - mz) + ww * (wz - mz)) + cy * (wn * (nz_ - mz) + ws * (sz - mz))
    # DMI: exchange ghost correction (D/(Ms d)) (n x z) x m at missing neighbours, then the
    # central differences (2D/Ms)(d_x m_z, d_y m_z, -d_x m_x - d_y m_y).
    bx += cdx * (gw - ge) * mz + cdx * (exz - wxz)
    by += cdy * (gs - gn) * mz + cdy * (nyz - syz)
    bz += cdx * (ge - gw) * mx + cdy * (gn - gs) * my - cdx * (exx - wxx) - cdy * (nyy - syy)
    # Anisotropy along z with thin-film demag, uniform field, other terms.
    bz += kz * mz + hz + oz
    bx += hx + ox
    by += hy + oy
    return landau_lifshitz(mx, my, mz, bx, by, bz, px, py, pz, bdl, xi, pre, prec, alpha)


@numba.njit(cache=True, inline="always", error_model="numpy", fastmath={"contract"})
def row_rhs(south, centre, north, w_south, w_centre, w_north, i, cx, cy, cdx, cdy, kx, ky, kz, hx, hy, hz, ox, oy,
            oz, px, py, pz, bdl, xi, pre, prec, alpha):
    """`cell_rhs` of cell i (uint64, padded column) of a row given as three padded rows (3, nx + 2) of m (the row
    below, the row, the row above) and their weight rows (nx + 2), for the banded stepper kernel
    (`emulator.llg.kernels.runge_kutta_bands`). The same arithmetic as `cell_rhs`, written out again because
    numba cannot inline a function into an inlined function (a test checks that the two agree bit for bit)."""
    one = np.uint64(1)
    mx, my, mz = centre[0, i], centre[1, i], centre[2, i]
    ex, ey, ez, we = centre[0, i + one], centre[1, i + one], centre[2, i + one], w_centre[i + one]
    wx, wy, wz, ww = centre[0, i - one], centre[1, i - one], centre[2, i - one], w_centre[i - one]
    nx_, ny_, nz_, wn = north[0, i], north[1, i], north[2, i], w_north[i]
    sx, sy, sz, ws = south[0, i], south[1, i], south[2, i], w_south[i]
    # Effective neighbours: the neighbour if present, else the ghost m + k (n x z) x m.
    ge = 1.0 - we
    exx = we * ex + ge * (mx - kx * mz)
    exz = we * ez + ge * (mz + kx * mx)
    gw = 1.0 - ww
    wxx = ww * wx + gw * (mx + kx * mz)
    wxz = ww * wz + gw * (mz - kx * mx)
    gn = 1.0 - wn
    nyy = wn * ny_ + gn * (my - ky * mz)
    nyz = wn * nz_ + gn * (mz + ky * my)
    gs = 1.0 - ws
    syy = ws * sy + gs * (my + ky * mz)
    syz = ws * sz + gs * (mz - ky * my)
    # Exchange (Neumann) over present neighbours.
    bx = cx * (we * (ex - mx) + ww * (wx - mx)) + cy * (wn * (nx_ - mx) + ws * (sx - mx))
    by = cx * (we * (ey - my) + ww * (wy - my)) + cy * (wn * (ny_ - my) + ws * (sy - my))
    bz = cx * (we * (ez - mz) + ww * (wz - mz)) + cy * (wn * (nz_ - mz) + ws * (sz - mz))
    # DMI: exchange ghost correction (D/(Ms d)) (n x z) x m at missing neighbours, then the
    # central differences (2D/Ms)(d_x m_z, d_y m_z, -d_x m_x - d_y m_y).
    bx += cdx * (gw - ge) * mz + cdx * (exz - wxz)
    by += cdy * (gs - gn) * mz + cdy * (nyz - syz)
    bz += cdx * (ge - gw) * mx + cdy * (gn - gs) * my - cdx * (exx - wxx) - cdy * (nyy - syy)
    # Anisotropy along z with thin-film demag, uniform field, other terms.
    bz += kz * mz + hz + oz
    bx += hx + ox
    by += hy + oy
    return landau_lifshitz(mx, my, mz, bx, by, bz, px, py, pz, bdl, xi, pre, prec, alpha)


@numba.njit(cache=True, parallel=True, error_model="numpy", fastmath={"contract"})
def local_rhs(mp, weight, runs, c, other, use_other, gamma, alpha, precession, bdl, pol, xi, out):
    """out = dm/dt (1/s) on the magnetic cells (`runs`, from `magnetic_runs`) with the fused local field plus
    `other` (T) if `use_other`; cells outside the magnet are not written (they hold 0 in every caller's buffer).

    mp: m with a halo (`fill_halo`), weight: `padded_weight`, c: the coefficient vector (COEFFICIENTS),
    pol: spin polarisation times relative current density per cell (3, ny, nx), xi: field-like ratio.
    One branch-free loop body per run (vectorised by LLVM): a missing neighbour (weight 0) is replaced by its
    Robin ghost value. Runs are shared among threads.
    """
    pre = -gamma / (1.0 + alpha * alpha)
    prec = 1.0 if precession else 0.0
    use = 1.0 if use_other else 0.0
    cx, cy, cdx, cdy, kx, ky, kz, hx, hy, hz = c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]
    one = np.uint64(1)
    for r in numba.prange(runs.shape[0]):
        j = runs[r, 0]
        jm = j - one
        for i in range(runs[r, 1], runs[r, 2]):
            im = i - one
            out[0, jm, im], out[1, jm, im], out[2, jm, im] = cell_rhs(
                mp, weight, j, i, cx, cy, cdx, cdy, kx, ky, kz, hx, hy, hz, use * other[0, jm, im],
                use * other[1, jm, im], use * other[2, jm, im], pol[0, jm, im], pol[1, jm, im], pol[2, jm, im],
                bdl, xi, pre, prec, alpha)


@numba.njit(cache=True, inline="always")
def landau_lifshitz(mx, my, mz, bx, by, bz, px, py, pz, bdl, xi, pre, prec, alpha):
    """dm/dt of one cell in Landau-Lifshitz form, the SOT entering as the field bdl (m x p + xi p):
    B' = B + bdl (m x p + xi p);  dm/dt = pre [prec m x B' + alpha m x (m x B')],  pre = -gamma / (1 + alpha^2)."""
    bx += bdl * (my * pz - mz * py + xi * px)
    by += bdl * (mz * px - mx * pz + xi * py)
    bz += bdl * (mx * py - my * px + xi * pz)
    tx = my * bz - mz * by
    ty = mz * bx - mx * bz
    tz = mx * by - my * bx
    dx = my * tz - mz * ty
    dy = mz * tx - mx * tz
    dz = mx * ty - my * tx
    return pre * (prec * tx + alpha * dx), pre * (prec * ty + alpha * dy), pre * (prec * tz + alpha * dz)
