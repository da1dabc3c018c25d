"""Thiele particles against the LLG in the 150 nm chamber: six seeded skyrmions, fig4b pulses of both signs.

The check is a `skybench validate` row group (`thiele_chamber_six_skyrmions`, emulator/llg/validation/
thiele_agreement.py: scenario, measured values, tolerances and what limits the agreement); the slow test runs
those rows. The fast test pins the seeded LLG state the check starts from.
"""
import numpy as np
import pytest

from emulator.llg import skyrmions
from emulator.llg.chamber import Fig4bProtocol, build
from emulator.llg.validation import thiele_agreement
from emulator.presets import MATERIALS
from skybench.errors import ParameterError

NM = 1e-9


def test_seeded_llg_state_holds_the_skyrmions_where_placed():
    # Reference: the seeds themselves; unrelaxed, each placed profile is a full Q = -1 skyrmion centred on its
    # seed to within the centre estimator's discretisation (0.1 nm on the 1 nm grid).
    seeds = thiele_agreement.SEEDS
    geometry = thiele_agreement.no_demag_model().geometry
    protocol = Fig4bProtocol(pad_field=0.0, pulses=1, initial_centres=seeds, initial_iterations=0, current="flow",
                             demag="none")
    system, state, _ = build(MATERIALS["chamber_150nm"], geometry, protocol)
    found = skyrmions.find(system.magnet, state.m)
    xmin, ymin = geometry.bounds[:2]
    centres = np.array([[s.x + xmin, s.y + ymin] for s in found])
    assert [s.charge for s in found] == pytest.approx([-1.0] * len(seeds), abs=0.05)
    partners = thiele_agreement.matching(np.array(seeds), centres)
    assert thiele_agreement.distances(np.array(seeds), centres[partners]).max() <= 0.1 * NM
    with pytest.raises(ParameterError, match="initial_centres"):
        Fig4bProtocol(initial_centres=seeds, initial_skyrmions=4)


@pytest.mark.slow
def test_seeded_chamber_counts_and_centres_agree_with_llg():
    rows = thiele_agreement.chamber_rows()
    assert len(rows) == 5
    assert not [(r.name, r.value, r.tolerance) for r in rows if not r.passed]
