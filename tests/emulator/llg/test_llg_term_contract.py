"""The shared contract of every LLG energy term (emulator.llg.TERM_TYPES), Ubermag-style.

For each term type, on a masked non-periodic mesh (a disk with a hole: edges and ghost cells everywhere) and
on a periodic mesh, with a random magnetisation:
- the field is minus the gradient of the total energy, B = -(1/(Ms dV)) dE/dm, checked by central finite
  differences of `energy_density` (reference: the definition B_eff = -(1/Ms) de/dm of each docstring);
- `add_field` accumulates (Add, not Set) and leaves non-magnetic cells at 0;
- `max_field` bounds |B| for unit m (the stiffness used for step sizes).
"""
import numpy as np
import pytest

from emulator.geometry import Circle
from emulator.llg import (DMI, TERM_TYPES, Demag, Exchange, Magnet, Mesh, TipField, UniaxialAnisotropy, Zeeman)
from emulator.llg.waveform import PulseTrain

MS = 5.8e5
A = 15e-12


def _examples():
    return {
        Exchange: [Exchange(A)],
        DMI: [DMI(3.5e-3, A), DMI(-2e-3, A)],
        UniaxialAnisotropy: [UniaxialAnisotropy(0.9e6), UniaxialAnisotropy(-2e5, axis=(0.6, 0.0, 0.8))],
        Zeeman: [Zeeman((0.01, -0.02, 0.2)),
                 Zeeman((0.0, 0.0, -1.0), waveform=PulseTrain(1.0, 1e-9, 2e-9, 3), region=Circle(3e-9, 3e-9, 2.5e-9),
                        label="pad")],
        Demag: [Demag("none"), Demag("local"), Demag("full")],
        TipField: [TipField(-3.0, (4e-9, 3e-9), 2e-9), TipField(2.0, (1e-9, 2e-9), 3e-9, side=-1,
                                                           waveform=PulseTrain(1.0, 1e-9, 2e-9, 3), label="pad")],
    }


def _magnets():
    holed = Mesh(9, 7, 1e-9, 0.8e-9, 0.6e-9)
    x, y = holed.centres()
    mask = (np.hypot(x - 4.5e-9, y - 2.8e-9) < 4.2e-9) & ~((np.abs(x - 5e-9) < 0.6e-9) & (np.abs(y - 3e-9) < 0.5e-9))
    periodic = Mesh(6, 5, 1e-9, 1e-9, 0.4e-9, periodic_x=True, periodic_y=True)
    return [Magnet(holed, mask, MS), Magnet.full(periodic, MS)]


def test_every_term_type_has_a_contract_example():
    assert set(_examples()) == set(TERM_TYPES)


def _cases():
    for term_type, terms in _examples().items():
        for term in terms:
            for index, magnet in enumerate(_magnets()):
                if isinstance(term, Demag) and term.mode == "full" and magnet.mesh.periodic_x:
                    continue
                yield pytest.param(term, magnet, id=f"{term.name}-{getattr(term, 'mode', '')}-{index}")


@pytest.mark.parametrize("term,magnet", list(_cases()))
def test_field_is_minus_energy_gradient(term, magnet):
    rng = np.random.default_rng(7)
    m = rng.normal(size=(3,) + magnet.mesh.shape)
    magnet.normalise(m)
    t = 0.5e-9
    field = np.zeros_like(m)
    term.add_field(m, field, magnet, t)
    volume = magnet.mesh.cell_volume
    eps = 1e-6
    gradient = np.zeros_like(m)
    for index in zip(*np.nonzero(np.broadcast_to(magnet.mask, m.shape))):
        plus, minus = m.copy(), m.copy()
        plus[index] += eps
        minus[index] -= eps
        gradient[index] = (term.energy_density(plus, magnet, t).sum()
                           - term.energy_density(minus, magnet, t).sum()) * volume / (2 * eps)
    expected = -gradient / (MS * volume)
    scale = max(np.abs(field).max(), 1e-12)
    assert np.abs(field - expected).max() <= 1e-6 * scale + 1e-9


@pytest.mark.parametrize("term,magnet", list(_cases()))
def test_add_field_accumulates_and_respects_mask(term, magnet):
    rng = np.random.default_rng(3)
    m = rng.normal(size=(3,) + magnet.mesh.shape)
    magnet.normalise(m)
    once = np.zeros_like(m)
    term.add_field(m, once, magnet, 0.5e-9)
    twice = once.copy()
    term.add_field(m, twice, magnet, 0.5e-9)
    np.testing.assert_allclose(twice, 2 * once, rtol=1e-12, atol=1e-15)
    assert np.all(once[:, ~magnet.mask] == 0.0)
    assert np.all(term.energy_density(m, magnet, 0.5e-9)[~magnet.mask] == 0.0)


@pytest.mark.parametrize("term,magnet", list(_cases()))
def test_max_field_bounds_the_field(term, magnet):
    rng = np.random.default_rng(11)
    bound = term.max_field(magnet)
    for _ in range(5):
        m = rng.normal(size=(3,) + magnet.mesh.shape)
        magnet.normalise(m)
        field = np.zeros_like(m)
        term.add_field(m, field, magnet, 0.5e-9)
        assert np.sqrt((field**2).sum(axis=0)).max() <= bound * (1 + 1e-12)
