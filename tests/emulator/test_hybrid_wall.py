"""The multilayer's hybrid wall (emulator/hybrid_wall.py) against its published limits.

References: the thin-film Neel-wall magnetostatic energy mu0 Ms^2 t ln2 / pi and the critical DMI
D_c = 2 ln2 mu0 Ms^2 t / pi^2 above which a thin-film wall is fully Neel (Tarasenko et al., JMMM 189, 19 (1998);
Thiaville et al., EPL 100, 57002 (2012)); the bulk Neel-wall volume-charge energy mu0 Ms_eff^2 Delta per area of
a thick effective medium (Hubert and Schaefer, Magnetic Domains, section 3.6); flux closure of the domains' stray
field (Lemesh and Beach, PRB 98, 104402 (2018)).
"""
import dataclasses
import math

import numpy as np
import pytest
from scipy import integrate

from emulator.bubble import BubbleModel
from emulator.hybrid_wall import HybridWall, _sigma_at, surface_charge_saving
from emulator.material import MU0
from emulator.presets import GDFECO_EXPERIMENT
from emulator.stripe_domains import StripeDomainModel

THIN = dataclasses.replace(GDFECO_EXPERIMENT, repeats=1, period=0.0, thickness=0.2e-9, D=0.0)
"""One GdFeCo layer much thinner than its wall width (t / Delta = 0.013)."""


def test_single_thin_layer_neel_wall_costs_the_thin_film_energy():
    expected = MU0 * THIN.Ms**2 * THIN.thickness * math.log(2) / math.pi
    assert HybridWall(THIN).neel_charge_energy == pytest.approx(expected, rel=0.02)


@pytest.mark.parametrize("ratio", [0.0, 0.5, 0.9, 1.5])
def test_single_thin_layer_turns_neel_at_the_critical_dmi(ratio):
    """Below D_c the optimum cos psi is D / D_c; above it the wall is fully Neel."""
    d_c = 2 * math.log(2) * MU0 * THIN.Ms**2 * THIN.thickness / math.pi**2
    wall = HybridWall(dataclasses.replace(THIN, D=ratio * d_c))
    assert wall.cosines[0] == pytest.approx(min(ratio, 1.0), abs=0.02)


def test_fine_stack_tends_to_the_neel_wall_of_the_effective_medium_slab():
    """P << Delta: the stacked Neel charges cost what a uniform slab of Ms_eff and thickness h = N P costs,
    (mu0 Ms_eff^2 / 2)(1 / pi) int g^2 [h - (1 - exp(-k h)) / k] dk per unit length (independent quadrature),
    which tends to the bulk Neel wall mu0 Ms_eff^2 Delta h for h >> Delta (the log finite-thickness term still
    lowers it by about a quarter at h = 13 Delta)."""
    fine = dataclasses.replace(GDFECO_EXPERIMENT, repeats=100, thickness=1.0e-9, period=2.0e-9, D=0.0)
    delta, h = HybridWall(fine).width, fine.stack_thickness

    def integrand(k):
        return (math.pi * delta / math.cosh(math.pi * k * delta / 2)) ** 2 * (h + math.expm1(-k * h) / k)

    slab = integrate.quad(integrand, 0.0, 40.0 / delta, limit=400)[0] / math.pi
    expected = 0.5 * MU0 * fine.ms_effective**2 * slab / fine.magnetic_thickness
    assert HybridWall(fine).neel_charge_energy == pytest.approx(expected, rel=0.01)
    assert expected < MU0 * fine.Ms * fine.ms_effective * delta


def test_without_dmi_the_stray_field_closes_the_flux():
    """D = 0: the upper and lower halves take opposite Neel chiralities (c_i = -c_{N-1-i}), outer layers Neel."""
    c = HybridWall(dataclasses.replace(GDFECO_EXPERIMENT, D=0.0)).cosines
    np.testing.assert_allclose(c, -c[::-1], atol=1e-9)
    assert abs(c[0]) == pytest.approx(1.0) and np.all(np.abs(c[8:12]) < 0.5)


def test_gdfeco_wall_is_neel_and_costs_its_charges():
    """D = 0.98 mJ/m^2 holds all 20 layers Neel at the 8.3 nm wall; sigma lies between the pure-Neel value without
    charges and that value plus the full charge energy, minimised: at most the all-Neel energy."""
    wall = HybridWall(GDFECO_EXPERIMENT)
    m = GDFECO_EXPERIMENT
    assert np.count_nonzero(wall.cosines > 0.99) == 20
    plain = wall.bloch_energy - math.pi * m.D
    all_neel = plain + wall.neel_charge_energy
    assert plain < wall.wall_energy <= all_neel
    assert wall.wall_energy == pytest.approx(wall.bloch_energy + wall.energy(wall.cosines) / m.magnetic_thickness)
    # This module's value at the preset's A, recorded 2026-12-07 (0.455 mJ/m^2 at the former A 6.74 pJ/m).
    assert wall.wall_energy == pytest.approx(0.630e-3, rel=0.02)


def test_wall_width_minimises_the_wall_energy():
    wall = HybridWall(GDFECO_EXPERIMENT)
    best = _sigma_at(GDFECO_EXPERIMENT, wall.width)
    assert best == pytest.approx(wall.wall_energy, rel=1e-9)
    assert _sigma_at(GDFECO_EXPERIMENT, 0.9 * wall.width) > best
    assert _sigma_at(GDFECO_EXPERIMENT, 1.1 * wall.width) > best


def test_single_thin_layer_is_the_thin_film_bloch_wall():
    """One layer with t << Delta: the m_z charges save the local mu0 Ms^2 Delta, so the variational wall is the
    thin-film Bloch wall, width sqrt(A / (Ku - mu0 Ms^2 / 2)) and energy 4 sqrt(A K_eff) (D = 0)."""
    wall = HybridWall(THIN)
    assert surface_charge_saving(THIN, THIN.wall_width) == pytest.approx(-MU0 * THIN.Ms**2 * THIN.wall_width,
                                                                          rel=0.05)
    assert wall.width == pytest.approx(THIN.wall_width, rel=0.01)
    assert wall.wall_energy == pytest.approx(4 * math.sqrt(THIN.A * THIN.K_eff), rel=0.03)


def test_bubbles_and_stripes_share_the_wall_energy():
    sigma = HybridWall(GDFECO_EXPERIMENT).wall_energy
    assert BubbleModel(GDFECO_EXPERIMENT).wall_energy == sigma
    assert StripeDomainModel(GDFECO_EXPERIMENT).wall_energy == sigma


def test_layered_stack_wall_realises_only_the_layering_part_of_the_shape_saving():
    """In the stack the wall's m_z charges (+-Ms m_z(x) at the top and bottom of every layer) save only about the
    layering part (1 - f) of the thin-layer local saving mu0 Ms^2 Delta: the rest is the effective medium's
    non-local demag, which the domain theory counts. Checked against an independent sum over all 40 x 40 charge
    sheets (the module groups sheets by separation). A dense stack (f = 1, a thick film) saves much less still."""
    m = GDFECO_EXPERIMENT
    n, t, p = m.repeats, m.thickness, m.stack_period
    delta = HybridWall(m).width
    u = np.concatenate((np.geomspace(1e-6, 1e-2, 200)[:-1], np.linspace(1e-2, 80.0, 40000)))
    k = u / delta
    z = np.concatenate((np.arange(n) * p + t, np.arange(n) * p))
    sign = np.concatenate((np.ones(n), -np.ones(n)))
    gap = np.abs(z[:, None] - z[None, :])
    pair = (sign[:, None] * sign[None, :]).ravel()
    q = np.array([pair @ np.exp(-kk * gap.ravel()) for kk in k]) / (2 * k)
    tanh2 = (math.pi * delta / np.sinh(math.pi * u / 2)) ** 2
    independent = 0.5 * MU0 * m.Ms**2 * np.trapezoid((tanh2 - 4 / k**2) * q, k) / math.pi / m.magnetic_thickness
    local = -MU0 * m.Ms**2 * delta
    assert surface_charge_saving(m, delta) == pytest.approx(independent, rel=0.01)
    assert independent == pytest.approx((1 - m.fill_factor) * local, rel=0.2)
    dense = dataclasses.replace(m, repeats=40, period=2e-9, thickness=2e-9, D=0.0)
    assert surface_charge_saving(dense, delta) > 0.3 * local


def test_gdfeco_anisotropy_follows_the_layered_in_plane_saturation_field():
    """Uniform layers: mu0 Hk Ms_eff / 2 = f (Ku - mu0 Ms^2 / 2) with the paper's 0.4 T (emulator/gdfeco_preset.py)."""
    m = GDFECO_EXPERIMENT
    assert 2 * m.fill_factor * m.K_eff / m.ms_effective == pytest.approx(0.400, rel=1e-9)
