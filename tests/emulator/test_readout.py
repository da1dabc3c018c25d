"""Readout: each skyrmion counts with the part of its disc inside the effective area."""
import math

import numpy as np
import pytest

from emulator.geometry import Circle, Rectangle
from emulator.readout import HallReadout, MTJReadout, reversed_area


def monte_carlo_overlap(area, x, y, r, samples=400_000, seed=1):
    rng = np.random.default_rng(seed)
    px = x + r * (2 * rng.random(samples) - 1)
    py = y + r * (2 * rng.random(samples) - 1)
    in_disc = (px - x) ** 2 + (py - y) ** 2 <= r * r
    return (2 * r) ** 2 * np.mean(in_disc & area.contains(px, py))


@pytest.mark.parametrize("x", [0.0, 1.9, 2.0, 2.1, 2.4])
def test_disc_overlap_with_the_circular_area(x):
    area = Circle(0.0, 0.0, 2.0)
    exact = reversed_area(area, np.array([x]), np.array([0.0]), np.array([0.3]))
    assert exact == pytest.approx(monte_carlo_overlap(area, x, 0.0, 0.3), abs=0.004)


@pytest.mark.parametrize("x", [0.5, 0.05, -0.05])
def test_disc_overlap_with_the_box_across_one_side(x):
    box = Rectangle(0.0, 0.0, 1.0, 1.0)
    exact = reversed_area(box, np.array([x]), np.array([0.5]), np.array([0.1]))
    assert exact == pytest.approx(monte_carlo_overlap(box, x, 0.5, 0.1), abs=3e-4)


def test_one_skyrmion_changes_the_hall_resistivity_by_its_area():
    """Delta rho = -2 rho_AH pi R^2 / A_eff: an output of the radius, not a parameter."""
    hall = HallReadout(rho_ah=1e-8, ordinary_coefficient=-1.5e-11, thickness=260e-9)
    area = Circle(0.0, 0.0, 2.25e-6)
    f = reversed_area(area, np.array([0.0]), np.array([0.0]), np.array([142e-9])) / area.area
    change = hall.resistivity(f, 0.14) - hall.resistivity(0.0, 0.14)
    assert change == pytest.approx(-2e-8 * (142e-9 / 2.25e-6) ** 2)


def test_ordinary_hall_term_is_the_papers():
    """Paper Methods: R0 = -1.5e-11 Ohm m/T gives -0.21 nOhm cm at 140 mT."""
    hall = HallReadout(rho_ah=1e-8, ordinary_coefficient=-1.5e-11, thickness=260e-9)
    ordinary = hall.resistivity(0.0, 0.14) - hall.resistivity(0.0, 0.0)
    assert ordinary * 1e11 == pytest.approx(-0.21)


def test_mtj_conductance_spans_ron_to_roff():
    mtj = MTJReadout(parallel_resistance=3e3, tmr=2.0)
    assert mtj.conductance(0.0) == pytest.approx(1 / 3e3)
    assert mtj.conductance(1.0) == pytest.approx(1 / 9e3)
    assert math.isclose(mtj.conductance(0.5), 0.5 / 3e3 + 0.5 / 9e3)
