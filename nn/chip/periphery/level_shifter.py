"""Level shifters: translate a V_dd logic signal to a line voltage above the logic supply.

A cross-coupled level shifter (2 cross-coupled PMOS, 2 input NMOS, an input inverter: 6 transistors at
WIDTH_MULTIPLE times minimum width) per shifted line. One operation = one transition of one line:
  E = C_ls V_high^2,  C_ls = 6 (C_g + C_d)(W);  delay = 2 FO4 (two fighting stages).
Needed only where the line voltage exceeds V_dd (issue 6; DNN+NeuroSim adds one where V_w exceeds its limit,
nn_chip.md sec. 2). Leakage is counted at the high rail.
"""
from __future__ import annotations

import dataclasses

from nn.chip.periphery.block import BlockCost
from nn.chip.technology import Technology
from skybench.errors import check_positive, check_range

TRANSISTORS = 6
"""Transistors of one level shifter (dimensionless)."""
WIDTH_MULTIPLE = 2.0
"""Transistor width in units of the minimum width (dimensionless)."""
STAGES = 2
"""Logic stages in the delay path (dimensionless)."""


@dataclasses.dataclass(frozen=True)
class LevelShifter:
    """`lines` level shifters to `v_high`."""

    lines: int
    """Number of shifted lines."""
    v_high: float
    """Output (high-rail) voltage (V)."""

    def __post_init__(self):
        check_range("lines", self.lines, 1, None, "")
        check_positive("v_high", self.v_high, "V")

    def cost(self, tech: Technology) -> BlockCost:
        w = WIDTH_MULTIPLE * tech.min_width
        c_internal = TRANSISTORS * (tech.gate_cap(w) + tech.drain_cap(w))
        return BlockCost(
            area=self.lines * TRANSISTORS * tech.transistor_area(w),
            energy=c_internal * self.v_high**2,
            delay=STAGES * tech.fo4_delay,
            leakage=self.lines * TRANSISTORS * tech.transistor_leakage(w) * self.v_high / tech.vdd,
            transistors=self.lines * TRANSISTORS,
        )


def needs_level_shifter(voltage: float, tech: Technology) -> bool:
    """True when a line at `voltage` (V) is above the logic supply and needs a level shifter."""
    return voltage > tech.vdd
