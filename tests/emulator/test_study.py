"""Population studies (emulator/study*.py, `skybench study`): a device's result depends on (study, device) only,
its figures are those of its trace, the block readout is the device's readout, the store streams and resumes,
and the summary is read back from the store."""
import json

import numpy as np
import pyarrow.parquet as pq
import pytest

from emulator.api import trace_table
from emulator.batch import run_batch
from emulator.experiment import run_protocol
from emulator.geometry import Circle, Rectangle
from emulator.presets import chamber_150nm
from emulator.pulse_protocols import fig4b
from emulator.readout import reversed_area
from emulator.study import block_seed, compute_chunk, run_study
from emulator.study_devices import (BlockTraces, Conditions, _inside, _reversed_fraction, _snapshot,
                                    disc_area_inside, run_block, sum_width)
from emulator.study_figures import device_figures
from emulator.study_spec import parse_study
from emulator.study_store import StudyStore
from emulator.thiele.engine import ThieleEngine
from emulator.trace_analysis import summarize
from skybench.cli import main
from skybench.errors import ParameterError


def chamber_study(devices=6, chunk=4, **extra):
    document = {"study": {"preset": "chamber_150nm", "protocol": "fig4b", "devices": devices, "seed": 3,
                          "chunk": chunk}}
    for table, values in extra.items():
        document[table] = values
    return parse_study(document)


def test_block_counts_are_the_batch_engines_device_by_device(chamber):
    protocol = fig4b(pulses=20)
    whole = run_batch(chamber, protocol, devices=5, seed=7)
    head = run_block(chamber, protocol, seed=7, first=0, count=2)
    tail = run_block(chamber, protocol, seed=7, first=2, count=3)
    assert np.array_equal(np.vstack([head.counts, tail.counts]), whole.counts)
    assert np.array_equal(np.concatenate([head.created[:, 0], tail.created[:, 0]]), whole.created)


def test_block_readout_and_figures_are_those_of_the_simpy_device(chamber):
    """Device 0 of seed 5 is the single SimPy run of seed 5 (tests/emulator/test_batch.py): its block trace must
    give the trace.csv columns and the trace_analysis figures of that run."""
    protocol = fig4b(pulses=30)
    block = run_block(chamber, protocol, seed=5, first=0, count=2)
    table = trace_table(run_protocol(chamber, protocol, seed=5))
    assert np.array_equal(block.counts[0], table["n_skyrmions_active"])
    assert np.allclose(block.diameter[0], table["mean_diameter_m"], rtol=1e-12, equal_nan=True)
    assert np.allclose(block.signal[0], table["conductance_S"], rtol=1e-12)
    phases = tuple(table["phase"])
    figures = device_figures(block, phases, "conductance_S")
    expected = summarize(table)
    assert figures["potentiation_states"][0] == expected["potentiation_states"]
    assert figures["linearity_r2"][0] == pytest.approx(expected["linearity_r2_potentiation"], rel=1e-12)
    assert figures["conductance_per_skyrmion_pot_S"][0] == pytest.approx(
        expected["conductance_per_skyrmion_pot_S"], rel=1e-12)
    n = np.array(table["n_skyrmions_active"])
    steps = np.diff(n, prepend=0)
    wanted = np.where(np.array(phases) == "potentiation", 1, -1)
    assert figures["write_error_rate"][0] == pytest.approx(np.mean(steps != wanted))
    assert figures["peak"][0] == n.max() and figures["end_of_depression"][0] == n[-1]


@pytest.mark.parametrize("signal", ["conductance_S", "rho_xy_change_nOhm_cm"])
def test_block_figures_are_trace_analysis_figures_to_the_bit(signal):
    """device_figures computes only the figures a study keeps, with trace_analysis's functions: on random traces
    (random walks of the count, noisy signals, some NaN diameters) of both readouts, every figure must equal
    `summarize`'s for the same trace exactly."""
    rng = np.random.default_rng(5)
    phases = ("potentiation",) * 30 + ("depression",) * 30
    devices = 40
    counts = np.maximum(np.cumsum(rng.integers(-1, 3, (devices, 60)), axis=1), 0)
    scale = 4e-6 if signal == "conductance_S" else 6.0
    noisy = counts * scale + rng.normal(0.0, 0.2 * scale, counts.shape)
    traces = BlockTraces(counts=counts, diameter=np.where(counts > 0, 1e-8, np.nan), signal=noisy,
                         initial=np.zeros(devices, dtype=np.int64), created=counts.max(axis=1, keepdims=True))
    figures = device_figures(traces, phases, signal)
    slopes = ("conductance_per_skyrmion_pot_S", "conductance_per_skyrmion_dep_S") if signal == "conductance_S" \
        else ("drho_per_skyrmion_pot_nOhm_cm", "drho_per_skyrmion_dep_nOhm_cm")
    for d in range(devices):
        expected = summarize({"phase": phases, "pulse_index": np.arange(1, 61), "n_skyrmions_active": counts[d],
                              "mean_diameter_m": traces.diameter[d], signal: noisy[d]})
        got = [figures[name][d] for name in ("potentiation_states", "depression_states", "linearity_r2", *slopes)]
        want = [expected[key] for key in ("potentiation_states", "depression_states", "linearity_r2_potentiation",
                                          *slopes)]
        assert np.array_equal(got, want, equal_nan=True), d
    assert figures["potentiation_states"].min() > 0


@pytest.mark.parametrize("area", [Circle(0.0, 0.0, 2.0), Rectangle(0.0, 0.0, 3.0, 2.0)])
def test_vectorised_disc_area_is_the_readouts(area):
    rng = np.random.default_rng(0)
    x, y = rng.uniform(-3, 4, 400), rng.uniform(-3, 3, 400)
    r = rng.uniform(0.05, 1.5, 400)
    r[::7] = 0.0
    vectorised = disc_area_inside(area, x, y, r)
    single = [reversed_area(area, x[i:i + 1], y[i:i + 1], r[i:i + 1]) if r[i] > 0 else 0.0 for i in range(400)]
    assert np.allclose(vectorised, single, rtol=1e-12, atol=1e-15)


def test_the_readout_over_the_live_slots_is_the_full_width_readout_to_the_bit(chamber):
    """run_block reads each pulse over `sum_width` slots per device instead of the capacity: the counts, mean
    diameters and reversed fractions must be those of the full rows bit for bit, on a real block (after 120 fig4b
    pulses, 8 or more skyrmions) and on random rows of 0 to 40 live skyrmions in rows of 128 and 256 slots."""
    engine = ThieleEngine(chamber.model, devices=6, seed=4, record_events=False)
    protocol = fig4b()
    for field, hold in protocol.preparation:
        engine.advance(0.0, field, hold)
    for step in protocol.steps[:120]:
        engine.advance(step.current_density, step.field, step.width)
        engine.advance(0.0, step.field, step.wait or chamber.relaxation_time)
    full = engine.arrays()
    assert full[4].max() >= 8
    cut = _snapshot(engine)
    assert cut[0].shape[1] == sum_width(full[4].max(), 128) < 128
    for got, want in zip((*_inside(cut), _reversed_fraction(chamber, cut)),
                         (*_inside(full), _reversed_fraction(chamber, full))):
        assert np.array_equal(got, want, equal_nan=True)
    rng = np.random.default_rng(2)
    for capacity in (128, 256):
        n = rng.integers(0, 41, 200)
        values = np.where(np.arange(capacity)[None, :] < n[:, None],
                          rng.random((200, capacity)) * 10.0 ** rng.uniform(-20, 3, (200, 1)), 0.0)
        assert np.array_equal(values[:, :sum_width(n.max(), capacity)].sum(axis=1), values.sum(axis=1))


def test_a_device_does_not_depend_on_the_chunk_it_ran_in():
    spec = chamber_study(devices=5, chunk=5, vary={"current_scale": {"distribution": "uniform", "low": 0.9,
                                                                     "high": 1.1}})
    whole = compute_chunk(spec, 0, 5)
    tail = compute_chunk(spec, 3, 2)
    for name in ("device", "current_scale", "peak", "n_skyrmions_active", "conductance_S"):
        assert np.array_equal(whole[name][3:], tail[name]), name
    assert len(set(whole["current_scale"])) == 5     # every device its own draw


def test_a_chunk_does_not_depend_on_its_threads():
    """compute_chunk cuts a block into one run per thread: 1, 2 and 3 threads give the same columns to the bit
    (7 devices of equal conditions: one engine, or runs of 4 + 3, or 3 + 2 + 2 devices)."""
    spec = chamber_study(devices=7, chunk=7)   # traces are stored by default
    one = compute_chunk(spec, 0, 7, threads=1)
    for threads in (2, 3):
        split = compute_chunk(spec, 0, 7, threads=threads)
        assert one.keys() == split.keys()
        for name in one:
            assert np.array_equal(one[name], split[name], equal_nan=True), (threads, name)


def test_stream_blocks_cut_chunks_but_not_devices(monkeypatch):
    """Device d has stream d mod STREAM_BLOCK of block d // STREAM_BLOCK; a chunk across a block boundary runs two
    engines and gives each device the result it has alone (STREAM_BLOCK shrunk to 3 to cross one)."""
    import emulator.study as study

    monkeypatch.setattr(study, "STREAM_BLOCK", 3)
    spec = chamber_study(devices=5, chunk=5)
    whole = compute_chunk(spec, 0, 5)
    for first, count in ((2, 2), (4, 1)):
        part = compute_chunk(spec, first, count)
        assert np.array_equal(whole["n_skyrmions_active"][first:first + count], part["n_skyrmions_active"])
    alone = run_block(chamber_150nm(), spec.steps(), block_seed(3, 1), 0, 2)    # devices 3 and 4
    assert np.array_equal(whole["n_skyrmions_active"][3:], alone.counts)
    assert block_seed(3, 1) != block_seed(3, 0) != block_seed(4, 0)


def test_varied_quantities_act_on_the_device(chamber):
    """A weaker delivered current writes fewer skyrmions: 0.5 x 4e10 A/m^2 stays below the pad's threshold."""
    protocol = fig4b(pulses=20)
    nominal = run_block(chamber, protocol, 2, 0, 3)
    weak = run_block(chamber, protocol, 2, 0, 3, Conditions(current_scale=0.5))
    assert nominal.counts[:, 19].mean() > weak.counts[:, 19].mean()


def test_endurance_cycles_repeat_the_protocol_on_the_same_devices(chamber):
    protocol = fig4b(pulses=10)
    two = run_block(chamber, protocol, 1, 0, 2, cycles=2)
    one = run_block(chamber, protocol, 1, 0, 2)
    assert two.counts.shape == (2, 40) and two.created.shape == (2, 2)
    assert np.array_equal(two.counts[:, :20], one.counts)
    assert np.array_equal(two.created.sum(axis=1) - two.created[:, 0], two.created[:, 1])


def test_an_endurance_study_reports_every_cycle(tmp_path):
    spec = chamber_study(devices=2, chunk=2, study={"preset": "chamber_150nm", "protocol": "fig4b", "devices": 2,
                                                    "seed": 3, "chunk": 2, "cycles": 3})
    summary = run_study(spec, tmp_path / "run", progress=False)
    rows = StudyStore(tmp_path / "run", {}).read(["device", "cycle", "peak", "n_skyrmions_active"])
    assert rows["device"].tolist() == [0, 0, 0, 1, 1, 1] and rows["cycle"].tolist() == [1, 2, 3] * 2
    assert [entry["cycle"] for entry in summary["endurance"]] == [1, 2, 3]
    assert summary["endurance"][1]["peak_mean"] == pytest.approx(rows["peak"][rows["cycle"] == 2].mean())
    assert all(len(trace) == 250 for trace in rows["n_skyrmions_active"])


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    out = tmp_path_factory.mktemp("study") / "run"
    spec = chamber_study(devices=6, chunk=4)
    summary = run_study(spec, out, "text of the file", progress=False)
    return spec, out, summary


def test_the_store_holds_every_device_once_with_its_study(finished):
    spec, out, summary = finished
    store = StudyStore(out, json.loads((out / "study.json").read_text()))
    assert store.done() == {0, 1}
    rows = store.read(["device", "cycle", "peak", "n_skyrmions_active"])
    assert rows["device"].tolist() == list(range(6)) and set(rows["cycle"]) == {1}
    whole = run_batch(chamber_150nm(), spec.steps(), 6, seed=block_seed(3, 0))    # stream block 0
    assert np.array_equal(np.stack(rows["n_skyrmions_active"]), whole.counts)
    assert np.array_equal(rows["peak"], whole.counts.max(axis=1))
    meta = json.loads(pq.read_schema(store.chunk_path(1)).metadata[b"skybench.study"])
    assert meta["seed"] == 3 and meta["study_file"] == "text of the file" and meta["software_version"]
    assert meta["study_digest"] == spec.digest() and meta["chunk"] == 1


def test_summary_has_the_headline_numbers_and_percentiles(finished):
    spec, out, summary = finished
    stored = json.loads((out / "summary.json").read_text())
    assert (out / "histograms.png").stat().st_size > 1000
    for key in ("n_devices", "devices_per_s", "states_mean", "states_std", "linearity_r2_mean",
                "write_error_rate"):
        assert stored[key] is not None, key
    assert stored["n_devices"] == 6
    store = StudyStore(out, stored)
    rows = store.read(["peak", "potentiation_states", "depression_states", "write_error_rate"])
    peak = stored["figures"]["peak"]
    assert peak["mean"] == pytest.approx(rows["peak"].mean())
    assert peak["p50"] == pytest.approx(np.percentile(rows["peak"], 50))
    assert peak["p5"] <= peak["p50"] <= peak["p95"]
    states = rows["potentiation_states"] + rows["depression_states"]
    assert stored["states_mean"] == pytest.approx(states.mean())
    assert stored["write_error_rate"] == pytest.approx(rows["write_error_rate"].mean())


def test_a_rerun_resumes_and_never_recomputes_a_finished_chunk(finished, tmp_path, monkeypatch):
    spec, out, _ = finished
    calls = []
    import emulator.study as study

    real = study.compute_chunk
    monkeypatch.setattr(study, "compute_chunk", lambda s, first, count, threads=None: calls.append(first) or
                        real(s, first, count, threads))
    before = pq.read_table(StudyStore(out, {}).chunk_path(1))
    StudyStore(out, {}).chunk_path(1).unlink()                  # as if killed before chunk 1 finished
    left = out / "chunks" / ".chunk-00000001.parquet.999.partial"  # ... while writing it
    left.write_bytes(b"PAR1 half")
    summary = run_study(spec, out, "text of the file", progress=False)
    assert calls == [4] and summary["devices_computed"] == 2 and not left.exists()
    assert pq.read_table(StudyStore(out, {}).chunk_path(1)).to_pandas().equals(before.to_pandas())
    calls.clear()
    assert run_study(spec, out, "text of the file", progress=False)["devices_computed"] == 0 and calls == []


def test_a_different_study_at_the_same_path_is_refused(finished):
    _, out, _ = finished
    other = chamber_study(devices=7, chunk=4)
    with pytest.raises(ParameterError, match="another study"):
        run_study(other, out, progress=False)


def test_a_folder_with_other_files_is_refused_unless_forced(tmp_path):
    """skybench.outputs' rule: a non-empty folder that is not this study is refused; --force starts over."""
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(ParameterError, match="pass --force"):
        run_study(chamber_study(devices=2), tmp_path, progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.txt"]
    run_study(chamber_study(devices=2), tmp_path, progress=False, force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chunks", "histograms.png", "study.json", "summary.json"]


def test_a_damaging_study_is_refused_before_anything_is_written(tmp_path):
    spec = chamber_study(devices=2, protocol={"current_density": "4.8e11 A/m^2"},
                         vary={"current_scale": {"distribution": "uniform", "low": 1.0, "high": 1.1}})
    with pytest.raises(ParameterError, match="damage threshold"):
        run_study(spec, tmp_path / "run", progress=False)
    assert not (tmp_path / "run").exists()


def test_study_command_with_shortcuts_writes_the_folder(tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["study", "--preset", "chamber_150nm", "--protocol", "fig4b", "--devices", "3", "--seed", "1",
                 "--quiet", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["chunks", "histograms.png", "study.json", "summary.json"]
    assert "3 devices" in capsys.readouterr().out
    assert json.loads((out / "summary.json").read_text())["n_devices"] == 3


@pytest.mark.parametrize("argv, message", [
    (["--devices", "0"], "parameter 'study.devices'"),
    (["--devices", "2.5"], "parameter 'study.devices'"),
    (["--devices", "3", "--chunk", "0"], "parameter 'study.chunk'"),
    (["--devices", "3", "--seed", "-2"], "parameter 'study.seed'"),
    (["--devices", "3", "--current-density", "3e12"], "damage threshold"),
    (["--devices", "3", "--workers", "0"], "parameter 'workers'"),
    (["--devices", "3", "--scheduler", "localhost:1"], "parameter 'scheduler'"),
    (["--devices", "3", "--out", ""], "parameter 'out'"),
])
def test_bad_arguments_fail_with_one_line_and_write_nothing(tmp_path, capsys, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "run"
    argv = ["study", "--preset", "chamber_150nm", "--protocol", "fig4b", "--out", str(out), *argv]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_population_of_1e7_streams_without_allocating_it():
    """Issue 14 item 9: the population is never held whole; its size only sets the chunk list, and its last
    chunk runs like its first (device 9,999,999 has its own stream)."""
    spec = chamber_study(devices=10**7, chunk=100)
    chunks = spec.chunks()
    assert len(chunks) == 10**5 and chunks[-1] == (99_999, 9_999_900, 100)
    last = compute_chunk(spec, 9_999_998, 2)
    assert last["device"].tolist() == [9_999_998, 9_999_999] and last["n_skyrmions_active"].shape == (2, 250)
    with pytest.raises(ParameterError, match="study.chunk"):      # more than MAX_CHUNKS chunks
        chamber_study(devices=10**7, chunk=50)


def test_each_device_draws_its_own_disorder_unless_fixed(gdfeco):
    """Hall bar (disorder distributions): drawn, each device runs its own realisation (with_disorder of its seed);
    fixed, every device the preset's own. Two devices through fig2b."""
    document = {"study": {"preset": "gdfeco_experiment", "protocol": "fig2b", "devices": 2, "seed": 5}}
    drawn = parse_study(document)
    rows = compute_chunk(drawn, 0, 2)
    seeds = rows["disorder_seed"]
    assert seeds[0] != seeds[1]
    alone = run_block(gdfeco.with_disorder(int(seeds[1])), drawn.steps(), block_seed(5, 0), 1, 1)
    assert np.array_equal(rows["n_skyrmions_active"][1], alone.counts[0])
    fixed = parse_study({"study": {**document["study"], "disorder": "fixed"}})
    rows = compute_chunk(fixed, 0, 2)
    assert "disorder_seed" not in rows
    assert np.array_equal(rows["n_skyrmions_active"], run_block(gdfeco, fixed.steps(), block_seed(5, 0), 0, 2).counts)
