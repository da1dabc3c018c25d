"""Synapse arrays: pulses through the level curve, skipped updates, clipping, variation and read-back.

Level tables are built from stated arrays, so every expected number follows from the update rule of
nn/synapse_array.py (steps 1-5) by hand.
"""
import numpy as np
import pytest

from nn.device_model import DeviceModel
from nn.pulse_rounding import NearestPulses, StochasticPulses
from nn.synapse_array import SynapseArray

G0, DG = 1e-5, 1e-6          # S: lowest level and level spacing of the linear test device
LINEAR_POT = G0 + DG * np.arange(13)            # 13 states, 12 steps over 12 uS
LINEAR_DEP = G0 + DG * np.arange(12, -1, -1)    # the same levels travelled downwards
STEP_W = 2.0 / 12                               # weight per state with gain 1 (range [-1, 1] over 12 steps)


def array(make_table, shape=(4, 5), pot=LINEAR_POT, dep=LINEAR_DEP, rounding=NearestPulses(), seed=0, **kw):
    table_kw = {k: kw.pop(k) for k in ("pot_std", "dep_std", "pot_pulse", "dep_pulse", "polarity") if k in kw}
    model = DeviceModel((make_table(pot, dep, **table_kw),), rounding=rounding, **kw)
    return SynapseArray(shape, model, gain=1.0, seed=seed)


def put(layer, level, u):
    layer.level[:] = level
    layer.u[:] = u


def test_whole_steps_move_whole_states_and_read_back(make_table):
    layer = array(make_table)
    put(layer, 3, 3 / 12)
    count = layer.write(np.full(layer.shape, 2 * STEP_W))
    assert (layer.level == 5).all()
    np.testing.assert_allclose(layer.u, 5 / 12)
    np.testing.assert_allclose(layer.read().numpy(), 2 * 5 / 12 - 1, rtol=1e-6)   # W = g (2u - 1)
    np.testing.assert_allclose(layer.conductance(), G0 + 5 * DG)
    assert (count.potentiation, count.depression, count.cell_writes) == (2 * 20, 0, 20)


def test_updates_below_half_a_state_are_skipped(make_table):
    layer = array(make_table)
    put(layer, 6, 0.5 + 1e-3)
    before = layer.u.copy()
    count = layer.write(np.full(layer.shape, 0.4 * STEP_W))
    assert (count.potentiation, count.cell_writes) == (0, 0)
    np.testing.assert_array_equal(layer.u, before)   # untouched: no write, not even a redraw
    assert (layer.level == 6).all()


def test_clipping_at_the_end_of_a_branch(make_table):
    layer = array(make_table)
    put(layer, 11, 11 / 12)
    count = layer.write(np.full(layer.shape, 5 * STEP_W))
    assert (layer.level == 12).all() and count.potentiation == 20   # only one state was left
    np.testing.assert_allclose(layer.read().numpy(), 1.0)


def test_depression_switches_branch_at_the_nearest_state(make_table):
    layer = array(make_table)
    put(layer, 12, 1.0)                      # top of potentiation = depression state 0
    count = layer.write(np.full(layer.shape, -3 * STEP_W))
    assert (layer.level == 13 + 3).all()     # depression states follow the 13 potentiation ones
    np.testing.assert_allclose(layer.u, 9 / 12)
    assert count.depression == 60 and count.steps_depression == 60


def test_nonlinear_curve_is_inverted_by_interpolation(make_table):
    pot = G0 + 1e-5 * np.array([0.0, 0.5, 0.75, 0.875, 1.0])   # saturating branch
    layer = array(make_table, pot=pot, dep=pot[::-1])
    put(layer, 0, 0.0)
    # dG = 0.7e-5 S: target between states 1 (0.5) and 2 (0.75), at 1.8 -> nearest whole move is 2 states
    layer.write(np.full(layer.shape, 0.7e-5 / (0.5e-5)))   # dW = dG / G_half with gain 1, G_half = 0.5e-5
    assert (layer.level == 2).all()


def test_physical_pulses_come_from_the_trace_positions(make_table):
    layer = array(make_table, pot_pulse=2 * np.arange(13), dep_pulse=3 * np.arange(13))
    put(layer, 2, 2 / 12)
    count = layer.write(np.full(layer.shape, 2 * STEP_W))
    assert count.steps_potentiation == 2 * 20 and count.potentiation == 4 * 20


def test_stochastic_rounding_moves_the_expected_fraction(make_table):
    layer = array(make_table, shape=(200, 500), rounding=StochasticPulses())
    put(layer, 6, 0.5)
    count = layer.write(np.full(layer.shape, 0.3 * STEP_W))
    # each cell moves one state with probability 0.3; binomial std of the fraction sqrt(.21/1e5) = 1.4e-3
    assert count.cell_writes / 1e5 == pytest.approx(0.3, abs=7e-3)


def test_cycle_to_cycle_spread_and_read_noise(make_table):
    sigma = 0.3 * DG
    layer = array(make_table, shape=(200, 500), pot_std=sigma, dep_std=sigma, read_noise=0.02)
    put(layer, 4, 4 / 12)
    layer.write(np.full(layer.shape, 2 * STEP_W))
    spread = np.std(layer.conductance())
    assert spread == pytest.approx(sigma, rel=0.02)    # N(G_6, sigma^2) drawn at the write; 1e5 samples
    np.testing.assert_allclose(layer.conductance().mean(), G0 + 6 * DG, atol=5 * sigma / np.sqrt(1e5))
    reads = layer.read().numpy() - layer.read().numpy()
    # two independent reads differ by N(0, 2 (2 g 0.02)^2): W = g (2u - 1)
    assert np.std(reads) == pytest.approx(np.sqrt(2) * 2 * 0.02, rel=0.02)


def test_device_to_device_cells_follow_their_own_levels(make_table):
    small = make_table(G0 + 0.8 * DG * np.arange(13), G0 + 0.8 * DG * np.arange(12, -1, -1))
    model = DeviceModel((make_table(LINEAR_POT, LINEAR_DEP), small), rounding=NearestPulses())
    layer = SynapseArray((100, 100), model, gain=1.0, seed=3)
    layer.write(np.full(layer.shape, 100.0))   # drive every cell to the top of its own branch
    tops = np.unique(np.round(layer.conductance(), 12))
    np.testing.assert_allclose(tops, [G0 + 0.8 * 12 * DG, G0 + 12 * DG])
    assert np.mean(layer.device == 1) == pytest.approx(0.5, abs=0.02)   # uniform assignment, 1e4 cells


def test_mtj_polarity_potentiation_lowers_conductance_raises_weight(make_table):
    pot = 3.33e-4 - 1e-7 * np.arange(13)
    layer = array(make_table, pot=pot, dep=pot[::-1], polarity=-1)
    put(layer, 2, 2 / 12)
    before_g, before_w = layer.conductance().copy(), layer.read().numpy().copy()
    layer.write(np.full(layer.shape, 3 * STEP_W))
    np.testing.assert_allclose(layer.conductance(), pot[5])
    assert (layer.conductance() < before_g).all() and (layer.read().numpy() > before_w).all()


def test_same_seed_same_state(make_table):
    runs = []
    for _ in range(2):
        layer = array(make_table, shape=(30, 40), rounding=StochasticPulses(), pot_std=0.2 * DG, dep_std=0.2 * DG,
                      read_noise=0.01, seed=7)
        for k in range(5):
            layer.write(np.sin(np.arange(1200).reshape(30, 40) + k) * STEP_W)
        runs.append((layer.u.copy(), layer.read().numpy()))
    np.testing.assert_array_equal(runs[0][0], runs[1][0])
    np.testing.assert_array_equal(runs[0][1], runs[1][1])
