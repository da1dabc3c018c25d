"""Periphery circuits of the compute-in-memory chip, one circuit per file.

Every circuit is a frozen dataclass of its design parameters whose `cost(tech)` returns a `BlockCost`
(area, energy per operation, delay per operation, leakage), re-derived from transistor and wire parameters of
a `Technology`. `PERIPHERY` lists the classes; a contract test runs over all of them.
"""
from nn.chip.periphery.accumulator import Accumulator
from nn.chip.periphery.activation import ReLU, Sigmoid
from nn.chip.periphery.block import BlockCost
from nn.chip.periphery.bus import Bus
from nn.chip.periphery.column_mux import ColumnMux
from nn.chip.periphery.gates import DFF, FULL_ADDER, INVERTER, TRANSMISSION_GATE, Gate
from nn.chip.periphery.level_shifter import LevelShifter
from nn.chip.periphery.line_driver import LineDriver
from nn.chip.periphery.pooling import MaxPool
from nn.chip.periphery.row_decoder import RowDecoder
from nn.chip.periphery.sar_adc import SarADC
from nn.chip.periphery.sram_buffer import SramBuffer
from nn.chip.periphery.switch_matrix import SwitchMatrix
from nn.chip.periphery.write_driver import WriteDriver

PERIPHERY = (Accumulator, Bus, ColumnMux, LevelShifter, LineDriver, MaxPool, ReLU, RowDecoder, SarADC,
             Sigmoid, SramBuffer, SwitchMatrix, WriteDriver)
"""Every periphery circuit class (iterated by the contract test)."""

__all__ = ["Accumulator", "BlockCost", "Bus", "ColumnMux", "DFF", "FULL_ADDER", "Gate", "INVERTER",
           "LevelShifter", "LineDriver", "MaxPool", "PERIPHERY", "ReLU", "RowDecoder", "SarADC", "Sigmoid",
           "SramBuffer", "SwitchMatrix", "TRANSMISSION_GATE", "WriteDriver"]
