"""Level tables from traces: states, spreads, selection, monotonic checks, polarity and pulse positions."""
import numpy as np
import pytest

from nn.hall_readout import HallReadout
from nn.level_table import LevelTable, select_states
from nn.trace_file import REQUIRED_COLUMNS, read_trace
from skybench.errors import DataError, ParameterError


def test_linear_trace_recovers_its_levels_and_spread(write_trace):
    path = write_trace(pot_pulses=24, dep_pulses=16, max_skyrmions=24, floor_skyrmions=8, a_pot=float("inf"),
                       a_dep=float("inf"), drho_per_skyrmion=8.0, readout_std=4.0)
    table = LevelTable.from_trace(read_trace(path))
    readout = HallReadout()
    expected_pot = readout.conductance(-8.0e-11 * np.arange(1, 25))
    np.testing.assert_allclose(table.pot_mean, expected_pot, rtol=1e-9)
    # sigma_i = |dG/drho| * 4 nOhm cm (one row per state, spread from the readout column)
    np.testing.assert_allclose(table.pot_std, readout.slope(-8.0e-11 * np.arange(1, 25)) * 4.0e-11, rtol=1e-9)
    assert table.polarity == 1 and table.readout == "hall"
    assert table.pot_available == 24 and table.dep_available == 16
    assert abs(table.pot_fit.nl) < 0.01 and abs(table.dep_fit.nl) < 0.01  # straight lines


def test_paper_selection_13_of_24_keeps_the_ends(write_trace):
    path = write_trace()  # Fig. 2b-like: 24 + 16 pulses
    full = LevelTable.from_trace(read_trace(path))
    table = LevelTable.from_trace(read_trace(path), 13, 11)
    keep = select_states(full.n_pot, 13, "n_states_pot", "x")
    assert table.n_pot == 13 and table.n_dep == 11
    assert keep[0] == 0 and keep[-1] == full.n_pot - 1 and np.all(np.diff(keep) >= 1)
    np.testing.assert_allclose(table.pot_mean, full.pot_mean[keep])
    assert table.pot_pulse[0] == 0 and np.all(np.diff(table.pot_pulse) > 0)


def test_repeated_counts_are_one_state_with_pulse_positions(write_rows, hall_rows):
    rows = hall_rows([1, 1, 1, 2, 2, 3], [2, 2, 1])
    path = write_rows(rows)
    table = LevelTable.from_trace(read_trace(path))
    assert table.n_pot == 3 and table.n_dep == 2
    assert table.pot_pulse.tolist() == [0, 3, 5]   # pulses from the first state to each state's first row
    assert table.dep_pulse.tolist() == [0, 2]


def test_mtj_trace_has_negative_polarity_and_row_spread(write_rows, hall_rows):
    rows = hall_rows([1, 1, 2, 2, 3, 3], [2, 2, 1, 1])
    jitter = [1e-8, -1e-8, 2e-8, -2e-8, 0.0, 0.0, 1e-8, -1e-8, 0.0, 0.0]
    for row, extra in zip(rows, jitter):
        row["conductance_S"] = 3.3e-4 - 1e-6 * row["n_skyrmions_active"] + extra
    table = LevelTable.from_trace(read_trace(write_rows(rows, REQUIRED_COLUMNS + ("conductance_S",))))
    assert table.polarity == -1 and table.readout == "mtj"
    np.testing.assert_allclose(table.pot_mean, 3.3e-4 - 1e-6 * np.array([1, 2, 3]))
    # state 1 rows: +-1e-8 -> sample std sqrt(2) 1e-8; state 2: +-2e-8 -> 2 sqrt(2) 1e-8
    np.testing.assert_allclose(table.pot_std[:2], [np.sqrt(2) * 1e-8, 2 * np.sqrt(2) * 1e-8], rtol=1e-6)


def test_small_reversal_is_pooled_large_one_rejected(write_rows, hall_rows):
    small = write_rows(hall_rows(list(range(1, 21)) + [19, 21, 22], [15, 10, 5]))
    table = LevelTable.from_trace(read_trace(small))
    assert np.all(np.diff(table.pot_mean) >= 0)  # one skyrmion back out of 22: noise, pooled
    large = write_rows(hall_rows(list(range(1, 21)) + [8, 21, 22], [15, 10, 5]))
    with pytest.raises(DataError) as info:
        LevelTable.from_trace(read_trace(large))
    assert str(large) in str(info.value) and "not monotonic beyond noise" in str(info.value)


def test_bad_branches_are_named(write_rows, hall_rows):
    flat = write_rows(hall_rows([4, 4, 4], [2, 1]))
    with pytest.raises(DataError, match="potentiation branch has 1 distinct state"):
        LevelTable.from_trace(read_trace(flat))
    wrong_way = write_rows(hall_rows([1, 2, 3], [4, 5]))
    with pytest.raises(DataError, match="depression branch does not"):
        LevelTable.from_trace(read_trace(wrong_way))


def test_more_states_than_measured_is_a_parameter_error(write_trace):
    path = write_trace(pot_pulses=10, dep_pulses=6, max_skyrmions=30)
    with pytest.raises(ParameterError) as info:
        LevelTable.from_trace(read_trace(path), 13, 5)
    assert "n_states_pot" in str(info.value) and "[2, 10]" in str(info.value) and str(path) in str(info.value)
