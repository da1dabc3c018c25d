"""NeuroSim nonlinearity: the NL label against NeuroSim's own table, and the fit recovering a known curve."""
import math

import numpy as np
import pytest

from nn.nonlinearity import a_from_nl, curve, fit_branch, nl_label

# (NL label, normalised A) pairs of MLP+NeuroSim's getParamA table, as checked in reference/nn_chip.md sec. 1
NEUROSIM_TABLE = [(2.4, 0.4992), (-4.88, -0.2003), (0.01, 126.27)]


@pytest.mark.parametrize("nl, a", NEUROSIM_TABLE)
def test_nl_label_matches_neurosim_table(nl, a):
    assert nl_label(a) == pytest.approx(nl, rel=2e-3)
    assert a_from_nl(nl) == pytest.approx(a, rel=2e-3)


def test_curve_ends_and_linear_limit():
    x = np.linspace(0, 1, 11)
    for b in (-5.0, 0.3, 4.0):
        z = curve(x, b)
        assert z[0] == pytest.approx(0.0, abs=1e-15) and z[-1] == pytest.approx(1.0, rel=1e-12)
    np.testing.assert_allclose(curve(x, 0.0), x)
    np.testing.assert_allclose(curve(x, 1e-7), x, atol=1e-7)


@pytest.mark.parametrize("a", [0.3, -0.5, 2.0])
def test_fit_recovers_a_known_curve(a):
    pulses = np.arange(13)
    levels = 5e-6 + 2e-4 * curve(pulses / 12, 1 / a)   # 13 states in S
    fit = fit_branch(levels)
    assert fit.a == pytest.approx(a, rel=1e-4)
    assert fit.A_pulses == pytest.approx(12 * a, rel=1e-4)
    assert fit.nl == pytest.approx(nl_label(a), rel=1e-4)
    assert fit.rms_residual < 1e-6
    falling = fit_branch(levels[::-1])   # a depression branch travelled downwards reads the same way
    assert falling.a == pytest.approx(-a, rel=1e-4) or math.isclose(abs(falling.a), abs(a), rel_tol=1e-4)
