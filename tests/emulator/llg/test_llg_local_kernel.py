"""The fused local right-hand side equals the term-by-term field followed by the plain LLG kernel.

Reference: `LLG.rhs_reference` (each term's own kernel, `Energy.field`, then `llg.llg_rhs`). Cases cover masks
with holes, periodic and open edges, anisotropic cells, non-fusable terms (full demag, a regional Zeeman
field, a tilted anisotropy axis) and the spin-orbit torque with a current map and a field-like part.
"""
import numpy as np
import pytest

from emulator.geometry import Circle
from emulator.llg import (DMI, LLG, Constant, Demag, Exchange, Magnet, Mesh, SpinOrbitTorque, UniaxialAnisotropy,
                          Zeeman)


def _magnet(periodic):
    mesh = Mesh(23, 17, 1e-9, 0.7e-9, 0.4e-9, periodic_x=periodic, periodic_y=periodic)
    if periodic:
        return Magnet.full(mesh, 5e5)
    return Magnet.from_region(mesh, Circle(11e-9, 6e-9, 9e-9), 5e5)


ENERGIES = {
    "local": lambda: Exchange(15e-12) + DMI(3.5e-3, 15e-12) + UniaxialAnisotropy(0.9e6) + Demag("local")
    + Zeeman((0.02, 0.0, 0.2)),
    "nonlocal": lambda: Exchange(15e-12) + DMI(-3e-3, 15e-12) + UniaxialAnisotropy(0.5e6, axis=(0.0, 0.6, 0.8))
    + Zeeman((0.0, 0.0, 1.0), region=Circle(5e-9, 5e-9, 3e-9), label="spot"),
}


@pytest.mark.parametrize("periodic", [False, True])
@pytest.mark.parametrize("energy", sorted(ENERGIES))
@pytest.mark.parametrize("with_torque", [False, True])
def test_fused_rhs_matches_reference(periodic, energy, with_torque):
    magnet = _magnet(periodic)
    rng = np.random.default_rng(5)
    torque = None
    if with_torque:
        torque = SpinOrbitTorque(0.4, Constant(4e10), 0.4e-9, field_like=0.3,
                                 distribution=rng.normal(size=(2,) + magnet.mesh.shape))
    system = LLG(magnet, ENERGIES[energy](), alpha=0.3, torque=torque)
    m = rng.normal(size=(3,) + magnet.mesh.shape)
    magnet.normalise(m)
    fused, reference = np.zeros_like(m), np.zeros_like(m)
    system.rhs(m, 0.0, fused, np.zeros_like(m))
    system.rhs_reference(m, 0.0, reference, np.zeros_like(m))
    np.testing.assert_allclose(fused, reference, rtol=0, atol=1e-12 * np.abs(reference).max())


def test_full_demag_goes_through_the_other_field():
    magnet = _magnet(False)
    system = LLG(magnet, Exchange(13e-12) + Demag("full"), alpha=0.02)
    rng = np.random.default_rng(2)
    m = rng.normal(size=(3,) + magnet.mesh.shape)
    magnet.normalise(m)
    fused, reference = np.zeros_like(m), np.zeros_like(m)
    system.rhs(m, 0.0, fused, np.zeros_like(m))
    system.rhs_reference(m, 0.0, reference, np.zeros_like(m))
    np.testing.assert_allclose(fused, reference, rtol=0, atol=1e-12 * np.abs(reference).max())
