"""Synapse layers whose pulses are random events: planning on the nominal curve, pulses drawn from the traces.

Devices are traces of stated skyrmion counts (linear Hall readout), so every expected count follows from the
update rule of nn/transition_array.py (steps 1-5) by hand.
"""
import numpy as np
import pytest

from nn.pulse_rounding import NearestPulses, StochasticPulses
from nn.pulse_transitions import PulseTransitions
from nn.trace_file import read_trace
from nn.transition_array import TransitionArray
from nn.transition_model import TransitionModel

LINEAR = (list(range(13)), list(range(11, -1, -1)))   # one skyrmion per pulse, 0..12 and back
STEP_W = 2.0 / 12                                     # weight per pulse with gain 1 (u = count / 12)


def layer_of(write_rows, hall_rows, branches=(LINEAR,), shape=(4, 5), n_pot=None, n_dep=None, seed=0, **kw):
    traces = [read_trace(write_rows(hall_rows(pot, dep))) for pot, dep in branches]
    model = TransitionModel(PulseTransitions.from_traces(traces, n_pot, n_dep), **{"rounding": NearestPulses(), **kw})
    return TransitionArray(shape, model, gain=1.0, seed=seed)


def put(layer, count):
    layer.count[:] = count
    layer.u[:] = np.interp(count, np.arange(layer._level.size), layer._level)


def test_whole_pulses_add_skyrmions_and_read_back(write_rows, hall_rows):
    layer = layer_of(write_rows, hall_rows)
    put(layer, 3)
    count = layer.write(np.full(layer.shape, 2 * STEP_W))
    np.testing.assert_allclose(layer.count, 5)
    np.testing.assert_allclose(layer.read().numpy(), 2 * 5 / 12 - 1, atol=1e-3)   # W = g (2u - 1)
    assert (count.potentiation, count.depression, count.cell_writes, count.steps_potentiation) == (40, 0, 20, 40)


def test_updates_below_half_a_pulse_are_skipped(write_rows, hall_rows):
    layer = layer_of(write_rows, hall_rows)
    put(layer, 6)
    before = layer.u.copy()
    count = layer.write(np.full(layer.shape, 0.4 * STEP_W))
    assert (count.total, count.cell_writes) == (0, 0)
    np.testing.assert_array_equal(layer.u, before)


def test_depression_removes_and_the_branch_end_clips(write_rows, hall_rows):
    layer = layer_of(write_rows, hall_rows)
    put(layer, 8)
    assert layer.write(np.full(layer.shape, -3 * STEP_W)).depression == 60
    np.testing.assert_allclose(layer.count, 5)
    put(layer, 11)
    assert layer.write(np.full(layer.shape, 5 * STEP_W)).potentiation == 20   # one pulse left on the ramp
    np.testing.assert_allclose(layer.count, 12)
    np.testing.assert_allclose(layer.read().numpy(), 1.0, atol=1e-3)


def test_a_selected_state_step_fires_the_pulses_between(write_rows, hall_rows):
    layer = layer_of(write_rows, hall_rows, n_pot=7, n_dep=7)   # positions 0, 2, 4, ... 12
    put(layer, 4)
    count = layer.write(np.full(layer.shape, 2 * STEP_W))    # one selected step
    np.testing.assert_allclose(layer.count, 6)
    assert (count.steps_potentiation, count.potentiation) == (20, 40)


TWO_DEVICES = (([0, 1, 2, 3, 4], [3, 2]), ([0, 3, 6, 9, 12], [6, 0]))
"""Trace A adds 1 skyrmion per pulse, B adds 3: the nominal curve is their mean, 0, 2, 4, 6, 8 (u = count / 8)."""


def test_each_pulse_draws_the_increment_of_a_random_trace(write_rows, hall_rows):
    layer = layer_of(write_rows, hall_rows, TWO_DEVICES, shape=(200, 100))
    put(layer, 2)                                           # position 1 of the nominal curve
    layer.write(np.full(layer.shape, 2 * 2 / 8))            # one pulse: +1 (trace A) or +3 (trace B)
    assert set(np.unique(layer.count)) == {3.0, 5.0}
    # binomial std of the fraction sqrt(0.25 / 2e4) = 3.5e-3
    assert np.mean(layer.count == 5.0) == pytest.approx(0.5, abs=0.02)


def test_zero_cycle_to_cycle_scale_gives_the_mean_device(write_rows, hall_rows):
    layer = layer_of(write_rows, hall_rows, TWO_DEVICES, shape=(50, 20), c2c_scale=0.0)
    put(layer, 2)
    layer.write(np.full(layer.shape, 2 * 2 / 8))
    np.testing.assert_allclose(layer.count, 4.0)            # 2 + the mean increment (1 + 3) / 2


def test_stochastic_rounding_fires_the_expected_fraction(write_rows, hall_rows):
    layer = layer_of(write_rows, hall_rows, shape=(200, 500), rounding=StochasticPulses())
    put(layer, 6)
    count = layer.write(np.full(layer.shape, 0.3 * STEP_W))
    assert count.cell_writes / 1e5 == pytest.approx(0.3, abs=7e-3)   # binomial std 1.4e-3


def test_read_noise_and_initial_states(write_rows, hall_rows):
    layer = layer_of(write_rows, hall_rows, shape=(200, 500), read_noise=0.02)
    assert set(np.unique(layer.count)) == set(range(13))    # a random potentiation position of the trace
    put(layer, 6)                                           # away from the clipping bounds
    reads = layer.read().numpy() - layer.read().numpy()
    assert np.std(reads) == pytest.approx(np.sqrt(2) * 2 * 0.02, rel=0.02)


def test_mtj_polarity_potentiation_lowers_conductance_raises_weight(write_trace):
    path = write_trace(pot_pulses=12, dep_pulses=12, max_skyrmions=12, floor_skyrmions=0, a_pot=float("inf"),
                       a_dep=float("inf"), conductance=(3.33e-4, 1.11e-4))
    model = TransitionModel(PulseTransitions.from_traces([read_trace(path)]), rounding=NearestPulses())
    layer = TransitionArray((4, 5), model, gain=1.0, seed=0)
    put(layer, 3)
    before_g, before_w = layer.conductance().copy(), layer.read().numpy().copy()
    layer.write(np.full(layer.shape, 0.5))
    assert model.polarity == -1
    assert (layer.conductance() < before_g).all() and (layer.read().numpy() > before_w).all()


def test_same_seed_same_state(write_rows, hall_rows):
    runs = []
    for _ in range(2):
        layer = layer_of(write_rows, hall_rows, TWO_DEVICES, shape=(30, 40), rounding=StochasticPulses(),
                         read_noise=0.01, seed=7)
        for k in range(5):
            layer.write(np.sin(np.arange(1200).reshape(30, 40) + k) * 0.2)
        runs.append((layer.u.copy(), layer.read().numpy()))
    np.testing.assert_array_equal(runs[0][0], runs[1][0])
    np.testing.assert_array_equal(runs[0][1], runs[1][1])
