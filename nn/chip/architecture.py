"""Design choices of the compute-in-memory chip that are not properties of the cell or the CMOS node.

Defaults follow the paper's Methods ('Circuit implementation simulation': 32 x 32 subarrays; 'MNIST ...
simulated skyrmions': 8-bit activations, 5-bit weights) and, where the paper is silent, DNN+NeuroSim V1.4
defaults as summarised in nn_chip.md sec. 2 (column multiplexing 8, clock 1 GHz, 5-bit ADC = 32 output
levels). Read scheme: bit-serial inputs (no DAC), all rows of a subarray read in parallel, `columns_per_adc`
columns sharing one ADC through a multiplexer.
"""
from __future__ import annotations

import dataclasses

from nn.chip.periphery.activation import ACTIVATIONS
from nn.chip.periphery.sar_adc import MAX_ADC_BITS
from skybench.errors import ParameterError, check_choice, check_positive, check_range

MAX_INPUT_BITS = 16
"""Largest activation precision accepted (bits)."""
MAX_SUBARRAY = 4096
"""Largest subarray dimension accepted (cells)."""


def _integer(name: str, value, low: int, high: int | None, unit: str = "") -> None:
    check_range(name, value, low, high, unit)
    if int(value) != value:
        raise ParameterError(name, value, f"an integer in [{low}, {high if high is not None else 'inf'}]")


@dataclasses.dataclass(frozen=True)
class Architecture:
    """Subarray size, read scheme, hierarchy shape and digital word sizes."""

    subarray_rows: int = dataclasses.field(default=32, metadata={"unit": ""})
    """Rows R of a subarray (paper Methods: 32)."""
    subarray_cols: int = dataclasses.field(default=32, metadata={"unit": ""})
    """Columns C of a subarray (paper Methods: 32)."""
    columns_per_adc: int = dataclasses.field(default=8, metadata={"unit": ""})
    """Columns sharing one ADC through the column multiplexer (DNN+NeuroSim V1.4 numColMuxed = 8)."""
    adc_bits: int = dataclasses.field(default=5, metadata={"unit": ""})
    """ADC resolution in bits (DNN+NeuroSim V1.4 levelOutput = 32 levels; paper cell bits 5)."""
    adc_unit_capacitance: float = dataclasses.field(default=0.5e-15, metadata={"unit": "F"})
    """Unit capacitor of the SAR ADC DAC (F); kT/C noise 0.5 mV on 16 fF, far below a 5-bit LSB."""
    input_bits: int = dataclasses.field(default=8, metadata={"unit": ""})
    """Activation precision, applied bit-serially (paper Methods: activation 8 bits)."""
    input_activity: float = dataclasses.field(default=0.5, metadata={"unit": ""})
    """Fraction of input bits that are 1 (dimensionless; 0.5 for random data)."""
    clock_frequency: float = dataclasses.field(default=1.0e9, metadata={"unit": "Hz"})
    """Digital clock (Hz) (DNN+NeuroSim V1.4 clkFreq = 1 GHz)."""
    ir_drop_tolerance: float = dataclasses.field(default=0.25, metadata={"unit": ""})
    """Largest series switch resistance as a fraction of the resistance it feeds (dimensionless): sizes access
    transistors (R_acc = tol R_on) and row/column switches (DNN+NeuroSim resistanceAccess = R_on x tolerance)."""
    pe_rows: int = dataclasses.field(default=2, metadata={"unit": ""})
    """Subarray rows per processing element."""
    pe_cols: int = dataclasses.field(default=2, metadata={"unit": ""})
    """Subarray columns per processing element."""
    tile_rows: int = dataclasses.field(default=2, metadata={"unit": ""})
    """PE rows per tile."""
    tile_cols: int = dataclasses.field(default=2, metadata={"unit": ""})
    """PE columns per tile."""
    bus_width: int = dataclasses.field(default=64, metadata={"unit": ""})
    """Width of the global and tile buses (bits per transfer)."""
    activation: str = dataclasses.field(default="sigmoid", metadata={"unit": None})
    """Neuron activation unit: 'sigmoid' (look-up table) or 'relu' (paper Fig. 4c: sigmoid or ReLU)."""
    activation_units: int = dataclasses.field(default=4, metadata={"unit": ""})
    """Parallel activation units at chip level (assumed; 100 outputs take 25 clocks with 4)."""
    write_row_occupancy: float = dataclasses.field(default=0.5, metadata={"unit": ""})
    """Fraction of a row's cells pulsed in one write phase (row-by-row, two-phase update; half the cells
    potentiate and half depress when every weight moves), sharing one word-line activation (dimensionless)."""

    def __post_init__(self):
        _integer("subarray_rows", self.subarray_rows, 2, MAX_SUBARRAY)
        _integer("subarray_cols", self.subarray_cols, 1, MAX_SUBARRAY)
        _integer("columns_per_adc", self.columns_per_adc, 1, int(self.subarray_cols))
        if self.subarray_cols % self.columns_per_adc:
            raise ParameterError("columns_per_adc", self.columns_per_adc,
                                 f"a divisor of subarray_cols ({self.subarray_cols})")
        _integer("adc_bits", self.adc_bits, 1, MAX_ADC_BITS, "bits")
        check_positive("adc_unit_capacitance", self.adc_unit_capacitance, "F")
        _integer("input_bits", self.input_bits, 1, MAX_INPUT_BITS, "bits")
        check_range("input_activity", self.input_activity, 0.0, 1.0, "", low_inclusive=False)
        check_positive("clock_frequency", self.clock_frequency, "Hz")
        check_range("ir_drop_tolerance", self.ir_drop_tolerance, 0.0, 1.0, "", low_inclusive=False)
        for name in ("pe_rows", "pe_cols", "tile_rows", "tile_cols"):
            _integer(name, getattr(self, name), 1, None)
        _integer("bus_width", self.bus_width, 1, None, "bits")
        check_choice("activation", self.activation, tuple(ACTIVATIONS))
        _integer("activation_units", self.activation_units, 1, None)
        check_range("write_row_occupancy", self.write_row_occupancy, 0.0, 1.0, "", low_inclusive=False)

    @property
    def adcs_per_subarray(self) -> int:
        return self.subarray_cols // self.columns_per_adc

    @property
    def partial_sum_bits(self) -> int:
        """Width of a subarray column's shift-added result: ADC bits plus input bits."""
        return self.adc_bits + self.input_bits

    def replace(self, **changes) -> "Architecture":
        return dataclasses.replace(self, **changes)
