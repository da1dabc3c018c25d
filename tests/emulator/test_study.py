"""Population studies (emulator/study.py, `skybench study`): chunking does not change the result, the figures
of merit are those of the counts, the folder is complete, and bad input is refused before anything runs."""
import csv
import json

import numpy as np
import pytest

from emulator.batch import run_batch
from emulator.presets import gdfeco_experiment
from emulator.pulse_protocols import fig2b
from emulator.study import run_study
from skybench.cli import main
from skybench.errors import ParameterError


@pytest.fixture(scope="module")
def population():
    return run_study("gdfeco_experiment", "fig2b", devices=7, seed=4, chunk=3)


def test_chunks_give_every_device_its_stream_of_the_seed(population):
    whole = run_batch(gdfeco_experiment(), fig2b(), devices=7, seed=4)
    assert np.array_equal(population.counts, whole.counts)
    assert np.array_equal(population.created, whole.created)
    tail = run_batch(gdfeco_experiment(), fig2b(), devices=2, seed=4, first_device=5)
    assert np.array_equal(tail.counts, whole.counts[5:])


def test_figures_of_merit_are_read_from_the_counts(population):
    figures = population.figures
    counts = population.counts
    assert np.array_equal(figures["peak"], counts.max(axis=1))
    assert np.array_equal(figures["end_of_potentiation"], counts[:, 24])   # fig2b: 25 potentiation pulses
    assert np.array_equal(figures["end_of_depression"], counts[:, -1])
    assert np.array_equal(figures["removed"], figures["peak"] - counts[:, -1])
    half = figures["half_peak_pulse"]
    for device in range(population.devices):
        first = half[device] - 1
        assert counts[device, first] >= figures["peak"][device] / 2 > counts[device, :first].max(initial=-1)
    summary = population.summary()
    assert summary["devices"] == 7 and summary["figures"]["peak"]["mean"] == pytest.approx(counts.max(axis=1).mean())
    assert summary["figures"]["peak"]["p5"] <= summary["figures"]["peak"]["p50"] <= summary["figures"]["peak"]["p95"]


def test_study_command_writes_the_folder(tmp_path, capsys):
    out = tmp_path / "study"
    assert main(["study", "--preset", "gdfeco_experiment", "--protocol", "fig2b", "--devices", "5", "--chunk", "2",
                 "--seed", "4", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["counts.npz", "devices.csv", "study.png", "summary.json"]
    stored = np.load(out / "counts.npz")
    assert stored["counts"].shape == (5, 41) and list(stored["phases"][[0, -1]]) == ["potentiation", "depression"]
    rows = list(csv.DictReader((out / "devices.csv").open()))
    assert [int(row["device"]) for row in rows] == list(range(5))
    assert [int(row["peak"]) for row in rows] == stored["counts"].max(axis=1).tolist()
    summary = json.loads((out / "summary.json").read_text())
    assert summary["seed"] == 4 and summary["chunk"] == 2 and "5 devices" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["--devices", "0"], "parameter 'devices'"),
    (["--devices", "3", "--chunk", "0"], "parameter 'chunk'"),
    (["--devices", "3", "--seed", "-2"], "parameter 'seed'"),
    (["--devices", "3", "--current-density", "3e11"], "damage threshold"),
])
def test_bad_arguments_fail_with_one_line_and_write_nothing(tmp_path, capsys, argv, message):
    out = tmp_path / "study"
    assert main(["study", "--preset", "gdfeco_experiment", "--protocol", "fig2b", *argv, "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_unknown_preset_and_scheduler_are_named():
    with pytest.raises(ParameterError, match="preset"):
        run_study("nope", "fig2b", devices=2)
    with pytest.raises(ParameterError, match="scheduler"):
        run_study("gdfeco_experiment", "fig2b", devices=2, scheduler="threads")


def test_distributed_without_a_client_says_how_to_get_one():
    with pytest.raises(ParameterError, match="dask.distributed Client"):
        run_study("gdfeco_experiment", "fig2b", devices=2, scheduler="distributed")


@pytest.mark.slow
def test_process_workers_give_the_same_population(population):
    """dask's process pool: each worker builds its own preset; the counts are those of the synchronous run."""
    spread = run_study("gdfeco_experiment", "fig2b", devices=7, seed=4, chunk=4, scheduler="processes")
    assert np.array_equal(spread.counts, population.counts)
    assert np.array_equal(spread.created, population.created)
