"""Radial continuum minimiser: the oracle for the skyrmion radius and the Thiele integrals."""
import math

import numpy as np
import pytest

from emulator.presets import CHAMBER_150NM
from emulator.skyrmion_profile import _energy_and_gradient, ansatz_profile, relax_profile


def test_chamber_diameter_matches_the_paper():
    """Paper Methods: relaxed diameter ~7.3 nm at 200 mT (physics.md: close to the bare-K, no-demag value)."""
    profile = relax_profile(CHAMBER_150NM, 0.2, "none")
    assert 2 * profile.radius == pytest.approx(7.3e-9, rel=0.05)


def test_local_demag_gives_a_larger_skyrmion():
    """K_eff = Ku - mu0 Ms^2/2 < Ku softens the film: physics.md section 5 says the skyrmion grows."""
    assert relax_profile(CHAMBER_150NM, 0.2, "local").radius > 1.2 * relax_profile(CHAMBER_150NM, 0.2, "none").radius


def test_radius_shrinks_with_field():
    radii = [relax_profile(CHAMBER_150NM, b, "none").radius for b in (0.0, 0.1, 0.2, 0.4)]
    assert all(a > b for a, b in zip(radii, radii[1:]))


def test_relaxed_profile_is_a_minimum():
    """Any small smooth perturbation of the relaxed profile raises the discrete energy."""
    m = CHAMBER_150NM
    profile = relax_profile(m, 0.2, "none")
    constants = (m.A, m.D, m.Ku, m.Ms * 0.2)
    base, grad = _energy_and_gradient(profile.r, profile.theta, *constants)
    assert np.abs(grad[1:-1]).max() < 1e-9 * abs(base) / (profile.r[1] - profile.r[0]) * 1e3
    bump = 0.01 * np.exp(-((profile.r - profile.radius) / 2e-9) ** 2)
    for sign in (1, -1):
        energy, _ = _energy_and_gradient(profile.r, profile.theta + sign * bump, *constants)
        assert energy > base


def test_gradient_matches_finite_differences():
    m = CHAMBER_150NM
    profile = ansatz_profile(4e-9, 4e-9, points=201)
    constants = (m.A, m.D, m.Ku, m.Ms * 0.2)
    _, grad = _energy_and_gradient(profile.r, profile.theta, *constants)
    for i in (20, 50, 100):
        step = 1e-6
        up = profile.theta.copy()
        up[i] += step
        down = profile.theta.copy()
        down[i] -= step
        numeric = (_energy_and_gradient(profile.r, up, *constants)[0]
                   - _energy_and_gradient(profile.r, down, *constants)[0]) / (2 * step)
        assert grad[i] == pytest.approx(numeric, rel=1e-5)


@pytest.mark.parametrize("ratio", [5.0, 10.0, 20.0])
def test_wall_ansatz_integrals_reach_their_thin_wall_limits(ratio):
    """physics.md section 1: D -> 2 pi (R/w + w/R) and I -> pi^2 R for R >> w."""
    profile = ansatz_profile(ratio * 1e-9, 1e-9, points=20001)
    assert profile.dissipation_integral == pytest.approx(2 * math.pi * (ratio + 1 / ratio), rel=0.01)
    assert profile.sot_integral == pytest.approx(math.pi**2 * ratio * 1e-9, rel=0.01)
