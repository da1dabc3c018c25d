"""Device geometry: the film outline, its electrodes and exits, and the synapse's effective area.

A geometry is a simple polygon of magnetic film (metres, counter-clockwise), a list of electrodes (polygons
lying on the film, held at a fixed potential when a pulse is applied: they feed the current in and out) and an
effective area (circle or rectangle) whose reversed magnetisation is what the readout sees. Film edges that
open into a contact pad or a long lead are marked as exits: a skyrmion crossing one has left the device.

The particle kernels need plain arrays; `edge_arrays()` packs the outline as segments with their inward
normals and exit flags.
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

from skybench.errors import ParameterError, check_positive


@dataclasses.dataclass(frozen=True)
class Circle:
    """A circular region (the Hall cross's effective area)."""

    cx: float
    """Centre x (m)."""
    cy: float
    """Centre y (m)."""
    radius: float
    """Radius (m)."""

    @property
    def area(self) -> float:
        """Area (m^2)."""
        return math.pi * self.radius**2

    def contains(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return (x - self.cx) ** 2 + (y - self.cy) ** 2 <= self.radius**2

    def as_array(self) -> np.ndarray:
        """Kernel form: [kind=0, cx, cy, radius, 0]."""
        return np.array([0.0, self.cx, self.cy, self.radius, 0.0])


@dataclasses.dataclass(frozen=True)
class Rectangle:
    """An axis-aligned rectangle (the chamber)."""

    x0: float
    """Left edge (m)."""
    y0: float
    """Bottom edge (m)."""
    x1: float
    """Right edge (m)."""
    y1: float
    """Top edge (m)."""

    @property
    def area(self) -> float:
        """Area (m^2)."""
        return (self.x1 - self.x0) * (self.y1 - self.y0)

    def contains(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return (x >= self.x0) & (x <= self.x1) & (y >= self.y0) & (y <= self.y1)

    def as_array(self) -> np.ndarray:
        """Kernel form: [kind=1, x0, y0, x1, y1]."""
        return np.array([1.0, self.x0, self.y0, self.x1, self.y1])

    def polygon(self) -> np.ndarray:
        return np.array([[self.x0, self.y0], [self.x1, self.y0], [self.x1, self.y1], [self.x0, self.y1]])


@dataclasses.dataclass(frozen=True)
class Electrode:
    """A metal contact on the film: an equipotential while a pulse flows."""

    name: str
    """Terminal name (e.g. "A" or "A'")."""
    polygon: np.ndarray
    """Outline (m), shape (n, 2)."""
    potential: float
    """Potential during a unit pulse (dimensionless: +1 source, 0 drain)."""


@dataclasses.dataclass(frozen=True)
class Geometry:
    """Film outline, electrodes, exits and effective area of one device."""

    name: str
    """Name used in reports."""
    outline: np.ndarray
    """Film polygon (m), shape (n, 2), counter-clockwise, not closed (last vertex != first)."""
    exits: tuple[int, ...]
    """Indices i of outline edges (vertex i -> i+1) that open into a contact or lead (skyrmions leave)."""
    electrodes: tuple[Electrode, ...]
    """Current contacts; at least one at potential 1 and one at 0."""
    effective_area: Circle | Rectangle
    """Region the readout integrates over."""
    nominal_width: float
    """Width across which the nominal current density is defined (m): j = I / (nominal_width * thickness)."""
    grid_step: float
    """Cell size of the raster used for the current-flow solution (m)."""

    def __post_init__(self):
        outline = np.asarray(self.outline, dtype=float)
        if outline.ndim != 2 or outline.shape[1] != 2 or len(outline) < 3:
            raise ParameterError("outline", outline.shape, "an (n >= 3, 2) array of vertices")
        if _signed_area(outline) <= 0:
            raise ParameterError("outline", "clockwise", "counter-clockwise vertices")
        for index in self.exits:
            if not 0 <= index < len(outline):
                raise ParameterError("exits", index, f"edge indices in [0, {len(outline) - 1}]")
        check_positive("nominal_width", self.nominal_width, "m")
        check_positive("grid_step", self.grid_step, "m")
        potentials = {e.potential for e in self.electrodes}
        if not {0.0, 1.0} <= potentials:
            raise ParameterError("electrodes", sorted(potentials), "at least one at potential 1 and one at 0")

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax) of the film (m)."""
        return (float(self.outline[:, 0].min()), float(self.outline[:, 1].min()),
                float(self.outline[:, 0].max()), float(self.outline[:, 1].max()))

    def edge_arrays(self) -> np.ndarray:
        """Outline as segments for the kernels: rows [x0, y0, x1, y1, nx, ny, is_exit], n inward unit normal."""
        n = len(self.outline)
        rows = np.zeros((n, 7))
        for i in range(n):
            x0, y0 = self.outline[i]
            x1, y1 = self.outline[(i + 1) % n]
            length = math.hypot(x1 - x0, y1 - y0)
            # Counter-clockwise outline: the interior lies to the left of each edge.
            rows[i] = (x0, y0, x1, y1, -(y1 - y0) / length, (x1 - x0) / length, 1.0 if i in self.exits else 0.0)
        return rows

    def contains(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """True where (x, y) lies inside the film outline."""
        return points_in_polygon(self.outline, np.asarray(x, float), np.asarray(y, float))


def points_in_polygon(polygon: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Crossing-number point-in-polygon test, vectorised over points."""
    inside = np.zeros(np.broadcast(x, y).shape, dtype=bool)
    n = len(polygon)
    for i in range(n):
        xa, ya = polygon[i]
        xb, yb = polygon[(i + 1) % n]
        crosses = (ya > y) != (yb > y)
        with np.errstate(divide="ignore", invalid="ignore"):
            x_cross = xa + (y - ya) * (xb - xa) / (yb - ya)
        inside ^= crosses & (x < x_cross)
    return inside


def _signed_area(polygon: np.ndarray) -> float:
    x, y = polygon[:, 0], polygon[:, 1]
    return 0.5 * float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))
