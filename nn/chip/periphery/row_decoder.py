"""Row decoder: selects one of `rows` word lines for row-by-row writing.

Structure: n = ceil(log2 rows) address bits with true/complement predecode inverters, and per output an
n-input NAND (2n transistors) plus an output inverter (2): N_T = rows (2n + 2) + 2n.
One operation = one decode: on average half the n address lines toggle, each loading rows/2 NAND gates and
a wire running the decoder height; the selected NAND and inverter switch:
  E = (n/2) (rows/2 C_g,min + c_w L) V_dd^2 + (2n + 2)(C_g + C_d)_min V_dd^2.
Delay: (ceil(log2 n) + 2) FO4 (NAND tree depth plus predecode and output stage).
"""
from __future__ import annotations

import dataclasses

from nn.chip.periphery.block import BlockCost
from nn.chip.periphery.gates import LOGIC_ACTIVITY
from nn.chip.technology import Technology, ceil_log2
from skybench.errors import check_range


@dataclasses.dataclass(frozen=True)
class RowDecoder:
    """A one-hot decoder over `rows` outputs laid along a column of height `height` (m)."""

    rows: int
    """Number of decoded outputs."""
    height: float = 0.0
    """Length of the address wires (m): the height of the array it serves."""

    def __post_init__(self):
        check_range("rows", self.rows, 2, None, "")
        check_range("height", self.height, 0.0, None, "m")

    @property
    def address_bits(self) -> int:
        return ceil_log2(self.rows)

    def cost(self, tech: Technology) -> BlockCost:
        n = self.address_bits
        transistors = self.rows * (2 * n + 2) + 2 * n
        w = tech.min_width
        c_min = tech.gate_cap(w) + tech.drain_cap(w)
        c_address = self.rows / 2 * tech.gate_cap(w) + tech.wire_capacitance * self.height
        energy = (LOGIC_ACTIVITY * n * c_address + (2 * n + 2) * c_min) * tech.vdd**2
        return BlockCost(
            area=transistors * tech.transistor_area(w),
            energy=energy,
            delay=(ceil_log2(n) + 2) * tech.fo4_delay,
            leakage=transistors * tech.transistor_leakage(w),
            transistors=transistors,
        )
