"""Figures of merit of a Hall loop (emulator/hall_loop.py) on a synthetic loop with known answers: a linear
M_z(B) saturating at 160 mT, domain entry at 130 mT on each branch, R_sat 50 mOhm and an ordinary Hall slope."""
import numpy as np
import pytest

from emulator.hall_loop import analyse_loop


def synthetic_loop(b_s=0.160, entry=0.130, r_sat=0.05, slope=-4e-5, step=0.005):
    fields = np.round(np.arange(0.4, -0.4 - step / 2, -step), 6)
    down = np.where(fields > entry, 1.0, np.clip(fields / b_s, -1, 1))
    up_fields = fields[::-1]
    up = np.where(up_fields < -entry, -1.0, np.clip(up_fields / b_s, -1, 1))
    field = np.concatenate([fields, up_fields])
    m = np.concatenate([down, up])
    return ["down"] * fields.size + ["up"] * fields.size, field, r_sat * m + slope * field


def test_the_loop_figures_are_recovered():
    direction, field, resistance = synthetic_loop()
    s = analyse_loop(direction, field, resistance)
    assert s["r_sat_ohm"] == pytest.approx(0.05, rel=1e-9)
    assert s["ordinary_hall_slope_ohm_per_T"] == pytest.approx(-4e-5, rel=1e-6)
    assert s["saturation_field_T"] == {"down": pytest.approx(0.160), "up": pytest.approx(0.160)}
    assert s["domain_entry_field_T"]["down"] == pytest.approx(0.130)
    assert s["linearity_r2_below_saturation"] == pytest.approx(1.0, abs=1e-12)
    assert s["antisymmetry"] == pytest.approx(0.0, abs=1e-9)


def test_a_curved_loop_has_a_lower_r2():
    direction, field, _ = synthetic_loop()
    m = np.clip(np.cbrt(field / 0.2), -1, 1)   # steep at zero, flat near saturation: not a linear loop
    s = analyse_loop(direction, field, 0.05 * m)
    assert s["linearity_r2_below_saturation"] < 0.97
