"""The LLG edge-escape experiment (emulator/llg/calibration/edge_escape.py) on a small box: a skyrmion placed with
its rim inside the escape gap leaves through the edge, one placed outside it is pushed away."""
import dataclasses

import pytest

from emulator.chamber_preset import CHAMBER_150NM
from emulator.llg.calibration.edge_escape import chamber_settings, closest_approach, escape_run

NM = 1e-9


@pytest.fixture(scope="module")
def settings():
    # 40 nm across is enough: the skyrmion decides within ~30 ps, 10-20 nm from the edge.
    return dataclasses.replace(chamber_settings(0.2), edge_box=(40e-9, 32e-9))


def test_inside_the_gap_the_skyrmion_leaves_through_the_edge(settings):
    run = escape_run(CHAMBER_150NM, settings, 3.0 * NM, duration=0.2e-9)
    assert run.escaped
    assert run.t[-1] < 0.1e-9     # it goes fast once the rim and the edge's border touch


def test_outside_the_gap_the_edge_squeezes_and_pushes_it_away(settings):
    run = escape_run(CHAMBER_150NM, settings, 5.0 * NM, duration=0.2e-9)
    assert not run.escaped
    assert run.distance[-1] > run.distance[0] + 0.5 * NM
    gap, distance, radius = closest_approach(run)
    assert radius < 0.8 * run.radius[0]          # squeezed next to the edge (4.9 -> ~3.6 nm)
    assert gap == pytest.approx(distance - radius)
