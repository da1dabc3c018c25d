"""Cell list: skyrmions binned into square cells of the pair cutoff, so pair search costs O(N).

Cells cover the device's bounding box; a skyrmion outside it (crossing an exit) is clamped to the border
cell. `head[c]` is the last skyrmion put in cell c and `nxt[i]` the one before i (-1 ends a chain).
"""
from typing import NamedTuple

import numba


class CellGrid(NamedTuple):
    """Cells of one device type."""

    x0: float
    """Left of the bounding box (m)."""
    y0: float
    """Bottom of the bounding box (m)."""
    size: float
    """Cell size = pair cutoff (m)."""
    nx: int
    """Cells along x."""
    ny: int
    """Cells along y."""


def cell_grid(bounds, cutoff: float) -> CellGrid:
    """The grid over bounds (xmin, ymin, xmax, ymax) (m) with cells of `cutoff` (m)."""
    xmin, ymin, xmax, ymax = (float(b) for b in bounds)
    return CellGrid(xmin, ymin, float(cutoff), max(1, int((xmax - xmin) / cutoff) + 1),
                    max(1, int((ymax - ymin) / cutoff) + 1))


@numba.njit(cache=True, inline="always")
def cell_of(grid, x, y):
    """(cx, cy) of the cell holding (x, y), clamped to the grid."""
    cx = min(max(int((x - grid.x0) / grid.size), 0), grid.nx - 1)
    cy = min(max(int((y - grid.y0) / grid.size), 0), grid.ny - 1)
    return cx, cy


@numba.njit(cache=True, inline="always")
def build(grid, x, y, count, head, nxt):
    """Bin skyrmions 0 .. count - 1 at (x, y) (rows of one device)."""
    head[:] = -1
    for i in range(count):
        cx, cy = cell_of(grid, x[i], y[i])
        c = cy * grid.nx + cx
        nxt[i] = head[c]
        head[c] = i
