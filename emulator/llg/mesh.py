"""The finite-difference mesh: one layer of nx x ny cells of size dx x dy x dz.

Cell (j, i) has its centre at x = (i + 1/2) dx, y = (j + 1/2) dy (metres, origin at the lower-left corner
of the grid). Arrays are indexed [component, j, i] for vector fields (shape (3, ny, nx)) and [j, i] for
scalars, as in mumax3's (x, y) cell ordering with y as the slow index.
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

from skybench.errors import ParameterError, check_positive, check_range

MAX_CELLS = 4096 * 4096
"""Largest grid the solver accepts (cells); beyond this one field array exceeds ~400 MB."""


@dataclasses.dataclass(frozen=True)
class Mesh:
    """A single-layer rectangular grid with optional periodic boundaries."""

    nx: int
    """Cells along x (dimensionless)."""
    ny: int
    """Cells along y (dimensionless)."""
    dx: float
    """Cell size along x (m)."""
    dy: float
    """Cell size along y (m)."""
    dz: float
    """Cell size along z, the film thickness (m)."""
    periodic_x: bool = False
    """Wrap neighbours across the x boundaries (no edges along x)."""
    periodic_y: bool = False
    """Wrap neighbours across the y boundaries (no edges along y)."""

    def __post_init__(self):
        check_range("nx", self.nx, 1, None, "cells")
        check_range("ny", self.ny, 1, None, "cells")
        if int(self.nx) != self.nx or int(self.ny) != self.ny:
            raise ParameterError("nx, ny", (self.nx, self.ny), "whole numbers of cells")
        if self.nx * self.ny > MAX_CELLS:
            raise ParameterError("nx * ny", self.nx * self.ny, f"[1, {MAX_CELLS}] cells")
        check_positive("dx", self.dx, "m")
        check_positive("dy", self.dy, "m")
        check_positive("dz", self.dz, "m")

    @classmethod
    def covering(cls, width: float, height: float, cell: float, thickness: float, **periodic) -> "Mesh":
        """The mesh of square cells `cell` (m) that covers a width x height (m) box, rounded to whole cells."""
        check_positive("width", width, "m")
        check_positive("height", height, "m")
        check_positive("cell", cell, "m")
        nx = max(1, int(round(width / cell)))
        ny = max(1, int(round(height / cell)))
        return cls(nx=nx, ny=ny, dx=cell, dy=cell, dz=thickness, **periodic)

    @property
    def shape(self) -> tuple[int, int]:
        """Scalar array shape (ny, nx)."""
        return (self.ny, self.nx)

    @property
    def cell_volume(self) -> float:
        """Volume of one cell, dx dy dz (m^3)."""
        return self.dx * self.dy * self.dz

    @property
    def cell_area(self) -> float:
        """Area of one cell, dx dy (m^2)."""
        return self.dx * self.dy

    @property
    def size(self) -> tuple[float, float]:
        """(width, height) of the grid (m)."""
        return (self.nx * self.dx, self.ny * self.dy)

    @property
    def min_cell(self) -> float:
        """Smaller in-plane cell size (m)."""
        return min(self.dx, self.dy)

    def centres(self) -> tuple[np.ndarray, np.ndarray]:
        """Cell-centre coordinates X, Y (m), each of shape (ny, nx)."""
        x = (np.arange(self.nx) + 0.5) * self.dx
        y = (np.arange(self.ny) + 0.5) * self.dy
        return np.meshgrid(x, y)

    def index_of(self, x: float, y: float) -> tuple[int, int]:
        """(j, i) of the cell containing the point (x, y) (m), clipped to the grid."""
        i = min(self.nx - 1, max(0, int(math.floor(x / self.dx))))
        j = min(self.ny - 1, max(0, int(math.floor(y / self.dy))))
        return j, i
