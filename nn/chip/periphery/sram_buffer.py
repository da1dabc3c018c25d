"""SRAM buffer (global, tile and PE buffers, activation look-up tables).

Organisation of B bits: n_r = 2^ceil(log2 sqrt B) rows by n_c = ceil(B / n_r) columns of 6T cells of side
s = sqrt(A_cell). Bit line C_bl = n_r (C_d,min + c_w s); word line C_wl = n_c (2 C_g,min + c_w s).
Per bit: write E_w = C_bl V_dd^2 (full swing) + C_wl V_dd^2 / n_c (one row of n_c bits per word-line pulse);
read E_r = C_bl V_dd dV + C_wl V_dd^2 / n_c + E_sa, with a small sensing swing dV = SENSE_SWING V_dd and a
sense amplifier of SENSE_AMP_TRANSISTORS switching once.
One operation of `SramBuffer` = one bit passing through the buffer (written once, read once): E = E_w + E_r.
Delay: row decode plus bit-line development t = C_bl dV / I_cell, I_cell = I_on W_min / 2 (two stacked
transistors), plus 2 FO4 of sensing. Area: B A_cell F^2 plus the row decoder and per column a sense amplifier,
write driver and precharge (SENSE_AMP + WRITE_DRIVER + PRECHARGE transistors).
"""
from __future__ import annotations

import dataclasses
import math

from nn.chip.periphery.block import BlockCost
from nn.chip.periphery.row_decoder import RowDecoder
from nn.chip.technology import Technology, ceil_log2
from skybench.errors import check_range

SENSE_SWING = 0.1
"""Bit-line swing at which the sense amplifier fires, as a fraction of V_dd (dimensionless)."""
CELL_TRANSISTORS = 6
"""Transistors per SRAM bit (6T cell)."""
SENSE_AMP_TRANSISTORS = 10
"""Transistors of one latch sense amplifier."""
WRITE_DRIVER_TRANSISTORS = 4
"""Transistors of one column write driver."""
PRECHARGE_TRANSISTORS = 3
"""Transistors of one column precharge/equaliser."""
SENSE_FO4 = 2.0
"""Sense-amplifier resolution time in FO4 delays (dimensionless)."""
MIN_ROWS = 2
"""Smallest row count of an SRAM array."""


def sram_geometry(bits: int) -> tuple[int, int]:
    """(rows, columns) of a near-square SRAM array holding `bits` bits."""
    rows = max(MIN_ROWS, 2 ** ceil_log2(math.ceil(math.sqrt(bits))))
    return rows, math.ceil(bits / rows)


def sram_bit_energies(tech: Technology, bits: int) -> tuple[float, float]:
    """(read, write) energy per bit (J) of an SRAM array of `bits` bits (see module docstring)."""
    rows, cols = sram_geometry(bits)
    side = math.sqrt(tech.sram_cell_area_F2) * tech.F
    c_bl = rows * (tech.drain_cap(tech.min_width) + tech.wire_capacitance * side)
    c_wl = cols * (2 * tech.min_gate_cap + tech.wire_capacitance * side)
    c_sa = SENSE_AMP_TRANSISTORS * (tech.min_gate_cap + tech.drain_cap(tech.min_width))
    wordline_share = c_wl * tech.vdd**2 / cols
    read = c_bl * tech.vdd * SENSE_SWING * tech.vdd + wordline_share + c_sa * tech.vdd**2
    write = c_bl * tech.vdd**2 + wordline_share
    return read, write


def sram_static(tech: Technology, bits: int) -> tuple[float, float, float, float]:
    """(area m^2, leakage W, transistors, access delay s) of an SRAM array of `bits` bits."""
    rows, cols = sram_geometry(bits)
    decoder = RowDecoder(rows=rows, height=rows * math.sqrt(tech.sram_cell_area_F2) * tech.F).cost(tech)
    column_t = SENSE_AMP_TRANSISTORS + WRITE_DRIVER_TRANSISTORS + PRECHARGE_TRANSISTORS
    w = tech.min_width
    area = bits * tech.sram_cell_area_F2 * tech.F2 + decoder.area + cols * column_t * tech.transistor_area(w)
    leak = (bits * CELL_TRANSISTORS + cols * column_t) * tech.transistor_leakage(w) + decoder.leakage
    side = math.sqrt(tech.sram_cell_area_F2) * tech.F
    c_bl = rows * (tech.drain_cap(w) + tech.wire_capacitance * side)
    t_bitline = c_bl * SENSE_SWING * tech.vdd / (tech.on_current * w / 2)
    delay = decoder.delay + t_bitline + SENSE_FO4 * tech.fo4_delay
    return area, leak, bits * CELL_TRANSISTORS + cols * column_t + decoder.transistors, delay


@dataclasses.dataclass(frozen=True)
class SramBuffer:
    """An SRAM buffer of `bits` bits; one operation is one bit written and read back."""

    bits: int
    """Capacity (bits)."""

    def __post_init__(self):
        check_range("bits", self.bits, 1, None, "bits")

    def cost(self, tech: Technology) -> BlockCost:
        read, write = sram_bit_energies(tech, int(self.bits))
        area, leak, transistors, delay = sram_static(tech, int(self.bits))
        return BlockCost(area=area, energy=read + write, delay=delay, leakage=leak, transistors=transistors)

