"""Accumulator: a ripple adder plus a result register of `width` bits (shift-add and partial-sum adders).

One operation = one addition into the register:
  E = width (delta E_FA + gamma E_DFF),  delay = width t_carry + t_dff  with t_carry = 1 FO4 per bit,
  t_dff = 2 FO4 (ripple carry through all bits, then the register).
A shift-add unit is the same circuit: the shift is wiring. `count` identical units share the cost record.
"""
from __future__ import annotations

import dataclasses

from nn.chip.periphery.block import BlockCost
from nn.chip.periphery.gates import DFF, FULL_ADDER
from nn.chip.technology import Technology
from skybench.errors import check_range

CARRY_FO4 = 1.0
"""Carry delay per bit in FO4 delays (dimensionless)."""
REGISTER_FO4 = 2.0
"""Register setup plus clock-to-q in FO4 delays (dimensionless)."""
MAX_WIDTH = 64
"""Widest accumulator accepted (bits)."""


@dataclasses.dataclass(frozen=True)
class Accumulator:
    """`count` adders of `width` bits, each with its result register."""

    width: int
    """Word width (bits)."""
    count: int = 1
    """Number of identical units (area and leakage scale with it)."""

    def __post_init__(self):
        check_range("width", self.width, 1, MAX_WIDTH, "bits")
        check_range("count", self.count, 1, None, "")

    def cost(self, tech: Technology) -> BlockCost:
        w = int(self.width)
        unit_area = w * (FULL_ADDER.area(tech) + DFF.area(tech))
        unit_leak = w * (FULL_ADDER.leakage(tech) + DFF.leakage(tech))
        return BlockCost(
            area=self.count * unit_area,
            energy=w * (FULL_ADDER.energy(tech) + DFF.energy(tech)),
            delay=(w * CARRY_FO4 + REGISTER_FO4) * tech.fo4_delay,
            leakage=self.count * unit_leak,
            transistors=self.count * w * (FULL_ADDER.transistors + DFF.transistors),
        )
