"""A complete particle model of one device type: material, geometry, forces, births, deaths, radius law.

`ThieleModel.pack()` turns it into the plain arrays the kernel reads (SI floats). The gyrocoupling and the
dissipation prefactor follow from the material (physics.md section 1):

    G = 4 pi |Q| s_net t_m * sign,        alpha D(R) = alpha s_tot t_m * pi int (th'^2 + sin^2 th / r^2) r dr,

with s_net = Ms / gamma the net spin density, s_tot = s_net / (angular-momentum ratio) (ferrimagnets: the
gyrocoupling is set by the small net angular momentum, the dissipation by the total), t_m the summed magnetic
thickness, and `sign` fixing the sense of the skyrmion Hall deflection (pinned by a test).
"""
from __future__ import annotations

import dataclasses
import functools
import math

import numpy as np

from emulator.current_flow import CurrentMap, solve_current
from emulator.geometry import Geometry
from emulator.material import Material
from emulator.thiele import layout
from emulator.thiele.field_table import FieldTable
from emulator.thiele.force_field import ForceField
from emulator.thiele.lifecycle import Annihilation, Nucleation
from emulator.thiele.pinning import Pinning


@dataclasses.dataclass(frozen=True)
class StepControl:
    """Integration and bookkeeping settings."""

    max_displacement: float
    """Largest displacement of any skyrmion in one step (m)."""
    max_step: float
    """Largest time step (s)."""
    cutoff: float
    """Pair-interaction cutoff, also the cell-list cell size (m)."""
    min_radius: float
    """A skyrmion whose equilibrium radius falls below this has collapsed (m)."""
    capacity: int = 256
    """Most skyrmions tracked per device."""


@dataclasses.dataclass(frozen=True)
class PackedModel:
    """Kernel arrays of a ThieleModel."""

    P: np.ndarray
    table: np.ndarray
    edges: np.ndarray
    area: np.ndarray
    current: CurrentMap
    wells: np.ndarray
    sites: np.ndarray
    bounds: np.ndarray


@dataclasses.dataclass(frozen=True)
class ThieleModel:
    """Everything the particle engine needs for one device type."""

    material: Material
    geometry: Geometry
    forces: ForceField
    nucleation: Nucleation
    annihilation: Annihilation
    table: FieldTable
    step: StepControl
    temperature: float
    """Ambient temperature (K)."""
    hall_sign: int = 1
    """Sense of the skyrmion Hall deflection (+1 or -1)."""

    @property
    def gyrocoupling(self) -> float:
        """Signed G = 4 pi s_net t_m (kg/s)."""
        m = self.material
        return self.hall_sign * 4.0 * math.pi * m.spin_density * m.magnetic_thickness

    @property
    def dissipation_factor(self) -> float:
        """alpha s_tot t_m (kg/s); alpha D = this times the dissipation integral."""
        m = self.material
        return m.alpha * m.total_spin_density * m.magnetic_thickness

    def hall_angle(self, b: float) -> float:
        """Intrinsic skyrmion Hall angle atan(G / alpha D) at field b (rad)."""
        _, d_int, _ = self.table.at(b)
        return math.atan2(self.gyrocoupling, self.dissipation_factor * d_int)

    @functools.cached_property
    def current_map(self) -> CurrentMap:
        return solve_current(self.geometry)

    def pack(self) -> PackedModel:
        P = np.zeros(layout.SIZE)
        P[layout.GYRO] = self.gyrocoupling
        P[layout.DISSIPATION] = self.dissipation_factor
        P[layout.EDGE_XI] = 1e-9
        self.forces.fill(P)
        self.nucleation.fill(P)
        self.annihilation.fill(P)
        P[layout.MAX_DISPLACEMENT] = self.step.max_displacement
        P[layout.MAX_STEP] = self.step.max_step
        P[layout.CUTOFF] = self.step.cutoff
        P[layout.MIN_RADIUS] = self.step.min_radius
        if P[layout.THERMAL_TIME] == 0.0:
            P[layout.THERMAL_TIME] = 1.0
        pinning = self.forces.get(Pinning)
        wells = pinning.well_array() if pinning is not None else np.zeros((0, 4))
        return PackedModel(P=P, table=self.table.array(), edges=self.geometry.edge_arrays(),
                           area=self.geometry.effective_area.as_array(), current=self.current_map,
                           wells=wells, sites=self.nucleation.site_array(),
                           bounds=np.array(self.geometry.bounds))
