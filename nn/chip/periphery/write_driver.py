"""Write drivers: per column a pass switch connecting the column's write line to the write-voltage rail.

The switch (NMOS + PMOS pass gate) is sized like the access transistors: its on-resistance is the IR-drop
tolerance of the write path it feeds (`r_switch`, from the subarray). Its gates swing on the rail
V_gate = max(V_dd, V_write) (level-shifted when V_write > V_dd). One operation = one write pulse on one column:
  E = 2 C_g(W) V_gate^2   (NMOS gate charged to switch on, PMOS gate to switch off)
The write line's own charge and current are booked by the subarray from the rail (nn.chip.supply).
Delay: Elmore delay of the switch into the write line (r_line, c_line). Leakage: an off switch blocks V_write.
"""
from __future__ import annotations

import dataclasses

from nn.chip.periphery.block import BlockCost
from nn.chip.technology import Technology, elmore_delay
from skybench.errors import check_positive, check_range

SWITCH_TRANSISTORS = 2
"""Transistors of one pass-gate switch (NMOS + PMOS)."""


@dataclasses.dataclass(frozen=True)
class WriteDriver:
    """`columns` write switches of on-resistance `r_switch` onto lines (r_line, c_line) at `v_write`."""

    columns: int
    """Columns with a write switch."""
    r_switch: float
    """Required on-resistance of each switch (Ohm)."""
    v_write: float
    """Write rail voltage (V)."""
    c_line: float = 0.0
    """Capacitance of the driven write line (F)."""
    r_line: float = 0.0
    """Wire resistance of the driven write line (Ohm)."""

    def __post_init__(self):
        check_range("columns", self.columns, 1, None, "")
        check_positive("r_switch", self.r_switch, "Ohm")
        check_positive("v_write", self.v_write, "V")
        check_range("c_line", self.c_line, 0.0, None, "F")
        check_range("r_line", self.r_line, 0.0, None, "Ohm")

    def cost(self, tech: Technology) -> BlockCost:
        v_gate = max(tech.vdd, self.v_write)
        width = tech.width_for_resistance(self.r_switch, v_gate)
        r_on = tech.on_resistance(width, v_gate)
        return BlockCost(
            area=self.columns * SWITCH_TRANSISTORS * tech.transistor_area(width),
            energy=SWITCH_TRANSISTORS * tech.gate_cap(width) * v_gate**2,
            delay=elmore_delay(r_on, 0.0, self.r_line, self.c_line),
            leakage=self.columns * SWITCH_TRANSISTORS * tech.switch_leakage(width, self.v_write),
            transistors=self.columns * SWITCH_TRANSISTORS,
        )
