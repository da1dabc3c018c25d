"""One R x C synaptic subarray with its periphery: read (one matrix-vector product) and write (one pulse).

Geometry (cell h x w in F): a row wire spans L_row = C w F, a column wire L_col = R h F.
Access transistors are sized so their on-resistance at the gate voltage V_access is the IR-drop tolerance
of what they feed (DNN+NeuroSim: R_acc = tol R_on):  R_acc = tol R_on,  W_acc = R_unit(V_access) / R_acc.
The 2T1R write transistor is sized the same way against the track resistance.
Lines (F):  read word line   C_wl  = c_w L_row + C C_g(W_acc)
            read source line C_sl  = c_w L_row + C C_d(W_acc)       (carries V_read to a row's cells)
            read bit line    C_bl  = c_w L_col + R C_d(W_acc)
            write word line  C_wwl = c_w L_row + C C_g(W_wr)        (2T1R only; 1T1R writes on its read WL)
            write bit line   C_wbl = c_w L_col + R C_d(W_wr)        (2T1R only; 1T1R writes on its read BL)

Read of one input vector (bit-serial, b_in bits, activity a, r rows and c columns holding weights):
cell current in state k, I_k = V_r / (1/G_k + R_acc), averaged over the n_states equally spaced levels;
each column conducts for t_read once per input bit (unselected columns float behind the multiplexer).
Charges are drawn from the rail behind each voltage (nn.chip.supply: E = V_rail Q):
  device     b_in a r c <I_k^2 / G_k> t_read                 (I^2 R in the elements)
  access     b_in a r c <I_k^2> R_acc t_read                 (in the access transistors)
             b_in a r (C_wl V_acc^2 + C_sl V_r^2) + b_in c C_bl V_r^2   (array lines)
  periphery  read supply: (V_rail - V_r)(b_in a r c <I_k> t_read + line charges at V_r), the clamp loss that
             makes the off-state current of a small on/off ratio expensive;
             word-line drivers and level shifters (when V_acc > V_dd), switch matrix, column multiplexer
             (ceil(c / (C/k)) phases per bit), c ADC conversions and c shift-adds per input bit
             (MLP/DNN+NeuroSim read energy, nn_chip.md sec. 2 item 4, re-derived).
Latency: b_in [t_switch + t_wl + phases (t_read + t_mux + t_adc)] + t_shift_add (nn_chip.md sec. 2 item 3).

Write of one pulse on one cell (row-by-row, two phases; the write word line is shared by the
write_row_occupancy C cells pulsed with it): the write path gives element and switch energy
(nn.chip.write_path); the column write line is charged to V_w (C_line V_w^2); the write current and line
charge are drawn from the rail behind V_w (a regulator below V_dd loses (V_dd - V_w) Q); the column write
switch gates, level shifters, decoder and word-line driver are the periphery share.
Write latency per pulse: decode + word-line rise + write-line rise + t_w.

Leakage: all periphery transistors; the array itself holds no static current (idle lines at 0 V).
"""
from __future__ import annotations

import dataclasses
import math
from functools import cached_property

import numpy as np

from nn.chip.architecture import Architecture
from nn.chip.breakdown import Breakdown
from nn.chip.cell import Cell
from nn.chip.periphery import (Accumulator, ColumnMux, LevelShifter, LineDriver, RowDecoder, SarADC,
                               SwitchMatrix, WriteDriver)
from nn.chip.periphery.block import BlockCost
from nn.chip.periphery.level_shifter import needs_level_shifter
from nn.chip.supply import regulator_loss
from nn.chip.technology import Technology
from skybench.errors import ParameterError

LEVEL_SHIFTER_TRANSITIONS = 2
"""Transitions of a shifted line per pulse (on and off)."""


@dataclasses.dataclass(frozen=True)
class Subarray:
    """A subarray design: one cell type on one technology with one architecture."""

    cell: Cell
    tech: Technology
    arch: Architecture

    def __post_init__(self):
        if self.cell.V_access <= self.tech.v_th:
            raise ParameterError(f"{self.cell.name}.V_access", self.cell.V_access,
                                 f"> transistor threshold {self.tech.v_th:g} V")

    # --- geometry and sizing -----------------------------------------------------------------------
    @property
    def rows(self) -> int:
        return int(self.arch.subarray_rows)

    @property
    def cols(self) -> int:
        return int(self.arch.subarray_cols)

    @property
    def row_length(self) -> float:
        """Length of a row wire (m): C w F."""
        return self.cols * self.cell.width_F * self.tech.F

    @property
    def col_length(self) -> float:
        """Length of a column wire (m): R h F."""
        return self.rows * self.cell.height_F * self.tech.F

    @cached_property
    def access_width(self) -> float:
        """Read access transistor width (m) for R_acc = tol R_on at V_access."""
        return self.tech.width_for_resistance(self.arch.ir_drop_tolerance * self.cell.R_on, self.cell.V_access)

    @cached_property
    def access_resistance(self) -> float:
        """On-resistance of the read access transistor (Ohm)."""
        return self.tech.on_resistance(self.access_width, self.cell.V_access)

    @cached_property
    def write_width(self) -> float:
        """Width (m) of the transistor in the write path (the access transistor itself for 1T1R)."""
        if not self.cell.write_path.own_lines:
            return self.access_width
        target = self.arch.ir_drop_tolerance * self.cell.write_path.sizing_resistance(self.cell)
        return self.tech.width_for_resistance(target, self.cell.V_access)

    @cached_property
    def write_resistance(self) -> float:
        """On-resistance of the write-path transistor (Ohm)."""
        return self.tech.on_resistance(self.write_width, self.cell.V_access)

    def _line(self, length: float, n_loads: int, c_per_load: float) -> tuple[float, float]:
        r_wire, c_wire = self.tech.wire(length)
        return r_wire, c_wire + n_loads * c_per_load

    @cached_property
    def wordline(self) -> tuple[float, float]:
        """(R Ohm, C F) of a read word line."""
        return self._line(self.row_length, self.cols, self.tech.gate_cap(self.access_width))

    @cached_property
    def sourceline(self) -> tuple[float, float]:
        """(R Ohm, C F) of a read source line."""
        return self._line(self.row_length, self.cols, self.tech.drain_cap(self.access_width))

    @cached_property
    def bitline(self) -> tuple[float, float]:
        """(R Ohm, C F) of a read bit line."""
        return self._line(self.col_length, self.rows, self.tech.drain_cap(self.access_width))

    @cached_property
    def write_wordline(self) -> tuple[float, float]:
        """(R Ohm, C F) of the word line that gates the write path."""
        if not self.cell.write_path.own_lines:
            return self.wordline
        return self._line(self.row_length, self.cols, self.tech.gate_cap(self.write_width))

    @cached_property
    def write_bitline(self) -> tuple[float, float]:
        """(R Ohm, C F) of the column line that carries the write voltage."""
        if not self.cell.write_path.own_lines:
            return self.bitline
        return self._line(self.col_length, self.rows, self.tech.drain_cap(self.write_width))

    # --- cell currents -----------------------------------------------------------------------------
    @cached_property
    def read_currents(self) -> np.ndarray:
        """Read current (A) of a cell in each conductance state: V_r / (1/G_k + R_acc)."""
        return self.cell.V_read / (1.0 / self.cell.levels() + self.access_resistance)

    @property
    def max_column_current(self) -> float:
        """Column current (A) with every row on and every cell in the on state."""
        return self.rows * self.cell.V_read / (self.cell.R_on + self.access_resistance)

    @property
    def write_path_resistance(self) -> float:
        """Lowest resistance (Ohm) of the write path: element (on state or track) plus write transistor."""
        return self.cell.write_path.sizing_resistance(self.cell) + self.write_resistance

    @property
    def on_path_resistance(self) -> float:
        """Resistance (Ohm) of one on-state cell with its access transistor."""
        return self.cell.R_on + self.access_resistance

    # --- periphery blocks --------------------------------------------------------------------------
    @cached_property
    def blocks(self) -> dict[str, BlockCost]:
        """Every periphery block of the subarray by component name, costed on the technology."""
        tech, arch, cell = self.tech, self.arch, self.cell
        k = arch.columns_per_adc
        group = self.cols // k
        tol = arch.ir_drop_tolerance
        r_wl, c_wl = self.wordline
        blocks = {
            "wl_driver": LineDriver(self.rows, c_wl, r_wl, cell.V_access).cost(tech),
            # a row switch carries the current of the C/k cells of the selected column group
            "switch_matrix": SwitchMatrix(self.rows, tol * self.on_path_resistance / group, cell.V_read,
                                          arch.input_activity).cost(tech),
            # a column switch carries the current of all R cells of its column
            "column_mux": ColumnMux(self.cols, k, tol * self.on_path_resistance / self.rows,
                                    cell.V_read).cost(tech),
            "adc": SarADC(arch.adc_bits, arch.clock_frequency, arch.adc_unit_capacitance,
                          count=arch.adcs_per_subarray).cost(tech),
            "shift_add": Accumulator(arch.partial_sum_bits, count=arch.adcs_per_subarray).cost(tech),
            "row_decoder": RowDecoder(self.rows, self.col_length).cost(tech),
        }
        r_wbl, c_wbl = self.write_bitline
        blocks["write_driver"] = WriteDriver(self.cols, tol * self.write_path_resistance, cell.V_write,
                                             c_wbl, r_wbl).cost(tech)
        if cell.write_path.own_lines:
            r_wwl, c_wwl = self.write_wordline
            blocks["write_wl_driver"] = LineDriver(self.rows, c_wwl, r_wwl, cell.V_access).cost(tech)
        shifted_lines = 0
        if needs_level_shifter(cell.V_access, tech):
            shifted_lines += self.rows * (2 if cell.write_path.own_lines else 1)
        if needs_level_shifter(cell.V_write, tech):
            shifted_lines += self.cols
        if shifted_lines:
            v_high = max(cell.V_access, cell.V_write)
            blocks["level_shifter"] = LevelShifter(shifted_lines, v_high).cost(tech)
        return blocks

    def _level_shifter_energy(self, voltage: float) -> float:
        """Energy (J) of one pulse (two transitions) of one line shifted to `voltage`, 0 if not needed."""
        if not needs_level_shifter(voltage, self.tech):
            return 0.0
        return LEVEL_SHIFTER_TRANSITIONS * LevelShifter(1, voltage).cost(self.tech).energy

    # --- area and leakage --------------------------------------------------------------------------
    @cached_property
    def area(self) -> Breakdown:
        """Area (m^2): the cell array (device) and each periphery block."""
        parts = [("array", "device", self.rows * self.cols * self.cell.area(self.tech.F))]
        parts += [(name, "periphery", block.area) for name, block in self.blocks.items()]
        return Breakdown("m^2", tuple(parts))

    @cached_property
    def leakage(self) -> Breakdown:
        """Static power (W) of the periphery blocks."""
        return Breakdown("W", tuple((name, "periphery", block.leakage) for name, block in self.blocks.items()))

    # --- read --------------------------------------------------------------------------------------
    def column_phases(self, used_cols: int) -> int:
        """Multiplexer phases needed to convert `used_cols` columns with C/k ADCs."""
        return math.ceil(used_cols / self.arch.adcs_per_subarray)

    def read_energy(self, used_rows: int | None = None, used_cols: int | None = None) -> Breakdown:
        """Energy (J) of one matrix-vector product over `used_rows` x `used_cols` weight cells."""
        r = self.rows if used_rows is None else used_rows
        c = self.cols if used_cols is None else used_cols
        if not (1 <= r <= self.rows and 1 <= c <= self.cols):
            raise ParameterError("used rows/cols", (r, c), f"within the {self.rows} x {self.cols} subarray")
        cell, arch, tech, blocks = self.cell, self.arch, self.tech, self.blocks
        b_in, a = arch.input_bits, arch.input_activity
        current = self.read_currents
        conducting = b_in * a * r * c * cell.t_read  # cell-seconds of read current
        device = conducting * float(np.mean(current**2 / cell.levels()))
        access_transistor = conducting * float(np.mean(current**2)) * self.access_resistance
        c_wl, c_sl, c_bl = self.wordline[1], self.sourceline[1], self.bitline[1]
        row_pulses = b_in * a * r
        read_charge = (conducting * float(np.mean(current))
                       + (row_pulses * c_sl + b_in * c * c_bl) * cell.V_read)
        wl_line = row_pulses * c_wl * cell.V_access**2
        wl_driver = row_pulses * (blocks["wl_driver"].energy - c_wl * cell.V_access**2)
        phases = self.column_phases(c)
        return Breakdown("J", (
            ("cell_read", "device", device),
            ("access_transistor", "access", access_transistor),
            ("wordline", "access", wl_line),
            ("sourceline", "access", row_pulses * c_sl * cell.V_read**2),
            ("bitline", "access", b_in * c * c_bl * cell.V_read**2),
            ("read_supply", "periphery", regulator_loss(cell.V_read, read_charge, tech)),
            ("wl_driver", "periphery", wl_driver),
            ("level_shifter", "periphery", row_pulses * self._level_shifter_energy(cell.V_access)),
            ("switch_matrix", "periphery", b_in * blocks["switch_matrix"].energy * r / self.rows),
            ("column_mux", "periphery", b_in * phases * blocks["column_mux"].energy),
            ("adc", "periphery", b_in * c * blocks["adc"].energy),
            ("shift_add", "periphery", b_in * c * blocks["shift_add"].energy),
        ))

    def read_latency(self, used_cols: int | None = None) -> Breakdown:
        """Time (s) of one matrix-vector product (all input bits), by stage."""
        c = self.cols if used_cols is None else used_cols
        b_in, blocks = self.arch.input_bits, self.blocks
        phases = self.column_phases(c)
        return Breakdown("s", (
            ("read_pulse", "device", b_in * phases * self.cell.t_read),
            ("wordline", "access", b_in * blocks["wl_driver"].delay),
            ("switch_matrix", "periphery", b_in * blocks["switch_matrix"].delay),
            ("column_mux", "periphery", b_in * phases * blocks["column_mux"].delay),
            ("adc", "periphery", b_in * phases * blocks["adc"].delay),
            ("shift_add", "periphery", blocks["shift_add"].delay),
        ))

    # --- write -------------------------------------------------------------------------------------
    @cached_property
    def write_current(self) -> float:
        """Mean write-pulse current (A) through the write path."""
        cell = self.cell
        path = cell.write_path
        if path.own_lines:
            return cell.V_write / (path.sizing_resistance(cell) + self.write_resistance)
        return float(np.mean(cell.V_write / (1.0 / cell.levels() + self.write_resistance)))

    @cached_property
    def write_energy(self) -> Breakdown:
        """Energy (J) of one write pulse on one cell, with its share of the row's word-line activation."""
        cell, tech, blocks = self.cell, self.tech, self.blocks
        element, switch = cell.write_path.pulse_energy(cell, self.write_resistance)
        sharing = self.cols * self.arch.write_row_occupancy  # cells pulsed per word-line activation
        c_wwl, c_wbl = self.write_wordline[1], self.write_bitline[1]
        wl_key = "write_wl_driver" if cell.write_path.own_lines else "wl_driver"
        write_charge = self.write_current * cell.t_write + c_wbl * cell.V_write
        return Breakdown("J", (
            ("cell_write", "device", element),
            ("write_transistor", "access", switch),
            ("write_wordline", "access", c_wwl * cell.V_access**2 / sharing),
            ("write_bitline", "access", c_wbl * cell.V_write**2),
            ("write_supply", "periphery", regulator_loss(cell.V_write, write_charge, tech)),
            ("write_driver", "periphery", blocks["write_driver"].energy),
            ("wl_driver", "periphery", (blocks[wl_key].energy - c_wwl * cell.V_access**2) / sharing),
            ("row_decoder", "periphery", blocks["row_decoder"].energy / sharing),
            ("level_shifter", "periphery", self._level_shifter_energy(cell.V_access) / sharing
             + self._level_shifter_energy(cell.V_write)),
        ))

    @cached_property
    def write_latency(self) -> Breakdown:
        """Time (s) of one write pulse cycle: decode, word-line rise, write-line rise, pulse."""
        blocks = self.blocks
        wl_key = "write_wl_driver" if self.cell.write_path.own_lines else "wl_driver"
        return Breakdown("s", (
            ("write_pulse", "device", self.cell.t_write),
            ("write_wordline", "access", blocks[wl_key].delay),
            ("write_bitline", "access", blocks["write_driver"].delay),
            ("row_decoder", "periphery", blocks["row_decoder"].delay),
        ))

    @property
    def update_round_latency(self) -> float:
        """Time (s) to give every cell of the subarray one pulse: row by row, two phases (LTP, LTD)."""
        return 2 * self.rows * self.write_latency.total
