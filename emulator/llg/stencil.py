"""Neighbour look-up shared by the finite-difference kernels (numba).

`neighbour(i, step, n, periodic)` returns the index of the neighbour of cell i at i + step (step = +-1) on an
axis of n cells, wrapping when periodic, or -1 when it falls off the grid. A neighbour that is on the grid
but outside the magnetic mask is also "missing": the kernels check the mask themselves.
"""
from __future__ import annotations

import numba


@numba.njit(cache=True, inline="always")
def neighbour(i: int, step: int, n: int, periodic: bool) -> int:
    k = i + step
    if k < 0:
        return n - 1 if periodic else -1
    if k >= n:
        return 0 if periodic else -1
    return k
