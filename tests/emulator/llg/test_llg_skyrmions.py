"""Finding, measuring and counting skyrmions; the lattice topological charge; textures; waveforms.

References: the 360-degree wall ansatz th = 2 atan(sinh(R/w)/sinh(r/w)) has m_z = 0 exactly at r = R; a
skyrmion (core -z, film +z) has Q = -1 (Berg-Luescher charge is an integer for a smooth texture).
"""
import pytest

from emulator.llg import Magnet, Mesh, PulseTrain
from emulator.llg import skyrmions
from emulator.llg.textures import neel_skyrmions
from emulator.llg.topology import topological_charge
from emulator.llg.waveform import Piecewise


def _periodic(n=60, cell=0.5e-9):
    return Magnet.full(Mesh(n, n, cell, cell, 1e-9, periodic_x=True, periodic_y=True), 5e5)


def test_radius_centre_and_charge_of_the_ansatz():
    magnet = _periodic()
    m = neel_skyrmions(magnet, [(13.3e-9, 16.1e-9)], radius=5e-9, wall=1.5e-9)
    (found,) = skyrmions.find(magnet, m)
    assert found.radius == pytest.approx(5e-9, rel=0.01)
    assert (found.x, found.y) == pytest.approx((13.3e-9, 16.1e-9), abs=0.05e-9)
    assert found.charge == pytest.approx(-1.0, abs=1e-9)
    assert topological_charge(magnet, m) == pytest.approx(-1.0, abs=1e-9)


def test_reversed_polarity_has_positive_charge():
    magnet = _periodic()
    m = neel_skyrmions(magnet, [(15e-9, 15e-9)], 4e-9, 1.5e-9, background=-1)
    (found,) = skyrmions.find(magnet, m, background=-1)
    assert found.charge == pytest.approx(1.0, abs=1e-9)


def test_skyrmion_across_periodic_corner_is_one_group():
    magnet = _periodic()
    m = neel_skyrmions(magnet, [(0.2e-9, 29.8e-9)], 4e-9, 1.5e-9)
    (found,) = skyrmions.find(magnet, m)
    assert found.radius == pytest.approx(4e-9, rel=0.01)
    assert min(found.x, 30e-9 - found.x) < 0.3e-9 and min(found.y, 30e-9 - found.y) < 0.5e-9


def test_count_and_match_two_skyrmions():
    magnet = _periodic()
    before = skyrmions.find(magnet, neel_skyrmions(magnet, [(8e-9, 8e-9), (22e-9, 20e-9)], 3e-9, 1e-9))
    after = skyrmions.find(magnet, neel_skyrmions(magnet, [(22.5e-9, 20.5e-9), (8.4e-9, 8.2e-9)], 3e-9, 1e-9))
    assert skyrmions.count(magnet, neel_skyrmions(magnet, [(8e-9, 8e-9), (22e-9, 20e-9)], 3e-9, 1e-9)) == 2
    pairs = skyrmions.match(before, after, max_distance=2e-9)
    assert sorted((before[i].x < 15e-9, after[j].x < 15e-9) for i, j in pairs) == [(False, False), (True, True)]


def test_uniform_state_has_no_skyrmion():
    magnet = _periodic()
    assert skyrmions.find(magnet, magnet.uniform()) == []
    assert topological_charge(magnet, magnet.uniform()) == 0.0


def test_pulse_train_values_and_edges():
    train = PulseTrain(4e10, 0.05e-9, 0.15e-9, 3, start=1e-9)
    assert train.value(1e-9) == 4e10 and train.value(1.05e-9) == 0.0 and train.value(1.3e-9) == 4e10
    assert train.value(1.5e-9) == 0.0 and train.value(0.99e-9) == 0.0
    assert train.breakpoints() == pytest.approx((1e-9, 1.05e-9, 1.15e-9, 1.2e-9, 1.3e-9, 1.35e-9))
    summed = train + Piecewise((0.0, 2e-9), (1.0, 0.0))
    assert summed.value(1.0e-9) == 4e10 + 1.0 and summed.value(2.5e-9) == 0.0
