"""Column multiplexer: `columns_per_adc` columns share one ADC and are connected one group at a time.

Per column a transmission gate of width W_tg (sized by the subarray from the IR-drop tolerance of the column
current, `r_switch`). A decoder of log2(k) address bits selects one of k groups; each group has a true and a
complement select line driving the C/k NMOS (resp. PMOS) gates of its switches, each line by a tapered driver
(`LineDriver`, load C_line = (C/k) C_g(W_tg)).
One operation = one step to the next column group: the new group's true line and the old group's complement
line each go through one charge cycle, E = 2 E_line (E_line = C_line V_dd^2 + driver internals), plus the
group-select decode, (log2 k) C_g,min V_dd^2. Delay: the select-line driver.
Leakage: off switches block the read voltage (`v_blocked`); decoder and drivers leak as logic.
A multiplexer of k = 1 (one ADC per column) is no circuit at all: zero cost.
"""
from __future__ import annotations

import dataclasses

from nn.chip.periphery.block import BlockCost
from nn.chip.periphery.line_driver import LineDriver
from nn.chip.technology import Technology, ceil_log2
from skybench.errors import ParameterError, check_positive, check_range

SELECT_LINES_PER_GROUP = 2
"""True and complement select lines per column group."""


@dataclasses.dataclass(frozen=True)
class ColumnMux:
    """A k:1 column multiplexer in front of every ADC of a subarray with `columns` columns."""

    columns: int
    """Columns of the subarray."""
    columns_per_adc: int
    """Columns sharing one ADC (k)."""
    r_switch: float
    """Required on-resistance of each column switch (Ohm)."""
    v_blocked: float = 0.1
    """Voltage an off column switch blocks: the read voltage (V)."""

    def __post_init__(self):
        check_range("columns", self.columns, 1, None, "")
        check_range("columns_per_adc", self.columns_per_adc, 1, self.columns, "")
        if self.columns % self.columns_per_adc:
            raise ParameterError("columns_per_adc", self.columns_per_adc,
                                 f"a divisor of the subarray columns ({self.columns})")
        check_positive("r_switch", self.r_switch, "Ohm")
        check_positive("v_blocked", self.v_blocked, "V")

    def cost(self, tech: Technology) -> BlockCost:
        k = self.columns_per_adc
        if k == 1:
            return BlockCost(area=0.0, energy=0.0, delay=0.0, leakage=0.0, transistors=0)
        group = self.columns // k
        w_tg = tech.width_for_resistance(self.r_switch)
        select = LineDriver(SELECT_LINES_PER_GROUP * k, group * tech.gate_cap(w_tg), 0.0, tech.vdd).cost(tech)
        n_sel = ceil_log2(k)
        decoder_t = k * (2 * n_sel + 2)
        w_min = tech.min_width
        return BlockCost(
            area=2 * self.columns * tech.transistor_area(w_tg) + select.area + decoder_t * tech.transistor_area(w_min),
            energy=2 * select.energy + n_sel * tech.min_gate_cap * tech.vdd**2,
            delay=select.delay,
            leakage=(2 * self.columns * tech.switch_leakage(w_tg, self.v_blocked) + select.leakage
                     + decoder_t * tech.transistor_leakage(w_min)),
            transistors=2 * self.columns + select.transistors + decoder_t,
        )
