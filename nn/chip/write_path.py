"""How a synaptic cell is written: through its memory element (1T1R) or through a separate track (2T1R).

A write path is composed into a `Cell` (composition, not a flag). Both give, for one write pulse of
amplitude V_w and width t_w applied across the path, the energy dissipated in the synaptic element and in the
series write switch, averaged over the transitions between adjacent conductance states.

- `SharedWritePath` (RRAM 1T1R): the write current flows through the memristor and the same access
  transistor used for reading. The element conductance moves from G_i to G_i+-1 during the pulse; as in
  MLP+NeuroSim (nn_chip.md sec. 1, 'Write energy per cell') the pulse is costed at the mean of the energies at
  the two end states:  E = (E(G_i) + E(G_i+1)) / 2, E(G) = I(G)^2 R(G) t_w,  I(G) = V_w / (1/G + R_sw).
  Reading and writing share the current path, so a read voltage at or above the write voltage would disturb
  the state (paper, Discussion): V_read < V_write is required.
- `TrackWritePath` (skyrmion 2T1R, paper Fig. 4a): a write transistor drives current along the skyrmion
  track (resistance R_track, independent of the skyrmion count), while the read transistor senses the MTJ.
  E_dev = I^2 R_track t_w,  I = V_w / (R_track + R_sw). Paths are separate: V_read may exceed V_write.
"""
from __future__ import annotations

import dataclasses
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np

from skybench.errors import ParameterError, check_positive

if TYPE_CHECKING:
    from nn.chip.cell import Cell


@dataclasses.dataclass(frozen=True)
class SharedWritePath:
    """Write through the memory element and its read access transistor (1T1R)."""

    kind: str = "shared"
    """Name of this path in configs and reports."""
    extra_transistors: int = 0
    """Transistors the path adds to the cell beyond the read access transistor."""
    own_lines: bool = False
    """Whether the path has its own write word line and write bit line (it uses the read lines)."""

    def check(self, cell: "Cell") -> None:
        """Raise ParameterError if the cell cannot be written through its read path without disturb."""
        if cell.V_read >= cell.V_write:
            raise ParameterError("V_read", cell.V_read,
                                 f"< V_write = {cell.V_write:g} V for a cell read and written on one path")

    def sizing_resistance(self, cell: "Cell") -> float:
        """Resistance (Ohm) the write switch is sized against: the element's on-state resistance."""
        return cell.R_on

    def pulse_energy(self, cell: "Cell", r_switch: float) -> tuple[float, float]:
        """(element energy J, switch energy J) of one pulse, averaged over adjacent-state transitions."""
        resistance = 1.0 / cell.levels()
        current = cell.V_write / (resistance + r_switch)
        element = current**2 * resistance * cell.t_write
        switch = current**2 * r_switch * cell.t_write
        return float(np.mean(0.5 * (element[1:] + element[:-1]))), float(np.mean(0.5 * (switch[1:] + switch[:-1])))


@dataclasses.dataclass(frozen=True)
class TrackWritePath:
    """Write by a separate transistor driving current along the skyrmion track (2T1R)."""

    R_track: float = dataclasses.field(default=3.0e3, metadata={"unit": "ohm"})
    """Resistance of the skyrmion track between the write terminals (Ohm)."""
    kind: str = "track"
    """Name of this path in configs and reports."""
    extra_transistors: int = 1
    """Transistors the path adds to the cell: the write transistor."""
    own_lines: bool = True
    """Whether the path has its own write word line and write bit line."""

    def __post_init__(self):
        check_positive("R_track", self.R_track, "Ohm")

    def check(self, cell: "Cell") -> None:
        """Separate read and write paths: any positive read and write voltages are admissible."""

    def sizing_resistance(self, cell: "Cell") -> float:
        """Resistance (Ohm) the write transistor is sized against: the track resistance."""
        return self.R_track

    def pulse_energy(self, cell: "Cell", r_switch: float) -> tuple[float, float]:
        """(track energy J, write-transistor energy J) of one pulse: I^2 R t_w with I = V_w/(R_track+R_sw)."""
        current = cell.V_write / (self.R_track + r_switch)
        return current**2 * self.R_track * cell.t_write, current**2 * r_switch * cell.t_write


WRITE_PATHS = MappingProxyType({"shared": SharedWritePath, "track": TrackWritePath})
"""Write-path classes by their config name (read-only)."""
