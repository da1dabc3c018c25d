"""Terms compose with + into an Energy; duplicates and inconsistent terms are rejected; bad input is named."""
import warnings

import numpy as np
import pytest

from emulator.llg import DMI, Demag, Energy, Exchange, Magnet, Mesh, UniaxialAnisotropy, Zeeman
from skybench.errors import ParameterError


def test_sum_keeps_order_and_names():
    energy = Exchange(1e-11) + DMI(1e-3, 1e-11) + UniaxialAnisotropy(1e5) + Demag("local") + Zeeman((0, 0, 0.1))
    assert energy.names == ("exchange", "dmi", "anisotropy", "demag", "zeeman")
    assert "dmi" in energy and energy["demag"].mode == "local"


def test_duplicate_term_is_rejected():
    with pytest.raises(ParameterError, match="duplicate 'exchange'"):
        Exchange(1e-11) + Exchange(2e-11)


def test_labelled_zeeman_terms_can_coexist():
    energy = Zeeman((0, 0, 0.2)) + Zeeman((0, 0, -1.0), label="pad")
    assert energy.names == ("zeeman", "zeeman:pad")


def test_dmi_boundary_stiffness_must_match_exchange():
    with pytest.raises(ParameterError, match="DMI.A"):
        Exchange(1e-11) + DMI(1e-3, 2e-11)


def test_total_energy_is_the_sum_of_terms():
    magnet = Magnet.full(Mesh(8, 6, 1e-9, 1e-9, 1e-9), 5e5)
    rng = np.random.default_rng(0)
    m = magnet.normalise(rng.normal(size=(3, 6, 8)))
    energy = Exchange(1e-11) + DMI(1e-3, 1e-11) + Zeeman((0, 0, 0.3))
    assert energy.total_energy(m, magnet) == pytest.approx(sum(energy.energies(m, magnet).values()), rel=1e-12)


@pytest.mark.parametrize("bad", [lambda: Exchange(-1.0), lambda: Demag("fft"), lambda: Zeeman((0, 0, 1e3)),
                                 lambda: UniaxialAnisotropy(1e5, axis=(1.0, 1.0, 0.0))])
def test_bad_parameters_raise_parameter_error(bad):
    with pytest.raises(ParameterError):
        bad()


def test_geometry_without_magnetic_cells_is_rejected():
    mesh = Mesh(4, 4, 1e-9, 1e-9, 1e-9)
    with pytest.raises(ParameterError, match="no magnetic cells"):
        Magnet(mesh, np.zeros((4, 4), bool), 5e5)


def test_cells_larger_than_the_exchange_length_warn_with_numbers():
    from emulator.llg import LLG

    magnet = Magnet.full(Mesh(4, 4, 20e-9, 20e-9, 1e-9), 8e5)  # permalloy l_ex = 5.7 nm
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        LLG(magnet, Exchange(1.3e-11), alpha=0.02)
    assert any("exceeds the exchange length" in str(w.message) and "5.69 nm" in str(w.message) for w in caught)


def test_full_demag_refuses_periodic_mesh():
    from emulator.llg import LLG

    magnet = Magnet.full(Mesh(4, 4, 1e-9, 1e-9, 1e-9, periodic_x=True), 5e5)
    with pytest.raises(ParameterError, match="full demag is open"):
        LLG(magnet, Energy((Demag("full"),)), alpha=0.1)
