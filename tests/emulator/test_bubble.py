"""Effective-medium bubble model of the thick Pt/GdFeCo/MgO multilayer."""
import dataclasses
import math

import numpy as np
import pytest

from emulator.bubble import BubbleModel
from emulator.domain_model import DomainModel
from emulator.hybrid_wall import HybridWall
from emulator.material import MU0
from emulator.presets import GDFECO_EXPERIMENT
from emulator.stripe_domains import StripeDomainModel


def test_sparse_diameter_at_140_mT_from_the_hybrid_wall():
    """The bubble model with the hybrid-wall energy (emulator/hybrid_wall.py) gives 211 nm at 140 mT (this
    model's value with A fitted to the film's saturation field, stripes or bubble lattice, recorded 2026-12-07;
    224 nm when A was fitted to the stripes alone); the paper (section II.B) measures 285 +- 25 nm. Issue 11
    found no model error behind the miss (benchmarks/bubble_size_gap.py): with A fitted to the 160 mT saturation
    field the size depends only on Ms_eff, the stack thickness and the field; 285 nm needs Ms_eff ~ 226 kA/m
    (VSM: 190) or 124.7 mT at the sample, and a saturation criterion above the film's (the bubble's collapse
    field B_c) gives a smaller skyrmion (196 nm)."""
    radius = BubbleModel(GDFECO_EXPERIMENT).radius_table(np.array([0.140]), 3e-6)[0]
    assert 2 * radius == pytest.approx(211e-9, abs=3e-9)
    assert 2 * radius < 285e-9 - 25e-9


def test_isolated_skyrmion_outlives_the_stripes_up_to_its_zero_energy_and_collapse_fields():
    """Thiele's ordering B_s(stripes) < B_0 < B_c: above the stripes' saturation field an isolated skyrmion still
    has negative energy up to B_0 and a radius up to its collapse field B_c. Between them the bubble lattice is
    the film's equilibrium (emulator/domain_model.py), so the film saturates just below B_0 (the lattice constant
    diverges there). A swept film cannot saturate below that field, and the paper's 'saturated at 160 mT' bounds
    it from above: the preset's fit (B_s = 160 mT) gives the largest sigma-limited skyrmion compatible with it
    (issue 11). Values recorded 2026-12-07 (with A fitted to the stripes alone: B_0 171.5, B_c 179.0 mT)."""
    model = BubbleModel(GDFECO_EXPERIMENT)
    zero, collapse = model.field_landmarks(3e-6, 0.4)
    b_s = StripeDomainModel(GDFECO_EXPERIMENT).saturation_field()
    assert b_s < zero < collapse < MU0 * GDFECO_EXPERIMENT.ms_effective
    assert DomainModel(GDFECO_EXPERIMENT).saturation_field() == pytest.approx(zero, abs=0.001)
    assert zero == pytest.approx(0.1605, abs=0.002)
    assert collapse == pytest.approx(0.169, abs=0.002)
    radius, energy = model.equilibrium_energy(np.array([0.140, zero - 0.001, zero + 0.001]), 3e-6)
    assert energy[0] < 0 and energy[1] < 0 < energy[2]
    assert energy[0] == pytest.approx(model.energy(radius[0], 0.140)[0], rel=1e-5)   # parabola vertex vs E(R*)


def test_size_depends_on_the_wall_only_through_sigma():
    """With A fitted to the saturation field, the wall's make-up cannot move the skyrmion size (issue 11,
    candidate 3): a weaker DMI (0.6 mJ/m^2, where one layer twists at the preset's A) at the A that restores
    sigma (3.33 pJ/m, benchmarks/bubble_size_gap.py) has a narrower wall but the same B_s and the same 211 nm."""
    weak = dataclasses.replace(GDFECO_EXPERIMENT, D=0.6e-3, A=3.33e-12)
    wall, reference = HybridWall(weak), HybridWall(GDFECO_EXPERIMENT)
    assert wall.width < 0.7 * reference.width
    assert wall.wall_energy == pytest.approx(reference.wall_energy, rel=0.01)
    fields = np.array([0.140])
    assert BubbleModel(weak).radius_table(fields, 3e-6)[0] == pytest.approx(
        BubbleModel(GDFECO_EXPERIMENT).radius_table(fields, 3e-6)[0], abs=1e-9)
    assert DomainModel(weak).saturation_field() == pytest.approx(0.160, abs=0.001)


def test_radius_falls_with_field():
    radii = BubbleModel(GDFECO_EXPERIMENT).radius_table(np.array([0.12, 0.14, 0.16, 0.165]), 3e-6)
    assert np.all(np.diff(radii) < 0)
    assert np.isnan(BubbleModel(GDFECO_EXPERIMENT).radius_table(np.array([0.175]), 3e-6)[0])  # collapsed (B_c 169 mT)


def test_thin_column_limit_of_the_magnetostatic_energy():
    """For R << h the reversed column gains -2 mu0 Ms_eff^2 pi R^2 h (reversal in the film's demag field)."""
    model = BubbleModel(GDFECO_EXPERIMENT)
    R = 2e-9
    expected = -2 * MU0 * model.material.ms_effective**2 * math.pi * R**2 * model.material.stack_thickness
    assert model.magnetostatic_energy(R)[0] == pytest.approx(expected, rel=0.02)


def test_pair_energy_tends_to_dipole_dipole():
    """At rho >> h two columns interact as parallel dipoles side by side: E = mu0 m^2 / (4 pi rho^3)."""
    model = BubbleModel(GDFECO_EXPERIMENT)
    R, rho = 100e-9, 50e-6
    moment = 2 * model.material.ms_effective * math.pi * R**2 * model.material.stack_thickness
    assert model.pair_energy(rho, R, R) == pytest.approx(MU0 * moment**2 / (4 * math.pi * rho**3), rel=1e-3)
