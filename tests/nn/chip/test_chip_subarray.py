"""One subarray: transistor sizing, read energy of a small hand case, write energy, latency.

The hand cases use a 4 x 4 subarray (one ADC for all 4 columns) and two-state cells, so every term can be
written out; the 32 nm technology values are in tests/nn/chip/test_chip_technology.py.
"""
import dataclasses

import numpy as np
import pytest

from nn.chip.architecture import Architecture
from nn.chip.presets import RRAM_1T1R, SKYRMION_2T1R, TECH_32NM
from nn.chip.subarray import Subarray
from skybench.errors import ParameterError

SMALL = Architecture(subarray_rows=4, subarray_cols=4, columns_per_adc=4)
TWO_STATE_RRAM = dataclasses.replace(RRAM_1T1R, n_states=2)


def test_access_transistor_sizing():
    sub = Subarray(RRAM_1T1R, TECH_32NM, Architecture())
    # R_acc = 0.25 * 10 kOhm = 2.5 kOhm at 1.4 V: W = 409.09 Ohm um / 2500 Ohm = 0.16364 um = 5.11 F
    assert sub.access_resistance == pytest.approx(2500.0)
    assert sub.access_width == pytest.approx(0.163636e-6, rel=1e-5)
    sky = Subarray(SKYRMION_2T1R, TECH_32NM, Architecture())
    # R_acc = 750 Ohm at 1.0 V: 750 * 0.6 / 0.7 = 642.86 Ohm um -> 0.85714 um; the write transistor against
    # R_track = 3 kOhm is the same size, the 1T1R cell has no second transistor
    assert sky.access_width == pytest.approx(0.857143e-6, rel=1e-5)
    assert sky.write_width == pytest.approx(sky.access_width)
    assert sub.write_width == sub.access_width


def test_read_energy_of_the_elements_by_hand():
    sub = Subarray(TWO_STATE_RRAM, TECH_32NM, SMALL)
    i_on = 0.1 / (10e3 + 2500)          # 8.0 uA
    i_off = 0.1 / (100e3 + 2500)        # 0.97561 uA
    mean_i2r = (i_on**2 * 10e3 + i_off**2 * 100e3) / 2          # 3.6759e-7 W
    cell_seconds = 8 * 0.5 * 4 * 4 * 1e-9                       # b_in a r c t_read = 64 ns
    energy = sub.read_energy(4, 4)
    assert energy["cell_read"] == pytest.approx(cell_seconds * mean_i2r)        # 2.3526e-14 J
    assert energy["cell_read"] == pytest.approx(2.3526e-14, rel=1e-4)
    assert energy["access_transistor"] == pytest.approx(cell_seconds * (i_on**2 + i_off**2) / 2 * 2500)
    # word lines: each active row pulses once per bit, 8 * 0.5 * 4 = 16 pulses of C_wl V_acc^2
    assert energy["wordline"] == pytest.approx(16 * sub.wordline[1] * 1.4**2)
    # one ADC conversion per column per bit: 8 * 4 = 32
    assert energy["adc"] == pytest.approx(32 * sub.blocks["adc"].energy)
    # half the rows and columns used: element energy scales by 1/4
    assert sub.read_energy(2, 2)["cell_read"] == pytest.approx(energy["cell_read"] / 4)
    with pytest.raises(ParameterError):
        sub.read_energy(5, 4)


def test_read_supply_charges_the_cell_current_at_vdd():
    sub = Subarray(TWO_STATE_RRAM, TECH_32NM, SMALL)
    e = sub.read_energy(4, 4)
    mean_current = (0.1 / 12.5e3 + 0.1 / 102.5e3) / 2
    line_charge = (16 * sub.sourceline[1] + 8 * 4 * sub.bitline[1]) * 0.1
    assert e["read_supply"] == pytest.approx((0.9 - 0.1) * (64e-9 * mean_current + line_charge))


def test_small_on_off_ratio_costs_read_energy():
    # off-state read current per cell: skyrmion 0.05 / (9000 + 750) = 5.13 uA vs RRAM 0.1 / 102.5k = 0.976 uA
    sky = Subarray(SKYRMION_2T1R, TECH_32NM, Architecture())
    rram = Subarray(RRAM_1T1R, TECH_32NM, Architecture())
    assert sky.read_currents[0] == pytest.approx(0.05 / 9750)
    assert rram.read_currents[0] == pytest.approx(0.1 / 102.5e3)
    assert sky.read_currents[0] / rram.read_currents[0] == pytest.approx(5.256, rel=1e-3)
    # same R_on, TMR raised from 200 % (ratio 3) to 900 % (ratio 10): the mean cell current falls, and the
    # read energy of the subarray falls by at least V_dd times that current change over the conducting time
    better = Subarray(dataclasses.replace(SKYRMION_2T1R, R_off=30e3), TECH_32NM, Architecture())
    levels_3 = np.linspace(1 / 9e3, 1 / 3e3, 32)
    levels_10 = np.linspace(1 / 30e3, 1 / 3e3, 32)
    di = np.mean(0.05 / (1 / levels_3 + 750)) - np.mean(0.05 / (1 / levels_10 + 750))
    saving = sky.read_energy().total - better.read_energy().total
    assert saving > 0
    assert saving == pytest.approx(0.9 * di * 8 * 0.5 * 32 * 32 * 1e-9, rel=0.05)


def test_write_energy_and_latency_per_pulse():
    sky = Subarray(SKYRMION_2T1R, TECH_32NM, Architecture())
    rram = Subarray(RRAM_1T1R, TECH_32NM, Architecture())
    assert sky.write_energy["cell_write"] == pytest.approx(9.6e-18)      # 8 uA through 3 kOhm for 50 ps
    # RRAM element energy: mean over the 31 transitions of I^2 R t with 2.5 kOhm in series
    g = np.linspace(1e-5, 1e-4, 32)
    e = (1.8 / (1 / g + 2500)) ** 2 / g * 1e-9
    assert rram.write_energy["cell_write"] == pytest.approx(np.mean((e[1:] + e[:-1]) / 2))
    # the write bit line at 1.8 V vs 30 mV: C V^2
    assert rram.write_energy["write_bitline"] == pytest.approx(rram.write_bitline[1] * 1.8**2)
    assert sky.write_energy["write_bitline"] == pytest.approx(sky.write_bitline[1] * 0.03**2)
    # skyrmion: the device is a negligible part; the access and periphery dominate (nn_chip.md sec. 4)
    assert sky.write_energy.kind_total("device") < 0.01 * sky.write_energy.total
    # pulse widths: 1 ns vs 50 ps plus word-line, bit-line and decode delays of tens of ps
    assert rram.write_latency["write_pulse"] == 1e-9 and sky.write_latency["write_pulse"] == 5e-11
    assert 1e-9 < rram.write_latency.total < 1.2e-9
    assert rram.update_round_latency == pytest.approx(2 * 32 * rram.write_latency.total)


def test_read_latency_by_stage():
    sub = Subarray(RRAM_1T1R, TECH_32NM, Architecture())
    lat = sub.read_latency()
    # 8 input bits x 8 multiplexer phases x (1 ns read pulse + 6 ns SAR conversion at 1 GHz)
    assert lat["read_pulse"] == pytest.approx(64e-9)
    assert lat["adc"] == pytest.approx(384e-9)
    # 10 used columns with 4 ADCs need ceil(10/4) = 3 phases
    assert sub.read_latency(10)["adc"] == pytest.approx(8 * 3 * 6e-9)


def test_access_voltage_below_threshold_is_refused():
    with pytest.raises(ParameterError, match="V_access"):
        Subarray(dataclasses.replace(SKYRMION_2T1R, V_access=0.2), TECH_32NM, Architecture())
