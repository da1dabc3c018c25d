"""The magnetic body: which cells of a mesh are magnetic, and their saturation magnetisation.

A `Magnet` is the one object an energy term needs besides the magnetisation itself (like SimPy's
`Environment`, it is passed explicitly). Its `mask` is the rasterised outline: a cell is magnetic when its
centre lies inside the region (any object with `contains(x, y)`, e.g. `emulator.geometry.Geometry`,
`Rectangle`, `Circle`). Outside the mask m = 0 and every field is 0.

`workspace` is a per-magnet cache for things that depend only on the mesh and mask (the demag kernel's
Fourier transform); it belongs to this object, never to a module.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Protocol

import numpy as np

from emulator.llg.mesh import Mesh
from skybench.errors import ParameterError, check_positive


class Region(Protocol):
    """Anything that says which points are inside it."""

    def contains(self, x: np.ndarray, y: np.ndarray) -> np.ndarray: ...


@dataclasses.dataclass(frozen=True, eq=False)
class Magnet:
    """Magnetic cells of a mesh with their saturation magnetisation."""

    mesh: Mesh
    """The grid."""
    mask: np.ndarray
    """Magnetic cells, bool array of shape (ny, nx)."""
    Ms: float
    """Saturation magnetisation (A/m)."""
    workspace: dict[str, Any] = dataclasses.field(default_factory=dict, repr=False, compare=False)
    """Cache of mesh-dependent precomputations (demag kernel), filled on first use."""

    def __post_init__(self):
        check_positive("Ms", self.Ms, "A/m")
        mask = np.ascontiguousarray(self.mask, dtype=np.bool_)
        if mask.shape != self.mesh.shape:
            raise ParameterError("mask", mask.shape, f"an array of the mesh shape {self.mesh.shape}")
        if not mask.any():
            raise ParameterError("mask", "no magnetic cells", "a geometry with at least one magnetic cell")
        object.__setattr__(self, "mask", mask)

    @classmethod
    def full(cls, mesh: Mesh, Ms: float) -> "Magnet":
        """Every cell of `mesh` magnetic."""
        return cls(mesh=mesh, mask=np.ones(mesh.shape, dtype=bool), Ms=Ms)

    @classmethod
    def from_region(cls, mesh: Mesh, region: Region, Ms: float) -> "Magnet":
        """Rasterise `region` on `mesh`: a cell is magnetic when its centre is inside."""
        x, y = mesh.centres()
        return cls(mesh=mesh, mask=np.asarray(region.contains(x, y), dtype=bool), Ms=Ms)

    @property
    def n_cells(self) -> int:
        """Number of magnetic cells (dimensionless)."""
        return int(self.mask.sum())

    @property
    def volume(self) -> float:
        """Magnetic volume (m^3)."""
        return self.n_cells * self.mesh.cell_volume

    def uniform(self, direction=(0.0, 0.0, 1.0)) -> np.ndarray:
        """A magnetisation array (3, ny, nx) equal to the unit vector `direction` on the magnetic cells."""
        d = np.asarray(direction, dtype=float)
        norm = float(np.linalg.norm(d))
        if d.shape != (3,) or norm == 0.0:
            raise ParameterError("direction", tuple(d.ravel()), "a non-zero 3-vector")
        m = np.zeros((3,) + self.mesh.shape)
        m[:, self.mask] = (d / norm)[:, None]
        return m

    def normalise(self, m: np.ndarray) -> np.ndarray:
        """Scale m to unit length on magnetic cells and zero elsewhere (in place; returns m)."""
        norm = np.sqrt(np.sum(m * m, axis=0))
        norm[~self.mask] = 1.0
        norm[norm == 0.0] = 1.0
        m /= norm
        m[:, ~self.mask] = 0.0
        return m
