"""Hall readout: transverse conductance from the inverted resistivity tensor, linear in the Hall change."""
import numpy as np
import pytest

from nn.hall_readout import HallReadout
from skybench.errors import ParameterError


def test_matches_the_inverse_of_the_resistivity_tensor():
    readout = HallReadout(rho_xx=6e-7, thickness=260e-9, rho_xy0=1.3e-8)
    changes = np.linspace(-3.1e-9, 0.0, 7)  # 0 .. -310 nOhm cm (paper Fig. 2b range)
    for change in changes:
        rho_xy = readout.rho_xy0 + change
        sigma = np.linalg.inv(np.array([[readout.rho_xx, rho_xy], [-rho_xy, readout.rho_xx]]))
        assert readout.conductance(change) == pytest.approx(readout.thickness * sigma[0, 1], rel=1e-12)


def test_linear_in_the_change_and_rising_with_skyrmions():
    readout = HallReadout()
    changes = -np.arange(0, 41) * 8.1e-11  # 41 skyrmions, 8.1 nOhm cm each
    g = readout.conductance(changes)
    assert np.all(np.diff(g) > 0)  # more skyrmions (rho_xy falls) -> higher Hall conductance
    steps = np.diff(g)
    # |rho_xy|/rho_xx < 1e-2, so the level spacing is uniform to ~(rho_xy/rho_xx)^2 < 1e-4
    assert steps.max() / steps.min() - 1 < 1e-4
    np.testing.assert_allclose(readout.slope(changes[5]),
                               (readout.conductance(changes[5] + 1e-13) - readout.conductance(changes[5] - 1e-13))
                               / 2e-13 * -1, rtol=1e-6)


def test_rejects_bad_parameters():
    with pytest.raises(ParameterError, match="rho_xx"):
        HallReadout(rho_xx=0.0)
