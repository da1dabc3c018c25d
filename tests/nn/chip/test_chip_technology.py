"""The 32 nm technology: wire and transistor formulas against hand-computed values.

References: the wire values are DNN+NeuroSim V1.4's 32 nm node (nn_chip.md sec. 2: 56 nm width, AR 1.8,
rho 2.63e-8 Ohm m, 4 nm barrier, 0.2 fF/um); the arithmetic is written out in each test.
"""
import math

import pytest

from nn.chip.presets import TECH_32NM
from nn.chip.supply import rail_voltage, regulator_loss
from nn.chip.technology import Technology, elmore_delay
from skybench.errors import ParameterError


def test_wire_resistance_with_barrier_correction():
    # loss = (2 AR W + W) t_b / (AR W^2) = (2*1.8*56 + 56) * 4 / (1.8 * 56^2) = 1030.4 / 5644.8
    loss = 1030.4 / 5644.8
    rho_eff = 2.63e-8 / (1 - loss)                      # = 3.2173e-8 Ohm m
    per_metre = rho_eff / (56e-9 * 1.8 * 56e-9)         # = 5.6996e6 Ohm/m, i.e. 5.70 Ohm/um
    assert TECH_32NM.wire_resistivity_effective == pytest.approx(3.2173e-8, rel=1e-4)
    assert TECH_32NM.wire_resistance == pytest.approx(per_metre, rel=1e-12)
    r, c = TECH_32NM.wire(10e-6)
    assert r == pytest.approx(57.0, rel=1e-3)           # 10 um * 5.70 Ohm/um
    assert c == pytest.approx(2e-15, rel=1e-12)         # 10 um * 0.2 fF/um


def test_switch_resistance_scales_with_width_and_overdrive():
    # R = V_dd / (I_on W) (V_dd - V_th) / (V_g - V_th): 1 um at V_dd: 0.9 / (1200 A/m * 1e-6 m) = 750 Ohm
    assert TECH_32NM.on_resistance(1e-6) == pytest.approx(750.0)
    # gate at 1.4 V: 750 * (0.9 - 0.3) / (1.4 - 0.3) = 409.09 Ohm
    assert TECH_32NM.on_resistance(1e-6, 1.4) == pytest.approx(409.0909, rel=1e-6)
    # inverse: 2.5 kOhm at 1.4 V needs 409.09 Ohm um / 2500 Ohm = 0.16364 um
    assert TECH_32NM.width_for_resistance(2500.0, 1.4) == pytest.approx(0.163636e-6, rel=1e-5)
    # a very large resistance is met by the minimum width (2F = 64 nm)
    assert TECH_32NM.width_for_resistance(1e9) == pytest.approx(64e-9)
    with pytest.raises(ParameterError, match="gate voltage"):
        TECH_32NM.on_resistance(1e-6, 0.2)


def test_footprint_leakage_and_elmore():
    # (W + 2F)(4F) alpha_w at W = 64 nm: (128 nm)(128 nm)(1.44) = 2.3593e-14 m^2
    assert TECH_32NM.transistor_area(64e-9) == pytest.approx(128e-9 * 128e-9 * 1.44)
    # 0.5 * 0.1 A/m * 64e-9 m * 0.9 V = 2.88 nW
    assert TECH_32NM.transistor_leakage(64e-9) == pytest.approx(2.88e-9)
    # off pass switch: I_off W V = 0.1 * 1e-6 * 0.05 = 5 nW
    assert TECH_32NM.switch_leakage(1e-6, 0.05) == pytest.approx(5e-9)
    # 0.69 * 1k * (10f + 5f) + 0.38 * 100 * 10f + 0.69 * 100 * 5f
    assert elmore_delay(1e3, 5e-15, 100.0, 10e-15) == pytest.approx(1.035e-11 + 3.8e-13 + 3.45e-13)


def test_supply_rails():
    # below V_dd: regulated from 0.9 V, (0.9 - 0.05) * 1 pC lost; above: its own rail, nothing lost
    assert rail_voltage(0.05, TECH_32NM) == 0.9
    assert regulator_loss(0.05, 1e-12, TECH_32NM) == pytest.approx(0.85e-12)
    assert regulator_loss(1.8, 1e-12, TECH_32NM) == 0.0


@pytest.mark.parametrize("field, value", [("F", 0.0), ("v_th", 1.2), ("vdd", -0.9), ("wire_barrier", 30e-9),
                                          ("on_current", math.nan)])
def test_impossible_technology_names_the_field(field, value):
    import dataclasses
    with pytest.raises(ParameterError, match=field):
        dataclasses.replace(TECH_32NM, **{field: value})
    assert isinstance(TECH_32NM, Technology)
