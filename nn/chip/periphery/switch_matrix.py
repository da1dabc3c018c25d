"""Switch matrix that applies the read voltage to the rows whose input bit is 1 (bit-serial inputs).

Per row: a transmission gate (NMOS + PMOS, each of width W_sw) between the read-voltage rail and the row's
source line, a flip-flop latching the input bit, and a tapered driver (`LineDriver`) for each of the gate's
true and complement lines (load C_g(W_sw)). W_sw is sized so the switch drops at most the IR-drop tolerance of
the current it carries (`r_switch`, from the subarray).
One operation = one input bit applied to all rows: every flip-flop clocks, and each row whose bit is 1
(fraction a_in) cycles its true and complement gate lines once:
  E = rows gamma E_dff + rows a_in 2 E_gate,  E_gate = C_g(W_sw) V_dd^2 + driver internals.
Delay: flip-flop clock-to-q (2 FO4) plus the gate driver. Leakage: flip-flops and drivers as logic, off
switches blocking the read voltage.
"""
from __future__ import annotations

import dataclasses

from nn.chip.periphery.block import BlockCost
from nn.chip.periphery.gates import DFF
from nn.chip.periphery.line_driver import LineDriver
from nn.chip.technology import Technology
from skybench.errors import check_positive, check_range

DFF_CLOCK_TO_Q_FO4 = 2.0
"""Clock-to-output delay of a flip-flop in FO4 delays (dimensionless)."""
GATE_LINES_PER_ROW = 2
"""True and complement gate lines per row switch."""


@dataclasses.dataclass(frozen=True)
class SwitchMatrix:
    """Input switches and latches for `rows` rows, each switch with on-resistance `r_switch`."""

    rows: int
    """Rows served."""
    r_switch: float
    """Required on-resistance of each switch (Ohm)."""
    v_blocked: float = 0.1
    """Voltage an off switch blocks: the read voltage (V)."""
    input_activity: float = 0.5
    """Fraction of input bits that are 1 (dimensionless)."""

    def __post_init__(self):
        check_range("rows", self.rows, 1, None, "")
        check_positive("r_switch", self.r_switch, "Ohm")
        check_positive("v_blocked", self.v_blocked, "V")
        check_range("input_activity", self.input_activity, 0.0, 1.0, "")

    def cost(self, tech: Technology) -> BlockCost:
        w_sw = tech.width_for_resistance(self.r_switch)
        gate = LineDriver(GATE_LINES_PER_ROW * self.rows, tech.gate_cap(w_sw), 0.0, tech.vdd).cost(tech)
        energy = self.rows * (DFF.energy(tech) + self.input_activity * GATE_LINES_PER_ROW * gate.energy)
        return BlockCost(
            area=self.rows * (2 * tech.transistor_area(w_sw) + DFF.area(tech)) + gate.area,
            energy=energy,
            delay=DFF_CLOCK_TO_Q_FO4 * tech.fo4_delay + gate.delay,
            leakage=self.rows * (2 * tech.switch_leakage(w_sw, self.v_blocked) + DFF.leakage(tech)) + gate.leakage,
            transistors=self.rows * (2 + DFF.transistors) + gate.transistors,
        )
