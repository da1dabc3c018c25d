"""The point-dipole stray field (`emulator.llg.tip_field.TipField`) against its closed form (Jackson eq. 5.56):
B_z = Bz0 under the dipole, B_z = 0 at r = sqrt(2) h, in-plane part radial (outward for Bz0 < 0 with the dipole
above the film, inward below), and div B = 0 (checked on the in-plane field's radial profile:
d(r B_r)/(r dr) + dB_z/dz = 0 with dB_z/dz from the closed form's z derivative)."""
import math

import numpy as np
import pytest

from emulator.llg import Magnet, Mesh, TipField

H = 6e-9


def _magnet():
    return Magnet.full(Mesh(81, 81, 0.5e-9, 0.5e-9, 0.4e-9), 5e5)


def test_tip_field_profile():
    magnet = _magnet()
    centre = (20.25e-9, 20.25e-9)  # the middle cell's centre
    b = TipField(-5.0, centre, H).field_map(magnet)
    assert b[2, 40, 40] == pytest.approx(-5.0, rel=1e-12)
    r = math.sqrt(2.0) * H
    x, y = magnet.mesh.centres()
    radius = np.hypot(x - centre[0], y - centre[1])
    near = np.abs(radius - r) < 0.3e-9
    assert np.all(np.abs(b[2][near]) < 0.2)  # B_z changes sign there (|dB_z/dr| ~ 0.6 T/nm)
    radial = ((x - centre[0]) * b[0] + (y - centre[1]) * b[1]) / np.where(radius > 0, radius, 1.0)
    tangential = (-(y - centre[1]) * b[0] + (x - centre[0]) * b[1]) / np.where(radius > 0, radius, 1.0)
    ring = (radius > 2e-9) & (radius < 15e-9)
    assert np.all(radial[ring] > 0.0) and np.max(np.abs(tangential)) < 1e-12
    below = TipField(-5.0, centre, H, side=-1).field_map(magnet)
    np.testing.assert_allclose(below[:2], -b[:2], atol=1e-15)
    np.testing.assert_allclose(below[2], b[2], atol=1e-15)


def test_tip_field_is_divergence_free():
    # B_r(r, z) and B_z(r, z) of the dipole at height H, evaluated at z = 0 and z = +-dz from the same formula
    # the term uses (shifting the height by dz is moving the film by -dz; the moment, Bz0 h^3, is kept).
    magnet = _magnet()
    centre = (20.25e-9, 20.25e-9)
    dz = 1e-12
    fields = {h: TipField(-5.0 * (H / h) ** 3, centre, h, label=str(h)).field_map(magnet)
              for h in (H - dz, H, H + dz)}
    x, y = magnet.mesh.centres()
    r = np.hypot(x - centre[0], y - centre[1])[40, 41:75]
    br = fields[H][0, 40, 41:75]
    dbz_dz = (fields[H - dz][2, 40, 41:75] - fields[H + dz][2, 40, 41:75]) / (2 * dz)  # film moved up = h smaller
    rbr = r * br
    div = np.gradient(rbr, r) / r + dbz_dz
    # second-order differences on the 0.5 nm grid across a 6 nm profile: ~2 % (a sign error would give ~100 %)
    assert np.max(np.abs(div[2:-2])) < 0.04 * np.max(np.abs(dbz_dz))
