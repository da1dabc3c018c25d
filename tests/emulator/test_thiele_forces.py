"""Force laws of the particle model, each against its formula or an independent implementation."""
import math

import numpy as np
import pytest
from scipy.special import k1

from emulator.thiele.dipolar import DipolarRepulsion, pair_kernel
from emulator.thiele.exchange_tail import ExchangeRepulsion, bessel_k1
from emulator.thiele.force_field import ForceField
from emulator.thiele.pinning import Pinning, apply_threshold, well_force
from emulator.thiele.sot import SOTDrive


@pytest.mark.parametrize("x", [0.01, 0.3, 1.0, 1.99, 2.0, 2.01, 5.0, 30.0])
def test_bessel_k1_matches_scipy(x):
    assert bessel_k1(x) == pytest.approx(k1(x), rel=2e-7)


def test_dipolar_kernel_derivative():
    h = 260e-9
    for rho in (200e-9, 600e-9, 2e-6):
        step = rho * 1e-6
        numeric = -(pair_kernel(rho + step, h)[0] - pair_kernel(rho - step, h)[0]) / (2 * step)
        assert pair_kernel(rho, h)[1] == pytest.approx(numeric, rel=1e-5)


def test_sot_coefficient():
    """k = N hbar theta eta / 2e: 20 layers, theta 0.1, eta 3 -> 20 * 3.291e-16 * 0.3 N per (A/m^2 m)."""
    assert SOTDrive(theta_SH=0.1, layers=20, heavy_metal_share=3.0).coefficient == pytest.approx(
        20 * 1.054571817e-34 / (2 * 1.602176634e-19) * 0.3, rel=1e-9)


def test_threshold_is_dry_friction():
    assert apply_threshold(3.0, 4.0, 5.0) == (0.0, 0.0, True)
    fx, fy, pinned = apply_threshold(6.0, 8.0, 5.0)
    assert (fx, fy, pinned) == (pytest.approx(3.0), pytest.approx(4.0), False)


def test_well_pulls_towards_its_centre():
    wells = np.array([[0.0, 0.0, 1e-18, 100e-9]])
    fx, fy = well_force(wells, 50e-9, 0.0)
    assert fx < 0 and fy == 0.0
    # F = -(2 U0 / a^2) r exp(-r^2/a^2)
    assert fx == pytest.approx(-2e-18 / 1e-14 * 50e-9 * math.exp(-0.25))


def test_terms_compose_and_duplicates_are_rejected():
    field = SOTDrive(0.1) + DipolarRepulsion(1e5, 1e-7) + Pinning(1e-12)
    assert isinstance(field, ForceField) and len(field.terms) == 3
    with pytest.raises(ValueError, match="duplicate"):
        field + SOTDrive(0.2)
    with pytest.raises(ValueError, match="duplicate"):
        ExchangeRepulsion(1e-20, 1e-9, 1e-9) + ExchangeRepulsion(2e-20, 1e-9, 1e-9)
