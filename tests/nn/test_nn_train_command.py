"""`skybench train` end to end on short schedules: outputs, the chip estimator's fields, bad input.

Short schedules (2 iterations of 1500 images, 10 updates) keep this in the default suite; the accuracy targets of the full
fig3c protocol are in test_nn_accuracy_targets.py (slow).
"""
import json

import numpy as np
import pytest

from skybench.cli import main

SHORT = ["--iterations", "2", "--images-per-iteration", "1500", "--quiet"]


def run(args, capsys):
    code = main(["train", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_experiment_from_a_trace_writes_every_output(mnist, write_trace, tmp_path, capsys):
    trace = write_trace()
    out = tmp_path / "run"
    code, stdout, _ = run(["--device", "experiment", "--traces", str(trace), "--seeds", "2", "--out", str(out),
                           *SHORT], capsys)
    assert code == 0 and "final accuracy" in stdout
    assert sorted(p.name for p in out.iterdir()) == ["accuracy.csv", "accuracy.png", "accuracy_software.csv",
                                                     "summary.json", "weights.png"]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["device"] == "experiment" and summary["protocol"] == "fig3c"
    assert (summary["n_states_pot"], summary["n_states_dep"]) == (13, 11)
    assert summary["device_model"]["model"] == "transitions"   # the experiment preset's synapse model
    assert summary["training_images"] == 3000
    assert summary["weight_updates_total"] == summary["pulses_potentiation_total"] + summary["pulses_depression_total"]
    assert summary["pulses_potentiation_total"] > 0 and summary["pulses_depression_total"] > 0
    rows = (out / "accuracy.csv").read_text().splitlines()
    assert rows[0] == "iteration,accuracy_seed_0,accuracy_seed_1" and len(rows) == 3
    finals = [float(value) for value in rows[-1].split(",")[1:]]
    assert finals == pytest.approx(summary["final_accuracy_per_seed"], abs=1e-6)
    first = [float(value) for value in rows[1].split(",")[1:]]
    assert all(last > start for last, start in zip(finals, first))   # it learns (the targets: slow tests)
    assert min(finals) > 0.2   # above chance (0.1) after only 10 device updates
    assert summary["final_accuracy_std"] == pytest.approx(np.std(finals, ddof=1), abs=1e-6)


def test_summary_is_what_the_chip_estimator_reads(mnist, write_trace, tmp_path, capsys):
    update_counts = pytest.importorskip("nn.chip.update_counts")
    out = tmp_path / "run"
    assert run(["--device", "experiment", "--traces", str(write_trace()), "--no-software", "--out", str(out),
                *SHORT], capsys)[0] == 0
    counts = update_counts.UpdateCounts.from_train_run(out)
    summary = json.loads((out / "summary.json").read_text())
    assert counts.weight_updates_total == summary["weight_updates_total"] and counts.training_images == 3000


def test_the_ideal_preset_maps_a_differential_pair(mnist, write_trace, tmp_path, capsys):
    """A chamber-like MTJ trace whose depression stops half-way: the ideal preset trains it as G+ - G- pairs, the
    summary records two devices per weight and the chip estimator maps them."""
    update_counts = pytest.importorskip("nn.chip.update_counts")
    trace = str(write_trace(pot_pulses=16, dep_pulses=9, max_skyrmions=16, floor_skyrmions=8, readout_std=None,
                            conductance=(3.3e-4, 3.2e-4)))
    for name, extra, expected in (("pair", [], ("differential", 2)),
                                  ("reference", ["--mapping", "reference"], ("reference", 1))):
        out = tmp_path / name
        assert run(["--device", "ideal", "--traces", trace, "--no-software", "--out", str(out), *SHORT, *extra],
                   capsys)[0] == 0
        summary = json.loads((out / "summary.json").read_text())
        assert (summary["mapping"], summary["devices_per_weight"]) == expected
        assert summary["pulses_potentiation_total"] > 0 and summary["pulses_depression_total"] > 0
        assert update_counts.UpdateCounts.from_train_run(out).devices_per_weight == expected[1]


def test_the_level_model_is_one_option_away(mnist, write_trace, tmp_path, capsys):
    out = tmp_path / "run"
    assert run(["--device", "experiment", "--traces", str(write_trace()), "--synapse-model", "levels",
                "--no-software", "--out", str(out), *SHORT], capsys)[0] == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["device_model"]["model"] == "levels" and summary["pulses_potentiation_total"] > 0


def test_periphery_is_the_presets_unless_chosen(mnist, write_trace, tmp_path, capsys):
    trace = str(write_trace())
    for name, extra, expected in (("preset", [], ("1bit", 1, 1)), ("analog", ["--periphery", "analog"],
                                                                       ("analog", None, None))):
        out = tmp_path / name
        assert run(["--device", "experiment", "--traces", trace, "--no-software", "--out", str(out), *SHORT,
                    *extra], capsys)[0] == 0
        periphery = json.loads((out / "summary.json").read_text())["periphery"]
        assert (periphery["name"], periphery["input_bits"], periphery["activation_bits"]) == expected
    with pytest.raises(SystemExit) as stopped:   # argparse rejects an unknown choice
        main(["train", "--device", "software", "--periphery", "ternary", "--out", str(tmp_path / "bad"), *SHORT])
    assert stopped.value.code == 2 and "--periphery" in capsys.readouterr().err
    assert not (tmp_path / "bad").exists()


def test_same_seed_same_curve_and_software_has_no_pulses(mnist, tmp_path, capsys):
    curves = []
    for name in ("a", "b"):
        assert run(["--device", "software", "--out", str(tmp_path / name), *SHORT], capsys)[0] == 0
        curves.append((tmp_path / name / "accuracy.csv").read_text())
    assert curves[0] == curves[1]
    summary = json.loads((tmp_path / "a" / "summary.json").read_text())
    assert summary["weight_updates_total"] == 0 and summary["n_states_pot"] is None


@pytest.mark.parametrize("extra, message", [
    (["--n-states-pot", "50"], "n_states_pot"),
    (["--seeds", "0"], "seeds"),
    (["--c2c-scale", "-1"], "c2c_scale"),
    (["--batch-size", "2000"], "batch_size"),
    (["--mapping", "differential"], "mapping"),   # the experiment preset's transition model has no pair
])
def test_bad_parameters_exit_2_and_write_nothing(mnist, write_trace, tmp_path, capsys, extra, message):
    out = tmp_path / "run"
    code, _, err = run(["--device", "experiment", "--traces", str(write_trace()), "--out", str(out), *SHORT,
                        *extra], capsys)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert not out.exists() and list(tmp_path.iterdir()) == [tmp_path / "trace0"]


def test_bad_trace_and_missing_data_are_named(write_rows, hall_rows, tmp_path, capsys):
    rows = hall_rows([1, 2, 3], [2, 1])
    rows[1]["rho_xy_change_nOhm_cm"] = "nan"
    bad = write_rows(rows)
    code, _, err = run(["--device", "experiment", "--traces", str(bad), "--out", str(tmp_path / "a"), *SHORT], capsys)
    assert code == 2 and str(bad) in err and "NaN" in err
    code, _, err = run(["--device", "software", "--data", str(tmp_path / "none"), "--out", str(tmp_path / "b"),
                        *SHORT], capsys)
    assert code == 2 and "--download" in err and str(tmp_path / "none") in err
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_long_protocol_draws_with_replacement(mnist, tmp_path, capsys):
    out = tmp_path / "long"
    assert run(["--device", "software", "--protocol", "long", "--out", str(out), *SHORT], capsys)[0] == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["protocol"] == "long" and summary["protocol_settings"]["with_replacement"] is True
    assert summary["training_images"] == 3000
