"""Pulse rounding and the reference column: the two small rules between backprop and the device."""
import numpy as np
import pytest

from nn.pulse_rounding import NearestPulses, StochasticPulses
from nn.reference_column import ReferenceColumn
from skybench.errors import ParameterError


def test_nearest_rounds_half_up_and_skips_small_updates():
    rng = np.random.default_rng(0)
    out = NearestPulses()(np.array([0.0, 0.49, 0.5, 1.49, 2.5]), rng)
    assert out.tolist() == [0, 0, 1, 1, 3]   # NeuroSim truncate(): below half a step fires nothing


def test_stochastic_is_unbiased():
    rng = np.random.default_rng(1)
    expected = np.full(200_000, 1.3)
    fired = StochasticPulses()(expected, rng)
    assert set(np.unique(fired)) == {1, 2}
    # mean 1.3, binomial std of the mean sqrt(0.3 * 0.7 / N) = 1.0e-3; 5 sigma tolerance
    assert fired.mean() == pytest.approx(1.3, abs=5e-3)


def test_reference_column_maps_range_to_signed_weights():
    column = ReferenceColumn(g_min=1e-4, g_max=3e-4, gain=0.5)
    np.testing.assert_allclose(column.weight(np.array([1e-4, 2e-4, 3e-4, 4e-4, 0.0])),
                               [-0.5, 0.0, 0.5, 0.5, -0.5], atol=1e-12)   # clipped beyond the range
    assert column.conductance_change(0.5) == pytest.approx(1e-4)   # dG = dW G_half / g
    with pytest.raises(ParameterError, match="g_max"):
        ReferenceColumn(g_min=2.0, g_max=1.0)
