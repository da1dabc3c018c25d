"""Depression from a mechanism (emulator/thiele/rates.py, lifecycle.py): the damping-like SOT on a Neel texture
of fixed chirality chi expands it under nominal current of sign chi and compresses it under -chi (ref. 11 of the
paper, Woo et al., Nat. Electron. 1, 288 (2018): one site creates and deletes a skyrmion under bipolar pulses).
Field and SOT drive add in one saddle-node distance, so the field step of the paper's depression (140 -> 144 mT)
moves both the annihilation and the nucleation thresholds at every current."""
import numpy as np
import pytest

from emulator.experiment import run_protocol
from emulator.presets import gdfeco_experiment
from emulator.pulse_protocols import fig2b
from emulator.thiele.rates import annihilation_barrier, nucleation_barrier

E0, B_A, B_REF, J_A = 3.4e-19, 0.180, 0.140, 2.9e10


def test_compressing_current_lowers_and_expanding_current_raises_the_annihilation_barrier():
    rest = annihilation_barrier(E0, B_A, B_REF, J_A, B_REF, 0.0)
    assert rest == pytest.approx(E0)
    assert annihilation_barrier(E0, B_A, B_REF, J_A, B_REF, 0.5 * J_A) == pytest.approx(E0 * 0.5**1.5)
    assert annihilation_barrier(E0, B_A, B_REF, J_A, B_REF, -0.5 * J_A) > rest
    # field and current add: 4 mT is a tenth of the way to B_a, so it costs a tenth of j_a
    assert annihilation_barrier(E0, B_A, B_REF, J_A, 0.144, 0.4 * J_A) == pytest.approx(
        annihilation_barrier(E0, B_A, B_REF, J_A, 0.140, 0.5 * J_A))


def test_nucleation_threshold_moves_with_field_and_defects_answer_either_polarity():
    e0, moment, jc = 4e-19, 7.7e-17, 2e10
    width = 1.5 * e0 / moment   # the field over which the barrier's distance changes by 1 at j = 0 (T)
    assert nucleation_barrier(e0, moment, B_REF, jc, 1, B_REF, jc) == 0.0
    assert nucleation_barrier(e0, moment, B_REF, jc, 1, B_REF, -jc) == -1.0      # compressing: never
    assert nucleation_barrier(e0, moment, B_REF, jc, 0, B_REF, -jc) == 0.0       # defect: either sign
    # at B_ref + 0.5 width the critical current is 1.5 jc
    assert nucleation_barrier(e0, moment, B_REF, jc, 0, B_REF + 0.5 * width, 1.49 * jc) > 0.0
    assert nucleation_barrier(e0, moment, B_REF, jc, 0, B_REF + 0.5 * width, 1.51 * jc) == 0.0


def test_nucleus_moment_is_the_reversed_column_of_one_wall_width():
    from emulator.hybrid_wall import HybridWall
    from emulator.presets import GDFECO_EXPERIMENT as m

    moment = gdfeco_experiment().model.nucleation.nucleus_moment
    assert moment == pytest.approx(2 * m.Ms * np.pi * HybridWall(m).width**2 * m.magnetic_thickness)


@pytest.mark.slow
def test_depression_at_140_mT_removes_fewer_and_writes_more_than_at_144_mT():
    preset = gdfeco_experiment()
    remaining, written = {}, {}
    for field in (0.144, 0.140):
        remaining[field], written[field] = 0, 0
        for seed in (0, 1):
            result = run_protocol(preset, fig2b(depression_field=field), seed)
            dep = [row for row in result.rows if row.phase == "depression"]
            remaining[field] += dep[7].reading.n_inside   # half-way through the depression ramp
            t0 = dep[0].reading.time - 2e-6
            written[field] += sum(1 for t, kind, *_ in result.events if kind == "nucleated" and t > t0)
    # Half-way through the reversed ramp, seeds 0 + 1: 21 skyrmions left at 140 mT, 8 at 144 mT.
    assert remaining[0.140] > 1.5 * remaining[0.144]
    # Writes during depression, seeds 0 + 1: 100 at 140 mT, 90 at 144 mT. With the 15.7 nm wall of the old
    # (double-counted) wall energy the nucleus moment was 4x larger and the field step mattered more (12 and 53
    # for seed 0 at 144 and 140 mT); with the consistent 7.9 nm wall it barely moves the writes.
    assert written[0.140] > written[0.144]
