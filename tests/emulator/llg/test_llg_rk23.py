"""The Bogacki-Shampine 3(2) stepper (`emulator.llg.rk23.RK23`): its tableau's order conditions, the stability
bounds that make it the faster stepper at 1 nm cells, its accuracy against the exact macrospin solution and
against Dormand-Prince on a stiff textured film, and the PI step control that keeps it at its stability bound
without rejected steps."""
import math

import numpy as np
import pytest

from emulator.llg import DMI, LLG, Exchange, Magnet, Mesh, RK45, State, UniaxialAnisotropy, Zeeman, advance
from emulator.llg.rk23 import BOGACKI_SHAMPINE, RK23
from emulator.llg.rk45 import DORMAND_PRINCE
from emulator.llg.textures import neel_skyrmions
from skybench.errors import ParameterError

from tests.emulator.llg.test_llg_dynamics import THETA0, _exact, _macrospin


@pytest.mark.parametrize("tableau", [BOGACKI_SHAMPINE, DORMAND_PRINCE], ids=["rk23", "rk45"])
def test_tableau_order_conditions(tableau):
    a, c = tableau.a, tableau.c
    b = a[-1]
    np.testing.assert_allclose(a.sum(axis=1), c, atol=1e-14)        # row sums are the stage times
    assert b.sum() == pytest.approx(1.0)                             # order 1
    assert b @ c == pytest.approx(1 / 2)                             # order 2
    assert b @ c**2 == pytest.approx(1 / 3)                          # order 3
    assert b @ (a @ c) == pytest.approx(1 / 6)
    assert tableau.e.sum() == pytest.approx(0.0, abs=1e-14)          # both solutions consistent
    assert np.allclose(b[-1], 0.0)                                   # first same as last


def test_stability_bounds_along_the_llg_eigenvalues():
    # Bogacki-Shampine's 3rd-order solution: R = 1 + z + z^2/2 + z^3/6; Dormand-Prince's adds z^4/24, z^5/120,
    # z^6/600. Along the exchange modes at alpha = 0.3: 2.48 per 3 evaluations against 3.19 per 6.
    np.testing.assert_allclose(BOGACKI_SHAMPINE.stability_polynomial(), [1, 1, 1 / 2, 1 / 6])
    np.testing.assert_allclose(DORMAND_PRINCE.stability_polynomial(), [1, 1, 1 / 2, 1 / 6, 1 / 24, 1 / 120, 1 / 600])
    rk23 = BOGACKI_SHAMPINE.stability_radius(0.3)
    rk45 = DORMAND_PRINCE.stability_radius(0.3)
    assert rk23 == pytest.approx(2.478, abs=2e-3)
    assert rk45 == pytest.approx(3.193, abs=2e-3)
    assert (rk23 / 3) / (rk45 / 6) > 1.5


def test_macrospin_follows_exact_solution():
    system = _macrospin()
    state = State(m=system.magnet.uniform((math.sin(THETA0), 0.0, math.cos(THETA0))))
    for t in (50e-12, 200e-12):
        advance(system, state, RK23(max_err=1e-9), t)
        assert state.t == t
        np.testing.assert_allclose(state.m[:, 0, 0], _exact(t), atol=1e-6)


def _film():
    """A 1 nm film with the chamber material's exchange (stiff: steps set by stability) and a skyrmion."""
    mesh = Mesh(48, 40, 1e-9, 1e-9, 0.4e-9)
    magnet = Magnet.full(mesh, 5e5)
    energy = Exchange(15e-12) + DMI(3.5e-3, 15e-12) + UniaxialAnisotropy(0.9e6) + Zeeman((0.0, 0.0, 0.2))
    system = LLG(magnet, energy, alpha=0.3)
    m = neel_skyrmions(magnet, [(24e-9, 20e-9)], 6e-9, 1e-9)  # far from its equilibrium radius: it breathes
    rng = np.random.default_rng(1)
    return system, magnet.normalise(m + 0.05 * rng.normal(size=m.shape))


def test_textured_film_agrees_with_dormand_prince_with_fewer_evaluations():
    system, m = _film()
    runs = {}
    for stepper in (RK45(), RK23(), RK23(beta=0.0)):
        state = State(m=m.copy())
        advance(system, state, stepper, 60e-12)
        runs[(stepper.name, stepper.beta)] = state
    reference, fast, plain = runs[("rk45", 0.0)], runs[("rk23", 0.4 / 3)], runs[("rk23", 0.0)]
    assert np.abs(fast.m - reference.m).max() < 1e-4
    assert np.abs(plain.m - reference.m).max() < 1e-4
    # At the stability bound RK23 needs fewer evaluations (1.45x here, 1.55x once the step has grown to its
    # bound); without the PI term ~1 step in 4 is rejected, with it none.
    assert fast.evaluations < reference.evaluations / 1.35
    assert plain.rejected > 0.2 * plain.steps
    assert fast.rejected < 0.2 * plain.rejected
    assert fast.evaluations < plain.evaluations


def test_bad_beta_is_refused():
    with pytest.raises(ParameterError, match="beta"):
        RK23(beta=-0.1)
    with pytest.raises(ParameterError, match="beta"):
        RK23(beta=0.5)
