"""`skybench validate`'s fig4b rows: the shipped chamber particle preset against the stored LLG trajectories.

Fast tests check the rows' machinery on short synthetic references (a reference made from the particle run
itself must give zero deviation; one shifted by more than the bound must fail); the slow test runs the rows of
every stored reference (emulator/calibrations/llg_reference/fig4b_*.json; particles only, no LLG run).
"""
import dataclasses

import numpy as np
import pytest

from emulator.llg.validation import CHECKS, fig4b_reference
from skybench.errors import DataError
from skybench.formats.llg_reference import ReferenceTrajectory, write_reference

SETTINGS = {"amplitude_A_per_m2": 4e10, "Bz_T": 0.2, "width_s": 0.05e-9, "period_s": 0.15e-9, "theta_SH": 0.9,
            "pad_write": "entrance", "pad_blockade_m": 35e-9, "entrance_centre_m": [8e-9, 83e-9],
            "current": "uniform", "demag": "local", "pulses_per_phase": 12}
"""Settings of a short reference, in the keys of the LLG reference writer (emulator/llg/reference.py)."""
PULSES = 12
"""Pulses per phase of the synthetic references (dimensionless)."""


def _reference(in_chamber, created=None, condition="short", **settings):
    n = len(in_chamber)
    created = np.maximum.accumulate(np.asarray(in_chamber)) if created is None else created
    return ReferenceTrajectory(condition=condition, preset="chamber_150nm", protocol="fig4b", command="test",
                               settings={**SETTINGS, **settings}, pulse=np.arange(1, n + 1),
                               phase=(("potentiation",) * PULSES + ("depression",) * PULSES)[:n],
                               in_chamber=np.asarray(in_chamber, dtype=np.int64),
                               created=np.asarray(created, dtype=np.int64), exited=np.zeros(n, dtype=np.int64))


def _particle_reference():
    draft = _reference(np.zeros(2 * PULSES, dtype=int))
    run = fig4b_reference.run_particles(draft)
    return dataclasses.replace(draft, in_chamber=run.in_chamber, created=run.created), run


def test_bounds_are_the_issues():
    # issue 10: max <= max(3, 15 % of the LLG peak), RMS <= max(2, 10 % of the peak)
    assert fig4b_reference.max_tolerance(10) == 3.0 and fig4b_reference.max_tolerance(40) == pytest.approx(6.0)
    assert fig4b_reference.rms_tolerance(10) == 2.0 and fig4b_reference.rms_tolerance(40) == pytest.approx(4.0)


def test_particle_run_writes_with_the_entrance_rule():
    # The write point lies inside the chamber: the first pulse writes one skyrmion and the chamber holds it;
    # the 35 nm blockade keeps the next write away for several pulses (the LLG reference: 9 pulses; the
    # particles: 7).
    _, run = _particle_reference()
    assert run.in_chamber[0] == 1 and run.created[0] == 1
    assert 1 <= run.created[PULSES - 1] <= PULSES // 3


def test_a_reference_equal_to_the_particle_run_passes_and_a_shifted_one_fails(tmp_path):
    ref, _ = _particle_reference()
    path = write_reference(tmp_path / "fig4b_same.json", ref)
    rows = {r.name: r for r in fig4b_reference.rows(path)}
    assert rows["fig4b_same_max_deviation"].value == 0.0 and rows["fig4b_same_rms_deviation"].value == 0.0
    assert all(r.passed for r in rows.values())
    shifted = dataclasses.replace(ref, condition="shifted", in_chamber=ref.in_chamber + 4)
    path = write_reference(tmp_path / "fig4b_shifted.json", shifted)
    rows = {r.name: r for r in fig4b_reference.rows(path)}
    assert rows["fig4b_shifted_max_deviation"].value == 4.0 and not rows["fig4b_shifted_max_deviation"].passed
    assert not rows["fig4b_shifted_rms_deviation"].passed


def test_a_reference_written_by_another_rule_is_refused(tmp_path):
    path = write_reference(tmp_path / "fig4b_field.json", _reference([0, 0], pad_write="field"))
    with pytest.raises(DataError, match="pad_write"):
        fig4b_reference.rows(path)


def test_every_stored_reference_is_a_validate_check():
    names = {name for name, _, _ in CHECKS}
    files = fig4b_reference.reference_files()
    assert files, "no LLG reference trajectories in emulator/calibrations/llg_reference"
    assert {f"fig4b_{fig4b_reference.condition_of(p)}" for p in files} <= names


KNOWN_GAPS: dict[str, str] = {}
"""Conditions where the particle preset is known to miss its LLG reference on some seed, with the measured gap and
its cause; strict: the test fails as soon as the gap closes on every seed, so the entry must then go."""
SEEDS = (0, 1, 2)
"""Seeds the slow test runs each row with (the validate row itself uses fig4b_reference.SEED = 0): at 0 K the
seed only moves the write draws by a step, but the counts are chaotic enough that a pass must hold on several."""


def _marked(path):
    gap = KNOWN_GAPS.get(fig4b_reference.condition_of(path))
    return pytest.param(path, marks=pytest.mark.xfail(strict=True, reason=gap)) if gap else path


@pytest.mark.slow
@pytest.mark.parametrize("path", [_marked(p) for p in fig4b_reference.reference_files()],
                         ids=fig4b_reference.condition_of)
def test_particle_preset_follows_the_llg_reference(path):
    failed = [(seed, r.name, r.value, r.tolerance) for seed in SEEDS for r in fig4b_reference.rows(path, seed)
              if not r.passed]
    assert not failed
