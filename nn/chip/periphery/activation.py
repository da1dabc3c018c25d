"""Neuron activation units at chip level: sigmoid (look-up table) or ReLU (sign-controlled clamp).

- `Sigmoid`: a 2^b_in-word look-up table of b_out-bit words in SRAM (sram_buffer module); one operation = one
  activation = one word read: E = b_out E_read,bit, delay = the SRAM access; area and leakage those of the
  table, per unit.
- `ReLU`: per bit a 2:1 pass-gate multiplexer selecting the value or zero by the sign bit, plus an inverter
  buffering the sign: one operation = one activation, E = b (E_tg) + E_inv; delay 2 FO4.
Both hold `count` parallel units. The paper's chip has activation units of 'sigmoid or ReLU' (Fig. 4c).
"""
from __future__ import annotations

import dataclasses
from types import MappingProxyType

from nn.chip.periphery.block import BlockCost
from nn.chip.periphery.gates import INVERTER, TRANSMISSION_GATE
from nn.chip.periphery.sram_buffer import sram_bit_energies, sram_static
from nn.chip.technology import Technology
from skybench.errors import check_range

MAX_LUT_INPUT_BITS = 16
"""Widest look-up-table address accepted (bits)."""
RELU_FO4 = 2.0
"""ReLU delay in FO4 delays (dimensionless)."""


@dataclasses.dataclass(frozen=True)
class Sigmoid:
    """`count` sigmoid look-up tables addressed by `in_bits` and returning `out_bits`."""

    in_bits: int
    """Address (input) bits of the table."""
    out_bits: int
    """Output bits per activation."""
    count: int = 1
    """Parallel units."""
    name: str = "sigmoid"
    """Name in configs and reports."""

    def __post_init__(self):
        check_range("in_bits", self.in_bits, 1, MAX_LUT_INPUT_BITS, "bits")
        check_range("out_bits", self.out_bits, 1, None, "bits")
        check_range("count", self.count, 1, None, "")

    def cost(self, tech: Technology) -> BlockCost:
        bits = 2 ** int(self.in_bits) * int(self.out_bits)
        read, _ = sram_bit_energies(tech, bits)
        area, leak, transistors, delay = sram_static(tech, bits)
        return BlockCost(area=self.count * area, energy=self.out_bits * read, delay=delay,
                         leakage=self.count * leak, transistors=self.count * transistors)


@dataclasses.dataclass(frozen=True)
class ReLU:
    """`count` ReLU units on words of `in_bits`."""

    in_bits: int
    """Word width (bits)."""
    out_bits: int = 0
    """Unused (a ReLU keeps the word width); present so both activations take the same arguments."""
    count: int = 1
    """Parallel units."""
    name: str = "relu"
    """Name in configs and reports."""

    def __post_init__(self):
        check_range("in_bits", self.in_bits, 1, None, "bits")
        check_range("count", self.count, 1, None, "")

    def cost(self, tech: Technology) -> BlockCost:
        b = int(self.in_bits)
        unit_area = b * TRANSMISSION_GATE.area(tech) + INVERTER.area(tech)
        unit_leak = b * TRANSMISSION_GATE.leakage(tech) + INVERTER.leakage(tech)
        return BlockCost(area=self.count * unit_area,
                         energy=b * TRANSMISSION_GATE.energy(tech) + INVERTER.energy(tech),
                         delay=RELU_FO4 * tech.fo4_delay, leakage=self.count * unit_leak,
                         transistors=self.count * (b * TRANSMISSION_GATE.transistors + INVERTER.transistors))


ACTIVATIONS = MappingProxyType({"sigmoid": Sigmoid, "relu": ReLU})
"""Activation unit classes by config name (read-only)."""
