"""Standard-cell primitives from which the periphery is counted: transistor count, width and activity.

Energy of one operation of a gate: E = a N (C_g + C_d)(W) V_dd^2 (switched capacitance of its N transistors
times the switching activity a). Activities are the DNN+NeuroSim V1.4 calibrated switching activities
(nn_chip.md sec. 2 'Calibration factors'): gamma = 0.5 for flip-flops, delta = 0.15 for adders.
Area: N transistor footprints; leakage: N transistor leakages (see `Technology`).
"""
from __future__ import annotations

import dataclasses

from nn.chip.technology import Technology

DFF_ACTIVITY = 0.5
"""Switching activity of a flip-flop per clock (gamma, DNN+NeuroSim calibration)."""
ADDER_ACTIVITY = 0.15
"""Switching activity of an adder bit per addition (delta, DNN+NeuroSim calibration)."""
LOGIC_ACTIVITY = 0.5
"""Switching activity assumed for decoders, inverters and switches that toggle once per operation."""


@dataclasses.dataclass(frozen=True)
class Gate:
    """A static CMOS primitive counted as N transistors of `width_multiple` times the minimum width."""

    name: str
    """Name of the primitive."""
    transistors: int
    """Transistor count (dimensionless)."""
    activity: float
    """Switching activity per operation (dimensionless)."""
    width_multiple: float = 1.0
    """Transistor width in units of the technology's minimum width (dimensionless)."""

    def width(self, tech: Technology) -> float:
        """Width of each transistor (m)."""
        return self.width_multiple * tech.min_width

    def switched_capacitance(self, tech: Technology) -> float:
        """Total gate plus drain capacitance of the primitive (F)."""
        w = self.width(tech)
        return self.transistors * (tech.gate_cap(w) + tech.drain_cap(w))

    def energy(self, tech: Technology) -> float:
        """Dynamic energy of one operation (J): a C V_dd^2."""
        return self.activity * self.switched_capacitance(tech) * tech.vdd**2

    def area(self, tech: Technology) -> float:
        """Layout area (m^2)."""
        return self.transistors * tech.transistor_area(self.width(tech))

    def leakage(self, tech: Technology) -> float:
        """Static power (W)."""
        return self.transistors * tech.transistor_leakage(self.width(tech))


INVERTER = Gate("inverter", 2, LOGIC_ACTIVITY)
"""Static inverter (1 NMOS + 1 PMOS)."""
NAND2 = Gate("nand2", 4, LOGIC_ACTIVITY)
"""Two-input NAND."""
TRANSMISSION_GATE = Gate("transmission_gate", 2, LOGIC_ACTIVITY)
"""NMOS + PMOS pass gate (minimum size; sized ones are built in the circuits that need them)."""
DFF = Gate("dff", 24, DFF_ACTIVITY)
"""Master-slave D flip-flop built from transmission gates and inverters (24 transistors)."""
FULL_ADDER = Gate("full_adder", 28, ADDER_ACTIVITY)
"""Mirror full adder (28 transistors)."""
COMPARATOR = Gate("comparator", 11, 1.0, width_multiple=4.0)
"""StrongARM latch comparator: 11 transistors at 4x minimum width, fully switching every decision."""
