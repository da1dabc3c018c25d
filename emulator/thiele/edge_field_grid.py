"""The edge force as a table: the summed force of the edge laws of position alone, tabulated over the outline.

An edge law whose record class sets POSITION_ONLY = True (the 'tail_integral' exchange law,
emulator/thiele/exchange_tail.py: its force takes the skyrmion's position, not its radius) gives, for a fixed
outline, a static vector field F(x, y). `tabulate` evaluates the direct per-segment sum (`direct_field`:
outline.edge_pass over every segment) on the nodes of a regular grid of step GRID_STEP decay lengths over the
outline's bounding box, and the kernel reads it back by bicubic interpolation (`lookup`: cubic Lagrange
weights over the 4 x 4 nodes around the point). A grid cell is served by the table only where that is accurate
(`served`):

- its stencil (the 4 x 4 nodes) keeps clear of every closed segment: the field jumps across an edge and has a
  logarithmic singularity at a vertex (the K0 ends of two segments that meet at an angle), which no polynomial
  follows. Conservative test: the stencil's centre lies farther than its half-diagonal from every closed segment;
- at 9 check points in the cell (fractions 1/4, 1/2, 3/4 of its width along each axis; the cubic's error
  peaks mid-cell) the interpolated force is within TOLERANCE / 2 of the direct sum, a factor 2 of margin for
  the points between.

Everywhere else (close to an edge or a vertex, off the table) the kernel evaluates the laws per segment, as the
'direct' mode does everywhere (StepControl.edge_field). Accuracy rule: the force the kernel uses is within
TOLERANCE times the laws' smallest |F0| (with an inner term of opposite sign, the outer one's) of the direct
sum, in vector norm, at every point;
tests/emulator/test_edge_field_grid.py checks it at random points over the chamber, near its closed edges and
its reflex corner tips. The chamber's table (GRID_STEP = 0.25 of the shortest decay length, the inner edge
term's 2.37 nm: 0.59 nm over 255 x 155 nm): 428 x 259 nodes, 1.8 MB of forces (89 % of the cells served; with
the plain exponential of session 5, 1.31 nm steps, 0.38 MB, 87 %), built in ~4 s (`tabulate` is cached on its
inputs in the process and on disk, CACHE_FOLDER: a new process loads it in 0.06 s). Traces are not byte-identical
with the 'direct' mode: the force moves by up to TOLERANCE F0, and the chaotic counts move with it within their
noise (benchmarks/edge_field_counts.py).
"""
from __future__ import annotations

import functools
import hashlib
import math
import os
from pathlib import Path
from typing import NamedTuple

import numba
import numpy as np
from numba.extending import overload

from emulator.thiele.cache import sources_digest
from emulator.thiele.outline import edge_pass, inside_polygon, segments_by_cell

GRID_STEP = 0.25
"""Node spacing of the table in decay lengths of the shortest-ranged law tabulated (dimensionless). On a straight
edge the force decays as F0 e^(-(d - R0)/xi); the cubic's error is about (9/16)/24 (h/xi)^4 F per axis, so
0.25 xi gives 1e-4 F0 where the force is 2.6 F0 (the centre on the edge). Chosen so that the check (TOLERANCE)
passes everywhere but next to the outline."""
TOLERANCE = 1e-3
"""Largest difference (vector norm) between the force the kernel uses and the direct per-segment sum, as a
fraction of the tabulated laws' smallest |F0| (dimensionless). The cells are checked against half of it."""
CHECK_FRACTIONS = (0.25, 0.5, 0.75)
"""Where in a cell, as fractions of the step along each axis, the table is checked when built
(dimensionless)."""


class EdgeFieldGrid(NamedTuple):
    """Kernel record of a tabulated edge field (`tabulate`)."""

    x0: float
    """x of node column 0 (m)."""
    y0: float
    """y of node row 0 (m)."""
    step: float
    """Node spacing (m)."""
    force: np.ndarray
    """Summed edge force at node (row j, column i): force[j, i] = (fx, fy) (N)."""
    served: np.ndarray
    """served[j, i]: the cell between nodes (i, j) and (i + 1, j + 1) is read from the table (bool); the
    others are evaluated per segment."""
    tolerance: float
    """The accuracy the table was checked to, TOLERANCE times the smallest |F0| (N)."""


@numba.njit(cache=True)
def direct_field(edge_laws, reach, edges, px, py):
    """The summed force (N) of `edge_laws` at each point (px[k], py[k]) (m), per segment over every outline
    segment (outline.edge_pass); the radius is passed as 0 (the laws tabulated do not read it)."""
    count = px.shape[0]
    out = np.empty((count, 2))
    visit = np.arange(edges.shape[0])
    for k in range(count):
        fx, fy, _, _ = edge_pass(edge_laws, reach, edges, visit, 0, visit.shape[0], px[k], py[k], 0.0)
        out[k, 0] = fx
        out[k, 1] = fy
    return out


@numba.njit(cache=True, inline="always")
def _weights(t):
    """Cubic Lagrange weights of the nodes -1, 0, 1, 2 at t in [0, 1) (dimensionless)."""
    return (-t * (t - 1.0) * (t - 2.0) / 6.0, 0.5 * (t + 1.0) * (t - 1.0) * (t - 2.0),
            -0.5 * (t + 1.0) * t * (t - 2.0), (t + 1.0) * t * (t - 1.0) / 6.0)


@numba.njit(cache=True, inline="always")
def lookup(g, x, y):
    """(served, fx, fy): the tabulated force (N) at (x, y) (m) by bicubic interpolation, or served False
    (and zeros) where the cell is not served by the table."""
    u = (x - g.x0) / g.step
    v = (y - g.y0) / g.step
    served = g.served
    if not (0.0 <= u < served.shape[1] and 0.0 <= v < served.shape[0]):
        return False, 0.0, 0.0
    i = int(u)
    j = int(v)
    if not served[j, i]:
        return False, 0.0, 0.0
    a0, a1, a2, a3 = _weights(u - i)
    b0, b1, b2, b3 = _weights(v - j)
    f = g.force
    # the four rows j - 1 .. j + 2 summed in order from 0.0 (written out: no loop-carried variables, which
    # numba's inlining of this function into the kernel does not follow)
    fx = 0.0 + b0 * (a0 * f[j - 1, i - 1, 0] + a1 * f[j - 1, i, 0] + a2 * f[j - 1, i + 1, 0] + a3 * f[j - 1, i + 2, 0])
    fy = 0.0 + b0 * (a0 * f[j - 1, i - 1, 1] + a1 * f[j - 1, i, 1] + a2 * f[j - 1, i + 1, 1] + a3 * f[j - 1, i + 2, 1])
    fx += b1 * (a0 * f[j, i - 1, 0] + a1 * f[j, i, 0] + a2 * f[j, i + 1, 0] + a3 * f[j, i + 2, 0])
    fy += b1 * (a0 * f[j, i - 1, 1] + a1 * f[j, i, 1] + a2 * f[j, i + 1, 1] + a3 * f[j, i + 2, 1])
    fx += b2 * (a0 * f[j + 1, i - 1, 0] + a1 * f[j + 1, i, 0] + a2 * f[j + 1, i + 1, 0] + a3 * f[j + 1, i + 2, 0])
    fy += b2 * (a0 * f[j + 1, i - 1, 1] + a1 * f[j + 1, i, 1] + a2 * f[j + 1, i + 1, 1] + a3 * f[j + 1, i + 2, 1])
    fx += b3 * (a0 * f[j + 2, i - 1, 0] + a1 * f[j + 2, i, 0] + a2 * f[j + 2, i + 1, 0] + a3 * f[j + 2, i + 2, 0])
    fy += b3 * (a0 * f[j + 2, i - 1, 1] + a1 * f[j + 2, i, 1] + a2 * f[j + 2, i + 1, 1] + a3 * f[j + 2, i + 2, 1])
    return True, fx, fy


def edge_field(grids, x, y):
    """(served, fx, fy) from the table in `grids` (a tuple of one EdgeFieldGrid, or empty: never served)."""


@overload(edge_field)
def _edge_field(grids, x, y):
    if len(grids) == 0:
        return lambda grids, x, y: (False, 0.0, 0.0)
    return lambda grids, x, y: lookup(grids[0], x, y)


@numba.njit(cache=True)
def _cell_error(g, edge_laws, reach, edges, fractions, i, j):
    """Largest |interpolated - direct| force (N) over the check points of cell (i, j) (fractions of the step
    along each axis), the cell served."""
    px = np.empty(1)
    py = np.empty(1)
    worst = 0.0
    for fy in fractions:
        for fx in fractions:
            px[0] = g.x0 + (i + fx) * g.step
            py[0] = g.y0 + (j + fy) * g.step
            ref = direct_field(edge_laws, reach, edges, px, py)
            _, ix, iy = lookup(g, px[0], py[0])
            worst = max(worst, math.hypot(ix - ref[0, 0], iy - ref[0, 1]))
    return worst


@numba.njit(cache=True)
def _check(g, edge_laws, reach, edges, fractions, limit):
    """Clear served[j, i] for each served cell whose interpolated force misses the direct sum by more than
    `limit` (N) at one of its check points (`_cell_error`); the table's nodes are not changed, so the order in
    which cells are cleared does not matter."""
    served = g.served
    for j in range(served.shape[0]):
        for i in range(served.shape[1]):
            if served[j, i] and _cell_error(g, edge_laws, reach, edges, fractions, i, j) > limit:
                served[j, i] = False


def is_tabulable(edge_laws) -> bool:
    """True if every record in `edge_laws` (at least one) is of a law of position alone (POSITION_ONLY)."""
    return len(edge_laws) > 0 and all(getattr(type(r), "POSITION_ONLY", False) for r in edge_laws)


def tabulate(edge_laws: tuple, edges: np.ndarray, reach: float) -> EdgeFieldGrid:
    """The table of the summed force of `edge_laws` (records of laws of position alone, each with a decay length
    `xi` (m) and a force scale `F0` (N)) over the outline `edges` (outline.with_segment_vectors rows), the laws'
    reach `reach` (m). Cached on its inputs (a batch builds it once per process)."""
    if not is_tabulable(edge_laws):
        raise ValueError("edge_laws: every record must be of a law of position alone (POSITION_ONLY = True)")
    return _tabulate(_ByValue(edge_laws, edges, reach))


def distance_lists(edges: np.ndarray, grid, guard: float) -> tuple[np.ndarray, np.ndarray]:
    """outline.segments_by_cell(edges, grid, guard), cached on its inputs (a fine grid takes 0.3 s in Python)."""
    return _distance_lists(_ByValue(edges, grid, guard))


class _ByValue:
    """Arguments hashed and compared by value, arrays (also inside records) by their bytes, for lru_cache."""

    def __init__(self, *args):
        self.args = args
        self.key = tuple(_key(a) for a in args)

    def __hash__(self):
        return hash(self.key)

    def __eq__(self, other):
        return isinstance(other, _ByValue) and self.key == other.key


def _key(value):
    """A hashable stand-in for `value`: arrays by dtype, shape and bytes; tuples element by element."""
    if isinstance(value, np.ndarray):
        return (str(value.dtype), value.shape, value.tobytes())
    if isinstance(value, tuple):
        return (type(value).__qualname__, tuple(_key(v) for v in value))
    return repr(value)


@functools.lru_cache(maxsize=8)
def _distance_lists(inputs: _ByValue):
    return segments_by_cell(*inputs.args)


CACHE_FOLDER = Path(__file__).parent / "__pycache__"
"""Where built tables are kept on disk (numba's cache folder for this package): a new process (a dask worker, the
next study) loads the chamber's table in milliseconds instead of building it again (~4 s, most of it the check)."""


@functools.lru_cache(maxsize=8)
def _tabulate(inputs: _ByValue) -> EdgeFieldGrid:
    """The table of `inputs` from the disk cache, or built and stored there. The file name is a digest of the
    inputs, of the table's settings and of every source file the build runs (cache.SOURCES), so an edit to
    any of them builds anew; an unreadable or unwritable cache only costs the build."""
    digest = hashlib.sha256(repr((inputs.key, GRID_STEP, TOLERANCE, CHECK_FRACTIONS, sources_digest())).encode())
    path = CACHE_FOLDER / f"edge_field_grid-{digest.hexdigest()[:32]}.npz"
    try:
        with np.load(path) as stored:
            return EdgeFieldGrid(float(stored["x0"]), float(stored["y0"]), float(stored["step"]),
                                 stored["force"], stored["served"], float(stored["tolerance"]))
    except (OSError, KeyError, ValueError):
        pass
    grid = _build(inputs)
    try:
        CACHE_FOLDER.mkdir(exist_ok=True)
        partial = path.with_name(f"{path.stem}.{os.getpid()}.partial.npz")
        np.savez(partial, x0=grid.x0, y0=grid.y0, step=grid.step, force=grid.force, served=grid.served,
                 tolerance=grid.tolerance)
        os.replace(partial, path)
    except OSError:
        pass
    return grid


def _build(inputs: _ByValue) -> EdgeFieldGrid:
    edge_laws, edges, reach = inputs.args
    step = GRID_STEP * min(float(r.xi) for r in edge_laws)
    tolerance = TOLERANCE * min(abs(float(r.F0)) for r in edge_laws)
    xmin = float(min(edges[:, 0].min(), edges[:, 2].min()))
    ymin = float(min(edges[:, 1].min(), edges[:, 3].min()))
    xmax = float(max(edges[:, 0].max(), edges[:, 2].max()))
    ymax = float(max(edges[:, 1].max(), edges[:, 3].max()))
    x0 = xmin - 2.0 * step
    y0 = ymin - 2.0 * step
    nx = int(math.ceil((xmax - x0) / step)) + 3
    ny = int(math.ceil((ymax - y0) / step)) + 3
    gx, gy = np.meshgrid(x0 + step * np.arange(nx), y0 + step * np.arange(ny))
    force = direct_field(edge_laws, reach, edges, gx.ravel(), gy.ravel()).reshape(ny, nx, 2)
    served = np.zeros((ny - 1, nx - 1), dtype=np.bool_)
    # a cell's stencil spans nodes i - 1 .. i + 2: it must exist and keep clear of every closed segment
    cx = x0 + (np.arange(nx - 1) + 0.5) * step
    cy = y0 + (np.arange(ny - 1) + 0.5) * step
    clear = _clearance(edges, *np.meshgrid(cx, cy)) > 1.5 * math.sqrt(2.0) * step
    served[1:ny - 2, 1:nx - 2] = clear[1:ny - 2, 1:nx - 2]
    grid = EdgeFieldGrid(x0, y0, step, np.ascontiguousarray(force), served, tolerance)
    _check(grid, edge_laws, reach, edges, np.array(CHECK_FRACTIONS), 0.5 * tolerance)
    return grid


def _clearance(edges: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Distance (m) from each point (x, y) to the nearest closed segment (exits left out)."""
    best = np.full(x.shape, np.inf)
    for xa, ya, xb, yb, _, _, is_exit, ex, ey, length2 in edges:
        if is_exit != 0.0:
            continue
        s = np.clip(((x - xa) * ex + (y - ya) * ey) / length2, 0.0, 1.0)
        best = np.minimum(best, np.hypot(xa + s * ex - x, ya + s * ey - y))
    return best


def served_fraction(grid: EdgeFieldGrid, edges: np.ndarray, points: np.ndarray) -> float:
    """Share of `points` (rows x, y in m) inside the outline whose cell the table serves (dimensionless)."""
    inside = [inside_polygon(edges, x, y) for x, y in points]
    served = [lookup(grid, x, y)[0] for (x, y), keep in zip(points, inside) if keep]
    return float(np.mean(served)) if served else 0.0
