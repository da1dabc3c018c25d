"""Newell demag tensor and the demag term against closed-form limits.

References: a cube's self-demag factors are 1/3 each (symmetry, N_xx + N_yy + N_zz = 1); the tensor of an
infinite thin film sums to N_zz = 1, N_xx = N_yy = 0 (a uniformly magnetised plane has H = -M_z); far from the
source the cell tensor tends to the point dipole (Newell et al., JGR 98, 9551 (1993)).
"""
import numpy as np
import pytest

from emulator.llg import Demag, Magnet, Mesh
from emulator.llg.newell import cell_tensor, dipole_tensor, layer_tensor
from emulator.material import MU0


def test_cube_self_demag_is_one_third():
    nxx, nyy, nzz, nxy = cell_tensor(0.0, 0.0, 0.0, 2e-9, 2e-9, 2e-9)
    assert (nxx, nyy, nzz) == pytest.approx((1 / 3, 1 / 3, 1 / 3), abs=1e-12)
    assert nxy == pytest.approx(0.0, abs=1e-15)


def test_thin_film_sum_rule():
    nxx, nyy, nzz, nxy = (a.sum() for a in layer_tensor(400, 400, 1e-9, 1e-9, 0.4e-9))
    assert nzz == pytest.approx(1.0, abs=2e-3)  # finite 400 x 400 film: edge leakage ~ t / L
    assert abs(nxx) < 1e-3 and abs(nyy) < 1e-3 and abs(nxy) < 1e-9


def test_far_field_matches_point_dipole():
    X, Y = np.array([30e-9, 12e-9]), np.array([7e-9, 25e-9])
    newell = cell_tensor(X, Y, 0 * X, 1e-9, 1e-9, 0.4e-9)
    dipole = dipole_tensor(X, Y, 0 * X, 0.4e-27)
    for a, b in zip(newell, dipole):
        np.testing.assert_allclose(a, b, rtol=5e-3)


def test_uniform_film_field_and_local_mode_agree_in_the_interior():
    magnet = Magnet.full(Mesh(64, 64, 2e-9, 2e-9, 1e-9), 8e5)
    m = magnet.uniform((0.0, 0.0, 1.0))
    full, local = np.zeros_like(m), np.zeros_like(m)
    Demag("full").add_field(m, full, magnet)
    Demag("local").add_field(m, local, magnet)
    assert local[2, 32, 32] == pytest.approx(-MU0 * 8e5)
    assert full[2, 32, 32] == pytest.approx(-MU0 * 8e5, rel=0.03)  # 128 nm film, 1 nm thick
