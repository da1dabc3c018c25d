"""A synaptic cell of the crossbar: electrical and geometric parameters (paper, Methods table).

The cell holds what the paper's 'Circuit implementation simulation' table lists (R_on, R_off, read/access/
write voltages and pulse widths, height and width in F, bits and states) and composes a write path
(`SharedWritePath` for 1T1R, `TrackWritePath` for the skyrmion 2T1R). All values SI.

Conductance states: `n_states` levels equally spaced in conductance between G_off = 1/R_off and
G_on = 1/R_on (linear weight-to-conductance mapping of MLP+NeuroSim, nn_chip.md sec. 1 'Weight mapping').
Cell area: A = h w F^2.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from nn.chip.write_path import SharedWritePath, TrackWritePath
from skybench.errors import ParameterError, check_positive, check_range

MAX_CELL_BITS = 8
"""Largest number of bits per cell accepted (dimensionless)."""


@dataclasses.dataclass(frozen=True)
class Cell:
    """One synapse: a memory element with its access transistor(s) and write path."""

    name: str
    """Short name used in reports and as the technology key in chip.json."""
    R_on: float = dataclasses.field(metadata={"unit": "ohm"})
    """Low-resistance (highest-conductance) state of the read element (Ohm)."""
    R_off: float = dataclasses.field(metadata={"unit": "ohm"})
    """High-resistance (lowest-conductance) state of the read element (Ohm); must exceed R_on."""
    V_read: float = dataclasses.field(metadata={"unit": "V"})
    """Read voltage across the cell during sensing (V)."""
    t_read: float = dataclasses.field(metadata={"unit": "s"})
    """Read pulse width: time the read current flows per column conversion (s)."""
    V_access: float = dataclasses.field(metadata={"unit": "V"})
    """Gate voltage of the access (and write) transistors when selected (V)."""
    V_write: float = dataclasses.field(metadata={"unit": "V"})
    """Write pulse amplitude across the write path (V)."""
    t_write: float = dataclasses.field(metadata={"unit": "s"})
    """Write pulse width (s)."""
    height_F: float = dataclasses.field(metadata={"unit": ""})
    """Cell height along the column, in units of F (dimensionless)."""
    width_F: float = dataclasses.field(metadata={"unit": ""})
    """Cell width along the row, in units of F (dimensionless)."""
    cell_bits: int = dataclasses.field(metadata={"unit": ""})
    """Weight bits stored per cell (dimensionless)."""
    n_states: int = dataclasses.field(metadata={"unit": ""})
    """Number of programmable conductance states, at most 2**cell_bits (dimensionless)."""
    write_path: SharedWritePath | TrackWritePath = dataclasses.field(default_factory=SharedWritePath)
    """How the cell is written (composed, see nn.chip.write_path)."""
    source: str = ""
    """Where the numbers come from."""

    def __post_init__(self):
        check_positive("R_on", self.R_on, "Ohm")
        check_positive("R_off", self.R_off, "Ohm")
        if self.R_off <= self.R_on:
            raise ParameterError("R_off", self.R_off, f"> R_on = {self.R_on:g} Ohm")
        check_positive("V_read", self.V_read, "V")
        check_positive("t_read", self.t_read, "s")
        check_positive("V_access", self.V_access, "V")
        check_positive("V_write", self.V_write, "V")
        check_positive("t_write", self.t_write, "s")
        check_positive("height_F", self.height_F, "F")
        check_positive("width_F", self.width_F, "F")
        check_range("cell_bits", self.cell_bits, 1, MAX_CELL_BITS, "bits")
        if int(self.cell_bits) != self.cell_bits:
            raise ParameterError("cell_bits", self.cell_bits, f"an integer in [1, {MAX_CELL_BITS}]")
        if int(self.n_states) != self.n_states or not 2 <= self.n_states <= 2**self.cell_bits:
            raise ParameterError("n_states", self.n_states, f"an integer in [2, 2**cell_bits = {2**self.cell_bits}]")
        self.write_path.check(self)

    @property
    def G_on(self) -> float:
        """On-state conductance (S)."""
        return 1.0 / self.R_on

    @property
    def G_off(self) -> float:
        """Off-state conductance (S)."""
        return 1.0 / self.R_off

    @property
    def on_off_ratio(self) -> float:
        """R_off / R_on (dimensionless); TMR = ratio - 1 for an MTJ read element."""
        return self.R_off / self.R_on

    @property
    def transistors(self) -> int:
        """Transistors per cell: 1 read access transistor plus those of the write path."""
        return 1 + self.write_path.extra_transistors

    @property
    def cell_type(self) -> str:
        """Cell structure label, e.g. '1T1R' or '2T1R'."""
        return f"{self.transistors}T1R"

    def levels(self) -> np.ndarray:
        """The n_states conductances (S), equally spaced from G_off to G_on."""
        return np.linspace(self.G_off, self.G_on, int(self.n_states))

    def area(self, F: float) -> float:
        """Cell area (m^2) at feature size F (m): h w F^2."""
        return self.height_F * self.width_F * F * F
