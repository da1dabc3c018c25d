"""Synaptic cells: the paper's Methods table, cell areas, and write-pulse energies computed by hand.

References: Song et al. 2020, Methods 'Circuit implementation simulation' (the table); nn_chip.md sec. 4
('Device write energy per pulse: skyrmion 0.03^2/3 kOhm x 50 ps = 0.015 fJ, RRAM 1.8^2/10 kOhm x 1 ns = 324 fJ';
'Cell areas at F = 32 nm: RRAM 0.118 um^2, skyrmion 0.631 um^2').
"""
import dataclasses

import numpy as np
import pytest

from nn.chip.cell import Cell
from nn.chip.presets import RRAM_1T1R, SKYRMION_2T1R
from nn.chip.write_path import SharedWritePath, TrackWritePath
from skybench.errors import ParameterError

PAPER_TABLE = {  # field: (RRAM, skyrmion), paper Methods table
    "R_on": (10e3, 3e3), "R_off": (100e3, 9e3), "V_read": (0.1, 0.05), "t_read": (1e-9, 1e-9),
    "V_access": (1.4, 1.0), "V_write": (1.8, 0.03), "t_write": (1e-9, 0.05e-9), "height_F": (5, 14),
    "width_F": (23, 44), "cell_bits": (5, 5), "n_states": (32, 32),
}


def test_presets_are_the_paper_table():
    for field, (rram, skyrmion) in PAPER_TABLE.items():
        assert getattr(RRAM_1T1R, field) == pytest.approx(rram), field
        assert getattr(SKYRMION_2T1R, field) == pytest.approx(skyrmion), field
    assert (RRAM_1T1R.cell_type, SKYRMION_2T1R.cell_type) == ("1T1R", "2T1R")
    assert RRAM_1T1R.on_off_ratio == pytest.approx(10.0)
    assert SKYRMION_2T1R.on_off_ratio == pytest.approx(3.0)  # TMR 200 %


def test_cell_areas_at_32nm():
    f2 = 32e-9 ** 2                                   # 1.024e-15 m^2
    assert RRAM_1T1R.area(32e-9) == pytest.approx(115 * f2)       # 5 x 23 F^2 = 0.118 um^2
    assert SKYRMION_2T1R.area(32e-9) == pytest.approx(616 * f2)   # 14 x 44 F^2 = 0.631 um^2
    assert RRAM_1T1R.area(32e-9) == pytest.approx(0.118e-12, rel=3e-3)
    assert SKYRMION_2T1R.area(32e-9) == pytest.approx(0.631e-12, rel=3e-3)


def test_levels_are_equally_spaced_in_conductance():
    levels = SKYRMION_2T1R.levels()
    assert len(levels) == 32
    assert levels[0] == pytest.approx(1 / 9e3) and levels[-1] == pytest.approx(1 / 3e3)
    assert np.allclose(np.diff(levels), (1 / 3e3 - 1 / 9e3) / 31)


def test_track_write_energy_by_hand():
    # with no switch: V^2 / R t = 0.03^2 / 3000 * 50e-12 = 1.5e-17 J = 0.015 fJ (nn_chip.md sec. 4)
    element, switch = SKYRMION_2T1R.write_path.pulse_energy(SKYRMION_2T1R, 0.0)
    assert element == pytest.approx(1.5e-17) and switch == 0.0
    # with a 750 Ohm write transistor: I = 0.03 / 3750 = 8 uA; I^2 R t = 64e-12 * 3000 * 5e-11 = 9.6e-18 J
    element, switch = SKYRMION_2T1R.write_path.pulse_energy(SKYRMION_2T1R, 750.0)
    assert element == pytest.approx(9.6e-18) and switch == pytest.approx(64e-12 * 750 * 5e-11)


def test_shared_write_energy_by_hand():
    # the NeuroSim anchor: all of V_w across the on state, 1.8^2 / 10 kOhm * 1 ns = 324 fJ (nn_chip.md sec. 4)
    on_only = dataclasses.replace(RRAM_1T1R, R_off=10e3 * (1 + 1e-9), n_states=2)
    assert on_only.write_path.pulse_energy(on_only, 0.0)[0] == pytest.approx(324e-15, rel=1e-6)
    # two states: mean of the end-state energies, (1.8^2 * 1e-5 + 1.8^2 * 1e-4) * 1 ns / 2 = 178.2 fJ
    two = dataclasses.replace(RRAM_1T1R, n_states=2)
    assert two.write_path.pulse_energy(two, 0.0)[0] == pytest.approx(178.2e-15)
    # with 2.5 kOhm in series, the on state: I = 1.8 / 12.5 kOhm = 144 uA; I^2 R t = 207.36 fJ, I^2 R_sw t = 51.84 fJ
    element, switch = on_only.write_path.pulse_energy(on_only, 2500.0)
    assert element == pytest.approx(207.36e-15, rel=1e-6) and switch == pytest.approx(51.84e-15, rel=1e-6)
    # the series transistor only lowers the element energy below the 324 fJ convention
    assert element < 324e-15


@pytest.mark.parametrize("changes, name", [
    ({"R_off": 3e3}, "R_off"),            # R_on >= R_off
    ({"R_off": 1e3}, "R_off"),
    ({"V_write": -0.03}, "V_write"),      # negative voltage
    ({"V_read": 0.0}, "V_read"),
    ({"height_F": 0}, "height_F"),        # zero size
    ({"n_states": 64}, "n_states"),       # more states than 2**5
    ({"cell_bits": 0}, "cell_bits"),
    ({"t_write": 0.0}, "t_write"),
])
def test_impossible_cells_name_the_field(changes, name):
    with pytest.raises(ParameterError, match=f"'{name}'") as info:
        dataclasses.replace(SKYRMION_2T1R, **changes)
    assert "valid range" in str(info.value)


def test_one_path_cell_refuses_read_voltage_at_or_above_write_voltage():
    with pytest.raises(ParameterError, match="'V_read'.*V_write"):
        dataclasses.replace(RRAM_1T1R, V_read=2.0)
    # the separate-path skyrmion cell reads at 50 mV above its 30 mV write voltage
    assert SKYRMION_2T1R.V_read > SKYRMION_2T1R.V_write
    with pytest.raises(ParameterError, match="R_track"):
        TrackWritePath(R_track=0.0)
    assert Cell(name="x", R_on=1e3, R_off=2e3, V_read=0.1, t_read=1e-9, V_access=1.0, V_write=0.5,
                t_write=1e-9, height_F=1, width_F=1, cell_bits=1, n_states=2).write_path == SharedWritePath()
