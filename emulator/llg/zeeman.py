"""Zeeman energy of an applied field, uniform or confined to a region, constant or pulsed.

Energy density (J/m^3) and effective field (T):

    e_z = -Ms m . B_ext(t),           B_z = B_ext(t) = s(t) B  inside the region, 0 outside,

with B the applied flux density (T) and s(t) a dimensionless waveform (`emulator.llg.waveform`). The paper's
chamber run uses a uniform Bz = 200 mT plus a square-wave local field on the left terminal that promotes
nucleation (Methods); the second is a `Zeeman` with a `region` and a `label` (terms are unique by name).
"""
from __future__ import annotations

import dataclasses

import numba
import numpy as np

from emulator.llg import local
from emulator.llg.term import EnergyTerm
from emulator.llg.waveform import Constant, Waveform
from skybench.errors import ParameterError, check_finite

MAX_FIELD_T = 100.0
"""Largest applied field accepted (T); beyond this the parameter is almost certainly in the wrong unit."""


@dataclasses.dataclass(frozen=True, eq=False)
class Zeeman(EnergyTerm):
    """Applied field B s(t), optionally only inside `region`."""

    B: tuple[float, float, float]
    """Applied flux density mu0 H (T), vector."""
    waveform: Waveform = Constant(1.0)
    """Dimensionless time factor s(t)."""
    region: object = None
    """Where the field acts: None (everywhere), a bool array (ny, nx), or an object with contains(x, y)."""
    label: str = ""
    """Distinguishes several Zeeman terms (name 'zeeman:<label>')."""

    def __post_init__(self):
        B = tuple(check_finite("B", b, "T") for b in self.B)
        if len(B) != 3:
            raise ParameterError("B", self.B, "a 3-vector in tesla")
        if max(abs(b) for b in B) > MAX_FIELD_T:
            raise ParameterError("B", self.B, f"components within [-{MAX_FIELD_T:g}, {MAX_FIELD_T:g}] T")
        object.__setattr__(self, "B", B)

    @property
    def name(self):
        return f"zeeman:{self.label}" if self.label else "zeeman"

    def cells(self, magnet) -> np.ndarray:
        """Bool array (ny, nx) of the magnetic cells the field acts on."""
        if self.region is None:
            return magnet.mask
        key = ("zeeman-region", self.name, id(self.region))
        if key not in magnet.workspace:
            if isinstance(self.region, np.ndarray):
                region = np.asarray(self.region, dtype=bool)
                if region.shape != magnet.mesh.shape:
                    raise ParameterError("region", region.shape, f"the mesh shape {magnet.mesh.shape}")
            else:
                x, y = magnet.mesh.centres()
                region = np.asarray(self.region.contains(x, y), dtype=bool)
            magnet.workspace[key] = np.ascontiguousarray(region & magnet.mask)
        return magnet.workspace[key]

    def field_at(self, t: float) -> tuple[float, float, float]:
        """B s(t) (T)."""
        s = self.waveform.value(t)
        return (self.B[0] * s, self.B[1] * s, self.B[2] * s)

    def add_field(self, m, out, magnet, t=0.0):
        bx, by, bz = self.field_at(t)
        if bx == 0.0 and by == 0.0 and bz == 0.0:
            return
        zeeman_add_field(self.cells(magnet), bx, by, bz, out)

    def local_coefficients(self, magnet, t, coefficients):
        if self.region is not None:
            return False
        bx, by, bz = self.field_at(t)
        coefficients[local.BX] += bx
        coefficients[local.BY] += by
        coefficients[local.BZ] += bz
        return True

    def add_static_field(self, magnet, t, out):
        self.add_field(None, out, magnet, t)
        return True

    def energy_density(self, m, magnet, t=0.0):
        bx, by, bz = self.field_at(t)
        e = -magnet.Ms * (m[0] * bx + m[1] * by + m[2] * bz)
        return np.where(self.cells(magnet), e, 0.0)

    def max_field(self, magnet):
        return float(np.linalg.norm(self.B))

    def breakpoints(self):
        return self.waveform.breakpoints()


@numba.njit(cache=True)
def zeeman_add_field(cells, bx, by, bz, out):
    """out += (bx, by, bz) on the selected cells."""
    ny, nx = cells.shape
    for j in range(ny):
        for i in range(nx):
            if cells[j, i]:
                out[0, j, i] += bx
                out[1, j, i] += by
                out[2, j, i] += bz


@numba.njit(cache=True)
def zeeman_map_add_field(field, s, out):
    """out += s field (a per-cell field map (3, ny, nx), T)."""
    for c in range(3):
        for j in range(field.shape[1]):
            for i in range(field.shape[2]):
                out[c, j, i] += s * field[c, j, i]
