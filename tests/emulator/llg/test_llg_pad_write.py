"""The seeded pad write of the Fig. 4b LLG run: a relaxed skyrmion written into an existing texture.

References: the written texture is the radial profile of `emulator.skyrmion_profile.relax_profile` (its own
m_z = 0 radius), a full skyrmion has Q = -1 (core -z in a +z film), a skyrmion already there keeps its charge,
and the write leaves the texture untouched beyond the profile's tail (`WRITE_THETA_MIN`).
"""
import numpy as np
import pytest

from emulator.llg import Magnet, Mesh, skyrmions
from emulator.llg.chamber import Fig4bProtocol, run
from emulator.llg.textures import WRITE_THETA_MIN, profile_skyrmions, write_skyrmion
from emulator.presets import DEVICES, MATERIALS
from emulator.skyrmion_profile import relax_profile
from skybench.errors import ParameterError

MATERIAL = MATERIALS["chamber_150nm"]
NM = 1e-9


def test_written_skyrmion_has_the_profile_and_keeps_the_rest():
    magnet = Magnet.full(Mesh(80, 60, 0.5 * NM, 0.5 * NM, MATERIAL.thickness), MATERIAL.Ms)
    profile = relax_profile(MATERIAL, 0.2, "none")
    old = profile_skyrmions(magnet, [(8 * NM, 15 * NM)], profile)
    m = write_skyrmion(magnet, old, (28 * NM, 15 * NM), profile)
    found = sorted(skyrmions.find(magnet, m), key=lambda s: s.x)
    assert len(found) == 2
    assert [s.charge for s in found] == pytest.approx([-1.0, -1.0], abs=0.02)
    assert (found[1].x, found[1].y) == pytest.approx((28 * NM, 15 * NM), abs=0.05 * NM)
    assert found[1].radius == pytest.approx(profile.radius, abs=0.05 * NM)
    X, Y = magnet.mesh.centres()
    theta = np.interp(np.hypot(X - 28 * NM, Y - 15 * NM), profile.r, profile.theta, right=0.0)
    outside = theta < WRITE_THETA_MIN
    assert np.abs(m[:, outside] - old[:, outside]).max() <= 1e-12  # renormalised: round-off only


def test_pad_write_mode_is_checked():
    with pytest.raises(ParameterError, match="pad_write"):
        Fig4bProtocol(pad_write="laser")


@pytest.mark.slow
def test_seeded_pad_writes_one_skyrmion_and_waits_while_it_is_near():
    # One write at the first pulse; the skyrmion stays within the blockade radius for the second pulse
    # (it moves ~4 nm per pulse), so no second write: created = 1, Q = -1.
    geometry = DEVICES["chamber_150nm"]().model.geometry
    protocol = Fig4bProtocol(pad_write="seed", pad_centre=(8 * NM, 65 * NM), current="flow", demag="none")
    records = run(MATERIAL, geometry, protocol, pulses=2)
    assert [r.created for r in records] == [1, 1]
    assert [r.in_chamber for r in records] == [1, 1]
