"""A network from a study population (nn/population_*.py, `skybench train --population`): each device's model is
built from its own cycles in the store, the population kernel is the transition kernel cell by cell through the
cell's own device, and the command trains on it."""
import json

import numpy as np
import pytest

from emulator.study import run_study
from emulator.study_spec import parse_study
from emulator.study_store import StudyStore
from nn.population_model import load_population, population_traces
from nn.pulse_transitions import PulseTransitions
from nn.transition_array_kernels import write_cells
from skybench.cli import main
from skybench.errors import DataError, ParameterError


@pytest.fixture(scope="module")
def population(tmp_path_factory):
    """Three chamber devices, two cycles each, with a spread of delivered current (a short study)."""
    out = tmp_path_factory.mktemp("population") / "study"
    spec = parse_study({"study": {"preset": "chamber_150nm", "protocol": "fig4b", "devices": 3, "seed": 2,
                                  "chunk": 2, "cycles": 2},
                        "vary": {"current_scale": {"distribution": "uniform", "low": 0.9, "high": 1.1}}})
    run_study(spec, out, progress=False)
    return out


def test_each_device_is_modelled_from_its_own_cycles(population):
    per_device = population_traces(population)
    assert [len(traces) for traces in per_device] == [2, 2, 2]
    rows = StudyStore(population, {}).read(["device", "cycle", "n_skyrmions_active", "conductance_S"])
    for k in range(6):
        trace = per_device[rows["device"][k]][rows["cycle"][k] - 1]
        assert np.array_equal(trace.n_skyrmions, rows["n_skyrmions_active"][k])
        assert np.array_equal(trace.conductance, rows["conductance_S"][k])
    model = load_population(population, None, None)
    assert model.n_devices == 3 and model.polarity == -1          # MTJ: potentiation lowers the conductance
    for device, traces in zip(model.devices, per_device):
        alone = PulseTransitions.from_traces(traces)
        assert np.array_equal(device.pot_increments, alone.pot_increments)
        assert np.array_equal(device.level_mean, alone.level_mean)
    assert not np.array_equal(model.devices[0].pot_counts, model.devices[1].pot_counts)
    assert load_population(population, None, None, limit=2).n_devices == 2
    summary = model.summary()
    assert summary["devices"] == 3 and summary["traces_per_device"] == 2


def test_a_cell_moves_through_its_own_devices_row_of_the_tables():
    """Two devices with different tables: the cells of device d, written through the two-row tables, move
    exactly as a single-device layer moves them (a one-row table, device 0) with d's tables and the same
    random stream."""
    rng = np.random.default_rng(0)
    cells = 50
    level = np.stack([np.linspace(0, 1, 11), np.linspace(0, 1, 11) ** 1.3])
    spread = np.full((2, 11), 0.01)
    low, high = level.min(axis=1), level.max(axis=1)
    curve = np.stack([np.linspace(0, 1, 6), np.linspace(0, 1, 6) ** 0.8])
    dep_curve = -curve[:, ::-1].copy()
    selected = np.arange(6)
    increments = rng.integers(0, 3, (2, 3, 5)).astype(float)
    du = rng.uniform(-0.3, 0.3, cells)
    for d in (0, 1):
        count = rng.uniform(0, 10, cells)
        u = rng.uniform(0, 1, cells)
        device = np.full(cells, d)
        a_count, a_u = count.copy(), u.copy()
        b_count, b_u = count.copy(), u.copy()
        got = write_cells(du, device, a_count, a_u, level, spread, low, high, curve, dep_curve, selected,
                          selected, increments, -increments, np.array([10.0, 10.0]), True,
                          np.random.default_rng(5))
        row = slice(d, d + 1)
        want = write_cells(du, np.zeros(cells, dtype=np.int64), b_count, b_u, level[row], spread[row], low[row],
                           high[row], curve[row], dep_curve[row], selected, selected, increments[row],
                           -increments[row], np.array([10.0]), True, np.random.default_rng(5))
        assert got == want
        assert np.array_equal(a_count, b_count) and np.array_equal(a_u, b_u)


def test_a_layer_assigns_cells_to_every_device(population):
    model = load_population(population, None, None)
    layer = model.array((40, 30), 1.0, (0, 0))
    assert set(np.unique(layer.device)) == {0, 1, 2}
    for d in range(3):     # each cell inside its own device's level range
        mine = layer.u[layer.device == d]
        assert mine.min() >= layer._low[d] and mine.max() <= layer._high[d]
    count = layer.write(np.full((40, 30), 0.2))
    assert count.potentiation > 0 and count.cell_writes > 0


def test_train_population_end_to_end(mnist, population, tmp_path, capsys):
    out = tmp_path / "run"
    # the ideal preset's differential pair is built of level-model devices; a population reads one per weight
    assert main(["train", "--device", "ideal", "--population", str(population), "--iterations", "2",
                 "--images-per-iteration", "600", "--quiet", "--no-software", "--out", str(tmp_path / "pair")]) == 2
    assert "parameter 'mapping'" in capsys.readouterr().err and not (tmp_path / "pair").exists()
    assert main(["train", "--device", "ideal", "--population", str(population), "--mapping", "reference",
                 "--iterations", "2", "--images-per-iteration", "600", "--quiet", "--no-software", "--out",
                 str(out)]) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["device_model"]["model"] == "population" and summary["device_model"]["devices"] == 3
    assert summary["pulses_potentiation_total"] > 0


def test_a_study_without_traces_or_a_missing_folder_is_refused(tmp_path, capsys):
    with pytest.raises(ParameterError, match="population"):
        load_population(tmp_path / "none", None, None)
    bare = tmp_path / "bare"
    run_study(parse_study({"study": {"preset": "chamber_150nm", "protocol": "fig4b", "devices": 1},
                           "outputs": {"traces": False}}), bare, progress=False)
    with pytest.raises(DataError, match="stored no traces"):
        load_population(bare, None, None)
    assert main(["train", "--device", "software", "--population", str(tmp_path), "--out",
                 str(tmp_path / "run")]) == 2
    assert "parameter 'population'" in capsys.readouterr().err
