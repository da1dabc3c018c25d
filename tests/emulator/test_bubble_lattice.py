"""The hexagonal bubble lattice (emulator/bubble_lattice.py) and the film's choice of texture (domain_model.py).

References: the Fourier form of the surface-charge energy, checked against an independent FFT of the lattice's
m_z pattern and, for a stripe pattern, against the Kooy-Enz sum of stripe_domains.py; the dilute limit, where the
energy per bubble tends to the isolated bubble's of emulator/bubble.py (Thiele) plus the point-charge pair
energies; Thiele's ordering B_s(stripes) < B_0, with the lattice filling the gap up to B_0 (Cape and Lehman, J.
Appl. Phys. 42, 5732 (1971)).
"""
import math

import numpy as np
import pytest
from scipy.special import j1

from emulator import bubble_lattice
from emulator.bubble import BubbleModel
from emulator.bubble_lattice import SHELL_LIMIT, BubbleLatticeModel, radius_ratio, reciprocal_shells
from emulator.domain_model import LATTICE, SATURATED, STRIPES, DomainModel
from emulator.film_state import DomainEntry, FilmState
from emulator.material import MU0
from emulator.presets import GDFECO_EXPERIMENT
from emulator.stripe_domains import StripeDomainModel


@pytest.fixture(scope="module")
def domains():
    return DomainModel(GDFECO_EXPERIMENT)


def kernel(gh):
    """(1 - exp(-G h)) / (G h), the thickness factor of the surface-charge energy."""
    return -np.expm1(-gh) / gh


def test_hexagonal_shells_count_the_lattice_vectors():
    q, count = reciprocal_shells(49)
    assert q[:4].tolist() == [1, 3, 4, 7] and count[:4].tolist() == [6, 6, 6, 12]   # 7 = 2^2 + 2 + 1 (12)
    assert count[q == 49][0] == 18   # 49 = 7^2 = 5^2 + 5 * 3 + 3^2 = 8^2 - 8 * 3 + 3^2: three families of 6
    # Points inside a circle: 2 pi q / sqrt(3) per unit q.
    q, count = reciprocal_shells(SHELL_LIMIT)
    assert count.sum() == pytest.approx(2 * math.pi * SHELL_LIMIT / math.sqrt(3), rel=0.01)


def test_charge_sum_matches_an_fft_of_the_lattice_pattern(domains):
    """The shell sum against a direct 2-D FFT of the m_z pattern in the rectangular cell a x sqrt(3) a (two
    bubbles), discs anti-aliased over one pixel."""
    lattice = domains.lattice
    h = GDFECO_EXPERIMENT.stack_thickness
    a, r = 1.0e-6, 0.25e-6
    nx, ny = 1024, 1774
    lx, ly = a, math.sqrt(3) * a
    x = (np.arange(nx) + 0.5) * lx / nx
    y = (np.arange(ny) + 0.5) * ly / ny
    X, Y = np.meshgrid(x, y, indexing="ij")
    pixel = lx / nx
    reversed_part = np.zeros_like(X)
    for cx, cy in ((0.0, 0.0), (a / 2, ly / 2)):
        for sx in (-lx, 0.0, lx):
            for sy in (-ly, 0.0, ly):
                d = np.hypot(X - cx - sx, Y - cy - sy)
                reversed_part += np.clip((r - d) / pixel + 0.5, 0.0, 1.0)
    m = 1.0 - 2.0 * reversed_part
    coefficients = np.fft.fft2(m) / m.size
    gx = 2 * math.pi * np.fft.fftfreq(nx, lx / nx)
    gy = 2 * math.pi * np.fft.fftfreq(ny, ly / ny)
    G = np.hypot(*np.meshgrid(gx, gy, indexing="ij"))
    G[0, 0] = 1.0
    weight = np.abs(coefficients) ** 2 * kernel(G * h)
    weight[0, 0] = 0.0
    assert m.mean() == pytest.approx(1 - 2 * math.pi * r**2 / (math.sqrt(3) / 2 * a * a), abs=1e-4)
    assert lattice.charge_sum(r, a)[()] == pytest.approx(weight.sum(), rel=2e-3)


def test_fourier_form_applied_to_stripes_is_the_kooy_enz_sum():
    """The same Fourier form, sum_n |m_n|^2 (1 - exp(-G h)) / (G h) with the FFT coefficients of a stripe
    pattern, equals stripe_domains' Kooy-Enz charge term 4 p / (pi^3 h) sum_n sin^2(n pi (1 + m) / 2)
    (1 - exp(-2 pi n h / p)) / n^3."""
    h = GDFECO_EXPERIMENT.stack_thickness
    p, mean = 0.8e-6, 0.4
    n_points = 2**16
    x = (np.arange(n_points) + 0.5) / n_points * p
    pattern = np.where(x < p * (1 + mean) / 2, 1.0, -1.0)
    coefficients = np.fft.rfft(pattern)[1:3001] / n_points
    n = np.arange(1, 3001)
    fourier = 2 * np.sum(np.abs(coefficients) ** 2 * kernel(2 * math.pi * n * h / p))
    kooy_enz = 4 * p / (math.pi**3 * h) * np.sum(np.sin(n * math.pi * (1 + mean) / 2) ** 2
                                                  * -np.expm1(-2 * math.pi * n * h / p) / n**3)
    assert fourier == pytest.approx(kooy_enz, rel=1e-3)


def test_dilute_lattice_tends_to_the_isolated_bubble():
    """Energy per bubble less the saturated film's: the isolated bubble's E(R, B) (bubble.py) plus half the
    point-charge pair energies with the lattice's neighbours; the pair part vanishes as a grows. Tolerances are
    fractions of the isolated bubble's magnetostatic energy E_ms, the term both compute by Fourier means. At
    a = 8 um (m = 0.9988, beyond the table's last m) the pairs are 2e-5 E_ms and the shell truncation 2e-4 E_ms
    (recorded 2026-12-07)."""
    lattice = BubbleLatticeModel(StripeDomainModel(GDFECO_EXPERIMENT))
    bubble = BubbleModel(GDFECO_EXPERIMENT)
    h, ms = GDFECO_EXPERIMENT.stack_thickness, GDFECO_EXPERIMENT.ms_effective
    field, radius = 0.140, 105e-9
    isolated = bubble.energy(radius, field)[0]
    scale = abs(bubble.magnetostatic_energy(radius)[0])
    assert isolated < 0.0
    i, j = np.meshgrid(np.arange(-40, 41), np.arange(-40, 41))
    gaps = []
    for a in (2e-6, 4e-6, 8e-6):
        cell = math.sqrt(3) / 2 * a * a
        per_bubble = (lattice.energy(radius, a, field)[()] - (MU0 * ms * ms / 2 - field * ms)) * cell * h
        rho = np.hypot(a * (i + 0.5 * j), a * math.sqrt(3) / 2 * j).ravel()
        pairs = 0.5 * sum(bubble.pair_energy(d, radius, radius) for d in rho[rho > 0])
        assert per_bubble == pytest.approx(isolated + pairs, abs=3e-4 * scale)
        gaps.append(per_bubble - isolated)
    assert gaps[0] > gaps[1] > 0.0   # repulsion, fading with distance
    assert abs(gaps[2]) < 3e-4 * scale


def test_shell_sum_has_converged():
    """The shells up to SHELL_LIMIT plus the continuum tail against four times as many shells, over the table's
    range of r / a (m from -0.8 to 0.995) and lattice constants. Units of mu0 Ms_eff^2 / 2: an error of 2e-5 at
    m = 0.995 would move the film's saturation field by 0.5 mT."""
    lattice = BubbleLatticeModel(StripeDomainModel(GDFECO_EXPERIMENT))
    h = GDFECO_EXPERIMENT.stack_thickness
    q, count = reciprocal_shells(4 * SHELL_LIMIT)
    for m in (-0.8, 0.0, 0.6, 0.995):
        ratio = float(radius_ratio(m))
        for a in (0.1e-6, 1e-6, 10e-6):
            x = bubble_lattice.RECIPROCAL_SCALE * ratio * np.sqrt(q)
            c = bubble_lattice.RECIPROCAL_SCALE * h / a
            fine = np.sum(count * 4 * ratio**2 * j1(x) ** 2 / q * kernel(c * np.sqrt(q)))
            fine += bubble_lattice._tail(ratio, c, 4 * SHELL_LIMIT)
            assert lattice.charge_sum(ratio * a, a)[()] == pytest.approx(fine, abs=5e-6)


def test_thin_film_limit_every_pattern_costs_the_full_demag_energy():
    """For h << a the charges of both faces act as a sheet: <m>^2 + sum |m_G|^2 -> <m^2> = 1 (Parseval)."""
    lattice = BubbleLatticeModel(StripeDomainModel(GDFECO_EXPERIMENT))
    a = 1e4 * GDFECO_EXPERIMENT.stack_thickness
    for m in (-0.5, 0.2, 0.9):
        r = float(radius_ratio(m)) * a
        assert m * m + lattice.charge_sum(r, a)[()] == pytest.approx(1.0, rel=2e-3)


def test_table_is_the_minimum_of_the_energy(domains):
    """e0(m) from the tabulated matrix product equals e(r, a) at the tabulated lattice constant, and no lattice
    constant nearby is lower."""
    ms, e0, spacing = domains.lattice.e0()
    for target in (0.4, 0.8, 0.95):
        k = int(np.argmin(np.abs(ms - target)))
        ratio = float(radius_ratio(ms[k]))
        direct = domains.lattice.energy(ratio * spacing[k], spacing[k], 0.0)[()]
        assert e0[k] == pytest.approx(direct, rel=1e-9)
        for factor in (0.97, 1.03):
            a = factor * spacing[k]
            assert domains.lattice.energy(ratio * a, a, 0.0)[()] >= e0[k] * (1 - 1e-9)
    # Mirror symmetry: reversed bubbles along +z for m < 0.
    np.testing.assert_allclose(e0, e0[::-1])


def test_lattice_fills_the_field_window_between_the_stripes_and_saturation(domains):
    """Recorded 2026-12-07 at the preset's A (7.45 pJ/m): stripes alone would saturate at 149.1 mT; the lattice
    wins from 56.1 to 159.9 mT and the film saturates at 160.0 mT, within a grid step of the isolated bubble's
    zero-energy field B_0 (160.5 mT), where the lattice constant diverges."""
    stripes_only = domains.stripes.saturation_field()
    low, high = domains.lattice_window()
    saturation = domains.saturation_field()
    zero, _ = BubbleModel(GDFECO_EXPERIMENT).field_landmarks(3e-6, 0.4)
    assert low < stripes_only < high < saturation
    assert saturation - stripes_only > 0.005
    assert saturation == pytest.approx(zero, abs=0.001)
    assert saturation == pytest.approx(0.160, abs=0.001)     # the preset's fit (gdfeco_preset.py)
    assert low == pytest.approx(0.056, abs=0.003)
    assert domains.textures(np.array([0.02, 0.140, 0.170])) == [STRIPES, LATTICE, SATURATED]
    assert domains.textures(np.array([-0.140])) == [LATTICE]


def test_magnetisation_is_monotonic_and_nearly_continuous_through_the_window(domains):
    """The stripe-lattice change is first order but its jump in m is a few grid steps (m grid 0.005); m is odd
    in B, and the lattice constant grows without bound as the film approaches saturation."""
    saturation = domains.saturation_field()
    fields = np.arange(0.0, saturation + 0.0101, 0.0005)
    m, spacing = domains.equilibrium(fields)
    assert np.all(np.diff(m) >= 0.0)
    assert np.max(np.diff(m)[fields[1:] < saturation - 0.001]) < 0.03
    np.testing.assert_allclose(domains.equilibrium(-fields)[0], -m)
    near = domains.equilibrium(np.array([0.140, saturation - 0.0005]))[1]
    assert near[1] > 2.5 * near[0]
    assert np.isnan(spacing[-1]) and m[-1] == 1.0


def test_film_state_names_the_texture(domains):
    entry = DomainEntry(barriers=np.array([]), nucleus_moment=1e-20, reference_field=0.14, attempt_frequency=1e9)
    film = FilmState(domains, entry, strip_out_field=0.05, temperature=300.0, field=0.140)
    assert film.texture == SATURATED
    film.phase = STRIPES   # as after domain entry
    film.apply_field(0.140, has_skyrmions=False)
    assert film.texture == LATTICE and film.background_mz(0.140) == pytest.approx(domains.equilibrium(0.140)[0][0])
    film.apply_field(0.020, has_skyrmions=False)
    assert film.texture == STRIPES
    assert film.apply_field(0.200, has_skyrmions=False) == "saturated" and film.texture == SATURATED


def test_overlapping_discs_are_rejected():
    lattice = BubbleLatticeModel(StripeDomainModel(GDFECO_EXPERIMENT))
    with pytest.raises(ValueError, match="radius"):
        lattice.charge_sum(0.6e-6, 1e-6)
    with pytest.raises(ValueError, match="shell limit"):
        reciprocal_shells(0)
