"""Max-pooling unit at chip level (paper Fig. 4c lists pooling units; an MLP maps none).

A window of `window` values is reduced by window - 1 comparisons, each a `bits`-bit subtractor (full adders)
and a `bits`-bit pass-gate multiplexer keeping the larger. One operation = one pooled output:
  E = (window - 1) bits (E_FA + E_tg),  delay = (window - 1)(bits + 1) FO4 (ripple compare, then select).
"""
from __future__ import annotations

import dataclasses

from nn.chip.periphery.block import BlockCost
from nn.chip.periphery.gates import FULL_ADDER, TRANSMISSION_GATE
from nn.chip.technology import Technology
from skybench.errors import check_range


@dataclasses.dataclass(frozen=True)
class MaxPool:
    """`count` max-pooling units over `window` values of `bits` bits."""

    bits: int
    """Word width (bits)."""
    window: int
    """Values per pooled output (e.g. 4 for 2x2 pooling)."""
    count: int = 1
    """Parallel units."""

    def __post_init__(self):
        check_range("bits", self.bits, 1, None, "bits")
        check_range("window", self.window, 2, None, "")
        check_range("count", self.count, 1, None, "")

    def cost(self, tech: Technology) -> BlockCost:
        b, comparisons = int(self.bits), int(self.window) - 1
        unit_area = b * (FULL_ADDER.area(tech) + TRANSMISSION_GATE.area(tech))
        unit_leak = b * (FULL_ADDER.leakage(tech) + TRANSMISSION_GATE.leakage(tech))
        return BlockCost(area=self.count * unit_area,
                         energy=comparisons * b * (FULL_ADDER.energy(tech) + TRANSMISSION_GATE.energy(tech)),
                         delay=comparisons * (b + 1) * tech.fo4_delay, leakage=self.count * unit_leak,
                         transistors=self.count * b * (FULL_ADDER.transistors + TRANSMISSION_GATE.transistors))
