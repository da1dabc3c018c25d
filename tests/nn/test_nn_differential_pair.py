"""Differential pair: G+ - G- read as a weight, one device of the pair moved per write, both branches used.

The test device is linear (13 potentiation states, one per pulse) and its depression stops half-way (states
12 -> 6), as the chamber's reversed pulses brought 16 skyrmions back to 8 with the straight edge law. Every expected number
follows from nn/differential_pair.py and nn/pair_array.py by hand: the window is u in [0.5, 1], one state is
1/12 in u, so with gain g one state moves the weight by g (1/12)/0.5 = g/6.
"""
import numpy as np
import pytest

from nn.device_model import DeviceModel
from nn.differential_pair import DifferentialPair
from nn.pair_array import PairArray
from nn.pulse_rounding import NearestPulses
from nn.synapse_array import SynapseArray
from skybench.errors import ParameterError

G0, DG = 1e-5, 1e-6                       # S: lowest level and level spacing
POT = G0 + DG * np.arange(13)             # 0..12
HALF_DEP = G0 + DG * np.arange(12, 5, -1)  # 12..6: depression ends half-way
STEP_W = 1.0 / 6                          # weight per state with gain 1


def model(make_table, **kw):
    return DeviceModel((make_table(POT, HALF_DEP, **kw),), rounding=NearestPulses())


def test_weight_and_its_inverse():
    pair = DifferentialPair(0.5, 1.0, gain=2.0)
    np.testing.assert_allclose(pair.weight([1.0, 0.5, 0.75, 1.0], [0.5, 1.0, 0.75, 0.2]), [2.0, -2.0, 0.0, 2.0])
    np.testing.assert_allclose(pair.conductance_change(np.array([1.0, -0.5])), [0.25, -0.125])


def test_the_device_with_more_room_moves():
    pair = DifferentialPair(0.5, 1.0)
    du = np.array([0.1, -0.1, 0.1])
    # increase: room up on G+ (1 - u+) against room down on G- (u- - 0.5); decrease the other way round
    chosen = pair.choose_plus(du, np.array([0.9, 0.9, 0.7]), np.array([0.8, 0.8, 0.7]))
    assert chosen.tolist() == [False, True, True]   # G- depressed; G+ depressed; tie -> G+


def test_bad_window_and_gain_are_refused():
    with pytest.raises(ParameterError, match="u_high"):
        DifferentialPair(0.5, 0.5)
    with pytest.raises(ParameterError, match="gain"):
        DifferentialPair(0.0, 1.0, gain=0.0)


def test_devices_start_inside_the_window(make_table):
    layer = PairArray((20, 30), model(make_table), 1.0, (0, 0))
    assert layer.mapping.u_low == pytest.approx(0.5) and layer.mapping.u_high == pytest.approx(1.0)
    for device in (layer.plus, layer.minus):
        assert device.level.min() == 6 and device.level.max() == 12   # states 6..12 drawn, below 6 never
    weights = layer.read().numpy()
    assert weights.min() == pytest.approx(-1.0) and weights.max() == pytest.approx(1.0)
    assert layer.conductance().shape == (2, 20, 30)


def test_the_pair_reaches_both_ends_where_a_reference_column_cannot(make_table):
    """The cause of the chamber's chance accuracy and its cure: one device per weight against a mid-range
    reference, once raised, falls back only to W = 0 when depression ends half-way (weights ratchet up); the
    pair goes to -g and back to +g."""
    device = model(make_table)
    single = SynapseArray((4, 5), device, 1.0, 0)
    pair = PairArray((4, 5), device, 1.0, (0, 0))
    single.write(np.full(single.shape, 2.0))
    for _ in range(3):
        for layer in (single, pair):
            for _ in range(4):
                layer.write(np.full(layer.shape, -2.0))
    np.testing.assert_allclose(single.read().numpy(), 0.0, atol=1e-6)   # depression floor u = 0.5: W = 0
    np.testing.assert_allclose(pair.read().numpy(), -1.0)
    for _ in range(4):
        pair.write(np.full(pair.shape, 2.0))
    np.testing.assert_allclose(pair.read().numpy(), 1.0)


def test_one_device_moves_and_its_pulses_are_counted(make_table):
    layer = PairArray((2, 3), model(make_table), 1.0, (0, 0))
    for device in (layer.plus, layer.minus):
        device.level[:] = 9
        device.u[:] = 9 / 12
    count = layer.write(np.full(layer.shape, 2 * STEP_W))   # tie (room 0.25 each): G+ up two states
    assert (layer.plus.level == 11).all() and (layer.minus.level == 9).all()
    assert (count.potentiation, count.depression, count.cell_writes) == (2 * 6, 0, 6)
    count = layer.write(np.full(layer.shape, 2 * STEP_W))   # G+ has 1/12 left, G- 1/4: G- down two states
    assert (layer.plus.level == 11).all()
    assert (layer.minus.level == 13 + 5).all()               # depression branch 12..6: from 9 (index 3) to 7
    assert (count.potentiation, count.depression, count.cell_writes) == (0, 2 * 6, 6)
    assert layer.pulses.total == 4 * 6
    np.testing.assert_allclose(layer.read().numpy(), (11 - 7) * STEP_W, rtol=1e-6)


def test_the_pair_needs_the_levels_model(make_table):
    from nn.transition_model import TransitionModel

    with pytest.raises(ParameterError, match="mapping"):
        PairArray((2, 2), object.__new__(TransitionModel), 1.0, 0)
