"""Reading trace files: the emulator's column contract, and bad inputs named with the file and the problem."""
import numpy as np
import pytest

from nn.trace_file import NOHM_CM, REQUIRED_COLUMNS, find_traces, read_trace
from skybench.errors import DataError


def test_reads_a_synthetic_trace_in_si(write_trace):
    path = write_trace(pot_pulses=5, dep_pulses=4, max_skyrmions=10, floor_skyrmions=2, a_pot=float("inf"),
                       a_dep=float("inf"), drho_per_skyrmion=8.0, readout_std=3.0)
    trace = read_trace(path)
    assert trace.n_rows == 9
    assert trace.potentiation.tolist() == [True] * 5 + [False] * 4
    assert trace.n_skyrmions.tolist() == [2, 4, 6, 8, 10, 8, 6, 4, 2]   # linear curve, round(10 k / 5)
    # -8 nOhm cm per skyrmion; 1 nOhm cm = 1e-11 Ohm m (definition of the units)
    np.testing.assert_allclose(trace.rho_xy_change, -8.0 * trace.n_skyrmions * 1e-11, rtol=1e-12)
    np.testing.assert_allclose(trace.rho_xy_std, 3.0e-11, rtol=1e-12)
    assert trace.conductance is None
    assert NOHM_CM == pytest.approx(1e-11, rel=1e-12)


def test_mtj_trace_may_leave_rho_blank(write_rows, hall_rows):
    rows = hall_rows([1, 2, 3], [2, 1])
    for row, g in zip(rows, [3.3e-4, 3.2e-4, 3.1e-4, 3.2e-4, 3.3e-4]):
        row["rho_xy_change_nOhm_cm"] = ""
        row["conductance_S"] = g
    trace = read_trace(write_rows(rows, REQUIRED_COLUMNS + ("conductance_S",)))
    assert np.isnan(trace.rho_xy_change).all()
    np.testing.assert_allclose(trace.conductance, [3.3e-4, 3.2e-4, 3.1e-4, 3.2e-4, 3.3e-4])


@pytest.mark.parametrize("change, message", [
    (lambda rows, cols: (rows, tuple(c for c in cols if c != "n_skyrmions_active")), "missing n_skyrmions_active"),
    (lambda rows, cols: ([{**r, "rho_xy_change_nOhm_cm": "nan"} if i == 2 else r for i, r in enumerate(rows)], cols),
     "line 4: column rho_xy_change_nOhm_cm = 'nan' is not finite"),
    (lambda rows, cols: ([{**r, "n_skyrmions_active": "many"} if i == 0 else r for i, r in enumerate(rows)], cols),
     "column n_skyrmions_active = 'many' is not a number; valid: an integer in [0, inf]"),
    (lambda rows, cols: ([{**r, "phase": "erase"} if i == 1 else r for i, r in enumerate(rows)], cols),
     "column phase = 'erase' is not a valid value; valid: one of potentiation, depression"),
    (lambda rows, cols: (rows[:4], cols), "1 depression row(s)"),
    (lambda rows, cols: ([], cols), "no rows after the header"),
    (lambda rows, cols: ([{**r, "pulse_index": i + 1} for i, r in enumerate(rows[3:])], cols),
     "0 potentiation row(s)"),
    # issue 14 item 3: damaged traces that were read with exit 0
    (lambda rows, cols: (rows + rows, cols), "line 7: pulse_index 1 repeats or goes back (expected 6)"),
    (lambda rows, cols: (rows[:2] + rows[3:], cols), "line 4: pulse_index jumps to 4 (expected 3)"),
    (lambda rows, cols: ([{**r, "pulse_index": 2.5} if i == 1 else r for i, r in enumerate(rows)], cols),
     "line 3: column pulse_index = '2.5' is not an integer"),
    (lambda rows, cols: ([{**r, "n_skyrmions_active": 1.5} if i == 1 else r for i, r in enumerate(rows)], cols),
     "column n_skyrmions_active = '1.5' is not an integer"),
    (lambda rows, cols: ([{**r, "n_skyrmions_active": -1} if i == 1 else r for i, r in enumerate(rows)], cols),
     "column n_skyrmions_active = '-1' is out of range"),
    (lambda rows, cols: ([{**r, "pulse_width_s": ""} if i == 1 else r for i, r in enumerate(rows)], cols),
     "column pulse_width_s = '' is blank"),
    (lambda rows, cols: (rows, cols + ("phase",)), "column phase appears more than once"),
])
def test_bad_traces_name_the_file_and_problem(write_rows, hall_rows, change, message):
    rows, columns = change(hall_rows([1, 2, 3], [2, 1]), REQUIRED_COLUMNS)
    path = write_rows(rows, columns)
    with pytest.raises(DataError) as info:
        read_trace(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)


def test_missing_file_and_empty_folder(tmp_path):
    with pytest.raises(DataError, match="no such trace file or folder"):
        find_traces(tmp_path / "nothing")
    with pytest.raises(DataError, match="no trace.csv"):
        find_traces(tmp_path)
    (tmp_path / "trace.csv").write_text("")
    with pytest.raises(DataError, match="empty file"):
        read_trace(tmp_path / "trace.csv")


def test_folder_gives_every_trace_sorted(write_trace, tmp_path):
    first, second = write_trace(), write_trace(seed=1)
    assert find_traces(tmp_path) == sorted([first, second])
    assert find_traces(first) == [first]


def test_damaged_trace_is_refused_by_the_train_command(write_rows, hall_rows, tmp_path, capsys):
    """Issue 14 item 3: `skybench train --traces` with duplicated rows exits 2 naming the file, writes nothing."""
    from skybench.cli import main

    rows = hall_rows([1, 2, 3], [2, 1])
    path = write_rows(rows + rows)
    out = tmp_path / "run"
    assert main(["train", "--device", "experiment", "--traces", str(path), "--out", str(out), "--quiet"]) == 2
    error = capsys.readouterr().err
    assert str(path) in error and "pulse_index 1 repeats" in error and len(error.strip().splitlines()) == 1
    assert not out.exists()
