"""Periphery circuits: one contract over every circuit, and small cases computed by hand.

Hand references use the 32 nm preset: minimum width 64 nm, C_g 1 fF/um, C_d 0.6 fF/um, so a minimum
transistor switches (C_g + C_d) W = 1.6e-9 F/m * 64e-9 m = 1.024e-16 F; V_dd^2 = 0.81 V^2. Activities are the
DNN+NeuroSim calibration (nn_chip.md sec. 2): 0.5 for flip-flops, 0.15 for adders.
"""
import math

import pytest

from nn.chip.periphery import (PERIPHERY, Accumulator, Bus, ColumnMux, LevelShifter, LineDriver, MaxPool, ReLU,
                               RowDecoder, SarADC, Sigmoid, SramBuffer, SwitchMatrix, WriteDriver)
from nn.chip.periphery.gates import DFF, FULL_ADDER
from nn.chip.periphery.sram_buffer import sram_geometry
from nn.chip.presets import TECH_32NM as T

C_MIN = 1.024e-16  # F, (C_g + C_d) of a minimum transistor
V2 = 0.81          # V^2

EXAMPLES = {
    Accumulator: Accumulator(13, count=4),
    Bus: Bus(64, 200e-6, leaves=4),
    ColumnMux: ColumnMux(32, 8, 100.0, 0.1),
    LevelShifter: LevelShifter(32, 1.8),
    LineDriver: LineDriver(32, 10e-15, 100.0, 1.4),
    MaxPool: MaxPool(8, 4, count=2),
    ReLU: ReLU(8, count=4),
    RowDecoder: RowDecoder(32, 5e-6),
    SarADC: SarADC(5, 1e9, 0.5e-15, count=4),
    Sigmoid: Sigmoid(8, 8, count=4),
    SramBuffer: SramBuffer(4096),
    SwitchMatrix: SwitchMatrix(32, 400.0, 0.1, 0.5),
    WriteDriver: WriteDriver(32, 900.0, 0.03, 10e-15, 50.0),
}


def test_every_circuit_has_an_example():
    assert set(EXAMPLES) == set(PERIPHERY)


@pytest.mark.parametrize("circuit", PERIPHERY, ids=lambda c: c.__name__)
def test_contract_positive_finite_costs(circuit):
    cost = EXAMPLES[circuit].cost(T)
    for name in ("area", "energy", "delay", "leakage", "transistors"):
        value = getattr(cost, name)
        assert math.isfinite(value) and value > 0, (circuit.__name__, name, value)
    # every circuit is smaller than a 1 mm^2 die and faster than a microsecond here
    assert cost.area < 1e-6 and cost.delay < 1e-6


@pytest.mark.parametrize("circuit", [Accumulator, SarADC, ReLU, Sigmoid, MaxPool], ids=lambda c: c.__name__)
def test_contract_count_scales_area_and_leakage_not_energy(circuit):
    import dataclasses
    one = dataclasses.replace(EXAMPLES[circuit], count=1).cost(T)
    three = dataclasses.replace(EXAMPLES[circuit], count=3).cost(T)
    assert three.area == pytest.approx(3 * one.area)
    assert three.leakage == pytest.approx(3 * one.leakage)
    assert three.energy == pytest.approx(one.energy)


def test_gate_energies_by_hand():
    assert DFF.energy(T) == pytest.approx(0.5 * 24 * C_MIN * V2)          # 9.953e-16 J
    assert FULL_ADDER.energy(T) == pytest.approx(0.15 * 28 * C_MIN * V2)  # 3.484e-16 J
    assert Accumulator(4).cost(T).energy == pytest.approx(4 * (0.15 * 28 + 0.5 * 24) * C_MIN * V2)


def test_sar_adc_energy_and_delay_by_hand():
    dac = 2**5 * 0.5e-15 * V2                        # 1.296e-14 J
    comparator = 5 * 11 * (1.6e-9 * 4 * 64e-9) * V2  # 5 decisions, 11 transistors at 4x min width
    logic = 5 * 5 * 0.5 * 24 * C_MIN * V2            # 5 flip-flops clocked 5 times
    cost = SarADC(5, 1e9, 0.5e-15).cost(T)
    assert cost.energy == pytest.approx(dac + comparator + logic)
    assert cost.energy == pytest.approx(5.609e-14, rel=1e-3)
    assert cost.delay == pytest.approx(6e-9)         # (5 + 1) clocks at 1 GHz


def test_line_driver_sizing_and_energy():
    # C_in = 3 * 0.064 fF = 0.192 fF; 10 fF / 0.192 fF = 52.1 -> ceil(log4 52.1) = 3 stages: 64, 256, 1024 nm
    driver = LineDriver(1, 10e-15, 0.0, 1.4)
    assert driver.stage_widths(T) == pytest.approx([64e-9, 256e-9, 1024e-9])
    internals = 3 * 1.6e-9 * (64e-9 + 256e-9) * V2  # first two stages, NMOS + 2x PMOS, at V_dd
    assert driver.cost(T).energy == pytest.approx(10e-15 * 1.4 * 1.4 + internals)
    # a 30 mV line fed from the 0.9 V rail costs C V_line V_rail
    assert LineDriver(1, 10e-15, 0.0, 0.03).cost(T).energy == pytest.approx(10e-15 * 0.03 * 0.9 + internals)


def test_level_shifter_and_write_driver_by_hand():
    # 6 transistors at 128 nm: C = 6 * 1.6e-9 * 128e-9 = 1.2288e-15 F; at 1.8 V: 3.981e-15 J per transition
    assert LevelShifter(1, 1.8).cost(T).energy == pytest.approx(1.2288e-15 * 3.24)
    # 900 Ohm at a 0.9 V gate: 750 Ohm um / 900 Ohm = 0.8333 um; two gates charged: 2 * 0.8333 fF * 0.81
    assert WriteDriver(1, 900.0, 0.03).cost(T).energy == pytest.approx(2 * 0.83333e-15 * V2, rel=1e-4)


def test_sram_geometry_and_bus_length():
    assert sram_geometry(1000) == (32, 32)           # 2^ceil(log2 ceil(sqrt 1000)) = 32 rows, ceil(1000/32)
    assert sram_geometry(4096) == (64, 64)
    # H-tree over 16 leaves: 1.5 S (sqrt 16 - 1) = 4.5 S of wire; one leaf: a link of length S
    assert Bus(1, 1e-4, 16).tree_length == pytest.approx(4.5e-4)
    assert Bus(1, 1e-4, 1).tree_length == pytest.approx(1e-4)


def test_column_mux_of_one_is_no_circuit():
    cost = ColumnMux(32, 1, 100.0).cost(T)
    assert (cost.area, cost.energy, cost.leakage) == (0.0, 0.0, 0.0)
