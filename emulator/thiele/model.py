"""A complete particle model of one device type: material, geometry, forces, births, deaths, radius law.

`ThieleModel.kernel_model()` turns it into the record the kernel reads (SI floats, arrays and the tuples of
force-law records). The gyrocoupling and the dissipation prefactor follow from the material (physics.md
section 1):

    G = 4 pi |Q| s_net t_m * sign,        alpha D(R) = alpha s_tot t_m * pi int (th'^2 + sin^2 th / r^2) r dr,

with s_net = Ms / gamma the net spin density, s_tot = s_net / (angular-momentum ratio) (ferrimagnets: the
gyrocoupling is set by the small net angular momentum, the dissipation by the total), t_m the summed magnetic
thickness, and `sign` fixing the sense of the skyrmion Hall deflection (pinned by a test).
"""
from __future__ import annotations

import dataclasses
import functools
import math
from typing import NamedTuple

import numpy as np

from emulator import current_flow
from emulator.current_flow import CURRENT_MODES, CurrentMap
from emulator.geometry import Geometry
from emulator.material import Material
from emulator.thiele import term
from emulator.thiele.cell_list import CellGrid, cell_grid
from emulator.thiele.edge_field_grid import distance_lists, is_tabulable, tabulate
from emulator.thiele.field_table import FieldTable
from emulator.thiele.force_field import ForceField
from emulator.thiele.lifecycle import Annihilation, AnnihilationRecord
from emulator.thiele.nucleation import Nucleation, NucleationRecord
from emulator.thiele.outline import segments_by_cell, with_segment_vectors
from emulator.thiele.step import INTEGRATORS, StepRecord
from skybench.errors import check_choice, check_positive


EDGE_GUARD_MARGIN = 2.0
"""The edge pass visits the segments within the edge laws' reach or within this many times the largest distance
the lifecycle compares to the outline, whichever is farther (KernelModel.edge_index): beyond both a segment
changes no force and no comparison (dimensionless)."""


DISTANCE_CELLS = 128
"""Most cells along the longer side of the bounding box in the lists of segments the kernel measures distances
to where the edge table serves (KernelModel.distance_grid): they keep the Python build of the lists short on a
large outline (dimensionless)."""
DISTANCE_CELL_FRACTION = 0.25
"""Side of those cells as a fraction of the lifecycle's guard (dimensionless), unless DISTANCE_CELLS makes them
larger. A list holds the segments within the guard of its cell, so a smaller cell visits fewer segments beyond
the guard, whose distances no comparison reads (chamber fig4b: a quarter of the guard, 8.4 nm cells)."""
EDGE_FIELDS = ("grid", "direct")
"""How the kernel evaluates edge laws of position alone (StepControl.edge_field)."""


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
    integrator: str = "euler"
    """'euler' (first order, one force evaluation per step) or 'heun' (second order, two), emulator/thiele/step.py;
    Heun holds the accuracy of a smaller displacement cap (benchmarks/step_convergence.py)."""
    relaxation_integrator: str | None = None
    """The integrator while no current flows (None: `integrator`). Relaxation between pulses follows smooth pair
    and edge forces, where a second-order step holds its accuracy over a longer displacement."""
    relaxation_displacement: float | None = None
    """Largest displacement of any skyrmion in one step while no current flows (m; None: `max_displacement`)."""
    edge_field: str = "grid"
    """How the kernel evaluates edge laws of position alone (`EDGE_FIELDS`): 'grid', read from a table of their
    summed force over the outline where it is within 1e-3 F0 of the direct sum, per segment elsewhere
    (emulator/thiele/edge_field_grid.py; traces differ from 'direct' within that accuracy), or 'direct', per
    segment everywhere (the reference). Other edge laws are always evaluated per segment."""

    def __post_init__(self):
        check_choice("integrator", self.integrator, tuple(INTEGRATORS))
        check_choice("edge_field", self.edge_field, EDGE_FIELDS)
        if self.relaxation_integrator is not None:
            check_choice("relaxation_integrator", self.relaxation_integrator, tuple(INTEGRATORS))
        check_positive("max_displacement", self.max_displacement, "m")
        if self.relaxation_displacement is not None:
            check_positive("relaxation_displacement", self.relaxation_displacement, "m")

    @property
    def largest_displacement(self) -> float:
        """The larger of the two displacement caps (m): what one step can move a skyrmion by, driven or not."""
        return max(self.max_displacement, self.relaxation_displacement or 0.0)

    def record(self, gyrocoupling: float, dissipation_factor: float) -> StepRecord:
        """The kernel record, with the Thiele coefficients G (kg/s) and alpha s_tot t_m (kg/s)."""
        relax = self.relaxation_integrator or self.integrator
        return StepRecord(gyrocoupling, dissipation_factor, self.max_displacement, self.max_step,
                          INTEGRATORS[self.integrator], self.relaxation_displacement or self.max_displacement,
                          INTEGRATORS[relax], self.largest_displacement)


class KernelModel(NamedTuple):
    """What the kernel reads of a ThieleModel (SI floats and arrays)."""

    table: np.ndarray
    """Field table in kernel form (FieldTable.array)."""
    edges: np.ndarray
    """Outline segments with their vectors (outline.with_segment_vectors)."""
    area: np.ndarray
    """Effective area (as_array)."""
    current_x0: float
    """Current map origin x (m)."""
    current_y0: float
    """Current map origin y (m)."""
    current_step: float
    """Current map raster step (m)."""
    current_jx: np.ndarray
    """Unit current density x on the raster (dimensionless)."""
    current_jy: np.ndarray
    """Unit current density y on the raster (dimensionless)."""
    grid: CellGrid
    """Cell list grid; its cell size is the pair cutoff."""
    edge_first: np.ndarray
    """Per cell of the grid (and one entry for a skyrmion off it), where its outline segments start in
    edge_index (outline.segments_by_cell)."""
    edge_index: np.ndarray
    """Outline segments within EDGE_GUARD of each cell, cell after cell (int)."""
    step: StepRecord
    """Thiele coefficients and step control."""
    min_radius: float
    """Collapse radius (m)."""
    reach: float
    """Largest reach of the edge laws (m); 0 without any."""
    edge_grid: tuple
    """The edge laws' summed force as a table (edge_field_grid.EdgeFieldGrid), or empty: per segment only.
    Where the table does not serve a point, the kernel evaluates `edge_laws` per segment."""
    distance_grid: CellGrid
    """Cells of the lists of segments whose distances the kernel measures where the table serves (forces.edge):
    as small as the lifecycle's guard (at most DISTANCE_CELLS along the longer side); `grid` without a table."""
    distance_first: np.ndarray
    """Per cell of distance_grid (and one entry off it), where its segments start in distance_index."""
    distance_index: np.ndarray
    """Outline segments within the lifecycle's guard (EDGE_GUARD_MARGIN times the largest distance it compares)
    of each cell of distance_grid, cell after cell (int); edge_index without a table."""
    annihilation: AnnihilationRecord
    nucleation: NucleationRecord
    local_before: tuple
    """Local-force records composed before the first edge law."""
    local_after: tuple
    """Local-force records composed after it."""
    edge_laws: tuple
    pair_laws: tuple
    friction: tuple
    """The friction record, or empty."""
    heating: tuple
    """The heating record, or empty."""
    noise: tuple
    """The Langevin record, or empty."""


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
    current: str = "flow"
    """Current distribution (`emulator.current_flow.CURRENT_MODES`): 'flow', the Laplace solution of the
    outline, or 'uniform', the nominal density along +x everywhere (OOMMF's uniform spin-Hall current)."""

    def __post_init__(self):
        check_choice("current", self.current, CURRENT_MODES)

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
        return current_flow.current_map(self.geometry, self.current)

    def kernel_model(self) -> KernelModel:
        """The kernel record of this model."""
        records = self.forces.records()
        by_role = {role: tuple(r for r in records if r.ROLE == role) for role in term.ROLES}
        first_edge = next((k for k, r in enumerate(records) if r.ROLE == term.EDGE), len(records))
        local_before = tuple(r for r in records[:first_edge] if r.ROLE == term.LOCAL)
        local_after = tuple(r for r in records[first_edge:] if r.ROLE == term.LOCAL)
        edge_laws = by_role[term.EDGE]
        cur = self.current_map
        a = self.annihilation
        grid = cell_grid(self.geometry.bounds, self.step.cutoff)
        edges = with_segment_vectors(self.geometry.edge_arrays())
        reach = max((r.reach for r in edge_laws), default=0.0)
        # Every distance the kernel compares to the outline: the edge laws' reach, a crossing within one step
        # (lifecycle: 2 max_displacement before the move; Heun's second stage looks from the predicted position),
        # the expulsion distance (edge_expulsion * R_eq, or R_eq + edge_escape_gap), and where an edge still
        # squeezes a skyrmion (the edge laws' squeeze_reach: the lifecycle reads the squeeze from `near`).
        compared = max(EDGE_GUARD_MARGIN * max(2.0 * self.step.largest_displacement,
                                                a.expulsion_distance(float(np.max(self.table.radius)))),
                       max((r.squeeze_reach for r in edge_laws if hasattr(r, "squeeze_reach")), default=0.0))
        edge_first, edge_index = segments_by_cell(edges, grid, max(reach, compared))
        tabulated = self.step.edge_field == "grid" and is_tabulable(edge_laws)
        edge_grid = (tabulate(edge_laws, edges, reach),) if tabulated else ()
        distance_grid, distance_first, distance_index = grid, edge_first, edge_index
        if tabulated:  # where the table serves, the pass only measures distances: the lifecycle's guard is enough
            xmin, ymin, xmax, ymax = (float(b) for b in self.geometry.bounds)
            distance_grid = cell_grid(self.geometry.bounds, max(DISTANCE_CELL_FRACTION * compared,
                                                                max(xmax - xmin, ymax - ymin) / DISTANCE_CELLS))
            distance_first, distance_index = distance_lists(edges, distance_grid, compared)
        return KernelModel(
            table=self.table.array(), edges=edges,
            area=self.geometry.effective_area.as_array(), current_x0=float(cur.x0), current_y0=float(cur.y0),
            current_step=float(cur.step), current_jx=cur.jx, current_jy=cur.jy,
            grid=grid, edge_first=edge_first, edge_index=edge_index,
            step=self.step.record(self.gyrocoupling, self.dissipation_factor),
            min_radius=self.step.min_radius, reach=reach, edge_grid=edge_grid, distance_grid=distance_grid,
            distance_first=distance_first, distance_index=distance_index,
            annihilation=a.record(),
            nucleation=self.nucleation.record(a.attempt_frequency, a.reference_field, a.barrier_spread),
            local_before=local_before, local_after=local_after, edge_laws=edge_laws,
            pair_laws=by_role[term.PAIR], friction=by_role[term.FRICTION], heating=by_role[term.HEATING],
            noise=by_role[term.NOISE])
