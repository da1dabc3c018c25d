"""Current distribution: Laplace solution on the film raster."""
import numpy as np
import pytest

from emulator.current_flow import solve_current
from emulator.geometry import Electrode, Geometry, Rectangle

UM = 1e-6


def strip(width=1 * UM, length=4 * UM, step=0.05 * UM):
    outline = np.array([[0, 0], [length, 0], [length, width], [0, width]])
    pad = 0.01 * UM
    return Geometry(
        name="strip", outline=outline, exits=(1, 3),
        electrodes=(Electrode("A", np.array([[-pad, -pad], [0.2 * UM, -pad], [0.2 * UM, width + pad],
                                             [-pad, width + pad]]), 1.0),
                    Electrode("A'", np.array([[length - 0.2 * UM, -pad], [length + pad, -pad],
                                              [length + pad, width + pad], [length - 0.2 * UM, width + pad]]), 0.0)),
        effective_area=Rectangle(0, 0, length, width), nominal_width=width, grid_step=step)


def test_uniform_strip_carries_the_nominal_density():
    current = solve_current(strip())
    jx, jy = current.at(np.linspace(1, 3, 5) * UM, np.linspace(0.1, 0.9, 5) * UM)
    assert jx == pytest.approx(1.0, abs=1e-6)
    assert np.abs(jy).max() < 1e-6


def test_current_is_conserved_in_the_hall_cross(gdfeco):
    """The current through every cross-section of the stripe between the contacts equals the nominal one."""
    current = gdfeco.model.current_map
    y = np.arange(-2.25 + 0.0375, 2.25, 0.075) * UM
    for x in (-1.0, 0.5, 3.0):
        jx, _ = current.at(np.full_like(y, x * UM), y)
        # Sum over the film width (arms included where the section crosses them) / nominal width.
        width = 4.5 * UM
        arms = np.arange(2.25 + 0.0375, 7.0, 0.075) * UM
        jx_arms = np.concatenate([current.at(np.full_like(arms, x * UM), s * arms)[0] for s in (1, -1)])
        total = (jx.sum() + jx_arms.sum()) * 0.075 * UM / width
        assert total == pytest.approx(1.0, rel=0.03), x


def test_current_crowds_at_the_tapered_tip(gdfeco):
    """The tapered contact concentrates the current: denser at its tip than in the cross centre."""
    current = gdfeco.model.current_map
    tip = np.hypot(*current.at(-2.1 * UM, 0.0))[0]
    centre = np.hypot(*current.at(0.0, 0.0))[0]
    assert tip > 1.4 * centre
