"""The calibration document: keys with units, and values against independent references.

References: D and the SOT profile integral from the radial continuum minimiser (physics.md section 1), the
topological G = -4 pi Ms t / gamma for Q = -1, the radius falling with field (the minimiser's table), and the
Thiele identity rotation/separation = -G / (alpha D) for the pair. Shortened runs (a reduced version of the
default settings, which take ~4 min).
"""
import json
import math

import pytest

from emulator.llg.calibration import CalibrationSettings, calibrate
from emulator.presets import MATERIALS
from emulator.skyrmion_profile import relax_profile
from skybench.errors import ParameterError

MATERIAL = MATERIALS["chamber_150nm"]


def test_settings_reject_bad_values():
    with pytest.raises(ParameterError, match="'cell'"):
        CalibrationSettings(cell=1e-8)
    with pytest.raises(ParameterError, match="'currents'"):
        CalibrationSettings(currents=(-1e10,))


@pytest.mark.slow
def test_shortened_calibration_document():
    settings = CalibrationSettings(currents=(2e10, 4e10), drift_time=0.06e-9, pair_time=0.12e-9,
                                   edge_time=0.1e-9, fields=(0.2, 0.3))
    document = json.loads(json.dumps(calibrate(MATERIAL, settings)))
    profile = relax_profile(MATERIAL, 0.2, "none")
    st = MATERIAL.spin_density * MATERIAL.thickness
    assert document["G_kg_per_s"] == pytest.approx(-4 * math.pi * st, rel=1e-9)
    assert document["D_kg_per_s"] == pytest.approx(st * profile.dissipation_integral, rel=0.05)
    assert document["sot_profile_integral_m"] == pytest.approx(profile.sot_integral, rel=0.05)
    assert document["sot_force_per_current_per_theta_SH_N_per_A_m2"] == pytest.approx(
        document["sot_force_per_current_N_per_A_m2"] / MATERIAL.theta_SH)
    assert document["theta_SH"] == MATERIAL.theta_SH
    assert [r["j_A_per_m2"] for r in document["sot_runs"]] == [2e10, 4e10]
    pair = document["pair"]
    assert pair["U0_J"] > 0 and 2e-9 < pair["xi_m"] < 10e-9 and pair["R0_m"] == pytest.approx(profile.radius)
    assert pair["rotation_to_separation_ratio"] == pytest.approx(pair["expected_ratio_minus_G_over_alpha_D"],
                                                                 rel=0.08)
    assert all(f > 0 for _, f in pair["samples"])
    edge = document["edge"]
    assert edge["F0_N"] > 0 and edge["xi_m"] > 0 and len(edge["samples"]) > 3
    radii = [row["radius_m"] for row in document["radius_vs_field"]]
    assert radii[0] > radii[1]
    assert document["llg_settings"]["cell_m"] == 0.5e-9
