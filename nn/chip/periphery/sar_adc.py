"""Successive-approximation ADC that digitises one column current (through its sense resistor) per conversion.

Structure for b bits: a binary-weighted capacitor DAC of 2^b unit capacitors C_u (metal-oxide-metal), one
StrongARM comparator, b flip-flops of SAR logic with b control gates, b DAC switch inverters and a sampling
transmission gate:  N_T = 11 + 24 b + 6 b + 2 b + 2.
One operation = one conversion of b decisions, one per clock:
  E = 2^b C_u V_dd^2 (DAC array charged once: upper estimate of binary-weighted switching)
    + b E_cmp (one comparator decision per bit, activity 1)
    + b^2 gamma E_dff (b flip-flops clocked on each of b cycles),
  delay = (b + 1) / f_clk (one sampling cycle plus b decisions).
Area: transistors plus the capacitor array 2^b C_u / c_MOM. Compare the SAR area fit quoted in nn_chip.md
sec. 2 (DNN+NeuroSim V1.3, linear in b); here the terms are counted instead of fitted.
"""
from __future__ import annotations

import dataclasses

from nn.chip.periphery.block import BlockCost
from nn.chip.periphery.gates import COMPARATOR, DFF, INVERTER, NAND2, TRANSMISSION_GATE
from nn.chip.technology import Technology
from skybench.errors import check_positive, check_range

MAX_ADC_BITS = 12
"""Largest ADC resolution accepted (bits)."""
DAC_SWITCH_WIDTH_MULTIPLE = 2.0
"""Width of the DAC switch inverters in units of the minimum width (dimensionless)."""


@dataclasses.dataclass(frozen=True)
class SarADC:
    """`count` SAR ADCs of `bits` bits clocked at `clock_frequency`."""

    bits: int
    """Resolution (bits)."""
    clock_frequency: float
    """SAR clock (Hz)."""
    unit_capacitance: float = 0.5e-15
    """Unit capacitor of the DAC (F)."""
    count: int = 1
    """Number of identical ADCs this block stands for (area and leakage scale with it)."""

    def __post_init__(self):
        check_range("adc_bits", self.bits, 1, MAX_ADC_BITS, "bits")
        check_positive("clock_frequency", self.clock_frequency, "Hz")
        check_positive("adc_unit_capacitance", self.unit_capacitance, "F")
        check_range("count", self.count, 1, None, "")

    def cost(self, tech: Technology) -> BlockCost:
        b = int(self.bits)
        w_dac = DAC_SWITCH_WIDTH_MULTIPLE * tech.min_width
        c_dac = 2**b * self.unit_capacitance
        energy = (c_dac * tech.vdd**2 + b * COMPARATOR.energy(tech) + b * b * DFF.energy(tech))
        logic_area = (COMPARATOR.area(tech) + b * DFF.area(tech) + b * (NAND2.area(tech) + INVERTER.area(tech))
                      + b * INVERTER.transistors * tech.transistor_area(w_dac) + TRANSMISSION_GATE.area(tech))
        leak = (COMPARATOR.leakage(tech) + b * DFF.leakage(tech) + b * (NAND2.leakage(tech) + INVERTER.leakage(tech))
                + b * INVERTER.transistors * tech.transistor_leakage(w_dac) + TRANSMISSION_GATE.leakage(tech))
        transistors = (COMPARATOR.transistors + b * (DFF.transistors + NAND2.transistors + 2 * INVERTER.transistors)
                       + TRANSMISSION_GATE.transistors)
        area = logic_area + c_dac / tech.mom_capacitance_density
        return BlockCost(area=self.count * area, energy=energy, delay=(b + 1) / self.clock_frequency,
                         leakage=self.count * leak, transistors=self.count * transistors)
