"""Drivers of array lines (word lines, write bit lines): one tapered inverter chain per line.

Sizing: the chain starts at a minimum inverter (input capacitance C_in = (1 + PMOS_RATIO) C_g,min) and grows
by the fan-out f = FANOUT per stage until its last stage drives the line with a fan-out of at most f:
N = max(1, ceil(log_f(C_line / C_in))), stage i has NMOS width W_min f^i and PMOS width PMOS_RATIO times that.
One operation = one line switched on and off again:
  E = C_line V_line V_rail + sum_{i<N} (C_g + C_d)(stage i) V_dd^2,
the line charged to V_line from the rail V_rail = max(V_dd, V_line) (nn.chip.supply) and the chain internals at
V_dd. The last stage is a full-swing CMOS stage on the rail; lines below V_dd driven through a switch from a
regulated rail are `WriteDriver`s instead. Delay: N - 1 FO4 delays for the chain plus the Elmore delay of the
last stage into the line (technology module). Leakage of the last stage scales with the rail voltage.
"""
from __future__ import annotations

import dataclasses
import math

from nn.chip.periphery.block import BlockCost
from nn.chip.technology import Technology, elmore_delay
from skybench.errors import check_positive, check_range

FANOUT = 4.0
"""Stage-to-stage width ratio of the tapered inverter chain (dimensionless)."""
PMOS_RATIO = 2.0
"""PMOS over NMOS width in an inverter, for equal rise and fall (dimensionless)."""


@dataclasses.dataclass(frozen=True)
class LineDriver:
    """`lines` identical drivers, each switching one line of capacitance c_line to v_line."""

    lines: int
    """Number of lines driven, one driver each."""
    c_line: float
    """Capacitance of one line including its gate/drain loads (F)."""
    r_line: float
    """Wire resistance of one line (Ohm)."""
    v_line: float
    """Voltage the line swings to (V)."""

    def __post_init__(self):
        check_range("lines", self.lines, 1, None, "")
        check_positive("c_line", self.c_line, "F")
        check_range("r_line", self.r_line, 0.0, None, "Ohm")
        check_positive("v_line", self.v_line, "V")

    def stage_widths(self, tech: Technology) -> list[float]:
        """NMOS widths (m) of the chain stages, smallest first."""
        ratio = self.c_line / ((1 + PMOS_RATIO) * tech.min_gate_cap)
        stages = max(1, math.ceil(math.log(ratio, FANOUT))) if ratio > 1 else 1
        return [tech.min_width * FANOUT**i for i in range(stages)]

    def cost(self, tech: Technology) -> BlockCost:
        widths = self.stage_widths(tech)
        v_rail = max(tech.vdd, self.v_line)
        internal = sum((1 + PMOS_RATIO) * (tech.gate_cap(w) + tech.drain_cap(w)) for w in widths[:-1])
        last = widths[-1]
        energy = self.c_line * self.v_line * v_rail + internal * tech.vdd**2
        r_last = tech.on_resistance(last, v_rail)
        c_last_drain = (1 + PMOS_RATIO) * tech.drain_cap(last)
        delay = (len(widths) - 1) * tech.fo4_delay + elmore_delay(r_last, c_last_drain, self.r_line,
                                                                  self.c_line)
        area = sum(tech.transistor_area(w) + tech.transistor_area(PMOS_RATIO * w) for w in widths)
        leak = sum(tech.transistor_leakage((1 + PMOS_RATIO) * w) for w in widths[:-1])
        leak += tech.transistor_leakage((1 + PMOS_RATIO) * last) * v_rail / tech.vdd
        return BlockCost(area=self.lines * area, energy=energy, delay=delay, leakage=self.lines * leak,
                         transistors=self.lines * 2 * len(widths))
