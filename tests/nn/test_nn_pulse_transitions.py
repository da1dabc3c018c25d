"""Per-pulse transitions from traces: ramp positions, increments, the level of a count, checks.

Traces are written from stated skyrmion counts (conftest `hall_rows`, -8 nOhm cm per skyrmion), so every expected
number is read off those counts.
"""
import numpy as np
import pytest

from nn.hall_readout import HallReadout
from nn.pulse_transitions import PulseTransitions
from nn.trace_file import read_trace
from skybench.errors import DataError

NOHM_CM = 1e-11   # Ohm m


def traces(write_rows, hall_rows, *branches):
    return [read_trace(write_rows(hall_rows(pot, dep))) for pot, dep in branches]


def test_positions_and_increments_per_trace(write_rows, hall_rows):
    t = PulseTransitions.from_traces(traces(write_rows, hall_rows, ([1, 2, 4, 5], [3, 1]), ([2, 3, 3, 6], [4, 0])))
    np.testing.assert_array_equal(t.pot_counts, [[1, 2, 4, 5], [2, 3, 3, 6]])
    np.testing.assert_array_equal(t.dep_counts, [[5, 3, 1], [6, 4, 0]])   # depression starts at the top
    np.testing.assert_array_equal(t.pot_increments, [[1, 2, 1], [1, 0, 3]])
    np.testing.assert_array_equal(t.dep_increments, [[-2, -2], [-2, -4]])
    assert (t.pot_available, t.dep_available, t.n_traces, t.max_count, t.polarity) == (4, 3, 2, 6, 1)


def test_level_of_a_count_is_the_readout_of_its_rows(write_rows, hall_rows):
    t = PulseTransitions.from_traces(traces(write_rows, hall_rows, ([1, 2, 4, 6], [4, 2])))
    readout = HallReadout()
    # counts 0, 3 and 5 have no row: the straight line through the others (the readout is linear to 1e-4)
    np.testing.assert_allclose(t.level_mean, readout.conductance(-8.0 * NOHM_CM * np.arange(7)),
                               atol=1e-3 * t.g_max)
    np.testing.assert_allclose(t.level_std, 0.0, atol=1e-12 * t.g_max)   # rows of one count agree exactly
    np.testing.assert_allclose([t.g_min, t.g_max], readout.conductance(-8.0 * NOHM_CM * np.array([1, 6])))


def test_level_spread_of_a_count_across_traces(write_rows, hall_rows):
    rows = [hall_rows([1, 2, 3], [2, 1], drho=drho) for drho in (7.0, 9.0)]
    t = PulseTransitions.from_traces([read_trace(write_rows(r)) for r in rows])
    slope = HallReadout().slope(np.zeros(1))[0]
    # count 2 has rows at -14 and -18 (pot) and again in depression: std of (-14, -18, -14, -18) nOhm cm
    expected = np.std([14.0, 18.0, 14.0, 18.0], ddof=1) * NOHM_CM * slope
    assert t.level_std[2] == pytest.approx(expected, rel=1e-3)


def test_paper_selection_keeps_both_ends(write_trace):
    t = PulseTransitions.from_traces([read_trace(write_trace(pot_pulses=24, dep_pulses=16))], 13, 11)
    assert (t.n_pot, t.n_dep, t.pot_available, t.dep_available) == (13, 11, 24, 17)
    assert t.pot_selected[0] == 0 and t.pot_selected[-1] == 23 and t.dep_selected[-1] == 16


def test_traces_of_different_protocols_are_refused(write_rows, hall_rows):
    bad = traces(write_rows, hall_rows, ([1, 2, 3], [2, 1]), ([1, 2, 3, 4], [2, 1]))
    with pytest.raises(DataError, match="one protocol"):
        PulseTransitions.from_traces(bad)


def test_a_device_that_never_moves_is_named(write_rows, hall_rows):
    flat = traces(write_rows, hall_rows, ([2, 2, 2], [2, 2]))
    with pytest.raises(DataError, match=str(flat[0].path)):
        PulseTransitions.from_traces(flat)


def test_a_cycle_that_does_not_rise_is_data(write_rows, hall_rows):
    """A cycle whose count stays put (a chamber at capacity, writes and losses in balance) keeps its zero
    increments; the polarity comes from the cycle that moves."""
    both = traces(write_rows, hall_rows, ([1, 2, 3], [2, 1]), ([2, 3, 2], [2, 2]))
    t = PulseTransitions.from_traces(both)
    assert t.polarity == 1
    assert np.array_equal(t.pot_increments, [[1, 1], [1, -1]])
